/* lw-audit.c: the keyed hash chain of security events
 *
 * mac(n) = BLAKE2b-keyed(audit subkey,
 *                        mac(n-1) || seq || time || event \0 actor \0 detail \0)
 * with mac(0) all zeros.  The head (last seq and mac) is kept in meta under its own
 * MAC, so cutting entries off the end is detected too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-audit"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <sodium.h>
#include <string.h>

#include "lw/lw-audit.h"
#include "lw/lw-error.h"
#include "lw-seen-private.h"
#include "lw-store-private.h"

static const char * const event_names[] = {
  "create", "unlock", "failed-unlock", "passphrase-change", "view", "reveal",
  "projection", "export", "policy-change", "policy-refused", "import", "backup",
  "restore", "reveal-refused", "rollback-found", "record-create", "record-edit",
  "record-delete", "record-restore", "write-refused",
};
G_STATIC_ASSERT (G_N_ELEMENTS (event_names) == LW_N_AUDIT_EVENTS);

/* Ends the detail of an entry whose reason is sealed in its note column. */
#define NOTE_MARK "reason=sealed"

const char *
lw_audit_event_to_string (LwAuditEvent event)
{
  g_return_val_if_fail (event < LW_N_AUDIT_EVENTS, NULL);
  return event_names[event];
}

static void
entry_mac (LwVault      *vault,
           const guint8  prev[LW_VAULT_MAC_BYTES],
           gint64        seq,
           gint64        time,
           const char   *event,
           const char   *actor,
           const char   *detail,
           guint8        out[LW_VAULT_MAC_BYTES])
{
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  guint64 s = GUINT64_TO_LE ((guint64) seq);
  guint64 t = GUINT64_TO_LE ((guint64) time);

  g_byte_array_append (buf, prev, LW_VAULT_MAC_BYTES);
  g_byte_array_append (buf, (const guint8 *) &s, 8);
  g_byte_array_append (buf, (const guint8 *) &t, 8);
  g_byte_array_append (buf, (const guint8 *) event, strlen (event) + 1);
  g_byte_array_append (buf, (const guint8 *) actor, strlen (actor) + 1);
  g_byte_array_append (buf, (const guint8 *) detail, strlen (detail) + 1);
  lw_vault_audit_mac (vault, buf->data, buf->len, out);
}

static void
head_mac (LwVault      *vault,
          gint64        seq,
          const guint8  mac[LW_VAULT_MAC_BYTES],
          guint8        out[LW_VAULT_MAC_BYTES])
{
  guint8 buf[5 + 8 + LW_VAULT_MAC_BYTES];
  guint64 s = GUINT64_TO_LE ((guint64) seq);

  memcpy (buf, "head", 5);
  memcpy (buf + 5, &s, 8);
  memcpy (buf + 13, mac, LW_VAULT_MAC_BYTES);
  lw_vault_audit_mac (vault, buf, sizeof buf, out);
}

/* seq || mac || head mac */
#define HEAD_BYTES (8 + 2 * LW_VAULT_MAC_BYTES)

static gboolean
audit_has_entries (LwStore *store)
{
  sqlite3_stmt *stmt = _lw_store_prepare (store, "SELECT 1 FROM audit LIMIT 1", NULL);
  gboolean ret;

  if (stmt == NULL)
    return TRUE;
  ret = sqlite3_step (stmt) != SQLITE_DONE;
  sqlite3_reset (stmt);
  return ret;
}

static gboolean
read_head (LwStore *store,
           gint64  *seq,
           guint8   mac[LW_VAULT_MAC_BYTES],
           GError **error)
{
  g_autoptr(GBytes) bytes = _lw_store_get_meta (store, "audit_head");
  guint8 expected[LW_VAULT_MAC_BYTES];
  const guint8 *data;
  guint64 s;
  gsize len;

  if (bytes == NULL)
    {
      *seq = 0;
      memset (mac, 0, LW_VAULT_MAC_BYTES);
      /* no head is right only for a log that has no entry yet */
      if (audit_has_entries (store))
        {
          g_set_error (error, LW_ERROR, LW_ERROR_AUDIT,
                       _("The audit log's head record is missing: the file was altered. Restore it from a backup"));
          return FALSE;
        }
      return TRUE;
    }
  data = g_bytes_get_data (bytes, &len);
  if (len != HEAD_BYTES)
    goto bad;
  memcpy (&s, data, 8);
  *seq = (gint64) GUINT64_FROM_LE (s);
  memcpy (mac, data + 8, LW_VAULT_MAC_BYTES);
  head_mac (_lw_store_get_vault (store), *seq, mac, expected);
  if (sodium_memcmp (expected, data + 8 + LW_VAULT_MAC_BYTES, LW_VAULT_MAC_BYTES) != 0)
    goto bad;
  return TRUE;

bad:
  g_set_error (error, LW_ERROR, LW_ERROR_AUDIT,
               _("The audit log's head record was altered"));
  return FALSE;
}

