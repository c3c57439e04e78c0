/* lw-policy.c: the need-to-know matrix, its floors, consent gating, audiences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-policy"

#include "config.h"

#include "lw-i18n-private.h"
#include <string.h>

#include "lw/lw-audit.h"
#include "lw/lw-error.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw-store-private.h"

#define N LW_LEVEL_NONE
#define S LW_LEVEL_SUMMARY
#define F LW_LEVEL_FULL
#define C LW_LEVEL_CONSENT

static const char * const level_names[] = { "none", "summary", "full", "consent" };
G_STATIC_ASSERT (G_N_ELEMENTS (level_names) == LW_N_LEVELS);

/* DESIGN.md, "Need to know".  Columns: identity, status, plan, housing, health,
 * substance_use, legal, prosecution, care_notes, location. */
static const LwLevel default_matrix[LW_N_ROLES][LW_N_CATEGORIES] = {
  [LW_ROLE_PROJECT_MANAGER]          = { F, F, F, F, S, C, F, F, S, F },
  [LW_ROLE_CASE_MANAGER]             = { F, F, F, F, F, F, F, F, F, F },
  [LW_ROLE_PEER_OUTREACH]            = { F, F, F, F, F, F, F, F, F, F },
  [LW_ROLE_SERVICE_PROVIDER]         = { F, F, F, F, C, C, N, N, S, S },
  [LW_ROLE_POLICE_OFFICER]           = { F, F, S, S, N, N, F, S, N, F },
  [LW_ROLE_POLICE_SERGEANT]          = { F, F, S, S, N, N, F, S, N, F },
  [LW_ROLE_PROSECUTOR]               = { F, F, S, S, N, C, F, F, N, N },
  [LW_ROLE_PUBLIC_DEFENDER]          = { F, F, S, S, N, C, F, F, N, N },
  [LW_ROLE_COMMUNITY_REPRESENTATIVE] = { S, S, S, N, N, N, N, N, N, S },
  [LW_ROLE_EVALUATOR]                = { N, S, S, N, N, N, N, N, N, N },
};

/* The floors: the highest cell each may ever hold (DESIGN.md, "Caps").  Police
 * never see what care coordination learns (LEAD's golden rule) and see the plan
 * at summary at most; community representatives and evaluators never see more
 * than their default row, which is what the community agreement gives them. */
static const LwLevel cap_matrix[LW_N_ROLES][LW_N_CATEGORIES] = {
  [LW_ROLE_PROJECT_MANAGER]          = { F, F, F, F, F, F, F, F, F, F },
  [LW_ROLE_CASE_MANAGER]             = { F, F, F, F, F, F, F, F, F, F },
  [LW_ROLE_PEER_OUTREACH]            = { F, F, F, F, F, F, F, F, F, F },
  [LW_ROLE_SERVICE_PROVIDER]         = { F, F, F, F, F, F, F, F, F, F },
  [LW_ROLE_POLICE_OFFICER]           = { F, F, S, F, N, N, F, F, N, F },
  [LW_ROLE_POLICE_SERGEANT]          = { F, F, S, F, N, N, F, F, N, F },
  [LW_ROLE_PROSECUTOR]               = { F, F, F, F, F, F, F, F, F, F },
  [LW_ROLE_PUBLIC_DEFENDER]          = { F, F, F, F, F, F, F, F, F, F },
  [LW_ROLE_COMMUNITY_REPRESENTATIVE] = { S, S, S, N, N, N, N, N, N, S },
  [LW_ROLE_EVALUATOR]                = { N, S, S, N, N, N, N, N, N, N },
};

#undef N
#undef S
#undef F
#undef C

/* The standard text of 42 CFR 2.32(a)(1) as amended in 2024.  Always printed
 * in English, as the regulation prescribes these words; a document in another
 * language adds the catalogue's translation beneath it, labelled as one. */
