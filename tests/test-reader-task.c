/* test-reader-task.c: work on the file in a worker, handed over or dropped
 *
 * The work reads through its own connection (it sees what the file holds);
 * its result reaches the owner only while the owner is there and the task
 * was not cancelled, and is freed otherwise; an error is handed over as one;
 * the caller keeps its data when no reader can be opened (a locked store);
 * and the work runs below the main thread in the scheduler.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "lw/lw-demo.h"
#include "lw/lw-error.h"
#include "lw/lw-model.h"
#include "lw/lw-vault.h"
#include "lw-reader-task.h"
#include "lw-test-util.h"

typedef struct
{
  char    *dir;
  LwStore *store;
} Fixture;

static gint results_alive;    /* results made and not yet freed (atomic) */
static gint works_ended;      /* works that returned (atomic) */
static guint done_calls;
static gint64 done_value;
static char *done_error;

static void
result_free (gpointer result)
{
  g_assert_cmpint (g_atomic_int_get (&results_alive), >, 0);
  g_atomic_int_add (&results_alive, -1);
  g_free (result);
}

/* The number of participants, read through the reader; data: a gint64 to wait
 * on (0: at once), or -1 for an error. */
static gpointer
count_work (LwStore       *reader,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  gint64 *mode = data;
  gint64 *count;

  g_assert_true (reader != NULL);
  if (*mode < 0)
    {
      g_set_error_literal (error, LW_ERROR, LW_ERROR_INVALID, "the work failed");
      return NULL;
    }
  if (*mode > 0)
    g_usleep (*mode);
  count = g_new (gint64, 1);
  *count = lw_store_count (reader, &lw_participant_table, error);
  g_atomic_int_inc (&results_alive);
  g_atomic_int_inc (&works_ended);
  return count;
}

static void
count_done (GObject      *owner,
            gpointer      result,
            const GError *error)
{
  done_calls++;
  g_clear_pointer (&done_error, g_free);
  if (result != NULL)
    {
      done_value = *(gint64 *) result;
      result_free (result);
    }
  else
    done_error = g_strdup (error->message);
}

static gint64 *
mode_new (gint64 value)
{
  gint64 *mode = g_new (gint64, 1);

  *mode = value;
  return mode;
}

