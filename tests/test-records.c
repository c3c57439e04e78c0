/* test-records.c: every record kind created, edited, deleted and put back
 * through lw-edit, as the role at the keyboard may; bad input of every kind;
 * the file format's migration to version 3
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
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw/lw-vault.h"
#include "lw-test-util.h"

/* LEAD_WORKGROUP_TODAY of the tests */
#define TODAY "2026-11-24"

typedef struct
{
  LwTestProgram program;  /* the file: dir, path, store */
  LwId          pm;       /* Morgan Example, project manager */
  LwId          cm;       /* Riley Sample, case manager */
  LwId          former;   /* Former Member, inactive */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  lw_test_program_setup (&f->program);
  f->pm = lw_test_add_member (f->program.store, "Morgan Example", LW_ROLE_PROJECT_MANAGER, TRUE);
  f->cm = lw_test_add_member (f->program.store, "Riley Sample", LW_ROLE_CASE_MANAGER, TRUE);
  f->former = lw_test_add_member (f->program.store, "Former Member", LW_ROLE_CASE_MANAGER, FALSE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lw_test_program_teardown (&f->program);
}

/* ----------------------------------------------------------------------------
 * Parsing
 */

static void
test_parse_fields (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LwParticipant) p = lw_edit_record_new (&lw_participant_table);
  g_autoptr(LwConsent) c = lw_edit_record_new (&lw_consent_table);
  static const struct { const char *column; const char *text; } bad[] = {
    { "date_of_birth", "2026-02-30" },
    { "date_of_birth", "30/01/1990" },
    { "referral_route", "teleported" },
    { "flagged", "perhaps" },
    { "case_manager_id", "Nobody Known" },
    { "case_manager_id", "999" },
    { "legal_name", "line\033[2J" },
  };

  /* enumerations by key, by label in English and in Spanish */
  lw_test_set_field (f->program.store, p, "referral_route", "Arrest diversion");
  g_assert_cmpint (p->referral_route, ==, LW_REFERRAL_ARREST_DIVERSION);
  lw_test_set_field (f->program.store, p, "referral_route", "community_referral");
  g_assert_cmpint (p->referral_route, ==, LW_REFERRAL_COMMUNITY);
  lw_test_set_field (f->program.store, p, "referral_route", "Contacto social");
  g_assert_cmpint (p->referral_route, ==, LW_REFERRAL_SOCIAL_CONTACT);
  lw_test_set_field (f->program.store, p, "status", "Referred");
  g_assert_cmpint (p->status, ==, LW_STATUS_REFERRED);
  lw_test_set_field (f->program.store, p, "status", "intake scheduled");
  g_assert_cmpint (p->status, ==, LW_STATUS_INTAKE_SCHEDULED);
  lw_test_set_field (f->program.store, p, "housing_status", "Transitional housing");
  g_assert_cmpint (p->housing_status, ==, LW_HOUSING_TRANSITIONAL);
  /* booleans */
  lw_test_set_field (f->program.store, p, "flagged", "yes");
  g_assert_true (p->flagged);
  lw_test_set_field (f->program.store, p, "flagged", "False");
  g_assert_false (p->flagged);
  lw_test_set_field (f->program.store, p, "flagged", "sí");
  g_assert_true (p->flagged);
  /* members by name (any case) and by number */
  lw_test_set_field (f->program.store, p, "case_manager_id", "riley sample");
  g_assert_cmpint (p->case_manager_id, ==, f->cm);
  lw_test_set_field (f->program.store, p, "peer_worker_id", "1");
  g_assert_cmpint (p->peer_worker_id, ==, f->pm);
  /* dates, and empty text unsets */
  lw_test_set_field (f->program.store, p, "date_of_birth", "1990-02-28");
  g_assert_cmpstr (p->date_of_birth, ==, "1990-02-28");
  lw_test_set_field (f->program.store, p, "date_of_birth", "");
  g_assert_null (p->date_of_birth);
  /* a release's categories */
  lw_test_set_field (f->program.store, c, "categories", "health, substance_use");
  g_assert_cmpint (c->categories, ==, LW_CATEGORY_BIT (LW_CATEGORY_HEALTH) | LW_CATEGORY_BIT (LW_CATEGORY_SUBSTANCE_USE));
  lw_test_set_field (f->program.store, c, "recipient_role", "case-manager");
  g_assert_cmpint (c->recipient_role, ==, LW_ROLE_CASE_MANAGER);
  lw_test_set_field (f->program.store, c, "recipient_role", "");
  g_assert_cmpint (c->recipient_role, ==, -1);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LwParticipant) before = lw_record_copy (p);
      const LwColumnInfo *column = lw_table_find_column (&lw_participant_table, bad[i].column);

      g_assert_false (lw_edit_set_field (f->program.store, p, column, bad[i].text, &error));
      g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
      /* names the field by its label, never quotes the value */
      g_assert_true (g_str_has_prefix (error->message, column->label));
      g_assert_null (strstr (error->message, bad[i].text));
      /* and changes nothing */
      g_assert_cmpstr (p->date_of_birth, ==, before->date_of_birth);
      g_assert_cmpint (p->referral_route, ==, before->referral_route);
      g_assert_cmpint (p->case_manager_id, ==, before->case_manager_id);
      g_assert_cmpint (p->flagged, ==, before->flagged);
    }
}

/* ----------------------------------------------------------------------------
 * Writing
 */

