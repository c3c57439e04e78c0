/* lw-participant-list.c: every participant of the program, in code order, each
 * row made when it is first needed
 *
 * The ids and codes are clear columns, read at once for everyone.  A row is
 * an object only once something asks for it (the list on screen, a search),
 * and it starts pending: its code, no view.  Views are made for the rows on
 * screen and, by a worker, for all of them; either way a row is filled in
 * place, so nothing is removed or added and the selection stays.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-participant-list"

#include "config.h"

#include <string.h>

#include "lw-participant-list.h"

struct _LwParticipantList
{
  GObject     parent_instance;

  GArray     *ids;        /* LwId */
  GPtrArray  *codes;      /* char *, owned */
  GPtrArray  *rows;       /* LwParticipantRow or NULL, owned */
  GHashTable *positions;  /* id → position + 1 */
  gboolean    complete;
};

static void lw_participant_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LwParticipantList, lw_participant_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, lw_participant_list_model_init))

static GType
lw_participant_list_get_item_type (GListModel *model)
{
  return LW_TYPE_PARTICIPANT_ROW;
}

static guint
lw_participant_list_get_n_items (GListModel *model)
{
  return LW_PARTICIPANT_LIST (model)->ids->len;
}

static gpointer
lw_participant_list_get_item (GListModel *model,
                              guint       position)
{
  LwParticipantList *self = LW_PARTICIPANT_LIST (model);
  LwParticipantRow *row;

  if (position >= self->ids->len)
    return NULL;
  row = g_ptr_array_index (self->rows, position);
  if (row == NULL)
    {
      row = lw_participant_row_new_pending (g_array_index (self->ids, LwId, position),
                                            g_ptr_array_index (self->codes, position));
      g_ptr_array_index (self->rows, position) = row;
    }
  return g_object_ref (row);
}

static void
lw_participant_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = lw_participant_list_get_item_type;
  iface->get_n_items = lw_participant_list_get_n_items;
  iface->get_item = lw_participant_list_get_item;
}

static void
wipe_free (gpointer data)
{
  char *s = data;

  if (s != NULL)
    memset (s, 0, strlen (s));
  g_free (s);
}

/* A row not made yet is NULL: a list may go before its rows are all made
 * (a lock while they are made in the background). */
static void
row_unref (gpointer row)
{
  g_clear_object (&row);
}

static void
lw_participant_list_finalize (GObject *object)
{
  LwParticipantList *self = LW_PARTICIPANT_LIST (object);

  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->codes);
  g_array_unref (self->ids);
  g_hash_table_unref (self->positions);

  G_OBJECT_CLASS (lw_participant_list_parent_class)->finalize (object);
}

static void
lw_participant_list_class_init (LwParticipantListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lw_participant_list_finalize;
}

static void
lw_participant_list_init (LwParticipantList *self)
{
}

LwParticipantList *
lw_participant_list_new (GArray    *ids,
                         GPtrArray *codes)
{
  LwParticipantList *self;

  g_return_val_if_fail (ids != NULL && codes != NULL, NULL);
  g_return_val_if_fail (ids->len == codes->len, NULL);

  self = g_object_new (LW_TYPE_PARTICIPANT_LIST, NULL);
  self->ids = ids;
  self->codes = codes;
  g_ptr_array_set_free_func (self->codes, wipe_free);
  self->rows = g_ptr_array_new_full (ids->len, row_unref);
  g_ptr_array_set_size (self->rows, ids->len);
  self->positions = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_insert (self->positions, &g_array_index (ids, LwId, i), GUINT_TO_POINTER (i + 1));
  return self;
}

const LwId *
lw_participant_list_get_ids (LwParticipantList *self,
                             guint             *n_ids)
{
  g_return_val_if_fail (LW_IS_PARTICIPANT_LIST (self), NULL);

  if (n_ids)
    *n_ids = self->ids->len;
  return (const LwId *) self->ids->data;
}

guint
lw_participant_list_find (LwParticipantList *self,
                          LwId               id)
{
  g_return_val_if_fail (LW_IS_PARTICIPANT_LIST (self), G_MAXUINT);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->positions, &id)) - 1;
}

gboolean
lw_participant_list_is_filled (LwParticipantList *self,
                               guint              position)
{
  LwParticipantRow *row;

  g_return_val_if_fail (LW_IS_PARTICIPANT_LIST (self), FALSE);
  g_return_val_if_fail (position < self->ids->len, FALSE);

  row = g_ptr_array_index (self->rows, position);
  return row != NULL && !lw_participant_row_get_pending (row);
}

void
lw_participant_list_fill (LwParticipantList *self,
                          LwParticipantRow  *row)
{
  g_autoptr(LwParticipantRow) owned = row;
  guint position;
  LwParticipantRow *shown;

  g_return_if_fail (LW_IS_PARTICIPANT_LIST (self));
  g_return_if_fail (LW_IS_PARTICIPANT_ROW (row));

  position = lw_participant_list_find (self, lw_participant_row_get_id (row));
  if (position == G_MAXUINT)
    return;
  shown = g_ptr_array_index (self->rows, position);
  if (shown == NULL)
    g_ptr_array_index (self->rows, position) = g_steal_pointer (&owned);
  else
    lw_participant_row_update (shown, row);
}

gboolean
lw_participant_list_get_complete (LwParticipantList *self)
{
  g_return_val_if_fail (LW_IS_PARTICIPANT_LIST (self), FALSE);
  return self->complete;
}

void
lw_participant_list_set_complete (LwParticipantList *self)
{
  g_return_if_fail (LW_IS_PARTICIPANT_LIST (self));
  self->complete = TRUE;
}
