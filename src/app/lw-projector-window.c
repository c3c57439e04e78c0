/* lw-projector-window.c: the projector — what the whole room sees
 *
 * The window never holds a model object or a view: it shows an LwRoomCard,
 * made by the core for the room's audience only.  Every change that can lower
 * the audience rebuilds the card widgets synchronously, in the same main-loop
 * turn, so no frame is drawn with content the new room may not see.  Blanking
 * destroys the card widgets, leaving only the meeting's name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-projector"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "lw/lw-agenda.h"
#include "lw/lw-error.h"
#include "lw/lw-i18n.h"

#include "lw-projector-window.h"
#include "lw-settings.h"
#include "lw-upload-pool.h"
#include "lw-slide.h"

/* the projector's strings follow lw_i18n_push(); without one, gettext as usual */
#undef _
#define _(String) lw_i18n_gettext (String)

#define SCALE_MIN      0.5
#define SCALE_MAX      3.0
#define SCALE_STEP     0.1
/* the window's font size is its height divided by this: 48px at 1080 lines,
 * the smallest text anywhere on the projector */
#define LINES_PER_SCREEN 22.5
/* the timer turns amber this many seconds before the budget */
#define TIMER_NEAR_SECONDS 60

typedef enum
{
  MODE_ITEM,
  MODE_AGENDA,
  MODE_BREAK,
} Mode;

struct _LwProjectorWindow
{
  GtkWindow       parent_instance;

  /* template widgets */
  GtkStack       *stack;
  GtkWidget      *content_box;
  GtkLabel       *position_label;
  GtkLabel       *audience_label;
  GtkLabel       *clock_label;
  LwSlide        *slide;
  GtkWidget      *timer_box;
  GtkImage       *timer_icon;
  GtkLabel       *timer_label;
  GtkLabel       *next_label;
  GtkLabel       *blank_label;

  /* borrowed references */
  LwStore        *store;

  /* owned references */
  GSettings      *settings;     /* NULL without the schema */
  GtkCssProvider *size_provider;
  LwRoomCard     *card;
  LwRoomAgenda   *agenda;       /* while the overview is shown */
  LwRoomReveal   *reveal;
  char           *meeting_title;
  char           *break_message;
  const char     *language;     /* interned; NULL: the app's own */

  LwId            meeting_id;
  guint           index;
  guint32         roles;
  Mode            mode;
  double          scale;
  int             font_px;
  gint64          elapsed;
  gint64          budget;
  guint           size_source;
  guint           timer_source;
  guint           timer_driven : 1;  /* set_timer () was called for this item */
  guint           paused : 1;
  guint           blank : 1;
  guint           shown : 1;     /* an item has been shown (and audited) */
};

G_DEFINE_FINAL_TYPE (LwProjectorWindow, lw_projector_window, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BLANK,
  PROP_ITEM,
  PROP_ROOM_ROLES,
  PROP_SCALE,
  PROP_SHOWING_AGENDA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild (LwProjectorWindow *self, gboolean audit);

/* ----------------------------------------------------------------------------
 * Size and scale
 */

static int
font_px_for (LwProjectorWindow *self,
             int                height)
{
  return MAX (8, (int) (height / LINES_PER_SCREEN * self->scale + 0.5));
}

/* The timer's icon is about 0.9 em, at the nearest size the icon theme has as
 * a bitmap (Adwaita: 16 to 96 px).  Another size is drawn from the SVG, and
 * the SVG renderer stays resident (style.css, "Icons drawn from bitmaps"). */
static int
timer_icon_px_for (int font_px)
{
  static const int sizes[] = { 16, 24, 32, 48, 64, 96 };
  int want = (font_px * 9 + 5) / 10;
  int best = sizes[0];

  for (guint i = 1; i < G_N_ELEMENTS (sizes); i++)
    if (ABS (sizes[i] - want) < ABS (best - want))
      best = sizes[i];
  return best;
}

static void
lw_projector_window_apply_size (LwProjectorWindow *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int px;
  g_autofree char *css = NULL;

  if (height <= 0)
    {
      int width;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
    }
  if (height <= 0)
    height = 720;

  px = font_px_for (self, height);
  if (px == self->font_px)
    return;
  self->font_px = px;

  css = g_strdup_printf ("window.lw-projector { font-size: %dpx; }", px);
  gtk_css_provider_load_from_data (self->size_provider, css, -1);
  gtk_image_set_pixel_size (self->timer_icon, timer_icon_px_for (px));
  /* the slide's smallest text is the header's */
  lw_slide_set_min_px (self->slide, px);
}

static gboolean
apply_size_idle (gpointer user_data)
{
  LwProjectorWindow *self = user_data;

  self->size_source = 0;
  lw_projector_window_apply_size (self);
  return G_SOURCE_REMOVE;
}

static void
lw_projector_window_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  LwProjectorWindow *self = LW_PROJECTOR_WINDOW (widget);
  int px = font_px_for (self, height);

  GTK_WIDGET_CLASS (lw_projector_window_parent_class)->size_allocate (widget, width, height, baseline);

  /* not during allocation: a style change now would resize what is being laid out */
  if (px != self->font_px && self->size_source == 0)
    self->size_source = g_idle_add (apply_size_idle, self);
}

