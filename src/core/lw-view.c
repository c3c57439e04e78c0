/* lw-view.c: views of a participant for an audience
 *
 * The builder asks for a category's level before it reads anything of that
 * category, and copies values into the view only at the level allowed; nothing
 * is copied in to be removed later.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-view"

#include "config.h"

#include "lw-i18n-private.h"
#include <string.h>

#include "lw/lw-audit.h"
#include "lw/lw-error.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw/lw-vault.h"
#include "lw/lw-view.h"

#define CFIELD(rec, col, T) ((const T *) (gconstpointer) ((const guint8 *) (rec) + (col)->offset))

struct _LwParticipantView
{
  LwId         id;
  char        *code;
  LwAudience  *audience;
  LwLevel      levels[LW_N_CATEGORIES];
  gboolean     part2;    /* holds substance-use information */
  GPtrArray   *fields;   /* LwViewField */
};

/* ----------------------------------------------------------------------------
 * Values
 */

static void view_value_free (gpointer data);

static LwViewValue *
value_new (LwViewValueType  type,
           const char      *name)
{
  LwViewValue *value = g_new0 (LwViewValue, 1);

  value->type = type;
  value->name = g_strdup (name);
  if (type == LW_VIEW_VALUE_LIST || type == LW_VIEW_VALUE_OBJECT)
    value->children = g_ptr_array_new_with_free_func (view_value_free);
  return value;
}

/* Takes text. */
static LwViewValue *
value_take_text (const char *name,
                 char       *text)
{
  LwViewValue *value = value_new (LW_VIEW_VALUE_TEXT, name);

  value->text = text;
  return value;
}

static LwViewValue *
value_text (const char *name,
            const char *text)
{
  return value_take_text (name, g_strdup (text));
}

static LwViewValue *
value_bool (const char *name,
            gboolean    b)
{
  LwViewValue *value = value_new (LW_VIEW_VALUE_BOOL, name);

  value->boolean = b;
  return value;
}

static void
value_add (LwViewValue *parent,
           LwViewValue *child)
{
  g_assert (parent->children != NULL);
  if (child != NULL)
    g_ptr_array_add (parent->children, child);
}

static void
view_value_free (gpointer data)
{
  LwViewValue *value = data;

  if (value == NULL)
    return;
  g_free (value->name);
  /* the text may be sensitive: wipe it */
  lw_secret_free (value->text);
  if (value->children)
    g_ptr_array_unref (value->children);
  g_free (value);
}

char *
lw_view_value_to_text (const LwViewValue *value)
{
  g_autoptr(GString) s = NULL;

  g_return_val_if_fail (value != NULL, NULL);

  switch (value->type)
    {
    case LW_VIEW_VALUE_TEXT:
      return g_strdup (value->text ? value->text : "");
    case LW_VIEW_VALUE_BOOL:
      return g_strdup (value->boolean ? _("yes") : _("no"));
    case LW_VIEW_VALUE_OBJECT:
    case LW_VIEW_VALUE_LIST:
      s = g_string_new (NULL);
      for (guint i = 0; i < value->children->len; i++)
        {
          const LwViewValue *child = g_ptr_array_index (value->children, i);
          g_autofree char *text = lw_view_value_to_text (child);

          if (i > 0)
            g_string_append (s, value->type == LW_VIEW_VALUE_LIST ? "; " : ", ");
          if (value->type == LW_VIEW_VALUE_OBJECT && child->name)
            g_string_append_printf (s, "%s: ", child->name);
          g_string_append (s, text);
        }
      return g_string_free (g_steal_pointer (&s), FALSE);
    default:
      g_assert_not_reached ();
    }
}

JsonNode *
lw_view_value_to_json (const LwViewValue *value)
{
  JsonNode *node;

  g_return_val_if_fail (value != NULL, NULL);

  switch (value->type)
    {
    case LW_VIEW_VALUE_TEXT:
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, value->text ? value->text : "");
      return node;
    case LW_VIEW_VALUE_BOOL:
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_boolean (node, value->boolean);
      return node;
    case LW_VIEW_VALUE_OBJECT:
      {
        JsonObject *object = json_object_new ();

        for (guint i = 0; i < value->children->len; i++)
          {
            const LwViewValue *child = g_ptr_array_index (value->children, i);
            json_object_set_member (object, child->name ? child->name : "",
                                    lw_view_value_to_json (child));
          }
        node = json_node_new (JSON_NODE_OBJECT);
        json_node_take_object (node, object);
        return node;
      }
    case LW_VIEW_VALUE_LIST:
      {
        JsonArray *array = json_array_sized_new (value->children->len);

        for (guint i = 0; i < value->children->len; i++)
          json_array_add_element (array, lw_view_value_to_json (g_ptr_array_index (value->children, i)));
        node = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (node, array);
        return node;
      }
    default:
      g_assert_not_reached ();
    }
}

/* ----------------------------------------------------------------------------
 * The builder
 */

