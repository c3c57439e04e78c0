/* test-scroll-body.c: a scrolled page's body is laid out as without it
 *
 * LwScrollBody answers the one question a GtkScrolledWindow asks and throws
 * away (its child's height for no width) without asking its child, and only
 * where it is thrown away.  A probe
 * child records what it is asked: under the body, never that; in a control
 * without the body, that and the rest.  The window's minimum width still
 * comes from the child, and a page of wrapping text is laid out, scrolled
 * and sized in the scrolled window exactly as it is without the body.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include <adwaita.h>

#include "lw-scroll-body.h"
#include "lw-test-ui.h"

/* ----------------------------------------------------------------------------
 * A probe: 300 to 600 pixels wide, as tall as 600,000 square pixels allow
 */

#define PROBE_MIN_WIDTH 300
#define PROBE_NAT_WIDTH 600
#define PROBE_AREA      600000

#define PROBE_TYPE (probe_get_type ())
G_DECLARE_FINAL_TYPE (Probe, probe, TEST, PROBE, GtkWidget)

struct _Probe
{
  GtkWidget parent_instance;
  guint     asked_height_for_none;  /* VERTICAL, for_size -1 */
  guint     asked_height_for_width;
  guint     asked_width;
};

G_DEFINE_FINAL_TYPE (Probe, probe, GTK_TYPE_WIDGET)

static void
probe_measure (GtkWidget      *widget,
               GtkOrientation  orientation,
               int             for_size,
               int            *minimum,
               int            *natural,
               int            *minimum_baseline,
               int            *natural_baseline)
{
  Probe *self = TEST_PROBE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      self->asked_width++;
      *minimum = PROBE_MIN_WIDTH;
      *natural = PROBE_NAT_WIDTH;
      return;
    }
  if (for_size < 0)
    self->asked_height_for_none++;
  else
    self->asked_height_for_width++;
  *minimum = *natural = PROBE_AREA / MAX (for_size < 0 ? PROBE_MIN_WIDTH : for_size, 1);
}

static GtkSizeRequestMode
probe_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
probe_class_init (ProbeClass *klass)
{
  GTK_WIDGET_CLASS (klass)->measure = probe_measure;
  GTK_WIDGET_CLASS (klass)->get_request_mode = probe_get_request_mode;
}

static void
probe_init (Probe *self)
{
}

/* ----------------------------------------------------------------------------
 * Pages
 */

/* A window of a scrolled window (up and down only) holding child, through a
 * scroll body or not. */
static GtkWidget *
scrolled_window_new (GtkWidget  *child,
                     gboolean    body,
                     GtkWidget **scrolled_out)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *viewport = gtk_viewport_new (NULL, NULL);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  if (body)
    {
      GtkWidget *scroll_body = lw_scroll_body_new ();

      adw_bin_set_child (ADW_BIN (scroll_body), child);
      gtk_viewport_set_child (GTK_VIEWPORT (viewport), scroll_body);
    }
  else
    gtk_viewport_set_child (GTK_VIEWPORT (viewport), child);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), viewport);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 400);
  if (scrolled_out != NULL)
    *scrolled_out = scrolled;
  return window;
}

static void
show (GtkWidget *window)
{
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  lw_test_ui_iterate (50);
}

static void
destroy (GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  lw_test_ui_iterate (20);
}

static void
test_not_asked (void)
{
  GtkWidget *probe = g_object_new (PROBE_TYPE, NULL);
  GtkWidget *control = g_object_new (PROBE_TYPE, NULL);
  GtkWidget *window = scrolled_window_new (probe, TRUE, NULL);
  GtkWidget *control_window = scrolled_window_new (control, FALSE, NULL);
  int min_width;

  show (window);
  show (control_window);

  /* shown, resized, and the child's size changed: the window measures itself
   * for the window manager each time */
  for (int i = 0; i < 3; i++)
    {
      gtk_window_set_default_size (GTK_WINDOW (window), 700 + 40 * i, 420);
      gtk_window_set_default_size (GTK_WINDOW (control_window), 700 + 40 * i, 420);
      gtk_widget_queue_resize (probe);
      gtk_widget_queue_resize (control);
      gtk_test_widget_wait_for_draw (window);
      gtk_test_widget_wait_for_draw (control_window);
      lw_test_ui_iterate (50);
    }

  /* the control: the scrolled window asks its child for its height at no
   * width, or this test proves nothing */
  g_assert_cmpuint (TEST_PROBE (control)->asked_height_for_none, >, 0);
  /* under the body: never that question, every other one */
  g_assert_cmpuint (TEST_PROBE (probe)->asked_height_for_none, ==, 0);
  g_assert_cmpuint (TEST_PROBE (probe)->asked_height_for_width, >, 0);
  g_assert_cmpuint (TEST_PROBE (probe)->asked_width, >, 0);

  /* the window's minimum width is still the child's */
  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, >=, PROBE_MIN_WIDTH);

  /* laid out at the height for its width (taller than the window), not at
   * the body's answer of 0 */
  g_assert_cmpint (gtk_widget_get_width (probe), ==, gtk_widget_get_width (control));
  g_assert_cmpint (gtk_widget_get_height (probe), ==, PROBE_AREA / gtk_widget_get_width (probe));
  g_assert_cmpint (gtk_widget_get_height (probe), >, gtk_widget_get_height (window));
  g_assert_cmpint (gtk_widget_get_height (probe), ==, gtk_widget_get_height (control));

  destroy (window);
  destroy (control_window);
}

