/* lw-edit-access.c: who may write what — the matrix, a participant's
 * releases, and what a record's free text is marked as concerning
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-edit"

#include "config.h"

#include "lw-i18n-private.h"
#include <inttypes.h>
#include <sodium.h>
#include <string.h>

#include "lw/lw-audit.h"
#include "lw/lw-edit.h"
#include "lw/lw-error.h"
#include "lw/lw-vault.h"
#include "lw-edit-private.h"
#include "lw-store-private.h"

/* ----------------------------------------------------------------------------
 * Who may write what
 */

static const struct
{
  const char *noun;   /* in a sentence */
} category_nouns[LW_N_CATEGORIES] = {
  [LW_CATEGORY_IDENTITY] = { N_("identity") },
  [LW_CATEGORY_STATUS] = { N_("program status") },
  [LW_CATEGORY_PLAN] = { N_("the plan") },
  [LW_CATEGORY_HOUSING] = { N_("housing") },
  [LW_CATEGORY_HEALTH] = { N_("health") },
  [LW_CATEGORY_SUBSTANCE_USE] = { N_("substance-use treatment") },
  [LW_CATEGORY_LEGAL] = { N_("legal matters") },
  [LW_CATEGORY_PROSECUTION] = { N_("prosecution") },
  [LW_CATEGORY_CARE_NOTES] = { N_("care notes") },
  [LW_CATEGORY_LOCATION] = { N_("location") },
};

const char *
_lw_edit_category_noun (LwCategory category)
{
  if (category < 0 || category >= LW_N_CATEGORIES)
    return "";
  return _(category_nouns[category].noun);
}

/* Goals, contacts, action items and agenda items whose free text is marked as
 * concerning health or treatment are shown whole or not at all. */
static gboolean
table_has_marker (const LwTableInfo *table)
{
  return table == &lw_plan_goal_table || table == &lw_contact_table ||
         table == &lw_action_item_table || table == &lw_agenda_item_table;
}

static LwCategory
marked_category (gconstpointer record)
{
  const LwTableInfo *table = LW_RECORD (record)->table;
  LwCategory category;

  if (!table_has_marker (table))
    return LW_CATEGORY_NONE;
  category = lw_model_text_category (record);
  if (category == LW_CATEGORY_HEALTH || category == LW_CATEGORY_SUBSTANCE_USE)
    return category;
  return LW_CATEGORY_NONE;
}

static void
matrix_levels (LwStore *store,
               LwRole   role,
               LwLevel  levels[LW_N_CATEGORIES])
{
  LwPolicyMatrix matrix;

  lw_policy_load_matrix (store, &matrix);
  for (int c = 0; c < LW_N_CATEGORIES; c++)
    levels[c] = matrix.cells[role][c] == LW_LEVEL_FULL ? LW_LEVEL_FULL : MIN (matrix.cells[role][c], LW_LEVEL_SUMMARY);
}

/* The category that a role lacks to create a row of table, or
 * LW_CATEGORY_NONE when it may. */
static LwCategory
create_blocker (const LwTableInfo *table,
                const LwLevel      levels[LW_N_CATEGORIES])
{
  gboolean any_sealed = FALSE, any_required = FALSE;

  for (guint i = 0; i < table->n_columns; i++)
    if (_lw_edit_is_sealed (&table->columns[i]))
      {
        any_sealed = TRUE;
        any_required |= (table->columns[i].flags & LW_COLUMN_REQUIRED) != 0;
      }
  if (!any_sealed)
    return levels[LW_CATEGORY_STATUS] == LW_LEVEL_FULL ? LW_CATEGORY_NONE : LW_CATEGORY_STATUS;
  for (guint i = 0; i < table->n_columns; i++)
    {
      const LwColumnInfo *column = &table->columns[i];

      if (!_lw_edit_is_sealed (column) || (any_required && !(column->flags & LW_COLUMN_REQUIRED)))
        continue;
      if (levels[column->category] != LW_LEVEL_FULL)
        return column->category;
    }
  return LW_CATEGORY_NONE;
}

