/* lw-pdf.c: documents laid out with pango and drawn with cairo, for PDF files
 * and for printing
 *
 * The layout is line by line: a block's lines may run onto the next page, and a
 * heading stays with the first line after it.  A page that receives any line of a
 * block carrying substance-use information gets the 42 CFR Part 2 notice at its
 * foot, and room for it is kept before the line is placed there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-pdf"

#include "config.h"

#include <cairo-pdf.h>
#include "lw-i18n-private.h"
#include <sodium.h>
#include <string.h>

#include "lw/lw-error.h"
#include "lw/lw-policy.h"
#include "lw-export-private.h"

/* Typography, in points.  Families fall back through fontconfig. */
#define FONT_FAMILY   "Cantarell, DejaVu Sans, Noto Sans, Liberation Sans, Sans"
#define MARGIN_X      56.7   /* 20 mm */
#define MARGIN_TOP    36.0
#define MARGIN_BOTTOM 36.0
#define HEADER_MIN    28.0   /* running header text, at least two lines */
#define HEADER_GAP    12.0   /* from the header's rule to the content */
#define FOOTER_HEIGHT 22.0
#define INDENT        14.0
#define NOTICE_PAD    6.0
#define NOTICE_GAP    8.0

typedef struct
{
  double      size;
  PangoWeight weight;
  PangoStyle  style;
  double      before;       /* space above, unless at the top of a page */
  double      after;
  gboolean    keep_with_next;
} Style;

static const Style styles[] = {
  [LW_BLOCK_HEADING]   = { 13.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 14.0, 4.0, TRUE },
  [LW_BLOCK_ITEM]      = { 11.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 10.0, 2.0, TRUE },
  [LW_BLOCK_FIELD]     = { 9.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 1.5, 0.0, FALSE },
  [LW_BLOCK_BULLET]    = { 9.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 1.0, 0.0, FALSE },
  [LW_BLOCK_PARAGRAPH] = { 9.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 3.0, 0.0, FALSE },
  [LW_BLOCK_NOTE]      = { 8.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC, 4.0, 2.0, FALSE },
  [LW_BLOCK_NOTICE]    = { 0 },
  [LW_BLOCK_ROW]       = { 8.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 0.0, 0.0, FALSE },
  [LW_BLOCK_CHART]     = { 0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 6.0, 6.0, FALSE },
};

#define CELL_PAD  3.0   /* around a table cell's text */

static void
layout_unref (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

static void
page_free (gpointer data)
{
  LwPage *page = data;

  g_array_unref (page->lines);
  g_free (page);
}

void
_lw_document_clear_layout (LwDocument *document)
{
  g_clear_pointer (&document->pages, g_ptr_array_unref);
  g_clear_pointer (&document->layouts, g_ptr_array_unref);
  g_clear_object (&document->notice_layout);
  g_clear_object (&document->context);
}

static PangoContext *
make_context (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* print metrics: the layout must not depend on a screen's hinting */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72.0);
  cairo_font_options_destroy (options);
  return context;
}

static PangoLayout *
make_layout (PangoContext *context,
             double        size,
             PangoWeight   weight,
             PangoStyle    style,
             double        width)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, weight);
  pango_font_description_set_style (font, style);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_spacing (layout, (int) (size * 0.18 * PANGO_SCALE));
  return layout;
}

static double
block_x (const LwBlock *block)
{
  double x = MARGIN_X + block->depth * INDENT;

  if (block->kind == LW_BLOCK_BULLET)
    x += INDENT - 2.0;   /* room for the bullet */
  return x;
}

