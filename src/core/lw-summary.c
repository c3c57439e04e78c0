/* lw-summary.c: what the agenda's rules know of each participant, kept up to
 * date on every write (see lw-summary-private.h)
 *
 * The facts are encoded in one canonical form: the same records always give
 * the same bytes, so that lw_store_check () can compare a summary with the
 * records.  Version 1, little endian:
 *
 *   u8  version (1)
 *   str code
 *   u8  status, u8 flagged
 *   day status_changed, day referral_date, day last_contact
 *   u32 n, day × n          contact dates, distinct, newest first
 *   u32 n, (day, day) × n   pending matters with a next court date: that
 *                           date and the latest prosecution position's
 *   u32 n, day × n          due dates of open plan action items
 *   u32 n, consent × n, in id order:
 *       i8 recipient_role, u8 damaged, i64 categories,
 *       str recipient_agency, str signed_date, str expires, str revoked
 *
 * where day is a u32 day number (0 for none; small, and compared as a
 * number) and str a u32 length (0xffffffff for none), the bytes and a NUL,
 * so that decoded strings point into the buffer.  Lists are sorted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-summary"

#include "config.h"

#include "lw-i18n-private.h"
#include <inttypes.h>
#include <sodium.h>
#include <string.h>

#include "lw/lw-error.h"
#include "lw/lw-vault.h"
#include "lw-store-private.h"
#include "lw-summary-private.h"

#define FACTS_VERSION 1
#define NO_STRING     0xffffffffu
/* the schema version that has the summary tables */
#define SUMMARY_SCHEMA 6

/* ----------------------------------------------------------------------------
 * Days
 */

LwDay
_lw_day_from_date (const char *date)
{
  GDate parsed;

  if (date == NULL || !lw_date_is_valid (date))
    return 0;
  g_date_clear (&parsed, 1);
  g_date_set_dmy (&parsed, g_ascii_strtoll (date + 8, NULL, 10), g_ascii_strtoll (date + 5, NULL, 10),
                  g_ascii_strtoll (date, NULL, 10));
  return g_date_get_julian (&parsed);
}

