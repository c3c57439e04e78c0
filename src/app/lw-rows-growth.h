/* lw-rows-growth.h: a long list's rows given to its view over a few frames
 *
 * A one-column GtkGridView (the participants and action items lists) makes
 * and lays out a widget for each row it is given, up to about 32 of them, in
 * the frame after it is given them: about 0.7 ms a row for the Action Items.
 * Giving it the first 20 rows (a screen of them), 20 more the next frame,
 * then the rest (which cost nothing more), keeps each of those frames short.
 * (GTK 4.8's list view would make up to 200: this is for the grids.)  A
 * GtkListBox bound to the model (the meetings) lays out every row it holds,
 * so it gains the same way.  The rows grow only while the view is drawn: a
 * list filled out of sight starts short when shown, and the frame that shows
 * it lays out the first rows alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _LwRowsGrowth LwRowsGrowth;

/* The view is not owned; model is referenced. */
LwRowsGrowth *lw_rows_growth_new       (GtkWidget    *view,
                                        GListModel   *model);
void          lw_rows_growth_free      (LwRowsGrowth *self);
/* What the view is to show (a GtkSliceListModel of model). */
GListModel   *lw_rows_growth_get_model (LwRowsGrowth *self);
/* The first rows now, the others over the frames the view draws. */
void          lw_rows_growth_restart   (LwRowsGrowth *self);
/* Every row now (a row far down is to be shown or chosen). */
void          lw_rows_growth_finish    (LwRowsGrowth *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwRowsGrowth, lw_rows_growth_free)

G_END_DECLS
