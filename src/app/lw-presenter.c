/* lw-presenter.c: meeting mode on the presenter's screen
 *
 * Every change goes through the agenda module at once (one transaction each);
 * notes are saved after a short pause and whenever the item changes.  The card
 * of the current participant is a policy view for the viewer's audience: the
 * widgets never see a field the viewer may not see.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-presenter"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "lw/lw-agenda.h"
#include "lw/lw-concerns.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw/lw-positions.h"

#include "lw-action-entry.h"
#include "lw-position-entry.h"
#include "lw-position-row.h"
#include "lw-settings.h"
#include "lw-attendees.h"
#include "lw-agenda-row.h"
#include "lw-format.h"
#include "lw-focus.h"
#include "lw-toast.h"
#include "lw-presenter.h"
#include "lw-projector-panel.h"
#include "lw-wrap-label.h"
#include "lw-trim.h"
#include "lw-tooltip.h"

#define NOTES_SAVE_DELAY_MS 800
#define CARD_MAX_LINES 8
#define TIMER_WARN_SECONDS 60

struct _LwPresenter
{
  GtkBox              parent_instance;

  /* template widgets */
  GtkStack           *stack;
  GtkLabel           *meeting_label;
  GtkLabel           *audience_label;
  GtkLabel           *timer_label;
  GtkLabel           *progress_label;
  GtkListView        *agenda_view;
  AdwFlap            *flap;
  LwAttendees        *attendees;
  GtkLabel           *item_position_label;
  GtkLabel           *item_title_label;
  LwWrapLabel        *item_reasons_label;
  GtkGrid            *card_grid;
  LwWrapLabel        *notice_label;
  GtkRevealer        *close_revealer;
  GtkLabel           *close_label;
  GtkWidget          *keep_open_button;
  GtkButton          *pause_button;
  LwProjectorPanel   *projector_panel;
  GtkRevealer        *action_revealer;
  LwActionEntry      *action_entry;
  GtkListBox         *actions_list;
  GtkStack           *notes_stack;
  GtkWidget          *append_label;
  GtkTextView        *notes_view;
  GtkButton          *notes_concerns_button;
  GtkLabel           *notes_concerns_label;
  GtkEntry           *outcome_entry;
  GtkLabel           *saved_label;
  GtkBox             *summary_box;

  /* borrowed references */
  LwStore            *store;

  /* owned references */
  GSettings          *settings;     /* NULL without the schema */
  LwMeeting          *meeting;
  LwAgendaItem       *current;      /* a copy; NULL when there is none */
  LwParticipantView  *view;         /* of the current participant, full view */
  LwAudience         *audience;
  GHashTable         *views;        /* participant-only views for the agenda list */
  GListStore         *rows;
  GtkSingleSelection *selection;
  GPtrArray          *items;        /* LwAgendaItem by position */
  GPtrArray          *card_names;   /* GtkLabel, reused from item to item */
  GPtrArray          *card_values;  /* LwWrapLabel, beside them */
  GPtrArray          *action_rows;  /* GtkListBoxRow of actions_list, reused likewise */

  LwLevel             levels[LW_N_CATEGORIES];  /* of the current item, for the viewer */

  guint               timer_source;
  guint               notes_source;
  gint64              paused_at;    /* real time the timer was paused, 0 when running */
  guint32             room_roles;
  guint               loading : 1;
  guint               notes_dirty : 1;
  guint               notes_append : 1;  /* care notes at summary: add, never show */
};

G_DEFINE_FINAL_TYPE (LwPresenter, lw_presenter, GTK_TYPE_BOX)

enum
{
  BACK,
  ITEM_CHANGED,
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void show_item (LwPresenter *self, guint position);
static void show_item_recorded (LwPresenter *self, guint position, gboolean start);
static void fill_actions (LwPresenter *self);

static int
current_position (LwPresenter *self)
{
  if (self->current == NULL || self->items == NULL)
    return -1;

  for (guint i = 0; i < self->items->len; i++)
    if (((LwAgendaItem *) g_ptr_array_index (self->items, i))->id == self->current->id)
      return (int) i;

  return -1;
}

/* Notes */

static char *
notes_text (LwPresenter *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
lw_presenter_flush (LwPresenter *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAgendaItem) item = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *time = NULL;
  g_autofree char *saved = NULL;
  const char *outcome;

  g_return_if_fail (LW_IS_PRESENTER (self));

  g_clear_handle_id (&self->notes_source, g_source_remove);
  if (!self->notes_dirty || self->current == NULL || self->store == NULL ||
      !lw_store_is_unlocked (self->store))
    return;

  self->notes_dirty = FALSE;
  /* nothing typed can reach an item whose notes the viewer may not write */
  if (self->levels[LW_CATEGORY_CARE_NOTES] == LW_LEVEL_NONE)
    return;
  item = lw_store_get (self->store, &lw_agenda_item_table, self->current->id, &error);
  if (item == NULL)
    {
      lw_toast_show_error (GTK_WIDGET (self), error);
      return;
    }

  notes = notes_text (self);
  outcome = gtk_editable_get_text (GTK_EDITABLE (self->outcome_entry));
  /* blank lines alone are not notes */
  {
    g_autofree char *trimmed = g_strstrip (g_strdup (notes));

    if (*trimmed == '\0')
      notes[0] = '\0';
  }
  g_free (item->notes);
  g_free (item->outcome);
  if (self->notes_append)
    {
      /* added to what was there when the item was shown, which stays unseen */
      const char *base_notes = self->current->notes;
      const char *base_outcome = self->current->outcome;

      item->notes = *notes == '\0' ? g_strdup (base_notes)
                    : base_notes && *base_notes ? g_strconcat (base_notes, "\n\n", notes, NULL)
                    : g_strdup (notes);
      item->outcome = *outcome == '\0' ? g_strdup (base_outcome)
                      : base_outcome && *base_outcome ? g_strconcat (base_outcome, "; ", outcome, NULL)
                      : g_strdup (outcome);
    }
  else
    {
      item->notes = *notes ? g_strdup (notes) : NULL;
      item->outcome = *outcome ? g_strdup (outcome) : NULL;
    }
  if (!lw_store_update (self->store, item, &error))
    {
      lw_toast_show_error (GTK_WIDGET (self), error);
      return;
    }

  time = lw_format_time (g_get_real_time ());
  saved = g_strdup_printf (_("Saved at %s"), time);
  gtk_label_set_text (self->saved_label, saved);
}

static gboolean
notes_timeout_cb (gpointer data)
{
  LwPresenter *self = data;

  self->notes_source = 0;
  lw_presenter_flush (self);

  return G_SOURCE_REMOVE;
}

static void
notes_changed_cb (LwPresenter *self)
{
  if (self->loading)
    return;

  self->notes_dirty = TRUE;
  gtk_label_set_text (self->saved_label, _("Saving…"));
  g_clear_handle_id (&self->notes_source, g_source_remove);
  self->notes_source = g_timeout_add (NOTES_SAVE_DELAY_MS, notes_timeout_cb, self);
  g_source_set_name_by_id (self->notes_source, "[lw] save notes");
}

/* Timer */

static void
update_timer (LwPresenter *self)
{
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;
  gint64 budget, elapsed;
  GtkWidget *label = GTK_WIDGET (self->timer_label);

  gtk_widget_remove_css_class (label, "warning");
  gtk_widget_remove_css_class (label, "error");

  if (self->current == NULL || self->current->started_at == 0)
    {
      gtk_label_set_text (self->timer_label, "");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "presenter.pause", FALSE);
      return;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "presenter.pause", self->current->ended_at == 0);

  budget = self->current->time_budget;
  elapsed = ((self->paused_at ? self->paused_at : g_get_real_time ()) - self->current->started_at) / G_USEC_PER_SEC;
  if (self->current->ended_at != 0)
    elapsed = (self->current->ended_at - self->current->started_at) / G_USEC_PER_SEC;
  elapsed = MAX (elapsed, 0);

  if (elapsed > budget)
    {
      gint64 over = elapsed - budget;

      /* Translators: the timer, past the time budget; said in words, not colour alone */
      text = g_strdup_printf (_("%" PRId64 ":%02d of %" PRId64 ":%02d · over by %" PRId64 ":%02d"),
                              elapsed / 60, (int) (elapsed % 60), budget / 60, (int) (budget % 60),
                              over / 60, (int) (over % 60));
      gtk_widget_add_css_class (label, "error");
    }
  else if (budget - elapsed <= TIMER_WARN_SECONDS)
    {
      text = g_strdup_printf (_("%" PRId64 ":%02d of %" PRId64 ":%02d · almost out of time"),
                              elapsed / 60, (int) (elapsed % 60), budget / 60, (int) (budget % 60));
      gtk_widget_add_css_class (label, "warning");
    }
  else
    text = g_strdup_printf (_("%" PRId64 ":%02d of %" PRId64 ":%02d"),
                            elapsed / 60, (int) (elapsed % 60), budget / 60, (int) (budget % 60));

  /* Translators: the timer while it is paused */
  shown = self->paused_at ? g_strdup_printf (_("Paused · %s"), text) : g_strdup (text);
  gtk_label_set_text (self->timer_label, shown);
  lw_projector_panel_set_timer (self->projector_panel, elapsed, budget, self->paused_at != 0);
}

