/* test-import.c: the roster from CSV — valid files, every kind of bad row, all
 * rows or none, dry runs, and the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lw/lw-audit.h"
#include "lw/lw-demo.h"
#include "lw/lw-edit.h"
#include "lw/lw-error.h"
#include "lw/lw-export.h"
#include "lw/lw-import.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw-test-util.h"

typedef struct
{
  char    *dir;
  LwStore *store;
  LwId     case_manager;
} Fixture;

#define HEADER "code,legal_name,preferred_name,date_of_birth,referral_route,referral_date,status,case_manager,housing_status,neighbourhood\n"

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwPerson) person = lw_person_new ();
  g_autoptr(LwParticipant) existing = lw_participant_new ();

  f->dir = lw_test_tmpdir ();
  f->store = lw_test_store_new (f->dir, "program.lwdb");

  person->name = g_strdup ("Riley Sample");
  person->agency = g_strdup ("Synthetic Services");
  person->role = LW_ROLE_CASE_MANAGER;
  person->active = TRUE;
  lw_store_insert (f->store, person, &error);
  g_assert_no_error (error);
  f->case_manager = person->id;

  existing->code = g_strdup ("P-0001");
  existing->legal_name = g_strdup ("Existing Synthetic Person");
  existing->referral_route = LW_REFERRAL_SOCIAL_CONTACT;
  existing->status = LW_STATUS_ACTIVE;
  existing->housing_status = LW_HOUSING_SHELTER;
  lw_store_insert (f->store, existing, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->store, lw_store_free);
  lw_test_tmpdir_remove (f->dir);
  g_free (f->dir);
}

static gint64
n_participants (Fixture *f)
{
  return lw_store_count (f->store, &lw_participant_table, NULL);
}

static guint
n_audit (Fixture     *f,
         LwAuditEvent event)
{
  g_autoptr(GPtrArray) entries = lw_audit_list (f->store, NULL);
  guint n = 0;

  for (guint i = 0; i < entries->len; i++)
    n += ((LwAuditEntry *) g_ptr_array_index (entries, i))->event == event;
  return n;
}

static LwImportResult *
import_text (Fixture    *f,
             const char *text,
             gboolean    dry_run)
{
  g_autoptr(GError) error = NULL;
  LwImportResult *result = lw_import_participants_from_data (f->store, text, strlen (text), dry_run, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* The problem on line, which must exist; its message must contain what. */
static void
assert_problem (LwImportResult *result,
                guint           line,
                const char     *what)
{
  for (guint i = 0; i < result->problems->len; i++)
    {
      LwImportProblem *p = g_ptr_array_index (result->problems, i);

      if (p->line == line && strstr (p->message, what) != NULL)
        return;
    }
  for (guint i = 0; i < result->problems->len; i++)
    {
      LwImportProblem *p = g_ptr_array_index (result->problems, i);
      g_test_message ("line %u: %s", p->line, p->message);
    }
  g_error ("no problem on line %u about “%s”", line, what);
}

/* Quoted fields with commas, quotes and line breaks; UTF-8; a byte order mark;
 * CRLF line ends; columns in any order and case. */
