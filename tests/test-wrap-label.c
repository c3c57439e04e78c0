/* test-wrap-label.c: the presenter's wrapping label measures what it draws
 *
 * Its lines are found by arithmetic from one unwrapped shaping: at every width
 * the height it reports must be the height of what it draws, and the number of
 * lines Pango itself makes of the text at that width.  What it draws, from
 * that one shaping, must be pixel for pixel what Pango draws of the text
 * broken into those lines.  Measuring at many widths, and drawing, must not
 * shape the text again (text that runs right to left is shaped once more for
 * its lines).  A list row made of two of them is drawn as an AdwActionRow
 * is, and a list of such rows shapes each text once however often the list
 * is measured and drawn.  Ellipsized, it is as tall
 * and as wide as an ellipsizing GtkLabel and is cut only where it is drawn.
 * A status page of them is drawn where AdwStatusPage draws its parts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <gtk/gtk.h>

#include <adwaita.h>

#include "lw-status-page.h"
#include "lw-test-ui.h"
#include "lw-text-row.h"
#include "lw-wrap-label.h"

static const char * const texts[] = {
  "Short",
  "Housing · Move from shelter into transitional housing · Not started · 2027-09-13\n"
  "Family · Call sister once a week · Not started · 2027-01-25",
  "HC-2026-99247 · Harbor County Superior Court · Possession of a controlled substance · filed 2026-03-02 · "
  "before referral · pending · next court date 2026-12-14",
  "A line\n\nafter an empty one, and a last line that is long enough to wrap at most of the widths tried here",
  "Averyveryverylongwordthatcannotbebrokenatanyspaceandmustbecutsomewhere then words",
  "Trailing spaces at the end of a line    are not counted      when it breaks",
  "Ends with a newline\n",
  "Dates 2026-11-24, times 09:30 and codes P-0142 (in brackets) / slashes / and more",
  "Self-referred after a well-being check; follow-up at the Harbor-Side clinic (fictional demo record)",
  "https://example.org/a/very/long/path/that/goes/on/and/on?with=query&and=more#fragment",
  "Ñandú, año: más allá de la comunicación pública — niños y niñas del programa",
};

static GtkWidget *
new_label (const char *text)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *label = lw_wrap_label_new (text);

  gtk_window_set_child (GTK_WINDOW (window), label);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  return label;
}

static void
destroy_label (GtkWidget *label)
{
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (label)));
}

static int
measured_height (GtkWidget *label,
                 int        width)
{
  int minimum, natural;

  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, width, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, natural);
  return natural;
}

/* What Pango makes of the text at width, without hyphens at cut words (the
 * label cuts a word without adding one). */
static int
pango_lines (GtkWidget  *label,
             const char *text,
             int         width)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (label, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  return pango_layout_get_line_count (layout);
}



/* What the label draws at width, as a render node (NULL: nothing). */
static GskRenderNode *
drawn_at (GtkWidget *label,
          int        width)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  _lw_wrap_label_snapshot_at (LW_WRAP_LABEL (label), snapshot, width);
  return gtk_snapshot_free_to_node (snapshot);
}

/* The pixels of a node, in a surface of width by height. */
static cairo_surface_t *
pixels_of (GskRenderNode *node,
           int            width,
           int            height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* How many pixels differ between what the label draws at width and what
 * Pango draws of its text broken as the label breaks it, in its colour. */
static guint
pixels_unlike_pango (GtkWidget *label,
                     int        width,
                     int        height)
{
  g_autoptr(GskRenderNode) ours = drawn_at (label, width);
  g_autoptr(GskRenderNode) theirs = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  PangoLayout *layout = _lw_wrap_label_get_layout (LW_WRAP_LABEL (label), width);
  cairo_surface_t *a, *b;
  GdkRGBA color;
  guint differ = 0;
  int drawn;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (label), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  /* centred lines are centred in the width */
  pango_layout_get_pixel_size (layout, &drawn, NULL);
  if (lw_wrap_label_get_centered (LW_WRAP_LABEL (label)))
    gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (MAX (0, width - drawn) / 2, 0));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  theirs = gtk_snapshot_free_to_node (snapshot);

  /* room for ink past the edges */
  a = pixels_of (ours, width + 40, height + 20);
  b = pixels_of (theirs, width + 40, height + 20);
  for (int y = 0; y < height + 20; y++)
    {
      const guint32 *ra = (const guint32 *) (cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a));
      const guint32 *rb = (const guint32 *) (cairo_image_surface_get_data (b) + y * cairo_image_surface_get_stride (b));

      for (int x = 0; x < width + 40; x++)
        differ += ra[x] != rb[x];
    }
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  return differ;
}

