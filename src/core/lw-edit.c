/* lw-edit.c: creating, editing and deleting records as the role at the keyboard
 * may: the checks, the writes with their audit entries and side effects,
 * delete and undo, and the helpers of the forms
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
 * Lookups shared by one edit or one whole import
 */


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
  g_clear_pointer (&cache->code_keys, g_hash_table_unref);
  g_clear_pointer (&cache->levels, g_hash_table_unref);
  g_free (cache);
}

GPtrArray *
_lw_edit_cache_people (LwEditCache *cache,
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
  GPtrArray *people = _lw_edit_cache_people (cache, NULL);

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

char *
_lw_edit_normalise_key (const char *text)
{
  g_autofree char *compatible = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  g_autofree char *folded = NULL;
  GString *s = g_string_new (NULL);

  if (compatible == NULL)
    return g_string_free (s, FALSE);
  folded = g_utf8_casefold (compatible, -1);
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (s, c);
    }
  sodium_memzero (compatible, strlen (compatible));
  sodium_memzero (folded, strlen (folded));
  return g_string_free (s, FALSE);
}

/* The participant codes of the program by their normalised key, with how many
 * rows have each; NULL on error. */
static GHashTable *
cache_code_keys (LwEditCache *cache,
                 GError     **error)
{
  if (cache->code_keys == NULL)
    {
      g_auto(GStrv) codes = _lw_record_clear_values (cache->store, &lw_participant_table, "code", error);

      if (codes == NULL)
        return NULL;
      cache->code_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; codes[i] != NULL; i++)
        {
          char *key = _lw_edit_normalise_key (codes[i]);

          g_hash_table_insert (cache->code_keys, key,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (cache->code_keys, key)) + 1));
        }
    }
  return cache->code_keys;
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
            g_hash_table_insert (cache->case_numbers, _lw_edit_normalise_key (m->case_number),
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
    {
      g_hash_table_insert (cache->codes, g_strdup (((const LwParticipant *) record)->code),
                           GSIZE_TO_POINTER ((gsize) LW_RECORD (record)->id));
      if (cache_code_keys (cache, NULL) != NULL)
        {
          char *key = _lw_edit_normalise_key (((const LwParticipant *) record)->code);

          g_hash_table_insert (cache->code_keys, key,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (cache->code_keys, key)) + 1));
        }
    }
  else if (table == &lw_legal_matter_table && ((const LwLegalMatter *) record)->case_number != NULL &&
           cache_case_numbers (cache, NULL) != NULL)
    g_hash_table_insert (cache->case_numbers,
                         _lw_edit_normalise_key (((const LwLegalMatter *) record)->case_number),
                         GSIZE_TO_POINTER ((gsize) LW_RECORD (record)->id));
  else if (table == &lw_person_table)
    g_clear_pointer (&cache->people, g_ptr_array_unref);
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

static gboolean
changed (gconstpointer       record,
         gconstpointer       stored,
         const LwColumnInfo *column)
{
  return stored == NULL || !_lw_edit_field_equal (record, stored, column);
}

/* Columns that date something that has happened (a date of birth and a
 * contact have messages of their own; a release may be recorded before the
 * day it takes effect). */
