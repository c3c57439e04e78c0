/* lw-participant-row.c: one participant in the list, as the viewer may see it
 *
 * The row copies a handful of strings out of a view made for the viewer; it never
 * sees the participant record, so it cannot hold what the view left out.  Strings
 * are wiped when the row goes (the list is dropped on lock).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-participant-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lw-participant-row.h"
#include "lw-tooltip.h"
#include "lw-wrap-label.h"

struct _LwParticipantRow
{
  GObject  parent_instance;

  LwId     id;
  char    *code;
  char    *name;
  char    *status;
  char    *case_manager;
  char    *last_contact;
  char    *search_key;
  char    *name_key;       /* g_utf8_collate_key(), made once: sorting compares bytes */
  int      status_order;
  gboolean flagged;
  gboolean pending;
};

G_DEFINE_FINAL_TYPE (LwParticipantRow, lw_participant_row, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
wipe_string (char **s)
{
  if (*s != NULL)
    {
      memset (*s, 0, strlen (*s));
      g_clear_pointer (s, g_free);
    }
}

static void
lw_participant_row_finalize (GObject *object)
{
  LwParticipantRow *self = LW_PARTICIPANT_ROW (object);

  wipe_string (&self->code);
  wipe_string (&self->name);
  wipe_string (&self->status);
  wipe_string (&self->case_manager);
  wipe_string (&self->last_contact);
  wipe_string (&self->search_key);
  wipe_string (&self->name_key);

  G_OBJECT_CLASS (lw_participant_row_parent_class)->finalize (object);
}

static void
lw_participant_row_class_init (LwParticipantRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lw_participant_row_finalize;

  /* what the row shows changed: the list item shows it again */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lw_participant_row_init (LwParticipantRow *self)
{
  self->status_order = G_MAXINT;
}

/* The text of a field, or NULL when the view does not hold it. */
static char *
view_text (const LwParticipantView *view,
           const char              *key)
{
  const LwViewField *field = lw_participant_view_lookup (view, key);

  if (field == NULL || field->value == NULL)
    return NULL;
  return lw_view_value_to_text (field->value);
}

/* g_utf8_casefold() returns its GString's buffer, 128 bytes for a short
 * text: a copy of the exact length is 1.3 MB less at 10,000 rows. */
static char *
search_key_new (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  return g_strdup (folded);
}

LwParticipantRow *
lw_participant_row_new_from_view (const LwParticipantView *view)
{
  LwParticipantRow *self;
  const LwViewField *flagged;
  g_autofree char *joined = NULL;

  g_return_val_if_fail (view != NULL, NULL);

  self = g_object_new (LW_TYPE_PARTICIPANT_ROW, NULL);
  self->id = lw_participant_view_get_id (view);
  self->code = g_strdup (lw_participant_view_get_code (view));

  self->name = view_text (view, "identity.preferred_name");
  if (self->name == NULL)
    self->name = view_text (view, "identity.legal_name");
  if (self->name == NULL)
    self->name = view_text (view, "identity.initials");
  if (self->name == NULL)
    self->name = g_strdup ("");

  self->status = view_text (view, "status.status");
  if (self->status == NULL)
    self->status = g_strdup ("");
  for (int i = 0; i < lw_participant_status_info.n; i++)
    if (g_strcmp0 (lw_enum_to_label (&lw_participant_status_info, i), self->status) == 0)
      self->status_order = i;

  /* the case manager is status information at full only */
  if (lw_participant_view_get_level (view, LW_CATEGORY_STATUS) == LW_LEVEL_FULL)
    {
      self->case_manager = view_text (view, "status.case_manager");
      self->last_contact = view_text (view, "status.last_contact");
      flagged = lw_participant_view_lookup (view, "status.flagged");
      self->flagged = flagged != NULL && flagged->value != NULL && flagged->value->boolean;
    }
  if (self->case_manager == NULL)
    self->case_manager = g_strdup ("");
  if (self->last_contact == NULL)
    self->last_contact = g_strdup ("");

  joined = g_strdup_printf ("%s\n%s", self->code ? self->code : "", self->name);
  self->search_key = search_key_new (joined);
  self->name_key = g_utf8_collate_key (self->name, -1);

  return self;
}

LwParticipantRow *
lw_participant_row_new_pending (LwId        id,
                                const char *code)
{
  LwParticipantRow *self = g_object_new (LW_TYPE_PARTICIPANT_ROW, NULL);
  g_autofree char *joined = g_strdup_printf ("%s\n", code ? code : "");

  self->id = id;
  self->pending = TRUE;
  self->code = g_strdup (code ? code : "");
  self->name = g_strdup ("");
  self->status = g_strdup ("");
  self->case_manager = g_strdup ("");
  self->last_contact = g_strdup ("");
  self->search_key = search_key_new (joined);
  self->name_key = g_utf8_collate_key ("", -1);
  return self;
}

gboolean
lw_participant_row_get_pending (LwParticipantRow *self)
{
  g_return_val_if_fail (LW_IS_PARTICIPANT_ROW (self), FALSE);
  return self->pending;
}

/* Moves *from into *to, wiping what *to held; TRUE when they differed. */
static gboolean
take_string (char **to,
             char **from)
{
  gboolean differ = g_strcmp0 (*to, *from) != 0;

  wipe_string (to);
  *to = g_steal_pointer (from);
  return differ;
}

void
lw_participant_row_update (LwParticipantRow *self,
                           LwParticipantRow *from)
{
  gboolean changed = FALSE;

  g_return_if_fail (LW_IS_PARTICIPANT_ROW (self));
  g_return_if_fail (LW_IS_PARTICIPANT_ROW (from));
  g_return_if_fail (self->id == from->id);

  changed |= take_string (&self->code, &from->code);
  changed |= take_string (&self->name, &from->name);
  changed |= take_string (&self->status, &from->status);
  changed |= take_string (&self->case_manager, &from->case_manager);
  changed |= take_string (&self->last_contact, &from->last_contact);
  take_string (&self->search_key, &from->search_key);
  take_string (&self->name_key, &from->name_key);
  changed |= self->status_order != from->status_order || self->flagged != from->flagged ||
             self->pending != from->pending;
  self->status_order = from->status_order;
  self->flagged = from->flagged;
  self->pending = from->pending;
  /* from is left without strings: it goes */
  from->code = g_strdup ("");
  from->name = g_strdup ("");
  from->status = g_strdup ("");
  from->case_manager = g_strdup ("");
  from->last_contact = g_strdup ("");
  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

LwId
lw_participant_row_get_id (LwParticipantRow *self)
{
  g_return_val_if_fail (LW_IS_PARTICIPANT_ROW (self), 0);
  return self->id;
}

const char *
lw_participant_row_get_code (LwParticipantRow *self)
{
  g_return_val_if_fail (LW_IS_PARTICIPANT_ROW (self), NULL);
  return self->code;
}

const char *
lw_participant_row_get_name (LwParticipantRow *self)
{
  g_return_val_if_fail (LW_IS_PARTICIPANT_ROW (self), NULL);
  return self->name;
}

const char *
lw_participant_row_get_status (LwParticipantRow *self)
{
  g_return_val_if_fail (LW_IS_PARTICIPANT_ROW (self), NULL);
  return self->status;
}

int
lw_participant_row_get_status_order (LwParticipantRow *self)
{
  g_return_val_if_fail (LW_IS_PARTICIPANT_ROW (self), G_MAXINT);
  return self->status_order;
}

const char *
lw_participant_row_get_case_manager (LwParticipantRow *self)
{
  g_return_val_if_fail (LW_IS_PARTICIPANT_ROW (self), NULL);
  return self->case_manager;
}

const char *
lw_participant_row_get_last_contact (LwParticipantRow *self)
{
  g_return_val_if_fail (LW_IS_PARTICIPANT_ROW (self), NULL);
  return self->last_contact;
}

gboolean
lw_participant_row_get_flagged (LwParticipantRow *self)
{
  g_return_val_if_fail (LW_IS_PARTICIPANT_ROW (self), FALSE);
  return self->flagged;
}

const char *
lw_participant_row_get_name_key (LwParticipantRow *self)
{
  g_return_val_if_fail (LW_IS_PARTICIPANT_ROW (self), NULL);
  return self->name_key;
}

const char *
lw_participant_row_get_search_key (LwParticipantRow *self)
{
  g_return_val_if_fail (LW_IS_PARTICIPANT_ROW (self), NULL);
  return self->search_key;
}

/* Factory: code and name on the first line, status, case manager and last contact
 * below.  Built once per visible row and rebound as the list scrolls. */

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *code = gtk_label_new (NULL);
  GtkWidget *name = lw_wrap_label_new (NULL);
  GtkWidget *flag = gtk_image_new_from_icon_name ("emblem-important-symbolic");
  GtkWidget *status = gtk_label_new (NULL);
  GtkWidget *detail = lw_wrap_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  gtk_widget_add_css_class (code, "heading");
  gtk_widget_add_css_class (code, "lw-participant-code");
  /* one line each, laid out once per text: a list lays its rows out at
   * many widths while it is allocated */
  lw_wrap_label_set_ellipsize (LW_WRAP_LABEL (name), TRUE);
  gtk_widget_set_hexpand (name, TRUE);
  lw_tooltip_set_text (flag, _("Flagged by staff for the next meeting"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (flag),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Flagged"),
                                  -1);
  gtk_widget_add_css_class (status, "lw-status-pill");
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);

  lw_wrap_label_set_ellipsize (LW_WRAP_LABEL (detail), TRUE);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");

  gtk_box_append (GTK_BOX (top), code);
  gtk_box_append (GTK_BOX (top), name);
  gtk_box_append (GTK_BOX (top), flag);
  gtk_box_append (GTK_BOX (top), status);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), detail);

  g_object_set_data (G_OBJECT (box), "code", code);
  g_object_set_data (G_OBJECT (box), "name", name);
  g_object_set_data (G_OBJECT (box), "flag", flag);
  g_object_set_data (G_OBJECT (box), "status", status);
  g_object_set_data (G_OBJECT (box), "detail", detail);

  gtk_list_item_set_child (item, box);
}