static void
test_valid (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(LwImportResult) result = NULL;
  g_autoptr(LwParticipant) a = NULL;
  g_autoptr(LwParticipant) b = NULL;
  g_autoptr(LwParticipant) c = NULL;
  g_autoptr(GError) error = NULL;
  const char *text =
    "\xEF\xBB\xBF" "Code,Legal Name,preferred-name,ALIASES,date_of_birth,referral_route,status,case_manager,housing_status,housing_notes,flagged\r\n"
    "P-0100,\"Zoë Ñandú-Example\",Zoë,\"Z, the \"\"Quiet\"\" One\",1990-02-03,arrest-diversion,active,riley sample,shelter,\"Two lines\r\nof notes\",yes\r\n"
    "P-0101,Synthetic Person Two,,,,social-contact,referred,,,,\r\n"
    "\r\n"
    "P-0102,Synthetic Person Three,,,1985-12-31,community-referral,intake-scheduled,,permanent,,no";
  gint64 before = n_participants (f);

  result = import_text (f, text, FALSE);
  g_assert_cmpuint (result->problems->len, ==, 0);
  g_assert_cmpuint (result->n_rows, ==, 3);
  g_assert_cmpuint (result->n_imported, ==, 3);
  g_assert_cmpint (n_participants (f), ==, before + 3);
  g_assert_cmpuint (n_audit (f, LW_AUDIT_IMPORT), ==, 1);

  a = lw_participant_find_by_code (f->store, "P-0100", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a->legal_name, ==, "Zoë Ñandú-Example");
  g_assert_cmpstr (a->preferred_name, ==, "Zoë");
  g_assert_cmpstr (a->aliases, ==, "Z, the \"Quiet\" One");
  g_assert_cmpstr (a->date_of_birth, ==, "1990-02-03");
  g_assert_cmpint (a->referral_route, ==, LW_REFERRAL_ARREST_DIVERSION);
  g_assert_cmpint (a->status, ==, LW_STATUS_ACTIVE);
  g_assert_cmpint (a->case_manager_id, ==, f->case_manager);
  g_assert_cmpint (a->housing_status, ==, LW_HOUSING_SHELTER);
  g_assert_cmpstr (a->housing_notes, ==, "Two lines\r\nof notes");
  g_assert_true (a->flagged);

  b = lw_participant_find_by_code (f->store, "P-0101", &error);
  g_assert_no_error (error);
  g_assert_null (b->preferred_name);
  g_assert_cmpint (b->housing_status, ==, LW_HOUSING_UNKNOWN);
  g_assert_cmpint (b->case_manager_id, ==, 0);

  c = lw_participant_find_by_code (f->store, "P-0102", &error);
  g_assert_no_error (error);
  g_assert_cmpint (c->status, ==, LW_STATUS_INTAKE_SCHEDULED);
  g_assert_false (c->flagged);
}

/* Every kind of bad row, each reported with its line and what is wrong; the
 * values themselves are never quoted back (codes aside). */
static void
test_every_bad_row (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LwImportResult) result = NULL;
  g_autoptr(GString) text = g_string_new (HEADER);
  gint64 before = n_participants (f);
  guint audit_before = n_audit (f, LW_AUDIT_IMPORT);

  /* 2 */ g_string_append (text, "P-0200,,,,arrest-diversion,,active,,,\n");
  /* 3 */ g_string_append (text, "P-0201,Synthetic A,,SECRETDATE,arrest-diversion,,active,,,\n");
  /* 4 */ g_string_append (text, "P-0202,Synthetic B,,,arrest-diversion,2026-02-30,active,,,\n");
  /* 5 */ g_string_append (text, "P-0203,Synthetic C,,,arrest-diversion,,SECRETSTATUS,,,\n");
  /* 6 */ g_string_append (text, "P-0204,Synthetic D,,,teleported,,active,,,\n");
  /* 7 */ g_string_append (text, "P-0205,Synthetic E,,,arrest-diversion,,active,,,\n");
  /* 8 */ g_string_append (text, "P-0205,Synthetic F,,,arrest-diversion,,active,,,\n");
  /* 9 */ g_string_append (text, "P-0001,Synthetic G,,,arrest-diversion,,active,,,\n");
  /* 10 */ g_string_append (text, "P-0206,Synthetic H,,,arrest-diversion,,active,Nobody Known,,\n");
  /* 11 */ g_string_append (text, "P-0207,Synthetic I,,,arrest-diversion,,active,,mansion,\n");
  /* 12 */ g_string_append (text, "P-0208,Synthetic J,,,arrest-diversion,,active,\n");
  /* 13 */ g_string_append (text, "P-0209,Synthetic \xC3\x28 K,,,arrest-diversion,,active,,,\n");
  /* 14 */ g_string_append (text, ",Synthetic L,,,,,,,,\n");
  /* 15 */ g_string_append (text, "P-0210,Synthetic M,,,arrest-diversion,,active,,,\n");

  result = import_text (f, text->str, FALSE);
  g_assert_cmpuint (result->n_rows, ==, 14);
  g_assert_cmpuint (result->n_imported, ==, 0);
  assert_problem (result, 2, "legal_name is required");
  assert_problem (result, 3, "date_of_birth");
  assert_problem (result, 3, "YYYY-MM-DD");
  assert_problem (result, 4, "referral_date");
  assert_problem (result, 5, "status");
  assert_problem (result, 5, "expected one of");
  assert_problem (result, 6, "referral_route");
  assert_problem (result, 8, "P-0205 is also on line 7");
  assert_problem (result, 9, "P-0001 is already in the program");
  assert_problem (result, 10, "case_manager: no workgroup member");
  assert_problem (result, 11, "housing_status");
  assert_problem (result, 12, "8 fields but the header row has 10");
  assert_problem (result, 13, "legal_name: not valid UTF-8");
  assert_problem (result, 14, "code is required");
  assert_problem (result, 14, "referral_route is required");
  assert_problem (result, 14, "status is required");
  /* sorted by line; the good rows 7 and 15 have none */
  for (guint i = 0; i < result->problems->len; i++)
    {
      LwImportProblem *p = g_ptr_array_index (result->problems, i);

      g_assert_cmpuint (p->line, !=, 7);
      g_assert_cmpuint (p->line, !=, 15);
      if (i > 0)
        g_assert_cmpuint (p->line, >=, ((LwImportProblem *) g_ptr_array_index (result->problems, i - 1))->line);
      g_assert_null (strstr (p->message, "SECRET"));
      g_assert_null (strstr (p->message, "Synthetic"));
      g_assert_null (strstr (p->message, "teleported"));
      g_assert_null (strstr (p->message, "mansion"));
      g_assert_null (strstr (p->message, "Nobody Known"));
    }
  /* nothing written, nothing audited */
  g_assert_cmpint (n_participants (f), ==, before);
  g_assert_cmpuint (n_audit (f, LW_AUDIT_IMPORT), ==, audit_before);
}

