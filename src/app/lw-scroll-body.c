/* lw-scroll-body.c: the body of a page that scrolls up and down
 *
 * A GtkScrolledWindow measures its child's height for no width (the height at
 * its narrowest), and, unless it propagates its natural height or does not
 * scroll up and down, throws the answer away: only the heights for the widths
 * the child is given are used.  For text that wraps, that height is a layout
 * of every paragraph at a width no one sees, and the window asks for it each
 * time the page changes, to tell the window manager its minimum size: a
 * report's figure, shown in a turn of its own, spent 8 ms of its 21 in it at
 * the reference load.
 *
 * This bin, the child of a viewport in a scrolled window, is measured as its
 * child is except for that question, which it answers with nothing: no
 * height, no text laid out.  Only where the answer is thrown away: when the
 * scrolled window scrolls up and down (automatic or always) and does not
 * propagate its natural height; anywhere else it asks its child, as a bin.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-scroll-body"

#include "config.h"

#include "lw-scroll-body.h"

struct _LwScrollBody
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (LwScrollBody, lw_scroll_body, ADW_TYPE_BIN)

/* Whether widget's height at no width is asked only to be thrown away. */
static gboolean
height_ignored (GtkWidget *widget)
{
  GtkWidget *viewport = gtk_widget_get_parent (widget);
  GtkWidget *scroller = viewport != NULL ? gtk_widget_get_parent (viewport) : NULL;
  GtkPolicyType vertical;

  if (!GTK_IS_VIEWPORT (viewport) || !GTK_IS_SCROLLED_WINDOW (scroller) ||
      gtk_scrolled_window_get_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller)))
    return FALSE;
  gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (scroller), NULL, &vertical);
  return vertical == GTK_POLICY_AUTOMATIC || vertical == GTK_POLICY_ALWAYS;
}

static void
lw_scroll_body_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child == NULL || !gtk_widget_should_layout (child))
    {
      *minimum = *natural = 0;
      return;
    }
  if (orientation == GTK_ORIENTATION_VERTICAL && for_size < 0 && height_ignored (widget))
    {
      /* the scrolled window's question: not asked of the child */
      *minimum = *natural = 0;
      return;
    }
  gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

static void
lw_scroll_body_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static GtkSizeRequestMode
lw_scroll_body_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
lw_scroll_body_class_init (LwScrollBodyClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = lw_scroll_body_measure;
  widget_class->size_allocate = lw_scroll_body_size_allocate;
  widget_class->get_request_mode = lw_scroll_body_get_request_mode;
}

static void
lw_scroll_body_init (LwScrollBody *self)
{
  /* AdwBin's layout manager would measure the child for every question */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
}

GtkWidget *
lw_scroll_body_new (void)
{
  return g_object_new (LW_TYPE_SCROLL_BODY, NULL);
}
