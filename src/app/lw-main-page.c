/* lw-main-page.c: the sections of the program, shown while it is unlocked
 *
 * The window builds one after every unlock and destroys it on lock, so that no
 * widget that ever showed program data outlives the keys.  Each section makes its
 * own views for the viewer's role.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-main-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lw/lw-model.h"

#include "lw-actions-page.h"
#include "lw-community-page.h"
#include "lw-decisions-page.h"
#include "lw-export-window.h"
#include "lw-idle.h"
#include "lw-main-page.h"
#include "lw-meetings-page.h"
#include "lw-members-page.h"
#include "lw-participants-page.h"
#include "lw-reports-page.h"
#include "lw-trim.h"

struct _LwMainPage
{
  AdwBin               parent_instance;

  /* template widgets */
  AdwToastOverlay     *toast_overlay;
  GtkLabel            *banner_label;
  AdwViewSwitcherTitle *switcher_title;
  GtkLabel            *demo_badge;
  AdwViewStack        *view_stack;
  LwMeetingsPage      *meetings_page;
  LwParticipantsPage  *participants_page;
  LwActionsPage       *actions_page;
  LwDecisionsPage     *decisions_page;
  LwCommunityPage     *community_page;
  LwReportsPage       *reports_page;
  LwMembersPage       *members_page;

  /* borrowed references */
  LwStore             *store;

  guint                filled;        /* sections given the store (bit per Section) */
  guint                fill_source;
  guint                roster_source;
  gboolean             focus_after_roster;  /* asked for before it was made */
  GtkWidget           *export_window;   /* weak; destroyed with the page */
};

G_DEFINE_FINAL_TYPE (LwMainPage, lw_main_page, ADW_TYPE_BIN)

/* How long each section took to fill, for G_MESSAGES_DEBUG. */
#define TIMED(what, call) \
  G_STMT_START { \
    gint64 start_ = g_get_monotonic_time (); \
    call; \
    g_debug ("%s filled in %.1f ms", what, (g_get_monotonic_time () - start_) / 1000.0); \
  } G_STMT_END

/* The sections, in the order they are filled. */
typedef enum
{
  SECTION_PARTICIPANTS,
  SECTION_MEETINGS,
  SECTION_ACTIONS,
  SECTION_DECISIONS,
  SECTION_COMMUNITY,
  SECTION_REPORTS,
  SECTION_WORKGROUP,
  N_SECTIONS
} Section;

static const char * const section_names[N_SECTIONS] = {
  [SECTION_PARTICIPANTS] = "participants",
  [SECTION_MEETINGS] = "meetings",
  [SECTION_ACTIONS] = "action-items",
  [SECTION_DECISIONS] = "decisions",
  [SECTION_COMMUNITY] = "community",
  [SECTION_REPORTS] = "reports",
  [SECTION_WORKGROUP] = "workgroup",
};

