/* lw-edit.c: creating, editing and deleting records as the role at the keyboard may
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

#define FIELD(rec, col, T) ((T *) (gpointer) ((guint8 *) (rec) + (col)->offset))
#define CFIELD(rec, col, T) ((const T *) (gconstpointer) ((const guint8 *) (rec) + (col)->offset))

/* Longer text is refused: what a form or a CSV field holds, not a document. */
#define MAX_TEXT 16384

static inline gboolean
is_sealed (const LwColumnInfo *column)
{
  return column->category != LW_CATEGORY_NONE;
}

static inline gboolean
is_string (const LwColumnInfo *column)
{
  return column->type == LW_COLUMN_TEXT || column->type == LW_COLUMN_DATE;
}

/* Text the core keeps wiped: a field's value. */
typedef char *SecretText;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (SecretText, lw_secret_free, NULL)

/* ----------------------------------------------------------------------------
 * Lookups shared by one edit or one whole import
 */

struct _LwEditCache
{
  LwStore    *store;
  char       *today;
  GPtrArray  *people;        /* LwPerson, read once */
  GHashTable *codes;         /* participant code -> LwId (0: written in this batch) */
  GHashTable *case_numbers;  /* normalised case number -> LwId of its matter; read once */
  GHashTable *levels;        /* participant id -> LwLevel[LW_N_CATEGORIES] of levels_role */
  LwRole      levels_role;
};

LwEditCache *
_lw_edit_cache_new (LwStore *store)
{
  LwEditCache *cache = g_new0 (LwEditCache, 1);

  cache->store = store;
  cache->today = lw_date_today ();
  cache->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cache->levels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  cache->levels_role = -1;
  return cache;
}

void
_lw_edit_cache_free (LwEditCache *cache)
{
  if (cache == NULL)
    return;
  g_free (cache->today);
  g_clear_pointer (&cache->people, g_ptr_array_unref);
  g_clear_pointer (&cache->codes, g_hash_table_unref);
  g_clear_pointer (&cache->case_numbers, g_hash_table_unref);
  g_clear_pointer (&cache->levels, g_hash_table_unref);
  g_free (cache);
}

static GPtrArray *
cache_people (LwEditCache *cache,
              GError     **error)
{
  if (cache->people == NULL)
    cache->people = lw_store_list (cache->store, &lw_person_table, NULL, 0, error);
  return cache->people;
}

static const LwPerson *
cache_person (LwEditCache *cache,
              LwId         id)
{
  GPtrArray *people = cache_people (cache, NULL);

  for (guint i = 0; people != NULL && i < people->len; i++)
    if (((LwPerson *) g_ptr_array_index (people, i))->id == id)
      return g_ptr_array_index (people, i);
  return NULL;
}

/* Whether the member id has one of two roles (a member that does not exist
 * has none). */
static gboolean
member_has_role (LwEditCache *cache,
                 LwId         id,
                 LwRole       role,
                 LwRole       other)
{
  const LwPerson *person = cache_person (cache, id);

  return person != NULL && (person->role == role || person->role == other);
}

/* Case numbers compare without case, spaces or punctuation: "CR 26-0142" is
 * "cr260142". */
char *
_lw_edit_normalise_case_number (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *s = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

static GHashTable *
cache_case_numbers (LwEditCache *cache,
                    GError     **error)
{
  if (cache->case_numbers == NULL)
    {
      g_autoptr(GPtrArray) matters = lw_store_list (cache->store, &lw_legal_matter_table, NULL, 0, error);

      if (matters == NULL)
        return NULL;
      cache->case_numbers = g_hash_table_new_full (g_str_hash, g_str_equal, lw_secret_free, NULL);
      for (guint i = 0; i < matters->len; i++)
        {
          const LwLegalMatter *m = g_ptr_array_index (matters, i);

          if (m->case_number != NULL)
            g_hash_table_insert (cache->case_numbers, _lw_edit_normalise_case_number (m->case_number),
                                 GSIZE_TO_POINTER ((gsize) m->id));
        }
    }
  return cache->case_numbers;
}

void
_lw_edit_cache_add (LwEditCache  *cache,
                    gconstpointer record)
{
  const LwTableInfo *table = LW_RECORD (record)->table;

  if (table == &lw_participant_table && ((const LwParticipant *) record)->code != NULL)
    g_hash_table_insert (cache->codes, g_strdup (((const LwParticipant *) record)->code),
                         GSIZE_TO_POINTER ((gsize) LW_RECORD (record)->id));
  else if (table == &lw_legal_matter_table && ((const LwLegalMatter *) record)->case_number != NULL &&
           cache_case_numbers (cache, NULL) != NULL)
    g_hash_table_insert (cache->case_numbers,
                         _lw_edit_normalise_case_number (((const LwLegalMatter *) record)->case_number),
                         GSIZE_TO_POINTER ((gsize) LW_RECORD (record)->id));
  else if (table == &lw_person_table)
    g_clear_pointer (&cache->people, g_ptr_array_unref);
}

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

static const char *
category_noun (LwCategory category)
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
    if (is_sealed (&table->columns[i]))
      {
        any_sealed = TRUE;
        any_required |= (table->columns[i].flags & LW_COLUMN_REQUIRED) != 0;
      }
  if (!any_sealed)
    return levels[LW_CATEGORY_STATUS] == LW_LEVEL_FULL ? LW_CATEGORY_NONE : LW_CATEGORY_STATUS;
  for (guint i = 0; i < table->n_columns; i++)
    {
      const LwColumnInfo *column = &table->columns[i];

      if (!is_sealed (column) || (any_required && !(column->flags & LW_COLUMN_REQUIRED)))
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
        if (is_sealed (&table->columns[i]) && levels[table->columns[i].category] != LW_LEVEL_FULL)
          return table->columns[i].category;
      return create_blocker (table, levels);
    }
  if (is_sealed (column))
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
static LwId
record_participant (LwStore       *store,
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
  LwId participant_id = record_participant (cache->store, record);
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

gboolean
lw_edit_record_may_write (LwStore            *store,
                          LwRole              role,
                          gconstpointer       record,
                          const LwColumnInfo *column)
{
  g_autoptr(LwEditCache) cache = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (role >= 0 && role < LW_N_ROLES, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  cache = _lw_edit_cache_new (store);
  return write_blocker (record, LW_RECORD (record)->table, column,
                        record_levels (cache, role, record)) == LW_CATEGORY_NONE;
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
  return !is_sealed (column) || levels[column->category] == LW_LEVEL_FULL;
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
                            role_label, category_noun (category), _(column->label), category_noun (category));
  g_autofree char *table_label = g_utf8_strdown (_(table->label), -1);

  return g_strdup_printf (_("As %s, you may not write this %s: it takes a role that sees %s in full. Nothing was saved."),
                          role_label, table_label, category_noun (category));
}

/* ----------------------------------------------------------------------------
 * Records
 */

gpointer
lw_edit_record_new (const LwTableInfo *table)
{
  gpointer record;

  g_return_val_if_fail (table != NULL, NULL);

  record = lw_record_new (table);
  if (table == &lw_person_table)
    ((LwPerson *) record)->active = TRUE;
  else if (table == &lw_participant_table)
    {
      ((LwParticipant *) record)->status = LW_STATUS_REFERRED;
      ((LwParticipant *) record)->housing_status = LW_HOUSING_UNKNOWN;
    }
  else if (table == &lw_contact_table)
    ((LwContact *) record)->date = lw_date_today ();
  return record;
}

static gboolean
field_equal (gconstpointer       a,
             gconstpointer       b,
             const LwColumnInfo *column)
{
  switch (column->type)
    {
    case LW_COLUMN_TEXT:
    case LW_COLUMN_DATE:
      {
        const char *x = *CFIELD (a, column, char *);
        const char *y = *CFIELD (b, column, char *);

        /* unset and empty are the same to a person */
        return g_strcmp0 (x && *x ? x : NULL, y && *y ? y : NULL) == 0;
      }
    case LW_COLUMN_BOOL:
      return !*CFIELD (a, column, gboolean) == !*CFIELD (b, column, gboolean);
    case LW_COLUMN_ENUM:
      return *CFIELD (a, column, int) == *CFIELD (b, column, int);
    default:
      return *CFIELD (a, column, gint64) == *CFIELD (b, column, gint64);
    }
}

const LwColumnInfo **
lw_edit_form_columns (const LwTableInfo *table,
                      guint             *n_columns)
{
  GPtrArray *columns;

  g_return_val_if_fail (table != NULL, NULL);

  columns = g_ptr_array_new ();
  for (guint i = 0; i < table->n_columns; i++)
    {
      const LwColumnInfo *column = &table->columns[i];

      if (column->flags & (LW_COLUMN_DERIVED | LW_COLUMN_PARENT) || column->type == LW_COLUMN_TIME)
        continue;
      g_ptr_array_add (columns, (gpointer) column);
    }
  if (n_columns != NULL)
    *n_columns = columns->len;
  g_ptr_array_add (columns, NULL);
  return (const LwColumnInfo **) g_ptr_array_free (columns, FALSE);
}

char *
lw_edit_record_title (LwStore       *store,
                      gconstpointer  record)
{
  const LwTableInfo *table;
  LwId participant_id;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (record != NULL, NULL);

  table = LW_RECORD (record)->table;
  if (table == &lw_participant_table && ((const LwParticipant *) record)->code != NULL)
    return g_strdup_printf (_("Participant %s"), ((const LwParticipant *) record)->code);
  if (table == &lw_person_table && ((const LwPerson *) record)->name != NULL)
    return g_strdup_printf (_("Member %s"), ((const LwPerson *) record)->name);
  participant_id = table == &lw_participant_table ? 0 : record_participant (store, record);
  if (participant_id != 0)
    {
      g_autoptr(LwParticipant) p = lw_store_get (store, &lw_participant_table, participant_id, NULL);

      if (p != NULL && p->code != NULL)
        return g_strdup_printf (_("%s %" PRId64 " of %s"), _(table->label), LW_RECORD (record)->id, p->code);
    }
  return g_strdup_printf (_("%s %" PRId64), _(table->label), LW_RECORD (record)->id);
}

/* ----------------------------------------------------------------------------
 * Parsing what a person types
 */

/* Columns whose text may run over several lines. */
gboolean
_lw_edit_column_is_multiline (const LwColumnInfo *column)
{
  static const char * const names[] = {
    "note", "notes", "housing_notes", "health_notes", "substance_use", "text", "outcome",
    "planned_response", "reason", "exit_reason", NULL
  };

  return g_strv_contains (names, column->name);
}

static gboolean
text_is_acceptable (const LwColumnInfo *column,
                    const char         *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  if (!_lw_edit_column_is_multiline (column))
    return lw_text_is_plain (text);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      char one[8] = { 0 };

      if (*p == '\n' || *p == '\r' || *p == '\t')
        continue;
      memcpy (one, p, g_utf8_next_char (p) - p);
      if (!lw_text_is_plain (one))
        return FALSE;
    }
  return TRUE;
}

/* Lower case, with spaces and underscores as hyphens: the form keys are
 * compared in. */
static char *
normalise_key (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  char *folded = g_utf8_casefold (stripped, -1);

  for (char *c = folded; *c; c++)
    if (*c == ' ' || *c == '_')
      *c = '-';
  return folded;
}

static int
parse_enum (const LwEnumInfo *info,
            const char       *text)
{
  g_autofree char *key = normalise_key (text);
  const char * const *languages = lw_i18n_get_languages ();

  for (int i = 0; i < info->n; i++)
    {
      g_autofree char *name = normalise_key (info->names[i]);

      if (g_str_equal (name, key))
        return i;
    }
  /* labels, as an export writes them, in every language of the program */
  for (guint k = 0; languages[k] != NULL; k++)
    {
      const char *previous = lw_i18n_push (languages[k]);
      int found = -1;

      for (int i = 0; i < info->n && found < 0; i++)
        {
          g_autofree char *label = normalise_key (lw_enum_to_label (info, i));

          if (g_str_equal (label, key))
            found = i;
        }
      lw_i18n_pop (previous);
      if (found >= 0)
        return found;
    }
  return -1;
}

static char *
enum_choices (const LwEnumInfo *info)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < info->n; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      g_string_append (s, info->names[i]);
    }
  return g_string_free (s, FALSE);
}

