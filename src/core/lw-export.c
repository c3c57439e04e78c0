/* lw-export.c: minutes, handouts, action lists and the roster, built from
 * policy views; files written whole or not at all
 *
 * A document is made of what views hold and of structural, clear data (meeting
 * date and place, attendees, agenda topics, owners and due dates).  The few
 * sensitive columns that are not part of a participant's view (an item's reasons,
 * an action item's text, a topic's notes, a concern's text) are copied only at
 * the level the policy engine gives the audience: the participant's view's level
 * where there is a participant, else the audience's level without any release of
 * information.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include "lw-i18n-private.h"
#include <inttypes.h>
#include <glib/gstdio.h>
#include <langinfo.h>
#include <locale.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lw/lw-agenda.h"
#include "lw/lw-audit.h"
#include "lw/lw-concerns.h"
#include "lw/lw-error.h"
#include "lw/lw-i18n.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw/lw-positions.h"
#include "lw/lw-vault.h"
#include "lw/lw-view.h"
#include "lw-export-private.h"
#include "lw-store-private.h"

/* ----------------------------------------------------------------------------
 * Files written whole or not at all
 */

struct _LwAtomicFile
{
  char     *path;       /* the requested name */
  char     *tmp_path;   /* a temporary file beside it */
  int       fd;         /* -1 once closed */
  int       lock_fd;    /* holds a flock while the temporary file is in use, so
                         * _lw_remove_debris() leaves it alone */
  gboolean  committed;
};

/* what is the message, naming path; the reason follows */
static gboolean
set_io_error (GError    **error,
              int         saved_errno,
              const char *what,
              const char *path)
{
  int code = saved_errno == ENOSPC || saved_errno == EDQUOT ? LW_ERROR_DISK_FULL
           : saved_errno == EACCES || saved_errno == EROFS || saved_errno == EPERM ? LW_ERROR_READ_ONLY
           : LW_ERROR_FAILED;

  g_set_error (error, LW_ERROR, code, "%s (“%s”): %s", what, path, g_strerror (saved_errno));
  return FALSE;
}

gboolean
lw_check_output_path (const char *path,
                      GError    **error)
{
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_lstat (path, &st) != 0)
    return TRUE;
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_EXISTS,
                   _("“%s” is a folder; give a file name"), path);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_EXISTS,
                   _("“%s” is not a regular file (a device, a link or a pipe); nothing was written. Give the name of a new file"),
                   path);
      return FALSE;
    }
  return TRUE;
}

LwAtomicFile *
lw_atomic_file_new (const char *path,
                    GError    **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmpl = NULL;
  LwAtomicFile *file;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  if (!lw_check_output_path (path, error))
    return NULL;
  /* what a killed run left behind under this name */
  _lw_remove_debris (path);
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmpl = g_strdup_printf ("%s%s.%s.XXXXXX", dir, G_DIR_SEPARATOR_S, base);
  fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_io_error (error, errno, _("Cannot write a file in that folder"), path);
      return NULL;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    g_debug ("cannot lock a temporary file: %s", g_strerror (errno));
  file = g_new0 (LwAtomicFile, 1);
  file->path = g_strdup (path);
  file->tmp_path = g_steal_pointer (&tmpl);
  file->fd = fd;
  /* the same open file, so the lock lasts until lock_fd is closed */
  file->lock_fd = dup (fd);
  return file;
}

const char *
lw_atomic_file_get_temp_path (LwAtomicFile *file)
{
  g_return_val_if_fail (file != NULL, NULL);
  return file->tmp_path;
}

const char *
lw_atomic_file_get_path (LwAtomicFile *file)
{
  g_return_val_if_fail (file != NULL, NULL);
  return file->path;
}

gboolean
lw_atomic_file_write (LwAtomicFile *file,
                      const void   *data,
                      gsize         len,
                      GError      **error)
{
  const guint8 *p = data;

  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (file->fd >= 0, FALSE);

  while (len > 0)
    {
      gssize n = write (file->fd, p, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return set_io_error (error, n < 0 ? errno : ENOSPC,
                             _("Writing the file failed; nothing was written"), file->path);
      p += n;
      len -= (gsize) n;
    }
  return TRUE;
}

static void
sync_dir (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    return;
  if (fsync (fd) != 0)
    g_debug ("fsync of a folder failed: %s", g_strerror (errno));
  close (fd);
}

static gboolean
atomic_file_commit (LwAtomicFile *file,
                    gboolean      no_replace,
                    GError      **error)
{
  int fd;

  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (!file->committed, FALSE);

  if (file->fd < 0)
    {
      /* written by someone else (SQLite) through the temporary name */
      file->fd = open (file->tmp_path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
      if (file->fd < 0)
        return set_io_error (error, errno, _("Writing the file failed; nothing was written"), file->path);
    }
  fd = file->fd;
  file->fd = -1;
  if (fsync (fd) != 0)
    {
      int saved = errno;
      close (fd);
      return set_io_error (error, saved, _("Writing the file failed; nothing was written"), file->path);
    }
  if (close (fd) != 0)
    return set_io_error (error, errno, _("Writing the file failed; nothing was written"), file->path);
  if (no_replace)
    {
      if (renameat2 (AT_FDCWD, file->tmp_path, AT_FDCWD, file->path, RENAME_NOREPLACE) != 0)
        {
          int saved = errno;

          if (saved == EEXIST)
            {
              g_set_error (error, LW_ERROR, LW_ERROR_EXISTS,
                           _("“%s” already exists; it was not changed. Choose another name."), file->path);
              return FALSE;
            }
          /* a file system without renameat2: a hard link does not replace either */
          if ((saved != EINVAL && saved != ENOSYS) || link (file->tmp_path, file->path) != 0)
            return set_io_error (error, saved == EINVAL || saved == ENOSYS ? errno : saved,
                                 _("Cannot put the file in place; nothing was written"), file->path);
          g_unlink (file->tmp_path);
        }
    }
  else if (g_rename (file->tmp_path, file->path) != 0)
    return set_io_error (error, errno, _("Cannot put the file in place; nothing was written"), file->path);
  file->committed = TRUE;
  /* the rename itself must survive a crash */
  sync_dir (file->path);
  return TRUE;
}

gboolean
lw_atomic_file_commit (LwAtomicFile *file,
                       GError      **error)
{
  return atomic_file_commit (file, FALSE, error);
}

gboolean
lw_atomic_file_commit_new (LwAtomicFile *file,
                           GError      **error)
{
  return atomic_file_commit (file, TRUE, error);
}

void
lw_atomic_file_close_fd (LwAtomicFile *file)
{
  g_return_if_fail (file != NULL);

  if (file->fd >= 0)
    close (file->fd);
  file->fd = -1;
}

void
lw_atomic_file_free (LwAtomicFile *file)
{
  if (file == NULL)
    return;
  if (file->fd >= 0)
    close (file->fd);
  if (!file->committed)
    g_unlink (file->tmp_path);
  if (file->lock_fd >= 0)
    close (file->lock_fd);
  g_free (file->path);
  g_free (file->tmp_path);
  g_free (file);
}

gboolean
lw_file_set_contents_atomic (const char *path,
                             const void *data,
                             gsize       len,
                             GError    **error)
{
  g_autoptr(LwAtomicFile) file = lw_atomic_file_new (path, error);

  if (file == NULL)
    return FALSE;
  return lw_atomic_file_write (file, data, len, error) &&
         lw_atomic_file_commit (file, error);
}

/* ----------------------------------------------------------------------------
 * Formats and paper
 */

int
lw_export_format_from_path (const char *path)
{
  g_autofree char *lower = NULL;

  if (path == NULL)
    return -1;
  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".pdf"))
    return LW_EXPORT_PDF;
  if (g_str_has_suffix (lower, ".md") || g_str_has_suffix (lower, ".markdown"))
    return LW_EXPORT_MARKDOWN;
  if (g_str_has_suffix (lower, ".csv"))
    return LW_EXPORT_CSV;
  return -1;
}

