/* lw-new-program-page-private.h: for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lw-new-program-page.h"

G_BEGIN_DECLS

/* "file", "name", "passphrase", "repeat", "member" or "agency" */
GtkEditable *_lw_new_program_page_get_row     (LwNewProgramPage *self,
                                               const char       *name);
/* "program", "passphrase", "member" (the messages under each group) or
 * "strength" */
GtkLabel    *_lw_new_program_page_get_message (LwNewProgramPage *self,
                                               const char       *name);

G_END_DECLS
