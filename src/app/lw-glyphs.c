/* lw-glyphs.c: the letters' images drawn ahead, while the main loop is idle
 *
 * The first frame that shows text in a font new to the process draws each of
 * its letters for the first time: FreeType loads the outline and runs the
 * font's hinting program on it, and cairo keeps the image in the font's
 * cache.  At 10,000 participants the first frame after the unlock spent 31M
 * of its 46M drawing instructions there (callgrind: FT_Load_Glyph, TT_RunIns
 * under cairo_show_glyphs), and the projector's first card at a new size did
 * the same.
 *
 * lw_glyphs_warm () queues a root.  When the main loop is idle, the widgets
 * under it that show text are read for their fonts (family, size, weight,
 * the style sheet's font features, the scale they are drawn at), and a sample
 * of letters is drawn in each font new to the process into a scratch surface,
 * one font per idle turn.  The images land in the same font caches the
 * window's renderer draws from, so the frame that first shows the font finds
 * them made.  Nothing of what the widgets say is read or kept: only their
 * fonts, and the sample is a fixed alphabet.  lw_glyphs_warm_chart () queues
 * the fonts of the reports' charts the same way: no widget shows them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-glyphs"

#include "config.h"

#include <pango/pangocairo.h>

#include "lw/lw-chart.h"

#include "lw-glyphs.h"
#include "lw-idle.h"
#include "lw-wrap-label.h"

#define MAX_WARMED  256       /* fonts remembered; past it, the set starts again */
#define MAX_EXTENT  8192      /* the scratch surface's largest side, pixels */

/* letters, figures, the punctuation and accents of English and Spanish, and
 * the ligatures fonts make of common pairs */
const char lw_glyphs_sample[] =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 "
  ".,:;!?¡¿'’“”\"()[]/#%&+-–—·… ÁÉÍÓÚÑÜáéíóúñü ff fi fl ffi ffl";

/* the sample in one font, to be drawn at the scale its widget is drawn at */
typedef struct
{
  PangoLayout *layout;
  int          scale;
} Sample;

static struct
{
  GHashTable *warmed;   /* keys of the fonts drawn or queued */
  GQueue      roots;    /* GWeakRef *, to be looked at */
  GQueue      samples;  /* Sample *, to be drawn */
  guint       source;
} glyphs;

static void
sample_free (Sample *sample)
{
  g_object_unref (sample->layout);
  g_free (sample);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sample, sample_free)

/* The attributes that choose a font or its letters. */
static gboolean
is_font_attribute (const PangoAttribute *attr)
{
  switch ((int) attr->klass->type)
    {
    case PANGO_ATTR_FAMILY:
    case PANGO_ATTR_STYLE:
    case PANGO_ATTR_WEIGHT:
    case PANGO_ATTR_VARIANT:
    case PANGO_ATTR_STRETCH:
    case PANGO_ATTR_SIZE:
    case PANGO_ATTR_ABSOLUTE_SIZE:
    case PANGO_ATTR_FONT_DESC:
    case PANGO_ATTR_SCALE:
    case PANGO_ATTR_FONT_FEATURES:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_whole (const PangoAttribute *attr)
{
  return attr->start_index == PANGO_ATTR_INDEX_FROM_TEXT_BEGINNING &&
         attr->end_index == PANGO_ATTR_INDEX_TO_TEXT_END;
}

/* Queues the sample in context's font with attrs (whole-text attributes, and
 * one more over part of a text, or NULL), unless that font was seen. */
static void
queue_font (PangoContext               *context,
            const PangoFontDescription *layout_font,
            GSList                     *whole,
            const PangoAttribute       *part,
            int                         scale)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (pango_context_get_font_description (context));
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  g_autofree char *font_text = NULL;
  g_autofree char *attrs_text = NULL;
  const cairo_font_options_t *options = pango_cairo_context_get_font_options (context);
  const char *language = pango_language_to_string (pango_context_get_language (context));
  Sample *sample;
  char *key;

  if (layout_font != NULL)
    pango_font_description_merge (font, layout_font, TRUE);
  for (GSList *l = whole; l != NULL; l = l->next)
    pango_attr_list_insert (attrs, pango_attribute_copy (l->data));
  if (part != NULL)
    {
      PangoAttribute *copy = pango_attribute_copy (part);

      copy->start_index = PANGO_ATTR_INDEX_FROM_TEXT_BEGINNING;
      copy->end_index = PANGO_ATTR_INDEX_TO_TEXT_END;
      pango_attr_list_insert (attrs, copy);
    }

  font_text = pango_font_description_to_string (font);
  attrs_text = pango_attr_list_to_string (attrs);
  key = g_strdup_printf ("%s|%s|%d|%g|%lu|%s", font_text, attrs_text, scale,
                         pango_cairo_context_get_resolution (context),
                         options != NULL ? cairo_font_options_hash (options) : 0UL,
                         language != NULL ? language : "");
  if (g_hash_table_size (glyphs.warmed) >= MAX_WARMED)
    g_hash_table_remove_all (glyphs.warmed);
  if (!g_hash_table_add (glyphs.warmed, key))
    return;

  sample = g_new0 (Sample, 1);
  sample->layout = pango_layout_new (context);
  sample->scale = MAX (scale, 1);
  pango_layout_set_font_description (sample->layout, font);
  pango_layout_set_attributes (sample->layout, attrs);
  pango_layout_set_text (sample->layout, lw_glyphs_sample, -1);
  g_queue_push_tail (&glyphs.samples, sample);
}

/* The fonts one widget shows its text in. */
static void
look_at (GtkWidget *widget)
{
  PangoContext *context;
  const PangoFontDescription *layout_font = NULL;
  PangoAttrList *attrs = NULL;
  int scale = gtk_widget_get_scale_factor (widget);
  g_autoptr(GSList) whole = NULL;
  g_autoptr(GSList) parts = NULL;

  if (GTK_IS_LABEL (widget))
    {
      PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (widget));

      context = pango_layout_get_context (layout);
      layout_font = pango_layout_get_font_description (layout);
      attrs = pango_layout_get_attributes (layout);
    }
  else if (LW_IS_WRAP_LABEL (widget) || GTK_IS_TEXT (widget))
    context = gtk_widget_get_pango_context (widget);
  else
    return;

  if (attrs != NULL)
    {
      g_autoptr(GSList) all = pango_attr_list_get_attributes (attrs);

      for (GSList *l = all; l != NULL; l = l->next)
        {
          PangoAttribute *attr = l->data;

          if (!is_font_attribute (attr))
            continue;
          if (is_whole (attr))
            whole = g_slist_prepend (whole, attr);
          else
            parts = g_slist_prepend (parts, attr);
        }
      whole = g_slist_reverse (whole);
      queue_font (context, layout_font, whole, NULL, scale);
      for (GSList *l = parts; l != NULL; l = l->next)
        queue_font (context, layout_font, whole, l->data, scale);
      g_slist_free_full (g_steal_pointer (&all), (GDestroyNotify) pango_attribute_destroy);
    }
  else
    queue_font (context, layout_font, NULL, NULL, scale);
}