typedef struct
{
  LwStore           *store;
  LwParticipantView *view;
  GHashTable        *names;      /* person id → name as shown, a cache */
  GHashTable        *meetings;   /* meeting id → date, a cache */
  char             **part2;      /* agencies that are substance-use treatment programs,
                                  * read when a view first names someone */
  LwLevel            name_levels[LW_N_CATEGORIES];  /* the levels people are named at */
} Builder;

static void
field_free (gpointer data)
{
  LwViewField *field = data;

  g_free (field->key);
  view_value_free (field->value);
  g_free (field);
}

/* Adds a field; takes value.  A NULL value (nothing to show) adds nothing. */
static void
add_field (Builder     *b,
           LwCategory   category,
           const char  *name,
           const char  *label,
           LwViewValue *value)
{
  LwViewField *field;

  if (value == NULL)
    return;
  /* the one place a field enters a view: check its level again */
  g_assert (b->view->levels[category] == LW_LEVEL_FULL ||
            b->view->levels[category] == LW_LEVEL_SUMMARY);

  field = g_new0 (LwViewField, 1);
  field->key = g_strdup_printf ("%s.%s", lw_category_to_string (category), name);
  field->category = category;
  field->level = b->view->levels[category];
  field->label = label;
  field->value = value;
  g_ptr_array_add (b->view->fields, field);
  if (category == LW_CATEGORY_SUBSTANCE_USE)
    b->view->part2 = TRUE;
}

static gboolean
at_full (Builder    *b,
         LwCategory  category)
{
  return b->view->levels[category] == LW_LEVEL_FULL;
}

static gboolean
at_summary (Builder    *b,
            LwCategory  category)
{
  return b->view->levels[category] == LW_LEVEL_SUMMARY;
}

static const char *
person_name (Builder *b,
             LwId     id)
{
  const char *name;

  if (id == 0)
    return NULL;
  if (g_hash_table_lookup_extended (b->names, &id, NULL, (gpointer *) &name))
    return name;

  {
    g_autoptr(LwPerson) person = lw_store_get (b->store, &lw_person_table, id, NULL);
    gint64 *key = g_new (gint64, 1);

    *key = id;
    /* 42 CFR Part 2: naming a treatment program's staff on a participant's
     * record says the participant is its patient */
    if (person != NULL && b->part2 == NULL)
      b->part2 = lw_policy_get_part2_agencies (b->store);
    name = lw_policy_person_label (person, (const char * const *) b->part2, b->name_levels);
    g_hash_table_insert (b->names, key, (gpointer) name);
  }
  return name;
}

static const char *
meeting_date (Builder *b,
              LwId     id)
{
  const char *date;

  if (id == 0)
    return NULL;
  if (g_hash_table_lookup_extended (b->meetings, &id, NULL, (gpointer *) &date))
    return date;

  {
    g_autoptr(LwMeeting) meeting = lw_store_get (b->store, &lw_meeting_table, id, NULL);
    gint64 *key = g_new (gint64, 1);

    *key = id;
    date = meeting ? g_strdup (meeting->date) : NULL;
    g_hash_table_insert (b->meetings, key, (gpointer) date);
  }
  return date;
}

static char *
categories_text (gint64 categories)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (int c = 0; c < LW_N_CATEGORIES; c++)
    if (categories & LW_CATEGORY_BIT (c))
      {
        if (s->len > 0)
          g_string_append (s, ", ");
        g_string_append (s, lw_category_to_string (c));
      }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The name a column is shown under: a reference to a person is shown by the
 * person's name, so "owner", not "owner_id". */
static char *
column_display_name (const LwColumnInfo *column)
{
  if (column->type == LW_COLUMN_REF && g_str_has_suffix (column->name, "_id"))
    return g_strndup (column->name, strlen (column->name) - 3);
  return g_strdup (column->name);
}

/* One column of a record as a value; NULL when unset. */
static LwViewValue *
column_value (Builder            *b,
              gconstpointer       record,
              const LwColumnInfo *column)
{
  g_autofree char *name = column_display_name (column);

  switch (column->type)
    {
    case LW_COLUMN_TEXT:
    case LW_COLUMN_DATE:
      {
        const char *text = *CFIELD (record, column, char *);
        return text ? value_text (name, text) : NULL;
      }
    case LW_COLUMN_BOOL:
      return value_bool (name, *CFIELD (record, column, gboolean));
    case LW_COLUMN_ENUM:
      {
        const char *label = lw_enum_to_label (column->enum_info, *CFIELD (record, column, int));
        return label ? value_text (name, label) : NULL;
      }
    case LW_COLUMN_REF:
      {
        gint64 id = *CFIELD (record, column, gint64);
        const char *person;

        /* only references to workgroup members are shown, by name */
        if (g_strcmp0 (column->ref_table, "person") != 0)
          return NULL;
        person = person_name (b, id);
        return person ? value_text (name, person) : NULL;
      }
    case LW_COLUMN_INT:
      if (LW_RECORD (record)->table == &lw_consent_table &&
          strcmp (column->name, "categories") == 0)
        return value_take_text (name, categories_text (*CFIELD (record, column, gint64)));
      return value_take_text (name, g_strdup_printf ("%" G_GINT64_FORMAT, *CFIELD (record, column, gint64)));
    case LW_COLUMN_TIME:
      {
        char *text = lw_record_get_string (record, column);
        return text ? value_take_text (name, text) : NULL;
      }
    default:
      g_assert_not_reached ();
    }
}

