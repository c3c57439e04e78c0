/* lw-extract.c: the evaluator's de-identified, participant-level extract
 *
 * Built from the same data as the reports, with every category at full except
 * health and substance use (left out), and then de-identified: the only link to
 * a participant is a keyed pseudonym, every date is moved by a random number of
 * days of that participant's own, and the age is a 5-year band.  Rows are in the
 * order of their pseudonyms, so not even the order says who came first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-extract"

#include "config.h"

#include "lw-i18n-private.h"
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lw/lw-audit.h"
#include "lw/lw-error.h"
#include "lw/lw-report.h"
#include "lw-export-private.h"
#include "lw-report-private.h"

#define MAX_SHIFT_DAYS 182

/* Crockford's base 32: no I, L, O or U to misread. */
static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static void
keyed_hash (const guint8 *key,
            const char   *purpose,
            LwId          id,
            guint8        out[crypto_auth_hmacsha256_BYTES])
{
  crypto_auth_hmacsha256_state state;
  guint8 le[8];

  for (int i = 0; i < 8; i++)
    le[i] = (guint8) (((guint64) id >> (8 * i)) & 0xff);
  crypto_auth_hmacsha256_init (&state, key, LW_EXTRACT_KEY_BYTES);
  crypto_auth_hmacsha256_update (&state, (const guint8 *) purpose, strlen (purpose) + 1);
  crypto_auth_hmacsha256_update (&state, le, sizeof le);
  crypto_auth_hmacsha256_final (&state, out);
  sodium_memzero (&state, sizeof state);
}

char *
lw_extract_pseudonym (const guint8 *key,
                      LwId          id)
{
  guint8 mac[crypto_auth_hmacsha256_BYTES];
  char out[2 + 12 + 1] = "E-";
  guint64 bits = 0;

  g_return_val_if_fail (key != NULL, NULL);

  keyed_hash (key, "lead-workgroup extract pseudonym", id, mac);
  for (int i = 0; i < 8; i++)
    bits = (bits << 8) | mac[i];
  for (int i = 0; i < 12; i++)
    out[2 + i] = alphabet[(bits >> (64 - 5 * (i + 1))) & 31];
  out[14] = '\0';
  sodium_memzero (mac, sizeof mac);
  return g_strdup (out);
}

int
lw_extract_date_shift (const guint8 *key,
                       LwId          id)
{
  guint8 mac[crypto_auth_hmacsha256_BYTES];
  guint32 v;
  int days;

  g_return_val_if_fail (key != NULL, 0);

  keyed_hash (key, "lead-workgroup extract date shift", id, mac);
  v = (guint32) mac[0] << 24 | (guint32) mac[1] << 16 | (guint32) mac[2] << 8 | mac[3];
  /* 1 to 182 days, either way: never the real date */
  days = 1 + (int) (v % MAX_SHIFT_DAYS);
  if (mac[4] & 1)
    days = -days;
  sodium_memzero (mac, sizeof mac);
  return days;
}

char *
lw_extract_age_band (int years)
{
  if (years < 0)
    return NULL;
  if (years >= 90)
    return g_strdup ("90+");
  return g_strdup_printf ("%d-%d", years / 5 * 5, years / 5 * 5 + 4);
}

