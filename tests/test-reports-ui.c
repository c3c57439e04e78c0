/* test-reports-ui.c: the Reports page — under Xvfb
 *
 * A demo program plus one participant whose every sealed column holds a
 * canary: the page shows no participant code, name or canary for any audience;
 * a community representative's report reads "fewer than 11"; the role at the
 * keyboard is always part of the audience; every chart has an accessible
 * description and is reached by the keyboard; the period steps by action; and
 * an export is written and audited.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "lw/lw-audit.h"
#include "lw/lw-demo.h"
#include "lw/lw-model.h"
#include "lw/lw-report.h"
#include "lw/lw-vault.h"
#include "lw-reports-page.h"
#include "lw-settings.h"
#include "lw-test-ui.h"
#include "lw-test-util.h"
#include "lw-window-private.h"

#define TAG "rep"

typedef struct
{
  char          *dir;
  LwStore       *store;
  LwWindow      *window;
  LwReportsPage *page;
  GPtrArray     *codes;     /* every participant code of the program */
} Fixture;

static void
set_role (const char *role)
{
  g_autoptr(GSettings) settings = lw_settings_dup_gsettings ();

  g_assert_nonnull (settings);
  g_assert_true (g_settings_set_string (settings, "viewer-role", role));
}

static void
flush (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  for (int i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  for (int i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
  /* the report made, and every figure of it shown */
  while (f->page != NULL && _lw_reports_page_is_building (f->page) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (f->page == NULL || !_lw_reports_page_is_building (f->page));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  GtkWidget *stack;

  set_role (data ? data : "project-manager");
  f->dir = lw_test_tmpdir ();
  f->store = lw_test_store_new (f->dir, "program.lwdb");
  g_assert_true (lw_demo_generate (f->store, 60, 3, &error));
  g_assert_no_error (error);
  g_hash_table_unref (lw_test_fill_every_table (f->store, TAG));
  participants = lw_store_list (f->store, &lw_participant_table, NULL, 0, &error);
  f->codes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < participants->len; i++)
    g_ptr_array_add (f->codes, g_strdup (((LwParticipant *) participants->pdata[i])->code));

  f->window = lw_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 720);
  lw_window_set_store (f->window, f->store, FALSE);
  gtk_window_present (GTK_WINDOW (f->window));
  flush (f);

  /* the Reports page, as its switcher button would show it */
  stack = lw_test_ui_find_widget (_lw_window_get_main_page (f->window), ADW_TYPE_VIEW_STACK);
  g_assert_nonnull (stack);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "reports");
  f->page = LW_REPORTS_PAGE (lw_test_ui_find_widget (stack, LW_TYPE_REPORTS_PAGE));
  g_assert_nonnull (f->page);
  flush (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_object_ref (f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->window);
  g_clear_pointer (&f->store, lw_store_free);
  g_clear_pointer (&f->codes, g_ptr_array_unref);
  lw_test_tmpdir_remove (f->dir);
  g_free (f->dir);
  set_role ("project-manager");
}

static char *
page_text (Fixture *f)
{
  GString *text = g_string_new (NULL);

  lw_test_ui_collect_text (GTK_WIDGET (f->page), text);
  return g_string_free (text, FALSE);
}

/* No participant code, no canary in any text of the page (labels, tooltips,
 * accessible labels and descriptions); where internal, the officers' names and
 * the reasons they typed are the only exceptions. */
static void
assert_no_identifier (Fixture  *f,
                      gboolean  internal)
{
  g_autofree char *text = page_text (f);

  for (const char *canary = strstr (text, "CANARY"); canary != NULL; canary = strstr (canary + 1, "CANARY"))
    if (!internal || (!g_str_has_prefix (canary, "CANARY-person-name-") &&
                      !g_str_has_prefix (canary, "CANARY-diversion_decision-reason-")))
      g_error ("the Reports page shows %.60s", canary);
  for (guint i = 0; i < f->codes->len; i++)
    if (strstr (text, g_ptr_array_index (f->codes, i)) != NULL)
      g_error ("the Reports page shows the code %s", (const char *) g_ptr_array_index (f->codes, i));
}

static void
collect_areas (GtkWidget *widget,
               GPtrArray *out)
{
  if (GTK_IS_DRAWING_AREA (widget))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_areas (child, out);
}

static void
test_shows_report (Fixture       *f,
                   gconstpointer  data)
{
  const LwReport *report = _lw_reports_page_get_report (f->page);
  g_autoptr(GPtrArray) areas = g_ptr_array_new ();
  g_autofree char *text = NULL;

  /* made when first shown, for the role at the keyboard */
  g_assert_nonnull (report);
  g_assert_true (lw_audience_get_roles (lw_report_get_audience (report)) & LW_ROLE_BIT (LW_ROLE_PROJECT_MANAGER));
  g_assert_false (lw_report_get_small_cells (report));
  text = page_text (f);
  g_assert_nonnull (strstr (text, "Key figures"));
  g_assert_nonnull (strstr (text, "Referrals by month and route"));
  g_assert_null (strstr (text, "fewer than 11"));
  assert_no_identifier (f, TRUE);

  /* each chart: an image with its title and a description in words, reached
   * by the keyboard */
  collect_areas (GTK_WIDGET (f->page), areas);
  g_assert_cmpuint (areas->len, >=, 8);
  for (guint i = 0; i < areas->len; i++)
    {
      GtkWidget *area = g_ptr_array_index (areas, i);
      g_autofree char *label = lw_test_ui_accessible_property (area, GTK_ACCESSIBLE_PROPERTY_LABEL);
      g_autofree char *description = lw_test_ui_accessible_property (area, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (area)), ==, GTK_ACCESSIBLE_ROLE_IMG);
      g_assert_cmpstr (label, !=, "");
      g_assert_true (g_str_has_suffix (description, "."));
      g_assert_nonnull (strstr (description, " chart of "));
      g_assert_true (gtk_widget_get_focusable (area));
    }
}

