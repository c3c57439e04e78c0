/* lw-concerns.c: community concerns — views at an audience's level, the
 * response, and the report back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-concerns"

#include "config.h"

#include "lw-i18n-private.h"
#include <inttypes.h>
#include <string.h>

#include "lw/lw-concerns.h"
#include "lw/lw-edit.h"
#include "lw/lw-error.h"
#include "lw/lw-vault.h"
#include "lw-export-private.h"

void
lw_concern_view_free (LwConcernView *view)
{
  if (view == NULL)
    return;
  g_free (view->date);
  g_free (view->responded_date);
  g_free (view->closed_date);
  lw_secret_free (view->area);
  g_free (view->response_kind);
  lw_secret_free (view->reported_by);
  lw_secret_free (view->text);
  lw_secret_free (view->planned_response);
  lw_secret_free (view->response);
  g_free (view->participant);
  g_free (view);
}

static char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

/* The view, from the levels already resolved for the concern. */
static LwConcernView *
make_view (LwStore                  *store,
           const LwCommunityConcern *concern,
           const LwLevel             levels[LW_N_CATEGORIES],
           const char               *today)
{
  LwConcernView *view = g_new0 (LwConcernView, 1);
  LwLevel location = levels[LW_CATEGORY_LOCATION];
  const char *end;

  view->id = LW_RECORD (concern)->id;
  view->level = location;
  view->date = g_strdup (concern->date);
  view->status = concern->status;
  view->responded_date = g_strdup (concern->responded_date);
  view->closed_date = g_strdup (concern->closed_date);
  end = concern->status == LW_CONCERN_CLOSED && concern->closed_date ? concern->closed_date : today;
  view->age_days = concern->date && lw_date_is_valid (concern->date) && lw_date_is_valid (end)
                   ? MAX (0, lw_date_diff_days (concern->date, end)) : 0;

  if (location >= LW_LEVEL_SUMMARY)
    {
      view->area = nonempty (concern->area);
      if (concern->response_kind >= 0)
        view->response_kind = g_strdup (lw_enum_to_label (&lw_response_kind_info, concern->response_kind));
    }
  if (location == LW_LEVEL_FULL)
    {
      view->reported_by = nonempty (concern->reported_by);
      view->text = nonempty (concern->text);
      view->planned_response = nonempty (concern->planned_response);
      view->response = nonempty (concern->response);
    }
  /* who it is about is identity: never to a community representative */
  if (concern->participant_id != 0 && levels[LW_CATEGORY_IDENTITY] == LW_LEVEL_FULL)
    {
      g_autoptr(LwParticipant) p = lw_store_get (store, &lw_participant_table, concern->participant_id, NULL);

      if (p != NULL)
        view->participant = g_strdup (p->code);
    }
  return view;
}

LwConcernView *
lw_concern_view_new (LwStore                  *store,
                     const LwAudience         *audience,
                     const LwCommunityConcern *concern,
                     GError                  **error)
{
  g_autofree char *today = lw_date_today ();
  LwLevel levels[LW_N_CATEGORIES];

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (audience != NULL, NULL);
  g_return_val_if_fail (concern != NULL, NULL);

  /* a concern about a participant follows that participant's releases */
  if (!lw_policy_get_levels (store, audience, concern->participant_id, levels, error))
    return NULL;
  return make_view (store, concern, levels, today);
}

static int
compare_newest (gconstpointer a_,
                gconstpointer b_)
{
  const LwConcernView *a = *(LwConcernView * const *) a_;
  const LwConcernView *b = *(LwConcernView * const *) b_;
  int c = g_strcmp0 (b->date, a->date);

  return c != 0 ? c : (b->id > a->id) - (b->id < a->id);
}

GPtrArray *
lw_concerns_list_views (LwStore          *store,
                        const LwAudience *audience,
                        guint             statuses,
                        GError          **error)
{
  g_autoptr(GPtrArray) concerns = NULL;
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autofree char *today = lw_date_today ();
  LwLevel base[LW_N_CATEGORIES];
  LwPolicyMatrix matrix;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (audience != NULL, NULL);

  concerns = lw_store_list (store, &lw_community_concern_table, NULL, 0, error);
  if (concerns == NULL)
    return NULL;
  lw_policy_load_matrix (store, &matrix);
  lw_policy_resolve_levels (&matrix, audience, none, today, base);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_concern_view_free);
  for (guint i = 0; i < concerns->len; i++)
    {
      const LwCommunityConcern *concern = g_ptr_array_index (concerns, i);
      LwLevel levels[LW_N_CATEGORIES];
      const LwLevel *lv = base;

      if (statuses != 0 && (concern->status < 0 || !(statuses & (1u << concern->status))))
        continue;
      if (concern->participant_id != 0)
        {
          if (!lw_policy_get_levels (store, audience, concern->participant_id, levels, error))
            return NULL;
          lv = levels;
        }
      g_ptr_array_add (out, make_view (store, concern, lv, today));
    }
  g_ptr_array_sort (out, compare_newest);
  return g_steal_pointer (&out);
}