/* Pauses the item's timer, or resumes it: the time paused does not count, so
 * the item's start moves later by as much when it resumes. */
static void
pause_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LwPresenter *self = LW_PRESENTER (widget);
  g_autoptr(GError) error = NULL;

  if (self->current == NULL || self->current->started_at == 0 || self->current->ended_at != 0)
    return;
  if (self->paused_at == 0)
    {
      self->paused_at = g_get_real_time ();
      gtk_button_set_icon_name (self->pause_button, "media-playback-start-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->pause_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Resume the timer"), -1);
      lw_toast_show (widget, _("Timer paused"));
    }
  else
    {
      gint64 seconds = (g_get_real_time () - self->paused_at) / G_USEC_PER_SEC;
      g_autoptr(LwAgendaItem) item = NULL;

      self->paused_at = 0;
      gtk_button_set_icon_name (self->pause_button, "media-playback-pause-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->pause_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Pause the timer"), -1);
      if (!lw_agenda_shift_item_start (self->store, self->current->id, seconds, &error))
        lw_toast_show_error (widget, error);
      item = lw_store_get (self->store, &lw_agenda_item_table, self->current->id, NULL);
      if (item != NULL)
        self->current->started_at = item->started_at;
      lw_toast_show (widget, _("Timer running again"));
    }
  update_timer (self);
}

/* A paused timer resumes when another item starts. */
static void
end_pause (LwPresenter *self)
{
  g_autoptr(GError) error = NULL;

  if (self->paused_at == 0 || self->current == NULL)
    return;
  if (!lw_agenda_shift_item_start (self->store, self->current->id,
                                   (g_get_real_time () - self->paused_at) / G_USEC_PER_SEC, &error))
    g_debug ("Could not record the pause: %s", error->message);
  self->paused_at = 0;
  gtk_button_set_icon_name (self->pause_button, "media-playback-pause-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pause_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Pause the timer"), -1);
}

static gboolean
timer_cb (gpointer data)
{
  update_timer (data);

  return G_SOURCE_CONTINUE;
}

/* The card */

/* One record of a list as a line: its values joined, without member names;
 * a true flag is shown by its name ("before referral"). */
static char *
object_line (const LwViewValue *value)
{
  g_autoptr(GString) out = NULL;

  if (value->type != LW_VIEW_VALUE_OBJECT || value->children == NULL)
    return lw_view_value_to_text (value);

  out = g_string_new (NULL);
  for (guint i = 0; i < value->children->len; i++)
    {
      const LwViewValue *child = g_ptr_array_index (value->children, i);
      g_autofree char *text = NULL;

      if (child->type == LW_VIEW_VALUE_BOOL)
        {
          if (!child->boolean || child->name == NULL)
            continue;
          text = g_strdelimit (g_strdup (child->name), "_", ' ');
        }
      else
        text = lw_view_value_to_text (child);

      if (text == NULL || *text == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, " · ");
      g_string_append (out, text);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
value_lines (const LwViewValue *value)
{
  g_autoptr(GString) out = NULL;
  guint n;

  if (value == NULL)
    return g_strdup ("");
  if (value->type != LW_VIEW_VALUE_LIST || value->children == NULL)
    return lw_view_value_to_text (value);

  out = g_string_new (NULL);
  n = value->children->len;
  for (guint i = 0; i < MIN (n, CARD_MAX_LINES); i++)
    {
      g_autofree char *line = object_line (g_ptr_array_index (value->children, i));

      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, line);
    }
  if (n > CARD_MAX_LINES)
    g_string_append_printf (out, "\n%s", _("and more"));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Row n of the card: its widgets are made once and kept from item to item. */
static void
card_set (LwPresenter *self,
          guint        n,
          const char  *title,
          const char  *text)
{
  GtkWidget *name, *value;
  g_autofree char *spoken = NULL;

  while (self->card_names->len <= n)
    {
      int row = (int) self->card_names->len;

      name = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_yalign (GTK_LABEL (name), 0);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (name), 14);
      gtk_label_set_max_width_chars (GTK_LABEL (name), 18);
      gtk_widget_add_css_class (name, "dim-label");
      value = lw_wrap_label_new (NULL);
      gtk_widget_set_hexpand (value, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
      gtk_grid_attach (self->card_grid, name, 0, row, 1, 1);
      gtk_grid_attach (self->card_grid, value, 1, row, 1, 1);
      g_ptr_array_add (self->card_names, name);
      g_ptr_array_add (self->card_values, value);
    }
  name = g_ptr_array_index (self->card_names, n);
  value = g_ptr_array_index (self->card_values, n);
  gtk_label_set_text (GTK_LABEL (name), title);
  lw_wrap_label_set_text (LW_WRAP_LABEL (value), text);
  /* a screen reader says the pair as one */
  spoken = g_strdup_printf ("%s: %s", title, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  gtk_widget_set_visible (name, TRUE);
  gtk_widget_set_visible (value, TRUE);
}

/* Hides rows from n on; their text goes, so nothing of the last item stays. */
static void
card_truncate (LwPresenter *self,
               guint        n)
{
  for (guint i = n; i < self->card_names->len; i++)
    {
      GtkWidget *name = g_ptr_array_index (self->card_names, i);
      GtkWidget *value = g_ptr_array_index (self->card_values, i);

      gtk_label_set_text (GTK_LABEL (name), "");
      lw_wrap_label_set_text (LW_WRAP_LABEL (value), "");
      gtk_accessible_update_property (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
      gtk_widget_set_visible (name, FALSE);
      gtk_widget_set_visible (value, FALSE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->card_grid), n > 0);
}

/* Fills the card from the viewer's view, and for a community concern its
 * text and planned response (location information) at the viewer's level;
 * returns the number of rows. */
/* The latest position on each matter at row n, the history one step away
 * (its button beside the row); returns the next row. */
static guint
card_set_positions (LwPresenter *self,
                    guint        n,
                    gboolean    *done)
{
  g_autofree char *latest = self->view ? lw_positions_latest_text (self->view) : NULL;

  *done = TRUE;
  if (latest == NULL)
    return n;
  card_set (self, n, _("Latest position"), latest);
  lw_position_history_attach (self->card_grid, (int) n, self->view);
  return n + 1;
}

static guint
fill_card (LwPresenter        *self,
           const LwAgendaItem *item)
{
  const char *notice = NULL;
  gboolean positions = FALSE;
  guint n = 0;

  /* a history button of the last item goes with it */
  lw_position_history_attach (self->card_grid, -1, NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), FALSE);

  for (guint i = 0; self->view != NULL && i < lw_participant_view_get_n_fields (self->view); i++)
    {
      const LwViewField *field = lw_participant_view_get_field (self->view, i);
      g_autofree char *text = NULL;

      /* open action items have their own list below; discussion notes their
       * editor; positions go beside the plan (lw-position-row.c) */
      if (g_str_equal (field->key, "plan.action_items") ||
          g_str_equal (field->key, "care_notes.discussion") ||
          g_str_equal (field->key, "prosecution.notes"))
        continue;

      text = value_lines (field->value);
      if (text == NULL || *text == '\0')
        continue;
      card_set (self, n++, field->label, text);
      if (g_str_equal (field->key, "plan.goals"))
        n = card_set_positions (self, n, &positions);
    }
  if (!positions)
    n = card_set_positions (self, n, &positions);

  /* a community concern as the viewer may see it (lw-concerns.h) */
  if (item != NULL && item->kind == LW_ITEM_CONCERN && item->concern_id != 0)
    {
      g_autoptr(LwCommunityConcern) concern =
        lw_store_get (self->store, &lw_community_concern_table, item->concern_id, NULL);
      g_autoptr(LwConcernView) view =
        concern ? lw_concern_view_new (self->store, self->audience, concern, NULL) : NULL;

      if (view != NULL)
        {
          card_set (self, n++, _("Reported"), view->date ? view->date : "");
          card_set (self, n++, _("Status"), lw_enum_to_label (&lw_concern_status_info, view->status));
          if (view->area != NULL)
            card_set (self, n++, _("Area"), view->area);
          if (view->reported_by != NULL)
            card_set (self, n++, _("Reported by"), view->reported_by);
          if (view->text != NULL)
            card_set (self, n++, _("Concern"), view->text);
          if (view->planned_response != NULL)
            card_set (self, n++, _("Planned response"), view->planned_response);
          if (view->response_kind != NULL)
            card_set (self, n++, _("What was done"), view->response_kind);
          if (view->response != NULL)
            card_set (self, n++, _("Response"), view->response);
          if (view->level != LW_LEVEL_FULL)
            card_set (self, n++, _("Concern"), _("Not shown at your level"));
        }
    }
  card_truncate (self, n);

  notice = self->view ? lw_participant_view_get_notice (self->view) : NULL;
  if (notice != NULL)
    {
      const char *translation = lw_policy_part2_notice_translation ();

      /* the prescribed English, then its translation labelled as one */
      if (g_strcmp0 (notice, lw_policy_part2_notice ()) == 0 && translation != NULL)
        {
          g_autofree char *both = g_strdup_printf ("%s\n\n%s %s", notice,
                                                   lw_policy_part2_notice_translation_label (),
                                                   translation);

          lw_wrap_label_set_text (self->notice_label, both);
        }
      else
        lw_wrap_label_set_text (self->notice_label, notice);
      gtk_widget_set_visible (GTK_WIDGET (self->notice_label), TRUE);
    }
  else
    lw_wrap_label_set_text (self->notice_label, "");
  return n;
}

/* Action items */

typedef struct
{
  GWeakRef presenter;
  LwId     action_id;
} ActionUndo;

static void
action_undo_free (gpointer data)
{
  ActionUndo *undo = data;

  g_weak_ref_clear (&undo->presenter);
  g_free (undo);
}

static ActionUndo *
action_undo_new (LwPresenter *self,
                 LwId         action_id)
{
  ActionUndo *undo = g_new0 (ActionUndo, 1);

  g_weak_ref_init (&undo->presenter, self);
  undo->action_id = action_id;
  return undo;
}

/* Undo of Done and Drop: open again */
static void
undo_status_cb (AdwToast   *toast,
                ActionUndo *undo)
{
  g_autoptr(LwPresenter) self = g_weak_ref_get (&undo->presenter);
  g_autoptr(GError) error = NULL;

  if (self == NULL || self->store == NULL || !lw_store_is_unlocked (self->store))
    return;
  if (!lw_agenda_set_action_status (self->store, undo->action_id, LW_ACTION_OPEN, &error))
    {
      lw_toast_show_error (GTK_WIDGET (self), error);
      return;
    }
  fill_actions (self);
  lw_projector_panel_refresh (self->projector_panel);
}

static void
action_status_cb (GtkButton   *button,
                  LwPresenter *self)
{
  LwId id = (LwId) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "lw-action-id"));
  LwActionStatus status = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "lw-status"));
  const char *what = g_object_get_data (G_OBJECT (button), "lw-what");
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!lw_agenda_set_action_status (self->store, id, status, &error))
    {
      lw_toast_show_error (GTK_WIDGET (self), error);
      return;
    }

  /* Translators: a toast; the %s says which action item (its owner and due date, or its text) */
  title = g_strdup_printf (status == LW_ACTION_DONE ? _("Marked done: %s") : _("Dropped: %s"), what ? what : "");
  lw_toast_show_undo (GTK_WIDGET (self), title, G_CALLBACK (undo_status_cb),
                      action_undo_new (self, id), action_undo_free);
  fill_actions (self);
  lw_projector_panel_refresh (self->projector_panel);
}

