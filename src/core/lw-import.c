/* lw-import.c: records from a CSV file, all rows or none
 *
 * libcsv does the quoting; it does not count lines, so the file is fed to it one
 * physical line at a time and a row's first line is the line its terminator was
 * seen on minus the line breaks inside its quoted fields.
 *
 * Every field is read by the record form's own parser and every row checked by
 * its own validation (lw-edit), with the lookups (members, codes, case numbers)
 * read once for the whole file; then all rows are written in one transaction
 * with one audit entry.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-import"

#include "config.h"

#include <csv.h>
#include "lw-i18n-private.h"
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lw/lw-audit.h"
#include "lw/lw-edit.h"
#include "lw/lw-error.h"
#include "lw/lw-i18n.h"
#include "lw/lw-import.h"
#include "lw/lw-model.h"
#include "lw/lw-vault.h"
#include "lw-edit-private.h"

#define FIELD(rec, col, T) ((T *) (gpointer) ((guint8 *) (rec) + (col)->offset))
#define CFIELD(rec, col, T) ((const T *) (gconstpointer) ((const guint8 *) (rec) + (col)->offset))

/* a field's text: wiped when it goes */
typedef char *SecretText;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (SecretText, lw_secret_free, NULL)

/* ----------------------------------------------------------------------------
 * What each kind of file holds
 */

static const struct
{
  const char        *name;        /* the command line's word */
  const LwTableInfo *table;
  const char        *required[6]; /* columns the header must have */
} kinds[LW_N_IMPORT_KINDS] = {
  [LW_IMPORT_PARTICIPANTS] = { "participants", &lw_participant_table,
                               { "code", "legal_name", "referral_route", "status", NULL } },
  [LW_IMPORT_MEMBERS] = { "members", &lw_person_table, { "name", "role", NULL } },
  [LW_IMPORT_CONSENTS] = { "consents", &lw_consent_table,
                           { "participant_id", "categories", "signed_date", NULL } },
  [LW_IMPORT_MATTERS] = { "matters", &lw_legal_matter_table,
                          { "participant_id", "case_number", NULL } },
  [LW_IMPORT_CONTACTS] = { "contacts", &lw_contact_table,
                           { "participant_id", "date", "kind", NULL } },
};

const char *
lw_import_kind_to_string (LwImportKind kind)
{
  g_return_val_if_fail (kind < LW_N_IMPORT_KINDS, NULL);
  return kinds[kind].name;
}

int
lw_import_kind_from_string (const char *name)
{
  for (int k = 0; k < LW_N_IMPORT_KINDS; k++)
    if (g_strcmp0 (kinds[k].name, name) == 0)
      return k;
  return -1;
}

const LwTableInfo *
lw_import_kind_table (LwImportKind kind)
{
  g_return_val_if_fail (kind < LW_N_IMPORT_KINDS, NULL);
  return kinds[kind].table;
}

/* A column of a file: the name it goes by, and the table's column. */
typedef struct
{
  const LwColumnInfo *column;
  char               *name;       /* "case_manager" for case_manager_id */
  gboolean            required;
} ImportColumn;

static void
import_column_clear (gpointer data)
{
  g_free (((ImportColumn *) data)->name);
}

static gboolean
kind_requires (LwImportKind kind,
               const char  *column)
{
  for (guint i = 0; kinds[kind].required[i] != NULL; i++)
    if (g_str_equal (kinds[kind].required[i], column))
      return TRUE;
  return FALSE;
}

/* The form's columns, the participant a row belongs to, and for participants
 * what an export writes besides (the date of the status, the last contact). */
static GArray *
kind_columns (LwImportKind kind)
{
  const LwTableInfo *table = kinds[kind].table;
  g_autofree const LwColumnInfo **form = lw_edit_form_columns (table, NULL);
  GArray *columns = g_array_new (FALSE, TRUE, sizeof (ImportColumn));

  g_array_set_clear_func (columns, import_column_clear);
  for (guint i = 0; i < table->n_columns; i++)
    {
      const LwColumnInfo *column = &table->columns[i];
      gboolean wanted = (column->flags & LW_COLUMN_PARENT) != 0;
      ImportColumn c = { 0 };

      for (guint j = 0; form[j] != NULL && !wanted; j++)
        wanted = form[j] == column;
      if (table == &lw_participant_table &&
          (g_str_equal (column->name, "status_changed") || g_str_equal (column->name, "last_contact")))
        wanted = TRUE;
      if (!wanted)
        continue;
      c.column = column;
      if (column->type == LW_COLUMN_REF && g_str_has_suffix (column->name, "_id"))
        c.name = g_strndup (column->name, strlen (column->name) - 3);
      else
        c.name = g_strdup (column->name);
      c.required = kind_requires (kind, column->name);
      g_array_append_val (columns, c);
    }
  return columns;
}

