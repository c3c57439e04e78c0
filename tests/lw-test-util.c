/* lw-test-util.c: shared fixtures of the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>

#include "lw/lw-agenda.h"
#include "lw/lw-audit.h"
#include "lw/lw-edit.h"
#include "lw/lw-model.h"
#include "lw/lw-vault.h"
#include "lw-test-util.h"

char *
lw_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("lw-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
lw_test_tmpdir_remove (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        lw_test_tmpdir_remove (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

LwStore *
lw_test_store_new (const char *dir,
                   const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  LwStore *store;

  g_assert_true (lw_vault_init (NULL));
  store = lw_store_create (path, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static char *
canary (const char *table,
        const char *column,
        const char *tag)
{
  return g_strdup_printf ("CANARY-%s-%s-%s", table, column, tag);
}

void
lw_test_fill_record (gpointer    record,
                     const char *tag,
                     GHashTable *ids)
{
  const LwTableInfo *table = LW_RECORD (record)->table;

  for (guint i = 0; i < table->n_columns; i++)
    {
      const LwColumnInfo *column = &table->columns[i];
      gpointer field = (guint8 *) record + column->offset;

      switch (column->type)
        {
        case LW_COLUMN_TEXT:
          g_free (*(char **) field);
          *(char **) field = canary (table->name, column->name, tag);
          break;
        case LW_COLUMN_DATE:
          g_free (*(char **) field);
          /* a date that appears nowhere else */
          *(char **) field = g_strdup (column->category == LW_CATEGORY_NONE ? "2026-12-01" : "1911-11-11");
          break;
        case LW_COLUMN_INT:
          *(gint64 *) field = column->category == LW_CATEGORY_NONE ? 42 : 987654321;
          break;
        case LW_COLUMN_BOOL:
          *(gboolean *) field = TRUE;
          break;
        case LW_COLUMN_ENUM:
          /* unmarked free text keeps its column's category; tests of marked
           * text mark it themselves */
          *(int *) field = column->enum_info == &lw_concerns_info ? LW_CONCERNS_NONE
                                                                   : column->enum_info->n - 1;
          break;
        case LW_COLUMN_TIME:
          *(gint64 *) field = G_GINT64_CONSTANT (1764000000) * G_USEC_PER_SEC;
          break;
        case LW_COLUMN_REF:
          {
            gpointer id = ids ? g_hash_table_lookup (ids, column->ref_table) : NULL;
            *(gint64 *) field = id ? GPOINTER_TO_INT (id) : 0;
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

GHashTable *
lw_test_fill_every_table (LwStore    *store,
                          const char *tag)
{
  GHashTable *ids = g_hash_table_new (g_str_hash, g_str_equal);
  const LwTableInfo * const *tables;
  guint n_tables;

  tables = lw_store_tables (&n_tables);
  g_assert_true (lw_store_begin (store, NULL));
  for (guint i = 0; i < n_tables; i++)
    {
      g_autoptr(GError) error = NULL;
      LwRecord *record = lw_record_new (tables[i]);

      lw_test_fill_record (record, tag, ids);
      if (tables[i] == &lw_participant_table)
        {
          g_free (((LwParticipant *) record)->code);
          ((LwParticipant *) record)->code = g_strdup_printf ("P-%s", tag);
        }
      lw_store_insert (store, record, &error);
      g_assert_no_error (error);
      g_hash_table_insert (ids, (gpointer) tables[i]->name, GINT_TO_POINTER ((int) record->id));
      lw_record_free (record);
    }
  g_assert_true (lw_store_commit (store, NULL));
  return ids;
}

GPtrArray *
lw_test_sealed_canaries (const char *tag)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  const LwTableInfo * const *tables;
  guint n_tables;

  tables = lw_store_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    for (guint j = 0; j < tables[i]->n_columns; j++)
      {
        const LwColumnInfo *column = &tables[i]->columns[j];

        if (column->category != LW_CATEGORY_NONE && column->type == LW_COLUMN_TEXT)
          g_ptr_array_add (out, canary (tables[i]->name, column->name, tag));
      }
  g_ptr_array_add (out, g_strdup ("1911-11-11"));
  g_ptr_array_add (out, g_strdup ("987654321"));
  return out;
}

GBytes *
lw_test_read_file (const char *path)
{
  char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return NULL;
  return g_bytes_new_take (data, len);
}

gboolean
lw_test_bytes_contain (GBytes     *bytes,
                       const char *needle)
{
  gsize len;
  const char *data;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  return memmem (data, len, needle, strlen (needle)) != NULL;
}

void
lw_test_program_setup (LwTestProgram *program)
{
  program->dir = lw_test_tmpdir ();
  program->store = lw_test_store_new (program->dir, "program.lwdb");
  program->path = g_strdup (lw_store_get_path (program->store));
}

void
lw_test_program_teardown (LwTestProgram *program)
{
  g_clear_pointer (&program->store, lw_store_free);
  lw_test_tmpdir_remove (program->dir);
  g_clear_pointer (&program->dir, g_free);
  g_clear_pointer (&program->path, g_free);
}