static gboolean
parse_bool (const char *text,
            gboolean   *out)
{
  static const char * const yes[] = { "true", "yes", "y", "1", "sí", "si", NULL };
  static const char * const no[] = { "false", "no", "n", "0", NULL };
  g_autofree char *key = normalise_key (text);
  const char * const *languages = lw_i18n_get_languages ();

  if (g_strv_contains (yes, key))
    return (*out = TRUE, TRUE);
  if (g_strv_contains (no, key))
    return (*out = FALSE, TRUE);
  for (guint k = 0; languages[k] != NULL; k++)
    {
      const char *previous = lw_i18n_push (languages[k]);
      g_autofree char *y = normalise_key (_("yes"));
      g_autofree char *n = normalise_key (_("no"));

      lw_i18n_pop (previous);
      if (g_str_equal (key, y))
        return (*out = TRUE, TRUE);
      if (g_str_equal (key, n))
        return (*out = FALSE, TRUE);
    }
  return FALSE;
}

static gboolean
parse_id (const char *text,
          LwId       *out)
{
  guint64 v;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &v, NULL))
    return FALSE;
  *out = (LwId) v;
  return TRUE;
}

static gboolean
parse_categories (const char *text,
                  gint64     *out)
{
  g_auto(GStrv) parts = g_strsplit_set (text, ",;", -1);
  const char * const *languages = lw_i18n_get_languages ();
  gint64 mask = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *key = normalise_key (parts[i]);
      int found = -1;

      if (*key == '\0')
        continue;
      for (int c = 0; c < LW_N_CATEGORIES && found < 0; c++)
        {
          g_autofree char *name = normalise_key (lw_category_to_string (c));

          if (g_str_equal (key, name))
            found = c;
        }
      if (found < 0 && (g_str_equal (key, "treatment") || g_str_equal (key, "substance-use-treatment")))
        found = LW_CATEGORY_SUBSTANCE_USE;
      for (guint k = 0; languages[k] != NULL && found < 0; k++)
        {
          const char *previous = lw_i18n_push (languages[k]);

          for (int c = 0; c < LW_N_CATEGORIES && found < 0; c++)
            {
              g_autofree char *noun = normalise_key (category_noun (c));

              if (g_str_equal (key, noun))
                found = c;
            }
          lw_i18n_pop (previous);
        }
      if (found < 0)
        return FALSE;
      mask |= LW_CATEGORY_BIT (found);
    }
  *out = mask;
  return TRUE;
}

static gboolean
is_categories (const LwColumnInfo *column)
{
  return column->type == LW_COLUMN_INT && g_str_equal (column->name, "categories");
}

static gboolean
find_member (LwEditCache *cache,
             const char  *name,
             LwId        *out,
             GError     **error)
{
  GPtrArray *people = cache_people (cache, error);
  g_autofree char *key = NULL;
  LwId found = 0;

  if (people == NULL)
    return FALSE;
  key = g_utf8_casefold (name, -1);
  g_strstrip (key);
  for (guint i = 0; i < people->len; i++)
    {
      const LwPerson *person = g_ptr_array_index (people, i);
      g_autofree char *other = g_utf8_casefold (person->name ? person->name : "", -1);

      g_strstrip (other);
      if (!g_str_equal (key, other))
        continue;
      if (found != 0)
        {
          g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                       _("two workgroup members have that name; give the member’s number instead (see “member list”)"));
          return FALSE;
        }
      found = person->id;
    }
  if (found == 0)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("no workgroup member has that name; add the member first, or check the spelling"));
      return FALSE;
    }
  *out = found;
  return TRUE;
}

