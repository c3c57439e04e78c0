/* lw-new-program-page-private.h: for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lw-new-program-page.h"

G_BEGIN_DECLS

/* The longest program name, in characters: it heads every page of every
 * document. */
#define LW_NEW_PROGRAM_MAX_NAME 200
/* The longest member name or agency, in bytes: what any record's text may
 * hold (LW_EDIT_MAX_TEXT) */
#define LW_NEW_PROGRAM_MAX_TEXT 16384

/* "file", "name", "passphrase", "repeat", "member" or "agency" */
GtkEditable *_lw_new_program_page_get_row     (LwNewProgramPage *self,
                                               const char       *name);
/* "program", "passphrase", "member" (the messages under each group) or
 * "strength" */
GtkLabel    *_lw_new_program_page_get_message (LwNewProgramPage *self,
                                               const char       *name);

G_END_DECLS
