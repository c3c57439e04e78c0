/* benchmark.c: the reference load of DESIGN.md, each figure beside its floor
 *
 * Builds the reference load (lw-bench-util.c: 10,000 participants, 100,000
 * contacts, 500 meetings, 20,000 action items) in a temporary directory, then
 * measures, in the same run:
 *
 *   unlock          vs  Argon2id alone with the same limits
 *   roster load     vs  the same rows read with plain SQLite plus
 *                       XChaCha20-Poly1305 opening the same bytes with the
 *                       file's own key
 *   suggestion      vs  one sealed value per participant read with plain
 *                       SQLite and opened with libsodium
 *   one action item vs  one plain SQLite insert transaction, same sync settings
 *   peak memory     (VmHWM after unlock, the Argon2id allocation apart)
 *
 * and the suggestion, roster and unlock-to-usable figures at 1,000, 10,000 and
 * 50,000 participants, with their growth.
 *
 * Usage: benchmark [--participants N] [--no-scale] [--keep DIR]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "lw/lw-agenda.h"
#include "lw/lw-audit.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw/lw-vault.h"
#include "lw/lw-view.h"
#include "lw-bench-util.h"
#include "lw-store-private.h"
#include "lw-test-util.h"

#define RUNS 7
#define WRITES 60

static const char *passphrase = "benchmark passphrase";

typedef struct
{
  guint  n;
  char  *path;
  guint8 key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];   /* the file's seal key, for floors */
} Load;

/* The file's seal key, derived from the passphrase as the vault does (outside
 * any timing): a floor must open the values it reads, not fail on them. */
static void
derive_seal_key (LwStore *store,
                 guint8   key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES])
{
  static const char wrap_ad[] = "lead-workgroup data key v1";
  g_autoptr(GBytes) bytes = _lw_store_get_meta (store, "vault");
  const guint8 *data;
  guint8 kek[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
  guint8 data_key[32];
  guint64 ops, mem;
  gsize len;

  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &len);
  memcpy (&ops, data + 16, 8);
  memcpy (&mem, data + 24, 8);
  g_assert_cmpint (crypto_pwhash (kek, sizeof kek, passphrase, strlen (passphrase), data,
                                  GUINT64_FROM_LE (ops), GUINT64_FROM_LE (mem),
                                  crypto_pwhash_ALG_ARGON2ID13), ==, 0);
  g_assert_cmpint (crypto_aead_xchacha20poly1305_ietf_decrypt (data_key, NULL, NULL,
                                                               data + 36 + 24, 32 + 16,
                                                               (const guint8 *) wrap_ad, sizeof wrap_ad - 1,
                                                               data + 36, kek), ==, 0);
  crypto_kdf_derive_from_key (key, crypto_aead_xchacha20poly1305_ietf_KEYBYTES, 1, "LWvault1", data_key);
  sodium_memzero (kek, sizeof kek);
  sodium_memzero (data_key, sizeof data_key);
}

/* Opens one sealed value as the vault does; returns the plaintext length or -1. */
static int
open_value (const Load   *load,
            const char   *table,
            const char   *column,
            gint64        id,
            const guint8 *blob,
            int           len,
            guint8       *buf)
{
  guint8 ad[128];
  gsize t = strlen (table), c = strlen (column);
  guint64 row = GUINT64_TO_LE ((guint64) id);
  unsigned long long out = 0;

  if (blob == NULL || len < 1 + 4 + 24 + 16)
    return -1;
  memcpy (ad, table, t + 1);
  memcpy (ad + t + 1, column, c + 1);
  memcpy (ad + t + c + 2, &row, 8);
  memcpy (ad + t + c + 10, blob + 1, 4);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (buf, &out, NULL, blob + 29, len - 29,
                                                  ad, t + c + 14, blob + 5, load->key) != 0)
    return -1;
  return (int) out;
}

/* The floor of the roster load: the same SELECT in plain SQLite, and every
 * sealed value opened with libsodium directly (same key, same associated data). */
