/* test-view.c: views made in batches equal views made one participant at a time
 *
 * The batch builder of lw-view.c reads each table once for many participants
 * and only the columns some view may show.  Its views are compared, field by
 * field (key, category, level, label and value), with those of the builder it
 * replaced (lw-view-reference.c, a frozen copy): for every role alone, for
 * members of the agencies releases name, for mixed rooms and for nobody, with
 * the default matrix and with one where releases open identity and status;
 * alone, in one batch of the whole program, and in batches of random subsets,
 * so that one participant's releases or records cannot reach another's view.
 * Any difference is a leak or a loss.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lw/lw-demo.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw/lw-vault.h"
#include "lw/lw-view.h"
#include "lw-test-util.h"
#include "lw-view-reference.h"

typedef struct
{
  char      *dir;
  LwStore   *store;
  GPtrArray *participants;   /* every participant, full records */
  GArray    *ids;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) canaries = NULL;

  f->dir = lw_test_tmpdir ();
  f->store = lw_test_store_new (f->dir, "program.lwdb");
  g_assert_true (lw_demo_generate (f->store, 60, 3, &error));
  g_assert_no_error (error);
  /* one participant with every column set, canaries in every sealed one */
  canaries = lw_test_fill_every_table (f->store, "view");
  /* staff of a treatment program are named by role where substance use is hidden */
  g_assert_true (lw_policy_set_agency_part2 (f->store, "Evergreen Recovery Services", TRUE,
                                             "test", &error));
  g_assert_no_error (error);

  f->participants = lw_store_list (f->store, &lw_participant_table, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->participants->len, ==, 61);
  f->ids = g_array_new (FALSE, FALSE, sizeof (LwId));
  for (guint i = 0; i < f->participants->len; i++)
    g_array_append_val (f->ids, LW_RECORD (f->participants->pdata[i])->id);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->participants, g_ptr_array_unref);
  g_clear_pointer (&f->ids, g_array_unref);
  g_clear_pointer (&f->store, lw_store_free);
  lw_test_tmpdir_remove (f->dir);
  g_free (f->dir);
}

/* Every audience worth a view: each role alone, members of the agencies
 * releases name (with and without their role), mixed rooms, nobody. */
static GPtrArray *
audiences (void)
{
  static const char * const texts[] = {
    "service-provider@Evergreen Recovery Services",
    "case-manager@Evergreen Recovery Services",
    "prosecutor@Harbor County Prosecuting Attorney",
    "public-defender@Harbor Public Defender",
    "project-manager,community-representative",
    "case-manager,police-officer",
    "prosecutor,public-defender,service-provider",
    "project-manager,evaluator",
  };
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_audience_free);

  for (int r = 0; r < LW_N_ROLES; r++)
    g_ptr_array_add (out, lw_audience_new_for_roles (LW_ROLE_BIT (r)));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      LwAudience *audience = lw_audience_parse (texts[i], &error);

      g_assert_no_error (error);
      g_ptr_array_add (out, audience);
    }
  g_ptr_array_add (out, lw_audience_new ());
  return out;
}

static char *
value_json (const LwViewValue *value)
{
  g_autoptr(JsonNode) node = lw_view_value_to_json (value);

  return json_to_string (node, FALSE);
}

/* The view holds exactly the reference's fields, in its order; keys, when
 * not NULL, keeps only those of the reference. */
