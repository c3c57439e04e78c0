/* bench-app.c: the application at the reference load, measured with the frame clock
 *
 * Not a test: run under a display (make bench runs it under xvfb-run).  Opens
 * the app on a reference-load file (lw-bench-util.c) and measures, each beside
 * a floor measured in the same run:
 *
 *   unlock to usable     the first frame of the main window with the
 *                        participant list on screen, after the key derivation
 *   page switches        to the first frame of each page, first visit and again
 *   participant selected to the frame showing it
 *   meeting mode         opened from the Meetings page, to its first frame,
 *                        and the longest main-loop block in the 500 ms after
 *   Page Down            in meeting mode, presenter and projector both drawn
 *   main-loop blocks     the longest the main loop did not run, after unlock
 *                        and while each page is first visited; and, not a
 *                        target, while the key is derived
 *   peak memory          after browsing every page (with a participant
 *                        selected), against a bare AdwApplicationWindow's;
 *                        and with meeting mode and the projector too, against
 *                        the same with a second bare window as big as the
 *                        projector window
 *   cold start           to the unlock screen, against a bare
 *                        AdwApplicationWindow's first frame
 *
 * The floors: a bare window's frame after the same kind of change (a page of
 * an AdwViewStack, two windows drawn for Page Down), a bare
 * AdwApplicationWindow's start and memory.  Each measurement runs in a child
 * process of its own, so that one cannot warm or fill another.
 *
 * Usage: bench-app [--participants N] [--keep DIR] [--renderer NAME] [--runs N] [--no-scale]
 *
 * Then, unless --no-scale, unlock to usable and the longest block until then
 * at 1,000, 10,000 and 50,000 participants, with the growth.
 *
 * Peak memory is the median of three processes: the frames child and two
 * that only browse the pages and open meeting mode once (--child-memory).
 *
 * BENCH_EXIT_AT=NAME ends a child right after it prints the figure NAME, with
 * nothing freed: under heaptrack, what it reports as leaked is then what was
 * held at that point (rss-after-pages-mb, say).  BENCH_VERBOSE=1 tells each
 * paint (its update, ticks and styles, its layout and its drawing, and its
 * page faults) and long
 * block, and the memory after each page's first visit.
 * BENCH_SMAPS_DIR=DIR writes /proc/self/smaps as each figure is printed, to
 * DIR/NAME: where the resident memory is, mapping by mapping.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#if __has_include (<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define HAVE_CALLGRIND 1
#endif

#include "lw/lw-i18n.h"
#include "lw/lw-vault.h"
#include "lw-application.h"
#include "lw-bench-util.h"
#include "lw-main-page.h"
#include "lw-participant-detail.h"
#include "lw-participants-page-private.h"
#include "lw-presenter.h"
#include "lw-projector-window.h"
#include "lw-reports-page.h"
#include "lw-test-ui.h"
#include "lw-test-util.h"
#include "lw-trim.h"
#include "lw-unlock-page-private.h"
#include "lw-window-private.h"

#define PASSPHRASE "benchmark passphrase"
#define TIMEOUT_MS 60000

static guint n_runs = 9;

/* ----------------------------------------------------------------------------
 * Frames
 */

#define MAX_WATCHED 8

static struct
{
  GtkWidget *window;
  gint64     last_paint;   /* µs, monotonic */
  gint64     last_begin;   /* µs: the frame's before-paint */
  gint64     last_work;    /* µs: its before-paint to its after-paint */
  gint64     phase[2];     /* µs: the ends of its update (ticks, styles), layout */
  long       faults;       /* minor page faults before its before-paint */
} watched[MAX_WATCHED];

static gint64 verbose_since;   /* BENCH_VERBOSE: paints and blocks are told from here */
#ifdef HAVE_CALLGRIND
static int profile_drawing;    /* BENCH_PROFILE=usable-drawing: 1 armed, 2 on, 3 done */
static int profile_paints = 1; /* paints until it is done (report-shown: BENCH_PROFILE_PAINTS) */
static gboolean profile_sizes; /* BENCH_PROFILE=report-sizes: on in each size for the window manager */
#endif

/* BENCH_VERBOSE: a frame's page faults (lw_test_minor_faults ()), the whole
 * process's: a worker's faults during the frame count too. */
static void
before_paint_cb (GdkFrameClock *clock,
                 gpointer       data)
{
  watched[GPOINTER_TO_UINT (data)].last_begin = g_get_monotonic_time ();
  watched[GPOINTER_TO_UINT (data)].faults = lw_test_minor_faults ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  watched[GPOINTER_TO_UINT (data)].last_paint = g_get_monotonic_time ();
#ifdef HAVE_CALLGRIND
  if (profile_drawing == 2 && --profile_paints <= 0)
    {
      profile_drawing = 3;
      CALLGRIND_STOP_INSTRUMENTATION;
    }
#endif
  watched[GPOINTER_TO_UINT (data)].last_work = watched[GPOINTER_TO_UINT (data)].last_paint -
                                                watched[GPOINTER_TO_UINT (data)].last_begin;
  if (verbose_since != 0)
    {
      gint64 *phase = watched[GPOINTER_TO_UINT (data)].phase;
      gint64 begin = watched[GPOINTER_TO_UINT (data)].last_begin;

      /* a phase the frame did not run has its stamp from an earlier frame */
      for (guint i = 0; i < G_N_ELEMENTS (watched[0].phase); i++)
        if (phase[i] < begin)
          phase[i] = i > 0 ? phase[i - 1] : begin;
      g_printerr ("  %8.1f ms  paint of window %u (frame %.1f ms: update %.1f, layout %.1f, drawing %.1f; %ld page faults)\n",
                  (watched[GPOINTER_TO_UINT (data)].last_paint - verbose_since) / 1000.0, GPOINTER_TO_UINT (data),
                  watched[GPOINTER_TO_UINT (data)].last_work / 1000.0,
                  (phase[0] - begin) / 1000.0, (phase[1] - phase[0]) / 1000.0,
                  (watched[GPOINTER_TO_UINT (data)].last_paint - phase[1]) / 1000.0,
                  lw_test_minor_faults () - watched[GPOINTER_TO_UINT (data)].faults);
    }
}

/* BENCH_VERBOSE's split of a frame: connected after GTK's own handlers, these
 * stamp the end of the frame's update (the widgets' ticks, then the styles'
 * validation, GtkNative's handler, connected after) and of measuring and
 * allocating (the surface's "layout"); what is left to the after-paint is
 * drawing.  Ticks and styles are one figure: GTK connects its tick handler
 * when a widget first asks for ticks, after this one, so a stamp between
 * them would fall on either side. */
static void
update_done_cb (GdkFrameClock *clock,
                gpointer       data)
{
  watched[GPOINTER_TO_UINT (data)].phase[0] = g_get_monotonic_time ();
}

