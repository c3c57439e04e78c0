/* test-policy.c: need to know — the matrix, floors, consent, audiences and views
 *
 * The expected levels come from this file's own copy of DESIGN.md's table and
 * floors, typed in by hand, never from the engine's matrix.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "lw/lw-audit.h"
#include "lw/lw-error.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw/lw-view.h"
#include "lw-store-private.h"
#include "lw-test-util.h"

#define TODAY "2026-11-24"
#define PART2_AGENCY "Harbor Detox Center"

/* ----------------------------------------------------------------------------
 * DESIGN.md, "Need to know", by hand
 */

enum { X_NONE, X_SUMMARY, X_FULL, X_CONSENT };

static const char * const design_categories[] = {
  "identity", "status", "plan", "housing", "health", "substance_use", "legal",
  "prosecution", "care_notes", "location",
};

static const struct
{
  const char *roles[2];
  const char *cells[10];
} design_table[] = {
  { { "project-manager", NULL },
    { "full", "full", "full", "full", "summary", "consent", "full", "full", "summary", "full" } },
  { { "case-manager", "peer-outreach" },
    { "full", "full", "full", "full", "full", "full", "full", "full", "full", "full" } },
  { { "service-provider", NULL },
    { "full", "full", "full", "full", "consent", "consent", "none", "none", "summary", "summary" } },
  { { "police-officer", "police-sergeant" },
    { "full", "full", "summary", "summary", "none", "none", "full", "summary", "none", "full" } },
  { { "prosecutor", "public-defender" },
    { "full", "full", "summary", "summary", "none", "consent", "full", "full", "none", "none" } },
  { { "community-representative", NULL },
    { "summary", "summary", "summary", "none", "none", "none", "none", "none", "none", "summary" } },
  { { "evaluator", NULL },
    { "none", "summary", "summary", "none", "none", "none", "none", "none", "none", "none" } },
};

/* DESIGN.md's caps: role, categories, the highest level allowed.  Police never
 * see health, substance use or care notes, and the plan at summary at most;
 * community representatives and evaluators never more than their default row. */
static const struct
{
  const char *role;
  const char *categories;
  int         cap;
} design_floors[] = {
  { "police-officer", "health substance_use care_notes", X_NONE },
  { "police-officer", "plan", X_SUMMARY },
  { "police-sergeant", "health substance_use care_notes", X_NONE },
  { "police-sergeant", "plan", X_SUMMARY },
  { "community-representative", "identity status plan location", X_SUMMARY },
  { "community-representative", "housing health substance_use legal prosecution care_notes", X_NONE },
  { "evaluator", "status plan", X_SUMMARY },
  { "evaluator", "identity housing health substance_use legal prosecution care_notes location", X_NONE },
};

static int expected_cell[LW_N_ROLES][LW_N_CATEGORIES];
static int expected_cap[LW_N_ROLES][LW_N_CATEGORIES];

static int
x_level (const char *name)
{
  static const char * const names[] = { "none", "summary", "full", "consent" };

  for (int i = 0; i < 4; i++)
    if (strcmp (names[i], name) == 0)
      return i;
  g_assert_not_reached ();
}

static int
x_category (const char *name)
{
  for (int i = 0; i < 10; i++)
    if (strcmp (design_categories[i], name) == 0)
      return i;
  g_assert_not_reached ();
}

static void
load_design (void)
{
  gboolean seen[LW_N_ROLES] = { FALSE };

  G_STATIC_ASSERT (LW_N_ROLES == 10 && LW_N_CATEGORIES == 10);
  for (guint i = 0; i < G_N_ELEMENTS (design_table); i++)
    for (guint k = 0; k < 2 && design_table[i].roles[k]; k++)
      {
        int r = lw_role_from_string (design_table[i].roles[k]);

        g_assert_cmpint (r, >=, 0);
        seen[r] = TRUE;
        for (int c = 0; c < 10; c++)
          expected_cell[r][c] = x_level (design_table[i].cells[c]);
      }
  for (int r = 0; r < LW_N_ROLES; r++)
    {
      g_assert_true (seen[r]);
      for (int c = 0; c < 10; c++)
        expected_cap[r][c] = X_FULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (design_floors); i++)
    {
      g_auto(GStrv) cats = g_strsplit (design_floors[i].categories, " ", -1);
      int r = lw_role_from_string (design_floors[i].role);

      for (guint k = 0; cats[k]; k++)
        expected_cap[r][x_category (cats[k])] = design_floors[i].cap;
    }
}

/* What a consent cell can show at most. */
static int
x_reach (int cell)
{
  return cell == X_CONSENT ? X_FULL : cell;
}

/* ----------------------------------------------------------------------------
 * Consent scenarios
 */

typedef enum
{
  C_NONE,      /* no release */
  C_VALID,     /* signed, current */
  C_EXPIRED,   /* expired yesterday */
  C_REVOKED,   /* revoked today */
  N_CONSENT_STATES
} ConsentState;

static const char * const state_names[] = { "none", "valid", "expired", "revoked", "mixed", "agency" };
/* the four states for every role, a mix, and valid releases that each name an
 * agency as well as the role */
#define N_SCENARIOS 6
#define S_AGENCY 5

/* How the members of an audience are given: by role alone, each with the
 * agency its release names, or each with another agency. */
typedef enum
{
  A_ROLE_ONLY,
  A_RIGHT_AGENCY,
  A_WRONG_AGENCY,
} AgencyMode;

static char *
role_agency (int  role,
             gboolean right)
{
  return g_strdup_printf ("%s Agency %d", right ? "Named" : "Other", role);
}
#define ALL_CATEGORIES ((G_GINT64_CONSTANT (1) << LW_N_CATEGORIES) - 1)

typedef struct
{
  ConsentState state[LW_N_ROLES];
  gint64       mask[LW_N_ROLES];
  gboolean     by_agency;   /* each release names the role's agency too */
} Scenario;

static void
scenario_init (Scenario *s,
               int       index)
{
  s->by_agency = index == S_AGENCY;
  for (int r = 0; r < LW_N_ROLES; r++)
    {
      if (index == S_AGENCY)
        {
          s->state[r] = C_VALID;
          s->mask[r] = ALL_CATEGORIES;
        }
      else if (index < N_CONSENT_STATES)
        {
          s->state[r] = index;
          s->mask[r] = ALL_CATEGORIES;
        }
      else
        {
          /* roles differ, and some releases leave out a category the role
           * could see with consent */
          static const ConsentState mixed[LW_N_ROLES] = {
            [LW_ROLE_PROJECT_MANAGER] = C_VALID,
            [LW_ROLE_CASE_MANAGER] = C_EXPIRED,
            [LW_ROLE_PEER_OUTREACH] = C_REVOKED,
            [LW_ROLE_SERVICE_PROVIDER] = C_VALID,
            [LW_ROLE_POLICE_OFFICER] = C_VALID,
            [LW_ROLE_POLICE_SERGEANT] = C_NONE,
            [LW_ROLE_PROSECUTOR] = C_VALID,
            [LW_ROLE_PUBLIC_DEFENDER] = C_REVOKED,
            [LW_ROLE_COMMUNITY_REPRESENTATIVE] = C_VALID,
            [LW_ROLE_EVALUATOR] = C_EXPIRED,
          };

          s->state[r] = mixed[r];
          s->mask[r] = ALL_CATEGORIES;
          if (r == LW_ROLE_PROJECT_MANAGER)
            s->mask[r] &= ~LW_CATEGORY_BIT (LW_CATEGORY_SUBSTANCE_USE);
          if (r == LW_ROLE_SERVICE_PROVIDER)
            s->mask[r] = LW_CATEGORY_BIT (LW_CATEGORY_SUBSTANCE_USE);
        }
    }
}

static int
expected_member_level (const Scenario *s,
                       int             role,
                       int             category,
                       AgencyMode      mode)
{
  int cell = MIN (expected_cell[role][category], X_CONSENT);
  /* a release that names an agency names only members of that agency */
  gboolean named = !s->by_agency || mode == A_RIGHT_AGENCY;

  /* floors (a no-op on the default table, which respects them) */
  if (x_reach (cell) > expected_cap[role][category])
    cell = expected_cap[role][category];
  if (cell == X_CONSENT)
    return named && s->state[role] == C_VALID && (s->mask[role] & LW_CATEGORY_BIT (category)) ? X_FULL : X_NONE;
  return cell;
}

static int
expected_level (const Scenario *s,
                guint           roles,
                int             category,
                AgencyMode      mode)
{
  int level = X_FULL;

  g_assert_cmpuint (roles, !=, 0);
  for (int r = 0; r < LW_N_ROLES; r++)
    if (roles & (1u << r))
      level = MIN (level, expected_member_level (s, r, category, mode));
  return level;
}

