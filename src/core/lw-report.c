/* lw-report.c: periods, figures and the small-cell rule applied to them
 *
 * Every figure is a table: rows (months, or categories), columns (series), and
 * cells counted from LwReportData, in which each participant carries the
 * audience's levels for them.  A participant is counted in a figure only at the
 * level the figure needs (see lw-report.h); the small-cell rule is applied to
 * the finished table, before anything can read it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-report"

#include "config.h"

#include "lw-i18n-private.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lw/lw-agenda.h"
#include "lw/lw-error.h"
#include "lw/lw-i18n.h"
#include "lw/lw-model.h"
#include "lw/lw-report.h"
#include "lw-report-private.h"

/* ----------------------------------------------------------------------------
 * Periods
 */

static const char * const month_names[] = {
  NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
  NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
  NC_("month", "July"), NC_("month", "August"), NC_("month", "September"),
  NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
};

static const char * const month_short_names[] = {
  NC_("short month", "Jan"), NC_("short month", "Feb"), NC_("short month", "Mar"),
  NC_("short month", "Apr"), NC_("short month", "May"), NC_("short month", "Jun"),
  NC_("short month", "Jul"), NC_("short month", "Aug"), NC_("short month", "Sep"),
  NC_("short month", "Oct"), NC_("short month", "Nov"), NC_("short month", "Dec"),
};

/* The longest period a report covers: ten years of months is already long. */
#define MAX_RANGE_DAYS 3660

static gboolean
split_date (const char *date,
            int        *y,
            int        *m,
            int        *d)
{
  if (!lw_date_is_valid (date))
    return FALSE;
  return sscanf (date, "%4d-%2d-%2d", y, m, d) == 3;
}

static void
set_date (char out[11],
          int  y,
          int  m,
          int  d)
{
  g_snprintf (out, 11, "%04d-%02d-%02d", y, m, d);
}

static int
days_in_month (int y,
               int m)
{
  return g_date_get_days_in_month ((GDateMonth) m, (GDateYear) y);
}

void
lw_period_init (LwPeriod     *period,
                LwPeriodKind  kind,
                const char   *date)
{
  int y, m, d;

  g_return_if_fail (period != NULL);
  g_return_if_fail (kind != LW_PERIOD_RANGE && kind < LW_N_PERIOD_KINDS);

  if (!split_date (date, &y, &m, &d))
    {
      g_autofree char *today = lw_date_today ();

      g_return_if_fail (split_date (today, &y, &m, &d));
    }
  period->kind = kind;
  switch (kind)
    {
    case LW_PERIOD_MONTH:
      set_date (period->from, y, m, 1);
      set_date (period->to, y, m, days_in_month (y, m));
      break;
    case LW_PERIOD_QUARTER:
      {
        int first = (m - 1) / 3 * 3 + 1;

        set_date (period->from, y, first, 1);
        set_date (period->to, y, first + 2, days_in_month (y, first + 2));
      }
      break;
    case LW_PERIOD_YEAR:
    default:
      set_date (period->from, y, 1, 1);
      set_date (period->to, y, 12, 31);
      break;
    }
}

gboolean
lw_period_init_range (LwPeriod   *period,
                      const char *from,
                      const char *to,
                      GError    **error)
{
  g_return_val_if_fail (period != NULL, FALSE);

  if (!lw_date_is_valid (from) || !lw_date_is_valid (to))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("“%s” is not a date; give dates as YYYY-MM-DD"),
                   lw_date_is_valid (from) ? to : from);
      return FALSE;
    }
  if (strcmp (from, to) > 0)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("The period ends (%s) before it starts (%s); give the earlier date first"), to, from);
      return FALSE;
    }
  if (lw_date_diff_days (from, to) >= MAX_RANGE_DAYS)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("The period is longer than ten years; give a shorter one"));
      return FALSE;
    }
  period->kind = LW_PERIOD_RANGE;
  g_strlcpy (period->from, from, sizeof period->from);
  g_strlcpy (period->to, to, sizeof period->to);
  return TRUE;
}

static gboolean
all_digits (const char *s,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

gboolean
lw_period_parse (const char *text,
                 LwPeriod   *period,
                 GError    **error)
{
  const char *sep;
  gsize len;

  g_return_val_if_fail (period != NULL, FALSE);

  if (text == NULL)
    text = "";
  len = strlen (text);
  sep = strstr (text, "..");
  if (sep != NULL || (len == 21 && text[10] == ':'))
    {
      g_autofree char *from = g_strndup (text, sep ? (gsize) (sep - text) : 10);
      const char *to = sep ? sep + 2 : text + 11;

      return lw_period_init_range (period, from, to, error);
    }
  if (len == 4 && all_digits (text, 4) && text[0] != '0')
    {
      char date[11];

      g_snprintf (date, sizeof date, "%s-01-01", text);
      lw_period_init (period, LW_PERIOD_YEAR, date);
      return TRUE;
    }
  if (len == 7 && all_digits (text, 4) && text[4] == '-' && g_ascii_toupper (text[5]) == 'Q' &&
      text[6] >= '1' && text[6] <= '4' && text[0] != '0')
    {
      char date[11];

      g_snprintf (date, sizeof date, "%.4s-%02d-01", text, (text[6] - '1') * 3 + 1);
      lw_period_init (period, LW_PERIOD_QUARTER, date);
      return TRUE;
    }
  if (len == 7 && all_digits (text, 4) && text[4] == '-' && all_digits (text + 5, 2))
    {
      char date[11];

      g_snprintf (date, sizeof date, "%s-01", text);
      if (lw_date_is_valid (date))
        {
          lw_period_init (period, LW_PERIOD_MONTH, date);
          return TRUE;
        }
    }
  g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
               _("“%s” is not a period: give a month (2026-11), a quarter (2026-Q4), a year (2026) "
                 "or two dates (2026-01-15..2026-03-14)"), text);
  return FALSE;
}

void
lw_period_previous (const LwPeriod *period,
                    LwPeriod       *previous)
{
  g_autofree char *before = NULL;

  g_return_if_fail (period != NULL && previous != NULL);

  before = lw_date_add_days (period->from, -1);
  if (period->kind == LW_PERIOD_RANGE)
    {
      int n = lw_period_n_days (period);
      g_autofree char *from = lw_date_add_days (period->from, -n);

      previous->kind = LW_PERIOD_RANGE;
      g_strlcpy (previous->from, from, sizeof previous->from);
      g_strlcpy (previous->to, before, sizeof previous->to);
      return;
    }
  lw_period_init (previous, period->kind, before);
}

char *
lw_period_to_string (const LwPeriod *period)
{
  int y, m, d;

  g_return_val_if_fail (period != NULL, NULL);

  if (!split_date (period->from, &y, &m, &d))
    return g_strdup ("");
  switch (period->kind)
    {
    case LW_PERIOD_MONTH:
      return g_strdup_printf ("%04d-%02d", y, m);
    case LW_PERIOD_QUARTER:
      return g_strdup_printf ("%04d-Q%d", y, (m - 1) / 3 + 1);
    case LW_PERIOD_YEAR:
      return g_strdup_printf ("%04d", y);
    case LW_PERIOD_RANGE:
    default:
      return g_strdup_printf ("%s..%s", period->from, period->to);
    }
}

static char *
day_label (const char *date)
{
  int y, m, d;

  if (!split_date (date, &y, &m, &d))
    return g_strdup (date);
  /* TRANSLATORS: a day: 15 January 2026 */
  return g_strdup_printf (_("%d %s %d"), d, g_dpgettext2 (NULL, "month", month_names[m - 1]), y);
}

char *
lw_period_to_label (const LwPeriod *period)
{
  int y, m, d;

  g_return_val_if_fail (period != NULL, NULL);

  if (!split_date (period->from, &y, &m, &d))
    return g_strdup ("");
  switch (period->kind)
    {
    case LW_PERIOD_MONTH:
      /* TRANSLATORS: a month: November 2026 */
      return g_strdup_printf (_("%s %d"), g_dpgettext2 (NULL, "month", month_names[m - 1]), y);
    case LW_PERIOD_QUARTER:
      /* TRANSLATORS: a quarter of a year: Q4 2026 */
      return g_strdup_printf (_("Q%d %d"), (m - 1) / 3 + 1, y);
    case LW_PERIOD_YEAR:
      return g_strdup_printf ("%d", y);
    case LW_PERIOD_RANGE:
    default:
      {
        g_autofree char *from = day_label (period->from);
        g_autofree char *to = day_label (period->to);

        return g_strdup_printf ("%s – %s", from, to);
      }
    }
}

gboolean
lw_period_contains (const LwPeriod *period,
                    const char     *date)
{
  g_return_val_if_fail (period != NULL, FALSE);

  return date != NULL && date[0] != '\0' &&
         strcmp (date, period->from) >= 0 && strcmp (date, period->to) <= 0;
}

int
lw_period_n_days (const LwPeriod *period)
{
  g_return_val_if_fail (period != NULL, 0);

  return lw_date_diff_days (period->from, period->to) + 1;
}

/* The months a period touches, each clipped to the period. */
typedef struct
{
  char from[11];
  char to[11];
  char key[8];   /* "2026-11" */
  int  y;
  int  m;
} Month;