static PangoLayout *
block_layout (LwDocument    *document,
              const LwBlock *block,
              double         content_width)
{
  const Style *style = &styles[block->kind];
  double x = block_x (block);
  PangoLayout *layout;

  if (block->kind == LW_BLOCK_NOTICE || block->kind == LW_BLOCK_ROW || block->kind == LW_BLOCK_CHART)
    return NULL;
  if (block->kind == LW_BLOCK_FIELD && *block->text == '\0' && block->label == NULL)
    return NULL;
  layout = make_layout (document->context, style->size, style->weight, style->style,
                        content_width - (x - MARGIN_X));
  if (block->kind == LW_BLOCK_FIELD)
    {
      g_autofree char *label = g_markup_escape_text (block->label ? block->label : "", -1);
      g_autofree char *text = g_markup_escape_text (block->text, -1);
      g_autofree char *markup = g_strdup_printf ("<span weight=\"bold\">%s:</span> %s", label, text);

      pango_layout_set_markup (layout, markup, -1);
      /* continuation lines hang under the value */
      pango_layout_set_indent (layout, (int) (-INDENT * PANGO_SCALE));
      sodium_memzero (markup, strlen (markup));
      sodium_memzero (text, strlen (text));
    }
  else
    pango_layout_set_text (layout, block->text, -1);
  return layout;
}

typedef struct
{
  double height;     /* of the line box */
  double ascent;     /* baseline below the top of the box */
  double x;          /* offset in the layout */
} LineBox;

static GArray *
layout_lines (PangoLayout *layout)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (LineBox));
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoRectangle logical;
      LineBox box;
      int baseline = pango_layout_iter_get_baseline (iter);

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      box.height = (double) logical.height / PANGO_SCALE;
      box.ascent = (double) (baseline - logical.y) / PANGO_SCALE;
      box.x = (double) logical.x / PANGO_SCALE;
      /* the spacing between lines belongs to the line above */
      if (pango_layout_iter_at_last_line (iter) == FALSE)
        box.height += (double) pango_layout_get_spacing (layout) / PANGO_SCALE;
      g_array_append_val (lines, box);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return lines;
}

static LwPage *
page_new (LwDocument *document)
{
  LwPage *page = g_new0 (LwPage, 1);

  page->lines = g_array_new (FALSE, FALSE, sizeof (LwPlacedLine));
  g_ptr_array_add (document->pages, page);
  return page;
}

static double
notice_height (LwDocument *document)
{
  int h;

  pango_layout_get_size (document->notice_layout, NULL, &h);
  return (double) h / PANGO_SCALE + 2 * NOTICE_PAD + NOTICE_GAP;
}

/* The height of the title on the first page. */
static PangoLayout *
title_layout (LwDocument *document,
              double      width)
{
  PangoLayout *layout = make_layout (document->context, 17.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, width);

  pango_layout_set_text (layout, document->title, -1);
  return layout;
}

static PangoLayout *
subtitle_layout (LwDocument *document,
                 double      width)
{
  PangoLayout *layout = make_layout (document->context, 10.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, width);

  pango_layout_set_text (layout, document->subtitle ? document->subtitle : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int h;

  pango_layout_get_size (layout, NULL, &h);
  return (double) h / PANGO_SCALE;
}

/* The running header: program and title on the left, the audience on the
 * right, in full however many roles it names. */
static void
header_layouts (LwDocument   *document,
                PangoLayout **left_out,
                PangoLayout **right_out)
{
  double width = document->page_width - 2 * MARGIN_X;
  PangoLayout *left = make_layout (document->context, 8.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, width * 0.55);
  PangoLayout *right = make_layout (document->context, 8.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, width * 0.42);
  g_autofree char *program = g_markup_escape_text (document->program ? document->program : "", -1);
  g_autofree char *title = g_markup_escape_text (document->title, -1);
  g_autofree char *left_markup = g_strdup_printf ("<span weight=\"bold\">%s</span>\n%s", program, title);
  g_autofree char *audience = lw_document_dup_audience_line (document);

  pango_layout_set_markup (left, left_markup, -1);
  pango_layout_set_text (right, audience, -1);
  pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);
  *left_out = left;
  *right_out = right;
}

static double
layout_height (PangoLayout *layout);

static double
content_top (LwDocument *document)
{
  return document->content_top;
}

static void
measure_header (LwDocument *document)
{
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  double h;

  header_layouts (document, &left, &right);
  h = MAX (HEADER_MIN, MAX (layout_height (left), layout_height (right)));
  document->header_rule = MARGIN_TOP + h + 4.0;
  document->content_top = document->header_rule + HEADER_GAP;
}