/* ----------------------------------------------------------------------------
 * A participant full of canaries
 */

typedef struct
{
  char *text;
  int   category;
  int   min_level;   /* shown from this level up */
  int   also;        /* -1, or a second category that must be at also_level */
  int   also_level;
} Canary;

static void
canary_free (gpointer data)
{
  Canary *c = data;
  g_free (c->text);
  g_free (c);
}

typedef struct
{
  LwId       participant_id;
  char      *code;
  GPtrArray *canaries;     /* Canary */
  gboolean   has_consents;
} Subject;

static void
subject_clear (Subject *s)
{
  g_free (s->code);
  g_clear_pointer (&s->canaries, g_ptr_array_unref);
}

static char *
canary (Subject    *s,
        int         category,
        const char *what,
        const char *tag)
{
  Canary *c = g_new0 (Canary, 1);

  c->text = g_strdup_printf ("CANARY-%s-%s-%s", design_categories[category], what, tag);
  c->category = category;
  c->min_level = X_FULL;
  c->also = -1;
  g_ptr_array_add (s->canaries, c);
  return g_strdup (c->text);
}

/* Free text of category that sits in a column of category base: shown only
 * where both are at full (base_level: at that level of base). */
static char *
marked_canary (Subject    *s,
               int         category,
               int         base,
               int         base_level,
               const char *what,
               const char *tag)
{
  char *text = canary (s, category, what, tag);
  Canary *c = g_ptr_array_index (s->canaries, s->canaries->len - 1);

  c->also = base;
  c->also_level = base_level;
  return text;
}

/* A date that appears nowhere else, shown from min_level up. */
static char *
date_canary (Subject    *s,
             int         category,
             const char *date,
             int         min_level)
{
  Canary *c = g_new0 (Canary, 1);

  c->text = g_strdup (date);
  c->category = category;
  c->min_level = min_level;
  c->also = -1;
  g_ptr_array_add (s->canaries, c);
  return g_strdup (date);
}

static void
insert (LwStore  *store,
        gpointer  record)
{
  g_autoptr(GError) error = NULL;

  lw_store_insert (store, record, &error);
  g_assert_no_error (error);
}

static LwId
make_person (LwStore    *store,
             const char *name,
             LwRole      role)
{
  g_autoptr(LwPerson) person = lw_person_new ();

  person->name = g_strdup (name);
  person->role = role;
  person->active = TRUE;
  insert (store, person);
  return LW_RECORD (person)->id;
}