static const struct
{
  const LwTableInfo *table;
  const char        *column;
} past_dates[] = {
  { &lw_participant_table, "referral_date" },
  { &lw_legal_matter_table, "filed_date" },
};

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
            g_auto(LwSecretText) stripped = v ? g_strstrip (g_strdup (v)) : NULL;

            if (required && (stripped == NULL || *stripped == '\0'))
              return fail_at (column, bad_column, error, LW_ERROR_INVALID,
                              _("%s is required; fill it in"), _(column->label));
            if (v != NULL && (strlen (v) > LW_EDIT_MAX_TEXT || !_lw_edit_text_is_acceptable (column, v)))
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
            else if (!_lw_edit_row_exists (cache->store, target, v))
              return fail_at (column, bad_column, error, LW_ERROR_INVALID,
                              _("%s: the record it names does not exist (any more)"), _(column->label));
          }
          break;
        default:
          break;
        }
    }

  /* dates of what has happened */
  for (guint i = 0; i < G_N_ELEMENTS (past_dates); i++)
    if (table == past_dates[i].table)
      {
        const LwColumnInfo *column = column_named (table, past_dates[i].column);
        const char *v = *CFIELD (record, column, char *);

        if (v != NULL && changed (record, stored, column) && g_strcmp0 (v, today) > 0)
          return fail_at (column, bad_column, error, LW_ERROR_INVALID,
                          _("%s: the date is after today (%s); record it once it has happened"),
                          _(column->label), today);
      }

  if (table == &lw_participant_table)
    {
      const LwParticipant *p = record;
      const LwParticipant *old = stored;

      if (p->code != NULL && changed (record, stored, column_named (table, "code")))
        {
          GHashTable *keys = cache_code_keys (cache, error);
          g_autofree char *key = NULL;
          g_autofree char *own = NULL;
          guint n;

          if (keys == NULL)
            return FALSE;
          /* another code that only looks different is the same code: on the
           * projector both would read "P-0001" */
          key = _lw_edit_normalise_key (p->code);
          n = GPOINTER_TO_UINT (g_hash_table_lookup (keys, key));
          own = old != NULL && old->code != NULL ? _lw_edit_normalise_key (old->code) : NULL;
          if (own != NULL && g_str_equal (own, key))
            n--;
          if (*key == '\0')
            return fail_at (column_named (table, "code"), bad_column, error, LW_ERROR_INVALID,
                            _("%s: give a code with letters or digits, such as P-0012"), _("Code"));
          if (n > 0)
            return fail_at (column_named (table, "code"), bad_column, error, LW_ERROR_EXISTS,
                            _("The code %s is taken, or one that differs from it only in case, spaces or punctuation; give another one"),
                            p->code);
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
      const LwConsent *old = stored;

      /* a release that has been in effect is the record of what it allowed
       * (lw_edit_delete() keeps it): its signature does not move to a day
       * still to come, which would make it one that never was */
      if (old != NULL && old->signed_date != NULL && g_strcmp0 (old->signed_date, today) <= 0 &&
          c->signed_date != NULL && g_strcmp0 (c->signed_date, today) > 0)
        return fail_at (column_named (table, "signed_date"), bad_column, error, LW_ERROR_INVALID,
                        _("%s: this release has been in effect since %s; its signature cannot move after today. Revoke it, and record a new release instead"),
                        _("Signed"), old->signed_date);

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
          key = _lw_edit_normalise_key (m->case_number);
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
  if (!_lw_edit_check_permission (cache, role, record, stored, &bad, lacking))
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

/* What follows a row written (now) over what it was (before; NULL for a new
 * row, now NULL for a deleted one), in the same transaction: the core's side
 * effects, the audit entry (table, row id and role, never a value), the
 * commit.  On failure the whole transaction is rolled back. */
static gboolean
finish_write (LwStore       *store,
              LwAuditEvent   event,
              LwRole         role,
              gconstpointer  now,
              gconstpointer  before,
              GError       **error)
{
  const LwRecord *row = now != NULL ? now : before;
  g_autofree char *detail = g_strdup_printf ("table=%s id=%" G_GINT64_FORMAT " role=%s", row->table->name,
                                             row->id, lw_role_to_string (role));

  if (!after_write (store, now, before, error) ||
      !lw_audit_append (store, event, detail, error) ||
      !lw_store_commit (store, error))
    {
      lw_store_rollback (store);
      return FALSE;
    }
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
  if (!lw_store_insert (store, copy, error))
    {
      lw_store_rollback (store);
      return FALSE;
    }
  if (!finish_write (store, LW_AUDIT_RECORD_CREATE, role, copy, NULL, error))
    return FALSE;

  /* the caller's record gets what the core set: its id, the date of its status */
  for (guint i = 0; i < table->n_columns; i++)
    _lw_edit_copy_field (record, copy, &table->columns[i]);
  LW_RECORD (record)->id = copy->id;
  return TRUE;
}

/* lw_edit_update() with columns NULL (the whole record), else
 * lw_edit_update_columns(). */
static gboolean
update_row (LwStore                    *store,
            LwRole                      role,
            gconstpointer               record,
            const LwColumnInfo * const *columns,
            const LwColumnInfo        **bad_column,
            GError                    **error)
{
  g_autoptr(LwEditCache) cache = NULL;
  g_autoptr(LwRecord) stored = NULL;
  g_autoptr(LwRecord) copy = NULL;
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
  if (columns != NULL)
    {
      const LwColumnInfo *bad = NULL;

      /* the named columns over the row as it is now */
      copy = lw_record_copy (stored);
      for (guint i = 0; columns[i] != NULL; i++)
        _lw_edit_copy_field (copy, record, columns[i]);
      /* whatever their values: a write refused only where a value differs
       * would say what the stored one is */
      if (!_lw_edit_check_columns (cache, role, copy, stored, columns, &bad, &lacking))
        {
          g_autofree char *message = _lw_edit_refusal_message (role, table, bad, lacking);

          lw_store_rollback (store);
          audit_refusal (store, "edit", table, copy->id, role, lacking);
          if (bad_column != NULL)
            *bad_column = bad;
          g_set_error_literal (error, LW_ERROR, LW_ERROR_DENIED, message);
          return FALSE;
        }
    }
  else
    copy = lw_record_copy (record);
  /* the row is written whole: a value that does not open would be lost, and
   * with it the trace of what happened to it */
  if (stored->damaged != 0)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_TAMPERED,
                   _("This record holds a value that does not open (see “lead-workgroup check”); "
                     "restore the file from a backup before changing it. Nothing was saved."));
      goto fail;
    }
  apply_rules (cache, copy, stored);
  for (guint i = 0; i < table->n_columns && !any; i++)
    any = !_lw_edit_field_equal (copy, stored, &table->columns[i]);
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
  if (!lw_store_update (store, copy, error))
    goto fail;
  return finish_write (store, LW_AUDIT_RECORD_EDIT, role, copy, stored, error);

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
  return update_row (store, role, record, NULL, bad_column, error);
}