/* Rows and charts are placed whole, as boxes of a height of their own. */
static gboolean
is_box (const LwBlock *block)
{
  return block->kind == LW_BLOCK_ROW || block->kind == LW_BLOCK_CHART;
}

/* The columns of a table row of n cells: the first (the row's label) wide,
 * the others, which hold numbers, equal and narrower. */
static void
row_columns (LwDocument *document,
             guint       n,
             guint       index,
             double     *x,
             double     *width)
{
  double total = document->page_width - 2 * MARGIN_X;
  double first = n <= 1 ? total : MAX (total * 0.34, total - (n - 1) * 88.0);
  double other = n <= 1 ? 0 : (total - first) / (n - 1);

  *x = MARGIN_X + (index == 0 ? 0 : first + (index - 1) * other);
  *width = index == 0 ? first : other;
}

static PangoLayout *
cell_layout (LwDocument    *document,
             const LwBlock *block,
             const char    *text,
             guint          n,
             guint          index)
{
  const Style *style = &styles[LW_BLOCK_ROW];
  double x, width;
  PangoLayout *layout;

  row_columns (document, n, index, &x, &width);
  layout = make_layout (document->context, style->size, block->header ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                        PANGO_STYLE_NORMAL, MAX (10.0, width - 2 * CELL_PAD));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, index == 0 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
box_height (LwDocument    *document,
            const LwBlock *block)
{
  g_auto(GStrv) cells = NULL;
  double height = 0;
  guint n;

  if (block->kind == LW_BLOCK_CHART)
    return block->height;
  cells = g_strsplit (block->text, "\t", -1);
  n = g_strv_length (cells);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) layout = cell_layout (document, block, cells[i], n, i);

      height = MAX (height, layout_height (layout));
    }
  for (guint i = 0; i < n; i++)
    sodium_memzero (cells[i], strlen (cells[i]));
  return height + 2 * CELL_PAD;
}

/* The first rendered block after index, or -1. */
static int
next_rendered (LwDocument *document,
               guint       index)
{
  for (guint i = index + 1; i < document->blocks->len; i++)
    if (g_ptr_array_index (document->layouts, i) != NULL ||
        is_box (g_ptr_array_index (document->blocks, i)))
      return (int) i;
  return -1;
}

