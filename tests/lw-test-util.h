/* lw-test-util.h: shared fixtures of the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lw/lw-store.h"

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

#define LW_TEST_PASSPHRASE "correct horse"

G_END_DECLS
