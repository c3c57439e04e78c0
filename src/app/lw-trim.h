/* lw-trim.h: memory freed after large work given back to the system
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* After work that allocated and freed much (a list made by a worker, a
 * report): the C library's free memory is given back to the system, in a
 * thread, once the main loop is idle.  Calls before it runs count once. */
void lw_trim_memory_later (void);

/* Once, before the workers start: at most two malloc arenas (the C library's
 * default on 2 cores is 16), so that what a worker frees is reused by the
 * main thread and the other workers rather than kept in an arena of its own. */
void lw_trim_limit_arenas (void);

G_END_DECLS
