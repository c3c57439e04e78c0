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
 * The other way round, memory new to the process costs a page fault where it
 * is first touched, and on a virtual machine a fault can cost 10 µs: a
 * window-sized frame drawn into new memory took 900 of them, 9 ms of its 16.
 * lw_trim_warm () touches free memory in a worker, ahead of the frames that
 * will need it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-trim"

#include "config.h"

#include <gio/gio.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <stdlib.h>

#include "lw-trim.h"

/* how long after the last request the trim waits */
#define QUIET_MS 2000

/* Every allocation below 32 MiB (glibc's largest dynamic threshold) comes
 * from the heap: a frame's image is a block as big as the window (3.6 MB at
 * 1280x720, 8.3 MB at 1920x1080), which a mapping of its own would fault in
 * anew every frame.  Glibc reaches the same threshold by itself only after
 * the first such image is freed, and a threshold set by hand stops that. */
#define MMAP_THRESHOLD (32 << 20)

/* Free memory at the heap's top kept up to 8 MiB, about what glibc's
 * dynamic threshold is with a 1280x720 window (twice the largest image
 * freed); lw_trim_warm () raises it over what it touches, so that what it
 * touched stays, until the next trim. */
#define TRIM_THRESHOLD (8 << 20)
#define TRIM_OVER_WARM (2 << 20)
#define WARM_MAX       (12 << 20)

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
G_LOCK_DEFINE_STATIC (trim_threshold);
static gsize trim_threshold = TRIM_THRESHOLD;
#endif

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
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
  /* what a warm kept is given back: the threshold is the usual one again */
  G_LOCK (trim_threshold);
  if (trim_threshold != TRIM_THRESHOLD)
    {
      trim_threshold = TRIM_THRESHOLD;
      mallopt (M_TRIM_THRESHOLD, trim_threshold);
    }
  G_UNLOCK (trim_threshold);
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
lw_trim_set_up (void)
{
#if defined(__GLIBC__)
  /* MALLOC_ARENA_MAX in the environment still decides, for measuring */
  if (g_getenv ("MALLOC_ARENA_MAX") == NULL)
    mallopt (M_ARENA_MAX, 1);
  mallopt (M_MMAP_THRESHOLD, MMAP_THRESHOLD);
  mallopt (M_TRIM_THRESHOLD, TRIM_THRESHOLD);
#endif
}

gsize
lw_trim_warm (gsize bytes)
{
  gsize touched = 0;

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
  gsize page = 4096;
  volatile char *block;

  bytes = MIN (bytes, WARM_MAX);
  /* the block freed joins what is free at the top already: the threshold
   * is raised over both, until the next trim sets it back */
  G_LOCK (trim_threshold);
  trim_threshold = MAX (TRIM_THRESHOLD, mallinfo2 ().keepcost + bytes + TRIM_OVER_WARM);
  mallopt (M_TRIM_THRESHOLD, trim_threshold);
  G_UNLOCK (trim_threshold);
  /* below the mapping threshold: from the heap, at its top when no free
   * block is as big, and given back to the top when freed */
  block = malloc (bytes);
  if (block == NULL)
    return 0;
  for (touched = 0; touched < bytes; touched += page)
    block[touched] = 0;
  free ((void *) block);
#endif
  return touched;
}