/* The category a role lacks to write column of record at levels, or
 * LW_CATEGORY_NONE.  column NULL: every sealed column. */
static LwCategory
write_blocker (gconstpointer       record,
               const LwTableInfo  *table,
               const LwColumnInfo *column,
               const LwLevel       levels[LW_N_CATEGORIES])
{
  LwCategory marked = record ? marked_category (record) : LW_CATEGORY_NONE;

  if (marked != LW_CATEGORY_NONE && levels[marked] != LW_LEVEL_FULL)
    return marked;
  if (column == NULL)
    {
      for (guint i = 0; i < table->n_columns; i++)
        if (_lw_edit_is_sealed (&table->columns[i]) && levels[table->columns[i].category] != LW_LEVEL_FULL)
          return table->columns[i].category;
      return create_blocker (table, levels);
    }
  if (_lw_edit_is_sealed (column))
    return levels[column->category] == LW_LEVEL_FULL ? LW_CATEGORY_NONE : column->category;
  return create_blocker (table, levels);
}

gboolean
lw_edit_role_may_write (LwStore            *store,
                        LwRole              role,
                        const LwTableInfo  *table,
                        const LwColumnInfo *column)
{
  LwLevel levels[LW_N_CATEGORIES];

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (role >= 0 && role < LW_N_ROLES, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);

  matrix_levels (store, role, levels);
  return write_blocker (NULL, table, column, levels) == LW_CATEGORY_NONE;
}

gboolean
lw_edit_role_may_create (LwStore           *store,
                         LwRole             role,
                         const LwTableInfo *table)
{
  LwLevel levels[LW_N_CATEGORIES];

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (role >= 0 && role < LW_N_ROLES, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);

  matrix_levels (store, role, levels);
  return create_blocker (table, levels) == LW_CATEGORY_NONE;
}

/* The participant a record is about, or 0. */
LwId
_lw_edit_record_participant (LwStore       *store,
                    gconstpointer  record)
{
  const LwTableInfo *table = LW_RECORD (record)->table;
  const LwColumnInfo *column;

  if (table == &lw_participant_table)
    return LW_RECORD (record)->id;
  if (table == &lw_prosecution_note_table)
    {
      g_autoptr(LwLegalMatter) matter = NULL;

      if (((const LwProsecutionNote *) record)->legal_matter_id == 0)
        return 0;
      matter = lw_store_get (store, &lw_legal_matter_table,
                             ((const LwProsecutionNote *) record)->legal_matter_id, NULL);
      return matter ? matter->participant_id : 0;
    }
  column = lw_table_find_column (table, "participant_id");
  return column ? *CFIELD (record, column, gint64) : 0;
}

/* The role's levels for the record's participant (its releases resolved);
 * everything none when they cannot be read (fail closed). */
static const LwLevel *
record_levels (LwEditCache   *cache,
               LwRole         role,
               gconstpointer  record)
{
  LwId participant_id = _lw_edit_record_participant (cache->store, record);
  LwLevel *levels;

  if (cache->levels_role != role)
    {
      g_hash_table_remove_all (cache->levels);
      cache->levels_role = role;
    }
  levels = g_hash_table_lookup (cache->levels, &participant_id);
  if (levels == NULL)
    {
      g_autoptr(LwAudience) audience = lw_audience_new_for_roles (LW_ROLE_BIT (role));

      levels = g_new0 (LwLevel, LW_N_CATEGORIES);
      if (!lw_policy_get_levels (cache->store, audience, participant_id, levels, NULL))
        for (int c = 0; c < LW_N_CATEGORIES; c++)
          levels[c] = LW_LEVEL_NONE;
      g_hash_table_insert (cache->levels, g_memdup2 (&participant_id, sizeof participant_id), levels);
    }
  return levels;
}

