/* lw-reports-page.c: program metrics for a period and an audience
 *
 * The report is made in the core (lw-report.h) for the audience chosen here
 * together with the role at the keyboard: what is on the screen is seen by the
 * person in front of it as well, so a project manager choosing "community
 * representative" sees the community's report, and a community representative
 * choosing "project manager" still sees their own.  Each figure is a chart,
 * drawn by the same function as in the PDF, with its table beside it as the
 * text alternative, and the chart's description for screen readers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-reports-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lw/lw-chart.h"
#include "lw/lw-error.h"
#include "lw/lw-export.h"
#include "lw/lw-report.h"

#include "lw-reports-page.h"
#include "lw-glyphs.h"
#include "lw-reader-task.h"
#include "lw-scroll-body.h"
#include "lw-settings.h"
#include "lw-status-page.h"
#include "lw-toast.h"
#include "lw-trim.h"
#include "lw-wrap-label.h"

#define CHART_HEIGHT 240
#define CHART_TEXT_SCALE 1.35
/* up to this many participants, a report is made at once; past it, in a
 * thread from a reader of its own, while the page says it is counting */
#define SYNC_LIMIT 1000

struct _LwReportsPage
{
  AdwBin            parent_instance;

  /* template widgets */
  GtkDropDown      *kind_dropdown;
  GtkWidget        *step_box;
  GtkLabel         *period_label;
  GtkWidget        *range_box;
  GtkEntry         *from_entry;
  GtkEntry         *to_entry;
  GtkDropDown      *audience_dropdown;
  GtkCheckButton   *compare_check;
  GtkStack         *stack;
  GtkBox           *content;
  GtkSpinner       *spinner;
  LwStatusPage     *error_page;

  /* borrowed references */
  LwStore          *store;

  /* owned references */
  LwReport         *report;
  GSettings        *settings;
  GtkNativeDialog  *chooser;
  AdwToast         *range_toast; /* what is wrong with the range typed, while shown */
  LwPeriod          period;
  GCancellable     *building;   /* a report being made in a thread */
  guint             fill_tick;   /* the figures still to be shown, a part a frame (fill_more_cb ()) */
  gboolean          fill_drawn;  /* the frame showing the report has run */
  guint             fill_next;   /* the next of them, or the one being filled */
  GtkBox           *fill_section; /* that one's, once its head is shown */
  GtkGrid          *fill_table;  /* and its table, while its rows are added */
  guint             fill_row;    /* the next of its rows */
  guint             sync_limit;
  gboolean          dirty;      /* to be made again when next shown */
  gboolean          updating;   /* the controls are being set from the period */
};

G_DEFINE_FINAL_TYPE (LwReportsPage, lw_reports_page, ADW_TYPE_BIN)

/* ----------------------------------------------------------------------------
 * Building the figures
 */

static void
draw_chart_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        data)
{
  const LwReportFigure *figure = data;

  /* the chart is drawn as on paper, whatever the theme */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, 10, 8);
  lw_chart_draw (figure, cr, width - 20, height - 16, CHART_TEXT_SCALE);
}

