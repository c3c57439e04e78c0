/* test-records-attack.c: the record writes of lw-edit, the command line and
 * CSV imports, used the way someone who wants more than their role gives them
 * would use them
 *
 * - a role learns nothing of a value it may not see: not from a write that
 *   "succeeds" because the value it guessed was already there, not from a
 *   write over a row that changed meanwhile, not from a message;
 * - a release naming an agency, and a record marked as concerning health or
 *   treatment, let nobody else write;
 * - history stays: a release that has been in effect cannot be made to look
 *   as if it never was, and then deleted;
 * - every bad input changes nothing and gets one message that quotes nothing
 *   sensitive; a participant code that only looks different is the same code;
 * - a write that fails half way leaves no row and no audit entry behind, and
 *   the file and its audit chain check clean afterwards;
 * - no canary in a debug log, a temporary file, the file or its WAL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lw/lw-audit.h"
#include "lw/lw-edit.h"
#include "lw/lw-error.h"
#include "lw/lw-export.h"
#include "lw/lw-import.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw/lw-vault.h"
#include "lw-i18n-private.h"
#include "lw-test-util.h"

/* LEAD_WORKGROUP_TODAY of the tests */
#define TODAY "2026-11-24"

typedef struct
{
  LwTestProgram program;  /* the file: dir, path, store */
  LwId          cm;       /* Riley Sample, case manager */
  LwId          officer;  /* Avery Patrol, police officer */
  LwId          pid;      /* P-0001 */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  lw_test_program_setup (&f->program);
  f->cm = lw_test_add_member (f->program.store, "Riley Sample", LW_ROLE_CASE_MANAGER, TRUE);
  f->officer = lw_test_add_member (f->program.store, "Avery Patrol", LW_ROLE_POLICE_OFFICER, TRUE);
  f->pid = lw_test_new_participant (f->program.store, LW_ROLE_CASE_MANAGER, "P-0001");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lw_test_program_teardown (&f->program);
}

/* The audit chain verifies and the file checks clean, in the core and as
 * `lead-workgroup check` and `audit verify` say. */
static void
assert_file_clean (Fixture *f)
{
  g_auto(LwTestResult) check = { 0 };
  g_auto(LwTestResult) verify = { 0 };

  lw_test_assert_store_clean (f->program.store);
  g_clear_pointer (&f->program.store, lw_store_free);
  lw_test_run (&check, LW_TEST_PASSPHRASE, "check", "--database", f->program.path, NULL);
  if (check.status != 0)
    g_error ("check: exit %d: %s%s", check.status, check.out, check.err);
  lw_test_run (&verify, LW_TEST_PASSPHRASE, "audit", "verify", "--database", f->program.path, NULL);
  if (verify.status != 0)
    g_error ("audit verify: exit %d: %s%s", verify.status, verify.out, verify.err);
  lw_test_program_reopen (&f->program);
}

/* Runs the command line on the fixture's file (closed meanwhile); args end
 * with NULL. */
static void
run_cli (Fixture      *f,
         LwTestResult *r,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;
  const char *arg;

  va_start (ap, r);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, "--database");
  g_ptr_array_add (args, f->program.path);
  g_ptr_array_add (args, NULL);
  g_clear_pointer (&f->program.store, lw_store_free);
  lw_test_run_argv (r, LW_TEST_PASSPHRASE, (const char * const *) args->pdata);
  lw_test_program_reopen (&f->program);
}

/* ----------------------------------------------------------------------------
 * A write does not answer questions about values the role may not see
 */

/* Set by a case manager: what a police officer must not learn. */
static void
give_sensitive_values (Fixture *f,
                       LwId    *goal_id,
                       LwId    *consent_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwParticipant) p = lw_store_get (f->program.store, &lw_participant_table, f->pid, &error);
  g_autoptr(LwPlanGoal) goal = lw_edit_record_new (&lw_plan_goal_table);
  g_autoptr(LwConsent) consent = lw_edit_record_new (&lw_consent_table);

  lw_test_set_field (f->program.store, p, "health_notes", "CANARY-oracle-health");
  g_assert_true (lw_edit_update (f->program.store, LW_ROLE_CASE_MANAGER, p, NULL, &error));
  g_assert_no_error (error);

  goal->participant_id = f->pid;
  lw_test_set_field (f->program.store, goal, "domain", "housing");
  lw_test_set_field (f->program.store, goal, "text", "CANARY-oracle-goal");
  g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_CASE_MANAGER, goal, NULL, &error));
  g_assert_no_error (error);
  *goal_id = goal->id;

  consent->participant_id = f->pid;
  lw_test_set_field (f->program.store, consent, "recipient_role", "prosecutor");
  lw_test_set_field (f->program.store, consent, "categories", "legal");
  lw_test_set_field (f->program.store, consent, "signed_date", "2026-10-01");
  lw_test_set_field (f->program.store, consent, "revoked", "2026-11-01");
  g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_CASE_MANAGER, consent, NULL, &error));
  g_assert_no_error (error);
  *consent_id = consent->id;
}

/* A police officer who guesses a value right must be refused exactly as one
 * who guesses wrong: else "Saved" confirms the health notes, that there are no
 * substance-use notes at all, a goal's status or the date a release was
 * revoked.  Each attempt is refused, audited, and says nothing of the value. */
static void
test_cli_no_equality_oracle (Fixture       *f,
                             gconstpointer  data)
{
  LwId goal_id, consent_id;
  g_autofree char *goal = NULL;
  g_autofree char *consent = NULL;
  guint refused;
  static const char *guesses[][2] = {
    { "--health-notes", "CANARY-oracle-health" },   /* right */
    { "--health-notes", "CANARY-oracle-wrong" },    /* wrong */
    { "--substance-use", "" },                      /* "has none": right */
  };

  give_sensitive_values (f, &goal_id, &consent_id);
  goal = g_strdup_printf ("%" G_GINT64_FORMAT, goal_id);
  consent = g_strdup_printf ("%" G_GINT64_FORMAT, consent_id);
  refused = lw_test_count_audit_events (f->program.store, LW_AUDIT_WRITE_REFUSED, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (guesses); i++)
    {
      g_auto(LwTestResult) r = { 0 };

      run_cli (f, &r, "participant", "edit", "P-0001", guesses[i][0], guesses[i][1], "--as", "police-officer", NULL);
      if (r.status != 1 || strstr (r.err, "police officer") == NULL)
        g_error ("guess %u: exit %d, out “%s”, err “%s”", i, r.status, r.out, r.err);
      g_assert_cmpstr (r.out, ==, "");
      g_assert_cmpuint (lw_test_count_lines (r.err), ==, 1);
      g_assert_null (strstr (r.err, "CANARY"));
      g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_WRITE_REFUSED, NULL), ==, ++refused);
    }

  /* a lookup the role may not make says nothing: refused before it is made */
  {
    static const char *probes[][2] = {
      { "--case-manager", "Nobody Known" },
      { "--referral-date", "not a date" },
      { "--status", "no-such-status" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
      {
        g_auto(LwTestResult) r = { 0 };

        run_cli (f, &r, "participant", "edit", "P-0001", probes[i][0], probes[i][1], "--as", "evaluator", NULL);
        if (r.status != 1 || strstr (r.err, "evaluator") == NULL)
          g_error ("probe %u: exit %d: %s", i, r.status, r.err);
        g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_WRITE_REFUSED, NULL), ==, ++refused);
      }
  }
  {
    g_auto(LwTestResult) r = { 0 };

    run_cli (f, &r, "goal", "edit", goal, "--status", "no-such-status", "--as", "police-officer", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "police officer"));
    g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_WRITE_REFUSED, NULL), ==, ++refused);
  }

  /* the goal's status (the plan, at summary for the police) as it is */
  {
    g_auto(LwTestResult) r = { 0 };

    run_cli (f, &r, "goal", "edit", goal, "--status", "not-started", "--as", "police-officer", "--json", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpstr (r.out, ==, "");
    g_assert_nonnull (strstr (r.err, "police officer"));
    g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_WRITE_REFUSED, NULL), ==, ++refused);
  }
  /* the release's revocation date (care notes) as it is */
  {
    g_auto(LwTestResult) r = { 0 };

    run_cli (f, &r, "consent", "revoke", consent, "--date", "2026-11-01", "--as", "police-officer", "--json", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpstr (r.out, ==, "");
    g_assert_nonnull (strstr (r.err, "police officer"));
    g_assert_null (strstr (r.err, "2026-11-01"));
    g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_WRITE_REFUSED, NULL), ==, ++refused);
  }
  /* and the one that may: the already revoked release says so */
  {
    g_auto(LwTestResult) r = { 0 };

    run_cli (f, &r, "consent", "revoke", consent, "--as", "case-manager", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "already revoked"));
  }

  {
    g_autoptr(LwParticipant) p = lw_store_get (f->program.store, &lw_participant_table, f->pid, NULL);
    g_autoptr(LwPlanGoal) g = lw_store_get (f->program.store, &lw_plan_goal_table, goal_id, NULL);

    g_assert_cmpstr (p->health_notes, ==, "CANARY-oracle-health");
    g_assert_null (p->substance_use);
    g_assert_cmpint (g->status, ==, LW_GOAL_NOT_STARTED);
  }
  assert_file_clean (f);
}