/* An object of every column of record in category (the caller checked the
 * level; LW_CATEGORY_NONE: none), plus the clear columns named in extra
 * (NULL-terminated). */
/* column_value() with the column's label, for documents. */
static LwViewValue *
labelled_column_value (Builder            *b,
                       gconstpointer       record,
                       const LwColumnInfo *column)
{
  LwViewValue *value = column_value (b, record, column);

  if (value != NULL)
    value->label = column->label;
  return value;
}

static LwViewValue *
record_object (Builder            *b,
               gconstpointer       record,
               LwCategory          category,
               const char * const *extra)
{
  const LwTableInfo *table = LW_RECORD (record)->table;
  LwViewValue *object = value_new (LW_VIEW_VALUE_OBJECT, NULL);

  for (guint i = 0; i < table->n_columns; i++)
    {
      const LwColumnInfo *column = &table->columns[i];
      gboolean wanted = category != LW_CATEGORY_NONE && column->category == category &&
                        /* the field's own category says what the text concerns */
                        strcmp (column->name, "concerns") != 0;

      for (guint j = 0; !wanted && extra && extra[j]; j++)
        wanted = column->category == LW_CATEGORY_NONE && strcmp (column->name, extra[j]) == 0;
      if (wanted)
        value_add (object, labelled_column_value (b, record, column));
    }
  return object;
}

static LwViewValue *
list_new (void)
{
  return value_new (LW_VIEW_VALUE_LIST, NULL);
}

/* Drops an empty list: "nothing to show" is no field. */
static LwViewValue *
list_or_null (LwViewValue *list)
{
  if (list->children->len == 0)
    {
      view_value_free (list);
      return NULL;
    }
  return list;
}

