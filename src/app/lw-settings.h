/* lw-settings.h: the application's GSettings, in one place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lw/lw-policy.h"

G_BEGIN_DECLS

#define LW_TYPE_SETTINGS (lw_settings_get_type ())

G_DECLARE_FINAL_TYPE (LwSettings, lw_settings, LW, SETTINGS, GObject)

LwSettings *lw_settings_new                   (void);
GSettings  *lw_settings_dup_gsettings         (void);
LwRole      lw_settings_get_viewer_role       (void);
LwAudience *lw_settings_dup_viewer_audience   (void);
/* Default time budget of a new agenda item, in seconds. */
gint64      lw_settings_get_default_budget    (void);
guint       lw_settings_get_idle_lock_minutes (LwSettings *self);
const char *lw_settings_get_last_database     (LwSettings *self);
void        lw_settings_set_last_database     (LwSettings *self,
                                               const char *path);
void        lw_settings_restore_window        (LwSettings *self,
                                               GtkWindow  *window);
void        lw_settings_save_window           (LwSettings *self,
                                               GtkWindow  *window);
void        lw_settings_disable_recent_files  (GdkDisplay *display);

G_END_DECLS