void
lw_projector_window_set_scale (LwProjectorWindow *self,
                               double             scale)
{
  g_return_if_fail (LW_IS_PROJECTOR_WINDOW (self));

  scale = CLAMP (scale, SCALE_MIN, SCALE_MAX);
  if (G_APPROX_VALUE (scale, self->scale, 0.001))
    return;

  self->scale = scale;
  if (self->settings != NULL &&
      !G_APPROX_VALUE (g_settings_get_double (self->settings, "projector-scale"), scale, 0.001))
    g_settings_set_double (self->settings, "projector-scale", scale);
  lw_projector_window_apply_size (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE]);
}

double
lw_projector_window_get_scale (LwProjectorWindow *self)
{
  g_return_val_if_fail (LW_IS_PROJECTOR_WINDOW (self), 1.0);

  return self->scale;
}

static void
scale_changed_cb (LwProjectorWindow *self)
{
  lw_projector_window_set_scale (self, g_settings_get_double (self->settings, "projector-scale"));
}

/* ----------------------------------------------------------------------------
 * Rendering
 */

static void
set_accessible_label (GtkWidget  *widget,
                      const char *text)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text ? text : "",
                                  -1);
}

static char *
format_clock (gint64 seconds)
{
  seconds = ABS (seconds);
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d", seconds / 60, (int) (seconds % 60));
}

/* What the room sees is written in the projector's language; the presenter's
 * controls stay in the app's. */
static const char *
push_language (LwProjectorWindow *self)
{
  return lw_i18n_push (self->language);
}

static void
render_clock (LwProjectorWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = lw_i18n_format_time (now);

  gtk_label_set_label (self->clock_label, text);
}

static void
render_timer_unlocalized (LwProjectorWindow *self)
{
  gint64 budget = self->budget > 0 ? self->budget : (self->card ? self->card->time_budget : 0);
  g_autofree char *elapsed = format_clock (self->elapsed);
  g_autofree char *total = format_clock (budget);
  g_autofree char *text = NULL;
  const char *icon;

  gtk_widget_remove_css_class (self->timer_box, "near");
  gtk_widget_remove_css_class (self->timer_box, "over");
  gtk_widget_remove_css_class (self->timer_box, "paused");

  if (self->blank || self->mode != MODE_ITEM || self->card == NULL || self->card->n_items == 0)
    {
      gtk_label_set_label (self->timer_label, "");
      gtk_widget_set_visible (self->timer_box, FALSE);
      set_accessible_label (self->timer_box, NULL);
      return;
    }
  gtk_widget_set_visible (self->timer_box, TRUE);

  if (self->paused)
    {
      /* not colour alone: the words say it */
      gtk_widget_add_css_class (self->timer_box, "paused");
      icon = "media-playback-pause-symbolic";
      text = g_strdup_printf (_("Paused at %s of %s"), elapsed, total);
    }
  else if (budget <= 0)
    {
      icon = "preferences-system-time-symbolic";
      text = g_strdup_printf (_("%s elapsed"), elapsed);
    }
  else if (self->elapsed > budget)
    {
      g_autofree char *over = format_clock (self->elapsed - budget);

      /* not colour alone: another icon and other words */
      gtk_widget_add_css_class (self->timer_box, "over");
      icon = "dialog-warning-symbolic";
      text = g_strdup_printf (_("Over time by %s (budget %s)"), over, total);
    }
  else if (budget - self->elapsed <= MIN (TIMER_NEAR_SECONDS, budget / 5 + 1))
    {
      g_autofree char *left = format_clock (budget - self->elapsed);

      gtk_widget_add_css_class (self->timer_box, "near");
      icon = "alarm-symbolic";
      text = g_strdup_printf (_("%s left of %s"), left, total);
    }
  else
    {
      icon = "preferences-system-time-symbolic";
      text = g_strdup_printf (_("%s of %s"), elapsed, total);
    }

  gtk_image_set_from_icon_name (self->timer_icon, icon);
  gtk_label_set_label (self->timer_label, text);
  set_accessible_label (self->timer_box, text);
}

static void
render_timer (LwProjectorWindow *self)
{
  const char *previous = push_language (self);

  render_timer_unlocalized (self);
  render_clock (self);
  lw_i18n_pop (previous);
}

/* Without a presenter driving it, the timer follows the item's start; the
 * clock ticks in any case. */
static gboolean
timer_tick_cb (gpointer user_data)
{
  LwProjectorWindow *self = user_data;
  const LwRoomCard *card = self->card;

  if (!self->timer_driven && card != NULL && card->started_at != 0)
    {
      self->elapsed = ((card->ended_at ? card->ended_at : g_get_real_time ()) - card->started_at) / G_USEC_PER_SEC;
      self->elapsed = MAX (0, self->elapsed);
    }
  render_timer (self);
  return G_SOURCE_CONTINUE;
}