static gboolean
find_participant (LwEditCache *cache,
                  const char  *code,
                  LwId        *out,
                  GError     **error)
{
  g_autofree char *upper = g_ascii_strup (code, -1);
  const char *tries[] = { code, upper };
  gpointer found;

  for (guint i = 0; i < G_N_ELEMENTS (tries); i++)
    {
      g_autoptr(LwParticipant) p = NULL;
      g_autoptr(GError) local = NULL;

      if (g_hash_table_lookup_extended (cache->codes, tries[i], NULL, &found) && found != NULL)
        {
          *out = (LwId) GPOINTER_TO_SIZE (found);
          return TRUE;
        }
      p = lw_participant_find_by_code (cache->store, tries[i], &local);
      if (p != NULL)
        {
          g_hash_table_insert (cache->codes, g_strdup (p->code), GSIZE_TO_POINTER ((gsize) p->id));
          *out = p->id;
          return TRUE;
        }
      if (!g_error_matches (local, LW_ERROR, LW_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
  g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
               _("no participant has that code; check it, for example P-0012"));
  return FALSE;
}

static gboolean
row_exists (LwStore           *store,
            const LwTableInfo *table,
            LwId               id)
{
  gpointer row = lw_store_get (store, table, id, NULL);

  if (row == NULL)
    return FALSE;
  lw_record_free (row);
  return TRUE;
}

gboolean
_lw_edit_parse_field (LwEditCache        *cache,
                      gpointer            record,
                      const LwColumnInfo *column,
                      const char         *text,
                      GError            **error)
{
  g_auto(SecretText) value = NULL;

  g_return_val_if_fail (cache != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (column != NULL, FALSE);

  if (text != NULL)
    {
      value = g_strstrip (g_strdup (text));
      if (*value == '\0')
        g_clear_pointer (&value, lw_secret_free);
    }
  if (value != NULL && strlen (value) > MAX_TEXT)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("longer than %u bytes; shorten it"), (guint) MAX_TEXT);
      return FALSE;
    }
  if (value != NULL && !text_is_acceptable (column, value))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("not valid UTF-8 text, or it holds a control character; type it as plain text"));
      return FALSE;
    }

  switch (column->type)
    {
    case LW_COLUMN_TEXT:
      g_clear_pointer (FIELD (record, column, char *), is_sealed (column) ? lw_secret_free : g_free);
      *FIELD (record, column, char *) = g_steal_pointer (&value);
      return TRUE;

    case LW_COLUMN_DATE:
      if (value != NULL && !lw_date_is_valid (value))
        {
          g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                       _("not a date; write it as YYYY-MM-DD, for example 2026-03-31"));
          return FALSE;
        }
      g_clear_pointer (FIELD (record, column, char *), is_sealed (column) ? lw_secret_free : g_free);
      *FIELD (record, column, char *) = g_steal_pointer (&value);
      return TRUE;

    case LW_COLUMN_BOOL:
      {
        gboolean v = FALSE;

        if (value != NULL && !parse_bool (value, &v))
          {
            g_set_error (error, LW_ERROR, LW_ERROR_INVALID, _("write yes or no"));
            return FALSE;
          }
        *FIELD (record, column, gboolean) = v;
        return TRUE;
      }

    case LW_COLUMN_ENUM:
      {
        int v = value ? parse_enum (column->enum_info, value) : -1;

        if (v < 0 && value != NULL)
          {
            g_autofree char *choices = enum_choices (column->enum_info);

            g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                         _("not a known value; expected one of: %s"), choices);
            return FALSE;
          }
        if (v < 0 && (column->flags & LW_COLUMN_REQUIRED))
          {
            g_autofree char *choices = enum_choices (column->enum_info);

            g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                         _("is required; give one of: %s"), choices);
            return FALSE;
          }
        *FIELD (record, column, int) = v;
        return TRUE;
      }

    case LW_COLUMN_REF:
      {
        LwId id = 0;
        const LwTableInfo *target = lw_store_find_table (column->ref_table);

        if (value == NULL)
          {
            *FIELD (record, column, gint64) = 0;
            return TRUE;
          }
        if (parse_id (value, &id))
          {
            if (!row_exists (cache->store, target, id))
              {
                g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                             _("no %s has that number; check it"), _(target->label));
                return FALSE;
              }
          }
        else if (target == &lw_person_table)
          {
            if (!find_member (cache, value, &id, error))
              return FALSE;
          }
        else if (target == &lw_participant_table)
          {
            if (!find_participant (cache, value, &id, error))
              return FALSE;
          }
        else
          {
            g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                         _("give the number of the %s"), _(target->label));
            return FALSE;
          }
        *FIELD (record, column, gint64) = id;
        return TRUE;
      }

    case LW_COLUMN_INT:
      {
        gint64 v = 0;

        if (value != NULL && is_categories (column))
          {
            if (!parse_categories (value, &v))
              {
                g_autofree char *choices = g_strjoin (", ", "identity", "status", "plan", "housing",
                                                      "health", "substance_use", "legal", "prosecution",
                                                      "care_notes", "location", NULL);

                g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                             _("not a list of categories; give some of %s, separated by commas"), choices);
                return FALSE;
              }
          }
        else if (value != NULL && !g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &v, NULL))
          {
            g_set_error (error, LW_ERROR, LW_ERROR_INVALID, _("write a whole number"));
            return FALSE;
          }
        *FIELD (record, column, gint64) = v;
        return TRUE;
      }

    case LW_COLUMN_TIME:
      {
        g_autoptr(GDateTime) dt = NULL;
        g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

        if (value != NULL && (dt = g_date_time_new_from_iso8601 (value, utc)) == NULL)
          {
            g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                         _("not a time; write it as 2026-03-31T14:05:00Z"));
            return FALSE;
          }
        *FIELD (record, column, gint64) = dt ? g_date_time_to_unix (dt) * G_USEC_PER_SEC : 0;
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

gboolean
lw_edit_set_field (LwStore            *store,
                   gpointer            record,
                   const LwColumnInfo *column,
                   const char         *text,
                   GError            **error)
{
  g_autoptr(LwEditCache) cache = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (column != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  cache = _lw_edit_cache_new (store);
  if (!_lw_edit_parse_field (cache, record, column, text, error))
    {
      g_prefix_error (error, "%s: ", _(column->label));
      return FALSE;
    }
  return TRUE;
}

char *
lw_edit_field_to_text (LwStore            *store,
                       gconstpointer       record,
                       const LwColumnInfo *column,
                       gboolean            labels)
{
  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (column != NULL, NULL);

  switch (column->type)
    {
    case LW_COLUMN_BOOL:
      if (labels)
        return g_strdup (*CFIELD (record, column, gboolean) ? _("yes") : _("no"));
      return g_strdup (*CFIELD (record, column, gboolean) ? "yes" : "no");
    case LW_COLUMN_ENUM:
      {
        int v = *CFIELD (record, column, int);

        return g_strdup (labels ? lw_enum_to_label (column->enum_info, v)
                                : lw_enum_to_string (column->enum_info, v));
      }
    case LW_COLUMN_REF:
      {
        LwId id = *CFIELD (record, column, gint64);

        if (id == 0)
          return NULL;
        if (g_str_equal (column->ref_table, "person"))
          {
            g_autoptr(LwPerson) person = lw_store_get (store, &lw_person_table, id, NULL);

            if (person != NULL && person->name != NULL)
              return g_strdup (person->name);
          }
        else if (g_str_equal (column->ref_table, "participant"))
          {
            g_autoptr(LwParticipant) p = lw_store_get (store, &lw_participant_table, id, NULL);

            if (p != NULL && p->code != NULL)
              return g_strdup (p->code);
          }
        return g_strdup_printf ("%" G_GINT64_FORMAT, id);
      }
    case LW_COLUMN_INT:
      if (is_categories (column))
        {
          gint64 mask = *CFIELD (record, column, gint64);
          GString *s = g_string_new (NULL);

          for (int c = 0; c < LW_N_CATEGORIES; c++)
            if (mask & LW_CATEGORY_BIT (c))
              {
                if (s->len > 0)
                  g_string_append (s, ",");
                g_string_append (s, lw_category_to_string (c));
              }
          if (s->len == 0)
            return (g_string_free (s, TRUE), NULL);
          return g_string_free (s, FALSE);
        }
      return lw_record_get_string (record, column);
    default:
      return lw_record_get_string (record, column);
    }
}

/* ----------------------------------------------------------------------------
 * Checks
 */

static gboolean
fail_at (const LwColumnInfo  *column,
         const LwColumnInfo **bad_column,
         GError             **error,
         LwError              code,
         const char          *format,
         ...) G_GNUC_PRINTF (5, 6);

static gboolean
fail_at (const LwColumnInfo  *column,
         const LwColumnInfo **bad_column,
         GError             **error,
         LwError              code,
         const char          *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (bad_column != NULL)
    *bad_column = column;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, LW_ERROR, code, message);
  return FALSE;
}

