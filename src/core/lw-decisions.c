/* lw-decisions.c: the decision review — what an audience may see of the
 * officers' decisions, its counts, and its exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-decisions"

#include "config.h"

#include "lw-i18n-private.h"
#include <sodium.h>
#include <string.h>

#include "lw/lw-audit.h"
#include "lw/lw-decisions.h"
#include "lw/lw-edit.h"
#include "lw/lw-error.h"
#include "lw/lw-vault.h"
#include "lw-export-private.h"

struct _LwDecisionReview
{
  LwAudience       *audience;
  LwLevel           level;        /* legal, without releases */
  gboolean          officers;     /* who decided may be shown */
  gboolean          identity;     /* participant codes may be shown */
  char             *from;
  char             *to;
  char             *officer;      /* the filter's officer, by name */
  gboolean          eligible_not_diverted;
  GPtrArray        *rows;         /* LwDecisionRow */
  GPtrArray        *officer_counts;  /* LwOfficerCounts */
  LwDecisionCounts  counts;
};

static void
row_free (gpointer data)
{
  LwDecisionRow *row = data;

  g_free (row->date);
  g_free (row->officer);
  lw_secret_free (row->incident_number);
  lw_secret_free (row->reason);
  g_free (row->participant);
  g_free (row);
}

static void
officer_counts_free (gpointer data)
{
  LwOfficerCounts *o = data;

  g_free (o->officer);
  g_free (o);
}

void
lw_decision_review_free (LwDecisionReview *review)
{
  if (review == NULL)
    return;
  lw_audience_free (review->audience);
  g_free (review->from);
  g_free (review->to);
  g_free (review->officer);
  g_ptr_array_unref (review->rows);
  g_ptr_array_unref (review->officer_counts);
  g_free (review);
}

gboolean
lw_decisions_officers_visible (const LwAudience *audience)
{
  static const guint allowed = LW_ROLE_BIT (LW_ROLE_PROJECT_MANAGER) |
                               LW_ROLE_BIT (LW_ROLE_POLICE_OFFICER) |
                               LW_ROLE_BIT (LW_ROLE_POLICE_SERGEANT);
  guint roles;

  g_return_val_if_fail (audience != NULL, FALSE);

  roles = lw_audience_get_roles (audience);
  return roles != 0 && (roles & ~allowed) == 0;
}

static void
count (LwDecisionCounts          *counts,
       const LwDiversionDecision *d)
{
  counts->total++;
  counts->eligible += d->eligible;
  counts->diverted += d->diverted;
  counts->eligible_not_diverted += d->eligible && !d->diverted;
  counts->not_eligible += !d->eligible;
}

static int
compare_newest (gconstpointer a_,
                gconstpointer b_)
{
  const LwDecisionRow *a = *(LwDecisionRow * const *) a_;
  const LwDecisionRow *b = *(LwDecisionRow * const *) b_;
  int c = g_strcmp0 (b->date, a->date);

  return c != 0 ? c : (b->id > a->id) - (b->id < a->id);
}

static int
compare_officers (gconstpointer a_,
                  gconstpointer b_)
{
  const LwOfficerCounts *a = *(LwOfficerCounts * const *) a_;
  const LwOfficerCounts *b = *(LwOfficerCounts * const *) b_;

  return g_utf8_collate (a->officer ? a->officer : "", b->officer ? b->officer : "");
}

static const char *
person_name (GPtrArray *people,
             LwId       id)
{
  for (guint i = 0; people != NULL && i < people->len; i++)
    {
      const LwPerson *person = g_ptr_array_index (people, i);

      if (person->id == id)
        return person->name;
    }
  return NULL;
}

static gboolean
check_filter (const LwDecisionFilter *filter,
              GError                **error)
{
  if (filter->from != NULL && !lw_date_is_valid (filter->from))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("From: not a date; write it as YYYY-MM-DD, for example 2026-03-31"));
      return FALSE;
    }
  if (filter->to != NULL && !lw_date_is_valid (filter->to))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("To: not a date; write it as YYYY-MM-DD, for example 2026-03-31"));
      return FALSE;
    }
  if (filter->from != NULL && filter->to != NULL && strcmp (filter->from, filter->to) > 0)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("The period starts after it ends; give a start on or before the end"));
      return FALSE;
    }
  return TRUE;
}

