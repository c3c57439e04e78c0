/* lw-tooltip.c: tooltips for widgets made or updated many at a time
 *
 * Setting a visible widget's tooltip asks the display where the pointer is,
 * in case the tooltip is to show at once; on X11 that is a round trip to the
 * server, each time, even for a widget in no window yet.  A list that makes
 * two hundred rows of three buttons waited for six hundred of them, and
 * meeting mode's attendance rows spent 3.6 ms of its opening on them.
 *
 * A tooltip that is already the text asks nothing.  A widget in no window yet
 * is under no pointer: its tooltip is set while it is hidden, and nothing is
 * asked.  One in a window is set as GTK sets it: hiding it there would take
 * the window's focus and default from it, and it may be under the pointer
 * with its tooltip showing, which must show the new text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-tooltip"

#include "config.h"

#include "lw-tooltip.h"

void
lw_tooltip_set_text (GtkWidget  *widget,
                     const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* GTK keeps an empty text as none */
  if (text != NULL && text[0] == '\0')
    text = NULL;
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0)
    return;

  if (gtk_widget_get_root (widget) == NULL && gtk_widget_get_visible (widget))
    {
      gtk_widget_set_visible (widget, FALSE);
      gtk_widget_set_tooltip_text (widget, text);
      gtk_widget_set_visible (widget, TRUE);
    }
  else
    gtk_widget_set_tooltip_text (widget, text);
}