static void
make_subject (LwStore        *store,
              Subject        *s,
              const char     *tag,
              const Scenario *scenario,
              LwId            staff,
              LwId            meeting)
{
  g_autoptr(LwParticipant) p = lw_participant_new ();
  LwId matter_ids[2];

  s->code = g_strdup_printf ("P-%s", tag);
  s->canaries = g_ptr_array_new_with_free_func (canary_free);

  g_assert_true (lw_store_begin (store, NULL));

  p->code = g_strdup (s->code);
  p->legal_name = canary (s, LW_CATEGORY_IDENTITY, "legal_name", tag);
  p->preferred_name = canary (s, LW_CATEGORY_IDENTITY, "preferred_name", tag);
  p->aliases = canary (s, LW_CATEGORY_IDENTITY, "aliases", tag);
  p->date_of_birth = date_canary (s, LW_CATEGORY_IDENTITY, "1901-01-01", X_FULL);
  p->referral_route = LW_REFERRAL_SOCIAL_CONTACT;
  p->referral_date = date_canary (s, LW_CATEGORY_STATUS, "1902-02-02", X_FULL);
  p->referrer = canary (s, LW_CATEGORY_STATUS, "referrer", tag);
  p->status = LW_STATUS_ACTIVE;
  p->status_changed = date_canary (s, LW_CATEGORY_STATUS, "1902-02-03", X_FULL);
  p->case_manager_id = staff;
  p->peer_worker_id = staff;
  p->last_contact = date_canary (s, LW_CATEGORY_STATUS, "1902-02-04", X_FULL);
  p->flagged = TRUE;
  p->housing_status = LW_HOUSING_SHELTER;
  p->housing_notes = canary (s, LW_CATEGORY_HOUSING, "housing_notes", tag);
  p->health_notes = canary (s, LW_CATEGORY_HEALTH, "health_notes", tag);
  p->substance_use = canary (s, LW_CATEGORY_SUBSTANCE_USE, "substance_use", tag);
  p->address = canary (s, LW_CATEGORY_LOCATION, "address", tag);
  /* the neighbourhood is the location summary: shown from summary up */
  p->neighbourhood = canary (s, LW_CATEGORY_LOCATION, "neighbourhood", tag);
  ((Canary *) g_ptr_array_index (s->canaries, s->canaries->len - 1))->min_level = X_SUMMARY;
  insert (store, p);
  s->participant_id = LW_RECORD (p)->id;

  for (int i = 0; i < 2; i++)
    {
      g_autoptr(LwPlanGoal) goal = lw_plan_goal_new ();
      g_autofree char *what = g_strdup_printf ("goal_text_%d", i);

      goal->participant_id = s->participant_id;
      goal->domain = LW_DOMAIN_HOUSING;
      goal->text = canary (s, LW_CATEGORY_PLAN, what, tag);
      goal->status = i == 0 ? LW_GOAL_MET : LW_GOAL_IN_PROGRESS;
      goal->target_date = date_canary (s, LW_CATEGORY_PLAN, i == 0 ? "1903-03-03" : "1903-03-04", X_FULL);
      insert (store, goal);
    }

  for (int i = 0; i < 2; i++)
    {
      g_autoptr(LwActionItem) action = lw_action_item_new ();

      action->participant_id = s->participant_id;
      action->owner_id = staff;
      action->due_date = g_strdup ("2026-12-01");
      if (i == 0)
        {
          action->text = canary (s, LW_CATEGORY_PLAN, "action_text", tag);
          action->status = LW_ACTION_OPEN;
        }
      else
        {
          /* a closed item is never part of the view */
          Canary *c;

          action->text = canary (s, LW_CATEGORY_PLAN, "done_action_text", tag);
          c = g_ptr_array_index (s->canaries, s->canaries->len - 1);
          c->min_level = X_CONSENT + 1;
          action->status = LW_ACTION_DONE;
        }
      insert (store, action);
    }

  for (int i = 0; i < 2; i++)
    {
      g_autoptr(LwContact) contact = lw_contact_new ();
      g_autofree char *what = g_strdup_printf ("contact_note_%d", i);

      contact->participant_id = s->participant_id;
      /* the last contact's date is part of the care_notes summary */
      contact->date = date_canary (s, LW_CATEGORY_CARE_NOTES, i == 0 ? "1909-09-08" : "1909-09-09",
                                   i == 0 ? X_FULL : X_SUMMARY);
      contact->kind = LW_CONTACT_IN_PERSON;
      contact->staff_id = staff;
      contact->note = canary (s, LW_CATEGORY_CARE_NOTES, what, tag);
      insert (store, contact);
    }

  for (int i = 0; i < 2; i++)
    {
      g_autoptr(LwLegalMatter) matter = lw_legal_matter_new ();
      g_autofree char *number = g_strdup_printf ("case_number_%d", i);
      g_autofree char *court = g_strdup_printf ("court_%d", i);
      g_autofree char *charge = g_strdup_printf ("charge_%d", i);

      matter->participant_id = s->participant_id;
      matter->case_number = canary (s, LW_CATEGORY_LEGAL, number, tag);
      matter->court = canary (s, LW_CATEGORY_LEGAL, court, tag);
      matter->charge = canary (s, LW_CATEGORY_LEGAL, charge, tag);
      matter->filed_date = date_canary (s, LW_CATEGORY_LEGAL, i == 0 ? "1907-07-07" : "1907-07-17", X_FULL);
      matter->before_referral = TRUE;
      matter->status = i == 0 ? LW_MATTER_PENDING : LW_MATTER_DISMISSED;
      matter->next_court_date = date_canary (s, LW_CATEGORY_LEGAL, i == 0 ? "1907-07-08" : "1907-07-18", X_FULL);
      insert (store, matter);
      matter_ids[i] = LW_RECORD (matter)->id;
    }

  {
    static const struct { int matter; int position; const char *date; } notes[] = {
      { 0, LW_POSITION_HOLD, "1908-08-01" },
      { 0, LW_POSITION_DEFER, "1908-08-08" },
      { 1, LW_POSITION_PROCEED, "1908-08-09" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
      {
        g_autoptr(LwProsecutionNote) note = lw_prosecution_note_new ();
        g_autofree char *what = g_strdup_printf ("note_text_%u", i);

        note->legal_matter_id = matter_ids[notes[i].matter];
        note->position = notes[i].position;
        note->text = canary (s, LW_CATEGORY_PROSECUTION, what, tag);
        note->author_id = staff;
        note->date = date_canary (s, LW_CATEGORY_PROSECUTION, notes[i].date, X_FULL);
        insert (store, note);
      }
  }

  for (int r = 0; r < LW_N_ROLES; r++)
    {
      g_autoptr(LwConsent) consent = NULL;

      if (scenario->state[r] == C_NONE)
        continue;
      consent = lw_consent_new ();
      consent->participant_id = s->participant_id;
      consent->recipient_role = r;
      /* a release for the role, or for the role at one agency */
      if (scenario->by_agency)
        consent->recipient_agency = role_agency (r, TRUE);
      consent->categories = scenario->mask[r];
      switch (scenario->state[r])
        {
        case C_VALID:
          consent->signed_date = g_strdup ("2026-01-01");
          consent->expires = g_strdup ("2027-12-31");
          break;
        case C_EXPIRED:
          consent->signed_date = g_strdup ("2025-01-01");
          consent->expires = g_strdup ("2026-11-23");
          break;
        case C_REVOKED:
          consent->signed_date = g_strdup ("2026-01-01");
          consent->expires = g_strdup ("2027-12-31");
          consent->revoked = g_strdup (TODAY);
          break;
        default:
          g_assert_not_reached ();
        }
      insert (store, consent);
      s->has_consents = TRUE;
    }

  {
    g_autoptr(LwAgendaItem) item = lw_agenda_item_new ();

    item->meeting_id = meeting;
    item->kind = LW_ITEM_PARTICIPANT;
    item->participant_id = s->participant_id;
    item->notes = canary (s, LW_CATEGORY_CARE_NOTES, "discussion_notes", tag);
    item->outcome = canary (s, LW_CATEGORY_CARE_NOTES, "discussion_outcome", tag);
    insert (store, item);
  }

  /* free text categorised by what it may contain, not where it sits */
  {
    static const struct { int domain; int concerns; int category; const char *what; } goals[] = {
      { LW_DOMAIN_TREATMENT, -1, LW_CATEGORY_SUBSTANCE_USE, "treatment_goal" },
      { LW_DOMAIN_HEALTH, -1, LW_CATEGORY_HEALTH, "health_goal" },
      { LW_DOMAIN_EMPLOYMENT, LW_CONCERNS_TREATMENT, LW_CATEGORY_SUBSTANCE_USE, "marked_goal" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (goals); i++)
      {
        g_autoptr(LwPlanGoal) goal = lw_plan_goal_new ();

        goal->participant_id = s->participant_id;
        goal->domain = goals[i].domain;
        goal->concerns = goals[i].concerns;
        goal->text = marked_canary (s, goals[i].category, LW_CATEGORY_PLAN, X_FULL, goals[i].what, tag);
        goal->status = LW_GOAL_IN_PROGRESS;
        insert (store, goal);
      }
  }
  {
    g_autoptr(LwActionItem) action = lw_action_item_new ();

    action->participant_id = s->participant_id;
    action->owner_id = staff;
    action->due_date = g_strdup ("2026-12-01");
    action->concerns = LW_CONCERNS_HEALTH;
    action->text = marked_canary (s, LW_CATEGORY_HEALTH, LW_CATEGORY_PLAN, X_FULL, "health_action", tag);
    action->status = LW_ACTION_OPEN;
    insert (store, action);
  }
  {
    /* staff of a substance-use treatment program, named as an owner: by name
     * only where substance use may be seen in full */
    g_autoptr(LwPerson) detox = lw_person_new ();
    g_autoptr(LwActionItem) action = lw_action_item_new ();

    detox->name = marked_canary (s, LW_CATEGORY_SUBSTANCE_USE, LW_CATEGORY_PLAN, X_SUMMARY, "part2_staff", tag);
    detox->agency = g_strdup (PART2_AGENCY);
    detox->role = LW_ROLE_SERVICE_PROVIDER;
    detox->active = TRUE;
    insert (store, detox);
    action->participant_id = s->participant_id;
    action->owner_id = LW_RECORD (detox)->id;
    action->due_date = g_strdup ("2026-12-02");
    action->text = canary (s, LW_CATEGORY_PLAN, "part2_owned_action", tag);
    action->status = LW_ACTION_OPEN;
    insert (store, action);
  }
  {
    g_autoptr(LwContact) contact = lw_contact_new ();

    contact->participant_id = s->participant_id;
    contact->date = g_strdup ("1909-09-01");
    contact->kind = LW_CONTACT_PHONE;
    contact->staff_id = staff;
    contact->concerns = LW_CONCERNS_TREATMENT;
    contact->note = marked_canary (s, LW_CATEGORY_SUBSTANCE_USE, LW_CATEGORY_CARE_NOTES, X_FULL, "treatment_note", tag);
    insert (store, contact);
  }
  {
    g_autoptr(LwAgendaItem) item = lw_agenda_item_new ();

    item->meeting_id = meeting;
    item->kind = LW_ITEM_PARTICIPANT;
    item->participant_id = s->participant_id;
    item->concerns = LW_CONCERNS_HEALTH;
    item->notes = marked_canary (s, LW_CATEGORY_HEALTH, LW_CATEGORY_CARE_NOTES, X_FULL, "health_discussion", tag);
    insert (store, item);
  }

  {
    g_autoptr(LwCommunityConcern) concern = lw_community_concern_new ();

    concern->reported_by = g_strdup ("Neighbour");
    concern->date = date_canary (s, LW_CATEGORY_LOCATION, "1910-10-10", X_FULL);
    concern->area = canary (s, LW_CATEGORY_LOCATION, "concern_area", tag);
    concern->text = canary (s, LW_CATEGORY_LOCATION, "concern_text", tag);
    concern->planned_response = canary (s, LW_CATEGORY_LOCATION, "concern_response", tag);
    /* what was done, and when: with the concern, at location full */
    concern->response = canary (s, LW_CATEGORY_LOCATION, "concern_done", tag);
    concern->response_kind = LW_RESPONSE_SERVICES;
    {
      Canary *kind = g_new0 (Canary, 1);

      /* its label, which nothing else in the view says */
      kind->text = g_strdup ("People connected with services");
      kind->category = LW_CATEGORY_LOCATION;
      kind->min_level = X_FULL;
      kind->also = -1;
      g_ptr_array_add (s->canaries, kind);
    }
    concern->responded_date = date_canary (s, LW_CATEGORY_LOCATION, "1910-10-11", X_FULL);
    concern->closed_date = date_canary (s, LW_CATEGORY_LOCATION, "1910-10-12", X_FULL);
    concern->status = LW_CONCERN_CLOSED;
    concern->participant_id = s->participant_id;
    insert (store, concern);
  }

  {
    g_autoptr(LwDiversionDecision) decision = lw_diversion_decision_new ();

    decision->date = g_strdup ("2026-01-02");
    decision->officer_id = staff;
    decision->incident_number = canary (s, LW_CATEGORY_LEGAL, "incident_number", tag);
    decision->eligible = TRUE;
    decision->diverted = FALSE;
    decision->reason = canary (s, LW_CATEGORY_LEGAL, "diversion_reason", tag);
    decision->participant_id = s->participant_id;
    insert (store, decision);
  }

  g_assert_true (lw_store_commit (store, NULL));
}

/* ----------------------------------------------------------------------------
 * Fixture
 */

typedef struct
{
  char    *dir;
  LwStore *store;
  LwId     staff;
  LwId     meeting;
  Subject  subjects[N_SCENARIOS];
  Scenario scenarios[N_SCENARIOS];
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(LwMeeting) meeting = lw_meeting_new ();

  f->dir = lw_test_tmpdir ();
  f->store = lw_test_store_new (f->dir, "program.lwdb");
  lw_store_set_actor (f->store, "tester");
  f->staff = make_person (f->store, "Staff Person", LW_ROLE_CASE_MANAGER);
  g_assert_true (lw_policy_set_agency_part2 (f->store, PART2_AGENCY, TRUE, "a detox program", NULL));
  meeting->date = g_strdup ("2026-11-20");
  meeting->status = LW_MEETING_CLOSED;
  insert (f->store, meeting);
  f->meeting = LW_RECORD (meeting)->id;

  for (int i = 0; i < N_SCENARIOS; i++)
    {
      scenario_init (&f->scenarios[i], i);
      make_subject (f->store, &f->subjects[i], state_names[i], &f->scenarios[i], f->staff, f->meeting);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  for (int i = 0; i < N_SCENARIOS; i++)
    subject_clear (&f->subjects[i]);
  g_clear_pointer (&f->store, lw_store_free);
  lw_test_tmpdir_remove (f->dir);
  g_free (f->dir);
}

static LwParticipant *
get_participant (Fixture *f,
                 int      scenario)
{
  g_autoptr(GError) error = NULL;
  LwParticipant *p = lw_store_get (f->store, &lw_participant_table,
                                   f->subjects[scenario].participant_id, &error);

  g_assert_no_error (error);
  return p;
}

static char *
view_json_text (LwParticipantView *view)
{
  g_autoptr(JsonNode) node = lw_participant_view_to_json (view);

  return json_to_string (node, FALSE);
}

/* Entries of event whose detail holds needle (any when NULL) and, when note
 * is given, whose sealed note is exactly note. */
static gint64
count_audit_where (LwStore      *store,
                   LwAuditEvent  event,
                   const char   *needle,
                   const char   *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = lw_audit_list (store, &error);
  gint64 n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      const LwAuditEntry *e = g_ptr_array_index (entries, i);

      if (e->event == event && (needle == NULL || strstr (e->detail, needle)) &&
          (note == NULL || g_strcmp0 (e->note, note) == 0))
        n++;
    }
  return n;
}

static gint64
count_audit (LwStore      *store,
             LwAuditEvent  event,
             const char   *needle)
{
  return count_audit_where (store, event, needle, NULL);
}

static gint64
count_audit_note (LwStore      *store,
                  LwAuditEvent  event,
                  const char   *note)
{
  return count_audit_where (store, event, NULL, note);
}

/* Asserts everything about one view of one subject for one audience. */
static void
check_view (Fixture       *f,
            int            scenario,
            guint          roles,
            AgencyMode     mode,
            LwParticipant *p)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAudience) audience = lw_audience_new ();
  g_autoptr(LwParticipantView) view = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  const Scenario *sc = &f->scenarios[scenario];
  const Subject *s = &f->subjects[scenario];
  int expected[LW_N_CATEGORIES];
  gboolean seen[LW_N_CATEGORIES] = { FALSE };
  gboolean want_notice;
  JsonObject *root, *fields;
  GList *members;

  for (int r = 0; r < LW_N_ROLES; r++)
    if (roles & (1u << r))
      {
        g_autofree char *agency = mode == A_ROLE_ONLY ? NULL : role_agency (r, mode == A_RIGHT_AGENCY);

        lw_audience_add_member (audience, r, agency);
      }
  view = lw_policy_view_participant (f->store, audience, p, LW_VIEW_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (view);
  text = view_json_text (view);

  for (int c = 0; c < LW_N_CATEGORIES; c++)
    {
      expected[c] = expected_level (sc, roles, c, mode);
      if ((int) lw_participant_view_get_level (view, c) != expected[c])
        g_error ("scenario %s, roles %#x, %s: level %d, expected %d", state_names[scenario], roles,
                 design_categories[c], lw_participant_view_get_level (view, c), expected[c]);
    }

  /* each canary is present exactly when its category's level allows it */
  for (guint i = 0; i < s->canaries->len; i++)
    {
      const Canary *c = g_ptr_array_index (s->canaries, i);
      gboolean want = expected[c->category] >= c->min_level &&
                      (c->also < 0 || expected[c->also] >= c->also_level);
      gboolean have = strstr (text, c->text) != NULL;

      if (want != have)
        g_error ("scenario %s, roles %#x, agency mode %d: “%s” (%s at %d) %s", state_names[scenario], roles,
                 mode, c->text, design_categories[c->category], expected[c->category],
                 have ? "leaked" : "missing");
    }

  /* the JSON: every field at its category's level, every visible category there */
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "code"), ==, s->code);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "audience")), ==,
                    (guint) __builtin_popcount (roles));
  fields = json_object_get_object_member (root, "fields");
  members = json_object_get_members (fields);
  for (GList *l = members; l; l = l->next)
    {
      const char *key = l->data;
      g_autofree char *cat_name = g_strndup (key, strcspn (key, "."));
      int c = x_category (cat_name);
      JsonObject *field = json_object_get_object_member (fields, key);
      const char *level = json_object_get_string_member (field, "level");

      g_assert_true (key[strlen (cat_name)] == '.');
      if (expected[c] == X_NONE || x_level (level) != expected[c])
        g_error ("scenario %s, roles %#x: field %s at %s, expected %d", state_names[scenario], roles,
                 key, level, expected[c]);
      seen[c] = TRUE;
    }
  g_list_free (members);
  for (int c = 0; c < LW_N_CATEGORIES; c++)
    if (seen[c] != (expected[c] != X_NONE))
      g_error ("scenario %s, roles %#x: category %s %s", state_names[scenario], roles,
               design_categories[c], seen[c] ? "shown" : "missing");

  /* the 42 CFR Part 2 notice goes with substance use information */
  want_notice = expected[LW_CATEGORY_SUBSTANCE_USE] != X_NONE ||
                (expected[LW_CATEGORY_CARE_NOTES] == X_FULL && s->has_consents);
  g_assert_cmpint (lw_participant_view_get_notice (view) != NULL, ==, want_notice);
  if (want_notice)
    {
      g_assert_nonnull (strstr (json_object_get_string_member (root, "notice"), "42 CFR part 2"));
      g_assert_nonnull (strstr (lw_participant_view_get_notice (view),
                                "This record which has been disclosed to you is protected by Federal confidentiality rules (42 CFR part 2)."));
    }
  else
    g_assert_true (json_object_get_null_member (root, "notice"));
}