static GtkWidget *
make_label (const char *text,
            const char *style,
            float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

/* Text that wraps: a label that breaks its own lines, shaped once however
 * often it is measured.  A GtkLabel with a width in characters read its
 * font's metrics (shaping a sample) at each measure, and a figure's frame
 * measured its labels three times over. */
static GtkWidget *
make_text (const char *text,
           const char *style)
{
  GtkWidget *label = lw_wrap_label_new (text);

  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

/* A figure's table as a grid: the first column its rows' labels, then one
 * column per column of the figure (only the first n_columns); made with its
 * headers, its rows added by table_add_rows (). */
static GtkWidget *
table_new (const LwReportFigure *figure,
           guint                 n_columns)
{
  GtkWidget *grid = gtk_grid_new ();
  g_autofree char *label = g_strdup_printf (_("Table: %s"), figure->title);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_widget_add_css_class (grid, "lw-report-table");
  gtk_widget_set_focusable (grid, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  for (guint c = 0; c < n_columns; c++)
    {
      GtkWidget *header = make_label (figure->column_labels[c], "heading", 1.0);

      /* no width in characters: see make_text () */
      gtk_label_set_wrap (GTK_LABEL (header), TRUE);
      gtk_label_set_justify (GTK_LABEL (header), GTK_JUSTIFY_RIGHT);
      gtk_grid_attach (GTK_GRID (grid), header, c + 1, 0, 1, 1);
    }
  return grid;
}

/* Rows [from, to) of figure's table. */
static void
table_add_rows (GtkGrid              *grid,
                const LwReportFigure *figure,
                guint                 n_columns,
                guint                 from,
                guint                 to)
{
  for (guint r = from; r < to; r++)
    {
      gboolean total = figure->column_totals && r + 1 == figure->n_rows;
      GtkWidget *row_label = make_label (figure->row_labels[r], total ? "heading" : NULL, 0.0);

      gtk_label_set_wrap (GTK_LABEL (row_label), TRUE);
      gtk_grid_attach (grid, row_label, 0, r + 1, 1, 1);
      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *text = lw_report_cell_to_text (figure, r, c);
          g_autofree char *spoken = g_strdup_printf ("%s, %s: %s", figure->row_labels[r],
                                                     figure->column_labels[c], text);
          GtkWidget *cell = make_label (text, "numeric", 1.0);

          if (lw_report_figure_cell (figure, r, c)->state != LW_CELL_SHOWN)
            gtk_widget_add_css_class (cell, "dim-label");
          if (total)
            gtk_widget_add_css_class (cell, "heading");
          gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
          gtk_grid_attach (grid, cell, c + 1, r + 1, 1, 1);
        }
    }
}

static GtkWidget *
make_table (const LwReportFigure *figure,
            guint                 n_columns)
{
  GtkWidget *grid = table_new (figure, n_columns);

  table_add_rows (GTK_GRID (grid), figure, n_columns, 0, figure->n_rows);
  return grid;
}

static GtkWidget *
make_card (GtkWidget *child)
{
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_widget_add_css_class (child, "lw-report-card-body");
  gtk_frame_set_child (GTK_FRAME (frame), child);
  return frame;
}

/* A figure's title, description and chart, in a section of its own;
 * returns the section, for the rest. */
static GtkBox *
add_figure_head (LwReportsPage        *self,
                 const LwReportFigure *figure)
{
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = make_text (figure->title, "title-4");

  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_box_append (GTK_BOX (section), title);
  if (figure->description)
    gtk_box_append (GTK_BOX (section), make_text (figure->description, "dim-label"));

  if (figure->chart != LW_CHART_NONE && figure->n_series > 0 && lw_chart_n_categories (figure) > 0)
    {
      g_autofree char *description = lw_chart_describe (figure);
      GtkWidget *area = g_object_new (GTK_TYPE_DRAWING_AREA,
                                      "accessible-role", GTK_ACCESSIBLE_ROLE_IMG,
                                      "content-height", CHART_HEIGHT,
                                      "hexpand", TRUE,
                                      "focusable", TRUE,
                                      NULL);

      gtk_widget_add_css_class (area, "lw-report-chart");
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_chart_cb, (gpointer) figure, NULL);
      /* no tooltip: it would replace the description */
      gtk_accessible_update_property (GTK_ACCESSIBLE (area),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, figure->title,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
      gtk_box_append (GTK_BOX (section), area);
    }
  gtk_box_append (self->content, section);
  return GTK_BOX (section);
}

/* A figure's table, with its headers, and its note; returns the table, for
 * its rows. */
static GtkGrid *
add_figure_table (GtkBox               *section,
                  const LwReportFigure *figure)
{
  GtkWidget *table = table_new (figure, figure->n_columns);

  gtk_box_append (section, make_card (table));
  if (figure->note)
    gtk_box_append (section, make_text (figure->note, "caption"));
  return GTK_GRID (table);
}

/* The figures still to be shown are not. */
static void
stop_fill (LwReportsPage *self)
{
  if (self->fill_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->content), self->fill_tick);
  self->fill_tick = 0;
  self->fill_section = NULL;
  self->fill_table = NULL;
}

/* The report's widgets gone; the report kept. */
static void
remove_content (LwReportsPage *self)
{
  GtkWidget *child;

  stop_fill (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);
}

static void
clear_content (LwReportsPage *self)
{
  /* the drawing areas point into the report: they go first */
  remove_content (self);
  g_clear_pointer (&self->report, lw_report_free);
}

/* What the audience may not see of the report, said at its end. */
static void
add_absent (LwReportsPage *self)
{
  const LwReport *report = self->report;
  GtkWidget *section;

  if (lw_report_get_n_absent (report) == 0)
    return;
  section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (section), make_text (_("Not in This Report"), "title-4"));
  for (guint i = 0; i < lw_report_get_n_absent (report); i++)
    {
      const LwReportAbsent *absent = lw_report_get_absent (report, i);
      g_autofree char *text = g_strdup_printf ("%s: %s", absent->title, absent->reason);

      gtk_box_append (GTK_BOX (section), make_text (text, NULL));
    }
  gtk_box_append (self->content, section);
}