static guint
document_paginate_unlocalized (LwDocument   *document,
                               PangoContext *context,
                               double        width,
                               double        height)
{
  double content_width, bottom, y, notice_h;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) subtitle = NULL;
  LwPage *page;

  g_return_val_if_fail (document != NULL, 0);
  g_return_val_if_fail (width > 2 * MARGIN_X && height > 200, 0);

  _lw_document_clear_layout (document);
  document->context = context ? g_object_ref (context) : make_context ();
  document->page_width = width;
  document->page_height = height;
  document->layouts = g_ptr_array_new_with_free_func (layout_unref);
  document->pages = g_ptr_array_new_with_free_func (page_free);

  content_width = width - 2 * MARGIN_X;
  bottom = height - MARGIN_BOTTOM - FOOTER_HEIGHT;
  measure_header (document);
  document->notice_layout = make_layout (document->context, 7.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
                                         content_width - 2 * NOTICE_PAD);
  {
    const char *translation = lw_policy_part2_notice_translation ();
    g_autofree char *english = NULL;
    g_autofree char *below = NULL;
    g_autofree char *markup = NULL;

    english = g_markup_printf_escaped ("<span weight=\"bold\">%s</span> %s",
                                       lw_policy_part2_notice_title (), lw_policy_part2_notice ());
    if (translation != NULL)
      below = g_markup_printf_escaped ("\n<span style=\"italic\">%s</span> %s",
                                       lw_policy_part2_notice_translation_label (), translation);
    markup = g_strconcat (english, below, NULL);
    pango_layout_set_markup (document->notice_layout, markup, -1);
  }
  notice_h = notice_height (document);

  for (guint i = 0; i < document->blocks->len; i++)
    g_ptr_array_add (document->layouts,
                     block_layout (document, g_ptr_array_index (document->blocks, i), content_width));

  page = page_new (document);
  title = title_layout (document, content_width);
  subtitle = subtitle_layout (document, content_width);
  y = content_top (document) + layout_height (title) + 4.0 + layout_height (subtitle) + 6.0;

  for (guint i = 0; i < document->blocks->len; i++)
    {
      const LwBlock *block = g_ptr_array_index (document->blocks, i);
      PangoLayout *layout = g_ptr_array_index (document->layouts, i);
      const Style *style = &styles[block->kind];
      g_autoptr(GArray) lines = NULL;
      double keep = 0.0;

      if (is_box (block))
        {
          double h = box_height (document, block);
          double limit = bottom - (block->part2 || page->notice ? notice_h : 0.0);
          double keep_box = 0.0;
          LwPlacedLine placed;
          int next = next_rendered (document, i);

          if (y > content_top (document))
            y += style->before;
          /* a table's header row stays with its first row */
          if (block->header && next >= 0 && is_box (g_ptr_array_index (document->blocks, next)))
            keep_box = box_height (document, g_ptr_array_index (document->blocks, next));
          if (y + h + keep_box > limit && y > content_top (document))
            {
              page = page_new (document);
              y = content_top (document);
            }
          if (block->part2)
            page->notice = TRUE;
          placed.block = i;
          placed.line = -1;
          placed.x = MARGIN_X;
          placed.baseline = y;   /* the box's top */
          g_array_append_val (page->lines, placed);
          y += h + style->after;
          continue;
        }
      if (layout == NULL)
        continue;
      lines = layout_lines (layout);
      if (y > content_top (document))
        y += style->before;

      /* a heading, or the label of a list, stays with what follows */
      if (style->keep_with_next || (block->kind == LW_BLOCK_FIELD && block->text[0] == '\0'))
        {
          int next = next_rendered (document, i);

          if (next >= 0)
            {
              const LwBlock *nb = g_ptr_array_index (document->blocks, next);

              if (is_box (nb))
                {
                  keep = styles[nb->kind].before + box_height (document, nb);
                  /* a table's header row brings its first row along */
                  if (nb->header && next_rendered (document, next) >= 0)
                    keep += box_height (document, g_ptr_array_index (document->blocks,
                                                                     next_rendered (document, next)));
                }
              else
                {
                  g_autoptr(GArray) nl = layout_lines (g_ptr_array_index (document->layouts, next));

                  keep = styles[nb->kind].before + g_array_index (nl, LineBox, 0).height;
                }
              if (nb->part2 && !page->notice)
                keep += notice_h;
            }
        }

      for (guint l = 0; l < lines->len; l++)
        {
          const LineBox *box = &g_array_index (lines, LineBox, l);
          double limit = bottom;
          double need = box->height + (l + 1 == lines->len ? keep : 0.0);
          LwPlacedLine placed;

          if (block->part2 || page->notice)
            limit -= notice_h;
          if (y + need > limit && y > content_top (document))
            {
              page = page_new (document);
              y = content_top (document);
            }
          if (block->part2)
            page->notice = TRUE;
          placed.block = i;
          placed.line = (int) l;
          placed.x = block_x (block) + box->x;
          placed.baseline = y + box->ascent;
          g_array_append_val (page->lines, placed);
          y += box->height;
        }
      y += style->after;
    }
  return document->pages->len;
}

gboolean
lw_document_page_has_notice (LwDocument *document,
                             guint       page)
{
  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (document->pages != NULL && page < document->pages->len, FALSE);

  return ((LwPage *) g_ptr_array_index (document->pages, page))->notice;
}

/* ----------------------------------------------------------------------------
 * Drawing
 */

#define INK      0.12, 0.12, 0.12
#define MUTED    0.37, 0.36, 0.39
#define ACCENT   0.11, 0.44, 0.85
#define RULE     0.75, 0.75, 0.78

