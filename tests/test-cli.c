/* test-cli.c: the command line as a user meets it — exit statuses, one clear
 * line on stderr, JSON output
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

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

/* After fork: no capability, now or after exec, even as root.  (Only
 * async-signal-safe calls.) */
static void
drop_capabilities (gpointer data)
{
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct caps[2];

  memset (caps, 0, sizeof caps);
  /* fails without CAP_SETPCAP, that is, where there is nothing to keep */
  prctl (PR_SET_SECUREBITS, SECBIT_NOROOT | SECBIT_NOROOT_LOCKED, 0, 0, 0);
  syscall (SYS_capset, &header, caps);
}

/* Whether a process of the same user, both without capabilities, may open
 * pid's /proc/PID/environ: the kernel refuses exactly when pid is not dumpable
 * (PR_SET_DUMPABLE 0). */
static gboolean
environ_open_without_capabilities (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/environ", pid);
  pid_t child;
  int status = 0;

  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      int fd;

      drop_capabilities (NULL);
      fd = open (path, O_RDONLY);
      _exit (fd >= 0 ? 0 : (errno == EACCES || errno == EPERM) ? 1 : 2);
    }
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), <=, 1);
  return WEXITSTATUS (status) == 0;
}

/* The running binary, stopped while it waits for a new passphrase from a
 * FIFO (after it has read LEAD_WORKGROUP_PASSPHRASE and unlocked): its
 * environment no longer holds the passphrase, and it is not dumpable. */
static void
test_running_binary (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GSubprocess) control = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fifo = g_build_filename (f->dir, "new-pass", NULL);
  g_autofree char *environ_path = NULL;
  g_autofree char *environ = NULL;
  const char *secret = "synthetic pass";
  const char *pid;
  gsize len = 0;
  int fd;

  /* the method first, on a process that is dumpable */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, drop_capabilities, NULL, NULL);
  control = g_subprocess_launcher_spawn (launcher, &error, "cat", NULL);
  g_assert_no_error (error);
  g_clear_object (&launcher);
  g_assert_true (environ_open_without_capabilities (g_subprocess_get_identifier (control)));
  g_subprocess_force_exit (control);
  g_subprocess_wait (control, NULL, NULL);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, drop_capabilities, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "LEAD_WORKGROUP_PASSPHRASE", secret, TRUE);
  proc = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("LW_BINARY"),
                                      "passphrase", "change", "--database", f->db,
                                      "--new-passphrase-file", fifo, NULL);
  g_assert_no_error (error);
  pid = g_subprocess_get_identifier (proc);
  g_assert_nonnull (pid);
  environ_path = g_strdup_printf ("/proc/%s/environ", pid);

  /* returns once the binary opened the FIFO: the old passphrase is read */
  fd = open (fifo, O_WRONLY);
  g_assert_cmpint (fd, >=, 0);

  g_assert_false (environ_open_without_capabilities (pid));
  if (g_file_get_contents (environ_path, &environ, &len, &error))
    {
      g_assert_null (memmem (environ, len, secret, strlen (secret)));
      g_assert_nonnull (memmem (environ, len, "LW_BINARY=", strlen ("LW_BINARY=")));
    }
  else
    {
      /* only a privileged reader sees a non-dumpable process's environment */
      g_test_message ("%s is not readable here: %s", environ_path, error->message);
      g_clear_error (&error);
    }

  g_assert_cmpint (write (fd, "new synthetic pass\n", 19), ==, 19);
  close (fd);
  g_assert_true (g_subprocess_wait_check (proc, NULL, &error));
  g_assert_no_error (error);
}

/* Free text on the command line cannot forge a line: a control character or
 * invalid UTF-8 in any option or argument is refused with one line, exit 2,
 * before anything is opened. */