char **
lw_import_columns (LwImportKind kind)
{
  g_autoptr(GArray) columns = NULL;
  GStrvBuilder *names;

  g_return_val_if_fail (kind < LW_N_IMPORT_KINDS, NULL);

  columns = kind_columns (kind);
  names = g_strv_builder_new ();
  for (int required = 1; required >= 0; required--)
    for (guint i = 0; i < columns->len; i++)
      if (g_array_index (columns, ImportColumn, i).required == required)
        g_strv_builder_add (names, g_array_index (columns, ImportColumn, i).name);
  {
    char **result = g_strv_builder_end (names);

    g_strv_builder_unref (names);
    return result;
  }
}

const char * const *
lw_import_participant_columns (void)
{
  static char **names;

  if (g_once_init_enter (&names))
    {
      g_autoptr(GArray) columns = kind_columns (LW_IMPORT_PARTICIPANTS);
      char **list = g_new0 (char *, columns->len + 1);

      for (guint i = 0; i < columns->len; i++)
        list[i] = g_strdup (g_array_index (columns, ImportColumn, i).name);
      g_once_init_leave (&names, list);
    }
  return (const char * const *) names;
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

/* Whether a normalised header names a column: by its name ("legal_name") or by
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

static gboolean
header_names_column (const char         *name,
                     const ImportColumn *column)
{
  if (header_names (name, column->name, column->column->label) ||
      g_str_equal (name, column->column->name))
    return TRUE;
  /* the participant a row belongs to, by the code an export calls it */
  if (column->column->flags & LW_COLUMN_PARENT)
    return g_str_equal (name, "code") || g_str_equal (name, "participant_code") ||
           header_names (name, "code", N_("Code"));
  return FALSE;
}

typedef struct
{
  LwImportKind  kind;
  LwStore      *store;
  LwRole        role;
  GArray       *columns;       /* ImportColumn */
  int          *map;           /* field -> columns index, MAP_IGNORED, or -1 */
  guint         n_fields;
  LwEditCache  *cache;
  GHashTable   *codes;         /* normalised participant code -> first line, in this file */
  GHashTable   *case_numbers;  /* normalised case number -> first line (wiped) */
  gboolean      refused;       /* a row was refused because of the role */
} Importer;

static const ImportColumn *
mapped_column (Importer *importer,
               int       index)
{
  return index >= 0 ? &g_array_index (importer->columns, ImportColumn, index) : NULL;
}

static const char *
mapped_name (Importer *importer,
             int       index)
{
  return index >= 0 ? mapped_column (importer, index)->name : NOTICE_COLUMN;
}

static char *
known_columns (Importer *importer)
{
  GString *s = g_string_new (NULL);

  for (guint j = 0; j < importer->columns->len; j++)
    {
      if (j > 0)
        g_string_append (s, ", ");
      g_string_append (s, g_array_index (importer->columns, ImportColumn, j).name);
    }
  return g_string_free (s, FALSE);
}