static const char * const part2_notice =
  /* Translators: the 42 CFR 2.32 notice.  Documents always print it in
   * English as the regulation prescribes; your translation is printed beneath
   * it, labelled as a translation for information only. */
  N_("This record which has been disclosed to you is protected by Federal "
  "confidentiality rules (42 CFR part 2). These rules prohibit you from using or "
  "disclosing this record, or testimony that describes the information contained "
  "in this record, in any civil, criminal, administrative, or legislative "
  "proceedings by any Federal, State, or local authority, against the patient, "
  "unless authorized by the consent of the patient, except as provided at 42 CFR "
  "2.12(c)(5) or as authorized by a court in accordance with 42 CFR 2.64 or 2.65. "
  "In addition, the Federal rules prohibit you from making any other use or "
  "disclosure of this record unless at least one of the following applies: "
  "(i) Further use or disclosure is expressly permitted by the written consent of "
  "the individual whose information is being disclosed in this record or as "
  "otherwise permitted by 42 CFR part 2. "
  "(ii) You are a covered entity or business associate and have received the "
  "record for treatment, payment, or health care operations, or "
  "(iii) You have received the record from a covered entity or business associate "
  "as permitted by 45 CFR part 164, subparts A and E. "
  "A general authorization for the release of medical or other information is NOT "
  "sufficient to meet the required elements of written consent to further use or "
  "redisclose the record (see 42 CFR 2.31).");

const char *
lw_policy_part2_notice (void)
{
  return part2_notice;
}

const char *
lw_policy_part2_notice_title (void)
{
  return "Notice of prohibition on redisclosure (42 CFR 2.32).";
}

const char *
lw_policy_part2_notice_translation (void)
{
  const char *text = _(part2_notice);

  return text != part2_notice && strcmp (text, part2_notice) != 0 ? text : NULL;
}

const char *
lw_policy_part2_notice_translation_label (void)
{
  return _("Translation of the notice above, for information only; the English text is the one the regulation prescribes:");
}

const char *
lw_level_to_string (LwLevel level)
{
  if ((int) level < 0 || level >= LW_N_LEVELS)
    return NULL;
  return level_names[level];
}

int
lw_level_from_string (const char *name)
{
  if (name == NULL)
    return -1;
  for (int i = 0; i < LW_N_LEVELS; i++)
    if (g_ascii_strcasecmp (level_names[i], name) == 0)
      return i;
  return -1;
}

static inline gboolean
role_is_valid (int role)
{
  return role >= 0 && role < LW_N_ROLES;
}

static inline gboolean
category_is_valid (int category)
{
  return category >= 0 && category < LW_N_CATEGORIES;
}

/* What a cell can show at most: a consent cell can show everything. */
static inline LwLevel
reach (LwLevel cell)
{
  return cell == LW_LEVEL_CONSENT ? LW_LEVEL_FULL : cell;
}

static inline LwLevel
clamp_cell (LwLevel    cell,
            LwRole     role,
            LwCategory category)
{
  LwLevel cap = cap_matrix[role][category];

  if ((int) cell < 0 || cell >= LW_N_LEVELS)
    return LW_LEVEL_NONE;
  return reach (cell) > cap ? cap : cell;
}

/* ----------------------------------------------------------------------------
 * The matrix
 */

void
lw_policy_default_matrix (LwPolicyMatrix *matrix)
{
  g_return_if_fail (matrix != NULL);

  memcpy (matrix->cells, default_matrix, sizeof matrix->cells);
}

LwLevel
lw_policy_default_cell (LwRole     role,
                        LwCategory category)
{
  g_return_val_if_fail (role_is_valid (role), LW_LEVEL_NONE);
  g_return_val_if_fail (category_is_valid (category), LW_LEVEL_NONE);

  return default_matrix[role][category];
}

LwLevel
lw_policy_cell_cap (LwRole     role,
                    LwCategory category)
{
  g_return_val_if_fail (role_is_valid (role), LW_LEVEL_NONE);
  g_return_val_if_fail (category_is_valid (category), LW_LEVEL_NONE);

  return cap_matrix[role][category];
}

