/* main.c: one binary — a command runs without a display, otherwise the app opens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lead-workgroup"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "lw-application.h"
#include "lw-cli.h"

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (lw_cli_is_command (argc, argv))
    return lw_cli_main (argc, argv);
  /* bad usage is told before a display is needed */
  {
    int status = lw_cli_check_app_args (argc, argv);

    if (status >= 0)
      return status;
  }

  return lw_application_run (argc, argv);
}
