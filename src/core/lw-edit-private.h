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

#define FIELD(rec, col, T) ((T *) (gpointer) ((guint8 *) (rec) + (col)->offset))
#define CFIELD(rec, col, T) ((const T *) (gconstpointer) ((const guint8 *) (rec) + (col)->offset))

/* Longer text is refused: what a form or a CSV field holds, not a document. */
#define LW_EDIT_MAX_TEXT 16384

static inline gboolean
_lw_edit_is_sealed (const LwColumnInfo *column)
{
  return column->category != LW_CATEGORY_NONE;
}

static inline gboolean
_lw_edit_is_string (const LwColumnInfo *column)
{
  return column->type == LW_COLUMN_TEXT || column->type == LW_COLUMN_DATE;
}

/* Text the core keeps wiped: a field's value. */
typedef char *LwSecretText;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (LwSecretText, lw_secret_free, NULL)

/* Lookups shared by one edit or one whole import (lw-edit.c). */
typedef struct _LwEditCache LwEditCache;

struct _LwEditCache
{
  LwStore    *store;
  char       *today;
  GPtrArray  *people;        /* LwPerson, read once */
  GHashTable *codes;         /* participant code -> LwId (0: written in this batch) */
  GHashTable *case_numbers;  /* normalised case number -> LwId of its matter; read once */
  GHashTable *code_keys;     /* normalised participant code -> how many rows have it; read once */
  GHashTable *levels;        /* participant id -> LwLevel[LW_N_CATEGORIES] of levels_role */
  LwRole      levels_role;
};

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
/* How participant codes and case numbers are compared, so that two that only
 * look different are the same: compatibility forms folded (NFKC), case folded,
 * only letters and digits kept.  "CR 26-0142", "cr26‐0142" and "ＣＲ２６０１４２"
 * are all "cr260142"; "P-0001" and "p 0001" are "p0001". */
char        *_lw_edit_normalise_key  (const char *text);
GPtrArray   *_lw_edit_cache_people   (LwEditCache        *cache,
                                      GError            **error);

/* lw-edit-access.c */
const char  *_lw_edit_category_noun  (LwCategory          category);
LwId         _lw_edit_record_participant (LwStore         *store,
                                      gconstpointer       record);
/* Whether role may write what changes from stored (NULL: a new record) to
 * record; on refusal, the column (or NULL: the row) and the category the role
 * lacks. */
gboolean     _lw_edit_check_permission (LwEditCache       *cache,
                                      LwRole              role,
                                      gconstpointer       record,
                                      gconstpointer       stored,
                                      const LwColumnInfo **bad_column,
                                      LwCategory         *lacking);

/* Whether role may write each of columns of record (as it would be
 * written) and of stored (as it is), whatever their values. */
gboolean     _lw_edit_check_columns  (LwEditCache       *cache,
                                      LwRole              role,
                                      gconstpointer       record,
                                      gconstpointer       stored,
                                      const LwColumnInfo * const *columns,
                                      const LwColumnInfo **bad_column,
                                      LwCategory         *lacking);

/* lw-edit-fields.c */
/* Sets column of dest to a copy of its value in src. */
void         _lw_edit_copy_field     (gpointer            dest,
                                      gconstpointer       src,
                                      const LwColumnInfo *column);
gboolean     _lw_edit_field_equal    (gconstpointer       a,
                                      gconstpointer       b,
                                      const LwColumnInfo *column);
gboolean     _lw_edit_row_exists     (LwStore            *store,
                                      const LwTableInfo  *table,
                                      LwId                id);
gboolean     _lw_edit_text_is_acceptable (const LwColumnInfo *column,
                                      const char         *text);
gboolean     _lw_edit_find_member_id (LwEditCache        *cache,
                                      const char         *name,
                                      LwId               *out,
                                      GError            **error);

/* "As project manager, you may not …": the sentence of a refusal. */
char        *_lw_edit_refusal_message (LwRole             role,
                                      const LwTableInfo  *table,
                                      const LwColumnInfo *column,
                                      LwCategory          category);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwEditCache, _lw_edit_cache_free)

G_END_DECLS
