/* lw-view.c: views of participants for an audience
 *
 * The builder resolves every view's levels before it reads anything of a
 * category, and copies values into a view only at the level that view allows;
 * nothing is copied in to be removed later.  It makes many views at once:
 * each table is read once for all of them (releases, people, related
 * records), and only the columns some view may show.
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
 * What a view is made of
 *
 * A participant's own columns are shown by the category their description
 * gives them (lw-model.c).  At summary level a category shows what its summary
 * below says, from the columns it names.  The records that belong to a
 * participant are described in related[]: their table, how they link to the
 * participant, the category they are read for, and the columns their summary
 * needs.  The builder reads a related table only when some view it makes may
 * see that category, once for every participant of the batch, and only the
 * columns the highest level any of them has needs.
 */

typedef struct
{
  LwCategory   category;
  const char  *name;
  const char  *label;
  const char  *columns[3];   /* what the summary reads */
} OwnSummary;

static const OwnSummary own_summaries[] = {
  { LW_CATEGORY_IDENTITY, "initials", N_("Initials"), { "preferred_name", "legal_name", NULL } },
  { LW_CATEGORY_STATUS, "status", N_("Status"), { "status", NULL } },
  { LW_CATEGORY_HOUSING, "housing_status", N_("Housing"), { "housing_status", NULL } },
  { LW_CATEGORY_HEALTH, "health_notes", N_("Health"), { "health_notes", NULL } },
  { LW_CATEGORY_SUBSTANCE_USE, "substance_use", N_("Substance use"), { "substance_use", NULL } },
  { LW_CATEGORY_LOCATION, "neighbourhood", N_("Neighbourhood"), { "neighbourhood", NULL } },
};

typedef enum
{
  REL_GOALS,
  REL_ACTIONS,
  REL_MATTERS,
  REL_DECISIONS,
  REL_NOTES,
  REL_CONTACTS,
  REL_CONSENTS,
  REL_DISCUSSION,
  REL_CONCERNS,
  N_RELATED
} Related;

typedef struct
{
  const LwTableInfo *table;
  const char        *link;       /* the clear column naming the participant;
                                  * NULL: linked through REL_MATTERS */
  LwCategory         category;   /* read where a view has it at summary or above */
  LwCategory         also;       /* ... or this one (LW_CATEGORY_NONE: none) */
  gboolean           full_only;  /* read only where category is at full */
  const char        *full[8];    /* the columns read at full; empty: all */
  const char        *summary[6]; /* the columns read at summary */
} RelatedInfo;

static const RelatedInfo related[N_RELATED] = {
  [REL_GOALS] = { &lw_plan_goal_table, "participant_id", LW_CATEGORY_PLAN, LW_CATEGORY_NONE, FALSE,
                  { NULL }, { "participant_id", "domain", "status", "concerns", NULL } },
  [REL_ACTIONS] = { &lw_action_item_table, "participant_id", LW_CATEGORY_PLAN, LW_CATEGORY_NONE, FALSE,
                    { NULL }, { "participant_id", "owner_id", "due_date", "status", "concerns", NULL } },
  /* the prosecution's summary needs the matters' status */
  [REL_MATTERS] = { &lw_legal_matter_table, "participant_id", LW_CATEGORY_LEGAL, LW_CATEGORY_PROSECUTION, FALSE,
                    { NULL }, { "participant_id", "status", NULL } },
  [REL_DECISIONS] = { &lw_diversion_decision_table, "participant_id", LW_CATEGORY_LEGAL, LW_CATEGORY_NONE, TRUE,
                      { NULL }, { NULL } },
  [REL_NOTES] = { &lw_prosecution_note_table, NULL, LW_CATEGORY_PROSECUTION, LW_CATEGORY_NONE, FALSE,
                  { NULL }, { "legal_matter_id", "position", "date", NULL } },
  [REL_CONTACTS] = { &lw_contact_table, "participant_id", LW_CATEGORY_CARE_NOTES, LW_CATEGORY_NONE, FALSE,
                     { NULL }, { "participant_id", "date", "concerns", NULL } },
  [REL_CONSENTS] = { &lw_consent_table, "participant_id", LW_CATEGORY_CARE_NOTES, LW_CATEGORY_NONE, TRUE,
                     { NULL }, { NULL } },
  /* the discussion of a participant's agenda items: its notes, and when */
  [REL_DISCUSSION] = { &lw_agenda_item_table, "participant_id", LW_CATEGORY_CARE_NOTES, LW_CATEGORY_NONE, TRUE,
                       { "participant_id", "meeting_id", "notes", "outcome", "concerns", NULL }, { NULL } },
  [REL_CONCERNS] = { &lw_community_concern_table, "participant_id", LW_CATEGORY_LOCATION, LW_CATEGORY_NONE, TRUE,
                     { NULL }, { NULL } },
};

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

