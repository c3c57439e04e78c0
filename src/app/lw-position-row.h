/* lw-position-row.h: the prosecution positions of a participant's card — the
 * latest position on each matter, and the history one step away
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lw/lw-view.h"

G_BEGIN_DECLS

/* A row for a card's GtkListBox made from view alone (lw_positions_from_view()),
 * at the view's level: with prosecution at full, each matter's latest position
 * and a History button that opens the earlier ones; at summary, the labels
 * alone.  NULL when the view holds no position. */
GtkWidget *lw_position_row_new (const LwParticipantView *view);

G_END_DECLS
