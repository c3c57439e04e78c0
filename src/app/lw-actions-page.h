/* lw-actions-page.h: open action items across meetings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lw/lw-store.h"

#include "lw-record-editor.h"

G_BEGIN_DECLS

#define LW_TYPE_ACTIONS_PAGE (lw_actions_page_get_type ())

G_DECLARE_FINAL_TYPE (LwActionsPage, lw_actions_page, LW, ACTIONS_PAGE, AdwBin)

/* store (unlocked) is borrowed for the life of the page */
void        lw_actions_page_set_store     (LwActionsPage *self,
                                           LwStore       *store);
void        lw_actions_page_reload        (LwActionsPage *self);

/* For tests: the items shown (filtered), filters, and marking in place. */
GListModel *_lw_actions_page_get_model    (LwActionsPage *self);
void        _lw_actions_page_set_filters  (LwActionsPage *self,
                                           const char    *owner,
                                           const char    *participant,
                                           gboolean       overdue);
gboolean    _lw_actions_page_mark         (LwActionsPage *self,
                                           LwId           action_id,
                                           int            status);
/* Opens the form on the item (text, owner, due date), as its Edit button does. */
gboolean    _lw_actions_page_edit         (LwActionsPage *self,
                                           LwId           action_id);
LwRecordEditor *_lw_actions_page_get_editor (LwActionsPage *self);
LwId        _lw_open_action_get_id       (gpointer       entry);
/* the text, or NULL when the viewer may not see it */
const char *_lw_open_action_get_text     (gpointer       entry);

G_END_DECLS
