/* lw-slide.c: paragraphs laid out to fill a screen
 *
 * The slide measures its paragraphs itself, with one PangoLayout each, instead
 * of nesting wrapping labels in containers that measure them again and again.
 * A fit is searched once per allocation and per change of text: for one, two
 * and three columns, the largest size at which every group fits, by bisection
 * on a ladder of sizes between the floor and twice the floor (16 steps, each
 * about 4% larger), so that cards land on the same few sizes and the glyphs
 * shaped and drawn for one are in the font caches for the next.
 *
 * The search does not shape text.  Each paragraph is shaped once, unwrapped,
 * at its size on the floor, and its height at any size and width is estimated
 * from its line breaks (lw-line-breaks.h) with every advance scaled by the
 * size.  Only the size the search settles on is then shaped for real, and
 * checked: should hinting make the real text a line longer than the estimate,
 * the size steps down the ladder until it fits (and after a few steps the
 * search runs again on real layouts).  So a new card shapes each paragraph
 * twice, whatever the search tries, and an allocation at the same size shapes
 * nothing.
 *
 * A size the slide has not used before costs more than its shaping: each
 * style's font is matched and loaded at that size, and each glyph's outline
 * read for its extents (the first card at a new size took 7.5 ms more to lay
 * out on the projector).  So once a card is laid out, the sizes next to it on
 * the ladder are loaded while the main loop is idle, one size per turn,
 * nearest first, with a sample of the letters cards are written in: the next
 * card, shorter or longer, finds its fonts loaded.  Only after a new card:
 * a window being resized would load sizes for every height it passes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-slide"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lw-glyphs.h"
#include "lw-idle.h"
#include "lw-line-breaks.h"
#include "lw-slide.h"

#define MAX_COLUMNS    3
#define MEMO_SIZE      24
#define LADDER_STEPS   16     /* sizes per doubling: type on a ladder, not any size */
#define CEILING        2.0    /* the largest body text, in floors */
#define HEADING_FLOOR  1.4    /* the heading is at least this many floors */
#define CHECK_STEPS    4      /* real layouts tried below an estimate before searching on them */
#define WARM_STEPS     4      /* ladder sizes either side of a card's loaded while idle */

typedef struct
{
  int    px;         /* font size, in 1/4 pixels */
  int    width;      /* pixels */
  int    lines;      /* 0: all */
  int    height;     /* pixels */
} Memo;

typedef struct
{
  LwSlideStyle  style;
  char         *text;
  guint         group;
  PangoLayout  *layout;
  LwLineBreaks *breaks;      /* of the layout at model_qpx, unwrapped */
  int           model_qpx;   /* 1/4 pixels */
  /* what the layout is set to now */
  int           set_px;
  int           set_width;
  int           set_lines;
  Memo          memo[MEMO_SIZE];
  guint         n_memo;
  guint         next_memo;
  /* where it is drawn */
  graphene_rect_t bounds;
  double        px;
  gboolean      cut;
  gboolean      shown;
} Paragraph;

struct _LwSlide
{
  GtkWidget  parent_instance;

  GArray    *paragraphs;     /* Paragraph */
  guint      n_groups;
  double     min_px;
  guint      n_columns;
  guint      n_shaped;
  int        laid_width;
  int        laid_height;
  gboolean   centered;
  gboolean   dirty;
  gboolean   estimating;     /* heights from the models, not from layouts */

  /* loading the fonts of the sizes next to the last card's (warm_idle_cb ()) */
  gboolean    warm_wanted;   /* a new card: after its layout */
  guint       warm_source;
  int         warm_center;   /* ladder step */
  guint       warm_next;     /* of 2 * WARM_STEPS: +1, -1, +2, -2, ... */
  GHashTable *warmed;        /* quarter pixels << 16 | weight, loaded */
};

G_DEFINE_FINAL_TYPE (LwSlide, lw_slide, GTK_TYPE_WIDGET)

/* ----------------------------------------------------------------------------
 * Styles
 */

typedef struct
{
  double      factor;      /* of the body size */
  PangoWeight weight;
  guint32     color;       /* 0xRRGGBB */
  guint32     background;  /* 0: none */
  gboolean    top;         /* across the width, above the columns */
} Style;

/* High contrast on the slide's near-black: every pair at least 7:1 (the
 * projector's test computes it). */
