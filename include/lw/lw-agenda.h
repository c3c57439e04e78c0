/* lw-agenda.h: meetings, the rules that propose an agenda, time budgets,
 * carry-over, attendance and the room's audience
 *
 * Nothing here makes a view: suggestions and agenda items carry reason codes and
 * participant ids, and each reason code maps to a need-to-know category
 * (lw_agenda_reason_category()) so that whoever shows them can redact them for
 * an audience through the policy engine.
 *
 * One header, six files, each owning one part: lw-agenda-reasons.c (reason
 * codes), lw-agenda.c (meetings and their items), lw-agenda-suggest.c (the
 * rules and applying them), lw-actions.c (action items, carry-over, closing),
 * lw-attendance.c (attendance and the room's audience), lw-due.c (due dates in
 * plain words).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lw-model.h"
#include "lw-policy.h"
#include "lw-store.h"
#include "lw-types.h"

G_BEGIN_DECLS

/* ----------------------------------------------------------------------------
 * Reasons for discussing a participant.  The codes are stored, comma separated,
 * in LwAgendaItem.reasons; the order here is the order they are written in.
 */
typedef enum
{
  LW_REASON_NEW_REFERRAL,        /* "new-referral": status */
  LW_REASON_COURT_DATE_SOON,     /* "court-date-soon": legal */
  LW_REASON_ACTION_ITEMS_DUE,    /* "action-items-due": plan */
  LW_REASON_NO_CONTACT,          /* "no-contact-14-days": status */
  LW_REASON_STATUS_CHANGE,       /* "status-change": status */
  LW_REASON_COMMUNITY_CONCERN,   /* "community-concern": location */
  LW_REASON_FLAGGED,             /* "flagged": status */
  LW_REASON_NOT_REACHED,         /* "not-reached": status */
  LW_REASON_CONSENT_EXPIRING,    /* "consent-expiring": care_notes */
  LW_REASON_POSITION_NEEDED,     /* "position-needed": prosecution (and legal) */
  LW_N_REASONS
} LwAgendaReason;

const char *lw_agenda_reason_to_string   (LwAgendaReason reason);
/* -1 for an unknown code. */
int         lw_agenda_reason_from_string (const char    *code);
/* The category an audience must be allowed to see (at summary or full) for the
 * reason to be shown.  An unknown code is treated as care notes, so that only
 * the care team sees it. */
LwCategory  lw_agenda_reason_category    (const char    *code);
/* Whether an audience at levels may see a reason: only when it sees at full
 * every field the reason is computed from (and "no contact", which also reads
 * the contact log's last date, with care notes at summary or above).  An
 * unknown code is free text: care notes at full only. */
gboolean    lw_agenda_reason_visible     (const char    *code,
                                          const LwLevel  levels[LW_N_CATEGORIES]);
/* What stands in for the reasons an audience may not see: "Review due". */
#define LW_AGENDA_REVIEW_DUE "review-due"
/* The labels of a stored reasons column as an audience at levels may see them:
 * each visible reason, then one "Review due" if any is hidden.  Never NULL. */
GPtrArray  *lw_agenda_reason_labels      (const char    *reasons,
                                          const LwLevel  levels[LW_N_CATEGORIES]);
/* Human-readable and translated; an unknown code is returned as it is. */
const char *lw_agenda_reason_label       (const char    *code);
/* A topic item's title as an audience at levels may see it: the title is plan
 * information (or what the item is marked as concerning), shown only at full;
 * else "Topic".  Never NULL. */
char       *lw_agenda_topic_title        (const LwAgendaItem *item,
                                          const LwLevel       levels[LW_N_CATEGORIES]);
/* Splits a stored reasons column ("a,b") into codes; never NULL. */
char      **lw_agenda_reasons_split      (const char    *reasons);

/* ----------------------------------------------------------------------------
 * Meetings
 */

