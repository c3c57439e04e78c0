/* test-tooltip.c: tooltips set without asking the display where the pointer is
 *
 * GTK asks the display where the pointer is each time a visible widget's
 * tooltip is set, even for a widget in no window; on X11 that is a round trip.
 * lw_tooltip_set_text () must not ask for a widget in no window, nor for a
 * text that is already the tooltip, and must leave the widget as it found
 * it: visible, with the tooltip given (none for an empty text), and in a
 * window the tooltip as GTK sets it, the window keeping its focus, its
 * default widget and its page.  The requests sent to the X server
 * are counted with its request sequence; the control, GTK's own setter on a
 * widget in no window, shows that the count sees the question.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "lw-test-ui.h"
#include "lw-tooltip.h"

#ifdef GDK_WINDOWING_X11
/* The sequence number of the next request to the X server. */
static unsigned long
next_request (void)
{
  return NextRequest (gdk_x11_display_get_xdisplay (gdk_display_get_default ()));
}
#endif

static gboolean
skip_unless_x11 (void)
{
#ifdef GDK_WINDOWING_X11
  if (GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    return FALSE;
#endif
  g_test_skip ("requests are counted on X11");
  return TRUE;
}

static void
test_asks_nothing (void)
{
#ifdef GDK_WINDOWING_X11
  g_autoptr(GtkWidget) loose = g_object_ref_sink (gtk_button_new_with_label ("Check In"));
  g_autoptr(GtkWidget) control = g_object_ref_sink (gtk_button_new_with_label ("Absent"));
  GtkWidget *window, *stack, *shown, *hidden;
  unsigned long before;

  if (skip_unless_x11 ())
    return;

  /* the control: GTK's setter asks, even for a widget in no window */
  before = next_request ();
  gtk_widget_set_tooltip_text (control, "Mark absent");
  g_assert_cmpuint (next_request (), >, before);

  /* in no window */
  before = next_request ();
  lw_tooltip_set_text (loose, "Record the confidentiality acknowledgement");
  g_assert_cmpuint (next_request (), ==, before);
  g_assert_true (gtk_widget_get_visible (loose));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (loose), ==, "Record the confidentiality acknowledgement");
  g_assert_true (gtk_widget_get_has_tooltip (loose));

  /* in a window, on a page not shown: set as GTK sets it, and the window
   * keeps its default and its page (hiding it there would take them) */
  window = gtk_window_new ();
  stack = gtk_stack_new ();
  shown = gtk_button_new_with_label ("Shown");
  hidden = gtk_button_new_with_label ("Hidden");
  gtk_stack_add_named (GTK_STACK (stack), shown, "shown");
  gtk_stack_add_named (GTK_STACK (stack), hidden, "hidden");
  gtk_stack_set_visible_child (GTK_STACK (stack), shown);
  gtk_window_set_child (GTK_WINDOW (window), stack);
  gtk_window_set_default_widget (GTK_WINDOW (window), hidden);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  g_assert_true (gtk_widget_get_mapped (shown));
  g_assert_false (gtk_widget_get_mapped (hidden));

  lw_tooltip_set_text (hidden, "Not shown yet");
  g_assert_true (gtk_widget_get_visible (hidden));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (hidden), ==, "Not shown yet");
  gtk_widget_queue_draw (window);
  gtk_test_widget_wait_for_draw (window);
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (window)) == hidden);
  g_assert_true (gtk_stack_get_visible_child (GTK_STACK (stack)) == shown);

  /* a window not shown yet: its focus stays where it was put */
  {
    GtkWidget *unshown = gtk_window_new ();
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    GtkWidget *first = gtk_button_new_with_label ("First");
    GtkWidget *focused = gtk_button_new_with_label ("Focused");

    gtk_box_append (GTK_BOX (box), first);
    gtk_box_append (GTK_BOX (box), focused);
    gtk_window_set_child (GTK_WINDOW (unshown), box);
    gtk_window_set_focus (GTK_WINDOW (unshown), focused);
    lw_tooltip_set_text (focused, "Focused before it is shown");
    gtk_window_present (GTK_WINDOW (unshown));
    gtk_test_widget_wait_for_draw (unshown);
    g_assert_true (gtk_window_get_focus (GTK_WINDOW (unshown)) == focused);
    g_assert_cmpstr (gtk_widget_get_tooltip_text (focused), ==, "Focused before it is shown");
    gtk_window_destroy (GTK_WINDOW (unshown));
  }

  /* mapped: set as GTK sets it; the same text again asks nothing */
  lw_tooltip_set_text (shown, "Shown and under no pointer");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (shown), ==, "Shown and under no pointer");
  g_assert_true (gtk_widget_get_mapped (shown));
  before = next_request ();
  lw_tooltip_set_text (shown, "Shown and under no pointer");
  g_assert_cmpuint (next_request (), ==, before);

  /* an empty text is none, as GTK keeps it, and none again asks nothing */
  lw_tooltip_set_text (loose, "");
  g_assert_null (gtk_widget_get_tooltip_text (loose));
  g_assert_false (gtk_widget_get_has_tooltip (loose));
  before = next_request ();
  lw_tooltip_set_text (loose, NULL);
  g_assert_cmpuint (next_request (), ==, before);
  g_assert_true (gtk_widget_get_visible (loose));

  gtk_window_destroy (GTK_WINDOW (window));
#else
  skip_unless_x11 ();
#endif
}

/* A widget hidden by its owner stays hidden. */
static void
test_hidden_stays_hidden (void)
{
  g_autoptr(GtkWidget) button = g_object_ref_sink (gtk_button_new_with_label ("Edit"));

  gtk_widget_set_visible (button, FALSE);
  lw_tooltip_set_text (button, "Edit or Reassign");
  g_assert_false (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Edit or Reassign");
}

int
main (int   argc,
      char *argv[])
{
  static const char * const paths[] = {
    "/lw/tooltip/asks-nothing",
    "/lw/tooltip/hidden-stays-hidden",
  };

  if (!lw_test_ui_init (&argc, &argv, paths, G_N_ELEMENTS (paths)))
    return g_test_run ();

  g_test_add_func (paths[0], test_asks_nothing);
  g_test_add_func (paths[1], test_hidden_stays_hidden);
  return g_test_run ();
}