gboolean
lw_edit_update_columns (LwStore                    *store,
                        LwRole                      role,
                        gconstpointer               record,
                        const LwColumnInfo * const *columns,
                        const LwColumnInfo        **bad_column,
                        GError                    **error)
{
  g_return_val_if_fail (columns != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  for (guint i = 0; columns[i] != NULL; i++)
    g_return_val_if_fail (lw_table_find_column (LW_RECORD (record)->table, columns[i]->name) == columns[i], FALSE);

  return update_row (store, role, record, columns, bad_column, error);
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
        /* a participant's history is kept by the store and goes with them */
        if (tables[t] == &lw_status_change_table || tables[t] == &lw_housing_change_table)
          continue;
        rows = _lw_edit_is_sealed (column)
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
  return _lw_edit_check_permission (cache, role, record, NULL, bad_column, lacking);
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
  if (!lw_store_delete (store, table, id, error))
    goto fail;
  if (!finish_write (store, LW_AUDIT_RECORD_DELETE, role, NULL, record, error))
    return FALSE;
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
  if (!_lw_record_insert_with_id (store, copy, error))
    {
      lw_store_rollback (store);
      return FALSE;
    }
  return finish_write (store, LW_AUDIT_RECORD_RESTORE, role, copy, NULL, error);
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
  if (!_lw_edit_find_member_id (cache, name, &id, error))
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
  const LwColumnInfo *revoked[] = { lw_table_find_column (&lw_consent_table, "revoked"), NULL };

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
  /* who may not write it learns nothing of it: refused whatever the date */
  if (!lw_edit_record_may_write (store, role, consent, revoked[0]))
    return lw_edit_update_columns (store, role, changed_consent, revoked, NULL, error);
  if (consent->revoked != NULL)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("This release was already revoked on %s; nothing was changed"), consent->revoked);
      return FALSE;
    }
  return lw_edit_update_columns (store, role, changed_consent, revoked, NULL, error);
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
      g_ptr_array_add (nouns, (gpointer) _lw_edit_category_noun (c));
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

