/* test-upload-pool.c: with GTK's cairo renderer on X11, a window's frames reach
 * the X server through shared memory that stays (lw-upload-pool.c): a frame as
 * large as the window, after smaller ones, gets no new segment, so its copy
 * writes pages the process already has.
 *
 * Under Xvfb, with GSK_RENDERER=cairo set before GTK starts.  The segments are
 * read from /proc/self/maps (System V shared memory shows as /SYSV…): each
 * large one cairo makes is a new mapping there, with its own inode.  When the
 * program locks, the segment that held its frames goes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <string.h>

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "lw/lw-demo.h"
#include "lw-application.h"
#include "lw-main-page.h"
#include "lw-meetings-page.h"
#include "lw-projector-window.h"
#include "lw-test-ui.h"
#include "lw-test-util.h"
#include "lw-unlock-page-private.h"
#include "lw-upload-pool.h"
#include "lw-window-private.h"

#define WIDTH 1280
#define HEIGHT 720
#define LARGE (1024 * 1024)   /* bytes: smaller segments are not a frame's */

static LwApplication *application;
static guint paints;

static void
after_paint_cb (GdkFrameClock *clock)
{
  paints++;
}

/* The inodes of the System V segments of at least min bytes this process
 * has mapped, sorted, as text. */
static char *
segments (unsigned long min)
{
  g_autofree char *maps = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      unsigned long start, end, inode;
      char perms[8], offset[32], device[32];

      if (strstr (lines[i], "/SYSV") == NULL)
        continue;
      if (sscanf (lines[i], "%lx-%lx %7s %31s %31s %lu", &start, &end, perms, offset, device, &inode) != 6)
        g_error ("unreadable map line: %s", lines[i]);
      if (end - start >= min)
        g_ptr_array_add (found, g_strdup_printf ("%lu", inode));
    }
  g_ptr_array_sort (found, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (found, NULL);
  return g_strjoinv (" ", (char **) found->pdata);
}

static char *
large_segments (void)
{
  return segments (LARGE);
}

/* Fails if a segment of old is in now. */
static void
assert_none_left (const char *old,
                  const char *now)
{
  g_auto(GStrv) each = g_strsplit (old, " ", -1);
  g_auto(GStrv) mapped = g_strsplit (now, " ", -1);

  for (guint i = 0; each[i] != NULL; i++)
    if (each[i][0] != '\0' && g_strv_contains ((const char * const *) mapped, each[i]))
      g_error ("segment %s is still mapped (before: %s; now: %s)", each[i], old, now);
}

static GtkWidget *
window_new (GtkWidget *child,
            int        width,
            int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  lw_upload_pool_attach (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb), NULL);
  return window;
}

/* The pool is cairo's over X11: elsewhere, the test skips.  TRUE when it
 * skipped, window and its toplevels gone. */
static gboolean
skip_unless_x11 (GtkWidget *window)
{
#ifdef GDK_WINDOWING_X11
  if (GDK_IS_X11_DISPLAY (gtk_widget_get_display (window)))
    return FALSE;
#endif
  g_test_skip ("the pool is cairo's over X11");
  lw_test_ui_destroy_toplevels (GTK_WINDOW (window));
  return TRUE;
}

static void
wait_paint (GtkWidget *window)
{
  guint before = paints;
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gtk_widget_queue_draw (window);
  while (paints == before)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  /* the copy is on its way to the server; what cairo frees after it, it
   * frees when it next uploads or when the next frame's surface goes */
  lw_test_ui_iterate (100);
}

