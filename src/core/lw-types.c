/* lw-types.c: names of roles, categories and enumerations; calendar dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-types"

#include "config.h"

#include "lw-i18n-private.h"
#include <stdio.h>
#include <string.h>

#include "lw/lw-error.h"
#include "lw/lw-types.h"

G_DEFINE_QUARK (lw-error-quark, lw_error)

#define ENUM_INFO(var, names_, labels_) \
  G_STATIC_ASSERT (G_N_ELEMENTS (names_) == G_N_ELEMENTS (labels_)); \
  const LwEnumInfo var = { names_, labels_, G_N_ELEMENTS (names_), NULL }
/* labels_ marked with NC_ (context, ...): words another language tells apart */
#define ENUM_INFO_CONTEXT(var, names_, labels_, context) \
  G_STATIC_ASSERT (G_N_ELEMENTS (names_) == G_N_ELEMENTS (labels_)); \
  const LwEnumInfo var = { names_, labels_, G_N_ELEMENTS (names_), context }

static const char * const role_names[] = {
  "project-manager", "case-manager", "peer-outreach", "service-provider",
  "police-officer", "police-sergeant", "prosecutor", "public-defender",
  "community-representative", "evaluator",
};
static const char * const role_labels[] = {
  N_("Project manager"), N_("Case manager"), N_("Peer outreach worker"),
  N_("Service provider"), N_("Police officer"), N_("Police sergeant"),
  N_("Prosecutor"), N_("Public defender"), N_("Community representative"),
  N_("Evaluator"),
};
G_STATIC_ASSERT (G_N_ELEMENTS (role_names) == LW_N_ROLES);
ENUM_INFO (lw_role_info, role_names, role_labels);

static const char * const category_names[] = {
  "identity", "status", "plan", "housing", "health", "substance_use", "legal",
  "prosecution", "care_notes", "location",
};
G_STATIC_ASSERT (G_N_ELEMENTS (category_names) == LW_N_CATEGORIES);

static const char * const referral_names[] = { "arrest-diversion", "social-contact", "community-referral" };
static const char * const referral_labels[] = { N_("Arrest diversion"), N_("Social contact"), N_("Community referral") };
ENUM_INFO (lw_referral_route_info, referral_names, referral_labels);

static const char * const pstatus_names[] = { "referred", "intake-scheduled", "active", "inactive", "exited" };
static const char * const pstatus_labels[] = { N_("Referred"), N_("Intake scheduled"), N_("Active"), N_("Inactive"), N_("Exited") };
ENUM_INFO (lw_participant_status_info, pstatus_names, pstatus_labels);

static const char * const housing_names[] = { "unsheltered", "shelter", "transitional", "permanent", "unknown" };
static const char * const housing_labels[] = { N_("Unsheltered"), N_("Shelter"), N_("Transitional housing"), N_("Permanent housing"), N_("Unknown") };
ENUM_INFO (lw_housing_status_info, housing_names, housing_labels);

static const char * const domain_names[] = { "housing", "treatment", "id", "benefits", "employment", "education", "legal", "health", "family" };
static const char * const domain_labels[] = { N_("Housing"), N_("Treatment"), N_("Identification"), N_("Benefits"), N_("Employment"), N_("Education"), N_("Legal"), N_("Health"), N_("Family") };
ENUM_INFO (lw_goal_domain_info, domain_names, domain_labels);

static const char * const goal_names[] = { "not-started", "in-progress", "met", "dropped" };
static const char * const goal_labels[] = { N_("Not started"), N_("In progress"), N_("Met"), N_("Dropped") };
ENUM_INFO (lw_goal_status_info, goal_names, goal_labels);

static const char * const contact_names[] = { "in-person", "phone", "outreach", "attempted" };
static const char * const contact_labels[] = { N_("In person"), N_("Phone"), N_("Street outreach"), N_("Attempted") };
ENUM_INFO (lw_contact_kind_info, contact_names, contact_labels);

