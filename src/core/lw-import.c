/* lw-import.c: a roster of participants from a CSV file, all rows or none
 *
 * libcsv does the quoting; it does not count lines, so the file is fed to it one
 * physical line at a time and a row's first line is the line its terminator was
 * seen on minus the line breaks inside its quoted fields.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-import"

#include "config.h"

#include <csv.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "lw/lw-audit.h"
#include "lw/lw-error.h"
#include "lw/lw-i18n.h"
#include "lw/lw-import.h"
#include "lw/lw-model.h"
#include "lw/lw-vault.h"

typedef enum
{
  CSV_COLUMN_MODEL,    /* a column of the participant table, by its text form */
  CSV_COLUMN_PERSON,   /* a reference to a workgroup member, by name */
} CsvColumnKind;

typedef struct
{
  const char    *name;
  const char    *model;   /* participant column */
  CsvColumnKind  kind;
  gboolean       required;
} CsvColumn;

static const CsvColumn csv_columns[] = {
  { "code", "code", CSV_COLUMN_MODEL, TRUE },
  { "legal_name", "legal_name", CSV_COLUMN_MODEL, TRUE },
  { "preferred_name", "preferred_name", CSV_COLUMN_MODEL, FALSE },
  { "aliases", "aliases", CSV_COLUMN_MODEL, FALSE },
  { "date_of_birth", "date_of_birth", CSV_COLUMN_MODEL, FALSE },
  { "referral_route", "referral_route", CSV_COLUMN_MODEL, TRUE },
  { "referral_date", "referral_date", CSV_COLUMN_MODEL, FALSE },
  { "referrer", "referrer", CSV_COLUMN_MODEL, FALSE },
  { "status", "status", CSV_COLUMN_MODEL, TRUE },
  { "status_changed", "status_changed", CSV_COLUMN_MODEL, FALSE },
  { "exit_reason", "exit_reason", CSV_COLUMN_MODEL, FALSE },
  { "case_manager", "case_manager_id", CSV_COLUMN_PERSON, FALSE },
  { "peer_worker", "peer_worker_id", CSV_COLUMN_PERSON, FALSE },
  { "last_contact", "last_contact", CSV_COLUMN_MODEL, FALSE },
  { "flagged", "flagged", CSV_COLUMN_MODEL, FALSE },
  { "housing_status", "housing_status", CSV_COLUMN_MODEL, FALSE },
  { "housing_notes", "housing_notes", CSV_COLUMN_MODEL, FALSE },
  { "health_notes", "health_notes", CSV_COLUMN_MODEL, FALSE },
  { "substance_use", "substance_use", CSV_COLUMN_MODEL, FALSE },
  { "address", "address", CSV_COLUMN_MODEL, FALSE },
  { "neighbourhood", "neighbourhood", CSV_COLUMN_MODEL, FALSE },
};
#define N_CSV_COLUMNS G_N_ELEMENTS (csv_columns)

/* a field's text: wiped when it goes */
typedef char *SecretText;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (SecretText, lw_secret_free, NULL)

const char * const *
lw_import_participant_columns (void)
{
  static const char *names[N_CSV_COLUMNS + 1];

  if (names[0] == NULL)
    for (guint i = 0; i < N_CSV_COLUMNS; i++)
      names[i] = csv_columns[i].name;
  return names;
}

/* ----------------------------------------------------------------------------
 * Parsing
 */

typedef struct
{
  guint      line;       /* first line of the row */
  GPtrArray *fields;     /* char *, wiped when freed */
  int        bad_utf8;   /* index of the first field that is not UTF-8, or -1 */
  int        too_long;   /* index of the first field over the limit, or -1 */
} CsvRow;

typedef struct
{
  GPtrArray *rows;            /* CsvRow */
  CsvRow    *current;
  guint      line;            /* the physical line being fed */
  guint      breaks_in_row;   /* line breaks inside the current row's fields */
  guint      last_row_line;   /* line the last complete row ended on */
} CsvReader;

static void
csv_row_free (gpointer data)
{
  CsvRow *row = data;

  g_ptr_array_unref (row->fields);
  g_free (row);
}