/* The levels an action item is seen at: those of its participant (the current
 * item's view when it is theirs), else the viewer's alone. */
static void
action_levels (LwPresenter        *self,
               const LwActionItem *action,
               LwLevel             levels[LW_N_CATEGORIES])
{
  if (action->participant_id == 0)
    lw_agenda_row_describe_levels (self->store, self->audience, NULL, NULL, levels);
  else if (self->view != NULL && lw_participant_view_get_id (self->view) == action->participant_id)
    for (int c = 0; c < LW_N_CATEGORIES; c++)
      levels[c] = lw_participant_view_get_level (self->view, c);
  else if (!lw_policy_get_levels (self->store, self->audience, action->participant_id, levels, NULL))
    for (int c = 0; c < LW_N_CATEGORIES; c++)
      levels[c] = LW_LEVEL_NONE;
}

/* Row n of the action items: made once, with wrapping labels that shape a
 * text once however often they are measured, and kept from item to item (its
 * texts change, the widgets stay).  The nodes are those of an AdwActionRow (row > box.header >
 * box.title > label.title, label.subtitle), so that it looks like one. */
static GtkWidget *
action_row_get (LwPresenter *self,
                guint        n)
{
  while (self->action_rows->len <= n)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *title = lw_wrap_label_new (NULL);
      GtkWidget *subtitle = lw_wrap_label_new (NULL);
      GtkWidget *button;

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_add_css_class (header, "header");
      gtk_widget_add_css_class (titles, "title");
      gtk_widget_set_hexpand (titles, TRUE);
      gtk_widget_set_valign (titles, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (title, "title");
      gtk_widget_add_css_class (subtitle, "subtitle");
      gtk_box_append (GTK_BOX (titles), title);
      gtk_box_append (GTK_BOX (titles), subtitle);
      gtk_box_append (GTK_BOX (header), titles);

      /* Translators: a button that marks an action item done */
      button = gtk_button_new_with_label (C_("action item", "Done"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "lw-status", GINT_TO_POINTER (LW_ACTION_DONE));
      g_signal_connect_object (button, "clicked", G_CALLBACK (action_status_cb), self, 0);
      gtk_box_append (GTK_BOX (header), button);
      g_object_set_data (G_OBJECT (row), "lw-done", button);

      button = gtk_button_new_with_label (_("Drop"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data (G_OBJECT (button), "lw-status", GINT_TO_POINTER (LW_ACTION_DROPPED));
      g_signal_connect_object (button, "clicked", G_CALLBACK (action_status_cb), self, 0);
      gtk_box_append (GTK_BOX (header), button);
      g_object_set_data (G_OBJECT (row), "lw-drop", button);

      g_object_set_data (G_OBJECT (row), "lw-title", title);
      g_object_set_data (G_OBJECT (row), "lw-subtitle", subtitle);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), header);
      gtk_list_box_append (self->actions_list, row);
      g_ptr_array_add (self->action_rows, row);
    }
  return g_ptr_array_index (self->action_rows, n);
}

/* Sets row n: its title and subtitle, and for an action item (action_id not
 * 0) its buttons, named with what (which item, as the viewer sees it). */
static void
action_row_set (LwPresenter *self,
                guint        n,
                const char  *title,
                const char  *subtitle,
                LwId         action_id,
                const char  *what)
{
  GtkWidget *row = action_row_get (self, n);
  GtkWidget *buttons[] = {
    g_object_get_data (G_OBJECT (row), "lw-done"),
    g_object_get_data (G_OBJECT (row), "lw-drop"),
  };

  lw_wrap_label_set_text (g_object_get_data (G_OBJECT (row), "lw-title"), title);
  lw_wrap_label_set_text (g_object_get_data (G_OBJECT (row), "lw-subtitle"), subtitle ? subtitle : "");
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "lw-subtitle"), subtitle != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle ? subtitle : "",
                                  -1);
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      g_autofree char *name = NULL;

      gtk_widget_set_visible (buttons[i], action_id != 0);
      g_object_set_data (G_OBJECT (buttons[i]), "lw-action-id", GSIZE_TO_POINTER ((gsize) action_id));
      g_object_set_data_full (G_OBJECT (buttons[i]), "lw-what", g_strdup (what), g_free);
      if (action_id != 0)
        name = g_strdup_printf (i == 0 ? _("Mark done: %s") : _("Drop: %s"), what);
      gtk_accessible_update_property (GTK_ACCESSIBLE (buttons[i]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name ? name : "", -1);
    }
  gtk_widget_set_visible (row, TRUE);
}

/* Hides the rows from n on; their text goes, so nothing of the last item
 * stays. */
static void
action_rows_truncate (LwPresenter *self,
                      guint        n)
{
  for (guint i = n; i < self->action_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->action_rows, i);

      if (!gtk_widget_get_visible (row))
        continue;
      action_row_set (self, i, "", NULL, 0, NULL);
      gtk_widget_set_visible (row, FALSE);
    }
}

/* Row n for an action item, or nothing when the viewer may not see the item
 * at all (one marked as concerning health or treatment is whole or absent). */
static gboolean
set_action_row (LwPresenter        *self,
                guint               n,
                const LwActionItem *action,
                const LwMeeting    *from,
                const char * const *part2)
{
  g_autoptr(LwPerson) person = NULL;
  g_autofree char *owner = NULL;
  g_autoptr(GString) subtitle = NULL;
  g_autofree char *what = NULL;
  LwLevel levels[LW_N_CATEGORIES];
  const char *text = NULL;

  action_levels (self, action, levels);
  if (!lw_policy_show_action (action, levels, &text))
    return FALSE;
  /* a treatment program's staff by role where substance use is hidden */
  person = action->owner_id ? lw_store_get (self->store, &lw_person_table, action->owner_id, NULL) : NULL;
  owner = lw_policy_person_label (person, part2, levels);
  subtitle = g_string_new (owner ? owner : _("No owner"));

  if (action->due_date != NULL)
    g_string_append_printf (subtitle, " · %s %s", _("due"), action->due_date);
  if (from != NULL && from->id != self->meeting->id)
    g_string_append_printf (subtitle, " · %s %s", _("carried over from the meeting of"), from->date);
  else if (from == NULL && action->meeting_id == self->meeting->id)
    g_string_append_printf (subtitle, " · %s", _("new at this meeting"));
  else if (from == NULL)
    g_string_append_printf (subtitle, " · %s", _("agreed outside a meeting"));
  if (action->carried_over > 0)
    g_string_append_printf (subtitle, ngettext (" · carried %" PRId64 " time",
                                                " · carried %" PRId64 " times",
                                                (gulong) action->carried_over),
                            action->carried_over);

  /* which item, for the buttons' names and the toasts: what the viewer sees */
  what = text ? g_strdup (text)
              : action->due_date ? g_strdup_printf ("%s, %s %s", owner ? owner : _("No owner"), _("due"), action->due_date)
              : g_strdup (owner ? owner : _("No owner"));

  action_row_set (self, n, text ? text : _("Action item (text not shown at your level)"),
                  subtitle->str, action->id, what);
  return TRUE;
}

