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

#include "lw/lw-agenda.h"
#include "lw/lw-error.h"
#include "lw/lw-i18n.h"

#include "lw-presenter.h"
#include "lw-projector-window.h"
#include "lw-settings.h"

/* the projector's strings follow lw_i18n_push(); without one, gettext as usual */
#undef _
#define _(String) lw_i18n_gettext (String)

#define SCALE_MIN      0.5
#define SCALE_MAX      3.0
#define SCALE_STEP     0.1
/* the window's font size is its height divided by this: 40px at 1080 lines */
#define LINES_PER_SCREEN 27.0
/* the timer turns amber this many seconds before the budget */
#define TIMER_NEAR_SECONDS 60

struct _LwProjectorWindow
{
  GtkWindow       parent_instance;

  /* template widgets */
  GtkStack       *stack;
  GtkWidget      *content_box;
  GtkLabel       *meeting_label;
  GtkLabel       *position_label;
  GtkWidget      *card_box;
  GtkWidget      *side_box;
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
  LwRoomReveal   *reveal;
  char           *meeting_title;
  const char     *language;     /* interned; NULL: the app's own */

  LwId            meeting_id;
  guint           index;
  guint32         roles;
  double          scale;
  int             font_px;
  gint64          elapsed;
  gint64          budget;
  guint           size_source;
  guint           timer_source;
  guint           timer_driven : 1;  /* set_timer () was called for this item */
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
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ----------------------------------------------------------------------------
 * Size and scale
 */

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

  px = MAX (10, (int) (height / LINES_PER_SCREEN * self->scale + 0.5));
  if (px == self->font_px)
    return;
  self->font_px = px;