static GArray *
period_months (const LwPeriod *period)
{
  GArray *months = g_array_new (FALSE, TRUE, sizeof (Month));
  int y, m, d, y1, m1, d1;

  if (!split_date (period->from, &y, &m, &d) || !split_date (period->to, &y1, &m1, &d1))
    return months;
  while (y < y1 || (y == y1 && m <= m1))
    {
      Month month = { .y = y, .m = m };

      set_date (month.from, y, m, 1);
      set_date (month.to, y, m, days_in_month (y, m));
      if (strcmp (month.from, period->from) < 0)
        memcpy (month.from, period->from, 11);
      if (strcmp (month.to, period->to) > 0)
        memcpy (month.to, period->to, 11);
      g_snprintf (month.key, sizeof month.key, "%04d-%02d", y, m);
      g_array_append_val (months, month);
      if (++m > 12)
        {
          m = 1;
          y++;
        }
    }
  return months;
}

/* Year and month of a stored date ("YYYY-MM-DD", validated when written),
 * without a full parse: this runs for every contact. */
static gboolean
year_month (const char *date,
            int        *y,
            int        *m)
{
  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (date[i]))
      return FALSE;
  *y = (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + (date[3] - '0');
  *m = (date[5] - '0') * 10 + (date[6] - '0');
  return *m >= 1 && *m <= 12;
}

/* The index of the month of date in months, or -1 outside them. */
static int
month_index (GArray     *months,
             const char *date)
{
  int y, m;
  const Month *first;
  int i;

  if (months->len == 0 || !year_month (date, &y, &m))
    return -1;
  first = &g_array_index (months, Month, 0);
  i = (y - first->y) * 12 + (m - first->m);
  if (i < 0 || i >= (int) months->len)
    return -1;
  if (strcmp (date, g_array_index (months, Month, i).from) < 0 ||
      strcmp (date, g_array_index (months, Month, i).to) > 0)
    return -1;
  return i;
}

static char *
month_label (const Month *month)
{
  return g_strdup_printf (_("%s %d"), g_dpgettext2 (NULL, "month", month_names[month->m - 1]), month->y);
}

char *
lw_report_row_short_label (const LwReportFigure *figure,
                           guint                 row)
{
  const char *key;
  int y, m;

  g_return_val_if_fail (figure != NULL && row < figure->n_rows, NULL);

  key = figure->row_keys[row];
  if (strlen (key) == 7 && sscanf (key, "%4d-%2d", &y, &m) == 2 && m >= 1 && m <= 12)
    /* TRANSLATORS: a month on a chart's axis: Nov 2026 */
    return g_strdup_printf (_("%s %d"), g_dpgettext2 (NULL, "short month", month_short_names[m - 1]), y);
  return g_strdup (figure->row_labels[row]);
}

/* ----------------------------------------------------------------------------
 * Figures
 */

static LwReportFigure *
figure_new (const char *id,
            guint       n_rows,
            guint       n_columns)
{
  LwReportFigure *figure = g_new0 (LwReportFigure, 1);

  figure->id = id;
  figure->n_rows = n_rows;
  figure->n_columns = n_columns;
  figure->row_keys = g_new0 (char *, n_rows + 1);
  figure->row_labels = g_new0 (char *, n_rows + 1);
  figure->column_keys = g_new0 (char *, n_columns + 1);
  figure->column_labels = g_new0 (char *, n_columns + 1);
  figure->column_kinds = g_new0 (LwValueKind, n_columns);
  figure->basis = g_new (int, n_columns);
  figure->basis2 = g_new (int, n_columns);
  for (guint c = 0; c < n_columns; c++)
    figure->basis[c] = figure->basis2[c] = -1;
  figure->cells = g_new0 (LwReportCell, MAX (1, n_rows * n_columns));
  return figure;
}

static void
figure_free (gpointer data);

LwReportFigure *
_lw_report_figure_copy (const LwReportFigure *figure)
{
  LwReportFigure *copy = g_new0 (LwReportFigure, 1);
  gsize n_cells = (gsize) figure->n_rows * figure->n_columns;

  *copy = *figure;
  copy->title = g_strdup (figure->title);
  copy->description = g_strdup (figure->description);
  copy->note = g_strdup (figure->note);
  copy->unit = g_strdup (figure->unit);
  copy->row_keys = g_strdupv (figure->row_keys);
  copy->row_labels = g_strdupv (figure->row_labels);
  copy->column_keys = g_strdupv (figure->column_keys);
  copy->column_labels = g_strdupv (figure->column_labels);
  copy->column_kinds = g_memdup2 (figure->column_kinds, sizeof (LwValueKind) * MAX (1, figure->n_columns));
  copy->row_kinds = figure->row_kinds
                    ? g_memdup2 (figure->row_kinds, sizeof (LwValueKind) * MAX (1, figure->n_rows)) : NULL;
  copy->basis = g_memdup2 (figure->basis, sizeof (int) * MAX (1, figure->n_columns));
  copy->basis2 = g_memdup2 (figure->basis2, sizeof (int) * MAX (1, figure->n_columns));
  copy->cells = g_memdup2 (figure->cells, sizeof (LwReportCell) * MAX (1, n_cells));
  return copy;
}

void
_lw_report_figure_free (gpointer figure)
{
  figure_free (figure);
}

static void
figure_free (gpointer data)
{
  LwReportFigure *figure = data;

  if (figure == NULL)
    return;
  g_free (figure->title);
  g_free (figure->description);
  g_free (figure->note);
  g_free (figure->unit);
  g_strfreev (figure->row_keys);
  g_strfreev (figure->row_labels);
  g_strfreev (figure->column_keys);
  g_strfreev (figure->column_labels);
  g_free (figure->column_kinds);
  g_free (figure->row_kinds);
  g_free (figure->basis);
  g_free (figure->basis2);
  g_free (figure->cells);
  g_free (figure);
}

static LwReportCell *
cell_at (LwReportFigure *figure,
         guint           row,
         guint           column)
{
  g_assert (row < figure->n_rows && column < figure->n_columns);
  return &figure->cells[row * figure->n_columns + column];
}

static double
value_at (LwReportFigure *figure,
          guint           row,
          guint           column)
{
  return cell_at (figure, row, column)->value;
}

static void
add_at (LwReportFigure *figure,
        guint           row,
        guint           column,
        double          amount)
{
  cell_at (figure, row, column)->value += amount;
}

/* A stacked bar of counts: n_rows rows of n_series series, then a total row
 * and a total column (lw_suppress_table() takes them as the margins). */
static LwReportFigure *
totalled_figure_new (const char *id,
                     guint       n_rows,
                     guint       n_series)
{
  LwReportFigure *figure = figure_new (id, n_rows + 1, n_series + 1);

  figure->chart = LW_CHART_STACKED_BAR;
  figure->row_totals = figure->column_totals = TRUE;
  figure->n_series = n_series;
  return figure;
}

/* One more in row and series of a totalled figure, and in their totals. */
static void
count_one (LwReportFigure *figure,
           guint           row,
           guint           series)
{
  guint total_row = figure->n_rows - 1;
  guint total_column = figure->n_series;

  add_at (figure, row, series, 1);
  add_at (figure, row, total_column, 1);
  add_at (figure, total_row, series, 1);
  add_at (figure, total_row, total_column, 1);
}

static void
set_row (LwReportFigure *figure,
         guint           row,
         const char     *key,
         const char     *label)
{
  g_free (figure->row_keys[row]);
  g_free (figure->row_labels[row]);
  figure->row_keys[row] = g_strdup (key);
  figure->row_labels[row] = g_strdup (label);
}

static void
set_column (LwReportFigure *figure,
            guint           column,
            const char     *key,
            const char     *label,
            LwValueKind     kind)
{
  g_free (figure->column_keys[column]);
  g_free (figure->column_labels[column]);
  figure->column_keys[column] = g_strdup (key);
  figure->column_labels[column] = g_strdup (label);
  figure->column_kinds[column] = kind;
}

/* Rows for the months, then a total row when total. */
static void
set_month_rows (LwReportFigure *figure,
                GArray         *months,
                gboolean        total)
{
  for (guint i = 0; i < months->len; i++)
    {
      const Month *month = &g_array_index (months, Month, i);
      g_autofree char *label = month_label (month);

      set_row (figure, i, month->key, label);
    }
  if (total)
    set_row (figure, months->len, "total", _("Total"));
}

static void
set_enum_rows (LwReportFigure   *figure,
               const LwEnumInfo *info,
               gboolean          total)
{
  for (int i = 0; i < info->n; i++)
    set_row (figure, i, lw_enum_to_string (info, i), lw_enum_to_label (info, i));
  if (total)
    set_row (figure, info->n, "total", _("Total"));
}

static void
set_enum_columns (LwReportFigure   *figure,
                  const LwEnumInfo *info,
                  gboolean          total)
{
  for (int i = 0; i < info->n; i++)
    set_column (figure, i, lw_enum_to_string (info, i), lw_enum_to_label (info, i), LW_VALUE_COUNT);
  if (total)
    set_column (figure, info->n, "total", _("Total"), LW_VALUE_COUNT);
}

static void
set_text (LwReportFigure *figure,
          const char     *title,
          const char     *description,
          const char     *unit)
{
  figure->title = g_strdup (title);
  figure->description = g_strdup (description);
  figure->unit = g_strdup (unit);
}

/* The small-cell rule over the count columns (those the totals add up), then
 * every value computed from a hidden count hidden with it. */
