/* lw-reader-task.h: work on the program's file in a worker thread
 *
 * The work gets a read-only connection of its own (lw_store_open_reader ()),
 * whose copy of the keys is wiped in the worker as soon as the work returns,
 * before its result is handed over.  The result reaches done on the main
 * thread only if the owner is still there and the task was not cancelled
 * (a reload, a lock or a new role came first); otherwise it is freed unseen.
 * The owner is not kept alive by the task.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lw/lw-store.h"

G_BEGIN_DECLS

/* In the worker: returns the result, or NULL and sets error. */
typedef gpointer (*LwReaderWork) (LwStore       *reader,
                                  gpointer       data,
                                  GCancellable  *cancellable,
                                  GError       **error);
/* On the main thread; takes result (NULL on error). */
typedef void     (*LwReaderDone) (GObject       *owner,
                                  gpointer       result,
                                  const GError  *error);

/* Starts the work, or returns NULL with error set when no reader could be
 * opened (the caller then does the work itself, at once, and data stays
 * the caller's).  Once started, data is freed
 * with data_free in whichever thread ends the task; a result never handed
 * over is freed with result_free.  Cancel the returned cancellable (owned by
 * the caller) to drop the result. */
GCancellable *lw_reader_task_start (LwStore        *store,
                                    GObject        *owner,
                                    LwReaderWork    work,
                                    LwReaderDone    done,
                                    gpointer        data,
                                    GDestroyNotify  data_free,
                                    GDestroyNotify  result_free,
                                    GError        **error);

G_END_DECLS