#define SLIDE_BACKGROUND 0x0b0b0b

static const Style styles[LW_N_SLIDE_STYLES] = {
  [LW_SLIDE_KIND]    = { 0.75, PANGO_WEIGHT_BOLD,       0x9fd3ff, 0,        TRUE  },
  [LW_SLIDE_HEADING] = { 1.7,  PANGO_WEIGHT_ULTRABOLD,  0xffffff, 0,        TRUE  },
  [LW_SLIDE_SECTION] = { 0.75, PANGO_WEIGHT_BOLD,       0x9fd3ff, 0,        FALSE },
  [LW_SLIDE_LABEL]   = { 0.75, PANGO_WEIGHT_NORMAL,     0xc8c8c8, 0,        FALSE },
  [LW_SLIDE_TEXT]    = { 1.0,  PANGO_WEIGHT_NORMAL,     0xffffff, 0,        FALSE },
  [LW_SLIDE_PILL]    = { 0.9,  PANGO_WEIGHT_NORMAL,     0xffffff, 0x1f3a52, FALSE },
  [LW_SLIDE_META]    = { 0.8,  PANGO_WEIGHT_NORMAL,     0xd8d8d8, 0,        FALSE },
  [LW_SLIDE_MARKED]  = { 1.0,  PANGO_WEIGHT_BOLD,       0xffd54a, 0,        FALSE },
  [LW_SLIDE_DONE]    = { 0.9,  PANGO_WEIGHT_NORMAL,     0xc8c8c8, 0,        FALSE },
  [LW_SLIDE_NOW]     = { 1.0,  PANGO_WEIGHT_BOLD,       0x000000, 0xffd54a, FALSE },
  [LW_SLIDE_NOTE]    = { 1.0,  PANGO_WEIGHT_NORMAL,     0xffffff, 0,        FALSE },
};

static void
rgba_from (guint32  rgb,
           GdkRGBA *out)
{
  out->red = ((rgb >> 16) & 0xff) / 255.0f;
  out->green = ((rgb >> 8) & 0xff) / 255.0f;
  out->blue = (rgb & 0xff) / 255.0f;
  out->alpha = 1.0f;
}

void
lw_slide_style_colors (LwSlideStyle  style,
                       GdkRGBA      *foreground,
                       GdkRGBA      *background)
{
  g_return_if_fail (style < LW_N_SLIDE_STYLES);

  rgba_from (styles[style].color, foreground);
  rgba_from (styles[style].background ? styles[style].background : SLIDE_BACKGROUND, background);
}

/* The font size of a style at body size s, never under the floor. */
static double
style_px (const LwSlide *self,
          LwSlideStyle   style,
          double         s)
{
  double px = MAX (self->min_px, styles[style].factor * s);

  if (style == LW_SLIDE_HEADING)
    px = MAX (px, HEADING_FLOOR * self->min_px);
  return px;
}

/* Space around a pill's text, and between paragraphs, in pixels at size s. */
static int
pill_pad (double s)
{
  return (int) (0.3 * s);
}

/* ----------------------------------------------------------------------------
 * Measuring
 */

static void
model_clear (Paragraph *p)
{
  g_clear_pointer (&p->breaks, lw_line_breaks_free);
  p->model_qpx = 0;
}

static void
paragraph_clear (gpointer data)
{
  Paragraph *p = data;

  g_free (p->text);
  g_clear_object (&p->layout);
  model_clear (p);
}

static void
ensure_layout (LwSlide   *self,
               Paragraph *p)
{
  if (p->layout != NULL)
    return;
  p->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), p->text);
  pango_layout_set_wrap (p->layout, PANGO_WRAP_WORD_CHAR);
  if (self->centered)
    pango_layout_set_alignment (p->layout, PANGO_ALIGN_CENTER);
  p->set_px = p->set_width = p->set_lines = -1;
}

/* The widget's font at qpx quarter pixels, in style's weight: the slide's
 * paragraphs and the fonts loaded ahead for them (warm_step ()). */
