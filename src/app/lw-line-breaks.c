/* lw-line-breaks.c: a text's lines at any width, from one shaping
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-line-breaks"

#include "config.h"

#include <string.h>

#include "lw-line-breaks.h"

enum
{
  BREAK_ALLOWED   = 1 << 0,   /* a line may start before this character */
  BREAK_MANDATORY = 1 << 1,   /* a line starts before it */
  BREAK_CHAR      = 1 << 2,   /* a too long word may be cut before it */
  WHITE           = 1 << 3,   /* the character is white space */
};

struct _LwLineBreaks
{
  char   *text;
  int     n;              /* characters */
  int    *advance;        /* Pango units, by character */
  int    *offset;         /* byte offset of each character, and of the end */
  guint8 *flags;          /* by position, n + 1 */
  double  line_height;    /* Pango units */
};

LwLineBreaks *
lw_line_breaks_new (PangoLayout *layout)
{
  LwLineBreaks *breaks = g_new0 (LwLineBreaks, 1);
  PangoLayoutIter *iter;
  const PangoLogAttr *attrs;
  g_autofree int *by_byte = NULL;
  gsize bytes;
  const char *c;
  int n_attrs;

  g_return_val_if_fail (PANGO_IS_LAYOUT (layout), NULL);

  breaks->text = g_strdup (pango_layout_get_text (layout));
  bytes = strlen (breaks->text);

  /* advances by the byte each character starts at, then by character */
  by_byte = g_new0 (int, bytes + 1);
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle rect;
      int index = pango_layout_iter_get_index (iter);

      pango_layout_iter_get_char_extents (iter, &rect);
      if (index >= 0 && (gsize) index <= bytes)
        by_byte[index] += ABS (rect.width);
    }
  while (pango_layout_iter_next_char (iter));
  pango_layout_iter_free (iter);

  attrs = pango_layout_get_log_attrs_readonly (layout, &n_attrs);
  breaks->n = (int) g_utf8_strlen (breaks->text, -1);
  breaks->advance = g_new0 (int, breaks->n + 1);
  breaks->offset = g_new0 (int, breaks->n + 1);
  breaks->flags = g_new0 (guint8, breaks->n + 1);
  c = breaks->text;
  for (int i = 0; i <= breaks->n; i++)
    {
      breaks->offset[i] = (int) (c - breaks->text);
      if (i < breaks->n)
        {
          breaks->advance[i] = by_byte[c - breaks->text];
          c = g_utf8_next_char (c);
        }
      if (i < n_attrs)
        breaks->flags[i] = (attrs[i].is_line_break ? BREAK_ALLOWED : 0) |
                           (attrs[i].is_mandatory_break ? BREAK_MANDATORY : 0) |
                           (attrs[i].is_char_break ? BREAK_CHAR : 0) |
                           (attrs[i].is_white ? WHITE : 0);
    }

  /* the tallest line: a line in another script's font is never cut short */
  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
    {
      PangoRectangle rect;

      pango_layout_line_get_extents (l->data, NULL, &rect);
      breaks->line_height = MAX (breaks->line_height, rect.height);
    }
  return breaks;
}

void
lw_line_breaks_free (LwLineBreaks *breaks)
{
  if (breaks == NULL)
    return;
  /* what a list showed (a note, a name) is not left in freed memory */
  if (breaks->text != NULL)
    explicit_bzero (breaks->text, strlen (breaks->text));
  g_free (breaks->text);
  g_free (breaks->advance);
  g_free (breaks->offset);
  g_free (breaks->flags);
  g_free (breaks);
}

static gboolean
may_end_before (const LwLineBreaks *breaks,
                int                 i)
{
  return i == breaks->n || (breaks->flags[i] & (BREAK_ALLOWED | BREAK_MANDATORY));
}

/* The end of the line that starts at start. */
static int
line_end (const LwLineBreaks *breaks,
          int                 start,
          double              limit)
{
  double used = 0;
  int best = -1;

  for (int i = start + 1; i <= breaks->n; i++)
    {
      used += breaks->advance[i - 1];
      if (may_end_before (breaks, i))
        {
          double width = used - ((breaks->flags[i - 1] & WHITE) ? breaks->advance[i - 1] : 0);

          if (width > limit)
            break;
          best = i;
          if (i < breaks->n && (breaks->flags[i] & BREAK_MANDATORY))
            break;
        }
    }
  if (best > start)
    return best;

  /* a word alone too long: cut where a character break fits, after one
   * character at least */
  used = 0;
  best = start + 1;
  for (int i = start + 1; i <= breaks->n; i++)
    {
      used += breaks->advance[i - 1];
      if (used > limit)
        break;
      if (i == breaks->n || (breaks->flags[i] & (BREAK_CHAR | BREAK_MANDATORY)))
        best = i;
    }
  return best;
}

/* A newline at the very end makes an empty last line. */
static gboolean
ends_with_newline (const LwLineBreaks *breaks)
{
  gsize len = strlen (breaks->text);

  return len > 0 && (breaks->text[len - 1] == '\n' || breaks->text[len - 1] == '\r');
}

int
lw_line_breaks_count (const LwLineBreaks *breaks,
                      double              limit)
{
  int lines = 0;

  g_return_val_if_fail (breaks != NULL, 1);

  for (int start = 0; start < breaks->n; lines++)
    start = line_end (breaks, start, limit);
  return MAX (lines, 1) + ends_with_newline (breaks);
}

double
lw_line_breaks_line_height (const LwLineBreaks *breaks)
{
  g_return_val_if_fail (breaks != NULL, 0);

  return breaks->line_height;
}

void
lw_line_breaks_get_lines (const LwLineBreaks *breaks,
                          double              limit,
                          GArray             *lines)
{
  int start = 0;

  g_return_if_fail (breaks != NULL);
  g_return_if_fail (lines != NULL);

  g_array_set_size (lines, 0);
  while (start < breaks->n)
    {
      int end = line_end (breaks, start, limit);
      int last = end;
      LwLineRange line = { breaks->offset[start], 0, breaks->offset[end], 0 };

      while (last > start && (breaks->flags[last - 1] & WHITE))
        last--;
      line.end = breaks->offset[last];
      for (int i = start; i < last; i++)
        line.width += breaks->advance[i];
      g_array_append_val (lines, line);
      start = end;
    }
  /* as many as lw_line_breaks_count (): an empty text is one empty line, and
   * a newline at the end makes an empty one after it */
  if (lines->len == 0 || ends_with_newline (breaks))
    {
      int len = breaks->offset[breaks->n];
      LwLineRange line = { len, len, len, 0 };

      g_array_append_val (lines, line);
    }
}

char *
lw_line_breaks_break_text (const LwLineBreaks *breaks,
                           double              limit)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (LwLineRange));
  GString *out;

  g_return_val_if_fail (breaks != NULL, NULL);

  out = g_string_sized_new (strlen (breaks->text) + 16);
  lw_line_breaks_get_lines (breaks, limit, lines);
  for (guint i = 0; i < lines->len; i++)
    {
      const LwLineRange *line = &g_array_index (lines, LwLineRange, i);

      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append_len (out, breaks->text + line->start, line->end - line->start);
    }
  return g_string_free (out, FALSE);
}