/* Gives a section the store: it builds its views for the viewer role. */
static void
fill_section (LwMainPage *self,
              Section     section)
{
  if (self->filled & (1u << section) || self->store == NULL)
    return;
  self->filled |= 1u << section;
  switch (section)
    {
    case SECTION_PARTICIPANTS:
      TIMED ("Participants", lw_participants_page_set_store (self->participants_page, self->store));
      break;
    case SECTION_MEETINGS:
      TIMED ("Meetings", lw_meetings_page_set_store (self->meetings_page, self->store));
      break;
    case SECTION_ACTIONS:
      TIMED ("Action items", lw_actions_page_set_store (self->actions_page, self->store));
      break;
    case SECTION_DECISIONS:
      TIMED ("Decisions", lw_decisions_page_set_store (self->decisions_page, self->store));
      break;
    case SECTION_COMMUNITY:
      TIMED ("Community", lw_community_page_set_store (self->community_page, self->store));
      break;
    case SECTION_REPORTS:
      /* the report itself is made when the page is shown */
      TIMED ("Reports", lw_reports_page_set_store (self->reports_page, self->store));
      break;
    case SECTION_WORKGROUP:
      TIMED ("Workgroup", lw_members_page_set_store (self->members_page, self->store));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* One section an idle, after the frames: the main window is there first. */
static gboolean
fill_next_cb (gpointer data)
{
  LwMainPage *self = data;

  for (Section section = 0; section < N_SECTIONS; section++)
    if (!(self->filled & (1u << section)))
      {
        fill_section (self, section);
        return G_SOURCE_CONTINUE;
      }
  self->fill_source = 0;
  return G_SOURCE_REMOVE;
}

/* The roster before the first frame, in a main-loop turn of its own: the
 * unlock's turn was the page shown, the window measured for its size hints
 * and the roster read, 18 ms. */
static gboolean
fill_roster_cb (gpointer data)
{
  LwMainPage *self = data;

  self->roster_source = 0;
  fill_section (self, SECTION_PARTICIPANTS);
  if (self->focus_after_roster)
    {
      self->focus_after_roster = FALSE;
      gtk_widget_grab_focus (GTK_WIDGET (self));
    }
  return G_SOURCE_REMOVE;
}

/* An action on the roster before its turn: made at once. */
static void
fill_roster_now (LwMainPage *self)
{
  if (self->roster_source != 0)
    {
      g_source_remove (self->roster_source);
      fill_roster_cb (self);
    }
}

/* A section shown before its turn is filled at once. */
static void
visible_section_cb (LwMainPage *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  for (Section section = 0; section < N_SECTIONS; section++)
    if (g_strcmp0 (name, section_names[section]) == 0)
      fill_section (self, section);
  lw_trim_memory_later ();
}

static void
lw_main_page_fill (LwMainPage *self,
                   gboolean    demo)
{
  GtkRoot *root;

  if (demo)
    {
      /* the badge says it, also where the title is squeezed */
      gtk_widget_set_visible (GTK_WIDGET (self->demo_badge), TRUE);
    }
  else
    {
      g_autofree char *basename = g_path_get_basename (lw_store_get_path (self->store));
      g_autofree char *display = g_filename_display_name (basename);

      adw_view_switcher_title_set_subtitle (self->switcher_title, display);
    }

  /* the roster is what a workgroup opens most: it is made first, in a window
   * on screen in a turn of its own before the next frame, the other sections
   * when the main loop is idle or when they are shown */
  adw_view_stack_set_visible_child_name (self->view_stack, "participants");
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (root != NULL && gtk_widget_get_mapped (GTK_WIDGET (root)))
    self->roster_source = g_idle_add_full (LW_PRIORITY_ROSTER, fill_roster_cb, self, NULL);
  else
    fill_section (self, SECTION_PARTICIPANTS);  /* no frame to wait for */
  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (visible_section_cb), self, G_CONNECT_SWAPPED);
  self->fill_source = g_idle_add_full (LW_PRIORITY_FILL, fill_next_cb, self, NULL);
}

/**
 * lw_main_page_flush:
 *
 * Saves what is typed but not saved yet (meeting notes); the window calls it
 * before any lock, while the store can still write.
 */
void
lw_main_page_flush (LwMainPage *self)
{
  g_return_if_fail (LW_IS_MAIN_PAGE (self));

  if (self->filled & (1u << SECTION_MEETINGS))
    lw_meetings_page_flush (self->meetings_page);
}

/* The empty states of the sections ask for what to do first; the section that
 * does it may be another one. */
static void
lw_main_page_new_meeting_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  LwMainPage *self = LW_MAIN_PAGE (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "meetings");
  gtk_widget_activate_action (GTK_WIDGET (self->meetings_page), "meetings.new", NULL);
}

/* Alt+1 to Alt+7: the main pages, in the order of the switcher */
static void
lw_main_page_show_page_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  LwMainPage *self = LW_MAIN_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  GtkWidget *section = adw_view_stack_get_child_by_name (self->view_stack, name);

  if (section == NULL)
    return;
  adw_view_stack_set_visible_child (self->view_stack, section);
  /* the keyboard follows, unless it is in the section already */
  {
    GtkRoot *root = gtk_widget_get_root (widget);
    GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

    if (root != NULL && (focus == NULL || !gtk_widget_is_ancestor (focus, section)))
      gtk_widget_child_focus (section, GTK_DIR_TAB_FORWARD);
  }
}