/* One bad row in the middle of good ones, after a field that spans lines: the
 * line number is the row's first line, and nothing is imported. */
static void
test_bad_row_in_middle (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LwImportResult) result = NULL;
  g_autoptr(GString) text = g_string_new (HEADER);
  gint64 before = n_participants (f);

  for (int i = 0; i < 50; i++)
    g_string_append_printf (text, "P-%04d,Synthetic %d,,,social-contact,,active,,,\"Harbor\nFlats\"\n", 1000 + i, i);
  /* 2 + 50 * 2 = line 102 */
  g_string_append (text, "P-2000,Synthetic Bad,,1990-13-01,social-contact,,active,,,\n");
  for (int i = 0; i < 50; i++)
    g_string_append_printf (text, "P-%04d,Synthetic %d,,,social-contact,,active,,,\n", 3000 + i, i);

  result = import_text (f, text->str, FALSE);
  g_assert_cmpuint (result->n_rows, ==, 101);
  g_assert_cmpuint (result->problems->len, ==, 1);
  assert_problem (result, 102, "date_of_birth");
  g_assert_cmpuint (result->n_imported, ==, 0);
  g_assert_cmpint (n_participants (f), ==, before);

  /* the same file without the bad row imports all 100 */
  g_string_replace (text, "P-2000,Synthetic Bad,,1990-13-01,", "P-2000,Synthetic Good,,1990-12-01,", 1);
  g_clear_pointer (&result, lw_import_result_free);
  result = import_text (f, text->str, FALSE);
  g_assert_cmpuint (result->problems->len, ==, 0);
  g_assert_cmpuint (result->n_imported, ==, 101);
  g_assert_cmpint (n_participants (f), ==, before + 101);
}

static void
test_dry_run (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(LwImportResult) good = NULL;
  g_autoptr(LwImportResult) bad = NULL;
  gint64 before = n_participants (f);
  guint audit_before = n_audit (f, LW_AUDIT_IMPORT);

  good = import_text (f, HEADER "P-0300,Synthetic A,,,arrest-diversion,,active,,,\n", TRUE);
  g_assert_true (good->dry_run);
  g_assert_cmpuint (good->n_rows, ==, 1);
  g_assert_cmpuint (good->n_imported, ==, 0);
  g_assert_cmpuint (good->problems->len, ==, 0);

  bad = import_text (f, HEADER "P-0300,Synthetic A,,,arrest-diversion,,gone,,,\n", TRUE);
  assert_problem (bad, 2, "status");

  g_assert_cmpint (n_participants (f), ==, before);
  g_assert_cmpuint (n_audit (f, LW_AUDIT_IMPORT), ==, audit_before);
}