/* Tab from the top of the page reaches a chart: every control and figure is
 * on the keyboard's way. */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (f->page));
  gboolean chart = FALSE, dropdown = FALSE, check = FALSE, menu = FALSE;

  gtk_widget_grab_focus (GTK_WIDGET (f->page));
  gtk_widget_child_focus (GTK_WIDGET (f->page), GTK_DIR_TAB_FORWARD);
  for (int i = 0; i < 40 && !chart; i++)
    {
      GtkWidget *focus = gtk_root_get_focus (root);

      for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
        {
          chart |= GTK_IS_DRAWING_AREA (w);
          dropdown |= GTK_IS_DROP_DOWN (w);
          check |= GTK_IS_CHECK_BUTTON (w);
          menu |= GTK_IS_MENU_BUTTON (w);
        }
      gtk_widget_child_focus (GTK_WIDGET (f->page), GTK_DIR_TAB_FORWARD);
    }
  g_assert_true (dropdown);
  g_assert_true (check);
  g_assert_true (menu);
  g_assert_true (chart);

  /* Alt+Page Up: the previous period */
  {
    LwPeriod before = *lw_report_get_period (_lw_reports_page_get_report (f->page));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "reports.previous-period", NULL));
    flush (f);
    g_assert_cmpstr (lw_report_get_period (_lw_reports_page_get_report (f->page))->to, <, before.from);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "reports.next-period", NULL));
    flush (f);
    g_assert_cmpstr (lw_report_get_period (_lw_reports_page_get_report (f->page))->from, ==, before.from);
  }
}

static void
test_community (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *text = NULL;
  const LwReport *report;
  LwPeriod year;

  g_assert_true (lw_period_parse ("2026", &year, NULL));
  _lw_reports_page_set_period (f->page, &year);
  _lw_reports_page_set_audience (f->page, LW_ROLE_COMMUNITY_REPRESENTATIVE);
  flush (f);
  report = _lw_reports_page_get_report (f->page);
  g_assert_true (lw_report_get_small_cells (report));
  text = page_text (f);
  g_assert_nonnull (strstr (text, "fewer than 11"));
  g_assert_nonnull (strstr (text, "Not in This Report"));
  /* no decision, so no officer and no reason */
  g_assert_null (lw_report_lookup (report, "decisions"));
  g_assert_null (strstr (text, "Officer"));
  assert_no_identifier (f, FALSE);
}

