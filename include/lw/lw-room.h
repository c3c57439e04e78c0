/* lw-room.h: what the room sees — the projector's card for one agenda item
 *
 * The room is every attendee of the meeting not marked absent
 * (lw_agenda_room_roles()).  A card is made only from policy views for that
 * audience, so a value the room may not see is never copied into it: there is
 * nothing to hide later.  Its strings are ready to show.
 *
 * A participant card shows the code and what the room may see of identity
 * (initials at summary, the name at full), status, plan progress, legal matters
 * and prosecution positions; the reasons for discussion whose category the room
 * may see; the participant's open action items with owners and due dates (their
 * text only when the room has plan at full).  A topic card shows the title and
 * the actions agreed under it; a community-concern card the concern at the
 * room's location level (area at summary; area, text and planned response at
 * full).
 *
 * A reveal shows the room one field of the current participant item, as the
 * project manager sees it, for that item only.  lw_room_reveal() checks and
 * audits it; the card copies exactly that one field; a card for another item
 * ignores it.  Reveals never lift a field above a floor of any role in the room
 * (lw_policy_cell_cap()), and substance-use information is never revealed
 * (42 CFR Part 2 needs the participant's consent naming each recipient).
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

/* One line of a card: "Status" — "Active". */
typedef struct
{
  char       *key;       /* "category.field" of the view it came from, or NULL */
  LwCategory  category;  /* LW_CATEGORY_NONE for structural lines */
  LwLevel     level;     /* the level it is shown at */
  char       *label;
  char       *text;
} LwRoomLine;

typedef struct
{
  char     *owner;         /* the owner as the room may see them, or NULL */
  char     *due_date;      /* "YYYY-MM-DD", or NULL */
  char     *due_text;      /* the due date in words, in the room's language, or NULL */
  char     *text;          /* NULL unless the room may see the text (lw_policy_show_action()) */
  gboolean  agreed_here;   /* agreed at this meeting */
  gboolean  overdue;       /* due before the meeting's date */
  gint64    carried_over;  /* meetings it has been carried to */
} LwRoomAction;

typedef struct
{
  LwId              meeting_id;
  guint32           roles;          /* the room's audience, LW_ROLE_BIT () mask */
  char             *audience_text;  /* "Case manager, Community representative" */
  char             *audience_members; /* the room as audited: "case-manager,service-provider@Harbor Detox" */
  char             *redacted_for;   /* the roles that limit what the room sees: "Community representative" */

  char             *meeting_title;  /* "Tuesday 1 December 2026 · Harbor City Hall" */
  char             *meeting_date;   /* "2026-12-01" */

  guint             index;          /* of the current item, from 0 */
  guint             n_items;        /* 0: an empty agenda; the rest is unset */
  char             *position_text;  /* "Item 3 of 11" */

  LwId              item_id;
  LwAgendaItemKind  kind;
  char             *kind_label;     /* "Participant", "Topic", "Community concern" */
  char             *heading;        /* "P-0142 · D. R.", the topic title, a concern's area (or "Raised <date>") */
  GPtrArray        *lines;          /* LwRoomLine: the card's body */
  GPtrArray        *reasons;        /* char *: labels of the reasons the room may see */
  GPtrArray        *actions;        /* LwRoomAction: open action items */
  gint64            time_budget;    /* seconds */
  gint64            started_at;     /* µs since the epoch; 0 when not started */
  gint64            ended_at;       /* 0 while running */
  char             *budget_text;    /* "5 min" */
  char             *next_up;        /* "P-0150 · D. R.", a topic title, a concern's area; NULL at the end */

  LwRoomLine       *reveal;         /* the revealed field, or NULL */
} LwRoomCard;

/* An accepted reveal (from lw_room_reveal()). */
typedef struct
{
  LwId        meeting_id;
  LwId        item_id;
  guint       index;
  char       *key;
  LwCategory  category;
} LwRoomReveal;

void          lw_room_card_free        (LwRoomCard       *card);
void          lw_room_reveal_free      (LwRoomReveal     *reveal);

/* The card for item index of meeting_id, for the room's audience now (roles from
 * lw_agenda_room_roles()).  An index past the end is clamped to the last item.
 * reveal may be NULL; it is used only when it is for this meeting and item.
 * Needs an unlocked store.  The room's view of a participant is audited as
 * every view a person sees (LW_VIEW_AUDITED); the projection itself is recorded
 * by lw_room_audit_projection(). */