static void
test_measures_what_it_draws (void)
{
  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      GtkWidget *label = new_label (texts[t]);
      int natural_width, minimum_width;

      gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &minimum_width, &natural_width, NULL, NULL);
      g_assert_cmpint (minimum_width, <=, natural_width);
      for (int width = 40; width <= natural_width + 20; width += 7)
        {
          int height = measured_height (label, width);
          PangoLayout *drawn = _lw_wrap_label_get_layout (LW_WRAP_LABEL (label), MAX (width, minimum_width));
          int drawn_height, drawn_width;

          pango_layout_get_pixel_size (drawn, &drawn_width, &drawn_height);
          if (height != drawn_height)
            g_error ("text %u at %dpx: measured %dpx high, drawn %dpx", t, width, height, drawn_height);
          if (pango_layout_get_line_count (drawn) != pango_lines (label, texts[t], MAX (width, minimum_width)))
            g_error ("text %u at %dpx: %d lines, Pango makes %d", t, width,
                     pango_layout_get_line_count (drawn), pango_lines (label, texts[t], MAX (width, minimum_width)));
          /* a line runs past the width only where one word alone is wider */
          if (t != 4)
            g_assert_cmpint (drawn_width, <=, MAX (width, minimum_width) + 1);
          /* and what is drawn is those lines, as Pango draws them */
          if (pixels_unlike_pango (label, MAX (width, minimum_width), height) != 0)
            g_error ("text %u at %dpx: %u pixels unlike Pango's lines", t, width,
                     pixels_unlike_pango (label, MAX (width, minimum_width), height));
        }
      destroy_label (label);
    }
}

static void
test_shapes_once (void)
{
  GtkWidget *label = new_label (texts[2]);
  LwWrapLabel *wrap = LW_WRAP_LABEL (label);
  g_autoptr(GskRenderNode) node = NULL;
  guint before;

  lw_wrap_label_set_text (wrap, texts[1]);
  before = lw_wrap_label_get_n_shaped (wrap);
  for (int width = 40; width < 900; width++)
    measured_height (label, width);
  /* the text once, unwrapped */
  g_assert_cmpuint (lw_wrap_label_get_n_shaped (wrap) - before, ==, 1);
  /* drawn where it wraps, at two widths: from that shaping, nothing shaped again */
  g_clear_pointer (&node, gsk_render_node_unref);
  node = drawn_at (label, 200);
  g_assert_nonnull (node);
  g_clear_pointer (&node, gsk_render_node_unref);
  node = drawn_at (label, 120);
  g_assert_cmpuint (lw_wrap_label_get_n_shaped (wrap) - before, ==, 1);
  /* the accessible label is the text, whatever its lines */
  g_assert_cmpstr (lw_wrap_label_get_text (wrap), ==, texts[1]);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, texts[1]);
  /* lines that run right to left are drawn from a layout of the broken text:
   * once more, and the same as Pango's */
  lw_wrap_label_set_text (wrap, "Nombre: \u05e9\u05dc\u05d5\u05dd \u05e2\u05dc\u05d9\u05db\u05dd "
                                "\u05d5\u05d1\u05e8\u05d5\u05db\u05d9\u05dd \u05d4\u05d1\u05d0\u05d9\u05dd, "
                                "and the rest of the line in English");
  before = lw_wrap_label_get_n_shaped (wrap);
  g_assert_cmpint (measured_height (label, 120), >, measured_height (label, 2000));
  g_clear_pointer (&node, gsk_render_node_unref);
  node = drawn_at (label, 120);
  g_assert_nonnull (node);
  g_assert_cmpuint (lw_wrap_label_get_n_shaped (wrap) - before, ==, 2);
  g_assert_cmpuint (pixels_unlike_pango (label, 120, measured_height (label, 120)), ==, 0);
  destroy_label (label);
}