static void
set_font (PangoLayout  *layout,
          int           qpx,
          LwSlideStyle  style)
{
  PangoFontDescription *font = pango_font_description_copy (
    pango_context_get_font_description (pango_layout_get_context (layout)));

  pango_font_description_set_absolute_size (font, qpx / 4.0 * PANGO_SCALE);
  pango_font_description_set_weight (font, styles[style].weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
}

/* Sets the layout to a size, width and line limit; shapes on the next query
 * only if one of them changed. */
static gboolean
paragraph_apply (LwSlide   *self,
                 Paragraph *p,
                 int        qpx,
                 int        width,
                 int        lines)
{
  gboolean changed = FALSE;

  ensure_layout (self, p);
  if (qpx != p->set_px)
    {
      set_font (p->layout, qpx, p->style);
      p->set_px = qpx;
      changed = TRUE;
    }
  if (width != p->set_width)
    {
      pango_layout_set_width (p->layout, width < 0 ? -1 : width * PANGO_SCALE);
      p->set_width = width;
      changed = TRUE;
    }
  if (lines != p->set_lines)
    {
      pango_layout_set_height (p->layout, lines > 0 ? -lines : -1);
      pango_layout_set_ellipsize (p->layout, lines > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
      p->set_lines = lines;
      changed = TRUE;
    }
  return changed;
}

/* Shapes the paragraph once, unwrapped, at qpx, and keeps its line breaks. */
static void
ensure_model (LwSlide   *self,
              Paragraph *p,
              int        qpx)
{
  if (p->model_qpx == qpx && p->breaks != NULL)
    return;
  model_clear (p);
  if (paragraph_apply (self, p, qpx, -1, 0))
    self->n_shaped++;
  p->breaks = lw_line_breaks_new (p->layout);
  p->model_qpx = qpx;
}

/* The height of a paragraph at font size px, in width, limited to lines,
 * from its model: no shaping. */
static int
estimate_height (LwSlide   *self,
                 Paragraph *p,
                 double     px,
                 int        width,
                 int        lines)
{
  double scale;
  int n;

  ensure_model (self, p, (int) (style_px (self, p->style, self->min_px) * 4 + 0.5));
  scale = px * 4 / p->model_qpx;
  n = lw_line_breaks_count (p->breaks, (double) width * PANGO_SCALE / scale);
  if (lines > 0)
    n = MIN (n, lines);
  return (int) ceil (n * lw_line_breaks_line_height (p->breaks) * scale / PANGO_SCALE);
}

/* The height of a paragraph at font size px, in width, limited to lines. */
static int
paragraph_height (LwSlide   *self,
                  Paragraph *p,
                  double     px,
                  int        width,
                  int        lines)
{
  int qpx = (int) (px * 4 + 0.5);
  int height;
  Memo *m;

  width = MAX (width, 1);
  if (self->estimating)
    return estimate_height (self, p, qpx / 4.0, width, lines);
  for (guint i = 0; i < p->n_memo; i++)
    if (p->memo[i].px == qpx && p->memo[i].width == width && p->memo[i].lines == lines)
      return p->memo[i].height;

  if (paragraph_apply (self, p, qpx, width, lines))
    self->n_shaped++;
  pango_layout_get_pixel_size (p->layout, NULL, &height);

  m = &p->memo[p->next_memo];
  p->next_memo = (p->next_memo + 1) % MEMO_SIZE;
  p->n_memo = MIN (p->n_memo + 1, MEMO_SIZE);
  *m = (Memo) { qpx, width, lines, height };
  return height;
}

static void
memo_forget (Paragraph *p)
{
  p->n_memo = 0;
  p->next_memo = 0;
}

typedef struct
{
  guint  n_columns;
  double s;
  int    step;        /* s is step LADDER_STEPS-ths of a doubling above the floor */
  int    lines;       /* 0: no limit */
  guint  n_groups;    /* groups placed; the rest do not fit */
  gboolean fits;
} Fit;

/* The body size step k up the ladder from the floor.  Cards land on the same
 * few sizes, so the glyphs shaped and drawn for one are there for the next. */
static double
ladder (const LwSlide *self,
        int            k)
{
  return self->min_px * pow (2.0, (double) k / LADDER_STEPS);
}

/* The highest step: CEILING times the floor. */
static int
ladder_top (void)
{
  return (int) (LADDER_STEPS * log2 (CEILING) + 0.5);
}

static int
gap_before (const Paragraph *p,
            gboolean         first_of_group,
            double           s)
{
  if (!first_of_group)
    return (int) (0.08 * s);
  return (int) ((p->style == LW_SLIDE_SECTION ? 0.55 : 0.35) * s);
}

static int
width_of (LwSlide   *self,
          Paragraph *p,
          int        column_width,
          double     s)
{
  return styles[p->style].background ? column_width - 2 * pill_pad (s) : column_width;
}

static int
block_height (LwSlide   *self,
              Paragraph *p,
              int        column_width,
              double     s,
              int        lines)
{
  LwSlideStyle style = p->style;
  int limit = (style == LW_SLIDE_TEXT || style == LW_SLIDE_META || style == LW_SLIDE_PILL ||
               style == LW_SLIDE_MARKED || style == LW_SLIDE_NOTE) ? lines : 0;
  int h = paragraph_height (self, p, style_px (self, style, s), width_of (self, p, column_width, s), limit);

  if (styles[style].background)
    h += (int) (0.16 * s);
  return h;
}

/* The height of the paragraphs that span the width. */
static int
top_height (LwSlide *self,
            int      width,
            double   s)
{
  int h = 0;

  for (guint i = 0; i < self->paragraphs->len; i++)
    {
      Paragraph *p = &g_array_index (self->paragraphs, Paragraph, i);

      if (!styles[p->style].top)
        continue;
      h += (h > 0 ? (int) (0.1 * s) : 0) + block_height (self, p, width, s, 0);
    }
  return h > 0 ? h + (int) (0.4 * s) : 0;
}

/* Heights of the groups in a column of width, into heights (by group). */
static void
group_heights (LwSlide *self,
               int      column_width,
               double   s,
               int      lines,
               int     *heights)
{
  guint last_group = G_MAXUINT;

  memset (heights, 0, sizeof (int) * self->n_groups);
  for (guint i = 0; i < self->paragraphs->len; i++)
    {
      Paragraph *p = &g_array_index (self->paragraphs, Paragraph, i);
      gboolean first = p->group != last_group;

      if (styles[p->style].top)
        continue;
      heights[p->group] += gap_before (p, first, s) + block_height (self, p, column_width, s, lines);
      last_group = p->group;
    }
}

/* Whether a group only introduces the next (a section title alone). */
static gboolean
group_keeps_with_next (LwSlide *self,
                       guint    group)
{
  guint n = 0;
  gboolean section = FALSE;

  for (guint i = 0; i < self->paragraphs->len; i++)
    {
      Paragraph *p = &g_array_index (self->paragraphs, Paragraph, i);

      if (p->group != group || styles[p->style].top)
        continue;
      n++;
      section |= p->style == LW_SLIDE_SECTION;
    }
  return n == 1 && section;
}

/* Fills columns in order; returns the number of groups placed, and each
 * group's column in columns (G_MAXUINT: left out). */
static guint
pack (LwSlide *self,
      const int *heights,
      guint      n_columns,
      int        available,
      guint     *columns)
{
  guint column = 0;
  int used = 0;
  guint placed = 0;

  for (guint g = 0; g < self->n_groups; g++)
    columns[g] = G_MAXUINT;
  for (guint g = 0; g < self->n_groups; g++)
    {
      int h = heights[g];

      if (h == 0)
        {
          columns[g] = column;
          placed++;
          continue;
        }
      /* a section title moves with what follows it */
      if (g + 1 < self->n_groups && group_keeps_with_next (self, g))
        h += heights[g + 1];
      if (used > 0 && used + h > available)
        {
          column++;
          used = 0;
        }
      if (column >= n_columns || heights[g] > available)
        break;
      columns[g] = column;
      used += heights[g];
      placed++;
    }
  return placed;
}

static gboolean
fits (LwSlide *self,
      int      width,
      int      height,
      guint    n_columns,
      double   s,
      int      lines,
      guint   *n_placed)
{
  g_autofree int *heights = g_new0 (int, MAX (self->n_groups, 1));
  g_autofree guint *columns = g_new0 (guint, MAX (self->n_groups, 1));
  int gap = (int) (1.2 * s);
  int column_width = (width - (int) (n_columns - 1) * gap) / (int) n_columns;
  int available = height - top_height (self, width, s);
  guint placed;

  if (column_width <= 0 || available <= 0)
    {
      *n_placed = 0;
      return FALSE;
    }
  group_heights (self, column_width, s, lines, heights);
  placed = pack (self, heights, n_columns, available, columns);
  *n_placed = placed;
  return placed == self->n_groups;
}

/* The largest size and the columns at which everything fits; if nothing
 * does, the floor with the text cut short. */
static Fit
search_fit (LwSlide *self,
            int      width,
            int      height)
{
  Fit best = { 1, self->min_px, 0, 0, 0, FALSE };
  int top = ladder_top ();
  guint placed;

  for (guint n = 1; n <= MAX_COLUMNS; n++)
    {
      int lo = 0, hi = top;

      /* one column of text is easier to read: more only for a larger type */
      if (n > 1 && self->n_groups < n)
        break;
      if (!fits (self, width, height, n, ladder (self, lo), 0, &placed))
        continue;
      if (fits (self, width, height, n, ladder (self, hi), 0, &placed))
        lo = hi;
      else
        while (hi - lo > 1)
          {
            int mid = (lo + hi) / 2;

            if (fits (self, width, height, n, ladder (self, mid), 0, &placed))
              lo = mid;
            else
              hi = mid;
          }
      /* more columns only for a clearly larger type */
      if (!best.fits || ladder (self, lo) > best.s * 1.08)
        best = (Fit) { n, ladder (self, lo), lo, 0, self->n_groups, TRUE };
    }
  if (best.fits)
    return best;

  /* at the floor in the most columns: cut long paragraphs short, then leave
   * out what still does not fit */
  for (int lines = 6; lines >= 1; lines--)
    if (fits (self, width, height, MAX_COLUMNS, self->min_px, lines, &placed))
      return (Fit) { MAX_COLUMNS, self->min_px, 0, lines, self->n_groups, FALSE };
  fits (self, width, height, MAX_COLUMNS, self->min_px, 1, &placed);
  return (Fit) { MAX_COLUMNS, self->min_px, 0, 1, placed, FALSE };
}

/* The fit, searched on the estimates, then checked on real layouts. */
static Fit
find_fit (LwSlide *self,
          int      width,
          int      height)
{
  Fit fit;
  guint placed;

  self->estimating = TRUE;
  fit = search_fit (self, width, height);
  self->estimating = FALSE;
  if (fit.fits)
    for (int step = 0; step < CHECK_STEPS; step++)
      {
        if (fits (self, width, height, fit.n_columns, fit.s, 0, &placed))
          return fit;
        if (fit.step == 0)
          break;
        fit.s = ladder (self, --fit.step);
      }
  /* the estimates were wrong here, or nothing fits even at the floor: the
   * search on real layouts, which also cuts text short */
  g_debug ("Slide: the estimated fit did not hold, searching on layouts");
  return search_fit (self, width, height);
}

/* Places every paragraph for the fit. */
static void
place (LwSlide *self,
       int      width,
       int      height,
       Fit      fit)
{
  g_autofree int *heights = g_new0 (int, MAX (self->n_groups, 1));
  g_autofree guint *columns = g_new0 (guint, MAX (self->n_groups, 1));
  g_autofree int *column_y = g_new0 (int, MAX_COLUMNS);
  double s = fit.s;
  int gap = (int) (1.2 * s);
  int column_width = (width - (int) (fit.n_columns - 1) * gap) / (int) fit.n_columns;
  int top = top_height (self, width, s);
  int y = 0;
  guint last_group = G_MAXUINT;
  int content_height = 0;
  int offset = 0;

  group_heights (self, column_width, s, fit.lines, heights);
  pack (self, heights, fit.n_columns, height - top, columns);
  for (guint c = 0; c < MAX_COLUMNS; c++)
    column_y[c] = top;

  for (guint i = 0; i < self->paragraphs->len; i++)
    {
      Paragraph *p = &g_array_index (self->paragraphs, Paragraph, i);
      int qpx = (int) (style_px (self, p->style, s) * 4 + 0.5);
      int pad = styles[p->style].background ? pill_pad (s) : 0;
      int w, h, x, ph, pw;
      guint column;

      p->px = qpx / 4.0;
      if (styles[p->style].top)
        {
          w = width;
          paragraph_apply (self, p, qpx, w, 0);
          pango_layout_get_pixel_size (p->layout, &pw, &ph);
          y += y > 0 ? (int) (0.1 * s) : 0;
          p->bounds = GRAPHENE_RECT_INIT (0, y, self->centered ? w : MIN (pw, w), ph);
          p->cut = FALSE;
          p->shown = TRUE;
          y += ph;
          content_height = MAX (content_height, y);
          continue;
        }

      column = columns[p->group];
      if (column == G_MAXUINT)
        {
          p->shown = FALSE;
          p->cut = TRUE;
          continue;
        }
      x = (int) column * (column_width + gap);
      w = column_width - 2 * pad;
      h = block_height (self, p, column_width, s, fit.lines);
      paragraph_apply (self, p, qpx,
                       w, (p->style == LW_SLIDE_TEXT || p->style == LW_SLIDE_META || p->style == LW_SLIDE_PILL ||
                           p->style == LW_SLIDE_MARKED || p->style == LW_SLIDE_NOTE) ? fit.lines : 0);
      pango_layout_get_pixel_size (p->layout, &pw, &ph);
      column_y[column] += gap_before (p, p->group != last_group, s);
      p->bounds = GRAPHENE_RECT_INIT (x, column_y[column],
                                      self->centered ? column_width : MIN (pw + 2 * pad, column_width),
                                      h);
      p->cut = pango_layout_is_ellipsized (p->layout);
      p->shown = TRUE;
      column_y[column] += h;
      content_height = MAX (content_height, column_y[column]);
      last_group = p->group;
    }

  /* the break screen sits in the middle */
  if (self->centered && content_height < height)
    offset = (height - content_height) / 2;
  for (guint i = 0; i < self->paragraphs->len; i++)
    {
      Paragraph *p = &g_array_index (self->paragraphs, Paragraph, i);

      p->bounds.origin.y += offset;
    }
  self->n_columns = fit.n_columns;
}

/* A font loaded: its size and weight. */
static gpointer
warm_key (int          qpx,
          LwSlideStyle style)
{
  return GSIZE_TO_POINTER ((gsize) qpx << 16 | styles[style].weight);
}

/* Loads every style's font at one ladder step: a layout of the sample at
 * each size and weight, shaped once. */
static void
warm_step (LwSlide *self,
           int      k)
{
  double s = ladder (self, k);

  for (guint style = 0; style < LW_N_SLIDE_STYLES; style++)
    {
      int qpx = (int) (style_px (self, style, s) * 4 + 0.5);
      gpointer key = warm_key (qpx, style);
      g_autoptr(PangoLayout) layout = NULL;

      if (!g_hash_table_add (self->warmed, key))
        continue;
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), lw_glyphs_sample);
      set_font (layout, qpx, style);
      pango_layout_get_pixel_size (layout, NULL, NULL);
    }
}

