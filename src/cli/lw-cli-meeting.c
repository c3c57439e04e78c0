/* lw-cli-meeting.c: meeting list and show, agenda suggest, actions
 *
 * Participant details come from views (lw-view.h); reasons and action item texts
 * are shown only when the audience's level for their category allows it
 * (lw-policy.h).  Participant codes, meeting dates, owners and due dates are
 * structural and always shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "lw/lw-agenda.h"
#include "lw/lw-audit.h"
#include "lw/lw-error.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw/lw-view.h"
#include "lw-cli-private.h"

#define DEFAULT_AUDIENCE "project-manager"

/* ----------------------------------------------------------------------------
 * Levels for many participants: the matrix and every consent read once
 */

typedef struct
{
  LwPolicyMatrix  matrix;
  LwAudience     *audience;   /* borrowed */
  GPtrArray      *consents;   /* all LwConsent rows */
  GHashTable     *by_participant;  /* LwId* → GPtrArray of borrowed LwConsent */
  char           *today;
  char          **part2;      /* substance-use treatment programs */
} Levels;

static void
levels_clear (Levels *l)
{
  g_clear_pointer (&l->by_participant, g_hash_table_unref);
  g_clear_pointer (&l->consents, g_ptr_array_unref);
  g_clear_pointer (&l->today, g_free);
  g_clear_pointer (&l->part2, g_strfreev);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Levels, levels_clear)

static gboolean
levels_init (Levels      *l,
             LwStore     *store,
             LwAudience  *audience,
             GError     **error)
{
  lw_policy_load_matrix (store, &l->matrix);
  l->audience = audience;
  l->today = lw_date_today ();
  l->part2 = lw_policy_get_part2_agencies (store);
  l->consents = lw_store_list (store, &lw_consent_table, NULL, 0, error);
  if (l->consents == NULL)
    return FALSE;
  l->by_participant = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                             (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < l->consents->len; i++)
    {
      LwConsent *c = g_ptr_array_index (l->consents, i);
      GPtrArray *list = g_hash_table_lookup (l->by_participant, &c->participant_id);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (l->by_participant, &c->participant_id, list);
        }
      g_ptr_array_add (list, c);
    }
  return TRUE;
}

/* participant_id 0: no participant, so no consent applies */
static void
levels_for (Levels  *l,
            LwId     participant_id,
            LwLevel  levels[LW_N_CATEGORIES])
{
  GPtrArray *consents = participant_id ? g_hash_table_lookup (l->by_participant, &participant_id) : NULL;

  lw_policy_resolve_levels (&l->matrix, l->audience, consents, l->today, levels);
}

static gboolean
reason_visible (const char    *code,
                const LwLevel  levels[LW_N_CATEGORIES])
{
  return lw_agenda_reason_visible (code, levels);
}

/* ----------------------------------------------------------------------------
 * Shared helpers
 */

static LwAudience *
parse_audience (LwCli       *cli,
                const char  *text,
                int         *status)
{
  g_autoptr(GError) error = NULL;
  LwAudience *audience = lw_audience_parse (text, &error);

  if (audience == NULL)
    *status = lw_cli_usage (cli, "%s", error->message);
  return audience;
}

static char *
format_clock (gint64 usec)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (usec == 0)
    return NULL;
  utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  local = utc ? g_date_time_to_local (utc) : NULL;
  return local ? g_date_time_format (local, "%H:%M") : NULL;
}

static void
add_roles_array (JsonBuilder *b,
                 const char  *name,
                 guint        roles)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (int r = 0; r < LW_N_ROLES; r++)
    if (roles & LW_ROLE_BIT (r))
      json_builder_add_string_value (b, lw_role_to_string (r));
  json_builder_end_array (b);
}

/* "5 min", "1 h 10 min" */
static char *
format_duration (gint64 seconds)
{
  gint64 minutes = seconds / 60 + (seconds % 60 > 0 ? 1 : 0);

  if (minutes < 60)
    return g_strdup_printf (_("%" PRId64 " min"), minutes);
  if (minutes % 60 == 0)
    return g_strdup_printf (_("%" PRId64 " h"), minutes / 60);
  return g_strdup_printf (_("%" PRId64 " h %" PRId64 " min"), minutes / 60, minutes % 60);
}

/* The length in seconds; a damaged length must not overflow. */
static gint64
meeting_seconds (const LwMeeting *meeting)
{
  return CLAMP (meeting->length_minutes, 0, G_MAXINT32) * 60;
}

static void
add_meeting_object (JsonBuilder     *b,
                    const LwMeeting *m)
{
  json_builder_begin_object (b);
  lw_cli_json_int (b, "id", m->id);
  lw_cli_json_string (b, "date", m->date);
  lw_cli_json_string (b, "start_time", m->start_time);
  lw_cli_json_int (b, "length_minutes", m->length_minutes);
  lw_cli_json_string (b, "place", m->place);
  lw_cli_json_string (b, "status", lw_enum_to_string (&lw_meeting_status_info, m->status));
  lw_cli_json_time (b, "started_at", m->started_at);
  lw_cli_json_time (b, "ended_at", m->ended_at);
  json_builder_end_object (b);
}

/* Opens the store and resolves argv[1]; prints the error itself. */
static LwStore *
open_with_meeting (LwCli       *cli,
                   const char  *spec,
                   LwMeeting  **meeting,
                   int         *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    {
      *status = lw_cli_fail (cli, error);
      return NULL;
    }
  *meeting = lw_agenda_resolve_meeting (store, spec, &error);
  if (*meeting == NULL)
    {
      *status = lw_cli_fail (cli, error);
      return NULL;
    }
  return g_steal_pointer (&store);
}

typedef struct
{
  GHashTable *people;        /* LwId* → LwPerson (owned by people_list) */
  GPtrArray  *people_list;
  GHashTable *codes;         /* LwId* → LwParticipant, for codes only */
  GPtrArray  *participants;
  GHashTable *meetings;      /* LwId* → LwMeeting */
  GPtrArray  *meeting_list;
} Names;

static void
names_clear (Names *n)
{
  g_clear_pointer (&n->people, g_hash_table_unref);
  g_clear_pointer (&n->people_list, g_ptr_array_unref);
  g_clear_pointer (&n->codes, g_hash_table_unref);
  g_clear_pointer (&n->participants, g_ptr_array_unref);
  g_clear_pointer (&n->meetings, g_hash_table_unref);
  g_clear_pointer (&n->meeting_list, g_ptr_array_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Names, names_clear)

static GHashTable *
index_records (GPtrArray *records)
{
  GHashTable *index = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < records->len; i++)
    {
      LwRecord *r = g_ptr_array_index (records, i);
      g_hash_table_insert (index, &r->id, r);
    }
  return index;
}