char *
_lw_day_to_date (LwDay day)
{
  GDate date;

  if (day == 0)
    return NULL;
  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

/* ----------------------------------------------------------------------------
 * Encoding
 */

static void
put_u8 (GByteArray *out,
        guint8      v)
{
  g_byte_array_append (out, &v, 1);
}

static void
put_u32 (GByteArray *out,
         guint32     v)
{
  guint32 le = GUINT32_TO_LE (v);

  g_byte_array_append (out, (const guint8 *) &le, 4);
}

static void
put_i64 (GByteArray *out,
         gint64      v)
{
  guint64 le = GUINT64_TO_LE ((guint64) v);

  g_byte_array_append (out, (const guint8 *) &le, 8);
}

static void
put_str (GByteArray *out,
         const char *s)
{
  gsize len;

  if (s == NULL)
    {
      put_u32 (out, NO_STRING);
      return;
    }
  len = strlen (s);
  put_u32 (out, len);
  g_byte_array_append (out, (const guint8 *) s, len + 1);
}

static void
put_days (GByteArray *out,
          GArray     *days)
{
  put_u32 (out, days->len);
  for (guint i = 0; i < days->len; i++)
    put_u32 (out, g_array_index (days, LwDay, i));
}

typedef struct
{
  const guint8 *p;
  const guint8 *end;
  gboolean      ok;
} Reader;

static gboolean
take (Reader *r,
      gsize   n)
{
  if (!r->ok || (gsize) (r->end - r->p) < n)
    return r->ok = FALSE;
  return TRUE;
}

static guint8
get_u8 (Reader *r)
{
  if (!take (r, 1))
    return 0;
  return *r->p++;
}

static guint32
get_u32 (Reader *r)
{
  guint32 le;

  if (!take (r, 4))
    return 0;
  memcpy (&le, r->p, 4);
  r->p += 4;
  return GUINT32_FROM_LE (le);
}

static gint64
get_i64 (Reader *r)
{
  guint64 le;

  if (!take (r, 8))
    return 0;
  memcpy (&le, r->p, 8);
  r->p += 8;
  return (gint64) GUINT64_FROM_LE (le);
}

static const char *
get_str (Reader *r)
{
  guint32 len = get_u32 (r);
  const char *s;

  if (!r->ok || len == NO_STRING)
    return NULL;
  if (!take (r, (gsize) len + 1) || r->p[len] != '\0' || memchr (r->p, '\0', len) != NULL)
    return r->ok = FALSE, NULL;
  s = (const char *) r->p;
  r->p += len + 1;
  return s;
}

/* n days; NULL when n is 0 or the data ends first */
static LwDay *
get_days (Reader *r,
          guint  *n)
{
  guint32 count = get_u32 (r);
  LwDay *days;

  *n = 0;
  if (!r->ok || count == 0)
    return NULL;
  if (count > (gsize) (r->end - r->p) / 4)
    return r->ok = FALSE, NULL;
  days = g_new (LwDay, count);
  for (guint32 i = 0; i < count; i++)
    days[i] = get_u32 (r);
  *n = count;
  return days;
}

void
_lw_facts_free (LwFacts *facts)
{
  if (facts == NULL)
    return;
  g_free (facts->contacts);
  g_free (facts->courts);
  g_free (facts->due);
  g_free (facts->consents);
  if (facts->data != NULL)
    {
      sodium_memzero (facts->data, facts->len);
      g_free (facts->data);
    }
  g_free (facts);
}

static LwFacts *decode_into (LwId          participant_id,
                             const guint8 *data,
                             gsize         len);

/* Takes data (len bytes, followed by a NUL) when it is facts; else NULL, and
 * data stays the caller's. */
static LwFacts *
decode (LwId    participant_id,
        guint8 *data,
        gsize   len)
{
  LwFacts *facts = decode_into (participant_id, data, len);

  if (facts == NULL)
    return NULL;
  facts->data = data;
  facts->len = len;
  return facts;
}

static LwFacts *
decode_into (LwId          participant_id,
             const guint8 *data,
             gsize         len)
{
  g_autoptr(LwFacts) facts = g_new0 (LwFacts, 1);
  Reader r = { data, data + len, TRUE };

  facts->participant_id = participant_id;
  if (get_u8 (&r) != FACTS_VERSION)
    return NULL;
  facts->code = get_str (&r);
  if (facts->code == NULL)
    return NULL;
  facts->status = (gint8) get_u8 (&r);
  facts->flagged = get_u8 (&r) != 0;
  facts->status_changed = get_u32 (&r);
  facts->referral_date = get_u32 (&r);
  facts->last_contact = get_u32 (&r);
  facts->contacts = get_days (&r, &facts->n_contacts);
  facts->n_courts = get_u32 (&r);
  if (!r.ok || facts->n_courts > len / 8)
    return NULL;
  facts->courts = g_new0 (LwFactsCourt, MAX (facts->n_courts, 1));
  for (guint i = 0; i < facts->n_courts; i++)
    {
      facts->courts[i].court_date = get_u32 (&r);
      facts->courts[i].position_date = get_u32 (&r);
    }
  facts->due = get_days (&r, &facts->n_due);
  facts->n_consents = get_u32 (&r);
  if (!r.ok || facts->n_consents > len / 26)
    return NULL;
  facts->consents = g_new0 (LwFactsConsent, MAX (facts->n_consents, 1));
  for (guint i = 0; i < facts->n_consents && r.ok; i++)
    {
      LwFactsConsent *c = &facts->consents[i];

      c->recipient_role = (gint8) get_u8 (&r);
      c->damaged = get_u8 (&r) != 0;
      c->categories = get_i64 (&r);
      c->recipient_agency = get_str (&r);
      c->signed_date = get_str (&r);
      c->expires = get_str (&r);
      c->revoked = get_str (&r);
    }
  if (!r.ok || r.p != r.end)
    return NULL;
  return g_steal_pointer (&facts);
}

/* ----------------------------------------------------------------------------
 * Computing the facts from the records
 */

typedef struct
{
  LwParticipant *participant;  /* borrowed */
  GArray        *contacts;     /* LwDay */
  GArray        *courts;       /* LwFactsCourt */
  GArray        *due;          /* LwDay */
  GPtrArray     *consents;     /* LwConsent, borrowed */
} Gather;

static void
gather_free (gpointer data)
{
  Gather *g = data;

  g_array_unref (g->contacts);
  g_array_unref (g->courts);
  g_array_unref (g->due);
  g_ptr_array_unref (g->consents);
  g_free (g);
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  LwDay x = *(const LwDay *) a, y = *(const LwDay *) b;

  return x < y ? -1 : x > y;
}

static int
compare_courts (gconstpointer a,
                gconstpointer b)
{
  const LwFactsCourt *x = a, *y = b;

  if (x->court_date != y->court_date)
    return x->court_date < y->court_date ? -1 : 1;
  return x->position_date < y->position_date ? -1 : x->position_date > y->position_date;
}

static LwFacts *
encode_gathered (Gather *g)
{
  const LwParticipant *p = g->participant;
  GByteArray *out = g_byte_array_new ();
  g_autoptr(GArray) distinct = g_array_new (FALSE, FALSE, sizeof (LwDay));
  guint8 *data;
  gsize len;
  LwFacts *facts;

  put_u8 (out, FACTS_VERSION);
  put_str (out, p->code);
  put_u8 (out, (guint8) (gint8) p->status);
  put_u8 (out, p->flagged ? 1 : 0);
  put_u32 (out, _lw_day_from_date (p->status_changed));
  put_u32 (out, _lw_day_from_date (p->referral_date));
  put_u32 (out, _lw_day_from_date (p->last_contact));

  /* distinct, newest first: the rules want the newest on or before a date */
  g_array_sort (g->contacts, compare_days);
  for (guint i = g->contacts->len; i-- > 0;)
    if (distinct->len == 0 ||
        g_array_index (distinct, LwDay, distinct->len - 1) != g_array_index (g->contacts, LwDay, i))
      g_array_append_val (distinct, g_array_index (g->contacts, LwDay, i));
  put_days (out, distinct);
  g_array_sort (g->courts, compare_courts);
  put_u32 (out, g->courts->len);
  for (guint i = 0; i < g->courts->len; i++)
    {
      put_u32 (out, g_array_index (g->courts, LwFactsCourt, i).court_date);
      put_u32 (out, g_array_index (g->courts, LwFactsCourt, i).position_date);
    }
  g_array_sort (g->due, compare_days);
  put_days (out, g->due);

  put_u32 (out, g->consents->len);
  for (guint i = 0; i < g->consents->len; i++)
    {
      const LwConsent *c = g_ptr_array_index (g->consents, i);

      put_u8 (out, (guint8) (gint8) c->recipient_role);
      put_u8 (out, LW_RECORD (c)->damaged != 0);
      put_i64 (out, c->categories);
      put_str (out, c->recipient_agency);
      put_str (out, c->signed_date);
      put_str (out, c->expires);
      put_str (out, c->revoked);
    }

  len = out->len;
  put_u8 (out, 0);   /* a NUL after the data, as the vault leaves one */
  data = g_byte_array_free (out, FALSE);
  facts = decode (p->id, data, len);
  g_assert (facts != NULL);
  return facts;
}

static GPtrArray *
read_table (LwStore            *store,
            const LwTableInfo  *table,
            const char * const *columns,
            const char         *link,
            const LwId         *ids,
            guint               n_ids,
            GError            **error)
{
  if (ids == NULL)
    return lw_store_list_columns (store, table, columns, NULL, 0, error);
  return lw_store_list_in (store, table, columns, link, ids, n_ids, error);
}

GHashTable *
_lw_facts_compute (LwStore     *store,
                   const LwId  *ids,
                   guint        n_ids,
                   GError     **error)
{
  static const char * const participant_columns[] = {
    "code", "status", "status_changed", "referral_date", "last_contact", "flagged", NULL
  };
  static const char * const contact_columns[] = { "participant_id", "date", "kind", NULL };
  static const char * const matter_columns[] = { "participant_id", "status", "next_court_date", NULL };
  static const char * const note_columns[] = { "legal_matter_id", "date", NULL };
  static const char * const action_columns[] = { "participant_id", "status", "due_date", "concerns", NULL };
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) matters = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GHashTable) positions = NULL;
  g_autoptr(GArray) matter_ids = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GHashTable) gathered = NULL;
  GHashTable *out;
  GHashTableIter iter;
  Gather *g;

  participants = read_table (store, &lw_participant_table, participant_columns, "id", ids, n_ids, error);
  if (participants == NULL)
    return NULL;
  gathered = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, gather_free);
  for (guint i = 0; i < participants->len; i++)
    {
      LwParticipant *p = g_ptr_array_index (participants, i);

      g = g_new0 (Gather, 1);
      g->participant = p;
      g->contacts = g_array_new (FALSE, FALSE, sizeof (LwDay));
      g->courts = g_array_new (FALSE, FALSE, sizeof (LwFactsCourt));
      g->due = g_array_new (FALSE, FALSE, sizeof (LwDay));
      g->consents = g_ptr_array_new ();
      g_hash_table_insert (gathered, &p->id, g);
    }

  contacts = read_table (store, &lw_contact_table, contact_columns, "participant_id", ids, n_ids, error);
  matters = contacts ? read_table (store, &lw_legal_matter_table, matter_columns, "participant_id",
                                   ids, n_ids, error) : NULL;
  if (matters == NULL)
    return NULL;
  /* the latest prosecution position of each pending matter with a court date */
  matter_ids = g_array_new (FALSE, FALSE, sizeof (LwId));
  for (guint i = 0; i < matters->len; i++)
    {
      LwLegalMatter *m = g_ptr_array_index (matters, i);

      if (m->status == LW_MATTER_PENDING && m->next_court_date != NULL)
        g_array_append_val (matter_ids, m->id);
    }
  notes = lw_store_list_in (store, &lw_prosecution_note_table, note_columns, "legal_matter_id",
                            (LwId *) matter_ids->data, matter_ids->len, error);
  if (notes == NULL)
    return NULL;
  positions = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < notes->len; i++)
    {
      LwProsecutionNote *n = g_ptr_array_index (notes, i);
      const char *latest = g_hash_table_lookup (positions, &n->legal_matter_id);

      if (n->date != NULL && (latest == NULL || strcmp (n->date, latest) > 0))
        g_hash_table_insert (positions, &n->legal_matter_id, n->date);
    }
  actions = read_table (store, &lw_action_item_table, action_columns, "participant_id", ids, n_ids, error);
  consents = actions ? read_table (store, &lw_consent_table, NULL, "participant_id", ids, n_ids, error) : NULL;
  if (consents == NULL)
    return NULL;

  for (guint i = 0; i < contacts->len; i++)
    {
      LwContact *c = g_ptr_array_index (contacts, i);

      /* an attempt that reached nobody is not contact */
      if (c->date != NULL && c->kind != LW_CONTACT_ATTEMPTED &&
          (g = g_hash_table_lookup (gathered, &c->participant_id)) != NULL)
        {
          LwDay day = _lw_day_from_date (c->date);

          if (day != 0)
            g_array_append_val (g->contacts, day);
        }
    }
  for (guint i = 0; i < matters->len; i++)
    {
      LwLegalMatter *m = g_ptr_array_index (matters, i);

      if (m->status == LW_MATTER_PENDING && m->next_court_date != NULL &&
          (g = g_hash_table_lookup (gathered, &m->participant_id)) != NULL)
        {
          LwFactsCourt court = { _lw_day_from_date (m->next_court_date),
                                 _lw_day_from_date (g_hash_table_lookup (positions, &m->id)) };

          if (court.court_date != 0)
            g_array_append_val (g->courts, court);
        }
    }
  for (guint i = 0; i < actions->len; i++)
    {
      LwActionItem *a = g_ptr_array_index (actions, i);

      /* "Action items due" is a plan reason: an item marked as concerning
       * health or treatment would say so to those who may not see it */
      if (a->status == LW_ACTION_OPEN && a->due_date != NULL &&
          lw_model_text_category (a) == LW_CATEGORY_PLAN &&
          (g = g_hash_table_lookup (gathered, &a->participant_id)) != NULL)
        {
          LwDay day = _lw_day_from_date (a->due_date);

          if (day != 0)
            g_array_append_val (g->due, day);
        }
    }
  for (guint i = 0; i < consents->len; i++)
    {
      LwConsent *c = g_ptr_array_index (consents, i);

      if ((g = g_hash_table_lookup (gathered, &c->participant_id)) != NULL)
        g_ptr_array_add (g->consents, c);
    }

  out = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) _lw_facts_free);
  g_hash_table_iter_init (&iter, gathered);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &g))
    {
      LwFacts *facts = encode_gathered (g);

      g_hash_table_insert (out, &facts->participant_id, facts);
    }
  return out;
}