/* Labels made in a frame, about: a table's rows are added a few a frame. */
#define LABELS_AT_ONCE 24

/* At the start of each frame (a tick, before it lays out), the next part of
 * the figures: a figure's head (title, description, chart), its table's
 * headers and note, a few of the table's rows.  A figure at once was a frame
 * of 21-27 ms at the reference load: its table's ~70 labels measured and laid
 * out, and its chart drawn.  Parts added from idle turns piled up between
 * frames into one frame as long; a tick paces them, one a frame. */
static gboolean
fill_more_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       data)
{
  LwReportsPage *self = data;
  const LwReportFigure *figure;
  guint n = lw_report_get_n_figures (self->report);

  /* the frame that shows the report lays out its start alone */
  if (!self->fill_drawn)
    {
      self->fill_drawn = TRUE;
      return G_SOURCE_CONTINUE;
    }
  if (self->fill_next >= n)
    {
      add_absent (self);
      self->fill_tick = 0;
      return G_SOURCE_REMOVE;
    }
  figure = lw_report_get_figure (self->report, self->fill_next);
  if (self->fill_section == NULL)
    self->fill_section = add_figure_head (self, figure);
  else if (self->fill_table == NULL)
    {
      self->fill_table = add_figure_table (self->fill_section, figure);
      self->fill_row = 0;
    }
  else
    {
      guint rows = MAX (1u, LABELS_AT_ONCE / (figure->n_columns + 1));
      guint end = MIN (self->fill_row + rows, figure->n_rows);

      table_add_rows (self->fill_table, figure, figure->n_columns, self->fill_row, end);
      self->fill_row = end;
    }
  if (self->fill_table != NULL && self->fill_row >= figure->n_rows)
    {
      self->fill_section = NULL;
      self->fill_table = NULL;
      self->fill_next++;
    }
  return G_SOURCE_CONTINUE;
}

static void
fill_content (LwReportsPage *self)
{
  const LwReport *report = self->report;
  const LwReportFigure *key = lw_report_get_key_figures (report);
  gboolean compare = gtk_check_button_get_active (self->compare_check);
  g_autofree char *audience = NULL;
  GString *roles = g_string_new (NULL);
  guint mask = lw_audience_get_roles (lw_report_get_audience (report));

  for (int r = 0; r < LW_N_ROLES; r++)
    if (mask & LW_ROLE_BIT (r))
      {
        if (roles->len > 0)
          g_string_append (roles, ", ");
        g_string_append (roles, lw_role_to_label (r));
      }
  audience = g_strdup_printf (_("Audience: %s. Aggregates only: no participant is named or numbered, and "
                                "each figure counts only what this audience may see."), roles->str);
  g_string_free (roles, TRUE);
  gtk_box_append (self->content, make_text (audience, "dim-label"));
  if (lw_report_get_small_cells (report))
    gtk_box_append (self->content,
                    make_text (_("Small numbers are not shown: a count from 1 to 10 reads “fewer than 11”, and "
                                 "“suppressed” marks a count hidden so that a small one cannot be worked out."),
                               "lw-report-small-cells"));

  {
    GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

    gtk_box_append (GTK_BOX (section), make_text (key->title, "title-4"));
    gtk_box_append (GTK_BOX (section), make_card (make_table (key, compare ? key->n_columns : 1)));
    gtk_box_append (self->content, section);
  }
  /* the figures follow, in parts: made and laid out at once, a year's
   * report was one turn of 38-57 ms at the reference load (hundreds of
   * labels), more than two frames */
  stop_fill (self);
  self->fill_next = 0;
  self->fill_drawn = FALSE;
  self->fill_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->content), fill_more_cb, self, NULL);
}

