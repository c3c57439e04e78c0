/* lw-window-private.h: for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lw-unlock-page.h"
#include "lw-window.h"

G_BEGIN_DECLS

LwUnlockPage *_lw_window_get_unlock_page       (LwWindow *self);
/* The form of New Program… (an LwNewProgramPage) */
GtkWidget    *_lw_window_get_new_program_page  (LwWindow *self);
/* NULL while locked */
GtkWidget    *_lw_window_get_main_page         (LwWindow *self);
/* The open preferences window, or NULL. */
GtkWidget    *_lw_window_get_preferences       (LwWindow *self);
/* The shortcuts window, made if it was not yet (a GtkShortcutsWindow). */
GtkWidget    *_lw_window_ensure_help_overlay   (LwWindow *self);
/* Overrides the idle-lock-minutes setting; 0 restores it. */
void          _lw_window_set_idle_lock_seconds (LwWindow *self,
                                                guint     seconds);

G_END_DECLS