  css = g_strdup_printf ("window.lw-projector { font-size: %dpx; }", px);
  gtk_css_provider_load_from_data (self->size_provider, css, -1);
  /* the side column keeps a fixed share of the lines, in the same unit */
  gtk_widget_set_size_request (gtk_widget_get_parent (gtk_widget_get_parent (self->side_box)),
                               px * 13, -1);
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
  int px = MAX (10, (int) (height / LINES_PER_SCREEN * self->scale + 0.5));

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
box_clear (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static GtkWidget *
styled_label (const char *text,
              const char *css_class,
              gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

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
 * controls in this file stay in the app's (no push around them). */
static const char *
push_language (LwProjectorWindow *self)
{
  return lw_i18n_push (self->language);
}

static void
render_timer_unlocalized (LwProjectorWindow *self);

static void
render_timer (LwProjectorWindow *self)
{
  const char *previous = push_language (self);

  render_timer_unlocalized (self);
  lw_i18n_pop (previous);
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

  if (self->blank || self->card == NULL || self->card->n_items == 0)
    {
      gtk_label_set_label (self->timer_label, "");
      gtk_widget_set_visible (self->timer_box, FALSE);
      set_accessible_label (self->timer_box, NULL);
      return;
    }
  gtk_widget_set_visible (self->timer_box, TRUE);

  if (budget <= 0)
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

/* Without a presenter driving it, the timer follows the item's start. */
static gboolean
timer_tick_cb (gpointer user_data)
{
  LwProjectorWindow *self = user_data;
  const LwRoomCard *card = self->card;

  if (self->timer_driven || card == NULL || card->started_at == 0)
    return G_SOURCE_CONTINUE;
  self->elapsed = ((card->ended_at ? card->ended_at : g_get_real_time ()) - card->started_at) / G_USEC_PER_SEC;
  self->elapsed = MAX (0, self->elapsed);
  render_timer (self);
  return G_SOURCE_CONTINUE;
}

/* Destroys every widget that showed the card. */
static void
clear_content (LwProjectorWindow *self)
{
  box_clear (self->card_box);
  box_clear (self->side_box);
  gtk_label_set_label (self->position_label, "");
  gtk_label_set_label (self->next_label, "");
  gtk_label_set_label (self->timer_label, "");
  set_accessible_label (self->card_box, NULL);
  set_accessible_label (self->side_box, NULL);
  set_accessible_label (self->timer_box, NULL);
}

static void
render_line (GtkWidget        *grid,
             int               row,
             const LwRoomLine *line)
{
  GtkWidget *label = styled_label (line->label, "lw-projector-line-label", FALSE);
  GtkWidget *text = styled_label (line->text, "lw-projector-line-text", TRUE);
  g_autofree char *spoken = g_strdup_printf ("%s: %s", line->label, line->text);

  gtk_label_set_yalign (GTK_LABEL (label), 0.5);
  gtk_widget_set_valign (label, GTK_ALIGN_BASELINE);
  gtk_widget_set_valign (text, GTK_ALIGN_BASELINE);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), text, 1, row, 1, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (text),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  set_accessible_label (text, spoken);
}

static void
render_card (LwProjectorWindow *self)
{
  const LwRoomCard *card = self->card;
  GtkWidget *grid;
  g_autofree char *kind = NULL;
  g_autofree char *card_name = NULL;
  g_autofree char *today = lw_date_today ();

  clear_content (self);

  gtk_label_set_label (self->meeting_label, self->meeting_title);
  gtk_label_set_label (self->blank_label, self->meeting_title);
  if (self->blank)
    {
      gtk_stack_set_visible_child_name (self->stack, "blank");
      render_timer (self);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "content");

  if (card == NULL)
    {
      gtk_box_append (GTK_BOX (self->card_box),
                      styled_label (_("The projector cannot show this item."), "lw-projector-empty", TRUE));
      render_timer (self);
      return;
    }

  gtk_label_set_label (self->position_label, card->position_text);
  if (card->n_items == 0)
    {
      gtk_box_append (GTK_BOX (self->card_box),
                      styled_label (card->position_text, "lw-projector-empty", TRUE));
      render_timer (self);
      return;
    }

  /* the card */
  kind = g_utf8_strup (card->kind_label ? card->kind_label : "", -1);
  gtk_box_append (GTK_BOX (self->card_box), styled_label (kind, "lw-projector-kind", FALSE));
  gtk_box_append (GTK_BOX (self->card_box), styled_label (card->heading, "lw-projector-heading", TRUE));
  card_name = g_strdup_printf ("%s: %s", card->kind_label ? card->kind_label : "", card->heading);
  set_accessible_label (self->card_box, card_name);

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  for (guint i = 0; i < card->lines->len; i++)
    render_line (grid, (int) i, g_ptr_array_index (card->lines, i));
  gtk_box_append (GTK_BOX (self->card_box), grid);

  if (card->reveal != NULL)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      g_autofree char *title = g_strdup_printf (_("Shown to the room for this item only: %s"),
                                                card->reveal->label);
      g_autofree char *spoken = g_strdup_printf ("%s. %s", title, card->reveal->text);

      gtk_widget_add_css_class (box, "lw-projector-reveal");
      gtk_box_append (GTK_BOX (box), styled_label (title, "lw-projector-reveal-label", TRUE));
      gtk_box_append (GTK_BOX (box), styled_label (card->reveal->text, "lw-projector-line-text", TRUE));
      gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                      -1);
      gtk_box_append (GTK_BOX (self->card_box), box);
    }

  /* the side: reasons and open action items */
  if (card->reasons->len > 0)
    {
      gtk_box_append (GTK_BOX (self->side_box),
                      styled_label (_("WHY IT IS ON THE AGENDA"), "lw-projector-section", FALSE));
      for (guint i = 0; i < card->reasons->len; i++)
        {
          GtkWidget *reason = styled_label (g_ptr_array_index (card->reasons, i), "lw-projector-reason", TRUE);

          gtk_widget_set_halign (reason, GTK_ALIGN_START);
          gtk_box_append (GTK_BOX (self->side_box), reason);
        }
    }

  gtk_box_append (GTK_BOX (self->side_box),
                  styled_label (_("OPEN ACTION ITEMS"), "lw-projector-section", FALSE));
  if (card->actions->len == 0)
    gtk_box_append (GTK_BOX (self->side_box), styled_label (_("None open"), "lw-projector-action-meta", FALSE));
  for (guint i = 0; i < card->actions->len; i++)
    {
      const LwRoomAction *action = g_ptr_array_index (card->actions, i);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      g_autofree char *meta = NULL;
      g_autofree char *spoken = NULL;

      if (action->due_date && g_strcmp0 (action->due_date, today) < 0)
        meta = g_strdup_printf (_("%s · overdue, was due %s"), action->owner ? action->owner : _("No owner"),
                                action->due_date);
      else if (action->due_date)
        meta = g_strdup_printf (_("%s · due %s"), action->owner ? action->owner : _("No owner"), action->due_date);
      else
        meta = g_strdup_printf (_("%s · no due date"), action->owner ? action->owner : _("No owner"));
      gtk_widget_add_css_class (box, "lw-projector-action");
      if (action->text)
        gtk_box_append (GTK_BOX (box), styled_label (action->text, NULL, TRUE));
      gtk_box_append (GTK_BOX (box), styled_label (meta, action->text ? "lw-projector-action-meta" : NULL, TRUE));
      spoken = action->text ? g_strdup_printf ("%s. %s", action->text, meta) : g_strdup (meta);
      gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                      -1);
      gtk_box_append (GTK_BOX (self->side_box), box);
    }
  set_accessible_label (self->side_box, _("Reasons and open action items"));