static void
test_participant_create_edit (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwParticipant) p = lw_edit_record_new (&lw_participant_table);
  g_autoptr(LwParticipant) back = NULL;
  g_autofree char *code = lw_edit_next_code (f->program.store, &error);
  g_autofree char *detail = NULL;
  const LwColumnInfo *bad = NULL;
  guint creates = lw_test_count_audit_events (f->program.store, LW_AUDIT_RECORD_CREATE, NULL);
  LwId id;

  g_assert_cmpstr (code, ==, "P-0001");
  lw_test_set_field (f->program.store, p, "code", code);
  lw_test_set_field (f->program.store, p, "legal_name", "CANARY-edit-legal-name");
  lw_test_set_field (f->program.store, p, "referral_route", "Arrest diversion");
  lw_test_set_field (f->program.store, p, "referral_date", "2026-11-20");
  lw_test_set_field (f->program.store, p, "case_manager_id", "Riley Sample");
  g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_PROJECT_MANAGER, p, &bad, &error));
  g_assert_no_error (error);
  id = LW_RECORD (p)->id;
  g_assert_cmpint (id, >, 0);
  /* a new referral is dated by its referral */
  g_assert_cmpstr (p->status_changed, ==, "2026-11-20");
  g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_RECORD_CREATE, &detail), ==, creates + 1);
  g_assert_nonnull (strstr (detail, "table=participant"));
  g_assert_nonnull (strstr (detail, "role=project-manager"));
  g_assert_null (strstr (detail, "CANARY"));

  g_clear_pointer (&code, g_free);
  code = lw_edit_next_code (f->program.store, &error);
  g_assert_cmpstr (code, ==, "P-0002");

  /* a status change is dated today; an exit needs its reason */
  lw_test_set_field (f->program.store, p, "status", "exited");
  g_assert_false (lw_edit_update (f->program.store, LW_ROLE_PROJECT_MANAGER, p, &bad, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_assert_cmpstr (bad->name, ==, "exit_reason");
  g_clear_error (&error);
  lw_test_set_field (f->program.store, p, "exit_reason", "CANARY-exit-reason");
  g_assert_true (lw_edit_update (f->program.store, LW_ROLE_PROJECT_MANAGER, p, &bad, &error));
  g_assert_no_error (error);

  lw_test_program_reopen (&f->program);
  back = lw_store_get (f->program.store, &lw_participant_table, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->legal_name, ==, "CANARY-edit-legal-name");
  g_assert_cmpint (back->status, ==, LW_STATUS_EXITED);
  g_assert_cmpstr (back->status_changed, ==, TODAY);
  g_assert_cmpstr (back->exit_reason, ==, "CANARY-exit-reason");
  g_assert_cmpint (back->case_manager_id, ==, f->cm);
  lw_test_assert_store_clean (f->program.store);
}

/* A role that may not see a category at full may not write it: nothing is
 * written, the message says why, and the attempt is audited. */
static void
test_refused_by_role (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LwId pid = lw_test_new_participant (f->program.store, LW_ROLE_PROJECT_MANAGER, "P-0100");
  g_autoptr(LwContact) contact = lw_edit_record_new (&lw_contact_table);
  g_autoptr(LwParticipant) p = lw_store_get (f->program.store, &lw_participant_table, pid, NULL);
  g_autofree char *detail = NULL;
  const LwColumnInfo *bad = NULL;
  guint refused = lw_test_count_audit_events (f->program.store, LW_AUDIT_WRITE_REFUSED, NULL);
  gint64 contacts = lw_store_count (f->program.store, &lw_contact_table, NULL);

  contact->participant_id = pid;
  lw_test_set_field (f->program.store, contact, "note", "CANARY-refused-note");
  g_assert_false (lw_edit_insert (f->program.store, LW_ROLE_POLICE_OFFICER, contact, &bad, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "police officer"));
  g_assert_nonnull (strstr (error->message, "care notes"));
  g_assert_null (strstr (error->message, "CANARY"));
  g_clear_error (&error);
  g_assert_cmpint (lw_store_count (f->program.store, &lw_contact_table, NULL), ==, contacts);
  g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_WRITE_REFUSED, &detail), ==, refused + 1);
  g_assert_nonnull (strstr (detail, "role=police-officer"));
  g_assert_nonnull (strstr (detail, "category=care_notes"));

  /* the project manager sees health at summary only: may not write it */
  lw_test_set_field (f->program.store, p, "health_notes", "CANARY-refused-health");
  g_assert_false (lw_edit_update (f->program.store, LW_ROLE_PROJECT_MANAGER, p, &bad, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
  g_assert_cmpstr (bad->name, ==, "health_notes");
  g_clear_error (&error);
  g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_WRITE_REFUSED, NULL), ==, refused + 2);
  {
    g_autoptr(LwParticipant) back = lw_store_get (f->program.store, &lw_participant_table, pid, NULL);
    g_assert_null (back->health_notes);
  }
  /* the case manager may */
  g_assert_true (lw_edit_update (f->program.store, LW_ROLE_CASE_MANAGER, p, &bad, &error));
  g_assert_no_error (error);

  g_assert_false (lw_edit_role_may_write (f->program.store, LW_ROLE_POLICE_OFFICER, &lw_contact_table, NULL));
  g_assert_true (lw_edit_role_may_write (f->program.store, LW_ROLE_CASE_MANAGER, &lw_contact_table, NULL));
  g_assert_false (lw_edit_role_may_write (f->program.store, LW_ROLE_PROJECT_MANAGER, &lw_participant_table,
                                          lw_table_find_column (&lw_participant_table, "health_notes")));
  g_assert_true (lw_edit_role_may_write (f->program.store, LW_ROLE_PROJECT_MANAGER, &lw_participant_table,
                                         lw_table_find_column (&lw_participant_table, "code")));
  g_assert_false (lw_edit_role_may_create (f->program.store, LW_ROLE_COMMUNITY_REPRESENTATIVE, &lw_person_table));
  lw_test_assert_store_clean (f->program.store);
}

/* A contact moves the participant's last contact; delete and undo. */
static void
test_contact_last_contact_undo (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LwId pid = lw_test_new_participant (f->program.store, LW_ROLE_PROJECT_MANAGER, "P-0200");
  g_autoptr(LwContact) contact = lw_edit_record_new (&lw_contact_table);
  g_autoptr(LwParticipant) p = NULL;
  gpointer deleted = NULL;
  LwId contact_id;

  contact->participant_id = pid;
  lw_test_set_field (f->program.store, contact, "date", "2026-11-20");
  lw_test_set_field (f->program.store, contact, "kind", "phone");
  lw_test_set_field (f->program.store, contact, "staff_id", "Riley Sample");
  lw_test_set_field (f->program.store, contact, "note", "CANARY-contact-note");
  g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_CASE_MANAGER, contact, NULL, &error));
  g_assert_no_error (error);
  contact_id = LW_RECORD (contact)->id;
  p = lw_store_get (f->program.store, &lw_participant_table, pid, NULL);
  g_assert_cmpstr (p->last_contact, ==, "2026-11-20");
  g_clear_pointer (&p, lw_record_free);

  g_assert_true (lw_edit_delete (f->program.store, LW_ROLE_CASE_MANAGER, &lw_contact_table, contact_id, &deleted, &error));
  g_assert_no_error (error);
  p = lw_store_get (f->program.store, &lw_participant_table, pid, NULL);
  g_assert_null (p->last_contact);
  g_clear_pointer (&p, lw_record_free);

  g_assert_true (lw_edit_restore (f->program.store, LW_ROLE_CASE_MANAGER, deleted, &error));
  g_assert_no_error (error);
  lw_record_free (deleted);
  lw_test_program_reopen (&f->program);
  {
    g_autoptr(LwContact) back = lw_store_get (f->program.store, &lw_contact_table, contact_id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (back->note, ==, "CANARY-contact-note");
    g_assert_cmpint (back->staff_id, ==, f->cm);
  }
  p = lw_store_get (f->program.store, &lw_participant_table, pid, NULL);
  g_assert_cmpstr (p->last_contact, ==, "2026-11-20");
  g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_RECORD_DELETE, NULL), ==, 1);
  g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_RECORD_RESTORE, NULL), ==, 1);
  lw_test_assert_store_clean (f->program.store);
}

/* No canary of a sealed column is in the file or its WAL. */
static void
assert_no_canary_at_rest (Fixture    *f,
                          const char *needle)
{
  g_autofree char *wal_path = g_strconcat (f->program.path, "-wal", NULL);
  g_autoptr(GBytes) db = lw_test_read_file (f->program.path);
  g_autoptr(GBytes) wal = lw_test_read_file (wal_path);

  g_assert_nonnull (db);
  g_assert_false (lw_test_bytes_contain (db, needle));
  g_assert_false (wal != NULL && lw_test_bytes_contain (wal, needle));
}

/* Every record kind a person keeps, created and edited through lw-edit, read
 * back after reopening; the sealed columns hold canaries that never reach the
 * file or its WAL in the clear. */