static void
assert_same (const LwParticipantView *view,
             GPtrArray               *reference,
             const LwLevel            levels[LW_N_CATEGORIES],
             gboolean                 part2,
             const char * const      *keys,
             const char              *what)
{
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();

  for (guint i = 0; i < reference->len; i++)
    {
      LwViewField *field = g_ptr_array_index (reference, i);

      if (keys == NULL || g_strv_contains (keys, field->key))
        g_ptr_array_add (expected, field);
    }
  if (lw_participant_view_get_n_fields (view) != expected->len)
    g_error ("%s: %u fields, the reference has %u", what,
             lw_participant_view_get_n_fields (view), expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      const LwViewField *a = lw_participant_view_get_field (view, i);
      const LwViewField *b = g_ptr_array_index (expected, i);
      g_autofree char *ja = value_json (a->value);
      g_autofree char *jb = value_json (b->value);

      if (g_strcmp0 (a->key, b->key) != 0 || a->category != b->category || a->level != b->level ||
          g_strcmp0 (a->label, b->label) != 0 || g_strcmp0 (ja, jb) != 0)
        g_error ("%s: field %u is %s (%s) at %s, the reference's is %s (%s) at %s",
                 what, i, a->key, a->label, lw_level_to_string (a->level),
                 b->key, b->label, lw_level_to_string (b->level));
      if (g_strcmp0 (a->value->label, b->value->label) != 0)
        g_error ("%s: field %s is labelled otherwise", what, a->key);
    }
  for (int c = 0; c < LW_N_CATEGORIES; c++)
    {
      LwLevel want = levels[c];

      if (keys != NULL)
        {
          gboolean in_keys = FALSE;

          for (guint k = 0; keys[k] != NULL; k++)
            in_keys |= g_str_has_prefix (keys[k], lw_category_to_string (c)) &&
                       keys[k][strlen (lw_category_to_string (c))] == '.';
          if (!in_keys)
            want = LW_LEVEL_NONE;
        }
      if (lw_participant_view_get_level (view, c) != want)
        g_error ("%s: %s at %s, the reference's at %s", what, lw_category_to_string (c),
                 lw_level_to_string (lw_participant_view_get_level (view, c)), lw_level_to_string (want));
    }
  if (keys == NULL && (lw_participant_view_get_notice (view) != NULL) != part2)
    g_error ("%s: the redisclosure notice differs", what);
}

static GPtrArray *
reference (Fixture              *f,
           const LwPolicyMatrix *matrix,
           const LwAudience     *audience,
           const LwAudience     *names_for,
           guint                 index,
           LwViewFlags           flags,
           LwLevel               levels[LW_N_CATEGORIES],
           gboolean             *part2)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *fields = lw_view_reference_fields (f->store, matrix, audience, names_for,
                                                g_ptr_array_index (f->participants, index),
                                                flags, levels, part2, &error);

  g_assert_no_error (error);
  g_assert_nonnull (fields);
  return fields;
}

/* The same views as the reference, alone, all at once and in random
 * batches, for every audience, with matrix. */
