/* lw-audit.h: the keyed hash chain of security events
 *
 * Each entry holds when, who, what kind, and a detail that never carries a
 * sensitive value (participant codes, roles, categories and file kinds only).  Its
 * MAC covers the previous entry's MAC, so removing, reordering or editing an entry
 * breaks the chain from there on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lw-store.h"

G_BEGIN_DECLS

typedef enum
{
  LW_AUDIT_CREATE,
  LW_AUDIT_UNLOCK,
  LW_AUDIT_FAILED_UNLOCK,
  LW_AUDIT_PASSPHRASE_CHANGE,
  LW_AUDIT_VIEW,
  LW_AUDIT_REVEAL,
  LW_AUDIT_PROJECTION,
  LW_AUDIT_EXPORT,
  LW_AUDIT_POLICY_CHANGE,
  LW_AUDIT_POLICY_REFUSED,
  LW_AUDIT_IMPORT,
  LW_AUDIT_BACKUP,
  LW_AUDIT_RESTORE,
  LW_AUDIT_REVEAL_REFUSED,
  LW_AUDIT_ROLLBACK,   /* the file was older than this account last saw it */
  LW_AUDIT_RECORD_CREATE,   /* a person created a record (table, id, role) */
  LW_AUDIT_RECORD_EDIT,
  LW_AUDIT_RECORD_DELETE,
  LW_AUDIT_RECORD_RESTORE,  /* a deleted record put back (undo) */
  LW_AUDIT_WRITE_REFUSED,   /* a write the role may not make */
  LW_N_AUDIT_EVENTS
} LwAuditEvent;

typedef struct
{
  gint64        seq;
  gint64        time;    /* microseconds since the epoch, UTC */
  LwAuditEvent  event;
  char         *actor;
  char         *detail;
  char         *note;          /* the reason a person typed (sealed at rest), or NULL */
  gboolean      note_damaged;  /* a note is stored but does not open */
} LwAuditEntry;

const char   *lw_audit_event_to_string (LwAuditEvent event);

/* Needs an unlocked store.  On a store open read-only the entry is kept
 * outside the file and written at the next writable unlock. */
gboolean      lw_audit_append          (LwStore      *store,
                                        LwAuditEvent  event,
                                        const char   *detail,
                                        GError      **error);
/* The same with a note: the words a person typed as the reason for the event
 * (a policy change, a reveal).  They may name anyone, so they are sealed in
 * the entry's own "note" column (bound to its sequence number), never written
 * into the clear detail. */
gboolean      lw_audit_append_with_note (LwStore      *store,
                                         LwAuditEvent  event,
                                         const char   *detail,
                                         const char   *note,
                                         GError      **error);
/* Verifies the whole chain; on a break, the error names the first bad entry. */
gboolean      lw_audit_verify          (LwStore      *store,
                                        gint64       *n_entries,
                                        GError      **error);
/* Entries, oldest first (LwAuditEntry, freed with the array). */
GPtrArray    *lw_audit_list            (LwStore      *store,
                                        GError      **error);

G_END_DECLS
