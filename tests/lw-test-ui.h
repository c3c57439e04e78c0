/* lw-test-ui.h: what the UI tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Appends every text a person or a screen reader could get from widget and
 * its descendants: labels, entries, text views, window titles, row titles and
 * subtitles, tooltips, accessible labels and descriptions. */
void       lw_test_ui_collect_text (GtkWidget *widget,
                                    GString   *out);
/* The same over every toplevel window. */
char      *lw_test_ui_all_text     (void);
/* An accessible property as text ("" when unset). */
char      *lw_test_ui_accessible_property (GtkWidget             *widget,
                                           GtkAccessibleProperty  property);
/* The first descendant of widget (or widget itself) of type. */
GtkWidget *lw_test_ui_find_widget  (GtkWidget *widget,
                                    GType      type);
/* What widget draws, as the render nodes of one snapshot of it at its size. */
GskRenderNode *lw_test_ui_snapshot_nodes (GtkWidget *widget);
/* Runs the main loop until busy (data) is FALSE or seconds have passed. */
void       lw_test_ui_wait_while   (gboolean  (*busy) (gpointer),
                                    gpointer    data,
                                    guint       seconds);
/* Runs the main loop for ms milliseconds. */
void       lw_test_ui_iterate      (guint       ms);
/* Captures what is logged, debug messages too (which are then not printed),
 * from lw_test_ui_log_capture_start () until lw_test_ui_log_capture_stop (),
 * which returns it: each message and its domain, a line each.  The first
 * start sets the process's log writer; a program that captures sets none. */
void       lw_test_ui_log_capture_start (void);
char      *lw_test_ui_log_capture_stop  (void);
/* Destroys every toplevel window, main (if any) last, and lets them go. */
void       lw_test_ui_destroy_toplevels (GtkWindow *main);
/* A busy function for lw_test_ui_wait_while: the pointer at data is still
 * set (a weak pointer not yet cleared by finalization). */
gboolean   lw_test_ui_pointer_set  (gpointer data);

/* The first of root and its descendants for which match (widget, data) holds. */
GtkWidget *lw_test_ui_find_matching (GtkWidget     *root,
                                     gboolean     (*match) (GtkWidget *, gconstpointer),
                                     gconstpointer  data);
/* A match for lw_test_ui_find_matching: a button whose label is data. */
gboolean   lw_test_ui_is_button_labelled (GtkWidget     *widget,
                                          gconstpointer  label);

/* What AdwApplication and GtkApplication give the app's windows, for windows
 * made without the application: its style sheet and its icons.  Returns the
 * provider; lw_test_ui_unload_app_style () takes the style sheet away again.
 * The icons stay in the display's icon theme (GTK has no call to remove a
 * resource path): they are the app's own names, which nothing else uses. */
GtkCssProvider *lw_test_ui_load_app_style   (void);
void            lw_test_ui_unload_app_style (GtkCssProvider *provider);

/* A shown toplevel window of type (borrowed), or NULL. */
GtkWindow      *lw_test_ui_find_toplevel    (GType type);

/* TRUE when the application's GSettings schema can be found. */
gboolean   lw_test_ui_have_schema  (void);
void       lw_test_ui_skip_no_display (void);
/* With a display: initialises GTK, libadwaita and the vault and returns TRUE.
 * Without one: registers every path as skipped and returns FALSE (the caller
 * then returns g_test_run ()). */
gboolean   lw_test_ui_init         (int                *argc,
                                    char             ***argv,
                                    const char * const *paths,
                                    guint               n_paths);

G_END_DECLS
