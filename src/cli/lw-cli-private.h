/* lw-cli-private.h: shared plumbing of the commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "lw/lw-store.h"
#include "lw/lw-types.h"

G_BEGIN_DECLS

/* Exit statuses of DESIGN.md. */
#define LW_EXIT_OK      0
#define LW_EXIT_FAILED  1
#define LW_EXIT_USAGE   2

typedef struct
{
  /* options every command takes */
  char      *database;
  char      *passphrase_file;
  char      *actor;
  gboolean   json;
  /* what the command words were, e.g. "participant show" */
  const char *command;
} LwCli;

typedef int (*LwCliFunc) (LwCli  *cli,
                          int     argc,
                          char  **argv);

typedef struct
{
  const char *name;     /* "passphrase" */
  const char *sub;      /* "change", or NULL */
  LwCliFunc   func;
  const char *usage;    /* parameter string shown in --help */
  const char *summary;
} LwCliCommand;

/* Parses argv (argv[0] is the command words) with the common options plus extra
 * entries; leaves positional arguments in argv.  Returns FALSE with a usage message
 * already printed; the caller returns LW_EXIT_USAGE. */
gboolean   lw_cli_parse           (LwCli              *cli,
                                   int                *argc,
                                   char             ***argv,
                                   const GOptionEntry *extra,
                                   const char         *parameters,
                                   const char         *summary);
/* Prints "lead-workgroup: message" on stderr; returns LW_EXIT_FAILED. */
int        lw_cli_fail            (LwCli              *cli,
                                   GError             *error);
/* Prints a usage error; returns LW_EXIT_USAGE. */
int        lw_cli_usage           (LwCli              *cli,
                                   const char         *format,
                                   ...) G_GNUC_PRINTF (2, 3);
/* The database path: --database, else the default in the user data directory. */
const char *lw_cli_database       (LwCli              *cli);
/* Reads a passphrase from a file (first line), the environment or the terminal.
 * The returned buffer is sodium_malloc'd; free it with lw_cli_passphrase_free(). */
char      *lw_cli_read_passphrase (LwCli              *cli,
                                   const char         *file,
                                   gboolean            allow_env,
                                   const char         *prompt,
                                   gboolean            confirm,
                                   GError            **error);
void       lw_cli_passphrase_free (char               *passphrase);
/* Opens --database and unlocks it. */
LwStore   *lw_cli_open_store      (LwCli              *cli,
                                   GError            **error);
/* Prints a JSON node followed by a newline on stdout, and frees it (every
 * caller hands over a node of its own: json_builder_get_root() or a view's). */
void       lw_cli_print_json      (JsonNode           *node);

/* JSON object members: a NULL string and a zero time (µs since the epoch)
 * become null; a time is written in ISO 8601, UTC. */
void       lw_cli_json_string     (JsonBuilder        *b,
                                   const char         *name,
                                   const char         *value);
void       lw_cli_json_int        (JsonBuilder        *b,
                                   const char         *name,
                                   gint64              value);
void       lw_cli_json_bool       (JsonBuilder        *b,
                                   const char         *name,
                                   gboolean            value);
void       lw_cli_json_time       (JsonBuilder        *b,
                                   const char         *name,
                                   gint64              usec);

/* The positional arguments after the command words: exactly one, else a usage
 * error in *status saying what is missing (missing) or what is unexpected;
 * none, else a usage error naming the first. */
gboolean   lw_cli_one_argument    (LwCli              *cli,
                                   int                 argc,
                                   char              **argv,
                                   const char         *missing,
                                   int                *status);
gboolean   lw_cli_no_argument     (LwCli              *cli,
                                   int                 argc,
                                   char              **argv,
                                   int                *status);

/* An option that must be given (option: "--case-number"), and a date option
 * that must be one, else a usage error in *status: checked before anything is
 * opened. */
gboolean   lw_cli_require         (LwCli              *cli,
                                   const char         *value,
                                   const char         *option,
                                   int                *status);
gboolean   lw_cli_check_date      (LwCli              *cli,
                                   const char         *value,
                                   const char         *option,
                                   int                *status);