/* A community representative at the keyboard gets their own report whatever
 * they choose. */
static void
test_viewer_is_audience (Fixture       *f,
                         gconstpointer  data)
{
  const LwReport *report;

  _lw_reports_page_set_audience (f->page, LW_ROLE_PROJECT_MANAGER);
  flush (f);
  report = _lw_reports_page_get_report (f->page);
  g_assert_true (lw_audience_get_roles (lw_report_get_audience (report)) & LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE));
  g_assert_true (lw_report_get_small_cells (report));
  g_assert_null (lw_report_lookup (report, "housing"));
  assert_no_identifier (f, FALSE);
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "report.md", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "report.docx", NULL);
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;
  guint before = lw_test_count_audit_events (f->store, LW_AUDIT_EXPORT, NULL);

  _lw_reports_page_set_audience (f->page, LW_ROLE_EVALUATOR);
  flush (f);
  g_assert_true (_lw_reports_page_export_to (f->page, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Audience: Evaluator, Project manager"));
  g_assert_cmpuint (lw_test_count_audit_events (f->store, LW_AUDIT_EXPORT, &detail), ==, before + 1);
  g_assert_true (g_str_has_prefix (detail, "report period="));
  g_assert_nonnull (strstr (detail, "audience=project-manager,evaluator format=markdown"));
  /* a file name that is no format writes nothing */
  g_assert_false (_lw_reports_page_export_to (f->page, bad, &error));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
}


static void
collect_entries (GtkWidget *widget,
                 GPtrArray *out)
{
  if (GTK_IS_ENTRY (widget))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_entries (child, out);
}

/* Types from and to and presses Enter in the last. */
static void
enter_range (Fixture    *f,
             GPtrArray  *entries,
             const char *from,
             const char *to)
{
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (entries, 0)), from);
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (entries, 1)), to);
  g_signal_emit_by_name (g_ptr_array_index (entries, 1), "activate");
  flush (f);
}

static gboolean
entries_marked (GPtrArray *entries)
{
  return gtk_widget_has_css_class (g_ptr_array_index (entries, 0), "error") &&
         gtk_widget_has_css_class (g_ptr_array_index (entries, 1), "error");
}

/* An impossible date, or a period that ends before it starts: one message
 * saying so, the entries marked, the report shown before kept (and exported
 * as it is); the marks go once the range is good or the period changes. */
static void
test_bad_range (Fixture       *f,
                gconstpointer  data)
{
  GtkDropDown *kind = GTK_DROP_DOWN (lw_test_ui_find_widget (GTK_WIDGET (f->page), GTK_TYPE_DROP_DOWN));
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autofree char *path = g_build_filename (f->dir, "kept.csv", NULL);
  g_autoptr(GError) error = NULL;
  const LwReport *report;
  LwPeriod shown;
  static const char * const bad[][3] = {
    { "2026-02-30", "2026-03-31", "“2026-02-30” is not a date" },
    { "2026-03-05", "2026-03-01", "ends (2026-03-01) before it starts (2026-03-05)" },
    { "2026-01-01", "", "“” is not a date" },
    { "２０２６-01-01", "2026-03-01", "is not a date" },
    { "1900-01-01", "2026-03-01", "longer than ten years" },
    /* what was typed is shown as typed, markup characters and all */
    { "1 & <2>", "2026-03-01", "“1 & <2>” is not a date" },
  };

  gtk_drop_down_set_selected (kind, LW_PERIOD_RANGE);
  flush (f);
  collect_entries (GTK_WIDGET (f->page), entries);
  g_assert_cmpuint (entries->len, ==, 2);
  enter_range (f, entries, "2026-01-15", "2026-03-14");
  report = _lw_reports_page_get_report (f->page);
  g_assert_nonnull (report);
  shown = *lw_report_get_period (report);
  g_assert_cmpstr (shown.from, ==, "2026-01-15");
  g_assert_false (entries_marked (entries));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = NULL;

      enter_range (f, entries, bad[i][0], bad[i][1]);
      text = lw_test_ui_all_text ();
      if (strstr (text, bad[i][2]) == NULL)
        g_error ("no message “%s” for %s..%s", bad[i][2], bad[i][0], bad[i][1]);
      g_assert_true (entries_marked (entries));
      /* the report of before stays, whole */
      g_assert_true (_lw_reports_page_get_report (f->page) == report);
      g_assert_cmpstr (lw_report_get_period (report)->from, ==, shown.from);
      g_assert_cmpstr (lw_report_get_period (report)->to, ==, shown.to);
    }
  /* what is exported meanwhile is the report shown, and says its period */
  g_assert_true (_lw_reports_page_export_to (f->page, path, &error));
  g_assert_no_error (error);

  /* another kind of period and back: the entries hold the period, unmarked */
  gtk_drop_down_set_selected (kind, LW_PERIOD_MONTH);
  flush (f);
  gtk_drop_down_set_selected (kind, LW_PERIOD_RANGE);
  flush (f);
  report = _lw_reports_page_get_report (f->page);
  g_assert_cmpstr (gtk_editable_get_text (g_ptr_array_index (entries, 0)), ==, lw_report_get_period (report)->from);
  g_assert_false (entries_marked (entries));

  /* a good range after a bad one: unmarked, and made */
  enter_range (f, entries, "2026-03-05", "2026-03-01");
  g_assert_true (entries_marked (entries));
  enter_range (f, entries, "2026-03-01", "2026-03-05");
  g_assert_false (entries_marked (entries));
  g_assert_cmpstr (lw_report_get_period (_lw_reports_page_get_report (f->page))->to, ==, "2026-03-05");
}