/* The chosen role and the role at the keyboard. */
static LwAudience *
current_audience (LwReportsPage *self)
{
  guint chosen = gtk_drop_down_get_selected (self->audience_dropdown);
  LwAudience *audience = lw_audience_new ();

  if (chosen < LW_N_ROLES)
    lw_audience_add_role (audience, (LwRole) chosen);
  lw_audience_add_role (audience, lw_settings_get_viewer_role ());
  return audience;
}

static void
range_toast_dismissed_cb (LwReportsPage *self,
                          AdwToast      *toast)
{
  if (self->range_toast == toast)
    g_clear_object (&self->range_toast);
}

/* The entries unmarked and their message gone: they hold the period shown. */
static void
clear_range_error (LwReportsPage *self)
{
  g_autoptr(AdwToast) toast = g_steal_pointer (&self->range_toast);

  gtk_widget_remove_css_class (GTK_WIDGET (self->from_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->to_entry), "error");
  if (toast != NULL)
    adw_toast_dismiss (toast);
}

/* One message about the range typed: a new one replaces the last at once,
 * rather than waiting behind it in the overlay's queue.  The toast shown
 * takes the new text: libadwaita 1.2 can free a toast twice when one is
 * dismissed and another shown over it while it is still being hidden. */
static void
show_range_error (LwReportsPage *self,
                  const GError  *error)
{
  AdwToast *toast;

  gtk_widget_add_css_class (GTK_WIDGET (self->from_entry), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->to_entry), "error");
  if (self->range_toast != NULL)
    {
      lw_toast_set_title (self->range_toast, error->message);
      return;
    }
  toast = lw_toast_new (error->message);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  self->range_toast = g_object_ref (toast);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (range_toast_dismissed_cb), self, G_CONNECT_SWAPPED);
  lw_toast_add (GTK_WIDGET (self), toast);
}

static void
update_period_controls (LwReportsPage *self)
{
  g_autofree char *label = lw_period_to_label (&self->period);
  gboolean range = self->period.kind == LW_PERIOD_RANGE;

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->kind_dropdown, self->period.kind);
  gtk_label_set_text (self->period_label, label);
  clear_range_error (self);
  gtk_widget_set_visible (self->step_box, !range);
  gtk_widget_set_visible (self->range_box, range);
  if (range)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->from_entry), self->period.from);
      gtk_editable_set_text (GTK_EDITABLE (self->to_entry), self->period.to);
    }
  self->updating = FALSE;
}

static void
show_report (LwReportsPage *self,
             LwReport      *report,
             const GError  *error)
{
  gtk_spinner_stop (self->spinner);
  if (report == NULL)
    {
      lw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  self->report = report;
  fill_content (self);
  gtk_stack_set_visible_child_name (self->stack, "report");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.extract",
                                 lw_settings_get_viewer_role () == LW_ROLE_PROJECT_MANAGER);
}

static void
stop_building (LwReportsPage *self)
{
  if (self->building != NULL)
    g_cancellable_cancel (self->building);
  g_clear_object (&self->building);
  gtk_spinner_stop (self->spinner);
}

typedef struct
{
  LwAudience *audience;
  LwPeriod    period;
} BuildJob;

static void
build_job_free (gpointer data)
{
  BuildJob *job = data;

  lw_audience_free (job->audience);
  g_free (job);
}

static gpointer
build_work (LwStore       *reader,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  BuildJob *job = data;

  return lw_report_build (reader, &job->period, job->audience, error);
}