  if (card->next_up)
    {
      g_autofree char *next = g_strdup_printf (_("Next: %s"), card->next_up);
      gtk_label_set_label (self->next_label, next);
    }
  else
    gtk_label_set_label (self->next_label, _("Last item"));

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
      if (audit && !lw_room_audit_projection (self->store, card, &error))
        g_clear_pointer (&card, lw_room_card_free);
    }
  if (card == NULL)
    g_debug ("The projector shows no card: %s", error->message);

  self->card = card;
  render_card (self);
  render_title (self);
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

  rebuild (self, FALSE);
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
    render_card (self);      /* destroys the card's widgets */
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

  /* with one monitor the presenter needs it: windowed */
  if (n < 2)
    return;

  for (guint i = 0; i < n && chosen == NULL; i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);

      if (wanted != NULL && wanted[0] != '\0')
        {
          if (g_strcmp0 (gdk_monitor_get_connector (monitor), wanted) == 0)
            chosen = monitor;
        }
      else if (monitor != presenter)
        chosen = monitor;   /* unset: a monitor the presenter is not on */
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadworkgroup/Workgroup/lw-projector-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LwProjectorWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LwProjectorWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, LwProjectorWindow, meeting_label);
  gtk_widget_class_bind_template_child (widget_class, LwProjectorWindow, position_label);
  gtk_widget_class_bind_template_child (widget_class, LwProjectorWindow, card_box);
  gtk_widget_class_bind_template_child (widget_class, LwProjectorWindow, side_box);
  gtk_widget_class_bind_template_child (widget_class, LwProjectorWindow, timer_box);
  gtk_widget_class_bind_template_child (widget_class, LwProjectorWindow, timer_icon);
  gtk_widget_class_bind_template_child (widget_class, LwProjectorWindow, timer_label);
  gtk_widget_class_bind_template_child (widget_class, LwProjectorWindow, next_label);
  gtk_widget_class_bind_template_child (widget_class, LwProjectorWindow, blank_label);

  gtk_widget_class_install_action (widget_class, "projector.toggle-blank", NULL, toggle_blank_activated);
  gtk_widget_class_install_action (widget_class, "projector.zoom-in", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "projector.zoom-out", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "projector.zoom-reset", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "projector.toggle-fullscreen", NULL,
                                   toggle_fullscreen_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, 0, "projector.toggle-blank", NULL);
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
  return self->card_box;
}

GtkStack *
_lw_projector_window_get_stack (LwProjectorWindow *self)
{
  return self->stack;
}

/* ----------------------------------------------------------------------------
 * Meeting mode's side: the link between a presenter and its projector
 */

typedef struct
{
  GtkWidget         *presenter;     /* owner of this link */
  LwProjectorWindow *projector;     /* NULL when closed */
  GtkWidget         *panel;
  GtkWidget         *preview_frame;
  GtkWidget         *toggle_button;
  GtkWidget         *reveal_button;
  GtkRevealer       *reveal_revealer;
  GtkDropDown       *reveal_fields;
  GtkEntry          *reveal_reason;
  GtkLabel          *reveal_status;
  GPtrArray         *revealable;    /* LwRoomLine: key and label */
  gboolean           opened_once;
} Link;