static void
layout_done_cb (GdkFrameClock *clock,
                gpointer       data)
{
  watched[GPOINTER_TO_UINT (data)].phase[1] = g_get_monotonic_time ();
#ifdef HAVE_CALLGRIND
  if (profile_drawing == 1)
    {
      profile_drawing = 2;
      CALLGRIND_START_INSTRUMENTATION;
    }
#endif
}

/* BENCH_VERBOSE: the toplevel's size for the window manager (GtkWindow
 * measures the whole window for its minimum size); an emission hook stamps
 * the start, a handler connected after GTK's the end. */
static gint64 compute_size_begin;

static gboolean
compute_size_hook (GSignalInvocationHint *hint,
                   guint                  n_params,
                   const GValue          *params,
                   gpointer               data)
{
  compute_size_begin = g_get_monotonic_time ();
#ifdef HAVE_CALLGRIND
  if (profile_sizes)
    CALLGRIND_START_INSTRUMENTATION;
#endif
  return TRUE;
}

static void
compute_size_done_cb (GdkToplevel     *toplevel,
                      GdkToplevelSize *size,
                      gpointer         data)
{
  gint64 now = g_get_monotonic_time ();

#ifdef HAVE_CALLGRIND
  if (profile_sizes)
    {
      CALLGRIND_STOP_INSTRUMENTATION;
      CALLGRIND_DUMP_STATS;  /* a profile each */
    }
#endif
  if (verbose_since != 0 && compute_size_begin != 0 && now - compute_size_begin >= 500)
    g_printerr ("  %8.1f ms  window %u's size for the window manager %.1f ms\n",
                (now - verbose_since) / 1000.0, GPOINTER_TO_UINT (data), (now - compute_size_begin) / 1000.0);
}

/* Watches window's paints; returns its index. */
static guint
watch (GtkWidget *window)
{
  for (guint i = 0; i < MAX_WATCHED; i++)
    if (watched[i].window == window)
      return i;
  for (guint i = 0; i < MAX_WATCHED; i++)
    if (watched[i].window == NULL)
      {
        GdkFrameClock *clock;

        gtk_widget_realize (window);
        clock = gtk_widget_get_frame_clock (window);
        g_assert_nonnull (clock);
        watched[i].window = window;
        watched[i].last_paint = 0;
        g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), GUINT_TO_POINTER (i));
        g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), GUINT_TO_POINTER (i));
        g_signal_connect_after (clock, "update", G_CALLBACK (update_done_cb), GUINT_TO_POINTER (i));
        g_signal_connect_after (clock, "layout", G_CALLBACK (layout_done_cb), GUINT_TO_POINTER (i));
        if (g_getenv ("BENCH_VERBOSE") != NULL && GDK_IS_TOPLEVEL (gtk_native_get_surface (GTK_NATIVE (window))))
          {
            static gulong hook;

            if (hook == 0)
              hook = g_signal_add_emission_hook (g_signal_lookup ("compute-size", GDK_TYPE_TOPLEVEL), 0,
                                                 compute_size_hook, NULL, NULL);
            g_signal_connect_after (gtk_native_get_surface (GTK_NATIVE (window)), "compute-size",
                                    G_CALLBACK (compute_size_done_cb), GUINT_TO_POINTER (i));
          }
        return i;
      }
  g_assert_not_reached ();
}

/* Runs the main loop until every watched window in mask has painted after
 * since (µs); returns the milliseconds from since to the last of those paints,
 * or -1 after the timeout. */
static double
wait_paint (guint  mask,
            gint64 since)
{
  gint64 end = g_get_monotonic_time () + (gint64) TIMEOUT_MS * 1000;

  for (;;)
    {
      gint64 last = 0;
      gboolean all = TRUE;

      for (guint i = 0; i < MAX_WATCHED; i++)
        if (mask & (1u << i))
          {
            if (watched[i].last_paint <= since)
              all = FALSE;
            last = MAX (last, watched[i].last_paint);
          }
      if (all)
        return (last - since) / 1000.0;
      if (g_get_monotonic_time () > end)
        return -1;
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
iterate_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (500);
}

/* The longest the main loop did not run, while recording. */
static struct
{
  guint    source;
  gint64   last;
  gint64   max_gap;
} beat;

static gboolean
beat_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (beat.last != 0)
    beat.max_gap = MAX (beat.max_gap, now - beat.last);
  if (verbose_since != 0 && beat.last != 0 && now - beat.last > 17000)
    g_printerr ("  %8.1f ms  main loop blocked %.1f ms\n", (now - verbose_since) / 1000.0,
                (now - beat.last) / 1000.0);
  beat.last = now;
  return G_SOURCE_CONTINUE;
}

static void
beat_start (void)
{
  beat.last = g_get_monotonic_time ();
  beat.max_gap = 0;
  if (beat.source == 0)
    beat.source = g_timeout_add_full (G_PRIORITY_HIGH, 1, beat_cb, NULL, NULL);
}

/* The longest gap since beat_start (), in ms. */
static double
beat_stop (void)
{
  beat_cb (NULL);
  g_clear_handle_id (&beat.source, g_source_remove);
  return beat.max_gap / 1000.0;
}

static void
emit (const char *name,
      double      value)
{
  printf ("%s %.3f\n", name, value);
  fflush (stdout);
  if (g_getenv ("BENCH_SMAPS_DIR") != NULL)
    {
      g_autofree char *text = NULL;
      g_autofree char *to = g_strdup_printf ("%s/%s", g_getenv ("BENCH_SMAPS_DIR"), name);

      if (g_file_get_contents ("/proc/self/smaps", &text, NULL, NULL))
        g_file_set_contents (to, text, -1, NULL);
    }
  if (g_strcmp0 (g_getenv ("BENCH_EXIT_AT"), name) == 0)
    _exit (0);
}

/* ----------------------------------------------------------------------------
 * Floors: a bare window's frames
 */

