/* lw-export.h: what leaves the app as a file or on paper, redacted for the
 * audience it goes to
 *
 * Minutes of a meeting, the agenda handout before one and an owner's action list
 * are built as an LwDocument: headings, fields and paragraphs made only from
 * policy views (lw-view.h) for the chosen audience, so a hidden value is never
 * copied into a document.  A document renders to PDF (cairo and pango: A4 or US
 * Letter, a running header with the program, the title and the audience on every
 * page, "Page n of m", and the 42 CFR Part 2 redisclosure notice at the foot of
 * every page that carries substance-use information) and to Markdown (the notice
 * after every section that carries it).  The app prints the same layout with
 * lw_document_paginate() and lw_document_draw_page().
 *
 * Every file is written whole or not at all (LwAtomicFile) and every export is
 * recorded in the audit log: what, for which audience, in which format; never the
 * content and never the file name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pango.h>

#include "lw-policy.h"
#include "lw-store.h"

G_BEGIN_DECLS

/* ----------------------------------------------------------------------------
 * Files written whole or not at all: a temporary file (mode 0600) in the target's
 * folder, synced, then renamed over the target.  Freeing an LwAtomicFile that was
 * not committed removes the temporary file; nothing is left under the requested
 * name.
 */
typedef struct _LwAtomicFile LwAtomicFile;

LwAtomicFile *lw_atomic_file_new           (const char    *path,
                                            GError       **error);
const char   *lw_atomic_file_get_path      (LwAtomicFile  *file);
/* For writers that open the file by name themselves (SQLite); call
 * lw_atomic_file_close_fd() first. */
const char   *lw_atomic_file_get_temp_path (LwAtomicFile  *file);
void          lw_atomic_file_close_fd      (LwAtomicFile  *file);
gboolean      lw_atomic_file_write         (LwAtomicFile  *file,
                                            const void    *data,
                                            gsize          len,
                                            GError       **error);
/* fsync, rename over the target, fsync the folder. */
gboolean      lw_atomic_file_commit        (LwAtomicFile  *file,
                                            GError       **error);
/* Like lw_atomic_file_commit(), but fails with LW_ERROR_EXISTS instead of
 * replacing a file that appeared under the name meanwhile. */
gboolean      lw_atomic_file_commit_new    (LwAtomicFile  *file,
                                            GError       **error);
void          lw_atomic_file_free          (LwAtomicFile  *file);
/* Refuses, with a message, a path that exists and is not a regular file: a
 * folder, a device, a link or a pipe.  A missing path is fine. */
gboolean      lw_check_output_path         (const char    *path,
                                            GError       **error);
gboolean      lw_file_set_contents_atomic  (const char    *path,
                                            const void    *data,
                                            gsize          len,
                                            GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwAtomicFile, lw_atomic_file_free)

/* ----------------------------------------------------------------------------
 * Formats and paper
 */
typedef enum
{
  LW_EXPORT_PDF,
  LW_EXPORT_MARKDOWN,
  LW_EXPORT_CSV,
} LwExportFormat;

typedef enum
{
  LW_PAPER_A4,
  LW_PAPER_LETTER,
} LwPaper;

/* From the file name: .pdf, .md or .markdown, .csv (any case); -1 otherwise. */
int         lw_export_format_from_path (const char *path);
const char *lw_export_format_to_string (LwExportFormat format);
/* "a4", "letter" (also "us-letter"); -1 otherwise. */
int         lw_paper_from_string       (const char *name);
/* US Letter where the locale's LC_PAPER says so (279 mm high), else A4. */
LwPaper     lw_paper_default           (void);
void        lw_paper_get_size          (LwPaper     paper,
                                        double     *width_pt,
                                        double     *height_pt);

/* ----------------------------------------------------------------------------
 * Documents
 */
typedef struct _LwDocument LwDocument;

/* Minutes of a meeting for an audience: program, date, place, attendees (name,
 * agency, role), the confidentiality statement; for each item the participant as
 * the audience may see them, the reasons it may see, discussion notes and outcome
 * where it may see care notes, prosecution positions where it may see them, the
 * action items agreed (owner, due date; the text only where it may see the plan in
 * full); then the items not reached.  Views are made with LW_VIEW_AUDITED. */
LwDocument *lw_export_minutes_document (LwStore           *store,
                                        LwId               meeting_id,
                                        const LwAudience  *audience,
                                        GError           **error);
/* The agenda before a meeting: time, place, who is invited, and each item in
 * order with its time budget, the participant as the audience may see them, the
 * reasons and the open action items. */