static void
build_done (GObject      *owner,
            gpointer      report,
            const GError *error)
{
  LwReportsPage *self = LW_REPORTS_PAGE (owner);

  g_clear_object (&self->building);
  show_report (self, report, error);
  /* the values the worker opened to count are freed: resident no more */
  lw_trim_memory_later ();
}

void
lw_reports_page_reload (LwReportsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAudience) audience = NULL;

  g_return_if_fail (LW_IS_REPORTS_PAGE (self));

  stop_building (self);
  clear_content (self);
  update_period_controls (self);
  self->dirty = FALSE;
  if (self->store == NULL || !lw_store_is_unlocked (self->store))
    {
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  audience = current_audience (self);
  if (lw_store_count (self->store, &lw_participant_table, NULL) > self->sync_limit)
    {
      BuildJob *job = g_new0 (BuildJob, 1);

      job->audience = lw_audience_copy (audience);
      job->period = self->period;
      self->building = lw_reader_task_start (self->store, G_OBJECT (self), build_work, build_done,
                                             job, build_job_free, (GDestroyNotify) lw_report_free, NULL);
      if (self->building == NULL)
        build_job_free (job);
    }
  if (self->building == NULL)
    {
      /* a small program (or no second connection): made here, at once */
      LwReport *report = lw_report_build (self->store, &self->period, audience, &error);

      show_report (self, report, error);
      return;
    }

  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "building");
  /* while the worker counts: a chart's text is in fonts of its own, and the
   * first figure's frame loaded ~170 of their letters (FreeType) on top of
   * laying the figure out */
  lw_glyphs_warm_chart (CHART_TEXT_SCALE);
}

/* Made when it is seen, not at every unlock. */
static void
queue_reload (LwReportsPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    lw_reports_page_reload (self);
  else
    {
      /* what was made, or is being made, for the old role or program goes
       * now, not when next seen: a hidden page holds no report of it */
      stop_building (self);
      clear_content (self);
      self->dirty = TRUE;
    }
}

static void
map_cb (LwReportsPage *self)
{
  if (self->dirty)
    lw_reports_page_reload (self);
}

/* ----------------------------------------------------------------------------
 * Choosing the period and the audience
 */

static void
kind_selected_cb (LwReportsPage *self)
{
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);

  if (self->updating || kind >= LW_N_PERIOD_KINDS || kind == self->period.kind)
    return;
  if (kind == LW_PERIOD_RANGE)
    /* from–to starts as the period shown, to be edited */
    self->period.kind = LW_PERIOD_RANGE;
  else
    lw_period_init (&self->period, kind, self->period.to);
  queue_reload (self);
}

static void
range_activate_cb (LwReportsPage *self)
{
  g_autoptr(GError) error = NULL;
  LwPeriod period;

  if (!lw_period_init_range (&period, gtk_editable_get_text (GTK_EDITABLE (self->from_entry)),
                             gtk_editable_get_text (GTK_EDITABLE (self->to_entry)), &error))
    {
      show_range_error (self, error);
      return;
    }
  clear_range_error (self);
  self->period = period;
  queue_reload (self);
}

static void
step_period (LwReportsPage *self,
             int            direction)
{
  if (self->period.kind == LW_PERIOD_RANGE)
    return;
  if (direction < 0)
    {
      LwPeriod previous;

      lw_period_previous (&self->period, &previous);
      self->period = previous;
    }
  else
    {
      g_autofree char *after = lw_date_add_days (self->period.to, 1);

      lw_period_init (&self->period, self->period.kind, after);
    }
  queue_reload (self);
}

static void
previous_period_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  step_period (LW_REPORTS_PAGE (widget), -1);
}

static void
next_period_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  step_period (LW_REPORTS_PAGE (widget), 1);
}

static void
audience_selected_cb (LwReportsPage *self)
{
  if (!self->updating)
    queue_reload (self);
}

static void
compare_toggled_cb (LwReportsPage *self)
{
  if (self->report == NULL)
    return;
  /* the same report, shown with or without the previous period */
  remove_content (self);
  fill_content (self);
}

/* ----------------------------------------------------------------------------
 * Export
 */

