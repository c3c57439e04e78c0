/* lw-new-program-page.h: a new, empty program — file, name, passphrase, first member
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lw/lw-store.h"

G_BEGIN_DECLS

#define LW_TYPE_NEW_PROGRAM_PAGE (lw_new_program_page_get_type ())

G_DECLARE_FINAL_TYPE (LwNewProgramPage, lw_new_program_page, LW, NEW_PROGRAM_PAGE, AdwBin)

GtkWidget *lw_new_program_page_new      (void);
/* Empties the form (the passphrases are wiped) and offers path, or a free name
 * in the user's data folder when path is NULL. */
void       lw_new_program_page_reset    (LwNewProgramPage *self,
                                         const char       *path);
/* TRUE while the file is being written. */
gboolean   lw_new_program_page_get_busy (LwNewProgramPage *self);

G_END_DECLS
