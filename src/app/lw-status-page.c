/* lw-status-page.c: an empty or error state, as AdwStatusPage draws one
 *
 * The widget tree is libadwaita's own (adw-status-page.ui), node for node, so
 * that Adwaita's style sheet and ours (style.css: the icon's size) apply as
 * they are: statuspage > scrolledwindow > viewport > box > clamp > box, which
 * holds the icon, the title and the description; the child follows the clamp.
 * Each part is hidden while it is empty.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-status-page"

#include "config.h"

#include <adwaita.h>

#include "lw-status-page.h"
#include "lw-wrap-label.h"

struct _LwStatusPage
{
  GtkWidget  parent_instance;

  GtkWidget *scrolled;
  GtkWidget *toplevel_box;
  GtkWidget *image;
  GtkWidget *title;
  GtkWidget *description;
  GtkWidget *child;
};

G_DEFINE_FINAL_TYPE (LwStatusPage, lw_status_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ICON_NAME,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
text_label (const char *first_class,
            const char *second_class)
{
  GtkWidget *label = lw_wrap_label_new (NULL);

  lw_wrap_label_set_centered (LW_WRAP_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, first_class);
  gtk_widget_add_css_class (label, second_class);
  gtk_widget_set_visible (label, FALSE);
  return label;
}

static void
lw_status_page_dispose (GObject *object)
{
  LwStatusPage *self = LW_STATUS_PAGE (object);

  self->child = NULL;
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);

  G_OBJECT_CLASS (lw_status_page_parent_class)->dispose (object);
}

static void
lw_status_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LwStatusPage *self = LW_STATUS_PAGE (object);

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      g_value_set_string (value, lw_status_page_get_icon_name (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, lw_status_page_get_title (self));
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, lw_status_page_get_description (self));
      break;

    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_status_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LwStatusPage *self = LW_STATUS_PAGE (object);

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      lw_status_page_set_icon_name (self, g_value_get_string (value));
      break;

    case PROP_TITLE:
      lw_status_page_set_title (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      lw_status_page_set_description (self, g_value_get_string (value));
      break;

    case PROP_CHILD:
      lw_status_page_set_child (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_status_page_class_init (LwStatusPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_status_page_dispose;
  object_class->get_property = lw_status_page_get_property;
  object_class->set_property = lw_status_page_set_property;

  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "statuspage");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lw_status_page_init (LwStatusPage *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scrolled), TRUE);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));

  self->toplevel_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_valign (self->toplevel_box, GTK_ALIGN_CENTER);
  /* a box does not scroll: the scrolled window puts it in a viewport */
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), self->toplevel_box);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_box_append (GTK_BOX (self->toplevel_box), clamp);

  self->image = g_object_new (GTK_TYPE_IMAGE,
                              "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                              "visible", FALSE,
                              NULL);
  gtk_widget_add_css_class (self->image, "icon");
  self->title = text_label ("title", "title-1");
  self->description = text_label ("body", "description");
  gtk_box_append (GTK_BOX (box), self->image);
  gtk_box_append (GTK_BOX (box), self->title);
  gtk_box_append (GTK_BOX (box), self->description);

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->description, NULL,
                                  -1);
}

GtkWidget *
lw_status_page_new (void)
{
  return g_object_new (LW_TYPE_STATUS_PAGE, NULL);
}

void
lw_status_page_set_icon_name (LwStatusPage *self,
                              const char   *icon_name)
{
  g_return_if_fail (LW_IS_STATUS_PAGE (self));

  if (g_strcmp0 (icon_name, lw_status_page_get_icon_name (self)) == 0)
    return;
  gtk_image_set_from_icon_name (GTK_IMAGE (self->image), icon_name);
  gtk_widget_set_visible (self->image, icon_name != NULL && icon_name[0] != '\0');
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
}

const char *
lw_status_page_get_icon_name (LwStatusPage *self)
{
  g_return_val_if_fail (LW_IS_STATUS_PAGE (self), NULL);

  return gtk_image_get_icon_name (GTK_IMAGE (self->image));
}

static void
set_text (LwStatusPage *self,
          GtkWidget    *label,
          const char   *text,
          GParamSpec   *pspec)
{
  if (text == NULL)
    text = "";
  if (g_strcmp0 (text, lw_wrap_label_get_text (LW_WRAP_LABEL (label))) == 0)
    return;
  lw_wrap_label_set_text (LW_WRAP_LABEL (label), text);
  gtk_widget_set_visible (label, text[0] != '\0');
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

void
lw_status_page_set_title (LwStatusPage *self,
                          const char   *title)
{
  g_return_if_fail (LW_IS_STATUS_PAGE (self));

  set_text (self, self->title, title, properties[PROP_TITLE]);
}

const char *
lw_status_page_get_title (LwStatusPage *self)
{
  g_return_val_if_fail (LW_IS_STATUS_PAGE (self), NULL);

  return lw_wrap_label_get_text (LW_WRAP_LABEL (self->title));
}

void
lw_status_page_set_description (LwStatusPage *self,
                                const char   *description)
{
  g_return_if_fail (LW_IS_STATUS_PAGE (self));

  set_text (self, self->description, description, properties[PROP_DESCRIPTION]);
}

const char *
lw_status_page_get_description (LwStatusPage *self)
{
  g_return_val_if_fail (LW_IS_STATUS_PAGE (self), NULL);

  return lw_wrap_label_get_text (LW_WRAP_LABEL (self->description));
}

void
lw_status_page_set_child (LwStatusPage *self,
                          GtkWidget    *child)
{
  g_return_if_fail (LW_IS_STATUS_PAGE (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;
  if (self->child != NULL)
    gtk_box_remove (GTK_BOX (self->toplevel_box), self->child);
  self->child = child;
  if (child != NULL)
    gtk_box_append (GTK_BOX (self->toplevel_box), child);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

GtkWidget *
lw_status_page_get_child (LwStatusPage *self)
{
  g_return_val_if_fail (LW_IS_STATUS_PAGE (self), NULL);

  return self->child;
}