static gboolean
warm_idle_cb (gpointer data)
{
  LwSlide *self = data;
  int top = ladder_top ();

  while (self->warm_next < 2 * WARM_STEPS)
    {
      int offset = (int) (self->warm_next / 2 + 1) * (self->warm_next % 2 == 0 ? 1 : -1);
      int k = self->warm_center + offset;

      self->warm_next++;
      if (k >= 0 && k <= top)
        {
          warm_step (self, k);
          return G_SOURCE_CONTINUE;
        }
    }
  self->warm_source = 0;
  return G_SOURCE_REMOVE;
}

/* After a card at ladder step k: its neighbours' fonts, while idle. */
static void
warm_around (LwSlide *self,
             int      k)
{
  self->warm_center = k;
  self->warm_next = 0;
  if (self->warm_source == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->warm_source = g_idle_add_full (LW_PRIORITY_WARM, warm_idle_cb, self, NULL);
      g_source_set_name_by_id (self->warm_source, "[lw] slide fonts");
    }
}

static void
lay_out (LwSlide *self,
         int      width,
         int      height)
{
  Fit fit;

  if (!self->dirty && width == self->laid_width && height == self->laid_height)
    return;
  self->dirty = FALSE;
  self->laid_width = width;
  self->laid_height = height;
  if (self->paragraphs->len == 0 || width <= 0 || height <= 0)
    return;
  fit = find_fit (self, width, height);
  place (self, width, height, fit);
  /* after a new card, not after each size of a window being resized */
  if (self->warm_wanted)
    {
      self->warm_wanted = FALSE;
      warm_around (self, fit.step);
    }
  g_debug ("Slide of %u paragraphs at %.1fpx in %u columns%s (%u shaped so far)",
           self->paragraphs->len, fit.s, fit.n_columns, fit.fits ? "" : ", cut short", self->n_shaped);
}

