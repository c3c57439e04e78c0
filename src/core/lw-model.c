/* lw-model.c: the tables of the domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-model"

#include "config.h"

#include "lw-i18n-private.h"
#include <stddef.h>

#include "lw/lw-error.h"
#include "lw/lw-model.h"

#define COL(T, f, type_, cat, flags_, label_) \
  { #f, type_, cat, offsetof (T, f), flags_, NULL, NULL, label_ }
#define ENUM(T, f, cat, info, label_) \
  { #f, LW_COLUMN_ENUM, cat, offsetof (T, f), LW_COLUMN_REQUIRED, &info, NULL, label_ }
#define OPT_ENUM(T, f, cat, info, label_) \
  { #f, LW_COLUMN_ENUM, cat, offsetof (T, f), 0, &info, NULL, label_ }
#define REF(T, f, cat, table_, flags_, label_) \
  { #f, LW_COLUMN_REF, cat, offsetof (T, f), flags_, NULL, table_, label_ }
#define TABLE(var, name_, label_, T, cols) \
  const LwTableInfo var = { name_, label_, sizeof (T), cols, G_N_ELEMENTS (cols) }

#define NONE LW_CATEGORY_NONE
#define REQ LW_COLUMN_REQUIRED
#define DERIVED LW_COLUMN_DERIVED
#define PARENT LW_COLUMN_PARENT

static const LwColumnInfo person_columns[] = {
  COL (LwPerson, name, LW_COLUMN_TEXT, NONE, REQ, N_("Name")),
  COL (LwPerson, agency, LW_COLUMN_TEXT, NONE, 0, N_("Agency")),
  ENUM (LwPerson, role, NONE, lw_role_info, N_("Role")),
  COL (LwPerson, active, LW_COLUMN_BOOL, NONE, 0, N_("Active")),
};
TABLE (lw_person_table, "person", N_("Person"), LwPerson, person_columns);

static const LwColumnInfo participant_columns[] = {
  COL (LwParticipant, code, LW_COLUMN_TEXT, NONE, REQ | LW_COLUMN_UNIQUE, N_("Code")),
  COL (LwParticipant, legal_name, LW_COLUMN_TEXT, LW_CATEGORY_IDENTITY, REQ, N_("Legal name")),
  COL (LwParticipant, preferred_name, LW_COLUMN_TEXT, LW_CATEGORY_IDENTITY, 0, N_("Preferred name")),
  COL (LwParticipant, aliases, LW_COLUMN_TEXT, LW_CATEGORY_IDENTITY, 0, N_("Aliases")),
  COL (LwParticipant, date_of_birth, LW_COLUMN_DATE, LW_CATEGORY_IDENTITY, 0, N_("Date of birth")),
  ENUM (LwParticipant, referral_route, LW_CATEGORY_STATUS, lw_referral_route_info, N_("Referral route")),
  COL (LwParticipant, referral_date, LW_COLUMN_DATE, LW_CATEGORY_STATUS, 0, N_("Referral date")),
  COL (LwParticipant, referrer, LW_COLUMN_TEXT, LW_CATEGORY_STATUS, 0, N_("Referred by")),
  ENUM (LwParticipant, status, LW_CATEGORY_STATUS, lw_participant_status_info, N_("Status")),
  COL (LwParticipant, status_changed, LW_COLUMN_DATE, LW_CATEGORY_STATUS, DERIVED, N_("Status changed")),
  COL (LwParticipant, exit_reason, LW_COLUMN_TEXT, LW_CATEGORY_STATUS, 0, N_("Exit reason")),
  REF (LwParticipant, case_manager_id, LW_CATEGORY_STATUS, "person", 0, N_("Case manager")),
  REF (LwParticipant, peer_worker_id, LW_CATEGORY_STATUS, "person", 0, N_("Peer outreach worker")),
  COL (LwParticipant, last_contact, LW_COLUMN_DATE, LW_CATEGORY_STATUS, DERIVED, N_("Last contact")),
  COL (LwParticipant, flagged, LW_COLUMN_BOOL, LW_CATEGORY_STATUS, 0, N_("Flagged by staff")),
  ENUM (LwParticipant, housing_status, LW_CATEGORY_HOUSING, lw_housing_status_info, N_("Housing")),
  COL (LwParticipant, housing_notes, LW_COLUMN_TEXT, LW_CATEGORY_HOUSING, 0, N_("Housing notes")),
  COL (LwParticipant, health_notes, LW_COLUMN_TEXT, LW_CATEGORY_HEALTH, 0, N_("Health")),
  COL (LwParticipant, substance_use, LW_COLUMN_TEXT, LW_CATEGORY_SUBSTANCE_USE, 0, N_("Substance use")),
  COL (LwParticipant, address, LW_COLUMN_TEXT, LW_CATEGORY_LOCATION, 0, N_("Address")),
  COL (LwParticipant, neighbourhood, LW_COLUMN_TEXT, LW_CATEGORY_LOCATION, 0, N_("Neighbourhood")),
};
TABLE (lw_participant_table, "participant", N_("Participant"), LwParticipant, participant_columns);

static const LwColumnInfo plan_goal_columns[] = {
  REF (LwPlanGoal, participant_id, NONE, "participant", REQ | PARENT, N_("Participant")),
  ENUM (LwPlanGoal, domain, LW_CATEGORY_PLAN, lw_goal_domain_info, N_("Domain")),
  COL (LwPlanGoal, text, LW_COLUMN_TEXT, LW_CATEGORY_PLAN, REQ, N_("Goal")),
  ENUM (LwPlanGoal, status, LW_CATEGORY_PLAN, lw_goal_status_info, N_("Status")),
  COL (LwPlanGoal, target_date, LW_COLUMN_DATE, LW_CATEGORY_PLAN, 0, N_("Target date")),
  OPT_ENUM (LwPlanGoal, concerns, LW_CATEGORY_PLAN, lw_concerns_info, N_("Concerns")),
};
TABLE (lw_plan_goal_table, "plan_goal", N_("Plan goal"), LwPlanGoal, plan_goal_columns);

static const LwColumnInfo contact_columns[] = {
  REF (LwContact, participant_id, NONE, "participant", REQ | PARENT, N_("Participant")),
  COL (LwContact, date, LW_COLUMN_DATE, LW_CATEGORY_CARE_NOTES, REQ, N_("Date")),
  ENUM (LwContact, kind, LW_CATEGORY_CARE_NOTES, lw_contact_kind_info, N_("Kind")),
  REF (LwContact, staff_id, LW_CATEGORY_CARE_NOTES, "person", 0, N_("Staff")),
  COL (LwContact, note, LW_COLUMN_TEXT, LW_CATEGORY_CARE_NOTES, 0, N_("Note")),
  OPT_ENUM (LwContact, concerns, LW_CATEGORY_CARE_NOTES, lw_concerns_info, N_("Concerns")),
};
TABLE (lw_contact_table, "contact", N_("Contact"), LwContact, contact_columns);

static const LwColumnInfo legal_matter_columns[] = {
  REF (LwLegalMatter, participant_id, NONE, "participant", REQ | PARENT, N_("Participant")),
  COL (LwLegalMatter, case_number, LW_COLUMN_TEXT, LW_CATEGORY_LEGAL, REQ, N_("Case number")),
  COL (LwLegalMatter, court, LW_COLUMN_TEXT, LW_CATEGORY_LEGAL, 0, N_("Court")),
  COL (LwLegalMatter, charge, LW_COLUMN_TEXT, LW_CATEGORY_LEGAL, 0, N_("Charge")),
  COL (LwLegalMatter, filed_date, LW_COLUMN_DATE, LW_CATEGORY_LEGAL, 0, N_("Filed")),
  COL (LwLegalMatter, before_referral, LW_COLUMN_BOOL, LW_CATEGORY_LEGAL, 0, N_("Before referral")),
  ENUM (LwLegalMatter, status, LW_CATEGORY_LEGAL, lw_matter_status_info, N_("Status")),
  COL (LwLegalMatter, next_court_date, LW_COLUMN_DATE, LW_CATEGORY_LEGAL, 0, N_("Next court date")),
};
TABLE (lw_legal_matter_table, "legal_matter", N_("Legal matter"), LwLegalMatter, legal_matter_columns);

static const LwColumnInfo prosecution_note_columns[] = {
  REF (LwProsecutionNote, legal_matter_id, NONE, "legal_matter", REQ | PARENT, N_("Legal matter")),
  ENUM (LwProsecutionNote, position, LW_CATEGORY_PROSECUTION, lw_position_info, N_("Position")),
  COL (LwProsecutionNote, text, LW_COLUMN_TEXT, LW_CATEGORY_PROSECUTION, 0, N_("Note")),
  REF (LwProsecutionNote, author_id, LW_CATEGORY_PROSECUTION, "person", 0, N_("Author")),
  COL (LwProsecutionNote, date, LW_COLUMN_DATE, LW_CATEGORY_PROSECUTION, REQ, N_("Date")),
};
TABLE (lw_prosecution_note_table, "prosecution_note", N_("Prosecution note"), LwProsecutionNote, prosecution_note_columns);

static const LwColumnInfo consent_columns[] = {
  REF (LwConsent, participant_id, NONE, "participant", REQ | PARENT, N_("Participant")),
  OPT_ENUM (LwConsent, recipient_role, LW_CATEGORY_CARE_NOTES, lw_role_info, N_("Recipient role")),
  COL (LwConsent, recipient_agency, LW_COLUMN_TEXT, LW_CATEGORY_CARE_NOTES, 0, N_("Recipient agency")),
  COL (LwConsent, categories, LW_COLUMN_INT, LW_CATEGORY_CARE_NOTES, 0, N_("Categories released")),
  COL (LwConsent, signed_date, LW_COLUMN_DATE, LW_CATEGORY_CARE_NOTES, 0, N_("Signed")),
  COL (LwConsent, expires, LW_COLUMN_DATE, LW_CATEGORY_CARE_NOTES, 0, N_("Expires")),
  COL (LwConsent, revoked, LW_COLUMN_DATE, LW_CATEGORY_CARE_NOTES, 0, N_("Revoked")),
};
TABLE (lw_consent_table, "consent", N_("Release of information"), LwConsent, consent_columns);

static const LwColumnInfo meeting_columns[] = {
  COL (LwMeeting, date, LW_COLUMN_DATE, NONE, REQ, N_("Date")),
  COL (LwMeeting, start_time, LW_COLUMN_TEXT, NONE, 0, N_("Start time")),
  COL (LwMeeting, length_minutes, LW_COLUMN_INT, NONE, 0, N_("Length (minutes)")),
  COL (LwMeeting, place, LW_COLUMN_TEXT, NONE, 0, N_("Place")),
  ENUM (LwMeeting, status, NONE, lw_meeting_status_info, N_("Status")),
  COL (LwMeeting, started_at, LW_COLUMN_TIME, NONE, DERIVED, N_("Started")),
  COL (LwMeeting, ended_at, LW_COLUMN_TIME, NONE, DERIVED, N_("Ended")),
};
TABLE (lw_meeting_table, "meeting", N_("Meeting"), LwMeeting, meeting_columns);

static const LwColumnInfo attendance_columns[] = {
  REF (LwAttendance, meeting_id, NONE, "meeting", REQ | PARENT, N_("Meeting")),
  REF (LwAttendance, person_id, NONE, "person", 0, N_("Person")),
  COL (LwAttendance, guest_name, LW_COLUMN_TEXT, NONE, 0, N_("Guest")),
  COL (LwAttendance, guest_agency, LW_COLUMN_TEXT, NONE, 0, N_("Guest agency")),
  ENUM (LwAttendance, role, NONE, lw_role_info, N_("Role")),
  COL (LwAttendance, absent, LW_COLUMN_BOOL, NONE, 0, N_("Absent")),
  COL (LwAttendance, checked_in_at, LW_COLUMN_TIME, NONE, DERIVED, N_("Checked in")),
  COL (LwAttendance, confidentiality_at, LW_COLUMN_TIME, NONE, DERIVED, N_("Confidentiality acknowledged")),
};
TABLE (lw_attendance_table, "attendance", N_("Attendance"), LwAttendance, attendance_columns);

static const LwColumnInfo agenda_item_columns[] = {
  REF (LwAgendaItem, meeting_id, NONE, "meeting", REQ | PARENT, N_("Meeting")),
  COL (LwAgendaItem, position, LW_COLUMN_INT, NONE, DERIVED, N_("Position")),
  ENUM (LwAgendaItem, kind, NONE, lw_item_kind_info, N_("Kind")),
  REF (LwAgendaItem, participant_id, NONE, "participant", 0, N_("Participant")),
  REF (LwAgendaItem, concern_id, NONE, "community_concern", 0, N_("Community concern")),
  COL (LwAgendaItem, title, LW_COLUMN_TEXT, LW_CATEGORY_PLAN, 0, N_("Topic")),
  COL (LwAgendaItem, reasons, LW_COLUMN_TEXT, LW_CATEGORY_STATUS, DERIVED, N_("Reasons")),
  COL (LwAgendaItem, time_budget, LW_COLUMN_INT, NONE, 0, N_("Time budget (seconds)")),
  COL (LwAgendaItem, started_at, LW_COLUMN_TIME, NONE, DERIVED, N_("Started")),
  COL (LwAgendaItem, ended_at, LW_COLUMN_TIME, NONE, DERIVED, N_("Ended")),
  COL (LwAgendaItem, notes, LW_COLUMN_TEXT, LW_CATEGORY_CARE_NOTES, 0, N_("Discussion notes")),
  COL (LwAgendaItem, outcome, LW_COLUMN_TEXT, LW_CATEGORY_CARE_NOTES, 0, N_("Outcome")),
  OPT_ENUM (LwAgendaItem, concerns, LW_CATEGORY_CARE_NOTES, lw_concerns_info, N_("Concerns")),
};
TABLE (lw_agenda_item_table, "agenda_item", N_("Agenda item"), LwAgendaItem, agenda_item_columns);

static const LwColumnInfo action_item_columns[] = {
  COL (LwActionItem, text, LW_COLUMN_TEXT, LW_CATEGORY_PLAN, REQ, N_("Action")),
  REF (LwActionItem, owner_id, NONE, "person", REQ, N_("Owner")),
  COL (LwActionItem, due_date, LW_COLUMN_DATE, NONE, 0, N_("Due")),
  REF (LwActionItem, participant_id, NONE, "participant", 0, N_("Participant")),
  REF (LwActionItem, meeting_id, NONE, "meeting", DERIVED, N_("Meeting")),
  REF (LwActionItem, agenda_item_id, NONE, "agenda_item", DERIVED, N_("Agenda item")),
  ENUM (LwActionItem, status, NONE, lw_action_status_info, N_("Status")),
  COL (LwActionItem, carried_over, LW_COLUMN_INT, NONE, DERIVED, N_("Carried over")),
  COL (LwActionItem, created_at, LW_COLUMN_TIME, NONE, DERIVED, N_("Created")),
  COL (LwActionItem, closed_at, LW_COLUMN_TIME, NONE, DERIVED, N_("Closed")),
  OPT_ENUM (LwActionItem, concerns, LW_CATEGORY_PLAN, lw_concerns_info, N_("Concerns")),
};
TABLE (lw_action_item_table, "action_item", N_("Action item"), LwActionItem, action_item_columns);

static const LwColumnInfo community_concern_columns[] = {
  COL (LwCommunityConcern, reported_by, LW_COLUMN_TEXT, LW_CATEGORY_LOCATION, 0, N_("Reported by")),
  COL (LwCommunityConcern, date, LW_COLUMN_DATE, NONE, REQ, N_("Date")),
  COL (LwCommunityConcern, area, LW_COLUMN_TEXT, LW_CATEGORY_LOCATION, 0, N_("Area")),
  COL (LwCommunityConcern, text, LW_COLUMN_TEXT, LW_CATEGORY_LOCATION, REQ, N_("Concern")),
  COL (LwCommunityConcern, planned_response, LW_COLUMN_TEXT, LW_CATEGORY_LOCATION, 0, N_("Planned response")),
  ENUM (LwCommunityConcern, status, NONE, lw_concern_status_info, N_("Status")),
  REF (LwCommunityConcern, participant_id, NONE, "participant", 0, N_("Participant")),
  COL (LwCommunityConcern, response, LW_COLUMN_TEXT, LW_CATEGORY_LOCATION, 0, N_("Response")),
  OPT_ENUM (LwCommunityConcern, response_kind, LW_CATEGORY_LOCATION, lw_response_kind_info, N_("What was done")),
  COL (LwCommunityConcern, responded_date, LW_COLUMN_DATE, NONE, DERIVED, N_("Responded")),
  COL (LwCommunityConcern, closed_date, LW_COLUMN_DATE, NONE, DERIVED, N_("Closed")),
};
TABLE (lw_community_concern_table, "community_concern", N_("Community concern"), LwCommunityConcern, community_concern_columns);

static const LwColumnInfo diversion_decision_columns[] = {
  COL (LwDiversionDecision, date, LW_COLUMN_DATE, NONE, REQ, N_("Date")),
  REF (LwDiversionDecision, officer_id, NONE, "person", 0, N_("Officer")),
  COL (LwDiversionDecision, incident_number, LW_COLUMN_TEXT, LW_CATEGORY_LEGAL, 0, N_("Incident number")),
  COL (LwDiversionDecision, eligible, LW_COLUMN_BOOL, LW_CATEGORY_LEGAL, 0, N_("Eligible")),
  COL (LwDiversionDecision, diverted, LW_COLUMN_BOOL, LW_CATEGORY_LEGAL, 0, N_("Diverted")),
  COL (LwDiversionDecision, reason, LW_COLUMN_TEXT, LW_CATEGORY_LEGAL, 0, N_("Reason")),
  REF (LwDiversionDecision, participant_id, NONE, "participant", 0, N_("Participant")),
};
TABLE (lw_diversion_decision_table, "diversion_decision", N_("Diversion decision"), LwDiversionDecision, diversion_decision_columns);

static const LwColumnInfo status_change_columns[] = {
  REF (LwStatusChange, participant_id, NONE, "participant", REQ, N_("Participant")),
  ENUM (LwStatusChange, status, LW_CATEGORY_STATUS, lw_participant_status_info, N_("Status")),
  COL (LwStatusChange, date, LW_COLUMN_DATE, LW_CATEGORY_STATUS, REQ, N_("Date")),
};
TABLE (lw_status_change_table, "status_change", N_("Status change"), LwStatusChange, status_change_columns);

static const LwColumnInfo housing_change_columns[] = {
  REF (LwHousingChange, participant_id, NONE, "participant", REQ, N_("Participant")),
  ENUM (LwHousingChange, housing_status, LW_CATEGORY_HOUSING, lw_housing_status_info, N_("Housing")),
  COL (LwHousingChange, date, LW_COLUMN_DATE, LW_CATEGORY_HOUSING, REQ, N_("Date")),
};
TABLE (lw_housing_change_table, "housing_change", N_("Housing change"), LwHousingChange, housing_change_columns);

/* In dependency order: a table only references tables before it (the schema
 * relies on this). */