static const LwColumnInfo *
column_named (const LwTableInfo *table,
              const char        *name)
{
  const LwColumnInfo *column = lw_table_find_column (table, name);

  g_assert (column != NULL);
  return column;
}

/* Whether role may write what changes from stored (NULL: a new record, from
 * the defaults of a new one) to record.  On refusal, the column and the
 * category that role lacks. */
static gboolean
check_permission (LwEditCache         *cache,
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

      if (field_equal (record, before, column))
        continue;
      blocked = write_blocker (record, table, column, levels);
      if (blocked == LW_CATEGORY_NONE && old_levels != NULL)
        blocked = write_blocker (stored, table, column, old_levels);
      if (blocked != LW_CATEGORY_NONE)
        {
          *bad_column = column;
          *lacking = blocked;
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
changed (gconstpointer       record,
         gconstpointer       stored,
         const LwColumnInfo *column)
{
  return stored == NULL || !field_equal (record, stored, column);
}

/* Checks that do not depend on the role.  stored is NULL for a new record. */
static gboolean
check_values (LwEditCache         *cache,
              gconstpointer        record,
              gconstpointer        stored,
              const LwColumnInfo **bad_column,
              GError             **error)
{
  const LwTableInfo *table = LW_RECORD (record)->table;
  const char *today = cache->today;

  for (guint i = 0; i < table->n_columns; i++)
    {
      const LwColumnInfo *column = &table->columns[i];
      gboolean required = (column->flags & LW_COLUMN_REQUIRED) != 0;

      switch (column->type)
        {
        case LW_COLUMN_TEXT:
          {
            const char *v = *CFIELD (record, column, char *);
            g_auto(SecretText) stripped = v ? g_strstrip (g_strdup (v)) : NULL;

            if (required && (stripped == NULL || *stripped == '\0'))
              return fail_at (column, bad_column, error, LW_ERROR_INVALID,
                              _("%s is required; fill it in"), _(column->label));
            if (v != NULL && (strlen (v) > MAX_TEXT || !text_is_acceptable (column, v)))
              return fail_at (column, bad_column, error, LW_ERROR_INVALID,
                              _("%s: not valid UTF-8 text, or it holds a control character; type it as plain text"),
                              _(column->label));
          }
          break;
        case LW_COLUMN_DATE:
          {
            const char *v = *CFIELD (record, column, char *);

            if (required && v == NULL)
              return fail_at (column, bad_column, error, LW_ERROR_INVALID,
                              _("%s is required; give a date as YYYY-MM-DD"), _(column->label));
            if (v != NULL && !lw_date_is_valid (v))
              return fail_at (column, bad_column, error, LW_ERROR_INVALID,
                              _("%s: not a date; write it as YYYY-MM-DD, for example 2026-03-31"),
                              _(column->label));
          }
          break;
        case LW_COLUMN_ENUM:
          {
            int v = *CFIELD (record, column, int);

            if (v >= column->enum_info->n || v < (required ? 0 : -1))
              return fail_at (column, bad_column, error, LW_ERROR_INVALID,
                              _("%s: pick one of the values offered"), _(column->label));
          }
          break;
        case LW_COLUMN_REF:
          {
            LwId v = *CFIELD (record, column, gint64);
            const LwTableInfo *target = lw_store_find_table (column->ref_table);

            if (required && v == 0)
              return fail_at (column, bad_column, error, LW_ERROR_INVALID,
                              _("%s is required; fill it in"), _(column->label));
            if (v == 0 || !changed (record, stored, column))
              break;
            if (target == &lw_person_table)
              {
                const LwPerson *person = cache_person (cache, v);

                if (person == NULL)
                  return fail_at (column, bad_column, error, LW_ERROR_INVALID,
                                  _("%s: no such workgroup member; pick a member of the workgroup"),
                                  _(column->label));
                if (!person->active)
                  return fail_at (column, bad_column, error, LW_ERROR_INVALID,
                                  _("%s: that member is no longer active; pick an active member"),
                                  _(column->label));
              }
            else if (!row_exists (cache->store, target, v))
              return fail_at (column, bad_column, error, LW_ERROR_INVALID,
                              _("%s: the record it names does not exist (any more)"), _(column->label));
          }
          break;
        default:
          break;
        }
    }

  if (table == &lw_participant_table)
    {
      const LwParticipant *p = record;
      const LwParticipant *old = stored;

      if (changed (record, stored, column_named (table, "code")))
        {
          gpointer found;
          g_autoptr(LwParticipant) other = NULL;
          g_autoptr(GError) local = NULL;

          if (g_hash_table_lookup_extended (cache->codes, p->code, NULL, &found) &&
              (found == NULL || (LwId) GPOINTER_TO_SIZE (found) != p->id))
            return fail_at (column_named (table, "code"), bad_column, error, LW_ERROR_EXISTS,
                            _("The code %s is taken; give another one"), p->code);
          other = lw_participant_find_by_code (cache->store, p->code, &local);
          if (other != NULL && other->id != p->id)
            return fail_at (column_named (table, "code"), bad_column, error, LW_ERROR_EXISTS,
                            _("The code %s is taken; give another one"), p->code);
        }
      if (p->date_of_birth != NULL && changed (record, stored, column_named (table, "date_of_birth")) &&
          g_strcmp0 (p->date_of_birth, today) > 0)
        return fail_at (column_named (table, "date_of_birth"), bad_column, error, LW_ERROR_INVALID,
                        _("%s: the date is in the future; check it"), _("Date of birth"));
      if (p->status == LW_STATUS_EXITED && (old == NULL || old->status != LW_STATUS_EXITED) &&
          (p->exit_reason == NULL || *p->exit_reason == '\0'))
        return fail_at (column_named (table, "exit_reason"), bad_column, error, LW_ERROR_INVALID,
                        _("%s: say why the participant left the program"), _("Exit reason"));
    }
  else if (table == &lw_contact_table)
    {
      const LwContact *c = record;

      if (c->date != NULL && changed (record, stored, column_named (table, "date")) &&
          g_strcmp0 (c->date, today) > 0)
        return fail_at (column_named (table, "date"), bad_column, error, LW_ERROR_INVALID,
                        _("%s: a contact cannot be in the future (today is %s); log it once it has happened"),
                        _("Date"), today);
    }
  else if (table == &lw_consent_table)
    {
      const LwConsent *c = record;

      if (c->recipient_role < 0 && (c->recipient_agency == NULL || *c->recipient_agency == '\0'))
        return fail_at (column_named (table, "recipient_role"), bad_column, error, LW_ERROR_INVALID,
                        _("%s: say who may receive the information: a role, an agency, or a role at an agency"),
                        _("Recipient role"));
      if (c->categories == 0)
        return fail_at (column_named (table, "categories"), bad_column, error, LW_ERROR_INVALID,
                        _("%s: name at least one category the release covers"), _("Categories released"));
      if (c->categories & ~((G_GINT64_CONSTANT (1) << LW_N_CATEGORIES) - 1))
        return fail_at (column_named (table, "categories"), bad_column, error, LW_ERROR_INVALID,
                        _("%s: pick one of the values offered"), _("Categories released"));
      if (c->signed_date == NULL)
        return fail_at (column_named (table, "signed_date"), bad_column, error, LW_ERROR_INVALID,
                        _("%s is required; give the date the release was signed"), _("Signed"));
      if (c->expires != NULL && g_strcmp0 (c->expires, c->signed_date) < 0)
        return fail_at (column_named (table, "expires"), bad_column, error, LW_ERROR_INVALID,
                        _("%s: a release cannot expire before it was signed; check both dates"), _("Expires"));
      if (c->revoked != NULL && g_strcmp0 (c->revoked, c->signed_date) < 0)
        return fail_at (column_named (table, "revoked"), bad_column, error, LW_ERROR_INVALID,
                        _("%s: a release cannot be revoked before it was signed; check both dates"), _("Revoked"));
    }
  /* appended, never edited: their rules hold for a new one (an edit is
   * refused as such by lw_edit_update ()) */
  else if (table == &lw_prosecution_note_table && stored == NULL)
    {
      const LwProsecutionNote *n = record;

      if (n->date != NULL && g_strcmp0 (n->date, today) > 0)
        return fail_at (column_named (table, "date"), bad_column, error, LW_ERROR_INVALID,
                        _("%s: a position cannot be dated after today (%s); record it once it is taken"),
                        _("Date"), today);
      if (n->text == NULL || *n->text == '\0')
        return fail_at (column_named (table, "text"), bad_column, error, LW_ERROR_INVALID,
                        _("%s is required; say what the position is and why"), _("Note"));
      if (n->author_id != 0 && !member_has_role (cache, n->author_id, LW_ROLE_PROSECUTOR, LW_ROLE_PUBLIC_DEFENDER))
        return fail_at (column_named (table, "author_id"), bad_column, error, LW_ERROR_INVALID,
                        _("%s: a position is written by a prosecutor or a public defender; pick one"),
                        _("Author"));
    }
  else if (table == &lw_diversion_decision_table && stored == NULL)
    {
      const LwDiversionDecision *d = record;

      if (d->date != NULL && g_strcmp0 (d->date, today) > 0)
        return fail_at (column_named (table, "date"), bad_column, error, LW_ERROR_INVALID,
                        _("%s: a decision cannot be dated after today (%s); record it once it is made"),
                        _("Date"), today);
      if (d->officer_id == 0)
        return fail_at (column_named (table, "officer_id"), bad_column, error, LW_ERROR_INVALID,
                        _("%s is required; name the officer who decided"), _("Officer"));
      if (!member_has_role (cache, d->officer_id, LW_ROLE_POLICE_OFFICER, LW_ROLE_POLICE_SERGEANT))
        return fail_at (column_named (table, "officer_id"), bad_column, error, LW_ERROR_INVALID,
                        _("%s: a diversion decision is made by a police officer or sergeant; pick one"),
                        _("Officer"));
      if (d->diverted && !d->eligible)
        return fail_at (column_named (table, "diverted"), bad_column, error, LW_ERROR_INVALID,
                        _("%s: only an eligible person can be diverted; check both answers"), _("Diverted"));
      if (!d->diverted && (d->reason == NULL || *d->reason == '\0'))
        return fail_at (column_named (table, "reason"), bad_column, error, LW_ERROR_INVALID,
                        _("%s is required when the person was not diverted; say why"), _("Reason"));
    }
  else if (table == &lw_community_concern_table)
    {
      const LwCommunityConcern *c = record;

      if (c->date != NULL && changed (record, stored, column_named (table, "date")) &&
          g_strcmp0 (c->date, today) > 0)
        return fail_at (column_named (table, "date"), bad_column, error, LW_ERROR_INVALID,
                        _("%s: a concern cannot be raised after today (%s); check the date"),
                        _("Date"), today);
      if (c->status != LW_CONCERN_OPEN && (c->response == NULL || *c->response == '\0'))
        return fail_at (column_named (table, "response"), bad_column, error, LW_ERROR_INVALID,
                        _("%s: say what was done before the concern is marked responded or closed"),
                        _("Response"));
    }
  else if (table == &lw_legal_matter_table)
    {
      const LwLegalMatter *m = record;

      if (m->case_number != NULL && changed (record, stored, column_named (table, "case_number")))
        {
          GHashTable *numbers = cache_case_numbers (cache, error);
          g_autofree char *key = NULL;
          gpointer found;

          if (numbers == NULL)
            return FALSE;
          key = _lw_edit_normalise_case_number (m->case_number);
          if (*key != '\0' && g_hash_table_lookup_extended (numbers, key, NULL, &found) &&
              (found == NULL || (LwId) GPOINTER_TO_SIZE (found) != m->id))
            {
              sodium_memzero (key, strlen (key));
              return fail_at (column_named (table, "case_number"), bad_column, error, LW_ERROR_EXISTS,
                              _("%s: another legal matter already has this case number; edit that one instead"),
                              _("Case number"));
            }
          sodium_memzero (key, strlen (key));
        }
    }
  return TRUE;
}

/* The core's own values: the date of a status change, an exit reason that
 * no longer applies, an action item's time stamps. */
static void
apply_rules (LwEditCache   *cache,
             gpointer       record,
             gconstpointer  stored)
{
  const LwTableInfo *table = LW_RECORD (record)->table;

  if (table == &lw_participant_table)
    {
      LwParticipant *p = record;
      const LwParticipant *old = stored;

      if (old == NULL && p->status_changed == NULL)
        p->status_changed = g_strdup (p->status == LW_STATUS_REFERRED && p->referral_date
                                      ? p->referral_date : cache->today);
      else if (old != NULL && old->status != p->status &&
               g_strcmp0 (old->status_changed, p->status_changed) == 0)
        {
          lw_secret_free (p->status_changed);
          p->status_changed = g_strdup (cache->today);
        }
      if (old != NULL && old->status == LW_STATUS_EXITED && p->status != LW_STATUS_EXITED)
        g_clear_pointer (&p->exit_reason, lw_secret_free);
    }
  else if (table == &lw_community_concern_table)
    {
      LwCommunityConcern *c = record;

      /* open → responded → closed: each step dated the day it is taken, and
       * a step taken back forgets its date */
      if (c->status == LW_CONCERN_OPEN)
        {
          g_clear_pointer (&c->responded_date, g_free);
          g_clear_pointer (&c->closed_date, g_free);
        }
      else
        {
          if (c->responded_date == NULL)
            c->responded_date = g_strdup (cache->today);
          if (c->status != LW_CONCERN_CLOSED)
            g_clear_pointer (&c->closed_date, g_free);
          else if (c->closed_date == NULL)
            c->closed_date = g_strdup (cache->today);
        }
    }
  else if (table == &lw_action_item_table)
    {
      LwActionItem *a = record;
      const LwActionItem *old = stored;

      if (a->created_at == 0)
        a->created_at = g_get_real_time ();
      if (a->status == LW_ACTION_OPEN)
        a->closed_at = 0;
      else if (a->closed_at == 0 || (old != NULL && old->status == LW_ACTION_OPEN))
        a->closed_at = g_get_real_time ();
    }
}

static gboolean
check_all (LwEditCache         *cache,
           LwRole               role,
           gconstpointer        record,
           gconstpointer        stored,
           const LwColumnInfo **bad_column,
           LwCategory          *lacking,
           GError             **error)
{
  const LwColumnInfo *bad = NULL;

  *lacking = LW_CATEGORY_NONE;
  if (!check_permission (cache, role, record, stored, &bad, lacking))
    {
      g_autofree char *message = _lw_edit_refusal_message (role, LW_RECORD (record)->table, bad, *lacking);

      if (bad_column != NULL)
        *bad_column = bad;
      g_set_error_literal (error, LW_ERROR, LW_ERROR_DENIED, message);
      return FALSE;
    }
  return check_values (cache, record, stored, bad_column, error);
}

gboolean
lw_edit_check (LwStore             *store,
               LwRole               role,
               gconstpointer        record,
               const LwColumnInfo **bad_column,
               GError             **error)
{
  g_autoptr(LwEditCache) cache = NULL;
  g_autoptr(LwRecord) stored = NULL;
  g_autoptr(LwRecord) copy = NULL;
  LwCategory lacking;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (role >= 0 && role < LW_N_ROLES, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (bad_column != NULL)
    *bad_column = NULL;
  cache = _lw_edit_cache_new (store);
  if (LW_RECORD (record)->id != 0)
    {
      stored = lw_store_get (store, LW_RECORD (record)->table, LW_RECORD (record)->id, error);
      if (stored == NULL)
        return FALSE;
    }
  copy = lw_record_copy (record);
  apply_rules (cache, copy, stored);
  return check_all (cache, role, copy, stored, bad_column, &lacking, error);
}

gboolean
_lw_edit_prepare_insert (LwEditCache         *cache,
                         LwRole               role,
                         gpointer             record,
                         const LwColumnInfo **bad_column,
                         GError             **error)
{
  LwCategory lacking;

  g_return_val_if_fail (cache != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (bad_column != NULL)
    *bad_column = NULL;
  apply_rules (cache, record, NULL);
  return check_all (cache, role, record, NULL, bad_column, &lacking, error);
}

/* ----------------------------------------------------------------------------
 * Writing
 */

static char *
audit_detail (const LwTableInfo *table,
              LwId               id,
              LwRole             role)
{
  return g_strdup_printf ("table=%s id=%" G_GINT64_FORMAT " role=%s",
                          table->name, id, lw_role_to_string (role));
}

/* A refusal by role: nothing was written (the caller rolled back), the entry
 * says who tried what. */
static void
audit_refusal (LwStore           *store,
               const char        *what,
               const LwTableInfo *table,
               LwId               id,
               LwRole             role,
               LwCategory         category)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = g_strdup_printf ("%s table=%s id=%" G_GINT64_FORMAT " role=%s category=%s",
                                             what, table->name, id, lw_role_to_string (role),
                                             category >= 0 ? lw_category_to_string (category) : "none");

  if (!lw_audit_append (store, LW_AUDIT_WRITE_REFUSED, detail, &error))
    g_debug ("The refusal could not be audited: %s", error->message);
}

gboolean
_lw_edit_refresh_last_contact (LwStore     *store,
                               LwId         participant_id,
                               const char  *old_date,
                               GError     **error)
{
  g_autoptr(LwParticipant) p = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  const char *newest = NULL;

  if (participant_id == 0)
    return TRUE;
  p = lw_store_get (store, &lw_participant_table, participant_id, error);
  if (p == NULL)
    return FALSE;
  contacts = lw_model_list_for (store, &lw_contact_table, participant_id, error);
  if (contacts == NULL)
    return FALSE;
  /* a last contact that did not come from the contact that changed stays a
   * candidate (it may have been imported with no log behind it) */
  if (p->last_contact != NULL && g_strcmp0 (p->last_contact, old_date) != 0)
    newest = p->last_contact;
  for (guint i = 0; i < contacts->len; i++)
    {
      const LwContact *c = g_ptr_array_index (contacts, i);

      /* an attempt that reached nobody is not a contact */
      if (c->kind == LW_CONTACT_ATTEMPTED || c->date == NULL)
        continue;
      if (newest == NULL || strcmp (c->date, newest) > 0)
        newest = c->date;
    }
  if (g_strcmp0 (newest, p->last_contact) == 0)
    return TRUE;
  {
    char *value = g_strdup (newest);

    lw_secret_free (p->last_contact);
    p->last_contact = value;
  }
  return lw_store_update (store, p, error);
}

/* The date a contact counted for its participant's last contact, or NULL. */
static const char *
reached_date (gconstpointer record)
{
  const LwContact *c = record;

  if (record == NULL || LW_RECORD (record)->table != &lw_contact_table || c->kind == LW_CONTACT_ATTEMPTED)
    return NULL;
  return c->date;
}

static gboolean
after_write (LwStore       *store,
             gconstpointer  record,
             gconstpointer  before,
             GError       **error)
{
  const LwContact *now = record;
  const LwContact *was = before;
  gconstpointer any = record != NULL ? record : before;

  if (any == NULL || LW_RECORD (any)->table != &lw_contact_table)
    return TRUE;
  if (was != NULL && (now == NULL || was->participant_id != now->participant_id))
    {
      if (!_lw_edit_refresh_last_contact (store, was->participant_id, reached_date (was), error))
        return FALSE;
      was = NULL;
    }
  if (now != NULL)
    return _lw_edit_refresh_last_contact (store, now->participant_id,
                                          was != NULL ? reached_date (was) : NULL, error);
  return TRUE;
}

gboolean
lw_edit_insert (LwStore             *store,
                LwRole               role,
                gpointer             record,
                const LwColumnInfo **bad_column,
                GError             **error)
{
  g_autoptr(LwEditCache) cache = NULL;
  g_autoptr(LwRecord) copy = NULL;
  g_autofree char *detail = NULL;
  const LwTableInfo *table;
  LwCategory lacking;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (role >= 0 && role < LW_N_ROLES, FALSE);
  g_return_val_if_fail (record != NULL && LW_RECORD (record)->id == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  table = LW_RECORD (record)->table;
  if (bad_column != NULL)
    *bad_column = NULL;
  if (!lw_store_is_unlocked (store))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_LOCKED, _("The program is locked; unlock it first."));
      return FALSE;
    }

  cache = _lw_edit_cache_new (store);
  copy = lw_record_copy (record);
  if (!lw_store_begin (store, error))
    return FALSE;
  apply_rules (cache, copy, NULL);
  if (!check_all (cache, role, copy, NULL, bad_column, &lacking, error))
    {
      lw_store_rollback (store);
      if (lacking != LW_CATEGORY_NONE)
        audit_refusal (store, "create", table, 0, role, lacking);
      return FALSE;
    }
  if (!lw_store_insert (store, copy, error) ||
      !after_write (store, copy, NULL, error))
    goto fail;
  detail = audit_detail (table, copy->id, role);
  if (!lw_audit_append (store, LW_AUDIT_RECORD_CREATE, detail, error) ||
      !lw_store_commit (store, error))
    goto fail;

  /* the caller's record gets what the core set: its id, the date of its status */
  for (guint i = 0; i < table->n_columns; i++)
    {
      const LwColumnInfo *column = &table->columns[i];

      if (is_string (column))
        {
          char **field = FIELD (record, column, char *);

          if (is_sealed (column))
            lw_secret_free (*field);
          else
            g_free (*field);
          *field = g_strdup (*CFIELD (copy, column, char *));
        }
      else
        memcpy ((guint8 *) record + column->offset, (const guint8 *) copy + column->offset,
                column->type == LW_COLUMN_ENUM ? sizeof (int) :
                column->type == LW_COLUMN_BOOL ? sizeof (gboolean) : sizeof (gint64));
    }
  LW_RECORD (record)->id = copy->id;
  return TRUE;

fail:
  lw_store_rollback (store);
  return FALSE;
}

gboolean
lw_edit_update (LwStore             *store,
                LwRole               role,
                gconstpointer        record,
                const LwColumnInfo **bad_column,
                GError             **error)
{
  g_autoptr(LwEditCache) cache = NULL;
  g_autoptr(LwRecord) stored = NULL;
  g_autoptr(LwRecord) copy = NULL;
  g_autofree char *detail = NULL;
  const LwTableInfo *table;
  LwCategory lacking;
  gboolean any = FALSE;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (role >= 0 && role < LW_N_ROLES, FALSE);
  g_return_val_if_fail (record != NULL && LW_RECORD (record)->id > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  table = LW_RECORD (record)->table;
  if (bad_column != NULL)
    *bad_column = NULL;
  if (!lw_store_is_unlocked (store))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_LOCKED, _("The program is locked; unlock it first."));
      return FALSE;
    }

  cache = _lw_edit_cache_new (store);
  if (!lw_store_begin (store, error))
    return FALSE;
  stored = lw_store_get (store, table, LW_RECORD (record)->id, error);
  if (stored == NULL)
    goto fail;
  copy = lw_record_copy (record);
  apply_rules (cache, copy, stored);
  for (guint i = 0; i < table->n_columns && !any; i++)
    any = !field_equal (copy, stored, &table->columns[i]);
  if (!any)
    {
      lw_store_rollback (store);
      return TRUE;
    }
  if (!check_all (cache, role, copy, stored, bad_column, &lacking, error))
    {
      lw_store_rollback (store);
      if (lacking != LW_CATEGORY_NONE)
        audit_refusal (store, "edit", table, copy->id, role, lacking);
      return FALSE;
    }
  if (table == &lw_prosecution_note_table || table == &lw_diversion_decision_table)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_IN_USE,
                   table == &lw_prosecution_note_table
                   ? _("A prosecution note is kept as it was written; add a new note instead")
                   : _("A diversion decision is kept as it was recorded; record a new decision instead"));
      goto fail;
    }
  if (!lw_store_update (store, copy, error) ||
      !after_write (store, copy, stored, error))
    goto fail;
  detail = audit_detail (table, copy->id, role);
  if (!lw_audit_append (store, LW_AUDIT_RECORD_EDIT, detail, error) ||
      !lw_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  lw_store_rollback (store);
  return FALSE;
}