/* What makes the whole file unreadable: reported once, nothing imported. */
static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  static const struct { const char *text; guint line; const char *what; } cases[] = {
    { "", 0, "empty" },
    { HEADER, 0, "no rows" },
    { "code,legal_name,referral_route\nP-1,A,social-contact\n", 1, "no column “status”" },
    { "code,legal_name,referral_route,status,shoe_size\nP-1,A,social-contact,active,44\n", 1, "unknown column “shoe_size”" },
    { "code,legal_name,referral_route,status,code\nP-1,A,social-contact,active,P-2\n", 1, "appears twice" },
    { "code,legal_name,,referral_route,status\nP-1,A,,social-contact,active\n", 1, "column 3" },
    { "code,legal_name,referral_route,status\nP-1,A\"B,social-contact,active\n", 2, "double quote" },
    { "code,legal_name,referral_route,status\nP-1,\"A\"B,social-contact,active\n", 2, "double quote" },
    { "code,legal_name,referral_route,status\nP-1,A,social-contact,active\nP-2,\"open\nquote,social-contact,active\n", 3, "never closed" },
    { "code,\xFF\xFElegal,referral_route,status\nP-1,A,social-contact,active\n", 1, "UTF-8" },
  };
  gint64 before = n_participants (f);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LwImportResult) result = import_text (f, cases[i].text, FALSE);

      g_assert_cmpuint (result->n_imported, ==, 0);
      assert_problem (result, cases[i].line, cases[i].what);
    }
  g_assert_cmpint (n_participants (f), ==, before);
}

/* From a file, and refused when too big. */
static void
test_file (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "roster.csv", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.csv", NULL);
  g_autoptr(LwImportResult) result = NULL;
  g_autoptr(LwImportResult) none = NULL;

  g_assert_true (g_file_set_contents (path, HEADER "P-0400,Synthetic A,,,arrest-diversion,,active,,,\n", -1, NULL));
  result = lw_import_participants (f->store, path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_imported, ==, 1);

  none = lw_import_participants (f->store, missing, FALSE, &error);
  g_assert_null (none);
  g_assert_error (error, LW_ERROR, LW_ERROR_FAILED);
  g_clear_error (&error);

  lw_store_lock (f->store);
  g_assert_null (lw_import_participants (f->store, path, FALSE, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_LOCKED);
}

/* Files that are no CSV at all, for every kind: one problem or one error that
 * says what to do, no row written, no import audited; a device that never
 * ends is read no further than the size limit. */
static void
test_unreadable_files (Fixture       *f,
                       gconstpointer  data)
{
  static const struct
  {
    LwImportKind       kind;
    LwRole             role;
    const LwTableInfo *table;
    const char        *header;
    guint              n_columns;
  } kinds[] = {
    { LW_IMPORT_MEMBERS, LW_ROLE_PROJECT_MANAGER, &lw_person_table, "name,role\n", 2 },
    { LW_IMPORT_CONSENTS, LW_ROLE_CASE_MANAGER, &lw_consent_table, "participant,categories,signed_date\n", 3 },
    { LW_IMPORT_MATTERS, LW_ROLE_PROSECUTOR, &lw_legal_matter_table, "participant,case_number\n", 2 },
    { LW_IMPORT_CONTACTS, LW_ROLE_CASE_MANAGER, &lw_contact_table, "participant,date,kind\n", 3 },
  };
  static const guint8 utf16[] = { 0xFF, 0xFE, 'n', 0, 'a', 0, 'm', 0, 'e', 0, '\n', 0 };
  static const guint8 binary[] = { 0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0xFF, 0x00, 0x9C, '\n', 0x00 };
  g_autofree char *folder = g_build_filename (f->dir, "roster.csv", NULL);
  g_autofree char *path = g_build_filename (f->dir, "bad.csv", NULL);
  g_autoptr(GString) long_field = g_string_new ("\"");
  struct { const char *data; gsize len; guint line; const char *what; } files[] = {
    { "", 0, 0, "the file is empty" },
    { "\xEF\xBB\xBF", 3, 0, "the file is empty" },
    { "\xEF\xBB\xBF\r\n\r\n", 7, 0, "the file is empty" },
    { (const char *) utf16, sizeof utf16, 1, "save the file as UTF-8" },
    { (const char *) binary, sizeof binary, 1, "UTF-8" },
    { NULL, 0, 2, "longer than 16384 bytes" },
  };
  guint imports = n_audit (f, LW_AUDIT_IMPORT);

  /* a line over a megabyte: one quoted field */
  for (guint i = 0; i < 1100 * 1024; i++)
    g_string_append_c (long_field, 'A' + i % 26);
  g_string_append_c (long_field, '"');
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      gint64 rows = lw_store_count (f->store, kinds[k].table, NULL);
      g_autoptr(GString) long_line = g_string_new (kinds[k].header);

      g_string_append_len (long_line, long_field->str, long_field->len);
      for (guint c = 1; c < kinds[k].n_columns; c++)
        g_string_append_c (long_line, ',');
      g_string_append_c (long_line, '\n');
      files[5].data = long_line->str;
      files[5].len = long_line->len;

      /* a folder: said so, in words a user can act on */
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(LwImportResult) result = lw_import_file (f->store, kinds[k].kind, kinds[k].role, folder, FALSE, &error);

        g_assert_null (result);
        g_assert_error (error, LW_ERROR, LW_ERROR_FAILED);
        if (strstr (error->message, "is a folder") == NULL)
          g_error ("a folder to import: “%s”", error->message);
      }
      for (guint i = 0; i < G_N_ELEMENTS (files); i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(LwImportResult) result = NULL;

          g_assert_true (g_file_set_contents (path, files[i].data, files[i].len, NULL));
          result = lw_import_file (f->store, kinds[k].kind, kinds[k].role, path, FALSE, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (result->n_imported, ==, 0);
          assert_problem (result, files[i].line, files[i].what);
          /* one problem; the long line's row may be short of a value too */
          for (guint p = 0; p < result->problems->len; p++)
            g_assert_cmpuint (((LwImportProblem *) g_ptr_array_index (result->problems, p))->line, ==, files[i].line);
          if (i != G_N_ELEMENTS (files) - 1 && result->problems->len != 1)
            g_error ("kind %u, file %u: %u problems", k, i, result->problems->len);
        }
      /* a device without end: refused at the size limit, not read into memory */
      if (g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(LwImportResult) result = lw_import_file (f->store, kinds[k].kind, kinds[k].role, "/dev/zero", FALSE, &error);

          g_assert_no_error (error);
          g_assert_nonnull (result);
          assert_problem (result, 0, "larger than");
        }
      g_assert_cmpint (lw_store_count (f->store, kinds[k].table, NULL), ==, rows);
    }
  g_assert_cmpuint (n_audit (f, LW_AUDIT_IMPORT), ==, imports);
}