static const LwTableInfo * const all_tables[] = {
  &lw_person_table,
  &lw_participant_table,
  &lw_plan_goal_table,
  &lw_contact_table,
  &lw_legal_matter_table,
  &lw_prosecution_note_table,
  &lw_consent_table,
  &lw_meeting_table,
  &lw_community_concern_table,
  &lw_attendance_table,
  &lw_agenda_item_table,
  &lw_action_item_table,
  &lw_diversion_decision_table,
  &lw_status_change_table,
  &lw_housing_change_table,
};

const LwTableInfo * const *
lw_store_tables (guint *n_tables)
{
  if (n_tables)
    *n_tables = G_N_ELEMENTS (all_tables);
  return all_tables;
}

const LwTableInfo *
lw_store_find_table (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (all_tables); i++)
    if (g_strcmp0 (all_tables[i]->name, name) == 0)
      return all_tables[i];
  return NULL;
}

LwParticipant *
lw_participant_find_by_code (LwStore    *store,
                             const char *code,
                             GError    **error)
{
  return lw_store_find (store, &lw_participant_table, "code", code, error);
}

/* The index of a table's "concerns" column, found once per table: a report
 * asks it of every contact and goal. */
static guint
concerns_index (const LwTableInfo *table)
{
  static const LwTableInfo * const tables[] = {
    &lw_plan_goal_table, &lw_action_item_table, &lw_contact_table, &lw_agenda_item_table,
  };
  static gint found[G_N_ELEMENTS (tables)];   /* index + 1, 0 until found */

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    if (tables[t] == table)
      {
        gint index = g_atomic_int_get (&found[t]);

        if (index == 0)
          {
            index = (gint) (lw_table_find_column (table, "concerns") - table->columns) + 1;
            g_atomic_int_set (&found[t], index);
          }
        return (guint) index - 1;
      }
  return (guint) (lw_table_find_column (table, "concerns") - table->columns);
}

