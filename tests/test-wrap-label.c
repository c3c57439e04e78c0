/* test-wrap-label.c: the presenter's wrapping label measures what it draws
 *
 * Its lines are found by arithmetic from one unwrapped shaping: at every width
 * the height it reports must be the height of what it draws, and the number of
 * lines Pango itself makes of the text at that width.  Measuring at many
 * widths must not shape the text again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "lw-test-ui.h"
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
        }
      destroy_label (label);
    }
}

static void
test_shapes_once (void)
{
  GtkWidget *label = new_label (texts[2]);
  LwWrapLabel *wrap = LW_WRAP_LABEL (label);
  guint before;

  lw_wrap_label_set_text (wrap, texts[1]);
  before = lw_wrap_label_get_n_shaped (wrap);
  for (int width = 40; width < 900; width++)
    measured_height (label, width);
  /* the text once, unwrapped */
  g_assert_cmpuint (lw_wrap_label_get_n_shaped (wrap) - before, ==, 1);
  /* drawn at a width where it wraps: once more, and not again at that width */
  _lw_wrap_label_get_layout (wrap, 200);
  _lw_wrap_label_get_layout (wrap, 200);
  g_assert_cmpuint (lw_wrap_label_get_n_shaped (wrap) - before, ==, 2);
  /* the accessible label is the text, whatever its lines */
  g_assert_cmpstr (lw_wrap_label_get_text (wrap), ==, texts[1]);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, texts[1]);
  destroy_label (label);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const paths[] = {
    "/lw/wrap-label/measures-what-it-draws",
    "/lw/wrap-label/shapes-once",
  };

  if (!lw_test_ui_init (&argc, &argv, paths, G_N_ELEMENTS (paths)))
    return g_test_run ();

  g_test_add_func (paths[0], test_measures_what_it_draws);
  g_test_add_func (paths[1], test_shapes_once);
  return g_test_run ();
}
