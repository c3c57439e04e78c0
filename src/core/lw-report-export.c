/* lw-report-export.c: a report as a document (PDF, Markdown) and as CSV
 *
 * The document is the minutes' layout (lw-pdf.c): the program, the title and the
 * audience on every page, "Page n of m".  Each figure is its title, what it
 * counts, its chart, and its table, which is the chart's text alternative; the
 * Markdown gives the chart's description in words instead of the drawing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-report"

#include "config.h"

#include "lw-i18n-private.h"
#include <string.h>

#include "lw/lw-audit.h"
#include "lw/lw-chart.h"
#include "lw/lw-error.h"
#include "lw/lw-report.h"
#include "lw/lw-vault.h"
#include "lw-export-private.h"
#include "lw-report-private.h"

/* The height of a chart on paper, in points. */
#define CHART_HEIGHT 190.0

static void
draw_chart_block (gconstpointer data,
                  cairo_t      *cr,
                  double        width,
                  double        height)
{
  lw_chart_draw (data, cr, width, height, 1.0);
}

static void
add_row (LwDocument          *document,
         const char * const  *cells,
         gboolean             header)
{
  g_autofree char *text = g_strjoinv ("\t", (char **) cells);
  LwBlock *block = _lw_document_add (document, LW_BLOCK_ROW, NULL, text);

  block->header = header;
}

/* Labels may hold a tab only by mistake: it would split a cell. */
static char *
cell_text (const char *text)
{
  char *copy = g_strdup (text ? text : "");

  g_strdelimit (copy, "\t\r\n", ' ');
  return copy;
}

static void
add_table (LwDocument           *document,
           const LwReportFigure *figure)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (cells, g_strdup (""));
  for (guint c = 0; c < figure->n_columns; c++)
    g_ptr_array_add (cells, cell_text (figure->column_labels[c]));
  g_ptr_array_add (cells, NULL);
  add_row (document, (const char * const *) cells->pdata, TRUE);

  for (guint r = 0; r < figure->n_rows; r++)
    {
      g_ptr_array_set_size (cells, 0);
      g_ptr_array_add (cells, cell_text (figure->row_labels[r]));
      for (guint c = 0; c < figure->n_columns; c++)
        g_ptr_array_add (cells, lw_report_cell_to_text (figure, r, c));
      g_ptr_array_add (cells, NULL);
      add_row (document, (const char * const *) cells->pdata, FALSE);
    }
}

static void
add_figure (LwDocument           *document,
            const LwReportFigure *figure)
{
  _lw_document_add (document, LW_BLOCK_HEADING, NULL, figure->title);
  if (figure->description)
    _lw_document_add (document, LW_BLOCK_PARAGRAPH, NULL, figure->description);
  if (figure->chart != LW_CHART_NONE && figure->n_series > 0 && lw_chart_n_categories (figure) > 0)
    {
      g_autofree char *description = lw_chart_describe (figure);
      LwBlock *block = _lw_document_add (document, LW_BLOCK_CHART, NULL, description);

      block->height = CHART_HEIGHT;
      block->data = _lw_report_figure_copy (figure);
      block->draw = draw_chart_block;
      block->data_free = _lw_report_figure_free;
    }
  add_table (document, figure);
  if (figure->note)
    _lw_document_add (document, LW_BLOCK_NOTE, NULL, figure->note);
}

LwDocument *
lw_report_to_document (LwStore         *store,
                       const LwReport  *report,
                       GError         **error)
{
  g_autoptr(LwDocument) document = NULL;
  g_autofree char *program = NULL;
  g_autofree char *title = NULL;
  g_autofree char *period = NULL;
  g_autofree char *previous = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (report != NULL, NULL);

  program = _lw_export_program_name (store);
  period = lw_period_to_label (lw_report_get_period (report));
  previous = lw_period_to_label (lw_report_get_previous (report));
  title = g_strdup_printf (_("Program report, %s"), period);
  document = _lw_document_new ("report", title, program, lw_report_get_audience (report));
  document->subtitle = g_strdup_printf (_("%s to %s, compared with %s"),
                                        lw_report_get_period (report)->from,
                                        lw_report_get_period (report)->to, previous);

  _lw_document_add (document, LW_BLOCK_NOTE, NULL,
                    _("Aggregates only: no participant is named or numbered in this report. Each figure "
                      "counts only what this audience may see of each participant."));
  if (lw_report_get_small_cells (report))
    _lw_document_add (document, LW_BLOCK_NOTE, NULL,
                      _("Small numbers are not shown: a count from 1 to 10 reads “fewer than 11”, and "
                        "“suppressed” marks a count hidden so that a small one cannot be worked out from "
                        "the totals."));

  {
    const LwReportFigure *key = lw_report_get_key_figures (report);

    _lw_document_add (document, LW_BLOCK_HEADING, NULL, key->title);
    if (key->description)
      _lw_document_add (document, LW_BLOCK_PARAGRAPH, NULL, key->description);
    add_table (document, key);
  }
  for (guint i = 0; i < lw_report_get_n_figures (report); i++)
    add_figure (document, lw_report_get_figure (report, i));

  if (lw_report_get_n_absent (report) > 0)
    {
      _lw_document_add (document, LW_BLOCK_HEADING, NULL, _("Not in this report"));
      for (guint i = 0; i < lw_report_get_n_absent (report); i++)
        {
          const LwReportAbsent *absent = lw_report_get_absent (report, i);

          _lw_document_add (document, LW_BLOCK_FIELD, absent->title, absent->reason);
        }
    }
  return g_steal_pointer (&document);
}

