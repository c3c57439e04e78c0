/* lw-reader-task.c: work on the program's file in a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-reader-task"

#include "config.h"

#include "lw-reader-task.h"

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
task_thread (GTask        *gtask,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Task *task = task_data;
  GError *error = NULL;
  gpointer result = task->work (task->reader, task->data, cancellable, &error);

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
  g_task_run_in_thread (gtask, task_thread);
  return cancellable;
}
