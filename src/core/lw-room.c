/* lw-room.c: what the room sees — the projector's card for one agenda item
 *
 * Every string of a card comes from a policy view made for the room's audience
 * (or, for the items that are not about a participant, from the levels that
 * audience has without any release of information).  A reveal copies exactly
 * one field of the project manager's view, and only while no floor of a role in
 * the room forbids it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-room"

#include "config.h"

#include "lw-i18n-private.h"
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "lw/lw-agenda.h"
#include "lw/lw-concerns.h"
#include "lw/lw-audit.h"
#include "lw/lw-error.h"
#include "lw/lw-positions.h"
#include "lw/lw-room.h"
#include "lw/lw-vault.h"
#include "lw/lw-view.h"

/* The role whose view a reveal copies from: the person driving the meeting. */
#define REVEALER_ROLE LW_ROLE_PROJECT_MANAGER

/* ----------------------------------------------------------------------------
 * Freeing
 */

static void
room_line_free (gpointer data)
{
  LwRoomLine *line = data;

  if (line == NULL)
    return;
  g_free (line->key);
  g_free (line->label);
  lw_secret_free (line->text);
  g_free (line);
}

static void
room_action_free (gpointer data)
{
  LwRoomAction *action = data;

  if (action == NULL)
    return;
  g_free (action->owner);
  g_free (action->due_date);
  g_free (action->due_text);
  lw_secret_free (action->text);
  g_free (action);
}

void
lw_room_card_free (LwRoomCard *card)
{
  if (card == NULL)
    return;
  g_free (card->audience_text);
  g_free (card->audience_members);
  g_free (card->redacted_for);
  g_free (card->meeting_title);
  g_free (card->meeting_date);
  g_free (card->position_text);
  g_free (card->kind_label);
  lw_secret_free (card->heading);
  g_clear_pointer (&card->lines, g_ptr_array_unref);
  g_clear_pointer (&card->reasons, g_ptr_array_unref);
  g_clear_pointer (&card->actions, g_ptr_array_unref);
  g_free (card->budget_text);
  lw_secret_free (card->next_up);
  room_line_free (card->reveal);
  g_free (card);
}

void
lw_room_reveal_free (LwRoomReveal *reveal)
{
  if (reveal == NULL)
    return;
  g_free (reveal->key);
  g_free (reveal);
}

/* ----------------------------------------------------------------------------
 * Formatting
 */

static LwRoomLine *
line_new (const char  *key,
          LwCategory   category,
          LwLevel      level,
          const char  *label,
          char        *text)   /* taken */
{
  LwRoomLine *line = g_new0 (LwRoomLine, 1);

  line->key = g_strdup (key);
  line->category = category;
  line->level = level;
  line->label = g_strdup (label);
  line->text = text;
  return line;
}

static const LwViewValue *
member (const LwViewValue *object,
        const char        *name)
{
  if (object == NULL || object->type != LW_VIEW_VALUE_OBJECT)
    return NULL;
  for (guint i = 0; i < object->children->len; i++)
    {
      const LwViewValue *child = g_ptr_array_index (object->children, i);

      if (g_strcmp0 (child->name, name) == 0)
        return child;
    }
  return NULL;
}

static const char *
member_text (const LwViewValue *object,
             const char        *name)
{
  const LwViewValue *value = member (object, name);

  if (value == NULL || value->type != LW_VIEW_VALUE_TEXT || value->text == NULL || value->text[0] == '\0')
    return NULL;
  return value->text;
}

static void
append_part (GString    *s,
             const char *text)
{
  if (text == NULL || text[0] == '\0')
    return;
  if (s->len > 0)
    g_string_append (s, " · ");
  g_string_append (s, text);
}

/* Any value as projector text: objects as their texts joined by " · ", lists
 * one item a line. */