static char *
initials (const char *name)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_auto(GStrv) words = NULL;

  if (name == NULL)
    return NULL;
  words = g_strsplit_set (name, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      gunichar c = g_utf8_get_char_validated (words[i], -1);

      if (words[i][0] == '\0' || c == (gunichar) -1 || c == (gunichar) -2 || !g_unichar_isalpha (c))
        continue;
      g_string_append_unichar (s, g_unichar_toupper (c));
      g_string_append_c (s, '.');
    }
  if (s->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The participant's own columns of category, one field each. */
static void
add_own_fields (Builder             *b,
                const LwParticipant *participant,
                LwCategory           category)
{
  for (guint i = 0; i < lw_participant_table.n_columns; i++)
    {
      const LwColumnInfo *column = &lw_participant_table.columns[i];
      g_autofree char *name = NULL;

      if (column->category != category)
        continue;
      name = column_display_name (column);
      add_field (b, category, name, _(column->label), column_value (b, participant, column));
    }
}

static GPtrArray *
list_for (Builder            *b,
          const LwTableInfo  *table,
          LwId                participant_id,
          GError            **error)
{
  return lw_model_list_for (b->store, table, participant_id, error);
}

static gboolean
add_identity (Builder             *b,
              const LwParticipant *p)
{
  if (at_full (b, LW_CATEGORY_IDENTITY))
    add_own_fields (b, p, LW_CATEGORY_IDENTITY);
  else if (at_summary (b, LW_CATEGORY_IDENTITY))
    {
      const char *name = p->preferred_name && p->preferred_name[0] ? p->preferred_name : p->legal_name;
      char *text = initials (name);

      add_field (b, LW_CATEGORY_IDENTITY, "initials", _("Initials"),
                 text ? value_take_text (NULL, text) : NULL);
    }
  return TRUE;
}

static gboolean
add_status (Builder             *b,
            const LwParticipant *p)
{
  if (at_full (b, LW_CATEGORY_STATUS))
    add_own_fields (b, p, LW_CATEGORY_STATUS);
  else if (at_summary (b, LW_CATEGORY_STATUS))
    {
      const char *label = lw_enum_to_label (&lw_participant_status_info, p->status);
      add_field (b, LW_CATEGORY_STATUS, "status", _("Status"),
                 label ? value_text (NULL, label) : NULL);
    }
  return TRUE;
}

char *
lw_view_goal_progress (guint met,
                       guint counted)
{
  if (counted == 0)
    return g_strdup (_("No plan goals yet"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u goal met", "%u of %u goals met", counted),
                          met, counted);
}

/* Where a record's free text goes: its own category when that is the column's
 * (base), else a field of the marked category, shown only at full in both. */
static gboolean
text_shown_at_full (Builder    *b,
                    LwCategory  text_category,
                    LwCategory  base)
{
  return lw_policy_text_visible (text_category, base, b->view->levels);
}

/* The labels of lists of marked records: they say what the records concern. */
static const struct
{
  const char *name;
  LwCategory  category;
  const char *label;
} marked_labels[] = {
  { "goals", LW_CATEGORY_HEALTH, N_("Plan goals about health") },
  { "goals", LW_CATEGORY_SUBSTANCE_USE, N_("Plan goals about substance-use treatment") },
  { "action_items", LW_CATEGORY_HEALTH, N_("Open action items about health") },
  { "action_items", LW_CATEGORY_SUBSTANCE_USE, N_("Open action items about substance-use treatment") },
  { "contacts", LW_CATEGORY_HEALTH, N_("Contacts about health") },
  { "contacts", LW_CATEGORY_SUBSTANCE_USE, N_("Contacts about substance-use treatment") },
  { "discussion", LW_CATEGORY_HEALTH, N_("Discussion notes about health") },
  { "discussion", LW_CATEGORY_SUBSTANCE_USE, N_("Discussion notes about substance-use treatment") },
};

/* Adds the lists of records whose text is of a marked category (health,
 * substance use) under "<category>.<name>"; takes the lists. */
static void
add_marked_lists (Builder     *b,
                  LwViewValue *lists[LW_N_CATEGORIES],
                  LwCategory   base,
                  const char  *name)
{
  for (int c = 0; c < LW_N_CATEGORIES; c++)
    {
      const char *label = NULL;

      if (lists[c] == NULL)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (marked_labels); i++)
        if (marked_labels[i].category == (LwCategory) c && g_str_equal (marked_labels[i].name, name))
          label = _(marked_labels[i].label);
      if ((LwCategory) c == base || label == NULL)
        {
          view_value_free (lists[c]);
          continue;
        }
      add_field (b, c, name, label, list_or_null (lists[c]));
    }
}

static gboolean
add_plan (Builder              *b,
          const LwParticipant  *p,
          gboolean              related,
          GError              **error)
{
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  LwViewValue *lists[LW_N_CATEGORIES] = { NULL };
  LwViewValue *list;
  gboolean full = at_full (b, LW_CATEGORY_PLAN);
  guint met = 0, counted = 0;

  if (!full && !at_summary (b, LW_CATEGORY_PLAN))
    return TRUE;
  add_own_fields (b, p, LW_CATEGORY_PLAN);   /* none today; future columns */
  if (!related)
    return TRUE;

  goals = list_for (b, &lw_plan_goal_table, p->id, error);
  if (goals == NULL)
    return FALSE;
  for (guint i = 0; i < goals->len; i++)
    {
      const LwPlanGoal *goal = g_ptr_array_index (goals, i);
      LwCategory category = lw_model_text_category (goal);

      /* a treatment or health goal is not even counted where it may not be seen */
      if (category != LW_CATEGORY_PLAN && !at_full (b, category))
        continue;
      if (goal->status != LW_GOAL_DROPPED)
        {
          counted++;
          met += goal->status == LW_GOAL_MET;
        }
      if (!text_shown_at_full (b, category, LW_CATEGORY_PLAN))
        continue;
      if (lists[category] == NULL)
        lists[category] = list_new ();
      value_add (lists[category], record_object (b, goal, LW_CATEGORY_PLAN, NULL));
    }
  if (full)
    {
      list = lists[LW_CATEGORY_PLAN] ? g_steal_pointer (&lists[LW_CATEGORY_PLAN]) : list_new ();
      add_field (b, LW_CATEGORY_PLAN, "goals", _("Plan goals"), list_or_null (list));
    }
  else
    add_field (b, LW_CATEGORY_PLAN, "goals", _("Plan goals"),
               value_take_text (NULL, lw_view_goal_progress (met, counted)));
  add_marked_lists (b, lists, LW_CATEGORY_PLAN, "goals");

  /* open action items: the text is plan information (or what it is marked as);
   * owner and due date of a plan item are not */
  actions = list_for (b, &lw_action_item_table, p->id, error);
  if (actions == NULL)
    return FALSE;
  memset (lists, 0, sizeof lists);
  list = list_new ();
  for (guint i = 0; i < actions->len; i++)
    {
      const LwActionItem *action = g_ptr_array_index (actions, i);
      static const char * const extra[] = { "owner_id", "due_date", NULL };
      LwCategory category = lw_model_text_category (action);

      if (action->status != LW_ACTION_OPEN)
        continue;
      if (category == LW_CATEGORY_PLAN)
        {
          value_add (list, record_object (b, action, full ? LW_CATEGORY_PLAN : LW_CATEGORY_NONE, extra));
          continue;
        }
      /* a marked item is all or nothing: its owner could say what it is */
      if (!text_shown_at_full (b, category, LW_CATEGORY_PLAN))
        continue;
      if (lists[category] == NULL)
        lists[category] = list_new ();
      value_add (lists[category], record_object (b, action, LW_CATEGORY_PLAN, extra));
    }
  add_field (b, LW_CATEGORY_PLAN, "action_items", _("Open action items"), list_or_null (list));
  add_marked_lists (b, lists, LW_CATEGORY_PLAN, "action_items");
  return TRUE;
}

static gboolean
add_housing (Builder             *b,
             const LwParticipant *p)
{
  if (at_full (b, LW_CATEGORY_HOUSING))
    add_own_fields (b, p, LW_CATEGORY_HOUSING);
  else if (at_summary (b, LW_CATEGORY_HOUSING))
    {
      const char *label = lw_enum_to_label (&lw_housing_status_info, p->housing_status);
      add_field (b, LW_CATEGORY_HOUSING, "housing_status", _("Housing"),
                 label ? value_text (NULL, label) : NULL);
    }
  return TRUE;
}

static gboolean
add_health (Builder             *b,
            const LwParticipant *p)
{
  if (at_full (b, LW_CATEGORY_HEALTH))
    add_own_fields (b, p, LW_CATEGORY_HEALTH);
  else if (at_summary (b, LW_CATEGORY_HEALTH) && p->health_notes && p->health_notes[0])
    add_field (b, LW_CATEGORY_HEALTH, "health_notes", _("Health"),
               value_text (NULL, _("Health information on file")));
  return TRUE;
}

static gboolean
add_substance_use (Builder             *b,
                   const LwParticipant *p)
{
  if (at_full (b, LW_CATEGORY_SUBSTANCE_USE))
    add_own_fields (b, p, LW_CATEGORY_SUBSTANCE_USE);
  else if (at_summary (b, LW_CATEGORY_SUBSTANCE_USE) && p->substance_use && p->substance_use[0])
    add_field (b, LW_CATEGORY_SUBSTANCE_USE, "substance_use", _("Substance use"),
               value_text (NULL, _("Substance use information on file")));
  return TRUE;
}

/* The prosecution note with the latest date (then the latest entered). */
static const LwProsecutionNote *
latest_note (GPtrArray *notes)
{
  const LwProsecutionNote *latest = NULL;

  for (guint i = 0; i < notes->len; i++)
    {
      const LwProsecutionNote *note = g_ptr_array_index (notes, i);

      if (latest == NULL || g_strcmp0 (note->date, latest->date) >= 0)
        latest = note;
    }
  return latest;
}

static gboolean
add_legal_and_prosecution (Builder              *b,
                           const LwParticipant  *p,
                           gboolean              related,
                           GError              **error)
{
  g_autoptr(GPtrArray) matters = NULL;
  LwLevel legal = b->view->levels[LW_CATEGORY_LEGAL];
  LwLevel prosecution = b->view->levels[LW_CATEGORY_PROSECUTION];
  LwViewValue *matter_list = NULL;
  LwViewValue *note_list = NULL;
  guint pending = 0;

  if (legal != LW_LEVEL_NONE)
    add_own_fields (b, p, LW_CATEGORY_LEGAL);   /* none today */
  if (prosecution != LW_LEVEL_NONE)
    add_own_fields (b, p, LW_CATEGORY_PROSECUTION);
  if (!related || (legal == LW_LEVEL_NONE && prosecution == LW_LEVEL_NONE))
    return TRUE;

  matters = list_for (b, &lw_legal_matter_table, p->id, error);
  if (matters == NULL)
    return FALSE;
  if (legal == LW_LEVEL_FULL)
    matter_list = list_new ();
  if (prosecution != LW_LEVEL_NONE)
    note_list = list_new ();

  for (guint i = 0; i < matters->len; i++)
    {
      const LwLegalMatter *matter = g_ptr_array_index (matters, i);
      g_autoptr(GPtrArray) notes = NULL;

      pending += matter->status == LW_MATTER_PENDING;
      if (matter_list)
        value_add (matter_list, record_object (b, matter, LW_CATEGORY_LEGAL, NULL));
      if (note_list == NULL)
        continue;

      notes = lw_store_list (b->store, &lw_prosecution_note_table, "legal_matter_id", matter->id, error);
      if (notes == NULL)
        {
          g_clear_pointer (&matter_list, view_value_free);
          g_clear_pointer (&note_list, view_value_free);
          return FALSE;
        }
      if (prosecution == LW_LEVEL_FULL)
        {
          for (guint j = 0; j < notes->len; j++)
            {
              LwViewValue *note = record_object (b, g_ptr_array_index (notes, j), LW_CATEGORY_PROSECUTION, NULL);

              /* which matter: its case number is legal information */
              if (legal == LW_LEVEL_FULL && matter->case_number)
                g_ptr_array_insert (note->children, 0, value_text ("case_number", matter->case_number));
              /* and its row, which is no one's information, as the name of
               * the note (never printed): positions are grouped by matter
               * without the case number (lw-positions.h) */
              note->name = g_strdup_printf ("matter-%" G_GINT64_FORMAT, matter->id);
              value_add (note_list, note);
            }
        }
      else if (matter->status == LW_MATTER_PENDING && notes->len > 0)
        {
          /* the position, no text: "Defer" */
          const LwProsecutionNote *note = latest_note (notes);
          const char *label = lw_enum_to_label (&lw_position_info, note->position);
          LwViewValue *object;

          if (label == NULL)
            continue;
          object = value_new (LW_VIEW_VALUE_OBJECT, NULL);
          value_add (object, value_text ("position", label));
          value_add (note_list, object);
        }
    }

  if (legal == LW_LEVEL_FULL)
    {
      g_autoptr(GPtrArray) decisions = NULL;
      LwViewValue *list;

      add_field (b, LW_CATEGORY_LEGAL, "matters", _("Legal matters"), list_or_null (matter_list));
      decisions = list_for (b, &lw_diversion_decision_table, p->id, error);
      if (decisions == NULL)
        {
          g_clear_pointer (&note_list, view_value_free);
          return FALSE;
        }
      list = list_new ();
      for (guint i = 0; i < decisions->len; i++)
        {
          static const char * const extra[] = { "date", "officer_id", NULL };
          value_add (list, record_object (b, g_ptr_array_index (decisions, i), LW_CATEGORY_LEGAL, extra));
        }
      add_field (b, LW_CATEGORY_LEGAL, "diversion_decisions", _("Diversion decisions"), list_or_null (list));
    }
  else if (legal == LW_LEVEL_SUMMARY)
    add_field (b, LW_CATEGORY_LEGAL, "matters", _("Legal matters"),
               value_text (NULL, pending > 0 ? _("A matter is pending") : _("No pending matters")));

  if (note_list)
    add_field (b, LW_CATEGORY_PROSECUTION, "notes", _("Prosecution"), list_or_null (note_list));
  return TRUE;
}

static gboolean
add_care_notes (Builder              *b,
                const LwParticipant  *p,
                gboolean              related,
                GError              **error)
{
  g_autoptr(GPtrArray) contacts = NULL;
  gboolean full = at_full (b, LW_CATEGORY_CARE_NOTES);

  if (!full && !at_summary (b, LW_CATEGORY_CARE_NOTES))
    return TRUE;
  add_own_fields (b, p, LW_CATEGORY_CARE_NOTES);   /* none today */
  if (!related)
    return TRUE;

  contacts = list_for (b, &lw_contact_table, p->id, error);
  if (contacts == NULL)
    return FALSE;

  if (full)
    {
      g_autoptr(GPtrArray) consents = NULL;
      g_autoptr(GPtrArray) items = NULL;
      LwViewValue *list = list_new ();

      LwViewValue *lists[LW_N_CATEGORIES] = { NULL };

      for (guint i = 0; i < contacts->len; i++)
        {
          const LwContact *contact = g_ptr_array_index (contacts, i);
          LwCategory category = lw_model_text_category (contact);

          if (category == LW_CATEGORY_CARE_NOTES)
            {
              value_add (list, record_object (b, contact, LW_CATEGORY_CARE_NOTES, NULL));
              continue;
            }
          if (!text_shown_at_full (b, category, LW_CATEGORY_CARE_NOTES))
            continue;
          if (lists[category] == NULL)
            lists[category] = list_new ();
          value_add (lists[category], record_object (b, contact, LW_CATEGORY_CARE_NOTES, NULL));
        }
      add_field (b, LW_CATEGORY_CARE_NOTES, "contacts", _("Contacts"), list_or_null (list));
      add_marked_lists (b, lists, LW_CATEGORY_CARE_NOTES, "contacts");

      consents = list_for (b, &lw_consent_table, p->id, error);
      if (consents == NULL)
        return FALSE;
      list = list_new ();
      for (guint i = 0; i < consents->len; i++)
        {
          const LwConsent *consent = g_ptr_array_index (consents, i);

          /* that a release covers substance use is itself Part 2 information */
          if (consent->categories & LW_CATEGORY_BIT (LW_CATEGORY_SUBSTANCE_USE))
            b->view->part2 = TRUE;
          value_add (list, record_object (b, consent, LW_CATEGORY_CARE_NOTES, NULL));
        }
      add_field (b, LW_CATEGORY_CARE_NOTES, "consents", _("Releases of information"), list_or_null (list));

      items = list_for (b, &lw_agenda_item_table, p->id, error);
      if (items == NULL)
        return FALSE;
      list = list_new ();
      memset (lists, 0, sizeof lists);
      for (guint i = 0; i < items->len; i++)
        {
          const LwAgendaItem *item = g_ptr_array_index (items, i);
          LwCategory category = lw_model_text_category (item);
          LwViewValue *object;
          const char *date;

          if (item->notes == NULL && item->outcome == NULL)
            continue;
          if (category != LW_CATEGORY_CARE_NOTES && !text_shown_at_full (b, category, LW_CATEGORY_CARE_NOTES))
            continue;
          object = value_new (LW_VIEW_VALUE_OBJECT, NULL);
          date = meeting_date (b, item->meeting_id);
          if (date)
            value_add (object, value_text ("meeting", date));
          if (item->notes)
            value_add (object, value_text ("notes", item->notes));
          if (item->outcome)
            value_add (object, value_text ("outcome", item->outcome));
          if (category == LW_CATEGORY_CARE_NOTES)
            value_add (list, object);
          else
            {
              if (lists[category] == NULL)
                lists[category] = list_new ();
              value_add (lists[category], object);
            }
        }
      add_field (b, LW_CATEGORY_CARE_NOTES, "discussion", _("Discussion notes"), list_or_null (list));
      add_marked_lists (b, lists, LW_CATEGORY_CARE_NOTES, "discussion");
    }
  else
    {
      const char *last = NULL;
      guint n = 0;

      for (guint i = 0; i < contacts->len; i++)
        {
          const LwContact *contact = g_ptr_array_index (contacts, i);
          LwCategory category = lw_model_text_category (contact);

          /* a contact about health or treatment is not even counted, nor its
           * date used, where its category may not be seen in full */
          if (category != LW_CATEGORY_CARE_NOTES && !at_full (b, category))
            continue;
          n++;
          if (contact->date && g_strcmp0 (contact->date, last) > 0)
            last = contact->date;
        }
      add_field (b, LW_CATEGORY_CARE_NOTES, "contacts", _("Contacts"),
                 value_take_text (NULL, n == 0
                                        ? g_strdup (_("No contacts recorded"))
                                        : last == NULL
                                        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contact", "%u contacts",
                                                                        n), n)
                                        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                        "%u contact, the last on %s",
                                                                        "%u contacts, the last on %s",
                                                                        n),
                                                           n, last)));
    }
  return TRUE;
}