LwDecisionReview *
lw_decision_review_new (LwStore                *store,
                        const LwAudience       *audience,
                        const LwDecisionFilter *filter,
                        gboolean                audited,
                        GError                **error)
{
  static const LwDecisionFilter everything = { 0 };
  g_autoptr(LwDecisionReview) review = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GHashTable) by_participant = NULL;   /* id → GPtrArray of LwConsent (borrowed) */
  g_autoptr(GHashTable) codes = NULL;            /* id → code */
  g_autoptr(GHashTable) officers = NULL;         /* id → LwOfficerCounts (in officer_counts) */
  g_autofree char *today = lw_date_today ();
  LwLevel base[LW_N_CATEGORIES];
  LwPolicyMatrix matrix;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (audience != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (filter == NULL)
    filter = &everything;
  if (!check_filter (filter, error))
    return NULL;

  review = g_new0 (LwDecisionReview, 1);
  review->audience = lw_audience_copy (audience);
  review->rows = g_ptr_array_new_with_free_func (row_free);
  review->officer_counts = g_ptr_array_new_with_free_func (officer_counts_free);
  review->officers = lw_decisions_officers_visible (audience);
  review->from = g_strdup (filter->from);
  review->to = g_strdup (filter->to);
  review->eligible_not_diverted = filter->eligible_not_diverted;

  lw_policy_load_matrix (store, &matrix);
  lw_policy_resolve_levels (&matrix, audience, none, today, base);
  review->level = base[LW_CATEGORY_LEGAL];
  review->identity = base[LW_CATEGORY_IDENTITY] == LW_LEVEL_FULL;

  people = lw_store_list (store, &lw_person_table, NULL, 0, error);
  if (people == NULL)
    return NULL;
  if (filter->officer_id != 0)
    {
      /* which decisions were one officer's is who decided them */
      if (!review->officers)
        {
          g_set_error (error, LW_ERROR, LW_ERROR_DENIED,
                       _("Who decided is shown in the review only to the project manager and the police; "
                         "leave out the officer, or review as one of them"));
          return NULL;
        }
      if (person_name (people, filter->officer_id) == NULL)
        {
          g_set_error (error, LW_ERROR, LW_ERROR_NOT_FOUND,
                       _("No workgroup member is that officer; name a member"));
          return NULL;
        }
      review->officer = g_strdup (person_name (people, filter->officer_id));
    }

  decisions = lw_store_list (store, &lw_diversion_decision_table, NULL, 0, error);
  if (decisions == NULL)
    return NULL;
  consents = lw_store_list (store, &lw_consent_table, NULL, 0, error);
  if (consents == NULL)
    return NULL;
  by_participant = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < consents->len; i++)
    {
      LwConsent *consent = g_ptr_array_index (consents, i);
      GPtrArray *list = g_hash_table_lookup (by_participant, &consent->participant_id);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (by_participant, &consent->participant_id, list);
        }
      g_ptr_array_add (list, consent);
    }
  codes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  officers = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < decisions->len; i++)
    {
      const LwDiversionDecision *d = g_ptr_array_index (decisions, i);
      LwLevel levels[LW_N_CATEGORIES];
      const LwLevel *lv = base;
      LwDecisionRow *row;

      /* the period and the officer are clear columns: filtered first */
      if (d->date == NULL ||
          (filter->from != NULL && strcmp (d->date, filter->from) < 0) ||
          (filter->to != NULL && strcmp (d->date, filter->to) > 0) ||
          (filter->officer_id != 0 && d->officer_id != filter->officer_id))
        continue;
      if (d->participant_id != 0)
        {
          GPtrArray *list = g_hash_table_lookup (by_participant, &d->participant_id);

          lw_policy_resolve_levels (&matrix, audience, list ? list : none, today, levels);
          lv = levels;
        }
      /* a decision whose legal fields are hidden is not even counted */
      if (lv[LW_CATEGORY_LEGAL] == LW_LEVEL_NONE)
        continue;
      /* a damaged value is not guessed at: left out of the counts */
      if (LW_RECORD (d)->damaged != 0)
        continue;
      if (filter->eligible_not_diverted && !(d->eligible && !d->diverted))
        continue;

      count (&review->counts, d);
      if (review->officers)
        {
          LwOfficerCounts *o = g_hash_table_lookup (officers, &d->officer_id);

          if (o == NULL)
            {
              const char *name = person_name (people, d->officer_id);

              o = g_new0 (LwOfficerCounts, 1);
              o->officer_id = d->officer_id;
              o->officer = g_strdup (name ? name : _("Officer not recorded"));
              g_ptr_array_add (review->officer_counts, o);
              g_hash_table_insert (officers, &o->officer_id, o);
            }
          count (&o->counts, d);
        }
      if (lv[LW_CATEGORY_LEGAL] != LW_LEVEL_FULL)
        continue;

      row = g_new0 (LwDecisionRow, 1);
      row->id = LW_RECORD (d)->id;
      row->date = g_strdup (d->date);
      if (review->officers)
        row->officer = g_strdup (person_name (people, d->officer_id));
      row->incident_number = g_strdup (d->incident_number);
      row->eligible = d->eligible;
      row->diverted = d->diverted;
      row->reason = g_strdup (d->reason);
      if (d->participant_id != 0 && lv[LW_CATEGORY_IDENTITY] == LW_LEVEL_FULL)
        {
          const char *code = g_hash_table_lookup (codes, &d->participant_id);

          if (code == NULL)
            {
              g_autoptr(LwParticipant) p = lw_store_get (store, &lw_participant_table, d->participant_id, NULL);

              if (p != NULL)
                {
                  code = g_strdup (p->code);
                  g_hash_table_insert (codes, g_memdup2 (&d->participant_id, sizeof (LwId)), (gpointer) code);
                }
            }
          row->participant = g_strdup (code);
        }
      g_ptr_array_add (review->rows, row);
    }
  g_ptr_array_sort (review->rows, compare_newest);
  g_ptr_array_sort (review->officer_counts, compare_officers);

  if (audited && review->level != LW_LEVEL_NONE)
    {
      g_autofree char *roles = lw_audience_to_string (audience);
      g_autofree char *detail = g_strdup_printf ("decision-review audience=%s decisions=%u officers=%s",
                                                 roles[0] ? roles : "(nobody)", review->counts.total,
                                                 review->officers ? "shown" : "hidden");

      if (!lw_audit_append (store, LW_AUDIT_VIEW, detail, error))
        return NULL;
    }
  return g_steal_pointer (&review);
}

