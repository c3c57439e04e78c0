/* lw-record-editor.h: one form for any record, built from its table description
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lw/lw-store.h"

G_BEGIN_DECLS

#define LW_TYPE_RECORD_EDITOR (lw_record_editor_get_type ())

G_DECLARE_FINAL_TYPE (LwRecordEditor, lw_record_editor, LW, RECORD_EDITOR, AdwBin)

GtkWidget *lw_record_editor_new      (void);
/* Opens the form on a copy of record for the role at the keyboard: a new
 * record when its id is 0 (fields already set are offered as they are), else
 * the stored row it edits.  columns names the fields to offer, in the table's
 * order (NULL: every field of lw_edit_form_columns()).  A field the role may
 * not write is shown as text where it may see it, else not at all.  FALSE when
 * the role may write none of them: the form then says so and cannot save.
 * store is borrowed while the form is open. */
gboolean   lw_record_editor_open     (LwRecordEditor     *self,
                                      LwStore            *store,
                                      gconstpointer       record,
                                      const char * const *columns,
                                      const char         *title);
/* Empties the form, wiping what was typed (also on dispose, so locking leaves
 * nothing behind). */
void       lw_record_editor_clear    (LwRecordEditor     *self);
gboolean   lw_record_editor_is_open  (LwRecordEditor     *self);
/* A form for one change (a status) offers no Delete. */
void       lw_record_editor_hide_delete (LwRecordEditor  *self);
/* The table of the open record, or NULL. */
const LwTableInfo *lw_record_editor_get_table (LwRecordEditor *self);

/* editor.save, editor.cancel and editor.delete do the same as these. */
gboolean   lw_record_editor_save     (LwRecordEditor     *self);
void       lw_record_editor_cancel   (LwRecordEditor     *self);
gboolean   lw_record_editor_delete   (LwRecordEditor     *self);

/* For tests: the input of a field (an AdwEntryRow, AdwComboRow, GtkSwitch,
 * GtkDropDown or the box of category check buttons), or NULL when the field
 * is not editable here; the message shown at it, or NULL. */
GtkWidget   *lw_record_editor_get_input   (LwRecordEditor *self,
                                           const char     *column);
const char  *lw_record_editor_get_message (LwRecordEditor *self,
                                           const char     *column);
/* Sets a field as a person would pick or type it: text for entries, a key
 * ("exited") or label for combo rows, "yes"/"no" for switches, a member's
 * name or a participant's code for pickers, category names joined by commas. */
gboolean     lw_record_editor_set_text    (LwRecordEditor *self,
                                           const char     *column,
                                           const char     *text);

G_END_DECLS
