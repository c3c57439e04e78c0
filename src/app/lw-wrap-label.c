/* lw-wrap-label.c: a wrapping label that breaks its own lines
 *
 * A new text is shaped once, unwrapped.  What line breaking needs of it is
 * kept (lw-line-breaks.h), and its lines at any width are found from that by
 * arithmetic, as Pango breaks them: measuring at a width shapes nothing.
 * What is drawn is the same lines, one line height apart, so the height
 * measured is the height drawn, and they are drawn from that one shaping:
 * each line is the glyphs of the unwrapped text that fall in it, moved to
 * where the line starts, which is pixel for pixel what Pango draws of the
 * text broken there.  Text that runs right to left, whose glyphs are not in
 * the order of its characters, is drawn from a layout of the broken text,
 * shaped once more for the width.  An ellipsized label keeps one line: it is
 * measured from its first shaping alone, and cut to a width only when drawn
 * at one narrower than its text.  Where the text fits unwrapped, the first
 * shaping is drawn as it is.  The font's character width, for the minimum
 * width, is read once per font for all labels, not per text or per label:
 * reading it loads the font.  Widgets live on the main thread only, so the
 * table of widths needs no lock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-wrap-label"

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "lw-line-breaks.h"
#include "lw-wrap-label.h"

struct _LwWrapLabel
{
  GtkWidget    parent_instance;

  char        *text;
  PangoLayout *layout;
  int          layout_width;     /* the lines the layout holds: -1 unwrapped, -2 none yet */
  int          min_chars;
  int          char_width;       /* Pango units; -1: not read since the font changed */
  gboolean     centered;         /* each line centred in the width, else from the start */
  gboolean     ellipsize;        /* one line, cut at the end with an ellipsis */

  /* of the text, shaped unwrapped */
  gboolean     shaped;
  LwLineBreaks *breaks;          /* NULL when ellipsized */
  gboolean     left_to_right;    /* every run: its lines are drawn from this shaping */
  int          natural_width;    /* pixels */
  int          natural_height;
  int          baseline;
  int          min_width;

  guint        n_shaped;
};