const char *
lw_export_format_to_string (LwExportFormat format)
{
  switch (format)
    {
    case LW_EXPORT_PDF:
      return "pdf";
    case LW_EXPORT_MARKDOWN:
      return "markdown";
    case LW_EXPORT_CSV:
      return "csv";
    default:
      return NULL;
    }
}

int
lw_paper_from_string (const char *name)
{
  if (name == NULL)
    return -1;
  if (g_ascii_strcasecmp (name, "a4") == 0)
    return LW_PAPER_A4;
  if (g_ascii_strcasecmp (name, "letter") == 0 || g_ascii_strcasecmp (name, "us-letter") == 0)
    return LW_PAPER_LETTER;
  return -1;
}

LwPaper
lw_paper_default (void)
{
#ifdef _NL_PAPER_HEIGHT
  const char *locale = setlocale (LC_PAPER, NULL);

  /* the C locale says nothing about paper: A4 */
  if (locale != NULL && strcmp (locale, "C") != 0 && strcmp (locale, "POSIX") != 0)
    {
      int height = (int) (gintptr) nl_langinfo (_NL_PAPER_HEIGHT);

      if (height == 279)
        return LW_PAPER_LETTER;
    }
#endif
  return LW_PAPER_A4;
}

void
lw_paper_get_size (LwPaper  paper,
                   double  *width_pt,
                   double  *height_pt)
{
  if (paper == LW_PAPER_LETTER)
    {
      *width_pt = 612.0;
      *height_pt = 792.0;
    }
  else
    {
      *width_pt = 595.2756;   /* 210 mm */
      *height_pt = 841.8898;  /* 297 mm */
    }
}

/* ----------------------------------------------------------------------------
 * The document model
 */

static void
block_free (gpointer data)
{
  LwBlock *block = data;

  g_free (block->label);
  lw_secret_free (block->text);
  if (block->data_free != NULL && block->data != NULL)
    block->data_free ((gpointer) block->data);
  g_free (block);
}

LwDocument *
_lw_document_new (const char       *kind,
                  const char       *title,
                  const char       *program,
                  const LwAudience *audience)
{
  LwDocument *document = g_new0 (LwDocument, 1);
  GString *label = g_string_new (NULL);

  /* the builders write in the calling thread's language (lw_i18n_push()) */
  document->kind = g_strdup (kind);
  document->language = g_intern_string (lw_i18n_get_current ());
  document->title = g_strdup (title);
  document->program = g_strdup (program);
  document->audience = lw_audience_copy (audience);
  document->blocks = g_ptr_array_new_with_free_func (block_free);

  for (guint i = 0; i < lw_audience_get_n_members (audience); i++)
    {
      const char *agency = NULL;
      LwRole role = lw_audience_get_member (audience, i, &agency);

      if (label->len > 0)
        g_string_append (label, ", ");
      g_string_append (label, lw_role_to_label (role));
      if (agency != NULL && *agency != '\0')
        g_string_append_printf (label, " (%s)", agency);
    }
  document->audience_label = g_string_free (label, FALSE);
  return document;
}

LwBlock *
_lw_document_add (LwDocument  *document,
                  LwBlockKind  kind,
                  const char  *label,
                  const char  *text)
{
  LwBlock *block = g_new0 (LwBlock, 1);

  block->kind = kind;
  block->label = g_strdup (label);
  block->text = g_strdup (text ? text : "");
  g_ptr_array_add (document->blocks, block);
  return block;
}

void
lw_document_free (LwDocument *document)
{
  if (document == NULL)
    return;
  _lw_document_clear_layout (document);
  g_free (document->kind);
  g_free (document->title);
  g_free (document->subtitle);
  g_free (document->program);
  g_free (document->scope);
  g_free (document->audience_label);
  lw_audience_free (document->audience);
  g_ptr_array_unref (document->blocks);
  g_free (document);
}

const char *
lw_document_get_kind (const LwDocument *document)
{
  g_return_val_if_fail (document != NULL, NULL);
  return document->kind;
}

const char *
lw_document_get_title (const LwDocument *document)
{
  g_return_val_if_fail (document != NULL, NULL);
  return document->title;
}

const LwAudience *
lw_document_get_audience (const LwDocument *document)
{
  g_return_val_if_fail (document != NULL, NULL);
  return document->audience;
}

static char *
document_dup_audience_line_unlocalized (const LwDocument *document)
{
  return g_strdup_printf (_("Audience: %s"), document->audience_label);
}

gboolean
lw_document_has_part2 (const LwDocument *document)
{
  g_return_val_if_fail (document != NULL, FALSE);

  for (guint i = 0; i < document->blocks->len; i++)
    if (((LwBlock *) g_ptr_array_index (document->blocks, i))->part2)
      return TRUE;
  return FALSE;
}

/* ----------------------------------------------------------------------------
 * Building blocks
 */

typedef struct
{
  LwStore        *store;
  LwPolicyMatrix  matrix;
  LwAudience     *audience;
  LwLevel         base[LW_N_CATEGORIES];  /* the audience without any release */
  LwDocument     *document;
  GHashTable     *people;                 /* LwId -> LwPerson */
  LwViewFlags     view_flags;
  char          **part2;                  /* substance-use treatment programs */
} Builder;

static void
builder_clear (Builder *b)
{
  g_clear_pointer (&b->people, g_hash_table_unref);
  g_clear_pointer (&b->audience, lw_audience_free);
  g_clear_pointer (&b->part2, g_strfreev);
}

static void
builder_init (Builder          *b,
              LwStore          *store,
              const LwAudience *audience,
              LwViewFlags       flags)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autofree char *today = lw_date_today ();

  memset (b, 0, sizeof *b);
  b->store = store;
  b->audience = lw_audience_copy (audience);
  lw_policy_load_matrix (store, &b->matrix);
  lw_policy_resolve_levels (&b->matrix, b->audience, none, today, b->base);
  b->people = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, lw_record_free);
  b->view_flags = flags;
  b->part2 = lw_policy_get_part2_agencies (store);
}

static const LwPerson *
builder_person (Builder *b,
                LwId     id)
{
  LwPerson *person;
  gint64 *key;

  if (id == 0)
    return NULL;
  person = g_hash_table_lookup (b->people, &id);
  if (person != NULL)
    return person;
  person = lw_store_get (b->store, &lw_person_table, id, NULL);
  if (person == NULL)
    return NULL;
  key = g_new (gint64, 1);
  *key = id;
  g_hash_table_insert (b->people, key, person);
  return person;
}

