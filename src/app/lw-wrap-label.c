/* lw-wrap-label.c: a wrapping label that breaks its own lines
 *
 * A new text is shaped once, unwrapped.  What line breaking needs of it is
 * kept — each character's advance and where a line may or must break before
 * it — and the lines at any width are found from that by arithmetic, as Pango
 * breaks a word (or, where a word alone is too long, a character): measuring
 * at a width shapes nothing.  What is drawn is the same lines, the text with
 * those breaks, shaped once for the width the label is given, so the height
 * measured is the height drawn.  Where the text fits unwrapped, the first
 * shaping is drawn as it is.  The font's character width, for the minimum
 * width, is read once, not per text: reading it loads the font.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-wrap-label"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lw-wrap-label.h"

enum
{
  BREAK_ALLOWED   = 1 << 0,   /* a line may start before this character */
  BREAK_MANDATORY = 1 << 1,   /* a line starts before it */
  BREAK_CHAR      = 1 << 2,   /* a too long word may be cut before it */
  WHITE           = 1 << 3,   /* the character is white space */
};

struct _LwWrapLabel
{
  GtkWidget    parent_instance;

  char        *text;
  PangoLayout *layout;
  int          layout_width;     /* the lines the layout holds: -1 unwrapped, -2 none yet */
  int          min_chars;
  int          char_width;       /* Pango units; -1: not read since the font changed */

  /* of the text, shaped unwrapped; n_chars < 0: not yet */
  int          n_chars;
  int         *advance;          /* Pango units, by character */
  int         *offset;           /* byte offset of each character, and of the end */
  guint8      *flags;            /* by position, n_chars + 1 */
  double       line_height;      /* Pango units */
  int          natural_width;    /* pixels */
  int          natural_height;
  int          baseline;
  int          min_width;

  guint        n_shaped;
};

G_DEFINE_FINAL_TYPE (LwWrapLabel, lw_wrap_label, GTK_TYPE_WIDGET)

static void
forget (LwWrapLabel *self)
{
  g_clear_pointer (&self->advance, g_free);
  g_clear_pointer (&self->offset, g_free);
  g_clear_pointer (&self->flags, g_free);
  self->n_chars = -1;
  self->layout_width = -2;
}

/* Shapes the text unwrapped, once per text, and keeps its advances and breaks. */
static void
ensure_model (LwWrapLabel *self)
{
  PangoLayoutIter *iter;
  const PangoLogAttr *attrs;
  g_autofree int *by_byte = NULL;
  gsize bytes = strlen (self->text);
  const char *c;
  int n_attrs, n;

  if (self->n_chars >= 0)
    return;

  if (self->char_width < 0)
    {
      PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);

      self->char_width = pango_font_metrics_get_approximate_char_width (metrics);
      pango_font_metrics_unref (metrics);
    }
  if (self->layout == NULL)
    self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  pango_layout_set_width (self->layout, -1);
  pango_layout_set_text (self->layout, self->text, -1);
  self->layout_width = -1;
  self->n_shaped++;

  /* advances by the byte each character starts at, then by character */
  by_byte = g_new0 (int, bytes + 1);
  iter = pango_layout_get_iter (self->layout);
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

  attrs = pango_layout_get_log_attrs_readonly (self->layout, &n_attrs);
  n = (int) g_utf8_strlen (self->text, -1);
  self->advance = g_new0 (int, n + 1);
  self->offset = g_new0 (int, n + 1);
  self->flags = g_new0 (guint8, n + 1);
  c = self->text;
  for (int i = 0; i <= n; i++)
    {
      self->offset[i] = (int) (c - self->text);
      if (i < n)
        {
          self->advance[i] = by_byte[c - self->text];
          c = g_utf8_next_char (c);
        }
      if (i < n_attrs)
        self->flags[i] = (attrs[i].is_line_break ? BREAK_ALLOWED : 0) |
                         (attrs[i].is_mandatory_break ? BREAK_MANDATORY : 0) |
                         (attrs[i].is_char_break ? BREAK_CHAR : 0) |
                         (attrs[i].is_white ? WHITE : 0);
    }
  self->n_chars = n;

  /* the tallest line: a line in another script's font is never cut short */
  self->line_height = 0;
  for (GSList *l = pango_layout_get_lines_readonly (self->layout); l != NULL; l = l->next)
    {
      PangoRectangle rect;

      pango_layout_line_get_extents (l->data, NULL, &rect);
      self->line_height = MAX (self->line_height, rect.height);
    }
  pango_layout_get_pixel_size (self->layout, &self->natural_width, &self->natural_height);
  self->baseline = pango_layout_get_baseline (self->layout) / PANGO_SCALE;
  self->min_width = MIN (self->natural_width, self->min_chars * self->char_width / PANGO_SCALE);
}

