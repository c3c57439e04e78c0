/* lw-edit-fields.c: records as a form has them — new records with their
 * defaults, the form's columns, and the one parser of what a person types
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

gboolean
_lw_edit_field_equal (gconstpointer       a,
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

void
_lw_edit_copy_field (gpointer            dest,
                     gconstpointer       src,
                     const LwColumnInfo *column)
{
  if (_lw_edit_is_string (column))
    {
      char **field = FIELD (dest, column, char *);

      if (_lw_edit_is_sealed (column))
        lw_secret_free (*field);
      else
        g_free (*field);
      *field = g_strdup (*CFIELD (src, column, char *));
    }
  else
    memcpy ((guint8 *) dest + column->offset, (const guint8 *) src + column->offset,
            column->type == LW_COLUMN_ENUM ? sizeof (int) :
            column->type == LW_COLUMN_BOOL ? sizeof (gboolean) : sizeof (gint64));
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
  participant_id = table == &lw_participant_table ? 0 : _lw_edit_record_participant (store, record);
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

gboolean
_lw_edit_text_is_acceptable (const LwColumnInfo *column,
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
              g_autofree char *noun = normalise_key (_lw_edit_category_noun (c));

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

gboolean
_lw_edit_find_member_id (LwEditCache *cache,
             const char  *name,
             LwId        *out,
             GError     **error)
{
  GPtrArray *people = _lw_edit_cache_people (cache, error);
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

gboolean
_lw_edit_row_exists (LwStore           *store,
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
  g_auto(LwSecretText) value = NULL;

  g_return_val_if_fail (cache != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (column != NULL, FALSE);

  if (text != NULL)
    {
      value = g_strstrip (g_strdup (text));
      if (*value == '\0')
        g_clear_pointer (&value, lw_secret_free);
    }
  if (value != NULL && strlen (value) > LW_EDIT_MAX_TEXT)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("longer than %u bytes; shorten it"), (guint) LW_EDIT_MAX_TEXT);
      return FALSE;
    }
  if (value != NULL && !_lw_edit_text_is_acceptable (column, value))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("not valid UTF-8 text, or it holds a control character; type it as plain text"));
      return FALSE;
    }

  switch (column->type)
    {
    case LW_COLUMN_TEXT:
      g_clear_pointer (FIELD (record, column, char *), _lw_edit_is_sealed (column) ? lw_secret_free : g_free);
      *FIELD (record, column, char *) = g_steal_pointer (&value);
      return TRUE;

    case LW_COLUMN_DATE:
      if (value != NULL && !lw_date_is_valid (value))
        {
          g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                       _("not a date; write it as YYYY-MM-DD, for example 2026-03-31"));
          return FALSE;
        }
      g_clear_pointer (FIELD (record, column, char *), _lw_edit_is_sealed (column) ? lw_secret_free : g_free);
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
            if (!_lw_edit_row_exists (cache->store, target, id))
              {
                g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                             _("no %s has that number; check it"), _(target->label));
                return FALSE;
              }
          }
        else if (target == &lw_person_table)
          {
            if (!_lw_edit_find_member_id (cache, value, &id, error))
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

