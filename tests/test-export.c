/* test-export.c: minutes, handouts, action lists and the roster, redacted for
 * every role; files written whole or not at all
 *
 * Minutes of every closed meeting of a demo program, plus a meeting about a
 * participant whose every column holds a canary, are written for every role as
 * PDF (read back with pdftotext) and as Markdown (read directly).  For each
 * participant discussed, a value of a category the audience may not see in full
 * must not appear; what it may see must; and the 42 CFR Part 2 notice must be on
 * exactly the pages (PDF) and sections (Markdown) that carry substance-use
 * information.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <csv.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "lw/lw-agenda.h"
#include "lw/lw-audit.h"
#include "lw/lw-demo.h"
#include "lw/lw-error.h"
#include "lw/lw-export.h"
#include "lw/lw-i18n.h"
#include "lw/lw-model.h"
#include "lw/lw-import.h"
#include "lw/lw-policy.h"
#include "lw-test-util.h"

#define TAG "cx"
#define NOTICE_MARK "Noticeofprohibitiononredisclosure"

typedef struct
{
  char       *dir;
  LwStore    *store;
  GHashTable *ids;              /* table name -> id of the canary rows */
  LwId        canary_meeting;
  LwId        canary_participant;
} Fixture;

static LwId
canary_id (Fixture    *f,
           const char *table)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (f->ids, table));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAgendaItem) item = lw_agenda_item_new ();

  f->dir = lw_test_tmpdir ();
  f->store = lw_test_store_new (f->dir, "program.lwdb");
  lw_demo_generate (f->store, 24, 7, &error);
  g_assert_no_error (error);

  /* one row in every table, every column a canary; the meeting is closed */
  f->ids = lw_test_fill_every_table (f->store, TAG);
  f->canary_meeting = canary_id (f, "meeting");
  f->canary_participant = canary_id (f, "participant");

  /* the canary participant discussed at the canary meeting */
  item->meeting_id = f->canary_meeting;
  item->position = 1;
  item->kind = LW_ITEM_PARTICIPANT;
  item->participant_id = f->canary_participant;
  item->reasons = g_strdup ("new-referral,court-date-soon,action-items-due");
  item->time_budget = 300;
  item->started_at = G_GINT64_CONSTANT (1764000000) * G_USEC_PER_SEC;
  item->ended_at = item->started_at + 300 * G_USEC_PER_SEC;
  item->notes = g_strdup ("CANARY-item-notes-" TAG);
  item->outcome = g_strdup ("CANARY-item-outcome-" TAG);
  lw_store_insert (f->store, item, &error);
  g_assert_no_error (error);
}

/* An action item marked as concerning treatment, owned by the staff of a
 * substance-use treatment program, agreed at the canary item; Markdown text of
 * the canary meeting's minutes for an audience. */
static char *
marked_minutes (Fixture    *f,
                const char *audience_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAudience) audience = lw_audience_parse (audience_text, &error);
  g_autofree char *path = g_build_filename (f->dir, "marked.md", NULL);
  char *text = NULL;

  g_assert_no_error (error);
  g_assert_true (lw_export_minutes (f->store, f->canary_meeting, audience, path, LW_PAPER_A4, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_unlink (path);
  return text;
}

static guint
count_of (const char *text,
          const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* The roster in Spanish: labels for headers, the notice under its label; and
 * a file headed in Spanish (or by English labels) reads back as the import
 * format does, the notice column ignored. */
static void
test_roster_spanish (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAudience) cm = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_CASE_MANAGER));
  g_autofree char *path = g_build_filename (f->dir, "roster-es.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(LwImportResult) spanish = NULL;
  g_autoptr(LwImportResult) english = NULL;
  static const char spanish_csv[] =
    "Código,Nombre legal,Vía de remisión,Estado,Aviso de prohibición de redivulgación (42 CFR 2.32)\r\n"
    "P-7001,Alex Sample,social-contact,active,ignored\r\n";
  static const char english_csv[] =
    "Code,Legal name,Referral route,Status,part2_notice\r\n"
    "P-7002,Bo Sample,arrest-diversion,referred,\r\n";

  g_assert_true (lw_export_participants_csv_in (f->store, cm, path, "es", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "Código,Nombre legal,"));
  {
    g_autofree char *header = g_strndup (text, strcspn (text, "\r\n"));

    /* no column name of the import format, and the notice under its label */
    g_assert_null (strstr (header, "legal_name"));
    g_assert_null (strstr (header, "part2_notice"));
    g_assert_nonnull (strstr (header, "Aviso de prohibición de redivulgación (42 CFR 2.32)"));
  }
  /* the app's own language is left as it was */
  g_assert_cmpstr (lw_i18n_get_current (), ==, "en");

  spanish = lw_import_participants_from_data (f->store, spanish_csv, strlen (spanish_csv), TRUE, &error);
  g_assert_no_error (error);
  if (spanish->problems->len > 0)
    g_error ("a Spanish header was refused: %s", ((LwImportProblem *) g_ptr_array_index (spanish->problems, 0))->message);
  g_assert_cmpuint (spanish->n_rows, ==, 1);
  english = lw_import_participants_from_data (f->store, english_csv, strlen (english_csv), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (english->problems->len, ==, 0);
}

static void
test_marked_action (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = lw_agenda_list_items (f->store, f->canary_meeting, &error);
  g_autoptr(LwPerson) detox = lw_person_new ();
  g_autoptr(LwActionItem) action = lw_action_item_new ();
  g_autofree char *police = NULL;
  g_autofree char *provider = NULL;
  g_autofree char *care = NULL;
  LwId item_id = 0;

  g_assert_no_error (error);
  /* the item of the fixture, where nothing else was agreed */
  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (((LwAgendaItem *) g_ptr_array_index (items, i))->notes, "CANARY-item-notes-" TAG) == 0)
      item_id = ((LwAgendaItem *) g_ptr_array_index (items, i))->id;
  g_assert_cmpint (item_id, !=, 0);

  detox->name = g_strdup ("CANARY-detox-staff-name");
  detox->agency = g_strdup ("Harbor Detox Center");
  detox->role = LW_ROLE_SERVICE_PROVIDER;
  detox->active = TRUE;
  g_assert_true (lw_store_insert (f->store, detox, &error));
  g_assert_true (lw_policy_set_agency_part2 (f->store, "harbor detox center", TRUE, "detox", &error));
  action->text = g_strdup ("CANARY-hold-a-methadone-slot");
  action->owner_id = LW_RECORD (detox)->id;
  action->participant_id = f->canary_participant;
  action->meeting_id = f->canary_meeting;
  action->agenda_item_id = item_id;
  action->status = LW_ACTION_OPEN;
  action->concerns = LW_CONCERNS_TREATMENT;
  g_assert_true (lw_store_insert (f->store, action, &error));
  g_assert_no_error (error);

  /* a service provider with no release, the police: not the item, not its
   * owner, and so no notice for it */
  provider = marked_minutes (f, "service-provider");
  police = marked_minutes (f, "police-officer");
  for (guint i = 0; i < 2; i++)
    {
      const char *text = i == 0 ? provider : police;

      g_assert_null (strstr (text, "CANARY-hold-a-methadone-slot"));
      g_assert_null (strstr (text, "CANARY-detox-staff-name"));
      g_assert_null (strstr (text, "42 CFR part 2"));
    }
  /* the care team: the item, its owner by name, and the redisclosure notice */
  care = marked_minutes (f, "case-manager");
  /* and where nothing agreed may be seen, not even the heading */
  g_assert_cmpuint (count_of (care, "Action items agreed"), ==, count_of (provider, "Action items agreed") + 1);
  g_assert_nonnull (strstr (care, "CANARY-hold-a-methadone-slot"));
  g_assert_nonnull (strstr (care, "CANARY-detox-staff-name"));
  g_assert_nonnull (strstr (care, "42 CFR part 2"));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->store, lw_store_free);
  g_clear_pointer (&f->ids, g_hash_table_unref);
  lw_test_tmpdir_remove (f->dir);
  g_free (f->dir);
}

