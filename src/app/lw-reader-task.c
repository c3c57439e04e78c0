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

/* The workers' own threads, below the main thread in the scheduler: on a
 * machine of two cores, a list made in a worker and the display server
 * otherwise take the processor from the frames the main thread draws. */
#define WORKER_THREADS 2
#define WORKER_NICE    10

static GThreadPool *pool;

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

static void
task_thread (gpointer item,
             gpointer pool_data)
{
  g_autoptr(GTask) gtask = item;
  Task *task = g_task_get_task_data (gtask);
  GError *error = NULL;
  gpointer result;
  static GPrivate lowered;

#if defined(__linux__)
  /* once per thread: a thread's niceness is its own on Linux, and it cannot
   * be raised again without privileges */
  if (g_private_get (&lowered) == NULL)
    {
      if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), WORKER_NICE) != 0)
        g_debug ("A worker stays at the main thread's priority: %s", g_strerror (errno));
      g_private_set (&lowered, GINT_TO_POINTER (1));
    }
#endif
  result = task->work (task->reader, task->data, g_task_get_cancellable (gtask), &error);

  /* done with the file: the keys go before the result is handed over */
  g_clear_pointer (&task->reader, lw_store_free);
  if (result == NULL)
    g_task_return_error (gtask, error);
  else
    g_task_return_pointer (gtask, result, task->result_free);
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
  if (g_once_init_enter (&pool))
    {
      GThreadPool *made = g_thread_pool_new (task_thread, NULL, WORKER_THREADS, FALSE, NULL);

      g_once_init_leave (&pool, made);
    }
  g_thread_pool_push (pool, g_steal_pointer (&gtask), NULL);
  return cancellable;
}
