/* test-i18n.c: documents and the projector in a language of their own
 *
 * The catalogue is read from LEAD_WORKGROUP_LOCALEDIR (the build's po
 * directory); the process itself runs in English.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "lw/lw-i18n.h"
#include "lw/lw-policy.h"
#include "lw/lw-types.h"

static void
test_languages (void)
{
  g_autofree char *list = lw_i18n_dup_languages_list ();

  g_assert_cmpstr (list, ==, "en, es");
  g_assert_true (lw_i18n_is_supported ("es"));
  g_assert_true (lw_i18n_is_supported ("en"));
  g_assert_false (lw_i18n_is_supported ("fr"));
  g_assert_false (lw_i18n_is_supported ("ES"));
  g_assert_false (lw_i18n_is_supported (""));
  g_assert_false (lw_i18n_is_supported (NULL));
  g_assert_cmpstr (lw_i18n_get_native_name ("es"), ==, "Español");
  g_assert_cmpstr (lw_i18n_get_current (), ==, "en");
}

static char *
date_in (const char *language,
         const char *iso)
{
  const char *previous = lw_i18n_push (language);
  char *text = lw_i18n_format_date (iso);

  lw_i18n_pop (previous);
  return text;
}

static void
test_dates (void)
{
  static const struct { const char *iso, *en, *es; } dates[] = {
    { "2026-12-07", "Monday 7 December 2026", "lunes, 7 de diciembre de 2026" },
    { "2026-12-01", "Tuesday 1 December 2026", "martes, 1 de diciembre de 2026" },
    { "2026-09-16", "Wednesday 16 September 2026", "miércoles, 16 de septiembre de 2026" },
    { "2027-01-02", "Saturday 2 January 2027", "sábado, 2 de enero de 2027" },
    { "2028-02-29", "Tuesday 29 February 2028", "martes, 29 de febrero de 2028" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *en = date_in ("en", dates[i].iso);
      g_autofree char *es = date_in ("es", dates[i].iso);

      g_assert_cmpstr (en, ==, dates[i].en);
      g_assert_cmpstr (es, ==, dates[i].es);
    }
  /* what is not a date comes back as it is */
  {
    g_autofree char *bad = date_in ("es", "2026-02-30");
    g_autofree char *junk = date_in ("es", "next week");
    g_autofree char *none = date_in ("es", NULL);

    g_assert_cmpstr (bad, ==, "2026-02-30");
    g_assert_cmpstr (junk, ==, "next week");
    g_assert_cmpstr (none, ==, "");
  }
}

static char *
number_in (const char *language,
           double      value,
           guint       decimals)
{
  const char *previous = lw_i18n_push (language);
  char *text = lw_i18n_format_number (value, decimals);

  lw_i18n_pop (previous);
  return text;
}

