/* lw-backup.c: backup with SQLite's online backup API, and a restore that checks
 * before it replaces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lw/lw-audit.h"
#include "lw/lw-backup.h"
#include "lw/lw-error.h"
#include "lw/lw-export.h"
#include "lw-seen-private.h"
#include "lw-store-private.h"

/* How long a backup waits for a writer in another process to let go. */
#define BUSY_WAIT_MS 10000

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  if (g_stat (a, &sa) != 0 || g_stat (b, &sb) != 0)
    return FALSE;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static gboolean
has_side_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  return g_file_test (wal, G_FILE_TEST_EXISTS) || g_file_test (shm, G_FILE_TEST_EXISTS);
}

static gboolean
sqlite_failed (sqlite3    *db,
               int         rc,
               const char *what,
               const char *path,
               GError    **error)
{
  int primary = rc & 0xff;
  const char *reason = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  if (primary == SQLITE_FULL)
    g_set_error (error, LW_ERROR, LW_ERROR_DISK_FULL,
                 _("%s: the disk holding “%s” is full; free some space and try again"), what, path);
  else if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
    g_set_error (error, LW_ERROR, LW_ERROR_NOT_A_DATABASE,
                 _("%s: “%s” is damaged or is not a LEAD Workgroup program file"), what, path);
  else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    g_set_error (error, LW_ERROR, LW_ERROR_FAILED,
                 _("%s: “%s” stayed busy in another program; try again in a moment"), what, path);
  else
    g_set_error (error, LW_ERROR, LW_ERROR_FAILED, _("%s: %s (“%s”)"), what, reason, path);
  return FALSE;
}

/* Copies the main database of src into dest in one step: a single read
 * transaction, so writers elsewhere (WAL) carry on and the copy is consistent. */
static gboolean
copy_database (sqlite3    *src,
               sqlite3    *dest,
               const char *path,
               GError    **error)
{
  sqlite3_backup *backup;
  int rc, waited = 0;

  backup = sqlite3_backup_init (dest, "main", src, "main");
  if (backup == NULL)
    return sqlite_failed (dest, sqlite3_extended_errcode (dest), _("The backup could not start"), path, error);
  for (;;)
    {
      rc = sqlite3_backup_step (backup, -1);
      if (rc == SQLITE_DONE)
        break;
      if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && waited < BUSY_WAIT_MS)
        {
          sqlite3_sleep (50);
          waited += 50;
          continue;
        }
      sqlite3_backup_finish (backup);
      return sqlite_failed (NULL, rc, _("The backup failed"), path, error);
    }
  rc = sqlite3_backup_finish (backup);
  if (rc != SQLITE_OK)
    return sqlite_failed (dest, rc, _("The backup failed"), path, error);
  return TRUE;
}

static gboolean
quick_check (sqlite3    *db,
             const char *path,
             GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  if (!ok)
    g_set_error (error, LW_ERROR, LW_ERROR_FAILED,
                 _("The backup written to “%s” does not read back; it was removed. Check the disk."), path);
  return ok;
}

gboolean
lw_backup_create (LwStore     *store,
                  const char  *path,
                  GError     **error)
{
  g_autoptr(LwAtomicFile) file = NULL;
  sqlite3 *dest = NULL;
  gboolean ok;
  int rc;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!lw_store_is_unlocked (store))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_LOCKED, _("The program is locked; unlock it first."));
      return FALSE;
    }
  if (g_strcmp0 (path, lw_store_get_path (store)) == 0 || same_file (path, lw_store_get_path (store)))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_EXISTS,
                   _("“%s” is the program file itself; choose another name for the backup"), path);
      return FALSE;
    }

  if (has_side_files (path))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_EXISTS,
                   _("“%s” is a database in use (it has SQLite side files); choose another name for the backup"),
                   path);
      return FALSE;
    }

  file = lw_atomic_file_new (path, error);
  if (file == NULL)
    return FALSE;
  lw_atomic_file_close_fd (file);

  rc = sqlite3_open_v2 (lw_atomic_file_get_temp_path (file), &dest,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite_failed (dest, rc, _("The backup could not start"), path, error);
      sqlite3_close (dest);
      return FALSE;
    }
  sqlite3_exec (dest, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
  ok = copy_database (_lw_store_get_db (store), dest, path, error) &&
       quick_check (dest, path, error);
  rc = sqlite3_close (dest);
  if (ok && rc != SQLITE_OK)
    ok = sqlite_failed (NULL, rc, _("The backup failed"), path, error);
  if (!ok)
    {
      _lw_store_remove_side_files (lw_atomic_file_get_temp_path (file));
      return FALSE;
    }
  _lw_store_remove_side_files (lw_atomic_file_get_temp_path (file));

  /* recorded before it is in place: no backup without its audit entry */
  if (!lw_audit_append (store, LW_AUDIT_BACKUP, "backup written", error))
    return FALSE;
  if (!lw_atomic_file_commit (file, error))
    return FALSE;
  g_debug ("backup written");
  return TRUE;
}

