/* lw-export-private.h: the document model shared by the builders (lw-export.c)
 * and the renderers (lw-pdf.c, lw-markdown.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "lw/lw-export.h"
#include "lw/lw-vault.h"

G_BEGIN_DECLS

/* Text that may hold a sensitive value: wiped when it goes out of scope. */
typedef char *LwSecretText;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (LwSecretText, lw_secret_free, NULL)

typedef enum
{
  LW_BLOCK_HEADING,     /* a section: "Attendees", "Agenda" */
  LW_BLOCK_ITEM,        /* an agenda item: "3. P-0142 (J.D.)" */
  LW_BLOCK_FIELD,       /* label and value */
  LW_BLOCK_BULLET,      /* one entry of a list */
  LW_BLOCK_PARAGRAPH,
  LW_BLOCK_NOTE,        /* small print: the confidentiality statement */
  LW_BLOCK_NOTICE,      /* the Part 2 notice after a section (Markdown only; the
                         * PDF puts it at the foot of the page instead) */
  LW_BLOCK_ROW,         /* a row of a table: cells separated by tabs */
  LW_BLOCK_CHART,       /* a drawing of a fixed height, the page's width; its
                         * text is its description (Markdown) */
} LwBlockKind;

/* Draws a chart block into (0, 0, width, height). */
typedef void (*LwBlockDrawFunc) (gconstpointer data,
                                 cairo_t      *cr,
                                 double        width,
                                 double        height);

typedef struct
{
  LwBlockKind  kind;
  char        *label;   /* FIELD */
  char        *text;    /* wiped when freed */
  guint        depth;   /* indentation: 0 or 1 */
  gboolean     part2;   /* carries substance-use information */
  gboolean     header;  /* ROW: the table's header row */
  double       height;  /* CHART */
  gconstpointer data;   /* CHART: drawn by draw, freed by data_free */
  LwBlockDrawFunc draw;
  GDestroyNotify data_free;
} LwBlock;

/* One placed line of a block's layout. */
typedef struct
{
  guint  block;
  int    line;      /* index in the block's layout */
  double x;
  double baseline;
} LwPlacedLine;

typedef struct
{
  GArray   *lines;   /* LwPlacedLine */
  gboolean  notice;
} LwPage;

struct _LwDocument
{
  char        *kind;
  const char  *language;   /* interned: the language it is written in */
  char        *title;
  char        *subtitle;   /* under the title: date, place */
  char        *program;
  LwAudience  *audience;
  char        *audience_label;
  LwId         meeting_id;
  LwId         owner_id;
  char        *scope;      /* for the audit log, when neither: "from=… to=…" */
  GPtrArray   *blocks;     /* LwBlock */

  /* layout, made by lw_document_paginate() */
  PangoContext *context;
  GPtrArray    *layouts;   /* PangoLayout per block, NULL for skipped blocks */
  GPtrArray    *pages;     /* LwPage */
  PangoLayout  *notice_layout;
  double        page_width;
  double        page_height;
  double        header_rule;   /* y of the running header's rule */
  double        content_top;
};

LwDocument *_lw_document_new          (const char      *kind,
                                       const char      *title,
                                       const char      *program,
                                       const LwAudience *audience);
LwBlock    *_lw_document_add          (LwDocument      *document,
                                       LwBlockKind      kind,
                                       const char      *label,
                                       const char      *text);
void        _lw_document_clear_layout (LwDocument      *document);

/* The program's name, for the head of every page. */
char       *_lw_export_program_name   (LwStore         *store);

/* Appends one CSV field: quoted where it must be, and a leading character
 * that a spreadsheet would run as a formula neutralised. */
void        _lw_export_csv_append     (GString         *s,
                                       const char      *text);

G_END_DECLS