static void
fill_actions (LwPresenter *self)
{
  g_autoptr(GPtrArray) carried = NULL;
  g_autoptr(GPtrArray) agreed = NULL;
  g_auto(GStrv) part2 = NULL;
  guint n = 0;

  if (self->current == NULL)
    {
      action_rows_truncate (self, 0);
      return;
    }

  part2 = lw_policy_get_part2_agencies (self->store);
  if (self->current->participant_id != 0)
    {
      carried = lw_agenda_carried_actions (self->store, self->meeting, self->current->participant_id, NULL);
      for (guint i = 0; carried != NULL && i < carried->len; i++)
        {
          LwCarriedAction *c = g_ptr_array_index (carried, i);

          n += set_action_row (self, n, c->action, c->from, (const char * const *) part2);
        }
    }

  agreed = lw_store_list (self->store, &lw_action_item_table, "agenda_item_id", self->current->id, NULL);
  for (guint i = 0; agreed != NULL && i < agreed->len; i++)
    {
      LwActionItem *action = g_ptr_array_index (agreed, i);

      if (action->status != LW_ACTION_OPEN)
        continue;
      n += set_action_row (self, n, action, NULL, (const char * const *) part2);
    }

  if (n == 0)
    action_row_set (self, n++, _("No open action items"), NULL, 0, NULL);
  action_rows_truncate (self, n);
}

/* The agenda and the current item */

static void
update_progress (LwPresenter *self)
{
  guint n = self->items ? self->items->len : 0, done = 0;
  int position = current_position (self);
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      LwAgendaItem *item = g_ptr_array_index (self->items, i);

      done += item->ended_at != 0;
    }

  if (position < 0)
    text = g_strdup_printf (ngettext ("%u item · %u done", "%u items · %u done", n), n, done);
  else
    /* Translators: progress through the agenda; the plural is that of the
     * number done */
    text = g_strdup_printf (ngettext ("Item %d of %u · %u done", "Item %d of %u · %u done", done),
                            position + 1, n, done);
  gtk_label_set_text (self->progress_label, text);
}

static void
reload_items (LwPresenter *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  items = lw_agenda_rows_fill (self->rows, self->store, self->audience, self->views,
                               self->meeting->id, &error);
  if (items == NULL)
    {
      lw_toast_show_error (GTK_WIDGET (self), error);
      return;
    }

  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = items;
}

/* After a step: the items again (one query), the rows' state updated in
 * place; the rows are made again only when the agenda itself changed. */
static void
refresh_items (LwPresenter *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items = lw_agenda_list_items (self->store, self->meeting->id, &error);

  if (items == NULL)
    {
      lw_toast_show_error (GTK_WIDGET (self), error);
      return;
    }
  if (!lw_agenda_rows_update_state (self->rows, self->meeting, items))
    {
      g_ptr_array_unref (items);
      reload_items (self);
      return;
    }
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = items;
}

static void
update_audience (LwPresenter *self)
{
  self->room_roles = lw_agenda_room_roles (self->store, self->meeting->id, NULL);
  lw_room_audience_label_set (GTK_WIDGET (self->audience_label), self->room_roles);
  /* one line here; the whole of it on hover (roles, nothing sensitive) */
  lw_tooltip_set_text (GTK_WIDGET (self->audience_label), gtk_label_get_text (self->audience_label));
}

/* What the current item's notes (and a topic's title) concern, said in words. */
static void
update_note_concerns (LwPresenter *self,
                      int          concerns)
{
  const char *text;
  g_autofree char *accessible = NULL;

  switch (concerns)
    {
    case LW_CONCERNS_HEALTH:
      text = _("About health");
      break;
    case LW_CONCERNS_TREATMENT:
      text = _("About substance-use treatment");
      break;
    default:
      text = _("Nothing sensitive marked");
      break;
    }
  gtk_label_set_text (self->notes_concerns_label, text);
  accessible = g_strdup_printf (_("What these notes concern: %s. Alt+T in the notes changes it."), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notes_concerns_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

/* Marks the current item's notes as concerning nothing, health, then
 * treatment.  Someone who may not read the notes may make them more protected,
 * never less. */
static void
cycle_note_concerns_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  LwPresenter *self = LW_PRESENTER (widget);
  g_autoptr(LwAgendaItem) item = NULL;
  g_autoptr(GError) error = NULL;
  int now, next;
  gboolean readable;

  if (self->current == NULL || self->store == NULL || !lw_store_is_unlocked (self->store))
    return;
  lw_presenter_flush (self);
  item = lw_store_get (self->store, &lw_agenda_item_table, self->current->id, &error);
  if (item == NULL)
    {
      lw_toast_show_error (GTK_WIDGET (self), error);
      return;
    }
  now = MAX (item->concerns, LW_CONCERNS_NONE);
  next = (now + 1) % LW_N_CONCERNS;
  readable = lw_policy_text_visible (lw_model_category_of (item, LW_CATEGORY_CARE_NOTES),
                                     LW_CATEGORY_CARE_NOTES, self->levels);
  if (!readable && next == LW_CONCERNS_NONE)
    {
      lw_toast_show (GTK_WIDGET (self),
                        _("Only someone who may read these notes can mark them as less sensitive"));
      return;
    }
  item->concerns = next;
  if (!lw_store_update (self->store, item, &error))
    {
      lw_toast_show_error (GTK_WIDGET (self), error);
      return;
    }
  lw_toast_show (GTK_WIDGET (self),
                    next == LW_CONCERNS_TREATMENT ? _("Notes marked as about substance-use treatment")
                    : next == LW_CONCERNS_HEALTH ? _("Notes marked as about health")
                    : _("Notes no longer marked"));
  /* shown again at the level the new marking allows */
  show_item_recorded (self, (guint) MAX (current_position (self), 0), FALSE);
}

static void
show_item (LwPresenter *self,
           guint        position)
{
  g_autoptr(GError) error = NULL;
  LwAgendaItem *item;
  g_autofree char *title = NULL;
  g_autofree char *reasons = NULL;
  g_autofree char *where = NULL;
  gboolean notes_visible;

  lw_presenter_flush (self);

  refresh_items (self);
  g_clear_pointer (&self->current, lw_record_free);
  g_clear_pointer (&self->view, lw_participant_view_free);
  for (guint i = 0; i < LW_N_CATEGORIES; i++)
    self->levels[i] = LW_LEVEL_NONE;

  if (self->items == NULL || position >= self->items->len)
    {
      gtk_label_set_text (self->item_title_label, _("Nothing on the agenda"));
      gtk_label_set_text (self->item_position_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->item_reasons_label), FALSE);
      card_truncate (self, 0);
      action_rows_truncate (self, 0);
      gtk_stack_set_visible_child_name (self->notes_stack, "hidden");
      update_progress (self);
      update_timer (self);
      return;
    }

  item = g_ptr_array_index (self->items, position);
  self->current = lw_record_copy (item);

  if (item->participant_id != 0)
    {
      g_autoptr(LwParticipant) participant =
        lw_store_get (self->store, &lw_participant_table, item->participant_id, &error);

      if (participant != NULL)
        self->view = lw_policy_view_participant (self->store, self->audience, participant,
                                                 LW_VIEW_AUDITED, &error);
      if (self->view == NULL)
        lw_toast_show_error (GTK_WIDGET (self), error);
    }

  title = lw_agenda_row_describe_title (self->store, item, self->view);
  reasons = lw_agenda_row_describe_reasons (item, self->view);
  gtk_label_set_text (self->item_title_label, title);
  where = g_strdup_printf (_("Item %u of %u · time budget %" PRId64 " min"),
                           position + 1, self->items->len, (item->time_budget + 30) / 60);
  gtk_label_set_text (self->item_position_label, where);
  if (reasons != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Reasons: %s"), reasons);

      lw_wrap_label_set_text (self->item_reasons_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->item_reasons_label), reasons != NULL);

  lw_agenda_row_describe_levels (self->store, self->audience, item, self->view, self->levels);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "presenter.new-action",
                                 self->levels[LW_CATEGORY_PLAN] == LW_LEVEL_FULL);
  if (self->levels[LW_CATEGORY_PLAN] != LW_LEVEL_FULL)
    gtk_revealer_set_reveal_child (self->action_revealer, FALSE);

  fill_card (self, item);
  fill_actions (self);

  /* notes and outcome are care notes, of every kind of item: read and written
   * at full, only added to at summary, neither shown nor editable below */
  notes_visible = lw_policy_text_visible (lw_model_category_of (item, LW_CATEGORY_CARE_NOTES),
                                         LW_CATEGORY_CARE_NOTES, self->levels);
  self->notes_append = !notes_visible && self->levels[LW_CATEGORY_CARE_NOTES] >= LW_LEVEL_SUMMARY;
  update_note_concerns (self, item->concerns);
  gtk_widget_set_visible (self->append_label, self->notes_append);
  self->loading = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            notes_visible && item->notes ? item->notes : "", -1);
  gtk_editable_set_text (GTK_EDITABLE (self->outcome_entry),
                         notes_visible && item->outcome ? item->outcome : "");
  self->loading = FALSE;
  self->notes_dirty = FALSE;
  gtk_label_set_text (self->saved_label, _("Notes are saved as you type"));
  gtk_stack_set_visible_child_name (self->notes_stack,
                                    notes_visible || self->notes_append ? "edit" : "hidden");

  lw_action_entry_set_context (self->action_entry, self->store, self->meeting, item->id);

  gtk_single_selection_set_selected (self->selection, position);
  update_progress (self);
  update_timer (self);

  lw_projector_panel_set_item (self->projector_panel, position);
  g_signal_emit (self, signals[ITEM_CHANGED], 0);
}