/* A member of a substance-use treatment program is named on participants'
 * records by role alone where treatment is not seen at full (42 CFR Part 2):
 * a change of their agency would let the name show, and one of their role
 * could pick them out.  The category a role lacks to change column of such a
 * member as stored, or LW_CATEGORY_NONE. */
static LwCategory
member_blocker (LwEditCache        *cache,
                gconstpointer       stored,
                const LwColumnInfo *column,
                const LwLevel       levels[LW_N_CATEGORIES])
{
  g_auto(GStrv) part2 = NULL;

  if (stored == NULL || LW_RECORD (stored)->table != &lw_person_table ||
      levels[LW_CATEGORY_SUBSTANCE_USE] == LW_LEVEL_FULL)
    return LW_CATEGORY_NONE;
  /* the row as a whole (to delete or restore it) is named on no record */
  if (column == NULL || (!g_str_equal (column->name, "role") && !g_str_equal (column->name, "agency")))
    return LW_CATEGORY_NONE;
  part2 = lw_policy_get_part2_agencies (cache->store);
  return lw_policy_agency_in ((const char * const *) part2, ((const LwPerson *) stored)->agency)
         ? LW_CATEGORY_SUBSTANCE_USE : LW_CATEGORY_NONE;
}

/* Whether column of record names a member of a substance-use treatment
 * program, to a role that does not see treatment at full for the record's
 * participant: lw_policy_person_label() names such a member by role alone, so
 * neither the member's number nor a change of who it is may show either. */
static gboolean
names_treatment_staff (LwEditCache        *cache,
                       gconstpointer       record,
                       const LwColumnInfo *column,
                       const LwLevel       levels[LW_N_CATEGORIES])
{
  g_autoptr(LwPerson) person = NULL;
  g_auto(GStrv) part2 = NULL;
  LwId id;

  if (record == NULL || column == NULL || column->type != LW_COLUMN_REF ||
      g_strcmp0 (column->ref_table, "person") != 0 || levels[LW_CATEGORY_SUBSTANCE_USE] == LW_LEVEL_FULL)
    return FALSE;
  id = *CFIELD (record, column, gint64);
  if (id == 0 || (person = lw_store_get (cache->store, &lw_person_table, id, NULL)) == NULL)
    return FALSE;
  part2 = lw_policy_get_part2_agencies (cache->store);
  return lw_policy_agency_in ((const char * const *) part2, person->agency);
}