/* Destroys every text that showed the card. */
static void
clear_content (LwProjectorWindow *self)
{
  lw_slide_clear (self->slide);
  lw_slide_set_centered (self->slide, FALSE);
  lw_slide_commit (self->slide);
  gtk_label_set_label (self->position_label, "");
  gtk_label_set_label (self->audience_label, "");
  gtk_label_set_label (self->next_label, "");
  gtk_label_set_label (self->timer_label, "");
  set_accessible_label (GTK_WIDGET (self->slide), NULL);
  set_accessible_label (self->timer_box, NULL);
}

static void
slide_group (LwProjectorWindow *self,
             LwSlideStyle       first_style,
             const char        *first,
             LwSlideStyle       second_style,
             const char        *second)
{
  lw_slide_begin_group (self->slide);
  lw_slide_add (self->slide, first_style, first);
  if (second != NULL)
    lw_slide_add (self->slide, second_style, second);
}

/* "Sam Lee · due Friday 13 March 2026 · agreed today" */
static char *
action_meta (const LwRoomAction *action,
             gboolean            with_owner)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (with_owner)
    g_string_append (s, action->owner ? action->owner : _("No owner"));
  if (s->len > 0)
    g_string_append (s, " · ");
  if (action->due_text && action->overdue)
    g_string_append_printf (s, _("overdue since %s"), action->due_text);
  else if (action->due_text)
    g_string_append_printf (s, _("due %s"), action->due_text);
  else
    g_string_append (s, _("no due date"));
  if (action->agreed_here)
    g_string_append_printf (s, " · %s", _("agreed at this meeting"));
  else if (action->carried_over > 0)
    {
      g_string_append (s, " · ");
      g_string_append_printf (s, lw_i18n_ngettext ("carried over %" PRId64 " time",
                                                   "carried over %" PRId64 " times",
                                                   (gulong) action->carried_over),
                              action->carried_over);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
render_item (LwProjectorWindow *self)
{
  const LwRoomCard *card = self->card;
  g_autofree char *kind = NULL;
  g_autofree char *card_name = NULL;
  const char *last_label = NULL;

  if (card == NULL)
    {
      slide_group (self, LW_SLIDE_TEXT, _("The projector cannot show this item."), 0, NULL);
      return;
    }
  gtk_label_set_label (self->position_label, card->position_text);
  if (card->n_items == 0)
    {
      slide_group (self, LW_SLIDE_TEXT, card->position_text, 0, NULL);
      return;
    }

  kind = g_utf8_strup (card->kind_label ? card->kind_label : "", -1);
  lw_slide_add (self->slide, LW_SLIDE_KIND, kind);
  lw_slide_add (self->slide, LW_SLIDE_HEADING, card->heading);
  card_name = g_strdup_printf ("%s: %s", card->kind_label ? card->kind_label : "", card->heading);
  set_accessible_label (GTK_WIDGET (self->slide), card_name);

  if (card->reveal != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Shown to the room for this item only: %s"),
                                                card->reveal->label);

      slide_group (self, LW_SLIDE_MARKED, title, LW_SLIDE_TEXT, card->reveal->text);
    }

  /* a label once for the lines under it (legal matters, prosecution notes) */
  for (guint i = 0; i < card->lines->len; i++)
    {
      const LwRoomLine *line = g_ptr_array_index (card->lines, i);
      gboolean same = g_strcmp0 (line->label, last_label) == 0;

      slide_group (self, same ? LW_SLIDE_TEXT : LW_SLIDE_LABEL, same ? line->text : line->label,
                   LW_SLIDE_TEXT, same ? NULL : line->text);
      last_label = line->label;
    }

  if (card->reasons->len > 0)
    {
      slide_group (self, LW_SLIDE_SECTION, _("WHY IT IS ON THE AGENDA"), 0, NULL);
      lw_slide_begin_group (self->slide);
      for (guint i = 0; i < card->reasons->len; i++)
        lw_slide_add (self->slide, LW_SLIDE_PILL, g_ptr_array_index (card->reasons, i));
    }

  slide_group (self, LW_SLIDE_SECTION, _("OPEN ACTION ITEMS"), 0, NULL);
  if (card->actions->len == 0)
    slide_group (self, LW_SLIDE_META, _("None open"), 0, NULL);
  for (guint i = 0; i < card->actions->len; i++)
    {
      const LwRoomAction *action = g_ptr_array_index (card->actions, i);
      g_autofree char *meta = action_meta (action, action->text != NULL);

      /* the text where the room may read it, else who does it and by when */
      slide_group (self, LW_SLIDE_TEXT,
                   action->text ? action->text : action->owner ? action->owner : _("No owner"),
                   LW_SLIDE_META, meta);
    }

  if (card->next_up)
    {
      g_autofree char *next = g_strdup_printf (_("Next: %s"), card->next_up);

      gtk_label_set_label (self->next_label, next);
    }
  else
    gtk_label_set_label (self->next_label, _("Last item"));
}

