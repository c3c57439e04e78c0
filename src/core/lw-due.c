/* lw-due.c: due dates typed in plain words ("next meeting", "friday", "+7d")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-agenda"

#include "config.h"

#include "lw-i18n-private.h"
#include <stdio.h>
#include <string.h>

#include "lw/lw-agenda.h"
#include "lw/lw-error.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw-agenda-private.h"

/* ----------------------------------------------------------------------------
 * Due dates
 */

static const struct
{
  const char  *name;
  GDateWeekday day;
} weekdays[] = {
  { "monday", G_DATE_MONDAY }, { "mon", G_DATE_MONDAY },
  { "tuesday", G_DATE_TUESDAY }, { "tue", G_DATE_TUESDAY }, { "tues", G_DATE_TUESDAY },
  { "wednesday", G_DATE_WEDNESDAY }, { "wed", G_DATE_WEDNESDAY },
  { "thursday", G_DATE_THURSDAY }, { "thu", G_DATE_THURSDAY }, { "thur", G_DATE_THURSDAY },
  { "thurs", G_DATE_THURSDAY },
  { "friday", G_DATE_FRIDAY }, { "fri", G_DATE_FRIDAY },
  { "saturday", G_DATE_SATURDAY }, { "sat", G_DATE_SATURDAY },
  { "sunday", G_DATE_SUNDAY }, { "sun", G_DATE_SUNDAY },
  /* Spanish, compared without accents ("miércoles" is "miercoles") */
  { "lunes", G_DATE_MONDAY }, { "martes", G_DATE_TUESDAY },
  { "miercoles", G_DATE_WEDNESDAY }, { "jueves", G_DATE_THURSDAY },
  { "viernes", G_DATE_FRIDAY }, { "sabado", G_DATE_SATURDAY },
  { "domingo", G_DATE_SUNDAY },
};

/* "next meeting" and its Spanish, without accents */
static const char * const next_meeting_words[] = {
  "next meeting", "next", "proxima reunion", "la proxima reunion", "proxima", NULL,
};
/* prefixes of a weekday: "next friday", "el próximo viernes" */
static const char * const next_prefixes[] = {
  "next ", "el proximo ", "proximo ", "este ", "el ",
};

static GDateWeekday
date_weekday (const char *date)
{
  int y = 0, m = 0, d = 0;
  GDate g;

  if (sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
    return G_DATE_BAD_WEEKDAY;
  g_date_clear (&g, 1);
  g_date_set_dmy (&g, d, m, y);
  return g_date_get_weekday (&g);
}

/* "+7d", "+2w", "+7", "+7 days", "+2 weeks": days ahead, or -1. */
static int
parse_offset (const char *s)
{
  const char *p = s + 1;
  gint64 n = 0;
  int digits = 0;

  while (g_ascii_isdigit (*p) && digits < 4)
    {
      n = n * 10 + (*p - '0');
      p++;
      digits++;
    }
  if (digits == 0 || g_ascii_isdigit (*p))
    return -1;
  while (*p == ' ')
    p++;
  if (*p == '\0' || strcmp (p, "d") == 0 || strcmp (p, "day") == 0 || strcmp (p, "days") == 0 ||
      strcmp (p, "dia") == 0 || strcmp (p, "dias") == 0)
    return (int) n;
  if (strcmp (p, "w") == 0 || strcmp (p, "week") == 0 || strcmp (p, "weeks") == 0 ||
      strcmp (p, "s") == 0 || strcmp (p, "semana") == 0 || strcmp (p, "semanas") == 0)
    return (int) (n * 7);
  return -1;
}

gboolean
lw_agenda_parse_due (const char  *text,
                     const char  *today,
                     const char  *next_meeting_date,
                     char       **out_date,
                     GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *lower = NULL;
  g_auto(GStrv) words = NULL;
  g_autofree char *norm = NULL;
  const char *day_name;

  g_return_val_if_fail (lw_date_is_valid (today), FALSE);
  g_return_val_if_fail (next_meeting_date == NULL || lw_date_is_valid (next_meeting_date), FALSE);
  g_return_val_if_fail (out_date != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out_date = NULL;
  trimmed = g_strstrip (g_strdup (text ? text : ""));
  {
    /* case and accents aside: "Próxima reunión", "MIÉRCOLES" */
    g_autofree char *down = g_utf8_make_valid (trimmed, -1);
    g_autofree char *folded = g_utf8_strdown (down, -1);

    lower = g_str_to_ascii (folded, "C");
  }
  /* "next   meeting" is "next meeting" */
  words = g_strsplit_set (lower, " \t", -1);
  {
    g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
    g_auto(GStrv) kept = NULL;

    for (guint i = 0; words[i] != NULL; i++)
      if (words[i][0] != '\0')
        g_strv_builder_add (b, words[i]);
    kept = g_strv_builder_end (b);
    norm = g_strjoinv (" ", kept);
  }

  if (lw_date_is_valid (norm))
    {
      *out_date = g_strdup (norm);
      return TRUE;
    }
  if (_lw_agenda_looks_like_date (norm))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("%s is not a date on the calendar; write it as YYYY-MM-DD, for example 2026-12-01"),
                   norm);
      return FALSE;
    }
  if (g_strv_contains (next_meeting_words, norm))
    {
      if (next_meeting_date == NULL)
        {
          g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                       _("No next meeting is planned yet: write a date (2026-12-01), +7d or a weekday"));
          return FALSE;
        }
      *out_date = g_strdup (next_meeting_date);
      return TRUE;
    }
  if (strcmp (norm, "today") == 0 || strcmp (norm, "hoy") == 0)
    {
      *out_date = g_strdup (today);
      return TRUE;
    }
  if (strcmp (norm, "tomorrow") == 0 || strcmp (norm, "manana") == 0)
    {
      *out_date = lw_date_add_days (today, 1);
      return TRUE;
    }
  if (norm[0] == '+')
    {
      int days = parse_offset (norm);

      if (days > 3650)
        {
          g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                       _("“%s” is more than ten years ahead; write a nearer due date"), trimmed);
          return FALSE;
        }
      if (days >= 0)
        {
          *out_date = lw_date_add_days (today, days);
          if (*out_date != NULL)
            return TRUE;
        }
    }

  day_name = norm;
  for (guint i = 0; i < G_N_ELEMENTS (next_prefixes); i++)
    if (g_str_has_prefix (norm, next_prefixes[i]))
      {
        day_name = norm + strlen (next_prefixes[i]);
        break;
      }
  for (guint i = 0; i < G_N_ELEMENTS (weekdays); i++)
    if (strcmp (day_name, weekdays[i].name) == 0)
      {
        GDateWeekday now = date_weekday (today);
        int ahead = ((int) weekdays[i].day - (int) now + 7) % 7;

        /* the next such day after today: a week ahead when it is today */
        *out_date = lw_date_add_days (today, ahead == 0 ? 7 : ahead);
        return TRUE;
      }

  g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
               _("“%s” is not a due date: write a date (2026-12-01), +7d, a weekday or “next meeting”"),
               trimmed);
  return FALSE;
}
