/* lw-cli-records.c: members, participants, goals, contacts, legal matters,
 * releases and action items created and edited from the command line
 *
 * One set of field options, made from the table descriptions
 * (lw_edit_form_columns ()): a column "next_court_date" is --next-court-date,
 * a reference "case_manager_id" is --case-manager.  Every value goes through
 * lw_edit_set_field () and every write through lw-edit, as the role given
 * with --as (default: project manager).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "lw/lw-audit.h"
#include "lw/lw-edit.h"
#include "lw/lw-error.h"
#include "lw/lw-model.h"
#include "lw/lw-vault.h"
#include "lw-cli-private.h"

#define FIELD(rec, col, T) ((T *) (gpointer) ((guint8 *) (rec) + (col)->offset))
#define CFIELD(rec, col, T) ((const T *) (gconstpointer) ((const guint8 *) (rec) + (col)->offset))

/* Shorter names the commands are known by, beside the generated ones. */
static const struct
{
  const LwTableInfo *table;
  const char        *column;
  const char        *alias;
} aliases[] = {
  { &lw_participant_table, "referral_route", "route" },
  { &lw_action_item_table, "due_date", "due" },
  { &lw_consent_table, "signed_date", "signed" },
};

typedef struct
{
  const LwTableInfo   *table;
  const LwColumnInfo **columns;   /* the form's */
  guint                n_columns;
  char               **names;     /* option name of each column */
  char               **values;    /* what was given, or NULL */
  char               **alias_values;
  char               **choices;   /* "Label (a, b, c)" of an enumeration, or NULL */
  GArray              *entries;   /* GOptionEntry, NULL-terminated once built */
} FieldOptions;

