/* test-cli.c: the command line as a user meets it — exit statuses, one clear
 * line on stderr, JSON output
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "lw-test-util.h"

typedef struct
{
  char *dir;
  char *db;
  char *pass_file;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_auto(LwTestResult) r = { 0 };

  f->dir = lw_test_tmpdir ();
  f->db = g_build_filename (f->dir, "program.lwdb", NULL);
  f->pass_file = g_build_filename (f->dir, "pass", NULL);
  g_file_set_contents (f->pass_file, "synthetic pass\n", -1, NULL);
  lw_test_run (&r, NULL, "init", "--database", f->db, "--passphrase-file", f->pass_file, NULL);
  g_assert_cmpint (r.status, ==, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lw_test_tmpdir_remove (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->pass_file);
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_auto(LwTestResult) a = { 0 };
  g_auto(LwTestResult) b = { 0 };
  g_auto(LwTestResult) c = { 0 };
  g_auto(LwTestResult) d = { 0 };

  lw_test_run (&a, NULL, "check", "--no-such-option", NULL);
  g_assert_cmpint (a.status, ==, 2);
  g_assert_cmpuint (lw_test_count_lines (a.err), ==, 1);

  lw_test_run (&b, NULL, "audit", "frobnicate", NULL);
  g_assert_cmpint (b.status, ==, 2);
  g_assert_cmpuint (lw_test_count_lines (b.err), ==, 1);

  lw_test_run (&c, NULL, "check", "--database", f->db, "extra", NULL);
  g_assert_cmpint (c.status, ==, 2);

  lw_test_run (&d, NULL, "help", NULL);
  g_assert_cmpint (d.status, ==, 0);
  g_assert_nonnull (strstr (d.out, "passphrase change"));
}

static void
test_passphrase_sources (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(LwTestResult) env = { 0 };
  g_auto(LwTestResult) file = { 0 };
  g_auto(LwTestResult) none = { 0 };
  g_auto(LwTestResult) wrong = { 0 };
  g_autofree char *wrong_file = g_build_filename (f->dir, "wrong", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  lw_test_run (&env, "synthetic pass", "audit", "verify", "--database", f->db, NULL);
  g_assert_cmpint (env.status, ==, 0);
  lw_test_run (&file, NULL, "audit", "verify", "--database", f->db, "--passphrase-file", f->pass_file, NULL);
  g_assert_cmpint (file.status, ==, 0);

  lw_test_run (&none, NULL, "check", "--database", f->db, NULL);
  g_assert_cmpint (none.status, ==, 1);
  g_assert_cmpuint (lw_test_count_lines (none.err), ==, 1);
  g_assert_nonnull (strstr (none.err, "--passphrase-file"));

  before = lw_test_read_file (f->db);
  g_file_set_contents (wrong_file, "not it\n", -1, NULL);
  lw_test_run (&wrong, NULL, "check", "--database", f->db, "--passphrase-file", wrong_file, NULL);
  g_assert_cmpint (wrong.status, ==, 1);
  g_assert_cmpuint (lw_test_count_lines (wrong.err), ==, 1);
  g_assert_nonnull (strstr (wrong.err, "Wrong passphrase"));
  g_assert_cmpstr (wrong.out, ==, "");
  after = lw_test_read_file (f->db);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_missing_and_existing (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(LwTestResult) missing = { 0 };
  g_auto(LwTestResult) exists = { 0 };
  g_autofree char *nowhere = g_build_filename (f->dir, "nowhere.lwdb", NULL);

  lw_test_run (&missing, "synthetic pass", "check", "--database", nowhere, NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_cmpuint (lw_test_count_lines (missing.err), ==, 1);
  g_assert_nonnull (strstr (missing.err, "does not exist"));
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));

  lw_test_run (&exists, "synthetic pass", "init", "--database", f->db, NULL);
  g_assert_cmpint (exists.status, ==, 1);
  g_assert_nonnull (strstr (exists.err, "already exists"));
}

static void
test_passphrase_change (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(LwTestResult) change = { 0 };
  g_auto(LwTestResult) old = { 0 };
  g_auto(LwTestResult) fresh = { 0 };
  g_autofree char *new_file = g_build_filename (f->dir, "new", NULL);

  g_file_set_contents (new_file, "another synthetic pass\n", -1, NULL);
  lw_test_run (&change, NULL, "passphrase", "change", "--database", f->db,
       "--passphrase-file", f->pass_file, "--new-passphrase-file", new_file, NULL);
  g_assert_cmpint (change.status, ==, 0);
  lw_test_run (&old, NULL, "check", "--database", f->db, "--passphrase-file", f->pass_file, NULL);
  g_assert_cmpint (old.status, ==, 1);
  lw_test_run (&fresh, NULL, "check", "--database", f->db, "--passphrase-file", new_file, NULL);
  g_assert_cmpint (fresh.status, ==, 0);
  g_assert_nonnull (strstr (fresh.out, "no problems"));
}

static void
test_check_names_damage (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(LwTestResult) demo = { 0 };
  g_auto(LwTestResult) good = { 0 };
  g_auto(LwTestResult) bad = { 0 };
  g_autofree char *demo_db = g_build_filename (f->dir, "demo.lwdb", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  JsonObject *root;

  lw_test_run (&demo, "demo", "demo", "--database", demo_db, "--participants", "12", NULL);
  g_assert_cmpint (demo.status, ==, 0);
  lw_test_run (&good, "demo", "check", "--database", demo_db, "--json", NULL);
  g_assert_cmpint (good.status, ==, 0);
  json_parser_load_from_data (parser, good.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_boolean_member (root, "ok"));

  /* move one sealed value onto another row */
  g_assert_cmpint (sqlite3_open (demo_db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE participant SET legal_name = (SELECT legal_name FROM participant WHERE id = 2) WHERE id = 3", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  lw_test_run (&bad, "demo", "check", "--database", demo_db, NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.out, "table participant, row 3, column legal_name"));
  g_assert_cmpuint (lw_test_count_lines (bad.out), ==, 1);
  g_assert_cmpuint (lw_test_count_lines (bad.err), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/lw/cli/usage", test_usage);
  ADD ("/lw/cli/passphrase-sources", test_passphrase_sources);
  ADD ("/lw/cli/missing-and-existing", test_missing_and_existing);
  ADD ("/lw/cli/passphrase-change", test_passphrase_change);
  ADD ("/lw/cli/check-names-damage", test_check_names_damage);
#undef ADD

  return g_test_run ();
}