static LwParticipantView *
builder_view (Builder  *b,
              LwId      participant_id,
              GError  **error)
{
  g_autoptr(LwParticipant) participant = NULL;

  participant = lw_store_get (b->store, &lw_participant_table, participant_id, error);
  if (participant == NULL)
    return NULL;
  return lw_policy_view_participant_with_matrix (b->store, &b->matrix, b->audience, participant,
                                                 b->view_flags | LW_VIEW_AUDITED, error);
}

char *
_lw_export_program_name (LwStore *store)
{
  g_autofree char *setting = lw_store_get_setting (store, "program.name");
  g_autoptr(GPtrArray) people = NULL;

  if (setting != NULL && *setting != '\0')
    return g_steal_pointer (&setting);
  /* the project manager's agency is the program */
  people = lw_store_list (store, &lw_person_table, NULL, 0, NULL);
  for (guint i = 0; people != NULL && i < people->len; i++)
    {
      const LwPerson *person = g_ptr_array_index (people, i);

      if (person->role == LW_ROLE_PROJECT_MANAGER && person->active && person->agency && *person->agency)
        return g_strdup (person->agency);
    }
  return g_strdup (_("LEAD Operational Workgroup"));
}

static char *
humanize (const char *name)
{
  char *s = g_strdup (name);

  for (char *c = s; *c; c++)
    if (*c == '_')
      *c = ' ';
  return s;
}

/* One line for a list element: "Housing: Apply for the waiting list; status In
 * progress; target date 2026-12-01". */
static gboolean
is_free_text (const char *name)
{
  return g_strcmp0 (name, "text") == 0 || g_strcmp0 (name, "note") == 0 ||
         g_strcmp0 (name, "notes") == 0;
}

/* One line for a list element: "Housing: Apply for the waiting list; status In
 * progress; target date 2026-12-01". */
static char *
element_text (const LwViewValue *value)
{
  GString *s;

  if (value->type != LW_VIEW_VALUE_OBJECT)
    return lw_view_value_to_text (value);
  s = g_string_new (NULL);
  for (guint i = 0; i < value->children->len; i++)
    {
      const LwViewValue *child = g_ptr_array_index (value->children, i);
      g_auto(LwSecretText) text = lw_view_value_to_text (child);

      if (i > 0 && is_free_text (child->name))
        g_string_append (s, ": ");
      else if (i > 0)
        g_string_append (s, "; ");
      if (i > 0 && child->name != NULL && !is_free_text (child->name))
        {
          g_autofree char *name = child->label ? g_utf8_strdown (_(child->label), -1)
                                                : humanize (child->name);
          g_string_append_printf (s, "%s ", name);
        }
      g_string_append (s, text);
    }
  return g_string_free (s, FALSE);
}

static const LwViewValue *
object_member (const LwViewValue *object,
               const char        *name)
{
  if (object->type != LW_VIEW_VALUE_OBJECT)
    return NULL;
  for (guint i = 0; i < object->children->len; i++)
    {
      const LwViewValue *child = g_ptr_array_index (object->children, i);
      if (g_strcmp0 (child->name, name) == 0)
        return child;
    }
  return NULL;
}

static LwBlock *
add_field (LwDocument *document,
           const char *label,
           const char *text,
           guint       depth)
{
  LwBlock *block = _lw_document_add (document, LW_BLOCK_FIELD, label, text);

  block->depth = depth;
  return block;
}

/* A view field as blocks: a text value is one field; a list is a label and one
 * bullet per element. */
static void
add_view_field (LwDocument        *document,
                const LwViewField *field)
{
  gboolean part2 = field->category == LW_CATEGORY_SUBSTANCE_USE;

  if (field->value->type == LW_VIEW_VALUE_LIST)
    {
      LwBlock *head = add_field (document, field->label, "", 0);

      head->part2 = part2;
      for (guint i = 0; i < field->value->children->len; i++)
        {
          g_auto(LwSecretText) text = element_text (g_ptr_array_index (field->value->children, i));
          LwBlock *bullet = _lw_document_add (document, LW_BLOCK_BULLET, NULL, text);

          bullet->depth = 1;
          bullet->part2 = part2;
        }
      return;
    }
  {
    g_auto(LwSecretText) text = element_text (field->value);
    LwBlock *block = add_field (document, field->label, text, 0);

    block->part2 = part2;
  }
}

/* "P-0142 · Jordan Example" at identity full, "P-0142 · J.E." at summary. */
static char *
participant_heading (const LwParticipantView *view)
{
  const char *code = lw_participant_view_get_code (view);
  const LwViewField *name = lw_participant_view_lookup (view, "identity.preferred_name");

  if (name == NULL)
    name = lw_participant_view_lookup (view, "identity.legal_name");
  if (name == NULL)
    name = lw_participant_view_lookup (view, "identity.initials");
  if (name != NULL && name->value->type == LW_VIEW_VALUE_TEXT && name->value->text != NULL)
    return g_strdup_printf ("%s · %s", code, name->value->text);
  return g_strdup (code);
}

/* The participant's fields as the view holds them.  What belongs to the meeting
 * rather than the card (discussion notes, releases, and in the minutes the open
 * action items, which are listed as agreed) is left to the caller. */
/* The latest position on each matter, and beneath it the earlier ones. */
static void
add_positions (LwDocument              *document,
               const LwParticipantView *view)
{
  g_autoptr(GPtrArray) matters = lw_positions_from_view (view);

  for (guint i = 0; i < matters->len; i++)
    {
      const LwMatterPositions *matter = g_ptr_array_index (matters, i);
      g_auto(LwSecretText) latest = lw_matter_positions_latest_text (matter);

      if (latest[0] == '\0')
        continue;
      add_field (document, _("Latest position"), latest, 0);
      for (guint j = 1; j < matter->positions->len; j++)
        {
          g_auto(LwSecretText) text = lw_position_to_text (g_ptr_array_index (matter->positions, j));
          g_auto(LwSecretText) line = g_strdup_printf (_("Earlier: %s"), text);
          LwBlock *bullet = _lw_document_add (document, LW_BLOCK_BULLET, NULL, line);

          bullet->depth = 1;
        }
    }
}

static void
add_card (LwDocument              *document,
          const LwParticipantView *view)
{
  gboolean positions = FALSE;

  for (guint i = 0; i < lw_participant_view_get_n_fields (view); i++)
    {
      const LwViewField *field = lw_participant_view_get_field (view, i);

      const char *name = strchr (field->key, '.') + 1;

      /* the prosecutor's positions beside the plan (the IIP) */
      if (!positions && field->category > LW_CATEGORY_PLAN)
        {
          add_positions (document, view);
          positions = TRUE;
        }
      if (g_str_equal (field->key, "prosecution.notes"))
        continue;

      /* by name: a marked record's list sits under its own category */
      if (g_str_equal (name, "discussion") ||
          g_str_equal (name, "consents") ||
          g_str_equal (name, "concerns") ||
          g_str_equal (name, "diversion_decisions") ||
          g_str_equal (name, "action_items"))
        continue;
      if (g_str_equal (name, "contacts") && field->value->type == LW_VIEW_VALUE_LIST)
        {
          /* the contact log is long: its size and the last date */
          const char *last = NULL;
          guint n = field->value->children->len;
          g_autofree char *text = NULL;

          for (guint j = 0; j < n; j++)
            {
              const LwViewValue *date = object_member (g_ptr_array_index (field->value->children, j), "date");
              if (date && date->text && g_strcmp0 (date->text, last) > 0)
                last = date->text;
            }
          text = last ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contact, the last on %s",
                                                      "%u contacts, the last on %s", n), n, last)
                      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contact", "%u contacts", n), n);
          add_field (document, field->label, text, 0);
          continue;
        }
      add_view_field (document, field);
    }
  if (!positions)
    add_positions (document, view);
}