static char *
value_display (const LwViewValue *value)
{
  g_autoptr(GString) s = g_string_new (NULL);

  switch (value->type)
    {
    case LW_VIEW_VALUE_TEXT:
      return g_strdup (value->text ? value->text : "");
    case LW_VIEW_VALUE_BOOL:
      return g_strdup (value->boolean ? _("yes") : _("no"));
    case LW_VIEW_VALUE_OBJECT:
      for (guint i = 0; i < value->children->len; i++)
        {
          const LwViewValue *child = g_ptr_array_index (value->children, i);

          /* a bare "yes" means nothing on a wall */
          if (child->type == LW_VIEW_VALUE_TEXT)
            append_part (s, child->text);
        }
      break;
    case LW_VIEW_VALUE_LIST:
      for (guint i = 0; i < value->children->len; i++)
        {
          g_autofree char *text = value_display (g_ptr_array_index (value->children, i));

          if (text[0] == '\0')
            continue;
          if (s->len > 0)
            g_string_append_c (s, '\n');
          g_string_append (s, text);
        }
      break;
    default:
      g_assert_not_reached ();
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
format_date (const char *date)
{
  /* "Tuesday 1 December 2026", "martes, 1 de diciembre de 2026" */
  return lw_i18n_format_date (date);
}

static char *
format_budget (gint64 seconds)
{
  gint64 minutes = (seconds + 59) / 60;

  return g_strdup_printf (_("%" PRId64 " min"), minutes);
}

/* ----------------------------------------------------------------------------
 * The room
 */

typedef struct
{
  LwStore        *store;
  LwMeeting      *meeting;
  GPtrArray      *items;      /* LwAgendaItem */
  guint32         roles;
  LwAudience     *audience;
  LwPolicyMatrix  matrix;
} Room;

static void
room_clear (Room *room)
{
  g_clear_pointer (&room->meeting, lw_record_free);
  g_clear_pointer (&room->items, g_ptr_array_unref);
  g_clear_pointer (&room->audience, lw_audience_free);
}

/* roles 0: ask the store for the room's audience now. */
static gboolean
room_init (Room     *room,
           LwStore  *store,
           LwId      meeting_id,
           guint32   roles,
           GError  **error)
{
  memset (room, 0, sizeof *room);
  room->store = store;
  lw_policy_load_matrix (store, &room->matrix);

  room->meeting = lw_store_get (store, &lw_meeting_table, meeting_id, error);
  if (room->meeting == NULL)
    return FALSE;
  room->items = lw_agenda_list_items (store, meeting_id, error);
  if (room->items == NULL)
    return FALSE;

  if (roles == 0)
    {
      /* the people in the room, with their agencies */
      room->audience = lw_agenda_room_audience (store, meeting_id, error);
      if (room->audience == NULL)
        return FALSE;
      room->roles = lw_audience_get_roles (room->audience);
      return TRUE;
    }
  room->roles = roles & LW_ALL_ROLES;
  if (room->roles == 0)
    room->roles = LW_ROLE_BIT (lw_policy_most_restrictive_role (&room->matrix));
  room->audience = lw_audience_new_for_roles (room->roles);
  return TRUE;
}

/* The room's levels without any release of information: for items that are not
 * about one participant. */
static void
room_levels (Room    *room,
             LwLevel  levels[LW_N_CATEGORIES])
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autofree char *today = lw_date_today ();

  lw_policy_resolve_levels (&room->matrix, room->audience, none, today, levels);
}

/* The roles of the room that limit what it sees: those no other role of the
 * room sees less than in every category (a cell that needs a release counts as
 * none, as it does for a room without one).  "Community representative". */
static char *
room_redacted_for (Room *room)
{
  guint32 limiting = 0;

  for (int r = 0; r < LW_N_ROLES; r++)
    {
      gboolean dominated = FALSE;

      if (!(room->roles & LW_ROLE_BIT (r)))
        continue;
      for (int o = 0; o < LW_N_ROLES && !dominated; o++)
        {
          gboolean all_le = TRUE, some_lt = FALSE;

          if (o == r || !(room->roles & LW_ROLE_BIT (o)))
            continue;
          for (int c = 0; c < LW_N_CATEGORIES; c++)
            {
              LwLevel lo = room->matrix.cells[o][c] == LW_LEVEL_CONSENT ? LW_LEVEL_NONE : room->matrix.cells[o][c];
              LwLevel lr = room->matrix.cells[r][c] == LW_LEVEL_CONSENT ? LW_LEVEL_NONE : room->matrix.cells[r][c];

              all_le &= lo <= lr;
              some_lt |= lo < lr;
            }
          /* of two roles that see the same, the first names them both */
          dominated = all_le && (some_lt || o < r);
        }
      if (!dominated)
        limiting |= LW_ROLE_BIT (r);
    }
  return lw_roles_join (limiting ? limiting : room->roles, ", ", TRUE);
}

/* What is never shown to a room by a reveal, whoever is in it: substance use
 * (42 CFR Part 2 needs a release naming each recipient), health and care notes
 * (what care coordination learns), the street address and the housing notes. */
static const LwCategory never_revealed_categories[] = {
  LW_CATEGORY_SUBSTANCE_USE, LW_CATEGORY_HEALTH, LW_CATEGORY_CARE_NOTES,
};
static const char * const never_revealed_keys[] = {
  "location.address", "housing.housing_notes",
};

static gboolean
never_revealed (const char *key,
                LwCategory  category)
{
  for (guint i = 0; i < G_N_ELEMENTS (never_revealed_categories); i++)
    if (category == never_revealed_categories[i])
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (never_revealed_keys); i++)
    if (g_strcmp0 (key, never_revealed_keys[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Whether every role of the room may ever see category at level. */
static gboolean
room_may_reach (guint32     roles,
                LwCategory  category,
                LwLevel     level)
{
  for (int r = 0; r < LW_N_ROLES; r++)
    if ((roles & LW_ROLE_BIT (r)) && lw_policy_cell_cap (r, category) < level)
      return FALSE;
  return TRUE;
}

static LwParticipantView *
view_for (Room                 *room,
          const LwAudience     *audience,
          LwId                  participant_id,
          LwViewFlags           flags,
          GError              **error)
{
  g_autoptr(LwParticipant) participant = NULL;

  participant = lw_store_get (room->store, &lw_participant_table, participant_id, error);
  if (participant == NULL)
    return NULL;
  return lw_policy_view_participant_with_matrix (room->store, &room->matrix, audience,
                                                 participant, flags, error);
}

/* The revealer's view, with people named as the room would see them: a field
 * copied to the projector never names a treatment program's staff to a room
 * that may not see substance use. */
static LwParticipantView *
revealer_view (Room    *room,
               LwId     participant_id,
               GError **error)
{
  g_autoptr(LwAudience) audience = lw_audience_new_for_roles (LW_ROLE_BIT (REVEALER_ROLE));
  g_autoptr(LwParticipant) participant = NULL;

  participant = lw_store_get (room->store, &lw_participant_table, participant_id, error);
  if (participant == NULL)
    return NULL;
  return lw_policy_view_participant_named_for (room->store, &room->matrix, audience, room->audience,
                                               participant, LW_VIEW_DEFAULT, error);
}

/* Fields the card shows as they are in the room's view. */
static const char * const card_keys[] = {
  "identity.preferred_name", "identity.legal_name", "identity.initials",
  "status.status", "status.case_manager", "status.last_contact",
  "legal.matters", "prosecution.notes", "plan.action_items",
};

static gboolean
card_shows (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (card_keys); i++)
    if (strcmp (card_keys[i], key) == 0)
      return TRUE;
  return FALSE;
}

/* A field the revealer sees that the card does not already show at that level,
 * and that no floor of a role in the room forbids. */
static gboolean
field_revealable (const LwViewField       *field,
                  const LwParticipantView *room_view,
                  guint32                  roles)
{
  const LwViewField *shown = lw_participant_view_lookup (room_view, field->key);

  if (never_revealed (field->key, field->category))
    return FALSE;
  if (shown != NULL && shown->level >= field->level && card_shows (field->key))
    return FALSE;
  return room_may_reach (roles, field->category, field->level);
}

/* "P-0142 · D. R.": the code and the name the room may see. */
static char *
view_heading (const LwParticipantView *view)
{
  g_autoptr(GString) heading = g_string_new (lw_participant_view_get_code (view));
  const LwViewField *name;

  name = lw_participant_view_lookup (view, "identity.preferred_name");
  if (name == NULL || name->value == NULL)
    name = lw_participant_view_lookup (view, "identity.legal_name");
  if (name == NULL || name->value == NULL)
    name = lw_participant_view_lookup (view, "identity.initials");
  if (name != NULL && name->value != NULL && name->value->type == LW_VIEW_VALUE_TEXT)
    append_part (heading, name->value->text);
  return g_string_free (g_steal_pointer (&heading), FALSE);
}

static char *
item_short_title (Room               *room,
                  const LwAgendaItem *item)
{
  LwStore *store = room->store;

  switch (item->kind)
    {
    case LW_ITEM_PARTICIPANT:
      {
        g_autoptr(LwParticipantView) view = view_for (room, room->audience, item->participant_id,
                                                      LW_VIEW_PARTICIPANT_ONLY | LW_VIEW_AUDITED, NULL);

        if (view == NULL)
          {
            g_autoptr(LwParticipant) p = lw_store_get (store, &lw_participant_table, item->participant_id, NULL);

            /* the code is what the room may always see */
            return g_strdup (p && p->code ? p->code : _("Participant"));
          }
        return view_heading (view);
      }
    case LW_ITEM_TOPIC:
      {
        LwLevel levels[LW_N_CATEGORIES];

        room_levels (room, levels);
        return lw_agenda_topic_title (item, levels);
      }
    case LW_ITEM_CONCERN:
    default:
      {
        g_autoptr(LwCommunityConcern) concern = NULL;
        LwLevel levels[LW_N_CATEGORIES];

        room_levels (room, levels);
        if (levels[LW_CATEGORY_LOCATION] != LW_LEVEL_NONE && item->concern_id != 0)
          concern = lw_store_get (store, &lw_community_concern_table, item->concern_id, NULL);
        if (concern != NULL && concern->area && concern->area[0])
          return g_strdup_printf (_("Community concern · %s"), concern->area);
        return g_strdup (_("Community concern"));
      }
    }
}

/* ----------------------------------------------------------------------------
 * Participant cards
 */

static void
add_view_line (LwRoomCard              *card,
               const LwParticipantView *view,
               const char              *key,
               const char              *label)
{
  const LwViewField *field = lw_participant_view_lookup (view, key);
  char *text;

  if (field == NULL || field->value == NULL)
    return;
  text = value_display (field->value);
  if (text[0] == '\0')
    {
      g_free (text);
      return;
    }
  g_ptr_array_add (card->lines, line_new (key, field->category, field->level,
                                          label ? label : field->label, text));
}

static void
add_plan_line (LwRoomCard              *card,
               const LwParticipantView *view)
{
  const LwViewField *field = lw_participant_view_lookup (view, "plan.goals");
  const char *met_label = lw_enum_to_label (&lw_goal_status_info, LW_GOAL_MET);
  const char *dropped_label = lw_enum_to_label (&lw_goal_status_info, LW_GOAL_DROPPED);
  guint met = 0, counted = 0;

  if (field == NULL || field->value == NULL)
    return;
  if (field->level != LW_LEVEL_FULL || field->value->type != LW_VIEW_VALUE_LIST)
    {
      add_view_line (card, view, "plan.goals", _("Plan"));
      return;
    }

  /* progress, not the goals' text: the projector is for the whole room; goals
   * about health or treatment count where the room may see them */
  for (guint f = 0; f < lw_participant_view_get_n_fields (view); f++)
    {
      const LwViewField *goals = lw_participant_view_get_field (view, f);

      if (!g_str_equal (strchr (goals->key, '.') + 1, "goals") ||
          goals->value == NULL || goals->value->type != LW_VIEW_VALUE_LIST)
        continue;
      for (guint i = 0; i < goals->value->children->len; i++)
        {
          const char *status = member_text (g_ptr_array_index (goals->value->children, i), "status");

          if (g_strcmp0 (status, dropped_label) == 0)
            continue;
          counted++;
          met += g_strcmp0 (status, met_label) == 0;
        }
    }
  g_ptr_array_add (card->lines,
                   line_new ("plan.goals", LW_CATEGORY_PLAN, LW_LEVEL_FULL, _("Plan"),
                             lw_view_goal_progress (met, counted)));
}

static void
add_legal_lines (LwRoomCard              *card,
                 const LwParticipantView *view)
{
  const LwViewField *matters = lw_participant_view_lookup (view, "legal.matters");

  if (matters != NULL && matters->value != NULL)
    {
      if (matters->level == LW_LEVEL_FULL && matters->value->type == LW_VIEW_VALUE_LIST)
        {
          for (guint i = 0; i < matters->value->children->len; i++)
            {
              const LwViewValue *m = g_ptr_array_index (matters->value->children, i);
              g_autoptr(GString) s = g_string_new (NULL);
              const char *court_date = member_text (m, "next_court_date");

              append_part (s, member_text (m, "case_number"));
              append_part (s, member_text (m, "charge"));
              append_part (s, member_text (m, "status"));
              if (court_date != NULL)
                {
                  g_autofree char *next = g_strdup_printf (_("court %s"), court_date);
                  append_part (s, next);
                }
              if (s->len == 0)
                continue;
              g_ptr_array_add (card->lines,
                               line_new ("legal.matters", LW_CATEGORY_LEGAL, LW_LEVEL_FULL,
                                         _("Legal matter"), g_string_free (g_steal_pointer (&s), FALSE)));
            }
        }
      else
        add_view_line (card, view, "legal.matters", _("Legal"));
    }

}

/* The latest position on each matter, beside the plan: what the room needs
 * at the table (the history stays on the presenter's screen). */
static void
add_position_lines (LwRoomCard              *card,
                    const LwParticipantView *view)
{
  const LwViewField *notes = lw_participant_view_lookup (view, "prosecution.notes");
  g_autoptr(GPtrArray) matters = lw_positions_from_view (view);

  for (guint i = 0; notes != NULL && i < matters->len; i++)
    {
      char *text = lw_matter_positions_latest_text (g_ptr_array_index (matters, i));

      if (text[0] == '\0')
        {
          g_free (text);
          continue;
        }
      g_ptr_array_add (card->lines,
                       line_new ("prosecution.notes", LW_CATEGORY_PROSECUTION, notes->level,
                                 _("Latest position"), text));
    }
}

/* An open action item as the room may see it (lw_policy_show_action(): the
 * owner and due date always, the text where the room sees what it concerns in
 * full), or NULL when the room may not see it at all. */
static LwRoomAction *
room_action_new (Room               *room,
                 const LwActionItem *a,
                 const LwLevel       levels[LW_N_CATEGORIES],
                 const char * const *part2)
{
  const char *text = NULL;
  LwRoomAction *action;

  if (a->status != LW_ACTION_OPEN)
    return NULL;
  /* substance-use information never goes on the projector (42 CFR Part 2: a
   * screen for a room carries no redisclosure notice); those items stay on the
   * screens of the people who may read them */
  if (lw_model_text_category (a) == LW_CATEGORY_SUBSTANCE_USE)
    return NULL;
  if (!lw_policy_show_action (a, levels, &text))
    return NULL;
  action = g_new0 (LwRoomAction, 1);
  if (a->owner_id != 0)
    {
      g_autoptr(LwPerson) owner = lw_store_get (room->store, &lw_person_table, a->owner_id, NULL);

      action->owner = lw_policy_person_label (owner, part2, levels);
    }
  action->due_date = g_strdup (a->due_date);
  /* short on a wall: the year only when it is not the meeting's */
  if (a->due_date == NULL)
    action->due_text = NULL;
  else if (room->meeting->date != NULL && strncmp (a->due_date, room->meeting->date, 4) == 0)
    action->due_text = lw_i18n_format_day_month (a->due_date);
  else
    action->due_text = format_date (a->due_date);
  action->overdue = a->due_date != NULL && room->meeting->date != NULL &&
                    g_strcmp0 (a->due_date, room->meeting->date) < 0;
  action->agreed_here = a->meeting_id == room->meeting->id;
  action->carried_over = a->carried_over;
  action->text = g_strdup (text);
  return action;
}

static int
compare_actions (gconstpointer a,
                 gconstpointer b)
{
  const LwActionItem *x = *(LwActionItem * const *) a;
  const LwActionItem *y = *(LwActionItem * const *) b;

  /* carried first (the oldest first), then those agreed now */
  if (x->created_at != y->created_at)
    return x->created_at < y->created_at ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static gboolean
add_participant_actions (Room                    *room,
                         LwRoomCard              *card,
                         LwId                     participant_id,
                         const LwLevel            levels[LW_N_CATEGORIES],
                         GError                 **error)
{
  g_autoptr(GPtrArray) actions = NULL;
  g_auto(GStrv) part2 = NULL;

  actions = lw_store_list (room->store, &lw_action_item_table, "participant_id", participant_id, error);
  if (actions == NULL)
    return FALSE;
  g_ptr_array_sort (actions, compare_actions);
  part2 = lw_policy_get_part2_agencies (room->store);
  for (guint i = 0; i < actions->len; i++)
    {
      LwRoomAction *action = room_action_new (room, g_ptr_array_index (actions, i), levels,
                                              (const char * const *) part2);

      if (action != NULL)
        g_ptr_array_add (card->actions, action);
    }
  return TRUE;
}

static void
add_reasons (LwRoomCard         *card,
             const LwAgendaItem *item,
             const LwLevel       levels[LW_N_CATEGORIES])
{
  g_autoptr(GPtrArray) labels = lw_agenda_reason_labels (item->reasons, levels);

  for (guint i = 0; i < labels->len; i++)
    g_ptr_array_add (card->reasons, g_strdup (g_ptr_array_index (labels, i)));
}

static gboolean
fill_participant (Room               *room,
                  LwRoomCard         *card,
                  const LwAgendaItem *item,
                  const LwRoomReveal *reveal,
                  GError            **error)
{
  g_autoptr(LwParticipantView) view = NULL;
  LwLevel levels[LW_N_CATEGORIES];

  /* seen by the room: audited as every view a person sees */
  view = view_for (room, room->audience, item->participant_id, LW_VIEW_AUDITED, error);
  if (view == NULL)
    return FALSE;

  card->heading = view_heading (view);

  add_view_line (card, view, "status.status", _("Status"));
  if (lw_participant_view_get_level (view, LW_CATEGORY_STATUS) == LW_LEVEL_FULL)
    {
      add_view_line (card, view, "status.case_manager", _("Case manager"));
      add_view_line (card, view, "status.last_contact", _("Last contact"));
    }
  add_plan_line (card, view);
  add_position_lines (card, view);
  add_legal_lines (card, view);

  for (int c = 0; c < LW_N_CATEGORIES; c++)
    levels[c] = lw_participant_view_get_level (view, c);
  if (!add_participant_actions (room, card, item->participant_id, levels, error))
    return FALSE;
  add_reasons (card, item, levels);

  if (reveal != NULL && reveal->meeting_id == room->meeting->id && reveal->item_id == item->id)
    {
      g_autoptr(LwParticipantView) full = revealer_view (room, item->participant_id, error);
      const LwViewField *field;

      if (full == NULL)
        return FALSE;
      field = lw_participant_view_lookup (full, reveal->key);
      /* checked again: the room may have changed since the reveal */
      if (field != NULL && field->value != NULL && field_revealable (field, view, room->roles))
        card->reveal = line_new (field->key, field->category, field->level, field->label,
                                 value_display (field->value));
    }
  return TRUE;
}

/* ----------------------------------------------------------------------------
 * Topic and concern cards
 */

static gboolean
add_item_actions (Room               *room,
                  LwRoomCard         *card,
                  const LwAgendaItem *item,
                  const LwLevel       levels[LW_N_CATEGORIES],
                  GError            **error)
{
  g_autoptr(GPtrArray) actions = NULL;
  g_auto(GStrv) part2 = NULL;

  actions = lw_store_list (room->store, &lw_action_item_table, "agenda_item_id", item->id, error);
  if (actions == NULL)
    return FALSE;
  part2 = lw_policy_get_part2_agencies (room->store);
  for (guint i = 0; i < actions->len; i++)
    {
      const LwActionItem *a = g_ptr_array_index (actions, i);
      LwRoomAction *action;

      /* the same rule as a participant's items: what it concerns decides */
      if (a->participant_id != 0)
        continue;
      action = room_action_new (room, a, levels, (const char * const *) part2);
      if (action != NULL)
        g_ptr_array_add (card->actions, action);
    }
  return TRUE;
}

static gboolean
fill_topic (Room               *room,
            LwRoomCard         *card,
            const LwAgendaItem *item,
            GError            **error)
{
  LwLevel levels[LW_N_CATEGORIES];

  room_levels (room, levels);
  card->heading = lw_agenda_topic_title (item, levels);
  add_reasons (card, item, levels);
  return add_item_actions (room, card, item, levels, error);
}

static gboolean
fill_concern (Room               *room,
              LwRoomCard         *card,
              const LwAgendaItem *item,
              GError            **error)
{
  g_autoptr(LwCommunityConcern) concern = NULL;
  g_autoptr(LwConcernView) view = NULL;
  LwLevel levels[LW_N_CATEGORIES];
  const char *status;

  room_levels (room, levels);
  concern = lw_store_get (room->store, &lw_community_concern_table, item->concern_id, error);
  if (concern == NULL)
    return FALSE;
  /* the concern as the room may see it: nothing else of it is read here */
  view = lw_concern_view_new (room->store, room->audience, concern, error);
  if (view == NULL)
    return FALSE;
  g_clear_pointer (&concern, lw_record_free);

  /* the kind is said above the heading: the heading says which */
  if (view->area != NULL)
    card->heading = g_strdup (view->area);
  else if (view->date)
    card->heading = g_strdup_printf (_("Raised %s"), view->date);
  else
    card->heading = g_strdup (_("Community concern"));

  if (view->date && card->heading && !g_str_has_suffix (card->heading, view->date))
    g_ptr_array_add (card->lines, line_new (NULL, LW_CATEGORY_NONE, LW_LEVEL_FULL,
                                            _("Raised"), g_strdup (view->date)));
  status = lw_enum_to_label (&lw_concern_status_info, view->status);
  if (status)
    g_ptr_array_add (card->lines, line_new (NULL, LW_CATEGORY_NONE, LW_LEVEL_FULL,
                                            _("Status"), g_strdup (status)));
  if (view->text != NULL)
    g_ptr_array_add (card->lines, line_new ("location.text", LW_CATEGORY_LOCATION, LW_LEVEL_FULL,
                                            _("Concern"), g_strdup (view->text)));
  if (view->planned_response != NULL)
    g_ptr_array_add (card->lines, line_new ("location.planned_response", LW_CATEGORY_LOCATION,
                                            LW_LEVEL_FULL, _("Planned response"),
                                            g_strdup (view->planned_response)));
  /* the summary: what kind of response, no free text */
  if (view->response_kind != NULL)
    g_ptr_array_add (card->lines, line_new ("location.response_kind", LW_CATEGORY_LOCATION, view->level,
                                            _("What was done"), g_strdup (view->response_kind)));
  if (view->response != NULL)
    g_ptr_array_add (card->lines, line_new ("location.response", LW_CATEGORY_LOCATION, LW_LEVEL_FULL,
                                            _("Response"), g_strdup (view->response)));
  add_reasons (card, item, levels);
  return add_item_actions (room, card, item, levels, error);
}

/* ----------------------------------------------------------------------------
 * Public
 */

static char *
meeting_title (const LwMeeting *meeting)
{
  g_autofree char *date = format_date (meeting->date);

  if (meeting->place && meeting->place[0])
    return g_strdup_printf ("%s · %s", date, meeting->place);
  return g_steal_pointer (&date);
}

char *
lw_room_meeting_title (LwStore  *store,
                       LwId      meeting_id,
                       GError  **error)
{
  g_autoptr(LwMeeting) meeting = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  meeting = lw_store_get (store, &lw_meeting_table, meeting_id, error);
  if (meeting == NULL)
    return NULL;
  return meeting_title (meeting);
}

static LwRoomCard *
card_new (Room               *room,
          guint               index,
          const LwRoomReveal *reveal,
          GError            **error)
{
  g_autoptr(LwRoomCard) card = g_new0 (LwRoomCard, 1);
  const LwMeeting *meeting = room->meeting;
  const LwAgendaItem *item;
  gboolean ok = TRUE;

  card->meeting_id = meeting->id;
  card->roles = room->roles;
  card->audience_text = lw_roles_join (room->roles, ", ", TRUE);
  card->audience_members = lw_audience_to_string (room->audience);
  card->redacted_for = room_redacted_for (room);
  card->meeting_date = g_strdup (meeting->date);
  card->meeting_title = meeting_title (meeting);
  card->lines = g_ptr_array_new_with_free_func (room_line_free);
  card->reasons = g_ptr_array_new_with_free_func (lw_secret_free);
  card->actions = g_ptr_array_new_with_free_func (room_action_free);
  card->n_items = room->items->len;

  if (room->items->len == 0)
    {
      card->position_text = g_strdup (_("No items on the agenda"));
      return g_steal_pointer (&card);
    }

  index = MIN (index, room->items->len - 1);
  item = g_ptr_array_index (room->items, index);
  card->index = index;
  card->item_id = item->id;
  card->kind = item->kind;
  card->position_text = g_strdup_printf (_("Item %u of %u"), index + 1, room->items->len);
  card->kind_label = g_strdup (lw_enum_to_label (&lw_item_kind_info, item->kind));
  card->time_budget = item->time_budget;
  card->started_at = item->started_at;
  card->ended_at = item->ended_at;
  card->budget_text = format_budget (item->time_budget);
  if (index + 1 < room->items->len)
    card->next_up = item_short_title (room, g_ptr_array_index (room->items, index + 1));

  switch (item->kind)
    {
    case LW_ITEM_PARTICIPANT:
      ok = fill_participant (room, card, item, reveal, error);
      break;
    case LW_ITEM_TOPIC:
      ok = fill_topic (room, card, item, error);
      break;
    case LW_ITEM_CONCERN:
      ok = fill_concern (room, card, item, error);
      break;
    default:
      card->heading = g_strdup (_("Item"));
      break;
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&card);
}

LwRoomCard *
lw_room_card_new_for_roles (LwStore            *store,
                            LwId                meeting_id,
                            guint               index,
                            guint32             roles,
                            const LwRoomReveal *reveal,
                            GError            **error)
{
  Room room;
  LwRoomCard *card = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!lw_store_is_unlocked (store))
    {
      g_set_error_literal (error, LW_ERROR, LW_ERROR_LOCKED, _("The program is locked"));
      return NULL;
    }

  /* 0 would mean "ask the store": the caller asked for nobody, the most
   * restrictive role */
  if (room_init (&room, store, meeting_id, roles != 0 ? roles : LW_ALL_ROLES + 1u, error))
    card = card_new (&room, index, reveal, error);
  room_clear (&room);
  return card;
}

LwRoomCard *
lw_room_card_new (LwStore            *store,
                  LwId                meeting_id,
                  guint               index,
                  const LwRoomReveal *reveal,
                  GError            **error)
{
  Room room;
  LwRoomCard *card = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!lw_store_is_unlocked (store))
    {
      g_set_error_literal (error, LW_ERROR, LW_ERROR_LOCKED, _("The program is locked"));
      return NULL;
    }

  if (room_init (&room, store, meeting_id, 0, error))
    card = card_new (&room, index, reveal, error);
  room_clear (&room);
  return card;
}

char *
lw_room_card_to_text (const LwRoomCard *card)
{
  g_autoptr(GString) s = g_string_new (NULL);

  g_return_val_if_fail (card != NULL, NULL);

#define ADD(str) G_STMT_START { if ((str) != NULL) g_string_append_printf (s, "%s\n", (str)); } G_STMT_END
  ADD (card->audience_text);
  ADD (card->meeting_title);
  ADD (card->position_text);
  ADD (card->kind_label);
  ADD (card->heading);
  for (guint i = 0; i < card->lines->len; i++)
    {
      const LwRoomLine *line = g_ptr_array_index (card->lines, i);

      ADD (line->label);
      ADD (line->text);
    }
  for (guint i = 0; i < card->reasons->len; i++)
    ADD ((const char *) g_ptr_array_index (card->reasons, i));
  for (guint i = 0; i < card->actions->len; i++)
    {
      const LwRoomAction *action = g_ptr_array_index (card->actions, i);

      ADD (action->text);
      ADD (action->owner);
      ADD (action->due_date);
      ADD (action->due_text);
    }
  ADD (card->redacted_for);
  ADD (card->budget_text);
  ADD (card->next_up);
  if (card->reveal != NULL)
    {
      ADD (card->reveal->label);
      ADD (card->reveal->text);
    }
#undef ADD
  return g_string_free (g_steal_pointer (&s), FALSE);
}

gboolean
lw_room_audit_projection (LwStore           *store,
                          const LwRoomCard  *card,
                          GError           **error)
{
  g_autofree char *detail = NULL;
  const char *roles;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (card != NULL, FALSE);

  /* ids, positions, roles and agencies only: never a value */
  roles = card->audience_members;
  if (card->n_items == 0)
    detail = g_strdup_printf ("meeting=%" G_GINT64_FORMAT " item=none audience=%s",
                              card->meeting_id, roles);
  else
    detail = g_strdup_printf ("meeting=%" G_GINT64_FORMAT " item=%u of %u kind=%s audience=%s%s%s",
                              card->meeting_id, card->index + 1, card->n_items,
                              lw_enum_to_string (&lw_item_kind_info, card->kind), roles,
                              card->reveal ? " reveal=" : "",
                              card->reveal ? lw_category_to_string (card->reveal->category) : "");
  return lw_audit_append (store, LW_AUDIT_PROJECTION, detail, error);
}

/* The room, its current item and the room's view of that item's participant. */
static const LwAgendaItem *
current_participant_item (Room               *room,
                          guint               index,
                          GError            **error)
{
  const LwAgendaItem *item;

  if (index >= room->items->len)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_NOT_FOUND,
                   _("The meeting has no item %u"), index + 1);
      return NULL;
    }
  item = g_ptr_array_index (room->items, index);
  if (item->kind != LW_ITEM_PARTICIPANT)
    {
      g_set_error_literal (error, LW_ERROR, LW_ERROR_DENIED,
                           _("Only a participant item has fields to reveal"));
      return NULL;
    }
  return item;
}

