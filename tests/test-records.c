/* test-records.c: every record kind created, edited, deleted and put back
 * through lw-edit, as the role at the keyboard may; bad input of every kind;
 * the file format's migration to version 3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
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
  char    *dir;
  char    *path;
  LwStore *store;
  LwId     pm;          /* Morgan Example, project manager */
  LwId     cm;          /* Riley Sample, case manager */
  LwId     former;      /* Former Member, inactive */
} Fixture;

static LwId
add_member (LwStore    *store,
            const char *name,
            LwRole      role,
            gboolean    active)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwPerson) person = lw_edit_record_new (&lw_person_table);

  person->name = g_strdup (name);
  person->agency = g_strdup ("Synthetic Services");
  person->role = role;
  person->active = active;
  g_assert_true (lw_store_insert (store, person, &error));
  g_assert_no_error (error);
  return person->id;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = lw_test_tmpdir ();
  f->store = lw_test_store_new (f->dir, "program.lwdb");
  f->path = g_strdup (lw_store_get_path (f->store));
  f->pm = add_member (f->store, "Morgan Example", LW_ROLE_PROJECT_MANAGER, TRUE);
  f->cm = add_member (f->store, "Riley Sample", LW_ROLE_CASE_MANAGER, TRUE);
  f->former = add_member (f->store, "Former Member", LW_ROLE_CASE_MANAGER, FALSE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->store, lw_store_free);
  lw_test_tmpdir_remove (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&f->store, lw_store_free);
  f->store = lw_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (lw_store_unlock (f->store, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), &error));
  g_assert_no_error (error);
}

static void
set (Fixture    *f,
     gpointer    record,
     const char *column,
     const char *text)
{
  g_autoptr(GError) error = NULL;
  const LwColumnInfo *info = lw_table_find_column (LW_RECORD (record)->table, column);

  g_assert_nonnull (info);
  if (!lw_edit_set_field (f->store, record, info, text, &error))
    g_error ("%s: %s", column, error->message);
}