static CsvRow *
csv_row_new (void)
{
  CsvRow *row = g_new0 (CsvRow, 1);

  row->fields = g_ptr_array_new_with_free_func (lw_secret_free);
  row->bad_utf8 = -1;
  row->too_long = -1;
  return row;
}

static void
on_field (void   *text,
          size_t  len,
          void   *data)
{
  CsvReader *reader = data;
  CsvRow *row;
  const char *s = text ? text : "";

  if (reader->current == NULL)
    reader->current = csv_row_new ();
  row = reader->current;

  for (size_t i = 0; i < len; i++)
    reader->breaks_in_row += s[i] == '\n';

  if (len > LW_IMPORT_MAX_FIELD)
    {
      if (row->too_long < 0)
        row->too_long = (int) row->fields->len;
      g_ptr_array_add (row->fields, g_strdup (""));
      return;
    }
  if (len > 0 && !g_utf8_validate_len (s, len, NULL))
    {
      if (row->bad_utf8 < 0)
        row->bad_utf8 = (int) row->fields->len;
      g_ptr_array_add (row->fields, g_strdup (""));
      return;
    }
  g_ptr_array_add (row->fields, g_strndup (s, len));
}

static void
on_row (int   terminator,
        void *data)
{
  CsvReader *reader = data;

  if (reader->current == NULL)
    reader->current = csv_row_new ();   /* a row of one empty field */
  reader->current->line = reader->line - MIN (reader->breaks_in_row, reader->line - 1);
  g_ptr_array_add (reader->rows, reader->current);
  reader->current = NULL;
  reader->breaks_in_row = 0;
  reader->last_row_line = reader->line;
}