/* ----------------------------------------------------------------------------
 * The batch: what many views share, read once
 */

typedef struct
{
  LwStore              *store;
  const LwPolicyMatrix *matrix;
  const LwAudience     *audience;
  const LwAudience     *names_for;
  LwViewFlags           flags;
  GHashTable           *keys;        /* the own fields wanted (a set of keys), NULL: all */
  guint                 categories;  /* the categories wanted, a mask */
  char                 *today;

  GHashTable           *consents;    /* participant id → GPtrArray of LwConsent (borrowed) */
  GPtrArray            *consent_rows;
  GPtrArray            *rows[N_RELATED];    /* the records read, owned */
  GHashTable           *groups[N_RELATED];  /* link id → GPtrArray of records (borrowed) */
  GHashTable           *people;      /* id → LwPerson, read when first needed */
  GPtrArray            *people_rows;
  char                **part2;       /* treatment programs, read with the people */
  GHashTable           *meetings;    /* id → date (borrowed from meeting_rows) */
  GPtrArray            *meeting_rows;
} Batch;

/* One view being made. */
typedef struct
{
  Batch             *batch;
  LwParticipantView *view;
  LwLevel            name_levels[LW_N_CATEGORIES];  /* the levels people are named at */
  gboolean           names_known;  /* name_levels resolved with the releases (else
                                    * read when a treatment program's staff is named) */
} Builder;

static void resolve_name_levels (Builder   *b,
                                 GPtrArray *consents);

static void
field_free (gpointer data)
{
  LwViewField *field = data;

  g_free (field->key);
  view_value_free (field->value);
  g_free (field);
}

static gboolean
wanted (Builder    *b,
        LwCategory  category,
        const char *name)
{
  g_autofree char *key = NULL;

  if (b->batch->keys == NULL)
    return TRUE;
  key = g_strdup_printf ("%s.%s", lw_category_to_string (category), name);
  return g_hash_table_contains (b->batch->keys, key);
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

/* The people on the records, and which agencies are treatment programs: read
 * once for the batch, when a view first names someone. */
static gboolean
read_people (Batch   *batch,
             GError **error)
{
  if (batch->people != NULL)
    return TRUE;
  batch->people_rows = lw_store_list (batch->store, &lw_person_table, NULL, 0, error);
  if (batch->people_rows == NULL)
    return FALSE;
  batch->people = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < batch->people_rows->len; i++)
    {
      LwPerson *person = g_ptr_array_index (batch->people_rows, i);

      g_hash_table_insert (batch->people, &person->id, person);
    }
  /* 42 CFR Part 2: naming a treatment program's staff on a participant's
   * record says the participant is its patient */
  batch->part2 = lw_policy_get_part2_agencies (batch->store);
  return TRUE;
}

/* A person as this view names them; NULL when unknown. */
static char *
person_name (Builder *b,
             LwId     id)
{
  const LwPerson *person;

  if (id == 0)
    return NULL;
  if (!read_people (b->batch, NULL))
    return NULL;
  person = g_hash_table_lookup (b->batch->people, &id);
  if (person != NULL && !b->names_known &&
      lw_policy_agency_in ((const char * const *) b->batch->part2, person->agency))
    {
      /* whether this staff member may be named depends on the participant's
       * releases, which the batch did not need for anything else */
      g_autoptr(GPtrArray) consents = lw_model_list_for (b->batch->store, &lw_consent_table,
                                                         b->view->id, NULL);
      g_autoptr(GPtrArray) none = g_ptr_array_new ();

      resolve_name_levels (b, consents ? consents : none);
    }
  return lw_policy_person_label (person, (const char * const *) b->batch->part2, b->name_levels);
}