/* The same for a community concern's response (location): a community
 * representative who repeats the stored response must be refused too. */
static void
test_concern_response_no_oracle (Fixture       *f,
                                 gconstpointer  data)
{
  g_auto(LwTestResult) add = { 0 };
  g_auto(LwTestResult) respond = { 0 };
  g_auto(LwTestResult) right = { 0 };
  g_auto(LwTestResult) wrong = { 0 };
  guint refused;

  run_cli (f, &add, "concern", "add", "--reported-by", "A neighbour", "--area", "Harbor",
           "--text", "CANARY-concern-text", NULL);
  g_assert_cmpint (add.status, ==, 0);
  run_cli (f, &respond, "concern", "respond", "1", "--response", "CANARY-concern-response", NULL);
  g_assert_cmpint (respond.status, ==, 0);
  refused = lw_test_count_audit_events (f->program.store, LW_AUDIT_WRITE_REFUSED, NULL);

  run_cli (f, &right, "concern", "respond", "1", "--response", "CANARY-concern-response",
           "--as", "community-representative", NULL);
  run_cli (f, &wrong, "concern", "respond", "1", "--response", "CANARY-concern-wrong",
           "--as", "community-representative", NULL);
  g_assert_cmpint (right.status, ==, 1);
  g_assert_cmpint (wrong.status, ==, 1);
  g_assert_cmpstr (right.out, ==, "");
  g_assert_cmpstr (right.err, ==, wrong.err);
  g_assert_null (strstr (right.err, "CANARY"));
  g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_WRITE_REFUSED, NULL), ==, refused + 2);
  assert_file_clean (f);
}

/* A form or a command changes what it names, over the row as it is when it is
 * written, not as it was read: a column the role may not see that changed
 * meanwhile is neither written back as it was read (lost, or a refusal that
 * says it changed) nor a reason to refuse. */
static void
test_stale_record_keeps_hidden_columns (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwParticipant) officer_copy = lw_store_get (f->program.store, &lw_participant_table, f->pid, &error);
  g_autoptr(LwParticipant) cm_copy = lw_store_get (f->program.store, &lw_participant_table, f->pid, &error);
  g_autoptr(LwParticipant) other = lw_store_get (f->program.store, &lw_participant_table, f->pid, &error);
  g_autoptr(LwParticipant) back = NULL;
  const LwColumnInfo *address[] = { lw_table_find_column (&lw_participant_table, "address"), NULL };
  const LwColumnInfo *housing[] = { lw_table_find_column (&lw_participant_table, "housing_notes"), NULL };
  g_autofree char *detail = NULL;
  guint refused = lw_test_count_audit_events (f->program.store, LW_AUDIT_WRITE_REFUSED, NULL);
  guint edits = lw_test_count_audit_events (f->program.store, LW_AUDIT_RECORD_EDIT, NULL);

  /* meanwhile, a case manager writes substance-use notes */
  lw_test_set_field (f->program.store, other, "substance_use", "CANARY-stale-substance");
  g_assert_true (lw_edit_update (f->program.store, LW_ROLE_CASE_MANAGER, other, NULL, &error));
  g_assert_no_error (error);

  /* the officer's copy predates them; the officer changes the address only */
  lw_test_set_field (f->program.store, officer_copy, "address", "CANARY-stale-address");
  g_assert_true (lw_edit_update_columns (f->program.store, LW_ROLE_POLICE_OFFICER, officer_copy, address, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_WRITE_REFUSED, NULL), ==, refused);
  g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_RECORD_EDIT, &detail), ==, edits + 2);
  g_assert_nonnull (strstr (detail, "role=police-officer"));

  /* a second case manager's stale copy does not undo the first one's notes */
  lw_test_set_field (f->program.store, cm_copy, "housing_notes", "CANARY-stale-housing");
  g_assert_true (lw_edit_update_columns (f->program.store, LW_ROLE_CASE_MANAGER, cm_copy, housing, NULL, &error));
  g_assert_no_error (error);

  lw_test_program_reopen (&f->program);
  back = lw_store_get (f->program.store, &lw_participant_table, f->pid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->substance_use, ==, "CANARY-stale-substance");
  g_assert_cmpstr (back->address, ==, "CANARY-stale-address");
  g_assert_cmpstr (back->housing_notes, ==, "CANARY-stale-housing");

  /* naming a column the role may not write is refused whatever its value */
  {
    const LwColumnInfo *health[] = { lw_table_find_column (&lw_participant_table, "health_notes"), NULL };
    const LwColumnInfo *bad = NULL;

    g_assert_false (lw_edit_update_columns (f->program.store, LW_ROLE_POLICE_OFFICER, back, health, &bad, &error));
    g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
    g_assert_true (bad == health[0]);
    g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_WRITE_REFUSED, NULL), ==, refused + 1);
  }
  assert_file_clean (f);
}

/* ----------------------------------------------------------------------------
 * Releases and markers
 */

static LwId
add_consent (Fixture    *f,
             const char *role,
             const char *agency,
             const char *categories)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwConsent) c = lw_edit_record_new (&lw_consent_table);

  c->participant_id = f->pid;
  if (role)
    lw_test_set_field (f->program.store, c, "recipient_role", role);
  if (agency)
    lw_test_set_field (f->program.store, c, "recipient_agency", agency);
  lw_test_set_field (f->program.store, c, "categories", categories);
  lw_test_set_field (f->program.store, c, "signed_date", "2026-10-01");
  g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_CASE_MANAGER, c, NULL, &error));
  g_assert_no_error (error);
  return c->id;
}

static gboolean
try_health (Fixture    *f,
            LwRole      role,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwParticipant) p = lw_store_get (f->program.store, &lw_participant_table, f->pid, NULL);
  gboolean ok;

  lw_test_set_field (f->program.store, p, "health_notes", text);
  ok = lw_edit_update (f->program.store, role, p, NULL, &error);
  if (!ok)
    {
      g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
      g_assert_null (strstr (error->message, "CANARY"));
    }
  return ok;
}