static GtkWidget *
bare_window (const char *title,
             int         width,
             int         height)
{
  GtkWidget *window = g_object_new (ADW_TYPE_APPLICATION_WINDOW, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *stack = adw_view_stack_new ();

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  for (int i = 0; i < 2; i++)
    {
      GtkWidget *page = adw_status_page_new ();
      g_autofree char *name = g_strdup_printf ("page%d", i);

      adw_status_page_set_title (ADW_STATUS_PAGE (page), title);
      adw_status_page_set_description (ADW_STATUS_PAGE (page), name);
      adw_view_stack_add_named (ADW_VIEW_STACK (stack), page, name);
    }
  gtk_widget_set_vexpand (stack, TRUE);
  gtk_box_append (GTK_BOX (box), stack);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  g_object_set_data (G_OBJECT (window), "stack", stack);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* Shows the other page. */
static void
bare_switch (GtkWidget *window)
{
  AdwViewStack *stack = g_object_get_data (G_OBJECT (window), "stack");

  adw_view_stack_set_visible_child_name (stack, g_str_equal (adw_view_stack_get_visible_child_name (stack), "page0")
                                                ? "page1" : "page0");
}

static void
measure_floors (void)
{
  /* as the app's two windows: the main window and the projector window
   * (windowed, its default size, where there is one monitor) */
  GtkWidget *one = bare_window ("Bare", 1280, 720);
  GtkWidget *two = bare_window ("Second", 1280, 720);
  guint a = watch (one), b = watch (two);
  double single[32], both[32], both_work[32];

  wait_paint ((1u << a) | (1u << b), 0);
  iterate_ms (200);
  for (guint i = 0; i < n_runs; i++)
    {
      gint64 t0 = g_get_monotonic_time ();

      bare_switch (one);
      single[i] = wait_paint (1u << a, t0);
      iterate_ms (20);
      t0 = g_get_monotonic_time ();
      bare_switch (one);
      bare_switch (two);
      both[i] = wait_paint ((1u << a) | (1u << b), t0);
      both_work[i] = (watched[a].last_work + watched[b].last_work) / 1000.0;
      iterate_ms (20);
    }
  emit ("floor-frame", lw_bench_median (single, n_runs));
  emit ("floor-two-windows", lw_bench_median (both, n_runs));
  emit ("floor-two-windows-work", lw_bench_median (both_work, n_runs));
  watched[a].window = watched[b].window = NULL;
  gtk_window_destroy (GTK_WINDOW (one));
  gtk_window_destroy (GTK_WINDOW (two));
  iterate_ms (100);
}

/* ----------------------------------------------------------------------------
 * The application
 */

typedef struct
{
  LwStore  *store;
  LwWindow *window;
  gint64    kdf_end;
} App;

static void
busy_cb (LwUnlockPage *page,
         GParamSpec   *pspec,
         App          *app)
{
  gboolean busy;

  g_object_get (page, "busy", &busy, NULL);
  if (!busy && app->kdf_end == 0)
    app->kdf_end = g_get_monotonic_time ();
}

static LwParticipantsPage *
participants_page (App *app)
{
  return LW_PARTICIPANTS_PAGE (lw_test_ui_find_widget (_lw_window_get_main_page (app->window),
                                                       LW_TYPE_PARTICIPANTS_PAGE));
}

static AdwViewStack *
view_stack (App *app)
{
  return ADW_VIEW_STACK (lw_test_ui_find_widget (_lw_window_get_main_page (app->window),
                                                 ADW_TYPE_VIEW_STACK));
}

static gboolean
list_on_screen (App *app)
{
  LwParticipantsPage *page;
  GtkWidget *list;
  GtkWidget *child;

  if (g_strcmp0 (lw_window_get_page_name (app->window), "main") != 0)
    return FALSE;
  page = participants_page (app);
  if (page == NULL || !gtk_widget_get_mapped (GTK_WIDGET (page)))
    return FALSE;
  if (g_list_model_get_n_items (_lw_participants_page_get_model (page)) == 0)
    return FALSE;
  /* a row widget is there, bound */
  list = GTK_WIDGET (_lw_participants_page_get_list_view (page));
  child = gtk_widget_get_first_child (list);
  return child != NULL && gtk_widget_get_mapped (child);
}

static void
unlock (App *app)
{
  LwUnlockPage *page = _lw_window_get_unlock_page (app->window);
  guint w = watch (GTK_WIDGET (app->window));
  gint64 start, deadline;
  double usable = -1, before_usable, after_usable;

  g_signal_connect (page, "notify::busy", G_CALLBACK (busy_cb), app);
  gtk_editable_set_text (_lw_unlock_page_get_entry (page), PASSPHRASE);
  /* the main loop is watched from before the unlock: what runs in the
   * callback that ends it (the main window being made) is a block too */
  beat_start ();
  start = g_get_monotonic_time ();
#ifdef HAVE_CALLGRIND
  /* BENCH_PROFILE=unlock under valgrind --tool=callgrind --instr-atstart=no:
   * the unlock and the first frame after it, alone */
  if (g_strcmp0 (g_getenv ("BENCH_PROFILE"), "unlock") == 0)
    CALLGRIND_START_INSTRUMENTATION;
#endif
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "unlock.unlock", NULL));
  while (app->kdf_end == 0)
    g_main_context_iteration (NULL, TRUE);
  emit ("key-derivation", (app->kdf_end - start) / 1000.0);
#ifdef HAVE_CALLGRIND
  /* BENCH_PROFILE=usable: from the key derivation's end to the first frame;
   * usable-drawing: that frame's drawing alone.  Under valgrind the key is
   * derived before the idle that makes the main window's sections runs, so
   * "usable" holds work that otherwise runs during the derivation. */
  if (g_strcmp0 (g_getenv ("BENCH_PROFILE"), "usable") == 0)
    CALLGRIND_START_INSTRUMENTATION;
  if (g_strcmp0 (g_getenv ("BENCH_PROFILE"), "usable-drawing") == 0)
    profile_drawing = 1;
#endif

  /* from here: the first frame with the list on it; the key derivation ran in
   * a thread and blocked nothing, the callback after it did */
  if (g_getenv ("BENCH_VERBOSE") != NULL)
    {
      verbose_since = app->kdf_end;
      /* for matching with a profiler's clock (perf record -k mono) */
      g_printerr ("  times below are from the key derivation's end, %.6f s monotonic\n",
                  verbose_since / 1e6);
    }
  /* while it ran, the main window's sections were made, out of sight, with
   * the unlock screen's spinner turning */
  emit ("block-during-key-derivation", beat.max_gap / 1000.0);
  beat.max_gap = 0;
  deadline = g_get_monotonic_time () + (gint64) TIMEOUT_MS * 1000;
  while (g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      if (watched[w].last_paint > app->kdf_end && list_on_screen (app))
        {
          gint64 painted = watched[w].last_paint;

          /* the frame that drew the rows: the next paint after they were there */
          if (wait_paint (1u << w, painted) >= 0)
            usable = (watched[w].last_paint - app->kdf_end) / 1000.0;
          break;
        }
    }
  before_usable = beat_stop ();
#ifdef HAVE_CALLGRIND
  if (g_strcmp0 (g_getenv ("BENCH_PROFILE"), "unlock") == 0 ||
      g_strcmp0 (g_getenv ("BENCH_PROFILE"), "usable") == 0)
    CALLGRIND_STOP_INSTRUMENTATION;
#endif
  emit ("unlock-to-usable", usable);
  emit ("block-until-usable", before_usable);

  /* what runs on after the first frame (lists filling in) */
  beat_start ();
  iterate_ms (3000);
  after_usable = beat_stop ();
  emit ("block-after-usable", after_usable);
  /* BENCH_VERBOSE: on, through the pages and the selections */
}

