/* lw-types.h: roles, field categories, levels and the enumerations of the domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef gint64 LwId;

/* Roles of workgroup members.  The order is stable: it is stored. */
typedef enum
{
  LW_ROLE_PROJECT_MANAGER,
  LW_ROLE_CASE_MANAGER,
  LW_ROLE_PEER_OUTREACH,
  LW_ROLE_SERVICE_PROVIDER,
  LW_ROLE_POLICE_OFFICER,
  LW_ROLE_POLICE_SERGEANT,
  LW_ROLE_PROSECUTOR,
  LW_ROLE_PUBLIC_DEFENDER,
  LW_ROLE_COMMUNITY_REPRESENTATIVE,
  LW_ROLE_EVALUATOR,
  LW_N_ROLES
} LwRole;

/* Field categories of DESIGN.md's need-to-know table.  LW_CATEGORY_NONE marks
 * structural fields (ids, participant codes, meeting dates) that are not sensitive
 * and are stored in the clear; every other category is sealed at rest. */
typedef enum
{
  LW_CATEGORY_NONE = -1,
  LW_CATEGORY_IDENTITY = 0,
  LW_CATEGORY_STATUS,
  LW_CATEGORY_PLAN,
  LW_CATEGORY_HOUSING,
  LW_CATEGORY_HEALTH,
  LW_CATEGORY_SUBSTANCE_USE,
  LW_CATEGORY_LEGAL,
  LW_CATEGORY_PROSECUTION,
  LW_CATEGORY_CARE_NOTES,
  LW_CATEGORY_LOCATION,
  LW_N_CATEGORIES
} LwCategory;

typedef enum
{
  LW_REFERRAL_ARREST_DIVERSION,
  LW_REFERRAL_SOCIAL_CONTACT,
  LW_REFERRAL_COMMUNITY,
  LW_N_REFERRALS
} LwReferralRoute;

typedef enum
{
  LW_STATUS_REFERRED,
  LW_STATUS_INTAKE_SCHEDULED,
  LW_STATUS_ACTIVE,
  LW_STATUS_INACTIVE,
  LW_STATUS_EXITED,
  LW_N_STATUSES
} LwParticipantStatus;

typedef enum
{
  LW_HOUSING_UNSHELTERED,
  LW_HOUSING_SHELTER,
  LW_HOUSING_TRANSITIONAL,
  LW_HOUSING_PERMANENT,
  LW_HOUSING_UNKNOWN,
  LW_N_HOUSING
} LwHousingStatus;

typedef enum
{
  LW_DOMAIN_HOUSING,
  LW_DOMAIN_TREATMENT,
  LW_DOMAIN_ID,
  LW_DOMAIN_BENEFITS,
  LW_DOMAIN_EMPLOYMENT,
  LW_DOMAIN_EDUCATION,
  LW_DOMAIN_LEGAL,
  LW_DOMAIN_HEALTH,
  LW_DOMAIN_FAMILY,
  LW_N_DOMAINS
} LwGoalDomain;

typedef enum
{
  LW_GOAL_NOT_STARTED,
  LW_GOAL_IN_PROGRESS,
  LW_GOAL_MET,
  LW_GOAL_DROPPED,
  LW_N_GOAL_STATUSES
} LwGoalStatus;

typedef enum
{
  LW_CONTACT_IN_PERSON,
  LW_CONTACT_PHONE,
  LW_CONTACT_OUTREACH,
  LW_CONTACT_ATTEMPTED,
  LW_N_CONTACT_KINDS
} LwContactKind;

typedef enum
{
  LW_MATTER_PENDING,
  LW_MATTER_DISMISSED,
  LW_MATTER_DEFERRED,
  LW_MATTER_CONVICTED,
  LW_MATTER_CLOSED,
  LW_N_MATTER_STATUSES
} LwMatterStatus;

typedef enum
{
  LW_POSITION_HOLD,
  LW_POSITION_DECLINE,
  LW_POSITION_DISMISS,
  LW_POSITION_DEFER,
  LW_POSITION_PROCEED,
  LW_N_POSITIONS
} LwProsecutionPosition;

typedef enum
{
  LW_MEETING_DRAFT,
  LW_MEETING_READY,
  LW_MEETING_IN_PROGRESS,
  LW_MEETING_CLOSED,
  LW_N_MEETING_STATUSES
} LwMeetingStatus;

