/* test-cli-policy.c: participant list and show, policy show and set, run as a
 * user runs them: the built binary (LW_BINARY) on a demo program and on canary
 * data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lw/lw-model.h"
#include "lw-test-util.h"

#define DEMO_PASS "synthetic demo pass"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_auto(LwTestResult) r = { 0 };

  f->dir = lw_test_tmpdir ();
  f->db = g_build_filename (f->dir, "demo.lwdb", NULL);
  lw_test_run (&r, DEMO_PASS, "demo", "--database", f->db, NULL);
  g_assert_cmpint (r.status, ==, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lw_test_tmpdir_remove (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* Every string in node, recursively. */
static void
collect_strings (JsonNode  *node,
                 GPtrArray *out)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        for (GList *l = members; l; l = l->next)
          collect_strings (json_object_get_member (object, l->data), out);
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          collect_strings (json_array_get_element (array, i), out);
      }
      break;
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_ptr_array_add (out, (gpointer) json_node_get_string (node));
      break;
    case JSON_NODE_NULL:
      break;
    }
}

static gboolean
str_in_array (GPtrArray  *array,
              const char *s)
{
  for (guint i = 0; i < array->len; i++)
    if (strcmp (g_ptr_array_index (array, i), s) == 0)
      return TRUE;
  return FALSE;
}

static const char * const hidden_from_community[] = {
  "housing.", "health.", "substance_use.", "legal.", "prosecution.", "care_notes.",
};

/* The demo program: for every participant, what the community representative
 * sees holds no value that only the care team may see. */
static void
test_demo_community (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(LwTestResult) list = { 0 };
  g_auto(LwTestResult) cr_list = { 0 };
  g_autoptr(JsonNode) list_root = NULL;
  g_autoptr(JsonNode) cr_list_root = NULL;
  g_autoptr(GPtrArray) legal_names = g_ptr_array_new_with_free_func (g_free);
  JsonArray *participants;
  guint checked = 0;

  lw_test_run (&list, DEMO_PASS, "participant", "list", "--database", f->db, "--json", NULL);
  g_assert_cmpint (list.status, ==, 0);
  list_root = lw_test_parse_json (list.out);
  participants = json_object_get_array_member (json_node_get_object (list_root), "participants");
  g_assert_cmpuint (json_array_get_length (participants), ==, 60);

  for (guint i = 0; i < json_array_get_length (participants); i++)
    {
      const char *code = json_object_get_string_member (json_array_get_object_element (participants, i), "code");
      g_auto(LwTestResult) cr = { 0 };
      g_auto(LwTestResult) cm = { 0 };
      g_autoptr(JsonNode) cr_root = NULL;
      g_autoptr(JsonNode) cm_root = NULL;
      g_autoptr(GPtrArray) cr_strings = g_ptr_array_new ();
      g_autoptr(GList) cr_keys = NULL;
      g_autoptr(GList) cm_keys = NULL;
      JsonObject *cr_fields, *cm_fields;

      lw_test_run (&cr, DEMO_PASS, "participant", "show", code, "--as", "community-representative",
           "--database", f->db, "--json", NULL);
      g_assert_cmpint (cr.status, ==, 0);
      lw_test_run (&cm, DEMO_PASS, "participant", "show", code, "--as", "case-manager",
           "--database", f->db, "--json", NULL);
      g_assert_cmpint (cm.status, ==, 0);
      cr_root = lw_test_parse_json (cr.out);
      cm_root = lw_test_parse_json (cm.out);

      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (cr_root), "code"), ==, code);
      g_assert_true (json_object_get_null_member (json_node_get_object (cr_root), "notice"));
      cr_fields = json_object_get_object_member (json_node_get_object (cr_root), "fields");
      cm_fields = json_object_get_object_member (json_node_get_object (cm_root), "fields");

      /* no key of a hidden category; identity and location at summary only */
      cr_keys = json_object_get_members (cr_fields);
      for (GList *l = cr_keys; l; l = l->next)
        {
          const char *key = l->data;
          JsonObject *field = json_object_get_object_member (cr_fields, key);

          for (guint k = 0; k < G_N_ELEMENTS (hidden_from_community); k++)
            g_assert_false (g_str_has_prefix (key, hidden_from_community[k]));
          g_assert_cmpstr (json_object_get_string_member (field, "level"), ==, "summary");
          if (g_str_has_prefix (key, "identity."))
            g_assert_cmpstr (key, ==, "identity.initials");
          if (g_str_has_prefix (key, "location."))
            g_assert_cmpstr (key, ==, "location.neighbourhood");
        }
      collect_strings (cr_root, cr_strings);

      /* no value the case manager sees under a key the community does not get,
       * nor any plan text (the community gets the plan's summary only) */
      cm_keys = json_object_get_members (cm_fields);
      for (GList *l = cm_keys; l; l = l->next)
        {
          const char *key = l->data;
          g_autoptr(GPtrArray) values = g_ptr_array_new ();
          gboolean shared = json_object_has_member (cr_fields, key);

          if (strcmp (key, "identity.legal_name") == 0)
            g_ptr_array_add (legal_names,
                             g_strdup (json_object_get_string_member (json_object_get_object_member (cm_fields, key), "value")));
          if (shared && !g_str_has_prefix (key, "plan."))
            continue;
          collect_strings (json_object_get_member (cm_fields, key), values);
          for (guint k = 0; k < values->len; k++)
            {
              const char *value = g_ptr_array_index (values, k);

              /* short words and values the community legitimately sees (an
               * owner's name, a due date) are not evidence of a leak */
              if (strlen (value) < 5 || str_in_array (cr_strings, value) ||
                  g_str_equal (value, "summary") || g_str_equal (value, "full"))
                continue;
              if (strstr (cr.out, value) != NULL)
                g_error ("%s: the community representative's view holds %s's value", code, key);
              checked++;
            }
        }
    }
  /* the check saw real data */
  g_assert_cmpuint (checked, >, 60 * 10);
  g_assert_cmpuint (legal_names->len, ==, 60);

  /* the list as the community sees it: initials, never a name */
  lw_test_run (&cr_list, DEMO_PASS, "participant", "list", "--as", "community-representative",
       "--database", f->db, "--json", NULL);
  g_assert_cmpint (cr_list.status, ==, 0);
  cr_list_root = lw_test_parse_json (cr_list.out);
  for (guint i = 0; i < legal_names->len; i++)
    {
      g_auto(GStrv) words = g_strsplit (g_ptr_array_index (legal_names, i), " ", -1);

      for (guint k = 0; words[k]; k++)
        if (strlen (words[k]) > 2)
          g_assert_null (strstr (cr_list.out, words[k]));
    }
}