static void
figure_finish (LwReportFigure *figure,
               gboolean        small_cells)
{
  if (small_cells)
    {
      g_autofree guint *columns = g_new (guint, figure->n_columns);
      g_autofree gint64 *counts = NULL;
      g_autofree LwCellState *states = NULL;
      guint n = 0;

      for (guint c = 0; c < figure->n_columns; c++)
        if (figure->column_kinds[c] == LW_VALUE_COUNT)
          columns[n++] = c;
      /* a row total adds up every column */
      g_assert (!figure->row_totals || n == figure->n_columns);
      counts = g_new0 (gint64, MAX (1, figure->n_rows * n));
      states = g_new0 (LwCellState, MAX (1, figure->n_rows * n));
      for (guint r = 0; r < figure->n_rows; r++)
        for (guint k = 0; k < n; k++)
          counts[r * n + k] = (gint64) llround (value_at (figure, r, columns[k]));
      lw_suppress_table (counts, figure->n_rows, n, figure->row_totals, figure->column_totals, states);
      for (guint r = 0; r < figure->n_rows; r++)
        for (guint k = 0; k < n; k++)
          cell_at (figure, r, columns[k])->state = states[r * n + k];
    }

  for (guint c = 0; c < figure->n_columns; c++)
    for (guint r = 0; r < figure->n_rows; r++)
      {
        LwReportCell *cell = cell_at (figure, r, c);
        int bases[2] = { figure->basis[c], figure->basis2[c] };

        for (guint b = 0; b < 2; b++)
          if (bases[b] >= 0 && cell_at (figure, r, bases[b])->state != LW_CELL_SHOWN && !cell->empty)
            cell->state = LW_CELL_HIDDEN;
      }
}

static gboolean
is_change_column (const LwReportFigure *figure,
                  guint                 column)
{
  return g_strcmp0 (figure->column_keys[column], "change") == 0;
}

static char *
format_amount (double      value,
               LwValueKind kind,
               gboolean    sign)
{
  g_autofree char *number = NULL;
  const char *prefix;
  double shown = value;
  guint decimals;

  switch (kind)
    {
    case LW_VALUE_COUNT:
    case LW_VALUE_TALLY:
    case LW_VALUE_PERCENT:
      decimals = 0;
      break;
    case LW_VALUE_DAYS:
      decimals = fabs (value - round (value)) > 0.01 ? 1 : 0;
      break;
    default:
      decimals = 1;
      break;
    }
  /* what rounds to zero is shown as zero, without a sign */
  if (fabs (shown) < 0.5 * pow (10, -(double) decimals))
    shown = 0;
  prefix = sign && shown > 0 ? "+" : "";
  number = lw_i18n_format_number (shown, decimals);
  switch (kind)
    {
    case LW_VALUE_DAYS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s%s day", "%s%s days",
                                           (gulong) fabs (round (value))), prefix, number);
    case LW_VALUE_PERCENT:
      if (sign)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s%s point", "%s%s points",
                                             (gulong) fabs (round (value))), prefix, number);
      return g_strdup_printf ("%s%s%%", prefix, number);
    case LW_VALUE_MINUTES:
      return g_strdup_printf (_("%s%s min"), prefix, number);
    default:
      return g_strdup_printf ("%s%s", prefix, number);
    }
}

static LwValueKind
kind_at (const LwReportFigure *figure,
         guint                 row,
         guint                 column)
{
  return figure->row_kinds ? figure->row_kinds[row] : figure->column_kinds[column];
}

char *
lw_report_cell_to_text (const LwReportFigure *figure,
                        guint                 row,
                        guint                 column)
{
  const LwReportCell *cell;

  g_return_val_if_fail (figure != NULL, NULL);
  g_return_val_if_fail (row < figure->n_rows && column < figure->n_columns, NULL);

  cell = lw_report_figure_cell (figure, row, column);
  switch (cell->state)
    {
    case LW_CELL_SMALL:
      return g_strdup (_("fewer than 11"));
    case LW_CELL_HIDDEN:
      return g_strdup (_("suppressed"));
    default:
      break;
    }
  if (cell->empty)
    return g_strdup ("—");
  return format_amount (cell->value, kind_at (figure, row, column), is_change_column (figure, column));
}

char *
lw_report_cell_to_number (const LwReportFigure *figure,
                          guint                 row,
                          guint                 column)
{
  const LwReportCell *cell;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  LwValueKind kind;

  g_return_val_if_fail (figure != NULL, NULL);
  g_return_val_if_fail (row < figure->n_rows && column < figure->n_columns, NULL);

  cell = lw_report_figure_cell (figure, row, column);
  if (cell->state != LW_CELL_SHOWN || cell->empty)
    return NULL;
  kind = kind_at (figure, row, column);
  if (kind == LW_VALUE_COUNT || kind == LW_VALUE_TALLY)
    return g_strdup_printf ("%.0f", cell->value);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.2f", cell->value));
}

/* ----------------------------------------------------------------------------
 * Counting
 */

typedef struct
{
  LwReportData   *data;
  const LwPeriod *period;
  GArray         *months;      /* Month */
  gboolean        small_cells;
  gboolean        internal;    /* the internal review: project manager and police roles only */
  GHashTable     *officers;    /* person id → name, for the internal review */
} Counter;

static gboolean
at_least (const LwLevel  levels[LW_N_CATEGORIES],
          LwCategory     category,
          LwLevel        level)
{
  return levels[category] != LW_LEVEL_CONSENT && levels[category] >= level;
}

#define FOR_EACH_PERSON(c, person) \
  for (guint _i = 0; _i < (c)->data->people->len && ((person) = &g_array_index ((c)->data->people, LwReportPerson, _i)); _i++)

/* Whether person was in the program at some time during the period and
 * active then: the cohort whose goals, housing and matters are counted. */
static gboolean
in_cohort (Counter              *c,
           const LwReportPerson *person)
{
  return at_least (person->levels, LW_CATEGORY_STATUS, LW_LEVEL_SUMMARY) &&
         _lw_report_active_during (person, c->period->from, c->period->to);
}

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return (x > y) - (x < y);
}

/* Median of values into cell; empty when there are none. */
static void
set_median (LwReportCell *cell,
            GArray       *values)
{
  if (values->len == 0)
    {
      cell->empty = TRUE;
      return;
    }
  g_array_sort (values, compare_int);
  if (values->len % 2)
    cell->value = g_array_index (values, int, values->len / 2);
  else
    cell->value = (g_array_index (values, int, values->len / 2 - 1) +
                   g_array_index (values, int, values->len / 2)) / 2.0;
}

static LwReportFigure *
count_referrals (Counter *c)
{
  guint nm = c->months->len;
  LwReportFigure *figure = totalled_figure_new ("referrals", nm, LW_N_REFERRALS);
  const LwReportPerson *person;

  set_text (figure, _("Referrals by month and route"),
            _("Participants referred in each month, by the route they came in on."),
            _("Referrals"));
  set_month_rows (figure, c->months, TRUE);
  set_enum_columns (figure, &lw_referral_route_info, TRUE);

  FOR_EACH_PERSON (c, person)
    {
      int m;

      if (!at_least (person->levels, LW_CATEGORY_STATUS, LW_LEVEL_SUMMARY))
        continue;
      m = month_index (c->months, person->referral);
      if (m < 0 || person->route < 0 || person->route >= LW_N_REFERRALS)
        continue;
      count_one (figure, m, person->route);
    }
  return figure;
}

static LwReportFigure *
count_status (Counter *c)
{
  guint nm = c->months->len;
  LwReportFigure *figure = figure_new ("status", nm, LW_N_STATUSES + 1);
  const LwReportPerson *person;

  set_text (figure, _("Participants by status"),
            _("Participants referred by the end of each month (or of the period), by their status on that day."),
            _("Participants"));
  figure->chart = LW_CHART_LINE;
  figure->row_totals = TRUE;
  figure->n_series = LW_N_STATUSES;
  set_month_rows (figure, c->months, FALSE);
  set_enum_columns (figure, &lw_participant_status_info, TRUE);

  FOR_EACH_PERSON (c, person)
    {
      if (!at_least (person->levels, LW_CATEGORY_STATUS, LW_LEVEL_SUMMARY))
        continue;
      guint p = 0;
      int status = -1;

      /* the months and the history walked together, both in date order */
      for (guint m = 0; m < nm; m++)
        {
          const char *end = g_array_index (c->months, Month, m).to;

          if (person->referral[0] == '\0' || strcmp (person->referral, end) > 0)
            continue;
          while (p < person->statuses->len && strcmp (g_array_index (person->statuses, LwPoint, p).date, end) <= 0)
            status = g_array_index (person->statuses, LwPoint, p++).value;
          if (status < 0)
            status = LW_STATUS_REFERRED;
          if (status >= LW_N_STATUSES)
            continue;
          add_at (figure, m, status, 1);
          add_at (figure, m, LW_N_STATUSES, 1);
        }
    }
  return figure;
}