G_DEFINE_FINAL_TYPE (LwWrapLabel, lw_wrap_label, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_CENTERED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The text shown (a note, a name) is not left in freed memory. */
static void
wipe_free (char *text)
{
  if (text != NULL)
    explicit_bzero (text, strlen (text));
  g_free (text);
}

static void
forget (LwWrapLabel *self)
{
  self->shaped = FALSE;
  g_clear_pointer (&self->breaks, lw_line_breaks_free);
  self->layout_width = -2;
}

/* The font's average character width, read once per font for every label:
 * reading it shapes a sample text, and a list of two hundred labels read it
 * two hundred times (a quarter of the first visit of Action Items). */
static int
char_width_of (PangoContext *context)
{
  static GHashTable *widths;   /* font description, language and resolution → width */
  const PangoFontDescription *font = pango_context_get_font_description (context);
  PangoLanguage *language = pango_context_get_language (context);
  g_autofree char *font_text = pango_font_description_to_string (font);
  g_autofree char *key = g_strdup_printf ("%s|%s|%g", font_text, pango_language_to_string (language),
                                          pango_cairo_context_get_resolution (context));
  gpointer cached;
  PangoFontMetrics *metrics;
  int width;

  if (widths == NULL)
    widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (g_hash_table_lookup_extended (widths, key, NULL, &cached))
    return GPOINTER_TO_INT (cached);
  metrics = pango_context_get_metrics (context, NULL, NULL);
  width = pango_font_metrics_get_approximate_char_width (metrics);
  pango_font_metrics_unref (metrics);
  g_hash_table_insert (widths, g_steal_pointer (&key), GINT_TO_POINTER (width));
  return width;
}

/* Shapes the text unwrapped, once per text, and keeps its line breaks (an
 * ellipsized label has one line, and no need of them). */
static void
ensure_breaks (LwWrapLabel *self)
{
  if (self->shaped)
    return;

  if (self->char_width < 0)
    self->char_width = char_width_of (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      pango_layout_set_alignment (self->layout, self->centered ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
      /* no effect while the layout is unwrapped (width -1) */
      pango_layout_set_ellipsize (self->layout, self->ellipsize ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
    }
  pango_layout_set_width (self->layout, -1);
  pango_layout_set_text (self->layout, self->text, -1);
  self->layout_width = -1;
  self->n_shaped++;
  self->shaped = TRUE;

  if (!self->ellipsize)
    {
      self->breaks = lw_line_breaks_new (self->layout);
      self->left_to_right = TRUE;
      for (GSList *l = pango_layout_get_lines_readonly (self->layout); l != NULL; l = l->next)
        for (GSList *r = ((PangoLayoutLine *) l->data)->runs; r != NULL; r = r->next)
          self->left_to_right &= (((PangoGlyphItem *) r->data)->item->analysis.level % 2) == 0;
    }
  pango_layout_get_pixel_size (self->layout, &self->natural_width, &self->natural_height);
  self->baseline = pango_layout_get_baseline (self->layout) / PANGO_SCALE;
  /* ellipsized, it narrows to about the ellipsis alone, as a GtkLabel does */
  self->min_width = MIN (self->natural_width,
                         (self->ellipsize ? 1 : self->min_chars) * self->char_width / PANGO_SCALE);
}

/* The height drawn at width: the lines times the height of one. */
static int
height_at (LwWrapLabel *self,
           int          width)
{
  if (width >= self->natural_width || self->ellipsize)
    return self->natural_height;
  return (int) ceil (lw_line_breaks_count (self->breaks, (double) width * PANGO_SCALE) *
                     lw_line_breaks_line_height (self->breaks) / PANGO_SCALE);
}

/* The layout holding the text as drawn at width. */
static PangoLayout *
layout_for (LwWrapLabel *self,
            int          width)
{
  int wanted;

  ensure_breaks (self);
  wanted = width < 0 || width >= self->natural_width ? -1 : width;
  if (wanted != self->layout_width && self->ellipsize)
    {
      /* the same text, cut to the width */
      pango_layout_set_width (self->layout, wanted < 0 ? -1 : wanted * PANGO_SCALE);
      self->layout_width = wanted;
      self->n_shaped++;
    }
  else if (wanted != self->layout_width)
    {
      g_autofree char *text = wanted < 0 ? g_strdup (self->text)
                                         : lw_line_breaks_break_text (self->breaks, (double) wanted * PANGO_SCALE);

      pango_layout_set_text (self->layout, text, -1);
      self->layout_width = wanted;
      self->n_shaped++;
    }
  return self->layout;
}

static void
lw_wrap_label_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  LwWrapLabel *self = LW_WRAP_LABEL (widget);

  if (self->text == NULL || self->text[0] == '\0')
    {
      *minimum = *natural = 0;
      return;
    }

  ensure_breaks (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = self->min_width;
      *natural = self->natural_width;
    }
  else
    {
      int width = for_size >= 0 ? MAX (for_size, self->min_width) : self->natural_width;

      *minimum = *natural = height_at (self, width);
      *minimum_baseline = *natural_baseline = self->baseline;
    }
}

static GtkSizeRequestMode
lw_wrap_label_get_request_mode (GtkWidget *widget)
{
  /* one line is as tall at any width */
  return LW_WRAP_LABEL (widget)->ellipsize ? GTK_SIZE_REQUEST_CONSTANT_SIZE : GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* Draws the lines at width from the text's first shaping: each line is the
 * unwrapped layout's glyphs that fall in it, moved to where the line is, so
 * that a wrapped text is shaped once in all.  Each line is as Pango would
 * lay out the broken text: the same glyphs, one line height apart, without
 * the white space it ends with, from the start or centred in the width.  For
 * text that runs left to right only: a line's glyphs are then in the order
 * of its characters. */
static void
snapshot_lines (LwWrapLabel   *self,
                GtkSnapshot   *snapshot,
                int            width,
                const GdkRGBA *color)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (LwLineRange));
  double line_height = lw_line_breaks_line_height (self->breaks);
  const LwLineRange *range;
  guint k = 0;
  int line_x = 0;          /* where line k starts in its unwrapped line */
  gboolean started = FALSE;

  lw_line_breaks_get_lines (self->breaks, (double) width * PANGO_SCALE, lines);
  range = &g_array_index (lines, LwLineRange, 0);
  for (GSList *l = pango_layout_get_lines_readonly (self->layout); l != NULL; l = l->next)
    {
      PangoLayoutLine *line = l->data;
      PangoRectangle logical;
      int x = 0;

      pango_layout_line_get_extents (line, NULL, &logical);
      for (GSList *r = line->runs; r != NULL; r = r->next)
        {
          PangoGlyphItem *run = r->data;
          PangoGlyphString *glyphs = run->glyphs;
          int g = 0;

          while (g < glyphs->num_glyphs)
            {
              int byte = run->item->offset + glyphs->log_clusters[g];
              PangoGlyphString part;
              GskRenderNode *node;
              int first = g, part_x = x;
              float left = 0;

              while (k + 1 < lines->len && byte >= range->next)
                {
                  range = &g_array_index (lines, LwLineRange, ++k);
                  started = FALSE;
                }
              if (byte >= range->end)
                {
                  /* the white space a line ends with is not drawn */
                  x += glyphs->glyphs[g++].geometry.width;
                  continue;
                }
              if (!started)
                {
                  line_x = x;
                  started = TRUE;
                }
              while (g < glyphs->num_glyphs && run->item->offset + glyphs->log_clusters[g] < range->end)
                x += glyphs->glyphs[g++].geometry.width;

              if (self->centered)
                left = MAX (0, (width * PANGO_SCALE - range->width) / 2 / PANGO_SCALE);
              part = (PangoGlyphString) {
                .num_glyphs = g - first,
                .glyphs = glyphs->glyphs + first,
                .log_clusters = glyphs->log_clusters + first,
              };
              node = gsk_text_node_new (run->item->analysis.font, &part, color,
                                        &GRAPHENE_POINT_INIT (left + (float) (part_x - line_x) / PANGO_SCALE,
                                                              (float) (k * line_height - logical.y) / PANGO_SCALE));
              /* NULL where nothing would show (spaces alone) */
              if (node != NULL)
                {
                  gtk_snapshot_append_node (snapshot, node);
                  gsk_render_node_unref (node);
                }
            }
        }
    }
}

static void
draw_at (LwWrapLabel *self,
         GtkSnapshot *snapshot,
         int          width)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  PangoLayout *layout;
  GdkRGBA color;

  if (self->text == NULL || self->text[0] == '\0')
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (context, &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  ensure_breaks (self);
  if (!self->ellipsize && self->left_to_right && width < self->natural_width)
    {
      /* the layout must hold the text unwrapped, as it was shaped */
      layout_for (self, -1);
      snapshot_lines (self, snapshot, width, &color);
      return;
    }
  layout = layout_for (self, width);
  if (self->centered)
    {
      int drawn;

      /* the lines are centred on the widest; that on the width given */
      pango_layout_get_pixel_size (layout, &drawn, NULL);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (MAX (0, width - drawn) / 2, 0));
      gtk_snapshot_append_layout (snapshot, layout, &color);
      gtk_snapshot_restore (snapshot);
      return;
    }
  gtk_snapshot_append_layout (snapshot, layout, &color);
}