/* ----------------------------------------------------------------------------
 * Reading the output back
 */

/* NFKC, no whitespace, no hyphens (pdftotext joins a word broken after a hyphen
 * at the end of a line and drops the hyphen), no Markdown escapes: line breaks
 * and wrapping in either format cannot hide a value from the search. */
static char *
squash (const char *text,
        gboolean    markdown)
{
  g_autofree char *norm = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  GString *s = g_string_new (NULL);

  if (norm == NULL)
    g_error ("not UTF-8");
  for (const char *c = norm; c != NULL && *c; c = g_utf8_next_char (c))
    {
      gunichar u = g_utf8_get_char (c);

      if (g_unichar_isspace (u) || u == '-' || u == 0x2010 || (markdown && u == '\\'))
        continue;
      g_string_append_unichar (s, u);
    }
  return g_string_free (s, FALSE);
}

static gboolean
contains (const char *haystack,
          const char *value)
{
  g_autofree char *needle = squash (value, FALSE);

  return *needle != '\0' && strstr (haystack, needle) != NULL;
}

static GPtrArray *
run_pdftotext (const char *path,
               double      crop_height)
{
  const char *tool = g_getenv ("LW_PDFTOTEXT");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *found = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) pages = NULL;
  GPtrArray *result;

  if (tool == NULL)
    tool = found = g_find_program_in_path ("pdftotext");
  if (tool == NULL)
    return NULL;
  g_ptr_array_add (argv, g_strdup (tool));
  g_ptr_array_add (argv, g_strdup ("-enc"));
  g_ptr_array_add (argv, g_strdup ("UTF-8"));
  if (crop_height > 0)
    {
      /* the page between the running header and the footer */
      g_ptr_array_add (argv, g_strdup ("-x"));
      g_ptr_array_add (argv, g_strdup ("0"));
      g_ptr_array_add (argv, g_strdup ("-y"));
      g_ptr_array_add (argv, g_strdup ("72"));
      g_ptr_array_add (argv, g_strdup ("-W"));
      g_ptr_array_add (argv, g_strdup ("700"));
      g_ptr_array_add (argv, g_strdup ("-H"));
      g_ptr_array_add (argv, g_strdup_printf ("%d", (int) crop_height));
    }
  g_ptr_array_add (argv, g_strdup (path));
  g_ptr_array_add (argv, g_strdup ("-"));
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));
  pages = g_strsplit (out, "\f", -1);
  result = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; pages[i] != NULL; i++)
    {
      /* pdftotext ends the last page with a form feed too */
      if (pages[i + 1] == NULL && g_strstrip (pages[i])[0] == '\0')
        break;
      g_ptr_array_add (result, squash (pages[i], FALSE));
    }
  return result;
}

/* The pages of a PDF as text, or NULL when pdftotext is not available. */
static GPtrArray *
pdf_pages (const char *path)
{
  return run_pdftotext (path, 0);
}

static void
remove_all (GString    *s,
            const char *needle)
{
  gsize len = strlen (needle);
  char *at;

  while (len > 0 && (at = strstr (s->str, needle)) != NULL)
    g_string_erase (s, at - s->str, len);
}

/* The content of every page, without running header, footer and notice, in one
 * string: a value that runs onto the next page reads as one. */
static char *
pdf_content (const char *path,
             LwPaper     paper)
{
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *notice = squash (lw_policy_part2_notice (), FALSE);
  double width, height;
  GString *s;

  lw_paper_get_size (paper, &width, &height);
  /* from below the running header to the footer: the layout keeps the body
   * above the bottom margin (36 pt) and the footer (22 pt) */
  pages = run_pdftotext (path, height - 72 - 36 - 22);
  if (pages == NULL)
    return NULL;
  s = g_string_new (NULL);
  for (guint i = 0; i < pages->len; i++)
    g_string_append (s, g_ptr_array_index (pages, i));
  remove_all (s, notice);
  remove_all (s, NOTICE_MARK "(42CFR2.32).");
  return g_string_free (s, FALSE);
}

static char *
read_markdown (const char *path)
{
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  return squash (text, TRUE);
}

/* ----------------------------------------------------------------------------
 * What each audience may see
 */

typedef struct
{
  char       *value;
  LwCategory  category;
  gboolean    at_summary;   /* also shown at summary (the neighbourhood) */
  gboolean    rendered;     /* a document shows it at full */
  gboolean    common;       /* may appear for other reasons (a place name): not
                             * checked for absence */
  int         also;         /* -1, or a category that must be at full as well */
} Expect;

static void
expect_free (gpointer data)
{
  Expect *e = data;

  g_free (e->value);
  g_free (e);
}

static void
expect (GPtrArray  *list,
        const char *value,
        LwCategory  category,
        gboolean    at_summary,
        gboolean    rendered)
{
  Expect *e;

  if (value == NULL || *value == '\0')
    return;
  e = g_new0 (Expect, 1);
  e->value = g_strdup (value);
  e->category = category;
  e->at_summary = at_summary;
  e->rendered = rendered;
  e->also = -1;
  g_ptr_array_add (list, e);
}

/* Free text of a goal or action item: its own category (health, substance use
 * for the treatment domain or a marked record) and the plan, both at full. */
static void
expect_text (GPtrArray     *list,
             const char    *value,
             gconstpointer  record)
{
  LwCategory category;

  if (value == NULL || *value == '\0')
    return;
  /* by DESIGN.md's rule, typed here rather than asked of the model */
  if (LW_RECORD (record)->table == &lw_plan_goal_table &&
      ((const LwPlanGoal *) record)->domain == LW_DOMAIN_TREATMENT)
    category = LW_CATEGORY_SUBSTANCE_USE;
  else if (LW_RECORD (record)->table == &lw_plan_goal_table &&
           ((const LwPlanGoal *) record)->domain == LW_DOMAIN_HEALTH)
    category = LW_CATEGORY_HEALTH;
  else
    category = LW_CATEGORY_PLAN;
  expect (list, value, category, FALSE, TRUE);
  ((Expect *) g_ptr_array_index (list, list->len - 1))->also = LW_CATEGORY_PLAN;
}