gboolean
lw_policy_cell_has_floor (LwRole     role,
                          LwCategory category)
{
  g_return_val_if_fail (role_is_valid (role), FALSE);
  g_return_val_if_fail (category_is_valid (category), FALSE);

  return cap_matrix[role][category] != LW_LEVEL_FULL;
}

static char *
cell_key (LwRole     role,
          LwCategory category)
{
  return g_strdup_printf ("policy.%s.%s", lw_role_to_string (role),
                          lw_category_to_string (category));
}

static LwLevel
read_cell (LwStore    *store,
           LwRole      role,
           LwCategory  category)
{
  g_autofree char *key = cell_key (role, category);
  g_autofree char *value = lw_store_get_setting (store, key);
  int level;

  if (value == NULL)
    return default_matrix[role][category];
  level = lw_level_from_string (value);
  if (level < 0)
    {
      /* not a level: someone edited the file; show less, not more */
      g_debug ("Setting %s is not a level; reading it as none", key);
      return LW_LEVEL_NONE;
    }
  return clamp_cell (level, role, category);
}

#define MATRIX_CACHE "policy.matrix"

/* The matrix as the settings hold it: read once, then again only when the
 * settings may have changed (lw-store-private.h). */
static const LwPolicyMatrix *
cached_matrix (LwStore *store)
{
  LwPolicyMatrix *matrix = _lw_store_get_cached (store, MATRIX_CACHE);

  if (matrix != NULL)
    return matrix;
  matrix = g_new (LwPolicyMatrix, 1);
  for (int r = 0; r < LW_N_ROLES; r++)
    for (int c = 0; c < LW_N_CATEGORIES; c++)
      matrix->cells[r][c] = read_cell (store, r, c);
  _lw_store_set_cached (store, MATRIX_CACHE, matrix, g_free);
  return matrix;
}

void
lw_policy_load_matrix (LwStore        *store,
                       LwPolicyMatrix *matrix)
{
  g_return_if_fail (store != NULL);
  g_return_if_fail (matrix != NULL);

  *matrix = *cached_matrix (store);
}

LwLevel
lw_policy_get_cell (LwStore    *store,
                    LwRole      role,
                    LwCategory  category)
{
  g_return_val_if_fail (store != NULL, LW_LEVEL_NONE);
  g_return_val_if_fail (role_is_valid (role), LW_LEVEL_NONE);
  g_return_val_if_fail (category_is_valid (category), LW_LEVEL_NONE);

  return cached_matrix (store)->cells[role][category];
}