static void
wait_for (guint calls)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline && done_calls < calls)
    {
      g_usleep (1000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
}

/* Until works have returned and every result has been handed over or
 * freed on the main loop. */
static void
settle (gint works)
{
  for (int i = 0; i < 2000; i++)
    {
      g_usleep (10000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (g_atomic_int_get (&works_ended) >= works && g_atomic_int_get (&results_alive) == 0)
        break;
    }
  g_assert_cmpint (g_atomic_int_get (&works_ended), >=, works);
  /* and anything the main loop still had for them */
  for (int i = 0; i < 10; i++)
    {
      g_usleep (10000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = lw_test_tmpdir ();
  f->store = lw_test_store_new (f->dir, "program.lwdb");
  g_assert_true (lw_demo_generate (f->store, 30, 2, &error));
  g_assert_no_error (error);
  done_calls = 0;
  done_value = -1;
  g_atomic_int_set (&results_alive, 0);
  g_atomic_int_set (&works_ended, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_cmpint (g_atomic_int_get (&results_alive), ==, 0);
  g_clear_pointer (&f->store, lw_store_free);
  lw_test_tmpdir_remove (f->dir);
  g_free (f->dir);
  g_clear_pointer (&done_error, g_free);
}

static void
test_handed_over (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GObject) owner = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  gint64 expected = lw_store_count (f->store, &lw_participant_table, NULL);

  cancellable = lw_reader_task_start (f->store, owner, count_work, count_done, mode_new (0), g_free,
                                      result_free, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cancellable);
  /* on the main loop only */
  g_assert_cmpuint (done_calls, ==, 0);
  wait_for (1);
  g_assert_cmpuint (done_calls, ==, 1);
  g_assert_cmpint (done_value, ==, expected);
  g_assert_cmpint (expected, >, 0);

  /* an error is handed over as one */
  g_clear_object (&cancellable);
  cancellable = lw_reader_task_start (f->store, owner, count_work, count_done, mode_new (-1), g_free,
                                      result_free, &error);
  g_assert_nonnull (cancellable);
  wait_for (2);
  g_assert_cmpuint (done_calls, ==, 2);
  g_assert_cmpstr (done_error, ==, "the work failed");
}

static void
test_dropped (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancelled = NULL;
  g_autoptr(GCancellable) orphaned = NULL;
  g_autoptr(GObject) owner = g_object_new (G_TYPE_OBJECT, NULL);
  GObject *gone = g_object_new (G_TYPE_OBJECT, NULL);

  /* cancelled while the work runs: the owner never hears of it */
  cancelled = lw_reader_task_start (f->store, owner, count_work, count_done, mode_new (100000), g_free,
                                    result_free, &error);
  g_assert_nonnull (cancelled);
  g_cancellable_cancel (cancelled);
  /* the owner goes while the work runs: not kept alive, never told */
  orphaned = lw_reader_task_start (f->store, gone, count_work, count_done, mode_new (100000), g_free,
                                   result_free, &error);
  g_assert_nonnull (orphaned);
  g_assert_finalize_object (gone);
  settle (2);
  g_assert_cmpuint (done_calls, ==, 0);
  /* both results were made, and freed unseen */
  g_assert_cmpint (g_atomic_int_get (&results_alive), ==, 0);
}

static void
test_no_reader (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) owner = g_object_new (G_TYPE_OBJECT, NULL);
  g_autofree gint64 *mode = mode_new (0);
  GCancellable *cancellable;

  /* locked: no reader, nothing started, the data still the caller's */
  lw_store_lock (f->store);
  cancellable = lw_reader_task_start (f->store, owner, count_work, count_done, mode, g_free, result_free, &error);
  g_assert_null (cancellable);
  g_assert_nonnull (error);
  settle (0);
  g_assert_cmpuint (done_calls, ==, 0);
  g_assert_cmpint (*mode, ==, 0);
}

#if defined(__linux__)
static gint64
thread_nice (void)
{
  return getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid));
}

/* The worker's own niceness, and whether it ran off the main thread */
static gpointer
nice_work (LwStore       *reader,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  gint64 *nice = g_new (gint64, 1);

  *nice = g_main_context_is_owner (g_main_context_default ()) ? G_MININT64 : thread_nice ();
  g_atomic_int_inc (&results_alive);
  g_atomic_int_inc (&works_ended);
  return nice;
}

/* Frames first: on two cores a worker at the main thread's priority takes
 * the processor from the frame being drawn.  Every worker, not only the
 * first on a new thread. */
static void
test_below_main_thread (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GObject) owner = g_object_new (G_TYPE_OBJECT, NULL);
  gint64 main_nice = thread_nice ();

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GCancellable) cancellable = NULL;

      cancellable = lw_reader_task_start (f->store, owner, nice_work, count_done, NULL, NULL, result_free, &error);
      g_assert_no_error (error);
      wait_for (i + 1);
      g_assert_cmpuint (done_calls, ==, i + 1);
      g_assert_cmpint (done_value, !=, G_MININT64);
      g_assert_cmpint (done_value, >=, MIN (main_nice + 5, 19));
    }
  /* the main thread itself is untouched */
  g_assert_cmpint (thread_nice (), ==, main_nice);
}
#endif

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LEAD_WORKGROUP_TEST_WEAK_KDF", "1", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_assert_true (lw_vault_init (NULL));

  g_test_add ("/lw/reader-task/handed-over", Fixture, NULL, fixture_setup, test_handed_over, fixture_teardown);
  g_test_add ("/lw/reader-task/dropped", Fixture, NULL, fixture_setup, test_dropped, fixture_teardown);
  g_test_add ("/lw/reader-task/no-reader", Fixture, NULL, fixture_setup, test_no_reader, fixture_teardown);
#if defined(__linux__)
  g_test_add ("/lw/reader-task/below-main-thread", Fixture, NULL, fixture_setup, test_below_main_thread,
              fixture_teardown);
#endif
  return g_test_run ();
}
