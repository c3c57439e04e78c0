/* lw-export-window.h: printing and saving minutes, handouts and action lists for
 * an audience chosen every time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lw/lw-export.h"
#include "lw/lw-store.h"

G_BEGIN_DECLS

typedef enum
{
  LW_EXPORT_KIND_MINUTES,
  LW_EXPORT_KIND_HANDOUT,
  LW_EXPORT_KIND_ACTIONS,
} LwExportKind;

#define LW_TYPE_EXPORT_WINDOW (lw_export_window_get_type ())

G_DECLARE_FINAL_TYPE (LwExportWindow, lw_export_window, LW, EXPORT_WINDOW, AdwWindow)

/* id is the meeting for minutes and handouts, the owner (a person; 0: the first
 * active one) for an action list.  store is borrowed: destroy the window before
 * the store is locked. */
GtkWidget      *lw_export_window_new          (GtkWindow       *parent,
                                               LwStore         *store,
                                               LwExportKind     kind,
                                               LwId             id);
LwExportKind    lw_export_window_get_kind     (LwExportWindow  *self);
/* The chosen audience, a mask of LW_ROLE_BIT (). */
guint           lw_export_window_get_roles    (LwExportWindow  *self);
void            lw_export_window_set_roles    (LwExportWindow  *self,
                                               guint            roles);
LwExportFormat  lw_export_window_get_format   (LwExportWindow  *self);
void            lw_export_window_set_format   (LwExportWindow  *self,
                                               LwExportFormat   format);
LwPaper         lw_export_window_get_paper    (LwExportWindow  *self);
/* The document's language, "en" or "es"; at first the app's. */
const char     *lw_export_window_get_language (LwExportWindow  *self);
void            lw_export_window_set_language (LwExportWindow  *self,
                                               const char      *language);
void            lw_export_window_set_paper    (LwExportWindow  *self,
                                               LwPaper          paper);
/* "minutes-2026-12-01-community-representative.pdf" */
char           *lw_export_window_dup_suggested_name (LwExportWindow *self);
/* What Save does once a file is chosen: builds the document for the chosen
 * audience and writes it whole (audited).  The format comes from the name when it
 * ends in .pdf or .md, else from the format chosen. */
gboolean        lw_export_window_save_to_path (LwExportWindow  *self,
                                               const char      *path,
                                               GError         **error);
/* What Print does: builds the document and runs a print operation; with
 * export_filename, exports it to that PDF file without a dialog (tests).  Audited
 * when the result is GTK_PRINT_OPERATION_RESULT_APPLY: as printed, or, when the
 * dialog's Preview was chosen, as previewed (the preview window then shows the
 * pages; nothing is written to a file). */
GtkPrintOperationResult lw_export_window_print (LwExportWindow  *self,
                                               const char      *export_filename,
                                               GError         **error);

/* for tests */
GtkCheckButton *_lw_export_window_get_role_check (LwExportWindow *self,
                                                  LwRole          role);
GtkLabel       *_lw_export_window_get_audience_line (LwExportWindow *self);
GtkLabel       *_lw_export_window_get_error_label (LwExportWindow *self);

G_END_DECLS