static void
test_every_kind (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwPerson) member = lw_edit_record_new (&lw_person_table);
  g_autoptr(LwParticipant) p = lw_edit_record_new (&lw_participant_table);
  g_autoptr(LwPlanGoal) goal = lw_edit_record_new (&lw_plan_goal_table);
  g_autoptr(LwContact) contact = lw_edit_record_new (&lw_contact_table);
  g_autoptr(LwLegalMatter) matter = lw_edit_record_new (&lw_legal_matter_table);
  g_autoptr(LwConsent) consent = lw_edit_record_new (&lw_consent_table);
  g_autoptr(LwActionItem) action = lw_edit_record_new (&lw_action_item_table);
  LwId ids[7];

  lw_test_set_field (f->program.store, member, "name", "Jordan Placeholder");
  lw_test_set_field (f->program.store, member, "role", "Peer outreach worker");
  lw_test_set_field (f->program.store, member, "agency", "Harbor Outreach");
  g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_PROJECT_MANAGER, member, NULL, &error));
  g_assert_no_error (error);

  lw_test_set_field (f->program.store, p, "code", "P-0042");
  lw_test_set_field (f->program.store, p, "legal_name", "CANARY-kind-legal");
  lw_test_set_field (f->program.store, p, "preferred_name", "CANARY-kind-preferred");
  lw_test_set_field (f->program.store, p, "aliases", "CANARY-kind-aliases");
  lw_test_set_field (f->program.store, p, "date_of_birth", "1980-05-06");
  lw_test_set_field (f->program.store, p, "referral_route", "community-referral");
  lw_test_set_field (f->program.store, p, "referrer", "CANARY-kind-referrer");
  lw_test_set_field (f->program.store, p, "peer_worker_id", "Jordan Placeholder");
  lw_test_set_field (f->program.store, p, "housing_notes", "CANARY-kind-housing");
  lw_test_set_field (f->program.store, p, "health_notes", "CANARY-kind-health");
  lw_test_set_field (f->program.store, p, "address", "CANARY-kind-address");
  g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_CASE_MANAGER, p, NULL, &error));
  g_assert_no_error (error);

  goal->participant_id = p->id;
  lw_test_set_field (f->program.store, goal, "domain", "housing");
  lw_test_set_field (f->program.store, goal, "text", "CANARY-kind-goal");
  lw_test_set_field (f->program.store, goal, "target_date", "2027-01-31");
  g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_PROJECT_MANAGER, goal, NULL, &error));
  g_assert_no_error (error);

  contact->participant_id = p->id;
  lw_test_set_field (f->program.store, contact, "date", "2026-11-23");
  lw_test_set_field (f->program.store, contact, "kind", "outreach");
  lw_test_set_field (f->program.store, contact, "staff_id", "Jordan Placeholder");
  lw_test_set_field (f->program.store, contact, "note", "CANARY-kind-contact\nsecond line");
  g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_PEER_OUTREACH, contact, NULL, &error));
  g_assert_no_error (error);

  matter->participant_id = p->id;
  lw_test_set_field (f->program.store, matter, "case_number", "CANARY-kind-case");
  lw_test_set_field (f->program.store, matter, "court", "CANARY-kind-court");
  lw_test_set_field (f->program.store, matter, "charge", "CANARY-kind-charge");
  lw_test_set_field (f->program.store, matter, "before_referral", "yes");
  lw_test_set_field (f->program.store, matter, "next_court_date", "2026-12-03");
  g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_PROSECUTOR, matter, NULL, &error));
  g_assert_no_error (error);

  consent->participant_id = p->id;
  lw_test_set_field (f->program.store, consent, "recipient_role", "service-provider");
  lw_test_set_field (f->program.store, consent, "recipient_agency", "CANARY-kind-agency");
  lw_test_set_field (f->program.store, consent, "categories", "health");
  lw_test_set_field (f->program.store, consent, "signed_date", "2026-11-01");
  lw_test_set_field (f->program.store, consent, "expires", "2027-11-01");
  g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_CASE_MANAGER, consent, NULL, &error));
  g_assert_no_error (error);

  lw_test_set_field (f->program.store, action, "text", "CANARY-kind-action");
  lw_test_set_field (f->program.store, action, "owner_id", "Morgan Example");
  lw_test_set_field (f->program.store, action, "due_date", "2026-12-01");
  action->participant_id = p->id;
  g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_PROJECT_MANAGER, action, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (action->created_at, >, 0);

  /* edits: one changed field each */
  lw_test_set_field (f->program.store, member, "active", "no");
  lw_test_set_field (f->program.store, p, "status", "active");
  lw_test_set_field (f->program.store, goal, "status", "met");
  lw_test_set_field (f->program.store, contact, "kind", "in-person");
  lw_test_set_field (f->program.store, matter, "status", "dismissed");
  lw_test_set_field (f->program.store, consent, "expires", "2027-06-01");
  lw_test_set_field (f->program.store, action, "owner_id", "Riley Sample");
  g_assert_true (lw_edit_update (f->program.store, LW_ROLE_PROJECT_MANAGER, member, NULL, &error));
  g_assert_true (lw_edit_update (f->program.store, LW_ROLE_CASE_MANAGER, p, NULL, &error));
  g_assert_true (lw_edit_update (f->program.store, LW_ROLE_CASE_MANAGER, goal, NULL, &error));
  g_assert_true (lw_edit_update (f->program.store, LW_ROLE_CASE_MANAGER, contact, NULL, &error));
  g_assert_true (lw_edit_update (f->program.store, LW_ROLE_PROSECUTOR, matter, NULL, &error));
  g_assert_true (lw_edit_update (f->program.store, LW_ROLE_CASE_MANAGER, consent, NULL, &error));
  g_assert_true (lw_edit_update (f->program.store, LW_ROLE_PROJECT_MANAGER, action, NULL, &error));
  g_assert_no_error (error);
  ids[0] = member->id; ids[1] = p->id; ids[2] = goal->id; ids[3] = contact->id;
  ids[4] = matter->id; ids[5] = consent->id; ids[6] = action->id;
  g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_RECORD_CREATE, NULL), ==, 7);
  g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_RECORD_EDIT, NULL), ==, 7);

  lw_test_program_reopen (&f->program);
  {
    g_autoptr(LwPerson) m = lw_store_get (f->program.store, &lw_person_table, ids[0], &error);
    g_autoptr(LwParticipant) pp = lw_store_get (f->program.store, &lw_participant_table, ids[1], &error);
    g_autoptr(LwPlanGoal) g = lw_store_get (f->program.store, &lw_plan_goal_table, ids[2], &error);
    g_autoptr(LwContact) c = lw_store_get (f->program.store, &lw_contact_table, ids[3], &error);
    g_autoptr(LwLegalMatter) lm = lw_store_get (f->program.store, &lw_legal_matter_table, ids[4], &error);
    g_autoptr(LwConsent) roi = lw_store_get (f->program.store, &lw_consent_table, ids[5], &error);
    g_autoptr(LwActionItem) a = lw_store_get (f->program.store, &lw_action_item_table, ids[6], &error);

    g_assert_no_error (error);
    g_assert_cmpint (m->role, ==, LW_ROLE_PEER_OUTREACH);
    g_assert_false (m->active);
    g_assert_cmpstr (pp->legal_name, ==, "CANARY-kind-legal");
    g_assert_cmpstr (pp->health_notes, ==, "CANARY-kind-health");
    g_assert_cmpint (pp->status, ==, LW_STATUS_ACTIVE);
    g_assert_cmpstr (pp->status_changed, ==, TODAY);
    g_assert_cmpstr (pp->last_contact, ==, "2026-11-23");
    g_assert_cmpint (pp->peer_worker_id, ==, ids[0]);
    g_assert_cmpstr (g->text, ==, "CANARY-kind-goal");
    g_assert_cmpint (g->status, ==, LW_GOAL_MET);
    g_assert_cmpstr (c->note, ==, "CANARY-kind-contact\nsecond line");
    g_assert_cmpint (c->kind, ==, LW_CONTACT_IN_PERSON);
    g_assert_cmpstr (lm->case_number, ==, "CANARY-kind-case");
    g_assert_true (lm->before_referral);
    g_assert_cmpint (lm->status, ==, LW_MATTER_DISMISSED);
    g_assert_cmpstr (roi->recipient_agency, ==, "CANARY-kind-agency");
    g_assert_cmpstr (roi->expires, ==, "2027-06-01");
    g_assert_cmpint (roi->categories, ==, LW_CATEGORY_BIT (LW_CATEGORY_HEALTH));
    g_assert_cmpstr (a->text, ==, "CANARY-kind-action");
    g_assert_cmpint (a->owner_id, ==, f->cm);
  }
  assert_no_canary_at_rest (f, "CANARY-kind");
  lw_test_assert_store_clean (f->program.store);
}

/* Goals about treatment are substance-use information: the project manager,
 * who sees it only by consent, may not write one, even in the plan. */