/* ----------------------------------------------------------------------------
 * Deleting, and undoing it
 */

typedef struct
{
  const LwTableInfo  *table;
  const LwColumnInfo *column;
  guint               n;
} Referrer;

/* Rows of other tables that name table's row id; the first table that does,
 * with how many. */
static gboolean
find_referrer (LwStore           *store,
               const LwTableInfo *table,
               LwId               id,
               Referrer          *out,
               GError           **error)
{
  const LwTableInfo * const *tables;
  guint n_tables;

  memset (out, 0, sizeof *out);
  tables = lw_store_tables (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    for (guint i = 0; i < tables[t]->n_columns; i++)
      {
        const LwColumnInfo *column = &tables[t]->columns[i];
        g_autoptr(GPtrArray) rows = NULL;
        guint n = 0;

        if (column->type != LW_COLUMN_REF || !g_str_equal (column->ref_table, table->name))
          continue;
        rows = is_sealed (column)
               ? lw_store_list (store, tables[t], NULL, 0, error)
               : lw_store_list (store, tables[t], column->name, id, error);
        if (rows == NULL)
          return FALSE;
        for (guint r = 0; r < rows->len; r++)
          {
            gconstpointer row = g_ptr_array_index (rows, r);

            if (*CFIELD (row, column, gint64) == id && !(tables[t] == table && LW_RECORD (row)->id == id))
              n++;
          }
        if (n > 0 && out->n == 0)
          {
            out->table = tables[t];
            out->column = column;
            out->n = n;
          }
      }
  return TRUE;
}

/* Why the row must stay, as a sentence, or NULL when it may go. */
static char *
history_reason (LwStore       *store,
                gconstpointer  record,
                const char    *today,
                GError       **error)
{
  const LwTableInfo *table = LW_RECORD (record)->table;
  Referrer ref;

  if (table == &lw_prosecution_note_table)
    return g_strdup (_("A prosecution note is part of the record of coordinated prosecution; it stays. Add a new note instead."));
  if (table == &lw_diversion_decision_table)
    return g_strdup (_("A diversion decision is part of the record of discretion; it stays. Record a new decision instead."));
  if (table == &lw_consent_table)
    {
      const LwConsent *c = record;

      if (c->signed_date != NULL && strcmp (c->signed_date, today) <= 0)
        return g_strdup (_("This release has been in effect: it stays as the record of what it allowed. Revoke it instead."));
    }
  if (table == &lw_meeting_table && ((const LwMeeting *) record)->status != LW_MEETING_DRAFT)
    return g_strdup (_("This meeting has been held (or is being held); its record stays."));
  if (table == &lw_attendance_table || table == &lw_agenda_item_table || table == &lw_action_item_table)
    {
      LwId meeting_id = *CFIELD (record, lw_table_find_column (table, "meeting_id"), gint64);
      g_autoptr(LwMeeting) meeting = meeting_id ? lw_store_get (store, &lw_meeting_table, meeting_id, NULL) : NULL;

      if (meeting != NULL && meeting->status != LW_MEETING_DRAFT)
        return g_strdup (table == &lw_action_item_table
                         ? _("This action item was agreed at a meeting that has been held; mark it dropped instead.")
                         : _("This belongs to a meeting that has been held; its record stays."));
      if (table == &lw_action_item_table && ((const LwActionItem *) record)->carried_over > 0)
        return g_strdup (_("This action item has been carried over from meeting to meeting; mark it dropped instead."));
    }

  if (!find_referrer (store, table, LW_RECORD (record)->id, &ref, error))
    return NULL;
  if (ref.n == 0)
    return NULL;
  if (table == &lw_person_table)
    {
      if (ref.table == &lw_action_item_table)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "This member owns %u action item; deactivate the member instead.",
                                             "This member owns %u action items; deactivate the member instead.",
                                             ref.n), ref.n);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "This member is named on %u record (%s); deactivate the member instead.",
                                           "This member is named on %u records (%s); deactivate the member instead.",
                                           ref.n), ref.n, _(ref.table->label));
    }
  if (table == &lw_participant_table)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "This participant has %u record (%s) that depends on them; set the status to exited instead.",
                                         "This participant has %u records (%s) that depend on them; set the status to exited instead.",
                                         ref.n), ref.n, _(ref.table->label));
  if (table == &lw_legal_matter_table && ref.table == &lw_prosecution_note_table)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "This legal matter has %u prosecution note; it stays. Change its status instead.",
                                         "This legal matter has %u prosecution notes; it stays. Change its status instead.",
                                         ref.n), ref.n);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u other record (%s) refers to this one; it stays.",
                                       "%u other records (%s) refer to this one; it stays.",
                                       ref.n), ref.n, _(ref.table->label));
}

