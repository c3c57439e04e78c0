/* lw-i18n.c: documents and the projector in a language of their own
 *
 * A pushed language is thread-local and is looked up in the catalogue file
 * itself (read once, never changed after), so switching it never touches the
 * process's locale, LANGUAGE, or another thread's strings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-i18n"

#include "config.h"

#include <glib/gi18n.h>
#include <libintl.h>
#include <stdio.h>
#include <string.h>

#include "lw/lw-i18n.h"

static const char * const languages[] = { "en", "es", NULL };

const char * const *
lw_i18n_get_languages (void)
{
  return languages;
}

gboolean
lw_i18n_is_supported (const char *language)
{
  return language != NULL && g_strv_contains (languages, language);
}

char *
lw_i18n_dup_languages_list (void)
{
  return g_strjoinv (", ", (char **) languages);
}

const char *
lw_i18n_get_native_name (const char *language)
{
  if (g_strcmp0 (language, "es") == 0)
    return "Español";
  if (g_strcmp0 (language, "en") == 0)
    return "English";
  return NULL;
}

const char *
lw_i18n_get_localedir (void)
{
  const char *dir = g_getenv ("LEAD_WORKGROUP_LOCALEDIR");

  return dir != NULL && *dir != '\0' ? dir : LOCALEDIR;
}

/* ----------------------------------------------------------------------------
 * Catalogues, read from the .mo file
 */

typedef struct
{
  GBytes     *data;
  GHashTable *strings;  /* msgid (with "context\004") → translation, forms NUL-separated */
  GHashTable *lengths;  /* msgid → length of the translation, all forms */
} Catalogue;

G_LOCK_DEFINE_STATIC (catalogues);
static GHashTable *catalogues;  /* language → Catalogue*, NULL when none was found */

static guint32
read_u32 (const guint8 *p,
          gboolean      swap)
{
  guint32 v;

  memcpy (&v, p, sizeof v);
  return swap ? GUINT32_SWAP_LE_BE (v) : v;
}

static Catalogue *
catalogue_load (const char *language)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  const guint8 *p;
  guint32 magic, n, orig, trans;
  gboolean swap;
  Catalogue *cat;

  path = g_build_filename (lw_i18n_get_localedir (), language, "LC_MESSAGES",
                           GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_get_contents (path, &contents, &len, NULL) || len < 28)
    {
      g_debug ("No catalogue for language %s", language);
      return NULL;
    }

  p = (const guint8 *) contents;
  magic = read_u32 (p, FALSE);
  if (magic == 0x950412de)
    swap = FALSE;
  else if (magic == 0xde120495)
    swap = TRUE;
  else
    return NULL;

  n = read_u32 (p + 8, swap);
  orig = read_u32 (p + 12, swap);
  trans = read_u32 (p + 16, swap);
  if ((guint64) orig + (guint64) n * 8 > len || (guint64) trans + (guint64) n * 8 > len)
    return NULL;

  cat = g_new0 (Catalogue, 1);
  cat->strings = g_hash_table_new (g_str_hash, g_str_equal);
  cat->lengths = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint32 i = 0; i < n; i++)
    {
      guint32 olen = read_u32 (p + orig + i * 8, swap);
      guint32 ooff = read_u32 (p + orig + i * 8 + 4, swap);
      guint32 tlen = read_u32 (p + trans + i * 8, swap);
      guint32 toff = read_u32 (p + trans + i * 8 + 4, swap);

      /* each string is followed by a NUL inside the file */
      if ((guint64) ooff + olen >= len || (guint64) toff + tlen >= len ||
          p[ooff + olen] != '\0' || p[toff + tlen] != '\0')
        continue;
      if (olen == 0)
        continue;  /* the header */
      g_hash_table_insert (cat->strings, (char *) p + ooff, (char *) p + toff);
      g_hash_table_insert (cat->lengths, (char *) p + ooff, GUINT_TO_POINTER (tlen));
    }
  cat->data = g_bytes_new_take (g_steal_pointer (&contents), len);

  return cat;
}

static Catalogue *
catalogue_get (const char *language)
{
  Catalogue *cat;
  gpointer value;

  G_LOCK (catalogues);
  if (catalogues == NULL)
    catalogues = g_hash_table_new (g_str_hash, g_str_equal);
  if (g_hash_table_lookup_extended (catalogues, language, NULL, &value))
    {
      cat = value;
    }
  else
    {
      cat = catalogue_load (language);
      /* kept for the life of the process, like gettext's own catalogues */
      g_hash_table_insert (catalogues, (char *) g_intern_string (language), cat);
    }
  G_UNLOCK (catalogues);

  return cat;
}

/* ----------------------------------------------------------------------------
 * The calling thread's language
 */

static GPrivate pushed_language;  /* an interned string, or NULL */

const char *
lw_i18n_push (const char *language)
{
  const char *previous = g_private_get (&pushed_language);

  g_return_val_if_fail (language == NULL || lw_i18n_is_supported (language), previous);

  g_private_set (&pushed_language, (gpointer) (language ? g_intern_string (language) : NULL));
  return previous;
}

void
lw_i18n_pop (const char *previous)
{
  g_private_set (&pushed_language, (gpointer) previous);
}