/* Every widget under root that is shown or may be (a stack's other pages). */
static void
walk (GtkWidget *root)
{
  GtkWidget *widget = root;

  while (widget != NULL)
    {
      GtkWidget *next = NULL;

      if (gtk_widget_get_visible (widget))
        {
          look_at (widget);
          next = gtk_widget_get_first_child (widget);
        }
      while (next == NULL && widget != root)
        {
          next = gtk_widget_get_next_sibling (widget);
          if (next == NULL)
            widget = gtk_widget_get_parent (widget);
        }
      widget = next;
    }
}

/* Draws the sample into a scratch surface: its letters' images are then in
 * its font's cache. */
static void
draw (const Sample *sample)
{
  PangoRectangle ink;
  cairo_surface_t *surface;
  cairo_t *cr;

  pango_layout_get_pixel_extents (sample->layout, &ink, NULL);
  if (ink.width <= 0 || ink.height <= 0)
    return;
  /* the surface holds the ink, so that no letter is left out as unseen */
  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, MIN (ink.width * sample->scale, MAX_EXTENT),
                                        MIN (ink.height * sample->scale, MAX_EXTENT));
  cr = cairo_create (surface);
  cairo_scale (cr, sample->scale, sample->scale);
  cairo_translate (cr, -ink.x, -ink.y);
  pango_cairo_show_layout (cr, sample->layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static gboolean
idle_cb (gpointer data)
{
  g_autoptr(Sample) sample = g_queue_pop_head (&glyphs.samples);

  if (sample != NULL)
    {
      gint64 start = g_get_monotonic_time ();
      g_autofree char *font = pango_font_description_to_string (pango_layout_get_font_description (sample->layout));

      draw (sample);
      g_debug ("Letters of %s drawn in %.1f ms", font, (g_get_monotonic_time () - start) / 1000.0);
      return G_SOURCE_CONTINUE;
    }
  if (!g_queue_is_empty (&glyphs.roots))
    {
      GWeakRef *ref = g_queue_pop_head (&glyphs.roots);
      g_autoptr(GtkWidget) root = g_weak_ref_get (ref);

      g_weak_ref_clear (ref);
      g_free (ref);
      if (root != NULL)
        {
          gint64 start = g_get_monotonic_time ();

          walk (root);
          g_debug ("Fonts under a %s read in %.1f ms: %u new", G_OBJECT_TYPE_NAME (root),
                   (g_get_monotonic_time () - start) / 1000.0, g_queue_get_length (&glyphs.samples));
        }
      return G_SOURCE_CONTINUE;
    }
  glyphs.source = 0;
  return G_SOURCE_REMOVE;
}

static void
start (void)
{
  if (glyphs.warmed == NULL)
    glyphs.warmed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (glyphs.source == 0)
    {
      glyphs.source = g_idle_add_full (LW_PRIORITY_WARM, idle_cb, NULL, NULL);
      g_source_set_name_by_id (glyphs.source, "[lw] glyphs");
    }
}

void
lw_glyphs_warm (GtkWidget *root)
{
  GWeakRef *ref;

  g_return_if_fail (GTK_IS_WIDGET (root));

  start ();
  /* a root queued twice is read twice: its fonts are not drawn again */
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, root);
  g_queue_push_tail (&glyphs.roots, ref);
}

void
lw_glyphs_warm_chart (double text_scale)
{
  /* a chart's fonts with the font options of its cairo context: a recording
   * surface's, as GTK draws a drawing area */
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (recording);
  PangoContext *context = pango_cairo_create_context (cr);
  PangoFontDescription *font;

  start ();
  for (guint n = 0; (font = lw_chart_get_text_font (text_scale, n)) != NULL; n++)
    {
      queue_font (context, font, NULL, NULL, 1);
      pango_font_description_free (font);
    }
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_destroy (recording);
}

gboolean
_lw_glyphs_is_pending (void)
{
  return glyphs.source != 0;
}

guint
_lw_glyphs_get_n_warmed (void)
{
  return glyphs.warmed != NULL ? g_hash_table_size (glyphs.warmed) : 0;
}