/* People, participant codes and meetings, each read once. */
static gboolean
names_init (Names    *n,
            LwStore  *store,
            gboolean  with_participants,
            GError  **error)
{
  n->people_list = lw_store_list (store, &lw_person_table, NULL, 0, error);
  if (n->people_list == NULL)
    return FALSE;
  n->people = index_records (n->people_list);
  n->meeting_list = lw_store_list (store, &lw_meeting_table, NULL, 0, error);
  if (n->meeting_list == NULL)
    return FALSE;
  n->meetings = index_records (n->meeting_list);
  if (with_participants)
    {
      n->participants = lw_store_list (store, &lw_participant_table, NULL, 0, error);
      if (n->participants == NULL)
        return FALSE;
      n->codes = index_records (n->participants);
    }
  return TRUE;
}

static const char *
person_name (Names *n,
             LwId   id)
{
  LwPerson *p = id ? g_hash_table_lookup (n->people, &id) : NULL;

  return p ? p->name : NULL;
}

static const char *
participant_code (Names *n,
                  LwId   id)
{
  LwParticipant *p = id && n->codes ? g_hash_table_lookup (n->codes, &id) : NULL;

  return p ? p->code : NULL;
}

/* An action item's text is plan information: shown only at full. */
/* Whether the audience may see an action item at all (one marked as concerning
 * health or treatment is all or nothing), and its text where it may. */
static gboolean
action_shown (Levels              *levels,
              const LwActionItem  *a,
              const char         **text)
{
  LwLevel lv[LW_N_CATEGORIES];

  levels_for (levels, a->participant_id, lv);
  return lw_policy_show_action (a, lv, text);
}

static gboolean
action_text_visible (Levels             *levels,
                     const LwActionItem *a)
{
  const char *text = NULL;

  return action_shown (levels, a, &text) && text != NULL;
}

/* The owner as the audience may see them: by role alone for the staff of a
 * substance-use treatment program named on a participant's item. */
static char *
action_owner (Names              *names,
              Levels             *levels,
              const LwActionItem *a)
{
  LwPerson *p = a->owner_id ? g_hash_table_lookup (names->people, &a->owner_id) : NULL;
  LwLevel lv[LW_N_CATEGORIES];

  levels_for (levels, a->participant_id, lv);
  return lw_policy_person_label (p, (const char * const *) levels->part2, lv);
}

/* "identity,status" for an audit detail. */
static char *
categories_text (guint mask)
{
  GString *s = g_string_new (NULL);

  for (int c = 0; c < LW_N_CATEGORIES; c++)
    if (mask & (1u << c))
      g_string_append_printf (s, "%s%s", s->len ? "," : "", lw_category_to_string (c));
  return g_string_free (s, FALSE);
}

/* One action item: its text only when the audience has plan at full for it. */
static void
add_action_object (JsonBuilder        *b,
                   Names              *names,
                   Levels             *levels,
                   const LwActionItem *a,
                   const char         *today)
{
  LwMeeting *from = a->meeting_id ? g_hash_table_lookup (names->meetings, &a->meeting_id) : NULL;
  g_autofree char *owner = NULL;
  const char *text = NULL;

  if (!action_shown (levels, a, &text))
    return;
  owner = action_owner (names, levels, a);
  json_builder_begin_object (b);
  lw_cli_json_int (b, "id", a->id);
  lw_cli_json_string (b, "text", text);
  lw_cli_json_bool (b, "text_hidden", text == NULL);
  lw_cli_json_int (b, "owner_id", a->owner_id);
  lw_cli_json_string (b, "owner", owner);
  lw_cli_json_string (b, "due_date", a->due_date);
  lw_cli_json_string (b, "status", lw_enum_to_string (&lw_action_status_info, a->status));
  lw_cli_json_bool (b, "overdue", a->status == LW_ACTION_OPEN && a->due_date && strcmp (a->due_date, today) < 0);
  lw_cli_json_string (b, "participant", participant_code (names, a->participant_id));
  json_builder_set_member_name (b, "meeting_id");
  if (a->meeting_id)
    json_builder_add_int_value (b, a->meeting_id);
  else
    json_builder_add_null_value (b);
  lw_cli_json_string (b, "meeting_date", from ? from->date : NULL);
  lw_cli_json_int (b, "carried_over", a->carried_over);
  json_builder_end_object (b);
}

static void
print_action_line (const char         *indent,
                   Names              *names,
                   Levels             *levels,
                   const LwActionItem *a,
                   const char         *today)
{
  LwMeeting *from = a->meeting_id ? g_hash_table_lookup (names->meetings, &a->meeting_id) : NULL;
  g_autofree char *owner = NULL;
  const char *code = participant_code (names, a->participant_id);
  gboolean overdue = a->status == LW_ACTION_OPEN && a->due_date && strcmp (a->due_date, today) < 0;
  g_autoptr(GString) line = NULL;
  const char *text = NULL;

  if (!action_shown (levels, a, &text))
    return;
  owner = action_owner (names, levels, a);
  line = g_string_new (indent);
  if (text != NULL)
    g_string_append (line, text);
  else if (LW_RECORD (a)->damaged & (G_GUINT64_CONSTANT (1) << (lw_table_find_column (&lw_action_item_table, "text") - lw_action_item_table.columns)))
    /* a sealed text that does not open is unset; check names it */
    g_string_append (line, _("(text damaged: run “lead-workgroup check”)"));
  else
    g_string_append (line, _("(text hidden for this audience)"));
  g_string_append_printf (line, " — %s", owner ? owner : _("no owner"));
  if (a->due_date)
    g_string_append_printf (line, _(", due %s"), a->due_date);
  if (overdue)
    g_string_append (line, _(" (overdue)"));
  if (a->status != LW_ACTION_OPEN)
    g_string_append_printf (line, " [%s]", lw_enum_to_label (&lw_action_status_info, a->status));
  if (code)
    g_string_append_printf (line, _("; %s"), code);
  if (from)
    g_string_append_printf (line, _("; from %s"), from->date);
  if (a->carried_over > 0)
    g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, ", carried over %" PRId64 " time",
                                               ", carried over %" PRId64 " times",
                                               (gulong) a->carried_over),
                            a->carried_over);
  printf ("%s\n", line->str);
}

