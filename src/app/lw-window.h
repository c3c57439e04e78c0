/* lw-window.h: the main window — unlock screen, then the program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lw/lw-store.h"

G_BEGIN_DECLS

#define LW_TYPE_WINDOW (lw_window_get_type ())

G_DECLARE_FINAL_TYPE (LwWindow, lw_window, LW, WINDOW, AdwApplicationWindow)

typedef enum
{
  LW_LOCK_REASON_USER,    /* Ctrl+L, the Lock button */
  LW_LOCK_REASON_IDLE,    /* no key or pointer activity for idle-lock-minutes */
  LW_LOCK_REASON_SCREEN,  /* the session's screen locked */
} LwLockReason;

/* application may be NULL (tests). */
LwWindow   *lw_window_new            (GtkApplication *application);
/* store is borrowed: its owner frees it only after lw_window_set_store (self, NULL, FALSE)
 * or the window is destroyed.  A locked store shows the unlock page, an unlocked one
 * the program. */
void        lw_window_set_store      (LwWindow       *self,
                                      LwStore        *store,
                                      gboolean        demo);
LwStore    *lw_window_get_store      (LwWindow       *self);
gboolean    lw_window_get_demo       (LwWindow       *self);
/* No program file at path yet: offers to make one there. */
void        lw_window_show_missing   (LwWindow       *self,
                                      const char     *path);
void        lw_window_show_error     (LwWindow       *self,
                                      const char     *title,
                                      const char     *message);
void        lw_window_show_preparing (LwWindow       *self);
/* Locks the store and destroys every widget that showed program data. */
void        lw_window_lock           (LwWindow       *self,
                                      LwLockReason    reason);
/* TRUE while a passphrase is being checked: the store must not be taken away. */
gboolean    lw_window_get_busy       (LwWindow       *self);
/* "welcome", "preparing", "new-program", "unlock" or "main" */
const char *lw_window_get_page_name  (LwWindow       *self);

G_END_DECLS