/* ----------------------------------------------------------------------------
 * The command line
 */

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *db = g_strdup (lw_store_get_path (f->store));
  g_autofree char *good = g_build_filename (f->dir, "good.csv", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
  g_auto(LwTestResult) dry = { 0 };
  g_auto(LwTestResult) ok = { 0 };
  g_auto(LwTestResult) refused = { 0 };
  g_auto(LwTestResult) json = { 0 };
  g_auto(LwTestResult) usage = { 0 };
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&f->store, lw_store_free);
  g_assert_true (g_file_set_contents (good, HEADER
                                      "P-0500,Synthetic A,,,arrest-diversion,,active,,,\n"
                                      "P-0501,Synthetic B,,,arrest-diversion,,active,,,\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad, HEADER
                                      "P-0502,Synthetic C,,,arrest-diversion,,active,,,\n"
                                      "P-0503,Synthetic D,,notadate,arrest-diversion,,active,,,\n"
                                      "P-0504,Synthetic E,,,arrest-diversion,,frozen,,,\n", -1, NULL));

  lw_test_run (&dry, LW_TEST_PASSPHRASE, "import", "participants", good, "--dry-run", "--database", db, NULL);
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_nonnull (strstr (dry.out, "2 rows checked"));

  lw_test_run (&ok, LW_TEST_PASSPHRASE, "import", "participants", good, "--database", db, NULL);
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_nonnull (strstr (ok.out, "Imported 2 rows (participants)"));

  lw_test_run (&refused, LW_TEST_PASSPHRASE, "import", "participants", bad, "--database", db, NULL);
  g_assert_cmpint (refused.status, ==, 1);
  /* the problems are errors, not output: one line per bad row, then the summary */
  g_assert_cmpuint (lw_test_count_lines (refused.err), ==, 3);
  g_assert_cmpstr (refused.out, ==, "");
  g_assert_nonnull (strstr (refused.err, "nothing was imported"));
  g_assert_nonnull (strstr (refused.err, "bad.csv:3: date_of_birth"));
  g_assert_nonnull (strstr (refused.err, "bad.csv:4: status"));
  g_assert_null (strstr (refused.err, "notadate"));

  lw_test_run (&json, LW_TEST_PASSPHRASE, "import", "participants", bad, "--dry-run", "--json", "--database", db, NULL);
  g_assert_cmpint (json.status, ==, 1);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root;
    JsonArray *problems;

    json_parser_load_from_data (parser, json.out, -1, &error);
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    problems = json_object_get_array_member (root, "problems");
    g_assert_cmpuint (json_array_get_length (problems), ==, 2);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (problems, 0), "line"), ==, 3);
    g_assert_cmpint (json_object_get_int_member (root, "imported"), ==, 0);
  }

  lw_test_run (&usage, LW_TEST_PASSPHRASE, "import", "participants", "--database", db, NULL);
  g_assert_cmpint (usage.status, ==, 2);

  /* two imported, the rest not */
  f->store = lw_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (lw_store_unlock (f->store, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), &error));
  g_assert_cmpint (n_participants (f), ==, 3);
}

