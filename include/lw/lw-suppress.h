/* lw-suppress.h: the small-cell rule, with complementary suppression
 *
 * Aggregates shown to an audience that may not see who the participants are
 * (community representatives, evaluators: any audience without identity at
 * full) follow the rule CMS uses for public data: a count from 1 to 10 is never
 * shown, only "fewer than 11".  Hiding those cells is not enough where a table
 * shows totals: a single hidden cell in a row is its total minus the others.
 * So, for every row and column that has a total, a second cell is hidden
 * whenever exactly one is (the smallest other count, so the least is lost), and
 * again until no line with a total has exactly one hidden entry.  A total is an
 * entry of its line like any cell: a hidden total next to visible cells is
 * worked out from them, so it gets a hidden partner too.
 *
 * This stops the one-step subtraction a reader can do in their head; it is the
 * usual heuristic for published tables, not a proof against every linear
 * combination of several lines (which needs an auditing solver).  Zero is shown:
 * it is not a small cell of people.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LW_SMALL_CELL_MAX 10

typedef enum
{
  LW_CELL_SHOWN,
  LW_CELL_SMALL,    /* a count from 1 to 10: "fewer than 11" */
  LW_CELL_HIDDEN,   /* hidden so that a small cell cannot be worked out */
} LwCellState;

/* Whether count must not be shown: 1 to LW_SMALL_CELL_MAX. */
gboolean lw_suppress_is_small (gint64 count);

/* counts holds n_rows × n_columns counts, row after row.  With row_totals the
 * last column holds each row's total; with column_totals the last row holds
 * each column's total (and, with both, the grand total in the corner).  Fills
 * states (n_rows × n_columns) with the state of every entry.  Without any
 * totals only the small cells are hidden. */
void     lw_suppress_table    (const gint64 *counts,
                               guint         n_rows,
                               guint         n_columns,
                               gboolean      row_totals,
                               gboolean      column_totals,
                               LwCellState  *states);

G_END_DECLS