char *
lw_policy_clean_reason (const char *reason)
{
  char *text = g_utf8_make_valid (reason ? reason : "", -1);

  for (char *p = text; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  return g_strstrip (text);
}

gboolean
lw_policy_set (LwStore     *store,
               LwRole       role,
               LwCategory   category,
               LwLevel      level,
               const char  *reason,
               GError     **error)
{
  g_autofree char *why = NULL;
  g_autofree char *key = NULL;
  g_autofree char *detail = NULL;
  LwLevel old, cap;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (role_is_valid (role), FALSE);
  g_return_val_if_fail (category_is_valid (category), FALSE);
  g_return_val_if_fail ((int) level >= 0 && level < LW_N_LEVELS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  why = reason ? lw_policy_clean_reason (reason) : g_strdup ("");
  if (why[0] == '\0')
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("Give a reason for changing the need-to-know policy; it is kept in the audit log"));
      return FALSE;
    }

  old = read_cell (store, role, category);
  cap = cap_matrix[role][category];

  if (reach (level) > cap)
    {
      g_autoptr(GError) audit_error = NULL;

      detail = g_strdup_printf ("role=%s category=%s current=%s requested=%s refused: above the floor %s",
                                lw_role_to_string (role), lw_category_to_string (category),
                                level_names[old], level_names[level], level_names[cap]);
      if (!lw_audit_append_with_note (store, LW_AUDIT_POLICY_REFUSED, detail, why, &audit_error))
        {
          g_propagate_error (error, g_steal_pointer (&audit_error));
          return FALSE;
        }
      g_set_error (error, LW_ERROR, LW_ERROR_DENIED,
                   _("Refused: %s may never see %s above “%s”; this floor of the need-to-know policy cannot be lifted"),
                   lw_role_to_string (role), lw_category_to_string (category), level_names[cap]);
      return FALSE;
    }

  if (old == level)
    return TRUE;

  key = cell_key (role, category);
  detail = g_strdup_printf ("role=%s category=%s from=%s to=%s",
                            lw_role_to_string (role), lw_category_to_string (category),
                            level_names[old], level_names[level]);

  /* the change and its audit entry land together or not at all */
  if (!lw_store_begin (store, error))
    return FALSE;
  if (!lw_store_set_setting (store, key, level_names[level], error) ||
      !lw_audit_append_with_note (store, LW_AUDIT_POLICY_CHANGE, detail, why, error) ||
      !lw_store_commit (store, error))
    {
      lw_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

LwRole
lw_policy_most_restrictive_role (const LwPolicyMatrix *matrix)
{
  LwRole best = LW_ROLE_EVALUATOR;
  int best_score = G_MAXINT;

  g_return_val_if_fail (matrix != NULL, LW_ROLE_EVALUATOR);

  for (int r = 0; r < LW_N_ROLES; r++)
    {
      int score = 0;

      for (int c = 0; c < LW_N_CATEGORIES; c++)
        score += reach (clamp_cell (matrix->cells[r][c], r, c));
      /* <= : ties go to the later role */
      if (score <= best_score)
        {
          best_score = score;
          best = r;
        }
    }
  return best;
}

/* ----------------------------------------------------------------------------
 * Audiences
 */

typedef struct
{
  LwRole  role;
  char   *agency;
} Member;

struct _LwAudience
{
  GArray *members;   /* Member */
};

G_DEFINE_BOXED_TYPE (LwAudience, lw_audience, lw_audience_copy, lw_audience_free)

static void
member_clear (gpointer data)
{
  Member *m = data;

  g_clear_pointer (&m->agency, g_free);
}

LwAudience *
lw_audience_new (void)
{
  LwAudience *audience = g_new0 (LwAudience, 1);

  audience->members = g_array_new (FALSE, TRUE, sizeof (Member));
  g_array_set_clear_func (audience->members, member_clear);
  return audience;
}

LwAudience *
lw_audience_new_for_roles (guint roles)
{
  LwAudience *audience = lw_audience_new ();

  for (int r = 0; r < LW_N_ROLES; r++)
    if (roles & LW_ROLE_BIT (r))
      lw_audience_add_role (audience, r);
  return audience;
}

LwAudience *
lw_audience_copy (const LwAudience *audience)
{
  LwAudience *copy;

  g_return_val_if_fail (audience != NULL, NULL);

  copy = lw_audience_new ();
  for (guint i = 0; i < audience->members->len; i++)
    {
      const Member *m = &g_array_index (audience->members, Member, i);
      lw_audience_add_member (copy, m->role, m->agency);
    }
  return copy;
}

void
lw_audience_free (LwAudience *audience)
{
  if (audience == NULL)
    return;
  g_array_unref (audience->members);
  g_free (audience);
}

static gboolean
same_agency (const char *a,
             const char *b)
{
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  fa = g_utf8_casefold (a, -1);
  fb = g_utf8_casefold (b, -1);
  return strcmp (g_strstrip (fa), g_strstrip (fb)) == 0;
}

void
lw_audience_add_member (LwAudience *audience,
                        LwRole      role,
                        const char *agency)
{
  Member m;

  g_return_if_fail (audience != NULL);
  g_return_if_fail (role_is_valid (role));

  if (agency != NULL && agency[0] == '\0')
    agency = NULL;
  for (guint i = 0; i < audience->members->len; i++)
    {
      const Member *other = &g_array_index (audience->members, Member, i);
      if (other->role == role && same_agency (other->agency, agency))
        return;
    }
  m.role = role;
  m.agency = g_strdup (agency);
  g_array_append_val (audience->members, m);
}

void
lw_audience_add_role (LwAudience *audience,
                      LwRole      role)
{
  lw_audience_add_member (audience, role, NULL);
}

guint
lw_audience_get_roles (const LwAudience *audience)
{
  guint roles = 0;

  g_return_val_if_fail (audience != NULL, 0);

  for (guint i = 0; i < audience->members->len; i++)
    roles |= LW_ROLE_BIT (g_array_index (audience->members, Member, i).role);
  return roles;
}

gboolean
lw_audience_is_empty (const LwAudience *audience)
{
  g_return_val_if_fail (audience != NULL, TRUE);

  return audience->members->len == 0;
}

guint
lw_audience_get_n_members (const LwAudience *audience)
{
  g_return_val_if_fail (audience != NULL, 0);

  return audience->members->len;
}

LwRole
lw_audience_get_member (const LwAudience *audience,
                        guint             index,
                        const char      **agency)
{
  const Member *m;

  g_return_val_if_fail (audience != NULL, LW_ROLE_EVALUATOR);
  g_return_val_if_fail (index < audience->members->len, LW_ROLE_EVALUATOR);

  m = &g_array_index (audience->members, Member, index);
  if (agency)
    *agency = m->agency;
  return m->role;
}

LwAudience *
lw_audience_parse (const char  *text,
                   GError     **error)
{
  g_autoptr(LwAudience) audience = NULL;
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  audience = lw_audience_new ();
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *item = g_strstrip (parts[i]);
      char *at = strchr (item, '@');
      char *agency = NULL;
      int role;

      if (item[0] == '\0')
        continue;
      if (at != NULL)
        {
          *at = '\0';
          agency = g_strstrip (at + 1);
          g_strstrip (item);
        }
      role = lw_role_from_string (item);
      if (role < 0)
        {
          g_autofree char *names = g_strjoinv (", ", (char **) lw_role_info.names);
          g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                       _("“%s” is not a role; the roles are %s"), item, names);
          return NULL;
        }
      lw_audience_add_member (audience, role, agency);
    }
  if (lw_audience_is_empty (audience))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID, _("No role given"));
      return NULL;
    }
  return g_steal_pointer (&audience);
}