/* Where the label draws its text: the bounds of its render node. */
static graphene_rect_t
drawn_bounds (GtkWidget *label)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  graphene_rect_t bounds;

  GTK_WIDGET_GET_CLASS (label)->snapshot (label, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  gsk_render_node_get_bounds (node, &bounds);
  return bounds;
}

/* Centred, as a caption under a count: a line shorter than the width sits in
 * its middle, and lines wrapped are centred on each other; from the start
 * otherwise.  Set as a template sets it, by its property. */
static void
test_centered (void)
{
  GtkWidget *label = new_label ("Eligible but not diverted");
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (label));
  graphene_rect_t bounds;
  int text_width, width;

  gtk_window_set_default_size (window, 500, 100);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  width = gtk_widget_get_width (label);
  pango_layout_get_pixel_size (_lw_wrap_label_get_layout (LW_WRAP_LABEL (label), width), &text_width, NULL);
  g_assert_cmpint (width, >=, text_width + 100);

  bounds = drawn_bounds (label);
  g_assert_cmpfloat (bounds.origin.x, <, 2);
  g_assert_false (lw_wrap_label_get_centered (LW_WRAP_LABEL (label)));

  g_object_set (label, "centered", TRUE, NULL);
  g_assert_true (lw_wrap_label_get_centered (LW_WRAP_LABEL (label)));
  bounds = drawn_bounds (label);
  g_assert_cmpfloat (fabs (bounds.origin.x + bounds.size.width / 2 - width / 2.0), <, 3);
  g_assert_cmpfloat (bounds.origin.x, >, 40);

  /* wrapped: the lines centred on the widest */
  g_assert_cmpint (pango_layout_get_alignment (_lw_wrap_label_get_layout (LW_WRAP_LABEL (label), 80)), ==,
                   PANGO_ALIGN_CENTER);
  g_assert_cmpint (pango_layout_get_line_count (_lw_wrap_label_get_layout (LW_WRAP_LABEL (label), 80)), >, 1);
  g_assert_cmpuint (pixels_unlike_pango (label, 80, measured_height (label, 80)), ==, 0);
  destroy_label (label);
}

/* The narrowest a label gets follows its own font: the font's character
 * width is remembered per font, for every label, not once for all. */
static void
test_min_width_per_font (void)
{
  const char *text = texts[2];
  GtkWidget *small = new_label (text);
  GtkWidget *large = new_label (text);
  GtkWidget *again = new_label (text);
  int small_min, large_min, again_min, natural;

  gtk_widget_add_css_class (large, "title-1");
  gtk_test_widget_wait_for_draw (gtk_widget_get_ancestor (large, GTK_TYPE_WINDOW));
  gtk_widget_measure (small, GTK_ORIENTATION_HORIZONTAL, -1, &small_min, &natural, NULL, NULL);
  gtk_widget_measure (large, GTK_ORIENTATION_HORIZONTAL, -1, &large_min, &natural, NULL, NULL);
  gtk_widget_measure (again, GTK_ORIENTATION_HORIZONTAL, -1, &again_min, &natural, NULL, NULL);
  g_assert_cmpint (small_min, >, 0);
  g_assert_cmpint (large_min, >, small_min);
  g_assert_cmpint (again_min, ==, small_min);
  destroy_label (small);
  destroy_label (large);
  destroy_label (again);
}

