/* lw-wrap-label.c: a wrapping label that remembers its measurements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-wrap-label"

#include "config.h"

#include "lw-wrap-label.h"

#define MEMO_SIZE 8

typedef struct
{
  int width;
  int height;
  int baseline;
} Memo;

struct _LwWrapLabel
{
  GtkWidget    parent_instance;

  char        *text;
  PangoLayout *layout;
  int          layout_width;     /* what the layout is set to; -1: unwrapped */
  int          natural_width;    /* -1: not measured */
  int          min_width;        /* -1: not measured */
  int          min_chars;
  Memo         memo[MEMO_SIZE];
  guint        n_memo;
  guint        next_memo;
  guint        n_shaped;
};

G_DEFINE_FINAL_TYPE (LwWrapLabel, lw_wrap_label, GTK_TYPE_WIDGET)

static void
forget (LwWrapLabel *self)
{
  self->n_memo = 0;
  self->next_memo = 0;
  self->natural_width = -1;
  self->min_width = -1;
  self->layout_width = -2;
}

static PangoLayout *
layout_at (LwWrapLabel *self,
           int          width)
{
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);
      pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
      self->layout_width = -2;
    }
  if (width != self->layout_width)
    {
      pango_layout_set_width (self->layout, width < 0 ? -1 : width * PANGO_SCALE);
      self->layout_width = width;
      self->n_shaped++;
    }
  return self->layout;
}

static void
height_for_width (LwWrapLabel *self,
                  int          width,
                  int         *height,
                  int         *baseline)
{
  PangoLayout *layout;
  Memo *m;

  for (guint i = 0; i < self->n_memo; i++)
    if (self->memo[i].width == width)
      {
        *height = self->memo[i].height;
        *baseline = self->memo[i].baseline;
        return;
      }

  layout = layout_at (self, width);
  pango_layout_get_pixel_size (layout, NULL, height);
  *baseline = pango_layout_get_baseline (layout) / PANGO_SCALE;

  m = &self->memo[self->next_memo];
  self->next_memo = (self->next_memo + 1) % MEMO_SIZE;
  self->n_memo = MIN (self->n_memo + 1, MEMO_SIZE);
  *m = (Memo) { width, *height, *baseline };
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

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      if (self->natural_width < 0)
        {
          PangoContext *context = gtk_widget_get_pango_context (widget);
          PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
          int char_width = pango_font_metrics_get_approximate_char_width (metrics);

          pango_font_metrics_unref (metrics);
          pango_layout_get_pixel_size (layout_at (self, -1), &self->natural_width, NULL);
          self->min_width = MIN (self->natural_width, self->min_chars * char_width / PANGO_SCALE);
        }
      *minimum = self->min_width;
      *natural = self->natural_width;
    }
  else
    {
      int width = for_size >= 0 ? MAX (for_size, self->min_width) : self->natural_width;
      int height, baseline;

      if (self->natural_width < 0)
        {
          int m, n;

          lw_wrap_label_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &m, &n, NULL, NULL);
          width = for_size >= 0 ? MAX (for_size, self->min_width) : self->natural_width;
        }
      height_for_width (self, width, &height, &baseline);
      *minimum = *natural = height;
      *minimum_baseline = *natural_baseline = baseline;
    }
}

static GtkSizeRequestMode
lw_wrap_label_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
lw_wrap_label_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  LwWrapLabel *self = LW_WRAP_LABEL (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA color;

  if (self->text == NULL || self->text[0] == '\0')
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (context, &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_snapshot_append_layout (snapshot, layout_at (self, gtk_widget_get_width (widget)), &color);
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
  gtk_widget_queue_resize (widget);
}

static void
lw_wrap_label_finalize (GObject *object)
{
  LwWrapLabel *self = LW_WRAP_LABEL (object);

  g_free (self->text);
  g_clear_object (&self->layout);

  G_OBJECT_CLASS (lw_wrap_label_parent_class)->finalize (object);
}

static void
lw_wrap_label_class_init (LwWrapLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lw_wrap_label_finalize;
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

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text ? text : "");
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, self->text, -1);
  forget (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->text, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
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
  forget (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
lw_wrap_label_get_n_shaped (LwWrapLabel *self)
{
  g_return_val_if_fail (LW_IS_WRAP_LABEL (self), 0);

  return self->n_shaped;
}