/* A release that names an agency ("service providers at Harbor Detox", or
 * anyone there) lets nobody whose agency is not known write: the role at the
 * keyboard is a role, not a member of an agency.  A release that names the role
 * alone does. */
static void
test_agency_consent_writes_nothing (Fixture       *f,
                                   gconstpointer  data)
{
  guint refused = lw_test_count_audit_events (f->program.store, LW_AUDIT_WRITE_REFUSED, NULL);
  g_autoptr(LwParticipant) p = NULL;

  add_consent (f, "service-provider", "Harbor Detox", "health");
  add_consent (f, NULL, "Harbor Detox", "health,substance_use");
  g_assert_false (try_health (f, LW_ROLE_SERVICE_PROVIDER, "CANARY-agency-1"));
  g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_WRITE_REFUSED, NULL), ==, refused + 1);

  /* a release to the role itself */
  add_consent (f, "service-provider", NULL, "health");
  g_assert_true (try_health (f, LW_ROLE_SERVICE_PROVIDER, "CANARY-agency-2"));
  /* not to another role */
  g_assert_false (try_health (f, LW_ROLE_PROSECUTOR, "CANARY-agency-3"));
  p = lw_store_get (f->program.store, &lw_participant_table, f->pid, NULL);
  g_assert_cmpstr (p->health_notes, ==, "CANARY-agency-2");
  assert_file_clean (f);
}

/* A goal or action item marked as concerning treatment or health is written
 * only by a role that sees that category at full: not edited, unmarked,
 * reassigned or deleted by one that sees the plan only. */
static void
test_marked_records (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwPlanGoal) goal = lw_edit_record_new (&lw_plan_goal_table);
  g_autoptr(LwActionItem) action = lw_edit_record_new (&lw_action_item_table);
  g_autoptr(LwPlanGoal) g = NULL;
  g_autoptr(LwActionItem) a = NULL;
  guint refused = lw_test_count_audit_events (f->program.store, LW_AUDIT_WRITE_REFUSED, NULL);
  const LwColumnInfo *bad = NULL;

  goal->participant_id = f->pid;
  lw_test_set_field (f->program.store, goal, "domain", "housing");
  lw_test_set_field (f->program.store, goal, "text", "CANARY-marked-goal");
  lw_test_set_field (f->program.store, goal, "concerns", "treatment");
  g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_CASE_MANAGER, goal, NULL, &error));
  g_assert_no_error (error);
  action->participant_id = f->pid;
  lw_test_set_field (f->program.store, action, "text", "CANARY-marked-action");
  lw_test_set_field (f->program.store, action, "owner_id", "Riley Sample");
  lw_test_set_field (f->program.store, action, "concerns", "health");
  g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_CASE_MANAGER, action, NULL, &error));
  g_assert_no_error (error);

  /* the project manager sees the plan at full, treatment and health not */
  g = lw_store_get (f->program.store, &lw_plan_goal_table, goal->id, NULL);
  lw_test_set_field (f->program.store, g, "target_date", "2027-01-01");
  g_assert_false (lw_edit_update (f->program.store, LW_ROLE_PROJECT_MANAGER, g, &bad, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
  g_clear_error (&error);
  g_clear_pointer (&g, lw_record_free);
  g = lw_store_get (f->program.store, &lw_plan_goal_table, goal->id, NULL);
  lw_test_set_field (f->program.store, g, "concerns", "");
  g_assert_false (lw_edit_update (f->program.store, LW_ROLE_PROJECT_MANAGER, g, &bad, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (lw_edit_delete (f->program.store, LW_ROLE_PROJECT_MANAGER, &lw_plan_goal_table, goal->id, NULL, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
  g_clear_error (&error);

  a = lw_store_get (f->program.store, &lw_action_item_table, action->id, NULL);
  lw_test_set_field (f->program.store, a, "owner_id", "Avery Patrol");
  g_assert_false (lw_edit_update (f->program.store, LW_ROLE_PROJECT_MANAGER, a, &bad, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
  g_assert_null (strstr (error->message, "CANARY"));
  g_clear_error (&error);
  g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_WRITE_REFUSED, NULL), ==, refused + 4);

  /* and marking a goal of one's own as treatment is writing treatment */
  {
    g_autoptr(LwPlanGoal) mine = lw_edit_record_new (&lw_plan_goal_table);

    mine->participant_id = f->pid;
    lw_test_set_field (f->program.store, mine, "domain", "treatment");
    lw_test_set_field (f->program.store, mine, "text", "CANARY-marked-new");
    g_assert_false (lw_edit_insert (f->program.store, LW_ROLE_PROJECT_MANAGER, mine, NULL, &error));
    g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
    g_clear_error (&error);
  }

  g_clear_pointer (&g, lw_record_free);
  g_clear_pointer (&a, lw_record_free);
  g = lw_store_get (f->program.store, &lw_plan_goal_table, goal->id, NULL);
  a = lw_store_get (f->program.store, &lw_action_item_table, action->id, NULL);
  g_assert_cmpint (g->concerns, ==, LW_CONCERNS_TREATMENT);
  g_assert_null (g->target_date);
  g_assert_cmpint (a->owner_id, ==, f->cm);
  assert_file_clean (f);
}

/* The staff of a substance-use treatment program are named on a participant's
 * record by role alone for a role that does not see treatment at full (42 CFR
 * Part 2: being a patient there is itself protected).  Such a role must not
 * learn who they are from the member's number in the command line's output,
 * replace them unseen, or undo the masking by changing the member: their
 * agency (then the name shows) or their role (then a role no one else has
 * picks them out). */
static void
test_treatment_staff_stay_unnamed (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwParticipant) p = lw_store_get (f->program.store, &lw_participant_table, f->pid, NULL);
  g_autoptr(LwPerson) dee = NULL;
  g_auto(GStrv) part2 = NULL;
  LwLevel police[LW_N_CATEGORIES];
  LwId id;
  guint refused;
  static const struct { const char *column; const char *value; LwRole role; gboolean ok; } edits[] = {
    { "agency", "Elsewhere", LW_ROLE_POLICE_OFFICER, FALSE },
    { "role", "evaluator", LW_ROLE_POLICE_OFFICER, FALSE },
    { "agency", "", LW_ROLE_PROJECT_MANAGER, FALSE },
    { "role", "peer-outreach", LW_ROLE_PROSECUTOR, FALSE },
    /* what says nothing about anyone's treatment */
    { "name", "Dee Renamed", LW_ROLE_POLICE_OFFICER, TRUE },
    { "active", "no", LW_ROLE_PROJECT_MANAGER, TRUE },
    /* a role that sees treatment at full */
    { "agency", "Harbor Outpatient", LW_ROLE_CASE_MANAGER, TRUE },
  };

  g_assert_true (lw_policy_set_agency_part2 (f->program.store, "Harbor Detox", TRUE, "A treatment program", &error));
  g_assert_no_error (error);
  {
    g_autoptr(LwPerson) person = lw_edit_record_new (&lw_person_table);

    person->name = g_strdup ("Dee Detox");
    person->agency = g_strdup ("Harbor Detox");
    person->role = LW_ROLE_CASE_MANAGER;
    g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_PROJECT_MANAGER, person, NULL, &error));
    g_assert_no_error (error);
    id = person->id;
  }
  p->case_manager_id = id;
  g_assert_true (lw_edit_update (f->program.store, LW_ROLE_CASE_MANAGER, p, NULL, &error));
  g_assert_no_error (error);

  /* as the police see the record: by role */
  {
    g_autoptr(LwAudience) audience = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_POLICE_OFFICER));
    g_autofree char *label = NULL;

    g_assert_true (lw_policy_get_levels (f->program.store, audience, f->pid, police, &error));
    part2 = lw_policy_get_part2_agencies (f->program.store);
    dee = lw_store_get (f->program.store, &lw_person_table, id, NULL);
    label = lw_policy_person_label (dee, (const char * const *) part2, police);
    g_assert_cmpstr (label, ==, "Case manager");
  }

  /* nor by number in what the command line prints, nor replaced unseen */
  refused = lw_test_count_audit_events (f->program.store, LW_AUDIT_WRITE_REFUSED, NULL);
  {
    g_auto(LwTestResult) edit = { 0 };
    g_auto(LwTestResult) replace = { 0 };
    g_auto(LwTestResult) cm = { 0 };
    g_autoptr(JsonNode) node = NULL;
    JsonObject *o;

    run_cli (f, &edit, "participant", "edit", "P-0001", "--status", "active", "--as", "police-officer", "--json", NULL);
    g_assert_cmpint (edit.status, ==, 0);
    node = lw_test_parse_json (edit.out);
    o = json_node_get_object (node);
    g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "active");
    g_assert_false (json_object_has_member (o, "case_manager_id"));
    g_assert_null (strstr (edit.out, "Dee"));

    run_cli (f, &replace, "participant", "edit", "P-0001", "--case-manager", "Riley Sample",
             "--as", "police-officer", NULL);
    g_assert_cmpint (replace.status, ==, 1);
    g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_WRITE_REFUSED, NULL), ==, ++refused);

    /* who sees treatment does see them */
    run_cli (f, &cm, "participant", "edit", "P-0001", "--flagged", "yes", "--as", "case-manager", "--json", NULL);
    g_clear_pointer (&node, json_node_unref);
    node = lw_test_parse_json (cm.out);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "case_manager_id"), ==, id);
  }

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autoptr(LwPerson) person = lw_store_get (f->program.store, &lw_person_table, id, NULL);
      const LwColumnInfo *columns[] = { lw_table_find_column (&lw_person_table, edits[i].column), NULL };
      gboolean ok;

      g_clear_error (&error);
      lw_test_set_field (f->program.store, person, edits[i].column, edits[i].value);
      ok = lw_edit_update_columns (f->program.store, edits[i].role, person, columns, NULL, &error);
      if (ok != edits[i].ok)
        g_error ("edit %u (%s as %s): %s", i, edits[i].column, lw_role_to_string (edits[i].role),
                 ok ? "written" : error->message);
      if (!ok)
        {
          g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
          g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_WRITE_REFUSED, NULL), ==, ++refused);
        }
      /* and the whole record, as the command line and the form did before */
      if (!edits[i].ok)
        {
          g_clear_error (&error);
          g_assert_false (lw_edit_update (f->program.store, edits[i].role, person, NULL, &error));
          g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
          g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_WRITE_REFUSED, NULL), ==, ++refused);
        }
    }
  g_clear_error (&error);
  g_clear_pointer (&dee, lw_record_free);
  dee = lw_store_get (f->program.store, &lw_person_table, id, NULL);
  g_assert_cmpstr (dee->agency, ==, "Harbor Outpatient");
  g_assert_cmpint (dee->role, ==, LW_ROLE_CASE_MANAGER);
  assert_file_clean (f);
}