static void
check_all_audiences (Fixture    *f,
                     int         scenario,
                     AgencyMode  mode)
{
  g_autoptr(LwParticipant) p = get_participant (f, scenario);
  guint n = 0;

  /* every role alone, every pair and every triple: enumerated, not sampled */
  for (int a = 0; a < LW_N_ROLES; a++)
    {
      check_view (f, scenario, 1u << a, mode, p), n++;
      for (int b = a + 1; b < LW_N_ROLES; b++)
        {
          check_view (f, scenario, (1u << a) | (1u << b), mode, p), n++;
          for (int c = b + 1; c < LW_N_ROLES; c++)
            check_view (f, scenario, (1u << a) | (1u << b) | (1u << c), mode, p), n++;
        }
    }
  g_assert_cmpuint (n, ==, 10 + 45 + 120);
}

static void
test_exhaustive (Fixture       *f,
                 gconstpointer  data)
{
  gint64 before = count_audit (f->store, LW_AUDIT_VIEW, NULL);

  /* releases for a role hold whatever agency its members are of; a release
   * that names an agency holds only for members of that agency, never for an
   * audience given by role alone */
  for (int s = 0; s < N_SCENARIOS; s++)
    {
      check_all_audiences (f, s, A_ROLE_ONLY);
      check_all_audiences (f, s, A_RIGHT_AGENCY);
      check_all_audiences (f, s, A_WRONG_AGENCY);
    }
  /* internal views are not audited */
  g_assert_cmpint (count_audit (f->store, LW_AUDIT_VIEW, NULL), ==, before);
}

/* ----------------------------------------------------------------------------
 * The matrix
 */

static void
test_default_matrix (Fixture       *f,
                     gconstpointer  data)
{
  LwPolicyMatrix matrix;

  lw_policy_load_matrix (f->store, &matrix);
  for (int r = 0; r < LW_N_ROLES; r++)
    for (int c = 0; c < LW_N_CATEGORIES; c++)
      {
        g_assert_cmpint (matrix.cells[r][c], ==, expected_cell[r][c]);
        g_assert_cmpint (lw_policy_get_cell (f->store, r, c), ==, expected_cell[r][c]);
        g_assert_cmpint (lw_policy_default_cell (r, c), ==, expected_cell[r][c]);
        g_assert_cmpint (lw_policy_cell_cap (r, c), ==, expected_cap[r][c]);
        g_assert_cmpint (lw_policy_cell_has_floor (r, c), ==, expected_cap[r][c] != X_FULL);
      }
  g_assert_cmpint (lw_policy_most_restrictive_role (&matrix), ==, LW_ROLE_EVALUATOR);
}

