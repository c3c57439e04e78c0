/* lw-text-row.c: a list row with a title, a wrapping subtitle and suffixes
 *
 * The widgets and style classes are AdwActionRow's (a box.header holding a
 * box.title with the title and the subtitle, then box.suffixes), so the
 * theme draws it as it draws an action row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-text-row"

#include "config.h"

#include "lw-text-row.h"
#include "lw-wrap-label.h"

struct _LwTextRow
{
  AdwPreferencesRow  parent_instance;

  GtkWidget         *title;      /* LwWrapLabel */
  GtkWidget         *subtitle;   /* LwWrapLabel */
  GtkWidget         *suffixes;   /* GtkBox */
  GtkWidget         *list;       /* the GtkListBox it is in, watched */
};

G_DEFINE_FINAL_TYPE (LwTextRow, lw_text_row, ADW_TYPE_PREFERENCES_ROW)

enum { ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
row_activated_cb (GtkListBox    *list,
                  GtkListBoxRow *row,
                  LwTextRow     *self)
{
  if (row == GTK_LIST_BOX_ROW (self))
    g_signal_emit (self, signals[ACTIVATED], 0);
}

/* As an action row: "activated" when its list activates it (a click, Enter). */
static void
parent_changed_cb (LwTextRow *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_func (self->list, row_activated_cb, self);
  g_clear_weak_pointer (&self->list);
  if (GTK_IS_LIST_BOX (parent))
    {
      g_set_weak_pointer (&self->list, parent);
      g_signal_connect (parent, "row-activated", G_CALLBACK (row_activated_cb), self);
    }
}

static void
lw_text_row_dispose (GObject *object)
{
  LwTextRow *self = LW_TEXT_ROW (object);

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_func (self->list, row_activated_cb, self);
  g_clear_weak_pointer (&self->list);

  G_OBJECT_CLASS (lw_text_row_parent_class)->dispose (object);
}

static void
title_changed_cb (LwTextRow *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));

  lw_wrap_label_set_text (LW_WRAP_LABEL (self->title), title);
  gtk_widget_set_visible (self->title, title != NULL && title[0] != '\0');
}

static void
lw_text_row_class_init (LwTextRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lw_text_row_dispose;

  /**
   * LwTextRow::activated:
   *
   * The row was activated in its list (it must be activatable).
   */
  signals[ACTIVATED] = g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lw_text_row_init (LwTextRow *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *title_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_add_css_class (header, "header");
  gtk_widget_set_valign (header, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (title_box, "title");
  gtk_widget_set_valign (title_box, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (title_box, TRUE);

  self->title = lw_wrap_label_new (NULL);
  gtk_widget_add_css_class (self->title, "title");
  gtk_widget_set_visible (self->title, FALSE);
  self->subtitle = lw_wrap_label_new (NULL);
  gtk_widget_add_css_class (self->subtitle, "subtitle");
  gtk_widget_set_visible (self->subtitle, FALSE);
  gtk_box_append (GTK_BOX (title_box), self->title);
  gtk_box_append (GTK_BOX (title_box), self->subtitle);

  self->suffixes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->suffixes, "suffixes");
  gtk_widget_set_visible (self->suffixes, FALSE);

  gtk_box_append (GTK_BOX (header), title_box);
  gtk_box_append (GTK_BOX (header), self->suffixes);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), header);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->subtitle, NULL,
                                  -1);
  g_signal_connect (self, "notify::title", G_CALLBACK (title_changed_cb), NULL);
  g_signal_connect (self, "notify::parent", G_CALLBACK (parent_changed_cb), NULL);
}

GtkWidget *
lw_text_row_new (void)
{
  return g_object_new (LW_TYPE_TEXT_ROW, NULL);
}

void
lw_text_row_set_subtitle (LwTextRow  *self,
                          const char *subtitle)
{
  g_return_if_fail (LW_IS_TEXT_ROW (self));

  lw_wrap_label_set_text (LW_WRAP_LABEL (self->subtitle), subtitle);
  gtk_widget_set_visible (self->subtitle, subtitle != NULL && subtitle[0] != '\0');
}

const char *
lw_text_row_get_subtitle (LwTextRow *self)
{
  g_return_val_if_fail (LW_IS_TEXT_ROW (self), NULL);

  return lw_wrap_label_get_text (LW_WRAP_LABEL (self->subtitle));
}

void
lw_text_row_add_suffix (LwTextRow *self,
                        GtkWidget *widget)
{
  g_return_if_fail (LW_IS_TEXT_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_box_append (GTK_BOX (self->suffixes), widget);
  gtk_widget_set_visible (self->suffixes, TRUE);
}