/* ----------------------------------------------------------------------------
 * Restore
 */

static gboolean
copy_bytes (const char   *from,
            LwAtomicFile *to,
            GError      **error)
{
  g_autofree guint8 *buf = g_malloc (64 * 1024);
  int fd = open (from, O_RDONLY | O_CLOEXEC);
  gboolean ok = TRUE;

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, LW_ERROR, saved == ENOENT ? LW_ERROR_NOT_A_DATABASE : LW_ERROR_FAILED,
                   _("Cannot read the backup “%s”: %s; nothing was changed"), from, g_strerror (saved));
      return FALSE;
    }
  for (;;)
    {
      gssize n = read (fd, buf, 64 * 1024);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_set_error (error, LW_ERROR, LW_ERROR_FAILED,
                       _("Cannot read the backup “%s”: %s; nothing was changed"), from, g_strerror (saved));
          ok = FALSE;
          break;
        }
      if (n == 0)
        break;
      if (!lw_atomic_file_write (to, buf, (gsize) n, error))
        {
          ok = FALSE;
          break;
        }
    }
  close (fd);
  return ok;
}

/* Opens, unlocks and checks the copy at tmp_path; writes the restore entry. */
static gboolean
check_copy (const char *tmp_path,
            const char *current_path,
            const char *backup_path,
            const char *passphrase,
            gsize       passphrase_len,
            GPtrArray  *problems,
            gint64     *head_seq,
            guint8      head_mac[LW_VAULT_MAC_BYTES],
            GError    **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local = NULL;
  g_autoptr(LwStore) copy = NULL;

  /* an older backup is a rollback: the copy records the gap in its own log, and
   * its head becomes the one remembered for the program file */
  copy = _lw_store_open_as (tmp_path, current_path, &local);
  if (copy == NULL)
    {
      int code = local->code == LW_ERROR_TOO_NEW ? LW_ERROR_TOO_NEW : LW_ERROR_NOT_A_DATABASE;

      if (code == LW_ERROR_TOO_NEW)
        g_set_error (error, LW_ERROR, code,
                     _("The backup “%s” was written by a newer version of LEAD Workgroup; nothing was changed"),
                     backup_path);
      else
        g_set_error (error, LW_ERROR, code,
                     _("“%s” is damaged or is not a LEAD Workgroup backup; nothing was changed"), backup_path);
      return FALSE;
    }
  if (!lw_store_unlock (copy, passphrase, passphrase_len, &local))
    {
      if (local->code == LW_ERROR_WRONG_PASSPHRASE)
        g_set_error (error, LW_ERROR, LW_ERROR_WRONG_PASSPHRASE,
                     _("The passphrase does not unlock the backup “%s”; nothing was changed. Use the passphrase the program had when the backup was made."),
                     backup_path);
      else
        g_set_error (error, LW_ERROR, LW_ERROR_NOT_A_DATABASE,
                     _("The backup “%s” cannot be unlocked (%s); nothing was changed"),
                     backup_path, local->message);
      return FALSE;
    }
  if (!lw_store_check (copy, found, &local))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_NOT_A_DATABASE,
                   _("The backup “%s” could not be checked (%s); nothing was changed"),
                   backup_path, local->message);
      return FALSE;
    }
  if (found->len > 0)
    {
      if (problems != NULL)
        for (guint i = 0; i < found->len; i++)
          g_ptr_array_add (problems, g_strdup (g_ptr_array_index (found, i)));
      g_set_error (error, LW_ERROR, LW_ERROR_TAMPERED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The backup “%s” failed the check (%u problem); nothing was changed",
                                "The backup “%s” failed the check (%u problems); nothing was changed",
                                found->len),
                   backup_path, found->len);
      return FALSE;
    }
  if (!lw_audit_append (copy, LW_AUDIT_RESTORE, "restored from a backup", error) ||
      !_lw_audit_get_head (copy, head_seq, head_mac, error))
    return FALSE;
  /* closing the last connection checkpoints the WAL into the file */
  g_clear_pointer (&copy, lw_store_free);
  {
    g_autofree char *wal = g_strconcat (tmp_path, "-wal", NULL);
    if (g_file_test (wal, G_FILE_TEST_EXISTS))
      {
        g_set_error (error, LW_ERROR, LW_ERROR_FAILED,
                     _("The restored copy could not be completed; nothing was changed"));
        return FALSE;
      }
  }
  return TRUE;
}