static void
test_edit_matrix (Fixture       *f,
                  gconstpointer  data)
{
  gint64 changes = 0, refusals = 0;
  gint64 changes_before = count_audit (f->store, LW_AUDIT_POLICY_CHANGE, NULL);
  gint64 refusals_before = count_audit (f->store, LW_AUDIT_POLICY_REFUSED, NULL);

  /* every cell to every level, then back to its default */
  for (int r = 0; r < LW_N_ROLES; r++)
    for (int c = 0; c < LW_N_CATEGORIES; c++)
      {
        int current = expected_cell[r][c];
        static const int order[] = { X_NONE, X_SUMMARY, X_CONSENT, X_FULL };

        for (guint k = 0; k <= G_N_ELEMENTS (order); k++)
          {
            g_autoptr(GError) error = NULL;
            int level = k < G_N_ELEMENTS (order) ? order[k] : expected_cell[r][c];
            gboolean allowed = x_reach (level) <= expected_cap[r][c];
            gboolean ok = lw_policy_set (f->store, r, c, level, "workgroup agreed on 2026-11-20", &error);

            if (allowed)
              {
                g_assert_no_error (error);
                g_assert_true (ok);
                changes += level != current;
                current = level;
              }
            else
              {
                g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
                g_assert_false (ok);
                g_assert_nonnull (strstr (error->message, lw_role_to_string (r)));
                g_assert_nonnull (strstr (error->message, design_categories[c]));
                refusals++;
              }
            g_assert_cmpint (lw_policy_get_cell (f->store, r, c), ==, current);
          }
        /* raising back to the default after lowering is always allowed */
        g_assert_cmpint (current, ==, expected_cell[r][c]);
      }

  /* the floors that DESIGN.md and the issue name, at least, are refused */
  g_assert_cmpint (refusals, >=, 2 * 3 * 2 + 6 * 2 + 1 + 6 * 2);
  g_assert_cmpint (count_audit (f->store, LW_AUDIT_POLICY_CHANGE, NULL) - changes_before, ==, changes);
  g_assert_cmpint (count_audit (f->store, LW_AUDIT_POLICY_REFUSED, NULL) - refusals_before, ==, refusals);
  /* the reason is sealed beside each entry, never in its clear detail */
  g_assert_cmpint (count_audit_note (f->store, LW_AUDIT_POLICY_CHANGE, "workgroup agreed on 2026-11-20"), ==, changes);
  g_assert_cmpint (count_audit (f->store, LW_AUDIT_POLICY_CHANGE, "workgroup agreed"), ==, 0);
  g_assert_cmpint (count_audit (f->store, LW_AUDIT_POLICY_REFUSED, "workgroup agreed"), ==, 0);
  g_assert_true (lw_audit_verify (f->store, NULL, NULL));
}

static void
test_reason_required (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const reasons[] = { NULL, "", "  \t\n " };

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (lw_policy_set (f->store, LW_ROLE_PROJECT_MANAGER, LW_CATEGORY_LEGAL,
                                     LW_LEVEL_NONE, reasons[i], &error));
      g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
    }
  g_assert_cmpint (lw_policy_get_cell (f->store, LW_ROLE_PROJECT_MANAGER, LW_CATEGORY_LEGAL), ==, LW_LEVEL_FULL);
  g_assert_cmpint (count_audit (f->store, LW_AUDIT_POLICY_CHANGE, "category=legal"), ==, 0);
}

static void
test_change_audited (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  const LwAuditEntry *last;

  g_assert_true (lw_policy_set (f->store, LW_ROLE_POLICE_OFFICER, LW_CATEGORY_PLAN, LW_LEVEL_NONE,
                                "line one\nline two", &error));
  g_assert_no_error (error);
  entries = lw_audit_list (f->store, &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (entries, entries->len - 1);
  g_assert_cmpint (last->event, ==, LW_AUDIT_POLICY_CHANGE);
  g_assert_cmpstr (last->actor, ==, "tester");
  g_assert_nonnull (strstr (last->detail, "role=police-officer"));
  g_assert_nonnull (strstr (last->detail, "category=plan"));
  g_assert_nonnull (strstr (last->detail, "from=summary"));
  g_assert_nonnull (strstr (last->detail, "to=none"));
  g_assert_null (strstr (last->detail, "line one"));
  g_assert_cmpstr (last->note, ==, "line one line two");
  g_assert_null (strchr (last->detail, '\n'));

  g_clear_pointer (&entries, g_ptr_array_unref);
  g_assert_false (lw_policy_set (f->store, LW_ROLE_POLICE_SERGEANT, LW_CATEGORY_CARE_NOTES, LW_LEVEL_SUMMARY,
                                 "asked for it", &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
  entries = lw_audit_list (f->store, NULL);
  last = g_ptr_array_index (entries, entries->len - 1);
  g_assert_cmpint (last->event, ==, LW_AUDIT_POLICY_REFUSED);
  g_assert_nonnull (strstr (last->detail, "role=police-sergeant"));
  g_assert_nonnull (strstr (last->detail, "category=care_notes"));
  g_assert_nonnull (strstr (last->detail, "requested=summary"));
}

/* A value above a floor written into the file behind the program's back is not
 * honoured; nor is a value that is not a level. */
static void
test_tampered_setting (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwParticipant) p = get_participant (f, C_VALID);
  g_autoptr(LwAudience) police = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_POLICE_OFFICER));
  g_autoptr(LwParticipantView) view = NULL;
  g_autofree char *text = NULL;

  g_assert_true (lw_store_set_setting (f->store, "policy.police-officer.health", "full", NULL));
  g_assert_true (lw_store_set_setting (f->store, "policy.police-officer.substance_use", "consent", NULL));
  g_assert_true (lw_store_set_setting (f->store, "policy.police-officer.care_notes", "full", NULL));
  g_assert_true (lw_store_set_setting (f->store, "policy.police-officer.legal", "everything", NULL));
  g_assert_cmpint (lw_policy_get_cell (f->store, LW_ROLE_POLICE_OFFICER, LW_CATEGORY_HEALTH), ==, LW_LEVEL_NONE);
  g_assert_cmpint (lw_policy_get_cell (f->store, LW_ROLE_POLICE_OFFICER, LW_CATEGORY_LEGAL), ==, LW_LEVEL_NONE);

  view = lw_policy_view_participant (f->store, police, p, LW_VIEW_DEFAULT, &error);
  g_assert_no_error (error);
  text = view_json_text (view);
  g_assert_null (strstr (text, "CANARY-health"));
  g_assert_null (strstr (text, "CANARY-substance_use"));
  g_assert_null (strstr (text, "CANARY-care_notes"));
  g_assert_null (strstr (text, "CANARY-legal"));
  g_assert_nonnull (strstr (text, "CANARY-identity-legal_name"));

  /* a hand-made matrix cannot lift a floor either */
  {
    LwPolicyMatrix matrix;
    LwLevel levels[LW_N_CATEGORIES];
    g_autoptr(GPtrArray) consents = lw_model_list_for (f->store, &lw_consent_table, p->id, NULL);

    for (int r = 0; r < LW_N_ROLES; r++)
      for (int c = 0; c < LW_N_CATEGORIES; c++)
        matrix.cells[r][c] = LW_LEVEL_FULL;
    for (int r = 0; r < LW_N_ROLES; r++)
      {
        g_autoptr(LwAudience) one = lw_audience_new_for_roles (LW_ROLE_BIT (r));

        lw_policy_resolve_levels (&matrix, one, consents, TODAY, levels);
        for (int c = 0; c < LW_N_CATEGORIES; c++)
          g_assert_cmpint (levels[c], ==, expected_cap[r][c]);
      }
  }
}

static gboolean
shows (Fixture          *f,
       const LwAudience *audience,
       LwParticipant    *p,
       const char       *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwParticipantView) view = lw_policy_view_participant (f->store, audience, p, 0, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = view_json_text (view);
  return strstr (text, needle) != NULL;
}

/* policy set, then the view reflects it. */
static void
test_set_then_view (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LwParticipant) p = get_participant (f, C_VALID);
  g_autoptr(LwAudience) pm = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_PROJECT_MANAGER));
  g_autoptr(LwAudience) sp = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_SERVICE_PROVIDER));
  g_autoptr(LwAudience) cr = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE));
  g_autoptr(LwAudience) police = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_POLICE_OFFICER));
  g_autoptr(GError) error = NULL;
  const char *reason = "trial for one month";