/* The title and subtitle labels of a row, in that order. */
static void
row_labels (GtkWidget    *row,
            LwWrapLabel **title,
            LwWrapLabel **subtitle)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GtkWidget *widget = row;

  /* depth first, in the order drawn */
  while (widget != NULL)
    {
      if (LW_IS_WRAP_LABEL (widget))
        g_ptr_array_add (found, widget);
      if (gtk_widget_get_first_child (widget) != NULL)
        widget = gtk_widget_get_first_child (widget);
      else
        {
          while (widget != row && gtk_widget_get_next_sibling (widget) == NULL)
            widget = gtk_widget_get_parent (widget);
          widget = widget == row ? NULL : gtk_widget_get_next_sibling (widget);
        }
    }
  g_assert_cmpuint (found->len, ==, 2);
  *title = g_ptr_array_index (found, 0);
  *subtitle = g_ptr_array_index (found, 1);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static GtkWidget *
boxed_list_window (int width)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 300);
  return window;
}

static void
test_text_row_as_action_row (void)
{
  static const char *title = "Tuesday 8 December 2026";
  static const char *subtitle = "Harbor City Hall, Room 204 · 09:30 · 90 min";
  GtkWidget *window = boxed_list_window (700);
  GtkWidget *list = gtk_window_get_child (GTK_WINDOW (window));
  GtkWidget *ours = lw_text_row_new ();
  GtkWidget *theirs = adw_action_row_new ();
  LwWrapLabel *title_label, *subtitle_label;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ours), title);
  lw_text_row_set_subtitle (LW_TEXT_ROW (ours), subtitle);
  lw_text_row_add_suffix (LW_TEXT_ROW (ours), gtk_label_new ("Ready"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (theirs), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (theirs), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (theirs), gtk_label_new ("Ready"));
  gtk_list_box_append (GTK_LIST_BOX (list), ours);
  gtk_list_box_append (GTK_LIST_BOX (list), theirs);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  /* the theme's row styles reach it: the same height, the same text start */
  g_assert_cmpint (gtk_widget_get_height (ours), ==, gtk_widget_get_height (theirs));
  row_labels (ours, &title_label, &subtitle_label);
  {
    GtkWidget *their_title = lw_test_ui_find_widget (theirs, GTK_TYPE_LABEL);
    graphene_point_t a, b;

    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (title_label), ours, &GRAPHENE_POINT_INIT (0, 0), &a));
    g_assert_true (gtk_widget_compute_point (their_title, theirs, &GRAPHENE_POINT_INIT (0, 0), &b));
    g_assert_cmpfloat (a.x, ==, b.x);
    g_assert_cmpfloat (a.y, ==, b.y);
  }
  g_assert_cmpstr (lw_wrap_label_get_text (title_label), ==, title);
  g_assert_cmpstr (lw_text_row_get_subtitle (LW_TEXT_ROW (ours)), ==, subtitle);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (subtitle_label), "subtitle"));

  /* what a screen reader hears: labelled by the title, described by the subtitle */
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (ours), GTK_ACCESSIBLE_RELATION_LABELLED_BY, title_label, NULL);
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (ours), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                       subtitle_label, NULL);

  /* activated by its list, as an action row is (Enter, a click) */
  {
    guint ours_activated = 0, theirs_activated = 0;

    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (ours), TRUE);
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (theirs), TRUE);
    g_signal_connect_swapped (ours, "activated", G_CALLBACK (count_cb), &ours_activated);
    g_signal_connect_swapped (theirs, "activated", G_CALLBACK (count_cb), &theirs_activated);
    g_assert_true (gtk_widget_activate (ours));
    g_assert_cmpuint (ours_activated, ==, 1);
    g_assert_cmpuint (theirs_activated, ==, 0);
    g_assert_true (gtk_widget_activate (theirs));
    g_assert_cmpuint (theirs_activated, ==, 1);
    g_assert_cmpuint (ours_activated, ==, 1);
  }

  /* no subtitle: nothing shown for it, and the row as high as an action row without one */
  lw_text_row_set_subtitle (LW_TEXT_ROW (ours), NULL);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (theirs), NULL);
  gtk_test_widget_wait_for_draw (window);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (subtitle_label)));
  g_assert_cmpint (gtk_widget_get_height (ours), ==, gtk_widget_get_height (theirs));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_text_rows_shape_once (void)
{
  GtkWidget *window = boxed_list_window (900);
  GtkWidget *list = gtk_window_get_child (GTK_WINDOW (window));
  GtkWidget *rows[40];
  int wide_height, narrow_height;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *title = g_strdup_printf ("Area %u · P-%04u", i, i);

      rows[i] = lw_text_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows[i]), title);
      lw_text_row_set_subtitle (LW_TEXT_ROW (rows[i]), texts[i % G_N_ELEMENTS (texts)]);
      lw_text_row_add_suffix (LW_TEXT_ROW (rows[i]), gtk_button_new_with_label ("Respond…"));
      gtk_list_box_append (GTK_LIST_BOX (list), rows[i]);
    }
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  wide_height = gtk_widget_get_height (rows[3]);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      LwWrapLabel *title, *subtitle;

      row_labels (rows[i], &title, &subtitle);
      /* once, unwrapped, whether drawn wrapped or not */
      g_assert_cmpuint (lw_wrap_label_get_n_shaped (title), ==, 1);
      g_assert_cmpuint (lw_wrap_label_get_n_shaped (subtitle), ==, 1);
      /* nothing cut off: each is given the height it asks for at its width */
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (subtitle)), >=,
                       measured_height (GTK_WIDGET (subtitle), gtk_widget_get_width (GTK_WIDGET (subtitle))));
    }

  /* narrower: the long subtitles wrap onto more lines and their rows grow */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 300);
  gtk_widget_queue_resize (window);
  gtk_test_widget_wait_for_draw (window);
  for (int i = 0; i < 20 && gtk_widget_get_width (rows[3]) > 360; i++)
    gtk_test_widget_wait_for_draw (window);
  narrow_height = gtk_widget_get_height (rows[3]);
  g_assert_cmpint (narrow_height, >, wide_height);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Ellipsized, beside a GtkLabel that ellipsizes, in the same style: the same
 * natural size, the same height at every width, a layout cut to the width
 * only where it is narrower than the text, and one shaping however often it
 * is measured. */