static void
test_marked_text_needs_its_category (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LwId pid = lw_test_new_participant (f->program.store, LW_ROLE_PROJECT_MANAGER, "P-0110");
  g_autoptr(LwPlanGoal) goal = lw_edit_record_new (&lw_plan_goal_table);
  const LwColumnInfo *bad = NULL;

  goal->participant_id = pid;
  lw_test_set_field (f->program.store, goal, "domain", "treatment");
  lw_test_set_field (f->program.store, goal, "text", "CANARY-treatment-goal");
  g_assert_false (lw_edit_insert (f->program.store, LW_ROLE_PROJECT_MANAGER, goal, &bad, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "substance-use treatment"));
  g_clear_error (&error);
  g_assert_cmpint (lw_store_count (f->program.store, &lw_plan_goal_table, NULL), ==, 0);

  /* a release naming the project manager for substance use lets them */
  {
    g_autoptr(LwConsent) roi = lw_edit_record_new (&lw_consent_table);

    roi->participant_id = pid;
    lw_test_set_field (f->program.store, roi, "recipient_role", "project-manager");
    lw_test_set_field (f->program.store, roi, "categories", "substance_use");
    lw_test_set_field (f->program.store, roi, "signed_date", "2026-11-01");
    g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_CASE_MANAGER, roi, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_PROJECT_MANAGER, goal, &bad, &error));
  g_assert_no_error (error);
  /* the matrix alone (what a form offers before a participant is known) still says no */
  g_assert_false (lw_edit_role_may_write (f->program.store, LW_ROLE_PROJECT_MANAGER, &lw_participant_table,
                                          lw_table_find_column (&lw_participant_table, "substance_use")));
}

/* Each bad value gets one message at its field, and nothing is written. */
static void
test_bad_values (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LwId pid = lw_test_new_participant (f->program.store, LW_ROLE_PROJECT_MANAGER, "P-0120");
  guint n_audit = lw_test_count_audit_events (f->program.store, LW_AUDIT_RECORD_CREATE, NULL);
  const LwColumnInfo *bad = NULL;

  /* a contact in the future */
  {
    g_autoptr(LwContact) c = lw_edit_record_new (&lw_contact_table);

    c->participant_id = pid;
    lw_test_set_field (f->program.store, c, "date", "2026-11-25");
    lw_test_set_field (f->program.store, c, "note", "CANARY-bad-note");
    g_assert_false (lw_edit_insert (f->program.store, LW_ROLE_CASE_MANAGER, c, &bad, &error));
    g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
    g_assert_cmpstr (bad->name, ==, "date");
    g_assert_nonnull (strstr (error->message, "future"));
    g_clear_error (&error);
  }
  /* a release that expires, or is revoked, before it was signed; one with no recipient */
  {
    g_autoptr(LwConsent) c = lw_edit_record_new (&lw_consent_table);

    c->participant_id = pid;
    lw_test_set_field (f->program.store, c, "recipient_role", "prosecutor");
    lw_test_set_field (f->program.store, c, "categories", "legal");
    lw_test_set_field (f->program.store, c, "signed_date", "2026-11-10");
    lw_test_set_field (f->program.store, c, "expires", "2026-11-09");
    g_assert_false (lw_edit_insert (f->program.store, LW_ROLE_CASE_MANAGER, c, &bad, &error));
    g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
    g_assert_cmpstr (bad->name, ==, "expires");
    g_clear_error (&error);
    lw_test_set_field (f->program.store, c, "expires", "");
    lw_test_set_field (f->program.store, c, "revoked", "2026-11-01");
    g_assert_false (lw_edit_insert (f->program.store, LW_ROLE_CASE_MANAGER, c, &bad, &error));
    g_assert_cmpstr (bad->name, ==, "revoked");
    g_clear_error (&error);
    lw_test_set_field (f->program.store, c, "revoked", "");
    lw_test_set_field (f->program.store, c, "recipient_role", "");
    g_assert_false (lw_edit_insert (f->program.store, LW_ROLE_CASE_MANAGER, c, &bad, &error));
    g_assert_cmpstr (bad->name, ==, "recipient_role");
    g_clear_error (&error);
    lw_test_set_field (f->program.store, c, "recipient_role", "prosecutor");
    lw_test_set_field (f->program.store, c, "signed_date", "");
    g_assert_false (lw_edit_insert (f->program.store, LW_ROLE_CASE_MANAGER, c, &bad, &error));
    g_assert_cmpstr (bad->name, ==, "signed_date");
    g_clear_error (&error);
  }
  /* an inactive member for a new reference; a reference to a row that is not there */
  {
    g_autoptr(LwActionItem) a = lw_edit_record_new (&lw_action_item_table);

    lw_test_set_field (f->program.store, a, "text", "Call the clinic");
    a->owner_id = f->former;
    g_assert_false (lw_edit_insert (f->program.store, LW_ROLE_PROJECT_MANAGER, a, &bad, &error));
    g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
    g_assert_cmpstr (bad->name, ==, "owner_id");
    g_assert_nonnull (strstr (error->message, "no longer active"));
    g_clear_error (&error);
    a->owner_id = 4242;
    g_assert_false (lw_edit_insert (f->program.store, LW_ROLE_PROJECT_MANAGER, a, &bad, &error));
    g_assert_cmpstr (bad->name, ==, "owner_id");
    g_clear_error (&error);
    a->owner_id = f->pm;
    a->participant_id = 4242;
    g_assert_false (lw_edit_insert (f->program.store, LW_ROLE_PROJECT_MANAGER, a, &bad, &error));
    g_assert_cmpstr (bad->name, ==, "participant_id");
    g_clear_error (&error);
    /* a required field left empty */
    a->participant_id = 0;
    lw_test_set_field (f->program.store, a, "text", "  ");
    g_assert_false (lw_edit_insert (f->program.store, LW_ROLE_PROJECT_MANAGER, a, &bad, &error));
    g_assert_cmpstr (bad->name, ==, "text");
    g_clear_error (&error);
  }
  /* a member who left stays on the records that name them */
  {
    g_autoptr(LwParticipant) p = lw_store_get (f->program.store, &lw_participant_table, pid, NULL);

    p->case_manager_id = f->former;
    g_assert_false (lw_edit_update (f->program.store, LW_ROLE_PROJECT_MANAGER, p, &bad, &error));
    g_assert_cmpstr (bad->name, ==, "case_manager_id");
    g_clear_error (&error);
  }
  /* duplicate participant code and case number (written differently) */
  {
    g_autoptr(LwParticipant) p = lw_edit_record_new (&lw_participant_table);
    g_autoptr(LwLegalMatter) m1 = lw_edit_record_new (&lw_legal_matter_table);
    g_autoptr(LwLegalMatter) m2 = lw_edit_record_new (&lw_legal_matter_table);

    lw_test_set_field (f->program.store, p, "code", "P-0120");
    lw_test_set_field (f->program.store, p, "legal_name", "Other Synthetic");
    g_assert_false (lw_edit_insert (f->program.store, LW_ROLE_PROJECT_MANAGER, p, &bad, &error));
    g_assert_error (error, LW_ERROR, LW_ERROR_EXISTS);
    g_assert_cmpstr (bad->name, ==, "code");
    g_clear_error (&error);

    m1->participant_id = pid;
    lw_test_set_field (f->program.store, m1, "case_number", "CR 26-0142");
    g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_PROJECT_MANAGER, m1, NULL, &error));
    g_assert_no_error (error);
    n_audit++;
    m2->participant_id = pid;
    lw_test_set_field (f->program.store, m2, "case_number", "cr-26-0142");
    g_assert_false (lw_edit_insert (f->program.store, LW_ROLE_PROJECT_MANAGER, m2, &bad, &error));
    g_assert_error (error, LW_ERROR, LW_ERROR_EXISTS);
    g_assert_cmpstr (bad->name, ==, "case_number");
    g_assert_null (strstr (error->message, "0142"));
    g_clear_error (&error);
    /* editing the first one keeps its own number */
    lw_test_set_field (f->program.store, m1, "court", "Municipal");
    g_assert_true (lw_edit_update (f->program.store, LW_ROLE_PROJECT_MANAGER, m1, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_RECORD_CREATE, NULL), ==, n_audit);
  g_assert_cmpint (lw_store_count (f->program.store, &lw_contact_table, NULL), ==, 0);
  g_assert_cmpint (lw_store_count (f->program.store, &lw_consent_table, NULL), ==, 0);
  g_assert_cmpint (lw_store_count (f->program.store, &lw_action_item_table, NULL), ==, 0);
  g_assert_cmpint (lw_store_count (f->program.store, &lw_legal_matter_table, NULL), ==, 1);
  assert_no_canary_at_rest (f, "CANARY-bad");
}