/* ----------------------------------------------------------------------------
 * Export, then import: the same roster
 */

static void
csv_field (GString    *s,
           const char *text)
{
  g_string_append_c (s, '"');
  for (const char *c = text ? text : ""; *c; c++)
    {
      if (*c == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *c);
    }
  g_string_append_c (s, '"');
}

/* The members of from as a CSV file that import members reads. */
static char *
members_csv (LwStore *from)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = lw_edit_list_members (from, TRUE, &error);
  GString *s = g_string_new ("name,role,agency,active\n");

  g_assert_no_error (error);
  for (guint i = 0; i < people->len; i++)
    {
      const LwPerson *person = g_ptr_array_index (people, i);

      csv_field (s, person->name);
      g_string_append_c (s, ',');
      csv_field (s, lw_role_to_label (person->role));
      g_string_append_c (s, ',');
      csv_field (s, person->agency);
      g_string_append_printf (s, ",%s\n", person->active ? "yes" : "no");
    }
  return g_string_free (s, FALSE);
}

/* A 200-participant demo roster exported for a case manager (in English and
 * in Spanish) imports into a new program and exports again byte for byte. */
static void
test_export_import_round_trip (Fixture       *f,
                               gconstpointer  data)
{
  static const char * const languages[] = { "en", "es" };
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) demo = lw_test_store_new (f->dir, "demo.lwdb");
  g_autoptr(LwAudience) cm = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_CASE_MANAGER));
  g_autofree char *members = NULL;
  g_autofree char *first = g_build_filename (f->dir, "first.csv", NULL);
  g_autofree char *again = g_build_filename (f->dir, "again.csv", NULL);
  g_autoptr(GBytes) first_bytes = NULL;

  g_assert_true (lw_demo_generate (demo, 200, 7, &error));
  g_assert_no_error (error);
  g_assert_true (lw_export_participants_csv (demo, cm, first, NULL, &error));
  g_assert_no_error (error);
  first_bytes = lw_test_read_file (first);
  /* what the issue found refused: labels and the notice */
  g_assert_true (lw_test_bytes_contain (first_bytes, "Arrest diversion"));
  g_assert_true (lw_test_bytes_contain (first_bytes, "part2_notice"));
  members = members_csv (demo);

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autofree char *name = g_strdup_printf ("copy-%s.lwdb", languages[l]);
      g_autofree char *exported = g_build_filename (f->dir, "exported.csv", NULL);
      g_autoptr(LwStore) copy = lw_test_store_new (f->dir, name);
      g_autoptr(LwImportResult) m = NULL;
      g_autoptr(LwImportResult) p = NULL;
      g_autoptr(GBytes) again_bytes = NULL;

      g_assert_true (lw_export_participants_csv_in (demo, cm, exported, languages[l], NULL, &error));
      g_assert_no_error (error);
      m = lw_import_from_data (copy, LW_IMPORT_MEMBERS, LW_ROLE_PROJECT_MANAGER, members, strlen (members), FALSE, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (m->problems->len, ==, 0);
      p = lw_import_file (copy, LW_IMPORT_PARTICIPANTS, LW_ROLE_CASE_MANAGER, exported, FALSE, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < p->problems->len; i++)
        g_test_message ("line %u: %s", ((LwImportProblem *) g_ptr_array_index (p->problems, i))->line,
                        ((LwImportProblem *) g_ptr_array_index (p->problems, i))->message);
      g_assert_cmpuint (p->problems->len, ==, 0);
      g_assert_cmpuint (p->n_imported, ==, 200);

      g_assert_true (lw_export_participants_csv (copy, cm, again, NULL, &error));
      g_assert_no_error (error);
      again_bytes = lw_test_read_file (again);
      g_assert_true (g_bytes_equal (first_bytes, again_bytes));
    }

  /* the project manager may not bring in the health and treatment columns */
  {
    g_autoptr(LwStore) copy = lw_test_store_new (f->dir, "as-pm.lwdb");
    g_autoptr(LwImportResult) m = lw_import_from_data (copy, LW_IMPORT_MEMBERS, LW_ROLE_PROJECT_MANAGER,
                                                        members, strlen (members), FALSE, NULL);
    g_autoptr(LwImportResult) p = lw_import_file (copy, LW_IMPORT_PARTICIPANTS, LW_ROLE_PROJECT_MANAGER,
                                                  first, FALSE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (m->n_imported, >, 0);
    g_assert_cmpuint (p->n_imported, ==, 0);
    assert_problem (p, 1, "health_notes: as project manager you may not write");
    assert_problem (p, 1, "substance_use: as project manager");
    g_assert_cmpint (lw_store_count (copy, &lw_participant_table, NULL), ==, 0);
    g_assert_cmpuint (lw_test_count_audit_events (copy, LW_AUDIT_WRITE_REFUSED, NULL), ==, 1);
  }
}