static double
roster_floor (const Load *load)
{
  const LwTableInfo *table = &lw_participant_table;
  g_autoptr(GString) sql = g_string_new ("SELECT id");
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint8 *buf = g_malloc (65536);
  double start;
  guint rows = 0, failures = 0, opened = 0;

  for (guint i = 0; i < table->n_columns; i++)
    g_string_append_printf (sql, ", \"%s\"", table->columns[i].name);
  g_string_append (sql, " FROM participant ORDER BY id");

  g_assert_cmpint (sqlite3_open_v2 (load->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL), ==, SQLITE_OK);

  start = lw_bench_now_ms ();
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      for (guint i = 0; i < table->n_columns; i++)
        {
          if (table->columns[i].category == LW_CATEGORY_NONE)
            {
              (void) sqlite3_column_text (stmt, i + 1);
              continue;
            }
          if (sqlite3_column_type (stmt, i + 1) == SQLITE_NULL)
            continue;
          opened++;
          if (open_value (load, table->name, table->columns[i].name, id,
                          sqlite3_column_blob (stmt, i + 1), sqlite3_column_bytes (stmt, i + 1), buf) < 0)
            failures++;
        }
      rows++;
    }
  start = lw_bench_now_ms () - start;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_free (buf);
  g_assert_cmpuint (rows, ==, load->n);
  /* every value opened: the floor did the whole work */
  g_assert_cmpuint (failures, ==, 0);
  g_assert_cmpuint (opened, >, load->n);
  return start;
}

/* The floor of a suggestion designed for the limit: one sealed value per
 * participant, read with plain SQLite and opened with libsodium. */
static double
suggestion_floor (const Load *load)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint8 buf[4096];
  double start;
  guint rows = 0;

  g_assert_cmpint (sqlite3_open_v2 (load->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, code, \"status\" FROM participant ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  start = lw_bench_now_ms ();
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      (void) sqlite3_column_text (stmt, 1);
      g_assert_cmpint (open_value (load, "participant", "status", sqlite3_column_int64 (stmt, 0),
                                   sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2), buf), >=, 0);
      rows++;
    }
  start = lw_bench_now_ms () - start;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (rows, ==, load->n);
  return start;
}

static double
write_floor (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "floor.sqlite", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint8 blob[100];
  double t[WRITES];

  g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA secure_delete = ON;"
                    "CREATE TABLE action_item (id INTEGER PRIMARY KEY, text BLOB, owner_id INTEGER, due_date TEXT,"
                    " participant_id INTEGER, meeting_id INTEGER, agenda_item_id INTEGER, status INTEGER,"
                    " carried_over INTEGER, created_at INTEGER, closed_at INTEGER)", NULL, NULL, NULL);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO action_item (text, owner_id, due_date, participant_id, status, created_at) VALUES (?, 1, '2026-12-01', 1, 0, 1)", -1, &stmt, NULL), ==, SQLITE_OK);
  randombytes_buf (blob, sizeof blob);
  for (int i = 0; i < WRITES; i++)
    {
      double start = lw_bench_now_ms ();

      sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
      sqlite3_bind_blob (stmt, 1, blob, sizeof blob, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
      sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
      t[i] = lw_bench_now_ms () - start;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return lw_bench_median (t, WRITES);
}

static double
argon2id_floor (void)
{
  guint8 out[32], salt[crypto_pwhash_SALTBYTES] = { 0 };
  guint64 ops, mem;
  double start;

  lw_vault_default_limits (&ops, &mem);
  start = lw_bench_now_ms ();
  g_assert_cmpint (crypto_pwhash (out, sizeof out, passphrase, strlen (passphrase), salt,
                                  ops, mem, crypto_pwhash_ALG_ARGON2ID13), ==, 0);
  return lw_bench_now_ms () - start;
}

static LwStore *
open_unlocked (const Load *load)
{
  g_autoptr(GError) error = NULL;
  LwStore *store = lw_store_open (load->path, &error);

  g_assert_no_error (error);
  g_assert_true (lw_store_unlock (store, passphrase, strlen (passphrase), &error));
  g_assert_no_error (error);
  return store;
}

/* What the application reads before its first frame after an unlock (the
 * participants page, lw-participants-page.c): the codes of every participant
 * in code order (from the code's index), the matrix, the list's audit entry, and the views of the
 * rows on screen and around them, in one batch.  The other sections and the
 * rest of the rows are read after the first frame or in worker threads. */
static void
first_screen (LwStore *store)
{
  static const char * const keys[] = {
    "identity.preferred_name", "identity.legal_name", "identity.initials",
    "status.status", "status.case_manager", "status.last_contact", "status.flagged", NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAudience) audience = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_PROJECT_MANAGER));
  g_autoptr(GArray) all_ids = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) views = NULL;
  guint n;
  LwPolicyMatrix matrix;

  /* as the participants page: the codes in code order, from their index */
  g_assert_true (lw_store_list_codes (store, &all_ids, &codes, &error));
  g_assert_no_error (error);
  lw_policy_load_matrix (store, &matrix);
  g_assert_true (lw_audit_append (store, LW_AUDIT_VIEW, "participant list (benchmark)", &error));
  n = MIN (all_ids->len, 64u);
  views = lw_policy_view_participants (store, &matrix, audience, (LwId *) all_ids->data, n, keys,
                                       LW_VIEW_PARTICIPANT_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (views->len, ==, n);
}

