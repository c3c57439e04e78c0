/* test-projector-layout.c: the projector read from the back of a room
 *
 * Every item of the demo's next meeting, with the community representatives
 * in the room and without them, at 1920x1080 and 1280x720: no paragraph runs
 * off the slide or is cut short, no text is under 48px at 1080 lines (32px at
 * 720), the heading is larger than the body, and every colour is at least 7:1
 * on its background.  The agenda overview and the break screen carry nothing
 * the room may not see.  With LW_TEST_SHOT_DIR set, each size is saved as a
 * PNG there (what the README shows).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lw/lw-agenda.h"
#include "lw/lw-audit.h"
#include "lw/lw-demo.h"
#include "lw/lw-model.h"
#include "lw/lw-room.h"
#include "lw/lw-vault.h"
#include "lw-main-page.h"
#include "lw-meetings-page.h"
#include "lw-presenter.h"
#include "lw-projector-window.h"
#include "lw-slide.h"
#include "lw-window.h"
#include "lw-window-private.h"
#include "lw-test-ui.h"
#include "lw-test-util.h"

#define CANARY "CANARY-"
#define TAG    "layout"

typedef struct
{
  char      *dir;
  LwStore   *store;
  LwMeeting *meeting;
  LwId       canary_id;
  guint      n_items;
} Fixture;

static void
insert_filled (Fixture           *f,
               const LwTableInfo *table,
               GHashTable        *ids,
               LwId              *out_id)
{
  g_autoptr(GError) error = NULL;
  LwRecord *record = lw_record_new (table);

  lw_test_fill_record (record, TAG, ids);
  if (table == &lw_participant_table)
    {
      LwParticipant *p = (LwParticipant *) record;

      g_free (p->code);
      p->code = g_strdup ("P-9998");
      p->status = LW_STATUS_ACTIVE;
    }
  else if (table == &lw_action_item_table)
    {
      LwActionItem *a = (LwActionItem *) record;

      a->status = LW_ACTION_OPEN;
      a->agenda_item_id = 0;
      a->meeting_id = 0;
      a->concerns = LW_CONCERNS_NONE;
    }
  else if (table == &lw_legal_matter_table)
    ((LwLegalMatter *) record)->status = LW_MATTER_PENDING;
  lw_store_insert (f->store, record, &error);
  g_assert_no_error (error);
  g_hash_table_insert (ids, (gpointer) table->name, GINT_TO_POINTER ((int) record->id));
  if (out_id)
    *out_id = record->id;
  lw_record_free (record);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(LwAgendaItem) item = NULL;

  f->dir = lw_test_tmpdir ();
  f->store = lw_test_store_new (f->dir, "program.lwdb");
  g_assert_true (lw_demo_generate (f->store, 40, 1, &error));
  g_assert_no_error (error);
  f->meeting = lw_agenda_resolve_meeting (f->store, "next", &error);
  g_assert_no_error (error);

  people = lw_store_list (f->store, &lw_person_table, NULL, 0, &error);
  g_assert_no_error (error);
  g_hash_table_insert (ids, (gpointer) "person",
                       GINT_TO_POINTER ((int) ((LwPerson *) g_ptr_array_index (people, 0))->id));
  insert_filled (f, &lw_participant_table, ids, &f->canary_id);
  insert_filled (f, &lw_plan_goal_table, ids, NULL);
  insert_filled (f, &lw_legal_matter_table, ids, NULL);
  insert_filled (f, &lw_prosecution_note_table, ids, NULL);
  insert_filled (f, &lw_action_item_table, ids, NULL);
  item = lw_agenda_add_participant (f->store, f->meeting->id, f->canary_id, "new-referral", 300, &error);
  g_assert_no_error (error);
  items = lw_agenda_list_items (f->store, f->meeting->id, &error);
  g_assert_no_error (error);
  f->n_items = items->len;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->meeting, lw_record_free);
  g_clear_pointer (&f->store, lw_store_free);
  lw_test_tmpdir_remove (f->dir);
  g_free (f->dir);
}

static LwProjectorWindow *
open_window (Fixture *f,
             int      width,
             int      height)
{
  LwProjectorWindow *window = lw_projector_window_new (NULL, f->store, f->meeting->id);

  /* exactly this size, whatever the X screen: GTK bounds a default size by
   * the monitor, and on a smaller screen (xvfb-run's default is 1280x1024)
   * every card would be laid out at another size, where a long one no longer
   * fits and the slide takes its slower path, searching on real layouts */
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_widget_set_size_request (GTK_WIDGET (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  /* the type follows the height, set once the window has it */
  lw_test_ui_iterate (100);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), ==, height);
  return window;
}