/* spec is a meeting id ("7"), a date ("2026-12-01") or "next": the first meeting
 * on or after today (lw_date_today()) that is not closed.  For a date with more
 * than one meeting, the first one not closed (else the first) is taken. */
LwMeeting  *lw_agenda_resolve_meeting    (LwStore          *store,
                                          const char       *spec,
                                          GError          **error);
/* Every meeting, oldest first (by date, start time, id). */
GPtrArray  *lw_agenda_list_meetings      (LwStore          *store,
                                          GError          **error);
/* The last closed meeting before meeting (by date; the same date counts when
 * its id is lower).  NULL with no error when there is none. */
LwMeeting  *lw_agenda_previous_meeting   (LwStore          *store,
                                          const LwMeeting  *meeting,
                                          GError          **error);
/* The date of the first meeting after date that is not closed, or NULL with no
 * error when none is planned (for "next meeting" due dates). */
char       *lw_agenda_next_meeting_date  (LwStore          *store,
                                          const char       *date,
                                          GError          **error);

/* ----------------------------------------------------------------------------
 * Agenda suggestion
 *
 * For a meeting on date D, with L the previous closed meeting (or, when there is
 * none, the 14 days before D) and "as of" the earlier of today and D, a
 * participant is suggested for:
 *
 *   new-referral        referred after L (on L's date too, if not discussed at L)
 *   court-date-soon     a pending legal matter with its next court date from
 *                       "as of" up to D + 14 days
 *   action-items-due    open action items of the participant due on or before D
 *   no-contact-14-days  active, and 14 days or more from the newest of
 *                       last_contact and the contact dates to "as of" (an
 *                       attempted contact that reached nobody does not count)
 *   status-change       status changed after L (as for new-referral); not for
 *                       participants still "referred"
 *   community-concern   an open or responded (not closed) community concern, raised on or
 *                       before D, names them
 *   flagged             flagged by staff
 *   not-reached         their item at L was never started (carried over)
 *   consent-expiring    a release of information in effect "as of" expires
 *                       by D + 30 days (LW_EDIT_CONSENT_EXPIRY_DAYS), and no
 *                       other release in effect for the same recipient and
 *                       categories runs beyond that
 *   position-needed     a pending legal matter whose next court date falls
 *                       from "as of" to before the meeting after D (or D + 14
 *                       days when none is planned), with no prosecution
 *                       position dated on or after L
 *
 * Exited participants are suggested only for a status change.
 *
 * Urgency is the sum of the weights of the reasons:
 *
 *   court-date-soon     40, plus 2 for each day the court date is closer than
 *                       14 days after D (so 40..68: the soonest first)
 *   position-needed     35
 *   new-referral        30
 *   flagged             25
 *   action-items-due    20, plus 4 for each further item due (at most 36)
 *   not-reached         20
 *   no-contact-14-days  15, plus 1 for each full week beyond 14 days (at most
 *                       25; 25 when never contacted)
 *   community-concern   15
 *   status-change       10
 *   consent-expiring    10
 *
 * Ties go to the soonest court date, then the longest without contact, then the
 * participant code.  The suggested time budget is 3 minutes for one reason and 2
 * more for each further reason, at most 10 minutes.
 *
 * Every table is read once: the work grows with the size of the program, not
 * with the number of participants times anything.
 */

#define LW_AGENDA_NO_CONTACT_DAYS   14
#define LW_AGENDA_COURT_WINDOW_DAYS 14
/* as LW_EDIT_CONSENT_EXPIRY_DAYS */
#define LW_AGENDA_CONSENT_WINDOW_DAYS 30

