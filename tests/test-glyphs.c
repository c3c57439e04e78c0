/* test-glyphs.c: the letters' images drawn ahead, while the main loop is idle
 *
 * A frame that shows text in a font new to the process has FreeType load and
 * hint each letter; lw_glyphs_warm () is to have done that, while idle, for
 * every font under a root, shown or on a stack's page not shown yet.  The
 * loads are counted by standing in for FreeType's FT_Load_Glyph (the program
 * exports its symbols, so cairo's calls reach the counter, which passes them
 * on).  The counts are of a frame's paint alone, after its layout, so a page
 * warmed ahead paints with no load.  The controls show the count sees loads:
 * the same page not warmed, and a page added after the warm in a font of its
 * own, each load letters when first painted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <dlfcn.h>
#include <string.h>
#include <gtk/gtk.h>

#include "lw/lw-chart.h"
#include "lw-glyphs.h"
#include "lw-test-ui.h"
#include "lw-wrap-label.h"

/* FreeType's FT_Load_Glyph (FT_Face, FT_UInt, FT_Int32), counted */
typedef int (*LoadGlyph) (void *face, unsigned int index, int flags);

static int n_loads;

int FT_Load_Glyph (void *face, unsigned int index, int flags);

int
FT_Load_Glyph (void        *face,
               unsigned int index,
               int          flags)
{
  static LoadGlyph real;

  if (real == NULL)
    real = (LoadGlyph) dlsym (RTLD_NEXT, "FT_Load_Glyph");
  g_atomic_int_inc (&n_loads);
  return real (face, index, flags);
}

/* loads in the paint of the frames after a layout, until the count is read */
static int  paint_loads;
static gboolean painted;

static void
layout_done_cb (GdkFrameClock *clock)
{
  g_atomic_int_set (&n_loads, 0);
}

static void
after_paint_cb (GdkFrameClock *clock)
{
  paint_loads += g_atomic_int_get (&n_loads);
  painted = TRUE;
}

