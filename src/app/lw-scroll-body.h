/* lw-scroll-body.h: the body of a page that scrolls up and down
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LW_TYPE_SCROLL_BODY (lw_scroll_body_get_type ())

G_DECLARE_FINAL_TYPE (LwScrollBody, lw_scroll_body, LW, SCROLL_BODY, AdwBin)

GtkWidget *lw_scroll_body_new (void);

G_END_DECLS