#ifdef HAVE_CALLGRIND
/* TRUE from the second time a page is asked about */
static gboolean
profiled_page (const char *name)
{
  static GHashTable *seen;

  if (seen == NULL)
    seen = g_hash_table_new (g_str_hash, g_str_equal);
  return !g_hash_table_add (seen, (gpointer) g_intern_string (name));
}
#endif

#ifdef HAVE_CALLGRIND
/* BENCH_PROFILE=report-shown: from the reports page's switch to its report
 * (made in a thread) to the end of that frame */
static void
report_shown_cb (GtkStack   *stack,
                 GParamSpec *pspec,
                 gpointer    data)
{
  if (g_strcmp0 (g_getenv ("BENCH_PROFILE"), "report-sizes") == 0)
    {
      /* from the report shown to the end of the first visit */
      profile_sizes = g_strcmp0 (gtk_stack_get_visible_child_name (stack), "report") == 0;
      return;
    }
  if (profile_drawing == 0 && g_strcmp0 (gtk_stack_get_visible_child_name (stack), "report") == 0)
    {
      profile_drawing = 2;
      if (g_getenv ("BENCH_PROFILE_PAINTS") != NULL)
        profile_paints = CLAMP (atoi (g_getenv ("BENCH_PROFILE_PAINTS")), 1, 100);
      CALLGRIND_START_INSTRUMENTATION;
    }
}

/* the reports page's own stack, not a drop-down's */
static GtkWidget *
find_report_stack (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "building") != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_report_stack (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}
#endif

static double
switch_page (App        *app,
             const char *name)
{
  guint w = watch (GTK_WIDGET (app->window));
  gint64 t0 = g_get_monotonic_time ();
  double t;

#ifdef HAVE_CALLGRIND
  /* BENCH_PROFILE=page-NAME: the first switch to that page, to its frame */
  g_autofree char *profile = g_strdup_printf ("page-%s", name);
  gboolean profiling = g_strcmp0 (g_getenv ("BENCH_PROFILE"), profile) == 0 && !profiled_page (name);

  if (profiling)
    CALLGRIND_START_INSTRUMENTATION;
  if (g_str_has_prefix (g_getenv ("BENCH_PROFILE") ? g_getenv ("BENCH_PROFILE") : "", "report-") &&
      g_strcmp0 (name, "reports") == 0)
    {
      GtkWidget *page = adw_view_stack_get_child_by_name (view_stack (app), name);

      g_signal_connect (find_report_stack (page), "notify::visible-child-name",
                        G_CALLBACK (report_shown_cb), NULL);
    }
#endif
  adw_view_stack_set_visible_child_name (view_stack (app), name);
  t = wait_paint (1u << w, t0);
#ifdef HAVE_CALLGRIND
  if (profiling)
    CALLGRIND_STOP_INSTRUMENTATION;
#endif
  if (verbose_since != 0)
    g_printerr ("  %8.1f ms  switch to %s to frame %.1f ms\n", (t0 - verbose_since) / 1000.0 + t, name, t);
  iterate_ms (50);
  return t;
}

static void
measure_pages (App *app)
{
  static const char * const pages[] = { "meetings", "action-items", "community", "workgroup", "decisions", "reports",
                                        "participants" };
  double again[G_N_ELEMENTS (pages)][32];

  /* first visits (the participants page is the one shown after unlock),
   * and what each page does after its first frame (a report made in a
   * thread, then shown) */
  beat_start ();
  for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
    {
      g_autofree char *key = g_strdup_printf ("page-first-%s", pages[p]);
      emit (key, switch_page (app, pages[p]));
      iterate_ms (500);
#ifdef HAVE_CALLGRIND
      /* under valgrind, the report takes longer than that */
      if (g_strcmp0 (g_getenv ("BENCH_PROFILE"), "report-shown") == 0 && g_strcmp0 (pages[p], "reports") == 0)
        while (profile_drawing != 3)
          g_main_context_iteration (NULL, TRUE);
      if (g_strcmp0 (g_getenv ("BENCH_PROFILE"), "report-sizes") == 0 && g_strcmp0 (pages[p], "reports") == 0)
        {
          LwReportsPage *reports = LW_REPORTS_PAGE (adw_view_stack_get_child_by_name (view_stack (app), "reports"));

          while (_lw_reports_page_is_building (reports))
            g_main_context_iteration (NULL, TRUE);
          profile_sizes = FALSE;
        }
#endif
      if (g_getenv ("BENCH_VERBOSE") != NULL)
        g_printerr ("  after the first visit to %s: resident %.1f MB, peak %.1f MB\n", pages[p],
                    lw_bench_status_kb ("VmRSS:") / 1024.0, lw_bench_status_kb ("VmHWM:") / 1024.0);
    }
  emit ("block-first-visits", beat_stop ());
  for (guint i = 0; i < MIN (n_runs, 5u); i++)
    for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
      again[p][i] = switch_page (app, pages[p]);
  for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
    {
      g_autofree char *key = g_strdup_printf ("page-again-%s", pages[p]);
      emit (key, lw_bench_median (again[p], MIN (n_runs, 5u)));
    }
}

static void
measure_selection (App *app)
{
  LwParticipantsPage *page = participants_page (app);
  GtkGridView *list = _lw_participants_page_get_list_view (page);
  GtkSelectionModel *model = gtk_grid_view_get_model (list);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
  guint w = watch (GTK_WIDGET (app->window));
  double t[32], whole[32], worst = 0;
  LwParticipantDetail *detail = NULL;

  switch_page (app, "participants");
  for (guint i = 0; i < n_runs; i++)
    {
      gint64 t0 = g_get_monotonic_time ();

#ifdef HAVE_CALLGRIND
      if (i == 1 && g_strcmp0 (g_getenv ("BENCH_PROFILE"), "select") == 0)
        CALLGRIND_START_INSTRUMENTATION;
#endif
      gtk_selection_model_select_item (model, (i * 7) % MAX (n, 1), TRUE);
      t[i] = wait_paint (1u << w, t0);
#ifdef HAVE_CALLGRIND
      if (i == 1 && g_strcmp0 (g_getenv ("BENCH_PROFILE"), "select") == 0)
        CALLGRIND_STOP_INSTRUMENTATION;
#endif
      worst = MAX (worst, t[i]);
      /* and the frame after the last of its rows is shown */
      if (detail == NULL)
        detail = LW_PARTICIPANT_DETAIL (lw_test_ui_find_widget (GTK_WIDGET (page), LW_TYPE_PARTICIPANT_DETAIL));
      while (!_lw_participant_detail_is_complete (detail))
        g_main_context_iteration (NULL, TRUE);
      whole[i] = wait_paint (1u << w, g_get_monotonic_time ());
      whole[i] = whole[i] < 0 ? -1 : (watched[w].last_paint - t0) / 1000.0;
      if (verbose_since != 0)
        g_printerr ("  %8.1f ms  selection to frame %.1f ms\n",
                    (t0 - verbose_since) / 1000.0 + t[i], t[i]);
      iterate_ms (50);
    }
  emit ("select-participant", lw_bench_median (t, n_runs));
  emit ("select-participant-max", worst);
  emit ("select-participant-complete", lw_bench_median (whole, n_runs));
}