static void
test_kept_across_frames (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new ("0");
  GtkWidget *window;
  g_autofree char *kept = NULL;

  gtk_css_provider_load_from_data (provider,
                                   ".lw-test-a { background: rgb(16,32,48); }"
                                   ".lw-test-b { background: rgb(48,64,80); }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_widget_add_css_class (box, "lw-test-a");
  gtk_box_append (GTK_BOX (box), label);
  window = window_new (box, WIDTH, HEIGHT);
  if (skip_unless_x11 (window))
    {
      gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider));
      return;
    }
  wait_paint (window);
  g_assert_true (_lw_upload_pool_is_kept (GTK_WINDOW (window)));
  kept = large_segments ();
  g_test_message ("segments after the first frame: %s", kept);
  g_assert_cmpstr (kept, !=, "");

  /* a frame of the whole window, then small ones, again and again */
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u", i + 1);
      g_autofree char *now = NULL;

      gtk_widget_remove_css_class (box, i % 2 == 0 ? "lw-test-a" : "lw-test-b");
      gtk_widget_add_css_class (box, i % 2 == 0 ? "lw-test-b" : "lw-test-a");
      wait_paint (window);
      now = large_segments ();
      g_assert_cmpstr (now, ==, kept);

      for (guint j = 0; j < 3; j++)
        {
          g_autofree char *small = g_strdup_printf ("%u.%u", i + 1, j);

          gtk_label_set_text (GTK_LABEL (label), small);
          wait_paint (window);
        }
      g_clear_pointer (&now, g_free);
      now = large_segments ();
      g_assert_cmpstr (now, ==, kept);
      gtk_label_set_text (GTK_LABEL (label), text);
    }

  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider));
  gtk_window_destroy (GTK_WINDOW (window));
  lw_test_ui_iterate (50);
}

/* When the program locks, the memory that held its frames goes: with two
 * windows whose frames and keepers may share pools, every segment either
 * had is unmapped once they renew, each keeps a new one, and the new ones
 * serve the next frames. */
static void
test_renewed (void)
{
  GtkWidget *window = window_new (gtk_label_new ("P-0001"), WIDTH, HEIGHT);
  GtkWidget *second = window_new (gtk_label_new ("P-0002"), WIDTH / 2, HEIGHT / 2);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *large_after = NULL;
  g_autofree char *later = NULL;

  if (skip_unless_x11 (window))
    return;
  wait_paint (window);
  wait_paint (second);
  g_assert_true (_lw_upload_pool_is_kept (GTK_WINDOW (window)));
  g_assert_true (_lw_upload_pool_is_kept (GTK_WINDOW (second)));
  before = segments (0);
  g_assert_cmpstr (before, !=, "");

  lw_upload_pool_renew_all ();
  after = segments (0);
  large_after = large_segments ();
  g_test_message ("segments before: %s; after renewing: %s", before, after);
  g_assert_true (_lw_upload_pool_is_kept (GTK_WINDOW (window)));
  g_assert_true (_lw_upload_pool_is_kept (GTK_WINDOW (second)));
  g_assert_cmpstr (large_after, !=, "");
  assert_none_left (before, after);

  /* and the new ones serve the next frames */
  gtk_label_set_text (GTK_LABEL (gtk_window_get_child (GTK_WINDOW (window))), "Locked");
  wait_paint (window);
  later = large_segments ();
  g_assert_cmpstr (later, ==, large_after);

  gtk_window_destroy (GTK_WINDOW (second));
  gtk_window_destroy (GTK_WINDOW (window));
  lw_test_ui_iterate (50);
}

static gboolean
unlock_busy (gpointer data)
{
  return lw_unlock_page_get_busy (data);
}

/* A program with meetings, opened locked as at start, unlocked into meeting
 * mode with the projector; returns the window (NULL when the test skips) and
 * sets *shown to the segments mapped then. */