/* Whether role may write every set column of record (to delete or restore it). */
static gboolean
may_write_whole (LwEditCache         *cache,
                 LwRole               role,
                 gconstpointer        record,
                 const LwColumnInfo **bad_column,
                 LwCategory          *lacking)
{
  return check_permission (cache, role, record, NULL, bad_column, lacking);
}

gboolean
lw_edit_delete (LwStore            *store,
                LwRole              role,
                const LwTableInfo  *table,
                LwId                id,
                gpointer           *deleted,
                GError            **error)
{
  g_autoptr(LwEditCache) cache = NULL;
  g_autoptr(LwRecord) record = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(GError) local = NULL;
  const LwColumnInfo *bad = NULL;
  LwCategory lacking = LW_CATEGORY_NONE;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (role >= 0 && role < LW_N_ROLES, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (deleted != NULL)
    *deleted = NULL;
  if (!lw_store_is_unlocked (store))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_LOCKED, _("The program is locked; unlock it first."));
      return FALSE;
    }
  cache = _lw_edit_cache_new (store);
  if (!lw_store_begin (store, error))
    return FALSE;
  record = lw_store_get (store, table, id, error);
  if (record == NULL)
    goto fail;
  if (!may_write_whole (cache, role, record, &bad, &lacking))
    {
      g_autofree char *message = _lw_edit_refusal_message (role, table, bad, lacking);

      lw_store_rollback (store);
      audit_refusal (store, "delete", table, id, role, lacking);
      g_set_error_literal (error, LW_ERROR, LW_ERROR_DENIED, message);
      return FALSE;
    }
  reason = history_reason (store, record, cache->today, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto fail;
    }
  if (reason != NULL)
    {
      g_set_error_literal (error, LW_ERROR, LW_ERROR_IN_USE, reason);
      goto fail;
    }
  if (!lw_store_delete (store, table, id, error) ||
      !after_write (store, NULL, record, error))
    goto fail;
  detail = audit_detail (table, id, role);
  if (!lw_audit_append (store, LW_AUDIT_RECORD_DELETE, detail, error) ||
      !lw_store_commit (store, error))
    goto fail;
  if (deleted != NULL)
    *deleted = g_steal_pointer (&record);
  return TRUE;