static void
show_row (GtkWidget        *box,
          LwParticipantRow *row)
{
  g_autoptr(GString) detail = g_string_new (NULL);

  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "code"), row->code);
  lw_wrap_label_set_text (g_object_get_data (G_OBJECT (box), "name"), row->name);
  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "status"), row->status);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "status"), row->status[0] != '\0');
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "flag"), row->flagged);

  if (row->case_manager[0] != '\0')
    g_string_append (detail, row->case_manager);
  if (row->last_contact[0] != '\0')
    {
      if (detail->len > 0)
        g_string_append (detail, " · ");
      /* Translators: %s is a date */
      g_string_append_printf (detail, _("last contact %s"), row->last_contact);
    }
  lw_wrap_label_set_text (g_object_get_data (G_OBJECT (box), "detail"), detail->str);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "detail"), detail->len > 0);
}

typedef struct
{
  LwParticipantRowFill fill;
  gpointer             data;
} FillClosure;

static void
fill_closure_free (gpointer  data,
                   GClosure *closure)
{
  g_free (data);
}

static void
row_changed_cb (LwParticipantRow *row,
                GtkListItem      *item)
{
  show_row (gtk_list_item_get_child (item), row);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  user_data)
{
  LwParticipantRow *row = gtk_list_item_get_item (item);
  FillClosure *closure = user_data;

  /* a row on screen gets its view now (with its neighbours) */
  if (row->pending && closure->fill != NULL)
    closure->fill (row, closure->data);
  show_row (gtk_list_item_get_child (item), row);
  g_signal_connect_object (row, "changed", G_CALLBACK (row_changed_cb), item, 0);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  LwParticipantRow *row = gtk_list_item_get_item (item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, row_changed_cb, item);
  /* a recycled row shows nothing of the last participant */
  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "code"), "");
  lw_wrap_label_set_text (g_object_get_data (G_OBJECT (box), "name"), "");
  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "status"), "");
  lw_wrap_label_set_text (g_object_get_data (G_OBJECT (box), "detail"), "");
}

GtkListItemFactory *
lw_participant_row_factory_new (LwParticipantRowFill fill,
                                gpointer             data)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  FillClosure *closure = g_new0 (FillClosure, 1);

  closure->fill = fill;
  closure->data = data;
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect_data (factory, "bind", G_CALLBACK (bind_cb), closure, fill_closure_free, 0);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);

  return factory;
}