#define SHOWS(audience, needle) shows (f, audience, p, needle)

  g_assert_true (SHOWS (pm, "CANARY-identity-legal_name"));
  g_assert_true (lw_policy_set (f->store, LW_ROLE_PROJECT_MANAGER, LW_CATEGORY_IDENTITY, LW_LEVEL_SUMMARY, reason, &error));
  g_assert_false (SHOWS (pm, "CANARY-identity-legal_name"));
  g_assert_true (SHOWS (pm, "identity.initials"));
  g_assert_true (lw_policy_set (f->store, LW_ROLE_PROJECT_MANAGER, LW_CATEGORY_IDENTITY, LW_LEVEL_FULL, reason, &error));
  g_assert_true (SHOWS (pm, "CANARY-identity-legal_name"));

  /* a cell without a floor may be raised; consent then gates it */
  g_assert_false (SHOWS (sp, "CANARY-legal"));
  g_assert_true (lw_policy_set (f->store, LW_ROLE_SERVICE_PROVIDER, LW_CATEGORY_LEGAL, LW_LEVEL_CONSENT, reason, &error));
  g_assert_true (SHOWS (sp, "CANARY-legal-charge_0"));
  g_assert_false (SHOWS (police, "CANARY-housing"));
  g_assert_true (lw_policy_set (f->store, LW_ROLE_POLICE_OFFICER, LW_CATEGORY_HOUSING, LW_LEVEL_FULL, reason, &error));
  g_assert_true (SHOWS (police, "CANARY-housing-housing_notes"));
  /* a community representative is never raised above the default row, nor
   * the police above the plan's summary */
  g_assert_false (lw_policy_set (f->store, LW_ROLE_COMMUNITY_REPRESENTATIVE, LW_CATEGORY_HOUSING, LW_LEVEL_FULL, reason, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (SHOWS (cr, "CANARY-housing"));
  g_assert_false (lw_policy_set (f->store, LW_ROLE_POLICE_OFFICER, LW_CATEGORY_PLAN, LW_LEVEL_FULL, reason, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (SHOWS (police, "CANARY-plan"));

  /* a release that covers substance use is itself Part 2 information */
  g_assert_true (lw_policy_set (f->store, LW_ROLE_CASE_MANAGER, LW_CATEGORY_SUBSTANCE_USE, LW_LEVEL_NONE, reason, &error));
  {
    g_autoptr(LwAudience) cm = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_CASE_MANAGER));
    g_autoptr(LwParticipantView) v = lw_policy_view_participant (f->store, cm, p, 0, &error);
    g_autoptr(LwParticipant) nobody = get_participant (f, C_NONE);
    g_autoptr(LwParticipantView) w = lw_policy_view_participant (f->store, cm, nobody, 0, &error);

    g_assert_no_error (error);
    g_assert_null (lw_participant_view_lookup (v, "substance_use.substance_use"));
    g_assert_nonnull (lw_participant_view_lookup (v, "care_notes.consents"));
    g_assert_nonnull (lw_participant_view_get_notice (v));
    g_assert_null (lw_participant_view_get_notice (w));
  }

  /* lowering everything for the community representative */
  for (int c = 0; c < LW_N_CATEGORIES; c++)
    g_assert_true (lw_policy_set (f->store, LW_ROLE_COMMUNITY_REPRESENTATIVE, c, LW_LEVEL_NONE, reason, &error));
  g_assert_no_error (error);
  {
    g_autoptr(LwParticipantView) v = lw_policy_view_participant (f->store, cr, p, 0, NULL);
    g_assert_cmpuint (lw_participant_view_get_n_fields (v), ==, 0);
    g_assert_cmpuint (lw_participant_view_get_shown (v), ==, 0);
    g_assert_cmpstr (lw_participant_view_get_code (v), ==, p->code);
  }
#undef SHOWS
}

/* ----------------------------------------------------------------------------
 * Views
 */

static void
test_summaries (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwParticipant) p = get_participant (f, C_NONE);
  g_autoptr(LwAudience) audience = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_POLICE_OFFICER) |
                                                              LW_ROLE_BIT (LW_ROLE_SERVICE_PROVIDER) |
                                                              LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE));
  g_autoptr(LwParticipantView) view = NULL;
  g_autoptr(LwAudience) lawyers = NULL;
  const LwViewField *field;
  const LwViewValue *item;

  /* police + service provider + community: identity, status, plan, location at summary */
  view = lw_policy_view_participant (f->store, audience, p, 0, &error);
  g_assert_no_error (error);
  field = lw_participant_view_lookup (view, "identity.initials");
  g_assert_nonnull (field);
  g_assert_cmpint (field->level, ==, LW_LEVEL_SUMMARY);
  g_assert_cmpstr (field->value->text, ==, "C.");
  g_assert_cmpstr (lw_participant_view_lookup (view, "status.status")->value->text, ==, "Active");
  g_assert_cmpstr (lw_participant_view_lookup (view, "plan.goals")->value->text, ==, "1 of 2 goals met");
  g_assert_cmpstr (lw_participant_view_lookup (view, "location.neighbourhood")->value->text, ==,
                   "CANARY-location-neighbourhood-none");
  /* the health-marked item is not there at all; the one owned by a treatment
   * program's staff names their role, not them */
  field = lw_participant_view_lookup (view, "plan.action_items");
  g_assert_cmpuint (field->value->children->len, ==, 2);
  item = g_ptr_array_index (field->value->children, 0);
  g_assert_cmpuint (item->children->len, ==, 2);
  g_assert_cmpstr (((LwViewValue *) g_ptr_array_index (item->children, 0))->name, ==, "owner");
  g_assert_cmpstr (((LwViewValue *) g_ptr_array_index (item->children, 0))->text, ==, "Staff Person");
  g_assert_cmpstr (((LwViewValue *) g_ptr_array_index (item->children, 1))->text, ==, "2026-12-01");
  item = g_ptr_array_index (field->value->children, 1);
  g_assert_cmpstr (((LwViewValue *) g_ptr_array_index (item->children, 0))->text, ==, "Service provider");
  g_assert_cmpstr (((LwViewValue *) g_ptr_array_index (item->children, 1))->text, ==, "2026-12-02");
  g_assert_null (lw_participant_view_lookup (view, "health.action_items"));
  g_assert_null (lw_participant_view_lookup (view, "substance_use.goals"));
  g_assert_null (lw_participant_view_lookup (view, "identity.legal_name"));
  g_assert_null (lw_participant_view_lookup (view, "housing.housing_status"));
  g_assert_cmpuint (lw_participant_view_get_shown (view), ==,
                    (1u << LW_CATEGORY_IDENTITY) | (1u << LW_CATEGORY_STATUS) |
                    (1u << LW_CATEGORY_PLAN) | (1u << LW_CATEGORY_LOCATION));
  g_clear_pointer (&view, lw_participant_view_free);

  /* police + project manager: legal full, prosecution summary, care_notes none */
  lawyers = lw_audience_parse ("police-officer, project-manager", &error);
  g_assert_no_error (error);
  view = lw_policy_view_participant (f->store, lawyers, p, 0, &error);
  g_assert_no_error (error);
  field = lw_participant_view_lookup (view, "prosecution.notes");
  g_assert_cmpint (field->level, ==, LW_LEVEL_SUMMARY);
  /* the pending matter's latest position; the dismissed matter's is not shown */
  g_assert_cmpuint (field->value->children->len, ==, 1);
  item = g_ptr_array_index (field->value->children, 0);
  g_assert_cmpuint (item->children->len, ==, 1);
  g_assert_cmpstr (((LwViewValue *) g_ptr_array_index (item->children, 0))->text, ==, "Defer");
  g_assert_cmpstr (lw_participant_view_lookup (view, "housing.housing_status")->value->text, ==, "Shelter");
  g_assert_null (lw_participant_view_lookup (view, "housing.housing_notes"));
  g_assert_cmpint (lw_participant_view_lookup (view, "legal.matters")->level, ==, LW_LEVEL_FULL);
  g_clear_pointer (&view, lw_participant_view_free);

  /* project manager + service provider: the care_notes summary */
  g_clear_pointer (&lawyers, lw_audience_free);
  lawyers = lw_audience_parse ("project-manager,service-provider", &error);
  view = lw_policy_view_participant (f->store, lawyers, p, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lw_participant_view_lookup (view, "care_notes.contacts")->value->text, ==,
                   "2 contacts, the last on 1909-09-09");
  g_clear_pointer (&view, lw_participant_view_free);

  /* a legal summary needs legal at summary: lower the project manager's */
  g_assert_true (lw_policy_set (f->store, LW_ROLE_PROJECT_MANAGER, LW_CATEGORY_LEGAL, LW_LEVEL_SUMMARY, "test", &error));
  g_assert_true (lw_policy_set (f->store, LW_ROLE_PROJECT_MANAGER, LW_CATEGORY_HEALTH, LW_LEVEL_SUMMARY, "test", &error));
  g_assert_true (lw_policy_set (f->store, LW_ROLE_PROJECT_MANAGER, LW_CATEGORY_SUBSTANCE_USE, LW_LEVEL_SUMMARY, "test", &error));
  g_clear_pointer (&lawyers, lw_audience_free);
  lawyers = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_PROJECT_MANAGER));
  view = lw_policy_view_participant (f->store, lawyers, p, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lw_participant_view_lookup (view, "legal.matters")->value->text, ==, "A matter is pending");
  g_assert_null (lw_participant_view_lookup (view, "legal.diversion_decisions"));
  g_assert_cmpstr (lw_participant_view_lookup (view, "health.health_notes")->value->text, ==, "Health information on file");
  g_assert_cmpstr (lw_participant_view_lookup (view, "substance_use.substance_use")->value->text, ==,
                   "Substance use information on file");
  /* even the fact of substance use information carries the notice */
  g_assert_nonnull (lw_participant_view_get_notice (view));
}