/* ----------------------------------------------------------------------------
 * meeting list
 */


/* One cell of a text table, padded to width characters (not bytes: translated
 * headers may be longer, and accented); two spaces before the next. */
static void
append_cell (GString    *line,
             const char *text,
             guint       width,
             gboolean    right)
{
  guint len = g_utf8_strlen (text, -1);
  guint pad = len < width ? width - len : 0;

  if (line->len > 0)
    g_string_append (line, "  ");
  if (right)
    for (guint i = 0; i < pad; i++)
      g_string_append_c (line, ' ');
  g_string_append (line, text);
  if (!right && width > 0)
    for (guint i = 0; i < pad; i++)
      g_string_append_c (line, ' ');
}

int
lw_cli_meeting_list (LwCli  *cli,
                     int     argc,
                     char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) attendance = NULL;
  g_autoptr(GHashTable) n_items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) n_people = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  if (!lw_cli_parse (cli, &argc, &argv, NULL, NULL,
                     _("Lists the meetings, oldest first: date, status, place, agenda items and attendees.")))
    return LW_EXIT_USAGE;
  if (argc > 1)
    return lw_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  meetings = lw_agenda_list_meetings (store, &error);
  if (meetings == NULL)
    return lw_cli_fail (cli, error);
  items = lw_store_list (store, &lw_agenda_item_table, NULL, 0, &error);
  if (items == NULL)
    return lw_cli_fail (cli, error);
  attendance = lw_store_list (store, &lw_attendance_table, NULL, 0, &error);
  if (attendance == NULL)
    return lw_cli_fail (cli, error);

  /* counts by meeting, from one read of each table */
  for (guint i = 0; i < items->len; i++)
    {
      LwAgendaItem *item = g_ptr_array_index (items, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (n_items, &item->meeting_id));
      g_hash_table_insert (n_items, g_memdup2 (&item->meeting_id, sizeof (LwId)), GUINT_TO_POINTER (n + 1));
    }
  for (guint i = 0; i < attendance->len; i++)
    {
      LwAttendance *a = g_ptr_array_index (attendance, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (n_people, &a->meeting_id));
      g_hash_table_insert (n_people, g_memdup2 (&a->meeting_id, sizeof (LwId)), GUINT_TO_POINTER (n + 1));
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "meetings");
      json_builder_begin_array (b);
      for (guint i = 0; i < meetings->len; i++)
        {
          LwMeeting *m = g_ptr_array_index (meetings, i);

          json_builder_begin_object (b);
          lw_cli_json_int (b, "id", m->id);
          lw_cli_json_string (b, "date", m->date);
          lw_cli_json_string (b, "start_time", m->start_time);
          lw_cli_json_int (b, "length_minutes", m->length_minutes);
          lw_cli_json_string (b, "place", m->place);
          lw_cli_json_string (b, "status", lw_enum_to_string (&lw_meeting_status_info, m->status));
          lw_cli_json_int (b, "agenda_items", GPOINTER_TO_UINT (g_hash_table_lookup (n_items, &m->id)));
          lw_cli_json_int (b, "attendees", GPOINTER_TO_UINT (g_hash_table_lookup (n_people, &m->id)));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      lw_cli_print_json (json_builder_get_root (b));
      return LW_EXIT_OK;
    }

  if (meetings->len == 0)
    {
      printf ("%s\n", _("No meetings yet."));
      return LW_EXIT_OK;
    }
  {
    /* columns as wide as their values or their (translated) headers */
    const char *headers[] = { _("ID"), _("Date"), _("Start"), _("Status"), _("Items"), _("Attendees"), _("Place") };
    const guint min_widths[] = { 4, 10, 5, 11, 5, 9, 0 };
    const gboolean right[] = { TRUE, FALSE, FALSE, FALSE, TRUE, TRUE, FALSE };
    guint widths[G_N_ELEMENTS (headers)];
    g_autoptr(GString) line = g_string_new (NULL);

    for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
      widths[c] = MAX (min_widths[c], g_utf8_strlen (headers[c], -1));
    for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
      append_cell (line, headers[c], c + 1 < G_N_ELEMENTS (headers) ? widths[c] : 0, right[c]);
    printf ("%s\n", line->str);
    for (guint i = 0; i < meetings->len; i++)
      {
        LwMeeting *m = g_ptr_array_index (meetings, i);
        g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, m->id);
        g_autofree char *n_items_text = g_strdup_printf ("%u", GPOINTER_TO_UINT (g_hash_table_lookup (n_items, &m->id)));
        g_autofree char *n_people_text = g_strdup_printf ("%u", GPOINTER_TO_UINT (g_hash_table_lookup (n_people, &m->id)));
        const char *cells[] = {
          id, m->date, m->start_time ? m->start_time : "",
          lw_enum_to_string (&lw_meeting_status_info, m->status),
          n_items_text, n_people_text, m->place ? m->place : "",
        };

        g_string_truncate (line, 0);
        for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
          append_cell (line, cells[c], c + 1 < G_N_ELEMENTS (cells) ? widths[c] : 0, right[c]);
        printf ("%s\n", line->str);
      }
  }
  return LW_EXIT_OK;
}

/* ----------------------------------------------------------------------------
 * meeting show
 */

static const char *
view_text (const LwParticipantView *view,
           const char              *key)
{
  const LwViewField *field = lw_participant_view_lookup (view, key);

  return field && field->value->type == LW_VIEW_VALUE_TEXT && field->value->text[0] ? field->value->text : NULL;
}

/* Preferred, else legal, name at full; initials at summary. */
static const char *
view_name (const LwParticipantView *view)
{
  const char *name = view_text (view, "identity.preferred_name");

  if (name == NULL)
    name = view_text (view, "identity.legal_name");
  if (name == NULL)
    name = view_text (view, "identity.initials");
  return name;
}

typedef struct
{
  LwAgendaItem      *item;       /* borrowed */
  LwParticipantView *view;       /* participant items */
  char             **reasons;    /* visible codes */
  GPtrArray         *carried;    /* LwCarriedAction */
  LwCommunityConcern *concern;   /* concern items */
} ShowItem;

static void
show_item_free (ShowItem *s)
{
  g_clear_pointer (&s->view, lw_participant_view_free);
  g_strfreev (s->reasons);
  g_clear_pointer (&s->carried, g_ptr_array_unref);
  g_clear_pointer (&s->concern, lw_record_free);
  g_free (s);
}

