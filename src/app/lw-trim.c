/* lw-trim.c: memory freed after large work given back to the system
 *
 * glibc keeps memory that was freed for the next allocation, in each thread's
 * arena: the rows and views a worker made and the values it opened on the way
 * stay resident after they are freed.  malloc_trim () gives the free pages
 * back (MADV_DONTNEED); it walks every arena, so it runs in a thread.  It
 * holds the arena while it walks it, and with one arena (below) the main
 * thread's frames waited on it: it runs once things have been quiet for a
 * while, not in the frames right after the work that asked for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-trim"

#include "config.h"

#include <gio/gio.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "lw-trim.h"

/* how long after the last request the trim waits */
#define QUIET_MS 2000

static guint idle_source;

static void
trim_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
#if defined(__GLIBC__)
  malloc_trim (0);
#endif
  g_task_return_boolean (task, TRUE);
}

static gboolean
trim_idle_cb (gpointer data)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  idle_source = 0;
  g_task_set_source_tag (task, lw_trim_memory_later);
  g_task_run_in_thread (task, trim_thread);
  return G_SOURCE_REMOVE;
}

void
lw_trim_memory_later (void)
{
  if (idle_source != 0)
    g_source_remove (idle_source);
  idle_source = g_timeout_add_full (G_PRIORITY_LOW, QUIET_MS, trim_idle_cb, NULL, NULL);
}

void
lw_trim_limit_arenas (void)
{
#if defined(__GLIBC__)
  /* MALLOC_ARENA_MAX in the environment still decides, for measuring */
  if (g_getenv ("MALLOC_ARENA_MAX") == NULL)
    mallopt (M_ARENA_MAX, 1);
#endif
}