/* ----------------------------------------------------------------------------
 * The summaries in the file
 */

static gboolean
has_summaries (LwStore *store)
{
  return lw_store_get_schema_version (store) >= SUMMARY_SCHEMA;
}

/* The ids of one integer column of a query. */
static GArray *
query_ids (LwStore     *store,
           const char  *sql,
           GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (LwId));
  sqlite3_stmt *stmt = _lw_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LwId id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lw_store_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static gboolean
step_write (LwStore      *store,
            sqlite3_stmt *stmt,
            GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return _lw_store_sqlite_error (store, sqlite3_extended_errcode (_lw_store_get_db (store)), error);
  return TRUE;
}

gboolean
_lw_summary_refresh (LwStore  *store,
                     GError  **error)
{
  LwVault *vault = _lw_store_get_vault (store);
  g_autoptr(GArray) stale = NULL;
  g_autoptr(GHashTable) facts = NULL;
  sqlite3_stmt *put, *drop, *done;

  if (vault == NULL || lw_store_get_read_only_reason (store) != NULL || !has_summaries (store))
    return TRUE;
  stale = query_ids (store, "SELECT participant_id FROM participant_summary_stale", error);
  if (stale == NULL)
    return FALSE;
  if (stale->len == 0)
    return TRUE;

  facts = _lw_facts_compute (store, (LwId *) stale->data, stale->len, error);
  if (facts == NULL)
    return FALSE;
  for (guint i = 0; i < stale->len; i++)
    {
      LwId id = g_array_index (stale, LwId, i);
      const LwFacts *f = g_hash_table_lookup (facts, &id);
      guint8 *sealed;
      gsize len;

      if (f == NULL)
        {
          /* the participant is gone (its summary went with it) */
          drop = _lw_store_prepare (store, "DELETE FROM participant_summary WHERE participant_id = ?1", error);
          if (drop == NULL)
            return FALSE;
          sqlite3_bind_int64 (drop, 1, id);
          if (!step_write (store, drop, error))
            return FALSE;
          continue;
        }
      sealed = lw_vault_seal (vault, "participant_summary", "facts", id, f->data, f->len, &len);
      put = _lw_store_prepare (store, "INSERT OR REPLACE INTO participant_summary (participant_id, facts) VALUES (?1, ?2)",
                               error);
      if (put == NULL)
        {
          g_free (sealed);
          return FALSE;
        }
      sqlite3_bind_int64 (put, 1, id);
      sqlite3_bind_blob (put, 2, sealed, len, g_free);
      if (!step_write (store, put, error))
        return FALSE;
    }
  done = _lw_store_prepare (store, "DELETE FROM participant_summary_stale", error);
  if (done == NULL)
    return FALSE;
  g_debug ("%u participant summaries brought up to date", stale->len);
  return step_write (store, done, error);
}