/* Commands, one file per area. */
int lw_cli_init              (LwCli *cli, int argc, char **argv);
int lw_cli_demo              (LwCli *cli, int argc, char **argv);
int lw_cli_passphrase_change (LwCli *cli, int argc, char **argv);
int lw_cli_check             (LwCli *cli, int argc, char **argv);
int lw_cli_audit_verify      (LwCli *cli, int argc, char **argv);
int lw_cli_audit_list        (LwCli *cli, int argc, char **argv);
int lw_cli_participant_list  (LwCli *cli, int argc, char **argv);
int lw_cli_participant_show  (LwCli *cli, int argc, char **argv);
int lw_cli_policy_show       (LwCli *cli, int argc, char **argv);
int lw_cli_policy_set        (LwCli *cli, int argc, char **argv);
int lw_cli_policy_agency     (LwCli *cli, int argc, char **argv);
int lw_cli_meeting_list      (LwCli *cli, int argc, char **argv);
int lw_cli_meeting_show      (LwCli *cli, int argc, char **argv);
int lw_cli_agenda_suggest    (LwCli *cli, int argc, char **argv);
int lw_cli_actions           (LwCli *cli, int argc, char **argv);
int lw_cli_minutes           (LwCli *cli, int argc, char **argv);
int lw_cli_handout           (LwCli *cli, int argc, char **argv);
int lw_cli_import_participants (LwCli *cli, int argc, char **argv);
int lw_cli_import_members    (LwCli *cli, int argc, char **argv);
int lw_cli_import_consents   (LwCli *cli, int argc, char **argv);
int lw_cli_import_matters    (LwCli *cli, int argc, char **argv);
int lw_cli_import_contacts   (LwCli *cli, int argc, char **argv);
int lw_cli_export_participants (LwCli *cli, int argc, char **argv);
int lw_cli_report            (LwCli *cli, int argc, char **argv);
int lw_cli_report_extract    (LwCli *cli, int argc, char **argv);
int lw_cli_backup            (LwCli *cli, int argc, char **argv);
/* The workgroup's own record (lw-cli-workgroup.c). */
int lw_cli_position_add      (LwCli *cli, int argc, char **argv);
int lw_cli_position_list     (LwCli *cli, int argc, char **argv);
int lw_cli_decision_add      (LwCli *cli, int argc, char **argv);
int lw_cli_decision_list     (LwCli *cli, int argc, char **argv);
int lw_cli_concern_add       (LwCli *cli, int argc, char **argv);
int lw_cli_concern_respond   (LwCli *cli, int argc, char **argv);
int lw_cli_concern_list      (LwCli *cli, int argc, char **argv);
int lw_cli_report_back       (LwCli *cli, int argc, char **argv);
/* lw-cli-records.c */
int lw_cli_member_add        (LwCli *cli, int argc, char **argv);
int lw_cli_member_list       (LwCli *cli, int argc, char **argv);
int lw_cli_member_edit       (LwCli *cli, int argc, char **argv);
int lw_cli_participant_add   (LwCli *cli, int argc, char **argv);
int lw_cli_participant_edit  (LwCli *cli, int argc, char **argv);
int lw_cli_goal_add          (LwCli *cli, int argc, char **argv);
int lw_cli_goal_edit         (LwCli *cli, int argc, char **argv);
int lw_cli_contact_add       (LwCli *cli, int argc, char **argv);
int lw_cli_matter_add        (LwCli *cli, int argc, char **argv);
int lw_cli_matter_edit       (LwCli *cli, int argc, char **argv);
int lw_cli_consent_add       (LwCli *cli, int argc, char **argv);
int lw_cli_consent_revoke    (LwCli *cli, int argc, char **argv);
int lw_cli_consent_list      (LwCli *cli, int argc, char **argv);
int lw_cli_action_edit       (LwCli *cli, int argc, char **argv);
int lw_cli_restore           (LwCli *cli, int argc, char **argv);
/* “actions --owner NAME --output FILE.pdf|.md [--paper a4|letter]
 * [--language en|es]”: writes the member's open action list at the member's
 * own level (lw-cli-files.c).  paper and language may be NULL. */
int lw_cli_actions_export    (LwCli *cli, const char *owner, const char *output,
                              const char *paper, const char *language);

G_END_DECLS
