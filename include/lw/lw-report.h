/* lw-report.h: program metrics for an audience
 *
 * A report covers a period (a month, a quarter, a year, or any days from–to)
 * and is made for an audience, like a document.  Every figure is computed here,
 * in the core, from what the audience may see of each participant: the levels
 * the policy engine gives the audience for that participant (with the
 * participant's releases of information), exactly as a view is made
 * (lw-view.h), and the same rules for records marked as concerning health or
 * treatment.  A figure needs the categories it counts at a level:
 *
 *   figure                                         needs
 *   referrals by month and route                   status at summary
 *   participants by status at each month's end     status at summary
 *   days from referral to intake, intake to active status at summary
 *   contacts per active participant                care notes in full (the care team)
 *   IIP goals set and met, by domain               plan at summary; a health or
 *                                                  treatment goal also health or
 *                                                  substance use in full
 *   housing at entry and now                       housing at summary
 *   legal matters by outcome                       legal in full
 *   prosecution positions by kind                  prosecution in full
 *   diversion decisions                            legal in full; the reasons also
 *                                                  identity in full; by officer only
 *                                                  for the internal review audience
 *                                                  (project manager and police roles)
 *   action items done on time                      — (owner and due date are clear;
 *                                                  an item marked as concerning health
 *                                                  or treatment counts only where it
 *                                                  may be seen)
 *   meetings: participants reviewed, minutes per   —
 *   item, items carried over
 *   community concerns: opened, responded, days    —
 *
 * A participant the audience may not see at that level is not counted; a
 * figure the audience may not see at all is left out of the report, and listed
 * with the reason (lw_report_get_absent()).  Counts are aggregates only: no
 * participant code, name or free text is ever part of a report, except the
 * reasons of diversion decisions and the officers' names, each only where said
 * above.
 *
 * For an audience that may not see identity at full, every count from 1 to 10
 * reads "fewer than 11", with complementary suppression (lw-suppress.h); a value
 * computed from counts (a share, a median, a rate) is hidden with its basis,
 * and so is a change from the previous period unless both are shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lw-export.h"
#include "lw-policy.h"
#include "lw-store.h"
#include "lw-suppress.h"

G_BEGIN_DECLS

/* ----------------------------------------------------------------------------
 * Periods
 */
typedef enum
{
  LW_PERIOD_MONTH,
  LW_PERIOD_QUARTER,
  LW_PERIOD_YEAR,
  LW_PERIOD_RANGE,      /* from–to, any days */
  LW_N_PERIOD_KINDS
} LwPeriodKind;

typedef struct
{
  LwPeriodKind kind;
  char         from[11];   /* "YYYY-MM-DD", inclusive */
  char         to[11];     /* inclusive */
} LwPeriod;

/* "2026-11" (a month), "2026-Q4", "2026", or "2026-01-15..2026-03-14"
 * (also "2026-01-15:2026-03-14").  LW_ERROR_INVALID with what to type. */
gboolean lw_period_parse          (const char     *text,
                                   LwPeriod       *period,
                                   GError        **error);
/* The month, quarter or year that holds date. */
void     lw_period_init           (LwPeriod       *period,
                                   LwPeriodKind    kind,
                                   const char     *date);
gboolean lw_period_init_range     (LwPeriod       *period,
                                   const char     *from,
                                   const char     *to,
                                   GError        **error);
/* The period just before: the month, quarter or year before, or as many days
 * ending the day before from. */
void     lw_period_previous       (const LwPeriod *period,
                                   LwPeriod       *previous);
/* What lw_period_parse() reads back. */
char    *lw_period_to_string      (const LwPeriod *period);
/* "November 2026", "Q4 2026", "2026", "15 January 2026 – 14 March 2026", in
 * the calling thread's language. */
char    *lw_period_to_label       (const LwPeriod *period);
gboolean lw_period_contains       (const LwPeriod *period,
                                   const char     *date);
int      lw_period_n_days         (const LwPeriod *period);

/* ----------------------------------------------------------------------------
 * Figures
 */
typedef enum
{
  LW_CHART_NONE,
  LW_CHART_LINE,
  LW_CHART_BAR,           /* series side by side */
  LW_CHART_STACKED_BAR,
} LwChartKind;

typedef enum
{
  LW_VALUE_COUNT,         /* people or their records: the small-cell rule */
  LW_VALUE_TALLY,         /* a count of meetings: not about anyone */
  LW_VALUE_DAYS,          /* a median number of days */
  LW_VALUE_RATE,          /* a number per participant or per item */
  LW_VALUE_PERCENT,       /* 0–100 */
  LW_VALUE_MINUTES,
} LwValueKind;

typedef struct
{
  double       value;
  LwCellState  state;
  gboolean     empty;     /* nothing to compute from (no one waited): "—" */
} LwReportCell;

typedef struct
{
  const char   *id;            /* stable: "referrals", "status", ... */
  char         *title;
  char         *description;   /* what it counts */
  char         *note;          /* what a reader must know, or NULL */
  LwChartKind   chart;
  char         *unit;          /* the chart's axis: "Referrals", "Days" */
  guint         n_rows;
  guint         n_columns;
  char        **row_keys;      /* stable: "2026-11", "arrest-diversion" */
  char        **row_labels;
  char        **column_keys;
  char        **column_labels;
  LwValueKind  *column_kinds;
  LwValueKind  *row_kinds;     /* per row instead, or NULL (the key figures) */
  int          *basis;         /* per column: the count column its value is
                                * computed from (hidden with it), else -1 */
  int          *basis2;        /* and a second one (a share's denominator) */
  gboolean      row_totals;    /* the last column is each row's total */
  gboolean      column_totals; /* the last row is each column's total */
  guint         first_series;  /* the columns a chart draws, one series each */
  guint         n_series;
  LwReportCell *cells;         /* n_rows × n_columns, row after row */
} LwReportFigure;