static LwWindow *
open_meeting_mode (LwTestProgram  *program,
                   char          **shown)
{
  g_autoptr(GError) error = NULL;
  LwWindow *window;
  LwUnlockPage *page;
  GtkWidget *main_page;
  GtkWidget *presenter;
  GtkWindow *projector;

  lw_test_program_setup (program);
  g_assert_true (lw_demo_generate (program->store, 30, 3, &error));
  g_assert_no_error (error);
  g_clear_pointer (&program->store, lw_store_free);
  program->store = lw_store_open (program->path, &error);
  g_assert_no_error (error);

  window = lw_window_new (GTK_APPLICATION (application));
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  lw_window_set_store (window, program->store, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  if (skip_unless_x11 (GTK_WIDGET (window)))
    {
      lw_test_ui_destroy_toplevels (GTK_WINDOW (window));
      lw_test_program_teardown (program);
      return NULL;
    }
  g_assert_true (_lw_upload_pool_is_kept (GTK_WINDOW (window)));

  page = _lw_window_get_unlock_page (window);
  gtk_editable_set_text (_lw_unlock_page_get_entry (page), LW_TEST_PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "unlock.unlock", NULL));
  lw_test_ui_wait_while (unlock_busy, page, 30);
  main_page = _lw_window_get_main_page (window);
  g_assert_true (lw_main_page_present_meeting (LW_MAIN_PAGE (main_page), "next"));
  presenter = _lw_meetings_page_get_presenter (LW_MEETINGS_PAGE (lw_main_page_get_meetings_page (LW_MAIN_PAGE (main_page))));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_activate_action (presenter, "presenter.toggle-projector", NULL));
  projector = lw_test_ui_find_toplevel (LW_TYPE_PROJECTOR_WINDOW);
  g_assert_nonnull (projector);
  g_assert_true (_lw_upload_pool_is_kept (projector));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (projector));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  lw_test_ui_iterate (100);
  *shown = segments (0);
  g_test_message ("segments in meeting mode: %s", *shown);
  g_assert_cmpstr (*shown, !=, "");
  return window;
}

/* After the program went (when: locked, closed): none of the segments shown
 * is left, and the window keeps a pool for its frames; then all goes. */
static void
assert_given_up (LwTestProgram *program,
                 LwWindow      *window,
                 const char    *shown,
                 const char    *when)
{
  g_autofree char *after = NULL;

  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  lw_test_ui_iterate (100);
  after = segments (0);
  g_test_message ("segments once %s: %s", when, after);
  assert_none_left (shown, after);
  g_assert_true (_lw_upload_pool_is_kept (GTK_WINDOW (window)));

  lw_test_ui_destroy_toplevels (GTK_WINDOW (window));
  lw_test_program_teardown (program);
}

/* The program's own window: the segments that carried meeting mode and the
 * projector are gone once the program locks. */
static void
test_lock_gives_up (void)
{
  LwTestProgram program;
  g_autofree char *shown = NULL;
  LwWindow *window = open_meeting_mode (&program, &shown);

  if (window == NULL)
    return;
  lw_window_lock (window, LW_LOCK_REASON_USER);
  g_assert_false (lw_store_is_unlocked (program.store));
  assert_given_up (&program, window, shown, "locked");
}

/* ... and once the program is closed, with no other in its place: the
 * welcome screen's frames go in new memory. */
static void
test_close_gives_up (void)
{
  LwTestProgram program;
  g_autofree char *shown = NULL;
  LwWindow *window = open_meeting_mode (&program, &shown);

  if (window == NULL)
    return;
  lw_window_set_store (window, NULL, FALSE);
  g_assert_cmpstr (lw_window_get_page_name (window), ==, "welcome");
  assert_given_up (&program, window, shown, "closed");
}

static void
test_nothing_before_realize (void)
{
  GtkWidget *window = gtk_window_new ();

  lw_upload_pool_attach (GTK_WINDOW (window));
  g_assert_false (_lw_upload_pool_is_kept (GTK_WINDOW (window)));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  static const char * const paths[] = {
    "/lw/upload-pool/kept-across-frames",
    "/lw/upload-pool/nothing-before-realize",
    "/lw/upload-pool/renewed",
    "/lw/upload-pool/lock-gives-up",
    "/lw/upload-pool/close-gives-up",
  };

  /* the renderer that uploads through cairo-xlib */
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("LEAD_WORKGROUP_TEST_WEAK_KDF", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LEAD_WORKGROUP_TODAY", "2026-11-24", TRUE);
  if (!lw_test_ui_init (&argc, &argv, paths, G_N_ELEMENTS (paths)))
    return g_test_run ();

  /* registered, so that it starts up as when it runs */
  application = lw_application_new ();
  if (!g_application_register (G_APPLICATION (application), NULL, &error))
    g_error ("%s", error->message);

  g_test_add_func (paths[0], test_kept_across_frames);
  g_test_add_func (paths[1], test_nothing_before_realize);
  g_test_add_func (paths[2], test_renewed);
  g_test_add_func (paths[3], test_lock_gives_up);
  g_test_add_func (paths[4], test_close_gives_up);
  return g_test_run ();
}