LwRoomCard   *lw_room_card_new         (LwStore            *store,
                                        LwId                meeting_id,
                                        guint               index,
                                        const LwRoomReveal *reveal,
                                        GError            **error);
/* The same for a given room (a LW_ROLE_BIT () mask, 0 for the most restrictive
 * role). */
LwRoomCard   *lw_room_card_new_for_roles (LwStore            *store,
                                        LwId                meeting_id,
                                        guint               index,
                                        guint32             roles,
                                        const LwRoomReveal *reveal,
                                        GError            **error);

/* "Tuesday 1 December 2026 · Harbor City Hall": the meeting's date and place,
 * which every room may see. */
char         *lw_room_meeting_title    (LwStore            *store,
                                        LwId                meeting_id,
                                        GError            **error);

/* Every string of the card, one a line (for tests and searching). */
char         *lw_room_card_to_text     (const LwRoomCard   *card);

/* Appends LW_AUDIT_PROJECTION: meeting id, item index and the room's roles;
 * never a value. */
gboolean      lw_room_audit_projection (LwStore            *store,
                                        const LwRoomCard   *card,
                                        GError            **error);

/* Fields of the current item's participant that a reveal could show now (key
 * and label, as LwRoomLine with text NULL); an empty array for topic and concern
 * items, and when revealer is not the project manager. */
GPtrArray    *lw_room_revealable       (LwStore            *store,
                                        LwId                meeting_id,
                                        guint               index,
                                        LwRole              revealer,
                                        GError            **error);

/* Only the project manager reveals (DESIGN.md): another revealer role gets
 * LW_ERROR_DENIED, so nobody can show the room what their own screen hides.
 * Checks that key is revealable now (LW_ERROR_DENIED when not, LW_ERROR_INVALID
 * for an empty reason or an unknown key) and appends LW_AUDIT_REVEAL (meeting,
 * item, participant code, key, category, room roles and the reason; never the
 * value).  The reveal applies to that item only. */
LwRoomReveal *lw_room_reveal           (LwStore            *store,
                                        LwId                meeting_id,
                                        guint               index,
                                        LwRole              revealer,
                                        const char         *key,
                                        const char         *reason,
                                        GError            **error);

/* The agenda as the room may see it, for an overview slide: every item's
 * title at the room's level, its planned start and whether it is done, now or
 * next. */
typedef enum
{
  LW_ROOM_ITEM_LATER,
  LW_ROOM_ITEM_DONE,
  LW_ROOM_ITEM_NOW,
  LW_ROOM_ITEM_NEXT,
} LwRoomItemState;

typedef struct
{
  char            *title;          /* as the room may see it: "P-0142 · D. R." */
  char            *kind_label;     /* "Participant", "Topic", "Community concern" */
  char            *planned_start;  /* "10:05", or NULL without a start time */
  char            *budget_text;    /* "5 min" */
  LwRoomItemState  state;
} LwRoomAgendaLine;

typedef struct
{
  LwId       meeting_id;
  guint32    roles;
  char      *audience_members;     /* as audited */
  char      *redacted_for;
  char      *meeting_title;
  guint      current;              /* the item shown now, from 0 */
  GPtrArray *lines;                /* LwRoomAgendaLine */
} LwRoomAgenda;

/* The meeting's agenda for the room's audience now; current is the item the
 * presenter is on.  Participants are named by policy views for the room
 * (audited as every view a person sees). */
LwRoomAgenda *lw_room_agenda_new       (LwStore            *store,
                                        LwId                meeting_id,
                                        guint               current,
                                        GError            **error);
void          lw_room_agenda_free      (LwRoomAgenda       *agenda);
/* Every string of the agenda, one a line (for tests and searching). */
char         *lw_room_agenda_to_text   (const LwRoomAgenda *agenda);
/* Appends LW_AUDIT_PROJECTION for the overview: meeting id, "item=agenda" and
 * the room; never a value. */
gboolean      lw_room_audit_agenda     (LwStore            *store,
                                        const LwRoomAgenda *agenda,
                                        GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwRoomAgenda, lw_room_agenda_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwRoomCard, lw_room_card_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwRoomReveal, lw_room_reveal_free)

G_END_DECLS
