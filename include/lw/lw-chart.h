/* lw-chart.h: a report figure drawn with cairo, the same on screen and on paper
 *
 * Line, bar (series side by side) and stacked bar charts of a figure's series
 * columns (lw-report.h), one drawing function for the app's widget and for the
 * PDF.  Colours are the Okabe–Ito palette, which people with any common colour
 * blindness tell apart, and each series also has its own fill pattern (bars) or
 * marker and dash (lines), so a greyscale print keeps them apart too.  Hidden
 * cells (fewer than 11, suppressed) are never drawn as a value: a bar is left
 * out, a line is broken; in a stacked bar whose total is shown, what the hidden
 * parts add up to is drawn hatched in grey (the total minus the parts shown,
 * which the table shows anyway).
 *
 * Every chart has a text alternative: the table beside it, and a description
 * for screen readers (lw_chart_describe()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pango.h>

#include "lw-report.h"

G_BEGIN_DECLS

/* Draws figure's chart into the rectangle (0, 0, width, height) of cr's user
 * space (points on paper, pixels on screen), with text at scale 1.0 = 8 points. */
void     lw_chart_draw          (const LwReportFigure *figure,
                                 cairo_t              *cr,
                                 double                width,
                                 double                height,
                                 double                text_scale);
/* The nth font the chart's text is drawn in at text_scale (with a cairo
 * context's own font options), or NULL past the last: to draw a chart's
 * letters ahead of its first frame. */
PangoFontDescription *lw_chart_get_text_font (double text_scale,
                                              guint  n);
/* "Stacked bar chart of Referrals by month and route. Nov 2026: Arrest
 * diversion 12, Social contact fewer than 11, ..." in the calling thread's
 * language; NULL when the figure has no chart. */
char    *lw_chart_describe      (const LwReportFigure *figure);
/* The colour of series index (r, g, b in 0..1), for a legend drawn elsewhere. */
void     lw_chart_series_color  (guint                 index,
                                 double               *r,
                                 double               *g,
                                 double               *b);
/* How many data rows a chart draws (the figure's rows but a total row). */
guint    lw_chart_n_categories  (const LwReportFigure *figure);

G_END_DECLS