/* The reasons the audience may see, as labels; NULL when none. */
static char *
reasons_text (const char    *reasons,
              const LwLevel  levels[LW_N_CATEGORIES])
{
  g_autoptr(GPtrArray) labels = lw_agenda_reason_labels (reasons, levels);

  if (labels->len == 0)
    return NULL;
  g_ptr_array_add (labels, NULL);
  return g_strjoinv (", ", (char **) labels->pdata);
}

static void
view_levels (const LwParticipantView *view,
             LwLevel                  levels[LW_N_CATEGORIES])
{
  for (int c = 0; c < LW_N_CATEGORIES; c++)
    levels[c] = lw_participant_view_get_level (view, c);
}

static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) dt = NULL;

  if (usec == 0)
    return NULL;
  dt = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);
  return dt ? g_date_time_format (dt, "%H:%M") : NULL;
}

static char *
attendee_text (Builder            *b,
               const LwAttendance *a)
{
  const LwPerson *person = builder_person (b, a->person_id);
  const char *name = person ? person->name : a->guest_name;
  const char *agency = person ? person->agency : a->guest_agency;

  return g_strdup_printf ("%s%s — %s%s%s",
                          name ? name : _("(unnamed)"),
                          person == NULL ? _(" (guest)") : "",
                          lw_role_to_label (a->role),
                          agency && *agency ? " — " : "",
                          agency && *agency ? agency : "");
}

static void
add_attendees (Builder   *b,
               GPtrArray *attendance,
               gboolean   minutes)
{
  LwDocument *document = b->document;
  guint n_absent = 0;

  _lw_document_add (document, LW_BLOCK_HEADING, NULL, minutes ? _("Attendees") : _("Invited"));
  for (guint i = 0; i < attendance->len; i++)
    {
      const LwAttendance *a = g_ptr_array_index (attendance, i);
      g_autofree char *text = NULL;

      if (a->absent)
        {
          n_absent++;
          continue;
        }
      text = attendee_text (b, a);
      _lw_document_add (document, LW_BLOCK_BULLET, NULL, text);
    }
  if (n_absent == 0)
    return;
  _lw_document_add (document, LW_BLOCK_PARAGRAPH, NULL, minutes ? _("Absent:") : _("Sent apologies:"));
  for (guint i = 0; i < attendance->len; i++)
    {
      const LwAttendance *a = g_ptr_array_index (attendance, i);
      g_autofree char *text = NULL;

      if (!a->absent)
        continue;
      text = attendee_text (b, a);
      _lw_document_add (document, LW_BLOCK_BULLET, NULL, text);
    }
}

static const char confidentiality[] =
  N_("Confidential. This document shows each participant on a need-to-know basis for the audience "
     "named at the top of every page, and only to them. Do not copy it or pass it on. What case "
     "managers learn in care coordination is never a basis for enforcement.");

/* The action items agreed at an item, under their heading; nothing at all
 * when the audience may see none of them. */
static void
add_action_lines (Builder       *b,
                  GPtrArray     *actions,
                  const LwLevel  levels[LW_N_CATEGORIES])
{
  LwDocument *document = b->document;
  gboolean headed = FALSE;

  for (guint i = 0; i < actions->len; i++)
    {
      const LwActionItem *action = g_ptr_array_index (actions, i);
      g_autofree char *owner = NULL;
      g_auto(LwSecretText) text = NULL;
      const char *action_text = NULL;
      GString *s;
      LwBlock *bullet;

      if (!lw_policy_show_action (action, levels, &action_text))
        continue;
      if (!headed)
        add_field (document, _("Action items agreed"), "", 0);
      headed = TRUE;
      owner = lw_policy_person_label (builder_person (b, action->owner_id),
                                      (const char * const *) b->part2, levels);
      s = g_string_new (NULL);
      g_string_append_printf (s, _("Owner: %s"), owner ? owner : _("unknown"));
      g_string_append (s, "; ");
      if (action->due_date)
        g_string_append_printf (s, _("due %s"), action->due_date);
      else
        g_string_append (s, _("no due date"));
      if (action->status != LW_ACTION_OPEN)
        g_string_append_printf (s, " (%s)", lw_enum_to_label (&lw_action_status_info, action->status));
      if (action_text != NULL)
        g_string_append_printf (s, ": %s", action_text);
      text = g_string_free (s, FALSE);
      bullet = _lw_document_add (document, LW_BLOCK_BULLET, NULL, text);
      bullet->depth = 1;
      bullet->part2 = lw_model_text_category (action) == LW_CATEGORY_SUBSTANCE_USE;
    }
}

/* Discussion notes and outcome of this meeting, from the view (care notes, and
 * notes marked as concerning health or treatment where they may be seen). */
static void
add_discussion_from_view (LwDocument              *document,
                          const LwParticipantView *view,
                          const char              *meeting_date)
{
  for (guint f = 0; f < lw_participant_view_get_n_fields (view); f++)
    {
      const LwViewField *field = lw_participant_view_get_field (view, f);

      if (!g_str_equal (strchr (field->key, '.') + 1, "discussion") ||
          field->value->type != LW_VIEW_VALUE_LIST)
        continue;
      for (guint i = 0; i < field->value->children->len; i++)
        {
          const LwViewValue *entry = g_ptr_array_index (field->value->children, i);
          const LwViewValue *date = object_member (entry, "meeting");
          const LwViewValue *notes = object_member (entry, "notes");
          const LwViewValue *outcome = object_member (entry, "outcome");
          gboolean part2 = field->category == LW_CATEGORY_SUBSTANCE_USE;

          if (date == NULL || g_strcmp0 (date->text, meeting_date) != 0)
            continue;
          if (notes && notes->text)
            add_field (document, _("Discussion"), notes->text, 0)->part2 = part2;
          if (outcome && outcome->text)
            add_field (document, _("Outcome"), outcome->text, 0)->part2 = part2;
        }
    }
}

/* The levels a concern item is seen at: those of the participant it names, if
 * any, else the audience's own.  *concern_out receives the concern. */
/* The participant's open action items as the view holds them: owner and due
 * date, and the text where the plan is shown in full (items marked as
 * concerning health or treatment only where those may be seen). */