static LwReportFigure *
count_times (Counter *c)
{
  LwReportFigure *figure = figure_new ("times", 2, 2);
  g_autoptr(GArray) to_intake = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) to_active = g_array_new (FALSE, FALSE, sizeof (int));
  const LwReportPerson *person;

  set_text (figure, _("Days from referral to intake, and from intake to active"),
            _("For the participants whose intake was scheduled in the period, the median number of days "
              "since their referral; for those who became active in the period, the median number of days "
              "since their intake was scheduled."),
            _("Days (median)"));
  figure->chart = LW_CHART_BAR;
  figure->first_series = 1;
  figure->n_series = 1;
  set_row (figure, 0, "referral-to-intake", _("Referral to intake"));
  set_row (figure, 1, "intake-to-active", _("Intake to active"));
  set_column (figure, 0, "participants", _("Participants"), LW_VALUE_COUNT);
  set_column (figure, 1, "median-days", _("Median"), LW_VALUE_DAYS);
  figure->basis[1] = 0;

  FOR_EACH_PERSON (c, person)
    {
      if (!at_least (person->levels, LW_CATEGORY_STATUS, LW_LEVEL_SUMMARY))
        continue;
      if (lw_period_contains (c->period, person->intake) && person->referral[0] &&
          strcmp (person->intake, person->referral) >= 0)
        {
          int days = lw_date_diff_days (person->referral, person->intake);
          g_array_append_val (to_intake, days);
        }
      if (lw_period_contains (c->period, person->active) && person->intake[0] &&
          strcmp (person->active, person->intake) >= 0)
        {
          int days = lw_date_diff_days (person->intake, person->active);
          g_array_append_val (to_active, days);
        }
    }
  cell_at (figure, 0, 0)->value = to_intake->len;
  cell_at (figure, 1, 0)->value = to_active->len;
  set_median (cell_at (figure, 0, 1), to_intake);
  set_median (cell_at (figure, 1, 1), to_active);
  return figure;
}

/* category: what lw_model_category_of() made of a record whose text is of
 * category base */
static gboolean
category_visible (LwCategory    category,
                  LwCategory    base,
                  const LwLevel levels[LW_N_CATEGORIES])
{
  /* a record about health or treatment is not even counted where that may not
   * be seen in full, as in a view */
  return category == base || levels[category] == LW_LEVEL_FULL;
}

static LwReportFigure *
count_contacts (Counter *c)
{
  guint nm = c->months->len;
  LwReportFigure *figure = figure_new ("contacts", nm, 3);
  g_autoptr(GHashTable) active = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  const LwReportPerson *person;

  set_text (figure, _("Contacts per active participant"),
            _("Contacts recorded with the participants who were active in each month, per active participant."),
            _("Contacts per active participant"));
  figure->chart = LW_CHART_LINE;
  figure->first_series = 2;
  figure->n_series = 1;
  set_month_rows (figure, c->months, FALSE);
  set_column (figure, 0, "contacts", _("Contacts"), LW_VALUE_COUNT);
  set_column (figure, 1, "active", _("Active participants"), LW_VALUE_COUNT);
  set_column (figure, 2, "per-active", _("Per active participant"), LW_VALUE_RATE);
  figure->basis[2] = 0;
  figure->basis2[2] = 1;

  FOR_EACH_PERSON (c, person)
    {
      gboolean *months;

      if (person->levels[LW_CATEGORY_CARE_NOTES] != LW_LEVEL_FULL ||
          !at_least (person->levels, LW_CATEGORY_STATUS, LW_LEVEL_SUMMARY))
        continue;
      months = g_new0 (gboolean, MAX (1, nm));
      for (guint m = 0; m < nm; m++)
        {
          const Month *month = &g_array_index (c->months, Month, m);

          months[m] = _lw_report_active_during (person, month->from, month->to);
          if (months[m])
            add_at (figure, m, 1, 1);
        }
      g_hash_table_insert (active, (gpointer) &person->id, months);
    }
  for (guint i = 0; i < c->data->contacts->len; i++)
    {
      const LwReportContact *contact = &g_array_index (c->data->contacts, LwReportContact, i);
      const gboolean *months = g_hash_table_lookup (active, &contact->participant_id);
      int m;

      if (months == NULL)
        continue;
      m = month_index (c->months, contact->date);
      if (m < 0 || !months[m])
        continue;
      person = _lw_report_data_person (c->data, contact->participant_id);
      if (!category_visible (contact->category, LW_CATEGORY_CARE_NOTES, person->levels))
        continue;
      add_at (figure, m, 0, 1);
    }
  for (guint m = 0; m < nm; m++)
    {
      double n = value_at (figure, m, 1);

      if (n > 0)
        cell_at (figure, m, 2)->value = value_at (figure, m, 0) / n;
      else
        cell_at (figure, m, 2)->empty = TRUE;
    }
  return figure;
}

static LwReportFigure *
count_goals (Counter *c)
{
  gboolean by_domain = c->data->base[LW_CATEGORY_PLAN] == LW_LEVEL_FULL;
  guint n_rows = by_domain ? LW_N_DOMAINS + 1 : 1;
  LwReportFigure *figure = figure_new ("goals", n_rows, 2);
  g_autoptr(GHashTable) cohort = g_hash_table_new (g_int64_hash, g_int64_equal);
  const LwReportPerson *person;

  set_text (figure, by_domain ? _("IIP goals set and met, by domain") : _("IIP goals set and met"),
            _("The goals of the Individual Intervention Plans of the participants active during the period: "
              "goals set (dropped goals not counted) and goals met."),
            _("Goals"));
  figure->note = g_strdup (by_domain
                           ? _("Goals carry no dates: they are counted as they stand today.")
                           : _("Goals carry no dates: they are counted as they stand today. "
                               "This audience sees the plan in summary, so not by domain."));
  figure->chart = LW_CHART_BAR;
  figure->column_totals = by_domain;
  figure->n_series = 2;
  if (by_domain)
    set_enum_rows (figure, &lw_goal_domain_info, TRUE);
  else
    set_row (figure, 0, "all", _("All domains"));
  set_column (figure, 0, "set", _("Set"), LW_VALUE_COUNT);
  set_column (figure, 1, "met", _("Met"), LW_VALUE_COUNT);

  FOR_EACH_PERSON (c, person)
    if (at_least (person->levels, LW_CATEGORY_PLAN, LW_LEVEL_SUMMARY) && in_cohort (c, person))
      g_hash_table_add (cohort, (gpointer) &person->id);

  for (guint i = 0; i < c->data->goals->len; i++)
    {
      const LwReportGoal *goal = &g_array_index (c->data->goals, LwReportGoal, i);
      guint row;

      if (!g_hash_table_contains (cohort, &goal->participant_id) || goal->status == LW_GOAL_DROPPED)
        continue;
      person = _lw_report_data_person (c->data, goal->participant_id);
      if (!category_visible (goal->category, LW_CATEGORY_PLAN, person->levels))
        continue;
      row = by_domain ? (guint) CLAMP (goal->domain, 0, LW_N_DOMAINS - 1) : 0;
      add_at (figure, row, 0, 1);
      if (by_domain)
        add_at (figure, LW_N_DOMAINS, 0, 1);
      if (goal->status == LW_GOAL_MET)
        {
          add_at (figure, row, 1, 1);
          if (by_domain)
            add_at (figure, LW_N_DOMAINS, 1, 1);
        }
    }
  return figure;
}

static LwReportFigure *
count_housing (Counter *c)
{
  LwReportFigure *figure = figure_new ("housing", LW_N_HOUSING + 2, 2);
  const LwReportPerson *person;

  set_text (figure, _("Housing at entry and now"),
            _("The participants active during the period, by their housing when they entered the program "
              "and by their housing today."),
            _("Participants"));
  figure->note = g_strdup (_("“Not recorded”: entered before the program kept a history of housing."));
  figure->chart = LW_CHART_BAR;
  figure->column_totals = TRUE;
  figure->n_series = 2;
  set_enum_rows (figure, &lw_housing_status_info, FALSE);
  set_row (figure, LW_N_HOUSING, "not-recorded", _("Not recorded"));
  set_row (figure, LW_N_HOUSING + 1, "total", _("Total"));
  set_column (figure, 0, "entry", _("At entry"), LW_VALUE_COUNT);
  set_column (figure, 1, "now", _("Now"), LW_VALUE_COUNT);

  FOR_EACH_PERSON (c, person)
    {
      int entry;

      if (!at_least (person->levels, LW_CATEGORY_HOUSING, LW_LEVEL_SUMMARY) || !in_cohort (c, person))
        continue;
      entry = _lw_report_housing_at_entry (person);
      add_at (figure, entry >= 0 && entry < LW_N_HOUSING ? (guint) entry : LW_N_HOUSING, 0, 1);
      add_at (figure, CLAMP (person->housing, 0, LW_N_HOUSING - 1), 1, 1);
      add_at (figure, LW_N_HOUSING + 1, 0, 1);
      add_at (figure, LW_N_HOUSING + 1, 1, 1);
    }
  return figure;
}

static LwReportFigure *
count_legal (Counter *c)
{
  LwReportFigure *figure = figure_new ("legal", LW_N_MATTER_STATUSES + 1, 1);
  const LwReportPerson *person;

  set_text (figure, _("Legal matters by outcome"),
            _("The legal matters of the participants active during the period, by their status today."),
            _("Legal matters"));
  figure->chart = LW_CHART_BAR;
  figure->column_totals = TRUE;
  figure->n_series = 1;
  set_enum_rows (figure, &lw_matter_status_info, TRUE);
  set_column (figure, 0, "matters", _("Legal matters"), LW_VALUE_COUNT);

  for (guint i = 0; i < c->data->matters->len; i++)
    {
      const LwReportMatter *matter = &g_array_index (c->data->matters, LwReportMatter, i);

      person = _lw_report_data_person (c->data, matter->participant_id);
      if (person == NULL || person->levels[LW_CATEGORY_LEGAL] != LW_LEVEL_FULL || !in_cohort (c, person))
        continue;
      add_at (figure, CLAMP (matter->status, 0, LW_N_MATTER_STATUSES - 1), 0, 1);
      add_at (figure, LW_N_MATTER_STATUSES, 0, 1);
    }
  return figure;
}