gboolean
lw_audit_append (LwStore      *store,
                 LwAuditEvent  event,
                 const char   *detail,
                 GError      **error)
{
  LwVault *vault;
  guint8 prev[LW_VAULT_MAC_BYTES];
  guint8 mac[LW_VAULT_MAC_BYTES];
  guint8 head[HEAD_BYTES];
  sqlite3_stmt *stmt;
  gint64 seq, now;
  guint64 s;
  const char *actor;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (event < LW_N_AUDIT_EVENTS, FALSE);

  vault = _lw_store_get_vault (store);
  if (vault == NULL)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_LOCKED, _("The program is locked; unlock it first."));
      return FALSE;
    }
  if (detail == NULL)
    detail = "";
  actor = lw_store_get_actor (store);

  /* reading must not need writing: kept outside the file until it can be
   * written; what cannot be kept there either is not done at all */
  if (lw_store_get_read_only_reason (store) != NULL)
    {
      if (!_lw_seen_defer_entry (_lw_store_get_seen_path (store), event_names[event], detail))
        {
          g_set_error (error, LW_ERROR, LW_ERROR_READ_ONLY,
                       _("“%s” is open read-only (%s) and this could not be kept for its audit log either; nothing was done. Open it where it can be written."),
                       lw_store_get_path (store), lw_store_get_read_only_reason (store));
          return FALSE;
        }
      return TRUE;
    }

  if (!lw_store_begin (store, error))
    return FALSE;
  if (!read_head (store, &seq, prev, error))
    goto fail;

  seq++;
  now = g_get_real_time ();
  entry_mac (vault, prev, seq, now, event_names[event], actor, detail, mac);

  stmt = _lw_store_prepare (store, "INSERT INTO audit (seq, time, event, actor, detail, mac) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, seq);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_text (stmt, 3, event_names[event], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, actor, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, detail, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 6, mac, sizeof mac, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      int rc = sqlite3_extended_errcode (_lw_store_get_db (store));
      sqlite3_reset (stmt);
      _lw_store_sqlite_error (store, rc, error);
      goto fail;
    }
  sqlite3_reset (stmt);

  s = GUINT64_TO_LE ((guint64) seq);
  memcpy (head, &s, 8);
  memcpy (head + 8, mac, LW_VAULT_MAC_BYTES);
  head_mac (vault, seq, mac, head + 8 + LW_VAULT_MAC_BYTES);
  if (!_lw_store_set_meta (store, "audit_head", head, sizeof head, error))
    goto fail;

  return lw_store_commit (store, error);

fail:
  lw_store_rollback (store);
  return FALSE;
}