static void
add_problem (GPtrArray  *problems,
             guint       line,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
add_problem (GPtrArray  *problems,
             guint       line,
             const char *format,
             ...)
{
  LwImportProblem *problem = g_new0 (LwImportProblem, 1);
  va_list args;

  va_start (args, format);
  problem->line = line;
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (problems, problem);
}

static void
problem_free (gpointer data)
{
  LwImportProblem *problem = data;

  g_free (problem->message);
  g_free (problem);
}

/* Fills reader->rows; a malformed file adds a problem and stops there. */
static void
read_csv (const char *data,
          gsize       len,
          CsvReader  *reader,
          GPtrArray  *problems)
{
  struct csv_parser parser;
  gsize pos = 0;

  if (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    g_error ("out of memory");

  /* a byte order mark is not part of the first column's name */
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    pos = 3;

  reader->line = 1;
  while (pos < len)
    {
      const char *nl = memchr (data + pos, '\n', len - pos);
      gsize chunk = nl ? (gsize) (nl - (data + pos)) + 1 : len - pos;

      if (csv_parse (&parser, data + pos, chunk, on_field, on_row, reader) != chunk)
        {
          if (csv_error (&parser) == CSV_EPARSE)
            add_problem (problems, reader->line,
                         _("a double quote in the wrong place: a quoted field must start and end with a quote, and a quote inside it is written twice (\"\"); the rest of the file was not read"));
          else
            add_problem (problems, reader->line, _("the file could not be read: %s"),
                         csv_strerror (csv_error (&parser)));
          goto out;
        }
      pos += chunk;
      if (nl != NULL)
        reader->line++;
    }
  if (csv_fini (&parser, on_field, on_row, reader) != 0)
    add_problem (problems, reader->last_row_line + 1,
                 _("a quoted field that starts on or after this line is never closed; the rest of the file was not read"));

out:
  g_clear_pointer (&reader->current, csv_row_free);
  csv_free (&parser);
}

/* ----------------------------------------------------------------------------
 * Checking
 */

static char *
normalize_header (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  char *lower = g_utf8_strdown (stripped, -1);

  for (char *c = lower; *c; c++)
    if (*c == ' ' || *c == '-')
      *c = '_';
  return lower;
}

/* The column an export adds with the redisclosure notice: read and ignored. */
#define NOTICE_COLUMN "part2_notice"
#define MAP_IGNORED (-2)

/* Whether a normalised header names column j: by its name ("legal_name") or by
 * its label in any language an export writes ("Legal name", "Nombre legal"). */
static gboolean
header_names (const char   *name,
              const char   *column_name,
              const char   *label)
{
  const char * const *languages = lw_i18n_get_languages ();

  if (g_str_equal (name, column_name))
    return TRUE;
  for (guint k = 0; label != NULL && languages[k] != NULL; k++)
    {
      const char *previous = lw_i18n_push (languages[k]);
      g_autofree char *translated = normalize_header (lw_i18n_gettext (label));

      lw_i18n_pop (previous);
      if (g_str_equal (name, translated))
        return TRUE;
    }
  return FALSE;
}

static const char *
mapped_name (int index)
{
  return index >= 0 ? csv_columns[index].name : NOTICE_COLUMN;
}

/* map[i]: the csv_columns index of field i, MAP_IGNORED for the notice, or -1. */
static gboolean
read_header (const CsvRow *header,
             int          *map,
             GPtrArray    *problems)
{
  gboolean seen[N_CSV_COLUMNS] = { FALSE };
  guint before = problems->len;

  if (header->bad_utf8 >= 0 || header->too_long >= 0)
    {
      add_problem (problems, header->line,
                   _("the header row is not valid UTF-8 text; save the file as UTF-8 (CSV UTF-8)"));
      return FALSE;
    }
  for (guint i = 0; i < header->fields->len; i++)
    {
      g_autofree char *name = normalize_header (g_ptr_array_index (header->fields, i));
      int found = -1;

      for (guint j = 0; j < N_CSV_COLUMNS && found < 0; j++)
        if (header_names (name, csv_columns[j].name,
                          lw_table_find_column (&lw_participant_table, csv_columns[j].model)->label))
          found = (int) j;
      /* the notice an export adds: not data */
      if (found < 0 && header_names (name, NOTICE_COLUMN, N_("Redisclosure notice (42 CFR 2.32)")))
        {
          map[i] = MAP_IGNORED;
          continue;
        }
      map[i] = found;
      if (found < 0)
        {
          g_autofree char *known = g_strjoinv (", ", (char **) lw_import_participant_columns ());
          if (*name == '\0')
            add_problem (problems, header->line,
                         _("column %u of the header row has no name; known columns: %s"), i + 1, known);
          else
            add_problem (problems, header->line,
                         _("unknown column “%s” in the header row; known columns: %s"), name, known);
        }
      else if (seen[found])
        add_problem (problems, header->line, _("column “%s” appears twice in the header row"), name);
      else
        seen[found] = TRUE;
    }
  for (guint j = 0; j < N_CSV_COLUMNS; j++)
    if (csv_columns[j].required && !seen[j])
      add_problem (problems, header->line,
                   _("the header row has no column “%s”, which is required"), csv_columns[j].name);
  return problems->len == before;
}

typedef struct
{
  LwStore    *store;
  GHashTable *people;   /* name -> LwId, or -1 when two members share it */
  GHashTable *codes;    /* code -> first line, in this file */
} Checker;

static GHashTable *
load_people (LwStore *store,
             GError **error)
{
  g_autoptr(GPtrArray) people = lw_store_list (store, &lw_person_table, NULL, 0, error);
  GHashTable *names;

  if (people == NULL)
    return NULL;
  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < people->len; i++)
    {
      LwPerson *person = g_ptr_array_index (people, i);
      g_autofree char *key = g_utf8_casefold (person->name, -1);
      gpointer value = g_hash_table_contains (names, key)
                       ? GINT_TO_POINTER (-1)
                       : GSIZE_TO_POINTER ((gsize) person->id);

      g_hash_table_insert (names, g_steal_pointer (&key), value);
    }
  return names;
}

/* Returns the participant, or NULL after adding the row's problems. */
static LwParticipant *
check_row (Checker      *checker,
           const CsvRow *row,
           const int    *map,
           guint         n_columns,
           GPtrArray    *problems)
{
  g_autoptr(LwParticipant) p = lw_participant_new ();
  gboolean set[N_CSV_COLUMNS] = { FALSE };
  guint before = problems->len;

  if (row->fields->len != n_columns)
    {
      add_problem (problems, row->line,
                   g_dngettext (GETTEXT_PACKAGE,
                                "the row has %u field but the header row has %u; check the commas and quotes",
                                "the row has %u fields but the header row has %u; check the commas and quotes",
                                row->fields->len),
                   row->fields->len, n_columns);
      return NULL;
    }
  if (row->bad_utf8 >= 0)
    add_problem (problems, row->line, _("%s: not valid UTF-8 text; save the file as UTF-8 (CSV UTF-8)"),
                 mapped_name (map[row->bad_utf8]));
  if (row->too_long >= 0)
    add_problem (problems, row->line, _("%s: longer than %u bytes"),
                 mapped_name (map[row->too_long]), (guint) LW_IMPORT_MAX_FIELD);

  for (guint i = 0; i < n_columns; i++)
    {
      const CsvColumn *column;
      const LwColumnInfo *info;
      g_auto(SecretText) value = NULL;
      g_autoptr(GError) error = NULL;

      if (map[i] < 0)
        continue;
      column = &csv_columns[map[i]];
      info = lw_table_find_column (&lw_participant_table, column->model);
      value = g_strstrip (g_strdup (g_ptr_array_index (row->fields, i)));
      if ((int) i == row->bad_utf8 || (int) i == row->too_long)
        {
          set[map[i]] = TRUE;
          continue;
        }
      if (*value == '\0')
        continue;
      set[map[i]] = TRUE;

      if (column->kind == CSV_COLUMN_PERSON)
        {
          g_auto(SecretText) key = g_utf8_casefold (value, -1);
          gpointer found;

          if (checker->people == NULL)
            continue;
          if (!g_hash_table_lookup_extended (checker->people, key, NULL, &found))
            add_problem (problems, row->line,
                         _("%s: no workgroup member has that name; add the member first or leave it empty"),
                         column->name);
          else if (GPOINTER_TO_INT (found) == -1)
            add_problem (problems, row->line,
                         _("%s: two workgroup members have that name; leave it empty and assign in the app"),
                         column->name);
          else
            *(LwId *) (gpointer) ((guint8 *) p + info->offset) = (LwId) GPOINTER_TO_SIZE (found);
          continue;
        }
      if (!lw_record_set_from_string (p, info, value, &error))
        add_problem (problems, row->line, "%s: %s", column->name, error->message);
    }

  for (guint j = 0; j < N_CSV_COLUMNS; j++)
    if (csv_columns[j].required && !set[j])
      add_problem (problems, row->line, _("%s is required but empty"), csv_columns[j].name);

  /* a required enumeration of the model that the file may leave empty */
  for (guint j = 0; j < N_CSV_COLUMNS; j++)
    if (g_str_equal (csv_columns[j].name, "housing_status") && !set[j])
      p->housing_status = LW_HOUSING_UNKNOWN;

  if (p->code != NULL)
    {
      gpointer first;

      if (g_hash_table_lookup_extended (checker->codes, p->code, NULL, &first))
        add_problem (problems, row->line, _("code %s is also on line %u; codes must be unique"),
                     p->code, GPOINTER_TO_UINT (first));
      else
        {
          g_hash_table_insert (checker->codes, g_strdup (p->code), GUINT_TO_POINTER (row->line));
          if (checker->store != NULL)
            {
              g_autoptr(GError) error = NULL;
              g_autoptr(LwParticipant) existing = lw_participant_find_by_code (checker->store, p->code, &error);

              if (existing != NULL)
                add_problem (problems, row->line, _("code %s is already in the program"), p->code);
            }
        }
    }

  if (problems->len != before)
    return NULL;
  return g_steal_pointer (&p);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const LwImportProblem *pa = *(const LwImportProblem * const *) a;
  const LwImportProblem *pb = *(const LwImportProblem * const *) b;

  return (pa->line > pb->line) - (pa->line < pb->line);
}

void
lw_import_result_free (LwImportResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->problems);
  g_free (result);
}