/* Views made together are audited together: one entry per view that shows a
 * category at full, each naming its own participant, in one transaction of
 * their own (nested in the caller's, should it roll back) and in the chain,
 * which still verifies.  An entry that cannot be written takes the batch's
 * others with it: no view is returned, so none is recorded as seen.  Views
 * with nothing to record take no write lock.  A locked store makes none and
 * records none. */
static void
test_audit_view_batch (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAudience) pm = lw_audience_parse ("project-manager,police-officer", &error);
  g_autoptr(LwAudience) cr = lw_audience_parse ("community-representative", &error);
  g_autoptr(GPtrArray) views = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  LwId ids[N_SCENARIOS];
  gint64 before, n_entries = 0;

  g_assert_no_error (error);
  for (int i = 0; i < N_SCENARIOS; i++)
    ids[i] = f->subjects[i].participant_id;

  before = count_audit (f->store, LW_AUDIT_VIEW, NULL);
  views = lw_policy_view_participants (f->store, NULL, pm, ids, N_SCENARIOS, NULL, LW_VIEW_AUDITED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (views->len, ==, N_SCENARIOS);
  g_assert_cmpint (count_audit (f->store, LW_AUDIT_VIEW, NULL), ==, before + N_SCENARIOS);
  entries = lw_audit_list (f->store, &error);
  g_assert_no_error (error);
  for (int i = 0; i < N_SCENARIOS; i++)
    {
      const char *code = lw_participant_view_get_code (g_ptr_array_index (views, i));
      g_autofree char *needle = g_strdup_printf ("participant=%s ", code);
      const LwAuditEntry *entry = g_ptr_array_index (entries, entries->len - N_SCENARIOS + i);

      g_assert_cmpint (entry->event, ==, LW_AUDIT_VIEW);
      g_assert_nonnull (strstr (entry->detail, needle));
      g_assert_cmpint (count_audit (f->store, LW_AUDIT_VIEW, needle), ==, 1);
    }
  g_assert_true (lw_audit_verify (f->store, &n_entries, &error));
  g_assert_no_error (error);

  /* an entry that cannot be written (a trigger of this connection refuses
   * the third): no views, and none of the batch's entries, also not the two
   * written before it */
  {
    const char *third = lw_participant_view_get_code (g_ptr_array_index (views, 2));
    g_autofree char *sql = g_strdup_printf ("CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.audit "
                                            "WHEN new.detail LIKE 'participant=%s %%' "
                                            "BEGIN SELECT RAISE (ABORT, 'refused'); END", third);
    g_autoptr(GPtrArray) refused = NULL;

    before = count_audit (f->store, LW_AUDIT_VIEW, NULL);
    g_assert_cmpint (sqlite3_exec (_lw_store_get_db (f->store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
    refused = lw_policy_view_participants (f->store, NULL, pm, ids, N_SCENARIOS, NULL, LW_VIEW_AUDITED, &error);
    g_assert_null (refused);
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_cmpint (sqlite3_exec (_lw_store_get_db (f->store), "DROP TRIGGER temp.refuse", NULL, NULL, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (count_audit (f->store, LW_AUDIT_VIEW, NULL), ==, before);
    g_assert_true (lw_audit_verify (f->store, NULL, &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&views, g_ptr_array_unref);

  /* within the caller's transaction, rolled back: none of them stays */
  before = count_audit (f->store, LW_AUDIT_VIEW, NULL);
  g_assert_true (lw_store_begin (f->store, &error));
  views = lw_policy_view_participants (f->store, NULL, pm, ids, N_SCENARIOS, NULL, LW_VIEW_AUDITED, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_audit (f->store, LW_AUDIT_VIEW, NULL), ==, before + N_SCENARIOS);
  lw_store_rollback (f->store);
  g_assert_cmpint (count_audit (f->store, LW_AUDIT_VIEW, NULL), ==, before);
  g_assert_true (lw_audit_verify (f->store, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&views, g_ptr_array_unref);

  /* nothing above summary for anyone: nothing recorded, and no write lock
   * taken for it: another connection holding the lock does not hold it up */
  {
    sqlite3 *other = NULL;

    g_assert_cmpint (sqlite3_open (lw_store_get_path (f->store), &other), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
    views = lw_policy_view_participants (f->store, NULL, cr, ids, N_SCENARIOS, NULL, LW_VIEW_AUDITED, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (views->len, ==, N_SCENARIOS);
    g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (other);
  }
  g_assert_cmpint (count_audit (f->store, LW_AUDIT_VIEW, NULL), ==, before);
  g_clear_pointer (&views, g_ptr_array_unref);

  /* a locked store makes no views and records nothing */
  lw_store_lock (f->store);
  g_assert_null (lw_policy_view_participants (f->store, NULL, pm, ids, N_SCENARIOS, NULL, LW_VIEW_AUDITED, &error));
  g_assert_nonnull (error);
}

static void
test_audit_view (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwParticipant) p = get_participant (f, C_VALID);
  g_autoptr(LwAudience) pm = lw_audience_parse ("project-manager,police-officer", &error);
  g_autoptr(LwAudience) cr = lw_audience_parse ("community-representative", &error);
  g_autoptr(GPtrArray) entries = NULL;
  const LwAuditEntry *last;
  gint64 before = count_audit (f->store, LW_AUDIT_VIEW, NULL);

  g_assert_no_error (error);
  lw_participant_view_free (lw_policy_view_participant (f->store, pm, p, LW_VIEW_AUDITED, &error));
  g_assert_no_error (error);
  entries = lw_audit_list (f->store, &error);
  last = g_ptr_array_index (entries, entries->len - 1);
  g_assert_cmpint (last->event, ==, LW_AUDIT_VIEW);
  g_assert_cmpstr (last->actor, ==, "tester");
  g_assert_nonnull (strstr (last->detail, p->code));
  g_assert_nonnull (strstr (last->detail, "project-manager,police-officer"));
  g_assert_nonnull (strstr (last->detail, "identity"));
  g_assert_nonnull (strstr (last->detail, "legal"));
  g_assert_null (strstr (last->detail, "CANARY"));
  g_assert_null (strstr (last->detail, "1901-01-01"));
  g_assert_cmpint (count_audit (f->store, LW_AUDIT_VIEW, NULL), ==, before + 1);

  /* nothing above summary: nothing to audit */
  lw_participant_view_free (lw_policy_view_participant (f->store, cr, p, LW_VIEW_AUDITED, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_audit (f->store, LW_AUDIT_VIEW, NULL), ==, before + 1);

  /* a locked store makes no view */
  lw_store_lock (f->store);
  g_assert_null (lw_policy_view_participant (f->store, pm, p, LW_VIEW_AUDITED, &error));
  g_assert_nonnull (error);
}

static void
test_consent_rules (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LwConsent) c = lw_consent_new ();
  static const struct { const char *signed_date, *expires, *revoked; gboolean valid; } dates[] = {
    { TODAY, NULL, NULL, TRUE },
    { "2026-11-25", NULL, NULL, FALSE },          /* signed tomorrow */
    { NULL, NULL, NULL, FALSE },                  /* never signed */
    { "2026-01-01", TODAY, NULL, TRUE },          /* expires today */
    { "2026-01-01", "2026-11-23", NULL, FALSE },
    { "2026-01-01", NULL, "2026-11-25", TRUE },   /* revocation not yet in force */
    { "2026-01-01", NULL, TODAY, FALSE },
    { "2026-01-01", NULL, "2026-02-01", FALSE },
    { "not a date", NULL, NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_free (c->signed_date);
      g_free (c->expires);
      g_free (c->revoked);
      c->signed_date = g_strdup (dates[i].signed_date);
      c->expires = g_strdup (dates[i].expires);
      c->revoked = g_strdup (dates[i].revoked);
      g_assert_cmpint (lw_policy_consent_is_valid (c, TODAY), ==, dates[i].valid);
    }
  LW_RECORD (c)->damaged = 1;
  g_assert_false (lw_policy_consent_is_valid (c, TODAY));
  LW_RECORD (c)->damaged = 0;

  /* a role, with or without an agency */
  c->recipient_role = LW_ROLE_PROSECUTOR;
  c->recipient_agency = NULL;
  g_assert_true (lw_policy_consent_names (c, LW_ROLE_PROSECUTOR, NULL));
  g_assert_true (lw_policy_consent_names (c, LW_ROLE_PROSECUTOR, "Harbor County Prosecuting Attorney"));
  g_assert_false (lw_policy_consent_names (c, LW_ROLE_PUBLIC_DEFENDER, NULL));
  c->recipient_agency = g_strdup ("Harbor County Prosecuting Attorney");
  /* a role at one agency: a member given by role alone is not named */
  g_assert_false (lw_policy_consent_names (c, LW_ROLE_PROSECUTOR, NULL));
  g_assert_false (lw_policy_consent_names (c, LW_ROLE_PROSECUTOR, ""));
  g_assert_true (lw_policy_consent_names (c, LW_ROLE_PROSECUTOR, "harbor county prosecuting attorney"));
  g_assert_true (lw_policy_consent_names (c, LW_ROLE_PROSECUTOR, " Harbor County Prosecuting Attorney "));
  g_assert_false (lw_policy_consent_names (c, LW_ROLE_PROSECUTOR, "Another Office"));
  g_assert_false (lw_policy_consent_names (c, LW_ROLE_PUBLIC_DEFENDER, "Harbor County Prosecuting Attorney"));
  /* an agency alone */
  c->recipient_role = -1;
  g_assert_false (lw_policy_consent_names (c, LW_ROLE_PROSECUTOR, NULL));
  g_assert_true (lw_policy_consent_names (c, LW_ROLE_SERVICE_PROVIDER, "Harbor County Prosecuting Attorney"));
  g_assert_false (lw_policy_consent_names (c, LW_ROLE_SERVICE_PROVIDER, "Evergreen"));
}

/* No spelling of a treatment program takes its staff out of its protection. */
static void
test_program_spellings (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(GStrv) marked = lw_policy_get_part2_agencies (f->store);
  static const char * const same[] = {
    PART2_AGENCY, "harbor detox center", "  Harbor  Detox  Center ", "Harbor Detox Center.",
    "Harbor\u00a0Detox\u00a0Center", "HARBOR-DETOX-CENTER", "Harbor\tDetox Center",
  };
  static const char * const other[] = { "Harbor Detox", "Harbor Detox Center Inc", "", "Bayview" };

  g_assert_cmpuint (g_strv_length (marked), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    if (!lw_policy_agency_in ((const char * const *) marked, same[i]))
      g_error ("“%s” escaped the program's marking", same[i]);
  for (guint i = 0; i < G_N_ELEMENTS (other); i++)
    g_assert_false (lw_policy_agency_in ((const char * const *) marked, other[i]));
  /* unmarking by another spelling takes it off */
  g_assert_true (lw_policy_set_agency_part2 (f->store, "harbor  detox center.", FALSE, "closed", NULL));
  g_clear_pointer (&marked, g_strfreev);
  marked = lw_policy_get_part2_agencies (f->store);
  g_assert_cmpuint (g_strv_length (marked), ==, 0);
}

/* A release naming an agency reaches an audience member of that agency only. */
static void
test_agency_consent (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwParticipant) p = get_participant (f, C_NONE);
  g_autoptr(LwConsent) consent = lw_consent_new ();
  g_autoptr(LwAudience) plain = NULL;
  g_autoptr(LwAudience) evergreen = NULL;
  g_autoptr(LwAudience) other = NULL;

  consent->participant_id = p->id;
  consent->recipient_role = -1;
  consent->recipient_agency = g_strdup ("Evergreen Recovery Services");
  consent->categories = LW_CATEGORY_BIT (LW_CATEGORY_SUBSTANCE_USE);
  consent->signed_date = g_strdup ("2026-06-01");
  insert (f->store, consent);

  plain = lw_audience_parse ("service-provider", &error);
  evergreen = lw_audience_parse ("service-provider@Evergreen Recovery Services", &error);
  other = lw_audience_parse ("service-provider@Bayview Housing Collective,service-provider@Evergreen Recovery Services", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lw_audience_get_n_members (other), ==, 2);
  g_assert_cmpint (lw_policy_get_level (f->store, plain, p->id, LW_CATEGORY_SUBSTANCE_USE, &error), ==, LW_LEVEL_NONE);
  g_assert_cmpint (lw_policy_get_level (f->store, evergreen, p->id, LW_CATEGORY_SUBSTANCE_USE, &error), ==, LW_LEVEL_FULL);
  g_assert_cmpint (lw_policy_get_level (f->store, evergreen, p->id, LW_CATEGORY_HEALTH, &error), ==, LW_LEVEL_NONE);
  /* everyone in the room must be named */
  g_assert_cmpint (lw_policy_get_level (f->store, other, p->id, LW_CATEGORY_SUBSTANCE_USE, &error), ==, LW_LEVEL_NONE);
  g_assert_no_error (error);
}

static void
test_audience (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAudience) a = lw_audience_parse (" prosecutor ,public-defender,prosecutor", &error);
  g_autoptr(LwAudience) empty = lw_audience_new ();
  g_autoptr(LwAudience) evaluator = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_EVALUATOR));
  g_autoptr(LwAudience) copy = NULL;
  g_autofree char *text = NULL;
  LwLevel l_empty[LW_N_CATEGORIES], l_eval[LW_N_CATEGORIES];

  g_assert_no_error (error);
  g_assert_cmpuint (lw_audience_get_roles (a), ==, LW_ROLE_BIT (LW_ROLE_PROSECUTOR) | LW_ROLE_BIT (LW_ROLE_PUBLIC_DEFENDER));
  g_assert_cmpuint (lw_audience_get_n_members (a), ==, 2);
  text = lw_audience_to_string (a);
  g_assert_cmpstr (text, ==, "prosecutor,public-defender");
  copy = lw_audience_copy (a);
  g_assert_cmpuint (lw_audience_get_roles (copy), ==, lw_audience_get_roles (a));

  g_assert_null (lw_audience_parse ("prosecutor,judge", &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "judge"));
  g_clear_error (&error);
  g_assert_null (lw_audience_parse (" , ", &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_clear_error (&error);

  /* nobody on the list: the most restrictive role */
  g_assert_true (lw_audience_is_empty (empty));
  g_assert_true (lw_policy_get_levels (f->store, empty, f->subjects[C_VALID].participant_id, l_empty, &error));
  g_assert_true (lw_policy_get_levels (f->store, evaluator, f->subjects[C_VALID].participant_id, l_eval, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (l_empty, sizeof l_empty, l_eval, sizeof l_eval);

  g_assert_cmpstr (lw_level_to_string (LW_LEVEL_CONSENT), ==, "consent");
  g_assert_cmpint (lw_level_from_string ("SUMMARY"), ==, LW_LEVEL_SUMMARY);
  g_assert_cmpint (lw_level_from_string ("most"), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  /* the scenarios' dates are relative to this day */
  g_setenv ("LEAD_WORKGROUP_TODAY", TODAY, TRUE);
  g_setenv ("LEAD_WORKGROUP_TEST_WEAK_KDF", "1", FALSE);
  g_test_init (&argc, &argv, NULL);
  load_design ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/lw/policy/exhaustive", test_exhaustive);
  ADD ("/lw/policy/default-matrix", test_default_matrix);
  ADD ("/lw/policy/edit-matrix", test_edit_matrix);
  ADD ("/lw/policy/reason-required", test_reason_required);
  ADD ("/lw/policy/change-audited", test_change_audited);
  ADD ("/lw/policy/tampered-setting", test_tampered_setting);
  ADD ("/lw/policy/set-then-view", test_set_then_view);
  ADD ("/lw/policy/summaries", test_summaries);
  ADD ("/lw/policy/audit-view", test_audit_view);
  ADD ("/lw/policy/audit-view-batch", test_audit_view_batch);
  ADD ("/lw/policy/consent-rules", test_consent_rules);
  ADD ("/lw/policy/agency-consent", test_agency_consent);
  ADD ("/lw/policy/program-spellings", test_program_spellings);
  ADD ("/lw/policy/audience", test_audience);
#undef ADD

  return g_test_run ();
}
