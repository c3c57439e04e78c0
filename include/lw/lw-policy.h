/* lw-policy.h: need to know — levels, the matrix and its floors, consent gating
 * and audiences
 *
 * The matrix gives, for every role and field category, a cell: none, summary,
 * full, or consent.  It starts as DESIGN.md's default and is stored in the
 * program's settings under "policy.<role>.<category>" (absent: the default), so
 * the schema stays the store's.  Floors cap some cells forever (the golden rule and
 * the community agreement): no edit, and no value found in the file, lifts a cell
 * above its cap.
 *
 * A consent cell is full only while the participant has a release of information
 * naming that recipient for that category that is signed, not expired and not
 * revoked (see lw_policy_consent_names()); else none.
 *
 * An audience is a set of roles, optionally with agencies.  Its level for a
 * category is the lowest level of its members.  An empty audience is treated as the
 * most restrictive role (lw_policy_most_restrictive_role()), never as nobody.
 *
 * Views of a participant are made in lw-view.h, from the levels computed here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib-object.h>

#include "lw-model.h"
#include "lw-store.h"
#include "lw-types.h"

G_BEGIN_DECLS

/* Ordered: a lower level shows less.  LW_LEVEL_CONSENT is a value of a matrix
 * cell only; resolved against a participant's consents it becomes full or none. */
typedef enum
{
  LW_LEVEL_NONE,
  LW_LEVEL_SUMMARY,
  LW_LEVEL_FULL,
  LW_LEVEL_CONSENT,
  LW_N_LEVELS
} LwLevel;

#define LW_ROLE_BIT(role) (1u << (role))
#define LW_ALL_ROLES ((1u << LW_N_ROLES) - 1)
/* As in LwConsent.categories. */
#define LW_CATEGORY_BIT(category) (G_GINT64_CONSTANT (1) << (category))

/* "none", "summary", "full", "consent"; from_string returns -1 when unknown. */
const char *lw_level_to_string   (LwLevel     level);
int         lw_level_from_string (const char *name);

/* The matrix, one cell per role and category. */
typedef struct
{
  LwLevel cells[LW_N_ROLES][LW_N_CATEGORIES];
} LwPolicyMatrix;

/* DESIGN.md's table. */
void     lw_policy_default_matrix    (LwPolicyMatrix *matrix);
LwLevel  lw_policy_default_cell      (LwRole          role,
                                      LwCategory      category);
/* The highest cell an edit may set: LW_LEVEL_FULL when there is no floor, else
 * LW_LEVEL_NONE or LW_LEVEL_SUMMARY.  A consent cell counts as full here, since
 * that is what it can show. */
LwLevel  lw_policy_cell_cap          (LwRole          role,
                                      LwCategory      category);
gboolean lw_policy_cell_has_floor    (LwRole          role,
                                      LwCategory      category);

/* The current matrix, floors applied.  A stored value that is not a level name
 * reads as none (fail closed). */
void     lw_policy_load_matrix       (LwStore        *store,
                                      LwPolicyMatrix *matrix);
LwLevel  lw_policy_get_cell          (LwStore        *store,
                                      LwRole          role,
                                      LwCategory      category);

/* Sets one cell.  reason (required, the user's words) goes to the audit log.
 * Lowering is always allowed; a cell above its floor's cap is refused with
 * LW_ERROR_DENIED and an LW_AUDIT_POLICY_REFUSED entry.  An accepted change
 * writes the setting and an LW_AUDIT_POLICY_CHANGE entry (role, category, old
 * and new level, reason) in one transaction.  Setting a cell to its current value
 * changes nothing and is not audited. */
gboolean lw_policy_set               (LwStore        *store,
                                      LwRole          role,
                                      LwCategory      category,
                                      LwLevel         level,
                                      const char     *reason,
                                      GError        **error);

/* The role whose row shows least (consent cells counted as full, the most they
 * can show); ties go to the later role, so with the default matrix it is the
 * evaluator. */
LwRole   lw_policy_most_restrictive_role (const LwPolicyMatrix *matrix);

/* Audiences.  Members are roles, each optionally with an agency; an agency only
 * matters for consents that name one. */
typedef struct _LwAudience LwAudience;

GType        lw_audience_get_type       (void) G_GNUC_CONST;
LwAudience  *lw_audience_new            (void);
/* roles: a mask of LW_ROLE_BIT () */
LwAudience  *lw_audience_new_for_roles  (guint              roles);
LwAudience  *lw_audience_copy           (const LwAudience *audience);
void         lw_audience_free           (LwAudience       *audience);
void         lw_audience_add_role       (LwAudience       *audience,
                                         LwRole            role);
void         lw_audience_add_member     (LwAudience       *audience,
                                         LwRole            role,
                                         const char       *agency);
guint        lw_audience_get_roles      (const LwAudience *audience);
gboolean     lw_audience_is_empty       (const LwAudience *audience);
guint        lw_audience_get_n_members  (const LwAudience *audience);
LwRole       lw_audience_get_member     (const LwAudience *audience,
                                         guint             index,
                                         const char      **agency);
/* "prosecutor,public-defender" or "service-provider@Evergreen Recovery Services";
 * LW_ERROR_INVALID naming the first unknown role. */
LwAudience  *lw_audience_parse          (const char       *text,
                                         GError          **error);
/* The members, in role order, joined by commas ("" when empty): a role name,
 * or "role@agency" for a member whose agency is known (what
 * lw_audience_parse() reads back). */
