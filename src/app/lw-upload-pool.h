/* lw-upload-pool.h: the X server's shared memory kept for a window's frames
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Keeps, for as long as window's surface lives, the shared memory through
 * which its frames reach an X server when GTK draws with cairo: see
 * lw-upload-pool.c.  Nothing under Wayland or with another renderer. */
void     lw_upload_pool_attach     (GtkWindow *window);

/* Every window gives up the memory that holds its frames so far and keeps
 * new memory for the next ones: when the program locks or is closed. */
void     lw_upload_pool_renew_all  (void);

/* Tests: whether window's surface holds a pool now. */
gboolean _lw_upload_pool_is_kept   (GtkWindow *window);

G_END_DECLS