static gboolean
shown (const Expect  *e,
       const LwLevel  levels[LW_N_CATEGORIES])
{
  if (e->also >= 0 && levels[e->also] != LW_LEVEL_FULL)
    return FALSE;
  return e->rendered && (levels[e->category] == LW_LEVEL_FULL ||
                         (e->at_summary && levels[e->category] == LW_LEVEL_SUMMARY));
}

static char *
canary (const char *table,
        const char *column)
{
  return g_strdup_printf ("CANARY-%s-%s-%s", table, column, TAG);
}

#define CANARY(list, table, column, category, summary, rendered) \
  G_STMT_START { \
    g_autofree char *c_ = canary (table, column); \
    expect (list, c_, category, summary, rendered); \
  } G_STMT_END

/* Every sealed canary of the canary participant's rows, with where it may show. */
static GPtrArray *
canary_expectations (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (expect_free);

  CANARY (list, "participant", "legal_name", LW_CATEGORY_IDENTITY, FALSE, TRUE);
  CANARY (list, "participant", "preferred_name", LW_CATEGORY_IDENTITY, FALSE, TRUE);
  CANARY (list, "participant", "aliases", LW_CATEGORY_IDENTITY, FALSE, TRUE);
  CANARY (list, "participant", "referrer", LW_CATEGORY_STATUS, FALSE, TRUE);
  CANARY (list, "participant", "housing_notes", LW_CATEGORY_HOUSING, FALSE, TRUE);
  CANARY (list, "participant", "health_notes", LW_CATEGORY_HEALTH, FALSE, TRUE);
  CANARY (list, "participant", "substance_use", LW_CATEGORY_SUBSTANCE_USE, FALSE, TRUE);
  CANARY (list, "participant", "address", LW_CATEGORY_LOCATION, FALSE, TRUE);
  CANARY (list, "participant", "neighbourhood", LW_CATEGORY_LOCATION, TRUE, TRUE);
  CANARY (list, "plan_goal", "text", LW_CATEGORY_PLAN, FALSE, TRUE);
  CANARY (list, "legal_matter", "case_number", LW_CATEGORY_LEGAL, FALSE, TRUE);
  CANARY (list, "legal_matter", "court", LW_CATEGORY_LEGAL, FALSE, TRUE);
  CANARY (list, "legal_matter", "charge", LW_CATEGORY_LEGAL, FALSE, TRUE);
  CANARY (list, "prosecution_note", "text", LW_CATEGORY_PROSECUTION, FALSE, TRUE);
  CANARY (list, "agenda_item", "notes", LW_CATEGORY_CARE_NOTES, FALSE, TRUE);
  CANARY (list, "agenda_item", "outcome", LW_CATEGORY_CARE_NOTES, FALSE, TRUE);
  CANARY (list, "action_item", "text", LW_CATEGORY_PLAN, FALSE, TRUE);
  /* an unknown reason code is free text: shown only with care notes in full */
  CANARY (list, "agenda_item", "reasons", LW_CATEGORY_CARE_NOTES, FALSE, TRUE);
  CANARY (list, "community_concern", "area", LW_CATEGORY_LOCATION, TRUE, TRUE);
  CANARY (list, "community_concern", "text", LW_CATEGORY_LOCATION, FALSE, TRUE);
  CANARY (list, "community_concern", "planned_response", LW_CATEGORY_LOCATION, FALSE, TRUE);
  /* never in minutes, at any level: the contact log, releases, diversion decisions */
  CANARY (list, "contact", "note", LW_CATEGORY_CARE_NOTES, FALSE, FALSE);
  CANARY (list, "consent", "recipient_agency", LW_CATEGORY_CARE_NOTES, FALSE, FALSE);
  CANARY (list, "diversion_decision", "incident_number", LW_CATEGORY_LEGAL, FALSE, FALSE);
  CANARY (list, "diversion_decision", "reason", LW_CATEGORY_LEGAL, FALSE, FALSE);
  expect (list, "CANARY-item-notes-" TAG, LW_CATEGORY_CARE_NOTES, FALSE, TRUE);
  expect (list, "CANARY-item-outcome-" TAG, LW_CATEGORY_CARE_NOTES, FALSE, TRUE);
  expect (list, "987654321", LW_CATEGORY_CARE_NOTES, FALSE, FALSE);
  return list;
}

/* Values of a demo participant discussed at a meeting, by category. */
static void
participant_expectations (LwStore            *store,
                          const LwParticipant *p,
                          GPtrArray          *items,
                          GPtrArray          *list)
{
  g_autoptr(GPtrArray) goals = lw_model_list_for (store, &lw_plan_goal_table, p->id, NULL);
  g_autoptr(GPtrArray) matters = lw_model_list_for (store, &lw_legal_matter_table, p->id, NULL);

  expect (list, p->legal_name, LW_CATEGORY_IDENTITY, FALSE, TRUE);
  expect (list, p->date_of_birth, LW_CATEGORY_IDENTITY, FALSE, TRUE);
  expect (list, p->housing_notes, LW_CATEGORY_HOUSING, FALSE, TRUE);
  expect (list, p->health_notes, LW_CATEGORY_HEALTH, FALSE, TRUE);
  expect (list, p->substance_use, LW_CATEGORY_SUBSTANCE_USE, FALSE, TRUE);
  expect (list, p->address, LW_CATEGORY_LOCATION, FALSE, TRUE);
  expect (list, p->neighbourhood, LW_CATEGORY_LOCATION, TRUE, TRUE);
  /* neighbourhoods are also in agency names ("Northside Neighbors Council") */
  if (p->neighbourhood != NULL && *p->neighbourhood != '\0')
    ((Expect *) g_ptr_array_index (list, list->len - 1))->common = TRUE;
  for (guint i = 0; goals && i < goals->len; i++)
    expect_text (list, ((LwPlanGoal *) g_ptr_array_index (goals, i))->text, g_ptr_array_index (goals, i));
  for (guint i = 0; matters && i < matters->len; i++)
    {
      LwLegalMatter *m = g_ptr_array_index (matters, i);
      g_autoptr(GPtrArray) notes = lw_store_list (store, &lw_prosecution_note_table, "legal_matter_id", m->id, NULL);

      expect (list, m->case_number, LW_CATEGORY_LEGAL, FALSE, TRUE);
      for (guint j = 0; notes && j < notes->len; j++)
        expect (list, ((LwProsecutionNote *) g_ptr_array_index (notes, j))->text,
                LW_CATEGORY_PROSECUTION, FALSE, TRUE);
    }
  for (guint i = 0; i < items->len; i++)
    {
      LwAgendaItem *item = g_ptr_array_index (items, i);

      if (item->participant_id != p->id || item->started_at == 0)
        continue;
      expect (list, item->notes, LW_CATEGORY_CARE_NOTES, FALSE, TRUE);
    }
}