static LwReportFigure *
count_positions (Counter *c)
{
  LwReportFigure *figure = figure_new ("positions", LW_N_POSITIONS + 1, 1);

  set_text (figure, _("Prosecution positions by kind"),
            _("The positions the prosecutor recorded during the period on participants' legal matters."),
            _("Positions"));
  figure->chart = LW_CHART_BAR;
  figure->column_totals = TRUE;
  figure->n_series = 1;
  set_enum_rows (figure, &lw_position_info, TRUE);
  set_column (figure, 0, "positions", _("Positions"), LW_VALUE_COUNT);

  for (guint i = 0; i < c->data->notes->len; i++)
    {
      const LwReportPosition *note = &g_array_index (c->data->notes, LwReportPosition, i);
      const LwId *owner = g_hash_table_lookup (c->data->matter_owner, &note->legal_matter_id);
      const LwReportPerson *person = owner ? _lw_report_data_person (c->data, *owner) : NULL;

      if (person == NULL || person->levels[LW_CATEGORY_PROSECUTION] != LW_LEVEL_FULL ||
          !lw_period_contains (c->period, note->date))
        continue;
      add_at (figure, CLAMP (note->position, 0, LW_N_POSITIONS - 1), 0, 1);
      add_at (figure, LW_N_POSITIONS, 0, 1);
    }
  return figure;
}

enum
{
  DECISION_DIVERTED,
  DECISION_NOT_DIVERTED,
  DECISION_NOT_ELIGIBLE,
  N_DECISION_KINDS
};

static void
set_decision_columns (LwReportFigure *figure)
{
  set_column (figure, DECISION_DIVERTED, "diverted", _("Diverted"), LW_VALUE_COUNT);
  set_column (figure, DECISION_NOT_DIVERTED, "eligible-not-diverted", _("Eligible, not diverted"), LW_VALUE_COUNT);
  set_column (figure, DECISION_NOT_ELIGIBLE, "not-eligible", _("Not eligible"), LW_VALUE_COUNT);
  set_column (figure, N_DECISION_KINDS, "total", _("Total"), LW_VALUE_COUNT);
}

/* Whether the audience may count decision, at the levels of the participant it
 * names, else its own. */
static gboolean
decision_counted (Counter                   *c,
                  const LwDiversionDecision *decision)
{
  const LwReportPerson *person = _lw_report_data_person (c->data, decision->participant_id);
  const LwLevel *levels = person ? person->levels : c->data->base;

  return levels[LW_CATEGORY_LEGAL] == LW_LEVEL_FULL && lw_period_contains (c->period, decision->date);
}

static int
decision_kind (const LwDiversionDecision *decision)
{
  if (decision->diverted)
    return DECISION_DIVERTED;
  return decision->eligible ? DECISION_NOT_DIVERTED : DECISION_NOT_ELIGIBLE;
}

static LwReportFigure *
count_decisions (Counter *c)
{
  guint nm = c->months->len;
  LwReportFigure *figure = totalled_figure_new ("decisions", nm, N_DECISION_KINDS);

  set_text (figure, _("Diversion decisions"),
            _("The officers' decisions to divert or not in each month: diverted, eligible but not diverted, "
              "and not eligible."),
            _("Decisions"));
  set_month_rows (figure, c->months, TRUE);
  set_decision_columns (figure);

  for (guint i = 0; i < c->data->decisions->len; i++)
    {
      const LwDiversionDecision *decision = g_ptr_array_index (c->data->decisions, i);
      int m;

      if (!decision_counted (c, decision))
        continue;
      m = month_index (c->months, decision->date);
      if (m < 0)
        continue;
      count_one (figure, m, decision_kind (decision));
    }
  return figure;
}

/* Reasons typed by officers: grouped when they read the same, whatever the
 * case and spacing. */
static char *
reason_key (const char *reason)
{
  g_auto(GStrv) words = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *joined = NULL;

  if (reason == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (reason, -1);
  words = g_strsplit_set (folded, " \t\r\n", -1);
  {
    g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
    g_auto(GStrv) list = NULL;

    for (guint i = 0; words[i] != NULL; i++)
      if (words[i][0] != '\0')
        g_strv_builder_add (kept, words[i]);
    list = g_strv_builder_end (kept);
    joined = g_strjoinv (" ", list);
  }
  return g_steal_pointer (&joined);
}

typedef struct
{
  char  *key;
  char  *label;
  guint  count;
} Tally;

static void
tally_free (gpointer data)
{
  Tally *tally = data;

  g_free (tally->key);
  g_free (tally->label);
  g_free (tally);
}

static int
compare_tallies (gconstpointer a,
                 gconstpointer b)
{
  const Tally *x = *(const Tally * const *) a;
  const Tally *y = *(const Tally * const *) b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_utf8_collate (x->label, y->label);
}

static LwReportFigure *
count_reasons (Counter *c)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) tallies = g_ptr_array_new_with_free_func (tally_free);
  LwReportFigure *figure;
  guint total = 0;

  for (guint i = 0; i < c->data->decisions->len; i++)
    {
      const LwDiversionDecision *decision = g_ptr_array_index (c->data->decisions, i);
      g_autofree char *key = NULL;
      Tally *tally;

      if (!decision_counted (c, decision) || decision->diverted)
        continue;
      key = reason_key (decision->reason);
      tally = g_hash_table_lookup (by_key, key);
      if (tally == NULL)
        {
          tally = g_new0 (Tally, 1);
          tally->key = g_steal_pointer (&key);
          tally->label = g_strstrip (g_strdup (decision->reason && *decision->reason
                                               ? decision->reason : _("No reason recorded")));
          g_hash_table_insert (by_key, tally->key, tally);
          g_ptr_array_add (tallies, tally);
        }
      tally->count++;
      total++;
    }
  g_ptr_array_sort (tallies, compare_tallies);

  figure = figure_new ("decision-reasons", tallies->len + 1, 1);
  set_text (figure, _("Reasons for not diverting"),
            _("The reasons officers gave for the decisions not to divert during the period, as they typed them."),
            _("Decisions"));
  figure->chart = LW_CHART_NONE;
  figure->column_totals = TRUE;
  set_column (figure, 0, "decisions", _("Decisions"), LW_VALUE_COUNT);
  for (guint i = 0; i < tallies->len; i++)
    {
      const Tally *tally = g_ptr_array_index (tallies, i);
      g_autofree char *key = g_strdup_printf ("reason-%u", i + 1);

      set_row (figure, i, key, tally->label);
      cell_at (figure, i, 0)->value = tally->count;
    }
  set_row (figure, tallies->len, "total", _("Total"));
  cell_at (figure, tallies->len, 0)->value = total;
  return figure;
}

static LwReportFigure *
count_by_officer (Counter *c)
{
  g_autoptr(GHashTable) rows = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (LwId));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  LwReportFigure *figure;
  guint n;

  /* the officers who decided in the period, by name */
  for (guint i = 0; i < c->data->decisions->len; i++)
    {
      const LwDiversionDecision *decision = g_ptr_array_index (c->data->decisions, i);

      if (!decision_counted (c, decision) || g_hash_table_contains (rows, &decision->officer_id))
        continue;
      g_hash_table_insert (rows, (gpointer) &decision->officer_id, NULL);
      g_array_append_val (ids, decision->officer_id);
    }
  /* sorted by name, "no officer recorded" last */
  for (guint i = 0; i < ids->len; i++)
    for (guint j = i + 1; j < ids->len; j++)
      {
        LwId a = g_array_index (ids, LwId, i), b = g_array_index (ids, LwId, j);
        const char *na = a ? g_hash_table_lookup (c->officers, &a) : NULL;
        const char *nb = b ? g_hash_table_lookup (c->officers, &b) : NULL;

        if ((na == NULL && nb != NULL) || (na && nb && g_utf8_collate (na, nb) > 0))
          {
            g_array_index (ids, LwId, i) = b;
            g_array_index (ids, LwId, j) = a;
          }
      }
  n = ids->len;
  figure = totalled_figure_new ("decisions-by-officer", n, N_DECISION_KINDS);
  set_text (figure, _("Diversion decisions by officer"),
            _("For the review with officers and sergeants: each officer's decisions during the period."),
            _("Decisions"));
  set_decision_columns (figure);
  for (guint i = 0; i < n; i++)
    {
      LwId id = g_array_index (ids, LwId, i);
      const char *name = id ? g_hash_table_lookup (c->officers, &id) : NULL;
      g_autofree char *key = g_strdup_printf ("officer-%u", i + 1);

      set_row (figure, i, key, name ? name : _("No officer recorded"));
      g_hash_table_insert (rows, (gpointer) &g_array_index (ids, LwId, i), GUINT_TO_POINTER (i + 1));
    }
  set_row (figure, n, "total", _("Total"));

  for (guint i = 0; i < c->data->decisions->len; i++)
    {
      const LwDiversionDecision *decision = g_ptr_array_index (c->data->decisions, i);
      guint row;

      if (!decision_counted (c, decision))
        continue;
      row = GPOINTER_TO_UINT (g_hash_table_lookup (rows, &decision->officer_id)) - 1;
      count_one (figure, row, decision_kind (decision));
    }
  return figure;
}