static void
measure_page_down (App *app)
{
  GtkWidget *main_page = _lw_window_get_main_page (app->window);
  guint w = watch (GTK_WIDGET (app->window));
  GtkWidget *presenter, *projector;
  guint p;
  double t[64], work[64], worst = 0;
  gint64 handler;
  /* BENCH_PAGE_DOWN_STEPS=N: more steps, for a sampling profiler */
  guint steps = g_getenv ("BENCH_PAGE_DOWN_STEPS") ? CLAMP (g_ascii_strtoull (g_getenv ("BENCH_PAGE_DOWN_STEPS"), NULL, 10), 1, 64)
                                                   : MIN (n_runs, 5u);
  gint64 t0;

  switch_page (app, "meetings");
  t0 = g_get_monotonic_time ();
  beat_start ();
#ifdef HAVE_CALLGRIND
  /* BENCH_PROFILE=meeting-mode: opening it, to its first frame */
  if (g_strcmp0 (g_getenv ("BENCH_PROFILE"), "meeting-mode") == 0)
    CALLGRIND_START_INSTRUMENTATION;
#endif
  if (!lw_main_page_present_meeting (LW_MAIN_PAGE (main_page), "next"))
    {
      emit ("page-down", -1);
      return;
    }
  if (g_getenv ("BENCH_VERBOSE") != NULL)
    g_printerr ("  meeting mode's handler %.1f ms\n", (g_get_monotonic_time () - t0) / 1000.0);
  emit ("meeting-mode", wait_paint (1u << w, t0));
#ifdef HAVE_CALLGRIND
  if (g_strcmp0 (g_getenv ("BENCH_PROFILE"), "meeting-mode") == 0)
    CALLGRIND_STOP_INSTRUMENTATION;
#endif
  iterate_ms (500);
  emit ("block-meeting-mode", beat_stop ());
  presenter = lw_test_ui_find_widget (main_page, LW_TYPE_PRESENTER);
  g_assert_nonnull (presenter);
  g_assert_true (gtk_widget_activate_action (presenter, "presenter.toggle-projector", NULL));
  iterate_ms (300);
  projector = GTK_WIDGET (lw_test_ui_find_toplevel (LW_TYPE_PROJECTOR_WINDOW));
  g_assert_nonnull (projector);
  p = watch (projector);
  wait_paint ((1u << w) | (1u << p), 0);
  iterate_ms (300);
  /* the memory floor's second window is this size (child_bare_memory ()) */
  emit ("projector-width", gtk_widget_get_width (projector));
  emit ("projector-height", gtk_widget_get_height (projector));

  for (guint i = 0; i < steps; i++)
    {
      t0 = g_get_monotonic_time ();
#ifdef HAVE_CALLGRIND
      /* BENCH_PROFILE=page-down: each step, to both windows' frames */
      if (g_strcmp0 (g_getenv ("BENCH_PROFILE"), "page-down") == 0)
        CALLGRIND_START_INSTRUMENTATION;
#endif
      g_assert_true (gtk_widget_activate_action (presenter, "presenter.next", NULL));
      handler = g_get_monotonic_time () - t0;
      t[i] = wait_paint ((1u << w) | (1u << p), t0);
      /* the work alone: the handler and both windows' frames, without the
       * wait for the next frame (the notes' blinking cursor keeps the
       * presenter's frame clock running) */
      work[i] = (handler + watched[w].last_work + watched[p].last_work) / 1000.0;
#ifdef HAVE_CALLGRIND
      if (g_strcmp0 (g_getenv ("BENCH_PROFILE"), "page-down") == 0)
        {
          CALLGRIND_STOP_INSTRUMENTATION;
          CALLGRIND_DUMP_STATS;  /* a profile per step: the first ones differ */
        }
#endif
      if (g_getenv ("BENCH_VERBOSE") != NULL)
        g_printerr ("  page down %u at %.3f s: %.1f ms, work %.1f ms (handler %.1f, frames %.1f and %.1f)\n", i,
                    t0 / 1e6, t[i], work[i], handler / 1000.0, watched[w].last_work / 1000.0,
                    watched[p].last_work / 1000.0);
      worst = MAX (worst, t[i]);
      iterate_ms (100);
    }
  emit ("page-down", lw_bench_median (t, steps));
  emit ("page-down-max", worst);
  emit ("page-down-work", lw_bench_median (work, steps));
}

static int
child_frames (const char *path,
              gboolean    timings)
{
  g_autoptr(GError) error = NULL;
  App app = { 0 };
  GtkCssProvider *style;
  gint64 peak_kb;

  /* the style sheet and icons the application gives its windows */
  style = lw_test_ui_load_app_style ();
  if (timings)
    measure_floors ();

  app.store = lw_store_open (path, &error);
  g_assert_no_error (error);
  app.window = lw_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (app.window), 1280, 720);
  lw_window_set_store (app.window, app.store, FALSE);
  gtk_window_present (GTK_WINDOW (app.window));
  wait_paint (1u << watch (GTK_WIDGET (app.window)), 0);
  iterate_ms (200);

  unlock (&app);
  /* memory from here: Argon2id's working memory is gone by now */
  lw_bench_reset_peak ();
  emit ("rss-after-unlock-mb", lw_bench_status_kb ("VmRSS:") / 1024.0);
  measure_pages (&app);
  emit ("rss-after-pages-mb", lw_bench_status_kb ("VmRSS:") / 1024.0);
  measure_selection (&app);
  emit ("rss-after-selection-mb", lw_bench_status_kb ("VmRSS:") / 1024.0);
  peak_kb = lw_bench_status_kb ("VmHWM:");
  emit ("peak-before-meeting-mode-mb", peak_kb / 1024.0);
  measure_page_down (&app);
  iterate_ms (500);
  emit ("rss-after-meeting-mode-mb", lw_bench_status_kb ("VmRSS:") / 1024.0);
  peak_kb = lw_bench_status_kb ("VmHWM:");
  emit ("peak-memory-mb", peak_kb / 1024.0);

  for (guint i = 0; i < MAX_WATCHED; i++)
    watched[i].window = NULL;
  lw_test_ui_destroy_toplevels (GTK_WINDOW (app.window));
  lw_store_free (app.store);
  lw_test_ui_unload_app_style (style);
  return 0;
}

/* Peak memory of a bare AdwApplicationWindow, after its first frame; then
 * with a second one as big as the projector window was, both drawn anew, as
 * meeting mode's floor. */