GPtrArray *
lw_room_revealable (LwStore  *store,
                    LwId      meeting_id,
                    guint     index,
                    LwRole    revealer,
                    GError  **error)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(LwParticipantView) room_view = NULL;
  g_autoptr(LwParticipantView) full = NULL;
  const LwAgendaItem *item;
  GError *local_error = NULL;
  Room room;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fields = g_ptr_array_new_with_free_func (room_line_free);
  if (revealer != REVEALER_ROLE)
    return g_steal_pointer (&fields);

  if (!room_init (&room, store, meeting_id, 0, error))
    {
      room_clear (&room);
      return NULL;
    }

  item = current_participant_item (&room, index, &local_error);
  if (item == NULL)
    {
      room_clear (&room);
      if (g_error_matches (local_error, LW_ERROR, LW_ERROR_DENIED))
        {
          g_clear_error (&local_error);
          return g_steal_pointer (&fields);
        }
      g_propagate_error (error, local_error);
      return NULL;
    }

  room_view = view_for (&room, room.audience, item->participant_id, LW_VIEW_DEFAULT, error);
  full = room_view ? revealer_view (&room, item->participant_id, error) : NULL;
  if (full == NULL)
    {
      room_clear (&room);
      return NULL;
    }

  for (guint i = 0; i < lw_participant_view_get_n_fields (full); i++)
    {
      const LwViewField *field = lw_participant_view_get_field (full, i);

      if (field->value != NULL && field_revealable (field, room_view, room.roles))
        g_ptr_array_add (fields, line_new (field->key, field->category, field->level,
                                           field->label, NULL));
    }
  room_clear (&room);
  return g_steal_pointer (&fields);
}