typedef struct
{
  LwId      participant_id;
  char     *code;                  /* the participant code: the room may see it */
  guint     reasons;               /* bit (1 << LwAgendaReason) per reason */
  int       urgency;               /* higher is more urgent */
  gint64    time_budget;           /* seconds */
  gboolean  on_agenda;             /* already an item of the meeting */
  /* what the rules found, for whoever may see it */
  char     *court_date;            /* legal: the soonest court date in the window */
  guint     n_actions_due;         /* plan: open action items due by the meeting */
  int       days_without_contact;  /* status: as of the "as of" date; -1 if never */
  LwId      concern_id;            /* location: the open concern naming them */
  char     *consent_expires;       /* care_notes: the soonest expiry of a release in the window */
  int       weights[LW_N_REASONS]; /* what each reason added to urgency; 0 if absent */
} LwAgendaSuggestion;

void        lw_agenda_suggestion_free    (LwAgendaSuggestion *suggestion);
/* Urgency and time budget counting only some reasons (a mask of 1 << reason), so
 * that an audience that may not see a reason cannot infer it from the numbers. */
int         lw_agenda_suggestion_urgency (const LwAgendaSuggestion *suggestion,
                                          guint             reasons);
gint64      lw_agenda_budget_for_reasons (guint             reasons);
/* Comma-separated reason codes, as stored in LwAgendaItem.reasons. */
char       *lw_agenda_reasons_to_string  (guint             reasons);

/* Suggestions for meeting, most urgent first (LwAgendaSuggestion, freed with
 * the array).  Participants already on the agenda are included, marked on_agenda. */
GPtrArray  *lw_agenda_suggest            (LwStore          *store,
                                          const LwMeeting  *meeting,
                                          GError          **error);
/* Appends the suggestions not yet on the agenda, in their order, in one
 * transaction: all of them or none.  n_added may be NULL. */
gboolean    lw_agenda_apply_suggestions  (LwStore          *store,
                                          const LwMeeting  *meeting,
                                          GPtrArray        *suggestions,
                                          guint            *n_added,
                                          GError          **error);

/* ----------------------------------------------------------------------------
 * Editing the agenda.  Positions of a meeting's items are always 0..n-1.  A
 * closed meeting's agenda cannot change (LW_ERROR_INVALID).
 */

#define LW_AGENDA_DEFAULT_BUDGET 300  /* seconds, when the caller gives 0 */

/* The meeting's items by position (LwAgendaItem, freed with the array). */
GPtrArray    *lw_agenda_list_items       (LwStore          *store,
                                          LwId              meeting_id,
                                          GError          **error);
/* LW_ERROR_EXISTS if the participant is already on the agenda. */
LwAgendaItem *lw_agenda_add_participant  (LwStore          *store,
                                          LwId              meeting_id,
                                          LwId              participant_id,
                                          const char       *reasons,
                                          gint64            time_budget,
                                          GError          **error);
LwAgendaItem *lw_agenda_add_topic        (LwStore          *store,
                                          LwId              meeting_id,
                                          const char       *title,
                                          gint64            time_budget,
                                          GError          **error);
LwAgendaItem *lw_agenda_add_concern      (LwStore          *store,
                                          LwId              meeting_id,
                                          LwId              concern_id,
                                          gint64            time_budget,
                                          GError          **error);
gboolean      lw_agenda_remove_item      (LwStore          *store,
                                          LwId              item_id,
                                          GError          **error);
/* Moves the item to position (clamped to the last), shifting the others. */
gboolean      lw_agenda_move_item        (LwStore          *store,
                                          LwId              item_id,
                                          guint             position,
                                          GError          **error);
gboolean      lw_agenda_set_time_budget  (LwStore          *store,
                                          LwId              item_id,
                                          gint64            seconds,
                                          GError          **error);
/* Sum of the items' time budgets, in seconds. */
gint64        lw_agenda_total_budget     (GPtrArray        *items);
/* Starts the item now (the meeting goes in progress; a running item ends). */
gboolean      lw_agenda_start_item       (LwStore          *store,
                                          LwId              item_id,
                                          GError          **error);
/* The planned start of each item ("HH:MM", NULL-terminated, one per item in
 * order): the meeting's start time plus the budgets of the items before it.
 * NULL when the meeting has no start time. */