static void
test_ellipsized (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *ours = lw_wrap_label_new (NULL);
  GtkWidget *theirs = gtk_label_new (NULL);
  LwWrapLabel *wrap = LW_WRAP_LABEL (ours);

  lw_wrap_label_set_ellipsize (wrap, TRUE);
  g_assert_true (lw_wrap_label_get_ellipsize (wrap));
  gtk_label_set_ellipsize (GTK_LABEL (theirs), PANGO_ELLIPSIZE_END);
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *label = i == 0 ? ours : theirs;

      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_auto(GStrv) lines = g_strsplit (texts[t], "\n", 2);
      const char *text = lines[0];
      int our_min, our_nat, their_min, their_nat, our_height, before;

      lw_wrap_label_set_text (wrap, text);
      gtk_label_set_label (GTK_LABEL (theirs), text);
      before = lw_wrap_label_get_n_shaped (wrap);
      gtk_widget_measure (ours, GTK_ORIENTATION_HORIZONTAL, -1, &our_min, &our_nat, NULL, NULL);
      gtk_widget_measure (theirs, GTK_ORIENTATION_HORIZONTAL, -1, &their_min, &their_nat, NULL, NULL);
      g_assert_cmpint (our_nat, ==, their_nat);
      /* it narrows, as far as the label does, give or take the ellipsis */
      g_assert_cmpint (our_min, <, our_nat);
      g_assert_cmpint (abs (our_min - their_min), <=, 8);

      our_height = measured_height (ours, -1);
      for (int width = 10; width <= our_nat + 30; width += 3)
        {
          int their_height;

          gtk_widget_measure (theirs, GTK_ORIENTATION_VERTICAL, width, NULL, &their_height, NULL, NULL);
          g_assert_cmpint (measured_height (ours, width), ==, our_height);
          g_assert_cmpint (their_height, ==, our_height);
        }
      /* measured at every width: shaped once */
      g_assert_cmpint (lw_wrap_label_get_n_shaped (wrap) - before, ==, 1);

      /* drawn narrower than the text: cut, within the width, on one line */
      if (our_nat > 60)
        {
          PangoLayout *layout = _lw_wrap_label_get_layout (wrap, our_nat / 2);
          int drawn_width;

          g_assert_true (pango_layout_is_ellipsized (layout));
          g_assert_cmpint (pango_layout_get_line_count (layout), ==, 1);
          pango_layout_get_pixel_size (layout, &drawn_width, NULL);
          g_assert_cmpint (drawn_width, <=, our_nat / 2);
          /* the same width again lays nothing out */
          before = lw_wrap_label_get_n_shaped (wrap);
          _lw_wrap_label_get_layout (wrap, our_nat / 2);
          g_assert_cmpint (lw_wrap_label_get_n_shaped (wrap), ==, before);
        }
      /* wide enough: the whole text */
      g_assert_false (pango_layout_is_ellipsized (_lw_wrap_label_get_layout (wrap, our_nat)));
      g_assert_cmpstr (pango_layout_get_text (_lw_wrap_label_get_layout (wrap, our_nat)), ==, text);
      /* what a screen reader hears is the whole text, cut or not */
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (ours), GTK_ACCESSIBLE_PROPERTY_LABEL, text);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
collect_of_type (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      collect_of_type (child, type, found);
    }
}

