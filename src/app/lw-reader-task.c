/* lw-reader-task.c: work on the program's file in a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-reader-task"

#include "config.h"

#if defined(__linux__)
#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "lw-reader-task.h"

/* The workers' own thread, below the main thread in the scheduler: on a
 * machine of two cores, a list made in a worker and the display server
 * otherwise take the processor from the frames the main thread draws.  One
 * thread, so the works run one after the other: two at once took the other
 * core as well, and their transient memory added up.  At the reference load,
 * four runs each: the peak after every page 142.9-150.7 -> 142.3-144.9 MB,
 * the longest block in the 3 s after the unlock 20-25 -> 16-19 ms; the
 * participants' rows were all made as soon.  No work waits for another. */
#define WORKER_THREADS 1
#define WORKER_NICE    10    /* added to the thread's own, up to 19 */

static GThreadPool *pool;       /* the workers' own, made at the first task */
static gsize        pool_tried;

typedef struct
{
  LwStore        *reader;
  LwReaderWork    work;
  LwReaderDone    done;
  gpointer        data;
  GDestroyNotify  data_free;
  GDestroyNotify  result_free;
  GWeakRef        owner;
} Task;

static void
task_free (gpointer p)
{
  Task *task = p;

  /* the reader's keys are wiped here if the work did not run */
  g_clear_pointer (&task->reader, lw_store_free);
  if (task->data_free != NULL)
    task->data_free (task->data);
  g_weak_ref_clear (&task->owner);
  g_free (task);
}

/* Runs the work and hands its result over, in a worker. */
static void
task_run (GTask *gtask)
{
  Task *task = g_task_get_task_data (gtask);
  GError *error = NULL;
  gpointer result = task->work (task->reader, task->data, g_task_get_cancellable (gtask), &error);

  /* done with the file: the keys go before the result is handed over */
  g_clear_pointer (&task->reader, lw_store_free);
  if (result == NULL)
    g_task_return_error (gtask, error);
  else
    g_task_return_pointer (gtask, result, task->result_free);
}

/* A thread of the workers' own pool: lowered once, when it starts its first
 * work (the pool is exclusive, so its threads run nothing else). */
static void
pool_thread (gpointer item,
             gpointer pool_data)
{
  g_autoptr(GTask) gtask = item;
  static GPrivate lowered;

#if defined(__linux__)
  if (g_private_get (&lowered) == NULL)
    {
      id_t tid = (id_t) syscall (SYS_gettid);
      int current;

      errno = 0;
      current = getpriority (PRIO_PROCESS, tid);
      if (errno == 0 && setpriority (PRIO_PROCESS, tid, MIN (current + WORKER_NICE, 19)) != 0)
        g_debug ("A worker stays at the main thread's priority: %s", g_strerror (errno));
      g_private_set (&lowered, GINT_TO_POINTER (1));
    }
#endif
  task_run (gtask);
}

/* Without a pool of its own (its threads could not be made): GLib's */
static void
shared_thread (GTask        *gtask,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  task_run (gtask);
}

static void
task_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *gtask = G_TASK (result);
  Task *task = g_task_get_task_data (gtask);
  g_autoptr(GObject) owner = g_weak_ref_get (&task->owner);
  g_autoptr(GError) error = NULL;
  gpointer value = g_task_propagate_pointer (gtask, &error);

  if (owner == NULL || g_cancellable_is_cancelled (g_task_get_cancellable (gtask)))
    {
      if (value != NULL && task->result_free != NULL)
        task->result_free (value);
      return;
    }
  task->done (owner, value, error);
}

GCancellable *
lw_reader_task_start (LwStore        *store,
                      GObject        *owner,
                      LwReaderWork    work,
                      LwReaderDone    done,
                      gpointer        data,
                      GDestroyNotify  data_free,
                      GDestroyNotify  result_free,
                      GError        **error)
{
  g_autoptr(GTask) gtask = NULL;
  GCancellable *cancellable;
  LwStore *reader;
  Task *task;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (G_IS_OBJECT (owner), NULL);
  g_return_val_if_fail (work != NULL && done != NULL, NULL);

  reader = lw_store_open_reader (store, error);
  if (reader == NULL)
    return NULL;

  task = g_new0 (Task, 1);
  task->reader = reader;
  task->work = work;
  task->done = done;
  task->data = data;
  task->data_free = data_free;
  task->result_free = result_free;
  g_weak_ref_init (&task->owner, owner);

  cancellable = g_cancellable_new ();
  gtask = g_task_new (NULL, cancellable, task_done_cb, NULL);
  g_task_set_source_tag (gtask, lw_reader_task_start);
  g_task_set_task_data (gtask, task, task_free);
  if (g_once_init_enter (&pool_tried))
    {
      g_autoptr(GError) pool_error = NULL;

      /* exclusive: GLib shares the threads of other pools with GTask's, and
       * a lowered thread would go on to run anything, an unlock's key
       * derivation among them */
      pool = g_thread_pool_new (pool_thread, NULL, WORKER_THREADS, TRUE, &pool_error);
      if (pool == NULL)
        g_warning ("The workers' threads could not be made: %s", pool_error->message);
      g_once_init_leave (&pool_tried, 1);
    }
  if (pool != NULL)
    g_thread_pool_push (pool, g_steal_pointer (&gtask), NULL);
  else
    g_task_run_in_thread (gtask, shared_thread);
  return cancellable;
}