static void
add_open_actions (LwDocument              *document,
                  const LwParticipantView *view)
{
  gboolean labelled = FALSE;

  for (guint f = 0; f < lw_participant_view_get_n_fields (view); f++)
    {
      const LwViewField *field = lw_participant_view_get_field (view, f);
      gboolean part2 = field->category == LW_CATEGORY_SUBSTANCE_USE;

      if (!g_str_equal (strchr (field->key, '.') + 1, "action_items") ||
          field->value->type != LW_VIEW_VALUE_LIST)
        continue;
      if (!labelled)
        add_field (document, field->label, "", 0);
      labelled = TRUE;
      for (guint i = 0; i < field->value->children->len; i++)
        {
          const LwViewValue *entry = g_ptr_array_index (field->value->children, i);
          const LwViewValue *owner = object_member (entry, "owner");
          const LwViewValue *due = object_member (entry, "due_date");
          const LwViewValue *text = object_member (entry, "text");
          GString *line = g_string_new (NULL);
          LwBlock *bullet;

          g_string_append_printf (line, _("Owner: %s"), owner && owner->text ? owner->text : _("unknown"));
          g_string_append (line, "; ");
          if (due && due->text)
            g_string_append_printf (line, _("due %s"), due->text);
          else
            g_string_append (line, _("no due date"));
          if (text && text->text)
            g_string_append_printf (line, ": %s", text->text);
          bullet = _lw_document_add (document, LW_BLOCK_BULLET, NULL, line->str);
          bullet->depth = 1;
          bullet->part2 = part2;
          lw_secret_free (g_string_free (line, FALSE));
        }
    }
}

static gboolean
concern_levels (Builder             *b,
                const LwAgendaItem  *item,
                LwCommunityConcern **concern_out,
                LwLevel              levels[LW_N_CATEGORIES],
                GError             **error)
{
  g_autoptr(LwCommunityConcern) concern = NULL;

  *concern_out = NULL;
  if (item->concern_id == 0)
    return TRUE;
  concern = lw_store_get (b->store, &lw_community_concern_table, item->concern_id, error);
  if (concern == NULL)
    return FALSE;
  if (concern->participant_id != 0)
    {
      g_autoptr(LwParticipantView) view = builder_view (b, concern->participant_id, error);

      if (view == NULL)
        return FALSE;
      view_levels (view, levels);
    }
  *concern_out = g_steal_pointer (&concern);
  return TRUE;
}

/* A concern item: the concern as the audience may see it (lw-concerns.h),
 * never the participant it may name. */
static gboolean
add_concern (Builder                  *b,
             const LwCommunityConcern *concern,
             GError                  **error)
{
  LwDocument *document = b->document;
  g_autoptr(LwConcernView) view = NULL;

  if (concern == NULL)
    return TRUE;
  view = lw_concern_view_new (b->store, b->audience, concern, error);
  if (view == NULL)
    return FALSE;
  if (view->date)
    add_field (document, _("Raised"), view->date, 0);
  add_field (document, _("Status"), lw_enum_to_label (&lw_concern_status_info, view->status), 0);
  if (view->area)
    add_field (document, _("Area"), view->area, 0);
  if (view->text)
    add_field (document, _("Concern"), view->text, 0);
  if (view->planned_response)
    add_field (document, _("Planned response"), view->planned_response, 0);
  if (view->response_kind)
    add_field (document, _("What was done"), view->response_kind, 0);
  if (view->response)
    add_field (document, _("Response"), view->response, 0);
  return TRUE;
}

static char *
item_title (const LwAgendaItem      *item,
            const LwParticipantView *view,
            const LwLevel            levels[LW_N_CATEGORIES],
            guint                    number)
{
  g_auto(LwSecretText) what = NULL;

  switch (item->kind)
    {
    case LW_ITEM_PARTICIPANT:
      what = view ? participant_heading (view) : g_strdup (_("Participant"));
      break;
    case LW_ITEM_CONCERN:
      what = g_strdup (_("Community concern"));
      break;
    default:
      what = lw_agenda_topic_title (item, levels);
      break;
    }
  return g_strdup_printf ("%u. %s", number, what);
}

/* ----------------------------------------------------------------------------
 * Minutes and handouts
 */

static LwDocument *
meeting_document (LwStore           *store,
                  LwId               meeting_id,
                  const LwAudience  *audience,
                  gboolean           minutes,
                  GError           **error)
{
  g_autoptr(LwMeeting) meeting = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) attendance = NULL;
  g_autoptr(LwDocument) document = NULL;
  g_autofree char *program = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GPtrArray) not_reached = g_ptr_array_new ();
  Builder b;
  guint number = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (audience != NULL, NULL);

  meeting = lw_store_get (store, &lw_meeting_table, meeting_id, error);
  if (meeting == NULL)
    return NULL;
  items = lw_agenda_list_items (store, meeting_id, error);
  if (items == NULL)
    return NULL;
  attendance = lw_agenda_list_attendance (store, meeting_id, error);
  if (attendance == NULL)
    return NULL;

  program = _lw_export_program_name (store);
  title = minutes ? g_strdup_printf (_("Minutes of the Operational Workgroup, %s"), meeting->date)
                  : g_strdup_printf (_("Agenda of the Operational Workgroup, %s"), meeting->date);
  document = _lw_document_new (minutes ? "minutes" : "handout", title, program, audience);
  document->meeting_id = meeting_id;
  builder_init (&b, store, audience, LW_VIEW_DEFAULT);
  b.document = document;

  {
    g_autofree char *start = NULL;
    g_autofree char *end = NULL;
    g_autofree char *day = lw_i18n_format_date (meeting->date);
    GString *when = g_string_new (day);

    if (minutes && meeting->started_at != 0)
      {
        start = format_time (meeting->started_at);
        end = format_time (meeting->ended_at);
      }
    if (start != NULL)
      g_string_append_printf (when, end ? ", %s–%s" : ", %s", start, end);
    else if (meeting->start_time != NULL)
      g_string_append_printf (when, _(", %s (%" PRId64 " minutes)"),
                              meeting->start_time, meeting->length_minutes);
    if (meeting->place != NULL)
      g_string_append_printf (when, " · %s", meeting->place);
    document->subtitle = g_string_free (when, FALSE);
  }
  _lw_document_add (document, LW_BLOCK_NOTE, NULL, _(confidentiality));
  add_attendees (&b, attendance, minutes);

  _lw_document_add (document, LW_BLOCK_HEADING, NULL, minutes ? _("Discussion") : _("Agenda"));
  for (guint i = 0; i < items->len; i++)
    {
      const LwAgendaItem *item = g_ptr_array_index (items, i);
      g_autoptr(LwParticipantView) view = NULL;
      g_autoptr(LwCommunityConcern) concern = NULL;
      g_autoptr(GPtrArray) actions = NULL;
      g_auto(LwSecretText) heading = NULL;
      g_auto(LwSecretText) reasons = NULL;
      LwLevel levels[LW_N_CATEGORIES];

      if (minutes && lw_agenda_item_not_reached (meeting, item))
        {
          g_ptr_array_add (not_reached, (gpointer) item);
          continue;
        }
      memcpy (levels, b.base, sizeof levels);
      if (item->kind == LW_ITEM_PARTICIPANT && item->participant_id != 0)
        {
          view = builder_view (&b, item->participant_id, error);
          if (view == NULL)
            goto out;
          view_levels (view, levels);
        }

      heading = item_title (item, view, levels, ++number);
      if (!minutes && item->time_budget > 0)
        {
          char *with_time = g_strdup_printf (_("%s (%" PRId64 " min)"), heading,
                                             (MIN (item->time_budget, G_MAXINT32) + 59) / 60);
          lw_secret_free (heading);
          heading = with_time;
        }
      _lw_document_add (document, LW_BLOCK_ITEM, NULL, heading);

      if (item->kind == LW_ITEM_CONCERN && !concern_levels (&b, item, &concern, levels, error))
        goto out;
      reasons = reasons_text (item->reasons, levels);
      if (reasons != NULL)
        add_field (document, _("Reasons"), reasons, 0);
      if (!add_concern (&b, concern, error))
        goto out;
      if (view != NULL)
        add_card (document, view);

      if (minutes)
        {
          if (view != NULL)
            add_discussion_from_view (document, view, meeting->date);
          else if (lw_policy_text_visible (lw_model_category_of (item, LW_CATEGORY_CARE_NOTES),
                                           LW_CATEGORY_CARE_NOTES, levels))
            {
              /* a topic or a concern: the audience's own level, no participant */
              if (item->notes)
                add_field (document, _("Discussion"), item->notes, 0);
              if (item->outcome)
                add_field (document, _("Outcome"), item->outcome, 0);
            }
          actions = lw_store_list (store, &lw_action_item_table, "agenda_item_id", item->id, error);
          if (actions == NULL)
            goto out;
          add_action_lines (&b, actions, levels);
        }
      else if (view != NULL)
        add_open_actions (document, view);
    }
  if (number == 0)
    _lw_document_add (document, LW_BLOCK_PARAGRAPH, NULL,
                      minutes ? _("No item was discussed.") : _("The agenda is empty."));

  if (not_reached->len > 0)
    {
      _lw_document_add (document, LW_BLOCK_HEADING, NULL, _("Not reached (carried over)"));
      for (guint i = 0; i < not_reached->len; i++)
        {
          const LwAgendaItem *item = g_ptr_array_index (not_reached, i);
          g_autoptr(LwParticipantView) view = NULL;
          g_auto(LwSecretText) what = NULL;
          g_auto(LwSecretText) reasons = NULL;
          LwLevel levels[LW_N_CATEGORIES];

          memcpy (levels, b.base, sizeof levels);
          if (item->kind == LW_ITEM_PARTICIPANT && item->participant_id != 0)
            {
              view = builder_view (&b, item->participant_id, error);
              if (view == NULL)
                goto out;
              view_levels (view, levels);
              what = participant_heading (view);
            }
          else
            what = item->kind == LW_ITEM_CONCERN ? g_strdup (_("Community concern"))
                                                 : lw_agenda_topic_title (item, levels);
          reasons = reasons_text (item->reasons, levels);
          if (reasons != NULL)
            {
              char *with = g_strdup_printf ("%s (%s)", what, reasons);
              lw_secret_free (what);
              what = with;
            }
          _lw_document_add (document, LW_BLOCK_BULLET, NULL, what);
        }
    }
  ok = TRUE;

