/* lw-positions.c: the liaison prosecutor's positions, read from views and
 * written through the one write path
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-positions"

#include "config.h"

#include "lw-i18n-private.h"
#include <string.h>

#include "lw/lw-agenda.h"
#include "lw/lw-audit.h"
#include "lw/lw-edit.h"
#include "lw/lw-error.h"
#include "lw/lw-positions.h"
#include "lw/lw-vault.h"
#include "lw-edit-private.h"

static void
position_free (gpointer data)
{
  LwPosition *position = data;

  g_free (position->position);
  g_free (position->date);
  lw_secret_free (position->author);
  lw_secret_free (position->text);
  g_free (position);
}

void
lw_matter_positions_free (LwMatterPositions *matter)
{
  if (matter == NULL)
    return;
  lw_secret_free (matter->case_number);
  g_ptr_array_unref (matter->positions);
  g_free (matter);
}

static const char *
member_text (const LwViewValue *object,
             const char        *name)
{
  if (object->type != LW_VIEW_VALUE_OBJECT)
    return NULL;
  for (guint i = 0; i < object->children->len; i++)
    {
      const LwViewValue *child = g_ptr_array_index (object->children, i);

      if (g_strcmp0 (child->name, name) == 0 && child->type == LW_VIEW_VALUE_TEXT)
        return child->text;
    }
  return NULL;
}

typedef struct
{
  LwPosition *position;
  guint       order;   /* in the view: the order the notes were entered */
} Entry;

/* Newest first: by date, then the later entry. */
static int
compare_newest (gconstpointer a_,
                gconstpointer b_)
{
  const Entry *a = a_;
  const Entry *b = b_;
  int c = g_strcmp0 (b->position->date, a->position->date);

  if (c != 0)
    return c;
  return (b->order > a->order) - (b->order < a->order);
}

GPtrArray *
lw_positions_from_view (const LwParticipantView *view)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_matter_positions_free);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GHashTable) groups = NULL;   /* matter key → GArray of Entry */
  const LwViewField *field;

  g_return_val_if_fail (view != NULL, out);

  field = lw_participant_view_lookup (view, "prosecution.notes");
  if (field == NULL || field->value == NULL || field->value->type != LW_VIEW_VALUE_LIST)
    return out;

  if (field->level != LW_LEVEL_FULL)
    {
      /* the summary: the latest position of each pending matter, no more */
      for (guint i = 0; i < field->value->children->len; i++)
        {
          const LwViewValue *object = g_ptr_array_index (field->value->children, i);
          const char *label = member_text (object, "position");
          LwMatterPositions *matter;
          LwPosition *position;

          if (label == NULL)
            continue;
          matter = g_new0 (LwMatterPositions, 1);
          matter->positions = g_ptr_array_new_with_free_func (position_free);
          position = g_new0 (LwPosition, 1);
          position->position = g_strdup (label);
          g_ptr_array_add (matter->positions, position);
          g_ptr_array_add (out, matter);
        }
      return out;
    }

  keys = g_ptr_array_new_with_free_func (g_free);
  groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < field->value->children->len; i++)
    {
      const LwViewValue *object = g_ptr_array_index (field->value->children, i);
      const char *key = object->name;
      GArray *entries;
      Entry entry;

      if (key == NULL)
        key = "";
      entries = g_hash_table_lookup (groups, key);
      if (entries == NULL)
        {
          char *owned = g_strdup (key);

          g_ptr_array_add (keys, owned);
          entries = g_array_new (FALSE, FALSE, sizeof (Entry));
          g_hash_table_insert (groups, owned, entries);
        }
      entry.order = i;
      entry.position = g_new0 (LwPosition, 1);
      entry.position->position = g_strdup (member_text (object, "position"));
      entry.position->date = g_strdup (member_text (object, "date"));
      entry.position->author = g_strdup (member_text (object, "author"));
      entry.position->text = g_strdup (member_text (object, "text"));
      g_array_append_val (entries, entry);
    }

  for (guint k = 0; k < keys->len; k++)
    {
      GArray *entries = g_hash_table_lookup (groups, g_ptr_array_index (keys, k));
      LwMatterPositions *matter = g_new0 (LwMatterPositions, 1);

      matter->positions = g_ptr_array_new_with_free_func (position_free);
      g_array_sort (entries, compare_newest);
      for (guint i = 0; i < entries->len; i++)
        g_ptr_array_add (matter->positions, g_array_index (entries, Entry, i).position);
      g_ptr_array_add (out, matter);
    }

  /* the case numbers, from the notes that carry them */
  for (guint i = 0; i < field->value->children->len; i++)
    {
      const LwViewValue *object = g_ptr_array_index (field->value->children, i);
      const char *key = object->name;
      const char *number = member_text (object, "case_number");

      if (number == NULL)
        continue;
      for (guint k = 0; k < keys->len; k++)
        {
          LwMatterPositions *matter = g_ptr_array_index (out, k);

          if (g_strcmp0 (g_ptr_array_index (keys, k), key ? key : "") == 0 && matter->case_number == NULL)
            matter->case_number = g_strdup (number);
        }
    }
  return out;
}

