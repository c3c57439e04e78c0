/* test-spanish-ui.c: the app in Spanish under Xvfb — no English left
 *
 * Runs with LANGUAGE=es, walks the unlock page, every section of the main
 * window, the header menu, meeting mode with the projector, the export window
 * and the preferences at 1280x720 (the window must fit in it), and collects
 * every label, title, subtitle, tooltip and accessible text.  A text that is exactly an English msgid of the
 * catalogue (one whose Spanish differs) fails the test: a string that was not
 * translated, or not marked.  Words the same in both languages (es.po entries
 * whose msgstr is the msgid) cannot be told apart and are left out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "lw/lw-demo.h"
#include "lw/lw-i18n.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw/lw-vault.h"
#include "lw-main-page.h"
#include "lw-meetings-page.h"
#include "lw-participants-page-private.h"
#include "lw-presenter.h"
#include "lw-projector-window.h"
#include "lw-test-ui.h"
#include "lw-test-util.h"
#include "lw-window.h"
#include "lw-window-private.h"

/* ----------------------------------------------------------------------------
 * The catalogue's English
 */

static char *
po_unquote (const char *line)
{
  const char *start = strchr (line, '"');
  const char *end = strrchr (line, '"');
  g_autofree char *inner = NULL;

  if (start == NULL || end == NULL || end <= start)
    return g_strdup ("");
  inner = g_strndup (start + 1, end - start - 1);
  return g_strcompress (inner);
}

typedef enum { FIELD_NONE, FIELD_ID, FIELD_PLURAL, FIELD_STR, FIELD_CTXT } Field;

static void
add_entry (GHashTable *english,
           GString    *msgid,
           GString    *plural,
           GString    *msgstr0)
{
  if (msgid->len == 0)
    return;  /* the header */
  /* the same in both languages: cannot be told apart */
  if (plural->len == 0 && g_str_equal (msgid->str, msgstr0->str))
    return;
  g_hash_table_add (english, g_strdup (msgid->str));
  if (plural->len > 0)
    g_hash_table_add (english, g_strdup (plural->str));
}

/* Every msgid (and plural) of es.po whose translation differs from it. */
static GHashTable *
load_english (void)
{
  const char *path = g_getenv ("LW_PO_FILE");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *english = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) msgid = g_string_new (NULL);
  g_autoptr(GString) plural = g_string_new (NULL);
  g_autoptr(GString) msgstr0 = g_string_new (NULL);
  Field field = FIELD_NONE;

  g_assert_nonnull (path);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      g_autofree char *text = NULL;

      if (g_str_has_prefix (line, "#~"))
        continue;
      if (g_str_has_prefix (line, "msgctxt ") || g_str_has_prefix (line, "msgid "))
        {
          if (field == FIELD_STR)
            add_entry (english, msgid, plural, msgstr0);
          if (field == FIELD_STR || field == FIELD_NONE)
            {
              g_string_truncate (msgid, 0);
              g_string_truncate (plural, 0);
              g_string_truncate (msgstr0, 0);
            }
        }
      text = po_unquote (line);
      if (g_str_has_prefix (line, "msgctxt "))
        field = FIELD_CTXT;
      else if (g_str_has_prefix (line, "msgid_plural "))
        field = FIELD_PLURAL, g_string_append (plural, text);
      else if (g_str_has_prefix (line, "msgid "))
        field = FIELD_ID, g_string_append (msgid, text);
      else if (g_str_has_prefix (line, "msgstr[0] ") || g_str_has_prefix (line, "msgstr "))
        field = FIELD_STR, g_string_append (msgstr0, text);
      else if (g_str_has_prefix (line, "msgstr["))
        field = FIELD_NONE + 100;  /* other plural forms: not needed */
      else if (line[0] == '"')
        {
          if (field == FIELD_ID)
            g_string_append (msgid, text);
          else if (field == FIELD_PLURAL)
            g_string_append (plural, text);
          else if (field == FIELD_STR)
            g_string_append (msgstr0, text);
        }
      if (field == FIELD_NONE + 100)
        field = FIELD_STR;
    }
  if (field == FIELD_STR)
    add_entry (english, msgid, plural, msgstr0);
  return english;
}

static char *
without_mnemonic (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *c = text; *c; c++)
    if (*c != '_')
      g_string_append_c (s, *c);
  return g_string_free (s, FALSE);
}