/* Deleting is refused where history depends on the row, with the reason;
 * otherwise undone with the same id. */
static void
test_delete_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LwId pid = lw_test_new_participant (f->program.store, LW_ROLE_PROJECT_MANAGER, "P-0130");
  LwId lonely = lw_test_new_participant (f->program.store, LW_ROLE_PROJECT_MANAGER, "P-0131");
  g_autoptr(LwActionItem) a = lw_edit_record_new (&lw_action_item_table);
  g_autoptr(LwLegalMatter) matter = lw_edit_record_new (&lw_legal_matter_table);
  g_autoptr(LwProsecutionNote) note = lw_prosecution_note_new ();
  g_autoptr(LwConsent) roi = lw_edit_record_new (&lw_consent_table);
  g_autoptr(LwPlanGoal) goal = lw_edit_record_new (&lw_plan_goal_table);
  gpointer deleted = NULL;
  LwId spare;

  lw_test_set_field (f->program.store, a, "text", "Call the clinic");
  lw_test_set_field (f->program.store, a, "owner_id", "Riley Sample");
  a->participant_id = pid;
  g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_PROJECT_MANAGER, a, NULL, &error));
  matter->participant_id = pid;
  lw_test_set_field (f->program.store, matter, "case_number", "CR-1");
  g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_PROSECUTOR, matter, NULL, &error));
  note->legal_matter_id = matter->id;
  note->position = LW_POSITION_DEFER;
  note->date = g_strdup ("2026-11-20");
  g_assert_true (lw_store_insert (f->program.store, note, &error));
  roi->participant_id = pid;
  lw_test_set_field (f->program.store, roi, "recipient_role", "prosecutor");
  lw_test_set_field (f->program.store, roi, "categories", "health");
  lw_test_set_field (f->program.store, roi, "signed_date", "2026-11-01");
  g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_CASE_MANAGER, roi, NULL, &error));
  goal->participant_id = pid;
  lw_test_set_field (f->program.store, goal, "text", "CANARY-undo-goal");
  g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_CASE_MANAGER, goal, NULL, &error));
  g_assert_no_error (error);

  {
    static const struct { const LwTableInfo *table; int which; const char *why; } refused[] = {
      { &lw_person_table, 0, "owns 1 action item; deactivate" },
      { &lw_participant_table, 1, "exited" },
      { &lw_legal_matter_table, 2, "prosecution note" },
      { &lw_prosecution_note_table, 3, "stays" },
      { &lw_consent_table, 4, "Revoke it instead" },
    };
    LwId ids[] = { f->cm, pid, matter->id, note->id, roi->id };
    gpointer still;

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_assert_false (lw_edit_delete (f->program.store, LW_ROLE_CASE_MANAGER, refused[i].table,
                                        ids[refused[i].which], &deleted, &error));
        g_assert_error (error, LW_ERROR, LW_ERROR_IN_USE);
        g_assert_nonnull (strstr (error->message, refused[i].why));
        g_assert_null (deleted);
        g_clear_error (&error);
        still = lw_store_get (f->program.store, refused[i].table, ids[refused[i].which], NULL);
        g_assert_nonnull (still);
        g_clear_pointer (&still, lw_record_free);
      }
  }
  /* a prosecution note is never overwritten */
  {
    g_autoptr(LwProsecutionNote) changed = lw_store_get (f->program.store, &lw_prosecution_note_table, note->id, NULL);

    changed->position = LW_POSITION_DISMISS;
    g_assert_false (lw_edit_update (f->program.store, LW_ROLE_PROSECUTOR, changed, NULL, &error));
    g_assert_error (error, LW_ERROR, LW_ERROR_IN_USE);
    g_clear_error (&error);
  }
  /* the police may not delete a plan goal they may not write */
  g_assert_false (lw_edit_delete (f->program.store, LW_ROLE_POLICE_OFFICER, &lw_plan_goal_table, goal->id, &deleted, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
  g_clear_error (&error);

  /* a goal, a participant entered by mistake and a member who never served go, and come back */
  g_assert_true (lw_edit_delete (f->program.store, LW_ROLE_CASE_MANAGER, &lw_plan_goal_table, goal->id, &deleted, &error));
  g_assert_no_error (error);
  g_assert_null (lw_store_get (f->program.store, &lw_plan_goal_table, goal->id, NULL));
  g_assert_true (lw_edit_restore (f->program.store, LW_ROLE_CASE_MANAGER, deleted, &error));
  g_assert_no_error (error);
  lw_record_free (deleted);
  deleted = NULL;
  g_assert_true (lw_edit_delete (f->program.store, LW_ROLE_PROJECT_MANAGER, &lw_participant_table, lonely, &deleted, &error));
  g_assert_no_error (error);
  g_assert_true (lw_edit_restore (f->program.store, LW_ROLE_PROJECT_MANAGER, deleted, &error));
  g_assert_no_error (error);
  lw_record_free (deleted);
  deleted = NULL;
  spare = lw_test_add_member (f->program.store, "Spare Synthetic", LW_ROLE_EVALUATOR, TRUE);
  g_assert_true (lw_edit_delete (f->program.store, LW_ROLE_PROJECT_MANAGER, &lw_person_table, spare, &deleted, &error));
  g_assert_no_error (error);
  g_assert_true (lw_edit_restore (f->program.store, LW_ROLE_PROJECT_MANAGER, deleted, &error));
  g_assert_no_error (error);
  /* twice is refused: the id is taken */
  g_assert_false (lw_edit_restore (f->program.store, LW_ROLE_PROJECT_MANAGER, deleted, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_EXISTS);
  g_clear_error (&error);
  lw_record_free (deleted);

  lw_test_program_reopen (&f->program);
  {
    g_autoptr(LwPlanGoal) g = lw_store_get (f->program.store, &lw_plan_goal_table, goal->id, &error);
    g_autoptr(LwParticipant) p = lw_store_get (f->program.store, &lw_participant_table, lonely, &error);
    g_autoptr(LwPerson) m = lw_store_get (f->program.store, &lw_person_table, spare, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (g->text, ==, "CANARY-undo-goal");
    g_assert_cmpstr (p->code, ==, "P-0131");
    g_assert_cmpstr (m->name, ==, "Spare Synthetic");
  }
  g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_RECORD_DELETE, NULL), ==, 3);
  g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_RECORD_RESTORE, NULL), ==, 3);
  assert_no_canary_at_rest (f, "CANARY-undo");
  lw_test_assert_store_clean (f->program.store);
}

/* Who may see what today, in plain words; expired and revoked ones left out. */
static void
test_describe_consents (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LwId pid = lw_test_new_participant (f->program.store, LW_ROLE_PROJECT_MANAGER, "P-0140");
  static const struct { const char *recipient_role; const char *agency; const char *categories;
                        const char *signed_date; const char *expires; const char *revoked; } rois[] = {
    { "case-manager", "Harbor Clinic", "health,substance_use", "2026-01-01", "2027-03-01", NULL },
    { "", "Evergreen Recovery", "substance_use", "2026-01-01", NULL, NULL },
    { "prosecutor", NULL, "legal", "2025-01-01", "2026-01-01", NULL },           /* expired */
    { "police-officer", NULL, "status", "2026-01-01", NULL, "2026-06-01" },     /* revoked */
    { "public-defender", NULL, "status", "2026-12-01", NULL, NULL },            /* not yet */
  };
  g_auto(GStrv) sentences = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rois); i++)
    {
      g_autoptr(LwConsent) c = lw_edit_record_new (&lw_consent_table);

      c->participant_id = pid;
      lw_test_set_field (f->program.store, c, "recipient_role", rois[i].recipient_role);
      lw_test_set_field (f->program.store, c, "recipient_agency", rois[i].agency);
      lw_test_set_field (f->program.store, c, "categories", rois[i].categories);
      lw_test_set_field (f->program.store, c, "signed_date", rois[i].signed_date);
      lw_test_set_field (f->program.store, c, "expires", rois[i].expires);
      lw_test_set_field (f->program.store, c, "revoked", rois[i].revoked);
      g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_CASE_MANAGER, c, NULL, &error));
      g_assert_no_error (error);
    }
  sentences = lw_edit_describe_consents (f->program.store, pid, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (sentences), ==, 2);
  g_assert_cmpstr (sentences[0], ==, "Case managers at Harbor Clinic may see health and substance-use treatment until 2027-03-01");
  g_assert_cmpstr (sentences[1], ==, "Everyone at Evergreen Recovery may see substance-use treatment, with no end date");
}