static gboolean
add_location (Builder              *b,
              const LwParticipant  *p,
              gboolean              related,
              GError              **error)
{
  if (at_full (b, LW_CATEGORY_LOCATION))
    {
      g_autoptr(GPtrArray) concerns = NULL;
      LwViewValue *list;

      add_own_fields (b, p, LW_CATEGORY_LOCATION);
      if (!related)
        return TRUE;
      concerns = list_for (b, &lw_community_concern_table, p->id, error);
      if (concerns == NULL)
        return FALSE;
      list = list_new ();
      for (guint i = 0; i < concerns->len; i++)
        {
          static const char * const extra[] = { "date", "status", "responded_date", "closed_date", NULL };
          value_add (list, record_object (b, g_ptr_array_index (concerns, i), LW_CATEGORY_LOCATION, extra));
        }
      add_field (b, LW_CATEGORY_LOCATION, "concerns", _("Community concerns"), list_or_null (list));
    }
  else if (at_summary (b, LW_CATEGORY_LOCATION) && p->neighbourhood)
    add_field (b, LW_CATEGORY_LOCATION, "neighbourhood", _("Neighbourhood"),
               value_text (NULL, p->neighbourhood));
  return TRUE;
}

static gboolean
audit_view (LwStore                  *store,
            const LwParticipantView  *view,
            GError                  **error)
{
  g_autoptr(GString) categories = g_string_new (NULL);
  g_autofree char *audience = lw_audience_to_string (view->audience);
  g_autofree char *detail = NULL;

  for (int c = 0; c < LW_N_CATEGORIES; c++)
    if (view->levels[c] == LW_LEVEL_FULL)
      {
        if (categories->len > 0)
          g_string_append_c (categories, ',');
        g_string_append (categories, lw_category_to_string (c));
      }
  if (categories->len == 0)
    return TRUE;
  /* codes, roles and category names only: never a value */
  detail = g_strdup_printf ("participant=%s audience=%s full=%s",
                            view->code, audience[0] ? audience : "(nobody)", categories->str);
  return lw_audit_append (store, LW_AUDIT_VIEW, detail, error);
}

