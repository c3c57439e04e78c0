/* lw-toast.h: telling the user what happened, in the nearest toast overlay
 *
 * A widget does not need to know which page holds it: the toast goes to the
 * closest AdwToastOverlay above it (the main page's, or a window's own).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A toast whose title is shown as written (libadwaita reads it as markup). */
AdwToast *lw_toast_new       (const char   *title);
void      lw_toast_set_title (AdwToast     *toast,
                              const char   *title);
/* Shows toast (taking it) above widget; drops it when nothing can show it. */
void lw_toast_add        (GtkWidget    *widget,
                          AdwToast     *toast);
void lw_toast_show       (GtkWidget    *widget,
                          const char   *title);
/* The error's message (core messages name tables and rows, never a value). */
void lw_toast_show_error (GtkWidget    *widget,
                          const GError *error);

/* A toast with Undo: undo (a "button-clicked" handler of AdwToast) runs with
 * undo_data when it is clicked; undo_data_free runs when the toast goes. */
void      lw_toast_show_undo     (GtkWidget      *widget,
                                  const char     *title,
                                  GCallback       undo,
                                  gpointer        undo_data,
                                  GDestroyNotify  undo_data_free);
/* For tests: the last toast with Undo, while it lives. */
AdwToast *lw_toast_get_last_undo (void);

G_END_DECLS