char *
lw_concern_age_text (int days)
{
  if (days <= 0)
    return g_strdup (_("today"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", days), days);
}

/* ----------------------------------------------------------------------------
 * Writing
 */

gboolean
lw_concerns_add (LwStore             *store,
                 LwRole               role,
                 LwCommunityConcern  *concern,
                 const LwColumnInfo **bad_column,
                 GError             **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (concern != NULL, FALSE);
  g_return_val_if_fail (LW_RECORD (concern)->table == &lw_community_concern_table, FALSE);

  if (concern->date == NULL)
    concern->date = lw_date_today ();
  return lw_edit_insert (store, role, concern, bad_column, error);
}

gboolean
lw_concerns_respond (LwStore             *store,
                     LwRole               role,
                     LwId                 concern_id,
                     const char          *response,
                     int                  kind,
                     LwConcernStatus      status,
                     const LwColumnInfo **bad_column,
                     GError             **error)
{
  g_autoptr(LwCommunityConcern) concern = NULL;
  g_autoptr(GError) local = NULL;
  const LwColumnInfo *columns[4] = { NULL };
  guint n = 0;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (kind >= -1 && kind < LW_N_RESPONSE_KINDS, FALSE);
  g_return_val_if_fail (status < LW_N_CONCERN_STATUSES, FALSE);

  if (bad_column != NULL)
    *bad_column = NULL;
  concern = lw_store_get (store, &lw_community_concern_table, concern_id, &local);
  if (concern == NULL)
    {
      if (g_error_matches (local, LW_ERROR, LW_ERROR_NOT_FOUND))
        g_set_error (error, LW_ERROR, LW_ERROR_NOT_FOUND,
                     _("There is no community concern %" PRId64 "; “concern list” shows their numbers"),
                     (gint64) concern_id);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (response != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (response));

      if (*trimmed == '\0')
        {
          if (bad_column != NULL)
            *bad_column = lw_table_find_column (&lw_community_concern_table, "response");
          g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                       _("%s: say what was done before the concern is marked responded or closed"),
                       _("Response"));
          return FALSE;
        }
      lw_secret_free (concern->response);
      concern->response = g_steal_pointer (&trimmed);
    }
  if (kind >= 0)
    concern->response_kind = kind;
  concern->status = status;
  /* what is given, refused by role whatever its value: "Saved" for a response
   * the role may not write would confirm the one stored */
  if (response != NULL)
    columns[n++] = lw_table_find_column (&lw_community_concern_table, "response");
  if (kind >= 0)
    columns[n++] = lw_table_find_column (&lw_community_concern_table, "response_kind");
  columns[n++] = lw_table_find_column (&lw_community_concern_table, "status");
  return lw_edit_update_columns (store, role, concern, columns, bad_column, error);
}

/* ----------------------------------------------------------------------------
 * The report back
 */

static gboolean
check_period (const char  *from,
              const char  *to,
              GError     **error)
{
  if (from == NULL || !lw_date_is_valid (from))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("From: not a date; write it as YYYY-MM-DD, for example 2026-03-31"));
      return FALSE;
    }
  if (to == NULL || !lw_date_is_valid (to))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("To: not a date; write it as YYYY-MM-DD, for example 2026-03-31"));
      return FALSE;
    }
  if (strcmp (from, to) > 0)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("The period starts after it ends; give a start on or before the end"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
in_period (const char *date,
           const char *from,
           const char *to)
{
  return date != NULL && strcmp (date, from) >= 0 && strcmp (date, to) <= 0;
}

static int
compare_oldest (gconstpointer a_,
                gconstpointer b_)
{
  return -compare_newest (a_, b_);
}

LwDocument *
lw_concerns_report_back_document (LwStore     *store,
                                  const char  *from,
                                  const char  *to,
                                  GError     **error)
{
  g_autoptr(LwAudience) audience = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE));
  g_autoptr(GPtrArray) views = NULL;
  g_autoptr(LwDocument) document = NULL;
  g_autofree char *program = NULL;
  g_autofree char *title = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  guint raised = 0, responded = 0, closed = 0, open = 0, listed = 0;

  g_return_val_if_fail (store != NULL, NULL);

  if (!check_period (from, to, error))
    return NULL;
  views = lw_concerns_list_views (store, audience, 0, error);
  if (views == NULL)
    return NULL;
  g_ptr_array_sort (views, compare_oldest);

  program = _lw_export_program_name (store);
  start = lw_i18n_format_date (from);
  end = lw_i18n_format_date (to);
  title = g_strdup (_("Report back to the community"));
  document = _lw_document_new ("report-back", title, program, audience);
  /* Translators: the period of a report back: "Monday 2 November 2026 to Monday 30 November 2026" */
  document->subtitle = g_strdup_printf (_("%s to %s"), start, end);
  document->scope = g_strdup_printf ("from=%s to=%s", from, to);
  _lw_document_add (document, LW_BLOCK_NOTE, NULL,
                    _("What the Operational Workgroup did about the concerns the neighbourhoods raised. "
                      "It names areas, never people."));

  for (guint i = 0; i < views->len; i++)
    {
      const LwConcernView *v = g_ptr_array_index (views, i);

      if (v->date == NULL || strcmp (v->date, to) > 0 ||
          (v->closed_date != NULL && strcmp (v->closed_date, from) < 0))
        continue;
      listed++;
      raised += in_period (v->date, from, to);
      responded += in_period (v->responded_date, from, to);
      closed += in_period (v->closed_date, from, to);
      open += v->status == LW_CONCERN_OPEN;
    }

  _lw_document_add (document, LW_BLOCK_HEADING, NULL, _("In this period"));
  {
    g_autofree char *a = g_strdup_printf ("%u", raised);
    g_autofree char *b = g_strdup_printf ("%u", responded);
    g_autofree char *c = g_strdup_printf ("%u", closed);
    g_autofree char *d = g_strdup_printf ("%u", open);

    _lw_document_add (document, LW_BLOCK_FIELD, _("Concerns raised"), a);
    _lw_document_add (document, LW_BLOCK_FIELD, _("Responded to"), b);
    _lw_document_add (document, LW_BLOCK_FIELD, _("Closed"), c);
    _lw_document_add (document, LW_BLOCK_FIELD, _("Still open"), d);
  }

  _lw_document_add (document, LW_BLOCK_HEADING, NULL, _("Concerns"));
  if (listed == 0)
    _lw_document_add (document, LW_BLOCK_PARAGRAPH, NULL, _("No concern was open in this period."));
  for (guint i = 0; i < views->len; i++)
    {
      const LwConcernView *v = g_ptr_array_index (views, i);
      g_autofree char *age = NULL;

      if (v->date == NULL || strcmp (v->date, to) > 0 ||
          (v->closed_date != NULL && strcmp (v->closed_date, from) < 0))
        continue;
      /* the area is all the heading says: the room's summary of location */
      _lw_document_add (document, LW_BLOCK_ITEM, NULL, v->area ? v->area : _("Area not given"));
      _lw_document_add (document, LW_BLOCK_FIELD, _("Raised"), v->date);
      _lw_document_add (document, LW_BLOCK_FIELD, _("Status"),
                        lw_enum_to_label (&lw_concern_status_info, v->status));
      _lw_document_add (document, LW_BLOCK_FIELD, _("What was done"),
                        v->response_kind ? v->response_kind
                        : v->status == LW_CONCERN_OPEN ? _("A response is being planned")
                                                       : _("A response was given"));
      if (v->responded_date != NULL)
        _lw_document_add (document, LW_BLOCK_FIELD, _("Responded"), v->responded_date);
      if (v->closed_date != NULL)
        _lw_document_add (document, LW_BLOCK_FIELD, _("Closed"), v->closed_date);
      age = lw_concern_age_text (v->age_days);
      _lw_document_add (document, LW_BLOCK_FIELD,
                        v->status == LW_CONCERN_CLOSED ? _("Open for") : _("Open so far"), age);
      /* at the community's level there is no free text; another level would
       * add it here, but a report back is always for the community */
      g_assert (v->text == NULL && v->response == NULL && v->participant == NULL);
    }
  return g_steal_pointer (&document);
}

gboolean
lw_concerns_report_back (LwStore     *store,
                         const char  *from,
                         const char  *to,
                         const char  *path,
                         LwPaper      paper,
                         GError     **error)
{
  g_autoptr(LwDocument) document = NULL;
  int format;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  format = lw_export_format_from_path (path);
  if (format != LW_EXPORT_PDF && format != LW_EXPORT_MARKDOWN)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("“%s”: give a file name ending in .pdf or .md"), path);
      return FALSE;
    }
  document = lw_concerns_report_back_document (store, from, to, error);
  if (document == NULL)
    return FALSE;
  return lw_export_document (store, document, path, format, paper, error);
}
