/* lw-test-util.h: shared fixtures of the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "lw/lw-audit.h"
#include "lw/lw-policy.h"
#include "lw/lw-store.h"
#include "lw/lw-view.h"

G_BEGIN_DECLS

/* A fresh temporary directory (removed by lw_test_tmpdir_remove). */
char     *lw_test_tmpdir          (void);
void      lw_test_tmpdir_remove   (const char *dir);
/* Creates dir/name with passphrase "correct horse" and returns it unlocked. */
LwStore  *lw_test_store_new       (const char *dir,
                                   const char *name);
/* One row in every table, dependencies first, every column set; text columns hold
 * canaries "CANARY-<table>-<column>-<tag>".  Returns the ids by table name. */
GHashTable *lw_test_fill_every_table (LwStore    *store,
                                      const char *tag);
/* Fills every column of record with a value derived from tag; refs from ids. */
void      lw_test_fill_record     (gpointer     record,
                                   const char  *tag,
                                   GHashTable  *ids);
/* The sensitive strings fill_record puts in sealed columns (for at-rest scans). */
GPtrArray *lw_test_sealed_canaries (const char *tag);
/* Reads a whole file; NULL if absent. */
GBytes   *lw_test_read_file       (const char *path);
gboolean  lw_test_bytes_contain   (GBytes     *bytes,
                                   const char *needle);

/* The fixture of the record tests: a program file, program.lwdb in a fresh
 * temporary directory, open and unlocked.  Put it first in a test's
 * Fixture. */
typedef struct
{
  char    *dir;
  char    *path;
  LwStore *store;
} LwTestProgram;

void      lw_test_program_setup    (LwTestProgram *program);
void      lw_test_program_teardown (LwTestProgram *program);
/* Closes the file and opens it again, unlocked (what the store caches is
 * gone, what was written stays). */
void      lw_test_program_reopen   (LwTestProgram *program);
/* Runs SQL on a file behind the store's back (damage, a failing trigger). */
void      lw_test_raw_exec         (const char    *path,
                                    const char    *sql);
/* The audit chain verifies and the file checks clean. */
void      lw_test_assert_store_clean (LwStore     *store);

/* Sets column of record from text as the record form would
 * (lw_edit_set_field()); a refusal fails the test. */
void      lw_test_set_field        (LwStore       *store,
                                    gpointer       record,
                                    const char    *column,
                                    const char    *text);
/* A member of agency "Synthetic Services", written straight into the store
 * (no audit entry); its id. */
LwId      lw_test_add_member       (LwStore       *store,
                                    const char    *name,
                                    LwRole         role,
                                    gboolean       active);
/* A participant "Synthetic Person" with that code, referred by social
 * contact, created through lw-edit as role; its id. */
LwId      lw_test_new_participant  (LwStore       *store,
                                    LwRole         role,
                                    const char    *code);

/* Running the built binary (path in the LW_BINARY environment variable). */
typedef struct
{
  int   status;   /* exit status */
  char *out;      /* standard output */
  char *err;      /* standard error */
} LwTestResult;

void      lw_test_result_clear    (LwTestResult *result);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LwTestResult, lw_test_result_clear)

/* Runs LW_BINARY with the NULL-terminated arguments; LEAD_WORKGROUP_PASSPHRASE
 * is pass, or unset when pass is NULL.  Standard input is an empty pipe, so
 * nothing can prompt. */
void      lw_test_run             (LwTestResult *result,
                                   const char   *pass,
                                   ...) G_GNUC_NULL_TERMINATED;
void      lw_test_run_argv        (LwTestResult *result,
                                   const char   *pass,
                                   const char * const *args);
guint     lw_test_count_lines     (const char   *text);
/* Parses JSON text, failing the test if it does not parse. */
JsonNode *lw_test_parse_json      (const char   *text);

/* Appends the texts of a view value that say something on their own: not
 * dates, labels of enumerations, names in names, or words under 5 bytes. */
void      lw_test_collect_distinctive (const LwViewValue *value,
                                       GHashTable        *names,
                                       GPtrArray         *out);
/* How many audit entries of that event there are; the detail of the last. */
/* Marks every attendance row of role at the meeting absent (or present). */
void      lw_test_set_role_absent     (LwStore      *store,
                                       LwId          meeting_id,
                                       LwRole        role,
                                       gboolean      absent);
guint     lw_test_count_audit_events  (LwStore      *store,
                                       LwAuditEvent  event,
                                       char        **last_detail);

/* SQL that takes out what migration 6 adds (the summaries the agenda's rules
 * read), to make a file of an earlier version. */
#define LW_TEST_SQL_WITHOUT_SUMMARIES \
  "DROP TRIGGER participant_summary_insert; DROP TRIGGER participant_summary_update;" \
  "DROP TRIGGER contact_summary_insert; DROP TRIGGER contact_summary_update; DROP TRIGGER contact_summary_delete;" \
  "DROP TRIGGER legal_matter_summary_insert; DROP TRIGGER legal_matter_summary_update;" \
  "DROP TRIGGER legal_matter_summary_delete;" \
  "DROP TRIGGER action_item_summary_insert; DROP TRIGGER action_item_summary_update;" \
  "DROP TRIGGER action_item_summary_delete;" \
  "DROP TRIGGER consent_summary_insert; DROP TRIGGER consent_summary_update; DROP TRIGGER consent_summary_delete;" \
  "DROP TRIGGER prosecution_note_summary_insert; DROP TRIGGER prosecution_note_summary_update;" \
  "DROP TRIGGER prosecution_note_summary_delete;" \
  "DROP TABLE participant_summary; DROP TABLE participant_summary_stale;"

#define LW_TEST_PASSPHRASE "correct horse"

/* The process's minor page faults so far (getrusage): memory touched for
 * the first time costs one a page. */
long lw_test_minor_faults (void);

G_END_DECLS