static int
child_bare_memory (int second_width,
                   int second_height)
{
  GtkWidget *window = bare_window ("Bare", 1280, 720);
  GtkWidget *second;
  guint a = watch (window), b;

  wait_paint (1u << a, 0);
  iterate_ms (500);
  emit ("peak-memory-mb", lw_bench_status_kb ("VmHWM:") / 1024.0);

  second = bare_window ("Second", MAX (second_width, 1), MAX (second_height, 1));
  b = watch (second);
  wait_paint (1u << b, 0);
  bare_switch (window);
  bare_switch (second);
  wait_paint ((1u << a) | (1u << b), g_get_monotonic_time ());
  iterate_ms (500);
  emit ("peak-memory-two-windows-mb", lw_bench_status_kb ("VmHWM:") / 1024.0);
  return 0;
}

/* ----------------------------------------------------------------------------
 * Cold start: a process of its own, from before its exec to its first frame
 */

static gint64 start_t0;

static void
start_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  GtkApplication *app = data;
  GtkWindow *window = gtk_application_get_active_window (app);

  /* the app: only once the unlock screen is up */
  if (LW_IS_WINDOW (window) && g_strcmp0 (lw_window_get_page_name (LW_WINDOW (window)), "unlock") != 0)
    return;
  emit ("start", (g_get_monotonic_time () - start_t0) / 1000.0);
  g_signal_handlers_disconnect_by_func (clock, start_paint_cb, data);
  g_application_quit (G_APPLICATION (app));
}

static void
start_realize_cb (GtkWidget      *window,
                  GtkApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (start_paint_cb), app);
}

static void
start_window_added_cb (GtkApplication *app,
                       GtkWindow      *window)
{
  g_signal_connect (window, "realize", G_CALLBACK (start_realize_cb), app);
}

static void
bare_activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_title (ADW_STATUS_PAGE (status), "Bare");
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), status);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  gtk_window_present (GTK_WINDOW (window));
}

static int
child_start (const char *path,
             const char *t0)
{
  g_autoptr(GApplication) app = NULL;
  char *args[] = { (char *) "lead-workgroup", (char *) "--database", (char *) path, NULL };

  start_t0 = g_ascii_strtoll (t0, NULL, 10);
  if (path != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* as main () does */
      bindtextdomain (GETTEXT_PACKAGE, lw_i18n_get_localedir ());
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
      g_assert_true (lw_vault_init (&error));
      g_set_application_name (_("LEAD Workgroup"));
      app = G_APPLICATION (lw_application_new ());
    }
  else
    {
      app = G_APPLICATION (adw_application_new ("org.leadworkgroup.BenchBare", G_APPLICATION_NON_UNIQUE));
      g_signal_connect (app, "activate", G_CALLBACK (bare_activate_cb), NULL);
    }
  g_signal_connect (app, "window-added", G_CALLBACK (start_window_added_cb), NULL);
  return g_application_run (app, path ? 3 : 1, args);
}

/* ----------------------------------------------------------------------------
 * The parent: runs the children and prints the table
 */

static const char *self_path;
static const char *renderer = "cairo";
static char *state_dir;

static GHashTable *
run_child (const char * const *args,
           gboolean            pass_t0)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) env = g_get_environ ();
  g_auto(GStrv) lines = NULL;
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int status = 0;

  g_ptr_array_add (argv, g_strdup (self_path));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  if (pass_t0)
    g_ptr_array_add (argv, g_strdup_printf ("%" G_GINT64_FORMAT, g_get_monotonic_time ()));
  g_ptr_array_add (argv, NULL);
  env = g_environ_setenv (env, "GSK_RENDERER", renderer, TRUE);
  /* the settings and the seen heads of this run, not the user's */
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  env = g_environ_setenv (env, "GSETTINGS_SCHEMA_DIR", LW_SCHEMAS_BUILD_DIR, TRUE);
  env = g_environ_setenv (env, "XDG_STATE_HOME", state_dir, TRUE);
  env = g_environ_setenv (env, "NO_AT_BRIDGE", "1", TRUE);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-app: %s failed: %s\n%s", args[0], error->message, err ? err : "");
      return values;
    }
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *space = strchr (lines[i], ' ');

      if (space == NULL)
        continue;
      *space = '\0';
      g_hash_table_insert (values, g_strdup (lines[i]), g_strdup (space + 1));
    }
  return values;
}

static double
value (GHashTable *values,
       const char *key)
{
  const char *v = g_hash_table_lookup (values, key);

  return v ? g_ascii_strtod (v, NULL) : -1;
}

/* A fresh copy of the reference file, with no seen heads: meeting mode
 * writes (the items' start and end), so each run starts from the same file. */
static void
copy_work (const char *path,
           const char *work)
{
  g_autoptr(GFile) from = g_file_new_for_path (path);
  g_autoptr(GFile) to = g_file_new_for_path (work);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (work);
  g_autofree char *state = g_build_filename (dir, "state", NULL);

  if (g_file_test (state, G_FILE_TEST_IS_DIR))
    lw_test_tmpdir_remove (state);
  /* a journal left by a child that ended without closing the file would be
   * played onto the fresh copy: the run would start where that one stopped */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *journal = g_strconcat (work, i == 0 ? "-wal" : "-shm", NULL);

      if (g_unlink (journal) != 0 && errno != ENOENT)
        g_error ("Could not remove %s: %s", journal, g_strerror (errno));
    }
  g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* The median of a figure over the processes that measured memory. */
/* DIR/reference-N.lwdb, written unless kept from an earlier run. */
static char *
reference_file (const char *dir,
                guint       n,
                gboolean    reuse)
{
  g_autofree char *name = g_strdup_printf ("reference-%u.lwdb", n);
  char *path = g_build_filename (dir, name, NULL);

  if (!reuse || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GError) error = NULL;
      LwStore *store;

      g_unlink (path);
      store = lw_store_create (path, PASSPHRASE, strlen (PASSPHRASE), &error);
      g_assert_no_error (error);
      g_assert_true (lw_bench_generate (store, n, &error));
      g_assert_no_error (error);
      lw_store_free (store);
    }
  return path;
}

/* Unlock to usable at 1,000, 10,000 and 50,000 participants: three children
 * each, ended at the first frame with the list (BENCH_EXIT_AT), on a fresh
 * copy of each size's file; the files are removed after unless kept. */