LwLevel
lw_decision_review_get_level (const LwDecisionReview *review)
{
  g_return_val_if_fail (review != NULL, LW_LEVEL_NONE);
  return review->level;
}

gboolean
lw_decision_review_shows_officers (const LwDecisionReview *review)
{
  g_return_val_if_fail (review != NULL, FALSE);
  return review->officers;
}

const LwAudience *
lw_decision_review_get_audience (const LwDecisionReview *review)
{
  g_return_val_if_fail (review != NULL, NULL);
  return review->audience;
}

GPtrArray *
lw_decision_review_get_rows (const LwDecisionReview *review)
{
  g_return_val_if_fail (review != NULL, NULL);
  return review->rows;
}

const LwDecisionCounts *
lw_decision_review_get_counts (const LwDecisionReview *review)
{
  g_return_val_if_fail (review != NULL, NULL);
  return &review->counts;
}

GPtrArray *
lw_decision_review_get_officers (const LwDecisionReview *review)
{
  g_return_val_if_fail (review != NULL, NULL);
  return review->officer_counts;
}

/* ----------------------------------------------------------------------------
 * Documents
 */

static char *
period_text (const LwDecisionReview *review)
{
  if (review->from != NULL && review->to != NULL)
    return g_strdup_printf (_("%s to %s"), review->from, review->to);
  if (review->from != NULL)
    return g_strdup_printf (_("From %s"), review->from);
  if (review->to != NULL)
    return g_strdup_printf (_("Up to %s"), review->to);
  return g_strdup (_("Every decision on record"));
}