/* Members, releases, legal matters and contacts: all rows or none, each bad row
 * with its line; then the good file, with its side effects. */
static void
test_other_kinds (Fixture       *f,
                  gconstpointer  data)
{
  static const struct
  {
    LwImportKind kind;
    LwRole       role;
    const char  *bad;
    struct { guint line; const char *what; } problems[4];
    const char  *good;
  } cases[] = {
    { LW_IMPORT_MEMBERS, LW_ROLE_PROJECT_MANAGER,
      "name,role,agency\nAlex Synthetic,case-manager,Harbor\n,prosecutor,DA\nBo Synthetic,astronaut,\n",
      { { 3, "name is required" }, { 4, "role: not a known value" } },
      "Name,Role,Agency,Active\nAlex Synthetic,Case manager,Harbor,yes\nBo Synthetic,Fiscal,DA,no\n" },
    { LW_IMPORT_CONSENTS, LW_ROLE_CASE_MANAGER,
      "participant,recipient_role,recipient_agency,categories,signed_date,expires,revoked\n"
      "P-0001,prosecutor,,legal,2026-11-01,2026-10-01,\n"
      "P-0001,,,health,2026-11-01,,\n"
      "P-0404,prosecutor,,legal,2026-11-01,,\n"
      "P-0001,prosecutor,,gossip,2026-11-01,,2026-10-01\n",
      { { 2, "expires: a release cannot expire before" }, { 3, "recipient_role" },
        { 4, "participant: no participant has that code" }, { 5, "categories" } },
      "code,recipient_role,recipient_agency,categories,signed_date,expires\n"
      "P-0001,service-provider,Harbor Detox,\"health, substance_use\",2026-11-01,2027-03-01\n" },
    { LW_IMPORT_MATTERS, LW_ROLE_PROSECUTOR,
      "participant,case_number,court,status,next_court_date\n"
      "P-0001,CR-1,Muni,pending,2026-12-01\n"
      "P-0001,cr 1,Muni,pending,\n"
      "P-0001,CR-2,Muni,pending,2026-02-30\n",
      { { 3, "case_number: the same case number is also on line 2" }, { 4, "next_court_date" } },
      "participant,case_number,court,charge,before_referral,status\n"
      "P-0001,CR-1,Muni,\"Trespass, second degree\",yes,Pending\n" },
    { LW_IMPORT_CONTACTS, LW_ROLE_CASE_MANAGER,
      "participant,date,kind,staff,note\n"
      "P-0001,2026-11-20,phone,Riley Sample,CANARY-import-note\n"
      "P-0001,2026-11-30,phone,Riley Sample,x\n"
      "P-0001,2026-11-20,phone,Nobody Known,x\n"
      "P-0001,2026-11-20,phone\n",
      { { 3, "date: a contact cannot be in the future" }, { 4, "staff: no workgroup member" },
        { 5, "3 fields but the header row has 5" } },
      "participant,date,kind,staff,note\n"
      "P-0001,2026-11-20,phone,Riley Sample,CANARY-import-note\n"
      "P-0001,2026-11-22,in-person,Riley Sample,\"two\nlines\"\n"
      "P-0001,2026-11-23,attempted,,\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const LwTableInfo *table = lw_import_kind_table (cases[i].kind);
      gint64 before = lw_store_count (f->store, table, NULL);
      guint imports = n_audit (f, LW_AUDIT_IMPORT);
      g_autoptr(GError) error = NULL;
      g_autoptr(LwImportResult) bad = lw_import_from_data (f->store, cases[i].kind, cases[i].role,
                                                           cases[i].bad, strlen (cases[i].bad), FALSE, &error);
      g_autoptr(LwImportResult) good = NULL;

      g_assert_no_error (error);
      for (guint j = 0; j < G_N_ELEMENTS (cases[i].problems) && cases[i].problems[j].line; j++)
        assert_problem (bad, cases[i].problems[j].line, cases[i].problems[j].what);
      g_assert_cmpuint (bad->n_imported, ==, 0);
      g_assert_cmpint (lw_store_count (f->store, table, NULL), ==, before);
      g_assert_cmpuint (n_audit (f, LW_AUDIT_IMPORT), ==, imports);
      for (guint j = 0; j < bad->problems->len; j++)
        g_assert_null (strstr (((LwImportProblem *) g_ptr_array_index (bad->problems, j))->message, "CANARY"));

      good = lw_import_from_data (f->store, cases[i].kind, cases[i].role, cases[i].good,
                                  strlen (cases[i].good), FALSE, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < good->problems->len; j++)
        g_test_message ("%s line %u: %s", lw_import_kind_to_string (cases[i].kind),
                        ((LwImportProblem *) g_ptr_array_index (good->problems, j))->line,
                        ((LwImportProblem *) g_ptr_array_index (good->problems, j))->message);
      g_assert_cmpuint (good->problems->len, ==, 0);
      g_assert_cmpint (lw_store_count (f->store, table, NULL), ==, before + good->n_imported);
      g_assert_cmpuint (n_audit (f, LW_AUDIT_IMPORT), ==, imports + 1);
    }

  /* what the rows say, read back */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LwParticipant) p = lw_participant_find_by_code (f->store, "P-0001", &error);
    g_autoptr(GPtrArray) consents = lw_model_list_for (f->store, &lw_consent_table, p->id, &error);
    g_autoptr(GPtrArray) matters = lw_model_list_for (f->store, &lw_legal_matter_table, p->id, &error);
    g_autoptr(LwPerson) bo = lw_edit_find_member (f->store, "bo synthetic", &error);
    const LwConsent *roi = g_ptr_array_index (consents, 0);
    const LwLegalMatter *matter = g_ptr_array_index (matters, 0);

    g_assert_no_error (error);
    /* the last contact that reached them; the attempt does not count */
    g_assert_cmpstr (p->last_contact, ==, "2026-11-22");
    g_assert_cmpint (bo->role, ==, LW_ROLE_PROSECUTOR);
    g_assert_false (bo->active);
    g_assert_cmpint (roi->recipient_role, ==, LW_ROLE_SERVICE_PROVIDER);
    g_assert_cmpint (roi->categories, ==, LW_CATEGORY_BIT (LW_CATEGORY_HEALTH) | LW_CATEGORY_BIT (LW_CATEGORY_SUBSTANCE_USE));
    g_assert_cmpstr (matter->charge, ==, "Trespass, second degree");
    g_assert_true (matter->before_referral);
  }
  {
    g_autoptr(GBytes) db = lw_test_read_file (lw_store_get_path (f->store));

    g_assert_false (lw_test_bytes_contain (db, "CANARY-import"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/lw/import/valid", test_valid);
  ADD ("/lw/import/every-bad-row", test_every_bad_row);
  ADD ("/lw/import/bad-row-in-middle", test_bad_row_in_middle);
  ADD ("/lw/import/dry-run", test_dry_run);
  ADD ("/lw/import/bad-files", test_bad_files);
  ADD ("/lw/import/file", test_file);
  ADD ("/lw/import/unreadable-files", test_unreadable_files);
  ADD ("/lw/import/cli", test_cli);
  ADD ("/lw/import/export-import-round-trip", test_export_import_round_trip);
  ADD ("/lw/import/other-kinds", test_other_kinds);
#undef ADD

  return g_test_run ();
}
