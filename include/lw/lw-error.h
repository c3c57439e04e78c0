/* lw-error.h: the error domain of the core library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LW_ERROR (lw_error_quark ())

typedef enum
{
  LW_ERROR_FAILED,            /* anything else */
  LW_ERROR_WRONG_PASSPHRASE,  /* the passphrase does not unwrap the data key */
  LW_ERROR_LOCKED,            /* the operation needs an unlocked vault */
  LW_ERROR_NOT_A_DATABASE,    /* missing, truncated, corrupt or foreign file */
  LW_ERROR_TOO_NEW,           /* schema newer than this program */
  LW_ERROR_READ_ONLY,         /* the file cannot be written */
  LW_ERROR_DISK_FULL,         /* no space left to commit */
  LW_ERROR_TAMPERED,          /* a sealed value failed authentication */
  LW_ERROR_NOT_FOUND,         /* no such row */
  LW_ERROR_INVALID,           /* a value that is not acceptable (bad date, unknown status) */
  LW_ERROR_EXISTS,            /* a file or a unique value already exists */
  LW_ERROR_DENIED,            /* refused by policy */
  LW_ERROR_AUDIT,             /* the audit chain does not verify */
  LW_ERROR_IN_USE,            /* other records or history depend on the row */
} LwError;

GQuark lw_error_quark (void);

G_END_DECLS