LwParticipantView *
lw_policy_view_participant_with_matrix (LwStore              *store,
                                        const LwPolicyMatrix *matrix,
                                        const LwAudience     *audience,
                                        const LwParticipant  *participant,
                                        LwViewFlags           flags,
                                        GError              **error)
{
  return lw_policy_view_participant_named_for (store, matrix, audience, NULL, participant, flags, error);
}

LwParticipantView *
lw_policy_view_participant_named_for (LwStore              *store,
                                      const LwPolicyMatrix *matrix,
                                      const LwAudience     *audience,
                                      const LwAudience     *names_for,
                                      const LwParticipant  *participant,
                                      LwViewFlags           flags,
                                      GError              **error)
{
  g_autoptr(LwParticipantView) view = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GHashTable) meetings = NULL;
  g_autofree char *today = NULL;
  gboolean related = (flags & LW_VIEW_PARTICIPANT_ONLY) == 0;
  Builder b;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (matrix != NULL, NULL);
  g_return_val_if_fail (audience != NULL, NULL);
  g_return_val_if_fail (participant != NULL, NULL);
  g_return_val_if_fail (LW_RECORD (participant)->table == &lw_participant_table, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  consents = lw_model_list_for (store, &lw_consent_table, participant->id, error);
  if (consents == NULL)
    return NULL;

  view = g_new0 (LwParticipantView, 1);
  view->id = participant->id;
  view->code = g_strdup (participant->code);
  view->audience = lw_audience_copy (audience);
  view->fields = g_ptr_array_new_with_free_func (field_free);
  today = lw_date_today ();
  lw_policy_resolve_levels (matrix, audience, consents, today, view->levels);

  names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  meetings = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  b.store = store;
  b.view = view;
  b.names = names;
  b.meetings = meetings;
  b.part2 = NULL;
  memcpy (b.name_levels, view->levels, sizeof b.name_levels);
  if (names_for != NULL)
    {
      LwLevel others[LW_N_CATEGORIES];

      /* named as the lower of the two audiences would see them */
      lw_policy_resolve_levels (matrix, names_for, consents, today, others);
      for (int c = 0; c < LW_N_CATEGORIES; c++)
        b.name_levels[c] = MIN (b.name_levels[c], others[c]);
    }

  if (!add_identity (&b, participant) ||
      !add_status (&b, participant) ||
      !add_plan (&b, participant, related, error) ||
      !add_housing (&b, participant) ||
      !add_health (&b, participant) ||
      !add_substance_use (&b, participant) ||
      !add_legal_and_prosecution (&b, participant, related, error) ||
      !add_care_notes (&b, participant, related, error) ||
      !add_location (&b, participant, related, error))
    {
      g_strfreev (b.part2);
      return NULL;
    }
  g_strfreev (b.part2);

  if ((flags & LW_VIEW_AUDITED) && !audit_view (store, view, error))
    return NULL;
  return g_steal_pointer (&view);
}