/* The summaries that open, decoded: participant id → LwFacts.  Those marked
 * stale are left out. */
static GHashTable *
read_summaries (LwStore    *store,
                GHashTable *stale,
                GError    **error)
{
  LwVault *vault = _lw_store_get_vault (store);
  GHashTable *out = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) _lw_facts_free);
  sqlite3_stmt *stmt = _lw_store_prepare (store, "SELECT participant_id, facts FROM participant_summary", error);
  int rc;

  if (stmt == NULL)
    {
      g_hash_table_unref (out);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LwId id = sqlite3_column_int64 (stmt, 0);
      guint8 *data;
      gsize len = 0;
      LwFacts *facts;

      if (stale != NULL && g_hash_table_contains (stale, &id))
        continue;
      data = lw_vault_open (vault, "participant_summary", "facts", id, sqlite3_column_blob (stmt, 1),
                            sqlite3_column_bytes (stmt, 1), &len, NULL);
      facts = data ? decode (id, data, len) : NULL;
      if (facts == NULL)
        {
          if (data != NULL)
            {
              sodium_memzero (data, len);
              g_free (data);
            }
          /* its facts are read from the records instead */
          g_debug ("The summary of participant %" G_GINT64_FORMAT " does not open", id);
          continue;
        }
      g_hash_table_insert (out, &facts->participant_id, facts);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_hash_table_unref (out);
      _lw_store_sqlite_error (store, rc, error);
      return NULL;
    }
  return out;
}

