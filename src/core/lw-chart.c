/* lw-chart.c: line, bar and stacked bar charts of report figures, with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-chart"

#include "config.h"

#include "lw-i18n-private.h"
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "lw/lw-chart.h"

#define FONT_FAMILY "Cantarell, DejaVu Sans, Noto Sans, Liberation Sans, Sans"

/* The text's sizes: labels, numbers and the legend at the base size (8 at a
 * text scale of 1), the note of an empty plot a little larger, the unit a
 * little smaller.  lw_chart_get_text_font () gives the same three. */
#define TEXT_SIZE       8.0
#define EMPTY_NOTE_SIZE 1.1
#define UNIT_SIZE       0.9

/* Okabe and Ito (2008), "Color Universal Design": told apart with any common
 * colour blindness.  Ordered so that neighbours also differ in lightness (by
 * at least 0.15 of luma), for greyscale prints. */
static const guint32 palette[] = {
  0x0072B2,  /* blue */
  0xE69F00,  /* orange */
  0x009E73,  /* bluish green */
  0xF0E442,  /* yellow */
  0xD55E00,  /* vermillion */
  0x56B4E9,  /* sky blue */
  0x000000,  /* black */
  0xCC79A7,  /* reddish purple */
};

typedef enum
{
  PATTERN_SOLID,
  PATTERN_DIAGONAL,
  PATTERN_DOTS,
  PATTERN_CROSS,
  PATTERN_HORIZONTAL,
  PATTERN_VERTICAL,
  PATTERN_BACK_DIAGONAL,
  PATTERN_GRID,
  N_PATTERNS
} Pattern;

typedef enum
{
  MARKER_CIRCLE,
  MARKER_SQUARE,
  MARKER_TRIANGLE,
  MARKER_DIAMOND,
  MARKER_CROSS,
  N_MARKERS
} Marker;

void
lw_chart_series_color (guint   index,
                       double *r,
                       double *g,
                       double *b)
{
  guint32 c = palette[index % G_N_ELEMENTS (palette)];

  *r = ((c >> 16) & 0xff) / 255.0;
  *g = ((c >> 8) & 0xff) / 255.0;
  *b = (c & 0xff) / 255.0;
}

static void
set_series_color (cairo_t *cr,
                  guint    index)
{
  double r, g, b;

  lw_chart_series_color (index, &r, &g, &b);
  cairo_set_source_rgb (cr, r, g, b);
}

/* Black or white, whichever stands out on the series' colour. */
static void
set_contrast_color (cairo_t *cr,
                    guint    index)
{
  double r, g, b;

  lw_chart_series_color (index, &r, &g, &b);
  if (0.2126 * r + 0.7152 * g + 0.0722 * b > 0.45)
    cairo_set_source_rgba (cr, 0, 0, 0, 0.55);
  else
    cairo_set_source_rgba (cr, 1, 1, 1, 0.75);
}

static void
hatch (cairo_t *cr,
       double   x,
       double   y,
       double   w,
       double   h,
       double   dx,
       double   spacing)
{
  /* lines x = x0 + dx * t, clipped to the rectangle */
  double span = fabs (dx) * h;

  for (double x0 = x - span - spacing; x0 < x + w + span + spacing; x0 += spacing)
    {
      cairo_move_to (cr, x0, y + h);
      cairo_line_to (cr, x0 + dx * h, y);
    }
}