char        *lw_audience_to_string      (const LwAudience *audience);

/* Whether consent names a member with role and agency (agency may be NULL):
 * - a consent for a role alone names every member of that role;
 * - a consent that names an agency (with or without a role) names only members
 *   of that agency (and of that role, when it has one), never a member whose
 *   agency is unknown: an audience given by role alone never matches it. */
gboolean lw_policy_consent_names     (const LwConsent *consent,
                                      LwRole           role,
                                      const char      *agency);
/* Signed on or before today, not expired before today, not revoked on or before
 * today.  today is "YYYY-MM-DD". */
gboolean lw_policy_consent_is_valid  (const LwConsent *consent,
                                      const char      *today);

/* Substance-use treatment programs.  Under 42 CFR Part 2, that someone is a
 * patient of such a program is itself protected: a member of an agency marked
 * here, named on a participant's record (owner, author, staff, case manager),
 * is shown by name only where substance_use may be seen at full, and otherwise
 * by role alone.  The list is a program setting; a change is audited as a
 * policy change with the reason sealed (LW_ERROR_INVALID without a reason). */
char   **lw_policy_get_part2_agencies (LwStore            *store);
/* Whether agency is in agencies, compared loosely so that no spelling of a
 * program escapes it: compatibility-normalised, case folded, letters and
 * digits only ("Harbor  Detox." is "Harbor Detox"). */
gboolean lw_policy_agency_in          (const char * const *agencies,
                                       const char         *agency);
gboolean lw_policy_set_agency_part2   (LwStore            *store,
                                       const char         *agency,
                                       gboolean            part2,
                                       const char         *reason,
                                       GError            **error);

/* The level of every category for an audience and a participant whose consents
 * (LwConsent records) are given.  Pure: no store, no audit.  matrix is clamped to
 * the floors again here, so a hand-made matrix cannot lift one. */
void     lw_policy_resolve_levels    (const LwPolicyMatrix *matrix,
                                      const LwAudience     *audience,
                                      GPtrArray            *consents,
                                      const char           *today,
                                      LwLevel               levels[LW_N_CATEGORIES]);
/* The same, reading the matrix and the participant's consents from the store. */
gboolean lw_policy_get_levels        (LwStore             *store,
                                      const LwAudience    *audience,
                                      LwId                 participant_id,
                                      LwLevel              levels[LW_N_CATEGORIES],
                                      GError             **error);
/* One category; LW_LEVEL_NONE with error set on failure. */
LwLevel  lw_policy_get_level         (LwStore             *store,
                                      const LwAudience    *audience,
                                      LwId                 participant_id,
                                      LwCategory           category,
                                      GError             **error);
/* The levels of an audience with no release of information (least) and with
 * every release it could have (most): what a list of many participants may
 * show, before their releases are read.  Pure. */
void     lw_policy_level_bounds      (const LwPolicyMatrix *matrix,
                                      const LwAudience     *audience,
                                      LwLevel               least[LW_N_CATEGORIES],
                                      LwLevel               most[LW_N_CATEGORIES]);
/* Categories above none, as a mask with bit (1 << category). */
guint    lw_policy_levels_shown      (const LwLevel        levels[LW_N_CATEGORIES]);

/* Free text whose column is of category base and that is of category (see
 * lw_model_category_of()) is shown only at full in both. */
gboolean lw_policy_text_visible      (LwCategory           category,
                                      LwCategory           base,
                                      const LwLevel        levels[LW_N_CATEGORIES]);
/* How a workgroup member named on a participant's record is shown at levels:
 * the name, or the role alone for staff of a substance-use treatment program
 * where substance_use is not at full (part2_agencies from
 * lw_policy_get_part2_agencies()).  NULL for NULL. */
char    *lw_policy_person_label      (const LwPerson      *person,
                                      const char * const  *part2_agencies,
                                      const LwLevel        levels[LW_N_CATEGORIES]);
/* Whether an action item may be shown at levels (those of its participant, or
 * of the audience alone when it has none).  An item marked as concerning
 * health or treatment is shown whole or not at all; an unmarked one always
 * shows its owner and due date, and *text (may be NULL) receives its text
 * where plan is at full, else NULL. */
gboolean lw_policy_show_action       (const LwActionItem  *action,
                                      const LwLevel        levels[LW_N_CATEGORIES],
                                      const char         **text);
/* The same rule for an item of which only the category is kept
 * (lw_model_text_category () of it): whether it is shown at all. */
gboolean lw_policy_action_shown      (LwCategory           category,
                                      const LwLevel        levels[LW_N_CATEGORIES]);

/* A reason a person typed, as one printable line (control characters as
 * spaces, invalid UTF-8 replaced, trimmed), as the audit log keeps it. */
char    *lw_policy_clean_reason      (const char          *reason);

/* The redisclosure notice of 42 CFR 2.32(a)(1), which must accompany substance
 * use disorder information disclosed with the participant's consent. */
const char *lw_policy_part2_notice   (void);
/* Its heading, English too. */
const char *lw_policy_part2_notice_title (void);
/* The notice in the calling thread's language (see lw-i18n.h), NULL when that
 * is English; printed beneath the English one with the label. */
const char *lw_policy_part2_notice_translation (void);
const char *lw_policy_part2_notice_translation_label (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwAudience, lw_audience_free)

G_END_DECLS
