/* lw-agenda-reasons.c: why an item is on the agenda: reason codes, their labels and who may see them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-agenda"

#include "config.h"

#include "lw-i18n-private.h"
#include <stdio.h>
#include <string.h>

#include "lw/lw-agenda.h"
#include "lw/lw-error.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw-agenda-private.h"

/* ----------------------------------------------------------------------------
 * Reasons
 */

/* What a reason is computed from: category at full, and also (when not
 * LW_CATEGORY_NONE) also_category at also_level or above. */
typedef struct
{
  const char *code;
  LwCategory  category;
  const char *label;
  LwCategory  also_category;
  LwLevel     also_level;
} ReasonInfo;

static const ReasonInfo reasons_info[LW_N_REASONS] = {
  [LW_REASON_NEW_REFERRAL]      = { "new-referral", LW_CATEGORY_STATUS, N_("New referral"), LW_CATEGORY_NONE, 0 },
  [LW_REASON_COURT_DATE_SOON]   = { "court-date-soon", LW_CATEGORY_LEGAL, N_("Court date soon"), LW_CATEGORY_NONE, 0 },
  [LW_REASON_ACTION_ITEMS_DUE]  = { "action-items-due", LW_CATEGORY_PLAN, N_("Action items due"), LW_CATEGORY_NONE, 0 },
  /* the last contact is also read from the contact log: the care-notes summary
   * carries that date, nothing more of the log */
  [LW_REASON_NO_CONTACT]        = { "no-contact-14-days", LW_CATEGORY_STATUS, N_("No contact for 14 days"),
                                    LW_CATEGORY_CARE_NOTES, LW_LEVEL_SUMMARY },
  [LW_REASON_STATUS_CHANGE]     = { "status-change", LW_CATEGORY_STATUS, N_("Status change"), LW_CATEGORY_NONE, 0 },
  [LW_REASON_COMMUNITY_CONCERN] = { "community-concern", LW_CATEGORY_LOCATION, N_("Community concern"), LW_CATEGORY_NONE, 0 },
  [LW_REASON_FLAGGED]           = { "flagged", LW_CATEGORY_STATUS, N_("Flagged by staff"), LW_CATEGORY_NONE, 0 },
  [LW_REASON_NOT_REACHED]       = { "not-reached", LW_CATEGORY_STATUS, N_("Not reached at the last meeting"), LW_CATEGORY_NONE, 0 },
  [LW_REASON_CONSENT_EXPIRING]  = { "consent-expiring", LW_CATEGORY_CARE_NOTES, N_("Release of information expires soon"), LW_CATEGORY_NONE, 0 },
  /* computed from the positions and from the court dates */
  [LW_REASON_POSITION_NEEDED]   = { "position-needed", LW_CATEGORY_PROSECUTION,
                                    N_("Court date before the next meeting, no position since the last"),
                                    LW_CATEGORY_LEGAL, LW_LEVEL_FULL },
};

gboolean
lw_agenda_reason_visible (const char    *code,
                          const LwLevel  levels[LW_N_CATEGORIES])
{
  int reason;

  g_return_val_if_fail (levels != NULL, FALSE);

  reason = lw_agenda_reason_from_string (code);
  /* an unknown code is shown as it is written: free text, the care team only */
  if (reason < 0)
    return levels[LW_CATEGORY_CARE_NOTES] == LW_LEVEL_FULL;
  if (levels[reasons_info[reason].category] != LW_LEVEL_FULL)
    return FALSE;
  if (reasons_info[reason].also_category != LW_CATEGORY_NONE &&
      levels[reasons_info[reason].also_category] < reasons_info[reason].also_level)
    return FALSE;
  return TRUE;
}

GPtrArray *
lw_agenda_reason_labels (const char    *reasons,
                         const LwLevel  levels[LW_N_CATEGORIES])
{
  g_auto(GStrv) codes = lw_agenda_reasons_split (reasons);
  GPtrArray *labels = g_ptr_array_new_with_free_func (g_free);
  gboolean hidden = FALSE;

  g_return_val_if_fail (levels != NULL, labels);

  for (guint i = 0; codes[i] != NULL; i++)
    {
      if (!lw_agenda_reason_visible (codes[i], levels))
        hidden = TRUE;
      else
        g_ptr_array_add (labels, g_strdup (lw_agenda_reason_label (codes[i])));
    }
  /* that there is a reason is no secret: which one is */
  if (hidden)
    g_ptr_array_add (labels, g_strdup (lw_agenda_reason_label (LW_AGENDA_REVIEW_DUE)));
  return labels;
}

const char *
lw_agenda_reason_to_string (LwAgendaReason reason)
{
  g_return_val_if_fail (reason < LW_N_REASONS, NULL);

  return reasons_info[reason].code;
}

int
lw_agenda_reason_from_string (const char *code)
{
  if (code == NULL)
    return -1;
  for (int i = 0; i < LW_N_REASONS; i++)
    if (g_ascii_strcasecmp (reasons_info[i].code, code) == 0)
      return i;
  return -1;
}

LwCategory
lw_agenda_reason_category (const char *code)
{
  int reason = lw_agenda_reason_from_string (code);

  /* unknown: the care team only */
  return reason < 0 ? LW_CATEGORY_CARE_NOTES : reasons_info[reason].category;
}

const char *
lw_agenda_reason_label (const char *code)
{
  int reason;

  g_return_val_if_fail (code != NULL, NULL);

  if (g_strcmp0 (code, LW_AGENDA_REVIEW_DUE) == 0)
    return _("Review due");
  reason = lw_agenda_reason_from_string (code);
  return reason < 0 ? code : _(reasons_info[reason].label);
}

char *
lw_agenda_topic_title (const LwAgendaItem *item,
                       const LwLevel       levels[LW_N_CATEGORIES])
{
  g_return_val_if_fail (item != NULL, NULL);
  g_return_val_if_fail (levels != NULL, NULL);

  if (item->title != NULL && item->title[0] != '\0' &&
      lw_policy_text_visible (lw_model_category_of (item, LW_CATEGORY_PLAN), LW_CATEGORY_PLAN, levels))
    return g_strdup (item->title);
  return g_strdup (_("Topic"));
}

char **
lw_agenda_reasons_split (const char *reasons)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  if (reasons == NULL)
    return g_strv_builder_end (builder);
  parts = g_strsplit (reasons, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

char *
lw_agenda_reasons_to_string (guint reasons)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < LW_N_REASONS; i++)
    if (reasons & (1u << i))
      {
        if (s->len > 0)
          g_string_append_c (s, ',');
        g_string_append (s, reasons_info[i].code);
      }
  return g_string_free (s, s->len == 0);
}