static GHashTable *
id_set (GArray *ids)
{
  GHashTable *set = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (set, &g_array_index (ids, LwId, i));
  return set;
}

GHashTable *
_lw_summary_read_all (LwStore  *store,
                      GError  **error)
{
  g_autoptr(GHashTable) out = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) need = g_array_new (FALSE, FALSE, sizeof (LwId));

  if (has_summaries (store))
    {
      g_autoptr(GArray) stale = query_ids (store, "SELECT participant_id FROM participant_summary_stale", error);
      g_autoptr(GHashTable) stale_set = NULL;

      if (stale == NULL)
        return NULL;
      stale_set = id_set (stale);
      out = read_summaries (store, stale_set, error);
      if (out == NULL)
        return NULL;
    }
  else
    out = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) _lw_facts_free);

  /* whoever has no summary to read: from the records */
  all = query_ids (store, "SELECT id FROM participant", error);
  if (all == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    if (!g_hash_table_contains (out, &g_array_index (all, LwId, i)))
      g_array_append_val (need, g_array_index (all, LwId, i));
  if (need->len > 0)
    {
      g_autoptr(GHashTable) computed = NULL;
      GHashTableIter iter;
      LwFacts *facts;

      g_debug ("%u participant summaries read from the records", need->len);
      computed = _lw_facts_compute (store, need->len == all->len ? NULL : (LwId *) need->data,
                                    need->len, error);
      if (computed == NULL)
        return NULL;
      g_hash_table_iter_init (&iter, computed);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &facts))
        {
          g_hash_table_iter_steal (&iter);
          g_hash_table_insert (out, &facts->participant_id, facts);
        }
    }
  return g_steal_pointer (&out);
}