static void
field_options_free (FieldOptions *fields)
{
  if (fields == NULL)
    return;
  for (guint i = 0; i < fields->n_columns; i++)
    {
      g_free (fields->names[i]);
      g_free (fields->choices[i]);
      if (fields->values[i] != NULL)
        lw_secret_free (fields->values[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (fields->alias_values[i] != NULL)
      lw_secret_free (fields->alias_values[i]);
  g_free (fields->names);
  g_free (fields->choices);
  g_free (fields->values);
  g_free (fields->alias_values);
  g_free (fields->columns);
  if (fields->entries)
    g_array_unref (fields->entries);
  g_free (fields);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FieldOptions, field_options_free)

/* "case_manager_id" → "case-manager" */
static char *
option_name (const LwColumnInfo *column)
{
  char *name;

  if (column->type == LW_COLUMN_REF && g_str_has_suffix (column->name, "_id"))
    name = g_strndup (column->name, strlen (column->name) - 3);
  else
    name = g_strdup (column->name);
  for (char *c = name; *c; c++)
    if (*c == '_')
      *c = '-';
  return name;
}

static const char *
arg_description (const LwColumnInfo *column)
{
  switch (column->type)
    {
    case LW_COLUMN_DATE:
      return "YYYY-MM-DD";
    case LW_COLUMN_BOOL:
      return "yes|no";
    case LW_COLUMN_REF:
      return g_str_equal (column->ref_table, "person") ? N_("NAME") : N_("ID");
    case LW_COLUMN_ENUM:
      return N_("VALUE");
    case LW_COLUMN_INT:
      return g_str_equal (column->name, "categories") ? N_("CATEGORY[,CATEGORY...]") : N_("N");
    default:
      return N_("TEXT");
    }
}

/* The field options of table, followed by extra (may be NULL). */
static FieldOptions *
field_options_new (const LwTableInfo  *table,
                   const GOptionEntry *extra)
{
  FieldOptions *fields = g_new0 (FieldOptions, 1);
  const GOptionEntry end = { NULL };

  fields->table = table;
  fields->columns = lw_edit_form_columns (table, &fields->n_columns);
  fields->names = g_new0 (char *, fields->n_columns + 1);
  fields->values = g_new0 (char *, fields->n_columns + 1);
  fields->choices = g_new0 (char *, fields->n_columns + 1);
  fields->alias_values = g_new0 (char *, G_N_ELEMENTS (aliases));
  fields->entries = g_array_new (FALSE, TRUE, sizeof (GOptionEntry));

  for (const GOptionEntry *e = extra; e != NULL && e->long_name != NULL; e++)
    g_array_append_val (fields->entries, *e);
  for (guint i = 0; i < fields->n_columns; i++)
    {
      GOptionEntry entry = { 0 };

      fields->names[i] = option_name (fields->columns[i]);
      entry.long_name = fields->names[i];
      entry.arg = G_OPTION_ARG_STRING;
      entry.arg_data = &fields->values[i];
      entry.description = fields->columns[i]->label;
      entry.arg_description = arg_description (fields->columns[i]);
      /* the keys themselves, which stay in English in every language */
      if (fields->columns[i]->type == LW_COLUMN_ENUM)
        {
          const LwEnumInfo *info = fields->columns[i]->enum_info;
          GString *keys = g_string_new (NULL);

          g_string_append_printf (keys, "%s (", _(fields->columns[i]->label));
          for (int k = 0; k < info->n; k++)
            g_string_append_printf (keys, "%s%s", k ? ", " : "", info->names[k]);
          g_string_append_c (keys, ')');
          fields->choices[i] = g_string_free (keys, FALSE);
          entry.description = fields->choices[i];
        }
      g_array_append_val (fields->entries, entry);
    }
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      GOptionEntry entry = { 0 };

      if (aliases[i].table != table)
        continue;
      entry.long_name = aliases[i].alias;
      entry.arg = G_OPTION_ARG_STRING;
      entry.arg_data = &fields->alias_values[i];
      entry.description = N_("The same as the longer option");
      entry.arg_description = arg_description (lw_table_find_column (table, aliases[i].column));
      g_array_append_val (fields->entries, entry);
    }
  g_array_append_val (fields->entries, end);
  return fields;
}

static const GOptionEntry *
field_options_entries (FieldOptions *fields)
{
  return (const GOptionEntry *) (gpointer) fields->entries->data;
}

static int
column_index (FieldOptions *fields,
              const char   *name)
{
  for (guint i = 0; i < fields->n_columns; i++)
    if (g_str_equal (fields->columns[i]->name, name))
      return (int) i;
  return -1;
}

/* Folds the short names into the long ones; a usage error when both are
 * given. */
static gboolean
field_options_merge (LwCli        *cli,
                     FieldOptions *fields,
                     int          *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      int index;

      if (aliases[i].table != fields->table || fields->alias_values[i] == NULL)
        continue;
      index = column_index (fields, aliases[i].column);
      g_assert (index >= 0);
      if (fields->values[index] != NULL)
        {
          *status = lw_cli_usage (cli, _("give --%s or --%s, not both"),
                                  aliases[i].alias, fields->names[index]);
          return FALSE;
        }
      fields->values[index] = g_steal_pointer (&fields->alias_values[i]);
    }
  return TRUE;
}

static gboolean
field_options_given (FieldOptions *fields,
                     const char   *column)
{
  int index = column_index (fields, column);

  return index >= 0 && fields->values[index] != NULL;
}

static gboolean
field_options_any (FieldOptions *fields)
{
  for (guint i = 0; i < fields->n_columns; i++)
    if (fields->values[i] != NULL)
      return TRUE;
  return FALSE;
}

/* Usage error naming the first of the NULL-terminated columns not given. */
static gboolean
field_options_require (LwCli        *cli,
                       FieldOptions *fields,
                       int          *status,
                       ...)
{
  const char *column;
  va_list args;

  va_start (args, status);
  while ((column = va_arg (args, const char *)) != NULL)
    if (!field_options_given (fields, column))
      {
        int index = column_index (fields, column);

        va_end (args);
        for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
          if (aliases[i].table == fields->table && g_str_equal (aliases[i].column, column))
            {
              *status = lw_cli_usage (cli, _("--%s (or --%s) is required"), aliases[i].alias, fields->names[index]);
              return FALSE;
            }
        *status = lw_cli_usage (cli, _("--%s is required"), fields->names[index]);
        return FALSE;
      }
  va_end (args);
  return TRUE;
}

/* Sets every given field on record: all or nothing is kept by the caller,
 * which writes only when this succeeds. */
static gboolean
field_options_apply (FieldOptions *fields,
                     LwStore      *store,
                     gpointer      record,
                     GError      **error)
{
  for (guint i = 0; i < fields->n_columns; i++)
    if (fields->values[i] != NULL &&
        !lw_edit_set_field (store, record, fields->columns[i], fields->values[i], error))
      return FALSE;
  return TRUE;
}

/* The columns given, NULL-terminated (free the array only). */
static const LwColumnInfo **
field_options_columns (FieldOptions *fields)
{
  GPtrArray *columns = g_ptr_array_new ();

  for (guint i = 0; i < fields->n_columns; i++)
    if (fields->values[i] != NULL)
      g_ptr_array_add (columns, (gpointer) fields->columns[i]);
  g_ptr_array_add (columns, NULL);
  return (const LwColumnInfo **) g_ptr_array_free (columns, FALSE);
}

/* ----------------------------------------------------------------------------
 * Output
 */

static void
add_record_members (JsonBuilder   *b,
                    LwStore       *store,
                    LwRole         role,
                    gconstpointer  record)
{
  const LwTableInfo *table = LW_RECORD (record)->table;

  lw_cli_json_int (b, "id", LW_RECORD (record)->id);
  for (guint i = 0; i < table->n_columns; i++)
    {
      const LwColumnInfo *column = &table->columns[i];

      /* what the role does not see in full stays out */
      if (!lw_edit_record_may_see (store, role, record, column))
        continue;
      switch (column->type)
        {
        case LW_COLUMN_TEXT:
        case LW_COLUMN_DATE:
          lw_cli_json_string (b, column->name, *CFIELD (record, column, char *));
          break;
        case LW_COLUMN_BOOL:
          lw_cli_json_bool (b, column->name, *CFIELD (record, column, gboolean));
          break;
        case LW_COLUMN_ENUM:
          lw_cli_json_string (b, column->name,
                              lw_enum_to_string (column->enum_info, *CFIELD (record, column, int)));
          break;
        case LW_COLUMN_REF:
          json_builder_set_member_name (b, column->name);
          if (*CFIELD (record, column, gint64) == 0)
            json_builder_add_null_value (b);
          else
            json_builder_add_int_value (b, *CFIELD (record, column, gint64));
          break;
        case LW_COLUMN_TIME:
          lw_cli_json_time (b, column->name, *CFIELD (record, column, gint64));
          break;
        case LW_COLUMN_INT:
          if (g_str_equal (column->name, "categories"))
            {
              gint64 mask = *CFIELD (record, column, gint64);

              json_builder_set_member_name (b, column->name);
              json_builder_begin_array (b);
              for (int c = 0; c < LW_N_CATEGORIES; c++)
                if (mask & (G_GINT64_CONSTANT (1) << c))
                  json_builder_add_string_value (b, lw_category_to_string (c));
              json_builder_end_array (b);
            }
          else
            lw_cli_json_int (b, column->name, *CFIELD (record, column, gint64));
          break;
        default:
          break;
        }
    }
}

/* The record as the role may see it: JSON object, or one line. */
static void
print_record (LwCli         *cli,
              LwStore       *store,
              LwRole         role,
              gconstpointer  record,
              gboolean       created)
{
  g_autofree char *title = lw_edit_record_title (store, record);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      add_record_members (b, store, role, record);
      json_builder_end_object (b);
      lw_cli_print_json (json_builder_get_root (b));
      return;
    }
  if (created)
    printf (_("Created %s (id %" PRId64 ")\n"), title, LW_RECORD (record)->id);
  else
    printf (_("Saved %s\n"), title);
}