/* Refuses a reveal: the error says why, and the refusal is audited (what was
 * asked for and by which role, the room, the reason typed; never a value).  If
 * the refusal cannot be recorded, that error is the one returned. */
static LwRoomReveal *
refuse_reveal (LwStore     *store,
               LwId         meeting_id,
               guint        index,
               LwRole       revealer,
               const char  *key,
               const char  *why,
               guint32      roles,
               GError     **error)
{
  g_autoptr(GError) audit_error = NULL;
  g_autoptr(LwAudience) audience = lw_audience_new_for_roles (roles);
  g_autofree char *room = lw_audience_to_string (audience);
  g_autofree char *detail = NULL;

  g_assert (error == NULL || *error != NULL);

  detail = g_strdup_printf ("meeting=%" G_GINT64_FORMAT " item=%u key=%s revealer=%s audience=%s refused: %s",
                            meeting_id, index + 1, key && key[0] ? key : "(none)",
                            lw_role_to_string (revealer), room[0] ? room : "(unknown)",
                            error && *error && (*error)->code == LW_ERROR_INVALID ? "invalid request" : "denied");
  if (!(why && why[0]
        ? lw_audit_append_with_note (store, LW_AUDIT_REVEAL_REFUSED, detail, why, &audit_error)
        : lw_audit_append (store, LW_AUDIT_REVEAL_REFUSED, detail, &audit_error)))
    {
      if (error)
        g_clear_error (error);
      g_propagate_error (error, g_steal_pointer (&audit_error));
    }
  return NULL;
}

