/* lw-application.h: the GTK application — options, the program file, its life
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lw-window.h"

G_BEGIN_DECLS

#define LW_TYPE_APPLICATION (lw_application_get_type ())

G_DECLARE_FINAL_TYPE (LwApplication, lw_application, LW, APPLICATION, AdwApplication)

LwApplication *lw_application_new                 (void);
/* Opens the program file at path in window (locked), or explains what is wrong. */
void           lw_application_open_path           (LwApplication *self,
                                                   LwWindow      *window,
                                                   const char    *path);
/* Takes store (a program just created, unlocked) in place of the open one and
 * shows it in window. */
void           lw_application_adopt_store         (LwApplication *self,
                                                   LwWindow      *window,
                                                   LwStore       *store);
/* Writes a fresh demo program to a private temporary file and opens it in window. */
void           lw_application_open_demo           (LwApplication *self,
                                                   LwWindow      *window);
/* --present MEETING (the window opens meeting mode after each unlock) and --projector. */
const char    *lw_application_get_present_meeting (LwApplication *self);
gboolean       lw_application_get_projector       (LwApplication *self);

/* Runs the application on the command line (no command given). */
int            lw_application_run                 (int            argc,
                                                   char         **argv);

G_END_DECLS