/* The audit chain verifies and the file checks clean. */
static void
assert_file_clean (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (lw_audit_verify (f->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lw_store_check (f->store, problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
}

static LwId
new_participant (Fixture    *f,
                 const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwParticipant) p = lw_edit_record_new (&lw_participant_table);

  set (f, p, "code", code);
  set (f, p, "legal_name", "Synthetic Person");
  set (f, p, "referral_route", "social-contact");
  g_assert_true (lw_edit_insert (f->store, LW_ROLE_PROJECT_MANAGER, p, NULL, &error));
  g_assert_no_error (error);
  return LW_RECORD (p)->id;
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
  set (f, p, "referral_route", "Arrest diversion");
  g_assert_cmpint (p->referral_route, ==, LW_REFERRAL_ARREST_DIVERSION);
  set (f, p, "referral_route", "community_referral");
  g_assert_cmpint (p->referral_route, ==, LW_REFERRAL_COMMUNITY);
  set (f, p, "referral_route", "Contacto social");
  g_assert_cmpint (p->referral_route, ==, LW_REFERRAL_SOCIAL_CONTACT);
  set (f, p, "status", "Referred");
  g_assert_cmpint (p->status, ==, LW_STATUS_REFERRED);
  set (f, p, "status", "intake scheduled");
  g_assert_cmpint (p->status, ==, LW_STATUS_INTAKE_SCHEDULED);
  set (f, p, "housing_status", "Transitional housing");
  g_assert_cmpint (p->housing_status, ==, LW_HOUSING_TRANSITIONAL);
  /* booleans */
  set (f, p, "flagged", "yes");
  g_assert_true (p->flagged);
  set (f, p, "flagged", "False");
  g_assert_false (p->flagged);
  set (f, p, "flagged", "sí");
  g_assert_true (p->flagged);
  /* members by name (any case) and by number */
  set (f, p, "case_manager_id", "riley sample");
  g_assert_cmpint (p->case_manager_id, ==, f->cm);
  set (f, p, "peer_worker_id", "1");
  g_assert_cmpint (p->peer_worker_id, ==, f->pm);
  /* dates, and empty text unsets */
  set (f, p, "date_of_birth", "1990-02-28");
  g_assert_cmpstr (p->date_of_birth, ==, "1990-02-28");
  set (f, p, "date_of_birth", "");
  g_assert_null (p->date_of_birth);
  /* a release's categories */
  set (f, c, "categories", "health, substance_use");
  g_assert_cmpint (c->categories, ==, LW_CATEGORY_BIT (LW_CATEGORY_HEALTH) | LW_CATEGORY_BIT (LW_CATEGORY_SUBSTANCE_USE));
  set (f, c, "recipient_role", "case-manager");
  g_assert_cmpint (c->recipient_role, ==, LW_ROLE_CASE_MANAGER);
  set (f, c, "recipient_role", "");
  g_assert_cmpint (c->recipient_role, ==, -1);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LwParticipant) before = lw_record_copy (p);
      const LwColumnInfo *column = lw_table_find_column (&lw_participant_table, bad[i].column);

      g_assert_false (lw_edit_set_field (f->store, p, column, bad[i].text, &error));
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
  g_autofree char *code = lw_edit_next_code (f->store, &error);
  g_autofree char *detail = NULL;
  const LwColumnInfo *bad = NULL;
  guint creates = lw_test_count_audit_events (f->store, LW_AUDIT_RECORD_CREATE, NULL);
  LwId id;

  g_assert_cmpstr (code, ==, "P-0001");
  set (f, p, "code", code);
  set (f, p, "legal_name", "CANARY-edit-legal-name");
  set (f, p, "referral_route", "Arrest diversion");
  set (f, p, "referral_date", "2026-11-20");
  set (f, p, "case_manager_id", "Riley Sample");
  g_assert_true (lw_edit_insert (f->store, LW_ROLE_PROJECT_MANAGER, p, &bad, &error));
  g_assert_no_error (error);
  id = LW_RECORD (p)->id;
  g_assert_cmpint (id, >, 0);
  /* a new referral is dated by its referral */
  g_assert_cmpstr (p->status_changed, ==, "2026-11-20");
  g_assert_cmpuint (lw_test_count_audit_events (f->store, LW_AUDIT_RECORD_CREATE, &detail), ==, creates + 1);
  g_assert_nonnull (strstr (detail, "table=participant"));
  g_assert_nonnull (strstr (detail, "role=project-manager"));
  g_assert_null (strstr (detail, "CANARY"));

  g_clear_pointer (&code, g_free);
  code = lw_edit_next_code (f->store, &error);
  g_assert_cmpstr (code, ==, "P-0002");

  /* a status change is dated today; an exit needs its reason */
  set (f, p, "status", "exited");
  g_assert_false (lw_edit_update (f->store, LW_ROLE_PROJECT_MANAGER, p, &bad, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_assert_cmpstr (bad->name, ==, "exit_reason");
  g_clear_error (&error);
  set (f, p, "exit_reason", "CANARY-exit-reason");
  g_assert_true (lw_edit_update (f->store, LW_ROLE_PROJECT_MANAGER, p, &bad, &error));
  g_assert_no_error (error);

  reopen (f);
  back = lw_store_get (f->store, &lw_participant_table, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->legal_name, ==, "CANARY-edit-legal-name");
  g_assert_cmpint (back->status, ==, LW_STATUS_EXITED);
  g_assert_cmpstr (back->status_changed, ==, TODAY);
  g_assert_cmpstr (back->exit_reason, ==, "CANARY-exit-reason");
  g_assert_cmpint (back->case_manager_id, ==, f->cm);
  assert_file_clean (f);
}

/* A role that may not see a category at full may not write it: nothing is
 * written, the message says why, and the attempt is audited. */
static void
test_refused_by_role (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LwId pid = new_participant (f, "P-0100");
  g_autoptr(LwContact) contact = lw_edit_record_new (&lw_contact_table);
  g_autoptr(LwParticipant) p = lw_store_get (f->store, &lw_participant_table, pid, NULL);
  g_autofree char *detail = NULL;
  const LwColumnInfo *bad = NULL;
  guint refused = lw_test_count_audit_events (f->store, LW_AUDIT_WRITE_REFUSED, NULL);
  gint64 contacts = lw_store_count (f->store, &lw_contact_table, NULL);

  contact->participant_id = pid;
  set (f, contact, "note", "CANARY-refused-note");
  g_assert_false (lw_edit_insert (f->store, LW_ROLE_POLICE_OFFICER, contact, &bad, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "police officer"));
  g_assert_nonnull (strstr (error->message, "care notes"));
  g_assert_null (strstr (error->message, "CANARY"));
  g_clear_error (&error);
  g_assert_cmpint (lw_store_count (f->store, &lw_contact_table, NULL), ==, contacts);
  g_assert_cmpuint (lw_test_count_audit_events (f->store, LW_AUDIT_WRITE_REFUSED, &detail), ==, refused + 1);
  g_assert_nonnull (strstr (detail, "role=police-officer"));
  g_assert_nonnull (strstr (detail, "category=care_notes"));

  /* the project manager sees health at summary only: may not write it */
  set (f, p, "health_notes", "CANARY-refused-health");
  g_assert_false (lw_edit_update (f->store, LW_ROLE_PROJECT_MANAGER, p, &bad, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
  g_assert_cmpstr (bad->name, ==, "health_notes");
  g_clear_error (&error);
  g_assert_cmpuint (lw_test_count_audit_events (f->store, LW_AUDIT_WRITE_REFUSED, NULL), ==, refused + 2);
  {
    g_autoptr(LwParticipant) back = lw_store_get (f->store, &lw_participant_table, pid, NULL);
    g_assert_null (back->health_notes);
  }
  /* the case manager may */
  g_assert_true (lw_edit_update (f->store, LW_ROLE_CASE_MANAGER, p, &bad, &error));
  g_assert_no_error (error);

  g_assert_false (lw_edit_role_may_write (f->store, LW_ROLE_POLICE_OFFICER, &lw_contact_table, NULL));
  g_assert_true (lw_edit_role_may_write (f->store, LW_ROLE_CASE_MANAGER, &lw_contact_table, NULL));
  g_assert_false (lw_edit_role_may_write (f->store, LW_ROLE_PROJECT_MANAGER, &lw_participant_table,
                                          lw_table_find_column (&lw_participant_table, "health_notes")));
  g_assert_true (lw_edit_role_may_write (f->store, LW_ROLE_PROJECT_MANAGER, &lw_participant_table,
                                         lw_table_find_column (&lw_participant_table, "code")));
  g_assert_false (lw_edit_role_may_create (f->store, LW_ROLE_COMMUNITY_REPRESENTATIVE, &lw_person_table));
  assert_file_clean (f);
}

/* A contact moves the participant's last contact; delete and undo. */
static void
test_contact_last_contact_undo (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LwId pid = new_participant (f, "P-0200");
  g_autoptr(LwContact) contact = lw_edit_record_new (&lw_contact_table);
  g_autoptr(LwParticipant) p = NULL;
  gpointer deleted = NULL;
  LwId contact_id;

  contact->participant_id = pid;
  set (f, contact, "date", "2026-11-20");
  set (f, contact, "kind", "phone");
  set (f, contact, "staff_id", "Riley Sample");
  set (f, contact, "note", "CANARY-contact-note");
  g_assert_true (lw_edit_insert (f->store, LW_ROLE_CASE_MANAGER, contact, NULL, &error));
  g_assert_no_error (error);
  contact_id = LW_RECORD (contact)->id;
  p = lw_store_get (f->store, &lw_participant_table, pid, NULL);
  g_assert_cmpstr (p->last_contact, ==, "2026-11-20");
  g_clear_pointer (&p, lw_record_free);

  g_assert_true (lw_edit_delete (f->store, LW_ROLE_CASE_MANAGER, &lw_contact_table, contact_id, &deleted, &error));
  g_assert_no_error (error);
  p = lw_store_get (f->store, &lw_participant_table, pid, NULL);
  g_assert_null (p->last_contact);
  g_clear_pointer (&p, lw_record_free);

  g_assert_true (lw_edit_restore (f->store, LW_ROLE_CASE_MANAGER, deleted, &error));
  g_assert_no_error (error);
  lw_record_free (deleted);
  reopen (f);
  {
    g_autoptr(LwContact) back = lw_store_get (f->store, &lw_contact_table, contact_id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (back->note, ==, "CANARY-contact-note");
    g_assert_cmpint (back->staff_id, ==, f->cm);
  }
  p = lw_store_get (f->store, &lw_participant_table, pid, NULL);
  g_assert_cmpstr (p->last_contact, ==, "2026-11-20");
  g_assert_cmpuint (lw_test_count_audit_events (f->store, LW_AUDIT_RECORD_DELETE, NULL), ==, 1);
  g_assert_cmpuint (lw_test_count_audit_events (f->store, LW_AUDIT_RECORD_RESTORE, NULL), ==, 1);
  assert_file_clean (f);
}

/* ----------------------------------------------------------------------------
 * The file format
 */

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *msg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
  sqlite3_close (db);
}

/* A version-2 file (no exit reasons) opens, gets the column, keeps its rows. */
static void
test_migration_3 (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LwId pid = new_participant (f, "P-0300");
  g_autoptr(LwParticipant) p = NULL;

  g_clear_pointer (&f->store, lw_store_free);
  raw_exec (f->path, "ALTER TABLE participant DROP COLUMN exit_reason; PRAGMA user_version = 2");
  f->store = lw_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lw_store_get_schema_version (f->store), ==, 3);
  g_assert_true (lw_store_unlock (f->store, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), &error));
  g_assert_no_error (error);
  p = lw_store_get (f->store, &lw_participant_table, pid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (p->legal_name, ==, "Synthetic Person");
  g_assert_null (p->exit_reason);
  set (f, p, "status", "exited");
  set (f, p, "exit_reason", "Moved away");
  g_assert_true (lw_edit_update (f->store, LW_ROLE_PROJECT_MANAGER, p, NULL, &error));
  g_assert_no_error (error);
  assert_file_clean (f);
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
  ADD ("/lw/records/migration-3", test_migration_3);
#undef ADD

  return g_test_run ();
}
