/* lw-model.h: the domain of a LEAD Operational Workgroup
 *
 * Plain records described by LwTableInfo (see lw-store.h).  The comment after each
 * field names its need-to-know category; fields without one are structural and
 * stored in the clear.  Create, read and update go through lw_store_insert(),
 * lw_store_get(), lw_store_list() and lw_store_update().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lw-store.h"
#include "lw-types.h"

G_BEGIN_DECLS

/* A workgroup member. */
typedef struct
{
  LW_RECORD_HEADER;
  char     *name;
  char     *agency;
  LwRole    role;
  gboolean  active;
} LwPerson;

typedef struct
{
  LW_RECORD_HEADER;
  char      *code;             /* what the room may always see, e.g. "P-0142" */
  char      *legal_name;       /* identity */
  char      *preferred_name;   /* identity */
  char      *aliases;          /* identity */
  char      *date_of_birth;    /* identity */
  int        referral_route;   /* status, LwReferralRoute */
  char      *referral_date;    /* status */
  char      *referrer;         /* status */
  int        status;           /* status, LwParticipantStatus */
  char      *status_changed;   /* status: date of the last status change */
  char      *exit_reason;      /* status: why they left, when exited */
  LwId       case_manager_id;  /* status */
  LwId       peer_worker_id;   /* status */
  char      *last_contact;     /* status */
  gboolean   flagged;          /* status: flagged by staff for the next meeting */
  int        housing_status;   /* housing, LwHousingStatus */
  char      *housing_notes;    /* housing */
  char      *health_notes;     /* health */
  char      *substance_use;    /* substance_use */
  char      *address;          /* location */
  char      *neighbourhood;    /* location */
} LwParticipant;

typedef struct
{
  LW_RECORD_HEADER;
  LwId   participant_id;
  int    domain;             /* plan, LwGoalDomain */
  char  *text;               /* plan */
  int    status;             /* plan, LwGoalStatus */
  char  *target_date;        /* plan */
  int    concerns;           /* plan: LwConcerns, -1 when unmarked (see lw_model_text_category()) */
} LwPlanGoal;

typedef struct
{
  LW_RECORD_HEADER;
  LwId   participant_id;
  char  *date;               /* care_notes */
  int    kind;               /* care_notes, LwContactKind */
  LwId   staff_id;           /* care_notes */
  char  *note;               /* care_notes */
  int    concerns;           /* care_notes: LwConcerns, -1 when unmarked */
} LwContact;

typedef struct
{
  LW_RECORD_HEADER;
  LwId      participant_id;
  char     *case_number;     /* legal */
  char     *court;           /* legal */
  char     *charge;          /* legal */
  char     *filed_date;      /* legal */
  gboolean  before_referral; /* legal */
  int       status;          /* legal, LwMatterStatus */
  char     *next_court_date; /* legal */
} LwLegalMatter;

typedef struct
{
  LW_RECORD_HEADER;
  LwId   legal_matter_id;
  int    position;           /* prosecution, LwProsecutionPosition */
  char  *text;               /* prosecution */
  LwId   author_id;          /* prosecution */
  char  *date;               /* prosecution */
} LwProsecutionNote;

/* A release of information (ROI).  Recipient is a role, an agency, or both. */
typedef struct
{
  LW_RECORD_HEADER;
  LwId     participant_id;
  int      recipient_role;   /* care_notes: LwRole, or -1 for "any role of the agency" */
  char    *recipient_agency; /* care_notes */
  gint64   categories;       /* care_notes: bit per LwCategory released */
  char    *signed_date;      /* care_notes */
  char    *expires;          /* care_notes */
  char    *revoked;          /* care_notes */
} LwConsent;

typedef struct
{
  LW_RECORD_HEADER;
  char   *date;
  char   *start_time;          /* "HH:MM" */
  gint64  length_minutes;
  char   *place;
  int     status;              /* LwMeetingStatus */
  gint64  started_at;
  gint64  ended_at;
} LwMeeting;

typedef struct
{
  LW_RECORD_HEADER;
  LwId      meeting_id;
  LwId      person_id;         /* 0 for a guest */
  char     *guest_name;
  char     *guest_agency;
  LwRole    role;
  gboolean  absent;
  gint64    checked_in_at;
  gint64    confidentiality_at;
} LwAttendance;

typedef struct
{
  LW_RECORD_HEADER;
  LwId    meeting_id;
  gint64  position;
  int     kind;                /* LwAgendaItemKind */
  LwId    participant_id;
  LwId    concern_id;
  char   *title;               /* plan: a topic item's title */
  char   *reasons;             /* status: reason codes, comma separated */
  gint64  time_budget;         /* seconds */
  gint64  started_at;
  gint64  ended_at;
  char   *notes;               /* care_notes: discussion notes */
  char   *outcome;             /* care_notes */
  int     concerns;            /* care_notes: LwConcerns of title, notes and outcome, -1 when unmarked */
} LwAgendaItem;

typedef struct
{
  LW_RECORD_HEADER;
  char   *text;                /* plan */
  LwId    owner_id;
  char   *due_date;
  LwId    participant_id;
  LwId    meeting_id;
  LwId    agenda_item_id;
  int     status;              /* LwActionStatus */
  gint64  carried_over;
  gint64  created_at;
  gint64  closed_at;
  int     concerns;            /* plan: LwConcerns, -1 when unmarked */
} LwActionItem;