enum
{
  ACTION_ON_TIME,
  ACTION_LATE,
  ACTION_OVERDUE,
  N_ACTION_KINDS
};

static LwReportFigure *
count_actions (Counter *c)
{
  guint nm = c->months->len;
  LwReportFigure *figure = totalled_figure_new ("actions", nm, N_ACTION_KINDS);

  set_text (figure, _("Action items done on time"),
            _("The action items due in each month: done by their due date, done later, and not done although "
              "due.  Items dropped, and items not due yet, are not counted."),
            _("Action items"));
  set_month_rows (figure, c->months, TRUE);
  set_column (figure, ACTION_ON_TIME, "on-time", _("Done on time"), LW_VALUE_COUNT);
  set_column (figure, ACTION_LATE, "late", _("Done late"), LW_VALUE_COUNT);
  set_column (figure, ACTION_OVERDUE, "overdue", _("Not done, overdue"), LW_VALUE_COUNT);
  set_column (figure, N_ACTION_KINDS, "total", _("Total"), LW_VALUE_COUNT);

  for (guint i = 0; i < c->data->actions->len; i++)
    {
      const LwReportAction *action = &g_array_index (c->data->actions, LwReportAction, i);
      const LwReportPerson *person = _lw_report_data_person (c->data, action->participant_id);
      int m, kind;

      m = month_index (c->months, action->due_date);
      if (m < 0 || action->status == LW_ACTION_DROPPED)
        continue;
      /* an item about health or treatment counts only where it may be seen */
      if (!lw_policy_action_shown (action->category, person ? person->levels : c->data->base))
        continue;
      if (action->status == LW_ACTION_DONE)
        {
          char closed[11];

          /* done on a day not recorded: nothing says it was late */
          _lw_report_day_of (action->closed_at, closed);
          kind = closed[0] && strcmp (closed, action->due_date) > 0 ? ACTION_LATE : ACTION_ON_TIME;
        }
      else if (strcmp (action->due_date, c->data->today) < 0)
        kind = ACTION_OVERDUE;
      else
        continue;
      count_one (figure, m, kind);
    }
  return figure;
}

static LwReportFigure *
count_meetings (Counter *c)
{
  guint nm = c->months->len;
  LwReportFigure *figure = figure_new ("meetings", nm + 1, 4);
  g_autoptr(GHashTable) held = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree double *seconds = g_new0 (double, nm + 1);
  g_autofree guint *timed = g_new0 (guint, nm + 1);

  set_text (figure, _("Meetings"),
            _("The workgroup's meetings in each month: participants reviewed, agenda items not reached "
              "(carried over to the next meeting), and the minutes spent on each item."),
            _("Items"));
  figure->chart = LW_CHART_BAR;
  figure->column_totals = TRUE;
  figure->first_series = 1;
  figure->n_series = 2;
  set_month_rows (figure, c->months, TRUE);
  set_column (figure, 0, "meetings", _("Meetings"), LW_VALUE_TALLY);
  set_column (figure, 1, "reviewed", _("Participants reviewed"), LW_VALUE_COUNT);
  set_column (figure, 2, "carried-over", _("Items carried over"), LW_VALUE_COUNT);
  set_column (figure, 3, "minutes-per-item", _("Minutes per item"), LW_VALUE_MINUTES);

  for (guint i = 0; i < c->data->meetings->len; i++)
    {
      LwMeeting *meeting = g_ptr_array_index (c->data->meetings, i);
      int m = month_index (c->months, meeting->date);

      if (m < 0 || (meeting->started_at == 0 && meeting->status < LW_MEETING_IN_PROGRESS))
        continue;
      g_hash_table_insert (held, &meeting->id, meeting);
      add_at (figure, m, 0, 1);
      add_at (figure, nm, 0, 1);
    }
  for (guint i = 0; i < c->data->items->len; i++)
    {
      const LwAgendaItem *item = g_ptr_array_index (c->data->items, i);
      const LwMeeting *meeting = g_hash_table_lookup (held, &item->meeting_id);
      guint m;

      if (meeting == NULL)
        continue;
      m = (guint) month_index (c->months, meeting->date);
      if (item->kind == LW_ITEM_PARTICIPANT && item->started_at != 0)
        {
          add_at (figure, m, 1, 1);
          add_at (figure, nm, 1, 1);
        }
      if (lw_agenda_item_not_reached (meeting, item))
        {
          add_at (figure, m, 2, 1);
          add_at (figure, nm, 2, 1);
        }
      if (item->started_at != 0 && item->ended_at > item->started_at)
        {
          double s = (item->ended_at - item->started_at) / (double) G_USEC_PER_SEC;

          seconds[m] += s;
          seconds[nm] += s;
          timed[m]++;
          timed[nm]++;
        }
    }
  for (guint m = 0; m <= nm; m++)
    {
      if (timed[m] > 0)
        cell_at (figure, m, 3)->value = seconds[m] / timed[m] / 60.0;
      else
        cell_at (figure, m, 3)->empty = TRUE;
    }
  return figure;
}

static LwReportFigure *
count_concerns (Counter *c)
{
  guint nm = c->months->len;
  LwReportFigure *figure = figure_new ("concerns", nm + 1, 3);
  g_autoptr(GPtrArray) waits = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  gboolean undated = FALSE;

  set_text (figure, _("Community concerns"),
            _("The concerns the community raised in each month, those responded to in each month, and the "
              "median number of days from a concern to its response."),
            _("Concerns"));
  figure->chart = LW_CHART_BAR;
  figure->column_totals = TRUE;
  figure->n_series = 2;
  set_month_rows (figure, c->months, TRUE);
  set_column (figure, 0, "opened", _("Raised"), LW_VALUE_COUNT);
  set_column (figure, 1, "responded", _("Responded"), LW_VALUE_COUNT);
  set_column (figure, 2, "median-days", _("Days to respond (median)"), LW_VALUE_DAYS);
  figure->basis[2] = 1;
  for (guint m = 0; m <= nm; m++)
    g_ptr_array_add (waits, g_array_new (FALSE, FALSE, sizeof (int)));

  for (guint i = 0; i < c->data->concerns->len; i++)
    {
      const LwCommunityConcern *concern = g_ptr_array_index (c->data->concerns, i);
      const char *responded_on = NULL;
      int raised = month_index (c->months, concern->date);
      int m;

      if (raised >= 0)
        {
          add_at (figure, raised, 0, 1);
          add_at (figure, nm, 0, 1);
        }
      if (!_lw_report_concern_response (concern, &responded_on))
        continue;
      /* counted in the month of its response; one whose day is not known,
       * in the month it was raised */
      m = responded_on != NULL ? month_index (c->months, responded_on) : raised;
      if (m < 0)
        continue;
      add_at (figure, m, 1, 1);
      add_at (figure, nm, 1, 1);
      if (responded_on != NULL)
        {
          int days = MAX (0, lw_date_diff_days (concern->date, responded_on));

          g_array_append_val (g_ptr_array_index (waits, m), days);
          g_array_append_val (g_ptr_array_index (waits, nm), days);
        }
      else
        undated = TRUE;
    }
  for (guint m = 0; m <= nm; m++)
    set_median (cell_at (figure, m, 2), g_ptr_array_index (waits, m));
  if (undated)
    figure->note = g_strdup (_("Some responses have no day recorded: they are counted in the month the concern "
                               "was raised, and not in the days to respond."));
  return figure;
}

/* ----------------------------------------------------------------------------
 * The report
 */

struct _LwReport
{
  LwPeriod         period;
  LwPeriod         previous;
  LwAudience      *audience;
  gboolean         small_cells;
  GPtrArray       *figures;    /* LwReportFigure, this period */
  GPtrArray       *earlier;    /* LwReportFigure, the previous period (for the key figures) */
  LwReportFigure  *key;
  GPtrArray       *absent;     /* LwReportAbsent */
};

static void
absent_free (gpointer data)
{
  LwReportAbsent *absent = data;

  g_free (absent->title);
  g_free (absent->reason);
  g_free (absent);
}

void
lw_report_free (LwReport *report)
{
  if (report == NULL)
    return;
  lw_audience_free (report->audience);
  g_clear_pointer (&report->figures, g_ptr_array_unref);
  g_clear_pointer (&report->earlier, g_ptr_array_unref);
  figure_free (report->key);
  g_clear_pointer (&report->absent, g_ptr_array_unref);
  g_free (report);
}

typedef enum
{
  NEEDS_STATUS,
  NEEDS_CARE_TEAM,
  NEEDS_PLAN,
  NEEDS_HOUSING,
  NEEDS_LEGAL,
  NEEDS_PROSECUTION,
  NEEDS_REASONS,
  NEEDS_INTERNAL,
  NEEDS_NOTHING,
} Needs;

typedef struct
{
  const char        *id;
  const char        *title;
  Needs              needs;
  LwReportFigure  *(*count) (Counter *c);
} FigureSpec;