/* Where the scrolled window uses the answer (it does not scroll up and
 * down, or it propagates its natural height), the body asks its child. */
static void
test_only_where_ignored (void)
{
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *probe = g_object_new (PROBE_TYPE, NULL);
      GtkWidget *scrolled;
      GtkWidget *window = scrolled_window_new (probe, TRUE, &scrolled);
      int minimum, natural;

      if (i == 0)
        gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_NEVER);
      else
        gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      show (window);
      g_assert_cmpuint (TEST_PROBE (probe)->asked_height_for_none, >, 0);
      gtk_widget_measure (scrolled, GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural, NULL, NULL);
      /* the probe's height at its narrowest */
      if (i == 0)
        g_assert_cmpint (minimum, >=, PROBE_AREA / PROBE_MIN_WIDTH);
      else
        g_assert_cmpint (natural, >=, PROBE_AREA / PROBE_MIN_WIDTH);
      destroy (window);
    }
}

static const char * const paragraphs[] = {
  "Referrals by month and route",
  "Participants referred in each month of the period, by the route they came in by: an arrest diverted at "
  "booking, or a social contact by an officer. A participant referred twice is counted in each month.",
  "Short",
  "A line long enough to wrap at the widths this test gives the window, and then some more words after it, "
  "so that it wraps twice or three times when the window is at its narrowest.",
};

/* A page like the reports page's: a clamp of wrapping labels, with and
 * without the body; the same page, the same scrolling. */
static GtkWidget *
page_new (void)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1000);
  for (guint round = 0; round < 6; round++)
    for (guint i = 0; i < G_N_ELEMENTS (paragraphs); i++)
      {
        GtkWidget *label = gtk_label_new (paragraphs[i]);

        gtk_label_set_wrap (GTK_LABEL (label), TRUE);
        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_box_append (GTK_BOX (box), label);
      }
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  return clamp;
}

static void
assert_same_layout (GtkWidget *a,
                    GtkWidget *b)
{
  GtkWidget *ca, *cb;

  g_assert_cmpint (gtk_widget_get_width (a), ==, gtk_widget_get_width (b));
  g_assert_cmpint (gtk_widget_get_height (a), ==, gtk_widget_get_height (b));
  for (ca = gtk_widget_get_first_child (a), cb = gtk_widget_get_first_child (b);
       ca != NULL && cb != NULL;
       ca = gtk_widget_get_next_sibling (ca), cb = gtk_widget_get_next_sibling (cb))
    {
      graphene_rect_t ra, rb;

      g_assert_true (gtk_widget_compute_bounds (ca, a, &ra));
      g_assert_true (gtk_widget_compute_bounds (cb, b, &rb));
      g_assert_true (graphene_rect_equal (&ra, &rb));
      assert_same_layout (ca, cb);
    }
  g_assert_true (ca == NULL && cb == NULL);
}

static void
test_same_layout (void)
{
  static const int sizes[][2] = { { 640, 400 }, { 360, 300 }, { 1100, 700 } };
  GtkWidget *page = page_new ();
  GtkWidget *control = page_new ();
  GtkWidget *scrolled, *control_scrolled;
  GtkWidget *window = scrolled_window_new (page, TRUE, &scrolled);
  GtkWidget *control_window = scrolled_window_new (control, FALSE, &control_scrolled);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
      GtkAdjustment *control_adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (control_scrolled));

      gtk_window_set_default_size (GTK_WINDOW (window), sizes[i][0], sizes[i][1]);
      gtk_window_set_default_size (GTK_WINDOW (control_window), sizes[i][0], sizes[i][1]);
      show (window);
      show (control_window);
      g_assert_cmpint (gtk_widget_get_width (window), ==, gtk_widget_get_width (control_window));
      g_assert_cmpint (gtk_widget_get_height (window), ==, gtk_widget_get_height (control_window));
      assert_same_layout (page, control);
      /* the page is taller than the window, and scrolls as far */
      g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));
      g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==, gtk_adjustment_get_upper (control_adjustment));
      g_assert_cmpfloat (gtk_adjustment_get_page_size (adjustment), ==,
                         gtk_adjustment_get_page_size (control_adjustment));
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      gtk_adjustment_set_value (control_adjustment, gtk_adjustment_get_upper (control_adjustment));
      lw_test_ui_iterate (30);
      g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, gtk_adjustment_get_value (control_adjustment));
      g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
    }

  destroy (window);
  destroy (control_window);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const paths[] = {
    "/lw/scroll-body/not-asked",
    "/lw/scroll-body/same-layout",
    "/lw/scroll-body/only-where-ignored",
  };

  if (!lw_test_ui_init (&argc, &argv, paths, G_N_ELEMENTS (paths)))
    return 0;
  g_test_add_func (paths[0], test_not_asked);
  g_test_add_func (paths[1], test_same_layout);
  g_test_add_func (paths[2], test_only_where_ignored);
  return g_test_run ();
}