typedef struct
{
  LW_RECORD_HEADER;
  char   *reported_by;         /* location */
  char   *date;
  char   *area;                /* location */
  char   *text;                /* location */
  char   *planned_response;    /* location */
  int     status;              /* LwConcernStatus */
  LwId    participant_id;
  char   *response;            /* location: what was done */
  int     response_kind;       /* location: LwResponseKind, -1 when not said;
                                * the summary a report back may give */
  char   *responded_date;      /* when the response was recorded */
  char   *closed_date;         /* when it was closed */
} LwCommunityConcern;

typedef struct
{
  LW_RECORD_HEADER;
  char     *date;
  LwId      officer_id;
  char     *incident_number;   /* legal */
  gboolean  eligible;          /* legal */
  gboolean  diverted;          /* legal */
  char     *reason;            /* legal: why not, when not diverted */
  LwId      participant_id;
} LwDiversionDecision;

/* The history of a participant's program status and housing, kept by the core
 * whenever a participant is written (lw-history.c), for the reports: a status
 * over time, the days from referral to intake, the housing at entry. */
typedef struct
{
  LW_RECORD_HEADER;
  LwId   participant_id;
  int    status;             /* status, LwParticipantStatus */
  char  *date;               /* status: the day it began */
} LwStatusChange;

typedef struct
{
  LW_RECORD_HEADER;
  LwId   participant_id;
  int    housing_status;     /* housing, LwHousingStatus */
  char  *date;               /* housing: the day it was recorded */
} LwHousingChange;

extern const LwTableInfo lw_person_table;
extern const LwTableInfo lw_participant_table;
extern const LwTableInfo lw_plan_goal_table;
extern const LwTableInfo lw_contact_table;
extern const LwTableInfo lw_legal_matter_table;
extern const LwTableInfo lw_prosecution_note_table;
extern const LwTableInfo lw_consent_table;
extern const LwTableInfo lw_meeting_table;
extern const LwTableInfo lw_attendance_table;
extern const LwTableInfo lw_agenda_item_table;
extern const LwTableInfo lw_action_item_table;
extern const LwTableInfo lw_community_concern_table;
extern const LwTableInfo lw_diversion_decision_table;
extern const LwTableInfo lw_status_change_table;
extern const LwTableInfo lw_housing_change_table;

#define lw_person_new()              ((LwPerson *) lw_record_new (&lw_person_table))
#define lw_participant_new()         ((LwParticipant *) lw_record_new (&lw_participant_table))
#define lw_plan_goal_new()           ((LwPlanGoal *) lw_record_new (&lw_plan_goal_table))
#define lw_contact_new()             ((LwContact *) lw_record_new (&lw_contact_table))
#define lw_legal_matter_new()        ((LwLegalMatter *) lw_record_new (&lw_legal_matter_table))
#define lw_prosecution_note_new()    ((LwProsecutionNote *) lw_record_new (&lw_prosecution_note_table))
#define lw_consent_new()             ((LwConsent *) lw_record_new (&lw_consent_table))
#define lw_meeting_new()             ((LwMeeting *) lw_record_new (&lw_meeting_table))
#define lw_attendance_new()          ((LwAttendance *) lw_record_new (&lw_attendance_table))
#define lw_agenda_item_new()         ((LwAgendaItem *) lw_record_new (&lw_agenda_item_table))
#define lw_action_item_new()         ((LwActionItem *) lw_record_new (&lw_action_item_table))
#define lw_community_concern_new()   ((LwCommunityConcern *) lw_record_new (&lw_community_concern_table))
#define lw_diversion_decision_new()  ((LwDiversionDecision *) lw_record_new (&lw_diversion_decision_table))
#define lw_status_change_new()       ((LwStatusChange *) lw_record_new (&lw_status_change_table))
#define lw_housing_change_new()      ((LwHousingChange *) lw_record_new (&lw_housing_change_table))

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwPerson, lw_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwParticipant, lw_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwPlanGoal, lw_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwContact, lw_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwLegalMatter, lw_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwProsecutionNote, lw_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwConsent, lw_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwMeeting, lw_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwAttendance, lw_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwAgendaItem, lw_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwActionItem, lw_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwCommunityConcern, lw_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwDiversionDecision, lw_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwStatusChange, lw_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwHousingChange, lw_record_free)

/* Convenience lookups. */
LwParticipant *lw_participant_find_by_code (LwStore    *store,
                                            const char *code,
                                            GError    **error);
/* The category the free text of a plan goal, action item, contact or agenda
 * item is shown and exported under: what it may contain, not where it sits.  A
 * goal in the treatment domain is substance_use and one in the health domain
 * health; otherwise a record marked as concerning treatment is substance_use,
 * one marked as concerning health is health, and an unmarked one keeps its
 * column's category (plan for goals and action items, care_notes for contacts
 * and discussion notes).  A marker that failed to open counts as treatment. */
LwCategory     lw_model_text_category     (gconstpointer      record);
/* The same for text whose column is of category base: a topic's title (plan)
 * and its notes (care_notes) follow the agenda item's one marker. */
LwCategory     lw_model_category_of       (gconstpointer      record,
                                           LwCategory         base);
/* The marker a new record in a goal domain starts with. */
LwConcerns     lw_model_concerns_for_domain (int              domain);

/* The participant's consents, plan goals, ... (record arrays, owned). */
GPtrArray     *lw_model_list_for          (LwStore           *store,
                                           const LwTableInfo *table,
                                           LwId               participant_id,
                                           GError           **error);

G_END_DECLS