static const char *
meeting_date (Builder *b,
              LwId     id)
{
  return id != 0 && b->batch->meetings ? g_hash_table_lookup (b->batch->meetings, &id) : NULL;
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

  /* a column the batch did not read is never shown as unset */
  g_assert (!(LW_RECORD (record)->unread &
              (G_GUINT64_CONSTANT (1) << (column - LW_RECORD (record)->table->columns))));

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
        char *person;

        /* only references to workgroup members are shown, by name */
        if (g_strcmp0 (column->ref_table, "person") != 0)
          return NULL;
        person = person_name (b, *CFIELD (record, column, gint64));
        return person ? value_take_text (name, person) : NULL;
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

/* An object of every column of record in category (the caller checked the
 * level; LW_CATEGORY_NONE: none), plus the clear columns named in extra
 * (NULL-terminated). */
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
      gboolean shown = category != LW_CATEGORY_NONE && column->category == category &&
                       /* the field's own category says what the text concerns */
                       strcmp (column->name, "concerns") != 0;

      for (guint j = 0; !shown && extra && extra[j]; j++)
        shown = column->category == LW_CATEGORY_NONE && strcmp (column->name, extra[j]) == 0;
      if (shown)
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

/* What a participant's own columns of category say at summary level. */
static LwViewValue *
own_summary_value (const LwParticipant *p,
                   LwCategory           category)
{
  switch (category)
    {
    case LW_CATEGORY_IDENTITY:
      {
        const char *name = p->preferred_name && p->preferred_name[0] ? p->preferred_name : p->legal_name;
        char *text = initials (name);

        return text ? value_take_text (NULL, text) : NULL;
      }
    case LW_CATEGORY_STATUS:
      {
        const char *label = lw_enum_to_label (&lw_participant_status_info, p->status);
        return label ? value_text (NULL, label) : NULL;
      }
    case LW_CATEGORY_HOUSING:
      {
        const char *label = lw_enum_to_label (&lw_housing_status_info, p->housing_status);
        return label ? value_text (NULL, label) : NULL;
      }
    case LW_CATEGORY_HEALTH:
      return p->health_notes && p->health_notes[0] ? value_text (NULL, _("Health information on file")) : NULL;
    case LW_CATEGORY_SUBSTANCE_USE:
      return p->substance_use && p->substance_use[0]
             ? value_text (NULL, _("Substance use information on file")) : NULL;
    case LW_CATEGORY_LOCATION:
      return p->neighbourhood ? value_text (NULL, p->neighbourhood) : NULL;
    default:
      return NULL;
    }
}

/* The participant's own columns of category: each at full, or its summary. */
static void
add_own (Builder             *b,
         const LwParticipant *participant,
         LwCategory           category)
{
  if (at_full (b, category))
    {
      for (guint i = 0; i < lw_participant_table.n_columns; i++)
        {
          const LwColumnInfo *column = &lw_participant_table.columns[i];
          g_autofree char *name = NULL;

          if (column->category != category)
            continue;
          name = column_display_name (column);
          if (wanted (b, category, name))
            add_field (b, category, name, _(column->label), column_value (b, participant, column));
        }
      return;
    }
  if (!at_summary (b, category))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (own_summaries); i++)
    if (own_summaries[i].category == category && wanted (b, category, own_summaries[i].name))
      add_field (b, category, own_summaries[i].name, _(own_summaries[i].label),
                 own_summary_value (participant, category));
}

/* The records of kind that belong to link (a participant, or for notes a
 * legal matter), in id order; never NULL. */