static void
print_scaling (const char *dir,
               gboolean    keep,
               double      frame)
{
  static const guint sizes[] = { 1000, 10000, 50000 };
  double usable[G_N_ELEMENTS (sizes)], block[G_N_ELEMENTS (sizes)];
  g_autofree char *work_dir = g_build_filename (dir, "scale", NULL);
  g_autofree char *kept_state = g_steal_pointer (&state_dir);

  fflush (stdout);  /* the table above before what writing a file tells */
  state_dir = g_build_filename (work_dir, "state", NULL);
  g_setenv ("BENCH_EXIT_AT", "block-until-usable", TRUE);
  printf ("\nscaling: unlock -> main window usable, after the key derivation (medians of 3; a bare window's frame"
          " %.1f ms)\n", frame);
  printf ("%-12s %14s %16s %26s\n", "participants", "usable", "per participant", "longest block until usable");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autofree char *path = reference_file (dir, sizes[s], TRUE);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *work = g_build_filename (work_dir, base, NULL);
      const char *args[] = { "--child-frames", work, "3", NULL };
      double u[3], b[3];

      for (guint i = 0; i < 3; i++)
        {
          g_autoptr(GHashTable) values = NULL;

          if (g_file_test (work_dir, G_FILE_TEST_IS_DIR))
            lw_test_tmpdir_remove (work_dir);
          g_mkdir_with_parents (work_dir, 0700);
          copy_work (path, work);
          values = run_child (args, FALSE);
          u[i] = value (values, "unlock-to-usable");
          b[i] = value (values, "block-until-usable");
        }
      usable[s] = lw_bench_median (u, 3);
      block[s] = lw_bench_median (b, 3);
      printf ("%-12u %11.1f ms %13.2f µs %23.1f ms\n", sizes[s], usable[s], usable[s] * 1000 / sizes[s], block[s]);
      if (!keep)
        g_unlink (path);
    }
  for (guint s = 1; s < G_N_ELEMENTS (sizes); s++)
    printf ("growth %u -> %u (x%.0f participants): usable x%.2f, longest block x%.2f\n", sizes[s - 1], sizes[s],
            (double) sizes[s] / sizes[s - 1], usable[s] / usable[s - 1], block[s] / block[s - 1]);
  g_unsetenv ("BENCH_EXIT_AT");
  if (g_file_test (work_dir, G_FILE_TEST_IS_DIR))
    lw_test_tmpdir_remove (work_dir);
  g_free (state_dir);
  state_dir = g_steal_pointer (&kept_state);
}

static double
memory_median (GHashTable **memory,
               guint        n,
               const char  *key,
               GString     *each)
{
  double v[8];

  for (guint i = 0; i < n; i++)
    {
      v[i] = value (memory[i], key);
      if (each != NULL)
        g_string_append_printf (each, "%s%.1f", i ? ", " : "", v[i]);
    }
  return lw_bench_median (v, n);
}