gboolean
lw_audit_verify (LwStore *store,
                 gint64  *n_entries,
                 GError **error)
{
  LwVault *vault;
  sqlite3_stmt *stmt = NULL;
  guint8 prev[LW_VAULT_MAC_BYTES] = { 0 };
  guint8 head[LW_VAULT_MAC_BYTES];
  gint64 head_seq = 0, expected_seq = 1, count = 0;
  int rc;

  g_return_val_if_fail (store != NULL, FALSE);

  vault = _lw_store_get_vault (store);
  if (vault == NULL)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_LOCKED, _("The program is locked; unlock it first."));
      return FALSE;
    }
  if (!read_head (store, &head_seq, head, error))
    return FALSE;

  rc = sqlite3_prepare_v2 (_lw_store_get_db (store),
                           "SELECT seq, time, event, actor, detail, mac, note FROM audit ORDER BY seq",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return _lw_store_sqlite_error (store, rc, error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint8 mac[LW_VAULT_MAC_BYTES];
      gint64 seq = sqlite3_column_int64 (stmt, 0);
      const char *event = (const char *) sqlite3_column_text (stmt, 2);
      const char *actor = (const char *) sqlite3_column_text (stmt, 3);
      const char *detail = (const char *) sqlite3_column_text (stmt, 4);
      gboolean marked = detail != NULL && g_str_has_suffix (detail, " " NOTE_MARK);
      gboolean has_note = sqlite3_column_type (stmt, 6) != SQLITE_NULL;

      if (seq != expected_seq)
        {
          g_set_error (error, LW_ERROR, LW_ERROR_AUDIT,
                       _("The audit log is broken at entry %" PRId64
                         ": entry %" PRId64 " is missing"), seq, expected_seq);
          goto fail;
        }
      entry_mac (vault, prev, seq, sqlite3_column_int64 (stmt, 1),
                 event ? event : "", actor ? actor : "", detail ? detail : "", mac);
      if (sqlite3_column_bytes (stmt, 5) != LW_VAULT_MAC_BYTES ||
          sodium_memcmp (mac, sqlite3_column_blob (stmt, 5), LW_VAULT_MAC_BYTES) != 0)
        {
          g_set_error (error, LW_ERROR, LW_ERROR_AUDIT,
                       _("The audit log is broken at entry %" PRId64
                         ": it was altered, or an entry before it was removed"), seq);
          goto fail;
        }
      /* the reason beside it: there exactly when the chained detail says so,
       * and opening (sealed to this entry) */
      if (marked != has_note)
        {
          g_set_error (error, LW_ERROR, LW_ERROR_AUDIT,
                       marked ? _("The audit log is broken at entry %" PRId64 ": its sealed reason was removed")
                              : _("The audit log is broken at entry %" PRId64 ": a reason was added to it"),
                       seq);
          goto fail;
        }
      if (has_note)
        {
          g_autoptr(GError) open_error = NULL;
          guint8 *opened = lw_vault_open (vault, "audit", "note", seq, sqlite3_column_blob (stmt, 6),
                                          sqlite3_column_bytes (stmt, 6), NULL, &open_error);

          if (opened == NULL)
            {
              g_set_error (error, LW_ERROR, LW_ERROR_AUDIT,
                           _("The audit log is broken at entry %" PRId64 ": its sealed reason does not open (altered or moved)"),
                           seq);
              goto fail;
            }
          lw_secret_free (opened);
        }
      memcpy (prev, mac, sizeof prev);
      expected_seq++;
      count++;
    }
  if (rc != SQLITE_DONE)
    {
      _lw_store_sqlite_error (store, rc, error);
      goto fail;
    }
  sqlite3_finalize (stmt);

  if (count != head_seq || sodium_memcmp (prev, head, LW_VAULT_MAC_BYTES) != 0)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_AUDIT,
                   _("The audit log ends at entry %" PRId64
                     " but should end at entry %" PRId64 ": entries were removed"),
                   count, head_seq);
      return FALSE;
    }
  if (n_entries)
    *n_entries = count;
  return TRUE;

fail:
  sqlite3_finalize (stmt);
  return FALSE;
}