static gboolean
read_header (Importer     *importer,
             const CsvRow *header,
             GPtrArray    *problems)
{
  g_autofree gboolean *seen = g_new0 (gboolean, importer->columns->len);
  guint before = problems->len;

  if (header->bad_utf8 >= 0 || header->too_long >= 0)
    {
      add_problem (problems, header->line,
                   _("the header row is not valid UTF-8 text; save the file as UTF-8 (CSV UTF-8)"));
      return FALSE;
    }
  /* a first row that names no column at all is most likely the first row of
   * data, with no header above it: what it holds is not said back */
  {
    guint known = 0;

    for (guint i = 0; i < header->fields->len; i++)
      {
        g_autofree char *name = normalize_header (g_ptr_array_index (header->fields, i));

        for (guint j = 0; j < importer->columns->len; j++)
          if (header_names_column (name, &g_array_index (importer->columns, ImportColumn, j)))
            {
              known++;
              break;
            }
      }
    if (known == 0)
      {
        g_autofree char *columns = known_columns (importer);

        add_problem (problems, header->line,
                     _("the first row names none of the known columns: a file starts with a header row that names its columns (%s)"),
                     columns);
        return FALSE;
      }
  }
  for (guint i = 0; i < header->fields->len; i++)
    {
      g_autofree char *name = normalize_header (g_ptr_array_index (header->fields, i));
      int found = -1;

      for (guint j = 0; j < importer->columns->len && found < 0; j++)
        if (header_names_column (name, &g_array_index (importer->columns, ImportColumn, j)))
          found = (int) j;
      /* the notice an export adds: not data */
      if (found < 0 && header_names (name, NOTICE_COLUMN, N_("Redisclosure notice (42 CFR 2.32)")))
        {
          importer->map[i] = MAP_IGNORED;
          continue;
        }
      importer->map[i] = found;
      if (found < 0)
        {
          g_autofree char *known = known_columns (importer);

          if (*name == '\0')
            add_problem (problems, header->line,
                         _("column %u of the header row has no name; known columns: %s"), i + 1, known);
          else if (!lw_text_is_plain (name))
            add_problem (problems, header->line,
                         _("column %u of the header row is not a known column; known columns: %s"), i + 1, known);
          else
            add_problem (problems, header->line,
                         _("unknown column “%s” in the header row; known columns: %s"), name, known);
        }
      else if (seen[found])
        add_problem (problems, header->line, _("column “%s” appears twice in the header row"),
                     mapped_name (importer, found));
      else
        seen[found] = TRUE;
    }
  for (guint j = 0; j < importer->columns->len; j++)
    if (g_array_index (importer->columns, ImportColumn, j).required && !seen[j])
      add_problem (problems, header->line,
                   _("the header row has no column “%s”, which is required"),
                   g_array_index (importer->columns, ImportColumn, j).name);
  return problems->len == before;
}

/* Whether the role may write every column that holds a value somewhere in the
 * file; a refusal is one problem per column, on the header's line. */
static gboolean
check_role (Importer  *importer,
            GPtrArray *rows,
            GPtrArray *problems)
{
  const LwTableInfo *table = kinds[importer->kind].table;
  g_autofree char *role_label = g_utf8_strdown (lw_role_to_label (importer->role), -1);
  g_autofree gboolean *used = g_new0 (gboolean, importer->columns->len);
  guint before = problems->len;
  const CsvRow *header = g_ptr_array_index (rows, 0);

  if (!lw_edit_role_may_create (importer->store, importer->role, table))
    {
      g_autofree char *table_label = g_utf8_strdown (_(table->label), -1);

      add_problem (problems, header->line,
                   _("as %s you may not add a %s; import with --as a role that may"),
                   role_label, table_label);
      return FALSE;
    }
  for (guint r = 1; r < rows->len; r++)
    {
      const CsvRow *row = g_ptr_array_index (rows, r);

      for (guint i = 0; i < MIN (row->fields->len, importer->n_fields); i++)
        {
          const char *value = g_ptr_array_index (row->fields, i);

          if (importer->map[i] >= 0 && value[strspn (value, " \t")] != '\0')
            used[importer->map[i]] = TRUE;
        }
    }
  for (guint j = 0; j < importer->columns->len; j++)
    {
      const ImportColumn *column = &g_array_index (importer->columns, ImportColumn, j);

      if (used[j] && !lw_edit_role_may_write (importer->store, importer->role, table, column->column))
        add_problem (problems, header->line,
                     _("%s: as %s you may not write this column; import with --as a role that sees it in full, or leave the column out"),
                     column->name, role_label);
    }
  return problems->len == before;
}

/* A spreadsheet would run a cell starting with = + - @ as a formula; an export
 * writes it after an apostrophe, which is not part of the value. */
static const char *
strip_formula_guard (const char *value)
{
  if (value[0] == '\'' && value[1] != '\0' && strchr ("=+-@\t\r", value[1]) != NULL)
    return value + 1;
  return value;
}

