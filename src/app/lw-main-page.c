/* lw-main-page.c: the sections of the program, shown while it is unlocked
 *
 * The window builds one after every unlock and destroys it on lock, so that no
 * widget that ever showed program data outlives the keys.  For now each section
 * says what it will hold and shows a count, which is not sensitive.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-main-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lw/lw-model.h"

#include "lw-main-page.h"

struct _LwMainPage
{
  AdwBin               parent_instance;

  /* template widgets */
  AdwToastOverlay     *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkLabel            *demo_badge;
  AdwViewStack        *view_stack;
  AdwStatusPage       *meetings_status;
  AdwStatusPage       *participants_status;
  AdwStatusPage       *action_items_status;
  AdwStatusPage       *community_status;

  /* borrowed references */
  LwStore             *store;
};

G_DEFINE_FINAL_TYPE (LwMainPage, lw_main_page, ADW_TYPE_BIN)

/* -1 when the count is not available */
static int
lw_main_page_count (LwMainPage        *self,
                    const LwTableInfo *table)
{
  g_autoptr(GError) error = NULL;
  gint64 n;

  n = lw_store_count (self->store, table, &error);
  if (error != NULL || n < 0)
    {
      g_debug ("Cannot count %s: %s", table->name, error ? error->message : "");
      return -1;
    }

  return (int) MIN (n, G_MAXINT);
}

static void
lw_main_page_describe (AdwStatusPage *status,
                       char          *count,   /* owned, nullable */
                       const char    *future)
{
  g_autofree char *description = NULL;

  if (count == NULL)
    {
      adw_status_page_set_description (status, future);
      return;
    }

  description = g_strdup_printf ("%s\n%s", count, future);
  adw_status_page_set_description (status, description);
  g_free (count);
}

static void
lw_main_page_fill (LwMainPage *self,
                   gboolean    demo)
{
  int n;

  n = lw_main_page_count (self, &lw_meeting_table);
  lw_main_page_describe (self->meetings_status,
                         n < 0 ? NULL : g_strdup_printf (ngettext ("%d meeting in this program.",
                                                                   "%d meetings in this program.", n), n),
                         _("Agendas, attendance and meeting mode will appear here."));

  n = lw_main_page_count (self, &lw_participant_table);
  lw_main_page_describe (self->participants_status,
                         n < 0 ? NULL : g_strdup_printf (ngettext ("%d participant in this program.",
                                                                   "%d participants in this program.", n), n),
                         _("The participant list and each participant’s plan, contacts and legal matters will appear here."));

  n = lw_main_page_count (self, &lw_action_item_table);
  lw_main_page_describe (self->action_items_status,
                         n < 0 ? NULL : g_strdup_printf (ngettext ("%d action item in this program.",
                                                                   "%d action items in this program.", n), n),
                         _("Open action items by owner, participant and due date will appear here."));

  n = lw_main_page_count (self, &lw_community_concern_table);
  lw_main_page_describe (self->community_status,
                         n < 0 ? NULL : g_strdup_printf (ngettext ("%d community concern in this program.",
                                                                   "%d community concerns in this program.", n), n),
                         _("Community concerns and the planned responses will appear here."));

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

  /* the roster is what a workgroup opens most */
  adw_view_stack_set_visible_child_name (self->view_stack, "participants");
}

static void
lw_main_page_dispose (GObject *object)
{
  LwMainPage *self = LW_MAIN_PAGE (object);

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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadworkgroup/Workgroup/lw-main-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LwMainPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LwMainPage, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, LwMainPage, demo_badge);
  gtk_widget_class_bind_template_child (widget_class, LwMainPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, LwMainPage, meetings_status);
  gtk_widget_class_bind_template_child (widget_class, LwMainPage, participants_status);
  gtk_widget_class_bind_template_child (widget_class, LwMainPage, action_items_status);
  gtk_widget_class_bind_template_child (widget_class, LwMainPage, community_status);
}

static void
lw_main_page_init (LwMainPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lw_main_page_new (LwStore  *store,
                  gboolean  demo)
{
  LwMainPage *self;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (lw_store_is_unlocked (store), NULL);

  self = g_object_new (LW_TYPE_MAIN_PAGE, NULL);
  self->store = store;
  lw_main_page_fill (self, demo);

  return GTK_WIDGET (self);
}

void
lw_main_page_add_toast (LwMainPage *self,
                        AdwToast   *toast)
{
  g_return_if_fail (LW_IS_MAIN_PAGE (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