static void
close_window (LwProjectorWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
save_shot (LwProjectorWindow *window,
           const char        *name)
{
  const char *dir = g_getenv ("LW_TEST_SHOT_DIR");
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderNode *node;

  if (dir == NULL)
    return;
  node = lw_test_ui_snapshot_nodes (GTK_WIDGET (window));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

/* The smallest font size of a label, in pixels. */
static double
label_px (GtkWidget *label)
{
  PangoContext *context = gtk_widget_get_pango_context (label);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double size = pango_font_description_get_size (font) / (double) PANGO_SCALE;

  /* CSS pixels are given as absolute sizes */
  if (!pango_font_description_get_size_is_absolute (font))
    size = size * 96.0 / 72.0;
  return size;
}

static void
assert_slide_fits (LwProjectorWindow *window,
                   double             min_px,
                   gboolean           allow_cut,
                   const char        *where)
{
  LwSlide *slide = LW_SLIDE (_lw_projector_window_get_card_box (window));
  int width = gtk_widget_get_width (GTK_WIDGET (slide));
  int height = gtk_widget_get_height (GTK_WIDGET (slide));
  double heading = 0, body = G_MAXDOUBLE;

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  g_assert_cmpfloat (lw_slide_get_min_px (slide), >=, min_px - 0.5);
  for (guint i = 0; i < _lw_slide_get_n_paragraphs (slide); i++)
    {
      graphene_rect_t r;
      double px;
      gboolean cut;

      g_assert_true (_lw_slide_get_paragraph (slide, i, &r, &px, &cut));
      if (!allow_cut && cut)
        g_error ("%s: paragraph %u is cut short", where, i);
      if (cut)
        continue;
      if (px < min_px - 0.5)
        g_error ("%s: paragraph %u at %.1fpx, under %.1fpx", where, i, px, min_px);
      if (r.origin.x < 0 || r.origin.y < 0 ||
          r.origin.x + r.size.width > width + 0.5 || r.origin.y + r.size.height > height + 0.5)
        g_error ("%s: paragraph %u runs off the slide (%.0f,%.0f %.0fx%.0f in %dx%d)", where, i,
                 r.origin.x, r.origin.y, r.size.width, r.size.height, width, height);
      heading = MAX (heading, px);
      body = MIN (body, px);
    }
  /* the heading is larger than the rest */
  if (_lw_slide_get_n_paragraphs (slide) > 2 && heading > 0)
    g_assert_cmpfloat (heading, >, body);
}

static void
assert_labels_size (LwProjectorWindow *window,
                    double             min_px)
{
  GtkWidget *labels[] = {
    GTK_WIDGET (_lw_projector_window_get_timer_label (window)),
    GTK_WIDGET (_lw_projector_window_get_audience_label (window)),
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (gtk_widget_get_visible (labels[i]))
      g_assert_cmpfloat (label_px (labels[i]), >=, min_px - 0.5);
}

static void
walk (Fixture    *f,
      int         width,
      int         height,
      const char *room)
{
  LwProjectorWindow *window = open_window (f, width, height);
  double min_px = 48.0 * height / 1080.0;

  for (guint i = 0; i < f->n_items; i++)
    {
      g_autofree char *where = g_strdup_printf ("%dx%d, %s, item %u", width, height, room, i + 1);

      lw_projector_window_set_item (window, i);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      g_test_message ("%s: %u columns", where,
                      _lw_slide_get_n_columns (LW_SLIDE (_lw_projector_window_get_card_box (window))));
      if (g_getenv ("LW_TEST_SHOT_ALL"))
        {
          g_autofree char *all = g_strdup_printf ("all-%s-%dx%d-%02u.png", room, width, height, i + 1);

          save_shot (window, all);
        }
      assert_slide_fits (window, min_px, FALSE, where);
      assert_labels_size (window, min_px);
      if (i == 0 && g_getenv ("LW_TEST_SHOT_DIR"))
        {
          LwSlide *slide = LW_SLIDE (_lw_projector_window_get_card_box (window));

          for (guint p = 0; p < _lw_slide_get_n_paragraphs (slide); p++)
            {
              double px;

              _lw_slide_get_paragraph (slide, p, NULL, &px, NULL);
              g_printerr ("%s paragraph %u: %.1fpx\n", where, p, px);
            }
        }
      if (i == 0)
        {
          g_autofree char *name = g_strdup_printf ("projector-%s-%dx%d.png", room, width, height);

          save_shot (window, name);
        }
    }

  /* the overview fits too */
  lw_projector_window_set_showing_agenda (window, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  assert_slide_fits (window, min_px, FALSE, "agenda overview");
  {
    g_autofree char *name = g_strdup_printf ("projector-agenda-%s-%dx%d.png", room, width, height);

    save_shot (window, name);
  }
  close_window (window);
}

static void
test_sizes (Fixture       *f,
            gconstpointer  data)
{
  walk (f, 1920, 1080, "community");
  walk (f, 1280, 720, "community");
  lw_test_set_role_absent (f->store, f->meeting->id, LW_ROLE_COMMUNITY_REPRESENTATIVE, TRUE);
  walk (f, 1920, 1080, "staff");
  walk (f, 1280, 720, "staff");
}

/* A text far longer than any screen holds: cut short, never drawn outside. */
static void
test_overlong (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) matters = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  LwProjectorWindow *window;
  guint index = 0;

  lw_test_set_role_absent (f->store, f->meeting->id, LW_ROLE_COMMUNITY_REPRESENTATIVE, TRUE);
  while (long_text->len < 4000)
    g_string_append (long_text, "The prosecutor will hold the charge while treatment continues and review it at the next hearing. ");
  matters = lw_store_list (f->store, &lw_legal_matter_table, "participant_id", f->canary_id, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 6; i++)
    {
      g_autoptr(LwProsecutionNote) note = lw_prosecution_note_new ();

      note->legal_matter_id = ((LwLegalMatter *) g_ptr_array_index (matters, 0))->id;
      note->text = g_strdup (long_text->str);
      note->date = g_strdup ("2026-11-20");
      note->position = 0;
      g_assert_true (lw_store_insert (f->store, note, &error));
      g_assert_no_error (error);
    }
  {
    g_autoptr(GPtrArray) items = lw_agenda_list_items (f->store, f->meeting->id, &error);

    while (((LwAgendaItem *) g_ptr_array_index (items, index))->participant_id != f->canary_id)
      index++;
  }

  window = open_window (f, 1920, 1080);
  lw_projector_window_set_item (window, index);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  assert_slide_fits (window, 48.0 * MIN (1080, gtk_widget_get_height (GTK_WIDGET (window))) / 1080.0,
                     TRUE, "overlong");
  close_window (window);
}

static double
luminance (const GdkRGBA *c)
{
  double v[3] = { c->red, c->green, c->blue };

  for (int i = 0; i < 3; i++)
    v[i] = v[i] <= 0.04045 ? v[i] / 12.92 : pow ((v[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

static double
contrast (const GdkRGBA *a,
          const GdkRGBA *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static void
test_contrast (Fixture       *f,
               gconstpointer  data)
{
  LwProjectorWindow *window;
  GdkRGBA background = { 0x0b / 255.0f, 0x0b / 255.0f, 0x0b / 255.0f, 1 };

  for (int style = 0; style < LW_N_SLIDE_STYLES; style++)
    {
      GdkRGBA fg, bg;

      lw_slide_style_colors (style, &fg, &bg);
      g_test_message ("slide style %d: %.1f:1", style, contrast (&fg, &bg));
      g_assert_cmpfloat (contrast (&fg, &bg), >=, 7.0);
    }

  /* the header and footer, as drawn: their CSS colour on the window's */
  window = open_window (f, 1280, 720);
  {
    GtkWidget *labels[] = {
      GTK_WIDGET (_lw_projector_window_get_timer_label (window)),
      GTK_WIDGET (_lw_projector_window_get_audience_label (window)),
    };

    for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
      {
        GdkRGBA fg;

        G_GNUC_BEGIN_IGNORE_DEPRECATIONS
        gtk_style_context_get_color (gtk_widget_get_style_context (labels[i]), &fg);
        G_GNUC_END_IGNORE_DEPRECATIONS
        g_assert_cmpfloat (contrast (&fg, &background), >=, 7.0);
      }
  }
  /* the timer past its budget: white on its red */
  lw_projector_window_set_timer (window, 400, 300);
  {
    GdkRGBA fg, red = { 0x9b / 255.0f, 0x11 / 255.0f, 0x11 / 255.0f, 1 };

    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (_lw_projector_window_get_timer_label (window))), &fg);
    G_GNUC_END_IGNORE_DEPRECATIONS
    g_assert_cmpfloat (contrast (&fg, &red), >=, 7.0);
  }
  close_window (window);
}

static char *
window_text (LwProjectorWindow *window)
{
  GString *out = g_string_new (NULL);

  lw_test_ui_collect_text (GTK_WIDGET (window), out);
  return g_string_free (out, FALSE);
}

/* The overview and the break screen with a community representative in the
 * room: code and initials, never a name, a reason, a topic's title. */
static void
test_overview_and_break_redacted (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwRoomAgenda) agenda = NULL;
  g_autoptr(LwAgendaItem) topic = NULL;
  g_autofree char *text = NULL;
  g_autofree char *core_text = NULL;
  g_autofree char *detail = NULL;
  LwProjectorWindow *window;
  guint before;

  topic = lw_agenda_add_topic (f->store, f->meeting->id, "CANARY-topic-title", 300, &error);
  g_assert_no_error (error);

  agenda = lw_room_agenda_new (f->store, f->meeting->id, 0, &error);
  g_assert_no_error (error);
  g_assert_true (agenda->roles & LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE));
  g_assert_nonnull (strstr (agenda->redacted_for, "Community representative"));
  core_text = lw_room_agenda_to_text (agenda);
  g_assert_null (strstr (core_text, CANARY));
  g_assert_nonnull (strstr (core_text, "P-9998"));
  g_assert_cmpuint (((LwRoomAgendaLine *) g_ptr_array_index (agenda->lines, 0))->state, ==, LW_ROOM_ITEM_NOW);
  g_assert_cmpuint (((LwRoomAgendaLine *) g_ptr_array_index (agenda->lines, 1))->state, ==, LW_ROOM_ITEM_NEXT);

  window = open_window (f, 1280, 720);
  before = lw_test_count_audit_events (f->store, LW_AUDIT_PROJECTION, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "projector.toggle-agenda", NULL));
  g_assert_true (lw_projector_window_get_showing_agenda (window));
  /* shown, so recorded: ids and roles only */
  g_assert_cmpuint (lw_test_count_audit_events (f->store, LW_AUDIT_PROJECTION, &detail), ==, before + 1);
  g_assert_nonnull (strstr (detail, "item=agenda"));
  g_assert_null (strstr (detail, CANARY));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  text = window_text (window);
  g_assert_null (strstr (text, CANARY));
  g_assert_nonnull (strstr (text, "P-9998 · C."));
  g_assert_nonnull (strstr (text, "For: "));
  g_clear_pointer (&text, g_free);

  /* a guest community representative arrives while the overview is up: it
   * was already for them; a case manager's room would name the participant */
  lw_test_set_role_absent (f->store, f->meeting->id, LW_ROLE_COMMUNITY_REPRESENTATIVE, TRUE);
  lw_test_set_role_absent (f->store, f->meeting->id, LW_ROLE_EVALUATOR, TRUE);
  lw_projector_window_refresh_audience (window);
  text = window_text (window);
  g_assert_nonnull (strstr (text, CANARY "participant-preferred_name"));
  g_clear_pointer (&text, g_free);
  g_assert_nonnull (lw_agenda_add_guest (f->store, f->meeting->id, "Rene Guest", NULL,
                                         LW_ROLE_COMMUNITY_REPRESENTATIVE, &error));
  g_assert_no_error (error);
  lw_projector_window_refresh_audience (window);
  /* before the next frame */
  text = window_text (window);
  g_assert_null (strstr (text, CANARY));
  g_clear_pointer (&text, g_free);

  /* the break screen: the message, the meeting, nothing of an item */
  lw_projector_window_set_break (window, "Back at 10:45");
  g_assert_false (lw_projector_window_get_showing_agenda (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  text = window_text (window);
  g_assert_nonnull (strstr (text, "Back at 10:45"));
  g_assert_null (strstr (text, CANARY));
  g_assert_null (strstr (text, "P-"));
  assert_slide_fits (window, 48.0 * MIN (720, gtk_widget_get_height (GTK_WIDGET (window))) / 1080.0,
                     FALSE, "break");
  save_shot (window, "projector-break-1280x720.png");
  g_clear_pointer (&text, g_free);
  lw_projector_window_set_break (window, NULL);
  g_assert_null (lw_projector_window_get_break (window));
  close_window (window);
}

/* Action items show what the room may see of them: the owner and due date
 * always, the text only where the room sees the plan in full. */
static void
test_actions_at_room_level (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = lw_agenda_list_items (f->store, f->meeting->id, &error);
  g_autoptr(LwRoomCard) community = NULL;
  g_autoptr(LwRoomCard) staff = NULL;
  g_autofree char *community_text = NULL;
  guint index = 0;

  while (((LwAgendaItem *) g_ptr_array_index (items, index))->participant_id != f->canary_id)
    index++;
  community = lw_room_card_new_for_roles (f->store, f->meeting->id, index,
                                          LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE), NULL, &error);
  g_assert_no_error (error);
  staff = lw_room_card_new_for_roles (f->store, f->meeting->id, index,
                                      LW_ROLE_BIT (LW_ROLE_CASE_MANAGER), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (community->actions->len, ==, 1);
  g_assert_cmpuint (staff->actions->len, ==, 1);
  /* who and by when, for everyone; the text only for the plan at full */
  g_assert_nonnull (((LwRoomAction *) g_ptr_array_index (community->actions, 0))->owner);
  g_assert_nonnull (((LwRoomAction *) g_ptr_array_index (community->actions, 0))->due_text);
  g_assert_null (((LwRoomAction *) g_ptr_array_index (community->actions, 0))->text);
  g_assert_cmpstr (((LwRoomAction *) g_ptr_array_index (staff->actions, 0))->text, ==,
                   CANARY "action_item-text-" TAG);
  community_text = lw_room_card_to_text (community);
  g_assert_null (strstr (community_text, CANARY));
  g_assert_cmpstr (community->redacted_for, ==, "Community representative");
}


/* A new card shapes each paragraph twice (once for the search's estimates,
 * once at the size it settles on), however many sizes the search tries; an
 * allocation at the same size shapes nothing. */
static void
test_shapes_once (Fixture       *f,
                  gconstpointer  data)
{
  LwProjectorWindow *window = open_window (f, 1920, 1080);
  LwSlide *slide = LW_SLIDE (_lw_projector_window_get_card_box (window));

  for (guint i = 0; i < f->n_items; i++)
    {
      guint before = _lw_slide_get_n_shaped (slide);
      guint n;

      lw_projector_window_set_item (window, i);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      n = _lw_slide_get_n_paragraphs (slide);
      g_test_message ("item %u: %u paragraphs shaped %u times", i + 1, n,
                      _lw_slide_get_n_shaped (slide) - before);
      g_assert_cmpuint (_lw_slide_get_n_shaped (slide) - before, <=, 2 * n);

      before = _lw_slide_get_n_shaped (slide);
      gtk_widget_queue_resize (GTK_WIDGET (slide));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      g_assert_cmpuint (_lw_slide_get_n_shaped (slide), ==, before);
    }
  close_window (window);
}

typedef struct
{
  graphene_rect_t bounds;
  double          px;
  gboolean        cut;
} Placed;

static GArray *
placed_paragraphs (LwSlide *slide)
{
  GArray *placed = g_array_new (FALSE, TRUE, sizeof (Placed));

  for (guint i = 0; i < _lw_slide_get_n_paragraphs (slide); i++)
    {
      Placed p;

      g_assert_true (_lw_slide_get_paragraph (slide, i, &p.bounds, &p.px, &p.cut));
      g_array_append_val (placed, p);
    }
  return placed;
}

/* Once a card is laid out, every style's font is loaded at the four sizes
 * either side of it while the main loop is idle; that changes nothing drawn
 * (a card laid out first and laid out again after every other card and its
 * loading are the same), a window resized loads nothing (only a new card
 * does), it stops when the projector is hidden, and a window
 * closed while it is pending leaves nothing behind (the idle holds no
 * pointer to a finalized slide: AddressSanitizer would say so). */
static void
test_fonts_ahead (Fixture       *f,
                  gconstpointer  data)
{
  LwProjectorWindow *window = open_window (f, 1920, 1080);
  LwSlide *slide = LW_SLIDE (_lw_projector_window_get_card_box (window));
  g_autoptr(GArray) first = NULL;
  g_autoptr(GArray) again = NULL;
  guint last = f->n_items - 1;
  guint n_loaded;

  g_assert_cmpuint (f->n_items, >=, 2);
  lw_projector_window_set_item (window, last);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  first = placed_paragraphs (slide);
  g_assert_cmpuint (first->len, >, 0);

  for (guint i = 0; i < f->n_items; i++)
    {
      lw_projector_window_set_item (window, i);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      while (_lw_slide_is_warming (slide))
        g_main_context_iteration (NULL, TRUE);
      for (LwSlideStyle style = 0; style < LW_N_SLIDE_STYLES; style++)
        for (int steps = -4; steps <= 4; steps++)
          if (steps != 0 && !_lw_slide_is_loaded (slide, style, steps))
            g_error ("item %u: style %u not loaded %d steps from the card's size", i, style, steps);
    }

  lw_projector_window_set_item (window, last);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  again = placed_paragraphs (slide);
  g_assert_cmpuint (again->len, ==, first->len);
  for (guint i = 0; i < first->len; i++)
    {
      Placed *a = &g_array_index (first, Placed, i), *b = &g_array_index (again, Placed, i);

      g_assert_cmpfloat (a->px, ==, b->px);
      g_assert_true (graphene_rect_equal (&a->bounds, &b->bounds));
      g_assert_cmpint (a->cut, ==, b->cut);
    }

  /* a window resized loads nothing: only a new card does */
  while (_lw_slide_is_warming (slide))
    g_main_context_iteration (NULL, TRUE);
  n_loaded = _lw_slide_get_n_loaded (slide);
  gtk_widget_set_size_request (GTK_WIDGET (window), 1280, 720);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  lw_test_ui_iterate (100);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  while (_lw_slide_is_warming (slide))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), ==, 720);
  /* the type changed with the height: none of the card's new neighbours
   * (one of a step either side is on the ladder) */
  g_assert_false (_lw_slide_is_loaded (slide, LW_SLIDE_TEXT, 1) && _lw_slide_is_loaded (slide, LW_SLIDE_TEXT, -1));
  g_assert_cmpuint (_lw_slide_get_n_loaded (slide), <=, n_loaded);

  /* hidden: nothing loads */
  lw_projector_window_set_item (window, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (_lw_slide_is_warming (slide));
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  g_assert_false (_lw_slide_is_warming (slide));

  /* closed with loading pending */
  gtk_widget_set_visible (GTK_WIDGET (window), TRUE);
  lw_projector_window_set_item (window, 1);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (_lw_slide_is_warming (slide));
  close_window (window);
  lw_test_ui_iterate (50);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* ----------------------------------------------------------------------------
 * Measuring Page Down (not a timed test: run on request)
 */

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
process_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* The frame clocks of the presenter's and the projector's windows: when each
 * has painted since the watch was armed. */
typedef struct
{
  GdkFrameClock *clocks[2];
  gulong         handlers[2];
  gboolean       painted[2];
  gint64         painted_at[2];
} PaintWatch;

static void
after_paint_cb (GdkFrameClock *clock,
                PaintWatch    *watch)
{
  for (guint i = 0; i < 2; i++)
    if (watch->clocks[i] == clock && !watch->painted[i])
      {
        watch->painted[i] = TRUE;
        watch->painted_at[i] = g_get_monotonic_time ();
      }
}

static gboolean
not_both_painted (gpointer data)
{
  PaintWatch *watch = data;

  return !watch->painted[0] || !watch->painted[1];
}

static void
paint_watch_init (PaintWatch *watch,
                  GtkWidget  *first,
                  GtkWidget  *second)
{
  GtkWidget *windows[2] = { first, second };

  for (guint i = 0; i < 2; i++)
    {
      watch->clocks[i] = gtk_widget_get_frame_clock (windows[i]);
      g_assert_nonnull (watch->clocks[i]);
      watch->handlers[i] = g_signal_connect (watch->clocks[i], "after-paint", G_CALLBACK (after_paint_cb), watch);
    }
}

static void
paint_watch_clear (PaintWatch *watch)
{
  for (guint i = 0; i < 2; i++)
    g_clear_signal_handler (&watch->handlers[i], watch->clocks[i]);
}

typedef struct
{
  GArray *frame;       /* ms from the action to the frame after which both windows painted */
  GArray *handler;     /* ms in the action itself */
  GArray *cpu;         /* ms of the main thread's CPU time, action to both painted */
  GArray *process_cpu; /* ms of the whole process's CPU time (the renderer's threads too) */
  GArray *block;       /* ms of the longest main-loop turn: the handler, or one window's frame */
} Figures;

/* The longest the main loop did not come round to a 1 ms beat. */
static struct
{
  guint  source;
  gint64 last;
  gint64 max_gap;
} beat;

static gboolean
beat_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  beat.max_gap = MAX (beat.max_gap, now - beat.last);
  beat.last = now;
  return G_SOURCE_CONTINUE;
}

static void
beat_start (void)
{
  beat.last = g_get_monotonic_time ();
  beat.max_gap = 0;
  beat.source = g_timeout_add_full (G_PRIORITY_HIGH, 1, beat_cb, NULL, NULL);
}

/* ms */
static double
beat_stop (void)
{
  beat_cb (NULL);
  g_clear_handle_id (&beat.source, g_source_remove);
  return beat.max_gap / 1000.0;
}

static void
figures_init (Figures *f)
{
  f->frame = g_array_new (FALSE, FALSE, sizeof (double));
  f->handler = g_array_new (FALSE, FALSE, sizeof (double));
  f->cpu = g_array_new (FALSE, FALSE, sizeof (double));
  f->process_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  f->block = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
figures_clear (Figures *f)
{
  g_array_unref (f->frame);
  g_array_unref (f->handler);
  g_array_unref (f->cpu);
  g_array_unref (f->process_cpu);
  g_array_unref (f->block);
}

static void
print_figure (const char *what,
              GArray     *values)
{
  g_array_sort (values, compare_double);
  g_printerr ("  %-44s median %7.1f ms  (%.1f to %.1f) over %u\n", what,
              g_array_index (values, double, values->len / 2),
              g_array_index (values, double, 0),
              g_array_index (values, double, values->len - 1), values->len);
}

static void
figures_print (const char *title,
               Figures    *f)
{
  g_printerr ("%s\n", title);
  print_figure ("action to both windows painted (wall)", f->frame);
  print_figure ("in the action handler (wall)", f->handler);
  print_figure ("main thread CPU, action to both painted", f->cpu);
  print_figure ("process CPU (renderer threads too)", f->process_cpu);
  print_figure ("longest main-loop turn (the action or a frame)", f->block);
}

/* A bare libadwaita window of the same size, with two pages to switch
 * between: the floor of a frame whose content all changed. */
static GtkWidget *
bare_window_new (int         width,
                 int         height,
                 const char *title)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *stack = gtk_stack_new ();
  static const char * const icons[] = { "x-office-calendar-symbolic", "system-users-symbolic" };

  for (int i = 0; i < 2; i++)
    {
      GtkWidget *page = adw_status_page_new ();
      g_autofree char *name = g_strdup_printf ("page%d", i);
      g_autofree char *description = g_strdup_printf ("%s, page %d of two, with a line of text as long as a "
                                                      "value of a participant's card", title, i + 1);

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), icons[i]);
      adw_status_page_set_title (ADW_STATUS_PAGE (page), i == 0 ? title : name);
      adw_status_page_set_description (ADW_STATUS_PAGE (page), description);
      gtk_stack_add_named (GTK_STACK (stack), page, name);
    }
  adw_window_set_content (ADW_WINDOW (window), stack);
  g_object_set_data (G_OBJECT (window), "lw-stack", stack);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
bare_window_switch (GtkWidget *window)
{
  GtkStack *stack = g_object_get_data (G_OBJECT (window), "lw-stack");

  gtk_stack_set_visible_child_name (stack, g_str_equal (gtk_stack_get_visible_child_name (stack), "page0")
                                           ? "page1" : "page0");
}

/* One step: action; NULL: only both windows queued for drawing (the floor
 * of drawing them again), or with switch_pages, both bare windows' pages
 * switched; then the main loop until both windows have painted. */
static void
measure_step_full (PaintWatch *watch,
                   GtkWidget  *presenter,
                   const char *action,
                   gboolean    switch_pages,
                   GtkWidget  *main_window,
                   GtkWidget  *projector,
                   Figures    *figures)
{
  gint64 start, handled, done;
  double cpu_start = thread_cpu_ms (), process_start = process_cpu_ms ();
  double ms;

  beat_start ();
  start = g_get_monotonic_time ();
  if (action != NULL)
    g_assert_true (gtk_widget_activate_action (presenter, action, NULL));
  else if (switch_pages)
    {
      bare_window_switch (main_window);
      bare_window_switch (projector);
    }
  else
    {
      gtk_widget_queue_draw (main_window);
      gtk_widget_queue_draw (projector);
    }
  handled = g_get_monotonic_time ();
  /* no frame runs inside the handler: the next paint of each shows the step */
  watch->painted[0] = watch->painted[1] = FALSE;
  lw_test_ui_wait_while (not_both_painted, watch, 30);
  g_assert_false (not_both_painted (watch));
  ms = beat_stop ();
  g_array_append_val (figures->block, ms);
  done = MAX (watch->painted_at[0], watch->painted_at[1]);
  ms = (done - start) / 1000.0;
  g_array_append_val (figures->frame, ms);
  ms = (handled - start) / 1000.0;
  g_array_append_val (figures->handler, ms);
  ms = thread_cpu_ms () - cpu_start;
  g_array_append_val (figures->cpu, ms);
  ms = process_cpu_ms () - process_start;
  g_array_append_val (figures->process_cpu, ms);
}

static void
measure_step (PaintWatch *watch,
              GtkWidget  *presenter,
              const char *action,
              GtkWidget  *main_window,
              GtkWidget  *projector,
              Figures    *figures)
{
  measure_step_full (watch, presenter, action, FALSE, main_window, projector, figures);
}

/* Apart, so that a profiler can collect one kind of step alone
 * (valgrind --tool=callgrind --toggle-collect=page_down_step). */
static G_GNUC_NO_INLINE void
page_down_step (PaintWatch *watch,
                GtkWidget  *presenter,
                GtkWidget  *main_window,
                GtkWidget  *projector,
                Figures    *figures)
{
  measure_step (watch, presenter, "presenter.next", main_window, projector, figures);
}

static G_GNUC_NO_INLINE void
floor_step (PaintWatch *watch,
            GtkWidget  *presenter,
            GtkWidget  *main_window,
            GtkWidget  *projector,
            Figures    *figures)
{
  measure_step (watch, presenter, NULL, main_window, projector, figures);
}

/* Opens the next meeting in meeting mode: the call's milliseconds into ms,
 * the longest main-loop turn until the window has drawn it into block. */
static G_GNUC_NO_INLINE GtkWidget *
open_meeting_mode (LwWindow *main_window,
                   double   *ms,
                   double   *block)
{
  GtkWidget *main_page = _lw_window_get_main_page (main_window);
  gint64 start;

  beat_start ();
  start = g_get_monotonic_time ();
  g_assert_true (lw_main_page_present_meeting (LW_MAIN_PAGE (main_page), "next"));
  *ms = (g_get_monotonic_time () - start) / 1000.0;
  gtk_test_widget_wait_for_draw (GTK_WIDGET (main_window));
  *block = beat_stop ();
  return _lw_meetings_page_get_presenter (LW_MEETINGS_PAGE (lw_main_page_get_meetings_page (LW_MAIN_PAGE (main_page))));
}

/* F5 in meeting mode, the projector at 1920x1080; as above. */
static G_GNUC_NO_INLINE LwProjectorWindow *
open_projector_window (LwWindow  *main_window,
                       GtkWidget *presenter,
                       double    *ms,
                       double    *block)
{
  LwProjectorWindow *projector;
  gint64 start;

  beat_start ();
  start = g_get_monotonic_time ();
  gtk_widget_activate_action (presenter, "presenter.toggle-projector", NULL);
  *ms = (g_get_monotonic_time () - start) / 1000.0;
  projector = _lw_presenter_get_projector (LW_PRESENTER (presenter));
  gtk_window_set_default_size (GTK_WINDOW (projector), 1920, 1080);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (projector));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (main_window));
  *block = beat_stop ();
  return projector;
}

static char *
filler_text (GRand      *rand,
             const char *what,
             int         i)
{
  return g_strdup_printf ("%s %d — synthetic filler text %08x", what, i, g_rand_int (rand));
}

static LwStore *
open_copy (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);
  LwStore *store;

  g_assert_true (g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  store = lw_store_open (to, &error);
  g_assert_no_error (error);
  g_assert_true (lw_store_unlock (store, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), &error));
  g_assert_no_error (error);
  return store;
}