static void
render_agenda (LwProjectorWindow *self)
{
  const LwRoomAgenda *agenda = self->agenda;

  gtk_label_set_label (self->position_label, _("Agenda"));
  if (agenda == NULL)
    {
      slide_group (self, LW_SLIDE_TEXT, _("The projector cannot show the agenda."), 0, NULL);
      return;
    }
  lw_slide_add (self->slide, LW_SLIDE_KIND, _("AGENDA"));
  lw_slide_add (self->slide, LW_SLIDE_HEADING, agenda->meeting_title);
  set_accessible_label (GTK_WIDGET (self->slide), _("Agenda"));
  if (agenda->lines->len == 0)
    slide_group (self, LW_SLIDE_TEXT, _("No items on the agenda"), 0, NULL);
  for (guint i = 0; i < agenda->lines->len; i++)
    {
      const LwRoomAgendaLine *line = g_ptr_array_index (agenda->lines, i);
      g_autofree char *text = NULL;
      const char *state;
      LwSlideStyle style = LW_SLIDE_TEXT;

      switch (line->state)
        {
        case LW_ROOM_ITEM_DONE:
          state = _("done");
          style = LW_SLIDE_DONE;
          break;
        case LW_ROOM_ITEM_NOW:
          state = _("now");
          style = LW_SLIDE_NOW;
          break;
        case LW_ROOM_ITEM_NEXT:
          state = _("next");
          break;
        case LW_ROOM_ITEM_LATER:
        default:
          state = NULL;
          break;
        }
      /* Translators: an agenda line on the projector: planned start, number,
       * what the room may see of the item */
      if (line->planned_start)
        text = g_strdup_printf (_("%s  %u. %s"), line->planned_start, i + 1, line->title);
      else
        text = g_strdup_printf (_("%u. %s"), i + 1, line->title);
      if (state != NULL)
        {
          g_autofree char *with_state = g_strdup_printf ("%s · %s", text, state);

          g_free (text);
          text = g_steal_pointer (&with_state);
        }
      slide_group (self, style, text, 0, NULL);
    }
  gtk_label_set_label (self->next_label, "");
}

static void
render_break (LwProjectorWindow *self)
{
  gtk_label_set_label (self->position_label, "");
  lw_slide_set_centered (self->slide, TRUE);
  lw_slide_add (self->slide, LW_SLIDE_HEADING, _("Break"));
  set_accessible_label (GTK_WIDGET (self->slide), _("Break"));
  if (self->break_message && self->break_message[0])
    slide_group (self, LW_SLIDE_NOTE, self->break_message, 0, NULL);
  slide_group (self, LW_SLIDE_NOTE, self->meeting_title, 0, NULL);
}

static void
render (LwProjectorWindow *self)
{
  const char *redacted_for = NULL;

  clear_content (self);
  gtk_label_set_label (self->blank_label, self->meeting_title);
  if (self->blank)
    {
      gtk_stack_set_visible_child_name (self->stack, "blank");
      render_timer (self);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "content");

  switch (self->mode)
    {
    case MODE_AGENDA:
      render_agenda (self);
      redacted_for = self->agenda ? self->agenda->redacted_for : NULL;
      break;
    case MODE_BREAK:
      render_break (self);
      break;
    case MODE_ITEM:
    default:
      render_item (self);
      redacted_for = self->card ? self->card->redacted_for : NULL;
      break;
    }
  lw_slide_commit (self->slide);

  /* discreetly, for the project manager: who this screen is redacted for */
  if (redacted_for != NULL && redacted_for[0])
    {
      g_autofree char *text = g_strdup_printf (_("For: %s"), redacted_for);

      gtk_label_set_label (self->audience_label, text);
    }
  render_timer (self);
}

/* Makes the card for the room now, in this main-loop turn, and shows it.
 * audit: record the projection (a new item, a new room or a reveal). */
static void
render_title (LwProjectorWindow *self)
{
  g_autofree char *title = NULL;

  g_free (self->meeting_title);
  self->meeting_title = self->store && lw_store_is_unlocked (self->store)
                        ? lw_room_meeting_title (self->store, self->meeting_id, NULL)
                        : NULL;
  if (self->meeting_title == NULL)
    self->meeting_title = g_strdup (_("Meeting"));
  title = g_strdup_printf (_("Projector — %s"), self->meeting_title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_label (self->blank_label, self->meeting_title);
}

static void
rebuild (LwProjectorWindow *self,
         gboolean           audit)
{
  g_autoptr(GError) error = NULL;
  LwRoomCard *card = NULL;
  guint32 old_roles = self->roles;
  const char *previous = push_language (self);

  /* the old card goes first: whatever happens, it is not shown again */
  g_clear_pointer (&self->card, lw_room_card_free);
  g_clear_pointer (&self->agenda, lw_room_agenda_free);

  if (self->store != NULL && lw_store_is_unlocked (self->store))
    card = lw_room_card_new (self->store, self->meeting_id, self->index, self->reveal, &error);
  else
    g_set_error_literal (&error, LW_ERROR, LW_ERROR_LOCKED, _("The program is locked"));

  if (card != NULL)
    {
      self->index = card->index;
      self->roles = card->roles;
      if (card->reveal == NULL)
        g_clear_pointer (&self->reveal, lw_room_reveal_free);
      /* nothing is projected that is not recorded */
      if (audit && self->mode == MODE_ITEM && !lw_room_audit_projection (self->store, card, &error))
        g_clear_pointer (&card, lw_room_card_free);
    }
  if (card == NULL)
    g_debug ("The projector shows no card: %s", error->message);
  self->card = card;

  if (card != NULL && self->mode == MODE_AGENDA)
    {
      self->agenda = lw_room_agenda_new (self->store, self->meeting_id, self->index, &error);
      if (self->agenda != NULL && audit && !lw_room_audit_agenda (self->store, self->agenda, &error))
        g_clear_pointer (&self->agenda, lw_room_agenda_free);
      if (self->agenda == NULL)
        g_debug ("The projector shows no agenda: %s", error ? error->message : "");
    }

  render_title (self);
  render (self);
  lw_i18n_pop (previous);

  if (self->roles != old_roles)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROOM_ROLES]);
}