static GQuark link_quark;

static Link *
link_get (GtkWidget *presenter)
{
  return link_quark ? g_object_get_qdata (G_OBJECT (presenter), link_quark) : NULL;
}

static guint
presenter_index (Link *link)
{
  LwPresenter *presenter = LW_PRESENTER (link->presenter);
  LwStore *store = link->projector ? link->projector->store : NULL;
  LwId current = lw_presenter_get_current_item (presenter);
  g_autoptr(GPtrArray) items = NULL;

  if (store == NULL || current == 0)
    return 0;
  items = lw_agenda_list_items (store, lw_presenter_get_meeting_id (presenter), NULL);
  for (guint i = 0; items != NULL && i < items->len; i++)
    if (((LwAgendaItem *) g_ptr_array_index (items, i))->id == current)
      return i;
  return 0;
}

static void
link_hide_reveal (Link *link)
{
  gtk_revealer_set_reveal_child (link->reveal_revealer, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (link->reveal_reason), "");
  g_clear_pointer (&link->revealable, g_ptr_array_unref);
}

static void
link_update (Link *link)
{
  gboolean open = link->projector != NULL;
  const char *revealed = open ? lw_projector_window_get_reveal (link->projector) : NULL;

  gtk_widget_set_visible (link->preview_frame, open);
  gtk_widget_set_sensitive (link->reveal_button, open && !lw_projector_window_get_blank (link->projector));
  gtk_button_set_label (GTK_BUTTON (link->toggle_button), open ? _("Close Projector") : _("Open Projector"));
  if (revealed == NULL)
    gtk_label_set_label (link->reveal_status, "");
  if (!open)
    link_hide_reveal (link);
}

static void
projector_destroy_cb (GtkWidget *window,
                      Link      *link)
{
  if ((GtkWidget *) link->projector == window)
    link->projector = NULL;
  if (link->panel != NULL)
    link_update (link);
}

static void link_close (Link *link);

static gboolean
toggle_from_projector_cb (GtkWidget *widget,
                          GVariant  *args,
                          gpointer   user_data)
{
  link_close (user_data);
  return TRUE;
}

static void
link_close (Link *link)
{
  LwProjectorWindow *projector = g_steal_pointer (&link->projector);

  if (projector != NULL)
    {
      g_signal_handlers_disconnect_by_func (projector, projector_destroy_cb, link);
      g_signal_handlers_disconnect_by_func (projector, link_update, link);
      gtk_window_destroy (GTK_WINDOW (projector));
    }
  if (link->panel != NULL)
    link_update (link);
}

static gboolean
forward_shortcut_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  Link *link = user_data;

  /* the projector has the keyboard (one monitor, or a click on it): the
   * presenter's keys still drive the meeting */
  return gtk_widget_activate_action (link->presenter, g_variant_get_string (args, NULL), NULL);
}

static void
link_add_presenter_keys (Link *link)
{
  static const struct { guint key; GdkModifierType mods; const char *action; } keys[] = {
    { GDK_KEY_Page_Down, 0, "presenter.next" },
    { GDK_KEY_Page_Up, 0, "presenter.previous" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  /* capture: the scrolled windows would take Page Up and Page Down */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new_with_arguments (
                                            gtk_keyval_trigger_new (keys[i].key, keys[i].mods),
                                            gtk_callback_action_new (forward_shortcut_cb, link, NULL),
                                            "s", keys[i].action));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F5, 0),
                                                          gtk_callback_action_new (toggle_from_projector_cb,
                                                                                   link, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (link->projector), controller);
}