static const char * const matter_names[] = { "pending", "dismissed", "deferred", "convicted", "closed" };
static const char * const matter_labels[] = { N_("Pending"), N_("Dismissed"), N_("Deferred"), N_("Convicted"), N_("Closed") };
ENUM_INFO (lw_matter_status_info, matter_names, matter_labels);

static const char * const position_names[] = { "hold", "decline", "dismiss", "defer", "proceed" };
static const char * const position_labels[] = { N_("Hold"), N_("Decline"), N_("Dismiss"), N_("Defer"), N_("Proceed") };
ENUM_INFO (lw_position_info, position_names, position_labels);

static const char * const meeting_names[] = { "draft", "ready", "in-progress", "closed" };
static const char * const meeting_labels[] = { N_("Draft"), N_("Ready"), N_("In progress"), N_("Closed") };
ENUM_INFO (lw_meeting_status_info, meeting_names, meeting_labels);

static const char * const item_names[] = { "participant", "topic", "concern" };
static const char * const item_labels[] = { N_("Participant"), N_("Topic"), N_("Community concern") };
ENUM_INFO (lw_item_kind_info, item_names, item_labels);

static const char * const action_names[] = { "open", "done", "dropped" };
static const char * const action_labels[] = {
  NC_("action item status", "Open"), NC_("action item status", "Done"), NC_("action item status", "Dropped"),
};
ENUM_INFO_CONTEXT (lw_action_status_info, action_names, action_labels, "action item status");

static const char * const concern_names[] = { "open", "responded", "closed" };
static const char * const concern_labels[] = {
  NC_("community concern status", "Open"), NC_("community concern status", "Responded"),
  NC_("community concern status", "Closed"),
};
ENUM_INFO_CONTEXT (lw_concern_status_info, concern_names, concern_labels, "community concern status");

static const char * const response_kind_names[] = {
  "outreach", "services", "site", "police", "information", "referred", "other",
};
static const char * const response_kind_labels[] = {
  N_("Outreach in the area"), N_("People connected with services"), N_("Site cleaned up or repaired"),
  N_("Police follow-up"), N_("Information shared with those who raised it"),
  N_("Referred to another agency"), N_("Other response"),
};
ENUM_INFO (lw_response_kind_info, response_kind_names, response_kind_labels);

static const char * const concerns_names[] = { "none", "health", "treatment" };
static const char * const concerns_labels[] = { N_("Nothing sensitive"), N_("Health"), N_("Substance-use treatment") };
ENUM_INFO (lw_concerns_info, concerns_names, concerns_labels);

const char *
lw_enum_to_string (const LwEnumInfo *info,
                   int               value)
{
  g_return_val_if_fail (info != NULL, NULL);

  if (value < 0 || value >= info->n)
    return NULL;
  return info->names[value];
}

const char *
lw_enum_to_label (const LwEnumInfo *info,
                  int               value)
{
  g_return_val_if_fail (info != NULL, NULL);

  if (value < 0 || value >= info->n)
    return NULL;
  if (info->context != NULL)
    return g_dpgettext2 (NULL, info->context, info->labels[value]);
  return _(info->labels[value]);
}

int
lw_enum_from_string (const LwEnumInfo *info,
                     const char       *name)
{
  g_return_val_if_fail (info != NULL, -1);

  if (name == NULL)
    return -1;
  for (int i = 0; i < info->n; i++)
    if (g_ascii_strcasecmp (info->names[i], name) == 0)
      return i;
  return -1;
}

const char *
lw_role_to_string (LwRole role)
{
  return lw_enum_to_string (&lw_role_info, role);
}

const char *
lw_role_to_label (LwRole role)
{
  return lw_enum_to_label (&lw_role_info, role);
}

int
lw_role_from_string (const char *name)
{
  return lw_enum_from_string (&lw_role_info, name);
}

