/* lw-members-page.c: the workgroup's members, added, edited and deactivated in place
 *
 * Members are the workgroup's own records (names, roles and agencies are not
 * sensitive): a role that may create them (lw_edit_role_may_create()) adds and
 * edits them in the record form above the list; any other role sees the list
 * only.  Deactivating is the form's Active switch; deleting is refused by the
 * core while records name the member.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-members-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lw/lw-edit.h"
#include "lw/lw-model.h"

#include "lw-members-page.h"
#include "lw-settings.h"
#include "lw-text-row.h"

struct _LwMembersPage
{
  AdwBin          parent_instance;

  /* template widgets */
  GtkWidget      *add_button;
  LwRecordEditor *editor;
  GtkListBox     *list;
  GtkLabel       *error_label;

  /* borrowed references */
  LwStore        *store;

  /* owned references */
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (LwMembersPage, lw_members_page, ADW_TYPE_BIN)

static gboolean
may_write (LwMembersPage *self)
{
  return self->store != NULL && lw_store_is_unlocked (self->store) &&
         lw_edit_role_may_create (self->store, lw_settings_get_viewer_role (), &lw_person_table);
}

static void
close_editor (LwMembersPage *self)
{
  lw_record_editor_clear (self->editor);
  gtk_widget_set_visible (GTK_WIDGET (self->editor), FALSE);
}

void
lw_members_page_reload (LwMembersPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = NULL;
  gboolean writable;
  GtkWidget *child;

  g_return_if_fail (LW_IS_MEMBERS_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  writable = may_write (self);
  gtk_widget_set_visible (self->add_button, writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.add", writable);
  if (self->store == NULL || !lw_store_is_unlocked (self->store))
    return;

  members = lw_edit_list_members (self->store, TRUE, &error);
  if (members == NULL)
    {
      g_debug ("Cannot list members: %s", g_quark_to_string (error->domain));
      gtk_label_set_text (self->error_label, _("The members cannot be read."));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  for (guint i = 0; i < members->len; i++)
    {
      const LwPerson *person = g_ptr_array_index (members, i);
      GtkWidget *row = lw_text_row_new ();
      g_autofree char *subtitle = NULL;

      if (person->agency != NULL && person->agency[0] != '\0')
        subtitle = g_strdup_printf ("%s · %s", lw_role_to_label (person->role), person->agency);
      else
        subtitle = g_strdup (lw_role_to_label (person->role));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), person->name);
      lw_text_row_set_subtitle (LW_TEXT_ROW (row), subtitle);
      if (!person->active)
        {
          GtkWidget *pill = gtk_label_new (_("Inactive"));

          gtk_widget_add_css_class (pill, "lw-status-pill");
          gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
          lw_text_row_add_suffix (LW_TEXT_ROW (row), pill);
        }
      if (writable)
        {
          lw_text_row_add_suffix (LW_TEXT_ROW (row), gtk_image_new_from_icon_name ("document-edit-symbolic"));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
        }
      g_object_set_data (G_OBJECT (row), "lw-id", GSIZE_TO_POINTER ((gsize) person->id));
      gtk_list_box_append (self->list, row);
    }
}

static void
open_editor (LwMembersPage *self,
             gconstpointer  record,
             const char    *title)
{
  gtk_widget_set_visible (GTK_WIDGET (self->editor), TRUE);
  lw_record_editor_open (self->editor, self->store, record, NULL, title);
  gtk_widget_grab_focus (GTK_WIDGET (self->editor));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LwMembersPage *self = LW_MEMBERS_PAGE (widget);
  gpointer member;

  if (!may_write (self))
    return;
  member = lw_edit_record_new (&lw_person_table);
  open_editor (self, member, _("New Member"));
  lw_record_free (member);
}

static void
row_activated_cb (LwMembersPage *self,
                  GtkListBoxRow *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwPerson) person = NULL;
  LwId id = (LwId) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "lw-id"));

  if (id == 0 || !may_write (self))
    return;
  person = lw_store_get (self->store, &lw_person_table, id, &error);
  if (person == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  open_editor (self, person, person->name);
}

static void
focus_member (LwMembersPage *self,
              LwId           id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if ((LwId) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "lw-id")) == id)
      {
        gtk_widget_grab_focus (row);
        return;
      }
  gtk_widget_child_focus (GTK_WIDGET (self->list), GTK_DIR_TAB_FORWARD);
}

static void
editor_saved_cb (LwMembersPage *self,
                 gint64         id)
{
  close_editor (self);
  lw_members_page_reload (self);
  focus_member (self, id);
}

static void
editor_cancelled_cb (LwMembersPage *self)
{
  close_editor (self);
  gtk_widget_child_focus (GTK_WIDGET (self->list), GTK_DIR_TAB_FORWARD);
}

static void
viewer_role_changed_cb (LwMembersPage *self)
{
  /* a form opened for the old role goes */
  close_editor (self);
  lw_members_page_reload (self);
}

static void
lw_members_page_dispose (GObject *object)
{
  LwMembersPage *self = LW_MEMBERS_PAGE (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_MEMBERS_PAGE);
  g_clear_object (&self->settings);
  self->store = NULL;

  G_OBJECT_CLASS (lw_members_page_parent_class)->dispose (object);
}

static void
lw_members_page_class_init (LwMembersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_members_page_dispose;

  g_type_ensure (LW_TYPE_RECORD_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadworkgroup/Workgroup/lw-members-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LwMembersPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, LwMembersPage, editor);
  gtk_widget_class_bind_template_child (widget_class, LwMembersPage, list);
  gtk_widget_class_bind_template_child (widget_class, LwMembersPage, error_label);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_cancelled_cb);

  gtk_widget_class_install_action (widget_class, "members.add", NULL, add_action);
}

static void
lw_members_page_init (LwMembersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = lw_settings_dup_gsettings ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::viewer-role",
                             G_CALLBACK (viewer_role_changed_cb), self, G_CONNECT_SWAPPED);
}

void
lw_members_page_set_store (LwMembersPage *self,
                           LwStore       *store)
{
  g_return_if_fail (LW_IS_MEMBERS_PAGE (self));

  close_editor (self);
  self->store = store;
  lw_members_page_reload (self);
}

LwRecordEditor *
lw_members_page_get_editor (LwMembersPage *self)
{
  g_return_val_if_fail (LW_IS_MEMBERS_PAGE (self), NULL);

  return self->editor;
}