/* Shows the item at position with everything it records — the audit entries
 * of the views it shows here and on the projector, and the start of the item
 * when start is set — in one transaction: one write to the disk instead of one
 * per entry.  It commits before this main-loop turn ends, so before any frame
 * shows what it recorded.  Should the commit fail, nothing of it was recorded:
 * the item is shown again entry by entry, each view only if its own entry is
 * written, as without the transaction. */
static void
show_item_recorded (LwPresenter *self,
                    guint        position,
                    gboolean     start)
{
  g_autoptr(GError) error = NULL;

  if (!lw_store_begin (self->store, &error))
    {
      lw_toast_show_error (GTK_WIDGET (self), error);
      /* nothing starts; what is shown is made again all the same (a new
       * level must not leave the old one's card), each entry on its own */
      if (!start)
        show_item (self, position);
      return;
    }
  if (start)
    {
      LwAgendaItem *item = g_ptr_array_index (self->items, position);

      if (!lw_agenda_start_item (self->store, item->id, &error))
        {
          lw_store_rollback (self->store);
          lw_toast_show_error (GTK_WIDGET (self), error);
          return;
        }
    }
  show_item (self, position);
  if (!lw_store_commit (self->store, &error))
    {
      lw_toast_show_error (GTK_WIDGET (self), error);
      /* the projector's card went with the transaction: made again below */
      lw_projector_panel_forget (self->projector_panel);
      show_item (self, position);
    }
}

/* Starts the item at position (recording the end of the running one). */
static void
go_to (LwPresenter *self,
       guint        position)
{
  if (self->items == NULL || position >= self->items->len ||
      self->meeting->status == LW_MEETING_CLOSED)
    return;

  lw_presenter_flush (self);
  end_pause (self);
  show_item_recorded (self, position, TRUE);
}

/* Summary */

static GtkWidget *
summary_heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "title-4");
  gtk_widget_set_margin_top (label, 12);

  return label;
}

static GtkWidget *
summary_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  return list;
}

static void
summary_row (GtkWidget  *list,
             const char *title,
             const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
}

static void
show_summary (LwPresenter *self)
{
  GtkWidget *times_label;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GHashTable) by_owner = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GArray) owners = g_array_new (FALSE, FALSE, sizeof (LwId));
  GtkWidget *child, *list, *label, *button;
  g_autofree char *title = lw_format_meeting_title (self->meeting);
  g_autofree char *ended = lw_format_time (self->meeting->ended_at);
  g_autofree char *started = lw_format_time (self->meeting->started_at);
  g_autofree char *times = NULL;
  guint n_discussed = 0, n_not_reached = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->summary_box))) != NULL)
    gtk_box_remove (self->summary_box, child);

  reload_items (self);

  label = gtk_label_new (_("Meeting Closed"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "title-1");
  gtk_box_append (self->summary_box, label);
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_box_append (self->summary_box, label);
  times = g_strdup_printf (_("Started %s · ended %s"), started, ended);
  label = gtk_label_new (times);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (self->summary_box, label);
  times_label = label;

  /* items discussed */
  gtk_box_append (self->summary_box, summary_heading (_("Items Discussed")));
  list = summary_list ();
  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      LwAgendaItem *item = g_ptr_array_index (self->items, i);
      const LwParticipantView *view;
      g_autofree char *item_title = NULL;
      g_autofree char *when = NULL;

      if (item->started_at == 0)
        continue;
      view = lw_agenda_row_view_cache_get (self->views, self->store, self->audience, item->participant_id);
      item_title = lw_agenda_row_describe_title (self->store, item, view);
      {
        gint64 used = item->ended_at > item->started_at ? (item->ended_at - item->started_at) / G_USEC_PER_SEC : 0;

        /* Translators: time used of the time budget, "3:12 of 5 min" */
        when = g_strdup_printf (_("%" PRId64 ":%02d of %" PRId64 " min"),
                                used / 60, (int) (used % 60), (item->time_budget + 30) / 60);
      }
      summary_row (list, item_title, when);
      n_discussed++;
    }
  if (n_discussed == 0)
    summary_row (list, _("None"), NULL);
  gtk_box_append (self->summary_box, list);

  /* action items by owner */
  gtk_box_append (self->summary_box, summary_heading (_("Action Items by Owner")));
  actions = lw_store_list (self->store, &lw_action_item_table, "meeting_id", self->meeting->id, NULL);
  for (guint i = 0; actions != NULL && i < actions->len; i++)
    {
      LwActionItem *action = g_ptr_array_index (actions, i);
      GPtrArray *list_of = g_hash_table_lookup (by_owner, &action->owner_id);
      LwLevel levels[LW_N_CATEGORIES];

      /* an item the viewer may not see at all is not listed, not even counted */
      action_levels (self, action, levels);
      if (!lw_policy_show_action (action, levels, NULL))
        continue;
      if (list_of == NULL)
        {
          list_of = g_ptr_array_new ();
          g_hash_table_insert (by_owner, g_memdup2 (&action->owner_id, sizeof (gint64)), list_of);
          g_array_append_val (owners, action->owner_id);
        }
      g_ptr_array_add (list_of, action);
    }
  list = summary_list ();
  for (guint o = 0; o < owners->len; o++)
    {
      LwId owner_id = g_array_index (owners, LwId, o);
      GPtrArray *list_of = g_hash_table_lookup (by_owner, &owner_id);
      g_autoptr(LwPerson) person = lw_store_get (self->store, &lw_person_table, owner_id, NULL);
      g_autofree char *owner = NULL;
      GtkWidget *expander = adw_expander_row_new ();

      /* by name only where every item listed under them allows it: the staff
       * of a treatment program are named by role where substance use is hidden */
      for (guint i = 0; i < list_of->len; i++)
        {
          LwActionItem *action = g_ptr_array_index (list_of, i);
          g_auto(GStrv) part2 = lw_policy_get_part2_agencies (self->store);
          g_autofree char *shown_as = NULL;
          LwLevel levels[LW_N_CATEGORIES];

          action_levels (self, action, levels);
          shown_as = lw_policy_person_label (person, (const char * const *) part2, levels);
          if (owner == NULL || (person != NULL && g_strcmp0 (shown_as, person->name) != 0))
            {
              g_free (owner);
              owner = g_steal_pointer (&shown_as);
            }
        }
      g_autofree char *count = g_strdup_printf (ngettext ("%u action item", "%u action items", list_of->len),
                                                list_of->len);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), owner);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), count);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
      for (guint i = 0; i < list_of->len; i++)
        {
          LwActionItem *action = g_ptr_array_index (list_of, i);
          const LwParticipantView *view =
            lw_agenda_row_view_cache_get (self->views, self->store, self->audience, action->participant_id);
          const char *text = NULL;
          LwLevel levels[LW_N_CATEGORIES];
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *sub = g_strdup_printf ("%s%s%s · %s",
                                                  view ? lw_participant_view_get_code (view) : "",
                                                  view ? " · " : "",
                                                  action->due_date ? action->due_date : _("no due date"),
                                                  lw_enum_to_label (&lw_action_status_info, action->status));

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          action_levels (self, action, levels);
          lw_policy_show_action (action, levels, &text);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                         text ? text : _("Action item (text not shown at your level)"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }
      gtk_list_box_append (GTK_LIST_BOX (list), expander);
    }
  if (owners->len == 0)
    summary_row (list, _("No action items were agreed"), NULL);
  gtk_box_append (self->summary_box, list);

  /* not reached: they carry over */
  gtk_box_append (self->summary_box, summary_heading (_("Not Reached — Carried Over")));
  list = summary_list ();
  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      LwAgendaItem *item = g_ptr_array_index (self->items, i);
      const LwParticipantView *view;
      g_autofree char *item_title = NULL;

      if (!lw_agenda_item_not_reached (self->meeting, item))
        continue;
      view = lw_agenda_row_view_cache_get (self->views, self->store, self->audience, item->participant_id);
      item_title = lw_agenda_row_describe_title (self->store, item, view);
      summary_row (list, item_title,
                   item->kind == LW_ITEM_PARTICIPANT ? _("Suggested again for the next meeting")
                                                     : C_("agenda item", "Not reached"));
      n_not_reached++;
    }
  if (n_not_reached == 0)
    summary_row (list, _("Every item was reached"), NULL);
  gtk_box_append (self->summary_box, list);

  {
    GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
    GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export Minutes…"));
    GtkWidget *reopen = gtk_button_new_with_mnemonic (_("_Reopen Meeting"));
    g_autoptr(GDateTime) ended_at = self->meeting->ended_at
                                    ? g_date_time_new_from_unix_local (self->meeting->ended_at / G_USEC_PER_SEC) : NULL;
    g_autofree char *ended_day = ended_at ? g_date_time_format (ended_at, "%Y-%m-%d") : NULL;
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

    gtk_widget_set_margin_top (buttons, 6);
    lw_tooltip_set_text (export, _("Minutes for the most restrictive role among those present, to start with"));
    gtk_widget_add_css_class (export, "pill");
    gtk_widget_add_css_class (export, "suggested-action");
    gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "presenter.export-minutes");
    gtk_box_append (GTK_BOX (buttons), export);
    /* closed too soon: the way back, the same day */
    lw_tooltip_set_text (reopen, _("Open the meeting again; only on the day it was closed"));
    gtk_widget_add_css_class (reopen, "pill");
    gtk_actionable_set_action_name (GTK_ACTIONABLE (reopen), "presenter.reopen");
    gtk_widget_set_visible (reopen, g_strcmp0 (ended_day, today) == 0);
    gtk_box_append (GTK_BOX (buttons), reopen);
    button = gtk_button_new_with_mnemonic (_("_Back to Meetings"));
    gtk_widget_add_css_class (button, "pill");
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "presenter.back");
    gtk_box_append (GTK_BOX (buttons), button);
    /* what the project manager does next, under the meeting's times and
     * above the lists, where it is seen without scrolling */
    gtk_widget_set_halign (buttons, GTK_ALIGN_START);
    gtk_box_insert_child_after (self->summary_box, buttons, times_label);

    g_clear_handle_id (&self->timer_source, g_source_remove);
    gtk_stack_set_visible_child_name (self->stack, "summary");
    gtk_widget_grab_focus (export);
  }
}

