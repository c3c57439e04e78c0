/* lw-position-row.h: the prosecution positions of a participant's card — the
 * latest position on each matter, and the history one step away
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lw/lw-view.h"

G_BEGIN_DECLS

/* The History button of a card laid out as a grid of label pairs: attached
 * beside row (column 2) when view holds an earlier position, after any
 * previous one is taken away (row -1 or view NULL: only that). */
void       lw_position_history_attach (GtkGrid                 *grid,
                                       int                      row,
                                       const LwParticipantView *view);

/* For tests: the popover of a History button, made as pressing it makes it. */
GtkPopover *_lw_position_history_get_popover (GtkMenuButton *button);

G_END_DECLS
