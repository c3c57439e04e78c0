/* lw-attendance.c: attendance, guests and the room's audience
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
 * Attendance and the room's audience
 */

guint32
lw_agenda_room_roles (LwStore *store,
                      LwId     meeting_id,
                      GError **error)
{
  g_autoptr(LwMeeting) meeting = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint32 roles = 0;

  g_return_val_if_fail (store != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  meeting = lw_store_get (store, &lw_meeting_table, meeting_id, error);
  if (meeting == NULL)
    return 0;
  rows = lw_store_list (store, &lw_attendance_table, "meeting_id", meeting_id, error);
  if (rows == NULL)
    return 0;
  for (guint i = 0; i < rows->len; i++)
    {
      LwAttendance *a = g_ptr_array_index (rows, i);

      /* invited people count before they check in: nobody walks in on
       * content they may not see */
      if (!a->absent && a->role >= 0 && a->role < LW_N_ROLES)
        roles |= 1u << a->role;
    }
  if (roles == 0)
    {
      LwPolicyMatrix matrix;

      /* nobody on the list: the role whose row shows least (the evaluator with
       * DESIGN.md's matrix), so an empty room is never shown more than anyone */
      lw_policy_load_matrix (store, &matrix);
      roles = 1u << lw_policy_most_restrictive_role (&matrix);
    }
  return roles;
}

/* Adds the attendees of meeting_id whose role is in roles (all when 0), not
 * marked absent; returns the roles added. */
static guint32
add_attendees (LwStore     *store,
               LwId         meeting_id,
               guint32      roles,
               LwAudience  *audience,
               GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  guint32 added = 0;

  rows = lw_store_list (store, &lw_attendance_table, "meeting_id", meeting_id, error);
  if (rows == NULL)
    return G_MAXUINT32;
  for (guint i = 0; i < rows->len; i++)
    {
      const LwAttendance *a = g_ptr_array_index (rows, i);
      g_autoptr(LwPerson) person = NULL;
      const char *agency = a->guest_agency;

      if (a->absent || a->role < 0 || a->role >= LW_N_ROLES)
        continue;
      if (roles != 0 && !(roles & LW_ROLE_BIT (a->role)))
        continue;
      if (a->person_id != 0)
        {
          person = lw_store_get (store, &lw_person_table, a->person_id, NULL);
          agency = person ? person->agency : NULL;
        }
      lw_audience_add_member (audience, a->role, agency);
      added |= LW_ROLE_BIT (a->role);
    }
  return added;
}

LwAudience *
lw_agenda_room_audience (LwStore  *store,
                         LwId      meeting_id,
                         GError  **error)
{
  g_autoptr(LwAudience) audience = NULL;
  g_autoptr(LwMeeting) meeting = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  meeting = lw_store_get (store, &lw_meeting_table, meeting_id, error);
  if (meeting == NULL)
    return NULL;
  audience = lw_audience_new ();
  if (add_attendees (store, meeting_id, 0, audience, error) == G_MAXUINT32)
    return NULL;
  if (lw_audience_is_empty (audience))
    {
      LwPolicyMatrix matrix;

      lw_policy_load_matrix (store, &matrix);
      lw_audience_add_role (audience, lw_policy_most_restrictive_role (&matrix));
    }
  return g_steal_pointer (&audience);
}

LwAudience *
lw_agenda_meeting_audience (LwStore  *store,
                            LwId      meeting_id,
                            guint32   roles,
                            GError  **error)
{
  g_autoptr(LwAudience) audience = NULL;
  guint32 added;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (roles != 0, NULL);

  audience = lw_audience_new ();
  added = add_attendees (store, meeting_id, roles & LW_ALL_ROLES, audience, error);
  if (added == G_MAXUINT32)
    return NULL;
  for (int r = 0; r < LW_N_ROLES; r++)
    if ((roles & LW_ROLE_BIT (r)) && !(added & LW_ROLE_BIT (r)))
      lw_audience_add_role (audience, r);
  return g_steal_pointer (&audience);
}

GPtrArray *
lw_agenda_list_attendance (LwStore *store,
                           LwId     meeting_id,
                           GError **error)
{
  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return lw_store_list (store, &lw_attendance_table, "meeting_id", meeting_id, error);
}

LwAttendance *
lw_agenda_invite (LwStore *store,
                  LwId     meeting_id,
                  LwId     person_id,
                  GError **error)
{
  g_autoptr(LwMeeting) meeting = NULL;
  g_autoptr(LwPerson) person = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(LwAttendance) att = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!lw_store_begin (store, error))
    return NULL;
  meeting = lw_store_get (store, &lw_meeting_table, meeting_id, error);
  if (meeting == NULL)
    goto fail;
  person = lw_store_get (store, &lw_person_table, person_id, error);
  if (person == NULL)
    goto fail;
  /* a deactivated member stays in the history, not on new lists */
  if (!person->active)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("%s is no longer an active member; invite someone else, or make the member active again"),
                   person->name);
      goto fail;
    }
  rows = lw_agenda_list_attendance (store, meeting_id, error);
  if (rows == NULL)
    goto fail;
  for (guint i = 0; i < rows->len; i++)
    if (((LwAttendance *) g_ptr_array_index (rows, i))->person_id == person_id)
      {
        g_set_error (error, LW_ERROR, LW_ERROR_EXISTS,
                     _("%s is already on the list for %s"), person->name, meeting->date);
        goto fail;
      }
  att = lw_attendance_new ();
  att->meeting_id = meeting_id;
  att->person_id = person_id;
  att->role = person->role;
  if (!lw_store_insert (store, att, error))
    goto fail;
  if (!lw_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&att);

