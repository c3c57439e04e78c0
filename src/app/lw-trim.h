/* lw-trim.h: memory freed after large work given back to the system
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* After work that allocated and freed much (a list made by a worker, a
 * report): the C library's free memory is given back to the system, in a
 * thread, two seconds after the last such call.  Calls before it runs count
 * once. */
void lw_trim_memory_later (void);

/* Once, first in main (), before GLib starts a thread: one malloc arena (the C library's default
 * on 2 cores is 16), so that what a worker frees is reused by the main thread
 * rather than kept in an arena of its own.  With two, the worker's long-lived
 * rows landed in one arena or the other from run to run, and the peak with
 * meeting mode was 145 or 148.5 MB; with one it is 138–141 MB, for threads
 * that wait on each other's allocations (a report's reading 5–20% longer).
 * And fixed thresholds (lw-trim.c): frames' images from the heap, and free
 * memory kept at its top up to 8 MiB. */
void lw_trim_set_up (void);

/* In a worker, just before the main thread builds much and draws a whole
 * window: touches up to bytes (at most 12 MiB) of the heap's free memory, so
 * that those allocations find it resident rather than take a page fault a
 * page; the heap keeps that much free at its top from then on.  Returns the
 * bytes touched: 0 where the C library is not glibc or under
 * AddressSanitizer. */
gsize lw_trim_warm (gsize bytes);

G_END_DECLS
