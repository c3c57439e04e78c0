/* lw-print-preview.c: the print preview, drawn in the app from the document
 *
 * GTK's own preview renders the document to a PDF in the temporary folder and
 * hands it to a viewer, which may leave it there.  This one draws the pages of
 * the same LwDocument, with the same drawing function as printing, into the
 * window itself: nothing is written to a file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-print-preview"

#include "config.h"

#include <glib/gi18n.h>

#include "lw-print-preview.h"

#define PAGE_WIDTH_PX 640

struct _LwPrintPreview
{
  AdwWindow   parent_instance;

  /* owned references */
  LwDocument *document;

  double      width;    /* points */
  double      height;
  guint       n_pages;
};

G_DEFINE_FINAL_TYPE (LwPrintPreview, lw_print_preview, ADW_TYPE_WINDOW)

static void
draw_page (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        data)
{
  LwPrintPreview *self = data;
  guint page = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "lw-page"));

  /* paper is white whatever the style */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (self->document == NULL)
    return;
  cairo_scale (cr, width / self->width, height / self->height);
  lw_document_draw_page (self->document, cr, page);
}

static void
lw_print_preview_dispose (GObject *object)
{
  LwPrintPreview *self = LW_PRINT_PREVIEW (object);

  g_clear_pointer (&self->document, lw_document_free);

  G_OBJECT_CLASS (lw_print_preview_parent_class)->dispose (object);
}

static void
lw_print_preview_class_init (LwPrintPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_print_preview_dispose;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lw_print_preview_init (LwPrintPreview *self)
{
}

GtkWidget *
lw_print_preview_new (GtkWindow  *parent,
                      LwDocument *document,
                      double      width,
                      double      height)
{
  LwPrintPreview *self;
  GtkWidget *toolbar, *header, *title, *scrolled, *pages;
  g_autofree char *subtitle = NULL;
  int page_height;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (document != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  self = g_object_new (LW_TYPE_PRINT_PREVIEW,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       "default-width", PAGE_WIDTH_PX + 64,
                       "default-height", 760,
                       NULL);
  self->document = document;
  self->width = width;
  self->height = height;
  self->n_pages = MAX (lw_document_paginate (document, NULL, width, height), 1);
  page_height = (int) (PAGE_WIDTH_PX * height / width + 0.5);

  subtitle = g_strdup_printf (ngettext ("%u page", "%u pages", self->n_pages), self->n_pages);
  title = adw_window_title_new (_("Print Preview"), subtitle);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);

  pages = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (pages, 24);
  gtk_widget_set_margin_bottom (pages, 24);
  gtk_widget_set_halign (pages, GTK_ALIGN_CENTER);
  for (guint i = 0; i < self->n_pages; i++)
    {
      GtkWidget *area = gtk_drawing_area_new ();
      g_autofree char *label = g_strdup_printf (_("Page %u of %u"), i + 1, self->n_pages);

      g_object_set_data (G_OBJECT (area), "lw-page", GUINT_TO_POINTER (i));
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), PAGE_WIDTH_PX);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), page_height);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_page, self, NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_add_css_class (area, "card");
      gtk_box_append (GTK_BOX (pages), area);
    }

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), pages);
  gtk_widget_set_vexpand (scrolled, TRUE);

  toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (toolbar), header);
  gtk_box_append (GTK_BOX (toolbar), scrolled);
  adw_window_set_content (ADW_WINDOW (self), toolbar);
  gtk_window_set_title (GTK_WINDOW (self), _("Print Preview"));

  return GTK_WIDGET (self);
}

guint
lw_print_preview_get_n_pages (LwPrintPreview *self)
{
  g_return_val_if_fail (LW_IS_PRINT_PREVIEW (self), 0);

  return self->n_pages;
}