static const FigureSpec figure_specs[] = {
  { "referrals", N_("Referrals by month and route"), NEEDS_STATUS, count_referrals },
  { "status", N_("Participants by status"), NEEDS_STATUS, count_status },
  { "times", N_("Days from referral to intake, and from intake to active"), NEEDS_STATUS, count_times },
  { "contacts", N_("Contacts per active participant"), NEEDS_CARE_TEAM, count_contacts },
  { "goals", N_("IIP goals set and met"), NEEDS_PLAN, count_goals },
  { "housing", N_("Housing at entry and now"), NEEDS_HOUSING, count_housing },
  { "legal", N_("Legal matters by outcome"), NEEDS_LEGAL, count_legal },
  { "positions", N_("Prosecution positions by kind"), NEEDS_PROSECUTION, count_positions },
  { "decisions", N_("Diversion decisions"), NEEDS_LEGAL, count_decisions },
  { "decision-reasons", N_("Reasons for not diverting"), NEEDS_REASONS, count_reasons },
  { "decisions-by-officer", N_("Diversion decisions by officer"), NEEDS_INTERNAL, count_by_officer },
  { "actions", N_("Action items done on time"), NEEDS_NOTHING, count_actions },
  { "meetings", N_("Meetings"), NEEDS_NOTHING, count_meetings },
  { "concerns", N_("Community concerns"), NEEDS_NOTHING, count_concerns },
};

/* NULL when the audience may see the figure, else why not. */
static const char *
needs_unmet (Needs          needs,
             const LwLevel  base[LW_N_CATEGORIES],
             gboolean       internal)
{
  switch (needs)
    {
    case NEEDS_STATUS:
      return at_least (base, LW_CATEGORY_STATUS, LW_LEVEL_SUMMARY) ? NULL
             : N_("This audience does not see the participants' program status.");
    case NEEDS_CARE_TEAM:
      return base[LW_CATEGORY_CARE_NOTES] == LW_LEVEL_FULL && at_least (base, LW_CATEGORY_STATUS, LW_LEVEL_SUMMARY)
             ? NULL : N_("Contacts are care notes: only the care team sees them in full.");
    case NEEDS_PLAN:
      return at_least (base, LW_CATEGORY_PLAN, LW_LEVEL_SUMMARY) && at_least (base, LW_CATEGORY_STATUS, LW_LEVEL_SUMMARY)
             ? NULL : N_("This audience does not see the participants' plans.");
    case NEEDS_HOUSING:
      return at_least (base, LW_CATEGORY_HOUSING, LW_LEVEL_SUMMARY) && at_least (base, LW_CATEGORY_STATUS, LW_LEVEL_SUMMARY)
             ? NULL : N_("This audience does not see the participants' housing.");
    case NEEDS_LEGAL:
      return base[LW_CATEGORY_LEGAL] == LW_LEVEL_FULL && at_least (base, LW_CATEGORY_STATUS, LW_LEVEL_SUMMARY)
             ? NULL : N_("This audience does not see legal information in full.");
    case NEEDS_PROSECUTION:
      return base[LW_CATEGORY_PROSECUTION] == LW_LEVEL_FULL ? NULL
             : N_("This audience does not see prosecution positions in full.");
    case NEEDS_REASONS:
      return base[LW_CATEGORY_LEGAL] == LW_LEVEL_FULL && base[LW_CATEGORY_IDENTITY] == LW_LEVEL_FULL ? NULL
             : N_("The reasons are free text: shown only to audiences that see legal information and "
                  "identities in full.");
    case NEEDS_INTERNAL:
      return internal && base[LW_CATEGORY_LEGAL] == LW_LEVEL_FULL ? NULL
             : N_("By officer only for the internal review: the project manager, police officers and sergeants.");
    case NEEDS_NOTHING:
    default:
      return NULL;
    }
}

static LwLoadFlags
load_flags_for (Needs needs)
{
  switch (needs)
    {
    case NEEDS_CARE_TEAM:
      return LW_LOAD_CONTACTS;
    case NEEDS_PLAN:
      return LW_LOAD_GOALS;
    case NEEDS_LEGAL:
    case NEEDS_PROSECUTION:
      return LW_LOAD_LEGAL | LW_LOAD_DECISIONS;
    case NEEDS_REASONS:
      return LW_LOAD_DECISIONS | LW_LOAD_REASONS;
    case NEEDS_INTERNAL:
      return LW_LOAD_DECISIONS;
    default:
      return 0;
    }
}

/* The internal review of decisions: every member of the audience is the
 * project manager, a police officer or a sergeant. */
static gboolean
is_internal (const LwAudience *audience)
{
  guint internal = LW_ROLE_BIT (LW_ROLE_PROJECT_MANAGER) | LW_ROLE_BIT (LW_ROLE_POLICE_OFFICER) |
                   LW_ROLE_BIT (LW_ROLE_POLICE_SERGEANT);
  guint roles = lw_audience_get_roles (audience);

  return roles != 0 && (roles & ~internal) == 0;
}

static GPtrArray *
count_period (LwReportData   *data,
              const LwPeriod *period,
              gboolean        small_cells,
              gboolean        internal,
              GHashTable     *officers,
              const gboolean *shown)
{
  GPtrArray *figures = g_ptr_array_new_with_free_func (figure_free);
  Counter c = {
    .data = data,
    .period = period,
    .months = period_months (period),
    .small_cells = small_cells,
    .internal = internal,
    .officers = officers,
  };

  for (guint i = 0; i < G_N_ELEMENTS (figure_specs); i++)
    {
      LwReportFigure *figure;

      if (!shown[i])
        continue;
      figure = figure_specs[i].count (&c);
      figure_finish (figure, small_cells);
      g_ptr_array_add (figures, figure);
    }
  g_array_unref (c.months);
  return figures;
}

static LwReportFigure *
find_figure (GPtrArray  *figures,
             const char *id)
{
  for (guint i = 0; i < figures->len; i++)
    {
      LwReportFigure *figure = g_ptr_array_index (figures, i);

      if (g_str_equal (figure->id, id))
        return figure;
    }
  return NULL;
}

/* A key figure's value in one period. */
typedef struct
{
  gboolean     present;
  LwReportCell cell;
} KeyValue;

static KeyValue
key_cell (GPtrArray  *figures,
          const char *id,
          int         row,
          int         column)
{
  LwReportFigure *figure = find_figure (figures, id);
  KeyValue value = { FALSE };

  if (figure == NULL)
    return value;
  value.present = TRUE;
  value.cell = *cell_at (figure, row < 0 ? figure->n_rows + row : (guint) row,
                         column < 0 ? figure->n_columns + column : (guint) column);
  return value;
}

/* part / whole as a percentage, hidden with either. */
static KeyValue
key_share (KeyValue part,
           KeyValue whole,
           double   scale)
{
  KeyValue value = { part.present && whole.present };

  if (part.cell.state != LW_CELL_SHOWN || whole.cell.state != LW_CELL_SHOWN)
    value.cell.state = LW_CELL_HIDDEN;
  else if (whole.cell.value <= 0)
    value.cell.empty = TRUE;
  else
    value.cell.value = scale * part.cell.value / whole.cell.value;
  return value;
}

/* The sum of a column's month rows (and its state: hidden if any is). */
static KeyValue
key_column_sum (GPtrArray  *figures,
                const char *id,
                guint       column)
{
  LwReportFigure *figure = find_figure (figures, id);
  KeyValue value = { FALSE };

  if (figure == NULL)
    return value;
  value.present = TRUE;
  for (guint r = 0; r < figure->n_rows; r++)
    {
      const LwReportCell *cell = cell_at (figure, r, column);

      if (cell->state != LW_CELL_SHOWN)
        value.cell.state = LW_CELL_HIDDEN;
      value.cell.value += cell->value;
    }
  return value;
}

typedef struct
{
  const char  *key;
  const char  *label;
  LwValueKind  kind;
} KeySpec;

enum
{
  KEY_REFERRALS,
  KEY_SOCIAL,
  KEY_ACTIVE,
  KEY_TO_INTAKE,
  KEY_TO_ACTIVE,
  KEY_CONTACTS,
  KEY_GOALS_MET,
  KEY_DECISIONS,
  KEY_DIVERTED,
  KEY_ON_TIME,
  KEY_REVIEWED,
  KEY_CARRIED,
  KEY_CONCERNS,
  KEY_RESPONDED,
  KEY_DAYS_TO_RESPOND,
  N_KEYS
};

static const KeySpec key_specs[N_KEYS] = {
  { "referrals", N_("Referrals"), LW_VALUE_COUNT },
  { "social-contact-share", N_("Share of referrals by social contact"), LW_VALUE_PERCENT },
  { "active-at-end", N_("Active participants at the end of the period"), LW_VALUE_COUNT },
  { "days-to-intake", N_("Days from referral to intake (median)"), LW_VALUE_DAYS },
  { "days-to-active", N_("Days from intake to active (median)"), LW_VALUE_DAYS },
  { "contacts-per-active", N_("Contacts per active participant per month"), LW_VALUE_RATE },
  { "goals-met", N_("IIP goals met"), LW_VALUE_COUNT },
  { "decisions", N_("Diversion decisions"), LW_VALUE_COUNT },
  { "diverted-share", N_("Share of eligible people diverted"), LW_VALUE_PERCENT },
  { "actions-on-time", N_("Action items done on time"), LW_VALUE_PERCENT },
  { "reviewed", N_("Participants reviewed in meetings"), LW_VALUE_COUNT },
  { "carried-over", N_("Agenda items carried over"), LW_VALUE_COUNT },
  { "concerns", N_("Community concerns raised"), LW_VALUE_COUNT },
  { "responded", N_("Community concerns responded to"), LW_VALUE_COUNT },
  { "days-to-respond", N_("Days to respond to a concern (median)"), LW_VALUE_DAYS },
};

