/* lw-line-breaks.h: a text's lines at any width, from one shaping
 *
 * Shaping is what costs in laying text out, and a wrapping layout is shaped
 * again for every width it is asked about.  LwLineBreaks keeps what line
 * breaking needs of one unwrapped shaping — each character's advance, where a
 * line may or must break before it, the height of a line — and finds the lines
 * at any width by arithmetic, as Pango breaks them (WRAP_WORD_CHAR, without
 * hyphens): the last break that fits, the one white space character before it
 * not counted; a mandatory break first; a word alone too long cut at a
 * character.  At the size it was shaped at, the lines are Pango's; at another,
 * with every advance scaled, an estimate (hinting does not scale exactly).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

typedef struct _LwLineBreaks LwLineBreaks;

/* From layout, which must hold its text unwrapped (width -1). */
LwLineBreaks *lw_line_breaks_new        (PangoLayout        *layout);
void          lw_line_breaks_free       (LwLineBreaks       *breaks);
/* The number of lines within limit (Pango units at the size shaped). */
int           lw_line_breaks_count      (const LwLineBreaks *breaks,
                                         double              limit);
/* A line at some limit: byte offsets into the text, and the width drawn. */
typedef struct
{
  int start;   /* its first character */
  int end;     /* the end of what is drawn: the white space it ends with left out */
  int next;    /* the next line's first character */
  int width;   /* of what is drawn, Pango units */
} LwLineRange;

/* The lines within limit into lines (LwLineRange), as many as
 * lw_line_breaks_count () counts: an empty text is one empty line, and a
 * newline at the end makes an empty last line. */
void          lw_line_breaks_get_lines  (const LwLineBreaks *breaks,
                                         double              limit,
                                         GArray             *lines);
/* The height of one line, the tallest, in Pango units. */
double        lw_line_breaks_line_height (const LwLineBreaks *breaks);
/* The text with its lines broken within limit: each line without the white
 * space it ended with, the lines joined by newlines; drawn unwrapped, it is
 * those lines. */
char         *lw_line_breaks_break_text (const LwLineBreaks *breaks,
                                         double              limit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwLineBreaks, lw_line_breaks_free)

G_END_DECLS