out:
  builder_clear (&b);
  return ok ? g_steal_pointer (&document) : NULL;
}

LwDocument *
lw_export_minutes_document (LwStore           *store,
                            LwId               meeting_id,
                            const LwAudience  *audience,
                            GError           **error)
{
  return meeting_document (store, meeting_id, audience, TRUE, error);
}

LwDocument *
lw_export_handout_document (LwStore           *store,
                            LwId               meeting_id,
                            const LwAudience  *audience,
                            GError           **error)
{
  return meeting_document (store, meeting_id, audience, FALSE, error);
}

/* ----------------------------------------------------------------------------
 * Action list per owner
 */

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const LwActionItem *x = *(const LwActionItem * const *) a;
  const LwActionItem *y = *(const LwActionItem * const *) b;

  if (x->due_date == NULL || y->due_date == NULL)
    {
      if (x->due_date != y->due_date)
        return x->due_date == NULL ? 1 : -1;
    }
  else
    {
      int c = strcmp (x->due_date, y->due_date);
      if (c != 0)
        return c;
    }
  return (x->id > y->id) - (x->id < y->id);
}

LwDocument *
lw_export_actions_document (LwStore  *store,
                            LwId      owner_id,
                            GError  **error)
{
  g_autoptr(LwPerson) owner = NULL;
  g_autoptr(LwAudience) audience = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(LwDocument) document = NULL;
  g_autoptr(GHashTable) views = NULL;
  g_autoptr(GHashTable) meetings = NULL;
  g_autofree char *program = NULL;
  g_autofree char *title = NULL;
  g_autofree char *today = lw_date_today ();
  Builder b;
  guint n_open = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (store != NULL, NULL);

  owner = lw_store_get (store, &lw_person_table, owner_id, error);
  if (owner == NULL)
    return NULL;
  actions = lw_store_list (store, &lw_action_item_table, "owner_id", owner_id, error);
  if (actions == NULL)
    return NULL;
  g_ptr_array_sort (actions, compare_due);

  /* the owner's own level: their role, and their agency for releases */
  audience = lw_audience_new ();
  lw_audience_add_member (audience, owner->role, owner->agency);

  program = _lw_export_program_name (store);
  title = g_strdup_printf (_("Open action items of %s"), owner->name);
  document = _lw_document_new ("actions", title, program, audience);
  document->owner_id = owner_id;
  document->subtitle = g_strdup_printf (_("%s · %s · as of %s"), lw_role_to_label (owner->role),
                                        owner->agency ? owner->agency : "", today);
  builder_init (&b, store, audience, LW_VIEW_PARTICIPANT_ONLY);
  b.document = document;
  views = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) lw_participant_view_free);
  meetings = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  _lw_document_add (document, LW_BLOCK_NOTE, NULL, _(confidentiality));
  _lw_document_add (document, LW_BLOCK_HEADING, NULL, _("Open action items"));
  for (guint i = 0; i < actions->len; i++)
    {
      const LwActionItem *action = g_ptr_array_index (actions, i);
      const LwParticipantView *view = NULL;
      const char *meeting_date = NULL;
      LwLevel levels[LW_N_CATEGORIES];
      g_auto(LwSecretText) heading = NULL;
      GString *line;

      const char *action_text = NULL;

      if (action->status != LW_ACTION_OPEN)
        continue;
      memcpy (levels, b.base, sizeof levels);
      if (action->participant_id != 0)
        {
          view = g_hash_table_lookup (views, &action->participant_id);
          if (view == NULL)
            {
              LwParticipantView *made = builder_view (&b, action->participant_id, error);
              gint64 *key;

              if (made == NULL)
                goto out;
              key = g_new (gint64, 1);
              *key = action->participant_id;
              g_hash_table_insert (views, key, made);
              view = made;
            }
          view_levels (view, levels);
        }
      /* the owner's own level: an item they may not see in full is theirs
       * all the same, but its text stays out of their list */
      if (!lw_policy_show_action (action, levels, &action_text))
        action_text = NULL;
      n_open++;
      if (action->meeting_id != 0)
        {
          meeting_date = g_hash_table_lookup (meetings, &action->meeting_id);
          if (meeting_date == NULL)
            {
              g_autoptr(LwMeeting) meeting = lw_store_get (store, &lw_meeting_table, action->meeting_id, NULL);
              gint64 *key = g_new (gint64, 1);

              *key = action->meeting_id;
              meeting_date = g_strdup (meeting ? meeting->date : "");
              g_hash_table_insert (meetings, key, (gpointer) meeting_date);
            }
        }

      heading = view ? participant_heading (view) : g_strdup (_("No participant"));
      line = g_string_new (NULL);
      if (action->due_date)
        g_string_append_printf (line, _("Due %s"), action->due_date);
      else
        g_string_append (line, _("No due date"));
      if (today && action->due_date && strcmp (action->due_date, today) < 0)
        g_string_append (line, _(" (overdue)"));
      g_string_append_printf (line, " · %s", heading);
      if (meeting_date && *meeting_date)
        g_string_append_printf (line, _(" · agreed %s"), meeting_date);
      if (action->carried_over > 0)
        g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, " · carried over %" PRId64 " time",
                                                   " · carried over %" PRId64 " times",
                                                   action->carried_over), action->carried_over);
      {
        g_auto(LwSecretText) text = g_string_free (line, FALSE);
        _lw_document_add (document, LW_BLOCK_BULLET, NULL, text);
      }
      if (action_text != NULL)
        {
          LwBlock *block = _lw_document_add (document, LW_BLOCK_PARAGRAPH, NULL, action_text);
          block->depth = 1;
          block->part2 = lw_model_text_category (action) == LW_CATEGORY_SUBSTANCE_USE;
        }
    }
  if (n_open == 0)
    _lw_document_add (document, LW_BLOCK_PARAGRAPH, NULL, _("No open action items."));
  ok = TRUE;