const char *
lw_i18n_get_current (void)
{
  const char *pushed = g_private_get (&pushed_language);
  const char *code;

  if (pushed != NULL)
    return pushed;

  /* Translators: the code of the language of this translation, one of
   * those the app writes documents in ("en", "es"); keep it as it is if your
   * language is not one of them. */
  code = C_("language code", "en");
  return lw_i18n_is_supported (code) ? code : "en";
}

static const char *
lookup (const char *pushed,
        const char *msgid,
        gsize      *len)
{
  Catalogue *cat;
  const char *found;

  if (strcmp (pushed, "en") == 0)
    return NULL;
  cat = catalogue_get (pushed);
  if (cat == NULL)
    return NULL;
  found = g_hash_table_lookup (cat->strings, msgid);
  if (found != NULL && len != NULL)
    *len = GPOINTER_TO_UINT (g_hash_table_lookup (cat->lengths, msgid));
  return found != NULL && *found != '\0' ? found : NULL;
}

const char *
lw_i18n_gettext (const char *msgid)
{
  const char *pushed = g_private_get (&pushed_language);
  const char *found;

  if (pushed == NULL)
    return gettext (msgid);
  found = lookup (pushed, msgid, NULL);
  return found ? found : msgid;
}

const char *
lw_i18n_ngettext (const char *msgid,
                  const char *msgid_plural,
                  gulong      n)
{
  const char *pushed = g_private_get (&pushed_language);
  const char *found;
  gsize len = 0;

  if (pushed == NULL)
    return ngettext (msgid, msgid_plural, n);
  found = lookup (pushed, msgid, &len);
  if (found == NULL)
    return n == 1 ? msgid : msgid_plural;
  /* English and Spanish: nplurals=2; plural=(n != 1) */
  if (n != 1)
    {
      gsize first = strlen (found);

      if (first < len)
        return found + first + 1;
    }
  return found;
}

const char *
lw_i18n_pgettext (const char *msgctxtid,
                  gsize       msgidoffset)
{
  const char *pushed = g_private_get (&pushed_language);
  const char *found;

  if (pushed == NULL)
    return g_dpgettext (NULL, msgctxtid, msgidoffset);
  found = lookup (pushed, msgctxtid, NULL);
  return found ? found : msgctxtid + msgidoffset;
}

const char *
lw_i18n_pgettext2 (const char *context,
                   const char *msgid)
{
  const char *pushed = g_private_get (&pushed_language);
  g_autofree char *key = NULL;
  const char *found;

  if (pushed == NULL)
    return g_dpgettext2 (NULL, context, msgid);
  key = g_strconcat (context, "\004", msgid, NULL);
  found = lookup (pushed, key, NULL);
  return found ? found : msgid;
}

/* ----------------------------------------------------------------------------
 * Dates and numbers
 */

static const char * const weekdays_en[] = {
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};
static const char * const weekdays_es[] = {
  "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
};
static const char * const months_en[] = {
  "January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December",
};
static const char * const months_es[] = {
  "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
  "septiembre", "octubre", "noviembre", "diciembre",
};

char *
lw_i18n_format_date (const char *iso_date)
{
  int y, m, d;
  GDate date;
  guint wd;

  if (iso_date == NULL)
    return g_strdup ("");
  if (strlen (iso_date) != 10 || sscanf (iso_date, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return g_strdup (iso_date);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  wd = g_date_get_weekday (&date) - 1;  /* G_DATE_MONDAY is 1 */

  if (strcmp (lw_i18n_get_current (), "es") == 0)
    return g_strdup_printf ("%s, %d de %s de %d", weekdays_es[wd], d, months_es[m - 1], y);
  return g_strdup_printf ("%s %d %s %d", weekdays_en[wd], d, months_en[m - 1], y);
}

char *
lw_i18n_format_day_month (const char *iso_date)
{
  int y, m, d;

  if (iso_date == NULL)
    return g_strdup ("");
  if (strlen (iso_date) != 10 || sscanf (iso_date, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return g_strdup (iso_date);
  if (strcmp (lw_i18n_get_current (), "es") == 0)
    return g_strdup_printf ("%d de %s", d, months_es[m - 1]);
  return g_strdup_printf ("%d %s", d, months_en[m - 1]);
}

char *
lw_i18n_format_time (GDateTime *dt)
{
  if (dt == NULL)
    return g_strdup ("");
  return g_date_time_format (dt, "%H:%M");
}

char *
lw_i18n_format_number (double value,
                       guint  decimals)
{
  gboolean es = strcmp (lw_i18n_get_current (), "es") == 0;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_autoptr(GString) out = g_string_new (NULL);
  const char *digits, *point;
  gsize int_len;
  gboolean group;
  char format[8];

  g_snprintf (format, sizeof format, "%%.%uf", MIN (decimals, 9));
  g_ascii_formatd (buf, sizeof buf, format, value);

  digits = buf[0] == '-' ? buf + 1 : buf;
  point = strchr (digits, '.');
  int_len = point ? (gsize) (point - digits) : strlen (digits);
  group = es ? int_len > 4 : int_len > 3;

  if (buf[0] == '-')
    g_string_append_c (out, '-');
  for (gsize i = 0; i < int_len; i++)
    {
      if (group && i > 0 && (int_len - i) % 3 == 0)
        g_string_append_c (out, es ? '.' : ',');
      g_string_append_c (out, digits[i]);
    }
  if (point != NULL)
    {
      g_string_append_c (out, es ? ',' : '.');
      g_string_append (out, point + 1);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
