/* lw-i18n.h: the languages a document or the projector can be written in
 *
 * The app's own language follows the environment (LANGUAGE, LC_MESSAGES).  A
 * document or the projector's card may be written in another one: a scope
 * (lw_i18n_push()/lw_i18n_pop()) switches the core's translations for the
 * calling thread only, from the catalogue read directly, so that no other
 * thread and no widget of the presenter sees the switch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "en", "es": the languages documents and the projector can be written in. */
const char * const *lw_i18n_get_languages      (void);
gboolean            lw_i18n_is_supported       (const char  *language);
/* "en, es", for messages that name them. */
char               *lw_i18n_dup_languages_list (void);
/* The language's own name ("English", "Español"). */
const char         *lw_i18n_get_native_name    (const char  *language);

/* Where the catalogues are: LEAD_WORKGROUP_LOCALEDIR when set (an uninstalled
 * build: `meson devenv`, the tests), else the installed locale directory. */
const char         *lw_i18n_get_localedir      (void);

/* Translates the calling thread's strings into language (a supported code,
 * or NULL for the app's own language) until the matching pop.  Scopes nest;
 * returns the previous language for lw_i18n_pop(). */
const char         *lw_i18n_push               (const char  *language);
void                lw_i18n_pop                (const char  *previous);
/* The calling thread's language: the pushed one, else the app's ("en" when
 * the app's strings are not translated). */
const char         *lw_i18n_get_current        (void);

const char         *lw_i18n_gettext            (const char  *msgid) G_GNUC_FORMAT (1);
const char         *lw_i18n_ngettext           (const char  *msgid,
                                                const char  *msgid_plural,
                                                gulong       n) G_GNUC_FORMAT (1) G_GNUC_FORMAT (2);
/* msgctxtid is "context\004msgid"; msgidoffset is strlen (context) + 1. */
const char         *lw_i18n_pgettext           (const char  *msgctxtid,
                                                gsize        msgidoffset) G_GNUC_FORMAT (1);
const char         *lw_i18n_pgettext2          (const char  *context,
                                                const char  *msgid) G_GNUC_FORMAT (2);

/* Dates and numbers in the calling thread's language:
 * "Monday 7 December 2026" / "lunes, 7 de diciembre de 2026" from
 * "2026-12-07"; NULL or an unparsable date comes back as it is (or ""). */
char               *lw_i18n_format_date        (const char  *iso_date);
/* "7 December", "7 de diciembre": for a date near another that gives the year. */
char               *lw_i18n_format_day_month   (const char  *iso_date);
/* "14:05" (24-hour in both languages). */
char               *lw_i18n_format_time        (GDateTime   *dt);
/* 1234.5 → "1,234.5" / "1234,5"; Spanish groups thousands only from five
 * digits ("12.345"), as its style guides ask. */
char               *lw_i18n_format_number      (double       value,
                                                guint        decimals);

G_END_DECLS