static void
wait_built (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (_lw_reports_page_is_building (f->page) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (_lw_reports_page_is_building (f->page));
  flush (f);
}

/* A large program's report is made in a thread: the page says it is counting,
 * shows no figure of before meanwhile, then the same report as made at once;
 * a report overtaken by a newer one is never shown; a page that goes while
 * one is made is not kept alive by it. */
/* The report shown is the community representative's: small cells
 * suppressed, no identifier on the page. */
static void
assert_community_report (Fixture *f)
{
  const LwReport *report = _lw_reports_page_get_report (f->page);

  g_assert_nonnull (report);
  g_assert_true (lw_audience_get_roles (lw_report_get_audience (report)) &
                 LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE));
  g_assert_true (lw_report_get_small_cells (report));
  assert_no_identifier (f, FALSE);
}

static void
test_threaded (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *at_once = page_text (f);
  g_autofree char *counting = NULL;
  g_autofree char *threaded = NULL;

  _lw_reports_page_set_sync_limit (f->page, 0);
  lw_reports_page_reload (f->page);
  g_assert_true (_lw_reports_page_is_building (f->page));
  g_assert_null (_lw_reports_page_get_report (f->page));
  /* (not drawn first: a report of the demo is made in a few milliseconds) */
  counting = page_text (f);
  g_assert_nonnull (strstr (counting, "Counting…"));
  g_assert_null (strstr (counting, "Key figures"));
  /* exporting meanwhile writes nothing */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *path = g_build_filename (f->dir, "early.md", NULL);

    g_assert_false (_lw_reports_page_export_to (f->page, path, &error));
    g_assert_nonnull (error);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  wait_built (f);
  threaded = page_text (f);
  g_assert_cmpstr (threaded, ==, at_once);

  /* the project manager's report overtaken by the community representative's */
  {
    LwPeriod year;

    g_assert_true (lw_period_parse ("2026", &year, NULL));
    _lw_reports_page_set_period (f->page, &year);
    g_assert_true (_lw_reports_page_is_building (f->page));
    _lw_reports_page_set_audience (f->page, LW_ROLE_COMMUNITY_REPRESENTATIVE);
  }
  wait_built (f);
  /* the first one's result arrives after: it must not replace the second */
  for (int i = 0; i < 20; i++)
    {
      g_usleep (10000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  assert_community_report (f);

  /* a build in flight when the window goes: the teardown checks the window is finalized */
  lw_reports_page_reload (f->page);
  g_assert_true (_lw_reports_page_is_building (f->page));
}

/* A report being made for the project manager when the role at the keyboard
 * becomes a community representative's, the page out of sight: it is never
 * shown, not even on the hidden page, and the page is made again for the new
 * role when next seen. */
static void
test_threaded_role_change (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *stack = lw_test_ui_find_widget (_lw_window_get_main_page (f->window), ADW_TYPE_VIEW_STACK);
  g_autofree char *hidden = NULL;

  _lw_reports_page_set_sync_limit (f->page, 0);
  lw_reports_page_reload (f->page);
  g_assert_true (_lw_reports_page_is_building (f->page));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "participants");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
  set_role ("community-representative");
  /* the project manager's report has time to arrive */
  for (int i = 0; i < 50; i++)
    {
      g_usleep (10000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_null (_lw_reports_page_get_report (f->page));
  hidden = page_text (f);
  g_assert_null (strstr (hidden, "Key figures"));

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "reports");
  wait_built (f);
  assert_community_report (f);
}

static void
collect_tables (GtkWidget *widget,
                GPtrArray *out)
{
  if (GTK_IS_GRID (widget) && gtk_widget_has_css_class (widget, "lw-report-table"))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_tables (child, out);
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/* Every figure's table, in the report's order, holds each of its cells once,
 * in its place, with what it is to say: the figures are shown in parts over
 * several frames, and a part lost, doubled or put in another figure's table
 * fails here. */
static void
assert_every_cell (Fixture *f)
{
  const LwReport *report = _lw_reports_page_get_report (f->page);
  g_autoptr(GPtrArray) tables = g_ptr_array_new ();
  guint n = lw_report_get_n_figures (report);

  collect_tables (GTK_WIDGET (f->page), tables);
  /* the key figures first, then one a figure */
  g_assert_cmpuint (tables->len, ==, n + 1);
  for (guint i = 0; i < n; i++)
    {
      const LwReportFigure *figure = lw_report_get_figure (report, i);
      GtkGrid *grid = g_ptr_array_index (tables, i + 1);
      g_autofree char *table_label = lw_test_ui_accessible_property (GTK_WIDGET (grid),
                                                                     GTK_ACCESSIBLE_PROPERTY_LABEL);

      g_assert_true (g_str_has_suffix (table_label, figure->title));
      g_assert_cmpuint (count_children (GTK_WIDGET (grid)), ==,
                        figure->n_columns + figure->n_rows * (figure->n_columns + 1));
      for (guint c = 0; c < figure->n_columns; c++)
        g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_grid_get_child_at (grid, c + 1, 0))), ==,
                         figure->column_labels[c]);
      for (guint r = 0; r < figure->n_rows; r++)
        {
          g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_grid_get_child_at (grid, 0, r + 1))), ==,
                           figure->row_labels[r]);
          for (guint c = 0; c < figure->n_columns; c++)
            {
              GtkWidget *cell = gtk_grid_get_child_at (grid, c + 1, r + 1);
              g_autofree char *text = lw_report_cell_to_text (figure, r, c);
              g_autofree char *spoken = lw_test_ui_accessible_property (cell, GTK_ACCESSIBLE_PROPERTY_LABEL);
              g_autofree char *expected = g_strdup_printf ("%s, %s: %s", figure->row_labels[r],
                                                           figure->column_labels[c], text);

              g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (cell)), ==, text);
              g_assert_cmpstr (spoken, ==, expected);
            }
        }
    }
}