out:
  builder_clear (&b);
  return ok ? g_steal_pointer (&document) : NULL;
}

/* ----------------------------------------------------------------------------
 * Writing files
 */

static char *
audit_detail (const LwDocument *document,
              const char       *medium)
{
  g_autofree char *audience = lw_audience_to_string (document->audience);

  if (document->owner_id != 0)
    return g_strdup_printf ("%s owner=person-%" G_GINT64_FORMAT " audience=%s format=%s",
                            document->kind, document->owner_id, audience, medium);
  /* a document of a period (a decision review, a report back) */
  if (document->meeting_id == 0)
    return g_strdup_printf ("%s%s%s audience=%s format=%s", document->kind,
                            document->scope ? " " : "", document->scope ? document->scope : "",
                            audience, medium);
  return g_strdup_printf ("%s meeting=%" G_GINT64_FORMAT " audience=%s format=%s",
                          document->kind, document->meeting_id, audience, medium);
}

gboolean
lw_document_audit (LwStore          *store,
                   const LwDocument *document,
                   const char       *medium,
                   GError          **error)
{
  g_autofree char *detail = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (medium != NULL, FALSE);

  detail = audit_detail (document, medium);
  return lw_audit_append (store, LW_AUDIT_EXPORT, detail, error);
}

/* Writes the rendered document to a temporary file beside path and appends the
 * audit entry; the caller commits the store and then the file, so the file is in
 * place only once the entry is. */
static LwAtomicFile *
prepare_file (LwStore         *store,
              LwDocument      *document,
              const char      *path,
              LwExportFormat   format,
              LwPaper          paper,
              GError         **error)
{
  g_autoptr(LwAtomicFile) file = NULL;
  g_autofree char *detail = NULL;
  gboolean ok;

  if (format != LW_EXPORT_PDF && format != LW_EXPORT_MARKDOWN)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("“%s”: minutes, handouts and action lists are written as .pdf or .md"), path);
      return NULL;
    }
  file = lw_atomic_file_new (path, error);
  if (file == NULL)
    return NULL;
  if (format == LW_EXPORT_PDF)
    {
      g_autoptr(GBytes) pdf = lw_document_to_pdf (document, paper, error);
      const void *data;
      gsize len;

      if (pdf == NULL)
        return NULL;
      data = g_bytes_get_data (pdf, &len);
      ok = lw_atomic_file_write (file, data, len, error);
    }
  else
    {
      char *text = lw_document_to_markdown (document);

      ok = lw_atomic_file_write (file, text, strlen (text), error);
      lw_secret_free (text);
    }
  if (!ok)
    return NULL;
  detail = audit_detail (document, lw_export_format_to_string (format));
  if (!lw_audit_append (store, LW_AUDIT_EXPORT, detail, error))
    return NULL;
  return g_steal_pointer (&file);
}

gboolean
lw_export_document (LwStore        *store,
                    LwDocument     *document,
                    const char     *path,
                    LwExportFormat  format,
                    LwPaper         paper,
                    GError        **error)
{
  g_autoptr(LwAtomicFile) file = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!lw_store_begin (store, error))
    return FALSE;
  file = prepare_file (store, document, path, format, paper, error);
  if (file == NULL)
    {
      lw_store_rollback (store);
      return FALSE;
    }
  if (!lw_store_commit (store, error))
    return FALSE;
  return lw_atomic_file_commit (file, error);
}

static gboolean
export_with (LwStore           *store,
             LwDocument        *(*build) (LwStore *, LwId, const LwAudience *, GError **),
             LwId               id,
             const LwAudience  *audience,
             const char        *path,
             LwPaper            paper,
             GError           **error)
{
  g_autoptr(LwDocument) document = NULL;
  g_autoptr(LwAtomicFile) file = NULL;
  int format = lw_export_format_from_path (path);

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (format != LW_EXPORT_PDF && format != LW_EXPORT_MARKDOWN)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("“%s”: give a file name ending in .pdf or .md"), path);
      return FALSE;
    }
  /* the views' audit entries and the export's commit together */
  if (!lw_store_begin (store, error))
    return FALSE;
  document = build (store, id, audience, error);
  if (document != NULL)
    file = prepare_file (store, document, path, format, paper, error);
  if (file == NULL)
    {
      lw_store_rollback (store);
      return FALSE;
    }
  if (!lw_store_commit (store, error))
    return FALSE;
  return lw_atomic_file_commit (file, error);
}

gboolean
lw_export_minutes (LwStore           *store,
                   LwId               meeting_id,
                   const LwAudience  *audience,
                   const char        *path,
                   LwPaper            paper,
                   GError           **error)
{
  return export_with (store, lw_export_minutes_document, meeting_id, audience, path, paper, error);
}

gboolean
lw_export_handout (LwStore           *store,
                   LwId               meeting_id,
                   const LwAudience  *audience,
                   const char        *path,
                   LwPaper            paper,
                   GError           **error)
{
  return export_with (store, lw_export_handout_document, meeting_id, audience, path, paper, error);
}

static LwDocument *
build_actions (LwStore           *store,
               LwId               owner_id,
               const LwAudience  *unused,
               GError           **error)
{
  return lw_export_actions_document (store, owner_id, error);
}

gboolean
lw_export_actions (LwStore     *store,
                   LwId         owner_id,
                   const char  *path,
                   LwPaper      paper,
                   GError     **error)
{
  return export_with (store, build_actions, owner_id, NULL, path, paper, error);
}

/* ----------------------------------------------------------------------------
 * The roster as CSV
 */