/* Actions */

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LwPresenter *self = LW_PRESENTER (widget);
  int position = current_position (self);

  if (self->items == NULL)
    return;
  if (position + 1 >= (int) self->items->len)
    {
      lw_toast_show (widget, _("That was the last item. Close the meeting when you are done."));
      return;
    }

  go_to (self, (guint) (position + 1));
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LwPresenter *self = LW_PRESENTER (widget);
  int position = current_position (self);

  if (position <= 0)
    return;

  go_to (self, (guint) (position - 1));
}

/* The attendees' rows are made only while their flap shows them: a flap
 * folded away is laid out all the same (lw-attendees.c). */
static void
flap_shown_cb (LwPresenter *self)
{
  lw_attendees_set_shown (self->attendees, !adw_flap_get_folded (self->flap) || adw_flap_get_reveal_flap (self->flap));
}

/* A revealer folded away still measures its child, at every width asked of
 * the column, each frame: the form is hidden once folded, shown to unfold. */
static void
action_revealed_cb (LwPresenter *self)
{
  if (!gtk_revealer_get_reveal_child (self->action_revealer) &&
      !gtk_revealer_get_child_revealed (self->action_revealer))
    gtk_widget_set_visible (GTK_WIDGET (self->action_entry), FALSE);
}

static void
new_action_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LwPresenter *self = LW_PRESENTER (widget);

  if (self->current == NULL || self->meeting->status == LW_MEETING_CLOSED)
    return;
  /* the role at the keyboard writes only what it may read in full: an action
   * item's text is plan information */
  if (self->levels[LW_CATEGORY_PLAN] != LW_LEVEL_FULL)
    {
      lw_toast_show (GTK_WIDGET (self),
                        _("Action items are written by a role that sees the plan in full"));
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->action_entry), TRUE);
  gtk_revealer_set_reveal_child (self->action_revealer, TRUE);
  lw_action_entry_start (self->action_entry);
}

/* Undo of "Action item saved": taken back, as if never agreed */
static void
undo_saved_cb (AdwToast   *toast,
               ActionUndo *undo)
{
  g_autoptr(LwPresenter) self = g_weak_ref_get (&undo->presenter);
  g_autoptr(GError) error = NULL;

  if (self == NULL || self->store == NULL || !lw_store_is_unlocked (self->store))
    return;
  if (!lw_agenda_withdraw_action (self->store, undo->action_id, &error))
    {
      lw_toast_show_error (GTK_WIDGET (self), error);
      return;
    }
  lw_toast_show (GTK_WIDGET (self), _("Action item taken back"));
  fill_actions (self);
  lw_projector_panel_refresh (self->projector_panel);
}

static void
action_saved_cb (LwPresenter *self,
                 gint64       action_id)
{
  g_autoptr(LwActionItem) action = lw_store_get (self->store, &lw_action_item_table, action_id, NULL);
  g_autoptr(LwPerson) owner = action && action->owner_id
                              ? lw_store_get (self->store, &lw_person_table, action->owner_id, NULL) : NULL;
  g_autofree char *title = NULL;

  /* the toast names it by owner and due date, what everyone at the table heard */
  if (owner != NULL && action->due_date != NULL)
    title = g_strdup_printf (_("Action item saved for %s, due %s"), owner->name, action->due_date);
  else if (owner != NULL)
    title = g_strdup_printf (_("Action item saved for %s"), owner->name);
  else
    title = g_strdup (_("Action item saved"));
  lw_toast_show_undo (GTK_WIDGET (self), title, G_CALLBACK (undo_saved_cb),
                      action_undo_new (self, action_id), action_undo_free);
  fill_actions (self);
  lw_projector_panel_refresh (self->projector_panel);
}

static void
action_cancelled_cb (LwPresenter *self)
{
  gtk_revealer_set_reveal_child (self->action_revealer, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->notes_view));
}

/* Alt+L or "Close Meeting": asks first, in the page (no dialog in the
 * meeting flow), saying what will carry over. */
static void
ask_close_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LwPresenter *self = LW_PRESENTER (widget);
  g_autofree char *text = NULL;
  guint not_started = 0, short_ones = 0;
  gint64 now = g_get_real_time ();

  if (self->meeting == NULL || self->meeting->status == LW_MEETING_CLOSED)
    return;
  lw_presenter_flush (self);
  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      const LwAgendaItem *item = g_ptr_array_index (self->items, i);
      gint64 end = item->ended_at ? item->ended_at : now;

      if (item->started_at == 0)
        not_started++;
      else if (end - item->started_at < LW_AGENDA_DISCUSSED_SECONDS * G_USEC_PER_SEC &&
               (item->notes == NULL || item->notes[0] == '\0'))
        short_ones++;
    }
  if (not_started + short_ones == 0)
    text = g_strdup (_("Close the meeting? Every item was reached."));
  else
    /* Translators: asked before closing; items paged past in under 30
     * seconds without notes or action items count as not reached */
    text = g_strdup_printf (ngettext ("Close the meeting? %u item was not reached (or only paged past) and carries over.",
                                      "Close the meeting? %u items were not reached (or only paged past) and carry over.",
                                      not_started + short_ones),
                            not_started + short_ones);
  gtk_label_set_text (self->close_label, text);
  gtk_revealer_set_reveal_child (self->close_revealer, TRUE);
  gtk_widget_grab_focus (self->keep_open_button);
}

static void
cancel_close_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LwPresenter *self = LW_PRESENTER (widget);

  gtk_revealer_set_reveal_child (self->close_revealer, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->notes_view));
}

static void
reopen_meeting (LwPresenter *self)
{
  g_autoptr(GError) error = NULL;
  LwId id;

  if (self->meeting == NULL || self->store == NULL || !lw_store_is_unlocked (self->store))
    return;
  id = self->meeting->id;
  if (!lw_agenda_reopen_meeting (self->store, id, &error))
    {
      lw_toast_show_error (GTK_WIDGET (self), error);
      return;
    }
  lw_toast_show (GTK_WIDGET (self), _("Meeting open again"));
  lw_presenter_set_meeting (self, self->store, id);
}

static void
undo_close_cb (AdwToast *toast,
               gpointer  data)
{
  g_autoptr(LwPresenter) self = g_weak_ref_get (data);

  if (self != NULL)
    reopen_meeting (self);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  reopen_meeting (LW_PRESENTER (widget));
}