static GPtrArray *
records_of (Builder *b,
            Related  kind,
            LwId     link)
{
  static GPtrArray *none;
  GPtrArray *list = b->batch->groups[kind] ? g_hash_table_lookup (b->batch->groups[kind], &link) : NULL;

  if (list != NULL)
    return list;
  if (g_once_init_enter (&none))
    g_once_init_leave (&none, g_ptr_array_new ());
  return none;
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

static void
add_plan (Builder             *b,
          const LwParticipant *p,
          gboolean             related_too)
{
  GPtrArray *goals, *actions;
  LwViewValue *lists[LW_N_CATEGORIES] = { NULL };
  LwViewValue *list;
  gboolean full = at_full (b, LW_CATEGORY_PLAN);
  guint met = 0, counted = 0;

  if (!full && !at_summary (b, LW_CATEGORY_PLAN))
    return;
  add_own (b, p, LW_CATEGORY_PLAN);   /* none today; future columns */
  if (!related_too)
    return;

  goals = records_of (b, REL_GOALS, p->id);
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
  actions = records_of (b, REL_ACTIONS, p->id);
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

static void
add_legal_and_prosecution (Builder             *b,
                           const LwParticipant *p,
                           gboolean             related_too)
{
  GPtrArray *matters;
  LwLevel legal = b->view->levels[LW_CATEGORY_LEGAL];
  LwLevel prosecution = b->view->levels[LW_CATEGORY_PROSECUTION];
  LwViewValue *matter_list = NULL;
  LwViewValue *note_list = NULL;
  guint pending = 0;

  if (legal != LW_LEVEL_NONE)
    add_own (b, p, LW_CATEGORY_LEGAL);   /* none today */
  if (prosecution != LW_LEVEL_NONE)
    add_own (b, p, LW_CATEGORY_PROSECUTION);
  if (!related_too || (legal == LW_LEVEL_NONE && prosecution == LW_LEVEL_NONE))
    return;

  matters = records_of (b, REL_MATTERS, p->id);
  if (legal == LW_LEVEL_FULL)
    matter_list = list_new ();
  if (prosecution != LW_LEVEL_NONE)
    note_list = list_new ();

  for (guint i = 0; i < matters->len; i++)
    {
      const LwLegalMatter *matter = g_ptr_array_index (matters, i);
      GPtrArray *notes;

      pending += matter->status == LW_MATTER_PENDING;
      if (matter_list)
        value_add (matter_list, record_object (b, matter, LW_CATEGORY_LEGAL, NULL));
      if (note_list == NULL)
        continue;

      notes = records_of (b, REL_NOTES, matter->id);
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
      GPtrArray *decisions = records_of (b, REL_DECISIONS, p->id);
      LwViewValue *list;

      add_field (b, LW_CATEGORY_LEGAL, "matters", _("Legal matters"), list_or_null (matter_list));
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
}

static void
add_care_notes (Builder             *b,
                const LwParticipant *p,
                gboolean             related_too)
{
  GPtrArray *contacts;
  gboolean full = at_full (b, LW_CATEGORY_CARE_NOTES);

  if (!full && !at_summary (b, LW_CATEGORY_CARE_NOTES))
    return;
  add_own (b, p, LW_CATEGORY_CARE_NOTES);   /* none today */
  if (!related_too)
    return;

  contacts = records_of (b, REL_CONTACTS, p->id);
  if (full)
    {
      GPtrArray *consents, *items;
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

      consents = records_of (b, REL_CONSENTS, p->id);
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

      items = records_of (b, REL_DISCUSSION, p->id);
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
}

static void
add_location (Builder             *b,
              const LwParticipant *p,
              gboolean             related_too)
{
  add_own (b, p, LW_CATEGORY_LOCATION);
  if (at_full (b, LW_CATEGORY_LOCATION) && related_too)
    {
      GPtrArray *concerns = records_of (b, REL_CONCERNS, p->id);
      LwViewValue *list = list_new ();

      for (guint i = 0; i < concerns->len; i++)
        {
          static const char * const extra[] = { "date", "status", "responded_date", "closed_date", NULL };
          value_add (list, record_object (b, g_ptr_array_index (concerns, i), LW_CATEGORY_LOCATION, extra));
        }
      add_field (b, LW_CATEGORY_LOCATION, "concerns", _("Community concerns"), list_or_null (list));
    }
}

/* The fields of one view, in DESIGN.md's order of categories. */
static void
build (Builder             *b,
       const LwParticipant *p)
{
  gboolean related_too = (b->batch->flags & LW_VIEW_PARTICIPANT_ONLY) == 0;

  add_own (b, p, LW_CATEGORY_IDENTITY);
  add_own (b, p, LW_CATEGORY_STATUS);
  add_plan (b, p, related_too);
  add_own (b, p, LW_CATEGORY_HOUSING);
  add_own (b, p, LW_CATEGORY_HEALTH);
  add_own (b, p, LW_CATEGORY_SUBSTANCE_USE);
  add_legal_and_prosecution (b, p, related_too);
  add_care_notes (b, p, related_too);
  add_location (b, p, related_too);
}

/* Whether a view is recorded in the audit log: it shows a category at full. */
static gboolean
view_is_audited (const LwParticipantView *view)
{
  for (int c = 0; c < LW_N_CATEGORIES; c++)
    if (view->levels[c] == LW_LEVEL_FULL)
      return TRUE;
  return FALSE;
}

static gboolean
audit_view (LwStore                  *store,
            const LwParticipantView  *view,
            GError                  **error)
{
  g_autoptr(GString) categories = NULL;
  g_autofree char *audience = NULL;
  g_autofree char *detail = NULL;

  if (!view_is_audited (view))
    return TRUE;
  categories = g_string_new (NULL);
  for (int c = 0; c < LW_N_CATEGORIES; c++)
    if (view->levels[c] == LW_LEVEL_FULL)
      {
        if (categories->len > 0)
          g_string_append_c (categories, ',');
        g_string_append (categories, lw_category_to_string (c));
      }
  audience = lw_audience_to_string (view->audience);
  /* codes, roles and category names only: never a value */
  detail = g_strdup_printf ("participant=%s audience=%s full=%s",
                            view->code, audience[0] ? audience : "(nobody)", categories->str);
  return lw_audit_append (store, LW_AUDIT_VIEW, detail, error);
}

/* ----------------------------------------------------------------------------
 * Making many views at once
 */

/* Whether a level of audience for a category in mask can depend on a release
 * of information. */
static gboolean
uses_consent (const LwPolicyMatrix *matrix,
              const LwAudience     *audience,
              guint                 mask)
{
  LwLevel least[LW_N_CATEGORIES], most[LW_N_CATEGORIES];

  if (audience == NULL)
    return FALSE;
  lw_policy_level_bounds (matrix, audience, least, most);
  for (int c = 0; c < LW_N_CATEGORIES; c++)
    if ((mask & (1u << c)) && least[c] != most[c])
      return TRUE;
  return FALSE;
}

static void
batch_clear (Batch *batch)
{
  g_clear_pointer (&batch->keys, g_hash_table_unref);
  g_clear_pointer (&batch->today, g_free);
  g_clear_pointer (&batch->consents, g_hash_table_unref);
  g_clear_pointer (&batch->consent_rows, g_ptr_array_unref);
  for (int k = 0; k < N_RELATED; k++)
    {
      g_clear_pointer (&batch->groups[k], g_hash_table_unref);
      g_clear_pointer (&batch->rows[k], g_ptr_array_unref);
    }
  g_clear_pointer (&batch->people, g_hash_table_unref);
  g_clear_pointer (&batch->people_rows, g_ptr_array_unref);
  g_clear_pointer (&batch->part2, g_strfreev);
  g_clear_pointer (&batch->meetings, g_hash_table_unref);
  g_clear_pointer (&batch->meeting_rows, g_ptr_array_unref);
}

/* rows grouped by the value of their clear reference column link. */
static GHashTable *
group_by (GPtrArray          *rows,
          const LwTableInfo  *table,
          const char         *link)
{
  const LwColumnInfo *column = lw_table_find_column (table, link);
  GHashTable *groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                              (GDestroyNotify) g_ptr_array_unref);

  g_assert (column != NULL && column->type == LW_COLUMN_REF);
  for (guint i = 0; i < rows->len; i++)
    {
      gpointer record = g_ptr_array_index (rows, i);
      gint64 *key = (gint64 *) (gpointer) ((guint8 *) record + column->offset);
      GPtrArray *list = g_hash_table_lookup (groups, key);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (groups, key, list);
        }
      g_ptr_array_add (list, record);
    }
  return groups;
}

/* Reads the related records of kind for ids, the columns of the highest level
 * any view has (full, else summary). */
static gboolean
read_related (Batch       *batch,
              Related      kind,
              const LwId  *ids,
              guint        n_ids,
              gboolean     full,
              GError     **error)
{
  const RelatedInfo *info = &related[kind];
  const char * const *columns = full ? (info->full[0] ? info->full : NULL) : info->summary;

  batch->rows[kind] = lw_store_list_in (batch->store, info->table, columns,
                                        info->link ? info->link : "legal_matter_id", ids, n_ids, error);
  if (batch->rows[kind] == NULL)
    return FALSE;
  batch->groups[kind] = group_by (batch->rows[kind], info->table,
                                  info->link ? info->link : "legal_matter_id");
  return TRUE;
}

/* Everything the views of the batch may show of the records that belong to
 * their participants: each table once, for all of them. */
static gboolean
read_all_related (Batch      *batch,
                  GPtrArray  *views,
                  GError    **error)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (LwId), views->len);
  LwLevel top[LW_N_CATEGORIES] = { LW_LEVEL_NONE };

  for (guint i = 0; i < views->len; i++)
    {
      LwParticipantView *view = g_ptr_array_index (views, i);

      g_array_append_val (ids, view->id);
      for (int c = 0; c < LW_N_CATEGORIES; c++)
        top[c] = MAX (top[c], view->levels[c]);
    }

  for (int k = 0; k < N_RELATED; k++)
    {
      const RelatedInfo *info = &related[k];
      LwLevel level = top[info->category];
      LwLevel also = info->also != LW_CATEGORY_NONE ? top[info->also] : LW_LEVEL_NONE;
      gboolean full = level == LW_LEVEL_FULL;

      if (info->full_only ? !full : (level == LW_LEVEL_NONE && also == LW_LEVEL_NONE))
        continue;
      if (k == REL_CONSENTS && batch->consent_rows != NULL)
        {
          /* read already for the levels, every column */
          batch->groups[k] = group_by (batch->consent_rows, info->table, info->link);
          continue;
        }
      if (info->link == NULL)
        {
          /* prosecution notes: through the matters read just before */
          g_autoptr(GArray) matter_ids = g_array_new (FALSE, FALSE, sizeof (LwId));
          GPtrArray *matters = batch->rows[REL_MATTERS];

          for (guint i = 0; matters != NULL && i < matters->len; i++)
            g_array_append_val (matter_ids, LW_RECORD (g_ptr_array_index (matters, i))->id);
          if (!read_related (batch, k, (LwId *) matter_ids->data, matter_ids->len, full, error))
            return FALSE;
          continue;
        }
      /* the matters' full columns where legal is at full, else what the
       * prosecution's summary needs */
      if (!read_related (batch, k, (LwId *) ids->data, ids->len, full, error))
        return FALSE;
    }

  /* the meetings the discussion notes were taken at */
  if (batch->rows[REL_DISCUSSION] != NULL && batch->rows[REL_DISCUSSION]->len > 0)
    {
      g_autoptr(GArray) meeting_ids = g_array_new (FALSE, FALSE, sizeof (LwId));
      static const char * const date[] = { "date", NULL };

      for (guint i = 0; i < batch->rows[REL_DISCUSSION]->len; i++)
        {
          const LwAgendaItem *item = g_ptr_array_index (batch->rows[REL_DISCUSSION], i);

          if (item->meeting_id != 0)
            g_array_append_val (meeting_ids, item->meeting_id);
        }
      batch->meeting_rows = lw_store_list_in (batch->store, &lw_meeting_table, date, "id",
                                              (LwId *) meeting_ids->data, meeting_ids->len, error);
      if (batch->meeting_rows == NULL)
        return FALSE;
      batch->meetings = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < batch->meeting_rows->len; i++)
        {
          LwMeeting *meeting = g_ptr_array_index (batch->meeting_rows, i);

          g_hash_table_insert (batch->meetings, &meeting->id, meeting->date);
        }
    }
  return TRUE;
}