/* Fills a rectangle in series index's colour and pattern. */
static void
fill_bar (cairo_t *cr,
          guint    index,
          double   x,
          double   y,
          double   w,
          double   h)
{
  Pattern pattern = index % N_PATTERNS;

  if (w <= 0 || h <= 0)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  set_series_color (cr, index);
  cairo_fill_preserve (cr);
  cairo_clip (cr);
  set_contrast_color (cr, index);
  cairo_set_line_width (cr, 1.0);
  switch (pattern)
    {
    case PATTERN_DIAGONAL:
      hatch (cr, x, y, w, h, 1.0, 5.0);
      cairo_stroke (cr);
      break;
    case PATTERN_BACK_DIAGONAL:
      hatch (cr, x, y, w, h, -1.0, 5.0);
      cairo_stroke (cr);
      break;
    case PATTERN_CROSS:
      hatch (cr, x, y, w, h, 1.0, 6.0);
      hatch (cr, x, y, w, h, -1.0, 6.0);
      cairo_stroke (cr);
      break;
    case PATTERN_DOTS:
      for (double yy = y + 2.5; yy < y + h; yy += 5.0)
        for (double xx = x + 2.5 + (fmod (yy - y, 10.0) > 5.0 ? 2.5 : 0); xx < x + w; xx += 5.0)
          {
            cairo_new_sub_path (cr);
            cairo_arc (cr, xx, yy, 1.1, 0, 2 * G_PI);
          }
      cairo_fill (cr);
      break;
    case PATTERN_HORIZONTAL:
      for (double yy = y + h - 2.5; yy > y; yy -= 4.5)
        {
          cairo_move_to (cr, x, yy);
          cairo_line_to (cr, x + w, yy);
        }
      cairo_stroke (cr);
      break;
    case PATTERN_VERTICAL:
      for (double xx = x + 2.5; xx < x + w; xx += 4.5)
        {
          cairo_move_to (cr, xx, y);
          cairo_line_to (cr, xx, y + h);
        }
      cairo_stroke (cr);
      break;
    case PATTERN_GRID:
      for (double yy = y + h - 3; yy > y; yy -= 6)
        {
          cairo_move_to (cr, x, yy);
          cairo_line_to (cr, x + w, yy);
        }
      for (double xx = x + 3; xx < x + w; xx += 6)
        {
          cairo_move_to (cr, xx, y);
          cairo_line_to (cr, xx, y + h);
        }
      cairo_stroke (cr);
      break;
    case PATTERN_SOLID:
    default:
      break;
    }
  cairo_restore (cr);
  /* an outline keeps light colours apart from the page */
  cairo_save (cr);
  cairo_rectangle (cr, x + 0.25, y + 0.25, w - 0.5, h - 0.5);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.5);
  cairo_set_line_width (cr, 0.5);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* What the hidden parts of a stacked bar add up to: grey, hatched. */