static void
watch_paints (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect_after (clock, "layout", G_CALLBACK (layout_done_cb), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

static gboolean
not_painted (gpointer data)
{
  return !painted;
}

static gboolean
glyphs_pending (gpointer data)
{
  return _lw_glyphs_is_pending ();
}

/* Shows page and returns the letters loaded while the frames drew it. */
static int
paint_loads_showing (GtkStack   *stack,
                     const char *page)
{
  paint_loads = 0;
  painted = FALSE;
  gtk_stack_set_visible_child_name (stack, page);
  lw_test_ui_wait_while (not_painted, NULL, 10);
  g_assert_true (painted);
  /* the frames that follow, if the page's first left anything */
  lw_test_ui_iterate (200);
  return paint_loads;
}

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* A page of text in several fonts: sizes, weights, features, a part in bold,
 * a label's own scale, and an entry in a size of its own; its words only in
 * the sample's letters. */
static GtkWidget *
page_new (const char *font_class)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *part = gtk_label_new (NULL);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *scaled = gtk_label_new ("Action Items Overdue");
  PangoAttrList *attrs = pango_attr_list_new ();

  gtk_box_append (GTK_BOX (box), label_new ("Next Court Date: 2026-12-14", font_class));
  gtk_box_append (GTK_BOX (box), label_new ("Operational Workgroup", "title-1"));
  gtk_box_append (GTK_BOX (box), label_new ("Case Status, Flags (3)", "heading"));
  gtk_box_append (GTK_BOX (box), label_new ("Referred by: Officer; Reviewed", "caption"));
  gtk_box_append (GTK_BOX (box), label_new ("P-0042 · 17/30 days", "numeric"));
  gtk_label_set_markup (GTK_LABEL (part), "Plan: <b>Housing Referral</b> due Friday");
  gtk_box_append (GTK_BOX (box), part);
  /* a whole-text attribute of the label's own */
  pango_attr_list_insert (attrs, pango_attr_scale_new (1.3));
  gtk_label_set_attributes (GTK_LABEL (scaled), attrs);
  pango_attr_list_unref (attrs);
  gtk_box_append (GTK_BOX (box), scaled);
  /* an entry's text, in a size of its own */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Quarterly Review");
  gtk_widget_add_css_class (entry, "size-e");
  gtk_box_append (GTK_BOX (box), entry);
  return box;
}

static GtkCssProvider *
sizes_provider (void)
{
  GtkCssProvider *provider = gtk_css_provider_new ();

  /* sizes no other test or theme uses, so that each is new to the process */
  gtk_css_provider_load_from_data (provider,
                                   ".size-a { font-size: 23px; }"
                                   ".size-b { font-size: 29px; font-weight: bold; }"
                                   ".size-c { font-size: 31px; font-style: italic; }"
                                   ".size-d { font-size: 37px; }"
                                   ".size-e { font-size: 27px; }",
                                   -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  return provider;
}

static void
test_hidden_page_warmed (void)
{
  g_autoptr(GtkCssProvider) provider = sizes_provider ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *stack = gtk_stack_new ();
  int warmed_loads;
  int cold_loads;
  int late_loads;

  gtk_stack_add_named (GTK_STACK (stack), gtk_label_new ("Start"), "start");
  gtk_stack_add_named (GTK_STACK (stack), page_new ("size-a"), "warm");
  gtk_window_set_child (GTK_WINDOW (window), stack);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  watch_paints (window);

  lw_glyphs_warm (window);
  g_assert_true (_lw_glyphs_is_pending ());
  lw_test_ui_wait_while (glyphs_pending, NULL, 20);
  g_assert_false (_lw_glyphs_is_pending ());
  g_assert_cmpuint (_lw_glyphs_get_n_warmed (), >=, 6);

  /* every letter of the page's fonts was drawn ahead */
  warmed_loads = paint_loads_showing (GTK_STACK (stack), "warm");

  /* the controls: the same page in new fonts, shown with no warm ... */
  gtk_stack_add_named (GTK_STACK (stack), page_new ("size-b"), "cold");
  gtk_widget_add_css_class (gtk_stack_get_child_by_name (GTK_STACK (stack), "cold"), "size-c");
  lw_test_ui_iterate (100);
  cold_loads = paint_loads_showing (GTK_STACK (stack), "cold");
  /* ... and a page added after the warm: only its new font loads */
  gtk_stack_add_named (GTK_STACK (stack), label_new ("Diversion Decision", "size-d"), "late");
  late_loads = paint_loads_showing (GTK_STACK (stack), "late");

  g_test_message ("letters loaded in the paint: %d warmed, %d not warmed, %d late", warmed_loads, cold_loads,
                  late_loads);
  g_assert_cmpint (warmed_loads, ==, 0);
  g_assert_cmpint (cold_loads, >, 0);
  g_assert_cmpint (late_loads, >, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider));
}

/* A root gone before the idle reads it is let go; one queued twice, or a
 * root around it, draws no font again. */
static void
test_roots (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *gone = g_object_ref_sink (page_new (NULL));
  GtkWidget *box = page_new (NULL);
  guint n;

  lw_glyphs_warm (gone);
  g_object_unref (gone);

  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  lw_glyphs_warm (box);
  lw_glyphs_warm (box);
  lw_test_ui_wait_while (glyphs_pending, NULL, 20);
  n = _lw_glyphs_get_n_warmed ();
  g_assert_cmpuint (n, >, 0);

  lw_glyphs_warm (window);
  lw_test_ui_wait_while (glyphs_pending, NULL, 20);
  g_assert_cmpuint (_lw_glyphs_get_n_warmed (), ==, n);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The warm reads fonts, never what is written: a page of canaries, in
 * labels, markup, a wrap label and an entry, in a font new to the process,
 * leaves none of them in what the module logs (which is there: the root
 * read and the letters drawn). */
static void
test_reads_no_text (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *marked = gtk_label_new (NULL);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *label = gtk_label_new ("CANARY-participants-name-glyphs");
  g_autofree char *captured = NULL;

  gtk_css_provider_load_from_data (provider, ".size-f { font-size: 19px; }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_widget_add_css_class (label, "size-f");
  gtk_box_append (GTK_BOX (box), label);
  gtk_label_set_markup (GTK_LABEL (marked),
                        "Plan: <b>CANARY-plans-goal-glyphs</b> <i>CANARY-notes-body-glyphs</i>");
  gtk_box_append (GTK_BOX (box), marked);
  gtk_box_append (GTK_BOX (box), lw_wrap_label_new ("CANARY-contacts-note-glyphs"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "CANARY-participants-dob-glyphs");
  gtk_box_append (GTK_BOX (box), entry);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  lw_test_ui_log_capture_start ();
  lw_glyphs_warm (window);
  lw_test_ui_wait_while (glyphs_pending, NULL, 20);
  captured = lw_test_ui_log_capture_stop ();
  g_assert_nonnull (strstr (captured, "lw-glyphs"));
  g_assert_nonnull (strstr (captured, "Fonts under a GtkWindow read"));
  g_assert_nonnull (strstr (captured, "Letters of"));
  g_assert_null (strstr (captured, "CANARY"));

  gtk_window_destroy (GTK_WINDOW (window));
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider));
}

/* A drawing area's text in a chart's fonts at text_scale, as lw_chart_draw ()
 * lays it out (pango_cairo_create_layout () on the area's cairo context). */
static void
draw_chart_text_cb (GtkDrawingArea *area,
                    cairo_t        *cr,
                    int             width,
                    int             height,
                    gpointer        data)
{
  const double *text_scale = data;
  PangoFontDescription *font;

  for (guint n = 0; (font = lw_chart_get_text_font (*text_scale, n)) != NULL; n++)
    {
      g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);

      pango_layout_set_font_description (layout, font);
      pango_layout_set_text (layout, "Referrals by Month (Nov 2026): 12, fewer than 11", -1);
      cairo_move_to (cr, 0, 30 * n);
      pango_cairo_show_layout (cr, layout);
      pango_font_description_free (font);
    }
}

/* A chart's fonts, which no widget shows, warmed by text scale: a chart
 * drawn at a warmed scale loads no letter; at another, it does. */
static void
test_chart_fonts (void)
{
  static const double warmed = 1.77, other = 1.91;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *stack = gtk_stack_new ();

  gtk_stack_add_named (GTK_STACK (stack), gtk_label_new ("Reports"), "empty");
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *area = gtk_drawing_area_new ();

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 700);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 100);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_chart_text_cb,
                                      (gpointer) (i == 0 ? &warmed : &other), NULL);
      gtk_stack_add_named (GTK_STACK (stack), area, i == 0 ? "warmed" : "other");
    }
  gtk_window_set_child (GTK_WINDOW (window), stack);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  watch_paints (window);

  lw_glyphs_warm_chart (warmed);
  lw_test_ui_wait_while (glyphs_pending, NULL, 20);
  g_assert_cmpint (paint_loads_showing (GTK_STACK (stack), "warmed"), ==, 0);
  /* the control: a scale not warmed loads its letters in the frame */
  g_assert_cmpint (paint_loads_showing (GTK_STACK (stack), "other"), >, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  static const char * const paths[] = {
    "/lw/glyphs/hidden-page-warmed",
    "/lw/glyphs/roots",
    "/lw/glyphs/reads-no-text",
    "/lw/glyphs/chart-fonts",
  };

  if (!lw_test_ui_init (&argc, &argv, paths, G_N_ELEMENTS (paths)))
    return g_test_run ();

  g_test_add_func (paths[0], test_hidden_page_warmed);
  g_test_add_func (paths[1], test_roots);
  g_test_add_func (paths[2], test_reads_no_text);
  g_test_add_func (paths[3], test_chart_fonts);
  return g_test_run ();
}
