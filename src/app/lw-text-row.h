/* lw-text-row.h: a list row with a title, a wrapping subtitle and suffixes
 *
 * What AdwActionRow shows, with the same style classes, but its title and
 * subtitle are LwWrapLabels: a GtkLabel that wraps is laid out again for every
 * width a list asks about, which made a page of a few dozen rows take longer
 * than a frame to show.  It is an AdwPreferencesRow, so its title is what a
 * search or a screen reader finds; like an action row, it says "activated"
 * when its list activates it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LW_TYPE_TEXT_ROW (lw_text_row_get_type ())

G_DECLARE_FINAL_TYPE (LwTextRow, lw_text_row, LW, TEXT_ROW, AdwPreferencesRow)

GtkWidget  *lw_text_row_new          (void);
void        lw_text_row_set_subtitle (LwTextRow  *self,
                                      const char *subtitle);
const char *lw_text_row_get_subtitle (LwTextRow  *self);
void        lw_text_row_add_suffix   (LwTextRow  *self,
                                      GtkWidget  *widget);

G_END_DECLS
