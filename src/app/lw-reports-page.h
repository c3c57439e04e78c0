/* lw-reports-page.h: program metrics for a period and an audience
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lw/lw-report.h"
#include "lw/lw-store.h"

G_BEGIN_DECLS

#define LW_TYPE_REPORTS_PAGE (lw_reports_page_get_type ())

G_DECLARE_FINAL_TYPE (LwReportsPage, lw_reports_page, LW, REPORTS_PAGE, AdwBin)

/* store (unlocked) is borrowed for the life of the page; the report is made
 * when the page is first shown */
void            lw_reports_page_set_store     (LwReportsPage    *self,
                                               LwStore          *store);
void            lw_reports_page_reload        (LwReportsPage    *self);

/* For tests: the report shown (NULL before the first); choosing as the
 * controls do; writing as the export menu does, without a file chooser. */
const LwReport *_lw_reports_page_get_report   (LwReportsPage    *self);
void            _lw_reports_page_set_period   (LwReportsPage    *self,
                                               const LwPeriod   *period);
void            _lw_reports_page_set_audience (LwReportsPage    *self,
                                               LwRole            role);
gboolean        _lw_reports_page_export_to    (LwReportsPage    *self,
                                               const char       *path,
                                               GError          **error);
void            _lw_reports_page_set_sync_limit (LwReportsPage  *self,
                                                 guint           limit);
gboolean        _lw_reports_page_is_building  (LwReportsPage    *self);

G_END_DECLS
