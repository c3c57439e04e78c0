/* lw-bench-util.h: the reference load of DESIGN.md, shared by the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lw/lw-store.h"

G_BEGIN_DECLS

/* Fills an empty, unlocked store with the reference load scaled to
 * n_participants: the demo program of that size (releases, legal matters,
 * plan goals, an upcoming meeting with its agenda), every participant field
 * filled, then topped up to 10 contacts and 2 open action items per
 * participant and 500 meetings (10,000 participants: 100,000 contacts, 20,000
 * action items, 500 meetings).  One transaction; the same n gives the same
 * program on the same day. */
gboolean lw_bench_generate   (LwStore  *store,
                              guint     n_participants,
                              GError  **error);

/* Milliseconds on the monotonic clock. */
double   lw_bench_now_ms     (void);
/* The median of v (sorted in place). */
double   lw_bench_median     (double  *v,
                              guint    n);
/* A field of /proc/self/status in kB ("VmHWM:"), -1 when unknown. */
gint64   lw_bench_status_kb  (const char *field);
/* Resets VmHWM to the current resident size (Linux 4.0 and later). */
gboolean lw_bench_reset_peak (void);

G_END_DECLS