static gboolean
write_rows (LwStore    *store,
            GPtrArray  *participants,
            GError    **error)
{
  g_autofree char *detail = NULL;

  if (!lw_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < participants->len; i++)
    if (!lw_store_insert (store, g_ptr_array_index (participants, i), error))
      {
        lw_store_rollback (store);
        g_prefix_error (error, _("Row %u could not be written; nothing was imported: "), i + 1);
        return FALSE;
      }
  detail = g_strdup_printf ("participants: %u rows from CSV", participants->len);
  if (!lw_audit_append (store, LW_AUDIT_IMPORT, detail, error))
    {
      lw_store_rollback (store);
      return FALSE;
    }
  return lw_store_commit (store, error);
}

LwImportResult *
lw_import_participants_from_data (LwStore     *store,
                                  const void  *data,
                                  gsize        len,
                                  gboolean     dry_run,
                                  GError     **error)
{
  g_autoptr(LwImportResult) result = g_new0 (LwImportResult, 1);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (csv_row_free);
  g_autoptr(GPtrArray) participants = g_ptr_array_new_with_free_func (lw_record_free);
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) people = NULL;
  g_autofree int *map = NULL;
  CsvReader reader = { rows, NULL, 1, 0, 0 };
  Checker checker = { store, NULL, codes };
  const CsvRow *header;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  result->dry_run = dry_run;
  result->problems = g_ptr_array_new_with_free_func (problem_free);

  if (store != NULL && !lw_store_is_unlocked (store))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_LOCKED, _("The program is locked; unlock it first."));
      return NULL;
    }
  if (len > LW_IMPORT_MAX_BYTES)
    {
      add_problem (result->problems, 0, _("the file is larger than %u MiB; split it"),
                   (guint) (LW_IMPORT_MAX_BYTES / (1024 * 1024)));
      return g_steal_pointer (&result);
    }

  read_csv (data, len, &reader, result->problems);
  if (result->problems->len > 0)
    return g_steal_pointer (&result);
  if (rows->len == 0)
    {
      add_problem (result->problems, 0,
                   _("the file is empty; the first row must name the columns, starting with code,legal_name,referral_route,status"));
      return g_steal_pointer (&result);
    }

  header = g_ptr_array_index (rows, 0);
  map = g_new0 (int, MAX (header->fields->len, 1));
  if (!read_header (header, map, result->problems))
    return g_steal_pointer (&result);

  if (store != NULL)
    {
      people = load_people (store, error);
      if (people == NULL)
        return NULL;
      checker.people = people;
    }

  for (guint i = 1; i < rows->len; i++)
    {
      LwParticipant *p = check_row (&checker, g_ptr_array_index (rows, i), map,
                                    header->fields->len, result->problems);
      if (p != NULL)
        g_ptr_array_add (participants, p);
    }
  result->n_rows = rows->len - 1;
  g_ptr_array_sort (result->problems, compare_problems);

  if (result->n_rows == 0 && result->problems->len == 0)
    add_problem (result->problems, 0, _("the file has a header row but no participants"));
  if (result->problems->len > 0 || dry_run || store == NULL)
    return g_steal_pointer (&result);

  if (!write_rows (store, participants, error))
    return NULL;
  result->n_imported = participants->len;
  g_debug ("imported %u participants", participants->len);
  return g_steal_pointer (&result);
}

LwImportResult *
lw_import_participants (LwStore     *store,
                        const char  *path,
                        gboolean     dry_run,
                        GError     **error)
{
  g_autoptr(GError) local = NULL;
  LwImportResult *result;
  GStatBuf st;
  char *data = NULL;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &st) == 0 && st.st_size > LW_IMPORT_MAX_BYTES)
    {
      LwImportResult *big = g_new0 (LwImportResult, 1);

      big->dry_run = dry_run;
      big->problems = g_ptr_array_new_with_free_func (problem_free);
      add_problem (big->problems, 0, _("the file is larger than %u MiB; split it"),
                   (guint) (LW_IMPORT_MAX_BYTES / (1024 * 1024)));
      return big;
    }
  if (!g_file_get_contents (path, &data, &len, &local))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_FAILED,
                   _("Cannot read “%s”: %s"), path, local->message);
      return NULL;
    }
  result = lw_import_participants_from_data (store, data, len, dry_run, error);
  sodium_memzero (data, len);
  g_free (data);
  return result;
}