/* Ctrl+N: a new record of the section on screen */
static void
lw_main_page_new_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  LwMainPage *self = LW_MAIN_PAGE (widget);
  const char *section = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (section, "participants") == 0)
    {
      fill_roster_now (self);
      gtk_widget_activate_action (GTK_WIDGET (self->participants_page), "participants.new-referral", NULL);
    }
  else if (g_strcmp0 (section, "workgroup") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self->members_page), "members.add", NULL);
  else if (g_strcmp0 (section, "community") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self->community_page), "community.new", NULL);
}

/* Only where there is a first step to offer (an empty program); else the
 * keyboard stays where it is. */
static gboolean
lw_main_page_grab_focus (GtkWidget *widget)
{
  LwMainPage *self = LW_MAIN_PAGE (widget);

  /* the roster is made before the first frame: the empty state then */
  self->focus_after_roster = self->roster_source != 0;
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "participants") == 0)
    return lw_participants_page_focus_empty_state (self->participants_page);
  return FALSE;
}

static void
lw_main_page_lock_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "win.lock", NULL);
}

/* Export and print */

static void
update_export_actions (LwMainPage *self)
{
  gboolean meeting = lw_meetings_page_get_meeting_id (self->meetings_page) != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-minutes", meeting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-handout", meeting);
}

static void
lw_main_page_open_export (LwMainPage   *self,
                          LwExportKind  kind,
                          LwId          id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->store == NULL || !lw_store_is_unlocked (self->store))
    return;

  /* one at a time; a new one starts from the recipients again */
  if (self->export_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->export_window));

  self->export_window = lw_export_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              self->store, kind, id);
  g_object_add_weak_pointer (G_OBJECT (self->export_window), (gpointer *) &self->export_window);
  gtk_window_present (GTK_WINDOW (self->export_window));
}

static void
lw_main_page_export_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  LwMainPage *self = LW_MAIN_PAGE (widget);
  LwId meeting_id = lw_meetings_page_get_meeting_id (self->meetings_page);

  if (g_str_equal (action_name, "win.export-actions"))
    lw_main_page_open_export (self, LW_EXPORT_KIND_ACTIONS, 0);
  else if (meeting_id != 0)
    lw_main_page_open_export (self,
                              g_str_equal (action_name, "win.export-minutes")
                              ? LW_EXPORT_KIND_MINUTES : LW_EXPORT_KIND_HANDOUT,
                              meeting_id);
}

static void
lw_main_page_dispose (GObject *object)
{
  LwMainPage *self = LW_MAIN_PAGE (object);

  /* it showed program data: it goes with the page, on lock */
  if (self->export_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->export_window), (gpointer *) &self->export_window);
      gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->export_window)));
    }

  g_clear_handle_id (&self->fill_source, g_source_remove);
  g_clear_handle_id (&self->roster_source, g_source_remove);
  /* AdwBin keeps its own pointer to the child: drop it before the template does */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_MAIN_PAGE);

  self->store = NULL;

  G_OBJECT_CLASS (lw_main_page_parent_class)->dispose (object);
}