typedef struct
{
  LwId       participant_id;   /* 0: not about a participant */
  GPtrArray *expect;
  LwLevel    levels[LW_N_CATEGORIES];
  gboolean   part2;            /* the audience sees substance-use information */
} Subject;

static void
subject_free (gpointer data)
{
  Subject *s = data;

  g_ptr_array_unref (s->expect);
  g_free (s);
}

/* Checks one rendering: md and pdf are squashed texts of the whole document. */
static void
check_subjects (GPtrArray  *subjects,
                const char *text,
                const char *what)
{
  /* a value may show through another participant who may be seen */
  g_autoptr(GPtrArray) visible = g_ptr_array_new ();

  for (guint i = 0; i < subjects->len; i++)
    {
      Subject *s = g_ptr_array_index (subjects, i);

      for (guint j = 0; j < s->expect->len; j++)
        {
          Expect *e = g_ptr_array_index (s->expect, j);
          if (shown (e, s->levels))
            g_ptr_array_add (visible, e->value);
        }
    }

  for (guint i = 0; i < subjects->len; i++)
    {
      Subject *s = g_ptr_array_index (subjects, i);

      for (guint j = 0; j < s->expect->len; j++)
        {
          Expect *e = g_ptr_array_index (s->expect, j);
          gboolean found = contains (text, e->value);
          gboolean elsewhere = FALSE;

          if (shown (e, s->levels))
            {
              if (!found)
                g_error ("%s: a value of %s the audience may see is missing",
                         what, lw_category_to_string (e->category));
              continue;
            }
          if (e->common)
            continue;
          for (guint k = 0; k < visible->len && !elsewhere; k++)
            elsewhere = strstr (g_ptr_array_index (visible, k), e->value) != NULL;
          if (found && !elsewhere)
            g_error ("%s: a value of %s hidden from the audience (level %s) appears",
                     what, lw_category_to_string (e->category), lw_level_to_string (s->levels[e->category]));
        }
    }
}

static void
check_notice_markdown (const char *path,
                       gboolean    expect_any)
{
  g_autofree char *raw = NULL;
  g_auto(GStrv) sections = NULL;
  gboolean any = FALSE;

  g_assert_true (g_file_get_contents (path, &raw, NULL, NULL));
  sections = g_strsplit (raw, "\n### ", -1);
  for (guint i = 0; sections[i] != NULL; i++)
    {
      g_autofree char *text = squash (sections[i], TRUE);
      gboolean su = strstr (text, "**Substanceuse:**") != NULL;
      gboolean notice = strstr (text, NOTICE_MARK) != NULL;

      if (i == 0)
        su = FALSE;   /* the header: no participant */
      if (su != notice)
        g_error ("%s: section %u has substance-use information %s the notice", path, i,
                 su ? "without" : "but not; it has");
      any = any || su;
    }
  g_assert_cmpint (any, ==, expect_any);
}

static void
check_notice_pdf (GPtrArray  *pages,
                  const char *path,
                  gboolean    expect_any)
{
  gboolean any = FALSE;

  for (guint i = 0; i < pages->len; i++)
    {
      const char *page = g_ptr_array_index (pages, i);
      gboolean su = strstr (page, "Substanceuse:") != NULL;
      gboolean notice = strstr (page, NOTICE_MARK) != NULL;
      g_autofree char *number = g_strdup_printf ("Page%uof%u", i + 1, pages->len);

      if (su != notice)
        g_error ("%s: page %u has substance-use information %s the notice", path, i + 1,
                 su ? "without" : "but not; it has");
      g_assert_nonnull (strstr (page, number));
      any = any || su;
    }
  g_assert_cmpint (any, ==, expect_any);
}

static GPtrArray *
meeting_subjects (Fixture          *f,
                  LwId              meeting_id,
                  const LwAudience *audience)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = lw_agenda_list_items (f->store, meeting_id, &error);
  GPtrArray *subjects = g_ptr_array_new_with_free_func (subject_free);

  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      LwAgendaItem *item = g_ptr_array_index (items, i);
      g_autoptr(LwParticipant) p = NULL;
      Subject *s;

      if (item->participant_id == 0 || item->started_at == 0)
        continue;
      if (item->participant_id == f->canary_participant && item->kind != LW_ITEM_PARTICIPANT)
        continue;   /* the canary concern: covered by the canary list */
      p = lw_store_get (f->store, &lw_participant_table, item->participant_id, &error);
      g_assert_no_error (error);
      s = g_new0 (Subject, 1);
      s->participant_id = p->id;
      if (p->id == f->canary_participant)
        s->expect = canary_expectations ();
      else
        {
          s->expect = g_ptr_array_new_with_free_func (expect_free);
          participant_expectations (f->store, p, items, s->expect);
        }
      lw_policy_get_levels (f->store, audience, p->id, s->levels, &error);
      g_assert_no_error (error);
      s->part2 = s->levels[LW_CATEGORY_SUBSTANCE_USE] != LW_LEVEL_NONE && p->substance_use != NULL;
      g_ptr_array_add (subjects, s);
    }
  return subjects;
}

/* Minutes of every closed meeting for every role, in both formats. */
static void
test_minutes_every_role (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) meetings = lw_agenda_list_meetings (f->store, &error);
  guint n_closed = 0, n_checked_pdf = 0;
  gboolean any_notice = FALSE;

  g_assert_no_error (error);
  for (guint m = 0; m < meetings->len; m++)
    {
      LwMeeting *meeting = g_ptr_array_index (meetings, m);

      if (meeting->status != LW_MEETING_CLOSED)
        continue;
      n_closed++;
      for (int role = 0; role < LW_N_ROLES; role++)
        {
          g_autoptr(LwAudience) audience = lw_audience_new_for_roles (LW_ROLE_BIT (role));
          g_autoptr(GPtrArray) subjects = meeting_subjects (f, meeting->id, audience);
          g_autofree char *md = g_strdup_printf ("%s/minutes-%" G_GINT64_FORMAT "-%s.md", f->dir,
                                                 meeting->id, lw_role_to_string (role));
          g_autofree char *pdf = g_strdup_printf ("%s/minutes-%" G_GINT64_FORMAT "-%s.pdf", f->dir,
                                                  meeting->id, lw_role_to_string (role));
          g_autofree char *md_text = NULL;
          g_autofree char *audience_line = g_strdup_printf ("Audience:%s", lw_role_to_label (role));
          g_autofree char *squashed_line = squash (audience_line, FALSE);
          g_autoptr(GPtrArray) pages = NULL;
          gboolean part2 = FALSE;

          for (guint i = 0; i < subjects->len; i++)
            part2 = part2 || ((Subject *) g_ptr_array_index (subjects, i))->part2;
          any_notice = any_notice || part2;

          g_assert_true (lw_export_minutes (f->store, meeting->id, audience, md, LW_PAPER_A4, &error));
          g_assert_no_error (error);
          g_assert_true (lw_export_minutes (f->store, meeting->id, audience, pdf,
                                            role % 2 ? LW_PAPER_LETTER : LW_PAPER_A4, &error));
          g_assert_no_error (error);

          md_text = read_markdown (md);
          g_assert_nonnull (strstr (md_text, squashed_line));
          g_assert_true (contains (md_text, meeting->date));
          check_subjects (subjects, md_text, md);
          check_notice_markdown (md, part2);

          pages = pdf_pages (pdf);
          if (pages != NULL)
            {
              g_autofree char *all = pdf_content (pdf, role % 2 ? LW_PAPER_LETTER : LW_PAPER_A4);

              for (guint i = 0; i < pages->len; i++)
                g_assert_nonnull (strstr (g_ptr_array_index (pages, i), squashed_line));
              check_subjects (subjects, all, pdf);
              check_notice_pdf (pages, pdf, part2);
              n_checked_pdf++;
            }
          g_unlink (md);
          g_unlink (pdf);
        }
    }
  g_assert_cmpuint (n_closed, ==, 7);   /* six of the demo, one of canaries */
  g_assert_true (any_notice);
  if (n_checked_pdf == 0)
    g_test_message ("pdftotext not found: PDF text not checked");
}

