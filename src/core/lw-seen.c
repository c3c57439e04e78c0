/* lw-seen.c: what this account last saw of each program file
 *
 * One key file, $XDG_STATE_HOME/lead-workgroup/seen.ini, a group per program
 * file.  Failing to read or write it never stops the program: it only weakens
 * the detection of a rolled-back file, so failures are logged at debug level.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-seen"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "lw-seen-private.h"

#define MAX_DEFERRED 1000

static char *
seen_file (void)
{
  return g_build_filename (g_get_user_state_dir (), "lead-workgroup", "seen.ini", NULL);
}

/* Several programs may update the file at once: each change is a
 * read-modify-write under this lock, released by unlock_seen(). */
static int
lock_seen (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_state_dir (), "lead-workgroup", NULL);
  g_autofree char *lock = g_build_filename (dir, "seen.lock", NULL);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return -1;
  fd = open (lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd >= 0 && flock (fd, LOCK_EX) != 0)
    g_debug ("cannot lock the record of seen files");
  return fd;
}

static void
unlock_seen (int fd)
{
  if (fd >= 0)
    close (fd);
}

static GKeyFile *
load (void)
{
  g_autofree char *file = seen_file ();
  GKeyFile *kf = g_key_file_new ();

  if (!g_key_file_load_from_file (kf, file, G_KEY_FILE_NONE, NULL))
    g_debug ("no record of seen files yet");
  return kf;
}

static gboolean
save (GKeyFile *kf)
{
  g_autofree char *file = seen_file ();
  g_autofree char *dir = g_path_get_dirname (file);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_debug ("cannot make the state folder");
      return FALSE;
    }
  data = g_key_file_to_data (kf, &len, NULL);
  if (!g_file_set_contents_full (file, data, len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_debug ("cannot record what was seen: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

static char *
group_for (const char *path)
{
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  char *real = realpath (canonical, NULL);
  char *ret = g_strdup (real ? real : canonical);

  free (real);
  return ret;
}

gboolean
_lw_seen_get_head (const char *path,
                   LwSeenHead *head)
{
  g_autoptr(GKeyFile) kf = load ();
  g_autofree char *group = group_for (path);
  g_autofree char *mac = NULL;
  g_autofree guint8 *raw = NULL;
  gsize len = 0;

  memset (head, 0, sizeof *head);
  if (!g_key_file_has_key (kf, group, "seq", NULL))
    return FALSE;
  head->seq = g_key_file_get_int64 (kf, group, "seq", NULL);
  head->when = g_key_file_get_int64 (kf, group, "when", NULL);
  mac = g_key_file_get_string (kf, group, "mac", NULL);
  if (mac != NULL)
    raw = g_base64_decode (mac, &len);
  if (head->seq < 1 || raw == NULL || len != LW_VAULT_MAC_BYTES)
    return FALSE;
  memcpy (head->mac, raw, LW_VAULT_MAC_BYTES);
  return TRUE;
}

void
_lw_seen_set_head (const char   *path,
                   gint64        seq,
                   const guint8  mac[LW_VAULT_MAC_BYTES])
{
  int lock = lock_seen ();
  g_autoptr(GKeyFile) kf = load ();
  g_autofree char *group = group_for (path);
  g_autofree char *text = g_base64_encode (mac, LW_VAULT_MAC_BYTES);
  g_autofree char *old = g_key_file_get_string (kf, group, "mac", NULL);

  if (g_key_file_get_int64 (kf, group, "seq", NULL) != seq || g_strcmp0 (old, text) != 0)
    {
      g_key_file_set_int64 (kf, group, "seq", seq);
      g_key_file_set_string (kf, group, "mac", text);
      g_key_file_set_int64 (kf, group, "when", g_get_real_time ());
      save (kf);
    }
  unlock_seen (lock);
}

gboolean
_lw_seen_defer_entry (const char *path,
                      const char *event,
                      const char *detail)
{
  gboolean kept = FALSE;
  int lock = lock_seen ();
  g_autoptr(GKeyFile) kf = load ();
  g_autofree char *group = group_for (path);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) old = g_key_file_get_string_list (kf, group, "deferred", NULL, NULL);
  g_auto(GStrv) list = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *clean = g_strdup (detail ? detail : "");

  g_strdelimit (clean, "\t\n\r;", ' ');
  entry = g_strdup_printf ("%" G_GINT64_FORMAT "\t%s\t%s", g_get_real_time (), event, clean);
  if (old == NULL || g_strv_length (old) < MAX_DEFERRED)
    {
      if (old != NULL)
        g_strv_builder_addv (b, (const char **) old);
      g_strv_builder_add (b, entry);
      list = g_strv_builder_end (b);
      g_key_file_set_string_list (kf, group, "deferred", (const char * const *) list, g_strv_length (list));
      kept = save (kf);
    }
  unlock_seen (lock);
  return kept;
}

GStrv
_lw_seen_get_deferred (const char *path)
{
  g_autoptr(GKeyFile) kf = load ();
  g_autofree char *group = group_for (path);
  GStrv list = g_key_file_get_string_list (kf, group, "deferred", NULL, NULL);

  return list ? list : g_new0 (char *, 1);
}

void
_lw_seen_clear_deferred (const char *path)
{
  int lock = lock_seen ();
  g_autoptr(GKeyFile) kf = load ();
  g_autofree char *group = group_for (path);

  if (g_key_file_has_key (kf, group, "deferred", NULL))
    {
      g_key_file_remove_key (kf, group, "deferred", NULL);
      save (kf);
    }
  unlock_seen (lock);
}