static void
link_open (Link *link)
{
  LwPresenter *presenter = LW_PRESENTER (link->presenter);
  GtkRoot *root = gtk_widget_get_root (link->presenter);
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  LwStore *store = NULL;
  GtkWidget *preview;

  if (link->projector != NULL || lw_presenter_get_meeting_id (presenter) == 0)
    return;
  /* the presenter borrows the window's store, as the projector does */
  if (LW_IS_WINDOW (root))
    store = lw_window_get_store (LW_WINDOW (root));
  if (store == NULL || !lw_store_is_unlocked (store))
    return;

  link->projector = lw_projector_window_new (LW_IS_APPLICATION (app) ? LW_APPLICATION (app) : NULL,
                                             store, lw_presenter_get_meeting_id (presenter));
  link->opened_once = TRUE;
  g_signal_connect (link->projector, "destroy", G_CALLBACK (projector_destroy_cb), link);
  /* B pressed in the projector itself */
  g_signal_connect_swapped (link->projector, "notify::blank", G_CALLBACK (link_update), link);
  link_add_presenter_keys (link);
  lw_projector_window_set_item (link->projector, presenter_index (link));
  lw_projector_window_place (link->projector);
  gtk_window_present (GTK_WINDOW (link->projector));

  /* a fixed small size: the picture's own size is the projector's */
  preview = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (preview), GTK_POLICY_NEVER, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (preview), lw_projector_preview_new (link->projector));
  gtk_widget_set_size_request (preview, 320, 180);
  gtk_widget_set_halign (link->preview_frame, GTK_ALIGN_START);
  gtk_frame_set_child (GTK_FRAME (link->preview_frame), preview);
  link_update (link);
  /* the presenter keeps the keyboard: the meeting keys, the notes and Ctrl+L
   * stay where the project manager is typing, with one monitor or two */
  if (GTK_IS_WINDOW (root))
    gtk_window_present (GTK_WINDOW (root));
}

void
lw_projector_toggle_for_presenter (GtkWidget *presenter)
{
  Link *link = link_get (presenter);

  g_return_if_fail (link != NULL);

  if (link->projector != NULL)
    link_close (link);
  else
    link_open (link);
}

LwProjectorWindow *
lw_projector_get_for_presenter (GtkWidget *presenter)
{
  Link *link = link_get (presenter);

  return link ? link->projector : NULL;
}

static void
item_changed_cb (GtkWidget *presenter,
                 Link      *link)
{
  guint index;

  if (link->projector == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (presenter);
      GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

      /* --present MEETING --projector: open with meeting mode, once */
      if (!link->opened_once && LW_IS_APPLICATION (app) &&
          lw_application_get_projector (LW_APPLICATION (app)))
        link_open (link);
      return;
    }

  link_hide_reveal (link);
  gtk_label_set_label (link->reveal_status, "");
  index = presenter_index (link);
  if (index == lw_projector_window_get_item (link->projector))
    lw_projector_window_refresh (link->projector);   /* started, edited */
  else
    lw_projector_window_set_item (link->projector, index);
}

static void
attendance_changed_cb (Link *link)
{
  /* at once: the new room must not see a frame meant for the old one */
  if (link->projector != NULL)
    lw_projector_window_refresh_audience (link->projector);
  if (link->projector != NULL && lw_projector_window_get_reveal (link->projector) == NULL)
    gtk_label_set_label (link->reveal_status, "");
}

static void
action_saved_cb (Link *link)
{
  if (link->projector != NULL)
    lw_projector_window_refresh (link->projector);
}

static void
presenter_left_cb (GtkWidget *presenter,
                   Link      *link)
{
  /* leaving meeting mode, or closing the meeting, closes the projector; a
   * look at another section does not (the room keeps the current item) */
  link_close (link);
}

static void
link_free (gpointer data)
{
  Link *link = data;

  link_close (link);
  g_clear_pointer (&link->revealable, g_ptr_array_unref);
  g_clear_object (&link->panel);
  g_clear_object (&link->preview_frame);
  g_clear_object (&link->toggle_button);
  g_clear_object (&link->reveal_button);
  g_clear_object (&link->reveal_revealer);
  g_clear_object (&link->reveal_fields);
  g_clear_object (&link->reveal_reason);
  g_clear_object (&link->reveal_status);
  g_free (link);
}

static void
presenter_destroy_cb (GtkWidget *presenter,
                      Link      *link)
{
  link_close (link);
}

static gboolean
toggle_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  lw_projector_toggle_for_presenter (widget);
  return TRUE;
}