/* ----------------------------------------------------------------------------
 * GtkWidget
 */

static void
lw_slide_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  /* takes the room it is given: the type follows the room, not the other way */
  *minimum = 0;
  *natural = 0;
}

static void
lw_slide_size_allocate (GtkWidget *widget,
                        int        width,
                        int        height,
                        int        baseline)
{
  lay_out (LW_SLIDE (widget), width, height);
}

static void
lw_slide_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  LwSlide *self = LW_SLIDE (widget);

  lay_out (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  for (guint i = 0; i < self->paragraphs->len; i++)
    {
      Paragraph *p = &g_array_index (self->paragraphs, Paragraph, i);
      const Style *style = &styles[p->style];
      GdkRGBA color;
      double s = p->px / MAX (style->factor, 0.1);
      int pad = style->background ? pill_pad (s) : 0;

      if (!p->shown || p->layout == NULL)
        continue;
      if (style->background)
        {
          GskRoundedRect rect;

          rgba_from (style->background, &color);
          gsk_rounded_rect_init_from_rect (&rect, &p->bounds, (float) (0.25 * p->px));
          gtk_snapshot_push_rounded_clip (snapshot, &rect);
          gtk_snapshot_append_color (snapshot, &color, &p->bounds);
          gtk_snapshot_pop (snapshot);
        }
      rgba_from (style->color, &color);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (p->bounds.origin.x + pad,
                                                              p->bounds.origin.y + (style->background ? (int) (0.08 * s) : 0)));
      gtk_snapshot_append_layout (snapshot, p->layout, &color);
      gtk_snapshot_restore (snapshot);
    }
}