static double
time_roster (LwStore *store,
             guint    n)
{
  g_autoptr(GError) error = NULL;
  double start = lw_bench_now_ms ();
  g_autoptr(GPtrArray) roster = lw_store_list (store, &lw_participant_table, NULL, 0, &error);
  double t = lw_bench_now_ms () - start;

  g_assert_no_error (error);
  g_assert_cmpuint (roster->len, ==, n);
  return t;
}

static double
time_suggestion (LwStore *store,
                 guint   *n_suggested)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwMeeting) meeting = lw_agenda_resolve_meeting (store, "next", &error);
  g_autoptr(GPtrArray) suggestions = NULL;
  double start;

  g_assert_no_error (error);
  start = lw_bench_now_ms ();
  suggestions = lw_agenda_suggest (store, meeting, &error);
  start = lw_bench_now_ms () - start;
  g_assert_no_error (error);
  g_assert_cmpuint (suggestions->len, >, 0);
  if (n_suggested)
    *n_suggested = suggestions->len;
  return start;
}

/* The first screen's reads, from the moment the unlock returns.  What the
 * unlock does besides Argon2id is in the unlock row (unlock against
 * Argon2id alone, each pair measured back to back). */
static double
time_first_data (const Load *load)
{
  LwStore *store = open_unlocked (load);
  double start = lw_bench_now_ms ();
  double t;

  first_screen (store);
  t = lw_bench_now_ms () - start;
  lw_store_free (store);
  return t;
}

static void
row (const char *what,
     double      value,
     double      floor,
     const char *target,
     gboolean    met)
{
  if (floor > 0)
    printf ("%-36s %10.2f ms %10.2f ms %7.2fx   %-28s %s\n",
            what, value, floor, value / floor, target, met ? "met" : "MISSED");
  else
    printf ("%-36s %10.2f ms %13s %8s   %-28s %s\n",
            what, value, "", "", target, met ? "met" : "MISSED");
}

static void
load_prepare (Load       *load,
              const char *dir,
              guint       n,
              gboolean    reuse)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("reference-%u.lwdb", n);
  LwStore *store;

  load->n = n;
  load->path = g_build_filename (dir, name, NULL);
  if (!reuse || !g_file_test (load->path, G_FILE_TEST_EXISTS))
    {
      g_unlink (load->path);
      store = lw_store_create (load->path, passphrase, strlen (passphrase), &error);
      g_assert_no_error (error);
      g_assert_true (lw_bench_generate (store, n, &error));
      g_assert_no_error (error);
      lw_store_free (store);
    }
  store = lw_store_open (load->path, &error);
  g_assert_no_error (error);
  derive_seal_key (store, load->key);
  lw_store_free (store);
}