typedef struct
{
  const char *id;
  char       *title;
  char       *reason;          /* "Not shown to this audience: it needs ..." */
} LwReportAbsent;

static inline const LwReportCell *
lw_report_figure_cell (const LwReportFigure *figure,
                       guint                 row,
                       guint                 column)
{
  return &figure->cells[row * figure->n_columns + column];
}

/* A cell as the reader sees it: "12", "fewer than 11", "suppressed", "—",
 * "14 days", "2.5", "45%", in the calling thread's language. */
char    *lw_report_cell_to_text   (const LwReportFigure *figure,
                                   guint                 row,
                                   guint                 column);
/* A row's label for a chart's axis: "Nov 2026" for a month, else the label. */
char    *lw_report_row_short_label (const LwReportFigure *figure,
                                    guint                 row);
/* The same, as a number for a CSV file, or NULL when it is not shown. */
char    *lw_report_cell_to_number (const LwReportFigure *figure,
                                   guint                 row,
                                   guint                 column);

/* ----------------------------------------------------------------------------
 * Reports
 */
typedef struct _LwReport LwReport;

/* Needs an unlocked store.  Nothing is audited: a report on screen holds no
 * participant's data; its exports are (lw_report_export()). */
LwReport              *lw_report_build            (LwStore          *store,
                                                   const LwPeriod   *period,
                                                   const LwAudience *audience,
                                                   GError          **error);
void                   lw_report_free             (LwReport         *report);
const LwPeriod        *lw_report_get_period       (const LwReport   *report);
const LwPeriod        *lw_report_get_previous     (const LwReport   *report);
const LwAudience      *lw_report_get_audience     (const LwReport   *report);
/* Whether the small-cell rule applies: the audience may not see identity at full. */
gboolean               lw_report_get_small_cells  (const LwReport   *report);
/* The comparison with the previous period: one row per key figure, columns
 * "this period", "previous period", "change". */
const LwReportFigure  *lw_report_get_key_figures  (const LwReport   *report);
guint                  lw_report_get_n_figures    (const LwReport   *report);
const LwReportFigure  *lw_report_get_figure       (const LwReport   *report,
                                                   guint             index);
/* NULL when the figure is not in this report. */
const LwReportFigure  *lw_report_lookup           (const LwReport   *report,
                                                   const char       *id);
guint                  lw_report_get_n_absent     (const LwReport   *report);
const LwReportAbsent  *lw_report_get_absent       (const LwReport   *report,
                                                   guint             index);

/* The report as a document (PDF, Markdown): the minutes' layout, the audience
 * on every page, each figure's chart followed by its table. */
LwDocument            *lw_report_to_document      (LwStore          *store,
                                                   const LwReport   *report,
                                                   GError          **error);
/* The figures as CSV (UTF-8, one row per cell: figure, row, column, value,
 * shown as). */
char                  *lw_report_to_csv           (const LwReport   *report);
/* Writes the report to path (.pdf, .md or .csv), whole or not at all, with an
 * LW_AUDIT_EXPORT entry (period, audience, format; never a value). */
gboolean               lw_report_export           (LwStore          *store,
                                                   const LwReport   *report,
                                                   const char       *path,
                                                   LwPaper           paper,
                                                   GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwReport, lw_report_free)

/* ----------------------------------------------------------------------------
 * The evaluator's extract
 *
 * One row per participant, de-identified for an independent evaluation: a
 * pseudonym made with HMAC-SHA-256 of the participant's internal id under the
 * extract key (stable for one key, unrelated across keys), every date moved by
 * one random number of days per participant (1 to 182 days either way, also
 * derived from the key, so intervals are kept and the same key moves them the
 * same way again), and the age at referral in 5-year bands with "90+".  No
 * name, code, date of birth, address, neighbourhood, case or incident number,
 * and no free text; health and substance-use information is left out.  A data
 * dictionary (CSV: column, type, meaning, values) is written beside it as
 * NAME-dictionary.csv.  Every extract is audited (rows, whether the key was kept;
 * never a value, never the key).
 *
 * The key: with key_path NULL, a fresh random key used once and forgotten, so
 * the extract links to no other; with a key file, its key (64 hexadecimal
 * digits), or a new random one written there (mode 0600) when the file does not
 * exist yet, so that later extracts for the same evaluation keep the same
 * pseudonyms.  The key file is the evaluation's secret: whoever holds it and the
 * program can link pseudonyms back to participants.
 */
#define LW_EXTRACT_KEY_BYTES 32

gboolean               lw_report_extract          (LwStore          *store,
                                                   const char       *path,
                                                   const char       *key_path,
                                                   guint            *n_rows,
                                                   char            **dictionary_path,
                                                   gboolean         *key_created,
                                                   GError          **error);
/* The pseudonym of participant id under key ("E-" and 12 characters), and its
 * date shift in days; exposed for tests. */
char                  *lw_extract_pseudonym       (const guint8     *key,
                                                   LwId              id);
int                    lw_extract_date_shift      (const guint8     *key,
                                                   LwId              id);
/* "35–39", "90+"; NULL for a negative age. */
char                  *lw_extract_age_band        (int               years);

G_END_DECLS