LwParticipantView *
lw_policy_view_participant (LwStore             *store,
                            const LwAudience    *audience,
                            const LwParticipant *participant,
                            LwViewFlags          flags,
                            GError             **error)
{
  LwPolicyMatrix matrix;

  g_return_val_if_fail (store != NULL, NULL);

  lw_policy_load_matrix (store, &matrix);
  return lw_policy_view_participant_with_matrix (store, &matrix, audience, participant, flags, error);
}

void
lw_participant_view_free (LwParticipantView *view)
{
  if (view == NULL)
    return;
  g_free (view->code);
  lw_audience_free (view->audience);
  g_ptr_array_unref (view->fields);
  g_free (view);
}

LwId
lw_participant_view_get_id (const LwParticipantView *view)
{
  g_return_val_if_fail (view != NULL, 0);
  return view->id;
}

const char *
lw_participant_view_get_code (const LwParticipantView *view)
{
  g_return_val_if_fail (view != NULL, NULL);
  return view->code;
}

const LwAudience *
lw_participant_view_get_audience (const LwParticipantView *view)
{
  g_return_val_if_fail (view != NULL, NULL);
  return view->audience;
}

LwLevel
lw_participant_view_get_level (const LwParticipantView *view,
                               LwCategory               category)
{
  g_return_val_if_fail (view != NULL, LW_LEVEL_NONE);
  g_return_val_if_fail (category >= 0 && category < LW_N_CATEGORIES, LW_LEVEL_NONE);
  return view->levels[category];
}