static void
load_clear (Load *load)
{
  sodium_memzero (load->key, sizeof load->key);
  g_free (load->path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  const char *keep = NULL;
  guint n_main = 10000;
  gboolean scale = TRUE;
  static const guint sizes[] = { 1000, 10000, 50000 };
  double unlock_t[5], unlock_floor_t[5], unlock_extra_t[5], load_t[RUNS], load_floor_t[RUNS], write_t[WRITES];
  double suggest_t[RUNS], suggest_floor_t[RUNS], usable_t[3];
  double unlock_ms, unlock_floor_ms, unlock_extra_ms, load_ms, load_floor_ms, write_ms, write_floor_ms;
  double suggest_ms, suggest_floor_ms, usable_ms;
  gint64 peak_total_kb, peak_work_kb;
  gboolean peak_reset;
  guint n_suggested = 0;
  Load load = { 0 };
  LwStore *store;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--participants") && i + 1 < argc)
        n_main = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--keep") && i + 1 < argc)
        keep = argv[++i];
      else if (g_str_equal (argv[i], "--no-scale"))
        scale = FALSE;
      else
        {
          fprintf (stderr, "usage: benchmark [--participants N] [--no-scale] [--keep DIR]\n");
          return 2;
        }
    }
  if (n_main < 10)
    {
      fprintf (stderr, "benchmark: --participants must be 10 or more\n");
      return 2;
    }
  if (g_strcmp0 (g_getenv ("LEAD_WORKGROUP_TEST_WEAK_KDF"), "1") == 0)
    printf ("note: LEAD_WORKGROUP_TEST_WEAK_KDF=1 is set; unlock is measured with the test limits\n");

  g_assert_true (lw_vault_init (NULL));
  dir = keep ? g_strdup (keep) : lw_test_tmpdir ();
  g_mkdir_with_parents (dir, 0700);
  /* the audit heads this run sees are remembered beside its files, not in the
   * user's own state */
  {
    g_autofree char *state = g_build_filename (dir, "state", NULL);

    g_setenv ("XDG_STATE_HOME", state, TRUE);
  }
  load_prepare (&load, dir, n_main, keep != NULL);

  /* unlock, five times, each against Argon2id alone measured just after it
   * (the machine's load changes Argon2id's time more than the unlock's own
   * work is); then the first screen */
  for (int i = 0; i < 5; i++)
    {
      double start = lw_bench_now_ms ();

      store = open_unlocked (&load);
      unlock_t[i] = lw_bench_now_ms () - start;
      lw_store_free (store);
      unlock_floor_t[i] = argon2id_floor ();
      unlock_extra_t[i] = unlock_t[i] - unlock_floor_t[i];
    }
  unlock_ms = lw_bench_median (unlock_t, 5);
  unlock_floor_ms = lw_bench_median (unlock_floor_t, 5);
  unlock_extra_ms = lw_bench_median (unlock_extra_t, 5);
  for (int i = 0; i < 3; i++)
    usable_t[i] = time_first_data (&load);
  usable_ms = lw_bench_median (usable_t, 3);

  store = open_unlocked (&load);
  peak_total_kb = lw_bench_status_kb ("VmHWM:");
  peak_reset = lw_bench_reset_peak ();

  for (int i = 0; i < RUNS; i++)
    {
      load_t[i] = time_roster (store, load.n);
      load_floor_t[i] = roster_floor (&load);
      suggest_t[i] = time_suggestion (store, &n_suggested);
      suggest_floor_t[i] = suggestion_floor (&load);
    }
  load_ms = lw_bench_median (load_t, RUNS);
  load_floor_ms = lw_bench_median (load_floor_t, RUNS);
  suggest_ms = lw_bench_median (suggest_t, RUNS);
  suggest_floor_ms = lw_bench_median (suggest_floor_t, RUNS);

  for (int i = 0; i < WRITES; i++)
    {
      g_autoptr(LwActionItem) a = lw_action_item_new ();
      double start;

      a->text = g_strdup ("Call the shelter about a bed for Thursday (synthetic)");
      a->owner_id = 1;
      a->participant_id = 1 + i;
      a->due_date = g_strdup ("2026-12-01");
      a->created_at = g_get_real_time ();
      start = lw_bench_now_ms ();
      g_assert_true (lw_store_insert (store, a, &error));
      write_t[i] = lw_bench_now_ms () - start;
    }
  write_ms = lw_bench_median (write_t, WRITES);
  write_floor_ms = write_floor (dir);
  peak_work_kb = lw_bench_status_kb ("VmHWM:");
  lw_store_free (store);

  printf ("\n%u participants; medians; each figure beside its floor measured in this run\n", load.n);
  printf ("%-36s %13s %13s %8s   %-28s %s\n", "figure", "measured", "floor", "ratio", "target", "");
  row ("unlock (open + Argon2id + audit)", unlock_ms, unlock_floor_ms, "floor + 50 ms",
       unlock_extra_ms <= 50);
  row ("unlock, beyond Argon2id (paired)", unlock_extra_ms, 0, "< 50 ms", unlock_extra_ms < 50);
  row ("first screen's data, after unlock", usable_ms, 0, "< 300 ms after Argon2id",
       MAX (unlock_extra_ms, 0) + usable_ms < 300);
  row ("roster load, every field opened", load_ms, load_floor_ms, "<= 1.5x floor, < 150 ms",
       load_ms <= 1.5 * load_floor_ms && load_ms < 150);
  row ("agenda suggestion", suggest_ms, suggest_floor_ms, "< 50 ms", suggest_ms < 50);
  row ("save one action item", write_ms, write_floor_ms, "< 10 ms", write_ms < 10);
  printf ("%-36s %10.1f MB %s\n", "peak memory after unlock", peak_work_kb / 1024.0,
          peak_reset ? (peak_work_kb / 1024.0 < 150 ? "  target < 150 MB: met" : "  target < 150 MB: MISSED")
                     : "  (peak could not be reset; includes Argon2id)");
  printf ("%-36s %10.1f MB   (Argon2id's %llu MiB working memory, freed after unlock)\n",
          "peak memory including unlock", peak_total_kb / 1024.0,
          (unsigned long long) (crypto_pwhash_MEMLIMIT_MODERATE >> 20));
  printf ("%-36s %10u\n", "participants suggested", n_suggested);
  {
    GStatBuf st;

    if (g_stat (load.path, &st) == 0)
      printf ("%-36s %10.1f MB\n", "program file size", st.st_size / 1048576.0);
  }
  load_clear (&load);

  if (scale)
    {
      double per[G_N_ELEMENTS (sizes)][3];

      printf ("\nscaling (medians; per participant in µs)\n");
      printf ("%-12s %22s %22s %22s\n", "participants", "first data after unlock", "roster load", "suggestion");
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          double u[3], r[3], g[3];

          load_prepare (&load, dir, sizes[s], TRUE);
          for (int i = 0; i < 3; i++)
            u[i] = time_first_data (&load);
          store = open_unlocked (&load);
          for (int i = 0; i < 3; i++)
            {
              r[i] = time_roster (store, load.n);
              g[i] = time_suggestion (store, NULL);
            }
          lw_store_free (store);
          per[s][0] = lw_bench_median (u, 3);
          per[s][1] = lw_bench_median (r, 3);
          per[s][2] = lw_bench_median (g, 3);
          printf ("%-12u %9.1f ms %7.1f µs %9.1f ms %7.1f µs %9.1f ms %7.1f µs\n", sizes[s],
                  per[s][0], per[s][0] * 1000 / sizes[s], per[s][1], per[s][1] * 1000 / sizes[s],
                  per[s][2], per[s][2] * 1000 / sizes[s]);
          if (keep == NULL)
            g_unlink (load.path);
          load_clear (&load);
        }
      for (guint s = 1; s < G_N_ELEMENTS (sizes); s++)
        printf ("growth %u -> %u (x%.0f participants): first data x%.2f, roster x%.2f, suggestion x%.2f\n",
                sizes[s - 1], sizes[s], (double) sizes[s] / sizes[s - 1],
                per[s][0] / per[s - 1][0], per[s][1] / per[s - 1][1], per[s][2] / per[s - 1][2]);
    }

  if (keep == NULL)
    lw_test_tmpdir_remove (dir);
  return 0;
}
