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
/* For tests: the number of concerns listed; sets one's status as Close and
 * Reopen do; the Report Back period; what Save does once a file is chosen. */
guint    _lw_community_page_get_n_rows (LwCommunityPage *self);
gboolean _lw_community_page_set_status (LwCommunityPage *self,
                                        LwId             concern_id,
                                        int              status);
GtkEditable *_lw_community_page_get_report_from (LwCommunityPage *self);
GtkEditable *_lw_community_page_get_report_to   (LwCommunityPage *self);
gboolean _lw_community_page_save_report_back    (LwCommunityPage  *self,
                                                 const char       *path,
                                                 GError          **error);
/* The record form of the page (Record a Concern, Respond). */
GtkWidget *_lw_community_page_get_editor_widget (LwCommunityPage *self);

G_END_DECLS
