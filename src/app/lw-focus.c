/* lw-focus.c: keyboard focus in long lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lw-focus.h"

/* The row of list that holds widget, or NULL. */
static GtkWidget *
row_of (GtkWidget *list,
        GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (gtk_widget_get_parent (w) == list)
      return w;
  return NULL;
}

/* Moves the focus to the first widget after (or before) list that takes it. */
static void
leave (GtkWidget        *list,
       GtkDirectionType  direction)
{
  gboolean forward = direction == GTK_DIR_TAB_FORWARD;
  GtkRoot *root = gtk_widget_get_root (list);

  for (GtkWidget *w = list; w != NULL && w != GTK_WIDGET (root); w = gtk_widget_get_parent (w))
    for (GtkWidget *s = forward ? gtk_widget_get_next_sibling (w) : gtk_widget_get_prev_sibling (w);
         s != NULL;
         s = forward ? gtk_widget_get_next_sibling (s) : gtk_widget_get_prev_sibling (s))
      if (gtk_widget_get_visible (s) && gtk_widget_child_focus (s, direction))
        return;

  /* nothing after it: round to the window's first (or last) stop */
  if (root != NULL)
    {
      gtk_root_set_focus (root, NULL);
      gtk_widget_child_focus (GTK_WIDGET (root), direction);
    }
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkWidget             *list)
{
  GtkRoot *root = gtk_widget_get_root (list);
  GtkWidget *focus, *row;
  GtkDirectionType direction;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || root == NULL)
    return FALSE;

  focus = gtk_root_get_focus (root);
  row = focus ? row_of (list, focus) : NULL;
  if (row == NULL)
    return FALSE;

  direction = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) ? GTK_DIR_TAB_BACKWARD
                                                                         : GTK_DIR_TAB_FORWARD;
  if (direction == GTK_DIR_TAB_FORWARD)
    {
      /* into the row's controls, then out */
      if (!gtk_widget_child_focus (row, direction))
        leave (list, direction);
    }
  else if (focus == row)
    leave (list, direction);
  else if (!gtk_widget_child_focus (row, direction))
    gtk_widget_grab_focus (row);

  return TRUE;
}

void
lw_focus_tab_leaves_list (GtkWidget *list)
{
  GtkEventController *controller = gtk_event_controller_key_new ();

  g_return_if_fail (GTK_IS_LIST_VIEW (list) || GTK_IS_GRID_VIEW (list) || GTK_IS_LIST_BOX (list));

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (key_pressed_cb), list, 0);
  gtk_widget_add_controller (list, controller);
}