gboolean
lw_edit_record_may_write (LwStore            *store,
                          LwRole              role,
                          gconstpointer       record,
                          const LwColumnInfo *column)
{
  g_autoptr(LwEditCache) cache = NULL;
  const LwLevel *levels;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (role >= 0 && role < LW_N_ROLES, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  cache = _lw_edit_cache_new (store);
  levels = record_levels (cache, role, record);
  return write_blocker (record, LW_RECORD (record)->table, column, levels) == LW_CATEGORY_NONE &&
         (LW_RECORD (record)->id == 0 ||
          (member_blocker (cache, record, column, levels) == LW_CATEGORY_NONE &&
           !names_treatment_staff (cache, record, column, levels)));
}

gboolean
lw_edit_record_may_see (LwStore            *store,
                        LwRole              role,
                        gconstpointer       record,
                        const LwColumnInfo *column)
{
  g_autoptr(LwEditCache) cache = NULL;
  const LwLevel *levels;
  LwCategory marked;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (role >= 0 && role < LW_N_ROLES, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (column != NULL, FALSE);

  cache = _lw_edit_cache_new (store);
  levels = record_levels (cache, role, record);
  marked = marked_category (record);
  if (marked != LW_CATEGORY_NONE && levels[marked] != LW_LEVEL_FULL)
    return FALSE;
  if (names_treatment_staff (cache, record, column, levels))
    return FALSE;
  return !_lw_edit_is_sealed (column) || levels[column->category] == LW_LEVEL_FULL;
}

char *
_lw_edit_refusal_message (LwRole              role,
                          const LwTableInfo  *table,
                          const LwColumnInfo *column,
                          LwCategory          category)
{
  g_autofree char *role_label = g_utf8_strdown (lw_role_to_label (role), -1);

  if (column != NULL)
    return g_strdup_printf (_("As %s, you may not write %s (“%s”): it takes a role that sees %s in full. Nothing was saved."),
                            role_label, _lw_edit_category_noun (category), _(column->label), _lw_edit_category_noun (category));
  g_autofree char *table_label = g_utf8_strdown (_(table->label), -1);

  return g_strdup_printf (_("As %s, you may not write this %s: it takes a role that sees %s in full. Nothing was saved."),
                          role_label, table_label, _lw_edit_category_noun (category));
}

/* Whether role may write what changes from stored (NULL: a new record, from
 * the defaults of a new one) to record.  On refusal, the column and the
 * category that role lacks. */
gboolean
_lw_edit_check_permission (LwEditCache         *cache,
                  LwRole               role,
                  gconstpointer        record,
                  gconstpointer        stored,
                  const LwColumnInfo **bad_column,
                  LwCategory          *lacking)
{
  const LwTableInfo *table = LW_RECORD (record)->table;
  const LwLevel *levels = record_levels (cache, role, record);
  g_autoptr(LwRecord) defaults = NULL;
  const LwLevel *old_levels = NULL;
  gconstpointer before = stored;
  LwCategory blocked;

  *bad_column = NULL;
  if (stored == NULL)
    {
      /* the row itself */
      blocked = create_blocker (table, levels);
      if (blocked != LW_CATEGORY_NONE)
        {
          *lacking = blocked;
          return FALSE;
        }
      defaults = lw_edit_record_new (table);
      before = defaults;
    }
  else
    old_levels = record_levels (cache, role, stored);

  for (guint i = 0; i < table->n_columns; i++)
    {
      const LwColumnInfo *column = &table->columns[i];

      if (_lw_edit_field_equal (record, before, column))
        continue;
      blocked = write_blocker (record, table, column, levels);
      if (blocked == LW_CATEGORY_NONE && old_levels != NULL)
        blocked = write_blocker (stored, table, column, old_levels);
      if (blocked == LW_CATEGORY_NONE && old_levels != NULL)
        blocked = member_blocker (cache, stored, column, old_levels);
      if (blocked == LW_CATEGORY_NONE && old_levels != NULL &&
          names_treatment_staff (cache, stored, column, old_levels))
        blocked = LW_CATEGORY_SUBSTANCE_USE;
      if (blocked != LW_CATEGORY_NONE)
        {
          *bad_column = column;
          *lacking = blocked;
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
_lw_edit_check_columns (LwEditCache                *cache,
                        LwRole                      role,
                        gconstpointer               record,
                        gconstpointer               stored,
                        const LwColumnInfo * const *columns,
                        const LwColumnInfo        **bad_column,
                        LwCategory                 *lacking)
{
  const LwTableInfo *table = LW_RECORD (record)->table;
  const LwLevel *levels = record_levels (cache, role, record);
  const LwLevel *old_levels = record_levels (cache, role, stored);

  *bad_column = NULL;
  for (guint i = 0; columns[i] != NULL; i++)
    {
      LwCategory blocked = write_blocker (record, table, columns[i], levels);

      if (blocked == LW_CATEGORY_NONE)
        blocked = write_blocker (stored, table, columns[i], old_levels);
      if (blocked == LW_CATEGORY_NONE)
        blocked = member_blocker (cache, stored, columns[i], old_levels);
      if (blocked == LW_CATEGORY_NONE && names_treatment_staff (cache, stored, columns[i], old_levels))
        blocked = LW_CATEGORY_SUBSTANCE_USE;
      if (blocked != LW_CATEGORY_NONE)
        {
          *bad_column = columns[i];
          *lacking = blocked;
          return FALSE;
        }
    }
  return TRUE;
}