/* The levels people are named at in b's view: those of its audience, and of
 * names_for when there is one (the lower of the two), whatever categories the
 * view was made for. */
static void
resolve_name_levels (Builder   *b,
                     GPtrArray *consents)
{
  Batch *batch = b->batch;

  lw_policy_resolve_levels (batch->matrix, batch->audience, consents, batch->today, b->name_levels);
  if (batch->names_for != NULL)
    {
      LwLevel others[LW_N_CATEGORIES];

      lw_policy_resolve_levels (batch->matrix, batch->names_for, consents, batch->today, others);
      for (int c = 0; c < LW_N_CATEGORIES; c++)
        b->name_levels[c] = MIN (b->name_levels[c], others[c]);
    }
  b->names_known = TRUE;
}

/* The views of participants (full records, or records that hold every column
 * the views may show), in their order. */
static GPtrArray *
make_views (Batch       *batch,
            GPtrArray   *participants,
            GError     **error)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_participant_view_free);
  g_autoptr(GPtrArray) no_consents = g_ptr_array_new ();
  guint consent_mask = batch->categories;
  gboolean names_wait;

  batch->today = lw_date_today ();
  /* people are named as names_for sees substance use too */
  if (batch->names_for != NULL)
    consent_mask |= 1u << LW_CATEGORY_SUBSTANCE_USE;

  /* the releases, read once for all, where a level can depend on one */
  if (participants->len > 0 &&
      (uses_consent (batch->matrix, batch->audience, consent_mask) ||
       uses_consent (batch->matrix, batch->names_for, consent_mask)))
    {
      g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (LwId), participants->len);

      for (guint i = 0; i < participants->len; i++)
        g_array_append_val (ids, LW_RECORD (g_ptr_array_index (participants, i))->id);
      batch->consent_rows = lw_store_list_in (batch->store, &lw_consent_table, NULL, "participant_id",
                                              (LwId *) ids->data, ids->len, error);
      if (batch->consent_rows == NULL)
        return NULL;
      batch->consents = group_by (batch->consent_rows, &lw_consent_table, "participant_id");
    }

  for (guint i = 0; i < participants->len; i++)
    {
      const LwParticipant *participant = g_ptr_array_index (participants, i);
      GPtrArray *consents = batch->consents ? g_hash_table_lookup (batch->consents, &participant->id) : NULL;
      LwParticipantView *view = g_new0 (LwParticipantView, 1);

      view->id = participant->id;
      view->code = g_strdup (participant->code);
      view->audience = lw_audience_copy (batch->audience);
      view->fields = g_ptr_array_new_with_free_func (field_free);
      lw_policy_resolve_levels (batch->matrix, batch->audience, consents ? consents : no_consents,
                                batch->today, view->levels);
      /* a view made for some fields has the levels of their categories only */
      for (int c = 0; c < LW_N_CATEGORIES; c++)
        if (!(batch->categories & (1u << c)))
          view->levels[c] = LW_LEVEL_NONE;
      g_ptr_array_add (views, view);
    }

  if ((batch->flags & LW_VIEW_PARTICIPANT_ONLY) == 0 && !read_all_related (batch, views, error))
    return NULL;

  names_wait = batch->consents == NULL &&
               uses_consent (batch->matrix, batch->audience, 1u << LW_CATEGORY_SUBSTANCE_USE);
  for (guint i = 0; i < views->len; i++)
    {
      const LwParticipant *participant = g_ptr_array_index (participants, i);
      LwParticipantView *view = g_ptr_array_index (views, i);
      Builder b = { batch, view, { 0 }, FALSE };
      GPtrArray *consents = batch->consents ? g_hash_table_lookup (batch->consents, &participant->id) : NULL;

      /* people are named at the levels of every category, also those the view
       * was not made for; what depends on a release unread is read when a
       * name needs it */
      if (!names_wait)
        resolve_name_levels (&b, consents ? consents : no_consents);
      else
        {
          lw_policy_resolve_levels (batch->matrix, batch->audience, no_consents, batch->today, b.name_levels);
          b.names_known = FALSE;
        }
      build (&b, participant);
    }

  /* one entry per view, once all are made, in one transaction: one wait for
   * the disk, and the write lock held for the entries alone.  A file open
   * read-only keeps them outside it one by one (lw_audit_append ()): an entry
   * that cannot be kept there leaves the ones before it, more recorded than
   * shown, never less. */
  if (batch->flags & LW_VIEW_AUDITED)
    {
      guint n_audited = 0;
      gboolean together;

      for (guint i = 0; i < views->len; i++)
        n_audited += view_is_audited (g_ptr_array_index (views, i));
      /* nothing to record takes no write lock */
      together = n_audited > 1 && lw_store_get_read_only_reason (batch->store) == NULL;

      if (together && !lw_store_begin (batch->store, error))
        return NULL;
      for (guint i = 0; i < views->len; i++)
        if (!audit_view (batch->store, g_ptr_array_index (views, i), error))
          {
            if (together)
              lw_store_rollback (batch->store);
            return NULL;
          }
      /* a commit that fails has rolled back */
      if (together && !lw_store_commit (batch->store, error))
        return NULL;
    }
  return g_steal_pointer (&views);
}

