/* lw-array-model.c: a list of objects held in one array
 *
 * The Action Items page lists every open item, 20,000 at the reference load,
 * read whole and replaced whole.  GListStore keeps each in a GSequence node
 * of 48 bytes, for edits in the middle that this list does not make; one
 * array of pointers holds the same list in 8 bytes an item.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-array-model"

#include "config.h"

#include "lw-array-model.h"

struct _LwArrayModel
{
  GObject    parent_instance;

  GType      item_type;
  GPtrArray *items;   /* item_type objects, owned */
};

static void lw_array_model_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LwArrayModel, lw_array_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, lw_array_model_model_init))

static GType
lw_array_model_get_item_type (GListModel *model)
{
  return LW_ARRAY_MODEL (model)->item_type;
}

static guint
lw_array_model_get_n_items (GListModel *model)
{
  return LW_ARRAY_MODEL (model)->items->len;
}

static gpointer
lw_array_model_get_item (GListModel *model,
                         guint       position)
{
  LwArrayModel *self = LW_ARRAY_MODEL (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
lw_array_model_model_init (GListModelInterface *iface)
{
  iface->get_item_type = lw_array_model_get_item_type;
  iface->get_n_items = lw_array_model_get_n_items;
  iface->get_item = lw_array_model_get_item;
}

static void
lw_array_model_finalize (GObject *object)
{
  LwArrayModel *self = LW_ARRAY_MODEL (object);

  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (lw_array_model_parent_class)->finalize (object);
}

static void
lw_array_model_class_init (LwArrayModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lw_array_model_finalize;
}

static void
lw_array_model_init (LwArrayModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

LwArrayModel *
lw_array_model_new (GType item_type)
{
  LwArrayModel *self;

  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);

  self = g_object_new (LW_TYPE_ARRAY_MODEL, NULL);
  self->item_type = item_type;
  return self;
}

void
lw_array_model_set_items (LwArrayModel *self,
                          GPtrArray    *items)
{
  g_autoptr(GPtrArray) old = NULL;

  g_return_if_fail (LW_IS_ARRAY_MODEL (self));
  g_return_if_fail (items != NULL);

  for (guint i = 0; i < items->len; i++)
    g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (g_ptr_array_index (items, i), self->item_type));

  /* the old items are let go after the signal, as GListStore does */
  old = g_steal_pointer (&self->items);
  self->items = g_ptr_array_ref (items);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old->len, items->len);
}

void
lw_array_model_remove (LwArrayModel *self,
                       guint         position)
{
  gpointer item;

  g_return_if_fail (LW_IS_ARRAY_MODEL (self));
  g_return_if_fail (position < self->items->len);

  item = g_ptr_array_steal_index (self->items, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_object_unref (item);
}

void
lw_array_model_remove_all (LwArrayModel *self)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (LW_IS_ARRAY_MODEL (self));

  lw_array_model_set_items (self, none);
}
