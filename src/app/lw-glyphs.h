/* lw-glyphs.h: the letters' images drawn ahead, while the main loop is idle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The letters text is written in at a new size: what cards and lists hold. */
extern const char lw_glyphs_sample[];

/* Looks, when the main loop is idle, at the fonts the text under root is set
 * in, and draws lw_glyphs_sample in each one new to the process, one font per
 * turn, so that the first frame that shows them finds their images made. */
void     lw_glyphs_warm          (GtkWidget *root);

/* The same for the text of charts drawn at text_scale (lw_chart_draw ()) in
 * a drawing area, whose fonts no widget shows. */
void     lw_glyphs_warm_chart    (double     text_scale);

/* For tests: whether fonts or roots are waiting to be drawn or looked at. */
gboolean _lw_glyphs_is_pending   (void);
guint    _lw_glyphs_get_n_warmed (void);

G_END_DECLS