/* Canary data: one row in every table, every sealed column a canary. */
static void
test_canary_community (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GPtrArray) sealed = lw_test_sealed_canaries ("cli");
  g_autofree char *db = g_build_filename (f->dir, "canary.lwdb", NULL);
  g_auto(LwTestResult) cr = { 0 };
  g_auto(LwTestResult) pm = { 0 };
  g_auto(LwTestResult) police = { 0 };
  g_auto(LwTestResult) human = { 0 };
  guint pm_seen = 0;

  {
    g_autoptr(LwStore) store = lw_test_store_new (f->dir, "canary.lwdb");
    ids = lw_test_fill_every_table (store, "cli");
  }

  lw_test_run (&cr, LW_TEST_PASSPHRASE, "participant", "show", "P-cli", "--as", "community-representative",
       "--database", db, "--json", NULL);
  g_assert_cmpint (cr.status, ==, 0);
  lw_test_run (&human, LW_TEST_PASSPHRASE, "participant", "show", "P-cli", "--as", "community-representative",
       "--database", db, NULL);
  g_assert_cmpint (human.status, ==, 0);
  lw_test_run (&pm, LW_TEST_PASSPHRASE, "participant", "show", "P-cli", "--as", "project-manager",
       "--database", db, "--json", NULL);
  g_assert_cmpint (pm.status, ==, 0);
  lw_test_run (&police, LW_TEST_PASSPHRASE, "participant", "show", "P-cli", "--as", "police-officer,police-sergeant",
       "--database", db, "--json", NULL);
  g_assert_cmpint (police.status, ==, 0);

  for (guint i = 0; i < sealed->len; i++)
    {
      const char *canary = g_ptr_array_index (sealed, i);

      pm_seen += strstr (pm.out, canary) != NULL;
      /* the neighbourhood is the location summary the community may see */
      if (strcmp (canary, "CANARY-participant-neighbourhood-cli") == 0)
        {
          g_assert_nonnull (strstr (cr.out, canary));
          continue;
        }
      if (strstr (cr.out, canary) || strstr (human.out, canary))
        g_error ("the community representative sees %s", canary);
    }
  g_assert_null (strstr (cr.out, "legal."));
  g_assert_null (strstr (cr.out, "prosecution."));
  g_assert_null (strstr (cr.out, "care_notes."));
  g_assert_null (strstr (cr.out, "health."));
  g_assert_null (strstr (cr.out, "substance_use."));
  /* the project manager does see the legal and identity canaries */
  g_assert_nonnull (strstr (pm.out, "CANARY-legal_matter-charge-cli"));
  g_assert_nonnull (strstr (pm.out, "CANARY-participant-legal_name-cli"));
  g_assert_cmpuint (pm_seen, >, 10);
  /* the golden rule */
  g_assert_nonnull (strstr (police.out, "CANARY-legal_matter-case_number-cli"));
  g_assert_null (strstr (police.out, "CANARY-participant-health_notes"));
  g_assert_null (strstr (police.out, "CANARY-participant-substance_use"));
  g_assert_null (strstr (police.out, "CANARY-contact-"));
  g_assert_null (strstr (police.out, "CANARY-agenda_item-notes"));
  g_assert_null (strstr (police.out, "CANARY-consent-"));
  g_assert_null (strstr (police.out, "\"health."));
  g_assert_null (strstr (police.out, "\"care_notes."));
}

