/* lw-toast.c: telling the user what happened, in the nearest toast overlay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lw-toast.h"

static AdwToast *last_undo;  /* weak */

/* libadwaita 1.2 reads a toast's title as Pango markup: a name, a file name
 * or a date typed with "&" or "<" in it would show an empty toast.  Only
 * those two (and ">") are escaped, so that a title without them is kept as
 * it is. */
static char *
title_markup (const char *title)
{
  GString *markup = g_string_sized_new (strlen (title));

  for (const char *p = title; *p != '\0'; p++)
    switch (*p)
      {
      case '&':
        g_string_append (markup, "&amp;");
        break;
      case '<':
        g_string_append (markup, "&lt;");
        break;
      case '>':
        g_string_append (markup, "&gt;");
        break;
      default:
        g_string_append_c (markup, *p);
      }
  return g_string_free (markup, FALSE);
}

AdwToast *
lw_toast_new (const char *title)
{
  g_autofree char *markup = title_markup (title);

  return adw_toast_new (markup);
}

void
lw_toast_set_title (AdwToast   *toast,
                    const char *title)
{
  g_autofree char *markup = title_markup (title);

  adw_toast_set_title (toast, markup);
}

void
lw_toast_add (GtkWidget *widget,
              AdwToast  *toast)
{
  GtkWidget *overlay = NULL;

  g_return_if_fail (ADW_IS_TOAST (toast));

  if (widget != NULL)
    overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay == NULL)
    {
      g_object_unref (toast);
      return;
    }

  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

void
lw_toast_show (GtkWidget  *widget,
               const char *title)
{
  lw_toast_add (widget, lw_toast_new (title));
}

void
lw_toast_show_error (GtkWidget    *widget,
                     const GError *error)
{
  lw_toast_show (widget, error != NULL && error->message != NULL ? error->message : _("That did not work"));
}

void
lw_toast_show_undo (GtkWidget      *widget,
                    const char     *title,
                    GCallback       undo,
                    gpointer        undo_data,
                    GDestroyNotify  undo_data_free)
{
  GtkWidget *overlay = widget ? gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY) : NULL;
  AdwToast *toast;

  if (overlay == NULL)
    {
      if (undo_data_free != NULL)
        undo_data_free (undo_data);
      return;
    }

  toast = lw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", undo, undo_data,
                         (GClosureNotify) (void (*) (void)) undo_data_free, 0);

  if (last_undo != NULL)
    g_object_remove_weak_pointer (G_OBJECT (last_undo), (gpointer *) &last_undo);
  last_undo = toast;
  g_object_add_weak_pointer (G_OBJECT (last_undo), (gpointer *) &last_undo);

  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

AdwToast *
lw_toast_get_last_undo (void)
{
  return last_undo;
}