LwDocument *lw_export_handout_document (LwStore           *store,
                                        LwId               meeting_id,
                                        const LwAudience  *audience,
                                        GError           **error);
/* A workgroup member's open action items across meetings, soonest due first,
 * each participant seen at the member's own role (and agency) level. */
LwDocument *lw_export_actions_document (LwStore           *store,
                                        LwId               owner_id,
                                        GError           **error);
void        lw_document_free           (LwDocument        *document);

/* "minutes", "handout", "actions". */
const char *lw_document_get_kind       (const LwDocument  *document);
const char *lw_document_get_title      (const LwDocument  *document);
const LwAudience *lw_document_get_audience (const LwDocument *document);
/* "Audience: Community representative", as written on every page. */
char       *lw_document_dup_audience_line (const LwDocument *document);
/* Whether any part of the document carries substance-use information. */
gboolean    lw_document_has_part2      (const LwDocument  *document);

/* Markdown text; wipe it (lw_secret_free) when done. */
char       *lw_document_to_markdown    (const LwDocument  *document);
/* A PDF in memory; the bytes are wiped when the last reference goes. */
GBytes     *lw_document_to_pdf         (LwDocument        *document,
                                        LwPaper            paper,
                                        GError           **error);

/* Printing: lays the document out for pages of width x height points, measuring
 * text with context (NULL, the usual choice: a context for cairo at 72 dpi with
 * print metrics), and returns the number of pages.  Draw a page onto a context
 * whose user space is points with the origin at the page's top left corner; the
 * layout has its own margins.  With GtkPrintOperation: set_unit (GTK_UNIT_POINTS)
 * and set_use_full_page (TRUE); in ::begin-print, paginate with the print
 * context's width and height and set_n_pages; in ::draw-page, draw_page onto
 * gtk_print_context_get_cairo_context(); after printing, lw_document_audit (store,
 * document, "print"). */
guint       lw_document_paginate       (LwDocument        *document,
                                        PangoContext      *context,
                                        double             width,
                                        double             height);
/* Which pages carry the notice (after paginate), for tests and previews. */
gboolean    lw_document_page_has_notice (LwDocument       *document,
                                        guint              page);
void        lw_document_draw_page      (LwDocument        *document,
                                        cairo_t           *cr,
                                        guint              page);
/* Records an LW_AUDIT_EXPORT entry for a document sent to medium ("pdf",
 * "markdown", "print"). */
gboolean    lw_document_audit          (LwStore           *store,
                                        const LwDocument  *document,
                                        const char        *medium,
                                        GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwDocument, lw_document_free)

/* ----------------------------------------------------------------------------
 * Exports to files, each audited in the same transaction as the views it made;
 * the file is in place only if the audit entry was written.
 */
gboolean    lw_export_document         (LwStore           *store,
                                        LwDocument        *document,
                                        const char        *path,
                                        LwExportFormat     format,
                                        LwPaper            paper,
                                        GError           **error);
/* Builds the document and writes it; the format comes from the file name. */
gboolean    lw_export_minutes          (LwStore           *store,
                                        LwId               meeting_id,
                                        const LwAudience  *audience,
                                        const char        *path,
                                        LwPaper            paper,
                                        GError           **error);
gboolean    lw_export_handout          (LwStore           *store,
                                        LwId               meeting_id,
                                        const LwAudience  *audience,
                                        const char        *path,
                                        LwPaper            paper,
                                        GError           **error);
gboolean    lw_export_actions          (LwStore           *store,
                                        LwId               owner_id,
                                        const char        *path,
                                        LwPaper            paper,
                                        GError           **error);
/* The roster for an audience, one row per participant: the code, then one column
 * per field any participant's view shows the audience (the participant's own
 * fields; hidden columns are absent, and a cell is empty where that participant's
 * view hides it).  Cells that a spreadsheet would run as a formula (starting with
 * =, +, -, @) are prefixed with an apostrophe. */
gboolean    lw_export_participants_csv (LwStore           *store,
                                        const LwAudience  *audience,
                                        const char        *path,
                                        guint             *n_rows,
                                        GError           **error);
/* The same in a language ("en", "es"; NULL: the app's own).  In English the
 * header row holds the column names of the import format ("legal_name"); in
 * another language the fields' labels ("Nombre legal"), which
 * lw_import_participants() reads as well. */
gboolean    lw_export_participants_csv_in (LwStore        *store,
                                        const LwAudience  *audience,
                                        const char        *path,
                                        const char        *language,
                                        guint             *n_rows,
                                        GError           **error);

G_END_DECLS
