/* lw-import.h: a roster of participants from a CSV file, all rows or none
 *
 * The file is UTF-8 (an initial byte order mark is ignored), comma separated,
 * with fields quoted in double quotes where they hold commas, quotes or line
 * breaks (RFC 4180); it is parsed with libcsv.  The first row names the columns,
 * in any order, case-insensitive, spaces and hyphens read as underscores.
 * Columns (* required):
 *
 *   code *           the participant code, e.g. P-0142; unique in the file and
 *                    in the program
 *   legal_name *     text
 *   preferred_name   text
 *   aliases          text
 *   date_of_birth    YYYY-MM-DD
 *   referral_route * arrest-diversion, social-contact, community-referral
 *   referral_date    YYYY-MM-DD
 *   referrer         text
 *   status *         referred, intake-scheduled, active, inactive, exited
 *   status_changed   YYYY-MM-DD
 *   case_manager     the name of a workgroup member
 *   peer_worker      the name of a workgroup member
 *   last_contact     YYYY-MM-DD
 *   flagged          yes or no
 *   housing_status   unsheltered, shelter, transitional, permanent, unknown
 *                    (empty: unknown)
 *   housing_notes    text
 *   health_notes     text
 *   substance_use    text
 *   address          text
 *   neighbourhood    text
 *
 * Every row is checked before anything is written; if any row has a problem,
 * nothing is imported and every problem is reported with the line the row starts
 * on.  Problems never quote a value of the file other than a participant code
 * (codes are what the room may always see).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lw-store.h"

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

/* The column names above, in order; NULL-terminated. */
const char * const *lw_import_participant_columns (void);

/* Reads, checks and (unless dry_run, and only when no row has a problem) writes
 * the participants in one transaction with an LW_AUDIT_IMPORT entry.  Returns NULL
 * with error only when the import could not run (unreadable file, locked store,
 * a failed write); bad input is reported in the result's problems.
 *
 * With store NULL the file is only parsed and checked on its own (no duplicate
 * codes against a program, no member names): used by the fuzz target. */
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
