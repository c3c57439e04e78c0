/* lw-unlock-page.h: the passphrase screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lw/lw-store.h"

G_BEGIN_DECLS

#define LW_TYPE_UNLOCK_PAGE (lw_unlock_page_get_type ())

G_DECLARE_FINAL_TYPE (LwUnlockPage, lw_unlock_page, LW, UNLOCK_PAGE, AdwBin)

GtkWidget *lw_unlock_page_new        (void);
/* store is borrowed and must stay alive while the page is unlocking it. */
void       lw_unlock_page_set_store  (LwUnlockPage *self,
                                      LwStore      *store,
                                      gboolean      demo);
/* A line saying why the program was locked, or NULL for none. */
void       lw_unlock_page_set_reason (LwUnlockPage *self,
                                      const char   *reason);
/* Clears the passphrase and any error. */
void       lw_unlock_page_reset      (LwUnlockPage *self);
gboolean   lw_unlock_page_get_busy   (LwUnlockPage *self);

G_END_DECLS