/* ----------------------------------------------------------------------------
 * History
 */

/* A release that has been in effect stays as the record of what it allowed:
 * its signature cannot move into the future to make it look as if it never
 * was, and so be deleted.  One recorded before it takes effect can still be
 * corrected and deleted. */
static void
test_release_history_stays (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LwId id = add_consent (f, "prosecutor", NULL, "legal");
  g_autoptr(LwConsent) c = lw_store_get (f->program.store, &lw_consent_table, id, NULL);
  const LwColumnInfo *bad = NULL;
  gint64 consents;

  lw_test_set_field (f->program.store, c, "signed_date", "2099-01-01");
  lw_test_set_field (f->program.store, c, "expires", "2099-02-01");
  g_assert_false (lw_edit_update (f->program.store, LW_ROLE_CASE_MANAGER, c, &bad, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_assert_cmpstr (bad->name, ==, "signed_date");
  g_clear_error (&error);
  g_assert_false (lw_edit_delete (f->program.store, LW_ROLE_CASE_MANAGER, &lw_consent_table, id, NULL, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_IN_USE);
  g_clear_error (&error);

  consents = lw_store_count (f->program.store, &lw_consent_table, NULL);
  {
    g_autoptr(LwConsent) future = lw_edit_record_new (&lw_consent_table);
    g_autoptr(LwConsent) moved = NULL;

    future->participant_id = f->pid;
    lw_test_set_field (f->program.store, future, "recipient_role", "prosecutor");
    lw_test_set_field (f->program.store, future, "categories", "legal");
    lw_test_set_field (f->program.store, future, "signed_date", "2026-11-25");
    g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_CASE_MANAGER, future, &bad, &error));
    g_assert_no_error (error);
    moved = lw_record_copy (future);
    lw_test_set_field (f->program.store, moved, "signed_date", "2026-12-01");
    g_assert_true (lw_edit_update (f->program.store, LW_ROLE_CASE_MANAGER, moved, &bad, &error));
    g_assert_no_error (error);
    g_assert_true (lw_edit_delete (f->program.store, LW_ROLE_CASE_MANAGER, &lw_consent_table, future->id, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (lw_store_count (f->program.store, &lw_consent_table, NULL), ==, consents);
  g_clear_pointer (&c, lw_record_free);
  c = lw_store_get (f->program.store, &lw_consent_table, id, NULL);
  g_assert_cmpstr (c->signed_date, ==, "2026-10-01");
  g_assert_null (c->revoked);
  assert_file_clean (f);
}

/* ----------------------------------------------------------------------------
 * Bad input
 */

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *long_text = g_strnfill (16385, 'x');
  g_autofree char *longest = g_strnfill (16384, 'x');
  const struct { const char *table; const char *column; const char *text; } bad[] = {
    { "participant", "date_of_birth", "2026-02-30" },
    { "participant", "date_of_birth", "0000-00-00" },
    { "participant", "date_of_birth", "2026-2-3" },
    { "participant", "date_of_birth", "２０２６-01-01" },            /* fullwidth digits */
    { "participant", "date_of_birth", "\xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa6-01-01" },  /* Arabic-Indic */
    { "participant", "date_of_birth", "1990-01-01T00:00" },
    { "participant", "date_of_birth", "+990-01-01" },
    { "participant", "status", "ＡＣＴＩＶＥ" },                     /* fullwidth letters */
    { "participant", "status", "act\xe2\x80\x8bive" },               /* a zero-width space */
    { "participant", "status", "activ\xc3\xa9" },
    { "participant", "referral_route", "arrest\ndiversion" },
    { "participant", "legal_name", long_text },
    { "participant", "legal_name", "Synthetic\x1b[2J" },
    { "participant", "legal_name", "Synthetic\xe2\x80\xae" "emaN" },  /* a right-to-left override */
    { "participant", "legal_name", "two\nlines" },
    { "participant", "legal_name", "Synthetic \xc3\x28" },           /* not UTF-8 */
    { "participant", "flagged", "oui" },
    { "participant", "case_manager_id", "0" },
    { "participant", "case_manager_id", "-1" },
    { "consent", "categories", "health,secrets" },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const LwTableInfo *table = lw_store_find_table (bad[i].table);
      const LwColumnInfo *column = lw_table_find_column (table, bad[i].column);
      g_autoptr(LwRecord) record = lw_edit_record_new (table);
      g_autoptr(LwRecord) before = lw_record_copy (record);

      g_clear_error (&error);
      if (lw_edit_set_field (f->program.store, record, column, bad[i].text, &error))
        g_error ("case %u (%s): accepted", i, bad[i].column);
      g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, column->label));
      g_assert_null (strchr (error->message, '\n'));
      if (strlen (bad[i].text) > 3)
        g_assert_null (strstr (error->message, bad[i].text));
      for (guint c = 0; c < table->n_columns; c++)
        {
          g_autofree char *x = lw_record_get_string (record, &table->columns[c]);
          g_autofree char *y = lw_record_get_string (before, &table->columns[c]);

          g_assert_cmpstr (x, ==, y);
        }
    }

  /* at the limit, and spaces around a date or a key, are fine */
  {
    g_autoptr(LwParticipant) p = lw_edit_record_new (&lw_participant_table);

    lw_test_set_field (f->program.store, p, "legal_name", longest);
    lw_test_set_field (f->program.store, p, "date_of_birth", "  1990-01-31 ");
    g_assert_cmpstr (p->date_of_birth, ==, "1990-01-31");
    lw_test_set_field (f->program.store, p, "status", " INTAKE_SCHEDULED ");
    g_assert_cmpint (p->status, ==, LW_STATUS_INTAKE_SCHEDULED);
  }

  /* the same on the command line: one line, exit 1, nothing echoed, nothing written */
  {
    const struct { const char *option; const char *value; int status; const char *says; } cases[] = {
      { "--referral-date", "2026-02-30", 1, "Referral date" },
      { "--date-of-birth", "0000-00-00", 1, "Date of birth" },
      { "--referral-date", "9999-12-31", 1, "Referral date" },
      { "--status", "ＡＣＴＩＶＥ", 1, "Status" },
      /* an escape sequence is bad usage before the file is opened */
      { "--preferred-name", "SECRET\x1b]0;title\x07", 2, "--preferred-name" },
    };
    gint64 participants = lw_store_count (f->program.store, &lw_participant_table, NULL);

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_auto(LwTestResult) r = { 0 };

        run_cli (f, &r, "participant", "add", "--legal-name", "SECRET-legal", "--route", "social-contact",
                 cases[i].option, cases[i].value, NULL);
        if (r.status != cases[i].status || strstr (r.err, cases[i].says) == NULL)
          g_error ("case %u: exit %d: %s", i, r.status, r.err);
        g_assert_cmpuint (lw_test_count_lines (r.err), ==, 1);
        g_assert_null (strstr (r.err, "SECRET"));
        g_assert_null (strstr (r.err, cases[i].value));
        g_assert_cmpstr (r.out, ==, "");
      }
    g_assert_cmpint (lw_store_count (f->program.store, &lw_participant_table, NULL), ==, participants);
  }
  assert_file_clean (f);
}