char *
lw_roles_join (guint32     roles,
               const char *separator,
               gboolean    labels)
{
  GString *s = g_string_new (NULL);

  for (int r = 0; r < LW_N_ROLES; r++)
    if (roles & (1u << r))
      {
        if (s->len > 0)
          g_string_append (s, separator);
        g_string_append (s, labels ? lw_role_to_label (r) : lw_role_to_string (r));
      }
  return g_string_free (s, FALSE);
}

const char *
lw_category_to_string (LwCategory category)
{
  if (category < 0 || category >= LW_N_CATEGORIES)
    return NULL;
  return category_names[category];
}

int
lw_category_from_string (const char *name)
{
  if (name == NULL)
    return -1;
  for (int i = 0; i < LW_N_CATEGORIES; i++)
    if (g_ascii_strcasecmp (category_names[i], name) == 0)
      return i;
  /* accept the dashed spelling used elsewhere on the command line */
  if (g_ascii_strcasecmp (name, "substance-use") == 0)
    return LW_CATEGORY_SUBSTANCE_USE;
  if (g_ascii_strcasecmp (name, "care-notes") == 0)
    return LW_CATEGORY_CARE_NOTES;
  return -1;
}

static GDate *
parse_date (const char *date)
{
  int y, m, d;
  char rest;

  if (date == NULL || strlen (date) != 10)
    return NULL;
  if (sscanf (date, "%4d-%2d-%2d%c", &y, &m, &d, &rest) != 3)
    return NULL;
  if (date[4] != '-' || date[7] != '-')
    return NULL;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (date[i]))
      return NULL;
  /* every date a four-digit year can write is a date (GDate counts from year 1) */
  if (y < 1 || !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_date_new_dmy (d, m, y);
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d",
                          g_date_get_year (date),
                          g_date_get_month (date),
                          g_date_get_day (date));
}

gboolean
lw_date_is_valid (const char *date)
{
  GDate *parsed = parse_date (date);
  gboolean valid = parsed != NULL;

  if (parsed)
    g_date_free (parsed);
  return valid;
}

/* Characters that could forge a line or a screen where text is shown again
 * (the audit list, a terminal): C0 and C1 controls (newline, escape…), DEL,
 * the line and paragraph separators, bidirectional embeddings, overrides and
 * isolates. */
static gboolean
is_forging_char (gunichar c)
{
  return g_unichar_iscntrl (c) ||
         c == 0x2028 || c == 0x2029 ||
         (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

gboolean
lw_text_is_plain (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (is_forging_char (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

char *
lw_date_today (void)
{
  g_autoptr(GDateTime) now = NULL;
#ifdef LW_TEST_SWITCHES
  const char *fixed = g_getenv ("LEAD_WORKGROUP_TODAY");

  /* a fixed "today" keeps the tests reproducible; only in a test build, since
   * it would revive an expired or revoked consent */
  if (fixed != NULL && lw_date_is_valid (fixed))
    return g_strdup (fixed);
#endif
  now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

char *
lw_date_add_days (const char *date,
                  int         days)
{
  GDate *parsed = parse_date (date);
  char *ret;

  if (parsed == NULL)
    return NULL;
  {
    /* kept within 0001-01-01 .. 9999-12-31, so the result is a date again */
    gint64 julian = (gint64) g_date_get_julian (parsed) + days;
    GDate last;

    g_date_clear (&last, 1);
    g_date_set_dmy (&last, 31, 12, 9999);
    julian = CLAMP (julian, 1, (gint64) g_date_get_julian (&last));
    g_date_set_julian (parsed, (guint32) julian);
  }
  ret = format_date (parsed);
  g_date_free (parsed);
  return ret;
}

int
lw_date_diff_days (const char *from,
                   const char *to)
{
  GDate *a = parse_date (from);
  GDate *b = parse_date (to);
  int ret = 0;

  if (a && b)
    ret = g_date_days_between (a, b);
  if (a)
    g_date_free (a);
  if (b)
    g_date_free (b);
  return ret;
}