/* The case manager sees the canary's substance use, with the notice on its page;
 * the community representative sees neither. */
static void
test_canary_notice_page (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAudience) cm = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_CASE_MANAGER));
  g_autoptr(LwAudience) community = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE));
  g_autoptr(LwDocument) doc = NULL;
  g_autofree char *su = canary ("participant", "substance_use");
  g_autofree char *pdf = g_build_filename (f->dir, "cm.pdf", NULL);
  g_autoptr(GPtrArray) pages = NULL;
  guint n_pages;
  gboolean found = FALSE;

  doc = lw_export_minutes_document (f->store, f->canary_meeting, cm, &error);
  g_assert_no_error (error);
  g_assert_true (lw_document_has_part2 (doc));
  n_pages = lw_document_paginate (doc, NULL, 595.2756, 841.8898);
  g_assert_cmpuint (n_pages, >=, 1);

  g_assert_true (lw_export_minutes (f->store, f->canary_meeting, cm, pdf, LW_PAPER_A4, &error));
  g_assert_no_error (error);
  pages = pdf_pages (pdf);
  if (pages == NULL)
    {
      g_test_skip ("pdftotext not found");
      return;
    }
  g_assert_cmpuint (pages->len, ==, n_pages);
  for (guint i = 0; i < pages->len; i++)
    {
      gboolean here = contains (g_ptr_array_index (pages, i), su);
      gboolean notice = strstr (g_ptr_array_index (pages, i), NOTICE_MARK) != NULL;

      g_assert_cmpint (notice, ==, lw_document_page_has_notice (doc, i));
      if (here)
        g_assert_true (notice);
      found = found || here;
    }
  g_assert_true (found);

  g_clear_pointer (&doc, lw_document_free);
  doc = lw_export_minutes_document (f->store, f->canary_meeting, community, &error);
  g_assert_no_error (error);
  g_assert_false (lw_document_has_part2 (doc));
  {
    g_autofree char *md = lw_document_to_markdown (doc);

    g_assert_null (strstr (md, "CANARY-participant-substance_use"));
    g_assert_null (strstr (md, "CANARY-participant-legal_name"));
    g_assert_nonnull (strstr (md, "CANARY-participant-neighbourhood-" TAG));
    g_assert_null (strstr (md, "prohibition on redisclosure"));
  }
}

/* A long substance-use note for every participant: whatever page the lines fall
 * on carries the notice, on A4 and on Letter, and the layout fits the page. */
static void
test_notice_on_every_page (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) participants = lw_store_list (f->store, &lw_participant_table, NULL, 0, &error);
  g_autoptr(LwAudience) peer = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_PEER_OUTREACH));
  g_autoptr(GPtrArray) meetings = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < participants->len; i++)
    {
      LwParticipant *p = g_ptr_array_index (participants, i);
      GString *long_text = g_string_new (NULL);

      for (int k = 0; k < 40; k++)
        g_string_append (long_text, "synthetic treatment history sentence ");
      g_free (p->substance_use);
      p->substance_use = g_string_free (long_text, FALSE);
      lw_store_update (f->store, p, &error);
      g_assert_no_error (error);
    }
  meetings = lw_agenda_list_meetings (f->store, &error);
  g_assert_no_error (error);
  for (int paper = LW_PAPER_A4; paper <= LW_PAPER_LETTER; paper++)
    {
      LwMeeting *meeting = g_ptr_array_index (meetings, 0);
      g_autofree char *pdf = g_strdup_printf ("%s/long-%d.pdf", f->dir, paper);
      g_autoptr(GPtrArray) pages = NULL;
      guint with_notice = 0;

      g_assert_true (lw_export_minutes (f->store, meeting->id, peer, pdf, paper, &error));
      g_assert_no_error (error);
      pages = pdf_pages (pdf);
      if (pages == NULL)
        {
          g_test_skip ("pdftotext not found");
          return;
        }
      for (guint i = 0; i < pages->len; i++)
        {
          const char *page = g_ptr_array_index (pages, i);
          gboolean su = strstr (page, "synthetictreatmenthistory") != NULL;
          gboolean notice = strstr (page, NOTICE_MARK) != NULL;

          g_assert_cmpint (su, ==, notice);
          with_notice += notice;
        }
      g_assert_cmpuint (with_notice, >, 1);
    }
}

static void
test_handout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwMeeting) next = lw_agenda_resolve_meeting (f->store, "next", &error);

  g_assert_no_error (error);
  g_assert_cmpint (next->status, !=, LW_MEETING_CLOSED);
  for (int role = 0; role < LW_N_ROLES; role++)
    {
      g_autoptr(LwAudience) audience = lw_audience_new_for_roles (LW_ROLE_BIT (role));
      g_autoptr(GPtrArray) items = lw_agenda_list_items (f->store, next->id, &error);
      g_autofree char *md = g_strdup_printf ("%s/handout-%d.md", f->dir, role);
      g_autofree char *pdf = g_strdup_printf ("%s/handout-%d.pdf", f->dir, role);
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) subjects = g_ptr_array_new_with_free_func (subject_free);

      g_assert_no_error (error);
      g_assert_true (lw_export_handout (f->store, next->id, audience, md, LW_PAPER_A4, &error));
      g_assert_no_error (error);
      g_assert_true (lw_export_handout (f->store, next->id, audience, pdf, LW_PAPER_LETTER, &error));
      g_assert_no_error (error);
      text = read_markdown (md);
      g_assert_nonnull (strstr (text, "Agenda"));
      for (guint i = 0; i < items->len; i++)
        {
          LwAgendaItem *item = g_ptr_array_index (items, i);
          g_autoptr(LwParticipant) p = NULL;
          Subject *s;

          if (item->participant_id == 0)
            continue;
          p = lw_store_get (f->store, &lw_participant_table, item->participant_id, &error);
          g_assert_no_error (error);
          g_assert_true (contains (text, p->code));
          s = g_new0 (Subject, 1);
          s->expect = g_ptr_array_new_with_free_func (expect_free);
          /* no discussion yet: the notes of earlier meetings are not in a handout */
          expect (s->expect, p->legal_name, LW_CATEGORY_IDENTITY, FALSE, TRUE);
          expect (s->expect, p->health_notes, LW_CATEGORY_HEALTH, FALSE, TRUE);
          expect (s->expect, p->substance_use, LW_CATEGORY_SUBSTANCE_USE, FALSE, TRUE);
          expect (s->expect, p->address, LW_CATEGORY_LOCATION, FALSE, TRUE);
          lw_policy_get_levels (f->store, audience, p->id, s->levels, &error);
          g_assert_no_error (error);
          g_ptr_array_add (subjects, s);
        }
      check_subjects (subjects, text, md);
      {
        g_autofree char *all = pdf_content (pdf, LW_PAPER_LETTER);

        if (all != NULL)
          check_subjects (subjects, all, pdf);
      }
    }
}

