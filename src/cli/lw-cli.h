/* lw-cli.h: the command-line front end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when argv[1] names a command (then no display is needed). */
gboolean lw_cli_is_command (int    argc,
                            char **argv);
int      lw_cli_main       (int    argc,
                            char **argv);
/* Checks the arguments of the app (no command) before a display is opened:
 * returns -1 when they are the app's, else prints one line and returns the exit
 * status of bad usage. */
int      lw_cli_check_app_args (int    argc,
                                char **argv);

G_END_DECLS
