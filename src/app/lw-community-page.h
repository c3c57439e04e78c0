/* lw-community-page.h: community concerns and the planned responses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lw/lw-store.h"

G_BEGIN_DECLS

#define LW_TYPE_COMMUNITY_PAGE (lw_community_page_get_type ())

G_DECLARE_FINAL_TYPE (LwCommunityPage, lw_community_page, LW, COMMUNITY_PAGE, AdwBin)

/* store (unlocked) is borrowed for the life of the page */
void     lw_community_page_set_store   (LwCommunityPage *self,
                                        LwStore         *store);
void     lw_community_page_reload      (LwCommunityPage *self);
/* For tests: the number of concerns listed; sets one's status as the combo does. */
guint    _lw_community_page_get_n_rows (LwCommunityPage *self);
gboolean _lw_community_page_set_status (LwCommunityPage *self,
                                        LwId             concern_id,
                                        int              status);

G_END_DECLS