/* An owner's list: open items only, the text only where the owner's role sees
 * the plan in full. */
static void
test_action_list (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = lw_store_list (f->store, &lw_person_table, NULL, 0, &error);
  guint n_lists = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < people->len; i++)
    {
      LwPerson *person = g_ptr_array_index (people, i);
      g_autoptr(GPtrArray) actions = lw_store_list (f->store, &lw_action_item_table, "owner_id", person->id, &error);
      g_autoptr(LwAudience) audience = lw_audience_new ();
      g_autofree char *md = g_strdup_printf ("%s/actions-%u.md", f->dir, i);
      g_autofree char *pdf = g_strdup_printf ("%s/actions-%u.pdf", f->dir, i);
      g_autofree char *text = NULL;
      g_autofree char *raw = NULL;
      g_autoptr(GHashTable) shown_texts = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GPtrArray) hidden_texts = g_ptr_array_new ();

      g_assert_no_error (error);
      lw_audience_add_member (audience, person->role, person->agency);
      g_assert_true (lw_export_actions (f->store, person->id, md, LW_PAPER_A4, &error));
      g_assert_no_error (error);
      g_assert_true (lw_export_actions (f->store, person->id, pdf, LW_PAPER_A4, &error));
      g_assert_no_error (error);
      text = read_markdown (md);
      g_assert_true (g_file_get_contents (md, &raw, NULL, NULL));
      g_assert_nonnull (strstr (raw, lw_role_to_label (person->role)));
      for (guint j = 0; j < actions->len; j++)
        {
          LwActionItem *action = g_ptr_array_index (actions, j);
          LwLevel levels[LW_N_CATEGORIES];
          gboolean full;

          if (action->participant_id != 0)
            lw_policy_get_levels (f->store, audience, action->participant_id, levels, &error);
          else
            {
              g_autoptr(GPtrArray) none = g_ptr_array_new ();
              LwPolicyMatrix matrix;
              g_autofree char *today = lw_date_today ();

              lw_policy_load_matrix (f->store, &matrix);
              lw_policy_resolve_levels (&matrix, audience, none, today, levels);
            }
          g_assert_no_error (error);
          full = levels[LW_CATEGORY_PLAN] == LW_LEVEL_FULL;
          if (action->status == LW_ACTION_OPEN && action->due_date)
            g_assert_true (contains (text, action->due_date));
          if (action->status == LW_ACTION_OPEN && full)
            {
              g_assert_true (contains (text, action->text));
              g_hash_table_add (shown_texts, action->text);
            }
          else if (action->status == LW_ACTION_OPEN)
            g_ptr_array_add (hidden_texts, action->text);
        }
      /* texts repeat across items: a hidden one counts only if no shown item has it */
      for (guint j = 0; j < hidden_texts->len; j++)
        if (!g_hash_table_contains (shown_texts, g_ptr_array_index (hidden_texts, j)))
          g_assert_false (contains (text, g_ptr_array_index (hidden_texts, j)));
      /* the canary owner: a dropped item is not listed */
      g_assert_null (strstr (raw, "CANARY-action_item-text"));
      n_lists++;
    }
  g_assert_cmpuint (n_lists, >, 5);
}

typedef struct
{
  guint    fields;   /* in the current row */
  guint    width;    /* of the header */
  guint    rows;
  gboolean even;
} CsvCount;

static void
count_field (void   *text,
             size_t  len,
             void   *data)
{
  ((CsvCount *) data)->fields++;
}

static void
count_row (int   c,
           void *data)
{
  CsvCount *count = data;

  if (count->rows == 0)
    count->width = count->fields;
  count->even = count->even && count->fields == count->width;
  count->rows++;
  count->fields = 0;
}

static void
test_roster_csv (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAudience) community = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE));
  g_autoptr(LwAudience) cm = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_CASE_MANAGER));
  g_autofree char *path = g_build_filename (f->dir, "roster.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 n = lw_store_count (f->store, &lw_participant_table, NULL);
  guint n_rows = 0;

  g_assert_true (lw_export_participants_csv (f->store, community, path, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, n);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "code,initials,status,neighbourhood");
  g_assert_cmpuint (g_strv_length (lines), ==, n + 2);   /* header, rows, "" */
  g_assert_nonnull (strstr (text, "CANARY-participant-neighbourhood-" TAG));
  g_assert_null (strstr (text, "CANARY-participant-legal_name"));
  g_assert_null (strstr (text, "CANARY-participant-address"));
  g_assert_null (strstr (text, "CANARY-participant-substance_use"));
  g_assert_null (strstr (text, "part2_notice"));

  g_clear_pointer (&text, g_free);
  g_assert_true (lw_export_participants_csv (f->store, cm, path, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "code,legal_name,preferred_name,aliases,date_of_birth,"));
  g_assert_nonnull (strstr (text, "CANARY-participant-legal_name-" TAG));
  g_assert_nonnull (strstr (text, "CANARY-participant-substance_use-" TAG));
  /* substance use in the file: the notice goes with it, row by row */
  g_assert_nonnull (strstr (text, ",part2_notice\r\n"));
  g_assert_nonnull (strstr (text, "42 CFR part 2"));

  /* and it reads back as CSV: every row as wide as the header */
  {
    struct csv_parser parser;
    CsvCount count = { 0, 0, 0, TRUE };
    gsize len = strlen (text);

    g_assert_cmpint (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI), ==, 0);
    g_assert_cmpuint (csv_parse (&parser, text, len, count_field, count_row, &count), ==, len);
    g_assert_cmpint (csv_fini (&parser, count_field, count_row, &count), ==, 0);
    csv_free (&parser);
    g_assert_cmpuint (count.rows, ==, n + 1);
    g_assert_true (count.even);
  }
}

static GPtrArray *
dir_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  return names;
}

/* Written to a temporary file and renamed: a failure leaves nothing, an old file
 * under the name stays as it was, a new file is private. */