static gboolean
figures_partly_shown (Fixture *f)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new ();

  collect_tables (GTK_WIDGET (f->page), tables);
  return tables->len >= 3 || !_lw_reports_page_is_building (f->page);
}

static void
test_every_cell (Fixture       *f,
                 gconstpointer  data)
{
  LwPeriod year;

  assert_every_cell (f);

  /* a year's report, overtaken while its figures are still being shown by
   * the community representative's: only the second, whole */
  g_assert_true (lw_period_parse ("2026", &year, NULL));
  _lw_reports_page_set_period (f->page, &year);
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (!figures_partly_shown (f) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_true (_lw_reports_page_is_building (f->page));
  _lw_reports_page_set_audience (f->page, LW_ROLE_COMMUNITY_REPRESENTATIVE);
  flush (f);
  g_assert_true (lw_report_get_small_cells (_lw_reports_page_get_report (f->page)));
  assert_every_cell (f);
}

/* The key figures' table has one column of counts, or one a column of the
 * key figures with the previous period. */
static void
assert_key_columns (Fixture  *f,
                    gboolean  compare)
{
  const LwReportFigure *key = lw_report_get_key_figures (_lw_reports_page_get_report (f->page));
  g_autoptr(GPtrArray) tables = g_ptr_array_new ();
  guint n_columns = compare ? key->n_columns : 1;

  collect_tables (GTK_WIDGET (f->page), tables);
  g_assert_cmpuint (tables->len, >, 0);
  g_assert_cmpuint (count_children (g_ptr_array_index (tables, 0)), ==,
                    n_columns + key->n_rows * (n_columns + 1));
}

/* Compare with the previous period, switched while the figures are still
 * being shown: the same report shown again from its start, its key figures
 * with the columns asked for, every figure's cells once. */
static void
test_compare_mid_fill (Fixture       *f,
                       gconstpointer  data)
{
  GtkCheckButton *compare = GTK_CHECK_BUTTON (lw_test_ui_find_widget (GTK_WIDGET (f->page),
                                                                      GTK_TYPE_CHECK_BUTTON));
  gboolean active = gtk_check_button_get_active (compare);
  const LwReport *report;
  LwPeriod year;

  g_assert_true (lw_period_parse ("2026", &year, NULL));
  _lw_reports_page_set_period (f->page, &year);
  for (int i = 0; i < 2; i++)
    {
      gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

      while (!figures_partly_shown (f) && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (_lw_reports_page_is_building (f->page));
      report = _lw_reports_page_get_report (f->page);
      active = !active;
      gtk_check_button_set_active (compare, active);
      flush (f);
      /* the same report, not made again */
      g_assert_true (_lw_reports_page_get_report (f->page) == report);
      assert_key_columns (f, active);
      assert_every_cell (f);
      /* and again, from the start, for the other way */
      if (i == 0)
        {
          _lw_reports_page_set_period (f->page, &year);
          g_assert_true (_lw_reports_page_is_building (f->page));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  static const char * const paths[] = {
    "/lw/reports-ui/shows-report",
    "/lw/reports-ui/keyboard",
    "/lw/reports-ui/community",
    "/lw/reports-ui/viewer-is-audience",
    "/lw/reports-ui/export",
    "/lw/reports-ui/threaded",
    "/lw/reports-ui/bad-range",
    "/lw/reports-ui/threaded-role-change",
    "/lw/reports-ui/every-cell",
    "/lw/reports-ui/compare-mid-fill",
  };

  g_setenv ("LEAD_WORKGROUP_TEST_WEAK_KDF", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  if (!lw_test_ui_init (&argc, &argv, paths, G_N_ELEMENTS (paths)))
    return g_test_run ();
  if (!lw_test_ui_have_schema ())
    {
      for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
        g_test_add_func (paths[i], lw_test_ui_skip_no_display);
      return g_test_run ();
    }

  g_test_add (paths[0], Fixture, "project-manager", fixture_setup, test_shows_report, fixture_teardown);
  g_test_add (paths[1], Fixture, "project-manager", fixture_setup, test_keyboard, fixture_teardown);
  g_test_add (paths[2], Fixture, "project-manager", fixture_setup, test_community, fixture_teardown);
  g_test_add (paths[3], Fixture, "community-representative", fixture_setup, test_viewer_is_audience, fixture_teardown);
  g_test_add (paths[4], Fixture, "project-manager", fixture_setup, test_export, fixture_teardown);
  g_test_add (paths[5], Fixture, "project-manager", fixture_setup, test_threaded, fixture_teardown);
  g_test_add (paths[6], Fixture, "project-manager", fixture_setup, test_bad_range, fixture_teardown);
  g_test_add (paths[7], Fixture, "project-manager", fixture_setup, test_threaded_role_change, fixture_teardown);
  g_test_add (paths[8], Fixture, "project-manager", fixture_setup, test_every_cell, fixture_teardown);
  g_test_add (paths[9], Fixture, "project-manager", fixture_setup, test_compare_mid_fill, fixture_teardown);
  return g_test_run ();
}