/* The form offers what a person types, not what the core keeps. */
static void
test_form_columns (Fixture       *f,
                   gconstpointer  data)
{
  guint n = 0;
  g_autofree const LwColumnInfo **participant = lw_edit_form_columns (&lw_participant_table, &n);
  g_autofree const LwColumnInfo **goal = lw_edit_form_columns (&lw_plan_goal_table, NULL);
  g_autofree const LwColumnInfo **action = lw_edit_form_columns (&lw_action_item_table, NULL);
  g_autofree char *code = NULL;
  g_autoptr(GError) error = NULL;
  GString *names = g_string_new (NULL);

  for (guint i = 0; participant[i] != NULL; i++)
    g_string_append_printf (names, "%s ", participant[i]->name);
  g_assert_cmpuint (n, ==, lw_participant_table.n_columns - 2);
  g_assert_null (strstr (names->str, "last_contact"));
  g_assert_null (strstr (names->str, "status_changed"));
  g_assert_nonnull (strstr (names->str, "exit_reason"));
  g_string_truncate (names, 0);
  for (guint i = 0; goal[i] != NULL; i++)
    g_string_append_printf (names, "%s ", goal[i]->name);
  g_assert_cmpstr (names->str, ==, "domain text status target_date concerns ");
  g_string_truncate (names, 0);
  for (guint i = 0; action[i] != NULL; i++)
    g_string_append_printf (names, "%s ", action[i]->name);
  g_assert_cmpstr (names->str, ==, "text owner_id due_date participant_id status concerns ");
  g_string_free (names, TRUE);

  /* the next code follows the highest, whatever the gaps */
  lw_test_new_participant (f->program.store, LW_ROLE_PROJECT_MANAGER, "P-0007");
  lw_test_new_participant (f->program.store, LW_ROLE_PROJECT_MANAGER, "P-0002");
  lw_test_new_participant (f->program.store, LW_ROLE_PROJECT_MANAGER, "X-9999");
  code = lw_edit_next_code (f->program.store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "P-0008");
}

/* ----------------------------------------------------------------------------
 * The command line
 */

/* Runs a command on the fixture's file (closed meanwhile) and parses --json. */
static JsonObject *
run_json (Fixture     *f,
          LwTestResult *r,
          JsonNode   **node,
          ...) G_GNUC_NULL_TERMINATED;

static JsonObject *
run_json (Fixture      *f,
          LwTestResult *r,
          JsonNode    **node,
          ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, node);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, "--database");
  g_ptr_array_add (args, f->program.path);
  g_ptr_array_add (args, "--json");
  g_ptr_array_add (args, NULL);
  lw_test_run_argv (r, LW_TEST_PASSPHRASE, (const char * const *) args->pdata);
  if (r->status != 0)
    g_error ("%s: exit %d: %s", (char *) g_ptr_array_index (args, 0), r->status, r->err);
  g_assert_cmpstr (r->err, ==, "");
  *node = lw_test_parse_json (r->out);
  return json_node_get_object (*node);
}

/* Every command creates or edits through lw-edit; the JSON is the record as
 * the role sees it; read back after reopening. */
static void
test_cli_every_kind (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(LwTestResult) r1 = { 0 };
  g_auto(LwTestResult) r2 = { 0 };
  g_auto(LwTestResult) r3 = { 0 };
  g_auto(LwTestResult) r4 = { 0 };
  g_auto(LwTestResult) r5 = { 0 };
  g_auto(LwTestResult) r6 = { 0 };
  g_auto(LwTestResult) r7 = { 0 };
  g_auto(LwTestResult) r8 = { 0 };
  g_auto(LwTestResult) r9 = { 0 };
  g_auto(LwTestResult) r10 = { 0 };
  g_auto(LwTestResult) r11 = { 0 };
  g_auto(LwTestResult) r12 = { 0 };
  g_auto(LwTestResult) r13 = { 0 };
  g_autoptr(JsonNode) n1 = NULL, n2 = NULL, n3 = NULL, n4 = NULL, n5 = NULL, n6 = NULL, n7 = NULL;
  g_autoptr(JsonNode) n8 = NULL, n9 = NULL, n10 = NULL, n11 = NULL, n12 = NULL, n13 = NULL;
  g_autofree char *action_id = NULL;
  JsonObject *o;
  LwId member, goal, matter, consent, contact;

  /* an action item to edit, agreed outside a meeting */
  {
    g_autoptr(LwActionItem) a = lw_edit_record_new (&lw_action_item_table);

    lw_test_set_field (f->program.store, a, "text", "Find a clinic");
    lw_test_set_field (f->program.store, a, "owner_id", "Morgan Example");
    g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_PROJECT_MANAGER, a, NULL, &error));
    action_id = g_strdup_printf ("%" G_GINT64_FORMAT, a->id);
  }
  g_clear_pointer (&f->program.store, lw_store_free);

  o = run_json (f, &r1, &n1, "member", "add", "--name", "Jordan Placeholder", "--role", "peer-outreach",
                "--agency", "Harbor Outreach", NULL);
  member = json_object_get_int_member (o, "id");
  g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, "Jordan Placeholder");
  g_assert_true (json_object_get_boolean_member (o, "active"));

  o = run_json (f, &r2, &n2, "participant", "add", "--legal-name", "CANARY-cli-legal", "--route", "Arrest diversion",
                "--date-of-birth", "1985-03-04", "--case-manager", "Riley Sample", "--health-notes", "CANARY-cli-health",
                "--as", "case-manager", NULL);
  g_assert_cmpstr (json_object_get_string_member (o, "code"), ==, "P-0001");
  g_assert_cmpint (json_object_get_int_member (o, "id"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "referral_route"), ==, "arrest-diversion");
  g_assert_cmpstr (json_object_get_string_member (o, "health_notes"), ==, "CANARY-cli-health");

  /* the project manager's view of its edit leaves health out */
  o = run_json (f, &r3, &n3, "participant", "edit", "P-0001", "--status", "active", "--peer-worker", "Jordan Placeholder", NULL);
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "active");
  g_assert_false (json_object_has_member (o, "health_notes"));
  g_assert_false (json_object_has_member (o, "substance_use"));
  g_assert_cmpstr (json_object_get_string_member (o, "code"), ==, "P-0001");

  o = run_json (f, &r4, &n4, "goal", "add", "P-0001", "--domain", "housing", "--text", "CANARY-cli-goal",
                "--target-date", "2027-02-01", NULL);
  goal = json_object_get_int_member (o, "id");
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, goal);
    o = run_json (f, &r5, &n5, "goal", "edit", id, "--status", "met", NULL);
    g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "met");
  }

  o = run_json (f, &r6, &n6, "contact", "add", "P-0001", "--date", "2026-11-21", "--kind", "phone",
                "--staff", "Jordan Placeholder", "--note", "CANARY-cli-contact", "--as", "peer-outreach", NULL);
  contact = json_object_get_int_member (o, "id");

  o = run_json (f, &r7, &n7, "matter", "add", "P-0001", "--case-number", "CANARY-cli-case", "--court", "Municipal",
                "--charge", "Trespass", "--next-court-date", "2026-12-02", "--before-referral", "yes", NULL);
  matter = json_object_get_int_member (o, "id");
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, matter);
    o = run_json (f, &r8, &n8, "matter", "edit", id, "--status", "deferred", NULL);
    g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "deferred");
  }

  o = run_json (f, &r9, &n9, "consent", "add", "P-0001", "--recipient", "service-provider@CANARY-cli-agency",
                "--categories", "health,substance_use", "--signed", "2026-11-01", "--expires", "2027-11-01",
                "--as", "case-manager", NULL);
  consent = json_object_get_int_member (o, "id");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "categories")), ==, 2);
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, consent);
    o = run_json (f, &r10, &n10, "consent", "revoke", id, "--date", "2026-11-20", "--as", "case-manager", NULL);
    g_assert_cmpstr (json_object_get_string_member (o, "revoked"), ==, "2026-11-20");
  }
  o = run_json (f, &r11, &n11, "consent", "list", "P-0001", "--as", "case-manager", NULL);
  g_assert_cmpint (json_object_get_int_member (o, "in_effect"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "consents")), ==, 1);

  o = run_json (f, &r12, &n12, "action", "edit", action_id, "--owner", "Riley Sample", "--due", "2026-12-05", NULL);
  g_assert_cmpint (json_object_get_int_member (o, "owner_id"), ==, f->cm);
  g_assert_cmpstr (json_object_get_string_member (o, "due_date"), ==, "2026-12-05");

  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, member);
    o = run_json (f, &r13, &n13, "member", "edit", id, "--active", "no", NULL);
    g_assert_false (json_object_get_boolean_member (o, "active"));
  }

  lw_test_program_reopen (&f->program);
  {
    g_autoptr(LwParticipant) p = lw_participant_find_by_code (f->program.store, "P-0001", &error);
    g_autoptr(LwPlanGoal) g = lw_store_get (f->program.store, &lw_plan_goal_table, goal, &error);
    g_autoptr(LwContact) c = lw_store_get (f->program.store, &lw_contact_table, contact, &error);
    g_autoptr(LwLegalMatter) m = lw_store_get (f->program.store, &lw_legal_matter_table, matter, &error);
    g_autoptr(LwConsent) roi = lw_store_get (f->program.store, &lw_consent_table, consent, &error);
    g_autoptr(LwPerson) jordan = lw_store_get (f->program.store, &lw_person_table, member, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (p->legal_name, ==, "CANARY-cli-legal");
    g_assert_cmpstr (p->health_notes, ==, "CANARY-cli-health");
    g_assert_cmpint (p->status, ==, LW_STATUS_ACTIVE);
    g_assert_cmpint (p->peer_worker_id, ==, member);
    g_assert_cmpstr (p->last_contact, ==, "2026-11-21");
    g_assert_cmpint (g->status, ==, LW_GOAL_MET);
    g_assert_cmpstr (c->note, ==, "CANARY-cli-contact");
    g_assert_cmpint (m->status, ==, LW_MATTER_DEFERRED);
    g_assert_true (m->before_referral);
    g_assert_cmpstr (roi->recipient_agency, ==, "CANARY-cli-agency");
    g_assert_cmpstr (roi->revoked, ==, "2026-11-20");
    g_assert_false (jordan->active);
  }
  assert_no_canary_at_rest (f, "CANARY-cli");
  lw_test_assert_store_clean (f->program.store);
}