void
_lw_summary_check (LwStore   *store,
                   GPtrArray *problems)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) stale = NULL;
  g_autoptr(GHashTable) stale_set = NULL;
  g_autoptr(GHashTable) stored = NULL;
  g_autoptr(GHashTable) computed = NULL;
  GHashTableIter iter;
  LwFacts *facts;

  if (!has_summaries (store))
    return;
  stale = query_ids (store, "SELECT participant_id FROM participant_summary_stale", &error);
  stored = stale ? read_summaries (store, (stale_set = id_set (stale)), &error) : NULL;
  computed = stored ? _lw_facts_compute (store, NULL, 0, &error) : NULL;
  if (computed == NULL)
    {
      g_ptr_array_add (problems, g_strdup_printf (_("table %s cannot be read: %s"), "participant_summary",
                                                  error->message));
      return;
    }
  g_hash_table_iter_init (&iter, computed);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &facts))
    {
      const LwFacts *kept = g_hash_table_lookup (stored, &facts->participant_id);

      if (g_hash_table_contains (stale_set, &facts->participant_id))
        continue;
      if (kept == NULL)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("participant %" PRId64 ": the summary the agenda suggestion reads is missing or does not open; it is read from the records instead"),
                                          facts->participant_id));
      else if (kept->len != facts->len || memcmp (kept->data, facts->data, facts->len) != 0)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("participant %" PRId64 ": the summary the agenda suggestion reads says otherwise than the records (altered)"),
                                          facts->participant_id));
    }
}