/* ----------------------------------------------------------------------------
 * Public
 */

void
lw_projector_window_set_item (LwProjectorWindow *self,
                              guint              index)
{
  g_return_if_fail (LW_IS_PROJECTOR_WINDOW (self));

  if (self->shown && index == self->index)
    return;

  self->index = index;
  self->shown = TRUE;
  /* a reveal is for one item */
  g_clear_pointer (&self->reveal, lw_room_reveal_free);
  self->elapsed = 0;
  self->budget = 0;
  self->timer_driven = FALSE;
  self->paused = FALSE;
  rebuild (self, TRUE);
  timer_tick_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

void
lw_projector_window_set_language (LwProjectorWindow *self,
                                  const char        *language)
{
  const char *wanted;

  g_return_if_fail (LW_IS_PROJECTOR_WINDOW (self));

  wanted = lw_i18n_is_supported (language) ? g_intern_string (language) : NULL;
  if (wanted == self->language)
    return;
  self->language = wanted;
  /* before the first item (from init) there is nothing to redraw */
  if (self->shown)
    {
      rebuild (self, FALSE);
      render_timer (self);
    }
}

const char *
lw_projector_window_get_language (LwProjectorWindow *self)
{
  g_return_val_if_fail (LW_IS_PROJECTOR_WINDOW (self), NULL);

  return self->language ? self->language : lw_i18n_get_current ();
}

guint
lw_projector_window_get_item (LwProjectorWindow *self)
{
  g_return_val_if_fail (LW_IS_PROJECTOR_WINDOW (self), 0);

  return self->index;
}

void
lw_projector_window_refresh_audience (LwProjectorWindow *self)
{
  g_autoptr(GError) error = NULL;
  guint32 roles;

  g_return_if_fail (LW_IS_PROJECTOR_WINDOW (self));

  roles = self->store && lw_store_is_unlocked (self->store)
          ? lw_agenda_room_roles (self->store, self->meeting_id, &error)
          : 0;
  /* synchronously: the next frame must not show what the new room may not see */
  rebuild (self, roles != self->roles || roles == 0);
}

void
lw_projector_window_refresh (LwProjectorWindow *self)
{
  g_return_if_fail (LW_IS_PROJECTOR_WINDOW (self));

  /* forgotten: shown again only as a new projection, recorded */
  if (!self->shown)
    {
      lw_projector_window_set_item (self, self->index);
      return;
    }
  rebuild (self, FALSE);
}

void
lw_projector_window_forget (LwProjectorWindow *self)
{
  const char *previous;

  g_return_if_fail (LW_IS_PROJECTOR_WINDOW (self));

  g_clear_pointer (&self->card, lw_room_card_free);
  g_clear_pointer (&self->agenda, lw_room_agenda_free);
  self->shown = FALSE;
  previous = push_language (self);
  render (self);
  lw_i18n_pop (previous);
}

guint32
lw_projector_window_get_room_roles (LwProjectorWindow *self)
{
  g_return_val_if_fail (LW_IS_PROJECTOR_WINDOW (self), 0);

  return self->roles;
}

LwId
lw_projector_window_get_meeting_id (LwProjectorWindow *self)
{
  g_return_val_if_fail (LW_IS_PROJECTOR_WINDOW (self), 0);

  return self->meeting_id;
}

void
lw_projector_window_set_blank (LwProjectorWindow *self,
                               gboolean           blank)
{
  g_return_if_fail (LW_IS_PROJECTOR_WINDOW (self));

  blank = !!blank;
  if (self->blank == blank)
    return;

  self->blank = blank;
  if (blank)
    {
      const char *previous = push_language (self);

      render (self);           /* destroys the card's text */
      lw_i18n_pop (previous);
    }
  else
    rebuild (self, FALSE);   /* the room may have changed meanwhile */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLANK]);
}