static void
show_layout_at (cairo_t     *cr,
                PangoLayout *layout,
                double       x,
                double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_header (LwDocument *document,
             cairo_t    *cr,
             guint       page)
{
  double width = document->page_width - 2 * MARGIN_X;
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;

  header_layouts (document, &left, &right);
  cairo_set_source_rgb (cr, MUTED);
  show_layout_at (cr, left, MARGIN_X, MARGIN_TOP);
  cairo_set_source_rgb (cr, ACCENT);
  show_layout_at (cr, right, MARGIN_X + width * 0.58, MARGIN_TOP);

  cairo_set_source_rgb (cr, RULE);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, MARGIN_X, document->header_rule);
  cairo_line_to (cr, document->page_width - MARGIN_X, document->header_rule);
  cairo_stroke (cr);
}

static void
draw_footer (LwDocument *document,
             cairo_t    *cr,
             guint       page)
{
  double width = document->page_width - 2 * MARGIN_X;
  double y = document->page_height - MARGIN_BOTTOM - 10.0;
  g_autoptr(PangoLayout) left = make_layout (document->context, 7.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, width * 0.7);
  g_autoptr(PangoLayout) right = make_layout (document->context, 7.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, width * 0.3);
  g_autofree char *number = g_strdup_printf (_("Page %u of %u"), page + 1, document->pages->len);

  pango_layout_set_text (left, _("Confidential: for the audience named above only"), -1);
  pango_layout_set_text (right, number, -1);
  pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);
  cairo_set_source_rgb (cr, MUTED);
  show_layout_at (cr, left, MARGIN_X, y);
  show_layout_at (cr, right, MARGIN_X + width * 0.7, y);
}

static void
draw_notice (LwDocument *document,
             cairo_t    *cr)
{
  double width = document->page_width - 2 * MARGIN_X;
  double h = notice_height (document) - NOTICE_GAP;
  double top = document->page_height - MARGIN_BOTTOM - FOOTER_HEIGHT - h;

  cairo_rectangle (cr, MARGIN_X, top, width, h);
  cairo_set_source_rgb (cr, 1.0, 0.97, 0.88);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.90, 0.65, 0.04);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, INK);
  show_layout_at (cr, document->notice_layout, MARGIN_X + NOTICE_PAD, top + NOTICE_PAD);
}

/* A table row or a chart whose top is at y. */
static void
draw_box (LwDocument    *document,
          cairo_t       *cr,
          const LwBlock *block,
          double         y)
{
  double width = document->page_width - 2 * MARGIN_X;
  double h = box_height (document, block);
  g_auto(GStrv) cells = NULL;
  guint n;

  if (block->kind == LW_BLOCK_CHART)
    {
      if (block->draw == NULL)
        return;
      cairo_save (cr);
      cairo_translate (cr, MARGIN_X, y);
      block->draw (block->data, cr, width, block->height);
      cairo_restore (cr);
      return;
    }

  cells = g_strsplit (block->text, "\t", -1);
  n = g_strv_length (cells);
  if (block->header)
    {
      cairo_rectangle (cr, MARGIN_X, y, width, h);
      cairo_set_source_rgb (cr, 0.94, 0.95, 0.97);
      cairo_fill (cr);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) layout = cell_layout (document, block, cells[i], n, i);
      double x, w;

      row_columns (document, n, i, &x, &w);
      cairo_set_source_rgb (cr, INK);
      show_layout_at (cr, layout, x + CELL_PAD, y + CELL_PAD);
      sodium_memzero (cells[i], strlen (cells[i]));
    }
  cairo_set_source_rgb (cr, RULE);
  cairo_set_line_width (cr, block->header ? 0.8 : 0.4);
  cairo_move_to (cr, MARGIN_X, y + h);
  cairo_line_to (cr, MARGIN_X + width, y + h);
  cairo_stroke (cr);
}