gboolean
lw_audit_append_with_note (LwStore      *store,
                           LwAuditEvent  event,
                           const char   *detail,
                           const char   *note,
                           GError      **error)
{
  g_autofree char *marked = NULL;
  sqlite3_stmt *stmt;
  guint8 *sealed;
  gsize len;
  gint64 seq;
  int rc;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (note != NULL, FALSE);

  if (lw_store_get_read_only_reason (store) != NULL)
    {
      g_autofree char *kept = NULL;

      /* a refusal is kept for the log without its reason (which would lie in
       * the clear outside the file); anything that needs its reason on record
       * is not done */
      if (event == LW_AUDIT_POLICY_REFUSED || event == LW_AUDIT_REVEAL_REFUSED)
        {
          kept = g_strdup_printf ("%s reason=not-kept-read-only", detail ? detail : "");
          return lw_audit_append (store, event, kept, error);
        }
      g_set_error (error, LW_ERROR, LW_ERROR_READ_ONLY,
                   _("“%s” is open read-only (%s); nothing was changed"),
                   lw_store_get_path (store), lw_store_get_read_only_reason (store));
      return FALSE;
    }

  /* the clear detail says a reason is sealed beside it: the chain covers
   * that, so a removed reason is noticed by lw_audit_verify() */
  marked = g_strdup_printf ("%s %s", detail ? detail : "", NOTE_MARK);
  if (!lw_store_begin (store, error))
    return FALSE;
  if (!lw_audit_append (store, event, marked, error))
    goto fail;

  stmt = _lw_store_prepare (store, "SELECT max(seq) FROM audit", error);
  if (stmt == NULL)
    goto fail;
  rc = sqlite3_step (stmt);
  seq = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (seq <= 0)
    {
      _lw_store_sqlite_error (store, rc == SQLITE_ROW ? SQLITE_CORRUPT : rc, error);
      goto fail;
    }

  /* the user's own words may name anyone: sealed, bound to this entry */
  sealed = lw_vault_seal (_lw_store_get_vault (store), "audit", "note", seq, note, strlen (note), &len);
  stmt = _lw_store_prepare (store, "UPDATE audit SET note = ? WHERE seq = ?", error);
  if (stmt == NULL)
    {
      g_free (sealed);
      goto fail;
    }
  sqlite3_bind_blob (stmt, 1, sealed, len, g_free);
  sqlite3_bind_int64 (stmt, 2, seq);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lw_store_sqlite_error (store, sqlite3_extended_errcode (_lw_store_get_db (store)), error);
      goto fail;
    }
  return lw_store_commit (store, error);

fail:
  lw_store_rollback (store);
  return FALSE;
}

static void
entry_free (gpointer data)
{
  LwAuditEntry *entry = data;

  g_free (entry->actor);
  g_free (entry->detail);
  lw_secret_free (entry->note);
  g_free (entry);
}

GPtrArray *
lw_audit_list (LwStore *store,
               GError **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  stmt = _lw_store_prepare (store, "SELECT seq, time, event, actor, detail, note FROM audit ORDER BY seq", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LwAuditEntry *entry = g_new0 (LwAuditEntry, 1);
      const char *event = (const char *) sqlite3_column_text (stmt, 2);

      entry->seq = sqlite3_column_int64 (stmt, 0);
      entry->time = sqlite3_column_int64 (stmt, 1);
      entry->event = LW_N_AUDIT_EVENTS;
      for (guint i = 0; i < LW_N_AUDIT_EVENTS; i++)
        if (g_strcmp0 (event, event_names[i]) == 0)
          entry->event = i;
      entry->actor = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      entry->detail = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        {
          LwVault *vault = _lw_store_get_vault (store);

          entry->note = vault == NULL ? NULL
                      : (char *) lw_vault_open (vault, "audit", "note", entry->seq,
                                                sqlite3_column_blob (stmt, 5),
                                                sqlite3_column_bytes (stmt, 5), NULL, NULL);
          if (entry->note == NULL)
            entry->note_damaged = TRUE;
        }
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lw_store_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

gboolean
_lw_audit_get_head (LwStore *store,
                    gint64  *seq,
                    guint8   mac[LW_VAULT_MAC_BYTES],
                    GError **error)
{
  g_return_val_if_fail (_lw_store_get_vault (store) != NULL, FALSE);
  return read_head (store, seq, mac, error);
}

gboolean
_lw_audit_get_entry_mac (LwStore *store,
                         gint64   seq,
                         guint8   mac[LW_VAULT_MAC_BYTES])
{
  sqlite3_stmt *stmt = _lw_store_prepare (store, "SELECT mac FROM audit WHERE seq = ?", NULL);
  gboolean ret = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) == LW_VAULT_MAC_BYTES)
    {
      memcpy (mac, sqlite3_column_blob (stmt, 0), LW_VAULT_MAC_BYTES);
      ret = TRUE;
    }
  sqlite3_reset (stmt);
  return ret;
}

int
_lw_audit_event_from_string (const char *name)
{
  for (guint i = 0; i < LW_N_AUDIT_EVENTS; i++)
    if (g_strcmp0 (name, event_names[i]) == 0)
      return i;
  return -1;
}