static void
close_meeting_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LwPresenter *self = LW_PRESENTER (widget);
  g_autoptr(GError) error = NULL;
  LwAgendaCloseSummary summary;
  LwMeeting *meeting;
  GWeakRef *ref;
  g_autofree char *title = NULL;

  gtk_revealer_set_reveal_child (self->close_revealer, FALSE);
  lw_presenter_flush (self);
  end_pause (self);
  if (!lw_agenda_close_meeting (self->store, self->meeting->id, &summary, &error))
    {
      lw_toast_show_error (widget, error);
      return;
    }

  meeting = lw_store_get (self->store, &lw_meeting_table, self->meeting->id, &error);
  if (meeting == NULL)
    {
      lw_toast_show_error (widget, error);
      return;
    }
  g_clear_pointer (&self->meeting, lw_record_free);
  self->meeting = meeting;

  lw_projector_panel_close (self->projector_panel);
  show_summary (self);
  g_signal_emit (self, signals[CLOSED], 0);

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  title = g_strdup_printf (ngettext ("Meeting closed; %u item carries over",
                                     "Meeting closed; %u items carry over", summary.n_not_reached),
                           summary.n_not_reached);
  lw_toast_show_undo (widget, title, G_CALLBACK (undo_close_cb), ref, weak_ref_free);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LwPresenter *self = LW_PRESENTER (widget);

  lw_presenter_flush (self);
  end_pause (self);
  /* set_meeting starts it again */
  g_clear_handle_id (&self->timer_source, g_source_remove);
  /* leaving meeting mode closes the projector; a look at another section
   * does not (the room keeps the current item) */
  lw_projector_panel_close (self->projector_panel);
  g_signal_emit (widget, signals[BACK], 0);
}

/* The projector, from meeting mode's keys */

static void
projector_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LwPresenter *self = LW_PRESENTER (widget);
  LwProjectorPanel *panel = self->projector_panel;

  if (g_str_equal (action_name, "presenter.toggle-projector"))
    {
      lw_projector_panel_toggle (panel);
      lw_trim_memory_later ();
    }
  else if (g_str_equal (action_name, "presenter.blank-projector"))
    lw_projector_panel_toggle_blank (panel);
  else if (g_str_equal (action_name, "presenter.agenda-on-projector"))
    lw_projector_panel_toggle_agenda (panel);
  else if (g_str_equal (action_name, "presenter.break-on-projector"))
    lw_projector_panel_toggle_break (panel);
}

static void
export_minutes_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  /* the main page's export window: the audience preselected from the room */
  gtk_widget_activate_action (widget, "win.export-minutes", NULL);
}

static void
agenda_activate_cb (LwPresenter *self,
                    guint        position)
{
  go_to (self, position);
}

/* Ctrl+L in meeting mode: the window locks the store before it destroys this
 * page, so the notes typed in the last moment are saved first. */
static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lw_presenter_flush (LW_PRESENTER (widget));
  gtk_widget_activate_action (widget, "win.lock", NULL);
}

static void
attendees_changed_cb (LwPresenter *self)
{
  update_audience (self);
  /* at once: the new room must not see a frame meant for the old one */
  lw_projector_panel_refresh_audience (self->projector_panel);
}

/* Another role at the keyboard: everything shown is made again for it, from
 * views of the new audience; notes typed a moment ago are saved first, under
 * the rights of the role that typed them. */
static void
viewer_role_changed_cb (LwPresenter *self)
{
  int position;

  lw_presenter_flush (self);
  g_clear_pointer (&self->audience, lw_audience_free);
  self->audience = lw_settings_dup_viewer_audience ();
  g_hash_table_remove_all (self->views);

  if (self->meeting == NULL || self->store == NULL || !lw_store_is_unlocked (self->store))
    return;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "summary") == 0)
    {
      show_summary (self);
      return;
    }

  position = current_position (self);
  /* titles and reasons at the new level, in place */
  reload_items (self);
  show_item_recorded (self, (guint) MAX (position, 0), FALSE);
}

void
lw_presenter_reload (LwPresenter *self)
{
  g_return_if_fail (LW_IS_PRESENTER (self));

  viewer_role_changed_cb (self);
}

/* Agenda list rows */

static void
row_parent_cb (GtkWidget *box)
{
  GtkWidget *parent = gtk_widget_get_parent (box);
  const char *spoken = g_object_get_data (G_OBJECT (box), "lw-spoken");

  if (parent != NULL && spoken != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

static void
agenda_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  /* one line, laid out once per text: the agenda is allocated at many
   * widths, and again at each step of the meeting */
  GtkWidget *title = lw_wrap_label_new (NULL);
  GtkWidget *state = gtk_label_new (NULL);

  lw_wrap_label_set_ellipsize (LW_WRAP_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (state), 0);
  gtk_widget_add_css_class (state, "caption");
  gtk_widget_add_css_class (state, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), state);
  g_object_set_data (G_OBJECT (box), "lw-title", title);
  g_signal_connect (box, "notify::parent", G_CALLBACK (row_parent_cb), NULL);
  g_object_set_data (G_OBJECT (box), "lw-state", state);
  gtk_list_item_set_child (list_item, box);
}

static void
agenda_row_render (GtkListItem *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  LwAgendaRow *row = gtk_list_item_get_item (list_item);
  g_autofree char *title = NULL;
  g_autofree char *budget = NULL;
  g_autofree char *state = NULL;
  g_autofree char *spoken = NULL;
  const char *planned;
  const char *word;
  GtkWidget *item_widget;

  if (box == NULL || row == NULL)
    return;
  title = g_strdup_printf ("%u. %s", lw_agenda_row_get_position (row) + 1, lw_agenda_row_get_title (row));
  budget = lw_format_minutes (lw_agenda_row_get_time_budget (row));
  planned = lw_agenda_row_get_planned_start (row);

  if (lw_agenda_row_get_ended_at (row) != 0)
    word = C_("agenda item", "Done");
  else if (lw_agenda_row_get_started_at (row) != 0)
    word = _("Now");
  else
    word = NULL;
  /* Translators: an agenda row's state: planned start, budget, and done or now */
  state = g_strdup_printf ("%s%s%s%s%s%s",
                           word && lw_agenda_row_get_ended_at (row) ? "✓ " : word ? "▶ " : "",
                           word ? word : "", word ? " · " : "",
                           planned ? planned : "", planned ? " · " : "", budget);

  lw_wrap_label_set_text (g_object_get_data (G_OBJECT (box), "lw-title"), title);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "lw-state"), state);
  if (lw_agenda_row_get_ended_at (row) != 0)
    gtk_widget_add_css_class (box, "lw-done");
  else
    gtk_widget_remove_css_class (box, "lw-done");

  /* the row a screen reader lands on says which item and where it stands */
  spoken = g_strdup_printf ("%s, %s", title, state);
  /* the row a screen reader lands on is the box's parent, once it has one */
  g_object_set_data_full (G_OBJECT (box), "lw-spoken", g_strdup (spoken), g_free);
  item_widget = gtk_widget_get_parent (box);
  if (item_widget != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (item_widget), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

static void
agenda_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item)
{
  LwAgendaRow *row = gtk_list_item_get_item (list_item);

  agenda_row_render (list_item);
  /* a change of state redraws this row alone */
  g_signal_connect_swapped (row, "changed", G_CALLBACK (agenda_row_render), list_item);
}

static void
agenda_unbind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item)
{
  LwAgendaRow *row = gtk_list_item_get_item (list_item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, agenda_row_render, list_item);
}

static void
lw_presenter_unmap (GtkWidget *widget)
{
  lw_presenter_flush (LW_PRESENTER (widget));

  GTK_WIDGET_CLASS (lw_presenter_parent_class)->unmap (widget);
}

static void
lw_presenter_dispose (GObject *object)
{
  LwPresenter *self = LW_PRESENTER (object);

  lw_presenter_flush (self);
  g_clear_handle_id (&self->timer_source, g_source_remove);
  g_clear_handle_id (&self->notes_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_PRESENTER);

  self->store = NULL;
  g_clear_object (&self->settings);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->card_names, g_ptr_array_unref);
  g_clear_pointer (&self->card_values, g_ptr_array_unref);
  g_clear_pointer (&self->action_rows, g_ptr_array_unref);
  g_clear_pointer (&self->current, lw_record_free);
  g_clear_pointer (&self->view, lw_participant_view_free);
  g_clear_pointer (&self->views, g_hash_table_unref);
  g_clear_pointer (&self->meeting, lw_record_free);
  g_clear_pointer (&self->audience, lw_audience_free);

  G_OBJECT_CLASS (lw_presenter_parent_class)->dispose (object);
}

static void
lw_presenter_class_init (LwPresenterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_presenter_dispose;
  widget_class->unmap = lw_presenter_unmap;

  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ITEM_CHANGED] = g_signal_new ("item-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (LW_TYPE_ATTENDEES);
  g_type_ensure (LW_TYPE_ACTION_ENTRY);
  g_type_ensure (LW_TYPE_PROJECTOR_PANEL);
  g_type_ensure (LW_TYPE_WRAP_LABEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadworkgroup/Workgroup/lw-presenter.ui");
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, stack);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, meeting_label);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, audience_label);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, timer_label);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, progress_label);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, agenda_view);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, flap);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, attendees);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, item_position_label);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, item_title_label);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, item_reasons_label);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, card_grid);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, notice_label);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, close_revealer);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, close_label);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, keep_open_button);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, pause_button);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, projector_panel);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, action_revealer);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, action_entry);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, actions_list);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, notes_stack);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, append_label);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, notes_view);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, notes_concerns_button);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, notes_concerns_label);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, outcome_entry);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, saved_label);
  gtk_widget_class_bind_template_child (widget_class, LwPresenter, summary_box);

  gtk_widget_class_install_action (widget_class, "presenter.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "presenter.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "presenter.new-action", NULL, new_action_action);
  gtk_widget_class_install_action (widget_class, "presenter.close-meeting", NULL, close_meeting_action);
  gtk_widget_class_install_action (widget_class, "presenter.ask-close", NULL, ask_close_action);
  gtk_widget_class_install_action (widget_class, "presenter.cancel-close", NULL, cancel_close_action);
  gtk_widget_class_install_action (widget_class, "presenter.reopen", NULL, reopen_action);
  gtk_widget_class_install_action (widget_class, "presenter.export-minutes", NULL, export_minutes_action);
  gtk_widget_class_install_action (widget_class, "presenter.pause", NULL, pause_action);
  gtk_widget_class_install_action (widget_class, "presenter.toggle-projector", NULL, projector_action);
  gtk_widget_class_install_action (widget_class, "presenter.blank-projector", NULL, projector_action);
  gtk_widget_class_install_action (widget_class, "presenter.agenda-on-projector", NULL, projector_action);
  gtk_widget_class_install_action (widget_class, "presenter.break-on-projector", NULL, projector_action);
  gtk_widget_class_install_action (widget_class, "presenter.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "presenter.lock", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "presenter.cycle-note-concerns", NULL, cycle_note_concerns_action);
}

