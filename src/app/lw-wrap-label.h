/* lw-wrap-label.h: a wrapping label that breaks its own lines
 *
 * A GtkLabel that wraps is laid out again for every width it is asked about,
 * and adaptive containers ask many times per frame.  This label shapes a text
 * once, unwrapped, and finds its lines at any width from the advances and the
 * break opportunities of that shaping; what it draws is those lines, shaped
 * once more for the width it is given.  Its text is its accessible label, as a
 * GtkLabel's is.  It can also keep to one line and ellipsize, measured as
 * cheaply.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LW_TYPE_WRAP_LABEL (lw_wrap_label_get_type ())

G_DECLARE_FINAL_TYPE (LwWrapLabel, lw_wrap_label, LW, WRAP_LABEL, GtkWidget)

GtkWidget  *lw_wrap_label_new          (const char  *text);
void        lw_wrap_label_set_text     (LwWrapLabel *self,
                                        const char  *text);
const char *lw_wrap_label_get_text     (LwWrapLabel *self);
/* Each line centred in the width given, as a GtkLabel justified to the
 * centre (default: from the start). */
void        lw_wrap_label_set_centered (LwWrapLabel *self,
                                        gboolean     centered);
gboolean    lw_wrap_label_get_centered (LwWrapLabel *self);
/* One line, cut at the end with an ellipsis where it does not fit, as a
 * GtkLabel that ellipsizes and does not wrap (default: wraps).  Its height
 * is the same at any width, and a width is laid out only when drawn. */
void        lw_wrap_label_set_ellipsize (LwWrapLabel *self,
                                         gboolean     ellipsize);
gboolean    lw_wrap_label_get_ellipsize (LwWrapLabel *self);
/* The narrowest it gets, in average characters (default 12). */
void        lw_wrap_label_set_min_chars (LwWrapLabel *self,
                                        int          chars);
/* How many times the text was shaped (for the benchmark and tests). */
guint       lw_wrap_label_get_n_shaped (LwWrapLabel *self);
/* for tests: the text laid out by Pango at width (pixels), with the lines
 * the label breaks it into, and what the label draws at width */
PangoLayout *_lw_wrap_label_get_layout (LwWrapLabel *self,
                                        int          width);
void        _lw_wrap_label_snapshot_at (LwWrapLabel *self,
                                        GtkSnapshot *snapshot,
                                        int          width);

G_END_DECLS