/* Returns the record, or NULL after adding the row's problems. */
static gpointer
check_row (Importer     *importer,
           const CsvRow *row,
           GPtrArray    *problems)
{
  const LwTableInfo *table = kinds[importer->kind].table;
  g_autoptr(LwRecord) record = lw_edit_record_new (table);
  g_autofree gboolean *set = g_new0 (gboolean, importer->columns->len);
  g_autoptr(GError) error = NULL;
  const LwColumnInfo *bad = NULL;
  guint before = problems->len;

  if (row->fields->len != importer->n_fields)
    {
      add_problem (problems, row->line,
                   g_dngettext (GETTEXT_PACKAGE,
                                "the row has %u field but the header row has %u; check the commas and quotes",
                                "the row has %u fields but the header row has %u; check the commas and quotes",
                                row->fields->len),
                   row->fields->len, importer->n_fields);
      return NULL;
    }
  if (row->bad_utf8 >= 0)
    add_problem (problems, row->line, _("%s: not valid UTF-8 text; save the file as UTF-8 (CSV UTF-8)"),
                 mapped_name (importer, importer->map[row->bad_utf8]));
  if (row->too_long >= 0)
    add_problem (problems, row->line, _("%s: longer than %u bytes"),
                 mapped_name (importer, importer->map[row->too_long]), (guint) LW_IMPORT_MAX_FIELD);

  for (guint i = 0; i < importer->n_fields; i++)
    {
      const ImportColumn *column;
      g_auto(SecretText) value = NULL;
      g_autoptr(GError) local = NULL;

      if (importer->map[i] < 0)
        continue;
      column = mapped_column (importer, importer->map[i]);
      if ((int) i == row->bad_utf8 || (int) i == row->too_long)
        {
          set[importer->map[i]] = TRUE;
          continue;
        }
      value = g_strstrip (g_strdup (strip_formula_guard (g_ptr_array_index (row->fields, i))));
      if (*value == '\0')
        continue;
      /* a spreadsheet cell may wrap where the form keeps one line */
      if (!_lw_edit_column_is_multiline (column->column))
        for (char *c = value; *c; c++)
          if (*c == '\n' || *c == '\r')
            *c = ' ';
      set[importer->map[i]] = TRUE;
      /* without a program (the fuzz target) there is nothing to refer to */
      if (importer->store == NULL && column->column->type == LW_COLUMN_REF)
        continue;
      if (!_lw_edit_parse_field (importer->cache, record, column->column, value, &local))
        add_problem (problems, row->line, "%s: %s", column->name, local->message);
    }

  for (guint j = 0; j < importer->columns->len; j++)
    {
      const ImportColumn *column = &g_array_index (importer->columns, ImportColumn, j);

      if (column->required && !set[j])
        add_problem (problems, row->line, _("%s is required but empty"), column->name);
    }
  if (problems->len != before)
    return NULL;

  /* duplicates within the file, with the line of the first */
  if (table == &lw_participant_table)
    {
      const char *code = ((LwParticipant *) record)->code;
      g_autofree char *key = _lw_edit_normalise_key (code);
      gpointer first;

      /* "P-0001" and "p-0001" are the same code */
      if (g_hash_table_lookup_extended (importer->codes, key, NULL, &first))
        {
          add_problem (problems, row->line, _("code %s is also on line %u; codes must be unique"),
                       code, GPOINTER_TO_UINT (first));
          return NULL;
        }
      g_hash_table_insert (importer->codes, g_steal_pointer (&key), GUINT_TO_POINTER (row->line));
      if (importer->store != NULL)
        {
          g_autoptr(LwParticipant) existing = lw_participant_find_by_code (importer->store, code, NULL);

          if (existing != NULL)
            {
              add_problem (problems, row->line, _("code %s is already in the program"), code);
              return NULL;
            }
        }
    }
  else if (table == &lw_legal_matter_table)
    {
      const char *number = ((LwLegalMatter *) record)->case_number;
      g_autofree char *key = _lw_edit_normalise_key (number);
      gpointer first;

      if (g_hash_table_lookup_extended (importer->case_numbers, key, NULL, &first))
        {
          add_problem (problems, row->line, _("case_number: the same case number is also on line %u"),
                       GPOINTER_TO_UINT (first));
          sodium_memzero (key, strlen (key));
          return NULL;
        }
      g_hash_table_insert (importer->case_numbers, g_steal_pointer (&key), GUINT_TO_POINTER (row->line));
    }

  if (importer->store == NULL)
    return g_steal_pointer (&record);
  if (!_lw_edit_prepare_insert (importer->cache, importer->role, record, &bad, &error))
    {
      const char *name = NULL;

      /* the role, not the file: audited once for the file */
      if (g_error_matches (error, LW_ERROR, LW_ERROR_DENIED))
        importer->refused = TRUE;

      for (guint j = 0; bad != NULL && j < importer->columns->len && name == NULL; j++)
        if (g_array_index (importer->columns, ImportColumn, j).column == bad)
          name = g_array_index (importer->columns, ImportColumn, j).name;
      if (name != NULL)
        {
          g_autofree char *label = g_strconcat (_(bad->label), ": ", NULL);
          const char *message = error->message;

          /* the file's own name for the column, not the form's label */
          if (g_str_has_prefix (message, label))
            message += strlen (label);
          add_problem (problems, row->line, "%s: %s", name, message);
        }
      else
        add_problem (problems, row->line, "%s", error->message);
      return NULL;
    }
  _lw_edit_cache_add (importer->cache, record);
  return g_steal_pointer (&record);
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
write_rows (Importer   *importer,
            GPtrArray  *records,
            GError    **error)
{
  LwStore *store = importer->store;
  g_autofree char *detail = NULL;
  g_autoptr(GHashTable) touched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  if (!lw_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < records->len; i++)
    {
      gpointer record = g_ptr_array_index (records, i);

      if (!lw_store_insert (store, record, error))
        {
          lw_store_rollback (store);
          g_prefix_error (error, _("Row %u could not be written; nothing was imported: "), i + 1);
          return FALSE;
        }
      if (kinds[importer->kind].table == &lw_contact_table)
        {
          LwId id = ((LwContact *) record)->participant_id;
          g_hash_table_add (touched, g_memdup2 (&id, sizeof id));
        }
    }
  /* the last contact of everyone whose log grew */
  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!_lw_edit_refresh_last_contact (store, *(LwId *) key, NULL, error))
      {
        lw_store_rollback (store);
        return FALSE;
      }
  detail = g_strdup_printf ("%s: %u rows from CSV role=%s", kinds[importer->kind].name, records->len,
                            lw_role_to_string (importer->role));
  if (!lw_audit_append (store, LW_AUDIT_IMPORT, detail, error))
    {
      lw_store_rollback (store);
      return FALSE;
    }
  return lw_store_commit (store, error);
}

