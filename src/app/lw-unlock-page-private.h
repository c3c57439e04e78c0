/* lw-unlock-page-private.h: for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lw-unlock-page.h"

G_BEGIN_DECLS

GtkEditable *_lw_unlock_page_get_entry       (LwUnlockPage *self);
GtkLabel    *_lw_unlock_page_get_error_label (LwUnlockPage *self);

G_END_DECLS
