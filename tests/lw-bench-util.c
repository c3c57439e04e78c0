/* lw-bench-util.c: the reference load of DESIGN.md, shared by the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "lw/lw-demo.h"
#include "lw/lw-model.h"
#include "lw-bench-util.h"

#define CONTACTS_PER_PARTICIPANT 10
#define ACTIONS_PER_PARTICIPANT 2
#define N_MEETINGS 500
#define ITEMS_PER_OLD_MEETING 20

double
lw_bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

double
lw_bench_median (double *v,
                 guint   n)
{
  if (n == 0)
    return 0;
  qsort (v, n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

gint64
lw_bench_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  p = strstr (status, field);
  return p ? g_ascii_strtoll (p + strlen (field) + 1, NULL, 10) : -1;
}

gboolean
lw_bench_reset_peak (void)
{
  FILE *fp = fopen ("/proc/self/clear_refs", "we");
  gboolean ok;

  if (fp == NULL)
    return FALSE;
  ok = fputs ("5", fp) >= 0;
  return fclose (fp) == 0 && ok;
}

static char *
text (GRand      *rand,
      const char *what,
      guint       i)
{
  return g_strdup_printf ("%s %u — synthetic benchmark text %08x", what, i, g_rand_int (rand));
}

/* Every sealed text or date of a participant that the demo left unset. */
static gboolean
fill_participants (LwStore  *store,
                   GRand    *rand,
                   LwId      staff_id,
                   GError  **error)
{
  g_autoptr(GPtrArray) participants = lw_store_list (store, &lw_participant_table, NULL, 0, error);

  if (participants == NULL)
    return FALSE;
  for (guint i = 0; i < participants->len; i++)
    {
      LwParticipant *p = g_ptr_array_index (participants, i);
      gboolean changed = FALSE;

#define FILL(field, value) \
      if (p->field == NULL) { p->field = (value); changed = TRUE; }
      FILL (preferred_name, text (rand, "Preferred", i));
      FILL (aliases, text (rand, "Alias", i));
      FILL (date_of_birth, g_strdup ("1980-05-17"));
      FILL (referral_date, g_strdup ("2025-01-10"));
      FILL (referrer, text (rand, "Officer", i));
      FILL (status_changed, g_strdup ("2025-10-01"));
      FILL (last_contact, g_strdup ("2025-11-01"));
      FILL (housing_notes, text (rand, "Housing", i));
      FILL (health_notes, text (rand, "Health", i));
      FILL (substance_use, text (rand, "Substance use", i));
      FILL (address, text (rand, "Address", i));
      FILL (neighbourhood, g_strdup ("Harbor Flats"));
#undef FILL
      if (p->case_manager_id == 0)
        p->case_manager_id = staff_id, changed = TRUE;
      if (p->peer_worker_id == 0)
        p->peer_worker_id = staff_id, changed = TRUE;
      if (changed && !lw_store_update (store, p, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
generate (LwStore  *store,
          guint     n,
          GError  **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7 + n);
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GArray) meeting_ids = g_array_new (FALSE, FALSE, sizeof (LwId));
  g_autofree char *today = lw_date_today ();
  g_autofree char *oldest = NULL;
  gint64 n_contacts, n_actions, n_meetings;
  LwId staff_id = 0;

  people = lw_store_list (store, &lw_person_table, NULL, 0, error);
  meetings = people ? lw_store_list (store, &lw_meeting_table, NULL, 0, error) : NULL;
  if (meetings == NULL)
    return FALSE;
  for (guint i = 0; i < people->len; i++)
    {
      LwPerson *person = g_ptr_array_index (people, i);

      if (person->role == LW_ROLE_CASE_MANAGER && staff_id == 0)
        staff_id = person->id;
    }
  g_assert (staff_id != 0 && people->len > 0);
  for (guint i = 0; i < meetings->len; i++)
    {
      LwMeeting *m = g_ptr_array_index (meetings, i);

      if (oldest == NULL || strcmp (m->date, oldest) < 0)
        {
          g_free (oldest);
          oldest = g_strdup (m->date);
        }
      if (m->status == LW_MEETING_CLOSED)
        g_array_append_val (meeting_ids, m->id);
    }

  if (!fill_participants (store, rand, staff_id, error))
    return FALSE;

  /* meetings before the demo's, closed, each with its participants discussed */
  n_meetings = lw_store_count (store, &lw_meeting_table, error);
  for (gint64 i = n_meetings; i < N_MEETINGS; i++)
    {
      g_autoptr(LwMeeting) m = lw_meeting_new ();
      g_autofree char *date = lw_date_add_days (oldest, -14 * (int) (i - n_meetings + 1));

      m->date = g_strdup (date);
      m->start_time = g_strdup ("09:30");
      m->place = g_strdup ("Room 204");
      m->length_minutes = 90;
      m->status = LW_MEETING_CLOSED;
      if (!lw_store_insert (store, m, error))
        return FALSE;
      g_array_append_val (meeting_ids, m->id);
      for (int j = 0; j < ITEMS_PER_OLD_MEETING; j++)
        {
          g_autoptr(LwAgendaItem) item = lw_agenda_item_new ();

          item->meeting_id = m->id;
          item->position = j + 1;
          item->kind = LW_ITEM_PARTICIPANT;
          item->participant_id = 1 + g_rand_int_range (rand, 0, n);
          item->reasons = g_strdup ("no-contact-14-days");
          item->time_budget = 300;
          item->started_at = 1;
          item->ended_at = 2;
          if (j % 4 == 0)
            item->notes = text (rand, "Discussion", j);
          if (!lw_store_insert (store, item, error))
            return FALSE;
        }
    }

  n_contacts = lw_store_count (store, &lw_contact_table, error);
  for (gint64 i = n_contacts; i < (gint64) n * CONTACTS_PER_PARTICIPANT; i++)
    {
      g_autoptr(LwContact) c = lw_contact_new ();

      c->participant_id = 1 + i % n;
      c->date = lw_date_add_days (today, -g_rand_int_range (rand, 1, 365));
      c->kind = g_rand_int_range (rand, 0, LW_N_CONTACT_KINDS);
      c->staff_id = staff_id;
      c->note = text (rand, "Care note", i);
      if (!lw_store_insert (store, c, error))
        return FALSE;
    }

  n_actions = lw_store_count (store, &lw_action_item_table, error);
  for (gint64 i = n_actions; i < (gint64) n * ACTIONS_PER_PARTICIPANT; i++)
    {
      g_autoptr(LwActionItem) a = lw_action_item_new ();
      const LwPerson *owner = g_ptr_array_index (people, g_rand_int_range (rand, 0, people->len));

      a->text = text (rand, "Action", i);
      a->owner_id = owner->id;
      a->participant_id = 1 + i % n;
      a->meeting_id = g_array_index (meeting_ids, LwId, g_rand_int_range (rand, 0, meeting_ids->len));
      a->due_date = lw_date_add_days (today, g_rand_int_range (rand, -60, 60));
      a->status = LW_ACTION_OPEN;
      a->created_at = g_get_real_time ();
      if (!lw_store_insert (store, a, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
lw_bench_generate (LwStore  *store,
                   guint     n_participants,
                   GError  **error)
{
  double start = lw_bench_now_ms ();

  if (!lw_demo_generate (store, n_participants, 7, error))
    return FALSE;
  if (!lw_store_begin (store, error))
    return FALSE;
  if (!generate (store, n_participants, error))
    {
      lw_store_rollback (store);
      return FALSE;
    }
  if (!lw_store_commit (store, error))
    return FALSE;
  g_printerr ("reference load of %u participants written in %.1f s\n",
              n_participants, (lw_bench_now_ms () - start) / 1000);
  return TRUE;
}