/* Bad usage exits 2, any other error 1, each with one line on stderr; nothing
 * is changed and nothing sensitive is echoed. */
static void
test_cli_errors (Fixture       *f,
                 gconstpointer  data)
{
  static const struct { int status; const char *args[16]; const char *says; } cases[] = {
    { 2, { "participant", "add", "--legal-name", "X", NULL }, "--route" },
    { 2, { "participant", "add", "--legal-name", "X", "--route", "social-contact", "--referral-route", "community-referral", NULL }, "not both" },
    { 2, { "participant", "add", "--legal-name", "X", "--route", "social-contact", "--as", "janitor", NULL }, "--as" },
    { 2, { "participant", "edit", "P-0001", NULL }, "nothing to change" },
    { 2, { "goal", "edit", "twelve", "--status", "met", NULL }, "not a number" },
    { 2, { "contact", "add", "--date", "2026-11-20", NULL }, "which participant" },
    { 2, { "consent", "add", "P-0001", "--categories", "health", "--signed", "2026-11-01", NULL }, "--recipient" },
    { 2, { "consent", "add", "P-0001", "--recipient", "astronaut", "--categories", "health", "--signed", "2026-11-01", NULL }, "--recipient" },
    { 2, { "member", "add", "--name", "Only A Name", NULL }, "--role" },
    { 1, { "participant", "add", "--legal-name", "SECRET-name", "--route", "teleported", NULL }, "Referral route" },
    { 1, { "participant", "add", "--legal-name", "SECRET-name", "--route", "social-contact", "--date-of-birth", "1990-02-30", NULL }, "Date of birth" },
    { 1, { "participant", "add", "--legal-name", "SECRET-name", "--route", "social-contact", "--code", "P-0001", NULL }, "taken" },
    { 1, { "participant", "add", "--legal-name", "SECRET-name", "--route", "social-contact", "--case-manager", "Former Member", NULL }, "no longer active" },
    { 1, { "participant", "edit", "P-0001", "--health-notes", "SECRET-health", NULL }, "project manager" },
    { 1, { "participant", "edit", "P-0404", "--status", "active", NULL }, "P-0404" },
    { 1, { "contact", "add", "P-0001", "--date", "2026-12-01", "--kind", "phone", "--staff", "Riley Sample", "--note", "SECRET-note", "--as", "case-manager", NULL }, "future" },
    { 1, { "contact", "add", "P-0001", "--date", "2026-11-20", "--kind", "phone", "--staff", "Nobody Known", "--note", "SECRET-note", "--as", "case-manager", NULL }, "no workgroup member" },
    { 1, { "contact", "add", "P-0001", "--date", "2026-11-20", "--kind", "phone", "--staff", "Riley Sample", "--note", "SECRET-note", "--as", "police-officer", NULL }, "police officer" },
    { 1, { "consent", "add", "P-0001", "--recipient", "prosecutor", "--categories", "legal", "--signed", "2026-11-10", "--expires", "2026-11-01", "--as", "case-manager", NULL }, "expire" },
    { 1, { "matter", "add", "P-0001", "--case-number", "cr-1", "--court", "C", "--charge", "SECRET-charge", NULL }, "case number" },
  };
  g_autoptr(GError) error = NULL;
  LwId pid = lw_test_new_participant (f->program.store, LW_ROLE_PROJECT_MANAGER, "P-0001");
  gint64 counts[4];

  {
    g_autoptr(LwLegalMatter) m = lw_edit_record_new (&lw_legal_matter_table);

    m->participant_id = pid;
    lw_test_set_field (f->program.store, m, "case_number", "CR 1");
    g_assert_true (lw_edit_insert (f->program.store, LW_ROLE_PROJECT_MANAGER, m, NULL, &error));
  }
  counts[0] = lw_store_count (f->program.store, &lw_participant_table, NULL);
  counts[1] = lw_store_count (f->program.store, &lw_contact_table, NULL);
  counts[2] = lw_store_count (f->program.store, &lw_consent_table, NULL);
  counts[3] = lw_store_count (f->program.store, &lw_legal_matter_table, NULL);
  g_clear_pointer (&f->program.store, lw_store_free);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(LwTestResult) r = { 0 };
      g_autoptr(GPtrArray) args = g_ptr_array_new ();

      for (guint j = 0; cases[i].args[j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) cases[i].args[j]);
      g_ptr_array_add (args, "--database");
      g_ptr_array_add (args, f->program.path);
      g_ptr_array_add (args, NULL);
      lw_test_run_argv (&r, LW_TEST_PASSPHRASE, (const char * const *) args->pdata);
      if (r.status != cases[i].status || strstr (r.err, cases[i].says) == NULL)
        g_error ("case %u: exit %d, stderr: %s", i, r.status, r.err);
      g_assert_cmpuint (lw_test_count_lines (r.err), ==, 1);
      g_assert_cmpstr (r.out, ==, "");
      g_assert_null (strstr (r.err, "SECRET"));
    }

  lw_test_program_reopen (&f->program);
  g_assert_cmpint (lw_store_count (f->program.store, &lw_participant_table, NULL), ==, counts[0]);
  g_assert_cmpint (lw_store_count (f->program.store, &lw_contact_table, NULL), ==, counts[1]);
  g_assert_cmpint (lw_store_count (f->program.store, &lw_consent_table, NULL), ==, counts[2]);
  g_assert_cmpint (lw_store_count (f->program.store, &lw_legal_matter_table, NULL), ==, counts[3]);
  {
    g_autoptr(LwParticipant) p = lw_store_get (f->program.store, &lw_participant_table, pid, NULL);
    g_assert_null (p->health_notes);
  }
  /* the two refusals by role are on record */
  g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_WRITE_REFUSED, NULL), ==, 2);
  assert_no_canary_at_rest (f, "SECRET");
  lw_test_assert_store_clean (f->program.store);
}