/* ----------------------------------------------------------------------------
 * Shared steps
 */

static gboolean
parse_role (LwCli      *cli,
            const char *text,
            LwRole     *role,
            int        *status)
{
  int r = lw_role_from_string (text ? text : "project-manager");

  if (r < 0)
    {
      *status = lw_cli_usage (cli, _("--as takes one role, such as project-manager or case-manager"));
      return FALSE;
    }
  *role = r;
  return TRUE;
}

static gboolean
parse_id_argument (LwCli      *cli,
                   int         argc,
                   char      **argv,
                   const char *what,
                   LwId       *id,
                   int        *status)
{
  guint64 v;

  if (argc < 2)
    {
      *status = lw_cli_usage (cli, _("give the number of the %s"), what);
      return FALSE;
    }
  if (argc > 2)
    {
      *status = lw_cli_usage (cli, _("unexpected argument “%s”"), argv[2]);
      return FALSE;
    }
  if (!g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXINT64, &v, NULL))
    {
      *status = lw_cli_usage (cli, _("“%s” is not a number; give the number of the %s"), argv[1], what);
      return FALSE;
    }
  *id = (LwId) v;
  return TRUE;
}

static gboolean
parse_code_argument (LwCli   *cli,
                     int      argc,
                     char   **argv,
                     int     *status)
{
  if (argc < 2)
    {
      *status = lw_cli_usage (cli, _("which participant? Give a code such as P-0001"));
      return FALSE;
    }
  if (argc > 2)
    {
      *status = lw_cli_usage (cli, _("unexpected argument “%s”"), argv[2]);
      return FALSE;
    }
  return TRUE;
}