/* The category a marker names, or fallback when it names none.  A marker that
 * failed to open could name anything: the most protected category. */
static LwCategory
marked_category (gconstpointer  record,
                 int            concerns,
                 LwCategory     fallback)
{
  guint index = concerns_index (LW_RECORD (record)->table);

  if (LW_RECORD (record)->damaged & (G_GUINT64_CONSTANT (1) << index))
    return LW_CATEGORY_SUBSTANCE_USE;
  switch (concerns)
    {
    case LW_CONCERNS_HEALTH:
      return LW_CATEGORY_HEALTH;
    case LW_CONCERNS_TREATMENT:
      return LW_CATEGORY_SUBSTANCE_USE;
    default:
      return fallback;
    }
}

LwCategory
lw_model_category_of (gconstpointer record,
                      LwCategory    base)
{
  const LwTableInfo *table;

  g_return_val_if_fail (record != NULL, LW_CATEGORY_SUBSTANCE_USE);

  table = LW_RECORD (record)->table;
  if (table == &lw_plan_goal_table)
    {
      const LwPlanGoal *goal = record;
      LwCategory marked = marked_category (record, goal->concerns, base);

      /* a treatment goal is treatment information, wherever it sits */
      if (goal->domain == LW_DOMAIN_TREATMENT || marked == LW_CATEGORY_SUBSTANCE_USE)
        return LW_CATEGORY_SUBSTANCE_USE;
      if (goal->domain == LW_DOMAIN_HEALTH)
        return LW_CATEGORY_HEALTH;
      return marked;
    }
  if (table == &lw_action_item_table)
    return marked_category (record, ((const LwActionItem *) record)->concerns, base);
  if (table == &lw_contact_table)
    return marked_category (record, ((const LwContact *) record)->concerns, base);
  if (table == &lw_agenda_item_table)
    return marked_category (record, ((const LwAgendaItem *) record)->concerns, base);
  g_return_val_if_reached (LW_CATEGORY_SUBSTANCE_USE);
}

LwCategory
lw_model_text_category (gconstpointer record)
{
  const LwTableInfo *table;

  g_return_val_if_fail (record != NULL, LW_CATEGORY_SUBSTANCE_USE);

  table = LW_RECORD (record)->table;
  if (table == &lw_plan_goal_table || table == &lw_action_item_table)
    return lw_model_category_of (record, LW_CATEGORY_PLAN);
  return lw_model_category_of (record, LW_CATEGORY_CARE_NOTES);
}

LwConcerns
lw_model_concerns_for_domain (int domain)
{
  switch (domain)
    {
    case LW_DOMAIN_TREATMENT:
      return LW_CONCERNS_TREATMENT;
    case LW_DOMAIN_HEALTH:
      return LW_CONCERNS_HEALTH;
    default:
      return LW_CONCERNS_NONE;
    }
}

GPtrArray *
lw_model_list_for (LwStore           *store,
                   const LwTableInfo *table,
                   LwId               participant_id,
                   GError           **error)
{
  return lw_store_list (store, table, "participant_id", participant_id, error);
}