static char *
suggested_name (LwReportsPage *self,
                const char    *extension)
{
  g_autofree char *period = lw_period_to_string (&self->period);
  g_autofree char *roles = lw_audience_to_string (lw_report_get_audience (self->report));

  g_strdelimit (period, ".", '-');
  g_strdelimit (roles, ",@ ", '-');
  return g_strdup_printf ("report-%s-%s.%s", period, roles, extension);
}

gboolean
_lw_reports_page_export_to (LwReportsPage  *self,
                            const char     *path,
                            GError        **error)
{
  g_return_val_if_fail (LW_IS_REPORTS_PAGE (self), FALSE);

  if (self->report == NULL)
    {
      g_set_error_literal (error, LW_ERROR, LW_ERROR_INVALID, _("There is no report to save yet"));
      return FALSE;
    }
  return lw_report_export (self->store, self->report, path, lw_paper_default (), error);
}

static void
chooser_response_cb (LwReportsPage   *self,
                     int              response,
                     GtkNativeDialog *dialog)
{
  gboolean extract = g_object_get_data (G_OBJECT (dialog), "lw-extract") != NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;
      guint n_rows = 0;
      gboolean ok;

      if (path == NULL)
        g_set_error_literal (&error, LW_ERROR, LW_ERROR_INVALID, _("Choose a folder on this computer."));
      ok = path != NULL &&
           (extract ? lw_report_extract (self->store, path, NULL, &n_rows, NULL, NULL, &error)
                    : _lw_reports_page_export_to (self, path, &error));
      if (ok)
        {
          g_autofree char *basename = g_path_get_basename (path);
          g_autofree char *display = g_filename_display_name (basename);
          g_autofree char *title = extract
                                   ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                   "Saved the extract of %u participant, and its data dictionary, as “%s”",
                                                                   "Saved the extract of %u participants, and its data dictionary, as “%s”",
                                                                   n_rows), n_rows, display)
                                   : g_strdup_printf (_("Saved “%s”"), display);

          lw_toast_show (GTK_WIDGET (self), title);
        }
      else
        lw_toast_show_error (GTK_WIDGET (self), error);
    }
  g_clear_object (&self->chooser);
}

static void
open_chooser (LwReportsPage *self,
              const char    *title,
              const char    *filter_name,
              const char    *extension,
              const char    *name,
              gboolean       extract)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_suffix (filter, extension);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  if (extract)
    g_object_set_data (G_OBJECT (chooser), "lw-extract", GINT_TO_POINTER (1));
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LwReportsPage *self = LW_REPORTS_PAGE (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  g_autofree char *name = NULL;

  if (self->report == NULL)
    return;
  name = suggested_name (self, format);
  if (g_str_equal (format, "pdf"))
    open_chooser (self, _("Save Report"), _("PDF documents"), "pdf", name, FALSE);
  else if (g_str_equal (format, "md"))
    open_chooser (self, _("Save Report"), _("Markdown documents"), "md", name, FALSE);
  else
    open_chooser (self, _("Save Report"), _("CSV files"), "csv", name, FALSE);
}

static void
extract_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LwReportsPage *self = LW_REPORTS_PAGE (widget);

  /* the extract reads every participant (de-identified): the project
   * manager's to make */
  if (self->store == NULL || lw_settings_get_viewer_role () != LW_ROLE_PROJECT_MANAGER)
    return;
  open_chooser (self, _("Save Evaluator's Extract"), _("CSV files"), "csv", "evaluation-extract.csv", TRUE);
}

/* ----------------------------------------------------------------------------
 * The widget
 */

static void
viewer_role_changed_cb (LwReportsPage *self)
{
  queue_reload (self);
}

static void
lw_reports_page_dispose (GObject *object)
{
  LwReportsPage *self = LW_REPORTS_PAGE (object);

  stop_building (self);
  g_clear_object (&self->range_toast);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  if (self->content != NULL)
    clear_content (self);
  g_clear_object (&self->settings);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_REPORTS_PAGE);
  self->store = NULL;

  G_OBJECT_CLASS (lw_reports_page_parent_class)->dispose (object);
}