void
_lw_export_csv_append (GString    *s,
                       const char *text)
{
  gboolean quote;

  if (text == NULL)
    text = "";
  quote = strpbrk (text, ",\"\r\n") != NULL || text[0] == ' ' ||
          (text[0] != '\0' && text[strlen (text) - 1] == ' ');
  /* a spreadsheet would run these as formulas */
  if (strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0')
    {
      quote = TRUE;
      g_string_append (s, "\"'");
    }
  else if (quote)
    g_string_append_c (s, '"');
  for (const char *c = text; *c; c++)
    {
      if (*c == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *c);
    }
  if (quote)
    g_string_append_c (s, '"');
}

/* Columns in the order of the participant table. */
static int
field_rank (const char *key)
{
  const char *name = strchr (key, '.');

  name = name ? name + 1 : key;
  for (guint i = 0; i < lw_participant_table.n_columns; i++)
    {
      const char *column = lw_participant_table.columns[i].name;
      gsize len = strlen (name);

      if (g_str_equal (column, name) ||
          (g_str_has_prefix (column, name) && g_str_equal (column + len, "_id")))
        return (int) i;
    }
  return (int) lw_participant_table.n_columns;
}

typedef struct
{
  char       *key;
  LwCategory  category;
  int         rank;
  const char *label;   /* the field's label, in the language of the export */
} CsvKey;

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const CsvKey *x = *(const CsvKey * const *) a;
  const CsvKey *y = *(const CsvKey * const *) b;

  if (x->category != y->category)
    return x->category - y->category;
  if (x->rank != y->rank)
    return x->rank - y->rank;
  return strcmp (x->key, y->key);
}

static void
csv_key_free (gpointer data)
{
  CsvKey *key = data;

  g_free (key->key);
  g_free (key);
}

static void
wipe_string (GString *s)
{
  sodium_memzero (s->str, s->allocated_len);
  g_string_free (s, TRUE);
}

gboolean
lw_export_participants_csv (LwStore           *store,
                            const LwAudience  *audience,
                            const char        *path,
                            guint             *n_rows,
                            GError           **error)
{
  return lw_export_participants_csv_in (store, audience, path, NULL, n_rows, error);
}

static gboolean participants_csv (LwStore          *store,
                                  const LwAudience *audience,
                                  const char       *path,
                                  guint            *n_rows,
                                  GError          **error);

gboolean
lw_export_participants_csv_in (LwStore           *store,
                               const LwAudience  *audience,
                               const char        *path,
                               const char        *language,
                               guint             *n_rows,
                               GError           **error)
{
  const char *previous;
  gboolean ok;

  g_return_val_if_fail (language == NULL || lw_i18n_is_supported (language), FALSE);

  /* the values and, outside English, the headers in the export's language */
  previous = lw_i18n_push (language);
  ok = participants_csv (store, audience, path, n_rows, error);
  lw_i18n_pop (previous);
  return ok;
}

static gboolean
participants_csv (LwStore           *store,
                  const LwAudience  *audience,
                  const char        *path,
                  guint             *n_rows,
                  GError           **error)
{
  /* English keeps the column names of the import format; another language
   * writes the fields' labels, which import reads back too */
  gboolean labels = g_strcmp0 (lw_i18n_get_current (), "en") != 0;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GPtrArray) views = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (csv_key_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(LwAtomicFile) file = NULL;
  g_autofree char *roles = NULL;
  g_autofree char *detail = NULL;
  LwPolicyMatrix matrix;
  gboolean any_notice = FALSE;
  GString *csv;
  gboolean ok;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (audience != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (lw_export_format_from_path (path) != LW_EXPORT_CSV)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("“%s”: give a file name ending in .csv"), path);
      return FALSE;
    }
  participants = lw_store_list (store, &lw_participant_table, NULL, 0, error);
  if (participants == NULL)
    return FALSE;

  if (!lw_store_begin (store, error))
    return FALSE;
  lw_policy_load_matrix (store, &matrix);
  views = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_participant_view_free);
  for (guint i = 0; i < participants->len; i++)
    {
      LwParticipantView *view;

      view = lw_policy_view_participant_with_matrix (store, &matrix, audience,
                                                     g_ptr_array_index (participants, i),
                                                     LW_VIEW_AUDITED | LW_VIEW_PARTICIPANT_ONLY, error);
      if (view == NULL)
        {
          lw_store_rollback (store);
          return FALSE;
        }
      g_ptr_array_add (views, view);
      any_notice = any_notice || lw_participant_view_get_notice (view) != NULL;
      for (guint j = 0; j < lw_participant_view_get_n_fields (view); j++)
        {
          const LwViewField *field = lw_participant_view_get_field (view, j);
          CsvKey *key;

          if (g_hash_table_contains (seen, field->key))
            continue;
          key = g_new0 (CsvKey, 1);
          key->key = g_strdup (field->key);
          key->category = field->category;
          key->rank = field_rank (field->key);
          key->label = field->label;
          g_hash_table_add (seen, key->key);
          g_ptr_array_add (keys, key);
        }
    }
  /* the raw records are not needed any more */
  g_clear_pointer (&participants, g_ptr_array_unref);
  g_ptr_array_sort (keys, compare_keys);

  csv = g_string_new (NULL);
  _lw_export_csv_append (csv, labels ? _(lw_table_find_column (&lw_participant_table, "code")->label) : "code");
  for (guint k = 0; k < keys->len; k++)
    {
      const CsvKey *key = g_ptr_array_index (keys, k);
      const char *name = strchr (key->key, '.');

      g_string_append_c (csv, ',');
      _lw_export_csv_append (csv, labels && key->label ? key->label : name ? name + 1 : key->key);
    }
  if (any_notice)
    {
      g_string_append_c (csv, ',');
      _lw_export_csv_append (csv, labels ? _("Redisclosure notice (42 CFR 2.32)") : "part2_notice");
    }
  g_string_append (csv, "\r\n");

  for (guint i = 0; i < views->len; i++)
    {
      const LwParticipantView *view = g_ptr_array_index (views, i);

      _lw_export_csv_append (csv, lw_participant_view_get_code (view));
      for (guint k = 0; k < keys->len; k++)
        {
          const CsvKey *key = g_ptr_array_index (keys, k);
          const LwViewField *field = lw_participant_view_lookup (view, key->key);

          g_string_append_c (csv, ',');
          if (field != NULL)
            {
              char *text = lw_view_value_to_text (field->value);
              _lw_export_csv_append (csv, text);
              lw_secret_free (text);
            }
        }
      if (any_notice)
        {
          g_string_append_c (csv, ',');
          _lw_export_csv_append (csv, lw_participant_view_get_notice (view));
        }
      g_string_append (csv, "\r\n");
    }

  file = lw_atomic_file_new (path, error);
  ok = file != NULL && lw_atomic_file_write (file, csv->str, csv->len, error);
  wipe_string (csv);
  roles = lw_audience_to_string (audience);
  detail = g_strdup_printf ("participants roster audience=%s format=csv rows=%u", roles, views->len);
  if (!ok || !lw_audit_append (store, LW_AUDIT_EXPORT, detail, error))
    {
      lw_store_rollback (store);
      return FALSE;
    }
  if (!lw_store_commit (store, error) || !lw_atomic_file_commit (file, error))
    return FALSE;
  if (n_rows != NULL)
    *n_rows = views->len;
  return TRUE;
}

char *
lw_document_dup_audience_line (const LwDocument *document)
{
  const char *previous;
  char *result;

  g_return_val_if_fail (document != NULL, NULL);

  /* written in its own language, whatever the app's */
  previous = lw_i18n_push (document->language);
  result = document_dup_audience_line_unlocalized (document);
  lw_i18n_pop (previous);
  return result;
}