static void
fill_hidden (cairo_t *cr,
             double   x,
             double   y,
             double   w,
             double   h)
{
  if (w <= 0 || h <= 0)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_set_source_rgb (cr, 0.93, 0.93, 0.93);
  cairo_fill_preserve (cr);
  cairo_clip_preserve (cr);
  cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
  cairo_set_line_width (cr, 0.6);
  cairo_stroke (cr);
  hatch (cr, x, y, w, h, 0.5, 3.5);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
line_style (cairo_t *cr,
            guint    index)
{
  static const double dashes[][2] = { { 0, 0 }, { 6, 3 }, { 2, 2 }, { 8, 2 }, { 4, 4 } };
  guint d = index % G_N_ELEMENTS (dashes);

  set_series_color (cr, index);
  cairo_set_line_width (cr, 2.0);
  if (d == 0)
    cairo_set_dash (cr, NULL, 0, 0);
  else
    cairo_set_dash (cr, dashes[d], 2, 0);
}

static void
draw_marker (cairo_t *cr,
             guint    index,
             double   x,
             double   y,
             double   size)
{
  Marker marker = index % N_MARKERS;

  cairo_save (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_new_path (cr);
  switch (marker)
    {
    case MARKER_SQUARE:
      cairo_rectangle (cr, x - size, y - size, 2 * size, 2 * size);
      break;
    case MARKER_TRIANGLE:
      cairo_move_to (cr, x, y - size * 1.25);
      cairo_line_to (cr, x + size * 1.15, y + size * 0.9);
      cairo_line_to (cr, x - size * 1.15, y + size * 0.9);
      cairo_close_path (cr);
      break;
    case MARKER_DIAMOND:
      cairo_move_to (cr, x, y - size * 1.3);
      cairo_line_to (cr, x + size * 1.3, y);
      cairo_line_to (cr, x, y + size * 1.3);
      cairo_line_to (cr, x - size * 1.3, y);
      cairo_close_path (cr);
      break;
    case MARKER_CROSS:
      cairo_move_to (cr, x - size, y - size);
      cairo_line_to (cr, x + size, y + size);
      cairo_move_to (cr, x + size, y - size);
      cairo_line_to (cr, x - size, y + size);
      set_series_color (cr, index);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
      cairo_restore (cr);
      return;
    case MARKER_CIRCLE:
    default:
      cairo_arc (cr, x, y, size, 0, 2 * G_PI);
      break;
    }
  set_series_color (cr, index);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke (cr);
  cairo_restore (cr);
}

guint
lw_chart_n_categories (const LwReportFigure *figure)
{
  g_return_val_if_fail (figure != NULL, 0);

  return figure->column_totals && figure->n_rows > 0 ? figure->n_rows - 1 : figure->n_rows;
}

static gboolean
cell_drawn (const LwReportCell *cell)
{
  return cell->state == LW_CELL_SHOWN && !cell->empty;
}

/* A "nice" step (1, 2 or 5 times a power of ten) for about n ticks up to max. */
static double
nice_step (double max,
           int    n)
{
  double raw = max / MAX (n, 1);
  double power = pow (10, floor (log10 (raw)));
  double unit = raw / power;

  if (unit <= 1)
    return power;
  if (unit <= 2)
    return 2 * power;
  if (unit <= 5)
    return 5 * power;
  return 10 * power;
}

static double
base_size (double text_scale)
{
  return TEXT_SIZE * (text_scale > 0 ? text_scale : 1.0);
}

static PangoFontDescription *
text_font (double   size,
           gboolean bold)
{
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  return font;
}

static PangoLayout *
text_layout (cairo_t    *cr,
             const char *text,
             double      size,
             gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = text_font (size, bold);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *w,
             double      *h)
{
  int pw, ph;

  pango_layout_get_size (layout, &pw, &ph);
  if (w)
    *w = (double) pw / PANGO_SCALE;
  if (h)
    *h = (double) ph / PANGO_SCALE;
}

/* The legend at the top: a swatch (pattern, or line and marker) per series,
 * and what grey hatching means when anything is hidden.  Returns its height. */
static double
draw_legend (const LwReportFigure *figure,
             cairo_t              *cr,
             double                width,
             double                size,
             gboolean              any_hidden,
             gboolean              draw)
{
  double x = 0, y = 0, row_h = size * 1.6, swatch = size * 1.4;
  guint n = figure->n_series + (any_hidden ? 1 : 0);

  for (guint s = 0; s < n; s++)
    {
      gboolean hidden_entry = s == figure->n_series;
      const char *label = hidden_entry
                          ? (figure->chart == LW_CHART_STACKED_BAR ? _("Hidden (fewer than 11 or suppressed)")
                                                                     : _("Not drawn: fewer than 11 or suppressed"))
                          : figure->column_labels[figure->first_series + s];
      g_autoptr(PangoLayout) layout = text_layout (cr, label, size, FALSE);
      double w, h, entry;

      layout_size (layout, &w, &h);
      entry = swatch + size * 0.4 + w + size * 1.2;
      if (x > 0 && x + entry > width)
        {
          x = 0;
          y += row_h;
        }
      if (draw)
        {
          double sy = y + (row_h - swatch) / 2;

          if (hidden_entry)
            {
              if (figure->chart == LW_CHART_STACKED_BAR)
                fill_hidden (cr, x, sy, swatch, swatch);
              else
                {
                  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
                  cairo_set_line_width (cr, 1.2);
                  cairo_move_to (cr, x + 2, sy + swatch / 2);
                  cairo_line_to (cr, x + swatch - 2, sy + swatch / 2);
                  cairo_stroke (cr);
                }
            }
          else if (figure->chart == LW_CHART_LINE)
            {
              cairo_save (cr);
              line_style (cr, s);
              cairo_move_to (cr, x, sy + swatch / 2);
              cairo_line_to (cr, x + swatch, sy + swatch / 2);
              cairo_stroke (cr);
              cairo_restore (cr);
              draw_marker (cr, s, x + swatch / 2, sy + swatch / 2, size * 0.32);
            }
          else
            fill_bar (cr, s, x, sy, swatch, swatch);
          cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
          cairo_move_to (cr, x + swatch + size * 0.4, y + (row_h - h) / 2);
          pango_cairo_show_layout (cr, layout);
        }
      x += entry;
    }
  return y + row_h + size * 0.6;
}

/* The highest value drawn: a bar, a stack or a point. */
static double
max_value (const LwReportFigure *figure)
{
  guint n_rows = lw_chart_n_categories (figure);
  double max = 0;

  for (guint r = 0; r < n_rows; r++)
    {
      double stack = 0;

      for (guint s = 0; s < figure->n_series; s++)
        {
          const LwReportCell *cell = lw_report_figure_cell (figure, r, figure->first_series + s);

          if (!cell_drawn (cell))
            continue;
          stack += cell->value;
          max = MAX (max, cell->value);
        }
      if (figure->chart == LW_CHART_STACKED_BAR)
        {
          max = MAX (max, stack);
          if (figure->row_totals)
            {
              const LwReportCell *total = lw_report_figure_cell (figure, r, figure->n_columns - 1);

              if (cell_drawn (total))
                max = MAX (max, total->value);
            }
        }
    }
  return max;
}

/* Whether every series is a count: the axis then steps in whole numbers. */
static gboolean
counts_only (const LwReportFigure *figure)
{
  for (guint s = 0; s < figure->n_series; s++)
    {
      LwValueKind kind = figure->column_kinds[figure->first_series + s];

      if (kind != LW_VALUE_COUNT && kind != LW_VALUE_TALLY)
        return FALSE;
    }
  return TRUE;
}

static gboolean
any_hidden (const LwReportFigure *figure)
{
  guint n_rows = lw_chart_n_categories (figure);

  for (guint r = 0; r < n_rows; r++)
    for (guint s = 0; s < figure->n_series; s++)
      if (lw_report_figure_cell (figure, r, figure->first_series + s)->state != LW_CELL_SHOWN)
        return TRUE;
  return FALSE;
}

/* One series as a line, broken where a value is hidden. */
static void
stroke_series (const LwReportFigure *figure,
               cairo_t              *cr,
               guint                 s,
               gboolean              halo,
               double                left,
               double                band,
               double                bottom,
               double                plot_h,
               double                max)
{
  guint n_rows = lw_chart_n_categories (figure);
  gboolean pen_down = FALSE;

  cairo_save (cr);
  line_style (cr, s);
  if (halo)
    {
      cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
      cairo_set_line_width (cr, 3.4);
    }
  for (guint r = 0; r < n_rows; r++)
    {
      const LwReportCell *cell = lw_report_figure_cell (figure, r, figure->first_series + s);
      double x = left + band * (r + 0.5);
      double y;

      if (!cell_drawn (cell))
        {
          /* a hidden point breaks the line */
          if (pen_down)
            cairo_stroke (cr);
          pen_down = FALSE;
          continue;
        }
      y = bottom - plot_h * cell->value / max;
      if (pen_down)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      pen_down = TRUE;
    }
  if (pen_down)
    cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_chart (const LwReportFigure *figure,
            cairo_t              *cr,
            double                width,
            double                height,
            double                size)
{
  guint n_rows = lw_chart_n_categories (figure);
  gboolean hidden = any_hidden (figure);
  double legend_h, max, step, top, left, bottom, right, plot_w, plot_h, band;
  double label_w = 0, label_h = 0;
  guint label_every = 1, n_ticks;
  char buf[64];

  legend_h = draw_legend (figure, cr, width, size, hidden, FALSE);
  max = max_value (figure);
  if (max <= 0)
    max = 1;
  step = nice_step (max, 5);
  /* counts go up in whole numbers */
  if (counts_only (figure) && step < 1)
    step = 1;
  n_ticks = (guint) ceil (max / step);
  max = n_ticks * step;

  /* the widest tick label sets the left margin */
  for (guint t = 0; t <= n_ticks; t++)
    {
      g_autofree char *number = lw_i18n_format_number (t * step, step < 1 ? 1 : 0);
      g_autoptr(PangoLayout) layout = text_layout (cr, number, size, FALSE);
      double w;

      layout_size (layout, &w, NULL);
      label_w = MAX (label_w, w);
    }
  /* category labels: thinned out where they would collide */
  {
    double widest = 0;

    for (guint r = 0; r < n_rows; r++)
      {
        g_autofree char *label = lw_report_row_short_label (figure, r);
        g_autoptr(PangoLayout) layout = text_layout (cr, label, size, FALSE);
        double w, h;

        pango_layout_set_width (layout, -1);
        layout_size (layout, &w, &h);
        widest = MAX (widest, w);
        label_h = MAX (label_h, h);
      }
    left = label_w + size * 0.8;
    right = width - size * 0.5;
    plot_w = right - left;
    band = n_rows > 0 ? plot_w / n_rows : plot_w;
    /* long labels wrap to two lines within their band, else every k-th */
    if (widest > band * 0.95)
      {
        if (band > size * 6)
          label_h *= 2.2;
        else
          label_every = (guint) ceil (widest / (band * 0.9));
      }
  }
  top = legend_h + size * 0.4;
  bottom = height - label_h - size * 0.8;
  plot_h = bottom - top;
  if (plot_h < size * 3 || plot_w < size * 4)
    return;

  /* grid and y axis */
  cairo_set_line_width (cr, 0.5);
  for (guint t = 0; t <= n_ticks; t++)
    {
      double y = bottom - plot_h * t / n_ticks;
      g_autofree char *number = lw_i18n_format_number (t * step, step < 1 ? 1 : 0);
      g_autoptr(PangoLayout) layout = text_layout (cr, number, size, FALSE);
      double w, h;

      cairo_set_source_rgb (cr, t == 0 ? 0.35 : 0.85, t == 0 ? 0.35 : 0.85, t == 0 ? 0.35 : 0.85);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, right, y);
      cairo_stroke (cr);
      layout_size (layout, &w, &h);
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      cairo_move_to (cr, left - size * 0.4 - w, y - h / 2);
      pango_cairo_show_layout (cr, layout);
    }

  /* category labels */
  for (guint r = 0; r < n_rows; r++)
    {
      g_autofree char *label = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      double w;

      if (r % label_every != 0)
        continue;
      label = lw_report_row_short_label (figure, r);
      layout = text_layout (cr, label, size, FALSE);
      if (label_every == 1)
        {
          pango_layout_set_width (layout, (int) (band * 0.95 * PANGO_SCALE));
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
          pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
          pango_layout_set_height (layout, -2);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          cairo_move_to (cr, left + band * r + band * 0.025, bottom + size * 0.4);
        }
      else
        {
          layout_size (layout, &w, NULL);
          cairo_move_to (cr, left + band * (r + 0.5) - w / 2, bottom + size * 0.4);
        }
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      pango_cairo_show_layout (cr, layout);
    }

  switch (figure->chart)
    {
    case LW_CHART_LINE:
      for (guint s = 0; s < figure->n_series; s++)
        {
          /* a dark halo first, so light colours (yellow) stand out on white */
          stroke_series (figure, cr, s, TRUE, left, band, bottom, plot_h, max);
          stroke_series (figure, cr, s, FALSE, left, band, bottom, plot_h, max);
          for (guint r = 0; r < n_rows; r++)
            {
              const LwReportCell *cell = lw_report_figure_cell (figure, r, figure->first_series + s);

              if (cell_drawn (cell))
                draw_marker (cr, s, left + band * (r + 0.5), bottom - plot_h * cell->value / max, size * 0.32);
            }
        }
      break;
    case LW_CHART_STACKED_BAR:
      for (guint r = 0; r < n_rows; r++)
        {
          double bar_w = MIN (band * 0.6, size * 6);
          double x = left + band * (r + 0.5) - bar_w / 2;
          double y = bottom, shown = 0;

          for (guint s = 0; s < figure->n_series; s++)
            {
              const LwReportCell *cell = lw_report_figure_cell (figure, r, figure->first_series + s);
              double h;

              if (!cell_drawn (cell) || cell->value <= 0)
                continue;
              h = plot_h * cell->value / max;
              fill_bar (cr, s, x, y - h, bar_w, h);
              y -= h;
              shown += cell->value;
            }
          if (figure->row_totals)
            {
              const LwReportCell *total = lw_report_figure_cell (figure, r, figure->n_columns - 1);

              if (cell_drawn (total) && total->value > shown)
                fill_hidden (cr, x, bottom - plot_h * total->value / max, bar_w,
                             plot_h * (total->value - shown) / max);
            }
        }
      break;
    case LW_CHART_BAR:
    default:
      for (guint r = 0; r < n_rows; r++)
        {
          double group_w = band * 0.8;
          double bar_w = MIN (group_w / MAX (1, figure->n_series), size * 5);
          double x0 = left + band * (r + 0.5) - bar_w * figure->n_series / 2;

          for (guint s = 0; s < figure->n_series; s++)
            {
              const LwReportCell *cell = lw_report_figure_cell (figure, r, figure->first_series + s);
              double x = x0 + bar_w * s;

              if (!cell_drawn (cell))
                {
                  if (cell->state != LW_CELL_SHOWN)
                    {
                      /* a dash on the axis where a hidden bar would be */
                      cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
                      cairo_set_line_width (cr, 1.2);
                      cairo_move_to (cr, x + bar_w * 0.2, bottom - size * 0.4);
                      cairo_line_to (cr, x + bar_w * 0.8, bottom - size * 0.4);
                      cairo_stroke (cr);
                    }
                  continue;
                }
              fill_bar (cr, s, x + 0.5, bottom - plot_h * cell->value / max, bar_w - 1.0,
                        plot_h * cell->value / max);
            }
        }
      break;
    }

  if (max_value (figure) <= 0)
    {
      /* say why the plot is empty rather than leave a blank to guess at */
      g_autoptr(PangoLayout) empty = text_layout (cr, hidden ? _("Nothing to draw: every value here is hidden")
                                                               : _("Nothing to draw: every value here is zero"),
                                                  size * EMPTY_NOTE_SIZE, FALSE);
      double ew, eh;

      layout_size (empty, &ew, &eh);
      cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
      cairo_move_to (cr, left + (plot_w - ew) / 2, top + (plot_h - eh) / 2);
      pango_cairo_show_layout (cr, empty);
    }

  g_snprintf (buf, sizeof buf, "%s", figure->unit ? figure->unit : "");
  {
    g_autoptr(PangoLayout) unit = text_layout (cr, buf, size * UNIT_SIZE, FALSE);
    double uw, uh;

    layout_size (unit, &uw, &uh);
    cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
    cairo_move_to (cr, right - uw, top - uh - size * 0.1);
    pango_cairo_show_layout (cr, unit);
  }
  draw_legend (figure, cr, width, size, hidden, TRUE);
}

void
lw_chart_draw (const LwReportFigure *figure,
               cairo_t              *cr,
               double                width,
               double                height,
               double                text_scale)
{
  g_return_if_fail (figure != NULL);
  g_return_if_fail (cr != NULL);

  if (figure->chart == LW_CHART_NONE || figure->n_series == 0 || width <= 0 || height <= 0)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  draw_chart (figure, cr, width, height, base_size (text_scale));
  cairo_restore (cr);
}

PangoFontDescription *
lw_chart_get_text_font (double text_scale,
                        guint  n)
{
  /* the sizes draw_chart () lays its text out at */
  static const double sizes[] = { 1.0, EMPTY_NOTE_SIZE, UNIT_SIZE };

  if (n >= G_N_ELEMENTS (sizes))
    return NULL;
  return text_font (base_size (text_scale) * sizes[n], FALSE);
}

char *
lw_chart_describe (const LwReportFigure *figure)
{
  g_autoptr(GString) s = NULL;
  guint n_rows;
  const char *kind;

  g_return_val_if_fail (figure != NULL, NULL);

  if (figure->chart == LW_CHART_NONE || figure->n_series == 0)
    return NULL;
  switch (figure->chart)
    {
    case LW_CHART_LINE:
      kind = _("Line chart");
      break;
    case LW_CHART_STACKED_BAR:
      kind = _("Stacked bar chart");
      break;
    default:
      kind = _("Bar chart");
      break;
    }
  s = g_string_new (NULL);
  /* TRANSLATORS: "Line chart of Participants by status." */
  g_string_append_printf (s, _("%s of %s."), kind, figure->title);
  n_rows = lw_chart_n_categories (figure);
  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append_printf (s, " %s:", figure->row_labels[r]);
      for (guint k = 0; k < figure->n_series; k++)
        {
          guint c = figure->first_series + k;
          g_autofree char *text = lw_report_cell_to_text (figure, r, c);

          g_string_append_printf (s, "%s %s %s", k > 0 ? "," : "", figure->column_labels[c], text);
        }
      g_string_append_c (s, '.');
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}
