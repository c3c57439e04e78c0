/* lw-seen-private.h: what this account last saw of each program file, kept
 * outside the file
 *
 * A file replaced by an older copy carries an older, valid audit chain; only a
 * record kept elsewhere can tell.  For each program file (by its canonical path)
 * the user's state folder keeps the audit head last seen (sequence number and
 * MAC, which reveal nothing without the key), and the audit entries of sessions
 * that could not write to the file (read-only media, a full disk), to be written
 * at the next writable unlock.  Nothing here is sensitive: event kinds and the
 * same details the audit log holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lw/lw-vault.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  seq;
  guint8  mac[LW_VAULT_MAC_BYTES];
  gint64  when;   /* µs since the epoch, when it was seen */
} LwSeenHead;

/* FALSE when nothing was remembered for path. */
gboolean   _lw_seen_get_head      (const char       *path,
                                   LwSeenHead       *head);
void       _lw_seen_set_head      (const char       *path,
                                   gint64            seq,
                                   const guint8      mac[LW_VAULT_MAC_BYTES]);
/* An audit entry that could not be written: "event\tdetail" with its time.
 * FALSE when it could not be kept either (no state folder, or the most
 * entries one file may have waiting): then the caller must not go on. */
gboolean   _lw_seen_defer_entry   (const char       *path,
                                   const char       *event,
                                   const char       *detail);
/* The deferred entries, oldest first, as "time\tevent\tdetail" (µs). */
GStrv      _lw_seen_get_deferred  (const char       *path);
void       _lw_seen_clear_deferred (const char      *path);

G_END_DECLS