/* Visible reasons of a stored reasons column. */
static char **
visible_reasons (const char    *stored,
                 const LwLevel  levels[LW_N_CATEGORIES])
{
  g_auto(GStrv) codes = lw_agenda_reasons_split (stored);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  gboolean hidden = FALSE;

  for (guint i = 0; codes[i] != NULL; i++)
    if (reason_visible (codes[i], levels))
      g_strv_builder_add (b, codes[i]);
    else
      hidden = TRUE;
  /* that there is a reason is no secret: which one is */
  if (hidden)
    g_strv_builder_add (b, LW_AGENDA_REVIEW_DUE);
  return g_strv_builder_end (b);
}

static void
add_reasons_array (JsonBuilder *b,
                   char       **codes)
{
  json_builder_set_member_name (b, "reasons");
  json_builder_begin_array (b);
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      json_builder_begin_object (b);
      lw_cli_json_string (b, "code", codes[i]);
      lw_cli_json_string (b, "label", lw_agenda_reason_label (codes[i]));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static char *
reasons_line (char **codes)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    g_string_append_printf (s, "%s%s", i ? "; " : "", lw_agenda_reason_label (codes[i]));
  return g_string_free (s, FALSE);
}

static const char *
attendee_name (Names              *names,
               const LwAttendance *a)
{
  const char *name = a->person_id ? person_name (names, a->person_id) : a->guest_name;

  return name ? name : _("(unnamed)");
}

static const char *
attendee_agency (Names              *names,
                 const LwAttendance *a)
{
  LwPerson *p = a->person_id ? g_hash_table_lookup (names->people, &a->person_id) : NULL;

  return p ? p->agency : a->guest_agency;
}

static int
compare_actions (gconstpointer a,
                 gconstpointer b)
{
  const LwActionItem *x = *(LwActionItem * const *) a;
  const LwActionItem *y = *(LwActionItem * const *) b;

  /* by due date, undated last, then by id */
  if (g_strcmp0 (x->due_date, y->due_date) != 0)
    {
      if (x->due_date == NULL)
        return 1;
      if (y->due_date == NULL)
        return -1;
      return strcmp (x->due_date, y->due_date);
    }
  return (x->id > y->id) - (x->id < y->id);
}