static void
lw_main_page_class_init (LwMainPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_main_page_dispose;

  widget_class->grab_focus = lw_main_page_grab_focus;

  g_type_ensure (LW_TYPE_MEETINGS_PAGE);
  g_type_ensure (LW_TYPE_PARTICIPANTS_PAGE);
  g_type_ensure (LW_TYPE_ACTIONS_PAGE);
  g_type_ensure (LW_TYPE_DECISIONS_PAGE);
  g_type_ensure (LW_TYPE_COMMUNITY_PAGE);
  g_type_ensure (LW_TYPE_REPORTS_PAGE);
  g_type_ensure (LW_TYPE_MEMBERS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadworkgroup/Workgroup/lw-main-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LwMainPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LwMainPage, banner_label);
  gtk_widget_class_bind_template_child (widget_class, LwMainPage, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, LwMainPage, demo_badge);
  gtk_widget_class_bind_template_child (widget_class, LwMainPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, LwMainPage, meetings_page);

  gtk_widget_class_install_action (widget_class, "main-page.lock", NULL, lw_main_page_lock_action);
  gtk_widget_class_install_action (widget_class, "main-page.new-meeting", NULL, lw_main_page_new_meeting_action);
  gtk_widget_class_install_action (widget_class, "main-page.new", NULL, lw_main_page_new_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "main-page.new", NULL);
  gtk_widget_class_install_action (widget_class, "win.export-minutes", NULL, lw_main_page_export_action);
  gtk_widget_class_install_action (widget_class, "win.export-handout", NULL, lw_main_page_export_action);
  gtk_widget_class_install_action (widget_class, "win.export-actions", NULL, lw_main_page_export_action);
  gtk_widget_class_install_action (widget_class, "main-page.show-page", "s", lw_main_page_show_page_action);
  {
    static const char * const pages[] = { "meetings", "participants", "action-items", "community", "workgroup",
                                          "decisions", "reports" };

    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                           "main-page.show-page", "s", pages[i]);
  }
  gtk_widget_class_bind_template_child (widget_class, LwMainPage, participants_page);
  gtk_widget_class_bind_template_child (widget_class, LwMainPage, actions_page);
  gtk_widget_class_bind_template_child (widget_class, LwMainPage, decisions_page);
  gtk_widget_class_bind_template_child (widget_class, LwMainPage, community_page);
  gtk_widget_class_bind_template_child (widget_class, LwMainPage, reports_page);
  gtk_widget_class_bind_template_child (widget_class, LwMainPage, members_page);
}

static void
lw_main_page_init (LwMainPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->meetings_page, "notify::meeting-id",
                           G_CALLBACK (update_export_actions), self, G_CONNECT_SWAPPED);
  update_export_actions (self);
}

GtkWidget *
lw_main_page_new_empty (void)
{
  LwMainPage *self;

  TIMED ("The main page's widgets", self = g_object_new (LW_TYPE_MAIN_PAGE, NULL));
  return GTK_WIDGET (self);
}

void
lw_main_page_take_store (LwMainPage *self,
                         LwStore    *store,
                         gboolean    demo)
{
  g_auto(GStrv) warnings = NULL;

  g_return_if_fail (LW_IS_MAIN_PAGE (self));
  g_return_if_fail (self->store == NULL);
  g_return_if_fail (store != NULL);
  g_return_if_fail (lw_store_is_unlocked (store));

  self->store = store;
  lw_main_page_fill (self, demo);
  warnings = lw_store_get_warnings (store);
  if (warnings[0] != NULL)
    {
      g_autofree char *text = g_strjoinv ("\n", warnings);

      gtk_label_set_text (self->banner_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->banner_label), TRUE);
    }
}

void
lw_main_page_add_toast (LwMainPage *self,
                        AdwToast   *toast)
{
  g_return_if_fail (LW_IS_MAIN_PAGE (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

gboolean
lw_main_page_present_meeting (LwMainPage *self,
                              const char *spec)
{
  g_return_val_if_fail (LW_IS_MAIN_PAGE (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  adw_view_stack_set_visible_child_name (self->view_stack, "meetings");
  fill_section (self, SECTION_MEETINGS);

  return lw_meetings_page_present (self->meetings_page, spec);
}

GtkWidget *
lw_main_page_get_export_window (LwMainPage *self)
{
  g_return_val_if_fail (LW_IS_MAIN_PAGE (self), NULL);

  return self->export_window;
}

GtkWidget *
lw_main_page_get_meetings_page (LwMainPage *self)
{
  g_return_val_if_fail (LW_IS_MAIN_PAGE (self), NULL);

  fill_section (self, SECTION_MEETINGS);
  return GTK_WIDGET (self->meetings_page);
}