static void
test_atomic (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_autofree char *path = g_build_filename (out, "minutes.pdf", NULL);
  g_autoptr(LwAudience) audience = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_PROSECUTOR));
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  GStatBuf st;

  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);

  /* no such meeting: nothing at all is written */
  g_assert_false (lw_export_minutes (f->store, 99999, audience, path, LW_PAPER_A4, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_NOT_FOUND);
  g_clear_error (&error);
  names = dir_entries (out);
  g_assert_cmpuint (names->len, ==, 0);
  g_clear_pointer (&names, g_ptr_array_unref);

  /* a new file is mode 0600 */
  g_assert_true (lw_export_minutes (f->store, f->canary_meeting, audience, path, LW_PAPER_A4, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  before = lw_test_read_file (path);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (before, NULL), "%PDF-"));

  /* a failure keeps the old file as it was, and leaves no temporary file */
  lw_store_lock (f->store);
  g_assert_false (lw_export_minutes (f->store, f->canary_meeting, audience, path, LW_PAPER_A4, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  after = lw_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  names = dir_entries (out);
  g_assert_cmpuint (names->len, ==, 1);
  g_clear_pointer (&names, g_ptr_array_unref);

  /* an LwAtomicFile freed before its commit leaves nothing */
  {
    g_autofree char *other = g_build_filename (out, "other.md", NULL);
    LwAtomicFile *file = lw_atomic_file_new (other, &error);

    g_assert_no_error (error);
    g_assert_true (lw_atomic_file_write (file, "half", 4, &error));
    g_assert_true (g_file_test (lw_atomic_file_get_temp_path (file), G_FILE_TEST_EXISTS));
    lw_atomic_file_free (file);
    g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
    names = dir_entries (out);
    g_assert_cmpuint (names->len, ==, 1);
  }

  /* a folder is not a file name; a .txt is not a format */
  g_assert_false (lw_file_set_contents_atomic (out, "x", 1, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_EXISTS);
  g_clear_error (&error);
}

/* Every export is in the audit log: what, for whom, in which format; never a value. */
static void
test_audited (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAudience) audience = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_POLICE_OFFICER) |
                                                              LW_ROLE_BIT (LW_ROLE_SERVICE_PROVIDER));
  g_autofree char *md = g_build_filename (f->dir, "m.md", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "r.csv", NULL);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) canaries = lw_test_sealed_canaries (TAG);
  guint n_export = 0;

  g_assert_true (lw_export_minutes (f->store, f->canary_meeting, audience, md, LW_PAPER_A4, &error));
  g_assert_no_error (error);
  g_assert_true (lw_export_participants_csv (f->store, audience, csv, NULL, &error));
  g_assert_no_error (error);

  entries = lw_audit_list (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      LwAuditEntry *e = g_ptr_array_index (entries, i);

      for (guint c = 0; c < canaries->len; c++)
        g_assert_null (strstr (e->detail, g_ptr_array_index (canaries, c)));
      g_assert_null (strstr (e->detail, f->dir));
      if (e->event != LW_AUDIT_EXPORT)
        continue;
      n_export++;
      g_assert_nonnull (strstr (e->detail, "audience=service-provider,police-officer"));
      g_assert_true (g_str_has_prefix (e->detail, n_export == 1 ? "minutes meeting=" : "participants roster"));
      g_assert_nonnull (strstr (e->detail, n_export == 1 ? "format=markdown" : "format=csv"));
    }
  g_assert_cmpuint (n_export, ==, 2);
  g_assert_true (lw_audit_verify (f->store, NULL, &error));
  g_assert_no_error (error);
}

/* ----------------------------------------------------------------------------
 * The command line
 */

static int
run_cli (char **out,
         char **err,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("LW_BINARY"));
  g_assert_nonnull (argv->pdata[0]);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_setenv (launcher, "LEAD_WORKGROUP_PASSPHRASE", LW_TEST_PASSPHRASE, TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (proc);
}

#define RUN(expect, ...) \
  G_STMT_START { \
    g_autofree char *out_ = NULL; \
    g_autofree char *err_ = NULL; \
    int status_ = run_cli (&out_, &err_, __VA_ARGS__, NULL); \
    if (status_ != (expect)) \
      g_error ("exit %d, expected %d: %s", status_, (expect), err_); \
    if (status_ != 0) \
      g_assert_cmpuint (strlen (err_), >, 0); \
  } G_STMT_END

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *db = g_strdup (lw_store_get_path (f->store));
  g_autofree char *minutes = g_build_filename (f->dir, "minutes.pdf", NULL);
  g_autofree char *handout = g_build_filename (f->dir, "handout.md", NULL);
  g_autofree char *actions = g_build_filename (f->dir, "actions.md", NULL);
  g_autofree char *roster = g_build_filename (f->dir, "roster.csv", NULL);
  g_autofree char *wrong = g_build_filename (f->dir, "minutes.txt", NULL);
  g_autofree char *text = NULL;

  g_clear_pointer (&f->store, lw_store_free);

  RUN (0, "minutes", "1", "--audience", "community-representative", "--output", minutes,
       "--paper", "letter", "--database", db);
  g_assert_true (g_file_test (minutes, G_FILE_TEST_IS_REGULAR));
  RUN (0, "handout", "next", "--audience", "police-officer,prosecutor", "--output", handout, "--database", db);
  g_assert_true (g_file_get_contents (handout, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Audience: Police officer, Prosecutor"));
  RUN (0, "actions", "--owner", "Riley Sample", "--output", actions, "--database", db);
  g_assert_true (g_file_test (actions, G_FILE_TEST_IS_REGULAR));
  RUN (0, "export", "participants", "--as", "evaluator", "--output", roster, "--database", db);
  g_assert_true (g_file_test (roster, G_FILE_TEST_IS_REGULAR));

  /* the audience is always said, the format always known */
  RUN (2, "minutes", "1", "--output", minutes, "--database", db);
  RUN (2, "minutes", "1", "--audience", "community-representative", "--output", wrong, "--database", db);
  RUN (2, "minutes", "1", "--audience", "mayor", "--output", minutes, "--database", db);
  RUN (2, "minutes", "1", "--audience", "evaluator", "--output", minutes, "--paper", "a3", "--database", db);
  RUN (2, "export", "participants", "--output", roster, "--database", db);
  RUN (1, "minutes", "9999", "--audience", "evaluator", "--output", minutes, "--database", db);
  RUN (1, "actions", "--owner", "Nobody Of That Name", "--output", actions, "--database", db);
  g_assert_false (g_file_test (wrong, G_FILE_TEST_EXISTS));
}

/* The "## " and "### " lines of a Markdown text. */
static GPtrArray *
markdown_headings (const char *md)
{
  g_auto(GStrv) lines = g_strsplit (md, "\n", -1);
  GPtrArray *headings = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "## ") || g_str_has_prefix (lines[i], "# "))
      g_ptr_array_add (headings, g_strdup (lines[i]));
  return headings;
}

/* Minutes in Spanish from an English app (the test runs without LANGUAGE):
 * Spanish headings and date, the Part 2 notice in English with its Spanish
 * translation beneath, nothing of the English document's headings; an
 * English document has no translation; a language the app does not write is
 * refused with one message. */
