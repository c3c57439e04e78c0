/* main.c: one binary — a command runs without a display, otherwise the app opens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lead-workgroup"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "lw/lw-i18n.h"

#include "lw-application.h"
#include "lw-cli.h"
#include "lw-trim.h"

int
main (int   argc,
      char *argv[])
{
  const char *locale = setlocale (LC_ALL, "");

  /* gettext ignores LANGUAGE in the plain C locale, which is ASCII; its UTF-8
   * twin keeps every other convention of C and lets LANGUAGE=es work. */
  if (locale == NULL || strcmp (locale, "C") == 0 || strcmp (locale, "POSIX") == 0)
    setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, lw_i18n_get_localedir ());
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

  /* before GLib starts any thread: one that allocates first makes an arena
   * of its own, which no limit set later takes back */
  lw_trim_set_up ();
  return lw_application_run (argc, argv);
}