LwRoomReveal *
lw_room_reveal (LwStore     *store,
                LwId         meeting_id,
                guint        index,
                LwRole       revealer,
                const char  *key,
                const char  *reason,
                GError     **error)
{
  g_autoptr(LwParticipantView) room_view = NULL;
  g_autoptr(LwParticipantView) full = NULL;
  g_autoptr(LwAudience) audience = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *roles = NULL;
  g_autofree char *why = NULL;
  g_autofree char *detail = NULL;
  const LwAgendaItem *item;
  const LwViewField *field;
  LwRoomReveal *reveal = NULL;
  Room room;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  why = lw_policy_clean_reason (reason);
  memset (&room, 0, sizeof room);

  if (revealer != REVEALER_ROLE)
    {
      g_set_error (&local_error, LW_ERROR, LW_ERROR_DENIED,
                   _("Only the project manager may show the room a hidden field; this screen is set to the role “%s”"),
                   lw_role_to_label (revealer));
      goto refuse;
    }
  if (why[0] == '\0')
    {
      g_set_error_literal (&local_error, LW_ERROR, LW_ERROR_INVALID,
                           _("Give a reason for showing this to the room"));
      goto refuse;
    }
  if (key == NULL || key[0] == '\0')
    {
      g_set_error_literal (&local_error, LW_ERROR, LW_ERROR_INVALID, _("Choose a field to reveal"));
      goto refuse;
    }

  if (!room_init (&room, store, meeting_id, 0, error))
    goto out;
  item = current_participant_item (&room, index, &local_error);
  if (item == NULL)
    goto refuse;
  room_view = view_for (&room, room.audience, item->participant_id, LW_VIEW_DEFAULT, error);
  if (room_view == NULL)
    goto out;
  full = revealer_view (&room, item->participant_id, error);
  if (full == NULL)
    goto out;

  field = lw_participant_view_lookup (full, key);
  if (g_str_has_prefix (key, "substance_use.") ||
      (field != NULL && field->category == LW_CATEGORY_SUBSTANCE_USE))
    {
      g_set_error_literal (&local_error, LW_ERROR, LW_ERROR_DENIED,
                           _("Substance use information is never shown to the room: "
                             "42 CFR Part 2 needs the participant’s consent for each recipient"));
      goto refuse;
    }
  if (field == NULL || field->value == NULL)
    {
      g_set_error (&local_error, LW_ERROR, LW_ERROR_INVALID,
                   _("There is no “%s” to reveal for this participant"), key);
      goto refuse;
    }
  if (never_revealed (field->key, field->category))
    {
      g_set_error (&local_error, LW_ERROR, LW_ERROR_DENIED,
                   _("“%s” is never shown to the room: health, care notes, the street address and housing notes stay with the people who may see them"),
                   field->label);
      goto refuse;
    }
  if (!field_revealable (field, room_view, room.roles))
    {
      g_set_error (&local_error, LW_ERROR, LW_ERROR_DENIED,
                   _("Someone in the room may never see %s at this level, or the room sees it already"),
                   lw_category_to_string (field->category));
      goto refuse;
    }

  audience = lw_audience_copy (room.audience);
  roles = lw_audience_to_string (audience);
  /* ids, the code, the field's name; the person's reason sealed beside it */
  detail = g_strdup_printf ("meeting=%" G_GINT64_FORMAT " item=%u participant=%s key=%s category=%s "
                            "audience=%s",
                            meeting_id, index + 1, lw_participant_view_get_code (full), field->key,
                            lw_category_to_string (field->category), roles);
  if (!lw_audit_append_with_note (store, LW_AUDIT_REVEAL, detail, why, error))
    goto out;

  reveal = g_new0 (LwRoomReveal, 1);
  reveal->meeting_id = meeting_id;
  reveal->item_id = item->id;
  reveal->index = index;
  reveal->key = g_strdup (field->key);
  reveal->category = field->category;
  goto out;

refuse:
  if (room.audience == NULL)
    {
      g_autoptr(GError) room_error = NULL;
      guint32 room_roles = lw_agenda_room_roles (store, meeting_id, &room_error);

      refuse_reveal (store, meeting_id, index, revealer, key, why, room_roles, &local_error);
    }
  else
    refuse_reveal (store, meeting_id, index, revealer, key, why, room.roles, &local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));