static void
append_part (GString    *s,
             const char *part,
             const char *separator)
{
  if (part == NULL || *part == '\0')
    return;
  if (s->len > 0)
    g_string_append (s, separator);
  g_string_append (s, part);
}

char *
lw_position_to_text (const LwPosition *position)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (position != NULL, g_string_free (s, FALSE));

  append_part (s, position->position, " · ");
  append_part (s, position->date, " · ");
  append_part (s, position->author, " · ");
  append_part (s, position->text, ": ");
  return g_string_free (s, FALSE);
}

char *
lw_matter_positions_latest_text (const LwMatterPositions *matter)
{
  g_autofree char *latest = NULL;

  g_return_val_if_fail (matter != NULL, NULL);

  if (matter->positions->len == 0)
    return g_strdup (matter->case_number ? matter->case_number : "");
  latest = lw_position_to_text (g_ptr_array_index (matter->positions, 0));
  if (matter->case_number != NULL)
    return g_strdup_printf ("%s · %s", matter->case_number, latest);
  return g_steal_pointer (&latest);
}

char *
lw_positions_latest_text (const LwParticipantView *view)
{
  g_autoptr(GPtrArray) matters = lw_positions_from_view (view);
  GString *s;

  if (matters->len == 0)
    return NULL;
  s = g_string_new (NULL);
  for (guint i = 0; i < matters->len; i++)
    {
      g_autofree char *line = lw_matter_positions_latest_text (g_ptr_array_index (matters, i));

      append_part (s, line, "\n");
    }
  return g_string_free (s, FALSE);
}

/* ----------------------------------------------------------------------------
 * Writing
 */

gboolean
lw_positions_role_may_write (LwStore *store,
                             LwRole   role)
{
  g_return_val_if_fail (store != NULL, FALSE);

  return lw_policy_get_cell (store, role, LW_CATEGORY_PROSECUTION) == LW_LEVEL_FULL &&
         lw_policy_get_cell (store, role, LW_CATEGORY_LEGAL) == LW_LEVEL_FULL;
}

gboolean
lw_positions_check_role (LwStore  *store,
                         LwRole    role,
                         GError  **error)
{
  LwCategory lacking;
  g_autofree char *detail = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (store != NULL, FALSE);

  if (lw_positions_role_may_write (store, role))
    return TRUE;
  lacking = lw_policy_get_cell (store, role, LW_CATEGORY_PROSECUTION) == LW_LEVEL_FULL
            ? LW_CATEGORY_LEGAL : LW_CATEGORY_PROSECUTION;
  message = _lw_edit_refusal_message (role, &lw_prosecution_note_table, NULL, lacking);
  detail = g_strdup_printf ("create table=%s id=0 role=%s category=%s", lw_prosecution_note_table.name,
                            lw_role_to_string (role), lw_category_to_string (lacking));
  if (!lw_audit_append (store, LW_AUDIT_WRITE_REFUSED, detail, error))
    return FALSE;
  g_set_error_literal (error, LW_ERROR, LW_ERROR_DENIED, message);
  return FALSE;
}

/* Case folded, accents and everything but letters and digits dropped:
 * "CR 2026/1042" finds "cr-2026-1042". */
static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_ALL);
  g_autofree char *folded = g_utf8_casefold (normal ? normal : "", -1);
  GString *s = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

typedef struct
{
  LwLegalMatter *matter;
  int            rank;
} Ranked;

static int
compare_ranked (gconstpointer a_,
                gconstpointer b_)
{
  const Ranked *a = a_;
  const Ranked *b = b_;

  if (a->rank != b->rank)
    return a->rank - b->rank;
  return (a->matter->id > b->matter->id) - (a->matter->id < b->matter->id);
}