/* "ROLE as …": the role the keyboard acts as. */
#define AS_ENTRY(var) \
  { "as", 0, 0, G_OPTION_ARG_STRING, &var, N_("Act as this role (default: project-manager); it writes only what it sees in full"), N_("ROLE") }

/* A new record of table for the participant named by code (0: none), the given
 * fields set and inserted. */
static int
add_record (LwCli             *cli,
            FieldOptions      *fields,
            LwRole             role,
            const char        *code,
            gpointer           record)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  if (code != NULL)
    {
      g_autoptr(LwParticipant) participant = lw_participant_find_by_code (store, code, &error);
      const LwColumnInfo *parent = lw_table_find_column (fields->table, "participant_id");

      if (participant == NULL)
        return lw_cli_fail (cli, error);
      *FIELD (record, parent, gint64) = participant->id;
    }
  if (fields->table == &lw_participant_table && !field_options_given (fields, "code"))
    {
      g_autofree char *next = lw_edit_next_code (store, &error);

      if (next == NULL || !lw_edit_set_field (store, record, lw_table_find_column (fields->table, "code"),
                                              next, &error))
        return lw_cli_fail (cli, error);
    }
  if (!field_options_apply (fields, store, record, &error) ||
      !lw_edit_insert (store, role, record, NULL, &error))
    return lw_cli_fail (cli, error);
  print_record (cli, store, role, record, TRUE);
  return LW_EXIT_OK;
}

/* The stored record, the given fields changed, written back. */
static int
edit_record (LwCli         *cli,
             FieldOptions  *fields,
             LwRole         role,
             LwId           id,
             const char    *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwRecord) record = NULL;
  g_autoptr(LwRecord) saved = NULL;
  g_autofree const LwColumnInfo **columns = field_options_columns (fields);

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  if (code != NULL)
    record = (LwRecord *) lw_participant_find_by_code (store, code, &error);
  else
    record = lw_store_get (store, fields->table, id, &error);
  if (record == NULL)
    return lw_cli_fail (cli, error);
  /* a field the role may not write is refused before its value is read: its
   * lookups (a participant by code, a member by name) say nothing either */
  for (guint i = 0; columns[i] != NULL; i++)
    if (!lw_edit_record_may_write (store, role, record, columns[i]) &&
        !lw_edit_update_columns (store, role, record, columns, NULL, &error))
      return lw_cli_fail (cli, error);
  /* only what was given is written, and refused by role whatever its value:
   * "Saved" must not confirm a value the role may not see */
  if (!field_options_apply (fields, store, record, &error) ||
      !lw_edit_update_columns (store, role, record, columns, NULL, &error))
    return lw_cli_fail (cli, error);
  /* what was written, with what the core set (the date of a status change) */
  saved = lw_store_get (store, fields->table, record->id, &error);
  if (saved == NULL)
    return lw_cli_fail (cli, error);
  print_record (cli, store, role, saved, FALSE);
  return LW_EXIT_OK;
}

static int
run_add (LwCli             *cli,
         int                argc,
         char             **argv,
         const LwTableInfo *table,
         gboolean           for_participant,
         const char        *summary,
         const char       **required)
{
  g_autoptr(FieldOptions) fields = NULL;
  g_autoptr(LwRecord) record = NULL;
  g_autofree char *as = NULL;
  LwRole role = LW_ROLE_PROJECT_MANAGER;
  int status = LW_EXIT_USAGE;
  const GOptionEntry extra[] = { AS_ENTRY (as), { NULL } };

  fields = field_options_new (table, extra);
  if (!lw_cli_parse (cli, &argc, &argv, field_options_entries (fields),
                     for_participant ? _("CODE") : NULL, summary))
    return LW_EXIT_USAGE;
  if (for_participant && !parse_code_argument (cli, argc, argv, &status))
    return status;
  if (!for_participant && argc > 1)
    return lw_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);
  if (!parse_role (cli, as, &role, &status) || !field_options_merge (cli, fields, &status))
    return status;
  for (guint i = 0; required[i] != NULL; i++)
    if (!field_options_require (cli, fields, &status, required[i], NULL))
      return status;

  record = lw_edit_record_new (table);
  return add_record (cli, fields, role, for_participant ? argv[1] : NULL, record);
}