/* Whether a line may end before character i. */
static gboolean
may_end_before (LwWrapLabel *self,
                int          i)
{
  return i == self->n_chars || (self->flags[i] & (BREAK_ALLOWED | BREAK_MANDATORY));
}

/* The end of the line that starts at start, for a width of limit Pango units,
 * as Pango breaks it: before the last break that fits, the white space
 * character just before a break not counted (the others are); a mandatory
 * break ends it first; where not even the first word fits, before the last
 * character that does (at least one). */
static int
line_end (LwWrapLabel *self,
          int          start,
          double       limit)
{
  double used = 0;
  int best = -1;

  for (int i = start + 1; i <= self->n_chars; i++)
    {
      used += self->advance[i - 1];
      if (may_end_before (self, i))
        {
          double width = used - ((self->flags[i - 1] & WHITE) ? self->advance[i - 1] : 0);

          if (width > limit)
            break;
          best = i;
          if (i < self->n_chars && (self->flags[i] & BREAK_MANDATORY))
            break;
        }
    }
  if (best > start)
    return best;

  /* a word alone too long: cut where a character break fits */
  used = 0;
  best = start + 1;
  for (int i = start + 1; i <= self->n_chars; i++)
    {
      used += self->advance[i - 1];
      if (used > limit)
        break;
      if (i == self->n_chars || (self->flags[i] & (BREAK_CHAR | BREAK_MANDATORY)))
        best = i;
    }
  return best;
}

static gboolean
ends_with_newline (LwWrapLabel *self)
{
  gsize len = strlen (self->text);

  return len > 0 && (self->text[len - 1] == '\n' || self->text[len - 1] == '\r');
}

/* The number of lines at width (pixels). */
static int
count_lines (LwWrapLabel *self,
             int          width)
{
  double limit = (double) width * PANGO_SCALE;
  int lines = 0;

  for (int start = 0; start < self->n_chars; lines++)
    start = line_end (self, start, limit);
  return MAX (lines, 1) + (self->n_chars > 0 && ends_with_newline (self));
}

/* The text with its lines broken for width: each line without the white
 * space it ended with, the lines joined by newlines. */
static char *
broken_text (LwWrapLabel *self,
             int          width)
{
  GString *out = g_string_sized_new (strlen (self->text) + 16);
  double limit = (double) width * PANGO_SCALE;
  int start = 0;

  while (start < self->n_chars)
    {
      int end = line_end (self, start, limit);
      int last = end;

      while (last > start && (self->flags[last - 1] & WHITE))
        last--;
      if (out->len > 0 || start > 0)
        g_string_append_c (out, '\n');
      g_string_append_len (out, self->text + self->offset[start], self->offset[last] - self->offset[start]);
      start = end;
    }
  if (self->n_chars > 0 && ends_with_newline (self))
    g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* The height drawn at width: the lines times the height of one. */
static int
height_at (LwWrapLabel *self,
           int          width)
{
  if (width >= self->natural_width)
    return self->natural_height;
  return (int) ceil (count_lines (self, width) * self->line_height / PANGO_SCALE);
}

/* The layout holding the text as drawn at width. */
static PangoLayout *
layout_for (LwWrapLabel *self,
            int          width)
{
  int wanted;

  ensure_model (self);
  wanted = width >= self->natural_width ? -1 : width;
  if (wanted != self->layout_width)
    {
      g_autofree char *text = wanted < 0 ? g_strdup (self->text) : broken_text (self, wanted);

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

  ensure_model (self);
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
  gtk_snapshot_append_layout (snapshot, layout_for (self, gtk_widget_get_width (widget)), &color);
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
  g_free (self->text);
  self->text = g_strdup (text);
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
  if (self->n_chars >= 0 && self->char_width >= 0)
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
