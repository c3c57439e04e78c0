/* lw-demo.h: a synthetic LEAD program for demonstrations and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lw-store.h"

G_BEGIN_DECLS

/* Fills an empty, unlocked store with a plainly fictional program of
 * n_participants participants.  The same seed and the same "today"
 * (lw_date_today(), which a test build may fix with LEAD_WORKGROUP_TODAY) give
 * the same program. */
gboolean lw_demo_generate (LwStore  *store,
                           guint     n_participants,
                           guint64   seed,
                           GError  **error);

G_END_DECLS