static int
run_edit (LwCli             *cli,
          int                argc,
          char             **argv,
          const LwTableInfo *table,
          gboolean           by_code,
          const char        *summary)
{
  g_autoptr(FieldOptions) fields = NULL;
  g_autofree char *as = NULL;
  LwRole role = LW_ROLE_PROJECT_MANAGER;
  LwId id = 0;
  int status = LW_EXIT_USAGE;
  const GOptionEntry extra[] = { AS_ENTRY (as), { NULL } };

  fields = field_options_new (table, extra);
  if (!lw_cli_parse (cli, &argc, &argv, field_options_entries (fields),
                     by_code ? _("CODE") : _("ID"), summary))
    return LW_EXIT_USAGE;
  if (by_code ? !parse_code_argument (cli, argc, argv, &status)
              : !parse_id_argument (cli, argc, argv, _(table->label), &id, &status))
    return status;
  if (!parse_role (cli, as, &role, &status) || !field_options_merge (cli, fields, &status))
    return status;
  if (!field_options_any (fields))
    return lw_cli_usage (cli, _("nothing to change: give at least one field option"));
  return edit_record (cli, fields, role, id, by_code ? argv[1] : NULL);
}

/* ----------------------------------------------------------------------------
 * The commands
 */

int
lw_cli_member_add (LwCli  *cli,
                   int     argc,
                   char  **argv)
{
  const char *required[] = { "name", "role", NULL };

  return run_add (cli, argc, argv, &lw_person_table, FALSE,
                  _("Adds a workgroup member: name, role and agency."), required);
}

int
lw_cli_member_edit (LwCli  *cli,
                    int     argc,
                    char  **argv)
{
  return run_edit (cli, argc, argv, &lw_person_table, FALSE,
                   _("Changes a workgroup member. --active no deactivates: the member stays in the "
                     "history but is no longer offered as an owner, staff or attendee."));
}

int
lw_cli_member_list (LwCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GPtrArray) people = NULL;
  gboolean all = FALSE;
  const GOptionEntry entries[] = {
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Include members who are no longer active"), NULL },
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, NULL,
                     _("Lists the workgroup members: number, name, role and agency.")))
    return LW_EXIT_USAGE;
  if (argc > 1)
    return lw_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  people = lw_edit_list_members (store, all, &error);
  if (people == NULL)
    return lw_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < people->len; i++)
        {
          const LwPerson *person = g_ptr_array_index (people, i);

          json_builder_begin_object (b);
          lw_cli_json_int (b, "id", person->id);
          lw_cli_json_string (b, "name", person->name);
          lw_cli_json_string (b, "role", lw_role_to_string (person->role));
          lw_cli_json_string (b, "agency", person->agency);
          lw_cli_json_bool (b, "active", person->active);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      lw_cli_print_json (json_builder_get_root (b));
      return LW_EXIT_OK;
    }
  for (guint i = 0; i < people->len; i++)
    {
      const LwPerson *person = g_ptr_array_index (people, i);

      printf ("%4" PRId64 "  %-28s %-26s %s%s\n", person->id, person->name ? person->name : "",
              lw_role_to_string (person->role), person->agency ? person->agency : "",
              person->active ? "" : _(" (inactive)"));
    }
  return LW_EXIT_OK;
}

int
lw_cli_participant_add (LwCli  *cli,
                        int     argc,
                        char  **argv)
{
  const char *required[] = { "legal_name", "referral_route", NULL };

  return run_add (cli, argc, argv, &lw_participant_table, FALSE,
                  _("Takes in a new referral. Without --code, the next free code (P-NNNN) is given.\n"
                    "Members (--case-manager, --peer-worker) are named as in “member list”."),
                  required);
}

int
lw_cli_participant_edit (LwCli  *cli,
                         int     argc,
                         char  **argv)
{
  return run_edit (cli, argc, argv, &lw_participant_table, TRUE,
                   _("Changes a participant. A new --status is dated today; --status exited needs --exit-reason."));
}

