/* lw-cli-report.c: program reports and the evaluator's extract
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "lw/lw-error.h"
#include "lw/lw-export.h"
#include "lw/lw-i18n.h"
#include "lw/lw-report.h"
#include "lw-cli-private.h"

/* ----------------------------------------------------------------------------
 * Printing a report
 */

static void
json_figure (JsonBuilder          *b,
             const LwReportFigure *figure)
{
  json_builder_begin_object (b);
  lw_cli_json_string (b, "id", figure->id);
  lw_cli_json_string (b, "title", figure->title);
  lw_cli_json_string (b, "note", figure->note);
  json_builder_set_member_name (b, "rows");
  json_builder_begin_array (b);
  for (guint r = 0; r < figure->n_rows; r++)
    {
      json_builder_begin_object (b);
      lw_cli_json_string (b, "key", figure->row_keys[r]);
      lw_cli_json_string (b, "label", figure->row_labels[r]);
      json_builder_set_member_name (b, "cells");
      json_builder_begin_object (b);
      for (guint c = 0; c < figure->n_columns; c++)
        {
          g_autofree char *number = lw_report_cell_to_number (figure, r, c);
          g_autofree char *text = lw_report_cell_to_text (figure, r, c);

          json_builder_set_member_name (b, figure->column_keys[c]);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "value");
          if (number != NULL)
            json_builder_add_double_value (b, g_ascii_strtod (number, NULL));
          else
            json_builder_add_null_value (b);
          lw_cli_json_string (b, "shown_as", text);
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
print_json (const LwReport *report,
            const char     *output)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *period = lw_period_to_string (lw_report_get_period (report));
  g_autofree char *previous = lw_period_to_string (lw_report_get_previous (report));
  g_autofree char *roles = lw_audience_to_string (lw_report_get_audience (report));

  json_builder_begin_object (b);
  if (output != NULL)
    lw_cli_json_string (b, "output", output);
  lw_cli_json_string (b, "period", period);
  lw_cli_json_string (b, "previous", previous);
  lw_cli_json_string (b, "audience", roles);
  lw_cli_json_bool (b, "small_cells", lw_report_get_small_cells (report));
  if (output == NULL)
    {
      json_builder_set_member_name (b, "figures");
      json_builder_begin_array (b);
      json_figure (b, lw_report_get_key_figures (report));
      for (guint i = 0; i < lw_report_get_n_figures (report); i++)
        json_figure (b, lw_report_get_figure (report, i));
      json_builder_end_array (b);
    }
  json_builder_set_member_name (b, "absent");
  json_builder_begin_array (b);
  for (guint i = 0; i < lw_report_get_n_absent (report); i++)
    {
      const LwReportAbsent *absent = lw_report_get_absent (report, i);

      json_builder_begin_object (b);
      lw_cli_json_string (b, "id", absent->id);
      lw_cli_json_string (b, "title", absent->title);
      lw_cli_json_string (b, "reason", absent->reason);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  lw_cli_print_json (json_builder_get_root (b));
}

static void
pad (GString    *s,
     const char *text,
     glong       width,
     gboolean    right)
{
  glong len = g_utf8_strlen (text, -1);

  if (right)
    for (glong i = len; i < width; i++)
      g_string_append_c (s, ' ');
  g_string_append (s, text);
  if (!right)
    for (glong i = len; i < width; i++)
      g_string_append_c (s, ' ');
}

/* A figure as an aligned text table. */
static void
print_table (const LwReportFigure *figure)
{
  g_autofree glong *widths = g_new0 (glong, figure->n_columns + 1);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  GString *s = g_string_new (NULL);

  for (guint r = 0; r < figure->n_rows; r++)
    widths[0] = MAX (widths[0], g_utf8_strlen (figure->row_labels[r], -1));
  for (guint c = 0; c < figure->n_columns; c++)
    {
      widths[c + 1] = g_utf8_strlen (figure->column_labels[c], -1);
      for (guint r = 0; r < figure->n_rows; r++)
        {
          char *text = lw_report_cell_to_text (figure, r, c);

          widths[c + 1] = MAX (widths[c + 1], g_utf8_strlen (text, -1));
          g_ptr_array_add (texts, text);
        }
    }
  printf ("%s\n", figure->title);
  pad (s, "", widths[0], FALSE);
  for (guint c = 0; c < figure->n_columns; c++)
    {
      g_string_append (s, "  ");
      pad (s, figure->column_labels[c], widths[c + 1], TRUE);
    }
  printf ("  %s\n", s->str);
  for (guint r = 0; r < figure->n_rows; r++)
    {
      g_string_truncate (s, 0);
      pad (s, figure->row_labels[r], widths[0], FALSE);
      for (guint c = 0; c < figure->n_columns; c++)
        {
          g_string_append (s, "  ");
          pad (s, g_ptr_array_index (texts, c * figure->n_rows + r), widths[c + 1], TRUE);
        }
      printf ("  %s\n", s->str);
    }
  if (figure->note)
    printf ("  %s\n", figure->note);
  printf ("\n");
  g_string_free (s, TRUE);
}

static void
print_text (const LwReport *report)
{
  g_autofree char *period = lw_period_to_label (lw_report_get_period (report));
  g_autofree char *previous = lw_period_to_label (lw_report_get_previous (report));
  g_autofree char *roles = lw_audience_to_string (lw_report_get_audience (report));

  printf (_("Program report, %s (compared with %s), for %s\n"), period, previous, roles);
  if (lw_report_get_small_cells (report))
    printf ("%s\n", _("Counts from 1 to 10 read “fewer than 11”; “suppressed” hides a count that would give one away."));
  printf ("\n");
  print_table (lw_report_get_key_figures (report));
  for (guint i = 0; i < lw_report_get_n_figures (report); i++)
    print_table (lw_report_get_figure (report, i));
  for (guint i = 0; i < lw_report_get_n_absent (report); i++)
    {
      const LwReportAbsent *absent = lw_report_get_absent (report, i);

      printf (_("Not in this report: %s. %s\n"), absent->title, absent->reason);
    }
}

/* ----------------------------------------------------------------------------
 * Commands
 */

int
lw_cli_report (LwCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwAudience) audience = NULL;
  g_autoptr(LwReport) report = NULL;
  g_autofree char *period_text = NULL;
  g_autofree char *roles = NULL;
  g_autofree char *output = NULL;
  g_autofree char *paper_name = NULL;
  g_autofree char *language = NULL;
  const char *previous_language;
  LwPeriod period;
  int paper = -1;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period_text, N_("The period: 2026-11, 2026-Q4, 2026 or 2026-01-15..2026-03-14 (required)"), N_("PERIOD") },
    { "audience", 'a', 0, G_OPTION_ARG_STRING, &roles, N_("Who will read it: roles, comma separated (required)"), N_("ROLES") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (.pdf, .md or .csv); else print it"), N_("FILE") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_name, N_("a4 or letter (default: from the locale, else a4)"), N_("SIZE") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language, N_("Write it in LANG: en or es (default: the app's language)"), N_("LANG") },
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, NULL,
                     _("Program metrics for a period, as an audience may see them, compared with the period before. "
                       "“report extract” writes the evaluator's de-identified extract.")))
    return LW_EXIT_USAGE;
  if (argc > 1)
    return lw_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);
  if (period_text == NULL)
    return lw_cli_usage (cli, _("--period is required: a month (2026-11), a quarter (2026-Q4), a year (2026) or two dates"));
  if (roles == NULL)
    return lw_cli_usage (cli, _("--audience ROLES is required: say who will read it"));
  if (!lw_period_parse (period_text, &period, &error))
    return lw_cli_usage (cli, "%s", error->message);
  audience = lw_audience_parse (roles, &error);
  if (audience == NULL)
    return lw_cli_usage (cli, "%s", error->message);
  if (output != NULL)
    {
      if (lw_export_format_from_path (output) < 0)
        return lw_cli_usage (cli, _("--output must end in .pdf, .md or .csv"));
      if (!lw_check_output_path (output, &error))
        return lw_cli_fail (cli, error);
    }
  if (paper_name != NULL && (paper = lw_paper_from_string (paper_name)) < 0)
    return lw_cli_usage (cli, _("--paper must be a4 or letter"));
  if (language != NULL && !lw_i18n_is_supported (language))
    {
      g_autofree char *list = lw_i18n_dup_languages_list ();
      return lw_cli_usage (cli, _("--language must be one of %s"), list);
    }

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);

  /* the labels are written in the report's language, as it is built */
  previous_language = lw_i18n_push (language);
  report = lw_report_build (store, &period, audience, &error);
  ok = report != NULL;
  if (ok && output != NULL)
    ok = lw_report_export (store, report, output, paper < 0 ? lw_paper_default () : (LwPaper) paper, &error);
  if (ok && output == NULL && !cli->json)
    print_text (report);
  lw_i18n_pop (previous_language);
  if (!ok)
    return lw_cli_fail (cli, error);

  if (cli->json)
    print_json (report, output);
  else if (output != NULL)
    printf (_("Wrote the report for %s to %s\n"), roles, output);
  return LW_EXIT_OK;
}