/* Every value of every enumeration reads back from its key and from its
 * label in every language of the program, and no label of one value is read
 * as another: a Spanish label must not mean a different English value. */
static void
test_enum_labels_unambiguous (Fixture       *f,
                              gconstpointer  data)
{
  const LwTableInfo * const *tables;
  const char * const *languages = lw_i18n_get_languages ();
  guint n_tables;
  guint translated = 0;

  tables = lw_store_tables (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    for (guint c = 0; c < tables[t]->n_columns; c++)
      {
        const LwColumnInfo *column = &tables[t]->columns[c];

        if (column->type != LW_COLUMN_ENUM)
          continue;
        for (guint k = 0; languages[k] != NULL; k++)
          for (int v = 0; v < column->enum_info->n; v++)
            {
              g_autoptr(LwRecord) record = lw_edit_record_new (tables[t]);
              g_autoptr(GError) error = NULL;
              g_autofree char *label = NULL;
              g_autofree char *upper = NULL;
              const char *previous = lw_i18n_push (languages[k]);

              label = g_strdup (lw_enum_to_label (column->enum_info, v));
              lw_i18n_pop (previous);
              translated += g_strcmp0 (label, lw_enum_to_label (column->enum_info, v)) != 0;
              upper = g_utf8_strup (label, -1);
              for (guint pass = 0; pass < 3; pass++)
                {
                  const char *text = pass == 0 ? column->enum_info->names[v] : pass == 1 ? label : upper;

                  g_clear_error (&error);
                  if (!lw_edit_set_field (f->program.store, record, column, text, &error))
                    g_error ("%s.%s: “%s” (%s) not read: %s", tables[t]->name, column->name, text,
                             languages[k], error->message);
                  if (*(int *) ((guint8 *) record + column->offset) != v)
                    g_error ("%s.%s: “%s” (%s) read as value %d, not %d", tables[t]->name, column->name, text,
                             languages[k], *(int *) ((guint8 *) record + column->offset), v);
                }
            }
      }
  /* the other language's labels were there to read */
  g_assert_cmpuint (translated, >, 20);
}

/* A code or a case number that only looks different (another case, a
 * Unicode hyphen, fullwidth letters, an invisible character) is the same one:
 * else the projector shows two "P-0001" and records go to the wrong one. */
static void
test_look_alike_codes (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const codes[] = {
    "p-0001",
    "P\xe2\x80\x90" "0001",            /* U+2010 HYPHEN */
    "\xef\xbc\xb0-0001",               /* FULLWIDTH P */
    "P-0001\xe2\x80\x8b",              /* a zero-width space after it */
    "P\xe2\x80\x91" "0001",            /* U+2011 NON-BREAKING HYPHEN */
  };
  g_autoptr(GError) error = NULL;
  gint64 participants = lw_store_count (f->program.store, &lw_participant_table, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(LwParticipant) p = lw_edit_record_new (&lw_participant_table);
      const LwColumnInfo *bad = NULL;

      g_clear_error (&error);
      lw_test_set_field (f->program.store, p, "legal_name", "Synthetic Look-alike");
      lw_test_set_field (f->program.store, p, "referral_route", "social-contact");
      if (!lw_edit_set_field (f->program.store, p, lw_table_find_column (&lw_participant_table, "code"), codes[i], &error))
        {
          /* refused as text is refused too */
          g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
          continue;
        }
      if (lw_edit_insert (f->program.store, LW_ROLE_PROJECT_MANAGER, p, &bad, &error))
        g_error ("case %u: a second P-0001 was accepted", i);
      g_assert_error (error, LW_ERROR, LW_ERROR_EXISTS);
      g_assert_cmpstr (bad->name, ==, "code");
    }
  g_clear_error (&error);
  g_assert_cmpint (lw_store_count (f->program.store, &lw_participant_table, NULL), ==, participants);

  /* the same in one import, and against the program */
  {
    const char *csv = "code,legal_name,referral_route,status\n"
                      "P-0777,Synthetic A,social-contact,referred\n"
                      "p-0777,Synthetic B,social-contact,referred\n"
                      "\xef\xbc\xb0-0001,Synthetic C,social-contact,referred\n";
    g_autoptr(LwImportResult) result = lw_import_from_data (f->program.store, LW_IMPORT_PARTICIPANTS, LW_ROLE_PROJECT_MANAGER,
                                                            csv, strlen (csv), FALSE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (result->problems->len, ==, 2);
    g_assert_cmpuint (result->n_imported, ==, 0);
    g_assert_cmpint (lw_store_count (f->program.store, &lw_participant_table, NULL), ==, participants);
  }

  /* case numbers compare the same way */
  {
    g_autoptr(LwLegalMatter) m = lw_edit_record_new (&lw_legal_matter_table);
    g_autoptr(LwLegalMatter) again = lw_edit_record_new (&lw_legal_matter_table);

    m->participant_id = again->participant_id = f->pid;
    lw_test_set_field (f->program.store, m, "case_number", "CR 26-0142");
    g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_PROJECT_MANAGER, m, NULL, &error));
    g_assert_no_error (error);
    lw_test_set_field (f->program.store, again, "case_number", "\xef\xbc\xa3\xef\xbc\xb2 26\xe2\x80\x90" "0142");   /* ＣＲ 26‐0142 */
    g_assert_false (lw_edit_insert (f->program.store, LW_ROLE_PROJECT_MANAGER, again, NULL, &error));
    g_assert_error (error, LW_ERROR, LW_ERROR_EXISTS);
    g_assert_null (strstr (error->message, "0142"));
  }
  assert_file_clean (f);
}

