/* lw-cli-fields.h: a record's fields on the command line — options made from
 * the record form, and the record printed as a role may see it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "lw/lw-model.h"
#include "lw/lw-store.h"
#include "lw-cli-private.h"

G_BEGIN_DECLS

/* "--as ROLE": the role at the keyboard, which writes only what it sees in
 * full (parse it with lw_cli_parse_role()).  Its words live in the .c file,
 * where the catalogue finds them. */
extern const char lw_cli_as_role_description[];
extern const char lw_cli_as_role_arg[];
#define LW_CLI_AS_ROLE_ENTRY(var) \
  { "as", 0, 0, G_OPTION_ARG_STRING, &var, lw_cli_as_role_description, lw_cli_as_role_arg }

/* One field a command offers, in the order its --help lists them, with that
 * command's words for it (NULL: the column's label, an enumeration's keys, the
 * kind of value its type takes). */
typedef struct
{
  const char *column;
  const char *description;
  const char *arg_description;
} LwCliField;

/* The values given for a table's fields, by their options: a column
 * "next_court_date" is --next-court-date, a reference "case_manager_id" is
 * --case-manager, and a few columns have a shorter name too (--route, --due,
 * --signed, --incident, --kind). */
typedef struct _LwCliFields LwCliFields;

/* Options for the form columns of table (lw_edit_form_columns()), or for the
 * columns listed in only (NULL-terminated by column), after the entries of
 * extra (may be NULL). */
LwCliFields        *lw_cli_fields_new        (const LwTableInfo  *table,
                                              const LwCliField   *only,
                                              const GOptionEntry *extra);
/* Every value given is wiped. */
void                lw_cli_fields_free       (LwCliFields        *fields);
/* The entries to give lw_cli_parse(), NULL-terminated. */
const GOptionEntry *lw_cli_fields_entries    (LwCliFields        *fields);

/* After parsing: folds the shorter names into the longer ones (a usage error
 * when both are given). */
gboolean            lw_cli_fields_merge      (LwCli              *cli,
                                              LwCliFields        *fields,
                                              int                *status);
/* A usage error naming the first of the columns (NULL-terminated) not given. */
gboolean            lw_cli_fields_require    (LwCli              *cli,
                                              LwCliFields        *fields,
                                              int                *status,
                                              ...) G_GNUC_NULL_TERMINATED;
/* A usage error for a date that is not one, before anything is opened (the
 * workgroup's own records; the others let lw_edit_set_field() say it). */
gboolean            lw_cli_fields_check_dates (LwCli             *cli,
                                               LwCliFields       *fields,
                                               int               *status);
gboolean            lw_cli_fields_given      (LwCliFields        *fields,
                                              const char         *column);
/* What was given for column, as typed, or NULL. */
const char         *lw_cli_fields_get        (LwCliFields        *fields,
                                              const char         *column);
gboolean            lw_cli_fields_any        (LwCliFields        *fields);
/* Sets every given field of record with lw_edit_set_field(); the caller writes
 * only when this succeeds. */
gboolean            lw_cli_fields_apply      (LwCliFields        *fields,
                                              LwStore            *store,
                                              gpointer            record,
                                              GError            **error);
/* The columns given, NULL-terminated (free the array only). */
const LwColumnInfo **lw_cli_fields_columns   (LwCliFields        *fields);
const LwTableInfo  *lw_cli_fields_get_table  (LwCliFields        *fields);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwCliFields, lw_cli_fields_free)

/* How a record is written: lw_edit_insert() or one of the core's own ways in
 * (lw_decisions_add(), lw_concerns_add()), which take the same arguments. */
typedef gboolean (*LwCliInsertFunc) (LwStore             *store,
                                     LwRole               role,
                                     gpointer             record,
                                     const LwColumnInfo **bad_column,
                                     GError             **error);

/* A command that adds one record from its field options and --as. */
typedef struct
{
  const LwTableInfo  *table;
  const LwCliField   *only;             /* NULL: every form column */
  const char * const *required;         /* columns, NULL-terminated */
  gboolean            for_participant;  /* CODE names the record's participant */
  gboolean            dates_are_usage;  /* lw_cli_fields_check_dates() */
  LwCliInsertFunc     insert;           /* NULL: lw_edit_insert() */
  const char         *summary;
} LwCliAdd;

/* Parses and checks the options (bad usage: 2, before anything is opened),
 * sets the fields of a new record (a participant without --code gets the next
 * free one), writes it as the role given with --as and prints it. */
int                 lw_cli_run_add           (LwCli              *cli,
                                              int                 argc,
                                              char              **argv,
                                              const LwCliAdd     *add);

/* The role --as names (default: project manager), else a usage error in
 * *status. */
gboolean   lw_cli_parse_role          (LwCli              *cli,
                                       const char         *text,
                                       LwRole             *role,
                                       int                *status);
/* The members of record that role sees in full, with its "id". */
void       lw_cli_json_record_members (JsonBuilder        *b,
                                       LwStore            *store,
                                       LwRole              role,
                                       gconstpointer       record);
/* The record as role may see it: a JSON object with --json, else one line
 * ("Created Participant P-0012 (id 12)", "Saved …"). */
void       lw_cli_print_record        (LwCli              *cli,
                                       LwStore            *store,
                                       LwRole              role,
                                       gconstpointer       record,
                                       gboolean            created);

G_END_DECLS
