/* lw-suppress.c: the small-cell rule, with complementary suppression
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-suppress"

#include "config.h"

#include "lw/lw-suppress.h"

gboolean
lw_suppress_is_small (gint64 count)
{
  return count >= 1 && count <= LW_SMALL_CELL_MAX;
}

/* One line of the table: n entries at index start, start + step, ...; the
 * total is its last entry. */
typedef struct
{
  guint start;
  guint step;
  guint n;
} Line;

/* In a line with exactly one hidden entry, hides one more: the smallest
 * visible cell other than the total (a non-zero one first: hiding a zero says
 * little), else the total.  Returns whether it hid anything. */
static gboolean
protect_line (const gint64 *counts,
              LwCellState  *states,
              const Line   *line)
{
  guint n_hidden = 0;
  int best = -1;

  for (guint k = 0; k < line->n; k++)
    if (states[line->start + k * line->step] != LW_CELL_SHOWN)
      n_hidden++;
  if (n_hidden != 1)
    return FALSE;

  for (guint k = 0; k + 1 < line->n; k++)
    {
      guint i = line->start + k * line->step;

      if (states[i] != LW_CELL_SHOWN)
        continue;
      if (best < 0)
        {
          best = (int) i;
          continue;
        }
      /* non-zero before zero, then the smallest, then the first */
      if ((counts[best] == 0 && counts[i] != 0) ||
          ((counts[best] == 0) == (counts[i] == 0) && counts[i] < counts[best]))
        best = (int) i;
    }
  if (best < 0)
    best = (int) (line->start + (line->n - 1) * line->step);
  if (states[best] != LW_CELL_SHOWN)
    return FALSE;   /* the only other entry is the hidden one: nothing to pair */
  states[best] = LW_CELL_HIDDEN;
  return TRUE;
}

void
lw_suppress_table (const gint64 *counts,
                   guint         n_rows,
                   guint         n_columns,
                   gboolean      row_totals,
                   gboolean      column_totals,
                   LwCellState  *states)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (Line));
  gboolean changed;

  g_return_if_fail (counts != NULL || n_rows * n_columns == 0);
  g_return_if_fail (states != NULL || n_rows * n_columns == 0);

  for (guint i = 0; i < n_rows * n_columns; i++)
    states[i] = lw_suppress_is_small (counts[i]) ? LW_CELL_SMALL : LW_CELL_SHOWN;

  /* every row is a line when rows have totals, every column when columns do
   * (the totals' own row and column included: they add up to the grand total) */
  if (row_totals && n_columns >= 2)
    for (guint r = 0; r < n_rows; r++)
      g_array_append_val (lines, ((Line) { r * n_columns, 1, n_columns }));
  if (column_totals && n_rows >= 2)
    for (guint c = 0; c < n_columns; c++)
      g_array_append_val (lines, ((Line) { c, n_columns, n_rows }));

  /* each pass hides at least one more entry, so this ends */
  do
    {
      changed = FALSE;
      for (guint l = 0; l < lines->len; l++)
        changed |= protect_line (counts, states, &g_array_index (lines, Line, l));
    }
  while (changed);
}