out:
  room_clear (&room);
  return reveal;
}

/* ----------------------------------------------------------------------------
 * The agenda overview
 */

static void
agenda_line_free (gpointer data)
{
  LwRoomAgendaLine *line = data;

  if (line == NULL)
    return;
  lw_secret_free (line->title);
  g_free (line->kind_label);
  g_free (line->planned_start);
  g_free (line->budget_text);
  g_free (line);
}

void
lw_room_agenda_free (LwRoomAgenda *agenda)
{
  if (agenda == NULL)
    return;
  g_free (agenda->audience_members);
  g_free (agenda->redacted_for);
  g_free (agenda->meeting_title);
  g_clear_pointer (&agenda->lines, g_ptr_array_unref);
  g_free (agenda);
}

LwRoomAgenda *
lw_room_agenda_new (LwStore  *store,
                    LwId      meeting_id,
                    guint     current,
                    GError  **error)
{
  g_autoptr(LwRoomAgenda) agenda = NULL;
  g_auto(GStrv) starts = NULL;
  gboolean ok = TRUE;
  Room room;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!lw_store_is_unlocked (store))
    {
      g_set_error_literal (error, LW_ERROR, LW_ERROR_LOCKED, _("The program is locked"));
      return NULL;
    }
  if (!room_init (&room, store, meeting_id, 0, error))
    {
      room_clear (&room);
      return NULL;
    }

  agenda = g_new0 (LwRoomAgenda, 1);
  agenda->meeting_id = meeting_id;
  agenda->roles = room.roles;
  agenda->audience_members = lw_audience_to_string (room.audience);
  agenda->redacted_for = room_redacted_for (&room);
  agenda->meeting_title = meeting_title (room.meeting);
  agenda->current = room.items->len > 0 ? MIN (current, room.items->len - 1) : 0;
  agenda->lines = g_ptr_array_new_with_free_func (agenda_line_free);
  starts = lw_agenda_planned_starts (room.meeting, room.items);

  for (guint i = 0; i < room.items->len && ok; i++)
    {
      const LwAgendaItem *item = g_ptr_array_index (room.items, i);
      LwRoomAgendaLine *line = g_new0 (LwRoomAgendaLine, 1);

      line->title = item_short_title (&room, item);
      line->kind_label = g_strdup (lw_enum_to_label (&lw_item_kind_info, item->kind));
      line->planned_start = starts ? g_strdup (starts[i]) : NULL;
      line->budget_text = format_budget (item->time_budget);
      if (i == agenda->current)
        line->state = LW_ROOM_ITEM_NOW;
      else if (item->started_at != 0 && item->ended_at != 0)
        line->state = LW_ROOM_ITEM_DONE;
      else if (i == agenda->current + 1)
        line->state = LW_ROOM_ITEM_NEXT;
      else
        line->state = LW_ROOM_ITEM_LATER;
      g_ptr_array_add (agenda->lines, line);
    }
  room_clear (&room);
  return g_steal_pointer (&agenda);
}

char *
lw_room_agenda_to_text (const LwRoomAgenda *agenda)
{
  g_autoptr(GString) s = g_string_new (NULL);

  g_return_val_if_fail (agenda != NULL, NULL);

  g_string_append_printf (s, "%s\n%s\n", agenda->meeting_title, agenda->redacted_for);
  for (guint i = 0; i < agenda->lines->len; i++)
    {
      const LwRoomAgendaLine *line = g_ptr_array_index (agenda->lines, i);

      g_string_append_printf (s, "%s\n%s\n%s\n", line->title, line->kind_label, line->budget_text);
      if (line->planned_start)
        g_string_append_printf (s, "%s\n", line->planned_start);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

gboolean
lw_room_audit_agenda (LwStore            *store,
                      const LwRoomAgenda *agenda,
                      GError            **error)
{
  g_autofree char *detail = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (agenda != NULL, FALSE);

  /* ids and roles only: never a value */
  detail = g_strdup_printf ("meeting=%" G_GINT64_FORMAT " item=agenda of %u audience=%s",
                            agenda->meeting_id, agenda->lines->len, agenda->audience_members);
  return lw_audit_append (store, LW_AUDIT_PROJECTION, detail, error);
}