static void
test_control_characters (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const bad[] = {
    "Dana\n2026-12-01T09:00:00Z unlock actor=admin",
    "Dana\r",
    "\x1b[2J\x1b[HDana",
    "Dana\x7f",
    "Dana\xc2\x85",           /* NEL, a C1 control */
    "Dana\xe2\x80\xae",       /* right-to-left override */
    "Dana\xe2\x80\xa8",       /* line separator */
    "Dana\xff\xfe",           /* not UTF-8 */
  };
  g_autoptr(GBytes) before = lw_test_read_file (f->db);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(LwTestResult) actor = { 0 };
      g_auto(LwTestResult) reason = { 0 };
      g_auto(LwTestResult) code = { 0 };
      g_auto(LwTestResult) owner = { 0 };

      lw_test_run (&actor, NULL, "check", "--database", f->db, "--passphrase-file", f->pass_file,
                   "--actor", bad[i], NULL);
      g_assert_cmpint (actor.status, ==, 2);
      g_assert_cmpuint (lw_test_count_lines (actor.err), ==, 1);
      g_assert_null (strstr (actor.err, "\x1b"));
      g_assert_cmpstr (actor.out, ==, "");

      lw_test_run (&reason, NULL, "policy", "set", "police-officer", "location", "summary",
                   "--reason", bad[i], "--database", f->db, "--passphrase-file", f->pass_file, NULL);
      g_assert_cmpint (reason.status, ==, 2);
      g_assert_cmpuint (lw_test_count_lines (reason.err), ==, 1);

      lw_test_run (&code, NULL, "participant", "show", bad[i], "--as", "case-manager",
                   "--database", f->db, "--passphrase-file", f->pass_file, NULL);
      g_assert_cmpint (code.status, ==, 2);
      g_assert_cmpuint (lw_test_count_lines (code.err), ==, 1);

      lw_test_run (&owner, NULL, "actions", "--owner", bad[i],
                   "--database", f->db, "--passphrase-file", f->pass_file, NULL);
      g_assert_cmpint (owner.status, ==, 2);
      g_assert_cmpuint (lw_test_count_lines (owner.err), ==, 1);
    }

  {
    g_autoptr(GBytes) after = lw_test_read_file (f->db);

    g_assert_true (g_bytes_equal (before, after));
  }

  /* plain text in any script is still welcome */
  {
    g_auto(LwTestResult) plain = { 0 };
    g_auto(LwTestResult) list = { 0 };

    lw_test_run (&plain, NULL, "check", "--database", f->db, "--passphrase-file", f->pass_file,
                 "--actor", "Zoë Núñez-O’Brien 李", NULL);
    g_assert_cmpint (plain.status, ==, 0);
    lw_test_run (&list, NULL, "audit", "list", "--database", f->db, "--passphrase-file", f->pass_file, NULL);
    g_assert_cmpint (list.status, ==, 0);
    g_assert_nonnull (strstr (list.out, "Zoë Núñez-O’Brien 李"));
    g_assert_null (strstr (list.out, "actor=admin"));
  }
}

/* The end column (in characters) of each cell of a table line, cells being
 * separated by two spaces or more. */
static GArray *
cell_ends (const char *line)
{
  GArray *ends = g_array_new (FALSE, FALSE, sizeof (glong));
  glong col = 0;
  gboolean in_cell = FALSE;

  for (const char *c = line; *c; c = g_utf8_next_char (c), col++)
    {
      gboolean gap = *c == ' ' && (c[1] == ' ' || c[1] == '\0');

      if (in_cell && gap)
        {
          g_array_append_val (ends, col);
          in_cell = FALSE;
        }
      else if (*c != ' ')
        in_cell = TRUE;
    }
  if (in_cell)
    g_array_append_val (ends, col);
  return ends;
}

/* The command line in Spanish: the meeting list's columns are as wide as
 * their translated headers, numbers right-aligned under them; plurals. */
static void
test_spanish (Fixture       *f,
              gconstpointer  data)
{
  g_auto(LwTestResult) demo = { 0 };
  g_auto(LwTestResult) one = { 0 };
  g_auto(LwTestResult) list = { 0 };
  g_autofree char *db = g_build_filename (f->dir, "demo.lwdb", NULL);
  g_autofree char *small = g_build_filename (f->dir, "one.lwdb", NULL);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) header = NULL;

  g_setenv ("LANGUAGE", "es", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  lw_test_run (&demo, "synthetic pass", "demo", "--database", db, NULL);
  lw_test_run (&one, "synthetic pass", "demo", "--participants", "1", "--database", small, NULL);
  lw_test_run (&list, "synthetic pass", "meeting", "list", "--database", db, NULL);
  g_unsetenv ("LANGUAGE");
  g_unsetenv ("LC_ALL");

  g_assert_cmpint (demo.status, ==, 0);
  g_assert_nonnull (strstr (demo.out, "con 60 participantes"));
  g_assert_cmpint (one.status, ==, 0);
  g_assert_nonnull (strstr (one.out, "con 1 participante en"));
  g_assert_cmpint (list.status, ==, 0);

  lines = g_strsplit (list.out, "\n", -1);
  g_assert_nonnull (strstr (lines[0], "Fecha"));
  g_assert_nonnull (strstr (lines[0], "Asistentes"));
  header = cell_ends (lines[0]);
  g_assert_cmpuint (header->len, ==, 7);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_autoptr(GArray) row = cell_ends (lines[i]);

      g_test_message ("%s", lines[i]);
      /* id, then the items and attendees counts: right-aligned under their headers */
      g_assert_cmpint (g_array_index (row, glong, 0), ==, g_array_index (header, glong, 0));
      g_assert_cmpint (g_array_index (row, glong, 4), ==, g_array_index (header, glong, 4));
      g_assert_cmpint (g_array_index (row, glong, 5), ==, g_array_index (header, glong, 5));
    }
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
  ADD ("/lw/cli/running-binary", test_running_binary);
  ADD ("/lw/cli/control-characters", test_control_characters);
  ADD ("/lw/cli/spanish", test_spanish);
#undef ADD

  return g_test_run ();
}
