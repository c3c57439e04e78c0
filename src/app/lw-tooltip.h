/* lw-tooltip.h: tooltips for widgets made or updated many at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* gtk_widget_set_tooltip_text (), without its query of where the pointer is
 * when the text is the same or the widget is in no window yet (lw-tooltip.c). */
void lw_tooltip_set_text (GtkWidget  *widget,
                          const char *text);

G_END_DECLS