char *
lw_decision_counts_to_text (const LwDecisionCounts *c)
{
  g_return_val_if_fail (c != NULL, NULL);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u decision: %u eligible, %u diverted, %u eligible but not diverted, %u not eligible",
                                       "%u decisions: %u eligible, %u diverted, %u eligible but not diverted, %u not eligible",
                                       c->total),
                          c->total, c->eligible, c->diverted, c->eligible_not_diverted, c->not_eligible);
}

static char *
row_text (const LwDecisionRow *row)
{
  GString *s = g_string_new (row->date);

  if (row->incident_number != NULL)
    g_string_append_printf (s, " · %s", row->incident_number);
  if (row->officer != NULL)
    g_string_append_printf (s, " · %s", row->officer);
  g_string_append_printf (s, " · %s, %s", row->eligible ? _("eligible") : _("not eligible"),
                          row->diverted ? _("diverted") : _("not diverted"));
  if (row->participant != NULL)
    g_string_append_printf (s, " · %s", row->participant);
  if (row->reason != NULL)
    g_string_append_printf (s, ": %s", row->reason);
  return g_string_free (s, FALSE);
}


LwDocument *
lw_decision_review_document (LwStore                *store,
                             const LwDecisionReview *review,
                             GError                **error)
{
  g_autoptr(LwDocument) document = NULL;
  g_autofree char *program = NULL;
  g_autofree char *period = NULL;
  g_autofree char *totals = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (review != NULL, NULL);

  program = _lw_export_program_name (store);
  period = period_text (review);
  document = _lw_document_new ("decisions", _("Diversion decisions for review"), program, review->audience);
  document->subtitle = g_strdup (period);
  document->scope = g_strdup_printf ("from=%s to=%s", review->from ? review->from : "-",
                                     review->to ? review->to : "-");
  _lw_document_add (document, LW_BLOCK_NOTE, NULL,
                    _("Confidential. Decisions to divert or not divert, documented for review and re-training "
                      "with the officers and sergeants, at the level of the audience named at the top of "
                      "every page."));

  if (review->level == LW_LEVEL_NONE)
    {
      _lw_document_add (document, LW_BLOCK_PARAGRAPH, NULL,
                        _("Diversion decisions are not shown to this audience."));
      return g_steal_pointer (&document);
    }

  _lw_document_add (document, LW_BLOCK_HEADING, NULL, _("Counts"));
  if (review->officer != NULL)
    _lw_document_add (document, LW_BLOCK_FIELD, _("Officer"), review->officer);
  if (review->eligible_not_diverted)
    _lw_document_add (document, LW_BLOCK_FIELD, _("Only"), _("Eligible but not diverted"));
  totals = lw_decision_counts_to_text (&review->counts);
  _lw_document_add (document, LW_BLOCK_FIELD, _("All officers"), totals);
  for (guint i = 0; i < review->officer_counts->len; i++)
    {
      const LwOfficerCounts *o = g_ptr_array_index (review->officer_counts, i);
      g_autofree char *text = lw_decision_counts_to_text (&o->counts);

      _lw_document_add (document, LW_BLOCK_FIELD, o->officer, text);
    }

  if (review->level != LW_LEVEL_FULL)
    return g_steal_pointer (&document);

  _lw_document_add (document, LW_BLOCK_HEADING, NULL, _("Decisions"));
  if (review->rows->len == 0)
    _lw_document_add (document, LW_BLOCK_PARAGRAPH, NULL, _("No decision in this period."));
  for (guint i = 0; i < review->rows->len; i++)
    {
      char *text = row_text (g_ptr_array_index (review->rows, i));

      _lw_document_add (document, LW_BLOCK_BULLET, NULL, text);
      lw_secret_free (text);
    }
  return g_steal_pointer (&document);
}