int
lw_cli_meeting_show (LwCli  *cli,
                     int     argc,
                     char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwMeeting) meeting = NULL;
  g_autoptr(LwAudience) audience = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GPtrArray) attendance = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GString) seen_codes = g_string_new (NULL);
  g_auto(Levels) levels = { 0, };
  g_auto(Names) names = { 0, };
  g_autofree char *as = NULL;
  g_autofree char *audience_text = NULL;
  g_autofree char *today = lw_date_today ();
  guint32 room;
  guint n_absent = 0, full_categories = 0;
  gint64 total;
  int status = LW_EXIT_OK;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Show what these roles may see together (default: project-manager)"), N_("ROLE[,ROLE...]") },
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, _("MEETING"),
                     _("Shows a meeting: the agenda with reasons, attendees with roles and check-in, the room's\n"
                       "audience and the action items, as the audience given with --as may see them.\n"
                       "MEETING is a meeting number, a date (2026-12-01) or “next”.")))
    return LW_EXIT_USAGE;
  if (argc < 2)
    return lw_cli_usage (cli, _("which meeting? Give its number, its date or “next”"));
  if (argc > 2)
    return lw_cli_usage (cli, _("unexpected argument “%s”"), argv[2]);
  audience = parse_audience (cli, as ? as : DEFAULT_AUDIENCE, &status);
  if (audience == NULL)
    return status;
  audience_text = lw_audience_to_string (audience);

  store = open_with_meeting (cli, argv[1], &meeting, &status);
  if (store == NULL)
    return status;
  if (!names_init (&names, store, TRUE, &error) ||
      !levels_init (&levels, store, audience, &error))
    return lw_cli_fail (cli, error);

  room = lw_agenda_room_roles (store, meeting->id, &error);
  if (room == 0)
    return lw_cli_fail (cli, error);
  items = lw_agenda_list_items (store, meeting->id, &error);
  if (items == NULL)
    return lw_cli_fail (cli, error);
  attendance = lw_agenda_list_attendance (store, meeting->id, &error);
  if (attendance == NULL)
    return lw_cli_fail (cli, error);
  actions = lw_store_list (store, &lw_action_item_table, "meeting_id", meeting->id, &error);
  if (actions == NULL)
    return lw_cli_fail (cli, error);
  g_ptr_array_sort (actions, compare_actions);
  for (guint i = 0; i < attendance->len; i++)
    n_absent += ((LwAttendance *) g_ptr_array_index (attendance, i))->absent ? 1 : 0;

  /* what the audience may see of each item */
  shown = g_ptr_array_new_with_free_func ((GDestroyNotify) show_item_free);
  for (guint i = 0; i < items->len; i++)
    {
      ShowItem *s = g_new0 (ShowItem, 1);
      LwLevel lv[LW_N_CATEGORIES];

      s->item = g_ptr_array_index (items, i);
      g_ptr_array_add (shown, s);
      if (s->item->kind == LW_ITEM_PARTICIPANT && s->item->participant_id != 0)
        {
          LwParticipant *p = g_hash_table_lookup (names.codes, &s->item->participant_id);

          if (p == NULL)
            {
              /* the participant's row is gone (check names it): the item
               * stays, with what may be shown of nobody in particular */
              levels_for (&levels, 0, lv);
              s->reasons = visible_reasons (s->item->reasons, lv);
              continue;
            }
          s->view = lw_policy_view_participant_with_matrix (store, &levels.matrix, audience, p,
                                                            LW_VIEW_PARTICIPANT_ONLY, &error);
          if (s->view == NULL)
            return lw_cli_fail (cli, error);
          for (int c = 0; c < LW_N_CATEGORIES; c++)
            {
              lv[c] = lw_participant_view_get_level (s->view, c);
              if (lv[c] == LW_LEVEL_FULL && (c == LW_CATEGORY_IDENTITY || c == LW_CATEGORY_STATUS))
                full_categories |= 1u << c;
            }
          g_string_append_printf (seen_codes, "%s%s", seen_codes->len ? "," : "", p->code);
          s->carried = lw_agenda_carried_actions (store, meeting, p->id, &error);
          if (s->carried == NULL)
            return lw_cli_fail (cli, error);
        }
      else
        {
          levels_for (&levels, s->item->participant_id, lv);
          if (s->item->kind == LW_ITEM_CONCERN && s->item->concern_id != 0)
            {
              s->concern = lw_store_get (store, &lw_community_concern_table, s->item->concern_id, &error);
              if (s->concern == NULL)
                return lw_cli_fail (cli, error);
              if (s->concern->participant_id != 0)
                levels_for (&levels, s->concern->participant_id, lv);
            }
        }
      s->reasons = visible_reasons (s->item->reasons, lv);
      if (s->concern != NULL && s->concern->text != NULL && lv[LW_CATEGORY_LOCATION] == LW_LEVEL_FULL)
        full_categories |= 1u << LW_CATEGORY_LOCATION;
      for (guint j = 0; s->carried && j < s->carried->len; j++)
        if (action_text_visible (&levels, ((LwCarriedAction *) g_ptr_array_index (s->carried, j))->action))
          full_categories |= 1u << LW_CATEGORY_PLAN;
    }
  for (guint i = 0; i < actions->len; i++)
    if (action_text_visible (&levels, g_ptr_array_index (actions, i)))
      full_categories |= 1u << LW_CATEGORY_PLAN;

  /* one audit entry, before anything is printed, for what will be seen at full
   * (categories and participant codes, never a value) */
  if (full_categories != 0)
    {
      g_autofree char *categories = categories_text (full_categories);
      g_autofree char *detail = NULL;

      detail = g_strdup_printf ("meeting show %" G_GINT64_FORMAT " audience=%s full=%s participants=%s",
                                meeting->id, audience_text, categories, seen_codes->str);
      if (!lw_audit_append (store, LW_AUDIT_VIEW, detail, &error))
        return lw_cli_fail (cli, error);
    }

  total = lw_agenda_total_budget (items);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "meeting");
      add_meeting_object (b, meeting);
      add_roles_array (b, "audience", lw_audience_get_roles (audience));

      json_builder_set_member_name (b, "room");
      json_builder_begin_object (b);
      add_roles_array (b, "roles", room);
      lw_cli_json_int (b, "on_list", attendance->len);
      lw_cli_json_int (b, "absent", n_absent);
      /* nobody counted: the most restrictive role stands in */
      lw_cli_json_bool (b, "fallback", attendance->len == n_absent);
      json_builder_end_object (b);

      json_builder_set_member_name (b, "budget");
      json_builder_begin_object (b);
      lw_cli_json_int (b, "total_seconds", total);
      lw_cli_json_int (b, "meeting_seconds", meeting_seconds (meeting));
      json_builder_end_object (b);

      json_builder_set_member_name (b, "agenda");
      json_builder_begin_array (b);
      for (guint i = 0; i < shown->len; i++)
        {
          ShowItem *s = g_ptr_array_index (shown, i);

          json_builder_begin_object (b);
          lw_cli_json_int (b, "id", s->item->id);
          lw_cli_json_int (b, "position", s->item->position);
          lw_cli_json_string (b, "kind", lw_enum_to_string (&lw_item_kind_info, s->item->kind));
          if (s->item->kind == LW_ITEM_PARTICIPANT)
            {
              json_builder_set_member_name (b, "participant");
              json_builder_begin_object (b);
              lw_cli_json_int (b, "id", s->item->participant_id);
              lw_cli_json_string (b, "code", s->view ? lw_participant_view_get_code (s->view) : NULL);
              if (s->view && view_name (s->view))
                lw_cli_json_string (b, "name", view_name (s->view));
              if (s->view && view_text (s->view, "status.status"))
                lw_cli_json_string (b, "status", view_text (s->view, "status.status"));
              json_builder_end_object (b);
            }
          else if (s->item->kind == LW_ITEM_TOPIC)
            {
              LwLevel lv[LW_N_CATEGORIES];
              g_autofree char *title = NULL;

              levels_for (&levels, 0, lv);
              title = lw_agenda_topic_title (s->item, lv);
              lw_cli_json_string (b, "title", title);
            }
          else if (s->item->kind == LW_ITEM_CONCERN)
            {
              LwLevel lv[LW_N_CATEGORIES];

              levels_for (&levels, s->concern ? s->concern->participant_id : 0, lv);
              json_builder_set_member_name (b, "concern");
              json_builder_begin_object (b);
              lw_cli_json_int (b, "id", s->item->concern_id);
              lw_cli_json_string (b, "date", s->concern ? s->concern->date : NULL);
              if (s->concern && lv[LW_CATEGORY_LOCATION] >= LW_LEVEL_SUMMARY)
                lw_cli_json_string (b, "area", s->concern->area);
              if (s->concern && lv[LW_CATEGORY_LOCATION] == LW_LEVEL_FULL)
                lw_cli_json_string (b, "text", s->concern->text);
              json_builder_end_object (b);
            }
          add_reasons_array (b, s->reasons);
          lw_cli_json_int (b, "time_budget", s->item->time_budget);
          lw_cli_json_time (b, "started_at", s->item->started_at);
          lw_cli_json_time (b, "ended_at", s->item->ended_at);
          lw_cli_json_bool (b, "not_reached", lw_agenda_item_not_reached (meeting, s->item));
          if (s->carried)
            {
              json_builder_set_member_name (b, "carried_actions");
              json_builder_begin_array (b);
              for (guint j = 0; j < s->carried->len; j++)
                {
                  LwCarriedAction *c = g_ptr_array_index (s->carried, j);
                  add_action_object (b, &names, &levels, c->action, today);
                }
              json_builder_end_array (b);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);

      json_builder_set_member_name (b, "attendees");
      json_builder_begin_array (b);
      for (guint i = 0; i < attendance->len; i++)
        {
          LwAttendance *a = g_ptr_array_index (attendance, i);

          json_builder_begin_object (b);
          lw_cli_json_int (b, "id", a->id);
          json_builder_set_member_name (b, "person_id");
          if (a->person_id)
            json_builder_add_int_value (b, a->person_id);
          else
            json_builder_add_null_value (b);
          lw_cli_json_string (b, "name", attendee_name (&names, a));
          lw_cli_json_string (b, "agency", attendee_agency (&names, a));
          lw_cli_json_string (b, "role", lw_role_to_string (a->role));
          lw_cli_json_bool (b, "guest", a->person_id == 0);
          lw_cli_json_bool (b, "absent", a->absent);
          lw_cli_json_time (b, "checked_in_at", a->checked_in_at);
          lw_cli_json_time (b, "confidentiality_at", a->confidentiality_at);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);

      json_builder_set_member_name (b, "action_items");
      json_builder_begin_array (b);
      for (guint i = 0; i < actions->len; i++)
        add_action_object (b, &names, &levels, g_ptr_array_index (actions, i), today);
      json_builder_end_array (b);
      json_builder_end_object (b);
      lw_cli_print_json (json_builder_get_root (b));
      return LW_EXIT_OK;
    }

  {
    g_autofree char *room_text = lw_roles_join (room, ", ", FALSE);
    g_autofree char *total_text = format_duration (total);
    g_autofree char *length_text = format_duration (meeting_seconds (meeting));

    printf (_("Meeting %" PRId64 " — %s %s, %s (%s)\n"), meeting->id, meeting->date,
            meeting->start_time ? meeting->start_time : "", meeting->place ? meeting->place : _("no place set"),
            lw_enum_to_label (&lw_meeting_status_info, meeting->status));
    printf (_("Shown for: %s\n"), audience_text);
    if (attendance->len == n_absent)
      printf (_("Room's audience: %s (nobody on the list: the most restrictive role)\n"), room_text);
    else
      printf (_("Room's audience: %s (%u on the list, %u absent)\n"), room_text, attendance->len, n_absent);
    printf (_("\nAgenda: %u items, %s of %s\n"), items->len, total_text, length_text);
    if (total > meeting_seconds (meeting) && meeting->length_minutes > 0)
      printf ("%s\n", _("  The time budgets add up to more than the meeting's length."));
  }
  for (guint i = 0; i < shown->len; i++)
    {
      ShowItem *s = g_ptr_array_index (shown, i);
      g_autofree char *budget = format_duration (s->item->time_budget);
      g_autofree char *reasons = reasons_line (s->reasons);
      g_autofree char *subject = NULL;
      const char *state = "";

      if (s->item->kind == LW_ITEM_PARTICIPANT)
        {
          const char *name = s->view ? view_name (s->view) : NULL;
          const char *pstatus = s->view ? view_text (s->view, "status.status") : NULL;

          subject = g_strdup_printf ("%s%s%s%s%s", s->view ? lw_participant_view_get_code (s->view) : "?",
                                     name ? "  " : "", name ? name : "",
                                     pstatus ? " · " : "", pstatus ? pstatus : "");
        }
      else if (s->item->kind == LW_ITEM_TOPIC)
        {
          LwLevel lv[LW_N_CATEGORIES];
          g_autofree char *title = NULL;

          levels_for (&levels, 0, lv);
          title = lw_agenda_topic_title (s->item, lv);
          /* a hidden title reads "Topic" already */
          subject = g_strcmp0 (title, _("Topic")) == 0 ? g_steal_pointer (&title)
                                                        : g_strdup_printf (_("Topic: %s"), title);
        }
      else
        {
          LwLevel lv[LW_N_CATEGORIES];

          levels_for (&levels, s->concern ? s->concern->participant_id : 0, lv);
          if (s->concern && s->concern->area && lv[LW_CATEGORY_LOCATION] >= LW_LEVEL_SUMMARY)
            subject = g_strdup_printf (_("Community concern: %s"), s->concern->area);
          else
            subject = g_strdup (_("Community concern"));
        }
      if (lw_agenda_item_not_reached (meeting, s->item))
        state = _("  [not reached]");
      else if (s->item->started_at != 0 && s->item->ended_at == 0)
        state = _("  [now]");
      else if (s->item->ended_at != 0)
        state = _("  [done]");

      printf ("%3u. %-48s %8s%s\n", i + 1, subject, budget, state);
      if (reasons[0])
        printf ("     %s\n", reasons);
      for (guint j = 0; s->carried && j < s->carried->len; j++)
        {
          LwCarriedAction *c = g_ptr_array_index (s->carried, j);
          print_action_line (_("     carried: "), &names, &levels, c->action, today);
        }
    }

  printf (_("\nAttendees (%u):\n"), attendance->len);
  for (guint i = 0; i < attendance->len; i++)
    {
      LwAttendance *a = g_ptr_array_index (attendance, i);
      g_autofree char *in = format_clock (a->checked_in_at);
      g_autofree char *conf = format_clock (a->confidentiality_at);
      const char *agency = attendee_agency (&names, a);
      g_autoptr(GString) state = g_string_new (NULL);

      if (a->absent)
        g_string_append (state, _("absent"));
      else if (in)
        g_string_append_printf (state, _("checked in %s"), in);
      else
        g_string_append (state, _("invited"));
      if (conf)
        g_string_append_printf (state, _(", confidentiality acknowledged %s"), conf);
      printf ("  %-22s %-26s %-32s %s%s\n", attendee_name (&names, a), lw_role_to_label (a->role),
              agency ? agency : "", state->str, a->person_id == 0 ? _(" (guest)") : "");
    }

  {
    guint n_shown = 0;

    /* counted as listed: an item the audience may not see is not counted */
    for (guint i = 0; i < actions->len; i++)
      n_shown += action_shown (&levels, g_ptr_array_index (actions, i), NULL);
    printf (_("\nAction items agreed at this meeting (%u):\n"), n_shown);
  }
  for (guint i = 0; i < actions->len; i++)
    print_action_line ("  ", &names, &levels, g_ptr_array_index (actions, i), today);
  return LW_EXIT_OK;
}

