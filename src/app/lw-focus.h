/* lw-focus.h: keyboard focus in long lists
 *
 * GTK 4.8 makes every row of a list a Tab stop, so Tab walks a 40-row list
 * row by row.  A list given to lw_focus_tab_leaves_list() is one Tab stop:
 * the arrow keys choose a row, Tab goes into the row's own controls and then
 * out of the list; Shift+Tab comes back the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* list: a GtkListView, a GtkGridView or a GtkListBox. */
void lw_focus_tab_leaves_list (GtkWidget *list);

G_END_DECLS
