/* lw-backup.h: backup and restore of a program file
 *
 * A backup is made with SQLite's online backup API, so it works while the app or
 * another process has the file open and is writing: it is a consistent copy of
 * the file as of one transaction.  It is the same encrypted file (values stay
 * sealed, the key stays wrapped under the passphrase of the moment) and opens with
 * that passphrase like any program file.
 *
 * Restore never changes the current file until the restored copy has been
 * unlocked and has passed lw_store_check(): the backup is copied next to the
 * current file, checked there, and only then renamed over it.  A backup that
 * cannot be unlocked, is not a program file or fails the check is refused and the
 * current file is left as it was, byte for byte.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lw-store.h"

G_BEGIN_DECLS

/* Writes a backup of store (unlocked) to path, atomically: a temporary file in
 * the same folder, synced, then renamed; an existing file at path is replaced.
 * Path must not be the program file itself, nor a database in use (SQLite side
 * files beside it).  The LW_AUDIT_BACKUP entry is written to store before the
 * backup is put in place, so there is no backup without its entry. */
gboolean lw_backup_create  (LwStore     *store,
                            const char  *path,
                            GError     **error);

/* Replaces the program file at current_path (which need not exist) with the
 * backup at backup_path, which passphrase must unlock.  The restored file gets an
 * LW_AUDIT_RESTORE entry.  Refuses, changing nothing, if the backup cannot be
 * unlocked (LW_ERROR_WRONG_PASSPHRASE), is not a sound program file
 * (LW_ERROR_NOT_A_DATABASE, LW_ERROR_TAMPERED; problems, if not NULL, receives the
 * check's lines), or the current file is open in another program
 * (LW_ERROR_FAILED). */
gboolean lw_backup_restore (const char  *current_path,
                            const char  *backup_path,
                            const char  *passphrase,
                            gsize        passphrase_len,
                            GPtrArray   *problems,
                            GError     **error);

G_END_DECLS
