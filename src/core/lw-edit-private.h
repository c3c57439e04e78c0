/* lw-edit-private.h: what the CSV import shares with lw-edit.c
 *
 * An import writes many rows in one transaction with one audit entry; it
 * parses and checks each row exactly as the form does, with lookups (members,
 * codes, case numbers) read once for the whole file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lw/lw-edit.h"

G_BEGIN_DECLS

typedef struct _LwEditCache LwEditCache;

LwEditCache *_lw_edit_cache_new      (LwStore            *store);
void         _lw_edit_cache_free     (LwEditCache        *cache);
/* Remembers a record that is about to be written in the same batch, so that a
 * second row with the same code or case number is a duplicate too. */
void         _lw_edit_cache_add      (LwEditCache        *cache,
                                      gconstpointer       record);

/* lw_edit_set_field() without the field's label in the message (the import
 * names the column itself). */
gboolean     _lw_edit_parse_field    (LwEditCache        *cache,
                                      gpointer            record,
                                      const LwColumnInfo *column,
                                      const char         *text,
                                      GError            **error);
/* lw_edit_check() of a new record, then the core's own values set on it (the
 * date of the status).  No audit, no write. */
gboolean     _lw_edit_prepare_insert (LwEditCache        *cache,
                                      LwRole              role,
                                      gpointer            record,
                                      const LwColumnInfo **bad_column,
                                      GError            **error);
/* After contacts were written: the participant's last contact again. */
gboolean     _lw_edit_refresh_last_contact (LwStore      *store,
                                      LwId                participant_id,
                                      const char         *old_date,
                                      GError            **error);
/* Whether the text of column may run over several lines (notes). */
gboolean     _lw_edit_column_is_multiline (const LwColumnInfo *column);
/* How case numbers are compared: "CR 26-0142" is "cr260142". */
char        *_lw_edit_normalise_case_number (const char *text);
/* "As project manager, you may not …": the sentence of a refusal. */
char        *_lw_edit_refusal_message (LwRole             role,
                                      const LwTableInfo  *table,
                                      const LwColumnInfo *column,
                                      LwCategory          category);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwEditCache, _lw_edit_cache_free)

G_END_DECLS
