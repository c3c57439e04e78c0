/* lw-summary-private.h: what the agenda's rules know of each participant, kept
 * up to date on every write
 *
 * The suggestion rules (lw-agenda-suggest.c) read, for each participant, a few
 * facts spread over six tables: status, its last change, the referral date,
 * the last contact and the staff flag; the dates of the contacts that reached
 * them; the next court dates of their pending matters, each with the date of
 * its latest prosecution position; the due dates of their open action items
 * about the plan; and their releases of information.  None of these depends
 * on the meeting, so they are kept per participant in one sealed value (table
 * participant_summary, migration 6).  Triggers on those six tables mark a
 * participant stale on every insert, update and delete,
 * whoever writes; the store brings stale summaries up to date before each
 * commit it makes while unlocked and writable.  A reader that finds a summary
 * stale, missing or not opening computes the facts from the records instead,
 * so a read-only session or a damaged summary changes nothing but the time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lw/lw-model.h"
#include "lw/lw-store.h"

G_BEGIN_DECLS

/* A release of information, as the rules compare them. */
typedef struct
{
  int          recipient_role;   /* LwRole, -1 for any role of the agency */
  const char  *recipient_agency;
  gint64       categories;
  const char  *signed_date;
  const char  *expires;
  const char  *revoked;
  gboolean     damaged;          /* some column did not open: never valid */
} LwFactsConsent;

/* Dates as day numbers (1 for 0001-01-01, as g_date_get_julian ()), 0 for
 * none: compared and subtracted as numbers. */
typedef guint32 LwDay;

LwDay       _lw_day_from_date       (const char  *date);
/* "YYYY-MM-DD"; NULL for 0. */
char       *_lw_day_to_date         (LwDay        day);

/* A pending legal matter with a next court date. */
typedef struct
{
  LwDay        court_date;      /* the next court date */
  LwDay        position_date;   /* the latest prosecution position's date, 0 for none */
} LwFactsCourt;

/* One participant's facts.  Strings point into the facts' own memory. */
typedef struct
{
  LwId              participant_id;
  const char       *code;
  int               status;           /* LwParticipantStatus */
  gboolean          flagged;
  LwDay             status_changed;   /* 0 when unset */
  LwDay             referral_date;
  LwDay             last_contact;
  guint             n_contacts;       /* distinct dates of contacts that reached them, newest first */
  LwDay            *contacts;
  guint             n_courts;         /* pending matters with a next court date */
  LwFactsCourt     *courts;
  guint             n_due;            /* due dates of open action items about the plan, one per item */
  LwDay            *due;
  guint             n_consents;
  LwFactsConsent   *consents;
  /* private: the encoded form, which the strings point into */
  guint8           *data;
  gsize             len;
} LwFacts;

void        _lw_facts_free          (LwFacts     *facts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwFacts, _lw_facts_free)

/* The facts of every participant: participant id → LwFacts (owned).  From the
 * summaries, and from the records for those whose summary is stale, missing
 * or damaged.  Needs an unlocked store. */
GHashTable *_lw_summary_read_all    (LwStore     *store,
                                     GError     **error);
/* The facts of participants computed from their records (ids NULL: every
 * participant), participant id → LwFacts. */
GHashTable *_lw_facts_compute       (LwStore     *store,
                                     const LwId  *ids,
                                     guint        n_ids,
                                     GError     **error);
/* Brings stale summaries up to date, inside the caller's transaction.  Does
 * nothing while locked or read-only, or before migration 6. */
gboolean    _lw_summary_refresh     (LwStore     *store,
                                     GError     **error);
/* Names every summary that does not open, or that says otherwise than the
 * records while not marked stale (lw_store_check ()). */
void        _lw_summary_check       (LwStore     *store,
                                     GPtrArray   *problems);

G_END_DECLS