/* ----------------------------------------------------------------------------
 * agenda suggest
 */

/* A suggestion as the audience may see it: only visible reasons count towards
 * its urgency and budget, so a hidden reason cannot be read off the numbers. */
typedef struct
{
  const LwAgendaSuggestion *s;
  guint    visible;           /* reason mask */
  int      urgency;
  gint64   budget;
  gboolean court;             /* court date shown (legal at full) */
  gboolean actions;           /* count of due items shown (plan at summary) */
  gboolean contact;           /* days without contact shown (status at full) */
} Shown;

static int
compare_shown (gconstpointer a,
               gconstpointer b)
{
  const Shown *x = a, *y = b;

  if (x->urgency != y->urgency)
    return y->urgency - x->urgency;
  return g_strcmp0 (x->s->code, y->s->code);
}

int
lw_cli_agenda_suggest (LwCli  *cli,
                       int     argc,
                       char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwMeeting) meeting = NULL;
  g_autoptr(LwAudience) audience = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GArray) shown = g_array_new (FALSE, TRUE, sizeof (Shown));
  g_auto(Levels) levels = { 0, };
  g_autofree char *as = NULL;
  g_autofree char *audience_text = NULL;
  gboolean apply = FALSE, any_hidden = FALSE;
  int limit = 0;
  guint n_added = 0, n_on = 0, n_court_shown = 0;
  int status = LW_EXIT_OK;
  const GOptionEntry entries[] = {
    { "apply", 0, 0, G_OPTION_ARG_NONE, &apply, N_("Append the suggestions not yet on the agenda"), NULL },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("Show (and apply) only the N most urgent"), N_("N") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Show what these roles may see together (default: project-manager)"), N_("ROLE[,ROLE...]") },
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, _("MEETING"),
                     _("Proposes the participants to discuss at a meeting, most urgent first, with the reasons:\n"
                       "new referral, court date within 14 days, action items due, no contact for 14 days,\n"
                       "status change, community concern, flagged by staff, not reached last time.\n"
                       "MEETING is a meeting number, a date (2026-12-01) or “next”.")))
    return LW_EXIT_USAGE;
  if (argc < 2)
    return lw_cli_usage (cli, _("which meeting? Give its number, its date or “next”"));
  if (argc > 2)
    return lw_cli_usage (cli, _("unexpected argument “%s”"), argv[2]);
  if (limit < 0)
    return lw_cli_usage (cli, _("--limit must be 0 (all) or more"));
  audience = parse_audience (cli, as ? as : DEFAULT_AUDIENCE, &status);
  if (audience == NULL)
    return status;
  audience_text = lw_audience_to_string (audience);

  store = open_with_meeting (cli, argv[1], &meeting, &status);
  if (store == NULL)
    return status;
  suggestions = lw_agenda_suggest (store, meeting, &error);
  if (suggestions == NULL)
    return lw_cli_fail (cli, error);
  if (limit > 0 && (guint) limit < suggestions->len)
    g_ptr_array_remove_range (suggestions, limit, suggestions->len - limit);
  if (!levels_init (&levels, store, audience, &error))
    return lw_cli_fail (cli, error);

  for (guint i = 0; i < suggestions->len; i++)
    {
      const LwAgendaSuggestion *s = g_ptr_array_index (suggestions, i);
      LwLevel lv[LW_N_CATEGORIES];
      Shown row = { s, 0, };

      levels_for (&levels, s->participant_id, lv);
      for (int r = 0; r < LW_N_REASONS; r++)
        if ((s->reasons & (1u << r)) && reason_visible (lw_agenda_reason_to_string (r), lv))
          row.visible |= 1u << r;
      if (row.visible != s->reasons)
        any_hidden = TRUE;
      /* nothing the audience may see: not listed at all */
      if (row.visible == 0)
        continue;
      row.urgency = lw_agenda_suggestion_urgency (s, row.visible);
      row.budget = lw_agenda_budget_for_reasons (row.visible);
      row.court = s->court_date != NULL && lv[LW_CATEGORY_LEGAL] == LW_LEVEL_FULL;
      row.actions = s->n_actions_due > 0 && lv[LW_CATEGORY_PLAN] >= LW_LEVEL_SUMMARY;
      row.contact = (row.visible & (1u << LW_REASON_NO_CONTACT)) && s->days_without_contact >= 0 &&
                    lv[LW_CATEGORY_STATUS] == LW_LEVEL_FULL;
      n_court_shown += row.court ? 1 : 0;
      n_on += s->on_agenda ? 1 : 0;
      g_array_append_val (shown, row);
    }
  /* the core's order weighs every reason; reorder by what is visible */
  if (any_hidden)
    g_array_sort (shown, compare_shown);

  /* court dates are legal information at full: one audit entry, no values */
  if (n_court_shown > 0)
    {
      g_autofree char *detail = g_strdup_printf ("agenda suggest %" G_GINT64_FORMAT " audience=%s full=legal participants=%u",
                                                 meeting->id, audience_text, n_court_shown);
      if (!lw_audit_append (store, LW_AUDIT_VIEW, detail, &error))
        return lw_cli_fail (cli, error);
    }
  /* applying is the project manager's act on the whole suggestion; --as only
   * decides what is printed */
  if (apply && !lw_agenda_apply_suggestions (store, meeting, suggestions, &n_added, &error))
    return lw_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "meeting");
      add_meeting_object (b, meeting);
      add_roles_array (b, "audience", lw_audience_get_roles (audience));
      json_builder_set_member_name (b, "suggestions");
      json_builder_begin_array (b);
      for (guint i = 0; i < shown->len; i++)
        {
          const Shown *row = &g_array_index (shown, Shown, i);
          g_autofree char *stored = lw_agenda_reasons_to_string (row->visible);
          g_auto(GStrv) codes = lw_agenda_reasons_split (stored);

          json_builder_begin_object (b);
          lw_cli_json_int (b, "participant_id", row->s->participant_id);
          lw_cli_json_string (b, "code", row->s->code);
          add_reasons_array (b, codes);
          lw_cli_json_int (b, "urgency", row->urgency);
          lw_cli_json_int (b, "time_budget", row->budget);
          lw_cli_json_bool (b, "on_agenda", row->s->on_agenda);
          if (row->court)
            lw_cli_json_string (b, "court_date", row->s->court_date);
          if (row->actions)
            lw_cli_json_int (b, "actions_due", row->s->n_actions_due);
          if (row->contact)
            lw_cli_json_int (b, "days_without_contact", row->s->days_without_contact);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      if (apply)
        lw_cli_json_int (b, "added", n_added);
      json_builder_end_object (b);
      lw_cli_print_json (json_builder_get_root (b));
      return LW_EXIT_OK;
    }

  printf (g_dngettext (GETTEXT_PACKAGE,
                       "Suggested for the meeting of %s: %u participant (%u already on the agenda); shown for %s\n",
                       "Suggested for the meeting of %s: %u participants (%u already on the agenda); shown for %s\n",
                       shown->len),
          meeting->date, shown->len, n_on, audience_text);
  for (guint i = 0; i < shown->len; i++)
    {
      const Shown *row = &g_array_index (shown, Shown, i);
      g_autofree char *stored = lw_agenda_reasons_to_string (row->visible);
      g_auto(GStrv) codes = lw_agenda_reasons_split (stored);
      g_autofree char *budget = format_duration (row->budget);
      g_autofree char *line = reasons_line (codes);
      g_autoptr(GString) details = g_string_new (NULL);

      if (row->court)
        g_string_append_printf (details, _("; court %s"), row->s->court_date);
      if (row->actions)
        g_string_append_printf (details, _("; %u due"), row->s->n_actions_due);
      if (row->contact)
        g_string_append_printf (details, g_dngettext (GETTEXT_PACKAGE, "; %d day without contact",
                                                      "; %d days without contact",
                                                      row->s->days_without_contact),
                                row->s->days_without_contact);
      printf ("%4u. %-10s %4d  %7s  %s%s%s\n", i + 1, row->s->code, row->urgency, budget, line, details->str,
              row->s->on_agenda ? _("  [on the agenda]") : "");
    }
  if (apply)
    printf (g_dngettext (GETTEXT_PACKAGE,
                         "Added %u participant to the agenda of %s.\n",
                         "Added %u participants to the agenda of %s.\n", n_added),
            n_added, meeting->date);
  return LW_EXIT_OK;
}