static void
test_numbers (void)
{
  static const struct { double value; guint decimals; const char *en, *es; } numbers[] = {
    { 0, 0, "0", "0" },
    { 7, 0, "7", "7" },
    { 1234.5, 1, "1,234.5", "1234,5" },
    { 12345, 0, "12,345", "12.345" },
    { 1234567.25, 2, "1,234,567.25", "1.234.567,25" },
    { -9876.5, 1, "-9,876.5", "-9876,5" },
    { 0.5, 2, "0.50", "0,50" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autofree char *en = number_in ("en", numbers[i].value, numbers[i].decimals);
      g_autofree char *es = number_in ("es", numbers[i].value, numbers[i].decimals);

      g_assert_cmpstr (en, ==, numbers[i].en);
      g_assert_cmpstr (es, ==, numbers[i].es);
    }
}

/* Contexts and plurals come from the catalogue itself; the labels of the core
 * follow the pushed language. */
static void
test_catalogue (void)
{
  const char *previous = lw_i18n_push ("es");

  g_assert_cmpstr (lw_i18n_gettext ("Participant"), ==, "Participante");
  g_assert_cmpstr (lw_i18n_pgettext2 ("action item status", "Done"), ==, "Hecha");
  g_assert_cmpstr (lw_i18n_pgettext2 ("action item status", "Open"), ==, "Abierta");
  g_assert_cmpstr (lw_enum_to_label (&lw_action_status_info, LW_ACTION_DONE), ==, "Hecha");
  g_assert_cmpstr (lw_i18n_ngettext ("; %d day without contact", "; %d days without contact", 1),
                   ==, "; %d día sin contacto");
  g_assert_cmpstr (lw_i18n_ngettext ("; %d day without contact", "; %d days without contact", 2),
                   ==, "; %d días sin contacto");
  g_assert_cmpstr (lw_i18n_ngettext ("; %d day without contact", "; %d days without contact", 0),
                   ==, "; %d días sin contacto");
  /* unknown messages stay as they are */
  g_assert_cmpstr (lw_i18n_gettext ("Not a message of the catalogue"), ==, "Not a message of the catalogue");
  g_assert_cmpstr (lw_i18n_ngettext ("one thing", "%d things", 3), ==, "%d things");
  g_assert_cmpstr (lw_i18n_get_current (), ==, "es");

  /* scopes nest */
  {
    const char *inner = lw_i18n_push ("en");

    g_assert_cmpstr (lw_i18n_gettext ("Participant"), ==, "Participant");
    g_assert_cmpstr (lw_enum_to_label (&lw_action_status_info, LW_ACTION_DONE), ==, "Done");
    lw_i18n_pop (inner);
  }
  g_assert_cmpstr (lw_i18n_gettext ("Participant"), ==, "Participante");
  lw_i18n_pop (previous);

  g_assert_cmpstr (lw_i18n_get_current (), ==, "en");
  g_assert_cmpstr (lw_i18n_gettext ("Participant"), ==, "Participant");
  g_assert_null (lw_policy_part2_notice_translation ());
}

/* ----------------------------------------------------------------------------
 * Threads: a language pushed in one never shows in another
 */

typedef struct
{
  GAsyncQueue *pushed;    /* the thread says it has pushed "es" */
  GAsyncQueue *release;   /* the main thread lets it pop */
  char        *seen;      /* a label translated inside the thread */
} ThreadData;

static gpointer
spanish_thread (gpointer user_data)
{
  ThreadData *data = user_data;
  const char *previous = lw_i18n_push ("es");

  data->seen = g_strdup (lw_role_to_label (LW_ROLE_PROJECT_MANAGER));
  g_async_queue_push (data->pushed, GINT_TO_POINTER (1));
  g_async_queue_pop (data->release);
  lw_i18n_pop (previous);
  return NULL;
}

static void
test_threads (void)
{
  ThreadData data = { g_async_queue_new (), g_async_queue_new (), NULL };
  GThread *thread = g_thread_new ("spanish", spanish_thread, &data);

  g_async_queue_pop (data.pushed);
  /* while the other thread writes Spanish, this one stays English */
  g_assert_cmpstr (lw_i18n_get_current (), ==, "en");
  g_assert_cmpstr (lw_role_to_label (LW_ROLE_PROJECT_MANAGER), ==, "Project manager");
  g_assert_cmpstr (data.seen, ==, "Gerente del proyecto");
  g_async_queue_push (data.release, GINT_TO_POINTER (1));
  g_thread_join (thread);

  g_assert_cmpstr (lw_i18n_get_current (), ==, "en");
  g_free (data.seen);
  g_async_queue_unref (data.pushed);
  g_async_queue_unref (data.release);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lw/i18n/languages", test_languages);
  g_test_add_func ("/lw/i18n/dates", test_dates);
  g_test_add_func ("/lw/i18n/numbers", test_numbers);
  g_test_add_func ("/lw/i18n/catalogue", test_catalogue);
  g_test_add_func ("/lw/i18n/threads", test_threads);

  return g_test_run ();
}