static void
audit_refused (Importer *importer)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = g_strdup_printf ("import %s role=%s", kinds[importer->kind].name,
                                             lw_role_to_string (importer->role));

  if (!lw_audit_append (importer->store, LW_AUDIT_WRITE_REFUSED, detail, &error))
    g_debug ("The refusal could not be audited: %s", error->message);
}

static LwImportResult *
result_new (gboolean dry_run)
{
  LwImportResult *result = g_new0 (LwImportResult, 1);

  result->dry_run = dry_run;
  result->problems = g_ptr_array_new_with_free_func (problem_free);
  return result;
}

LwImportResult *
lw_import_from_data (LwStore      *store,
                     LwImportKind  kind,
                     LwRole        role,
                     const void   *data,
                     gsize         len,
                     gboolean      dry_run,
                     GError      **error)
{
  g_autoptr(LwImportResult) result = result_new (dry_run);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (csv_row_free);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (lw_record_free);
  g_autoptr(GArray) columns = NULL;
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) case_numbers = g_hash_table_new_full (g_str_hash, g_str_equal, lw_secret_free, NULL);
  g_autoptr(LwEditCache) cache = NULL;
  g_autofree int *map = NULL;
  CsvReader reader = { rows, NULL, 1, 0, 0 };
  Importer importer = { 0 };
  const CsvRow *header;

  g_return_val_if_fail (kind < LW_N_IMPORT_KINDS, NULL);
  g_return_val_if_fail (role >= 0 && role < LW_N_ROLES, NULL);
  g_return_val_if_fail (data != NULL || len == 0, NULL);

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
  columns = kind_columns (kind);
  if (rows->len == 0)
    {
      g_autoptr(GString) required = g_string_new (NULL);

      for (guint j = 0; j < columns->len; j++)
        if (g_array_index (columns, ImportColumn, j).required)
          g_string_append_printf (required, "%s%s", required->len ? "," : "",
                                  g_array_index (columns, ImportColumn, j).name);
      add_problem (result->problems, 0,
                   _("the file is empty; the first row must name the columns, starting with %s"), required->str);
      return g_steal_pointer (&result);
    }

  header = g_ptr_array_index (rows, 0);
  map = g_new0 (int, MAX (header->fields->len, 1));
  cache = _lw_edit_cache_new (store);
  importer.kind = kind;
  importer.store = store;
  importer.role = role;
  importer.columns = columns;
  importer.map = map;
  importer.n_fields = header->fields->len;
  importer.cache = cache;
  importer.codes = codes;
  importer.case_numbers = case_numbers;
  if (!read_header (&importer, header, result->problems))
    return g_steal_pointer (&result);
  result->n_rows = rows->len - 1;
  if (result->n_rows == 0)
    {
      add_problem (result->problems, 0, _("the file has a header row but no rows of data"));
      return g_steal_pointer (&result);
    }
  if (store != NULL && !check_role (&importer, rows, result->problems))
    {
      audit_refused (&importer);
      return g_steal_pointer (&result);
    }

  for (guint i = 1; i < rows->len; i++)
    {
      gpointer record = check_row (&importer, g_ptr_array_index (rows, i), result->problems);

      if (record != NULL)
        g_ptr_array_add (records, record);
    }
  g_ptr_array_sort (result->problems, compare_problems);
  if (importer.refused)
    audit_refused (&importer);

  if (result->problems->len > 0 || dry_run || store == NULL)
    return g_steal_pointer (&result);

  if (!write_rows (&importer, records, error))
    return NULL;
  result->n_imported = records->len;
  g_debug ("imported %u %s", records->len, kinds[kind].name);
  return g_steal_pointer (&result);
}