fail:
  lw_store_rollback (store);
  return NULL;
}

LwAttendance *
lw_agenda_add_guest (LwStore    *store,
                     LwId        meeting_id,
                     const char *name,
                     const char *agency,
                     LwRole      role,
                     GError    **error)
{
  g_autoptr(LwMeeting) meeting = NULL;
  g_autoptr(LwAttendance) att = NULL;
  g_autofree char *clean = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  clean = g_strstrip (g_strdup (name ? name : ""));
  if (*clean == '\0')
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID, _("Give the guest's name"));
      return NULL;
    }
  if ((int) role < 0 || role >= LW_N_ROLES)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("Choose the guest's role: it decides what the room may see"));
      return NULL;
    }
  meeting = lw_store_get (store, &lw_meeting_table, meeting_id, error);
  if (meeting == NULL)
    return NULL;
  att = lw_attendance_new ();
  att->meeting_id = meeting_id;
  att->guest_name = g_steal_pointer (&clean);
  att->guest_agency = agency && *agency ? g_strstrip (g_strdup (agency)) : NULL;
  att->role = role;
  if (!lw_store_insert (store, att, error))
    return NULL;
  return g_steal_pointer (&att);
}

typedef enum
{
  ATTEND_CHECK_IN,
  ATTEND_CONFIDENTIALITY,
  ATTEND_ABSENT,
  ATTEND_PRESENT,
} AttendChange;

static gboolean
change_attendance (LwStore      *store,
                   LwId          attendance_id,
                   AttendChange  change,
                   GError      **error)
{
  g_autoptr(LwAttendance) att = NULL;
  gint64 now = g_get_real_time ();

  att = lw_store_get (store, &lw_attendance_table, attendance_id, error);
  if (att == NULL)
    return FALSE;
  switch (change)
    {
    case ATTEND_CHECK_IN:
      if (att->checked_in_at != 0 && !att->absent)
        return TRUE;
      if (att->checked_in_at == 0)
        att->checked_in_at = now;
      att->absent = FALSE;
      break;
    case ATTEND_CONFIDENTIALITY:
      if (att->confidentiality_at != 0)
        return TRUE;
      att->confidentiality_at = now;
      break;
    case ATTEND_ABSENT:
    case ATTEND_PRESENT:
      if (att->absent == (change == ATTEND_ABSENT))
        return TRUE;
      att->absent = change == ATTEND_ABSENT;
      break;
    default:
      g_assert_not_reached ();
    }
  return lw_store_update (store, att, error);
}

gboolean
lw_agenda_check_in (LwStore *store,
                    LwId     attendance_id,
                    GError **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_attendance (store, attendance_id, ATTEND_CHECK_IN, error);
}

gboolean
lw_agenda_undo_check_in (LwStore  *store,
                         LwId      attendance_id,
                         gboolean  was_absent,
                         GError  **error)
{
  g_autoptr(LwAttendance) att = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  att = lw_store_get (store, &lw_attendance_table, attendance_id, error);
  if (att == NULL)
    return FALSE;
  att->checked_in_at = 0;
  att->absent = !!was_absent;
  return lw_store_update (store, att, error);
}

gboolean
lw_agenda_acknowledge_confidentiality (LwStore *store,
                                       LwId     attendance_id,
                                       GError **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_attendance (store, attendance_id, ATTEND_CONFIDENTIALITY, error);
}

gboolean
lw_agenda_set_absent (LwStore  *store,
                      LwId      attendance_id,
                      gboolean  absent,
                      GError  **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_attendance (store, attendance_id,
                            absent ? ATTEND_ABSENT : ATTEND_PRESENT, error);
}