guint
lw_participant_view_get_shown (const LwParticipantView *view)
{
  g_return_val_if_fail (view != NULL, 0);
  return lw_policy_levels_shown (view->levels);
}

const char *
lw_participant_view_get_notice (const LwParticipantView *view)
{
  g_return_val_if_fail (view != NULL, NULL);
  return view->part2 ? lw_policy_part2_notice () : NULL;
}

guint
lw_participant_view_get_n_fields (const LwParticipantView *view)
{
  g_return_val_if_fail (view != NULL, 0);
  return view->fields->len;
}

const LwViewField *
lw_participant_view_get_field (const LwParticipantView *view,
                               guint                    index)
{
  g_return_val_if_fail (view != NULL, NULL);
  g_return_val_if_fail (index < view->fields->len, NULL);
  return g_ptr_array_index (view->fields, index);
}

const LwViewField *
lw_participant_view_lookup (const LwParticipantView *view,
                            const char              *key)
{
  g_return_val_if_fail (view != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; i < view->fields->len; i++)
    {
      const LwViewField *field = g_ptr_array_index (view->fields, i);
      if (strcmp (field->key, key) == 0)
        return field;
    }
  return NULL;
}

JsonNode *
lw_participant_view_to_json (const LwParticipantView *view)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *notice;
  guint roles;

  g_return_val_if_fail (view != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, view->code);

  json_builder_set_member_name (b, "audience");
  json_builder_begin_array (b);
  roles = lw_audience_get_roles (view->audience);
  for (int r = 0; r < LW_N_ROLES; r++)
    if (roles & LW_ROLE_BIT (r))
      json_builder_add_string_value (b, lw_role_to_string (r));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "notice");
  notice = lw_participant_view_get_notice (view);
  if (notice)
    json_builder_add_string_value (b, notice);
  else
    json_builder_add_null_value (b);

  json_builder_set_member_name (b, "fields");
  json_builder_begin_object (b);
  for (guint i = 0; i < view->fields->len; i++)
    {
      const LwViewField *field = g_ptr_array_index (view->fields, i);

      json_builder_set_member_name (b, field->key);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "level");
      json_builder_add_string_value (b, lw_level_to_string (field->level));
      json_builder_set_member_name (b, "value");
      json_builder_add_value (b, lw_view_value_to_json (field->value));
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
