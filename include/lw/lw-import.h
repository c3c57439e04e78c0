/* lw-import.h: records from a CSV file, all rows or none
 *
 * The file is UTF-8 (an initial byte order mark is ignored), comma separated,
 * with fields quoted in double quotes where they hold commas, quotes or line
 * breaks (RFC 4180); it is parsed with libcsv.  The first row names the columns,
 * in any order, case-insensitive, spaces and hyphens read as underscores; a
 * column goes by its name ("legal_name", "case_manager") or by its label in
 * English or Spanish ("Legal name", "Nombre legal"), as an export writes it.
 * The redisclosure notice an export adds ("part2_notice") is read and ignored,
 * as is the apostrophe an export puts before a cell a spreadsheet would run as
 * a formula.
 *
 * Each kind of file holds the columns of its record form (lw_edit_form_columns
 * ()); values are read as the form reads them (lw_edit_set_field (): keys or
 * labels, members by name, participants by code) and every row is checked as
 * the form checks it.  Required columns (lw_import_columns () lists them
 * first):
 *
 *   participants  code, legal_name, referral_route, status (also status_changed
 *                 and last_contact, which an export writes)
 *   members       name, role
 *   consents      participant, categories, signed_date
 *   matters       participant, case_number
 *   contacts      participant, date, kind
 *
 * (participant: the participant's code; the header may also say "code".)
 *
 * Every row is checked before anything is written; if any row has a problem,
 * nothing is imported and every problem is reported with the line the row starts
 * on.  Problems never quote a value of the file other than a participant code
 * (codes are what the room may always see).  The role importing must be allowed
 * to write every column that holds a value (else the file is refused and the
 * attempt audited as write-refused); an import is written in one transaction
 * with one LW_AUDIT_IMPORT entry.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lw-store.h"
#include "lw-types.h"

G_BEGIN_DECLS

/* Files larger than this are refused before parsing. */
#define LW_IMPORT_MAX_BYTES (64 * 1024 * 1024)
/* A longer field is a problem of its row. */
#define LW_IMPORT_MAX_FIELD 16384

typedef struct
{
  guint  line;      /* line the row starts on (1 is the header); 0: the whole file */
  char  *message;   /* what is wrong and how to fix it */
} LwImportProblem;

typedef struct
{
  guint      n_rows;      /* data rows read */
  guint      n_imported;  /* rows written: 0 on a dry run or when there is a problem */
  gboolean   dry_run;
  GPtrArray *problems;    /* LwImportProblem, in line order */
} LwImportResult;

typedef enum
{
  LW_IMPORT_PARTICIPANTS,
  LW_IMPORT_MEMBERS,
  LW_IMPORT_CONSENTS,
  LW_IMPORT_MATTERS,
  LW_IMPORT_CONTACTS,
  LW_N_IMPORT_KINDS
} LwImportKind;

/* "participants", "members", "consents", "matters", "contacts"; -1 when
 * unknown. */
const char        *lw_import_kind_to_string   (LwImportKind  kind);
int                lw_import_kind_from_string (const char   *name);
const LwTableInfo *lw_import_kind_table       (LwImportKind  kind);
/* The columns a file of that kind may have, the required ones first;
 * NULL-terminated, free with g_strfreev(). */
char             **lw_import_columns          (LwImportKind  kind);

/* The participant columns, in table order; NULL-terminated. */
const char * const *lw_import_participant_columns (void);

/* Reads, checks and (unless dry_run, and only when no row has a problem) writes
 * the records as role.  Returns NULL with error only when the import could not
 * run (unreadable file, locked store, a failed write); bad input is reported in
 * the result's problems.
 *
 * With store NULL the file is only parsed and checked on its own (no duplicate
 * codes against a program, no member names): used by the fuzz target. */
LwImportResult *lw_import_from_data              (LwStore      *store,
                                                  LwImportKind  kind,
                                                  LwRole        role,
                                                  const void   *data,
                                                  gsize         len,
                                                  gboolean      dry_run,
                                                  GError      **error);
LwImportResult *lw_import_file                   (LwStore      *store,
                                                  LwImportKind  kind,
                                                  LwRole        role,
                                                  const char   *path,
                                                  gboolean      dry_run,
                                                  GError      **error);
/* Participants, as the project manager. */
LwImportResult *lw_import_participants           (LwStore     *store,
                                                  const char  *path,
                                                  gboolean     dry_run,
                                                  GError     **error);
LwImportResult *lw_import_participants_from_data (LwStore     *store,
                                                  const void  *data,
                                                  gsize        len,
                                                  gboolean     dry_run,
                                                  GError     **error);
void            lw_import_result_free            (LwImportResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwImportResult, lw_import_result_free)

G_END_DECLS
