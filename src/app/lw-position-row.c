/* lw-position-row.c: the latest prosecution positions on a card, with the
 * history one step away
 *
 * Everything shown comes from the participant's view for the viewer: the row
 * never reads the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-position-row"

#include "config.h"

#include <glib/gi18n.h>

#include "lw/lw-positions.h"

#include "lw-position-row.h"
#include "lw-tooltip.h"

static GtkWidget *
wrapping_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  return label;
}

/* The popover of the History button: every matter with every position,
 * newest first. */
static GtkWidget *
history_popover (GPtrArray *matters)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  for (guint i = 0; i < matters->len; i++)
    {
      const LwMatterPositions *m = g_ptr_array_index (matters, i);
      GtkWidget *heading = gtk_label_new (m->case_number ? m->case_number : _("Legal matter"));

      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_add_css_class (heading, "heading");
      gtk_box_append (GTK_BOX (box), heading);
      for (guint j = 0; j < m->positions->len; j++)
        {
          g_autofree char *text = lw_position_to_text (g_ptr_array_index (m->positions, j));
          GtkWidget *line = wrapping_label (text);

          if (j > 0)
            gtk_widget_add_css_class (line, "dim-label");
          gtk_box_append (GTK_BOX (box), line);
        }
    }
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  gtk_popover_set_child (GTK_POPOVER (popover), scrolled);
  return popover;
}


#define HISTORY_NAME "lw-position-history"
#define MATTERS_KEY "lw-position-matters"

/* The popover is made when the button is first pressed: a card shows a new
 * participant at every Page Down, and few histories are opened. */
static void
create_history_cb (GtkMenuButton *button,
                   gpointer       user_data)
{
  GPtrArray *matters = g_object_get_data (G_OBJECT (button), MATTERS_KEY);

  if (gtk_menu_button_get_popover (button) == NULL && matters != NULL)
    gtk_menu_button_set_popover (button, history_popover (matters));
}

GtkPopover *
_lw_position_history_get_popover (GtkMenuButton *button)
{
  g_return_val_if_fail (GTK_IS_MENU_BUTTON (button), NULL);

  create_history_cb (button, NULL);
  return gtk_menu_button_get_popover (button);
}

void
lw_position_history_attach (GtkGrid                 *grid,
                            int                      row,
                            const LwParticipantView *view)
{
  g_autoptr(GPtrArray) matters = NULL;
  GtkWidget *button;
  gboolean history = FALSE;

  g_return_if_fail (GTK_IS_GRID (grid));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (grid)); child != NULL;)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (g_strcmp0 (gtk_widget_get_name (child), HISTORY_NAME) == 0)
        gtk_grid_remove (grid, child);
      child = next;
    }
  if (row < 0 || view == NULL)
    return;

  matters = lw_positions_from_view (view);
  for (guint i = 0; i < matters->len; i++)
    history |= ((LwMatterPositions *) g_ptr_array_index (matters, i))->positions->len > 1;
  if (!history)
    return;

  button = gtk_menu_button_new ();
  gtk_widget_set_name (button, HISTORY_NAME);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("History"));
  g_object_set_data_full (G_OBJECT (button), MATTERS_KEY, g_steal_pointer (&matters),
                          (GDestroyNotify) g_ptr_array_unref);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_history_cb, NULL, NULL);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  lw_tooltip_set_text (button, _("Every position taken on these matters, newest first"));
  gtk_widget_add_css_class (button, "flat");
  gtk_grid_attach (grid, button, 2, row, 1, 1);
}