/* ----------------------------------------------------------------------------
 * Imports
 */

static LwImportResult *
import (Fixture      *f,
        LwImportKind  kind,
        LwRole        role,
        const char   *data,
        gsize         len)
{
  g_autoptr(GError) error = NULL;
  LwImportResult *result = lw_import_from_data (f->program.store, kind, role, data, len, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* needle (lower case) in no problem, in any case */
static void
assert_no_problem_says (LwImportResult *result,
                        const char     *needle)
{
  for (guint i = 0; i < result->problems->len; i++)
    {
      const LwImportProblem *p = g_ptr_array_index (result->problems, i);
      g_autofree char *lower = g_utf8_strdown (p->message, -1);

      if (strstr (lower, needle) != NULL)
        g_error ("line %u: “%s” quotes the file", p->line, p->message);
    }
}

/* Files that are wrong as files: each gets its message, none quotes a value,
 * nothing is imported. */
static void
test_import_bad_files (Fixture       *f,
                       gconstpointer  data)
{
  static const struct { const char *text; gsize len; const char *says; } files[] = {
    /* no header: the first row is a person */
    { "P-0900,CANARY-Jane Headerless,social-contact,referred\n"
      "P-0901,CANARY-John Headerless,social-contact,referred\n", 0, "header" },
    /* a NUL byte inside a field */
    { "code,legal_name,referral_route,status\nP-0902,CANARY-nul\0name,social-contact,referred\n", 78, "UTF-8" },
    /* the same column twice, once by its label */
    { "code,legal_name,Legal Name,referral_route,status\nP-0903,CANARY-a,CANARY-b,social-contact,referred\n", 0, "twice" },
    /* only a header, with CRLF and a byte order mark */
    { "\xEF\xBB\xBF" "code,legal_name,referral_route,status\r\n", 0, "no rows" },
    /* an extra column with no name */
    { "code,legal_name,referral_route,status,\nP-0904,CANARY-extra,social-contact,referred,CANARY-x\n", 0, "no name" },
    /* a formula where a date goes */
    { "code,legal_name,referral_route,status,date_of_birth\nP-0905,CANARY-f,social-contact,referred,=1+1\n", 0, "date_of_birth" },
  };
  gint64 participants = lw_store_count (f->program.store, &lw_participant_table, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      gsize len = files[i].len ? files[i].len : strlen (files[i].text);
      g_autoptr(LwImportResult) result = import (f, LW_IMPORT_PARTICIPANTS, LW_ROLE_PROJECT_MANAGER,
                                                 files[i].text, len);
      gboolean found = FALSE;

      for (guint j = 0; j < result->problems->len; j++)
        found |= strstr (((LwImportProblem *) g_ptr_array_index (result->problems, j))->message, files[i].says) != NULL;
      if (!found)
        g_error ("file %u: no problem says “%s”", i, files[i].says);
      assert_no_problem_says (result, "canary");
      assert_no_problem_says (result, "headerless");
      g_assert_cmpuint (result->n_imported, ==, 0);
    }
  g_assert_cmpint (lw_store_count (f->program.store, &lw_participant_table, NULL), ==, participants);
  assert_file_clean (f);
}

/* A row refused because of the role (not the file's columns: one marked
 * as concerning health, for a role that sees care notes but not health) is
 * audited as a refusal, once. */
static void
test_import_row_refusal_audited (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *csv = "participant,date,kind,staff,note,concerns\n"
                    "P-0001,2026-11-20,phone,Riley Sample,CANARY-import-1,\n"
                    "P-0001,2026-11-21,phone,Riley Sample,CANARY-import-2,health\n";
  g_autoptr(LwImportResult) result = NULL;
  g_autofree char *detail = NULL;
  guint refused = lw_test_count_audit_events (f->program.store, LW_AUDIT_WRITE_REFUSED, NULL);
  guint imports = lw_test_count_audit_events (f->program.store, LW_AUDIT_IMPORT, NULL);

  g_assert_true (lw_policy_set (f->program.store, LW_ROLE_SERVICE_PROVIDER, LW_CATEGORY_CARE_NOTES, LW_LEVEL_FULL,
                                "Service providers keep their own contact log", &error));
  g_assert_no_error (error);
  result = import (f, LW_IMPORT_CONTACTS, LW_ROLE_SERVICE_PROVIDER, csv, strlen (csv));
  g_assert_cmpuint (result->problems->len, ==, 1);
  g_assert_cmpuint (((LwImportProblem *) g_ptr_array_index (result->problems, 0))->line, ==, 3);
  assert_no_problem_says (result, "canary");
  g_assert_cmpint (lw_store_count (f->program.store, &lw_contact_table, NULL), ==, 0);
  g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_WRITE_REFUSED, &detail), ==, refused + 1);
  g_assert_nonnull (strstr (detail, "role=service-provider"));
  g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_IMPORT, NULL), ==, imports);
  assert_file_clean (f);
}

/* The write itself fails half way (a trigger stands for a full disk on one
 * row): nothing of the file is imported, no entry claims it was, and the last
 * contact of nobody moved. */
static void
test_import_fails_midway (Fixture       *f,
                          gconstpointer  data)
{
  GString *csv = g_string_new ("participant,date,kind,staff,note\n");
  g_autoptr(LwImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LwParticipant) p = NULL;
  guint imports = lw_test_count_audit_events (f->program.store, LW_AUDIT_IMPORT, NULL);

  for (int i = 1; i <= 20; i++)
    g_string_append_printf (csv, "P-0001,2026-11-%02d,phone,Riley Sample,CANARY-midway-%d\n", i, i);
  g_clear_pointer (&f->program.store, lw_store_free);
  lw_test_raw_exec (f->program.path, "CREATE TRIGGER lw_test_fail BEFORE INSERT ON contact WHEN "
                     "(SELECT COUNT(*) FROM contact) >= 12 BEGIN SELECT RAISE(ABORT, 'disk full'); END");
  lw_test_program_reopen (&f->program);

  result = lw_import_from_data (f->program.store, LW_IMPORT_CONTACTS, LW_ROLE_CASE_MANAGER, csv->str, csv->len, FALSE, &error);
  g_assert_null (result);
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, "CANARY"));
  g_string_free (csv, TRUE);

  g_clear_pointer (&f->program.store, lw_store_free);
  lw_test_raw_exec (f->program.path, "DROP TRIGGER lw_test_fail");
  lw_test_program_reopen (&f->program);
  g_assert_cmpint (lw_store_count (f->program.store, &lw_contact_table, NULL), ==, 0);
  g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_IMPORT, NULL), ==, imports);
  p = lw_store_get (f->program.store, &lw_participant_table, f->pid, NULL);
  g_assert_null (p->last_contact);
  assert_file_clean (f);
}

/* One command that writes several releases (one per recipient) fails on the
 * second: none of them stays, nor an entry saying it was created. */