static void
key_values (GPtrArray *figures,
            KeyValue   out[N_KEYS])
{
  out[KEY_REFERRALS] = key_cell (figures, "referrals", -1, -1);
  out[KEY_SOCIAL] = key_share (key_cell (figures, "referrals", -1, LW_REFERRAL_SOCIAL_CONTACT),
                               out[KEY_REFERRALS], 100.0);
  out[KEY_ACTIVE] = key_cell (figures, "status", -1, LW_STATUS_ACTIVE);
  out[KEY_TO_INTAKE] = key_cell (figures, "times", 0, 1);
  out[KEY_TO_ACTIVE] = key_cell (figures, "times", 1, 1);
  out[KEY_CONTACTS] = key_share (key_column_sum (figures, "contacts", 0),
                                 key_column_sum (figures, "contacts", 1), 1.0);
  out[KEY_GOALS_MET] = key_cell (figures, "goals", -1, 1);
  out[KEY_DECISIONS] = key_cell (figures, "decisions", -1, -1);
  {
    KeyValue diverted = key_cell (figures, "decisions", -1, DECISION_DIVERTED);
    KeyValue not_diverted = key_cell (figures, "decisions", -1, DECISION_NOT_DIVERTED);
    KeyValue eligible = diverted;

    /* the eligible: diverted and not; hidden with either */
    if (not_diverted.cell.state != LW_CELL_SHOWN)
      eligible.cell.state = LW_CELL_HIDDEN;
    eligible.cell.value += not_diverted.cell.value;
    out[KEY_DIVERTED] = key_share (diverted, eligible, 100.0);
  }
  out[KEY_ON_TIME] = key_share (key_cell (figures, "actions", -1, ACTION_ON_TIME),
                                key_cell (figures, "actions", -1, -1), 100.0);
  out[KEY_REVIEWED] = key_cell (figures, "meetings", -1, 1);
  out[KEY_CARRIED] = key_cell (figures, "meetings", -1, 2);
  out[KEY_CONCERNS] = key_cell (figures, "concerns", -1, 0);
  out[KEY_RESPONDED] = key_cell (figures, "concerns", -1, 1);
  out[KEY_DAYS_TO_RESPOND] = key_cell (figures, "concerns", -1, 2);
}

static LwReportFigure *
make_key_figures (LwReport *report)
{
  KeyValue now[N_KEYS], before[N_KEYS];
  g_autofree char *this_label = lw_period_to_label (&report->period);
  g_autofree char *previous_label = lw_period_to_label (&report->previous);
  LwReportFigure *figure;
  guint n = 0, row = 0;

  key_values (report->figures, now);
  key_values (report->earlier, before);
  for (guint k = 0; k < N_KEYS; k++)
    n += now[k].present;

  figure = figure_new ("key-figures", n, 3);
  set_text (figure, _("Key figures"),
            _("This period beside the one before it."), NULL);
  figure->chart = LW_CHART_NONE;
  figure->row_kinds = g_new0 (LwValueKind, MAX (1, n));
  set_column (figure, 0, "this-period", this_label, LW_VALUE_COUNT);
  set_column (figure, 1, "previous-period", previous_label, LW_VALUE_COUNT);
  set_column (figure, 2, "change", _("Change"), LW_VALUE_COUNT);
  for (guint k = 0; k < N_KEYS; k++)
    {
      LwReportCell *change;

      if (!now[k].present)
        continue;
      set_row (figure, row, key_specs[k].key, _(key_specs[k].label));
      figure->row_kinds[row] = key_specs[k].kind;
      *cell_at (figure, row, 0) = now[k].cell;
      *cell_at (figure, row, 1) = before[k].cell;
      change = cell_at (figure, row, 2);
      /* a change is shown only between two values shown: a shown value and
       * a change would give away a hidden one */
      if (now[k].cell.state != LW_CELL_SHOWN || before[k].cell.state != LW_CELL_SHOWN)
        change->state = LW_CELL_HIDDEN;
      else if (now[k].cell.empty || before[k].cell.empty)
        change->empty = TRUE;
      else
        change->value = now[k].cell.value - before[k].cell.value;
      row++;
    }
  return figure;
}

static GHashTable *
officer_names (LwStore  *store,
               GError  **error)
{
  g_autoptr(GPtrArray) people = lw_store_list (store, &lw_person_table, NULL, 0, error);
  GHashTable *names;

  if (people == NULL)
    return NULL;
  names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < people->len; i++)
    {
      const LwPerson *person = g_ptr_array_index (people, i);
      gint64 *key = g_new (gint64, 1);

      *key = person->id;
      g_hash_table_insert (names, key, g_strdup (person->name));
    }
  return names;
}

LwReport *
lw_report_build (LwStore          *store,
                 const LwPeriod   *period,
                 const LwAudience *audience,
                 GError          **error)
{
  g_autoptr(LwReport) report = NULL;
  g_autoptr(LwReportData) data = NULL;
  g_autoptr(GHashTable) officers = NULL;
  gboolean shown[G_N_ELEMENTS (figure_specs)];
  LwLoadFlags flags = LW_LOAD_ACTIONS | LW_LOAD_MEETINGS | LW_LOAD_CONCERNS;
  LwPolicyMatrix matrix;
  LwLevel base[LW_N_CATEGORIES];
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autofree char *today = lw_date_today ();
  gboolean internal;
  gint64 start, loaded;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (audience != NULL, NULL);

  report = g_new0 (LwReport, 1);
  report->period = *period;
  lw_period_previous (period, &report->previous);
  report->audience = lw_audience_copy (audience);
  report->absent = g_ptr_array_new_with_free_func (absent_free);

  /* what the audience may see without any release decides which figures
   * exist; each participant's own levels decide whom they count */
  lw_policy_load_matrix (store, &matrix);
  lw_policy_resolve_levels (&matrix, report->audience, none, today, base);
  report->small_cells = base[LW_CATEGORY_IDENTITY] != LW_LEVEL_FULL;
  internal = is_internal (report->audience);
  for (guint i = 0; i < G_N_ELEMENTS (figure_specs); i++)
    {
      const char *why = needs_unmet (figure_specs[i].needs, base, internal);

      shown[i] = why == NULL;
      if (shown[i])
        flags |= load_flags_for (figure_specs[i].needs);
      else
        {
          LwReportAbsent *absent = g_new0 (LwReportAbsent, 1);

          absent->id = figure_specs[i].id;
          absent->title = g_strdup (_(figure_specs[i].title));
          absent->reason = g_strdup (_(why));
          g_ptr_array_add (report->absent, absent);
        }
    }
  if (flags & LW_LOAD_LEGAL)
    flags |= LW_LOAD_DECISIONS;

  start = g_get_monotonic_time ();
  data = _lw_report_data_load (store, report->audience, flags, error);
  if (data == NULL)
    return NULL;
  loaded = g_get_monotonic_time ();
  for (guint i = 0; i < G_N_ELEMENTS (figure_specs) && officers == NULL; i++)
    if (figure_specs[i].needs == NEEDS_INTERNAL && shown[i])
    {
      officers = officer_names (store, error);
      if (officers == NULL)
        return NULL;
    }
  report->figures = count_period (data, &report->period, report->small_cells, internal, officers, shown);
  report->earlier = count_period (data, &report->previous, report->small_cells, internal, officers, shown);
  report->key = make_key_figures (report);
  {
    gint64 counted = g_get_monotonic_time ();

    g_clear_pointer (&data, _lw_report_data_free);
    g_debug ("report: data read in %.1f ms, counted in %.1f ms, let go in %.1f ms",
             (loaded - start) / 1000.0, (counted - loaded) / 1000.0, (g_get_monotonic_time () - counted) / 1000.0);
  }
  return g_steal_pointer (&report);
}

const LwPeriod *
lw_report_get_period (const LwReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  return &report->period;
}

const LwPeriod *
lw_report_get_previous (const LwReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  return &report->previous;
}

const LwAudience *
lw_report_get_audience (const LwReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  return report->audience;
}

gboolean
lw_report_get_small_cells (const LwReport *report)
{
  g_return_val_if_fail (report != NULL, TRUE);
  return report->small_cells;
}

const LwReportFigure *
lw_report_get_key_figures (const LwReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  return report->key;
}

guint
lw_report_get_n_figures (const LwReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->figures->len;
}

const LwReportFigure *
lw_report_get_figure (const LwReport *report,
                      guint           index)
{
  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (index < report->figures->len, NULL);
  return g_ptr_array_index (report->figures, index);
}

const LwReportFigure *
lw_report_lookup (const LwReport *report,
                  const char     *id)
{
  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (g_str_equal (id, "key-figures"))
    return report->key;
  return find_figure (report->figures, id);
}

guint
lw_report_get_n_absent (const LwReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->absent->len;
}

const LwReportAbsent *
lw_report_get_absent (const LwReport *report,
                      guint           index)
{
  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (index < report->absent->len, NULL);
  return g_ptr_array_index (report->absent, index);
}