static void
lw_reports_page_class_init (LwReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_reports_page_dispose;

  g_type_ensure (LW_TYPE_SCROLL_BODY);
  g_type_ensure (LW_TYPE_STATUS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadworkgroup/Workgroup/lw-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LwReportsPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LwReportsPage, step_box);
  gtk_widget_class_bind_template_child (widget_class, LwReportsPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, LwReportsPage, range_box);
  gtk_widget_class_bind_template_child (widget_class, LwReportsPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, LwReportsPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, LwReportsPage, audience_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LwReportsPage, compare_check);
  gtk_widget_class_bind_template_child (widget_class, LwReportsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LwReportsPage, content);
  gtk_widget_class_bind_template_child (widget_class, LwReportsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LwReportsPage, error_page);

  gtk_widget_class_install_action (widget_class, "reports.previous-period", NULL, previous_period_action);
  gtk_widget_class_install_action (widget_class, "reports.next-period", NULL, next_period_action);
  gtk_widget_class_install_action (widget_class, "reports.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "reports.extract", NULL, extract_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_ALT_MASK, "reports.previous-period", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_ALT_MASK, "reports.next-period", NULL);
}

static void
lw_reports_page_init (LwReportsPage *self)
{
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);
  g_autofree char *today = lw_date_today ();

  gtk_widget_init_template (GTK_WIDGET (self));

  for (int r = 0; r < LW_N_ROLES; r++)
    gtk_string_list_append (roles, lw_role_to_label (r));
  gtk_drop_down_set_model (self->audience_dropdown, G_LIST_MODEL (roles));
  gtk_drop_down_set_selected (self->audience_dropdown, lw_settings_get_viewer_role ());
  lw_period_init (&self->period, LW_PERIOD_QUARTER, today);
  self->dirty = TRUE;
  self->sync_limit = SYNC_LIMIT;

  g_signal_connect_swapped (self->kind_dropdown, "notify::selected", G_CALLBACK (kind_selected_cb), self);
  g_signal_connect_swapped (self->audience_dropdown, "notify::selected", G_CALLBACK (audience_selected_cb), self);
  g_signal_connect_swapped (self->compare_check, "toggled", G_CALLBACK (compare_toggled_cb), self);
  g_signal_connect_swapped (self->from_entry, "activate", G_CALLBACK (range_activate_cb), self);
  g_signal_connect_swapped (self->to_entry, "activate", G_CALLBACK (range_activate_cb), self);
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);

  self->settings = lw_settings_dup_gsettings ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::viewer-role",
                             G_CALLBACK (viewer_role_changed_cb), self, G_CONNECT_SWAPPED);
  update_period_controls (self);
}

void
lw_reports_page_set_store (LwReportsPage *self,
                           LwStore       *store)
{
  g_return_if_fail (LW_IS_REPORTS_PAGE (self));

  self->store = store;
  queue_reload (self);
}

const LwReport *
_lw_reports_page_get_report (LwReportsPage *self)
{
  g_return_val_if_fail (LW_IS_REPORTS_PAGE (self), NULL);
  return self->report;
}

void
_lw_reports_page_set_period (LwReportsPage  *self,
                             const LwPeriod *period)
{
  g_return_if_fail (LW_IS_REPORTS_PAGE (self));

  self->period = *period;
  lw_reports_page_reload (self);
}

void
_lw_reports_page_set_audience (LwReportsPage *self,
                               LwRole         role)
{
  g_return_if_fail (LW_IS_REPORTS_PAGE (self));

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->audience_dropdown, role);
  self->updating = FALSE;
  lw_reports_page_reload (self);
}

void
_lw_reports_page_set_sync_limit (LwReportsPage *self,
                                 guint          limit)
{
  g_return_if_fail (LW_IS_REPORTS_PAGE (self));

  self->sync_limit = limit;
}

gboolean
_lw_reports_page_is_building (LwReportsPage *self)
{
  g_return_val_if_fail (LW_IS_REPORTS_PAGE (self), FALSE);

  /* made in a thread, or its figures still being shown */
  return self->building != NULL || self->fill_tick != 0;
}