fail:
  lw_store_rollback (store);
  return FALSE;
}

gboolean
lw_edit_restore (LwStore       *store,
                 LwRole         role,
                 gconstpointer  deleted,
                 GError       **error)
{
  g_autoptr(LwEditCache) cache = NULL;
  g_autoptr(LwRecord) copy = NULL;
  g_autofree char *detail = NULL;
  const LwColumnInfo *bad = NULL;
  LwCategory lacking = LW_CATEGORY_NONE;
  const LwTableInfo *table;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (role >= 0 && role < LW_N_ROLES, FALSE);
  g_return_val_if_fail (deleted != NULL && LW_RECORD (deleted)->id > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lw_store_is_unlocked (store))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_LOCKED, _("The program is locked; unlock it first."));
      return FALSE;
    }
  table = LW_RECORD (deleted)->table;
  cache = _lw_edit_cache_new (store);
  copy = lw_record_copy (deleted);
  if (!lw_store_begin (store, error))
    return FALSE;
  if (!may_write_whole (cache, role, copy, &bad, &lacking))
    {
      g_autofree char *message = _lw_edit_refusal_message (role, table, bad, lacking);

      lw_store_rollback (store);
      audit_refusal (store, "restore", table, copy->id, role, lacking);
      g_set_error_literal (error, LW_ERROR, LW_ERROR_DENIED, message);
      return FALSE;
    }
  if (!_lw_record_insert_with_id (store, copy, error) ||
      !after_write (store, copy, NULL, error))
    goto fail;
  detail = audit_detail (table, copy->id, role);
  if (!lw_audit_append (store, LW_AUDIT_RECORD_RESTORE, detail, error) ||
      !lw_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  lw_store_rollback (store);
  return FALSE;
}