static void
lw_wrap_label_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  draw_at (LW_WRAP_LABEL (widget), snapshot, gtk_widget_get_width (widget));
}

static void
lw_wrap_label_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  LwWrapLabel *self = LW_WRAP_LABEL (widget);

  GTK_WIDGET_CLASS (lw_wrap_label_parent_class)->css_changed (widget, change);
  /* another font or size: measure again */
  g_clear_object (&self->layout);
  forget (self);
  self->char_width = -1;
  gtk_widget_queue_resize (widget);
}

static void
lw_wrap_label_finalize (GObject *object)
{
  LwWrapLabel *self = LW_WRAP_LABEL (object);

  forget (self);
  wipe_free (self->text);
  g_clear_object (&self->layout);

  G_OBJECT_CLASS (lw_wrap_label_parent_class)->finalize (object);
}

static void
lw_wrap_label_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LwWrapLabel *self = LW_WRAP_LABEL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_CENTERED:
      g_value_set_boolean (value, self->centered);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_wrap_label_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LwWrapLabel *self = LW_WRAP_LABEL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      lw_wrap_label_set_text (self, g_value_get_string (value));
      break;

    case PROP_CENTERED:
      lw_wrap_label_set_centered (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_wrap_label_class_init (LwWrapLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lw_wrap_label_finalize;
  object_class->get_property = lw_wrap_label_get_property;
  object_class->set_property = lw_wrap_label_set_property;

  /* what a template gives it */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CENTERED] =
    g_param_spec_boolean ("centered", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->measure = lw_wrap_label_measure;
  widget_class->get_request_mode = lw_wrap_label_get_request_mode;
  widget_class->snapshot = lw_wrap_label_snapshot;
  widget_class->css_changed = lw_wrap_label_css_changed;

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
lw_wrap_label_init (LwWrapLabel *self)
{
  self->min_chars = 12;
  self->char_width = -1;
  self->text = g_strdup ("");
  forget (self);
}

GtkWidget *
lw_wrap_label_new (const char *text)
{
  LwWrapLabel *self = g_object_new (LW_TYPE_WRAP_LABEL, NULL);

  lw_wrap_label_set_text (self, text);
  return GTK_WIDGET (self);
}

void
lw_wrap_label_set_text (LwWrapLabel *self,
                        const char  *text)
{
  g_return_if_fail (LW_IS_WRAP_LABEL (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (self->text, text) == 0)
    return;
  wipe_free (self->text);
  self->text = g_strdup (text);
  forget (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->text, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

const char *
lw_wrap_label_get_text (LwWrapLabel *self)
{
  g_return_val_if_fail (LW_IS_WRAP_LABEL (self), NULL);

  return self->text;
}

void
lw_wrap_label_set_min_chars (LwWrapLabel *self,
                             int          chars)
{
  g_return_if_fail (LW_IS_WRAP_LABEL (self));

  self->min_chars = MAX (chars, 1);
  if (self->shaped && !self->ellipsize && self->char_width >= 0)
    self->min_width = MIN (self->natural_width, self->min_chars * self->char_width / PANGO_SCALE);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
lw_wrap_label_get_n_shaped (LwWrapLabel *self)
{
  g_return_val_if_fail (LW_IS_WRAP_LABEL (self), 0);

  return self->n_shaped;
}

PangoLayout *
_lw_wrap_label_get_layout (LwWrapLabel *self,
                           int          width)
{
  return layout_for (self, width);
}

void
_lw_wrap_label_snapshot_at (LwWrapLabel *self,
                            GtkSnapshot *snapshot,
                            int          width)
{
  draw_at (self, snapshot, width);
}

void
lw_wrap_label_set_centered (LwWrapLabel *self,
                            gboolean     centered)
{
  g_return_if_fail (LW_IS_WRAP_LABEL (self));

  centered = !!centered;
  if (self->centered == centered)
    return;
  self->centered = centered;
  if (self->layout != NULL)
    pango_layout_set_alignment (self->layout, centered ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CENTERED]);
}

gboolean
lw_wrap_label_get_centered (LwWrapLabel *self)
{
  g_return_val_if_fail (LW_IS_WRAP_LABEL (self), FALSE);

  return self->centered;
}

void
lw_wrap_label_set_ellipsize (LwWrapLabel *self,
                             gboolean     ellipsize)
{
  g_return_if_fail (LW_IS_WRAP_LABEL (self));

  ellipsize = !!ellipsize;
  if (self->ellipsize == ellipsize)
    return;
  self->ellipsize = ellipsize;
  /* the layout is made again with or without the ellipsis */
  g_clear_object (&self->layout);
  forget (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

gboolean
lw_wrap_label_get_ellipsize (LwWrapLabel *self)
{
  g_return_val_if_fail (LW_IS_WRAP_LABEL (self), FALSE);

  return self->ellipsize;
}