int
lw_cli_goal_add (LwCli  *cli,
                 int     argc,
                 char  **argv)
{
  const char *required[] = { "domain", "text", NULL };

  return run_add (cli, argc, argv, &lw_plan_goal_table, TRUE,
                  _("Adds a goal to a participant's Individual Intervention Plan."), required);
}

int
lw_cli_goal_edit (LwCli  *cli,
                  int     argc,
                  char  **argv)
{
  return run_edit (cli, argc, argv, &lw_plan_goal_table, FALSE,
                   _("Changes a plan goal: --status met or dropped, its text or its target date."));
}

int
lw_cli_contact_add (LwCli  *cli,
                    int     argc,
                    char  **argv)
{
  const char *required[] = { "date", "kind", "staff_id", "note", NULL };

  return run_add (cli, argc, argv, &lw_contact_table, TRUE,
                  _("Logs a contact with a participant; their last contact follows from it."), required);
}

int
lw_cli_matter_add (LwCli  *cli,
                   int     argc,
                   char  **argv)
{
  const char *required[] = { "case_number", "court", "charge", NULL };

  return run_add (cli, argc, argv, &lw_legal_matter_table, TRUE,
                  _("Records a court case of a participant."), required);
}

int
lw_cli_matter_edit (LwCli  *cli,
                    int     argc,
                    char  **argv)
{
  return run_edit (cli, argc, argv, &lw_legal_matter_table, FALSE,
                   _("Changes a legal matter: its status, next court date and the rest."));
}

int
lw_cli_action_edit (LwCli  *cli,
                    int     argc,
                    char  **argv)
{
  return run_edit (cli, argc, argv, &lw_action_item_table, FALSE,
                   _("Changes an action item: its text, owner (reassign) or due date."));
}

/* ----------------------------------------------------------------------------
 * Releases of information
 */

/* "case-manager@Harbor Clinic", "case-manager", "@Harbor Clinic" */
static gboolean
parse_recipient (const char  *text,
                 int         *role,
                 char       **agency)
{
  const char *at = strchr (text, '@');
  g_autofree char *role_text = g_strstrip (at ? g_strndup (text, at - text) : g_strdup (text));
  g_autofree char *agency_text = at ? g_strstrip (g_strdup (at + 1)) : NULL;

  if (*role_text == '\0' || g_ascii_strcasecmp (role_text, "any") == 0)
    *role = -1;
  else if ((*role = lw_role_from_string (role_text)) < 0)
    return FALSE;
  if (agency_text != NULL && (*agency_text == '\0' || !lw_text_is_plain (agency_text)))
    return FALSE;
  if (*role < 0 && agency_text == NULL)
    return FALSE;
  *agency = g_steal_pointer (&agency_text);
  return TRUE;
}