static void
test_cli_consents_all_or_none (Fixture       *f,
                               gconstpointer  data)
{
  g_auto(LwTestResult) r = { 0 };
  gint64 consents = lw_store_count (f->program.store, &lw_consent_table, NULL);
  guint creates = lw_test_count_audit_events (f->program.store, LW_AUDIT_RECORD_CREATE, NULL);

  g_clear_pointer (&f->program.store, lw_store_free);
  lw_test_raw_exec (f->program.path, "CREATE TRIGGER lw_test_fail BEFORE INSERT ON consent WHEN "
                     "(SELECT COUNT(*) FROM consent) >= 1 BEGIN SELECT RAISE(ABORT, 'disk full'); END");
  lw_test_program_reopen (&f->program);
  run_cli (f, &r, "consent", "add", "P-0001", "--recipient", "prosecutor", "--recipient", "public-defender",
           "--categories", "legal", "--signed", "2026-11-01", "--as", "case-manager", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_cmpuint (lw_test_count_lines (r.err), ==, 1);
  g_clear_pointer (&f->program.store, lw_store_free);
  lw_test_raw_exec (f->program.path, "DROP TRIGGER lw_test_fail");
  lw_test_program_reopen (&f->program);
  g_assert_cmpint (lw_store_count (f->program.store, &lw_consent_table, NULL), ==, consents);
  g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_RECORD_CREATE, NULL), ==, creates);
  assert_file_clean (f);
}

/* ----------------------------------------------------------------------------
 * Audit: one entry per write, none for a write that did not happen
 */

static void
count_entries (Fixture *f,
               guint    counts[4])
{
  counts[0] = lw_test_count_audit_events (f->program.store, LW_AUDIT_RECORD_CREATE, NULL);
  counts[1] = lw_test_count_audit_events (f->program.store, LW_AUDIT_RECORD_EDIT, NULL);
  counts[2] = lw_test_count_audit_events (f->program.store, LW_AUDIT_RECORD_DELETE, NULL);
  counts[3] = lw_test_count_audit_events (f->program.store, LW_AUDIT_RECORD_RESTORE, NULL);
}

static void
assert_entry (Fixture      *f,
              LwAuditEvent  event,
              guint         expected,
              const char   *table,
              LwId          id,
              const char   *role)
{
  g_autofree char *detail = NULL;
  g_autofree char *want = g_strdup_printf ("table=%s id=%" G_GINT64_FORMAT " role=%s", table, id, role);

  g_assert_cmpuint (lw_test_count_audit_events (f->program.store, event, &detail), ==, expected);
  g_assert_cmpstr (detail, ==, want);
}

static void
test_audit_every_write (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwContact) contact = lw_edit_record_new (&lw_contact_table);
  g_autoptr(LwContact) stored = NULL;
  gpointer deleted = NULL;
  guint n[4], after[4];
  LwId id;

  count_entries (f, n);
  contact->participant_id = f->pid;
  lw_test_set_field (f->program.store, contact, "date", "2026-11-20");
  lw_test_set_field (f->program.store, contact, "kind", "phone");
  lw_test_set_field (f->program.store, contact, "staff_id", "Riley Sample");
  lw_test_set_field (f->program.store, contact, "note", "CANARY-audit-note");
  g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_PEER_OUTREACH, contact, NULL, &error));
  g_assert_no_error (error);
  id = contact->id;
  assert_entry (f, LW_AUDIT_RECORD_CREATE, n[0] + 1, "contact", id, "peer-outreach");

  stored = lw_store_get (f->program.store, &lw_contact_table, id, NULL);
  lw_test_set_field (f->program.store, stored, "note", "CANARY-audit-note-2");
  g_assert_true (lw_edit_update (f->program.store, LW_ROLE_CASE_MANAGER, stored, NULL, &error));
  assert_entry (f, LW_AUDIT_RECORD_EDIT, n[1] + 1, "contact", id, "case-manager");
  /* nothing changed: nothing written, nothing audited */
  g_assert_true (lw_edit_update (f->program.store, LW_ROLE_CASE_MANAGER, stored, NULL, &error));
  g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_RECORD_EDIT, NULL), ==, n[1] + 1);

  g_assert_true (lw_edit_delete (f->program.store, LW_ROLE_CASE_MANAGER, &lw_contact_table, id, &deleted, &error));
  assert_entry (f, LW_AUDIT_RECORD_DELETE, n[2] + 1, "contact", id, "case-manager");
  g_assert_true (lw_edit_restore (f->program.store, LW_ROLE_PEER_OUTREACH, deleted, &error));
  assert_entry (f, LW_AUDIT_RECORD_RESTORE, n[3] + 1, "contact", id, "peer-outreach");

  /* every write fails at its audit entry: nothing of it stays */
  count_entries (f, n);
  g_clear_pointer (&f->program.store, lw_store_free);
  lw_test_raw_exec (f->program.path, "CREATE TRIGGER lw_test_fail BEFORE INSERT ON audit WHEN "
                     "NEW.detail LIKE 'table=%' BEGIN SELECT RAISE(ABORT, 'disk full'); END");
  lw_test_program_reopen (&f->program);
  {
    g_autoptr(LwContact) another = lw_record_copy (contact);
    g_autoptr(LwContact) edit = lw_store_get (f->program.store, &lw_contact_table, id, NULL);
    g_autoptr(LwParticipant) p = NULL;
    gint64 contacts = lw_store_count (f->program.store, &lw_contact_table, NULL);

    another->id = 0;
    lw_test_set_field (f->program.store, another, "date", "2026-11-23");
    g_assert_false (lw_edit_insert (f->program.store, LW_ROLE_CASE_MANAGER, another, NULL, &error));
    g_clear_error (&error);
    g_assert_cmpint (another->id, ==, 0);
    lw_test_set_field (f->program.store, edit, "date", "2026-11-22");
    g_assert_false (lw_edit_update (f->program.store, LW_ROLE_CASE_MANAGER, edit, NULL, &error));
    g_clear_error (&error);
    g_assert_false (lw_edit_delete (f->program.store, LW_ROLE_CASE_MANAGER, &lw_contact_table, id, NULL, &error));
    g_clear_error (&error);
    g_assert_cmpint (lw_store_count (f->program.store, &lw_contact_table, NULL), ==, contacts);
    p = lw_store_get (f->program.store, &lw_participant_table, f->pid, NULL);
    g_assert_cmpstr (p->last_contact, ==, "2026-11-20");
  }
  g_clear_pointer (&f->program.store, lw_store_free);
  lw_test_raw_exec (f->program.path, "DROP TRIGGER lw_test_fail");
  lw_test_program_reopen (&f->program);
  count_entries (f, after);
  g_assert_cmpmem (n, sizeof n, after, sizeof after);
  {
    g_autoptr(LwContact) back = lw_store_get (f->program.store, &lw_contact_table, id, NULL);

    g_assert_cmpstr (back->date, ==, "2026-11-20");
    g_assert_cmpstr (back->note, ==, "CANARY-audit-note-2");
  }
  lw_record_free (deleted);
  assert_file_clean (f);
}

/* ----------------------------------------------------------------------------
 * Traces
 */

/* A value a spreadsheet would run comes back out of an export as text, and
 * goes back in as it was. */
