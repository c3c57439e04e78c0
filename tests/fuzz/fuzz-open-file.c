/* fuzz-open-file.c: opening a damaged program file, then reading all of it
 *
 * The input is the whole program file (header, key material, pages).  It is
 * opened, unlocked with the passphrase of the saved corpus ("fuzz"), checked,
 * and every reader of the core runs over it: every table, the audit log, the
 * agenda suggestions, minutes and handouts of every meeting.  Whatever the bytes,
 * each step either works or fails with one line, with no GLib warning or
 * critical on the way.
 *
 * The corpus files are small demo programs (page size 512) made with the test
 * key-derivation limits; damaged limits above those are not unlocked here (they
 * would only make the search slow), the bounds themselves are tested in
 * test-faults.
 *
 * Built with libFuzzer when the compiler has it (-fsanitize=fuzzer), and always
 * with fuzz-replay.c, which runs the saved corpus under meson test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <string.h>

#include "lw/lw-agenda.h"
#include "lw/lw-audit.h"
#include "lw/lw-export.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw/lw-store.h"
#include "lw/lw-vault.h"
#include "lw-store-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static char *dir;
static char *path;

static void
one_line (const GError *error)
{
  g_assert (error != NULL);
  g_assert (error->message != NULL && error->message[0] != '\0');
  g_assert (g_utf8_validate (error->message, -1, NULL));
  g_assert (strchr (error->message, '\n') == NULL);
}

static void
setup (void)
{
  if (dir != NULL)
    return;
  dir = g_dir_make_tmp ("lw-fuzz-open-XXXXXX", NULL);
  g_assert (dir != NULL);
  path = g_build_filename (dir, "program.lwdb", NULL);
  /* the remembered audit heads of these files stay out of the user's state */
  g_setenv ("XDG_STATE_HOME", dir, TRUE);
  g_setenv ("LEAD_WORKGROUP_TODAY", "2026-11-24", TRUE);
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

static void
remove_files (void)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      g_unlink (p);
    }
}

/* Only the test limits are unlocked: anything above is refused by the vault or
 * merely slow. */
static gboolean
weak_limits (LwStore *store)
{
  g_autoptr(GBytes) header = _lw_store_get_meta (store, "vault");
  const guint8 *p;
  guint64 ops, mem;
  gsize len;

  if (header == NULL)
    return TRUE;
  p = g_bytes_get_data (header, &len);
  if (len < 32)
    return TRUE;
  memcpy (&ops, p + 16, 8);
  memcpy (&mem, p + 24, 8);
  ops = GUINT64_FROM_LE (ops);
  mem = GUINT64_FROM_LE (mem);
  return ops <= 4 && mem <= 64 * 1024;
}

static void
read_everything (LwStore *store)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(LwAudience) audience = lw_audience_new_for_roles (1u << LW_ROLE_COMMUNITY_REPRESENTATIVE);
  g_autoptr(LwAudience) pm = lw_audience_new_for_roles (1u << LW_ROLE_PROJECT_MANAGER);
  g_autoptr(GError) error = NULL;
  const LwTableInfo * const *tables;
  guint n_tables;

  if (!lw_store_check (store, problems, &error))
    one_line (error);
  g_clear_error (&error);
  for (guint i = 0; i < problems->len; i++)
    g_assert (strchr (g_ptr_array_index (problems, i), '\n') == NULL);
  if (!lw_audit_verify (store, NULL, &error))
    one_line (error);
  g_clear_error (&error);
  entries = lw_audit_list (store, &error);
  if (entries == NULL)
    one_line (error);
  g_clear_error (&error);

  tables = lw_store_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      g_autoptr(GPtrArray) rows = lw_store_list (store, tables[i], NULL, 0, &error);

      if (rows == NULL)
        one_line (error);
      g_clear_error (&error);
      for (guint j = 0; rows != NULL && j < rows->len; j++)
        for (guint c = 0; c < tables[i]->n_columns; c++)
          g_free (lw_record_get_string (g_ptr_array_index (rows, j), &tables[i]->columns[c]));
    }

  meetings = lw_agenda_list_meetings (store, &error);
  if (meetings == NULL)
    {
      one_line (error);
      return;
    }
  for (guint i = 0; i < meetings->len && i < 4; i++)
    {
      LwMeeting *meeting = g_ptr_array_index (meetings, i);
      g_autoptr(GPtrArray) suggestions = lw_agenda_suggest (store, meeting, &error);
      g_autoptr(GPtrArray) items = NULL;
      g_autoptr(LwDocument) minutes = NULL;
      g_autoptr(LwDocument) handout = NULL;

      if (suggestions == NULL)
        one_line (error);
      g_clear_error (&error);
      items = lw_agenda_list_items (store, meeting->id, &error);
      if (items == NULL)
        one_line (error);
      else
        (void) lw_agenda_total_budget (items);
      g_clear_error (&error);
      minutes = lw_export_minutes_document (store, meeting->id, audience, &error);
      if (minutes == NULL)
        one_line (error);
      g_clear_error (&error);
      handout = lw_export_handout_document (store, meeting->id, pm, &error);
      if (handout == NULL)
        one_line (error);
      g_clear_error (&error);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (size > 256 * 1024)
    return 0;
  setup ();
  remove_files ();
  g_assert (g_file_set_contents (path, (const char *) data, size, NULL));

  store = lw_store_open (path, &error);
  if (store == NULL)
    {
      one_line (error);
      goto out;
    }
  if (!weak_limits (store))
    goto out;
  if (!lw_store_unlock (store, "fuzz", 4, &error))
    {
      one_line (error);
      goto out;
    }
  read_everything (store);

out:
  g_clear_pointer (&store, lw_store_free);
  remove_files ();
  return 0;
}