/* Whole years from birth to date; -1 when either is unknown. */
static int
age_on (const char *birth,
        const char *date)
{
  int by, bm, bd, y, m, d, years;

  if (birth == NULL || date == NULL || !lw_date_is_valid (birth) || !lw_date_is_valid (date) ||
      sscanf (birth, "%4d-%2d-%2d", &by, &bm, &bd) != 3 || sscanf (date, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return -1;
  years = y - by;
  if (m < bm || (m == bm && d < bd))
    years--;
  return years;
}

/* ----------------------------------------------------------------------------
 * The key
 */

/* Reads a key file: its 64 hexadecimal digits and white space.  No more than
 * a key's length and a little is read, whatever the file is (a device without
 * end, a large file given by mistake). */
static gboolean
read_key (const char  *path,
          guint8      *key,
          GError     **error)
{
  char text[2 * LW_EXTRACT_KEY_BYTES + 64];
  gsize len = 0, bin_len = 0;
  const char *end = NULL;
  gssize n = 0;
  gboolean ok;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      while (len < sizeof text - 1 && (n = read (fd, text + len, sizeof text - 1 - len)) != 0)
        {
          if (n < 0 && errno == EINTR)
            continue;
          if (n < 0)
            break;
          len += n;
        }
    }
  if (fd < 0 || n < 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      sodium_memzero (text, sizeof text);
      g_set_error (error, LW_ERROR, LW_ERROR_FAILED,
                   _("Cannot read the key file “%s”: %s. Give the key file of the evaluation, or a new "
                     "file name to make one"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  text[len] = '\0';
  /* as much as was read and more to come: no key is that long */
  ok = len < sizeof text - 1;
  g_strstrip (text);
  ok = ok && strlen (text) == 2 * LW_EXTRACT_KEY_BYTES &&
       sodium_hex2bin (key, LW_EXTRACT_KEY_BYTES, text, strlen (text), NULL, &bin_len, &end) == 0 &&
       bin_len == LW_EXTRACT_KEY_BYTES;
  sodium_memzero (text, sizeof text);
  if (!ok)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("“%s” is not an extract key (64 hexadecimal digits); give the key file of the "
                     "evaluation, or a new file name to make one"), path);
      return FALSE;
    }
  return TRUE;
}

/* A new random key, written to path only if nothing is there (mode 0600). */
static gboolean
create_key (const char  *path,
            guint8      *key,
            GError     **error)
{
  char hex[2 * LW_EXTRACT_KEY_BYTES + 2];
  gboolean ok;
  int fd;

  randombytes_buf (key, LW_EXTRACT_KEY_BYTES);
  sodium_bin2hex (hex, sizeof hex - 1, key, LW_EXTRACT_KEY_BYTES);
  strcat (hex, "\n");
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      int saved = errno;

      sodium_memzero (hex, sizeof hex);
      g_set_error (error, LW_ERROR, LW_ERROR_FAILED, _("Cannot write the key file “%s”: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  ok = write (fd, hex, strlen (hex)) == (gssize) strlen (hex) && fsync (fd) == 0;
  ok = close (fd) == 0 && ok;
  sodium_memzero (hex, sizeof hex);
  if (!ok)
    {
      g_unlink (path);
      g_set_error (error, LW_ERROR, LW_ERROR_FAILED, _("Cannot write the key file “%s”"), path);
      return FALSE;
    }
  return TRUE;
}

/* Whether a and b are one file (by any name or link); only files that exist. */
static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* ----------------------------------------------------------------------------
 * Rows
 */

typedef struct
{
  guint goals_set;
  guint goals_met;
  guint contacts;
  char  first_contact[11];
  char  last_contact[11];
  guint matters[LW_N_MATTER_STATUSES];
  guint decisions;
  gboolean diverted;
  guint reviewed;
  guint actions;
  guint actions_done;
  char  exit[11];
} Tallies;

typedef struct
{
  char    *pseudonym;
  GString *line;
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->pseudonym);
  g_string_free (row->line, TRUE);
  g_free (row);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  return strcmp ((*(Row * const *) a)->pseudonym, (*(Row * const *) b)->pseudonym);
}

static void
field (GString    *line,
       const char *text)
{
  if (line->len > 0)
    g_string_append_c (line, ',');
  _lw_export_csv_append (line, text);
}

static void
field_uint (GString *line,
            guint    n)
{
  char buf[16];

  g_snprintf (buf, sizeof buf, "%u", n);
  field (line, buf);
}

static void
field_shifted (GString    *line,
               const char *date,
               int         shift)
{
  g_autofree char *moved = NULL;

  if (date != NULL && date[0] != '\0')
    moved = lw_date_add_days (date, shift);
  field (line, moved);
}

static void
field_days (GString    *line,
            const char *from,
            const char *to)
{
  char buf[16] = "";

  if (from[0] != '\0' && to[0] != '\0' && strcmp (to, from) >= 0)
    g_snprintf (buf, sizeof buf, "%d", lw_date_diff_days (from, to));
  field (line, buf);
}

static const struct
{
  const char *name;
  const char *type;
  const char *meaning;
  const char *values;
} columns[] = {
  { "pseudonym", "text", N_("The participant's pseudonym: the same in every extract made with the same key, unrelated across keys"), "E-XXXXXXXXXXXX" },
  { "referral_route", "category", N_("How the participant came in"), "arrest-diversion, social-contact, community-referral" },
  { "referral_date", "date (shifted)", N_("The referral date, moved by the participant's date shift"), "YYYY-MM-DD" },
  { "age_band", "category", N_("Age at referral, in 5-year bands; empty when the date of birth is not known"), "0-4 … 85-89, 90+" },
  { "status", "category", N_("Program status today"), "referred, intake-scheduled, active, inactive, exited" },
  { "intake_date", "date (shifted)", N_("The day an intake was first scheduled"), "YYYY-MM-DD or empty" },
  { "active_date", "date (shifted)", N_("The day the participant first became active"), "YYYY-MM-DD or empty" },
  { "exit_date", "date (shifted)", N_("The day the participant first exited"), "YYYY-MM-DD or empty" },
  { "days_referral_to_intake", "integer", N_("Days from referral to intake (not shifted: an interval)"), "0 or more, or empty" },
  { "days_intake_to_active", "integer", N_("Days from intake to active"), "0 or more, or empty" },
  { "housing_at_entry", "category", N_("Housing when the participant entered; empty when not recorded"), "unsheltered, shelter, transitional, permanent, unknown" },
  { "housing_now", "category", N_("Housing today"), "unsheltered, shelter, transitional, permanent, unknown" },
  { "goals_set", "integer", N_("IIP goals set, not dropped; goals about health or substance-use treatment are left out"), "0 or more" },
  { "goals_met", "integer", N_("IIP goals met, of those"), "0 or more" },
  { "contacts", "integer", N_("Contacts recorded; contacts about health or treatment are left out"), "0 or more" },
  { "first_contact_date", "date (shifted)", N_("The first of those contacts"), "YYYY-MM-DD or empty" },
  { "last_contact_date", "date (shifted)", N_("The last of those contacts"), "YYYY-MM-DD or empty" },
  { "matters_pending", "integer", N_("Legal matters pending"), "0 or more" },
  { "matters_dismissed", "integer", N_("Legal matters dismissed"), "0 or more" },
  { "matters_deferred", "integer", N_("Legal matters deferred"), "0 or more" },
  { "matters_convicted", "integer", N_("Legal matters that ended in a conviction"), "0 or more" },
  { "matters_closed", "integer", N_("Legal matters closed otherwise"), "0 or more" },
  { "diversion_decisions", "integer", N_("Diversion decisions that name the participant"), "0 or more" },
  { "diverted", "yes/no", N_("Whether one of them diverted the participant"), "yes, no" },
  { "meetings_reviewed", "integer", N_("Times the workgroup reviewed the participant at a meeting"), "0 or more" },
  { "action_items", "integer", N_("Action items about the participant, not dropped; items about health or treatment are left out"), "0 or more" },
  { "action_items_done", "integer", N_("Of those, done"), "0 or more" },
};

static char *
dictionary_text (void)
{
  GString *csv = g_string_new ("column,type,meaning,values\r\n");

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GString *line = g_string_new (NULL);

      field (line, columns[i].name);
      field (line, columns[i].type);
      field (line, _(columns[i].meaning));
      field (line, columns[i].values);
      g_string_append_len (csv, line->str, line->len);
      g_string_append (csv, "\r\n");
      g_string_free (line, TRUE);
    }
  g_string_append (csv, ",,");
  _lw_export_csv_append (csv, _("Every date is moved by one number of days per participant, 1 to 182 days earlier or later; "
                         "intervals between a participant's dates are kept. No names, codes, dates of birth, "
                         "addresses, case or incident numbers or free text are included."));
  g_string_append (csv, ",\r\n");
  return g_string_free (csv, FALSE);
}

static void
note_contact (Tallies    *t,
              const char *date)
{
  if (date == NULL)
    return;
  if (t->first_contact[0] == '\0' || strcmp (date, t->first_contact) < 0)
    g_strlcpy (t->first_contact, date, sizeof t->first_contact);
  if (strcmp (date, t->last_contact) > 0)
    g_strlcpy (t->last_contact, date, sizeof t->last_contact);
}

static Tallies *
tally_of (LwReportData *data,
          Tallies      *tallies,
          LwId          participant_id)
{
  LwReportPerson *person = _lw_report_data_person (data, participant_id);

  if (person == NULL)
    return NULL;
  return &tallies[person - &g_array_index (data->people, LwReportPerson, 0)];
}

static GPtrArray *
extract_rows (LwReportData *data,
              const guint8 *key)
{
  g_autofree Tallies *tallies = g_new0 (Tallies, MAX (1, data->people->len));
  GPtrArray *rows = g_ptr_array_new_with_free_func (row_free);

#define TALLY_OF(pid) tally_of (data, tallies, (pid))

  for (guint i = 0; i < data->goals->len; i++)
    {
      const LwReportGoal *goal = &g_array_index (data->goals, LwReportGoal, i);
      Tallies *t = TALLY_OF (goal->participant_id);

      /* health and treatment goals are not the extract's */
      if (t == NULL || goal->status == LW_GOAL_DROPPED ||
          goal->category != LW_CATEGORY_PLAN)
        continue;
      t->goals_set++;
      t->goals_met += goal->status == LW_GOAL_MET;
    }
  for (guint i = 0; i < data->contacts->len; i++)
    {
      const LwReportContact *contact = &g_array_index (data->contacts, LwReportContact, i);
      Tallies *t = TALLY_OF (contact->participant_id);

      if (t == NULL || contact->category != LW_CATEGORY_CARE_NOTES)
        continue;
      t->contacts++;
      note_contact (t, contact->date[0] != '\0' ? contact->date : NULL);
    }
  for (guint i = 0; i < data->matters->len; i++)
    {
      const LwReportMatter *matter = &g_array_index (data->matters, LwReportMatter, i);
      Tallies *t = TALLY_OF (matter->participant_id);

      if (t != NULL)
        t->matters[CLAMP (matter->status, 0, LW_N_MATTER_STATUSES - 1)]++;
    }
  for (guint i = 0; i < data->decisions->len; i++)
    {
      const LwDiversionDecision *decision = g_ptr_array_index (data->decisions, i);
      Tallies *t = TALLY_OF (decision->participant_id);

      if (t == NULL)
        continue;
      t->decisions++;
      t->diverted |= decision->diverted;
    }
  for (guint i = 0; i < data->items->len; i++)
    {
      const LwAgendaItem *item = g_ptr_array_index (data->items, i);
      Tallies *t = TALLY_OF (item->participant_id);

      if (t != NULL && item->kind == LW_ITEM_PARTICIPANT && item->started_at != 0)
        t->reviewed++;
    }
  for (guint i = 0; i < data->actions->len; i++)
    {
      const LwReportAction *action = &g_array_index (data->actions, LwReportAction, i);
      Tallies *t = TALLY_OF (action->participant_id);

      /* lw_model_text_category () of an action item is its category as plan */
      if (t == NULL || action->status == LW_ACTION_DROPPED || action->category != LW_CATEGORY_PLAN)
        continue;
      t->actions++;
      t->actions_done += action->status == LW_ACTION_DONE;
    }
#undef TALLY_OF

  for (guint i = 0; i < data->people->len; i++)
    {
      const LwReportPerson *person = &g_array_index (data->people, LwReportPerson, i);
      Tallies *t = &tallies[i];
      int shift = lw_extract_date_shift (key, person->id);
      g_autofree char *band = lw_extract_age_band (age_on (person->birth, person->referral));
      int entry = _lw_report_housing_at_entry (person);
      Row *row = g_new0 (Row, 1);

      for (guint p = 0; p < person->statuses->len; p++)
        {
          const LwPoint *point = &g_array_index (person->statuses, LwPoint, p);

          if (point->value == LW_STATUS_EXITED && t->exit[0] == '\0')
            g_strlcpy (t->exit, point->date, sizeof t->exit);
        }
      row->pseudonym = lw_extract_pseudonym (key, person->id);
      row->line = g_string_new (NULL);
      field (row->line, row->pseudonym);
      field (row->line, lw_enum_to_string (&lw_referral_route_info, person->route));
      field_shifted (row->line, person->referral, shift);
      field (row->line, band);
      field (row->line, lw_enum_to_string (&lw_participant_status_info, person->status));
      field_shifted (row->line, person->intake, shift);
      field_shifted (row->line, person->active, shift);
      field_shifted (row->line, t->exit, shift);
      field_days (row->line, person->referral, person->intake);
      field_days (row->line, person->intake, person->active);
      field (row->line, entry >= 0 ? lw_enum_to_string (&lw_housing_status_info, entry) : "");
      field (row->line, lw_enum_to_string (&lw_housing_status_info, person->housing));
      field_uint (row->line, t->goals_set);
      field_uint (row->line, t->goals_met);
      field_uint (row->line, t->contacts);
      field_shifted (row->line, t->first_contact, shift);
      field_shifted (row->line, t->last_contact, shift);
      for (int m = 0; m < LW_N_MATTER_STATUSES; m++)
        field_uint (row->line, t->matters[m]);
      field_uint (row->line, t->decisions);
      field (row->line, t->diverted ? "yes" : "no");
      field_uint (row->line, t->reviewed);
      field_uint (row->line, t->actions);
      field_uint (row->line, t->actions_done);
      g_ptr_array_add (rows, row);
    }
  g_ptr_array_sort (rows, compare_rows);
  return rows;
}

static char *
dictionary_path_for (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');
  g_autofree char *name = NULL;

  if (dot != NULL && dot != base)
    *dot = '\0';
  name = g_strdup_printf ("%s-dictionary.csv", base);
  return g_build_filename (dir, name, NULL);
}

gboolean
lw_report_extract (LwStore     *store,
                   const char  *path,
                   const char  *key_path,
                   guint       *n_rows,
                   char       **dictionary_path,
                   gboolean    *key_created,
                   GError     **error)
{
  g_autoptr(LwReportData) data = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(LwAtomicFile) file = NULL;
  g_autoptr(LwAtomicFile) dictionary = NULL;
  g_autofree char *dict_path = NULL;
  g_autofree char *dict_text = NULL;
  g_autofree char *detail = NULL;
  guint8 *key = NULL;
  gboolean created = FALSE;
  GString *csv = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (lw_export_format_from_path (path) != LW_EXPORT_CSV)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID, _("“%s”: give a file name ending in .csv"), path);
      return FALSE;
    }
  dict_path = dictionary_path_for (path);
  if (!lw_check_output_path (path, error) || !lw_check_output_path (dict_path, error))
    return FALSE;

  key = sodium_malloc (LW_EXTRACT_KEY_BYTES);
  if (key == NULL)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_FAILED, _("Out of secure memory"));
      return FALSE;
    }
  if (key_path == NULL)
    randombytes_buf (key, LW_EXTRACT_KEY_BYTES);
  else if (g_file_test (key_path, G_FILE_TEST_EXISTS))
    {
      if (!read_key (key_path, key, error))
        goto out;
    }
  else
    {
      if (!create_key (key_path, key, error))
        goto out;
      created = TRUE;
    }
  /* checked once the key file exists, so that every name of it is caught:
   * renaming the extract into place would destroy the evaluation's key */
  if (key_path != NULL && (same_file (key_path, path) || same_file (key_path, dict_path)))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("The key file “%s” is the extract or its data dictionary; keep the key in a file "
                     "of its own, apart from the extracts"), key_path);
      goto out;
    }

  data = _lw_report_data_load (store, NULL,
                               LW_LOAD_GOALS | LW_LOAD_CONTACTS | LW_LOAD_LEGAL | LW_LOAD_DECISIONS |
                               LW_LOAD_ACTIONS | LW_LOAD_MEETINGS | LW_LOAD_BIRTH, error);
  if (data == NULL)
    goto out;
  rows = extract_rows (data, key);

  csv = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      if (i > 0)
        g_string_append_c (csv, ',');
      g_string_append (csv, columns[i].name);
    }
  g_string_append (csv, "\r\n");
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = g_ptr_array_index (rows, i);

      g_string_append_len (csv, row->line->str, row->line->len);
      g_string_append (csv, "\r\n");
    }
  dict_text = dictionary_text ();

  file = lw_atomic_file_new (path, error);
  if (file == NULL || !lw_atomic_file_write (file, csv->str, csv->len, error))
    goto out;
  dictionary = lw_atomic_file_new (dict_path, error);
  if (dictionary == NULL || !lw_atomic_file_write (dictionary, dict_text, strlen (dict_text), error))
    goto out;

  /* what, how many, and whether the key was kept: never a value, never the key */
  detail = g_strdup_printf ("report extract rows=%u key=%s format=csv", rows->len,
                            key_path == NULL ? "once" : created ? "new-file" : "file");
  if (!lw_store_begin (store, error))
    goto out;
  if (!lw_audit_append (store, LW_AUDIT_EXPORT, detail, error))
    {
      lw_store_rollback (store);
      goto out;
    }
  if (!lw_store_commit (store, error) ||
      !lw_atomic_file_commit (file, error) ||
      !lw_atomic_file_commit (dictionary, error))
    goto out;
  if (n_rows)
    *n_rows = rows->len;
  if (dictionary_path)
    *dictionary_path = g_steal_pointer (&dict_path);
  ok = TRUE;

out:
  if (key_created)
    *key_created = created && ok;
  /* a key file made for an extract that failed is no one's */
  if (created && !ok)
    g_unlink (key_path);
  if (csv != NULL)
    {
      sodium_memzero (csv->str, csv->allocated_len);
      g_string_free (csv, TRUE);
    }
  sodium_free (key);
  return ok;
}