static void
add_shortcut (GtkShortcutController *controller,
              guint                  keyval,
              GdkModifierType        modifiers,
              const char            *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
    gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers), gtk_named_action_new (action)));
}

static void
lw_presenter_init (LwPresenter *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->audience = lw_settings_dup_viewer_audience ();
  self->settings = lw_settings_dup_gsettings ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::viewer-role",
                             G_CALLBACK (viewer_role_changed_cb), self, G_CONNECT_SWAPPED);
  self->views = lw_agenda_row_view_cache_new ();
  self->rows = g_list_store_new (LW_TYPE_AGENDA_ROW);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  g_signal_connect (factory, "setup", G_CALLBACK (agenda_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (agenda_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (agenda_unbind_cb), NULL);
  gtk_list_view_set_factory (self->agenda_view, factory);
  lw_focus_tab_leaves_list (GTK_WIDGET (self->agenda_view));
  g_object_unref (factory);
  gtk_list_view_set_model (self->agenda_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->agenda_view, "activate",
                           G_CALLBACK (agenda_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->action_revealer, "notify::child-revealed",
                           G_CALLBACK (action_revealed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flap, "notify::folded", G_CALLBACK (flap_shown_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flap, "notify::reveal-flap", G_CALLBACK (flap_shown_cb), self, G_CONNECT_SWAPPED);

  /* Alt+T in the notes marks what they concern; bubble phase, on the notes
   * alone, so that the action-item entry keeps its own Alt+T */
  {
    GtkEventController *notes_keys = gtk_shortcut_controller_new ();

    add_shortcut (GTK_SHORTCUT_CONTROLLER (notes_keys), GDK_KEY_t, GDK_ALT_MASK, "presenter.cycle-note-concerns");
    gtk_widget_add_controller (GTK_WIDGET (self->notes_stack), notes_keys);
  }

  /* capture phase: the meeting keys work from the notes editor too */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (keys, "lw-meeting-keys");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_Page_Down, 0, "presenter.next");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_Page_Up, 0, "presenter.previous");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_Return, GDK_CONTROL_MASK, "presenter.new-action");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "presenter.new-action");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_l, GDK_CONTROL_MASK, "presenter.lock");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_F5, 0, "presenter.toggle-projector");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_b, GDK_CONTROL_MASK, "presenter.blank-projector");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_A, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "presenter.agenda-on-projector");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_B, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "presenter.break-on-projector");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_P, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "presenter.pause");
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  /* plain B blanks the projector where no text is typed (bubble: an editor
   * takes its letters first); Escape takes back the question to close */
  {
    GtkEventController *bubble = gtk_shortcut_controller_new ();

    add_shortcut (GTK_SHORTCUT_CONTROLLER (bubble), GDK_KEY_b, 0, "presenter.blank-projector");
    add_shortcut (GTK_SHORTCUT_CONTROLLER (bubble), GDK_KEY_Escape, 0, "presenter.cancel-close");
    gtk_widget_add_controller (GTK_WIDGET (self), bubble);
  }

  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (notes_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->outcome_entry, "changed",
                           G_CALLBACK (notes_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->action_entry, "saved",
                           G_CALLBACK (action_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->action_entry, "cancelled",
                           G_CALLBACK (action_cancelled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->attendees, "changed",
                           G_CALLBACK (attendees_changed_cb), self, G_CONNECT_SWAPPED);

  self->card_names = g_ptr_array_new ();
  self->card_values = g_ptr_array_new ();
  self->action_rows = g_ptr_array_new ();

  /* Ctrl+Shift+Return, a prosecution position (lw-position-entry.c) */
  lw_position_entry_attach_presenter (GTK_WIDGET (self));
}

GtkWidget *
lw_presenter_new (void)
{
  return g_object_new (LW_TYPE_PRESENTER, NULL);
}

void
lw_presenter_set_meeting (LwPresenter *self,
                          LwStore     *store,
                          LwId         meeting_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  LwMeeting *meeting;
  guint start = 0;
  gboolean running = FALSE, unstarted = FALSE;

  g_return_if_fail (LW_IS_PRESENTER (self));
  g_return_if_fail (store != NULL);

  lw_presenter_flush (self);
  self->store = store;
  self->paused_at = 0;
  gtk_revealer_set_reveal_child (self->close_revealer, FALSE);

  meeting = lw_store_get (store, &lw_meeting_table, meeting_id, &error);
  if (meeting == NULL)
    {
      lw_toast_show_error (GTK_WIDGET (self), error);
      return;
    }
  g_clear_pointer (&self->meeting, lw_record_free);
  self->meeting = meeting;

  title = lw_format_meeting_title (meeting);
  gtk_label_set_text (self->meeting_label, title);
  lw_projector_panel_set_meeting (self->projector_panel, store,
                                  meeting->status == LW_MEETING_CLOSED ? 0 : meeting_id);
  lw_attendees_set_meeting (self->attendees, store, meeting_id);
  update_audience (self);
  gtk_revealer_set_reveal_child (self->action_revealer, FALSE);

  if (meeting->status == LW_MEETING_CLOSED)
    {
      show_summary (self);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "meeting");
  reload_items (self);

  /* the running item, else the first not started */
  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      LwAgendaItem *item = g_ptr_array_index (self->items, i);

      if (item->started_at != 0 && item->ended_at == 0)
        {
          start = i;
          running = TRUE;
          break;
        }
    }
  if (!running)
    for (guint i = 0; self->items != NULL && i < self->items->len; i++)
      if (((LwAgendaItem *) g_ptr_array_index (self->items, i))->started_at == 0)
        {
          start = i;
          unstarted = TRUE;
          break;
        }

  if (running)
    show_item_recorded (self, start, FALSE);
  else if (unstarted)
    go_to (self, start);
  else if (self->items != NULL && self->items->len > 0)
    /* every item was discussed: show the last, start nothing again */
    show_item_recorded (self, self->items->len - 1, FALSE);
  else
    show_item (self, 0);

  g_clear_handle_id (&self->timer_source, g_source_remove);
  self->timer_source = g_timeout_add_seconds (1, timer_cb, self);
  g_source_set_name_by_id (self->timer_source, "[lw] meeting timer");

  if (!gtk_widget_grab_focus (GTK_WIDGET (self->notes_view)))
    gtk_widget_grab_focus (GTK_WIDGET (self->agenda_view));
}

LwId
lw_presenter_get_meeting_id (LwPresenter *self)
{
  g_return_val_if_fail (LW_IS_PRESENTER (self), 0);

  return self->meeting ? self->meeting->id : 0;
}

LwId
lw_presenter_get_current_item (LwPresenter *self)
{
  g_return_val_if_fail (LW_IS_PRESENTER (self), 0);

  return self->current ? self->current->id : 0;
}

guint32
lw_presenter_get_room_roles (LwPresenter *self)
{
  g_return_val_if_fail (LW_IS_PRESENTER (self), 0);

  return self->room_roles;
}

GtkWidget *_lw_presenter_get_action_entry (LwPresenter *self) { return GTK_WIDGET (self->action_entry); }
GtkWidget *_lw_presenter_get_attendees (LwPresenter *self) { return GTK_WIDGET (self->attendees); }
GtkTextView *_lw_presenter_get_notes_view (LwPresenter *self) { return self->notes_view; }
GtkLabel *_lw_presenter_get_timer_label (LwPresenter *self) { return self->timer_label; }
GtkLabel *_lw_presenter_get_audience_label (LwPresenter *self) { return self->audience_label; }
const char *_lw_presenter_get_page (LwPresenter *self) { return gtk_stack_get_visible_child_name (self->stack); }
LwProjectorWindow *_lw_presenter_get_projector (LwPresenter *self) { return lw_projector_panel_get_projector (self->projector_panel); }
GtkWidget *_lw_presenter_get_close_bar (LwPresenter *self) { return GTK_WIDGET (self->close_revealer); }
GtkWidget *_lw_presenter_get_actions_list (LwPresenter *self) { return GTK_WIDGET (self->actions_list); }
GtkListView *_lw_presenter_get_agenda_view (LwPresenter *self) { return self->agenda_view; }