typedef enum
{
  LW_ITEM_PARTICIPANT,
  LW_ITEM_TOPIC,
  LW_ITEM_CONCERN,
  LW_N_ITEM_KINDS
} LwAgendaItemKind;

typedef enum
{
  LW_ACTION_OPEN,
  LW_ACTION_DONE,
  LW_ACTION_DROPPED,
  LW_N_ACTION_STATUSES
} LwActionStatus;

/* A community concern moves open → responded → closed (stored as a number:
 * the order is stable). */
typedef enum
{
  LW_CONCERN_OPEN,
  LW_CONCERN_RESPONDED,
  LW_CONCERN_CLOSED,
  LW_N_CONCERN_STATUSES
} LwConcernStatus;

/* What was done about a community concern, in words that carry no free text:
 * what a report back to the neighbourhood may say at the location summary. */
typedef enum
{
  LW_RESPONSE_OUTREACH,
  LW_RESPONSE_SERVICES,
  LW_RESPONSE_SITE,
  LW_RESPONSE_POLICE,
  LW_RESPONSE_INFORMATION,
  LW_RESPONSE_REFERRED,
  LW_RESPONSE_OTHER,
  LW_N_RESPONSE_KINDS
} LwResponseKind;

/* What a piece of free text (a goal, an action item, a contact note, an agenda
 * item's title and notes) concerns, marked when it is entered: it is then
 * sealed, shown and exported under that category (health or substance use)
 * rather than where it sits. */
typedef enum
{
  LW_CONCERNS_NONE,
  LW_CONCERNS_HEALTH,
  LW_CONCERNS_TREATMENT,
  LW_N_CONCERNS
} LwConcerns;

/* Stable command-line and JSON names ("project-manager", "substance_use", ...);
 * lookups return -1 for an unknown name. */
const char *lw_role_to_string           (LwRole role);
int         lw_role_from_string         (const char *name);
const char *lw_role_to_label            (LwRole role);
/* The roles of a bitmask (bit 1 << LwRole), in role order, joined by
 * separator: their labels ("Police officer") or their names ("police-officer"). */
char       *lw_roles_join               (guint32     roles,
                                         const char *separator,
                                         gboolean    labels);
const char *lw_category_to_string       (LwCategory category);
int         lw_category_from_string     (const char *name);

/* Name tables of the other enumerations, for storage-independent text and CLI. */
typedef struct
{
  const char * const *names;   /* stable machine names */
  const char * const *labels;  /* translatable, human-readable */
  int n;
  const char *context;         /* msgctxt of the labels, or NULL */
} LwEnumInfo;

extern const LwEnumInfo lw_referral_route_info;
extern const LwEnumInfo lw_participant_status_info;
extern const LwEnumInfo lw_housing_status_info;
extern const LwEnumInfo lw_goal_domain_info;
extern const LwEnumInfo lw_goal_status_info;
extern const LwEnumInfo lw_contact_kind_info;
extern const LwEnumInfo lw_matter_status_info;
extern const LwEnumInfo lw_position_info;
extern const LwEnumInfo lw_meeting_status_info;
extern const LwEnumInfo lw_item_kind_info;
extern const LwEnumInfo lw_action_status_info;
extern const LwEnumInfo lw_concern_status_info;
extern const LwEnumInfo lw_response_kind_info;
extern const LwEnumInfo lw_role_info;
extern const LwEnumInfo lw_concerns_info;

const char *lw_enum_to_string   (const LwEnumInfo *info, int value);
const char *lw_enum_to_label    (const LwEnumInfo *info, int value);
int         lw_enum_from_string (const LwEnumInfo *info, const char *name);

/* Valid UTF-8 with no character that could forge a line or a screen where
 * the text is shown again: controls (newline, escape, DEL, C1), the line and
 * paragraph separators, bidirectional overrides and isolates. */
gboolean    lw_text_is_plain    (const char *text);

/* Dates are ISO 8601 calendar dates "YYYY-MM-DD"; NULL means "not set". */
gboolean    lw_date_is_valid    (const char *date);
char       *lw_date_today       (void);
char       *lw_date_add_days    (const char *date, int days);
int         lw_date_diff_days   (const char *from, const char *to);

G_END_DECLS