gboolean
lw_projector_window_get_blank (LwProjectorWindow *self)
{
  g_return_val_if_fail (LW_IS_PROJECTOR_WINDOW (self), FALSE);

  return self->blank;
}

void
lw_projector_window_set_timer (LwProjectorWindow *self,
                               gint64             elapsed_seconds,
                               gint64             budget_seconds)
{
  g_return_if_fail (LW_IS_PROJECTOR_WINDOW (self));

  self->timer_driven = TRUE;
  self->elapsed = MAX (0, elapsed_seconds);
  self->budget = MAX (0, budget_seconds);
  render_timer (self);
}

void
lw_projector_window_set_paused (LwProjectorWindow *self,
                                gboolean           paused)
{
  g_return_if_fail (LW_IS_PROJECTOR_WINDOW (self));

  self->paused = !!paused;
  render_timer (self);
}

void
lw_projector_window_set_showing_agenda (LwProjectorWindow *self,
                                        gboolean           showing)
{
  Mode mode;

  g_return_if_fail (LW_IS_PROJECTOR_WINDOW (self));

  mode = showing ? MODE_AGENDA : (self->break_message != NULL ? MODE_BREAK : MODE_ITEM);
  if (showing && self->mode == MODE_AGENDA)
    return;
  if (!showing && self->mode != MODE_AGENDA)
    return;
  self->mode = mode;
  /* the overview is a projection of its own, recorded as one */
  rebuild (self, showing);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWING_AGENDA]);
}

gboolean
lw_projector_window_get_showing_agenda (LwProjectorWindow *self)
{
  g_return_val_if_fail (LW_IS_PROJECTOR_WINDOW (self), FALSE);

  return self->mode == MODE_AGENDA;
}

void
lw_projector_window_set_break (LwProjectorWindow *self,
                               const char        *message)
{
  gboolean was_agenda;

  g_return_if_fail (LW_IS_PROJECTOR_WINDOW (self));

  was_agenda = self->mode == MODE_AGENDA;
  g_free (self->break_message);
  self->break_message = message ? g_strstrip (g_strdup (message)) : NULL;
  self->mode = self->break_message != NULL ? MODE_BREAK : MODE_ITEM;
  rebuild (self, FALSE);
  if (was_agenda)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWING_AGENDA]);
}

const char *
lw_projector_window_get_break (LwProjectorWindow *self)
{
  g_return_val_if_fail (LW_IS_PROJECTOR_WINDOW (self), NULL);

  return self->break_message;
}

GPtrArray *
lw_projector_window_list_revealable (LwProjectorWindow  *self,
                                     GError            **error)
{
  g_return_val_if_fail (LW_IS_PROJECTOR_WINDOW (self), NULL);

  return lw_room_revealable (self->store, self->meeting_id, self->index,
                             lw_settings_get_viewer_role (), error);
}

gboolean
lw_projector_window_reveal (LwProjectorWindow  *self,
                            const char         *key,
                            const char         *reason,
                            GError            **error)
{
  LwRoomReveal *reveal;

  g_return_val_if_fail (LW_IS_PROJECTOR_WINDOW (self), FALSE);

  reveal = lw_room_reveal (self->store, self->meeting_id, self->index,
                           lw_settings_get_viewer_role (), key, reason, error);
  if (reveal == NULL)
    return FALSE;

  g_clear_pointer (&self->reveal, lw_room_reveal_free);
  self->reveal = reveal;
  if (self->blank)
    return TRUE;   /* shown, and recorded, when the projector is restored */
  rebuild (self, TRUE);
  return TRUE;
}

const char *
lw_projector_window_get_reveal (LwProjectorWindow *self)
{
  g_return_val_if_fail (LW_IS_PROJECTOR_WINDOW (self), NULL);

  return self->reveal ? self->reveal->key : NULL;
}

/* The monitor the presenter's window is on, or NULL. */
static GdkMonitor *
presenter_monitor (LwProjectorWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));

  if (app == NULL)
    return NULL;
  for (GList *l = gtk_application_get_windows (app); l; l = l->next)
    {
      GdkSurface *surface;

      if (l->data == (gpointer) self || LW_IS_PROJECTOR_WINDOW (l->data))
        continue;
      surface = gtk_native_get_surface (GTK_NATIVE (l->data));
      if (surface != NULL)
        return gdk_display_get_monitor_at_surface (display, surface);
    }
  return NULL;
}

void
lw_projector_window_place (LwProjectorWindow *self)
{
  GdkDisplay *display;
  GListModel *monitors;
  g_autofree char *wanted = NULL;
  GdkMonitor *presenter;
  GdkMonitor *chosen = NULL;
  guint n;

  g_return_if_fail (LW_IS_PROJECTOR_WINDOW (self));

  display = gtk_widget_get_display (GTK_WIDGET (self));
  monitors = gdk_display_get_monitors (display);
  n = g_list_model_get_n_items (monitors);
  if (self->settings != NULL)
    wanted = g_settings_get_string (self->settings, "projector-monitor");
  presenter = presenter_monitor (self);

  for (guint i = 0; i < n && chosen == NULL; i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);

      g_debug ("Monitor %u: %s", i, gdk_monitor_get_connector (monitor));
      /* named in the preferences: there, even as the only monitor */
      if (wanted != NULL && wanted[0] != '\0')
        {
          if (g_strcmp0 (gdk_monitor_get_connector (monitor), wanted) == 0)
            chosen = monitor;
        }
      else if (monitor != presenter && n >= 2)
        chosen = monitor;   /* unset: a monitor the presenter is not on; with
                             * one monitor the presenter needs it: windowed */
    }

  if (chosen != NULL)
    gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), chosen);
  else
    g_debug ("No monitor matches the projector-monitor setting: windowed");
}