static void
lw_slide_css_changed (GtkWidget         *widget,
                      GtkCssStyleChange *change)
{
  LwSlide *self = LW_SLIDE (widget);

  GTK_WIDGET_CLASS (lw_slide_parent_class)->css_changed (widget, change);
  /* another font: measure again */
  for (guint i = 0; i < self->paragraphs->len; i++)
    {
      Paragraph *p = &g_array_index (self->paragraphs, Paragraph, i);

      g_clear_object (&p->layout);
      model_clear (p);
      memo_forget (p);
    }
  g_hash_table_remove_all (self->warmed);
  self->dirty = TRUE;
  gtk_widget_queue_allocate (widget);
}

static void
lw_slide_unmap (GtkWidget *widget)
{
  LwSlide *self = LW_SLIDE (widget);

  g_clear_handle_id (&self->warm_source, g_source_remove);

  GTK_WIDGET_CLASS (lw_slide_parent_class)->unmap (widget);
}

static void
lw_slide_dispose (GObject *object)
{
  LwSlide *self = LW_SLIDE (object);

  g_clear_handle_id (&self->warm_source, g_source_remove);

  G_OBJECT_CLASS (lw_slide_parent_class)->dispose (object);
}

static void
lw_slide_finalize (GObject *object)
{
  LwSlide *self = LW_SLIDE (object);

  g_array_unref (self->paragraphs);
  g_hash_table_unref (self->warmed);

  G_OBJECT_CLASS (lw_slide_parent_class)->finalize (object);
}