/* ----------------------------------------------------------------------------
 * CSV
 */

static void
csv_figure (GString              *csv,
            const char           *period,
            const LwReportFigure *figure)
{
  for (guint r = 0; r < figure->n_rows; r++)
    for (guint c = 0; c < figure->n_columns; c++)
      {
        g_autofree char *number = lw_report_cell_to_number (figure, r, c);
        g_autofree char *text = lw_report_cell_to_text (figure, r, c);

        _lw_export_csv_append (csv, period);
        g_string_append_c (csv, ',');
        _lw_export_csv_append (csv, figure->id);
        g_string_append_c (csv, ',');
        _lw_export_csv_append (csv, figure->row_keys[r]);
        g_string_append_c (csv, ',');
        _lw_export_csv_append (csv, figure->row_labels[r]);
        g_string_append_c (csv, ',');
        _lw_export_csv_append (csv, figure->column_keys[c]);
        g_string_append_c (csv, ',');
        _lw_export_csv_append (csv, figure->column_labels[c]);
        g_string_append_c (csv, ',');
        _lw_export_csv_append (csv, number);
        g_string_append_c (csv, ',');
        _lw_export_csv_append (csv, text);
        g_string_append (csv, "\r\n");
      }
}

char *
lw_report_to_csv (const LwReport *report)
{
  GString *csv;
  g_autofree char *period = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  period = lw_period_to_string (lw_report_get_period (report));
  csv = g_string_new ("period,figure,row,row_label,column,column_label,value,shown_as\r\n");
  csv_figure (csv, period, lw_report_get_key_figures (report));
  for (guint i = 0; i < lw_report_get_n_figures (report); i++)
    csv_figure (csv, period, lw_report_get_figure (report, i));
  return g_string_free (csv, FALSE);
}

/* ----------------------------------------------------------------------------
 * Files
 */

gboolean
lw_report_export (LwStore         *store,
                  const LwReport  *report,
                  const char      *path,
                  LwPaper          paper,
                  GError         **error)
{
  g_autoptr(LwAtomicFile) file = NULL;
  g_autofree char *roles = NULL;
  g_autofree char *period = NULL;
  g_autofree char *detail = NULL;
  int format;
  gboolean ok;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  format = lw_export_format_from_path (path);
  if (format < 0)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("“%s”: give a file name ending in .pdf, .md or .csv"), path);
      return FALSE;
    }
  file = lw_atomic_file_new (path, error);
  if (file == NULL)
    return FALSE;
  if (format == LW_EXPORT_CSV)
    {
      g_autofree char *csv = lw_report_to_csv (report);

      ok = lw_atomic_file_write (file, csv, strlen (csv), error);
    }
  else
    {
      g_autoptr(LwDocument) document = lw_report_to_document (store, report, error);

      if (document == NULL)
        return FALSE;
      if (format == LW_EXPORT_PDF)
        {
          g_autoptr(GBytes) pdf = lw_document_to_pdf (document, paper, error);
          gsize len;
          const void *data;

          if (pdf == NULL)
            return FALSE;
          data = g_bytes_get_data (pdf, &len);
          ok = lw_atomic_file_write (file, data, len, error);
        }
      else
        {
          char *text = lw_document_to_markdown (document);

          ok = lw_atomic_file_write (file, text, strlen (text), error);
          lw_secret_free (text);
        }
    }
  if (!ok)
    return FALSE;

  /* the entry first: the file is in place only once it is */
  roles = lw_audience_to_string (lw_report_get_audience (report));
  period = lw_period_to_string (lw_report_get_period (report));
  detail = g_strdup_printf ("report period=%s audience=%s format=%s", period, roles,
                            lw_export_format_to_string (format));
  if (!lw_store_begin (store, error))
    return FALSE;
  if (!lw_audit_append (store, LW_AUDIT_EXPORT, detail, error))
    {
      lw_store_rollback (store);
      return FALSE;
    }
  if (!lw_store_commit (store, error))
    return FALSE;
  return lw_atomic_file_commit (file, error);
}