static void
test_export_formula_round_trip (Fixture       *f,
                                gconstpointer  data)
{
  static const char * const values[] = { "=HYPERLINK(\"http://x\")", "+1 555", "-2", "@SUM(A1)" };
  g_autofree char *csv = g_build_filename (f->program.dir, "roster.csv", NULL);
  g_autoptr(LwAudience) audience = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_CASE_MANAGER));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *code = g_strdup_printf ("P-05%02u", i);
      g_autoptr(LwParticipant) p = lw_edit_record_new (&lw_participant_table);

      lw_test_set_field (f->program.store, p, "code", code);
      lw_test_set_field (f->program.store, p, "legal_name", "Synthetic Formula");
      lw_test_set_field (f->program.store, p, "referral_route", "social-contact");
      lw_test_set_field (f->program.store, p, "housing_notes", values[i]);
      g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_CASE_MANAGER, p, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (lw_export_participants_csv_in (f->program.store, audience, csv, "en", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], ",", -1);

      for (guint c = 0; cells[c] != NULL; c++)
        {
          const char *cell = cells[c][0] == '"' ? cells[c] + 1 : cells[c];

          if (strchr ("=+-@\t", cell[0]) != NULL && cell[0] != '\0')
            g_error ("line %u: a cell starts with “%c”: %s", i + 1, cell[0], lines[i]);
        }
    }

  /* and back in, into another program, as they were */
  {
    g_autoptr(LwStore) other = lw_test_store_new (f->program.dir, "other.lwdb");
    g_autoptr(LwImportResult) result = lw_import_file (other, LW_IMPORT_PARTICIPANTS, LW_ROLE_CASE_MANAGER,
                                                       csv, FALSE, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < result->problems->len; i++)
      g_test_message ("%s", ((LwImportProblem *) g_ptr_array_index (result->problems, i))->message);
    g_assert_cmpuint (result->problems->len, ==, 0);
    for (guint i = 0; i < G_N_ELEMENTS (values); i++)
      {
        g_autofree char *code = g_strdup_printf ("P-05%02u", i);
        g_autoptr(LwParticipant) p = lw_participant_find_by_code (other, code, &error);

        g_assert_no_error (error);
        g_assert_cmpstr (p->housing_notes, ==, values[i]);
      }
  }
  assert_file_clean (f);
}

static void
assert_dir_has_no (const char *dir,
                   const char *needle,
                   guint      *n_files)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GBytes) bytes = NULL;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          assert_dir_has_no (path, needle, n_files);
          continue;
        }
      bytes = lw_test_read_file (path);
      if (n_files != NULL)
        (*n_files)++;
      if (bytes != NULL && lw_test_bytes_contain (bytes, needle))
        g_error ("%s holds %s", path, needle);
    }
}

/* With every debug message on, the command line writes canaries to no log,
 * leaves no temporary file, and the file and its WAL hold none in the clear. */
static void
test_no_trace (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *tmp = g_build_filename (f->program.dir, "tmp", NULL);
  g_autofree char *csv = g_build_filename (f->program.dir, "contacts.csv", NULL);
  g_autofree char *work = g_build_filename (f->program.dir, "work", NULL);
  g_autofree char *wal = NULL;
  g_autofree char *db = NULL;
  guint n_tmp = 0;
  g_auto(LwTestResult) r1 = { 0 };
  g_auto(LwTestResult) r2 = { 0 };
  g_auto(LwTestResult) r3 = { 0 };
  g_auto(LwTestResult) r4 = { 0 };
  g_auto(LwTestResult) r5 = { 0 };
  g_auto(LwTestResult) r6 = { 0 };
  g_auto(LwTestResult) r7 = { 0 };
  LwTestResult *all[] = { &r1, &r2, &r3, &r4, &r5, &r6, &r7 };

  g_assert_cmpint (g_mkdir (tmp, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (work, 0700), ==, 0);
  g_assert_true (g_file_set_contents (csv, "participant,date,kind,staff,note\n"
                                           "P-0001,2026-11-20,phone,Riley Sample,CANARY-trace-import\n", -1, NULL));
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_setenv ("TMPDIR", tmp, TRUE);

  run_cli (f, &r1, "participant", "add", "--legal-name", "CANARY-trace-legal", "--route", "social-contact",
           "--health-notes", "CANARY-trace-health", "--as", "case-manager", NULL);
  run_cli (f, &r2, "participant", "edit", "P-0002", "--substance-use", "CANARY-trace-substance",
           "--as", "case-manager", NULL);
  run_cli (f, &r3, "participant", "edit", "P-0002", "--health-notes", "CANARY-trace-refused", NULL);
  run_cli (f, &r4, "import", "contacts", csv, "--as", "case-manager", NULL);
  run_cli (f, &r5, "contact", "add", "P-0002", "--date", "2026-11-21", "--kind", "phone", "--staff", "Riley Sample",
           "--note", "CANARY-trace-contact", "--as", "peer-outreach", NULL);
  run_cli (f, &r6, "consent", "add", "P-0002", "--recipient", "service-provider@CANARY-trace-agency",
           "--categories", "health", "--signed", "2026-11-01", "--as", "case-manager", NULL);
  {
    g_autofree char *out = g_build_filename (work, "roster.csv", NULL);

    /* the room with a community representative: initials, no canary */
    run_cli (f, &r7, "export", "participants", "--as", "community-representative", "--output", out, NULL);
  }
  g_unsetenv ("G_MESSAGES_DEBUG");
  g_unsetenv ("TMPDIR");

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_assert_cmpint (all[i]->status, ==, i == 2 ? 1 : 0);
      if (strstr (all[i]->out, "CANARY") != NULL || strstr (all[i]->err, "CANARY") != NULL)
        g_error ("run %u printed a canary: %s%s", i + 1, all[i]->out, all[i]->err);
    }
  /* the debug messages were on */
  g_assert_nonnull (strstr (r4.out, "lw-import-DEBUG"));

  assert_dir_has_no (tmp, "CANARY", &n_tmp);
  g_assert_cmpuint (n_tmp, ==, 0);
  n_tmp = 0;
  assert_dir_has_no (work, "CANARY", &n_tmp);
  /* the roster, and nothing left beside it */
  g_assert_cmpuint (n_tmp, ==, 1);
  db = g_strdup (f->program.path);
  wal = g_strconcat (f->program.path, "-wal", NULL);
  {
    g_autoptr(GBytes) bytes = lw_test_read_file (db);
    g_autoptr(GBytes) wal_bytes = lw_test_read_file (wal);

    g_assert_false (lw_test_bytes_contain (bytes, "CANARY"));
    g_assert_false (wal_bytes != NULL && lw_test_bytes_contain (wal_bytes, "CANARY"));
  }
  assert_file_clean (f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/lw/records-attack/cli-no-equality-oracle", test_cli_no_equality_oracle);
  ADD ("/lw/records-attack/stale-record-keeps-hidden-columns", test_stale_record_keeps_hidden_columns);
  ADD ("/lw/records-attack/concern-response-no-oracle", test_concern_response_no_oracle);
  ADD ("/lw/records-attack/agency-consent-writes-nothing", test_agency_consent_writes_nothing);
  ADD ("/lw/records-attack/marked-records", test_marked_records);
  ADD ("/lw/records-attack/treatment-staff-stay-unnamed", test_treatment_staff_stay_unnamed);
  ADD ("/lw/records-attack/release-history-stays", test_release_history_stays);
  ADD ("/lw/records-attack/bad-input", test_bad_input);
  ADD ("/lw/records-attack/enum-labels-unambiguous", test_enum_labels_unambiguous);
  ADD ("/lw/records-attack/look-alike-codes", test_look_alike_codes);
  ADD ("/lw/records-attack/import-bad-files", test_import_bad_files);
  ADD ("/lw/records-attack/import-row-refusal-audited", test_import_row_refusal_audited);
  ADD ("/lw/records-attack/import-fails-midway", test_import_fails_midway);
  ADD ("/lw/records-attack/cli-consents-all-or-none", test_cli_consents_all_or_none);
  ADD ("/lw/records-attack/audit-every-write", test_audit_every_write);
  ADD ("/lw/records-attack/export-formula-round-trip", test_export_formula_round_trip);
  ADD ("/lw/records-attack/no-trace", test_no_trace);
#undef ADD

  return g_test_run ();
}