static void
test_spanish (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwMeeting) meeting = NULL;
  g_autofree char *db = g_strdup (lw_store_get_path (f->store));
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->canary_meeting);
  g_autofree char *es_md = g_build_filename (f->dir, "es.md", NULL);
  g_autofree char *es_pdf = g_build_filename (f->dir, "es.pdf", NULL);
  g_autofree char *en_md = g_build_filename (f->dir, "en.md", NULL);
  g_autofree char *es_actions = g_build_filename (f->dir, "acciones.md", NULL);
  g_autofree char *es_text = NULL;
  g_autofree char *en_text = NULL;
  g_autofree char *actions_text = NULL;
  g_autofree char *es_date = NULL;
  g_autofree char *en_date = NULL;
  g_autofree char *translation = NULL;
  g_autoptr(GPtrArray) en_headings = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  const char *previous;

  meeting = lw_store_get (f->store, &lw_meeting_table, f->canary_meeting, &error);
  g_assert_no_error (error);
  previous = lw_i18n_push ("es");
  es_date = lw_i18n_format_date (meeting->date);
  translation = g_strdup (lw_policy_part2_notice_translation ());
  lw_i18n_pop (previous);
  previous = lw_i18n_push ("en");
  en_date = lw_i18n_format_date (meeting->date);
  g_assert_null (lw_policy_part2_notice_translation ());
  lw_i18n_pop (previous);
  /* the catalogue was found, and it translates the notice */
  g_assert_nonnull (translation);
  g_assert_nonnull (strstr (translation, "Estas normas le prohíben"));
  g_assert_nonnull (strstr (es_date, " de "));
  g_assert_cmpstr (es_date, !=, en_date);
  g_clear_pointer (&f->store, lw_store_free);

  RUN (0, "minutes", id, "--audience", "case-manager", "--language", "es", "--output", es_md, "--database", db);
  RUN (0, "minutes", id, "--audience", "case-manager", "--language", "es", "--output", es_pdf, "--database", db);
  RUN (0, "minutes", id, "--audience", "case-manager", "--output", en_md, "--database", db);
  RUN (0, "actions", "--owner", "Riley Sample", "--language", "es", "--output", es_actions, "--database", db);
  g_assert_true (g_file_get_contents (es_md, &es_text, NULL, NULL));
  g_assert_true (g_file_get_contents (en_md, &en_text, NULL, NULL));
  g_assert_true (g_file_get_contents (es_actions, &actions_text, NULL, NULL));

  /* Spanish headings and date */
  g_assert_nonnull (strstr (es_text, "\n## Asistentes\n"));
  g_assert_nonnull (strstr (es_text, "\n## Discusión\n"));
  g_assert_nonnull (strstr (es_text, "**Programa:**"));
  g_assert_nonnull (strstr (es_text, "**Destinatarios: Administrador/a de casos**"));
  g_assert_nonnull (strstr (es_text, es_date));
  g_assert_null (strstr (es_text, en_date));
  g_assert_nonnull (strstr (en_text, en_date));

  /* no heading of the English document */
  en_headings = markdown_headings (en_text);
  g_assert_cmpuint (en_headings->len, >, 2);
  for (guint i = 0; i < en_headings->len; i++)
    {
      const char *heading = g_ptr_array_index (en_headings, i);

      /* an item's heading is its participant's code and name: no words */
      if (g_str_has_prefix (heading, "### "))
        continue;
      g_test_message ("English heading: %s", heading);
      g_assert_null (strstr (es_text, heading));
    }
  g_assert_null (strstr (es_text, "Audience:"));
  g_assert_null (strstr (es_text, "**Program:**"));

  /* the notice: the prescribed English text, and the translation beneath it */
  {
    g_autofree char *es_squashed = squash (es_text, TRUE);
    g_autofree char *en_squashed = squash (en_text, TRUE);
    g_autofree char *notice = squash (lw_policy_part2_notice (), FALSE);
    g_autofree char *translated = squash (translation, FALSE);
    g_autofree char *label = squash ("Traducción al español del aviso anterior", FALSE);
    const char *english_at = strstr (es_squashed, notice);
    const char *spanish_at = strstr (es_squashed, translated);

    g_assert_nonnull (english_at);
    g_assert_nonnull (spanish_at);
    g_assert_true (english_at < spanish_at);
    g_assert_nonnull (strstr (es_squashed, NOTICE_MARK));
    g_assert_nonnull (strstr (es_squashed, label));
    g_assert_nonnull (strstr (en_squashed, notice));
    g_assert_null (strstr (en_text, "Traducción"));
    g_assert_null (strstr (en_text, "Estas normas"));
  }

  /* the action list too */
  g_assert_nonnull (strstr (actions_text, "Destinatarios:"));
  g_assert_null (strstr (actions_text, "Audience:"));

  /* the PDF says the same */
  pages = pdf_pages (es_pdf);
  if (pages != NULL)
    {
      g_autoptr(GString) all = g_string_new (NULL);

      for (guint i = 0; i < pages->len; i++)
        g_string_append (all, g_ptr_array_index (pages, i));
      g_assert_true (contains (all->str, "Asistentes"));
      g_assert_true (contains (all->str, "Discusión"));
      g_assert_true (contains (all->str, es_date));
      g_assert_true (contains (all->str, lw_policy_part2_notice ()));
      g_assert_true (contains (all->str, translation));
      g_assert_false (contains (all->str, "Attendees"));
      g_assert_false (contains (all->str, "Discussion"));
      g_assert_false (contains (all->str, en_date));
    }
  else
    g_test_message ("pdftotext not found: PDF text not checked");

  /* one clear message for a language the app does not write */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    int status = run_cli (&out, &err, "minutes", id, "--audience", "case-manager", "--language", "fr",
                          "--output", es_md, "--database", db, NULL);

    g_assert_cmpint (status, ==, 2);
    g_assert_nonnull (strstr (err, "--language"));
    g_assert_nonnull (strstr (err, "en, es"));
    g_assert_cmpuint (lw_test_count_lines (err), ==, 1);
    RUN (2, "actions", "--owner", "Riley Sample", "--language", "es", "--database", db);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/lw/export/minutes-every-role", test_minutes_every_role);
  ADD ("/lw/export/canary-notice-page", test_canary_notice_page);
  ADD ("/lw/export/notice-on-every-page", test_notice_on_every_page);
  ADD ("/lw/export/handout", test_handout);
  ADD ("/lw/export/action-list", test_action_list);
  ADD ("/lw/export/roster-csv", test_roster_csv);
  ADD ("/lw/export/atomic", test_atomic);
  ADD ("/lw/export/audited", test_audited);
  ADD ("/lw/export/cli", test_cli);
  ADD ("/lw/export/marked-action-item", test_marked_action);
  ADD ("/lw/export/roster-spanish", test_roster_spanish);
  ADD ("/lw/export/spanish", test_spanish);
#undef ADD

  return g_test_run ();
}
