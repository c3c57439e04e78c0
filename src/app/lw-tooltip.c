/* lw-tooltip.c: tooltips for widgets made many at a time
 *
 * Setting a visible widget's tooltip asks the display where the pointer is,
 * in case the tooltip is to show at once; on X11 that is a round trip to the
 * server, each time.  A list that makes two hundred rows of three buttons
 * waited for six hundred of them.  A widget just made is under no pointer:
 * its tooltip is set while it is hidden, and nothing is asked.
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
  gboolean visible;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  visible = gtk_widget_get_visible (widget);
  if (visible)
    gtk_widget_set_visible (widget, FALSE);
  gtk_widget_set_tooltip_text (widget, text);
  if (visible)
    gtk_widget_set_visible (widget, TRUE);
}