/* The demo of n participants, topped up to the reference load of DESIGN.md
 * (for n = 10,000: 100,000 contacts, 500 meetings, 20,000 action items) as
 * tests/benchmark.c makes it.  With LW_MEASURE_KEEP=FILE, made once into FILE
 * and measured on a copy of it (a profiler need not make it again). */
static LwStore *
reference_store_new (const char *dir,
                     guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GArray) meetings = g_array_new (FALSE, FALSE, sizeof (LwId));
  g_autofree char *path = g_build_filename (dir, "reference.lwdb", NULL);
  const char *keep = g_getenv ("LW_MEASURE_KEEP");
  LwStore *store;
  gint64 contacts, n_meetings, actions;
  LwId staff;
  gint64 start = g_get_monotonic_time ();

  if (keep != NULL && g_file_test (keep, G_FILE_TEST_EXISTS))
    return open_copy (keep, path);
  store = lw_test_store_new (dir, "reference.lwdb");

  g_assert_true (lw_demo_generate (store, n, 1, &error));
  g_assert_no_error (error);
  people = lw_store_list (store, &lw_person_table, NULL, 0, &error);
  g_assert_no_error (error);
  staff = ((LwPerson *) g_ptr_array_index (people, 0))->id;
  contacts = lw_store_count (store, &lw_contact_table, &error);
  n_meetings = lw_store_count (store, &lw_meeting_table, &error);
  actions = lw_store_count (store, &lw_action_item_table, &error);
  g_assert_no_error (error);

  g_assert_true (lw_store_begin (store, &error));
  for (gint64 i = contacts; i < (gint64) n * 10; i++)
    {
      g_autoptr(LwContact) c = lw_contact_new ();

      c->participant_id = 1 + i % n;
      c->date = g_strdup ("2026-10-15");
      c->kind = (int) (i % LW_N_CONTACT_KINDS);
      c->staff_id = staff;
      c->note = filler_text (rand, "Care note", (int) i);
      g_assert_true (lw_store_insert (store, c, &error));
    }
  for (gint64 i = n_meetings; i < 500; i++)
    {
      g_autoptr(LwMeeting) m = lw_meeting_new ();

      m->date = lw_date_add_days ("2006-01-02", (int) i * 14);
      m->place = g_strdup ("Room 204");
      m->length_minutes = 90;
      m->status = LW_MEETING_CLOSED;
      g_assert_true (lw_store_insert (store, m, &error));
      g_array_append_val (meetings, m->id);
    }
  for (gint64 i = actions; i < (gint64) n * 2; i++)
    {
      g_autoptr(LwActionItem) a = lw_action_item_new ();

      a->text = filler_text (rand, "Action", (int) i);
      a->owner_id = staff;
      a->participant_id = 1 + i % n;
      if (meetings->len > 0)
        a->meeting_id = g_array_index (meetings, LwId, i % meetings->len);
      a->due_date = g_strdup ("2026-12-01");
      g_assert_true (lw_store_insert (store, a, &error));
    }
  g_assert_true (lw_store_commit (store, &error));
  g_assert_no_error (error);
  g_printerr ("reference load: %u participants, %" G_GINT64_FORMAT " contacts, %" G_GINT64_FORMAT
              " meetings, %" G_GINT64_FORMAT " action items, made in %.1f s\n", n,
              lw_store_count (store, &lw_contact_table, NULL), lw_store_count (store, &lw_meeting_table, NULL),
              lw_store_count (store, &lw_action_item_table, NULL),
              (g_get_monotonic_time () - start) / 1e6);
  if (keep != NULL)
    {
      g_autoptr(GFile) made = g_file_new_for_path (path);
      g_autoptr(GFile) kept = g_file_new_for_path (keep);

      lw_store_free (store);
      g_assert_true (g_file_copy (made, kept, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      return open_copy (keep, path);
    }
  return store;
}

/* With LW_MEASURE_PAGE_DOWN set, prints how long Page Down takes until the
 * presenter and the projector have both painted (each window's frame clock
 * says when), beside the floor measured in the same run: both windows drawn
 * again with nothing changed.  LW_MEASURE_PARTICIPANTS=N measures on the demo
 * of N participants topped up to the reference load instead of the fixture's;
 * LW_MEASURE_ROUNDS=R goes through the agenda R times (Page Up back to the
 * start between rounds, not counted). */
static void
test_page_down_time (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LwWindow *main_window;
  GtkWidget *presenter;
  LwProjectorWindow *projector;
  LwStore *store = f->store;
  LwStore *reference = NULL;
  g_autoptr(LwMeeting) meeting = NULL;
  g_autoptr(GPtrArray) items = NULL;
  const char *participants = g_getenv ("LW_MEASURE_PARTICIPANTS");
  const char *rounds_env = g_getenv ("LW_MEASURE_ROUNDS");
  guint rounds = rounds_env ? (guint) MAX (1, atoi (rounds_env)) : 1;
  PaintWatch watch = { 0, };
  Figures steps, floor, bare;
  double open_meeting, open_meeting_block, open_projector, open_projector_block;

  if (g_getenv ("LW_MEASURE_PAGE_DOWN") == NULL)
    {
      g_test_skip ("set LW_MEASURE_PAGE_DOWN to measure");
      return;
    }
  if (participants != NULL)
    store = reference = reference_store_new (f->dir, (guint) atoi (participants));
  meeting = lw_agenda_resolve_meeting (store, "next", &error);
  g_assert_no_error (error);
  items = lw_agenda_list_items (store, meeting->id, &error);
  g_assert_no_error (error);
  lw_test_set_role_absent (store, meeting->id, LW_ROLE_COMMUNITY_REPRESENTATIVE, TRUE);

  main_window = lw_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (main_window), 1920, 1080);
  /* a profiler is slow: no idle lock while it measures */
  _lw_window_set_idle_lock_seconds (main_window, 24 * 3600);
  lw_window_set_store (main_window, store, FALSE);
  gtk_window_present (GTK_WINDOW (main_window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (main_window));
  lw_test_ui_iterate (300);
  /* meeting mode opens, then the projector */
  presenter = open_meeting_mode (main_window, &open_meeting, &open_meeting_block);
  lw_test_ui_iterate (300);
  projector = open_projector_window (main_window, presenter, &open_projector, &open_projector_block);
  lw_test_ui_iterate (300);

  paint_watch_init (&watch, GTK_WIDGET (main_window), GTK_WIDGET (projector));
  figures_init (&steps);
  figures_init (&floor);
  for (guint r = 0; r < rounds; r++)
    {
      if (r > 0)
        for (guint i = 0; i + 1 < items->len; i++)
          g_assert_true (gtk_widget_activate_action (presenter, "presenter.previous", NULL));
      for (guint i = 0; i + 1 < items->len; i++)
        {
          /* nothing pending from before */
          lw_test_ui_iterate (50);
          page_down_step (&watch, presenter, GTK_WIDGET (main_window), GTK_WIDGET (projector), &steps);
          lw_test_ui_iterate (50);
          floor_step (&watch, presenter, GTK_WIDGET (main_window), GTK_WIDGET (projector), &floor);
        }
    }
  paint_watch_clear (&watch);

  /* the floor of a frame whose content changed: two bare windows of the same
   * sizes, over the app's (which are not drawn while covered) */
  {
    GtkWidget *bare_main = bare_window_new (gtk_widget_get_width (GTK_WIDGET (main_window)),
                                            gtk_widget_get_height (GTK_WIDGET (main_window)), "Presenter");
    GtkWidget *bare_projector = bare_window_new (gtk_widget_get_width (GTK_WIDGET (projector)),
                                                 gtk_widget_get_height (GTK_WIDGET (projector)), "Projector");
    PaintWatch bare_watch = { 0, };

    gtk_test_widget_wait_for_draw (bare_main);
    gtk_test_widget_wait_for_draw (bare_projector);
    lw_test_ui_iterate (300);
    paint_watch_init (&bare_watch, bare_main, bare_projector);
    figures_init (&bare);
    for (guint i = 0; i < steps.frame->len; i++)
      {
        lw_test_ui_iterate (50);
        measure_step_full (&bare_watch, NULL, NULL, TRUE, bare_main, bare_projector, &bare);
      }
    paint_watch_clear (&bare_watch);
    gtk_window_destroy (GTK_WINDOW (bare_main));
    gtk_window_destroy (GTK_WINDOW (bare_projector));
  }

  g_printerr ("Page Down at %dx%d and %dx%d, %u agenda items, %s, GSK_RENDERER=%s:\n",
              gtk_widget_get_width (GTK_WIDGET (main_window)), gtk_widget_get_height (GTK_WIDGET (main_window)),
              gtk_widget_get_width (GTK_WIDGET (projector)), gtk_widget_get_height (GTK_WIDGET (projector)),
              items->len, participants ? "reference load" : "demo load",
              g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "(default)");
  g_printerr ("Opening meeting mode: %.1f ms in the call, longest main-loop turn until drawn %.1f ms\n"
              "Opening the projector: %.1f ms in the call, longest main-loop turn until both drawn %.1f ms\n",
              open_meeting, open_meeting_block, open_projector, open_projector_block);
  figures_print ("Page Down, presenter and projector both painted:", &steps);
  figures_print ("Floor: both windows drawn again, nothing changed:", &floor);
  figures_print ("Floor: two bare windows of those sizes, a page switch in each:", &bare);
  figures_clear (&steps);
  figures_clear (&floor);
  figures_clear (&bare);

  g_object_ref (main_window);
  gtk_window_destroy (GTK_WINDOW (main_window));
  g_assert_finalize_object (main_window);
  g_clear_pointer (&reference, lw_store_free);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const paths[] = {
    "/lw/projector-layout/sizes",
    "/lw/projector-layout/overlong",
    "/lw/projector-layout/contrast",
    "/lw/projector-layout/overview-and-break-redacted",
    "/lw/projector-layout/actions-at-room-level",
    "/lw/projector-layout/page-down-time",
    "/lw/projector-layout/shapes-once",
    "/lw/projector-layout/fonts-ahead",
  };

  if (!lw_test_ui_init (&argc, &argv, paths, G_N_ELEMENTS (paths)))
    return g_test_run ();

#define ADD(i, func) g_test_add (paths[i], Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD (0, test_sizes);
  ADD (1, test_overlong);
  ADD (2, test_contrast);
  ADD (3, test_overview_and_break_redacted);
  ADD (4, test_actions_at_room_level);
  ADD (5, test_page_down_time);
  ADD (6, test_shapes_once);
  ADD (7, test_fonts_ahead);
#undef ADD

  return g_test_run ();
}