/* ----------------------------------------------------------------------------
 * Helpers of the forms
 */

char *
lw_edit_next_code (LwStore *store,
                   GError **error)
{
  g_auto(GStrv) codes = NULL;
  guint64 highest = 0;

  g_return_val_if_fail (store != NULL, NULL);

  codes = _lw_record_clear_values (store, &lw_participant_table, "code", error);
  if (codes == NULL)
    return NULL;
  for (guint i = 0; codes[i] != NULL; i++)
    {
      guint64 n;

      if ((codes[i][0] == 'P' || codes[i][0] == 'p') && codes[i][1] == '-' &&
          g_ascii_string_to_unsigned (codes[i] + 2, 10, 0, G_MAXUINT32, &n, NULL))
        highest = MAX (highest, n);
    }
  return g_strdup_printf ("P-%04" G_GUINT64_FORMAT, highest + 1);
}

static int
compare_people (gconstpointer a,
                gconstpointer b)
{
  const LwPerson *x = *(const LwPerson * const *) a;
  const LwPerson *y = *(const LwPerson * const *) b;
  int c = g_utf8_collate (x->name ? x->name : "", y->name ? y->name : "");

  return c != 0 ? c : (x->id > y->id) - (x->id < y->id);
}

GPtrArray *
lw_edit_list_members (LwStore  *store,
                      gboolean  include_inactive,
                      GError  **error)
{
  g_autoptr(GPtrArray) people = NULL;

  g_return_val_if_fail (store != NULL, NULL);

  people = lw_store_list (store, &lw_person_table, NULL, 0, error);
  if (people == NULL)
    return NULL;
  for (guint i = people->len; i > 0; i--)
    if (!include_inactive && !((LwPerson *) g_ptr_array_index (people, i - 1))->active)
      g_ptr_array_remove_index (people, i - 1);
  g_ptr_array_sort (people, compare_people);
  return g_steal_pointer (&people);
}

LwPerson *
lw_edit_find_member (LwStore    *store,
                     const char *name,
                     GError    **error)
{
  g_autoptr(LwEditCache) cache = NULL;
  LwId id = 0;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  cache = _lw_edit_cache_new (store);
  if (!find_member (cache, name, &id, error))
    return NULL;
  return lw_store_get (store, &lw_person_table, id, error);
}

gboolean
lw_edit_revoke_consent (LwStore     *store,
                        LwRole       role,
                        LwId         consent_id,
                        const char  *date,
                        GError     **error)
{
  g_autoptr(LwConsent) consent = NULL;
  g_autofree char *today = lw_date_today ();
  g_autoptr(LwConsent) changed_consent = NULL;

  g_return_val_if_fail (store != NULL, FALSE);

  if (date != NULL && !lw_date_is_valid (date))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("%s: not a date; write it as YYYY-MM-DD, for example 2026-03-31"), _("Revoked"));
      return FALSE;
    }
  consent = lw_store_get (store, &lw_consent_table, consent_id, error);
  if (consent == NULL)
    return FALSE;
  changed_consent = lw_record_copy (consent);
  lw_secret_free (changed_consent->revoked);
  changed_consent->revoked = g_strdup (date ? date : today);
  /* who may not write it learns nothing of it */
  if (!lw_edit_record_may_write (store, role, consent, lw_table_find_column (&lw_consent_table, "revoked")))
    return lw_edit_update (store, role, changed_consent, NULL, error);
  if (consent->revoked != NULL)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("This release was already revoked on %s; nothing was changed"), consent->revoked);
      return FALSE;
    }
  return lw_edit_update (store, role, changed_consent, NULL, error);
}

/* ----------------------------------------------------------------------------
 * Releases in plain words
 */

static const char * const role_plurals[LW_N_ROLES] = {
  N_("Project managers"),
  N_("Case managers"),
  N_("Peer outreach workers"),
  N_("Service providers"),
  N_("Police officers"),
  N_("Police sergeants"),
  N_("Prosecutors"),
  N_("Public defenders"),
  N_("Community representatives"),
  N_("Evaluators"),
};

static char *
categories_sentence (gint64 mask)
{
  g_autoptr(GPtrArray) nouns = g_ptr_array_new ();
  GString *s = g_string_new (NULL);

  for (int c = 0; c < LW_N_CATEGORIES; c++)
    if (mask & LW_CATEGORY_BIT (c))
      g_ptr_array_add (nouns, (gpointer) category_noun (c));
  for (guint i = 0; i < nouns->len; i++)
    {
      if (i > 0)
        /* Translators: between the last two items of a list: "health and care notes" */
        g_string_append (s, i + 1 == nouns->len ? _(" and ") : ", ");
      g_string_append (s, g_ptr_array_index (nouns, i));
    }
  return g_string_free (s, FALSE);
}

char **
lw_edit_describe_consents (LwStore     *store,
                           LwId         participant_id,
                           const char  *today,
                           GError     **error)
{
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GStrvBuilder) sentences = g_strv_builder_new ();
  g_autofree char *now = NULL;

  g_return_val_if_fail (store != NULL, NULL);

  if (today == NULL)
    today = now = lw_date_today ();
  consents = lw_model_list_for (store, &lw_consent_table, participant_id, error);
  if (consents == NULL)
    return NULL;
  for (guint i = 0; i < consents->len; i++)
    {
      const LwConsent *c = g_ptr_array_index (consents, i);
      g_autofree char *who = NULL;
      g_autofree char *what = NULL;
      g_autofree char *sentence = NULL;
      gboolean agency = c->recipient_agency != NULL && *c->recipient_agency != '\0';

      if (!lw_policy_consent_is_valid (c, today) || c->categories == 0)
        continue;
      if (c->recipient_role >= 0 && c->recipient_role < LW_N_ROLES)
        who = agency
              /* Translators: "Case managers at Harbor Clinic" */
              ? g_strdup_printf (_("%s at %s"), _(role_plurals[c->recipient_role]), c->recipient_agency)
              : g_strdup (_(role_plurals[c->recipient_role]));
      else if (agency)
        /* Translators: "Everyone at Harbor Clinic" */
        who = g_strdup_printf (_("Everyone at %s"), c->recipient_agency);
      else
        continue;
      what = categories_sentence (c->categories);
      if (c->expires != NULL)
        /* Translators: "Case managers at Harbor Clinic may see health until 2027-03-01" */
        sentence = g_strdup_printf (_("%s may see %s until %s"), who, what, c->expires);
      else
        sentence = g_strdup_printf (_("%s may see %s, with no end date"), who, what);
      g_strv_builder_add (sentences, sentence);
      lw_secret_free (g_steal_pointer (&sentence));
    }
  return g_strv_builder_end (sentences);
}