static LwImportResult *
too_big (gboolean dry_run)
{
  LwImportResult *big = result_new (dry_run);

  add_problem (big->problems, 0, _("the file is larger than %u MiB; split it"),
               (guint) (LW_IMPORT_MAX_BYTES / (1024 * 1024)));
  return big;
}

LwImportResult *
lw_import_file (LwStore      *store,
                LwImportKind  kind,
                LwRole        role,
                const char   *path,
                gboolean      dry_run,
                GError      **error)
{
  LwImportResult *result;
  GStatBuf st;
  GByteArray *data;
  guint8 buffer[65536];
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  /* read by hand, no further than the limit: a device or a pipe has no size
   * to check first, and /dev/zero never ends */
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, LW_ERROR, LW_ERROR_FAILED, _("Cannot read “%s”: %s"), path, g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;

      close (fd);
      g_set_error (error, LW_ERROR, LW_ERROR_FAILED, _("Cannot read “%s”: %s"), path, g_strerror (saved));
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      g_set_error (error, LW_ERROR, LW_ERROR_FAILED,
                   _("“%s” is a folder; give the CSV file to import"), path);
      return NULL;
    }
  if (S_ISREG (st.st_mode) && st.st_size > LW_IMPORT_MAX_BYTES)
    {
      close (fd);
      return too_big (dry_run);
    }

  /* sized at once for a file, so that no copy of its text is left behind in
   * freed memory by growing */
  data = g_byte_array_sized_new (S_ISREG (st.st_mode) ? (guint) st.st_size + 1 : sizeof buffer);
  for (;;)
    {
      gssize n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          sodium_memzero (data->data, data->len);
          g_byte_array_unref (data);
          g_set_error (error, LW_ERROR, LW_ERROR_FAILED, _("Cannot read “%s”: %s"), path, g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      if (data->len + (gsize) n > LW_IMPORT_MAX_BYTES)
        {
          close (fd);
          sodium_memzero (data->data, data->len);
          g_byte_array_unref (data);
          return too_big (dry_run);
        }
      g_byte_array_append (data, buffer, (guint) n);
    }
  close (fd);
  sodium_memzero (buffer, sizeof buffer);

  result = lw_import_from_data (store, kind, role, data->len > 0 ? (const char *) data->data : "",
                                data->len, dry_run, error);
  sodium_memzero (data->data, data->len);
  g_byte_array_unref (data);
  return result;
}

LwImportResult *
lw_import_participants_from_data (LwStore     *store,
                                  const void  *data,
                                  gsize        len,
                                  gboolean     dry_run,
                                  GError     **error)
{
  return lw_import_from_data (store, LW_IMPORT_PARTICIPANTS, LW_ROLE_PROJECT_MANAGER,
                              data, len, dry_run, error);
}

LwImportResult *
lw_import_participants (LwStore     *store,
                        const char  *path,
                        gboolean     dry_run,
                        GError     **error)
{
  return lw_import_file (store, LW_IMPORT_PARTICIPANTS, LW_ROLE_PROJECT_MANAGER, path, dry_run, error);
}
