/* lw-report-private.h: the program's data as an audience may count it, shared
 * by the report (lw-report.c) and the evaluator's extract (lw-extract.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw/lw-report.h"

G_BEGIN_DECLS

/* A status or housing from a day on. */
typedef struct
{
  char   date[11];
  int    value;
  gint64 order;   /* the order written, for entries of the same day */
} LwPoint;

typedef struct
{
  LwId     id;
  LwLevel  levels[LW_N_CATEGORIES];  /* the audience's, with this participant's releases */
  int      route;
  char     referral[11];             /* "" when not known */
  char     birth[11];                /* only for the extract */
  int      status;                   /* now */
  char     changed[11];              /* the day status last changed, "" when not known */
  int      housing;                  /* now */
  GArray  *statuses;                 /* LwPoint, by date: the status from that day */
  GArray  *housings;                 /* LwPoint, by date */
  char     intake[11];               /* the first day of "intake scheduled", or "" */
  char     active[11];               /* the first day of "active", or "" */
} LwReportPerson;

/* The two longest tables are kept as only what is counted of them, and read
 * a chunk at a time: at the reference load, 140,000 records of a hundred
 * bytes and more each became 24 bytes each.  Their values were sealed: the
 * arrays wipe each element when it is let go. */
typedef struct
{
  LwId       participant_id;
  char       date[11];        /* "" when not known */
  LwCategory category;        /* lw_model_category_of (contact, LW_CATEGORY_CARE_NOTES) */
} LwReportContact;

typedef struct
{
  LwId       participant_id;
  int        domain;
  int        status;
  LwCategory category;        /* lw_model_category_of (goal, LW_CATEGORY_PLAN) */
} LwReportGoal;

/* The legal matters and the prosecutor's positions on them, kept the same
 * way (30,000 records at the reference load). */
typedef struct
{
  LwId  id;
  LwId  participant_id;
  int   status;               /* LwMatterStatus */
} LwReportMatter;

typedef struct
{
  LwId  legal_matter_id;
  int   position;             /* LwProsecutionPosition */
  char  date[11];             /* "" when not known */
} LwReportPosition;

/* The action items (20,000 at the reference load). */
typedef struct
{
  LwId       participant_id;
  char       due_date[11];    /* "" when none */
  int        status;          /* LwActionStatus */
  gint64     closed_at;
  LwCategory category;        /* lw_model_text_category (action): lw_policy_action_shown () */
} LwReportAction;

typedef enum
{
  LW_LOAD_GOALS     = 1 << 0,
  LW_LOAD_CONTACTS  = 1 << 1,
  LW_LOAD_LEGAL     = 1 << 2,   /* matters and prosecution notes */
  LW_LOAD_DECISIONS = 1 << 3,
  LW_LOAD_REASONS   = 1 << 4,   /* the decisions' free-text reasons too */
  LW_LOAD_ACTIONS   = 1 << 5,
  LW_LOAD_MEETINGS  = 1 << 6,   /* meetings and agenda items */
  LW_LOAD_CONCERNS  = 1 << 7,
  LW_LOAD_BIRTH     = 1 << 8,   /* dates of birth (the extract's age bands) */
} LwLoadFlags;

typedef struct
{
  LwStore         *store;
  LwPolicyMatrix   matrix;
  LwAudience      *audience;     /* NULL: the extract's own levels */
  LwLevel          base[LW_N_CATEGORIES];  /* the audience without any release */
  char             today[11];
  GArray          *people;       /* LwReportPerson, by id */
  GHashTable      *index;        /* LwId → position + 1 in people */
  GArray          *goals;        /* LwReportGoal; NULL if not loaded */
  GArray          *contacts;     /* LwReportContact; NULL if not loaded */
  GArray          *matters;      /* LwReportMatter; NULL if not loaded */
  GArray          *notes;        /* LwReportPosition; NULL if not loaded */
  GPtrArray       *decisions;    /* records with the columns counted; NULL if not loaded */
  GArray          *actions;      /* LwReportAction; NULL if not loaded */
  GPtrArray       *meetings;
  GPtrArray       *items;
  GPtrArray       *concerns;
  GHashTable      *matter_owner; /* legal matter id → participant id */
} LwReportData;

/* audience NULL: every category at full but health and substance use (none),
 * for the evaluator's extract, which is de-identified instead. */
LwReportData         *_lw_report_data_load    (LwStore          *store,
                                               const LwAudience *audience,
                                               LwLoadFlags       flags,
                                               GError          **error);
void                  _lw_report_data_free    (LwReportData     *data);
LwReportPerson       *_lw_report_data_person  (LwReportData     *data,
                                               LwId              id);
/* The status on date: -1 before the referral. */
int                   _lw_report_status_on    (const LwReportPerson *person,
                                               const char           *date);
/* Whether the person was active on any day from..to. */
gboolean              _lw_report_active_during (const LwReportPerson *person,
                                                const char           *from,
                                                const char           *to);
/* The housing recorded first, or -1. */
int                   _lw_report_housing_at_entry (const LwReportPerson *person);
/* The local day of a time (µs since the epoch), "" for 0. */
void                  _lw_report_day_of       (gint64            usec,
                                               char              out[11]);
/* When a community concern was responded to: TRUE with *date NULL when it was
 * but the day is not recorded. */
gboolean              _lw_report_concern_response (const LwCommunityConcern *concern,
                                                   const char              **date);

/* A deep copy of a figure, for a document that outlives its report. */
LwReportFigure       *_lw_report_figure_copy  (const LwReportFigure *figure);
void                  _lw_report_figure_free  (gpointer              figure);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwReportData, _lw_report_data_free)

G_END_DECLS