int
lw_cli_consent_add (LwCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(FieldOptions) fields = NULL;
  g_autoptr(LwParticipant) participant = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (lw_record_free);
  g_autofree char *as = NULL;
  g_auto(GStrv) recipients = NULL;
  LwRole role = LW_ROLE_PROJECT_MANAGER;
  int status = LW_EXIT_USAGE;
  guint n_recipients;
  const GOptionEntry extra[] = {
    AS_ENTRY (as),
    { "recipient", 0, 0, G_OPTION_ARG_STRING_ARRAY, &recipients,
      N_("Who may receive: a role, an agency (@AGENCY) or a role at an agency; repeat for several"),
      N_("ROLE[@AGENCY]") },
    { NULL }
  };

  fields = field_options_new (&lw_consent_table, extra);
  if (!lw_cli_parse (cli, &argc, &argv, field_options_entries (fields), _("CODE"),
                     _("Records a release of information (ROI) a participant signed: who may receive "
                       "which categories, from its signature until it expires or is revoked. "
                       "Each --recipient becomes one release with the same categories and dates.")))
    return LW_EXIT_USAGE;
  if (!parse_code_argument (cli, argc, argv, &status) ||
      !parse_role (cli, as, &role, &status) || !field_options_merge (cli, fields, &status))
    return status;
  n_recipients = recipients ? g_strv_length (recipients) : 0;
  if (n_recipients > 0 && (field_options_given (fields, "recipient_role") ||
                           field_options_given (fields, "recipient_agency")))
    return lw_cli_usage (cli, _("give --recipient, or --recipient-role and --recipient-agency, not both"));
  if (n_recipients == 0 && !field_options_given (fields, "recipient_role") &&
      !field_options_given (fields, "recipient_agency"))
    return lw_cli_usage (cli, _("--recipient is required: say who may receive the information"));
  if (!field_options_require (cli, fields, &status, "categories", "signed_date", NULL))
    return status;
  for (guint i = 0; i < n_recipients; i++)
    {
      g_autofree char *agency = NULL;
      int r;

      if (!parse_recipient (recipients[i], &r, &agency))
        return lw_cli_usage (cli, _("--recipient takes a role, @AGENCY or ROLE@AGENCY, such as case-manager@Harbor Clinic"));
    }

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  participant = lw_participant_find_by_code (store, argv[1], &error);
  if (participant == NULL)
    return lw_cli_fail (cli, error);
  for (guint i = 0; i < MAX (n_recipients, 1); i++)
    {
      LwConsent *consent = lw_edit_record_new (&lw_consent_table);

      g_ptr_array_add (records, consent);
      consent->participant_id = participant->id;
      if (!field_options_apply (fields, store, consent, &error))
        return lw_cli_fail (cli, error);
      if (n_recipients > 0)
        {
          g_autofree char *agency = NULL;
          int r = -1;

          parse_recipient (recipients[i], &r, &agency);
          consent->recipient_role = r;
          consent->recipient_agency = g_steal_pointer (&agency);
        }
    }
  /* every release checked before any is written: all or none */
  for (guint i = 0; i < records->len; i++)
    if (!lw_edit_check (store, role, g_ptr_array_index (records, i), NULL, &error))
      {
        /* a refusal is recorded by the write that is refused */
        if (g_error_matches (error, LW_ERROR, LW_ERROR_DENIED))
          {
            g_clear_error (&error);
            lw_edit_insert (store, role, g_ptr_array_index (records, i), NULL, &error);
          }
        return lw_cli_fail (cli, error);
      }
  if (!lw_store_begin (store, &error))
    return lw_cli_fail (cli, error);
  for (guint i = 0; i < records->len; i++)
    if (!lw_edit_insert (store, role, g_ptr_array_index (records, i), NULL, &error))
      {
        lw_store_rollback (store);
        return lw_cli_fail (cli, error);
      }
  if (!lw_store_commit (store, &error))
    return lw_cli_fail (cli, error);

  if (cli->json && records->len > 1)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < records->len; i++)
        {
          json_builder_begin_object (b);
          add_record_members (b, store, role, g_ptr_array_index (records, i));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      lw_cli_print_json (json_builder_get_root (b));
    }
  else
    for (guint i = 0; i < records->len; i++)
      print_record (cli, store, role, g_ptr_array_index (records, i), TRUE);
  return LW_EXIT_OK;
}

int
lw_cli_consent_revoke (LwCli  *cli,
                       int     argc,
                       char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwConsent) consent = NULL;
  g_autofree char *as = NULL;
  g_autofree char *date = NULL;
  LwRole role = LW_ROLE_PROJECT_MANAGER;
  LwId id = 0;
  int status = LW_EXIT_USAGE;
  const GOptionEntry entries[] = {
    AS_ENTRY (as),
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The date the participant revoked it (default: today)"), "YYYY-MM-DD" },
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, _("ID"),
                     _("Revokes a release of information as of a date; from then on it allows nothing.")))
    return LW_EXIT_USAGE;
  if (!parse_id_argument (cli, argc, argv, _("release"), &id, &status) ||
      !parse_role (cli, as, &role, &status))
    return status;
  if (date != NULL && !lw_date_is_valid (date))
    return lw_cli_usage (cli, _("--date is not a date; write it as YYYY-MM-DD"));

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  if (!lw_edit_revoke_consent (store, role, id, date, &error))
    return lw_cli_fail (cli, error);
  consent = lw_store_get (store, &lw_consent_table, id, &error);
  if (consent == NULL)
    return lw_cli_fail (cli, error);
  print_record (cli, store, role, consent, FALSE);
  return LW_EXIT_OK;
}

