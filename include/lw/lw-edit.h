/* lw-edit.h: creating, editing and deleting records as the role at the keyboard may
 *
 * One way in for every write a person makes, from the record form of the app,
 * the command line and CSV imports alike:
 *
 * - Who may write what.  A role writes a sealed column only where it sees that
 *   column's category at full: in the program's matrix for the form
 *   (lw_edit_role_may_write()), and, for a record of a participant, resolved
 *   against that participant's releases and against what the record's free
 *   text is marked as concerning (lw_edit_record_may_write()).  A clear column
 *   (a code, a member's name, an action item's owner) may be written by a role
 *   that may create the row (lw_edit_role_may_create()).
 * - One parser of typed values (lw_edit_set_field()) and one validation
 *   (inside lw_edit_insert() and lw_edit_update(), or lw_edit_check() alone):
 *   the form and the command line show the same messages.
 * - Every create, edit, delete and restore is one transaction together with its
 *   audit entry (LW_AUDIT_RECORD_*: table, row id and role, never a value).  A
 *   write the role may not make changes nothing, fails with LW_ERROR_DENIED and
 *   leaves an LW_AUDIT_WRITE_REFUSED entry.
 * - A member of a substance-use treatment program (lw_policy_get_part2_agencies())
 *   is named on participants' records by role alone where treatment is not
 *   seen at full: to such a role, a reference to them (a case manager, staff,
 *   owner) is neither shown by number (lw_edit_record_may_see()) nor
 *   replaced, and their role and agency are changed only by a role that sees
 *   substance-use treatment at full in the matrix, since either change could
 *   say whose staff they are.
 * - What the core keeps by itself: a participant's last contact follows the
 *   contact log; a status change is dated (status_changed); an exit needs its
 *   reason; a member is deactivated (active = no), never deleted while history
 *   names them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lw-model.h"
#include "lw-policy.h"
#include "lw-store.h"
#include "lw-types.h"

G_BEGIN_DECLS

/* A release of information that ends within this many days is a reason to
 * discuss the participant (lw-agenda.h, "consent-expiring"). */
#define LW_EDIT_CONSENT_EXPIRY_DAYS 30

/* A new record of table with what a person would expect before typing
 * anything: a member is active; a participant is referred, housing unknown;
 * a goal not started; a matter pending; an action item open; a contact in
 * person today; enumerations that may be unset (concerns, a release's
 * recipient role) unset.  Free with lw_record_free(). */
gpointer  lw_edit_record_new       (const LwTableInfo   *table);

/* ----------------------------------------------------------------------------
 * Who may write what
 */

/* TRUE when role sees column's category at full in the program's matrix
 * (consent cells count as not full here: they depend on the participant).
 * column NULL: every sealed column of table.  A clear column: as
 * lw_edit_role_may_create(). */
gboolean  lw_edit_role_may_write   (LwStore             *store,
                                    LwRole               role,
                                    const LwTableInfo   *table,
                                    const LwColumnInfo  *column);
/* Whether role may create (and write the clear columns of) a row of table:
 * it may write every required sealed column of the table (a participant's
 * legal name, a goal's text, a contact's date, a case number), or every sealed
 * column where none is required (a release).  A table with no sealed column
 * (members, meetings, attendance) is the workgroup's own: written by a role
 * that sees program status at full. */
gboolean  lw_edit_role_may_create  (LwStore             *store,
                                    LwRole               role,
                                    const LwTableInfo   *table);
/* The same for one record as it stands: levels resolved against the releases
 * of the record's participant, and, for a goal, contact, action item or agenda
 * item marked as concerning health or treatment, that category at full too
 * (such a record is shown all or nothing). */
gboolean  lw_edit_record_may_write (LwStore             *store,
                                    LwRole               role,
                                    gconstpointer        record,
                                    const LwColumnInfo  *column);
/* Whether role sees the column of that record at full (for output of what was
 * written: the command line's --json prints only such fields).  A reference to
 * a member of a substance-use treatment program is not seen where treatment is
 * not seen at full. */
