/* lw-print-preview.h: the print preview, drawn in the app from the document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lw/lw-export.h"

G_BEGIN_DECLS

#define LW_TYPE_PRINT_PREVIEW (lw_print_preview_get_type ())

G_DECLARE_FINAL_TYPE (LwPrintPreview, lw_print_preview, LW, PRINT_PREVIEW, AdwWindow)

/* Takes document; its pages are laid out for a sheet of width by height points.
 * The window is destroyed with parent (a lock destroys the export window). */
GtkWidget *lw_print_preview_new          (GtkWindow  *parent,
                                          LwDocument *document,
                                          double      width,
                                          double      height);
guint      lw_print_preview_get_n_pages  (LwPrintPreview *self);

G_END_DECLS
