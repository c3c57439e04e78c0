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

G_END_DECLS