/* ----------------------------------------------------------------------------
 * Walking
 */

typedef struct
{
  GHashTable *english;     /* msgid → (unused) */
  GHashTable *stripped;    /* msgid without mnemonics */
  GPtrArray  *found;       /* "where: text" of each English text seen */
  guint       n_checked;
  guint       n_notices;
} Walk;

static void
check_text (Walk       *walk,
            const char *where,
            const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (*line == '\0' || g_str_equal (line, "\x01"))
        continue;
      /* prescribed English, checked in check_widget () */
      if (g_str_equal (line, lw_policy_part2_notice ()))
        continue;
      walk->n_checked++;
      if (g_hash_table_contains (walk->english, line) || g_hash_table_contains (walk->stripped, line))
        {
          g_autofree char *entry = g_strdup_printf ("%s: “%s”", where, line);

          if (!g_ptr_array_find_with_equal_func (walk->found, entry, g_str_equal, NULL))
            g_ptr_array_add (walk->found, g_steal_pointer (&entry));
        }
    }
}

static void
check_widget (Walk       *walk,
              const char *where,
              GtkWidget  *widget)
{
  g_autoptr(GString) out = g_string_new (NULL);

  gtk_test_widget_wait_for_draw (widget);
  lw_test_ui_collect_text (widget, out);
  check_text (walk, where, out->str);
  /* the Part 2 notice keeps its prescribed English, with the translation */
  if (strstr (out->str, lw_policy_part2_notice ()) != NULL)
    {
      g_assert_nonnull (lw_policy_part2_notice_translation ());
      g_assert_nonnull (strstr (out->str, lw_policy_part2_notice_translation ()));
      walk->n_notices++;
    }
}

/* Long Spanish labels must not widen the window past 1280 pixels (the window
 * then outgrows the screen, and its right edge is clipped). */
static void
check_fits (const char *where,
            GtkWidget  *window)
{
  int min = 0;

  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_test_message ("%s: at least %d pixels wide", where, min);
  if (min > 1280)
    g_error ("%s: the window needs %d pixels, more than 1280", where, min);
}

static void
check_menu_model (Walk       *walk,
                  const char *where,
                  GMenuModel *model)
{
  for (int i = 0; model != NULL && i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        check_text (walk, where, label);
      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          check_menu_model (walk, where, link);
        }
    }
}