static gboolean
blank_shortcut_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  Link *link = link_get (widget);

  if (link == NULL || link->projector == NULL)
    return FALSE;
  lw_projector_window_set_blank (link->projector, !lw_projector_window_get_blank (link->projector));
  link_update (link);
  return TRUE;
}

static void
toggle_clicked_cb (Link *link)
{
  lw_projector_toggle_for_presenter (link->presenter);
}

static void
reveal_clicked_cb (Link *link)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  if (link->projector == NULL)
    return;
  if (gtk_revealer_get_reveal_child (link->reveal_revealer))
    {
      link_hide_reveal (link);
      return;
    }

  g_clear_pointer (&link->revealable, g_ptr_array_unref);
  link->revealable = lw_projector_window_list_revealable (link->projector, &error);
  if (link->revealable == NULL || link->revealable->len == 0)
    {
      gtk_label_set_label (link->reveal_status,
                           error ? error->message : _("Nothing of this item can be shown to this room"));
      return;
    }
  for (guint i = 0; i < link->revealable->len; i++)
    gtk_string_list_append (labels, ((LwRoomLine *) g_ptr_array_index (link->revealable, i))->label);
  gtk_drop_down_set_model (link->reveal_fields, G_LIST_MODEL (labels));
  gtk_label_set_label (link->reveal_status, "");
  gtk_revealer_set_reveal_child (link->reveal_revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (link->reveal_fields));
}

static void
reveal_confirm_cb (Link *link)
{
  g_autoptr(GError) error = NULL;
  guint selected = gtk_drop_down_get_selected (link->reveal_fields);
  const LwRoomLine *line;
  g_autofree char *status = NULL;

  if (link->projector == NULL || link->revealable == NULL || selected >= link->revealable->len)
    return;
  line = g_ptr_array_index (link->revealable, selected);
  if (!lw_projector_window_reveal (link->projector, line->key,
                                   gtk_editable_get_text (GTK_EDITABLE (link->reveal_reason)), &error))
    {
      /* the message names the field or the rule, never a value */
      gtk_label_set_label (link->reveal_status, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (link->reveal_reason));
      return;
    }
  status = g_strdup_printf (_("Shown to the room for this item: %s"), line->label);
  link_hide_reveal (link);
  gtk_label_set_label (link->reveal_status, status);
}