gboolean
lw_decision_review_write_csv (LwStore                *store,
                              const LwDecisionReview *review,
                              const char             *path,
                              GError                **error)
{
  g_autoptr(LwAtomicFile) file = NULL;
  g_autofree char *roles = NULL;
  g_autofree char *detail = NULL;
  GString *csv;
  gboolean ok;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (review != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (review->level != LW_LEVEL_FULL)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_DENIED,
                   _("This audience may not see single decisions; export the review as PDF for its counts"));
      return FALSE;
    }
  if (!lw_check_output_path (path, error))
    return FALSE;

  csv = g_string_new (NULL);
  _lw_export_csv_append (csv, "date");
  if (review->officers)
    {
      g_string_append_c (csv, ',');
      _lw_export_csv_append (csv, "officer");
    }
  g_string_append (csv, ",incident_number,eligible,diverted,reason");
  if (review->identity)
    g_string_append (csv, ",participant");
  g_string_append (csv, "\r\n");
  for (guint i = 0; i < review->rows->len; i++)
    {
      const LwDecisionRow *row = g_ptr_array_index (review->rows, i);

      _lw_export_csv_append (csv, row->date);
      if (review->officers)
        {
          g_string_append_c (csv, ',');
          _lw_export_csv_append (csv, row->officer);
        }
      g_string_append_c (csv, ',');
      _lw_export_csv_append (csv, row->incident_number);
      g_string_append (csv, row->eligible ? ",yes" : ",no");
      g_string_append (csv, row->diverted ? ",yes," : ",no,");
      _lw_export_csv_append (csv, row->reason);
      if (review->identity)
        {
          g_string_append_c (csv, ',');
          _lw_export_csv_append (csv, row->participant);
        }
      g_string_append (csv, "\r\n");
    }

  roles = lw_audience_to_string (review->audience);
  detail = g_strdup_printf ("decisions from=%s to=%s audience=%s format=csv",
                            review->from ? review->from : "-", review->to ? review->to : "-", roles);
  ok = lw_store_begin (store, error);
  if (ok)
    {
      file = lw_atomic_file_new (path, error);
      ok = file != NULL &&
           lw_atomic_file_write (file, csv->str, csv->len, error) &&
           lw_audit_append (store, LW_AUDIT_EXPORT, detail, error);
      if (!ok)
        lw_store_rollback (store);
      else
        ok = lw_store_commit (store, error) && lw_atomic_file_commit (file, error);
    }
  sodium_memzero (csv->str, csv->allocated_len);
  g_string_free (csv, TRUE);
  return ok;
}

gboolean
lw_decision_review_export (LwStore                *store,
                           const LwDecisionReview *review,
                           const char             *path,
                           LwPaper                 paper,
                           GError                **error)
{
  g_autoptr(LwDocument) document = NULL;
  int format;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (review != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  format = lw_export_format_from_path (path);
  if (format == LW_EXPORT_CSV)
    return lw_decision_review_write_csv (store, review, path, error);
  if (format != LW_EXPORT_PDF && format != LW_EXPORT_MARKDOWN)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("“%s”: give a file name ending in .csv, .pdf or .md"), path);
      return FALSE;
    }
  document = lw_decision_review_document (store, review, error);
  if (document == NULL)
    return FALSE;
  return lw_export_document (store, document, path, format, paper, error);
}

gboolean
lw_decisions_add (LwStore              *store,
                  LwRole                role,
                  LwDiversionDecision  *decision,
                  const LwColumnInfo  **bad_column,
                  GError              **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (decision != NULL, FALSE);
  g_return_val_if_fail (LW_RECORD (decision)->table == &lw_diversion_decision_table, FALSE);

  if (decision->date == NULL)
    decision->date = lw_date_today ();
  return lw_edit_insert (store, role, decision, bad_column, error);
}
