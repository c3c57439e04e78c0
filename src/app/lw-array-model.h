/* lw-array-model.h: a list of objects held in one array
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LW_TYPE_ARRAY_MODEL (lw_array_model_get_type ())

G_DECLARE_FINAL_TYPE (LwArrayModel, lw_array_model, LW, ARRAY_MODEL, GObject)

/* A GListModel of item_type objects, as GListStore is, but with a pointer
 * an item rather than a sequence node (48 bytes) for long lists that are
 * replaced whole rather than edited. */
LwArrayModel *lw_array_model_new        (GType         item_type);
/* Every item replaced by those of items: item_type objects, which the array
 * unrefs when freed.  The model holds a reference to items, which is not to
 * be changed after. */
void          lw_array_model_set_items  (LwArrayModel *self,
                                         GPtrArray    *items);
void          lw_array_model_remove     (LwArrayModel *self,
                                         guint         position);
void          lw_array_model_remove_all (LwArrayModel *self);

G_END_DECLS