/* The nth widget shown of a kind under widget, depth first in the order
 * drawn; NULL if there are fewer. */
static GtkWidget *
nth_of_type (GtkWidget *widget,
             GType      type,
             guint      n)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_of_type (widget, type, found);
  return n < found->len ? g_ptr_array_index (found, n) : NULL;
}

static graphene_rect_t
bounds_in (GtkWidget *widget,
           GtkWidget *page)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, page, &bounds));
  return bounds;
}

static void
assert_same_place (GtkWidget *ours,
                   GtkWidget *theirs,
                   GtkWidget *our_page,
                   GtkWidget *their_page)
{
  graphene_rect_t a = bounds_in (ours, our_page);
  graphene_rect_t b = bounds_in (theirs, their_page);

  if (fabs (a.origin.y - b.origin.y) > 1 || fabs (a.size.height - b.size.height) > 1)
    g_error ("drawn at y %g, %g high; libadwaita's at y %g, %g high",
             a.origin.y, a.size.height, b.origin.y, b.size.height);
}

/* LwStatusPage beside AdwStatusPage, at the same size and with the same parts:
 * the icon, the title, the description and the child where libadwaita draws
 * them, at a width where the description wraps and at one where it does not.
 * The description is shown as it is, markup characters and all, and is shaped
 * once however often the page is measured. */
