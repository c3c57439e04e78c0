/* lw-participants-page.h: the participant list and the selected participant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lw/lw-store.h"

G_BEGIN_DECLS

#define LW_TYPE_PARTICIPANTS_PAGE (lw_participants_page_get_type ())

G_DECLARE_FINAL_TYPE (LwParticipantsPage, lw_participants_page, LW, PARTICIPANTS_PAGE, AdwBin)

/* store (unlocked) is borrowed for the life of the page; the list is built from
 * views made for the viewer role at once, and again when the role changes. */
void lw_participants_page_set_store (LwParticipantsPage *self,
                                     LwStore            *store);
/* Builds the list again (after a change elsewhere). */
void lw_participants_page_reload    (LwParticipantsPage *self);
/* With no participant yet: the keyboard goes to New Referral (TRUE). */
gboolean lw_participants_page_focus_empty_state (LwParticipantsPage *self);

G_END_DECLS
