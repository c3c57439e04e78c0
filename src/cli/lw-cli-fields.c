/* lw-cli-fields.c: a record's fields on the command line — options made from
 * the record form, and the record printed as a role may see it
 *
 * One set of field options for every command that writes a record, made from
 * the table descriptions (lw_edit_form_columns ()).  Every value goes through
 * lw_edit_set_field (), the form's parser, and is wiped when done.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lw/lw-edit.h"
#include "lw/lw-model.h"
#include "lw/lw-vault.h"
#include "lw-cli-fields.h"

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
  { &lw_diversion_decision_table, "incident_number", "incident" },
  { &lw_community_concern_table, "response_kind", "kind" },
};

struct _LwCliFields
{
  const LwTableInfo   *table;
  const LwColumnInfo **columns;   /* the form's, or those asked for */
  guint                n_columns;
  char               **names;     /* option name of each column */
  char               **values;    /* what was given, or NULL */
  char               **alias_values;
  char               **choices;   /* "Label (a, b, c)" of an enumeration, or NULL */
  const char         **arg_descriptions;
  GArray              *entries;   /* GOptionEntry, NULL-terminated once built */
};

void
lw_cli_fields_free (LwCliFields *fields)
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
  g_free (fields->arg_descriptions);
  g_free (fields->columns);
  if (fields->entries)
    g_array_unref (fields->entries);
  g_free (fields);
}

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

static int
column_index (LwCliFields *fields,
              const char  *name)
{
  for (guint i = 0; i < fields->n_columns; i++)
    if (g_str_equal (fields->columns[i]->name, name))
      return (int) i;
  return -1;
}

/* "Label (a, b, c)": the keys themselves, which stay in English in every
 * language */
static char *
enum_choices (const LwColumnInfo *column)
{
  const LwEnumInfo *info = column->enum_info;
  GString *keys = g_string_new (NULL);

  g_string_append_printf (keys, "%s (", _(column->label));
  for (int k = 0; k < info->n; k++)
    g_string_append_printf (keys, "%s%s", k ? ", " : "", info->names[k]);
  g_string_append_c (keys, ')');
  return g_string_free (keys, FALSE);
}

LwCliFields *
lw_cli_fields_new (const LwTableInfo  *table,
                   const LwCliField   *only,
                   const GOptionEntry *extra)
{
  LwCliFields *fields = g_new0 (LwCliFields, 1);
  const GOptionEntry end = { NULL };

  fields->table = table;
  if (only == NULL)
    fields->columns = lw_edit_form_columns (table, &fields->n_columns);
  else
    {
      while (only[fields->n_columns].column != NULL)
        fields->n_columns++;
      fields->columns = g_new0 (const LwColumnInfo *, fields->n_columns + 1);
      for (guint i = 0; i < fields->n_columns; i++)
        {
          fields->columns[i] = lw_table_find_column (table, only[i].column);
          g_assert (fields->columns[i] != NULL);
        }
    }
  fields->names = g_new0 (char *, fields->n_columns + 1);
  fields->values = g_new0 (char *, fields->n_columns + 1);
  fields->choices = g_new0 (char *, fields->n_columns + 1);
  fields->arg_descriptions = g_new0 (const char *, fields->n_columns + 1);
  fields->alias_values = g_new0 (char *, G_N_ELEMENTS (aliases));
  fields->entries = g_array_new (FALSE, TRUE, sizeof (GOptionEntry));

  for (const GOptionEntry *e = extra; e != NULL && e->long_name != NULL; e++)
    g_array_append_val (fields->entries, *e);
  for (guint i = 0; i < fields->n_columns; i++)
    {
      const LwColumnInfo *column = fields->columns[i];
      GOptionEntry entry = { 0 };

      fields->names[i] = option_name (column);
      fields->arg_descriptions[i] = only && only[i].arg_description ? only[i].arg_description
                                                                     : arg_description (column);
      entry.long_name = fields->names[i];
      entry.arg = G_OPTION_ARG_STRING;
      entry.arg_data = &fields->values[i];
      entry.arg_description = fields->arg_descriptions[i];
      if (only && only[i].description)
        entry.description = only[i].description;
      else if (column->type == LW_COLUMN_ENUM)
        entry.description = fields->choices[i] = enum_choices (column);
      else
        entry.description = column->label;
      g_array_append_val (fields->entries, entry);
    }
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      GOptionEntry entry = { 0 };
      int index;

      if (aliases[i].table != table || (index = column_index (fields, aliases[i].column)) < 0)
        continue;
      entry.long_name = aliases[i].alias;
      entry.arg = G_OPTION_ARG_STRING;
      entry.arg_data = &fields->alias_values[i];
      entry.description = N_("The same as the longer option");
      entry.arg_description = fields->arg_descriptions[index];
      g_array_append_val (fields->entries, entry);
    }
  g_array_append_val (fields->entries, end);
  return fields;
}

const GOptionEntry *
lw_cli_fields_entries (LwCliFields *fields)
{
  return (const GOptionEntry *) (gpointer) fields->entries->data;
}

const LwTableInfo *
lw_cli_fields_get_table (LwCliFields *fields)
{
  return fields->table;
}

gboolean
lw_cli_fields_merge (LwCli       *cli,
                     LwCliFields *fields,
                     int         *status)
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

const char *
lw_cli_fields_get (LwCliFields *fields,
                   const char  *column)
{
  int index = column_index (fields, column);

  return index >= 0 ? fields->values[index] : NULL;
}

gboolean
lw_cli_fields_given (LwCliFields *fields,
                     const char  *column)
{
  return lw_cli_fields_get (fields, column) != NULL;
}