static void
row (const char *what,
     double      measured,
     const char *unit,
     double      floor,
     const char *target,
     gboolean    met)
{
  if (measured < 0)
    {
      printf ("%-44s %12s %12s %8s   %-30s %s\n", what, "n/a", "", "", target, "MISSED");
      return;
    }
  if (floor > 0)
    printf ("%-44s %9.1f %-2s %9.1f %-2s %7.2fx   %-30s %s\n",
            what, measured, unit, floor, unit, measured / floor, target, met ? "met" : "MISSED");
  else
    printf ("%-44s %9.1f %-2s %12s %8s   %-30s %s\n",
            what, measured, unit, "", "", target, met ? "met" : "MISSED");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GHashTable) frames = NULL;
  g_autoptr(GHashTable) bare_memory = NULL;
  GHashTable *memory[3] = { NULL };
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  const char *keep = NULL;
  gboolean scale = TRUE;
  guint n = 10000;
  guint n_starts = 7;
  double app_start[16], bare_start[16];

  setlocale (LC_ALL, "");
  self_path = argv[0];

  /* children */
  if (argc >= 2 && g_str_has_prefix (argv[1], "--child-"))
    {
      if (g_str_equal (argv[1], "--child-start") && argc == 4)
        {
          lw_trim_set_up ();  /* as the application's main () does */
          return child_start (argv[2], argv[3]);
        }
      if (g_str_equal (argv[1], "--child-start-bare") && argc == 3)
        return child_start (NULL, argv[2]);
      /* as the application's main () does, before any thread */
      if (g_str_equal (argv[1], "--child-frames") || g_str_equal (argv[1], "--child-memory"))
        lw_trim_set_up ();
      gtk_init ();
      adw_init ();
      g_assert_true (lw_vault_init (NULL));
      if (g_str_equal (argv[1], "--child-frames") && argc == 4)
        {
          n_runs = atoi (argv[3]);
          return child_frames (argv[2], TRUE);
        }
      if (g_str_equal (argv[1], "--child-memory") && argc == 3)
        {
          n_runs = 1;
          return child_frames (argv[2], FALSE);
        }
      if (g_str_equal (argv[1], "--child-bare-memory") && argc == 4)
        return child_bare_memory (atoi (argv[2]), atoi (argv[3]));
      return 2;
    }

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--participants") && i + 1 < argc)
        n = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--keep") && i + 1 < argc)
        keep = argv[++i];
      else if (g_str_equal (argv[i], "--no-scale"))
        scale = FALSE;
      else if (g_str_equal (argv[i], "--renderer") && i + 1 < argc)
        renderer = argv[++i];
      else if (g_str_equal (argv[i], "--runs") && i + 1 < argc)
        {
          int runs = atoi (argv[++i]);

          n_runs = CLAMP (runs, 3, 31);
        }
      else
        {
          fprintf (stderr, "usage: bench-app [--participants N] [--keep DIR] [--renderer cairo|gl|ngl] [--runs N]"
                   " [--no-scale]\n");
          return 2;
        }
    }
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      fprintf (stderr, "bench-app: no display; run it under xvfb-run\n");
      return 2;
    }
  g_assert_true (lw_vault_init (NULL));

  dir = keep ? g_strdup (keep) : lw_test_tmpdir ();
  g_mkdir_with_parents (dir, 0700);
  state_dir = g_build_filename (dir, "state", NULL);
  path = reference_file (dir, n, keep != NULL);
  name = g_path_get_basename (path);

  /* cold starts, alternating, so that both see the same machine */
  for (guint i = 0; i < n_starts; i++)
    {
      const char *app_args[] = { "--child-start", path, NULL };
      const char *bare_args[] = { "--child-start-bare", NULL };
      g_autoptr(GHashTable) a = run_child (app_args, TRUE);
      g_autoptr(GHashTable) b = run_child (bare_args, TRUE);

      app_start[i] = value (a, "start");
      bare_start[i] = value (b, "start");
    }

  {
    g_autofree char *runs = g_strdup_printf ("%u", n_runs);
    /* meeting mode writes (the items' start and end): a copy each run, so
     * that a kept file is the same at every run, with its own seen heads */
    g_autofree char *work_dir = g_build_filename (dir, "work", NULL);
    g_autofree char *work = g_build_filename (work_dir, name, NULL);
    g_autofree char *kept_state = g_steal_pointer (&state_dir);
    const char *frames_args[] = { "--child-frames", work, runs, NULL };
    const char *memory_args[] = { "--child-memory", work, NULL };

    if (g_file_test (work_dir, G_FILE_TEST_IS_DIR))
      lw_test_tmpdir_remove (work_dir);
    g_mkdir_with_parents (work_dir, 0700);
    state_dir = g_build_filename (work_dir, "state", NULL);
    copy_work (path, work);
    frames = run_child (frames_args, FALSE);
    /* a peak depends on how the workers' transients fall together: two more
     * processes, each the pages and meeting mode once, for a median of three */
    memory[0] = g_hash_table_ref (frames);
    for (guint i = 1; i < G_N_ELEMENTS (memory); i++)
      {
        copy_work (path, work);
        memory[i] = run_child (memory_args, FALSE);
      }
    {
      /* the second bare window as big as the projector window was */
      g_autofree char *width = g_strdup_printf ("%.0f", value (frames, "projector-width"));
      g_autofree char *height = g_strdup_printf ("%.0f", value (frames, "projector-height"));
      const char *bare_args[] = { "--child-bare-memory", width, height, NULL };

      bare_memory = run_child (bare_args, FALSE);
    }
    lw_test_tmpdir_remove (work_dir);
    g_free (state_dir);
    state_dir = g_steal_pointer (&kept_state);
  }

  {
    double frame = value (frames, "floor-frame");
    double two = value (frames, "floor-two-windows");
    double kdf = value (frames, "key-derivation");
    double usable = value (frames, "unlock-to-usable");
    double start = lw_bench_median (app_start, n_starts);
    double bare = lw_bench_median (bare_start, n_starts);
    g_autoptr(GString) each_pages = g_string_new (NULL);
    g_autoptr(GString) each_all = g_string_new (NULL);
    double pages_mem = memory_median (memory, G_N_ELEMENTS (memory), "peak-before-meeting-mode-mb", each_pages);
    double mem = memory_median (memory, G_N_ELEMENTS (memory), "peak-memory-mb", each_all);
    double bare_mem = value (bare_memory, "peak-memory-mb");
    double bare_two_mem = value (bare_memory, "peak-memory-two-windows-mb");
    static const char * const pages[] = { "meetings", "action-items", "community", "workgroup", "decisions", "reports",
                                          "participants" };

    printf ("\n%u participants, GSK_RENDERER=%s; medians of %u; floors measured in this run\n",
            n, renderer, n_runs);
    printf ("%-44s %12s %12s %8s   %-30s %s\n", "figure", "measured", "floor", "ratio", "target", "");
    row ("key derivation (Argon2id, in a thread)", kdf, "ms", 0, "(not a target)", TRUE);
    row ("longest main-loop block, key derivation", value (frames, "block-during-key-derivation"), "ms", frame,
         "(not a target)", TRUE);
    row ("unlock -> main window usable, after it", usable, "ms", frame, "< 300 ms", usable >= 0 && usable < 300);
    row ("longest main-loop block until usable", value (frames, "block-until-usable"), "ms", frame,
         "(one frame is 16.7 ms)", value (frames, "block-until-usable") < 16.7);
    row ("longest main-loop block, 3 s after usable", value (frames, "block-after-usable"), "ms", frame,
         "< 16.7 ms (one frame)", value (frames, "block-after-usable") < 16.7);
    row ("longest main-loop block, first page visits", value (frames, "block-first-visits"), "ms", frame,
         "< 16.7 ms (one frame)", value (frames, "block-first-visits") < 16.7);
    for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
      {
        g_autofree char *first = g_strdup_printf ("page-first-%s", pages[p]);
        g_autofree char *again = g_strdup_printf ("page-again-%s", pages[p]);
        g_autofree char *what1 = g_strdup_printf ("switch to %s, first visit", pages[p]);
        g_autofree char *what2 = g_strdup_printf ("switch to %s, again", pages[p]);
        double limit = g_str_equal (pages[p], "participants") ? 100 : 50;
        g_autofree char *target = g_strdup_printf ("< %.0f ms to first frame", limit);
        double v1 = value (frames, first), v2 = value (frames, again);

        row (what1, v1, "ms", frame, target, v1 >= 0 && v1 < limit);
        row (what2, v2, "ms", frame, target, v2 >= 0 && v2 < limit);
      }
    row ("select a participant", value (frames, "select-participant"), "ms", frame, "< 50 ms to frame",
         value (frames, "select-participant") >= 0 && value (frames, "select-participant") < 50);
    row ("select a participant, slowest", value (frames, "select-participant-max"), "ms", frame, "< 50 ms to frame",
         value (frames, "select-participant-max") >= 0 && value (frames, "select-participant-max") < 50);
    row ("select a participant, every row drawn", value (frames, "select-participant-complete"), "ms", frame,
         "(rows past the first 8 follow)", TRUE);
    row ("meeting mode opened, to its frame", value (frames, "meeting-mode"), "ms", frame, "(not a target)", TRUE);
    row ("longest main-loop block, meeting mode opening", value (frames, "block-meeting-mode"), "ms", frame,
         "< 16.7 ms (one frame)", value (frames, "block-meeting-mode") < 16.7);
    row ("Page Down, presenter and projector drawn", value (frames, "page-down"), "ms", two, "< 16 ms",
         value (frames, "page-down") >= 0 && value (frames, "page-down") < 16);
    row ("Page Down, slowest", value (frames, "page-down-max"), "ms", two, "< 16 ms",
         value (frames, "page-down-max") >= 0 && value (frames, "page-down-max") < 16);
    row ("Page Down, its work (handler and frames)", value (frames, "page-down-work"), "ms",
         value (frames, "floor-two-windows-work"), "(not a target)", TRUE);
    row ("peak memory after every page", pages_mem, "MB", bare_mem, "within 50 MB of the bare window",
         pages_mem >= 0 && bare_mem >= 0 && pages_mem - bare_mem <= 50);
    row ("peak memory, meeting mode and projector", mem, "MB", bare_two_mem, "within 50 MB of two bare windows",
         mem >= 0 && bare_two_mem >= 0 && mem - bare_two_mem <= 50);
    printf ("    peaks in three processes: %s MB after every page; %s MB with meeting mode\n",
            each_pages->str, each_all->str);
    printf ("    resident: %.0f MB after unlock, %.0f MB after the pages, %.0f MB after selecting,"
            " %.0f MB after meeting mode and the projector; peak before meeting mode %.0f MB\n",
            value (frames, "rss-after-unlock-mb"), value (frames, "rss-after-pages-mb"),
            value (frames, "rss-after-selection-mb"), value (frames, "rss-after-meeting-mode-mb"),
            value (frames, "peak-before-meeting-mode-mb"));
    row ("cold start to the unlock screen", start, "ms", bare, "<= 1.15x the bare window",
         start >= 0 && bare > 0 && start <= 1.15 * bare);
  }

  if (scale)
    print_scaling (dir, keep != NULL, value (frames, "floor-frame"));
  for (guint i = 0; i < G_N_ELEMENTS (memory); i++)
    g_clear_pointer (&memory[i], g_hash_table_unref);
  if (keep == NULL)
    lw_test_tmpdir_remove (dir);
  return 0;
}
