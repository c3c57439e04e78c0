/* lw-preferences-window.h: preferences, and who sits at the keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lw/lw-policy.h"

#include "lw-settings.h"

G_BEGIN_DECLS

#define LW_TYPE_PREFERENCES_WINDOW (lw_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (LwPreferencesWindow, lw_preferences_window, LW, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget  *lw_preferences_window_new          (GtkWindow *parent);
/* With an unlocked program: the page that marks agencies as substance-use
 * treatment programs (editable by the project manager).  NULL forgets it. */
void        lw_preferences_window_set_store    (LwPreferencesWindow *self,
                                                LwStore             *store);

/* The application's settings, or NULL when the schema is not installed. */
/* The viewer-role setting (project manager without the schema). */
/* An audience of the viewer's role alone. */

G_END_DECLS