char        **lw_agenda_planned_starts   (const LwMeeting  *meeting,
                                          GPtrArray        *items);
/* Moves the running item's start later by seconds (a paused timer resumed):
 * the time it was current stays the time it was discussed. */
gboolean      lw_agenda_shift_item_start (LwStore          *store,
                                          LwId              item_id,
                                          gint64            seconds,
                                          GError          **error);
/* An item counts as discussed when it was current for at least this long, or
 * has notes, an outcome, an action item or a prosecution position recorded
 * during the meeting; one paged past sooner is not reached and carries over. */
#define LW_AGENDA_DISCUSSED_SECONDS 30
/* An item of a closed meeting that was never started: it carries over. */
gboolean      lw_agenda_item_not_reached (const LwMeeting    *meeting,
                                          const LwAgendaItem *item);

/* ----------------------------------------------------------------------------
 * Action items and carry-over
 */

typedef struct
{
  LwActionItem *action;
  LwMeeting    *from;     /* where it was agreed, its id, date and status read
                           * (a partial record); NULL when not at a meeting */
} LwCarriedAction;

void          lw_carried_action_free     (LwCarriedAction  *carried);
/* Open action items of the participant agreed before meeting (at an earlier
 * meeting, or outside meetings), oldest meeting first (LwCarriedAction). */
GPtrArray    *lw_agenda_carried_actions  (LwStore          *store,
                                          const LwMeeting  *meeting,
                                          LwId              participant_id,
                                          GError          **error);
/* A new open action item agreed at meeting_id (and agenda_item_id when not 0;
 * the participant is taken from the item when participant_id is 0).  The owner
 * (an active member) and the text are required; due_date is NULL or a valid
 * date. */
LwActionItem *lw_agenda_add_action       (LwStore          *store,
                                          LwId              meeting_id,
                                          LwId              agenda_item_id,
                                          LwId              participant_id,
                                          LwId              owner_id,
                                          const char       *text,
                                          const char       *due_date,
                                          GError          **error);
/* The same, marked as concerning health or treatment (LW_CONCERNS_NONE: not
 * marked): the text is then sealed, shown and exported under that category. */
LwActionItem *lw_agenda_add_marked_action (LwStore        *store,
                                          LwId              meeting_id,
                                          LwId              agenda_item_id,
                                          LwId              participant_id,
                                          LwId              owner_id,
                                          const char       *text,
                                          const char       *due_date,
                                          LwConcerns        concerns,
                                          GError          **error);
gboolean      lw_agenda_set_action_status (LwStore         *store,
                                          LwId              action_id,
                                          LwActionStatus    status,
                                          GError          **error);
/* Takes back an action item just agreed (the Undo of saving it): only an open
 * item of a meeting that is not closed; LW_ERROR_INVALID otherwise. */
gboolean      lw_agenda_withdraw_action  (LwStore          *store,
                                          LwId              action_id,
                                          GError          **error);

typedef struct
{
  guint n_discussed;     /* items started */
  guint n_not_reached;   /* items never started: they carry over */
  guint n_carried;       /* open action items carried to the next meeting */
} LwAgendaCloseSummary;

/* In one transaction: records ended_at (and ends a running item), sets the
 * status to closed, and increments carried_over on every open action item agreed
 * at this meeting or before it.  Items never started stay unstarted: that is
 * what marks them not reached; so does an item that was not discussed
 * (LW_AGENDA_DISCUSSED_SECONDS), whose start is cleared.  summary may be NULL. */
gboolean      lw_agenda_close_meeting    (LwStore          *store,
                                          LwId              meeting_id,
                                          LwAgendaCloseSummary *summary,
                                          GError          **error);

/* Opens a meeting closed today again (the way back from closing it too soon):
 * in progress, its carried action items no longer counted as carried, and the
 * item that was running when it closed running again.  LW_ERROR_INVALID for a
 * meeting not closed, or closed on another day. */