int
lw_cli_report_extract (LwCli  *cli,
                       int     argc,
                       char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autofree char *output = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *dictionary = NULL;
  gboolean created = FALSE;
  guint n_rows = 0;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE.csv, and its data dictionary beside it (required)"), N_("FILE") },
    { "key-file", 0, 0, G_OPTION_ARG_FILENAME, &key_file, N_("The evaluation's key: the same pseudonyms as earlier extracts made with it; a new key is written there if FILE does not exist. Without it, a key used once"), N_("FILE") },
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, NULL,
                     _("Writes the de-identified participant-level extract for an independent evaluation: "
                       "pseudonyms, shifted dates, age bands; no names, codes, case numbers or free text.")))
    return LW_EXIT_USAGE;
  if (argc > 1)
    return lw_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);
  if (output == NULL)
    return lw_cli_usage (cli, _("--output FILE is required"));
  if (lw_export_format_from_path (output) != LW_EXPORT_CSV)
    return lw_cli_usage (cli, _("--output must end in .csv"));
  if (key_file != NULL && g_file_test (key_file, G_FILE_TEST_IS_DIR))
    return lw_cli_usage (cli, _("--key-file is a folder; give a file"));

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  if (!lw_report_extract (store, output, key_file, &n_rows, &dictionary, &created, &error))
    return lw_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      lw_cli_json_string (b, "output", output);
      lw_cli_json_string (b, "dictionary", dictionary);
      lw_cli_json_int (b, "rows", n_rows);
      lw_cli_json_string (b, "key", key_file == NULL ? "once" : created ? "new-file" : "file");
      json_builder_end_object (b);
      lw_cli_print_json (json_builder_get_root (b));
      return LW_EXIT_OK;
    }
  printf (g_dngettext (GETTEXT_PACKAGE, "Wrote %u participant to %s, its data dictionary to %s\n",
                       "Wrote %u participants to %s, its data dictionary to %s\n", n_rows),
          n_rows, output, dictionary);
  if (created)
    fprintf (stderr, _("lead-workgroup %s: a new extract key was written to %s; keep it secret, and give it "
                       "again for later extracts of the same evaluation\n"), cli->command, key_file);
  return LW_EXIT_OK;
}