/* Takes the current file out of WAL mode under an exclusive lock, so nothing of
 * it lives in side files and nobody else has it open.  *db keeps the lock until
 * the new file is in place.  A file SQLite cannot read at all is simply replaced. */
static gboolean
claim_current (const char *path,
               sqlite3   **db,
               GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  *db = NULL;
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  rc = sqlite3_open_v2 (path, db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK)
    goto unreadable;
  sqlite3_busy_timeout (*db, 2000);
  rc = sqlite3_exec (*db, "PRAGMA locking_mode = EXCLUSIVE", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (*db, "PRAGMA journal_mode = DELETE", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "delete") != 0)
        rc = SQLITE_BUSY;
      else if (rc == SQLITE_ROW)
        rc = SQLITE_OK;
      else
        rc = sqlite3_extended_errcode (*db);
      sqlite3_finalize (stmt);
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (*db, "BEGIN EXCLUSIVE", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    return TRUE;
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_FAILED,
                   _("“%s” is open in another program; close it there and restore again. Nothing was changed."),
                   path);
      sqlite3_close (*db);
      *db = NULL;
      return FALSE;
    }

unreadable:
  /* damaged beyond SQLite: what the restore is for */
  g_debug ("current file unreadable (%d); replacing it", rc);
  sqlite3_close (*db);
  *db = NULL;
  return TRUE;
}

gboolean
lw_backup_restore (const char  *current_path,
                   const char  *backup_path,
                   const char  *passphrase,
                   gsize        passphrase_len,
                   GPtrArray   *problems,
                   GError     **error)
{
  g_autoptr(LwAtomicFile) file = NULL;
  guint8 head_mac[LW_VAULT_MAC_BYTES];
  gint64 head_seq = 0;
  sqlite3 *current = NULL;
  gboolean ok;

  g_return_val_if_fail (current_path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  if (!lw_vault_init (error))
    return FALSE;
  if (!g_file_test (backup_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_NOT_A_DATABASE,
                   _("The backup “%s” does not exist; nothing was changed"), backup_path);
      return FALSE;
    }
  if (!g_file_test (backup_path, G_FILE_TEST_IS_REGULAR) || g_file_test (backup_path, G_FILE_TEST_IS_SYMLINK))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a regular file (a folder, a device or a link), so it is not a backup; nothing was changed"),
                   backup_path);
      return FALSE;
    }
  if (g_strcmp0 (current_path, backup_path) == 0 || same_file (current_path, backup_path))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("“%s” is the program file itself, not a backup; nothing was changed"), backup_path);
      return FALSE;
    }

  file = lw_atomic_file_new (current_path, error);
  if (file == NULL)
    return FALSE;
  if (!copy_bytes (backup_path, file, error))
    goto fail;
  lw_atomic_file_close_fd (file);

  if (!check_copy (lw_atomic_file_get_temp_path (file), current_path, backup_path,
                   passphrase, passphrase_len, problems, &head_seq, head_mac, error))
    goto fail;

  /* only now is the current file touched */
  if (!claim_current (current_path, &current, error))
    goto fail;
  _lw_store_remove_side_files (current_path);
  ok = lw_atomic_file_commit (file, error);
  if (current != NULL)
    {
      sqlite3_exec (current, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close (current);
    }
  /* the old file's connection may have left a journal beside the new one */
  {
    g_autofree char *journal = g_strconcat (current_path, "-journal", NULL);
    g_unlink (journal);
  }
  if (!ok)
    goto fail;
  /* the restored file's history is the one to compare with from now on */
  _lw_seen_set_head (current_path, head_seq, head_mac);
  g_debug ("restored");
  return TRUE;

fail:
  _lw_store_remove_side_files (lw_atomic_file_get_temp_path (file));
  return FALSE;
}