static void
check_menus (Walk       *walk,
             const char *where,
             GtkWidget  *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    check_menu_model (walk, where, gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_menus (walk, where, child);
}

static void
iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_walk (void)
{
  static const char * const sections[] = { "meetings", "participants", "action-items", "community" };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lw_test_tmpdir ();
  LwStore *store = lw_test_store_new (dir, "program.lwdb");
  Walk walk = { load_english (), g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
                g_ptr_array_new_with_free_func (g_free), 0, 0 };
  GHashTableIter iter;
  gpointer key;
  LwWindow *window;
  GtkWidget *main_page;
  GtkWidget *stack;
  GtkWidget *presenter;
  GtkWidget *preferences;
  LwProjectorWindow *projector;

  /* the app is Spanish: the catalogue was found */
  g_assert_cmpstr (lw_i18n_get_current (), ==, "es");
  g_assert_cmpstr (_("Participant"), ==, "Participante");
  g_assert_cmpuint (g_hash_table_size (walk.english), >, 500);
  /* prescribed English: checked apart, with its translation beside it */
  g_assert_true (g_hash_table_contains (walk.english, lw_policy_part2_notice ()));
  g_hash_table_iter_init (&iter, walk.english);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (strchr (key, '_') != NULL)
      g_hash_table_add (walk.stripped, without_mnemonic (key));

  g_assert_true (lw_demo_generate (store, 40, 6, &error));
  g_assert_no_error (error);

  /* the unlock page */
  lw_store_lock (store);
  window = lw_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  lw_window_set_store (window, store, TRUE);
  gtk_window_present (GTK_WINDOW (window));
  check_widget (&walk, "unlock page", GTK_WIDGET (window));
  lw_window_set_store (window, NULL, FALSE);
  g_assert_true (lw_store_unlock (store, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), &error));
  g_assert_no_error (error);

  /* every section */
  lw_window_set_store (window, store, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  main_page = _lw_window_get_main_page (window);
  g_assert_nonnull (main_page);
  stack = lw_test_ui_find_widget (main_page, ADW_TYPE_VIEW_STACK);
  g_assert_nonnull (stack);
  check_menus (&walk, "menu", GTK_WIDGET (window));
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), sections[i]);
      iterate (200);
      check_widget (&walk, sections[i], GTK_WIDGET (window));
      check_fits (sections[i], GTK_WIDGET (window));
    }

  /* participants, one after another: the detail with every group */
  {
    GtkWidget *participants = lw_test_ui_find_widget (main_page, LW_TYPE_PARTICIPANTS_PAGE);
    g_autoptr(GPtrArray) rows = lw_store_list (store, &lw_participant_table, NULL, 0, &error);

    g_assert_no_error (error);
    g_assert_nonnull (participants);
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "participants");
    for (guint i = 0; i < rows->len && i < 12; i++)
      {
        LwParticipant *p = g_ptr_array_index (rows, i);
        g_autofree char *where = g_strdup_printf ("participant %s", p->code);

        g_assert_true (_lw_participants_page_select (LW_PARTICIPANTS_PAGE (participants), LW_RECORD (p)->id));
        iterate (100);
        check_widget (&walk, where, GTK_WIDGET (window));
        check_fits (where, GTK_WIDGET (window));
      }
  }

  /* the export window */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "meetings");
  g_assert_true (gtk_widget_activate_action (main_page, "win.export-actions", NULL));
  iterate (200);
  g_assert_nonnull (lw_main_page_get_export_window (LW_MAIN_PAGE (main_page)));
  check_widget (&walk, "export window", lw_main_page_get_export_window (LW_MAIN_PAGE (main_page)));
  gtk_window_destroy (GTK_WINDOW (lw_main_page_get_export_window (LW_MAIN_PAGE (main_page))));

  /* the preferences */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  iterate (200);
  preferences = _lw_window_get_preferences (window);
  g_assert_nonnull (preferences);
  check_widget (&walk, "preferences", preferences);
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* meeting mode and the projector, item by item */
  g_assert_true (lw_main_page_present_meeting (LW_MAIN_PAGE (main_page), "next"));
  presenter = _lw_meetings_page_get_presenter (LW_MEETINGS_PAGE (lw_main_page_get_meetings_page (LW_MAIN_PAGE (main_page))));
  g_assert_nonnull (presenter);
  gtk_widget_activate_action (presenter, "presenter.toggle-projector", NULL);
  projector = _lw_presenter_get_projector (LW_PRESENTER (presenter));
  g_assert_nonnull (projector);
  g_assert_cmpstr (lw_projector_window_get_language (projector), ==, "es");
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *where = g_strdup_printf ("meeting mode, item %u", i + 1);
      g_autofree char *on_projector = g_strdup_printf ("projector, item %u", i + 1);

      lw_projector_window_set_timer (projector, 75 + 60 * i, 300);
      check_widget (&walk, where, GTK_WIDGET (window));
      check_fits (where, GTK_WIDGET (window));
      check_widget (&walk, on_projector, GTK_WIDGET (projector));
      if (!gtk_widget_activate_action (presenter, "presenter.next", NULL))
        break;
      iterate (100);
    }
  lw_projector_window_set_blank (projector, TRUE);
  check_widget (&walk, "projector, blank", GTK_WIDGET (projector));

  g_test_message ("%u texts checked", walk.n_checked);
  g_assert_cmpuint (walk.n_checked, >, 200);
  g_test_message ("%u Part 2 notices, each with its translation", walk.n_notices);
  for (guint i = 0; i < walk.found->len; i++)
    g_test_message ("English: %s", (const char *) g_ptr_array_index (walk.found, i));
  g_assert_cmpuint (walk.found->len, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate (100);
  lw_store_free (store);
  lw_test_tmpdir_remove (dir);
  g_hash_table_unref (walk.english);
  g_hash_table_unref (walk.stripped);
  g_ptr_array_unref (walk.found);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  /* the app's own setup (main.c): Spanish through LANGUAGE, in a UTF-8 locale */
  g_setenv ("LANGUAGE", "es", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/lw/spanish-ui/walk", lw_test_ui_skip_no_display);
      return g_test_run ();
    }

  gtk_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, lw_i18n_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  adw_init ();
  if (!lw_vault_init (&error))
    g_error ("%s", error->message);

  g_test_add_func ("/lw/spanish-ui/walk", test_walk);

  return g_test_run ();
}