static void
test_exit_statuses (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const usage[][8] = {
    { "policy", "set", "judge", "legal", "full", "--reason", "x", NULL },
    { "policy", "set", "prosecutor", "politics", "full", "--reason", "x", NULL },
    { "policy", "set", "prosecutor", "legal", "most", "--reason", "x", NULL },
    { "policy", "set", "prosecutor", "legal", "none", NULL },
    { "policy", "set", "prosecutor", "legal", "none", "--reason", "   ", NULL },
    { "policy", "set", "prosecutor", "legal", NULL },
    { "participant", "show", "P-0001", NULL },
    { "participant", "show", "P-0001", "--as", "judge", NULL },
    { "participant", "show", "--as", "prosecutor", NULL },
    { "participant", "list", "--as", "", NULL },
    { "policy", "show", "extra", NULL },
  };
  g_auto(LwTestResult) refused = { 0 };
  g_auto(LwTestResult) missing = { 0 };
  g_auto(LwTestResult) show = { 0 };
  g_auto(LwTestResult) lower = { 0 };
  g_auto(LwTestResult) after = { 0 };
  g_auto(LwTestResult) matrix = { 0 };
  g_auto(LwTestResult) human = { 0 };
  g_auto(LwTestResult) audit = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *cell;

  for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
    {
      g_auto(LwTestResult) r = { 0 };
      g_auto(GStrv) argv = NULL;
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                          G_SUBPROCESS_FLAGS_STDERR_PIPE);
      g_autoptr(GSubprocess) proc = NULL;
      g_autoptr(GError) error = NULL;

      g_ptr_array_add (args, (gpointer) g_getenv ("LW_BINARY"));
      for (guint k = 0; usage[i][k]; k++)
        g_ptr_array_add (args, (gpointer) usage[i][k]);
      g_ptr_array_add (args, (gpointer) "--database");
      g_ptr_array_add (args, f->db);
      g_ptr_array_add (args, NULL);
      g_subprocess_launcher_setenv (launcher, "LEAD_WORKGROUP_PASSPHRASE", DEMO_PASS, TRUE);
      proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (proc, NULL, NULL, &r.out, &r.err, &error);
      g_assert_no_error (error);
      r.status = g_subprocess_get_exit_status (proc);
      if (r.status != 2 || lw_test_count_lines (r.err) != 1)
        g_error ("%s %s (case %u): status %d, stderr “%s”", usage[i][0], usage[i][1], i, r.status, r.err);
      g_assert_cmpstr (r.out, ==, "");
    }

  /* refused by a floor: status 1, one clear line, nothing changed */
  lw_test_run (&refused, DEMO_PASS, "policy", "set", "police-officer", "care_notes", "summary",
       "--reason", "asked to see care notes", "--database", f->db, NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_cmpuint (lw_test_count_lines (refused.err), ==, 1);
  g_assert_nonnull (strstr (refused.err, "Refused"));
  g_assert_nonnull (strstr (refused.err, "police-officer"));

  lw_test_run (&missing, DEMO_PASS, "participant", "show", "P-9999", "--as", "prosecutor", "--database", f->db, NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_cmpuint (lw_test_count_lines (missing.err), ==, 1);

  /* set, then show reflects it */
  lw_test_run (&show, DEMO_PASS, "participant", "show", "P-0001", "--as", "community-representative",
       "--database", f->db, NULL);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_true (g_str_has_prefix (show.out, "code: P-0001\n"));
  g_assert_nonnull (strstr (show.out, "\nlocation.neighbourhood: "));
  lw_test_run (&lower, DEMO_PASS, "policy", "set", "community-representative", "location", "none",
       "--reason", "workgroup vote", "--database", f->db, NULL);
  g_assert_cmpint (lower.status, ==, 0);
  lw_test_run (&after, DEMO_PASS, "participant", "show", "P-0001", "--as", "community-representative",
       "--database", f->db, NULL);
  g_assert_cmpint (after.status, ==, 0);
  g_assert_null (strstr (after.out, "location."));

  lw_test_run (&matrix, DEMO_PASS, "policy", "show", "--json", "--database", f->db, NULL);
  g_assert_cmpint (matrix.status, ==, 0);
  root = lw_test_parse_json (matrix.out);
  cell = json_object_get_object_member (json_object_get_object_member (json_node_get_object (root),
                                                                       "community-representative"), "location");
  g_assert_cmpstr (json_object_get_string_member (cell, "level"), ==, "none");
  g_assert_cmpstr (json_object_get_string_member (cell, "default"), ==, "summary");
  /* a community representative is never raised above the default row */
  g_assert_cmpstr (json_object_get_string_member (cell, "floor"), ==, "summary");
  cell = json_object_get_object_member (json_object_get_object_member (json_node_get_object (root),
                                                                       "police-sergeant"), "health");
  g_assert_cmpstr (json_object_get_string_member (cell, "floor"), ==, "none");
  lw_test_run (&human, DEMO_PASS, "policy", "show", "--database", f->db, NULL);
  g_assert_cmpint (human.status, ==, 0);
  g_assert_nonnull (strstr (human.out, "none*"));

  lw_test_run (&audit, DEMO_PASS, "audit", "list", "--database", f->db, NULL);
  g_assert_cmpint (audit.status, ==, 0);
  g_assert_nonnull (strstr (audit.out, "policy-refused"));
  g_assert_nonnull (strstr (audit.out, "policy-change"));
  g_assert_nonnull (strstr (audit.out, "reason: workgroup vote"));
}

/* participant show writes who saw what (never the values) to the audit log. */
static void
test_show_audited (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(LwTestResult) show = { 0 };
  g_auto(LwTestResult) audit = { 0 };
  g_auto(LwTestResult) verify = { 0 };

  lw_test_run (&show, DEMO_PASS, "participant", "show", "P-0002", "--as", "prosecutor,public-defender",
       "--actor", "robin", "--database", f->db, "--json", NULL);
  g_assert_cmpint (show.status, ==, 0);
  lw_test_run (&audit, DEMO_PASS, "audit", "list", "--database", f->db, "--json", NULL);
  g_assert_cmpint (audit.status, ==, 0);
  g_assert_nonnull (strstr (audit.out, "participant=P-0002 audience=prosecutor,public-defender full="));
  g_assert_nonnull (strstr (audit.out, "\"actor\" : \"robin\""));
  lw_test_run (&verify, DEMO_PASS, "audit", "verify", "--database", f->db, NULL);
  g_assert_cmpint (verify.status, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LEAD_WORKGROUP_TEST_WEAK_KDF", "1", FALSE);
  g_setenv ("LEAD_WORKGROUP_TODAY", "2026-11-24", FALSE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/lw/cli-policy/demo-community", test_demo_community);
  ADD ("/lw/cli-policy/canary-community", test_canary_community);
  ADD ("/lw/cli-policy/exit-statuses", test_exit_statuses);
  ADD ("/lw/cli-policy/show-audited", test_show_audited);
#undef ADD

  return g_test_run ();
}