/* keys → the set of keys and the mask of their categories. */
static gboolean
batch_set_keys (Batch              *batch,
                const char * const *keys)
{
  batch->categories = (1u << LW_N_CATEGORIES) - 1;
  if (keys == NULL)
    return TRUE;
  batch->categories = 0;
  batch->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *dot = strchr (keys[i], '.');
      g_autofree char *name = dot ? g_strndup (keys[i], dot - keys[i]) : NULL;
      int category = name ? lw_category_from_string (name) : -1;

      g_return_val_if_fail (category >= 0, FALSE);
      batch->categories |= 1u << category;
      g_hash_table_add (batch->keys, g_strdup (keys[i]));
    }
  return TRUE;
}

/* The participant columns views of the batch may show: every column of a
 * wanted field of a category that may be seen at full, the columns of a
 * summary where one may be shown. */
static GPtrArray *
participant_columns (Batch *batch)
{
  GPtrArray *columns = g_ptr_array_new ();
  LwLevel most[LW_N_CATEGORIES], least[LW_N_CATEGORIES];
  guint64 mask;

  lw_policy_level_bounds (batch->matrix, batch->audience, least, most);
  /* the code, always */
  mask = G_GUINT64_CONSTANT (1) << (lw_table_find_column (&lw_participant_table, "code") -
                                    lw_participant_table.columns);
  for (guint i = 0; i < lw_participant_table.n_columns; i++)
    {
      const LwColumnInfo *column = &lw_participant_table.columns[i];
      g_autofree char *name = column_display_name (column);
      g_autofree char *key = NULL;

      if (column->category == LW_CATEGORY_NONE || !(batch->categories & (1u << column->category)))
        continue;
      key = g_strdup_printf ("%s.%s", lw_category_to_string (column->category), name);
      if (most[column->category] == LW_LEVEL_FULL && (batch->keys == NULL || g_hash_table_contains (batch->keys, key)))
        mask |= G_GUINT64_CONSTANT (1) << i;
    }
  for (guint i = 0; i < G_N_ELEMENTS (own_summaries); i++)
    {
      const OwnSummary *summary = &own_summaries[i];
      g_autofree char *key = g_strdup_printf ("%s.%s", lw_category_to_string (summary->category), summary->name);

      if (!(batch->categories & (1u << summary->category)) ||
          least[summary->category] == LW_LEVEL_FULL || most[summary->category] == LW_LEVEL_NONE ||
          (batch->keys != NULL && !g_hash_table_contains (batch->keys, key)))
        continue;
      for (guint j = 0; summary->columns[j] != NULL; j++)
        mask |= G_GUINT64_CONSTANT (1) << (lw_table_find_column (&lw_participant_table, summary->columns[j]) -
                                           lw_participant_table.columns);
    }
  for (guint i = 0; i < lw_participant_table.n_columns; i++)
    if (mask & (G_GUINT64_CONSTANT (1) << i))
      g_ptr_array_add (columns, (gpointer) lw_participant_table.columns[i].name);
  g_ptr_array_add (columns, NULL);
  return columns;
}