int
lw_cli_consent_list (LwCli  *cli,
                     int     argc,
                     char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwParticipant) participant = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autofree char *as = NULL;
  g_autofree char *today = lw_date_today ();
  g_autofree char *detail = NULL;
  g_auto(GStrv) sentences = NULL;
  LwRole role = LW_ROLE_PROJECT_MANAGER;
  int status = LW_EXIT_USAGE;
  guint in_effect = 0;
  gboolean full;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Show what this role may see (default: project-manager)"), N_("ROLE") },
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, _("CODE"),
                     _("Lists a participant's releases of information, and says in plain words who may "
                       "see what today because of them. A role that does not see care notes in full "
                       "learns only how many are in effect.")))
    return LW_EXIT_USAGE;
  if (!parse_code_argument (cli, argc, argv, &status) || !parse_role (cli, as, &role, &status))
    return status;

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  participant = lw_participant_find_by_code (store, argv[1], &error);
  if (participant == NULL)
    return lw_cli_fail (cli, error);
  consents = lw_model_list_for (store, &lw_consent_table, participant->id, &error);
  if (consents == NULL)
    return lw_cli_fail (cli, error);
  for (guint i = 0; i < consents->len; i++)
    in_effect += lw_policy_consent_is_valid (g_ptr_array_index (consents, i), today);

  {
    g_autoptr(LwConsent) probe = lw_edit_record_new (&lw_consent_table);

    probe->participant_id = participant->id;
    full = lw_edit_record_may_see (store, role, probe, lw_table_find_column (&lw_consent_table, "categories"));
  }
  if (full)
    {
      sentences = lw_edit_describe_consents (store, participant->id, today, &error);
      if (sentences == NULL)
        return lw_cli_fail (cli, error);
      detail = g_strdup_printf ("consents participant=%s role=%s", participant->code, lw_role_to_string (role));
      if (!lw_audit_append (store, LW_AUDIT_VIEW, detail, &error))
        return lw_cli_fail (cli, error);
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      lw_cli_json_string (b, "code", participant->code);
      lw_cli_json_int (b, "in_effect", in_effect);
      if (full)
        {
          json_builder_set_member_name (b, "consents");
          json_builder_begin_array (b);
          for (guint i = 0; i < consents->len; i++)
            {
              json_builder_begin_object (b);
              add_record_members (b, store, role, g_ptr_array_index (consents, i));
              lw_cli_json_bool (b, "in_effect", lw_policy_consent_is_valid (g_ptr_array_index (consents, i), today));
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
          json_builder_set_member_name (b, "today");
          json_builder_begin_array (b);
          for (guint i = 0; sentences[i] != NULL; i++)
            json_builder_add_string_value (b, sentences[i]);
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
      lw_cli_print_json (json_builder_get_root (b));
      return LW_EXIT_OK;
    }

  if (!full)
    {
      printf (g_dngettext (GETTEXT_PACKAGE,
                           "%s: %u release of information in effect (as %s you see no more of them)\n",
                           "%s: %u releases of information in effect (as %s you see no more of them)\n",
                           in_effect),
              participant->code, in_effect, lw_role_to_string (role));
      return LW_EXIT_OK;
    }
  for (guint i = 0; i < consents->len; i++)
    {
      const LwConsent *c = g_ptr_array_index (consents, i);
      g_autofree char *categories = lw_edit_field_to_text (store, c, lw_table_find_column (&lw_consent_table, "categories"), FALSE);

      printf ("%4" PRId64 "  %s%s%s  %s  %s %s  %s %s%s%s\n", c->id,
              c->recipient_role >= 0 ? lw_role_to_string (c->recipient_role) : "",
              c->recipient_agency ? "@" : "", c->recipient_agency ? c->recipient_agency : "",
              categories ? categories : "",
              _("signed"), c->signed_date ? c->signed_date : "-",
              _("expires"), c->expires ? c->expires : "-",
              c->revoked ? _(", revoked ") : "", c->revoked ? c->revoked : "");
      lw_secret_free (g_steal_pointer (&categories));
    }
  if (sentences[0] == NULL)
    printf (_("Today no release of %s is in effect.\n"), participant->code);
  for (guint i = 0; sentences[i] != NULL; i++)
    printf ("%s.\n", sentences[i]);
  return LW_EXIT_OK;
}

/* ----------------------------------------------------------------------------
 * For the workgroup's own records (lw-cli-workgroup.c): the same --as and
 * the same output
 */

void
lw_cli_print_record (LwCli         *cli,
                     LwStore       *store,
                     LwRole         role,
                     gconstpointer  record,
                     gboolean       created)
{
  print_record (cli, store, role, record, created);
}

gboolean
lw_cli_parse_role (LwCli      *cli,
                   const char *text,
                   LwRole     *role,
                   int        *status)
{
  return parse_role (cli, text, role, status);
}