static void
lw_slide_class_init (LwSlideClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_slide_dispose;
  object_class->finalize = lw_slide_finalize;
  widget_class->measure = lw_slide_measure;
  widget_class->size_allocate = lw_slide_size_allocate;
  widget_class->snapshot = lw_slide_snapshot;
  widget_class->css_changed = lw_slide_css_changed;
  widget_class->unmap = lw_slide_unmap;

  gtk_widget_class_set_css_name (widget_class, "slide");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lw_slide_init (LwSlide *self)
{
  self->paragraphs = g_array_new (FALSE, TRUE, sizeof (Paragraph));
  g_array_set_clear_func (self->paragraphs, paragraph_clear);
  self->warmed = g_hash_table_new (NULL, NULL);
  self->min_px = 24;
  self->n_columns = 1;
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  /* Type from 24 pixels up, read from across a room: hinting does nothing
   * for it, and it cost most of a Page Down's shaping (FreeType runs a
   * glyph's hinting program at every size the slide lands on).  Unhinted
   * advances also scale with the size, as the fit's estimates assume. */
  {
    cairo_font_options_t *options = cairo_font_options_create ();

    cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    gtk_widget_set_font_options (GTK_WIDGET (self), options);
    G_GNUC_END_IGNORE_DEPRECATIONS
    cairo_font_options_destroy (options);
  }
}

GtkWidget *
lw_slide_new (void)
{
  return g_object_new (LW_TYPE_SLIDE, NULL);
}

void
lw_slide_clear (LwSlide *self)
{
  g_return_if_fail (LW_IS_SLIDE (self));

  g_array_set_size (self->paragraphs, 0);
  self->n_groups = 0;
  self->dirty = TRUE;
}

void
lw_slide_begin_group (LwSlide *self)
{
  g_return_if_fail (LW_IS_SLIDE (self));

  self->n_groups++;
}

void
lw_slide_add (LwSlide      *self,
              LwSlideStyle  style,
              const char   *text)
{
  Paragraph p = { 0, };

  g_return_if_fail (LW_IS_SLIDE (self));
  g_return_if_fail (style < LW_N_SLIDE_STYLES);

  if (text == NULL || text[0] == '\0')
    return;
  if (self->n_groups == 0)
    self->n_groups = 1;
  p.style = style;
  p.text = g_strdup (text);
  p.group = self->n_groups - 1;
  g_array_append_val (self->paragraphs, p);
  self->dirty = TRUE;
}

void
lw_slide_commit (LwSlide *self)
{
  g_autoptr(GString) spoken = g_string_new (NULL);

  g_return_if_fail (LW_IS_SLIDE (self));

  /* what is drawn is what a screen reader says */
  for (guint i = 0; i < self->paragraphs->len; i++)
    {
      const Paragraph *p = &g_array_index (self->paragraphs, Paragraph, i);

      if (spoken->len > 0)
        g_string_append_c (spoken, '\n');
      g_string_append (spoken, p->text);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  spoken->str, -1);
  self->dirty = TRUE;
  self->warm_wanted = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lw_slide_set_min_px (LwSlide *self,
                     double   px)
{
  g_return_if_fail (LW_IS_SLIDE (self));

  px = MAX (px, 6.0);
  if (fabs (px - self->min_px) < 0.01)
    return;
  self->min_px = px;
  self->dirty = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

double
lw_slide_get_min_px (LwSlide *self)
{
  g_return_val_if_fail (LW_IS_SLIDE (self), 0);

  return self->min_px;
}

void
lw_slide_set_centered (LwSlide  *self,
                       gboolean  centered)
{
  g_return_if_fail (LW_IS_SLIDE (self));

  centered = !!centered;
  if (self->centered == centered)
    return;
  self->centered = centered;
  for (guint i = 0; i < self->paragraphs->len; i++)
    {
      Paragraph *p = &g_array_index (self->paragraphs, Paragraph, i);

      g_clear_object (&p->layout);
      model_clear (p);
      memo_forget (p);
    }
  /* the fonts loaded ahead hold: alignment changes none */
  self->dirty = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

guint
_lw_slide_get_n_paragraphs (LwSlide *self)
{
  return self->paragraphs->len;
}

gboolean
_lw_slide_get_paragraph (LwSlide         *self,
                         guint            i,
                         graphene_rect_t *bounds,
                         double          *px,
                         gboolean        *cut)
{
  const Paragraph *p;

  if (i >= self->paragraphs->len)
    return FALSE;
  lay_out (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  p = &g_array_index (self->paragraphs, Paragraph, i);
  if (bounds)
    *bounds = p->bounds;
  if (px)
    *px = p->px;
  if (cut)
    *cut = p->cut || !p->shown;
  return TRUE;
}

guint
_lw_slide_get_n_columns (LwSlide *self)
{
  return self->n_columns;
}

guint
_lw_slide_get_n_shaped (LwSlide *self)
{
  return self->n_shaped;
}

gboolean
_lw_slide_is_warming (LwSlide *self)
{
  return self->warm_source != 0;
}

guint
_lw_slide_get_n_loaded (LwSlide *self)
{
  return g_hash_table_size (self->warmed);
}

gboolean
_lw_slide_is_loaded (LwSlide      *self,
                     LwSlideStyle  style,
                     int           steps)
{
  int k = self->warm_center + steps;
  int qpx;

  if (k < 0 || k > ladder_top ())
    return TRUE;
  qpx = (int) (style_px (self, style, ladder (self, k)) * 4 + 0.5);
  return g_hash_table_contains (self->warmed, warm_key (qpx, style));
}