static void
check_matrix (Fixture              *f,
              const LwPolicyMatrix *matrix,
              const char           *matrix_name)
{
  g_autoptr(GPtrArray) rooms = audiences ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  static const LwViewFlags flag_sets[] = { LW_VIEW_DEFAULT, LW_VIEW_PARTICIPANT_ONLY };

  for (guint a = 0; a < rooms->len; a++)
    for (guint s = 0; s < G_N_ELEMENTS (flag_sets); s++)
      {
        const LwAudience *audience = g_ptr_array_index (rooms, a);
        g_autofree char *room = lw_audience_to_string (audience);
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) all = NULL;
        g_autoptr(GArray) subset = g_array_new (FALSE, FALSE, sizeof (LwId));
        g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
        g_autoptr(GPtrArray) some = NULL;

        all = lw_policy_view_participants (f->store, matrix, audience, (LwId *) f->ids->data, f->ids->len,
                                           NULL, flag_sets[s], &error);
        g_assert_no_error (error);
        g_assert_cmpuint (all->len, ==, f->participants->len);

        /* a random third, in a random order */
        for (guint i = 0; i < f->ids->len; i++)
          if (g_rand_int_range (rand, 0, 3) == 0)
            {
              guint j = g_rand_int_range (rand, 0, subset->len + 1);

              g_array_insert_val (subset, j, g_array_index (f->ids, LwId, i));
              g_array_insert_val (positions, j, i);
            }
        some = lw_policy_view_participants (f->store, matrix, audience, (LwId *) subset->data, subset->len,
                                            NULL, flag_sets[s], &error);
        g_assert_no_error (error);
        g_assert_cmpuint (some->len, ==, subset->len);

        for (guint i = 0; i < f->participants->len; i++)
          {
            const LwParticipant *participant = g_ptr_array_index (f->participants, i);
            g_autoptr(GPtrArray) fields = NULL;
            g_autoptr(LwParticipantView) alone = NULL;
            g_autofree char *what = g_strdup_printf ("%s, %s, %s%s", participant->code,
                                                     room[0] ? room : "nobody", matrix_name,
                                                     flag_sets[s] ? ", participant only" : "");
            LwLevel levels[LW_N_CATEGORIES];
            gboolean part2;

            fields = reference (f, matrix, audience, NULL, i, flag_sets[s], levels, &part2);
            alone = lw_policy_view_participant_with_matrix (f->store, matrix, audience, participant,
                                                            flag_sets[s], &error);
            g_assert_no_error (error);
            assert_same (alone, fields, levels, part2, NULL, what);
            g_assert_cmpint (lw_participant_view_get_id (all->pdata[i]), ==, participant->id);
            assert_same (all->pdata[i], fields, levels, part2, NULL, what);
          }
        for (guint j = 0; j < some->len; j++)
          {
            guint i = g_array_index (positions, guint, j);
            g_autoptr(GPtrArray) fields = NULL;
            LwLevel levels[LW_N_CATEGORIES];
            gboolean part2;

            fields = reference (f, matrix, audience, NULL, i, flag_sets[s], levels, &part2);
            g_assert_cmpint (lw_participant_view_get_id (some->pdata[j]), ==, g_array_index (f->ids, LwId, i));
            assert_same (some->pdata[j], fields, levels, part2, NULL, "a random batch");
          }
      }
}

static void
test_default_matrix (Fixture       *f,
                     gconstpointer  data)
{
  LwPolicyMatrix matrix;

  lw_policy_load_matrix (f->store, &matrix);
  check_matrix (f, &matrix, "default matrix");
}

/* Releases that open identity, status and the plan, and a floor a hand-made
 * matrix tries to lift. */
static void
test_consent_matrix (Fixture       *f,
                     gconstpointer  data)
{
  LwPolicyMatrix matrix;

  lw_policy_load_matrix (f->store, &matrix);
  for (int r = 0; r < LW_N_ROLES; r++)
    {
      matrix.cells[r][LW_CATEGORY_IDENTITY] = LW_LEVEL_CONSENT;
      matrix.cells[r][LW_CATEGORY_CARE_NOTES] = LW_LEVEL_CONSENT;
    }
  matrix.cells[LW_ROLE_SERVICE_PROVIDER][LW_CATEGORY_STATUS] = LW_LEVEL_CONSENT;
  matrix.cells[LW_ROLE_PROSECUTOR][LW_CATEGORY_PLAN] = LW_LEVEL_CONSENT;
  matrix.cells[LW_ROLE_POLICE_OFFICER][LW_CATEGORY_HEALTH] = LW_LEVEL_FULL;   /* above its floor */
  check_matrix (f, &matrix, "consent matrix");
}

/* Lists: only the fields asked for, and nothing read for the rest. */
static void
test_list_keys (Fixture       *f,
                gconstpointer  data)
{
  static const char * const keys[] = {
    "identity.preferred_name", "identity.legal_name", "identity.initials",
    "status.status", "status.case_manager", "status.last_contact", "status.flagged", NULL
  };
  g_autoptr(GPtrArray) rooms = audiences ();
  LwPolicyMatrix matrix;

  lw_policy_load_matrix (f->store, &matrix);
  for (guint a = 0; a < rooms->len; a++)
    {
      const LwAudience *audience = g_ptr_array_index (rooms, a);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) views = lw_policy_view_participants (f->store, &matrix, audience,
                                                                (LwId *) f->ids->data, f->ids->len,
                                                                keys, LW_VIEW_PARTICIPANT_ONLY, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (views->len, ==, f->participants->len);
      for (guint i = 0; i < views->len; i++)
        {
          g_autoptr(GPtrArray) fields = NULL;
          LwLevel levels[LW_N_CATEGORIES];
          gboolean part2;

          fields = reference (f, &matrix, audience, NULL, i, LW_VIEW_PARTICIPANT_ONLY, levels, &part2);
          assert_same (views->pdata[i], fields, levels, part2, keys, "list fields");
          /* no substance use in a list line: no notice */
          g_assert_null (lw_participant_view_get_notice (views->pdata[i]));
        }
    }
}