gboolean      lw_agenda_reopen_meeting   (LwStore          *store,
                                          LwId              meeting_id,
                                          GError          **error);

/* ----------------------------------------------------------------------------
 * Attendance and the room's audience
 */

/* The room's audience as people: one member per attendance row not marked
 * absent, with its role and its agency (the member's, or the guest's), so that
 * a release naming one agency counts only while everyone of that role in the
 * room is of that agency.  With nobody on the list, the most restrictive role.
 * NULL only on error. */
LwAudience   *lw_agenda_room_audience    (LwStore          *store,
                                          LwId              meeting_id,
                                          GError          **error);
/* The audience of a document about a meeting for the roles of a LW_ROLE_BIT ()
 * mask: for each role, the meeting's attendees of that role (not marked absent)
 * with their agencies; a role with none of them in the meeting, by role alone
 * (which never matches a release that names an agency).  NULL only on error. */
LwAudience   *lw_agenda_meeting_audience (LwStore          *store,
                                          LwId              meeting_id,
                                          guint32           roles,
                                          GError          **error);

/* The room's audience: bit (1u << LwRole) for the role of every attendance row
 * not marked absent (invited people count from the start, guests once added).
 * With nobody on the list (or everyone absent), the most restrictive role of
 * the current matrix (lw_policy_most_restrictive_role(): the evaluator with
 * DESIGN.md's matrix).  0 only on error. */
guint32       lw_agenda_room_roles       (LwStore          *store,
                                          LwId              meeting_id,
                                          GError          **error);
/* Attendance rows of the meeting, by id (LwAttendance). */
GPtrArray    *lw_agenda_list_attendance  (LwStore          *store,
                                          LwId              meeting_id,
                                          GError          **error);
/* Invites a workgroup member with their role; LW_ERROR_EXISTS if already on,
 * LW_ERROR_INVALID for a member no longer active. */
LwAttendance *lw_agenda_invite           (LwStore          *store,
                                          LwId              meeting_id,
                                          LwId              person_id,
                                          GError          **error);
LwAttendance *lw_agenda_add_guest        (LwStore          *store,
                                          LwId              meeting_id,
                                          const char       *name,
                                          const char       *agency,
                                          LwRole            role,
                                          GError          **error);
/* Time stamps now; checking in also clears absent. */
gboolean      lw_agenda_check_in         (LwStore          *store,
                                          LwId              attendance_id,
                                          GError          **error);
/* The Undo of a check-in: not checked in, and absent again if it was. */
gboolean      lw_agenda_undo_check_in    (LwStore          *store,
                                          LwId              attendance_id,
                                          gboolean          was_absent,
                                          GError          **error);
gboolean      lw_agenda_acknowledge_confidentiality (LwStore *store,
                                          LwId              attendance_id,
                                          GError          **error);
gboolean      lw_agenda_set_absent       (LwStore          *store,
                                          LwId              attendance_id,
                                          gboolean          absent,
                                          GError          **error);

/* ----------------------------------------------------------------------------
 * Due dates as people type them
 *
 * Accepts, case-insensitively: a date "2026-12-01"; "next meeting" or "next"
 * (next_meeting_date, which may be NULL when none is planned); "+7d", "+2w"
 * (also "+7", "+7 days", "+2 weeks"); "today"; "tomorrow"; a weekday ("monday",
 * "mon", ...: the next such day after today).  Anything else, and impossible
 * dates, give LW_ERROR_INVALID with a message that says what to write.
 */
gboolean      lw_agenda_parse_due        (const char       *text,
                                          const char       *today,
                                          const char       *next_meeting_date,
                                          char            **out_date,
                                          GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwAgendaSuggestion, lw_agenda_suggestion_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwCarriedAction, lw_carried_action_free)

G_END_DECLS