gboolean  lw_edit_record_may_see   (LwStore             *store,
                                    LwRole               role,
                                    gconstpointer        record,
                                    const LwColumnInfo  *column);

/* ----------------------------------------------------------------------------
 * The form
 */

/* The columns a form or the command line offers for table, in table order:
 * not the id, not what the core keeps (LW_COLUMN_DERIVED: last contact, the
 * date of the status change, time stamps, carry-over) and not the record a
 * row belongs to (LW_COLUMN_PARENT: a goal's participant; it comes from where
 * the form was opened).  NULL-terminated; free the array (not the columns)
 * with g_free(). */
const LwColumnInfo **lw_edit_form_columns (const LwTableInfo *table,
                                           guint             *n_columns);

/* Sets column of record from text as a person types it, the same for the form,
 * the command line and CSV: empty text unsets it; an enumeration by its key
 * ("arrest-diversion", spaces and underscores for hyphens, any case) or by its
 * label in any language of the program ("Arrest diversion", "Derivación en el
 * arresto"); a date as YYYY-MM-DD (impossible dates refused); yes/no,
 * true/false (sí in Spanish); a reference to a member by name (or number), to a
 * participant by code (or number), to anything else by number; a release's
 * categories as names or labels separated by commas ("health,substance_use").
 * A reference must name something that exists; whether a member is active is
 * checked when the record is written.  Text must be valid UTF-8 without control
 * characters (line breaks allowed in notes).  On error, LW_ERROR_INVALID with a
 * message that names the field by its label and says what to write, never
 * quoting the value; record is unchanged. */
gboolean  lw_edit_set_field        (LwStore             *store,
                                    gpointer             record,
                                    const LwColumnInfo  *column,
                                    const char          *text,
                                    GError             **error);
/* The text form of a field that lw_edit_set_field() reads back: with labels,
 * enumerations by their label in the current language, else by their key;
 * members by name, participants by code, booleans yes/no, categories by name.
 * NULL when unset.  Sealed values come back in the clear: free with
 * lw_secret_free(). */
char     *lw_edit_field_to_text    (LwStore             *store,
                                    gconstpointer        record,
                                    const LwColumnInfo  *column,
                                    gboolean             labels);

/* What a record is, for a toast or a line of output, without any sealed value:
 * "Participant P-0012", "Contact 41 of P-0012", "Member 3".  Never NULL. */
char     *lw_edit_record_title     (LwStore             *store,
                                    gconstpointer        record);

/* ----------------------------------------------------------------------------
 * Writing
 */

/* The checks of lw_edit_insert() (when the record's id is 0) or
 * lw_edit_update() without writing anything, for a form that checks as the
 * person types: required fields, impossible dates, a contact in the future, a
 * release that expires or is revoked before it was signed, a member unknown or
 * inactive for a new reference (owner, staff, case manager, attendee), a
 * reference to a row that does not exist, a duplicate participant code or
 * case number, an exit without its reason, and whether role may write what
 * changes (LW_ERROR_DENIED, not audited here).  *bad_column (may be NULL) is
 * set to the offending column, or NULL when the problem is not one field's. */
gboolean  lw_edit_check            (LwStore             *store,
                                    LwRole               role,
                                    gconstpointer        record,
                                    const LwColumnInfo **bad_column,
                                    GError             **error);
/* Inserts record (its id must be 0; set on success), with the core's side
 * effects and an LW_AUDIT_RECORD_CREATE entry, in one transaction.  Refused
 * as lw_edit_check() says; a refusal by role is audited. */
gboolean  lw_edit_insert           (LwStore             *store,
                                    LwRole               role,
                                    gpointer             record,
                                    const LwColumnInfo **bad_column,
                                    GError             **error);