GPtrArray *
lw_policy_view_participants (LwStore              *store,
                             const LwPolicyMatrix *matrix,
                             const LwAudience     *audience,
                             const LwId           *ids,
                             guint                 n_ids,
                             const char * const   *keys,
                             LwViewFlags           flags,
                             GError              **error)
{
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GPtrArray) ordered = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  LwPolicyMatrix own;
  GPtrArray *views;
  Batch batch = { 0 };

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (audience != NULL, NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (matrix == NULL)
    {
      lw_policy_load_matrix (store, &own);
      matrix = &own;
    }
  batch.store = store;
  batch.matrix = matrix;
  batch.audience = audience;
  batch.flags = flags;
  if (!batch_set_keys (&batch, keys))
    {
      batch_clear (&batch);
      return NULL;
    }

  /* the participants themselves: only the columns their views may show */
  columns = participant_columns (&batch);
  participants = lw_store_list_in (store, &lw_participant_table, (const char * const *) columns->pdata,
                                   "id", ids, n_ids, error);
  if (participants == NULL)
    {
      batch_clear (&batch);
      return NULL;
    }
  /* in the order asked for; an id that is nobody's is left out */
  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < participants->len; i++)
    g_hash_table_insert (by_id, &LW_RECORD (participants->pdata[i])->id, participants->pdata[i]);
  ordered = g_ptr_array_sized_new (n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      gpointer participant = g_hash_table_lookup (by_id, &ids[i]);

      if (participant != NULL && g_hash_table_remove (by_id, &ids[i]))
        g_ptr_array_add (ordered, participant);
    }

  views = make_views (&batch, ordered, error);
  batch_clear (&batch);
  return views;
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
  g_autoptr(GPtrArray) one = NULL;
  g_autoptr(GPtrArray) views = NULL;
  Batch batch = { 0 };

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (matrix != NULL, NULL);
  g_return_val_if_fail (audience != NULL, NULL);
  g_return_val_if_fail (participant != NULL, NULL);
  g_return_val_if_fail (LW_RECORD (participant)->table == &lw_participant_table, NULL);
  /* every column it may show must be there */
  g_return_val_if_fail (LW_RECORD (participant)->unread == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  batch.store = store;
  batch.matrix = matrix;
  batch.audience = audience;
  batch.names_for = names_for;
  batch.flags = flags;
  batch_set_keys (&batch, NULL);
  one = g_ptr_array_new ();
  g_ptr_array_add (one, (gpointer) participant);
  views = make_views (&batch, one, error);
  batch_clear (&batch);
  if (views == NULL)
    return NULL;
  return g_ptr_array_steal_index (views, 0);
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