char *
lw_audience_to_string (const LwAudience *audience)
{
  g_autoptr(GString) s = NULL;

  g_return_val_if_fail (audience != NULL, NULL);

  /* in role order; a member with an agency as "role@agency", as parsed */
  s = g_string_new (NULL);
  for (int r = 0; r < LW_N_ROLES; r++)
    for (guint i = 0; i < audience->members->len; i++)
      {
        const Member *m = &g_array_index (audience->members, Member, i);

        if (m->role != (LwRole) r)
          continue;
        if (s->len > 0)
          g_string_append_c (s, ',');
        g_string_append (s, lw_role_to_string (m->role));
        if (m->agency != NULL)
          g_string_append_printf (s, "@%s", m->agency);
      }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* ----------------------------------------------------------------------------
 * Consent
 */

gboolean
lw_policy_consent_names (const LwConsent *consent,
                         LwRole           role,
                         const char      *agency)
{
  g_return_val_if_fail (consent != NULL, FALSE);

  if (agency != NULL && agency[0] == '\0')
    agency = NULL;
  /* a release that names an agency names only members of that agency: a
   * member whose agency is unknown (an audience given by role alone) is never
   * one of them */
  if (consent->recipient_agency != NULL && consent->recipient_agency[0] != '\0')
    {
      if (agency == NULL || !same_agency (consent->recipient_agency, agency))
        return FALSE;
      return consent->recipient_role < 0 || consent->recipient_role == (int) role;
    }
  return consent->recipient_role >= 0 && consent->recipient_role == (int) role;
}

gboolean
lw_policy_consent_is_valid (const LwConsent *consent,
                            const char      *today)
{
  g_return_val_if_fail (consent != NULL, FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  /* a value that failed to open could be any date: not valid */
  if (LW_RECORD (consent)->damaged != 0)
    return FALSE;
  if (!lw_date_is_valid (consent->signed_date) || strcmp (consent->signed_date, today) > 0)
    return FALSE;
  if (consent->expires != NULL &&
      (!lw_date_is_valid (consent->expires) || strcmp (consent->expires, today) < 0))
    return FALSE;
  if (consent->revoked != NULL &&
      (!lw_date_is_valid (consent->revoked) || strcmp (consent->revoked, today) <= 0))
    return FALSE;
  return TRUE;
}

static gboolean
consent_allows (GPtrArray  *consents,
                LwRole      role,
                const char *agency,
                LwCategory  category,
                const char *today)
{
  if (consents == NULL)
    return FALSE;
  for (guint i = 0; i < consents->len; i++)
    {
      const LwConsent *consent = g_ptr_array_index (consents, i);

      g_assert (LW_RECORD (consent)->table == &lw_consent_table);
      if ((consent->categories & LW_CATEGORY_BIT (category)) != 0 &&
          lw_policy_consent_names (consent, role, agency) &&
          lw_policy_consent_is_valid (consent, today))
        return TRUE;
    }
  return FALSE;
}

/* ----------------------------------------------------------------------------
 * Substance-use treatment programs (42 CFR Part 2)
 */

#define PART2_KEY "policy.part2_agencies"

char **
lw_policy_get_part2_agencies (LwStore *store)
{
  g_autofree char *value = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) lines = NULL;
  char **agencies;

  g_return_val_if_fail (store != NULL, NULL);

  /* read once, and again when the settings may have changed */
  agencies = _lw_store_get_cached (store, PART2_KEY);
  if (agencies != NULL)
    return g_strdupv (agencies);

  builder = g_strv_builder_new ();
  value = lw_store_get_setting (store, PART2_KEY);
  if (value != NULL)
    {
      lines = g_strsplit (value, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        if (g_strstrip (lines[i])[0] != '\0')
          g_strv_builder_add (builder, lines[i]);
    }
  agencies = g_strv_builder_end (builder);
  _lw_store_set_cached (store, PART2_KEY, agencies, (GDestroyNotify) g_strfreev);
  return g_strdupv (agencies);
}

/* A treatment program's name as compared: compatibility-normalised, case
 * folded, letters and digits only.  Loose on purpose: "Harbor  Detox", "Harbor
 * Detox." or a non-breaking space must not take a program's staff out of its
 * protection (a release, by contrast, is matched strictly: see same_agency). */
static char *
program_key (const char *agency)
{
  g_autofree char *normal = g_utf8_normalize (agency, -1, G_NORMALIZE_ALL_COMPOSE);
  g_autofree char *folded = NULL;
  GString *key = g_string_new (NULL);

  folded = g_utf8_casefold (normal ? normal : "", -1);
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}

gboolean
lw_policy_agency_in (const char * const *agencies,
                     const char         *agency)
{
  g_autofree char *key = NULL;

  if (agencies == NULL || agency == NULL || agency[0] == '\0')
    return FALSE;
  key = program_key (agency);
  if (key[0] == '\0')
    return FALSE;
  for (guint i = 0; agencies[i] != NULL; i++)
    {
      g_autofree char *other = program_key (agencies[i]);

      if (g_str_equal (key, other))
        return TRUE;
    }
  return FALSE;
}

gboolean
lw_policy_set_agency_part2 (LwStore     *store,
                            const char  *agency,
                            gboolean     part2,
                            const char  *reason,
                            GError     **error)
{
  g_auto(GStrv) agencies = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;
  g_autofree char *why = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (agency != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_strstrip (g_strdup (agency));
  if (name[0] == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, LW_ERROR, LW_ERROR_INVALID, _("Name the agency"));
      return FALSE;
    }
  for (const char *p = name; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      {
        g_set_error_literal (error, LW_ERROR, LW_ERROR_INVALID,
                             _("An agency’s name cannot hold control characters"));
        return FALSE;
      }
  why = reason ? lw_policy_clean_reason (reason) : g_strdup ("");
  if (why[0] == '\0')
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("Give a reason for changing the need-to-know policy; it is kept in the audit log"));
      return FALSE;
    }

  agencies = lw_policy_get_part2_agencies (store);
  if (lw_policy_agency_in ((const char * const *) agencies, name) == part2)
    return TRUE;

  builder = g_strv_builder_new ();
  for (guint i = 0; agencies[i] != NULL; i++)
    {
      const char *one[] = { agencies[i], NULL };

      /* every spelling of it goes when it is unmarked */
      if (!lw_policy_agency_in (one, name))
        g_strv_builder_add (builder, agencies[i]);
    }
  if (part2)
    g_strv_builder_add (builder, name);
  updated = g_strv_builder_end (builder);
  value = g_strjoinv ("\n", updated);

  /* agency names are not sensitive (members' agencies are stored in the clear) */
  detail = g_strdup_printf ("agency=%s part2=%s", name, part2 ? "yes" : "no");
  if (!lw_store_begin (store, error))
    return FALSE;
  if (!lw_store_set_setting (store, PART2_KEY, value[0] ? value : NULL, error) ||
      !lw_audit_append_with_note (store, LW_AUDIT_POLICY_CHANGE, detail, why, error) ||
      !lw_store_commit (store, error))
    {
      lw_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* ----------------------------------------------------------------------------
 * Levels
 */

static LwLevel
member_level (const LwPolicyMatrix *matrix,
              LwRole                role,
              const char           *agency,
              LwCategory            category,
              GPtrArray            *consents,
              const char           *today)
{
  LwLevel cell = clamp_cell (matrix->cells[role][category], role, category);

  if (cell == LW_LEVEL_CONSENT)
    return consent_allows (consents, role, agency, category, today) ? LW_LEVEL_FULL : LW_LEVEL_NONE;
  return cell;
}

void
lw_policy_resolve_levels (const LwPolicyMatrix *matrix,
                          const LwAudience     *audience,
                          GPtrArray            *consents,
                          const char           *today,
                          LwLevel               levels[LW_N_CATEGORIES])
{
  g_return_if_fail (levels != NULL);
  for (int c = 0; c < LW_N_CATEGORIES; c++)
    levels[c] = LW_LEVEL_NONE;
  g_return_if_fail (matrix != NULL);
  g_return_if_fail (audience != NULL);
  g_return_if_fail (today != NULL);

  for (int c = 0; c < LW_N_CATEGORIES; c++)
    {
      LwLevel level = LW_LEVEL_FULL;

      if (lw_audience_is_empty (audience))
        {
          /* nobody named: whoever might be watching, assume the least entitled */
          level = member_level (matrix, lw_policy_most_restrictive_role (matrix), NULL,
                                c, consents, today);
        }
      for (guint i = 0; i < audience->members->len; i++)
        {
          const Member *m = &g_array_index (audience->members, Member, i);
          level = MIN (level, member_level (matrix, m->role, m->agency, c, consents, today));
        }
      levels[c] = level;
    }
}

gboolean
lw_policy_get_levels (LwStore          *store,
                      const LwAudience *audience,
                      LwId              participant_id,
                      LwLevel           levels[LW_N_CATEGORIES],
                      GError          **error)
{
  g_autoptr(GPtrArray) consents = NULL;
  g_autofree char *today = NULL;
  LwPolicyMatrix matrix;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (audience != NULL, FALSE);
  g_return_val_if_fail (levels != NULL, FALSE);

  for (int c = 0; c < LW_N_CATEGORIES; c++)
    levels[c] = LW_LEVEL_NONE;
  consents = lw_model_list_for (store, &lw_consent_table, participant_id, error);
  if (consents == NULL)
    return FALSE;
  lw_policy_load_matrix (store, &matrix);
  today = lw_date_today ();
  lw_policy_resolve_levels (&matrix, audience, consents, today, levels);
  return TRUE;
}

LwLevel
lw_policy_get_level (LwStore          *store,
                     const LwAudience *audience,
                     LwId              participant_id,
                     LwCategory        category,
                     GError          **error)
{
  LwLevel levels[LW_N_CATEGORIES];

  g_return_val_if_fail (category_is_valid (category), LW_LEVEL_NONE);

  if (!lw_policy_get_levels (store, audience, participant_id, levels, error))
    return LW_LEVEL_NONE;
  return levels[category];
}

void
lw_policy_level_bounds (const LwPolicyMatrix *matrix,
                        const LwAudience     *audience,
                        LwLevel               least[LW_N_CATEGORIES],
                        LwLevel               most[LW_N_CATEGORIES])
{
  g_return_if_fail (matrix != NULL);
  g_return_if_fail (audience != NULL);

  lw_policy_resolve_levels (matrix, audience, NULL, "0000-01-01", least);
  for (int c = 0; c < LW_N_CATEGORIES; c++)
    {
      /* a consent cell can show all, within its floor */
      most[c] = LW_LEVEL_FULL;
      /* nobody named: the least entitled role, as lw_policy_resolve_levels () */
      if (lw_audience_is_empty (audience))
        {
          LwRole role = lw_policy_most_restrictive_role (matrix);

          most[c] = reach (clamp_cell (matrix->cells[role][c], role, c));
        }
      for (guint i = 0; i < audience->members->len; i++)
        {
          const Member *m = &g_array_index (audience->members, Member, i);

          most[c] = MIN (most[c], reach (clamp_cell (matrix->cells[m->role][c], m->role, c)));
        }
    }
}

guint
lw_policy_levels_shown (const LwLevel levels[LW_N_CATEGORIES])
{
  guint shown = 0;

  g_return_val_if_fail (levels != NULL, 0);

  for (int c = 0; c < LW_N_CATEGORIES; c++)
    if (levels[c] == LW_LEVEL_SUMMARY || levels[c] == LW_LEVEL_FULL)
      shown |= 1u << c;
  return shown;
}

gboolean
lw_policy_text_visible (LwCategory    category,
                        LwCategory    base,
                        const LwLevel levels[LW_N_CATEGORIES])
{
  g_return_val_if_fail (levels != NULL, FALSE);
  g_return_val_if_fail (category_is_valid (category) && category_is_valid (base), FALSE);

  return levels[category] == LW_LEVEL_FULL && levels[base] == LW_LEVEL_FULL;
}

char *
lw_policy_person_label (const LwPerson     *person,
                        const char * const *part2_agencies,
                        const LwLevel       levels[LW_N_CATEGORIES])
{
  g_return_val_if_fail (levels != NULL, NULL);

  if (person == NULL)
    return NULL;
  if (lw_policy_agency_in (part2_agencies, person->agency) &&
      levels[LW_CATEGORY_SUBSTANCE_USE] != LW_LEVEL_FULL)
    return g_strdup (lw_role_to_label (person->role));
  return g_strdup (person->name);
}

gboolean
lw_policy_show_action (const LwActionItem  *action,
                       const LwLevel        levels[LW_N_CATEGORIES],
                       const char         **text)
{
  LwCategory category;

  g_return_val_if_fail (action != NULL, FALSE);
  g_return_val_if_fail (levels != NULL, FALSE);

  if (text)
    *text = NULL;
  category = lw_model_text_category (action);
  if (!lw_policy_action_shown (category, levels))
    return FALSE;
  if (text && levels[LW_CATEGORY_PLAN] == LW_LEVEL_FULL)
    *text = action->text;
  return TRUE;
}

gboolean
lw_policy_action_shown (LwCategory    category,
                        const LwLevel levels[LW_N_CATEGORIES])
{
  g_return_val_if_fail (levels != NULL, FALSE);
  g_return_val_if_fail (category_is_valid (category), FALSE);

  /* all or nothing: the owner and the date of a treatment item say enough */
  if (category != LW_CATEGORY_PLAN)
    return lw_policy_text_visible (category, LW_CATEGORY_PLAN, levels);
  return levels[LW_CATEGORY_PLAN] != LW_LEVEL_NONE;
}