/* A field copied to the room: people named as the lower of the two audiences
 * would see them. */
static void
test_named_for (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) rooms = audiences ();
  g_autoptr(LwAudience) pm = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_PROJECT_MANAGER));
  LwPolicyMatrix matrix;

  lw_policy_load_matrix (f->store, &matrix);
  for (guint a = 0; a < rooms->len; a++)
    for (guint i = 0; i < f->participants->len; i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) fields = NULL;
        g_autoptr(LwParticipantView) view = NULL;
        LwLevel levels[LW_N_CATEGORIES];
        gboolean part2;

        fields = reference (f, &matrix, pm, rooms->pdata[a], i, LW_VIEW_DEFAULT, levels, &part2);
        view = lw_policy_view_participant_named_for (f->store, &matrix, pm, rooms->pdata[a],
                                                     f->participants->pdata[i], LW_VIEW_DEFAULT, &error);
        g_assert_no_error (error);
        assert_same (view, fields, levels, part2, NULL, "named for a room");
      }
}

/* The test must be able to fail: a view of one participant given another's
 * release differs from the reference. */
static void
test_comparison_catches_a_leak (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(LwAudience) provider = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_SERVICE_PROVIDER));
  g_autoptr(GError) error = NULL;
  g_autoptr(LwConsent) consent = lw_consent_new ();
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(LwParticipantView) after = NULL;
  LwPolicyMatrix matrix;
  LwLevel levels[LW_N_CATEGORIES];
  gboolean part2;
  guint index = f->participants->len - 1;   /* the canary participant: no release */

  lw_policy_load_matrix (f->store, &matrix);
  before = reference (f, &matrix, provider, NULL, index, LW_VIEW_DEFAULT, levels, &part2);
  g_assert_cmpint (levels[LW_CATEGORY_SUBSTANCE_USE], ==, LW_LEVEL_NONE);

  consent->participant_id = LW_RECORD (f->participants->pdata[index])->id;
  consent->recipient_role = LW_ROLE_SERVICE_PROVIDER;
  consent->categories = LW_CATEGORY_BIT (LW_CATEGORY_SUBSTANCE_USE);
  consent->signed_date = g_strdup ("2026-01-01");
  g_assert_true (lw_store_insert (f->store, consent, &error));
  g_assert_no_error (error);
  after = lw_policy_view_participant_with_matrix (f->store, &matrix, provider, f->participants->pdata[index],
                                                  LW_VIEW_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lw_participant_view_get_level (after, LW_CATEGORY_SUBSTANCE_USE), ==, LW_LEVEL_FULL);
  if (g_test_subprocess ())
    {
      assert_same (after, before, levels, part2, NULL, "a view with a release it did not have");
      return;
    }
}

static void
test_comparison_fails (void)
{
  g_test_trap_subprocess ("/lw/view/comparison-catches-a-leak/subprocess", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*a view with a release it did not have*reference*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (lw_vault_init (NULL));

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/lw/view/batch-equals-one-by-one/default-matrix", test_default_matrix);
  ADD ("/lw/view/batch-equals-one-by-one/consent-matrix", test_consent_matrix);
  ADD ("/lw/view/list-keys", test_list_keys);
  ADD ("/lw/view/named-for", test_named_for);
  ADD ("/lw/view/comparison-catches-a-leak/subprocess", test_comparison_catches_a_leak);
#undef ADD
  g_test_add_func ("/lw/view/comparison-catches-a-leak", test_comparison_fails);

  return g_test_run ();
}