static GtkWidget *
link_build_panel (Link *link)
{
  GtkWidget *panel = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *form = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *confirm;
  GtkWidget *cancel;
  GtkWidget *label;

  gtk_widget_add_css_class (panel, "lw-projector-panel");

  link->toggle_button = gtk_button_new_with_label (_("Open Projector"));
  gtk_widget_set_tooltip_text (link->toggle_button, _("Open or close the projector (F5); B blanks it"));
  g_signal_connect_swapped (link->toggle_button, "clicked", G_CALLBACK (toggle_clicked_cb), link);
  link->reveal_button = gtk_button_new_with_label (_("Reveal to Room…"));
  gtk_widget_set_tooltip_text (link->reveal_button, _("Show one hidden field of this item to the room, with a reason"));
  g_signal_connect_swapped (link->reveal_button, "clicked", G_CALLBACK (reveal_clicked_cb), link);
  gtk_box_append (GTK_BOX (buttons), link->toggle_button);
  gtk_box_append (GTK_BOX (buttons), link->reveal_button);
  gtk_box_append (GTK_BOX (panel), buttons);

  /* the inline form: no dialog in the meeting flow */
  label = gtk_label_new (_("Field to show the room"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  link->reveal_fields = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (link->reveal_fields),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  link->reveal_reason = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (link->reveal_reason, _("Reason (required, recorded)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (link->reveal_reason),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason for showing it to the room"), -1);
  gtk_widget_set_hexpand (GTK_WIDGET (link->reveal_reason), TRUE);
  g_signal_connect_swapped (link->reveal_reason, "activate", G_CALLBACK (reveal_confirm_cb), link);
  confirm = gtk_button_new_with_label (_("Show"));
  gtk_widget_add_css_class (confirm, "suggested-action");
  g_signal_connect_swapped (confirm, "clicked", G_CALLBACK (reveal_confirm_cb), link);
  cancel = gtk_button_new_with_label (_("Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (link_hide_reveal), link);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (link->reveal_reason));
  gtk_box_append (GTK_BOX (row), confirm);
  gtk_box_append (GTK_BOX (row), cancel);
  gtk_box_append (GTK_BOX (form), label);
  gtk_box_append (GTK_BOX (form), GTK_WIDGET (link->reveal_fields));
  gtk_box_append (GTK_BOX (form), row);
  link->reveal_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (link->reveal_revealer, form);
  gtk_box_append (GTK_BOX (panel), GTK_WIDGET (link->reveal_revealer));

  link->reveal_status = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (link->reveal_status, 0);
  gtk_label_set_wrap (link->reveal_status, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (link->reveal_status),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reveal status"), -1);
  gtk_box_append (GTK_BOX (panel), GTK_WIDGET (link->reveal_status));

  link->preview_frame = gtk_frame_new (NULL);
  gtk_widget_set_visible (link->preview_frame, FALSE);
  gtk_box_append (GTK_BOX (panel), link->preview_frame);

  return panel;
}

void
lw_projector_attach_presenter (GtkWidget *presenter)
{
  GtkEventController *keys;
  GtkEventController *blank_key;
  GtkWidget *audience;
  GtkWidget *parent;
  Link *link;

  g_return_if_fail (LW_IS_PRESENTER (presenter));

  if (link_quark == 0)
    link_quark = g_quark_from_static_string ("lw-projector-link");
  if (link_get (presenter) != NULL)
    return;

  link = g_new0 (Link, 1);
  link->presenter = presenter;
  g_object_set_qdata_full (G_OBJECT (presenter), link_quark, link, link_free);

  /* F5 and Ctrl+B from anywhere in meeting mode, the notes editor too */
  keys = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (keys, "lw-projector-keys");
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F5, 0),
                                                          gtk_callback_action_new (toggle_shortcut_cb, NULL, NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_b, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (blank_shortcut_cb, NULL, NULL)));
  gtk_widget_add_controller (presenter, keys);
  /* plain B when the focus is not where text is typed (bubble: the editor
   * takes its letters first) */
  blank_key = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (blank_key),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_b, 0),
                                                          gtk_callback_action_new (blank_shortcut_cb, NULL, NULL)));
  gtk_widget_add_controller (presenter, blank_key);

  g_signal_connect (presenter, "item-changed", G_CALLBACK (item_changed_cb), link);
  g_signal_connect (presenter, "back", G_CALLBACK (presenter_left_cb), link);
  g_signal_connect (presenter, "closed", G_CALLBACK (presenter_left_cb), link);
  g_signal_connect (presenter, "destroy", G_CALLBACK (presenter_destroy_cb), link);
  g_signal_connect_swapped (_lw_presenter_get_attendees (LW_PRESENTER (presenter)), "changed",
                            G_CALLBACK (attendance_changed_cb), link);
  g_signal_connect_swapped (_lw_presenter_get_action_entry (LW_PRESENTER (presenter)), "saved",
                            G_CALLBACK (action_saved_cb), link);

  /* under the room's audience, which the presenter always shows; the link
   * keeps its widgets alive until the presenter is finalized, as the presenter
   * may unmap or be destroyed after its template children are gone */
  link->panel = g_object_ref_sink (link_build_panel (link));
  g_object_ref (link->preview_frame);
  g_object_ref (link->toggle_button);
  g_object_ref (link->reveal_button);
  g_object_ref (link->reveal_revealer);
  g_object_ref (link->reveal_fields);
  g_object_ref (link->reveal_reason);
  g_object_ref (link->reveal_status);
  audience = GTK_WIDGET (_lw_presenter_get_audience_label (LW_PRESENTER (presenter)));
  parent = gtk_widget_get_parent (audience);
  if (GTK_IS_BOX (parent))
    gtk_box_insert_child_after (GTK_BOX (parent), link->panel, audience);
  else
    gtk_box_append (GTK_BOX (presenter), link->panel);
  link_update (link);
}