/* Writes record over the stored row of the same id, only if role may write
 * every column that changes (LW_AUDIT_RECORD_EDIT).  record itself is not
 * changed: read the row back for what the core set (the date of a status
 * change, an exit reason cleared on return, a last contact).  Nothing changed: TRUE,
 * nothing written or audited.  Prosecution notes are never overwritten; a
 * stored row with a value that does not open is not written over
 * (LW_ERROR_TAMPERED). */
gboolean  lw_edit_update           (LwStore             *store,
                                    LwRole               role,
                                    gconstpointer        record,
                                    const LwColumnInfo **bad_column,
                                    GError             **error);
/* Writes the named columns of record (NULL-terminated) over the row of the
 * same id as it is now: what a form or a command line changes, where
 * lw_edit_update() writes the whole record as it was read.  A column the role
 * may not write is refused (LW_ERROR_DENIED, audited) whether or not its value
 * differs, so that a write never confirms a value the role may not see; the
 * other columns of the row, changed meanwhile by someone else, stay as they
 * are.  Otherwise as lw_edit_update(). */
gboolean  lw_edit_update_columns   (LwStore             *store,
                                    LwRole               role,
                                    gconstpointer        record,
                                    const LwColumnInfo * const *columns,
                                    const LwColumnInfo **bad_column,
                                    GError             **error);
/* Deletes a row that no history depends on, and gives it back in *deleted (may
 * be NULL; free with lw_record_free()) for lw_edit_restore().  Refused with
 * LW_ERROR_IN_USE and a sentence saying why and what to do instead, when other
 * rows refer to it ("This member owns 3 action items; deactivate the member
 * instead"), or it is history: a meeting that was held and what was recorded
 * at it, a prosecution note, a diversion decision, a release that has been in
 * effect.  The role must be allowed to write every set column of the row. */
gboolean  lw_edit_delete           (LwStore             *store,
                                    LwRole               role,
                                    const LwTableInfo   *table,
                                    LwId                 id,
                                    gpointer            *deleted,
                                    GError             **error);
/* Puts back a record that lw_edit_delete() gave, with the same id (undo), with
 * an LW_AUDIT_RECORD_RESTORE entry.  LW_ERROR_EXISTS if that id is taken
 * again. */
gboolean  lw_edit_restore          (LwStore             *store,
                                    LwRole               role,
                                    gconstpointer        deleted,
                                    GError             **error);

/* ----------------------------------------------------------------------------
 * Helpers of the forms
 */

/* The next free participant code "P-NNNN": one more than the highest code of
 * that form (at least P-0001). */
char     *lw_edit_next_code        (LwStore             *store,
                                    GError             **error);
/* Members that may be picked for a new reference (owner, staff, case manager,
 * attendee): active ones, by name (LwPerson, freed with the array).  With
 * include_inactive, every member (to show the names history holds). */
GPtrArray *lw_edit_list_members    (LwStore             *store,
                                    gboolean             include_inactive,
                                    GError             **error);
/* The member with that name (case-insensitive), active or not;
 * LW_ERROR_INVALID when none has it or two share it. */
LwPerson *lw_edit_find_member      (LwStore             *store,
                                    const char          *name,
                                    GError             **error);
/* Revokes a release as of date (NULL: today): an update of its revoked date,
 * refused when it was already revoked or when date is before its signature. */
gboolean  lw_edit_revoke_consent   (LwStore             *store,
                                    LwRole               role,
                                    LwId                 consent_id,
                                    const char          *date,
                                    GError             **error);

/* Plain sentences, one per release of the participant in effect on today
 * (NULL: today), saying who may see what because of it: "Case managers at
 * Harbor Clinic may see health and substance-use treatment until 2027-03-01".
 * Expired, revoked and not yet signed releases are left out.  They say what a
 * release holds (care notes): show them only where care notes are seen at
 * full.  NULL-terminated, never NULL unless error is set; free with
 * g_strfreev(). */
char    **lw_edit_describe_consents (LwStore            *store,
                                     LwId                participant_id,
                                     const char         *today,
                                     GError            **error);

G_END_DECLS