/* ----------------------------------------------------------------------------
 * Actions
 */

static void
toggle_blank_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LwProjectorWindow *self = LW_PROJECTOR_WINDOW (widget);

  lw_projector_window_set_blank (self, !self->blank);
}

static void
zoom_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LwProjectorWindow *self = LW_PROJECTOR_WINDOW (widget);

  if (g_str_equal (action_name, "projector.zoom-in"))
    lw_projector_window_set_scale (self, self->scale + SCALE_STEP);
  else if (g_str_equal (action_name, "projector.zoom-out"))
    lw_projector_window_set_scale (self, self->scale - SCALE_STEP);
  else
    lw_projector_window_set_scale (self, 1.0);
}

static void
toggle_fullscreen_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  GtkWindow *window = GTK_WINDOW (widget);

  if (gtk_window_is_fullscreen (window))
    gtk_window_unfullscreen (window);
  else
    gtk_window_fullscreen (window);
}

/* ----------------------------------------------------------------------------
 * GObject
 */

static void
lw_projector_window_dispose (GObject *object)
{
  LwProjectorWindow *self = LW_PROJECTOR_WINDOW (object);

  g_clear_handle_id (&self->size_source, g_source_remove);
  g_clear_handle_id (&self->timer_source, g_source_remove);
  if (self->size_provider != NULL)
    {
      gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                     GTK_STYLE_PROVIDER (self->size_provider));
      g_clear_object (&self->size_provider);
    }
  g_clear_pointer (&self->card, lw_room_card_free);
  g_clear_pointer (&self->agenda, lw_room_agenda_free);
  g_clear_pointer (&self->reveal, lw_room_reveal_free);
  g_clear_object (&self->settings);
  self->store = NULL;

  /* no gtk_widget_dispose_template (): the window disposes its own child */

  G_OBJECT_CLASS (lw_projector_window_parent_class)->dispose (object);
}

static void
lw_projector_window_finalize (GObject *object)
{
  LwProjectorWindow *self = LW_PROJECTOR_WINDOW (object);

  g_free (self->meeting_title);
  g_free (self->break_message);

  G_OBJECT_CLASS (lw_projector_window_parent_class)->finalize (object);
}