GPtrArray *
lw_positions_match_matters (LwStore     *store,
                            LwId         participant_id,
                            const char  *query,
                            GError     **error)
{
  g_autoptr(GPtrArray) matters = NULL;
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  g_autofree char *needle = fold (query);
  GPtrArray *out;

  g_return_val_if_fail (store != NULL, NULL);

  matters = lw_model_list_for (store, &lw_legal_matter_table, participant_id, error);
  if (matters == NULL)
    return NULL;
  for (guint i = 0; i < matters->len; i++)
    {
      LwLegalMatter *matter = g_ptr_array_index (matters, i);
      g_autofree char *number = fold (matter->case_number);
      g_autofree char *charge = fold (matter->charge);
      Ranked r = { matter, 0 };
      gboolean pending = matter->status == LW_MATTER_PENDING;

      if (*needle == '\0')
        r.rank = pending ? 2 : 3;
      else if (g_str_equal (number, needle))
        r.rank = 0;
      else if (strstr (number, needle) != NULL || strstr (charge, needle) != NULL)
        r.rank = pending ? 1 : 3;
      else
        continue;
      g_array_append_val (ranked, r);
    }
  g_array_sort (ranked, compare_ranked);

  out = g_ptr_array_new_with_free_func (lw_record_free);
  for (guint i = 0; i < ranked->len; i++)
    {
      Ranked *r = &g_array_index (ranked, Ranked, i);

      /* moved out of matters: that array frees only what is left */
      for (guint j = 0; j < matters->len; j++)
        if (g_ptr_array_index (matters, j) == r->matter)
          {
            g_ptr_array_add (out, g_ptr_array_steal_index (matters, j));
            break;
          }
    }
  return out;
}

LwLegalMatter *
lw_positions_find_matter (LwStore             *store,
                          const LwParticipant *participant,
                          const char          *case_number,
                          GError             **error)
{
  g_autoptr(GPtrArray) matters = NULL;
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (participant != NULL, NULL);

  wanted = fold (case_number);
  matters = lw_model_list_for (store, &lw_legal_matter_table, participant->id, error);
  if (matters == NULL)
    return NULL;
  for (guint i = 0; *wanted != '\0' && i < matters->len; i++)
    {
      LwLegalMatter *matter = g_ptr_array_index (matters, i);
      g_autofree char *number = fold (matter->case_number);

      if (g_str_equal (number, wanted))
        return g_ptr_array_steal_index (matters, i);
    }
  g_set_error (error, LW_ERROR, LW_ERROR_NOT_FOUND,
               _("%s has no legal matter with that case number; see “participant show %s” for the matters"),
               participant->code, participant->code);
  return NULL;
}

LwId
lw_positions_default_author (LwStore *store,
                             LwId     meeting_id)
{
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) attendance = NULL;
  static const LwRole order[] = { LW_ROLE_PROSECUTOR, LW_ROLE_PUBLIC_DEFENDER };
  LwId only = 0;
  guint n = 0;

  g_return_val_if_fail (store != NULL, 0);

  people = lw_store_list (store, &lw_person_table, NULL, 0, NULL);
  if (people == NULL)
    return 0;
  if (meeting_id != 0)
    attendance = lw_agenda_list_attendance (store, meeting_id, NULL);
  for (guint r = 0; attendance != NULL && r < G_N_ELEMENTS (order); r++)
    {
      LwId found = 0;
      guint count = 0;

      for (guint i = 0; i < attendance->len; i++)
        {
          const LwAttendance *a = g_ptr_array_index (attendance, i);

          for (guint j = 0; j < people->len && !a->absent && a->person_id != 0; j++)
            {
              const LwPerson *person = g_ptr_array_index (people, j);

              if (person->id == a->person_id && person->role == order[r] && person->active)
                {
                  found = person->id;
                  count++;
                }
            }
        }
      /* one of them in the room: that is who speaks for the office */
      if (count == 1)
        return found;
      if (count > 1)
        return 0;
    }
  for (guint j = 0; j < people->len; j++)
    {
      const LwPerson *person = g_ptr_array_index (people, j);

      if (person->role == LW_ROLE_PROSECUTOR && person->active)
        {
          only = person->id;
          n++;
        }
    }
  return n == 1 ? only : 0;
}

gboolean
lw_positions_add (LwStore             *store,
                  LwRole               role,
                  LwProsecutionNote   *note,
                  const LwColumnInfo **bad_column,
                  GError             **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (note != NULL, FALSE);
  g_return_val_if_fail (LW_RECORD (note)->table == &lw_prosecution_note_table, FALSE);
  g_return_val_if_fail (LW_RECORD (note)->id == 0, FALSE);

  if (bad_column != NULL)
    *bad_column = NULL;
  if (note->date == NULL)
    note->date = lw_date_today ();
  /* the rest is the record's own rules (lw-edit.c): one validation for the
   * form, the meeting's entry and the command line */
  return lw_edit_insert (store, role, note, bad_column, error);
}