/* ----------------------------------------------------------------------------
 * actions
 */

int
lw_cli_actions (LwCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwAudience) audience = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GPtrArray) picked = g_ptr_array_new ();
  g_autoptr(GHashTable) owners = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(LwParticipant) participant = NULL;
  g_auto(Levels) levels = { 0, };
  g_auto(Names) names = { 0, };
  g_autofree char *as = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *code = NULL;
  g_autofree char *output = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *language = NULL;
  g_autofree char *audience_text = NULL;
  g_autofree char *today = lw_date_today ();
  gboolean open_only = FALSE, overdue_only = FALSE;
  guint n_text_shown = 0;
  int status = LW_EXIT_OK;
  const GOptionEntry entries[] = {
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner, N_("Only the items of people whose name contains NAME"), N_("NAME") },
    { "participant", 0, 0, G_OPTION_ARG_STRING, &code, N_("Only the items about one participant"), N_("CODE") },
    { "open", 0, 0, G_OPTION_ARG_NONE, &open_only, N_("Only open items"), NULL },
    { "overdue", 0, 0, G_OPTION_ARG_NONE, &overdue_only, N_("Only open items past their due date"), NULL },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Show what these roles may see together (default: project-manager)"), N_("ROLE[,ROLE...]") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("With --owner: write the member's open action list, at the member's own level, to FILE.pdf or FILE.md"), N_("FILE") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_("Paper size of a PDF: a4 or letter"), N_("SIZE") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language, N_("With --output: write it in LANG, en or es (default: the app's language)"), N_("LANG") },
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, NULL,
                     _("Lists action items across meetings, by due date.  Their text is shown only to an\n"
                       "audience that may see plans in full.")))
    return LW_EXIT_USAGE;
  if (argc > 1)
    return lw_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);
  if (owner != NULL && g_strstrip (owner)[0] == '\0')
    return lw_cli_usage (cli, _("--owner needs a name"));
  if (paper != NULL && output == NULL)
    return lw_cli_usage (cli, _("--paper goes with --output"));
  if (language != NULL && output == NULL)
    return lw_cli_usage (cli, _("--language goes with --output"));
  if (output != NULL)
    {
      /* the file is the member's own list at the member's own level */
      if (as != NULL || code != NULL || overdue_only)
        return lw_cli_usage (cli, _("--output writes one member's open action list; --as, --participant and --overdue do not apply"));
      return lw_cli_actions_export (cli, owner, output, paper, language);
    }
  audience = parse_audience (cli, as ? as : DEFAULT_AUDIENCE, &status);
  if (audience == NULL)
    return status;
  audience_text = lw_audience_to_string (audience);

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  if (!names_init (&names, store, TRUE, &error) ||
      !levels_init (&levels, store, audience, &error))
    return lw_cli_fail (cli, error);

  if (owner != NULL)
    {
      g_autofree char *needle = g_utf8_casefold (owner, -1);

      for (guint i = 0; i < names.people_list->len; i++)
        {
          LwPerson *p = g_ptr_array_index (names.people_list, i);
          g_autofree char *hay = g_utf8_casefold (p->name, -1);

          if (strstr (hay, needle) != NULL)
            g_hash_table_add (owners, &p->id);
        }
      if (g_hash_table_size (owners) == 0)
        {
          g_set_error (&error, LW_ERROR, LW_ERROR_NOT_FOUND,
                       _("Nobody in the workgroup is called “%s”"), owner);
          return lw_cli_fail (cli, error);
        }
    }
  if (code != NULL)
    {
      participant = lw_participant_find_by_code (store, code, &error);
      if (participant == NULL)
        return lw_cli_fail (cli, error);
    }

  actions = lw_store_list (store, &lw_action_item_table, NULL, 0, &error);
  if (actions == NULL)
    return lw_cli_fail (cli, error);
  for (guint i = 0; i < actions->len; i++)
    {
      LwActionItem *a = g_ptr_array_index (actions, i);

      if ((open_only || overdue_only) && a->status != LW_ACTION_OPEN)
        continue;
      if (overdue_only && (a->due_date == NULL || strcmp (a->due_date, today) >= 0))
        continue;
      if (owner != NULL && !g_hash_table_contains (owners, &a->owner_id))
        continue;
      if (participant != NULL && a->participant_id != participant->id)
        continue;
      g_ptr_array_add (picked, a);
    }
  g_ptr_array_sort (picked, compare_actions);
  for (guint i = 0; i < picked->len; i++)
    n_text_shown += action_text_visible (&levels, g_ptr_array_index (picked, i)) ? 1 : 0;
  /* plan text at full: one audit entry before it is printed */
  if (n_text_shown > 0)
    {
      g_autofree char *detail = g_strdup_printf ("actions audience=%s full=plan items=%u",
                                                 audience_text, n_text_shown);
      if (!lw_audit_append (store, LW_AUDIT_VIEW, detail, &error))
        return lw_cli_fail (cli, error);
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      add_roles_array (b, "audience", lw_audience_get_roles (audience));
      lw_cli_json_string (b, "today", today);
      json_builder_set_member_name (b, "action_items");
      json_builder_begin_array (b);
      for (guint i = 0; i < picked->len; i++)
        add_action_object (b, &names, &levels, g_ptr_array_index (picked, i), today);
      json_builder_end_array (b);
      json_builder_end_object (b);
      lw_cli_print_json (json_builder_get_root (b));
    }
  else
    {
      if (picked->len == 0)
        printf ("%s\n", _("No action items match."));
      for (guint i = 0; i < picked->len; i++)
        print_action_line ("", &names, &levels, g_ptr_array_index (picked, i), today);
    }
  return LW_EXIT_OK;
}