static void
lw_projector_window_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LwProjectorWindow *self = LW_PROJECTOR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BLANK:
      g_value_set_boolean (value, self->blank);
      break;

    case PROP_ITEM:
      g_value_set_uint (value, self->index);
      break;

    case PROP_ROOM_ROLES:
      g_value_set_uint (value, self->roles);
      break;

    case PROP_SCALE:
      g_value_set_double (value, self->scale);
      break;

    case PROP_SHOWING_AGENDA:
      g_value_set_boolean (value, self->mode == MODE_AGENDA);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_projector_window_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LwProjectorWindow *self = LW_PROJECTOR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BLANK:
      lw_projector_window_set_blank (self, g_value_get_boolean (value));
      break;

    case PROP_ITEM:
      lw_projector_window_set_item (self, g_value_get_uint (value));
      break;

    case PROP_SCALE:
      lw_projector_window_set_scale (self, g_value_get_double (value));
      break;

    case PROP_SHOWING_AGENDA:
      lw_projector_window_set_showing_agenda (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_projector_window_class_init (LwProjectorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_projector_window_dispose;
  object_class->finalize = lw_projector_window_finalize;
  object_class->get_property = lw_projector_window_get_property;
  object_class->set_property = lw_projector_window_set_property;
  widget_class->size_allocate = lw_projector_window_size_allocate;

  properties[PROP_BLANK] =
    g_param_spec_boolean ("blank", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEM] =
    g_param_spec_uint ("item", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROOM_ROLES] =
    g_param_spec_uint ("room-roles", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCALE] =
    g_param_spec_double ("scale", NULL, NULL, SCALE_MIN, SCALE_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOWING_AGENDA] =
    g_param_spec_boolean ("showing-agenda", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LW_TYPE_SLIDE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadworkgroup/Workgroup/lw-projector-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LwProjectorWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LwProjectorWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, LwProjectorWindow, position_label);
  gtk_widget_class_bind_template_child (widget_class, LwProjectorWindow, audience_label);
  gtk_widget_class_bind_template_child (widget_class, LwProjectorWindow, clock_label);
  gtk_widget_class_bind_template_child (widget_class, LwProjectorWindow, slide);
  gtk_widget_class_bind_template_child (widget_class, LwProjectorWindow, timer_box);
  gtk_widget_class_bind_template_child (widget_class, LwProjectorWindow, timer_icon);
  gtk_widget_class_bind_template_child (widget_class, LwProjectorWindow, timer_label);
  gtk_widget_class_bind_template_child (widget_class, LwProjectorWindow, next_label);
  gtk_widget_class_bind_template_child (widget_class, LwProjectorWindow, blank_label);

  gtk_widget_class_install_action (widget_class, "projector.toggle-blank", NULL, toggle_blank_activated);
  gtk_widget_class_install_property_action (widget_class, "projector.toggle-agenda", "showing-agenda");
  gtk_widget_class_install_action (widget_class, "projector.zoom-in", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "projector.zoom-out", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "projector.zoom-reset", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "projector.toggle-fullscreen", NULL,
                                   toggle_fullscreen_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, 0, "projector.toggle-blank", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, 0, "projector.toggle-agenda", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "projector.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "projector.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "projector.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "projector.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "projector.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "projector.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "projector.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "projector.toggle-fullscreen", NULL);
}

static void
lw_projector_window_load_css (GdkDisplay *display)
{
  static GQuark loaded;
  g_autoptr(GtkCssProvider) provider = NULL;

  if (loaded == 0)
    loaded = g_quark_from_static_string ("lw-projector-css");
  if (g_object_get_qdata (G_OBJECT (display), loaded) != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/org/leadworkgroup/Workgroup/projector.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_qdata_full (G_OBJECT (display), loaded, g_steal_pointer (&provider), g_object_unref);
}

static void
language_changed_cb (LwProjectorWindow *self)
{
  g_autofree char *language = g_settings_get_string (self->settings, "projector-language");

  lw_projector_window_set_language (self, language);
}

static void
lw_projector_window_init (LwProjectorWindow *self)
{
  GdkDisplay *display;

  gtk_widget_init_template (GTK_WIDGET (self));
  lw_upload_pool_attach (GTK_WINDOW (self));

  self->scale = 1.0;
  self->settings = lw_settings_dup_gsettings ();
  if (self->settings != NULL)
    {
      self->scale = CLAMP (g_settings_get_double (self->settings, "projector-scale"), SCALE_MIN, SCALE_MAX);
      g_signal_connect_object (self->settings, "changed::projector-scale",
                               G_CALLBACK (scale_changed_cb), self, G_CONNECT_SWAPPED);
      language_changed_cb (self);
      g_signal_connect_object (self->settings, "changed::projector-language",
                               G_CALLBACK (language_changed_cb), self, G_CONNECT_SWAPPED);
    }

  display = gtk_widget_get_display (GTK_WIDGET (self));
  lw_projector_window_load_css (display);
  self->size_provider = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (self->size_provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  lw_projector_window_apply_size (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->timer_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "",
                                  -1);

  self->timer_source = g_timeout_add_seconds (1, timer_tick_cb, self);
  g_source_set_name_by_id (self->timer_source, "[lw] projector timer");
}

LwProjectorWindow *
lw_projector_window_new (LwApplication *application,
                         LwStore       *store,
                         LwId           meeting_id)
{
  LwProjectorWindow *self;

  g_return_val_if_fail (application == NULL || LW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (store != NULL, NULL);

  self = g_object_new (LW_TYPE_PROJECTOR_WINDOW,
                       "application", application,
                       NULL);
  self->store = store;
  self->meeting_id = meeting_id;
  lw_projector_window_set_item (self, 0);
  return self;
}

/* ----------------------------------------------------------------------------
 * Preview
 */

GtkWidget *
lw_projector_preview_new (LwProjectorWindow *projector)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  GtkWidget *picture;

  g_return_val_if_fail (LW_IS_PROJECTOR_WINDOW (projector), NULL);

  /* the projector's own widgets, drawn small: the same pixels, no second copy
   * of the card's text in the presenter's widget tree */
  paintable = gtk_widget_paintable_new (GTK_WIDGET (projector->stack));
  picture = gtk_picture_new_for_paintable (paintable);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_picture_set_alternative_text (GTK_PICTURE (picture), _("Preview of the projector"));
  gtk_widget_add_css_class (picture, "lw-projector-preview");
  return picture;
}

const LwRoomCard *
_lw_projector_window_get_card (LwProjectorWindow *self)
{
  return self->card;
}

GtkWidget *
_lw_projector_window_get_timer (LwProjectorWindow *self)
{
  return self->timer_box;
}

GtkLabel *
_lw_projector_window_get_timer_label (LwProjectorWindow *self)
{
  return self->timer_label;
}

GtkWidget *
_lw_projector_window_get_card_box (LwProjectorWindow *self)
{
  return GTK_WIDGET (self->slide);
}

GtkLabel *
_lw_projector_window_get_audience_label (LwProjectorWindow *self)
{
  return self->audience_label;
}

GtkStack *
_lw_projector_window_get_stack (LwProjectorWindow *self)
{
  return self->stack;
}