static void
document_draw_page_unlocalized (LwDocument *document,
                                cairo_t    *cr,
                                guint       index)
{
  LwPage *page;
  double content_width;

  g_return_if_fail (document != NULL);
  g_return_if_fail (document->pages != NULL && index < document->pages->len);

  page = g_ptr_array_index (document->pages, index);
  content_width = document->page_width - 2 * MARGIN_X;
  cairo_save (cr);
  draw_header (document, cr, index);

  if (index == 0)
    {
      g_autoptr(PangoLayout) title = title_layout (document, content_width);
      g_autoptr(PangoLayout) subtitle = subtitle_layout (document, content_width);

      cairo_set_source_rgb (cr, INK);
      show_layout_at (cr, title, MARGIN_X, content_top (document));
      cairo_set_source_rgb (cr, MUTED);
      show_layout_at (cr, subtitle, MARGIN_X, content_top (document) + layout_height (title) + 4.0);
    }

  for (guint i = 0; i < page->lines->len; i++)
    {
      const LwPlacedLine *placed = &g_array_index (page->lines, LwPlacedLine, i);
      const LwBlock *block = g_ptr_array_index (document->blocks, placed->block);
      PangoLayout *layout = g_ptr_array_index (document->layouts, placed->block);
      PangoLayoutLine *line;

      if (placed->line < 0)
        {
          draw_box (document, cr, block, placed->baseline);
          continue;
        }
      line = pango_layout_get_line_readonly (layout, placed->line);

      switch (block->kind)
        {
        case LW_BLOCK_HEADING:
          cairo_set_source_rgb (cr, ACCENT);
          break;
        case LW_BLOCK_NOTE:
          cairo_set_source_rgb (cr, MUTED);
          break;
        default:
          cairo_set_source_rgb (cr, INK);
          break;
        }
      cairo_move_to (cr, placed->x, placed->baseline);
      pango_cairo_show_layout_line (cr, line);

      if (placed->line == 0 && block->kind == LW_BLOCK_BULLET)
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, placed->x - INDENT + 5.5, placed->baseline - 3.0, 1.4, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      if (placed->line == 0 && block->kind == LW_BLOCK_HEADING)
        {
          cairo_set_source_rgb (cr, RULE);
          cairo_set_line_width (cr, 0.5);
          cairo_move_to (cr, MARGIN_X, placed->baseline + 4.0);
          cairo_line_to (cr, document->page_width - MARGIN_X, placed->baseline + 4.0);
          cairo_stroke (cr);
        }
    }

  if (page->notice)
    draw_notice (document, cr);
  draw_footer (document, cr, index);
  cairo_restore (cr);
}

/* ----------------------------------------------------------------------------
 * PDF in memory
 */

static cairo_status_t
write_to_array (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
wipe_bytes (gpointer data)
{
  GByteArray *array = data;

  sodium_memzero (array->data, array->len);
  g_byte_array_unref (array);
}

GBytes *
lw_document_to_pdf (LwDocument *document,
                    LwPaper     paper,
                    GError    **error)
{
  GByteArray *array = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;
  guint n_pages;

  g_return_val_if_fail (document != NULL, NULL);

  lw_paper_get_size (paper, &width, &height);
  n_pages = lw_document_paginate (document, NULL, width, height);

  surface = cairo_pdf_surface_create_for_stream (write_to_array, array, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, document->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "LEAD Workgroup " PACKAGE_VERSION);
  cr = cairo_create (surface);
  for (guint i = 0; i < n_pages; i++)
    {
      lw_document_draw_page (document, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      wipe_bytes (array);
      g_set_error (error, LW_ERROR, LW_ERROR_FAILED,
                   _("The PDF could not be made: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_bytes_new_with_free_func (array->data, array->len, wipe_bytes, array);
}

guint
lw_document_paginate (LwDocument   *document,
                      PangoContext *context,
                      double        width,
                      double        height)
{
  const char *previous;
  guint result;

  g_return_val_if_fail (document != NULL, 0);

  /* written in its own language, whatever the app's */
  previous = lw_i18n_push (document->language);
  result = document_paginate_unlocalized (document, context, width, height);
  lw_i18n_pop (previous);
  return result;
}

void
lw_document_draw_page (LwDocument *document,
                       cairo_t    *cr,
                       guint       index)
{
  const char *previous;

  g_return_if_fail (document != NULL);

  /* written in its own language, whatever the app's */
  previous = lw_i18n_push (document->language);
  document_draw_page_unlocalized (document, cr, index);
  lw_i18n_pop (previous);
}