gboolean
lw_cli_fields_any (LwCliFields *fields)
{
  for (guint i = 0; i < fields->n_columns; i++)
    if (fields->values[i] != NULL)
      return TRUE;
  return FALSE;
}

gboolean
lw_cli_fields_require (LwCli       *cli,
                       LwCliFields *fields,
                       int         *status,
                       ...)
{
  const char *column;
  va_list args;

  va_start (args, status);
  while ((column = va_arg (args, const char *)) != NULL)
    if (!lw_cli_fields_given (fields, column))
      {
        int index = column_index (fields, column);

        va_end (args);
        g_assert (index >= 0);
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

gboolean
lw_cli_fields_check_dates (LwCli       *cli,
                           LwCliFields *fields,
                           int         *status)
{
  for (guint i = 0; i < fields->n_columns; i++)
    if (fields->columns[i]->type == LW_COLUMN_DATE)
      {
        g_autofree char *option = g_strconcat ("--", fields->names[i], NULL);

        if (!lw_cli_check_date (cli, fields->values[i], option, status))
          return FALSE;
      }
  return TRUE;
}

gboolean
lw_cli_fields_apply (LwCliFields *fields,
                     LwStore     *store,
                     gpointer     record,
                     GError     **error)
{
  for (guint i = 0; i < fields->n_columns; i++)
    if (fields->values[i] != NULL &&
        !lw_edit_set_field (store, record, fields->columns[i], fields->values[i], error))
      return FALSE;
  return TRUE;
}

const LwColumnInfo **
lw_cli_fields_columns (LwCliFields *fields)
{
  GPtrArray *columns = g_ptr_array_new ();

  for (guint i = 0; i < fields->n_columns; i++)
    if (fields->values[i] != NULL)
      g_ptr_array_add (columns, (gpointer) fields->columns[i]);
  g_ptr_array_add (columns, NULL);
  return (const LwColumnInfo **) g_ptr_array_free (columns, FALSE);
}

/* ----------------------------------------------------------------------------
 * Adding a record
 */

/* A new record for the participant named by code (NULL: none), the given
 * fields set and written. */
static int
add_record (LwCli          *cli,
            LwCliFields    *fields,
            const LwCliAdd *add,
            LwRole          role,
            const char     *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwRecord) record = NULL;

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  record = lw_edit_record_new (add->table);
  if (code != NULL)
    {
      g_autoptr(LwParticipant) participant = lw_participant_find_by_code (store, code, &error);
      const LwColumnInfo *parent = lw_table_find_column (add->table, "participant_id");

      if (participant == NULL)
        return lw_cli_fail (cli, error);
      *FIELD (record, parent, gint64) = participant->id;
    }
  if (add->table == &lw_participant_table && !lw_cli_fields_given (fields, "code"))
    {
      g_autofree char *next = lw_edit_next_code (store, &error);

      if (next == NULL || !lw_edit_set_field (store, record, lw_table_find_column (add->table, "code"),
                                              next, &error))
        return lw_cli_fail (cli, error);
    }
  if (!lw_cli_fields_apply (fields, store, record, &error) ||
      !(add->insert ? add->insert : lw_edit_insert) (store, role, record, NULL, &error))
    return lw_cli_fail (cli, error);
  lw_cli_print_record (cli, store, role, record, TRUE);
  return LW_EXIT_OK;
}

int
lw_cli_run_add (LwCli          *cli,
                int             argc,
                char          **argv,
                const LwCliAdd *add)
{
  g_autoptr(LwCliFields) fields = NULL;
  g_autofree char *as = NULL;
  LwRole role = LW_ROLE_PROJECT_MANAGER;
  int status = LW_EXIT_USAGE;
  const GOptionEntry extra[] = { LW_CLI_AS_ROLE_ENTRY (as), { NULL } };

  fields = lw_cli_fields_new (add->table, add->only, extra);
  if (!lw_cli_parse (cli, &argc, &argv, lw_cli_fields_entries (fields),
                     add->for_participant ? _("CODE") : NULL, _(add->summary)))
    return LW_EXIT_USAGE;
  if (add->for_participant
      ? !lw_cli_one_argument (cli, argc, argv, _("which participant? Give a code such as P-0001"), &status)
      : !lw_cli_no_argument (cli, argc, argv, &status))
    return status;
  if (!lw_cli_parse_role (cli, as, &role, &status) || !lw_cli_fields_merge (cli, fields, &status))
    return status;
  for (guint i = 0; add->required[i] != NULL; i++)
    if (!lw_cli_fields_require (cli, fields, &status, add->required[i], NULL))
      return status;
  if (add->dates_are_usage && !lw_cli_fields_check_dates (cli, fields, &status))
    return status;
  return add_record (cli, fields, add, role, add->for_participant ? argv[1] : NULL);
}

/* ----------------------------------------------------------------------------
 * The role, and the record as it may see it
 */

const char lw_cli_as_role_description[] =
  N_("Act as this role (default: project-manager); it writes only what it sees in full");
const char lw_cli_as_role_arg[] = N_("ROLE");

gboolean
lw_cli_parse_role (LwCli      *cli,
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

void
lw_cli_json_record_members (JsonBuilder   *b,
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

void
lw_cli_print_record (LwCli         *cli,
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
      lw_cli_json_record_members (b, store, role, record);
      json_builder_end_object (b);
      lw_cli_print_json (json_builder_get_root (b));
      return;
    }
  if (created)
    printf (_("Created %s (id %" PRId64 ")\n"), title, LW_RECORD (record)->id);
  else
    printf (_("Saved %s\n"), title);
}