static void
test_status_page (void)
{
  static const char *title = "No Participant Selected";
  static const char *description = "Choose a participant from the list, or press Ctrl+F to search. "
                                   "A line long enough to wrap <b>twice</b> & more, at the narrower of the "
                                   "two widths tried.";
  GtkWidget *pages[2], *windows[2];
  LwWrapLabel *our_description;

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (description, -1);

      windows[i] = gtk_window_new ();
      pages[i] = i == 0 ? lw_status_page_new () : adw_status_page_new ();
      g_object_set (pages[i],
                    "icon-name", "system-users-symbolic",
                    "title", title,
                    /* libadwaita's is markup */
                    "description", i == 0 ? description : escaped,
                    "child", gtk_button_new_with_label ("New Referral"),
                    NULL);
      gtk_window_set_child (GTK_WINDOW (windows[i]), pages[i]);
      gtk_window_set_default_size (GTK_WINDOW (windows[i]), 900, 700);
      gtk_window_present (GTK_WINDOW (windows[i]));
    }
  our_description = LW_WRAP_LABEL (nth_of_type (pages[0], LW_TYPE_WRAP_LABEL, 1));
  g_assert_cmpstr (lw_wrap_label_get_text (our_description), ==, description);
  g_assert_cmpstr (lw_status_page_get_description (LW_STATUS_PAGE (pages[0])), ==, description);

  for (int width = 900; width >= 400; width -= 500)
    {
      guint shaped;

      for (guint i = 0; i < 2; i++)
        {
          gtk_window_set_default_size (GTK_WINDOW (windows[i]), width, 700);
          for (int turn = 0; turn < 20 && gtk_widget_get_width (pages[i]) != width; turn++)
            gtk_test_widget_wait_for_draw (windows[i]);
          g_assert_cmpint (gtk_widget_get_width (pages[i]), ==, width);
        }
      assert_same_place (nth_of_type (pages[0], GTK_TYPE_IMAGE, 0), nth_of_type (pages[1], GTK_TYPE_IMAGE, 0),
                         pages[0], pages[1]);
      assert_same_place (nth_of_type (pages[0], LW_TYPE_WRAP_LABEL, 0), nth_of_type (pages[1], GTK_TYPE_LABEL, 0),
                         pages[0], pages[1]);
      assert_same_place (GTK_WIDGET (our_description), nth_of_type (pages[1], GTK_TYPE_LABEL, 1),
                         pages[0], pages[1]);
      assert_same_place (nth_of_type (pages[0], GTK_TYPE_BUTTON, 0), nth_of_type (pages[1], GTK_TYPE_BUTTON, 0),
                         pages[0], pages[1]);

      /* measured at many widths, as its scrolled window and clamp do */
      shaped = lw_wrap_label_get_n_shaped (our_description);
      for (int w = 200; w < width; w += 5)
        {
          int minimum, natural;

          gtk_widget_measure (pages[0], GTK_ORIENTATION_VERTICAL, w, &minimum, &natural, NULL, NULL);
        }
      g_assert_cmpuint (lw_wrap_label_get_n_shaped (our_description), ==, shaped);
    }

  /* parts left empty are not shown, nor given room */
  lw_status_page_set_description (LW_STATUS_PAGE (pages[0]), NULL);
  lw_status_page_set_icon_name (LW_STATUS_PAGE (pages[0]), NULL);
  adw_status_page_set_description (ADW_STATUS_PAGE (pages[1]), NULL);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (pages[1]), NULL);
  gtk_test_widget_wait_for_draw (windows[0]);
  gtk_test_widget_wait_for_draw (windows[1]);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (our_description)));
  g_assert_null (nth_of_type (pages[0], GTK_TYPE_IMAGE, 0));
  assert_same_place (nth_of_type (pages[0], LW_TYPE_WRAP_LABEL, 0), nth_of_type (pages[1], GTK_TYPE_LABEL, 0),
                     pages[0], pages[1]);
  g_assert_cmpstr (lw_status_page_get_description (LW_STATUS_PAGE (pages[0])), ==, "");

  /* what a screen reader hears: labelled by the title, described by the description */
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (pages[0]), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                       nth_of_type (pages[0], LW_TYPE_WRAP_LABEL, 0), NULL);
  gtk_window_destroy (GTK_WINDOW (windows[0]));
  gtk_window_destroy (GTK_WINDOW (windows[1]));
}

int
main (int   argc,
      char *argv[])
{
  static const char * const paths[] = {
    "/lw/wrap-label/measures-what-it-draws",
    "/lw/wrap-label/shapes-once",
    "/lw/wrap-label/min-width-per-font",
    "/lw/text-row/as-action-row",
    "/lw/text-row/shape-once",
    "/lw/wrap-label/centered",
    "/lw/wrap-label/ellipsized",
    "/lw/status-page/as-adw-status-page",
  };

  if (!lw_test_ui_init (&argc, &argv, paths, G_N_ELEMENTS (paths)))
    return g_test_run ();

  g_test_add_func (paths[0], test_measures_what_it_draws);
  g_test_add_func (paths[1], test_shapes_once);
  g_test_add_func (paths[2], test_min_width_per_font);
  g_test_add_func (paths[3], test_text_row_as_action_row);
  g_test_add_func (paths[4], test_text_rows_shape_once);
  g_test_add_func (paths[5], test_centered);
  g_test_add_func (paths[6], test_ellipsized);
  g_test_add_func (paths[7], test_status_page);
  return g_test_run ();
}
