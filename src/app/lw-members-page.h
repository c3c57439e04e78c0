/* lw-members-page.h: the workgroup's members, added, edited and deactivated in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lw/lw-store.h"

#include "lw-record-editor.h"

G_BEGIN_DECLS

#define LW_TYPE_MEMBERS_PAGE (lw_members_page_get_type ())

G_DECLARE_FINAL_TYPE (LwMembersPage, lw_members_page, LW, MEMBERS_PAGE, AdwBin)

/* store (unlocked) is borrowed for the life of the page. */
void            lw_members_page_set_store  (LwMembersPage *self,
                                            LwStore       *store);
void            lw_members_page_reload     (LwMembersPage *self);
/* For tests: the form, open or not. */
LwRecordEditor *lw_members_page_get_editor (LwMembersPage *self);

G_END_DECLS