/* import on the command line: every bad row on stderr with its line, nothing
 * on stdout, nothing imported. */
static void
test_cli_import (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(LwTestResult) bad = { 0 };
  g_auto(LwTestResult) good = { 0 };
  g_autofree char *bad_csv = g_build_filename (f->program.dir, "bad-contacts.csv", NULL);
  g_autofree char *good_csv = g_build_filename (f->program.dir, "contacts.csv", NULL);

  lw_test_new_participant (f->program.store, LW_ROLE_PROJECT_MANAGER, "P-0001");
  g_clear_pointer (&f->program.store, lw_store_free);
  g_assert_true (g_file_set_contents (bad_csv,
                                      "participant,date,kind,staff,note\n"
                                      "P-0001,2026-11-20,phone,Riley Sample,SECRET-a\n"
                                      "P-0001,2026-11-20,phone,Riley Sample,\"SECRET-b\n"
                                      "over two lines\"\n"
                                      "P-0001,2026-13-20,phone,Riley Sample,SECRET-c\n"
                                      "P-0001,2026-11-20,phone,Riley Sample,SECRET-d,extra\n", -1, NULL));
  g_assert_true (g_file_set_contents (good_csv,
                                      "participant,date,kind,staff,note\n"
                                      "P-0001,2026-11-20,phone,Riley Sample,SECRET-a\n", -1, NULL));

  lw_test_run (&bad, LW_TEST_PASSPHRASE, "import", "contacts", bad_csv, "--as", "case-manager",
               "--database", f->program.path, NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_cmpstr (bad.out, ==, "");
  g_assert_nonnull (strstr (bad.err, "bad-contacts.csv:5: date"));
  g_assert_nonnull (strstr (bad.err, "bad-contacts.csv:6: the row has 6 fields"));
  g_assert_cmpuint (lw_test_count_lines (bad.err), ==, 3);
  g_assert_null (strstr (bad.err, "SECRET"));

  lw_test_run (&good, LW_TEST_PASSPHRASE, "import", "contacts", good_csv, "--as", "case-manager",
               "--database", f->program.path, NULL);
  g_assert_cmpint (good.status, ==, 0);
  g_assert_nonnull (strstr (good.out, "Imported 1 row (contacts)"));

  lw_test_program_reopen (&f->program);
  g_assert_cmpint (lw_store_count (f->program.store, &lw_contact_table, NULL), ==, 1);
  g_assert_cmpuint (lw_test_count_audit_events (f->program.store, LW_AUDIT_IMPORT, NULL), ==, 1);
}

/* ----------------------------------------------------------------------------
 * The file format
 */

/* A row whose sealed value does not open is not written over: the edit would
 * lose it, and the trace of what happened to it. */
static void
test_damaged_not_overwritten (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LwId pid = lw_test_new_participant (f->program.store, LW_ROLE_PROJECT_MANAGER, "P-0400");
  LwId other = lw_test_new_participant (f->program.store, LW_ROLE_PROJECT_MANAGER, "P-0401");
  g_autoptr(LwParticipant) p = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE participant SET legal_name = "
                                          "(SELECT legal_name FROM participant WHERE id = %" G_GINT64_FORMAT ") "
                                          "WHERE id = %" G_GINT64_FORMAT, other, pid);

  g_clear_pointer (&f->program.store, lw_store_free);
  lw_test_raw_exec (f->program.path, sql);
  lw_test_program_reopen (&f->program);
  p = lw_store_get (f->program.store, &lw_participant_table, pid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p->damaged, !=, 0);
  lw_test_set_field (f->program.store, p, "referrer", "Someone");
  g_assert_false (lw_edit_update (f->program.store, LW_ROLE_PROJECT_MANAGER, p, NULL, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_TAMPERED);
}

/* A version-2 file (no exit reasons) opens, gets the column, keeps its rows. */
static void
test_migration_3 (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LwId pid = lw_test_new_participant (f->program.store, LW_ROLE_PROJECT_MANAGER, "P-0300");
  g_autoptr(LwParticipant) p = NULL;

  g_clear_pointer (&f->program.store, lw_store_free);
  /* a version-2 file has neither the exit reason nor what versions 4, 5 and 6 add */
  lw_test_raw_exec (f->program.path, LW_TEST_SQL_WITHOUT_SUMMARIES
                     "DROP TABLE status_change; DROP TABLE housing_change; "
                     "ALTER TABLE participant DROP COLUMN exit_reason; "
                     "ALTER TABLE community_concern DROP COLUMN response; "
                     "ALTER TABLE community_concern DROP COLUMN response_kind; "
                     "ALTER TABLE community_concern DROP COLUMN responded_date; "
                     "ALTER TABLE community_concern DROP COLUMN closed_date; "
                     "PRAGMA user_version = 2");
  f->program.store = lw_store_open (f->program.path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lw_store_get_schema_version (f->program.store), ==, LW_SCHEMA_VERSION);
  g_assert_true (lw_store_unlock (f->program.store, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), &error));
  g_assert_no_error (error);
  p = lw_store_get (f->program.store, &lw_participant_table, pid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (p->legal_name, ==, "Synthetic Person");
  g_assert_null (p->exit_reason);
  lw_test_set_field (f->program.store, p, "status", "exited");
  lw_test_set_field (f->program.store, p, "exit_reason", "Moved away");
  g_assert_true (lw_edit_update (f->program.store, LW_ROLE_PROJECT_MANAGER, p, NULL, &error));
  g_assert_no_error (error);
  lw_test_assert_store_clean (f->program.store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/lw/records/parse-fields", test_parse_fields);
  ADD ("/lw/records/participant-create-edit", test_participant_create_edit);
  ADD ("/lw/records/refused-by-role", test_refused_by_role);
  ADD ("/lw/records/contact-last-contact-undo", test_contact_last_contact_undo);
  ADD ("/lw/records/every-kind", test_every_kind);
  ADD ("/lw/records/marked-text-needs-its-category", test_marked_text_needs_its_category);
  ADD ("/lw/records/bad-values", test_bad_values);
  ADD ("/lw/records/delete-and-undo", test_delete_and_undo);
  ADD ("/lw/records/describe-consents", test_describe_consents);
  ADD ("/lw/records/form-columns", test_form_columns);
  ADD ("/lw/records/cli-every-kind", test_cli_every_kind);
  ADD ("/lw/records/cli-errors", test_cli_errors);
  ADD ("/lw/records/cli-import", test_cli_import);
  ADD ("/lw/records/migration-3", test_migration_3);
  ADD ("/lw/records/damaged-not-overwritten", test_damaged_not_overwritten);
#undef ADD

  return g_test_run ();
}
