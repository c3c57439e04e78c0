/* lw-view.h: what an audience may see of a participant
 *
 * A view is the only form in which participant data leaves the core for a
 * screen, a projector or a file.  It is built from the participant's records and
 * an audience by copying in only what the audience's levels allow: a hidden field
 * is never copied into the view, so there is nothing to blank later and nothing to
 * leak by mistake.
 *
 * Every field is keyed "category.field" ("identity.legal_name", "legal.matters",
 * "care_notes.contacts") and carries the level it is shown at, full or summary.
 * At full: the participant's own columns of that category and the related records
 * (plan goals and open action items under plan, contacts, releases of information
 * and discussion notes under care_notes, legal matters and diversion decisions
 * under legal, prosecution notes under prosecution, community concerns under
 * location).  At summary, DESIGN.md's summaries, which never carry free text:
 *
 *   identity       identity.initials        initials of the preferred (else legal) name
 *   status         status.status            the status label, "Active"
 *   plan           plan.goals               "3 of 5 goals met" (dropped goals not counted)
 *                  plan.action_items        owner and due date of each open item, no text
 *   housing        housing.housing_status   the status label, no notes
 *   health         health.health_notes      "Health information on file" when there is any
 *   substance_use  substance_use.substance_use  "Substance use information on file"
 *   legal          legal.matters            "A matter is pending" / "No pending matters"
 *   prosecution    prosecution.notes        latest position label of each pending matter
 *   care_notes     care_notes.contacts      number of contacts and the date of the last
 *   location       location.neighbourhood   the neighbourhood only
 *
 * A view that holds any substance-use field (at any level: under 42 CFR Part 2
 * even the fact of treatment is protected), or a release of information that
 * covers substance use, carries the redisclosure notice, and every surface that
 * shows or exports the view must show it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "lw-model.h"
#include "lw-policy.h"
#include "lw-store.h"

G_BEGIN_DECLS

typedef enum
{
  LW_VIEW_VALUE_TEXT,
  LW_VIEW_VALUE_BOOL,
  LW_VIEW_VALUE_LIST,    /* of LW_VIEW_VALUE_OBJECT */
  LW_VIEW_VALUE_OBJECT,  /* named members, in order */
} LwViewValueType;

typedef struct _LwViewValue LwViewValue;
struct _LwViewValue
{
  LwViewValueType  type;
  char            *name;      /* member name inside an object, else NULL */
  const char      *label;     /* its column's label (untranslated msgid), else NULL */
  char            *text;      /* TEXT */
  gboolean         boolean;   /* BOOL */
  GPtrArray       *children;  /* LIST and OBJECT: LwViewValue */
};

typedef struct
{
  char        *key;        /* "category.field" */
  LwCategory   category;
  LwLevel      level;      /* LW_LEVEL_FULL or LW_LEVEL_SUMMARY */
  const char  *label;      /* human-readable, translated */
  LwViewValue *value;
} LwViewField;

typedef enum
{
  LW_VIEW_DEFAULT          = 0,
  /* Appends an LW_AUDIT_VIEW entry (audience, participant code, the categories
   * shown at full; never a value) when any category is shown above summary.  Set
   * it whenever a person will see the view (a screen, the projector, an export,
   * the command line); leave it unset for internal uses such as sorting or
   * counting, which would flood the log.  If the entry cannot be written, no view
   * is made. */
  LW_VIEW_AUDITED          = 1 << 0,
  /* Only the participant's own fields: no related records, and no summaries
   * made from them (for lists). */
  LW_VIEW_PARTICIPANT_ONLY = 1 << 1,
} LwViewFlags;

typedef struct _LwParticipantView LwParticipantView;

/* Needs an unlocked store.  The audience is copied. */
LwParticipantView *lw_policy_view_participant (LwStore             *store,
                                               const LwAudience    *audience,
                                               const LwParticipant *participant,
                                               LwViewFlags          flags,
                                               GError             **error);
/* The same with a matrix already loaded (lw_policy_load_matrix()), for views of
 * many participants in a row.  Floors are applied again. */
LwParticipantView *lw_policy_view_participant_with_matrix (LwStore              *store,
                                                           const LwPolicyMatrix *matrix,
                                                           const LwAudience     *audience,
                                                           const LwParticipant  *participant,
                                                           LwViewFlags           flags,
                                                           GError              **error);
/* The same, with the people on the record (owners, staff, authors) named as
 * they would be to names_for too: the staff of a substance-use treatment
 * program by role unless both audiences see substance use in full.  For a
 * field copied from one audience's view to another (a reveal to the room). */
LwParticipantView *lw_policy_view_participant_named_for (LwStore              *store,
                                                         const LwPolicyMatrix *matrix,
                                                         const LwAudience     *audience,
                                                         const LwAudience     *names_for,
                                                         const LwParticipant  *participant,
                                                         LwViewFlags           flags,
                                                         GError              **error);
/* The views of many participants at once (ids; those that exist, in that
 * order), as lw_policy_view_participant() would make each, with each table
 * read once for all of them: the participants (only the columns their views
 * may show), their releases, the people named and, unless
 * LW_VIEW_PARTICIPANT_ONLY, the related records.  matrix NULL: the store's.
 * keys, when not NULL, names the participant's own fields wanted
 * ("identity.legal_name", "status.status", "identity.initials"): the views
 * hold no other field, and read none for the categories of no key (their
 * levels are none).  With LW_VIEW_AUDITED, one audit entry per view. */
GPtrArray         *lw_policy_view_participants    (LwStore              *store,
                                                   const LwPolicyMatrix *matrix,
                                                   const LwAudience     *audience,
                                                   const LwId           *ids,
                                                   guint                 n_ids,
                                                   const char * const   *keys,
                                                   LwViewFlags           flags,
                                                   GError              **error);
/* Wipes every value before freeing. */
void               lw_participant_view_free       (LwParticipantView *view);

LwId               lw_participant_view_get_id     (const LwParticipantView *view);
const char        *lw_participant_view_get_code   (const LwParticipantView *view);
const LwAudience  *lw_participant_view_get_audience (const LwParticipantView *view);
LwLevel            lw_participant_view_get_level  (const LwParticipantView *view,
                                                   LwCategory               category);
/* Categories above none, as a mask with bit (1 << category). */
guint              lw_participant_view_get_shown  (const LwParticipantView *view);
/* The redisclosure notice when the view holds substance-use information, else NULL. */
const char        *lw_participant_view_get_notice (const LwParticipantView *view);
guint              lw_participant_view_get_n_fields (const LwParticipantView *view);
const LwViewField *lw_participant_view_get_field  (const LwParticipantView *view,
                                                   guint                    index);
/* NULL when the field is not in the view. */
const LwViewField *lw_participant_view_lookup     (const LwParticipantView *view,
                                                   const char              *key);

/* The plan's summary: "3 of 5 goals met" (dropped goals not counted by the
 * caller), or "No plan goals yet". */
char              *lw_view_goal_progress          (guint                    met,
                                                   guint                    counted);
/* A value as one line of text ("Active"; list items joined by "; "). */
char              *lw_view_value_to_text          (const LwViewValue *value);
JsonNode          *lw_view_value_to_json          (const LwViewValue *value);
/* { "code", "audience": [role names], "notice": text or null,
 *   "fields": { "category.field": { "level": "full"|"summary", "value": ... } } } */
JsonNode          *lw_participant_view_to_json    (const LwParticipantView *view);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwParticipantView, lw_participant_view_free)

G_END_DECLS