void
lw_test_program_reopen (LwTestProgram *program)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&program->store, lw_store_free);
  program->store = lw_store_open (program->path, &error);
  g_assert_no_error (error);
  g_assert_true (lw_store_unlock (program->store, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), &error));
  g_assert_no_error (error);
}

void
lw_test_raw_exec (const char *path,
                  const char *sql)
{
  sqlite3 *db = NULL;
  char *msg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
  sqlite3_close (db);
}

void
lw_test_assert_store_clean (LwStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (lw_audit_verify (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lw_store_check (store, problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
}

void
lw_test_set_field (LwStore    *store,
                   gpointer    record,
                   const char *column,
                   const char *text)
{
  g_autoptr(GError) error = NULL;
  const LwColumnInfo *info = lw_table_find_column (LW_RECORD (record)->table, column);

  g_assert_nonnull (info);
  if (!lw_edit_set_field (store, record, info, text, &error))
    g_error ("%s: %s", column, error->message);
}

LwId
lw_test_add_member (LwStore    *store,
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

LwId
lw_test_new_participant (LwStore    *store,
                         LwRole      role,
                         const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwParticipant) p = lw_edit_record_new (&lw_participant_table);

  lw_test_set_field (store, p, "code", code);
  lw_test_set_field (store, p, "legal_name", "Synthetic Person");
  lw_test_set_field (store, p, "referral_route", "social-contact");
  g_assert_true (lw_edit_insert (store, role, p, NULL, &error));
  g_assert_no_error (error);
  return LW_RECORD (p)->id;
}

void
lw_test_result_clear (LwTestResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

void
lw_test_run_argv (LwTestResult       *result,
                  const char         *pass,
                  const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                                                      G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("LW_BINARY");

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  if (pass != NULL)
    g_subprocess_launcher_setenv (launcher, "LEAD_WORKGROUP_PASSPHRASE", pass, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "LEAD_WORKGROUP_PASSPHRASE");
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  lw_test_result_clear (result);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  if (result->out == NULL)
    result->out = g_strdup ("");
  if (result->err == NULL)
    result->err = g_strdup ("");
  result->status = g_subprocess_get_exit_status (proc);
}

void
lw_test_run (LwTestResult *result,
             const char   *pass,
             ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, pass);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  lw_test_run_argv (result, pass, (const char * const *) args->pdata);
}

guint
lw_test_count_lines (const char *text)
{
  guint n = 0;

  for (; text && *text; text++)
    n += *text == '\n';
  return n;
}

JsonNode *
lw_test_parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static gboolean
is_enum_label (const char *text)
{
  static const LwEnumInfo * const infos[] = {
    &lw_referral_route_info, &lw_participant_status_info, &lw_housing_status_info,
    &lw_goal_domain_info, &lw_goal_status_info, &lw_contact_kind_info,
    &lw_matter_status_info, &lw_position_info, &lw_meeting_status_info,
    &lw_item_kind_info, &lw_action_status_info, &lw_concern_status_info, &lw_role_info,
  };

  for (guint i = 0; i < G_N_ELEMENTS (infos); i++)
    for (int j = 0; j < infos[i]->n; j++)
      if (g_strcmp0 (lw_enum_to_label (infos[i], j), text) == 0)
        return TRUE;
  return FALSE;
}

void
lw_test_collect_distinctive (const LwViewValue *value,
                             GHashTable        *names,
                             GPtrArray         *out)
{
  if (value == NULL)
    return;
  if (value->type == LW_VIEW_VALUE_TEXT)
    {
      const char *t = value->text;

      if (t && strlen (t) >= 5 && !lw_date_is_valid (t) && !is_enum_label (t) &&
          !g_hash_table_contains (names, t))
        g_ptr_array_add (out, g_strdup (t));
      return;
    }
  if (value->children)
    for (guint i = 0; i < value->children->len; i++)
      lw_test_collect_distinctive (g_ptr_array_index (value->children, i), names, out);
}

guint
lw_test_count_audit_events (LwStore      *store,
                            LwAuditEvent  event,
                            char        **last_detail)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = lw_audit_list (store, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      const LwAuditEntry *e = g_ptr_array_index (entries, i);

      if (e->event != event)
        continue;
      n++;
      if (last_detail)
        {
          g_free (*last_detail);
          *last_detail = g_strdup (e->detail);
        }
    }
  return n;
}

void
lw_test_set_role_absent (LwStore *store,
                         LwId     meeting_id,
                         LwRole   role,
                         gboolean absent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = lw_agenda_list_attendance (store, meeting_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      const LwAttendance *a = g_ptr_array_index (rows, i);

      if (a->role == role)
        {
          g_assert_true (lw_agenda_set_absent (store, a->id, absent, &error));
          g_assert_no_error (error);
        }
    }
}

long
lw_test_minor_faults (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}
