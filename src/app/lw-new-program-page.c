/* lw-new-program-page.c: a new, empty program — file, name, passphrase, first member
 *
 * The passphrase's strength is measured by libpwquality, as GNOME's own
 * settings do, with the system's configuration; a passphrase it refuses is
 * refused here too.  The file is created whole or not at all
 * (lw_store_create_full()): the program's name and the project manager are
 * written before the file gets its name.  Argon2id takes most of a second at
 * the real limits, so that runs in a worker thread.  The passphrases are copied
 * out of their secure buffers only for that call and wiped right after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-new-program-page"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pwquality.h>
#include <string.h>

#include "lw/lw-edit.h"
#include "lw/lw-error.h"
#include "lw/lw-model.h"

#include "lw-new-program-page-private.h"

struct _LwNewProgramPage
{
  AdwBin                 parent_instance;

  /* template widgets */
  AdwEntryRow           *file_row;
  AdwEntryRow           *name_row;
  AdwEntryRow           *passphrase_row;
  AdwEntryRow           *repeat_row;
  AdwEntryRow           *member_row;
  AdwEntryRow           *agency_row;
  GtkLabel              *program_message;
  GtkLabel              *passphrase_message;
  GtkLabel              *member_message;
  GtkLevelBar           *strength_bar;
  GtkLabel              *strength_label;
  GtkStack              *button_stack;
  GtkSpinner            *spinner;

  /* owned references */
  pwquality_settings_t  *pwquality;
  GtkNativeDialog       *file_chooser;
  GCancellable          *cancellable;   /* of the running creation */
  GApplication          *held_app;      /* kept from quitting while a worker runs */

  guint                  busy : 1;
};

G_DEFINE_FINAL_TYPE (LwNewProgramPage, lw_new_program_page, ADW_TYPE_BIN)

enum {
  CREATED,
  CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char  *path;
  char  *passphrase;
  gsize  passphrase_len;
  char  *name;
  char  *member;
  char  *agency;
} NewProgram;

static void
wipe_free (char *text)
{
  if (text != NULL)
    explicit_bzero (text, strlen (text));
  g_free (text);
}

static void
new_program_free (gpointer data)
{
  NewProgram *program = data;

  if (program->passphrase != NULL)
    explicit_bzero (program->passphrase, program->passphrase_len);
  g_free (program->passphrase);
  g_free (program->path);
  g_free (program->name);
  wipe_free (program->member);
  wipe_free (program->agency);
  g_free (program);
}

/* Strength */

typedef enum
{
  STRENGTH_EMPTY,
  STRENGTH_REFUSED,
  STRENGTH_FAIR,
  STRENGTH_GOOD,
  STRENGTH_STRONG,
} Strength;

/* The score and the library's own message (translated by libpwquality) */
static Strength
measure (LwNewProgramPage *self,
         const char       *passphrase,
         char            **message)
{
  void *auxerror = NULL;
  char buffer[PWQ_MAX_ERROR_MESSAGE_LEN];
  int score;

  *message = NULL;
  if (passphrase == NULL || passphrase[0] == '\0')
    return STRENGTH_EMPTY;

  score = pwquality_check (self->pwquality, passphrase, NULL, NULL, &auxerror);
  if (score < 0)
    {
      *message = g_strdup (pwquality_strerror (buffer, sizeof buffer, score, auxerror));
      return STRENGTH_REFUSED;
    }
  if (score < 50)
    return STRENGTH_FAIR;
  if (score < 75)
    return STRENGTH_GOOD;
  return STRENGTH_STRONG;
}

static void
update_strength (LwNewProgramPage *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  g_autofree char *message = NULL;
  g_autofree char *text = NULL;
  Strength strength = measure (self, passphrase, &message);

  gtk_level_bar_set_value (self->strength_bar, strength);
  switch (strength)
    {
    case STRENGTH_EMPTY:
      text = g_strdup (_("Its strength is measured as you type."));
      break;
    case STRENGTH_REFUSED:
      /* Translators: %s is libpwquality's reason, “The password is shorter than 9 characters” */
      text = g_strdup_printf (_("Too weak: %s."), message);
      break;
    case STRENGTH_FAIR:
      text = g_strdup (_("Fair. A longer passphrase, with more words, is harder to guess."));
      break;
    case STRENGTH_GOOD:
      text = g_strdup (_("Good."));
      break;
    case STRENGTH_STRONG:
    default:
      text = g_strdup (_("Strong."));
      break;
    }
  gtk_label_set_text (self->strength_label, text);
}

/* Messages at the fields */

static void
clear_errors (LwNewProgramPage *self)
{
  GtkWidget *rows[] = {
    GTK_WIDGET (self->file_row), GTK_WIDGET (self->name_row), GTK_WIDGET (self->passphrase_row),
    GTK_WIDGET (self->repeat_row), GTK_WIDGET (self->member_row), GTK_WIDGET (self->agency_row),
  };
  GtkLabel *labels[] = { self->program_message, self->passphrase_message, self->member_message };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gtk_widget_remove_css_class (rows[i], "error");
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (rows[i]), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
    }
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      gtk_label_set_text (labels[i], "");
      gtk_widget_set_visible (GTK_WIDGET (labels[i]), FALSE);
    }
}

static GtkLabel *
message_for (LwNewProgramPage *self,
             AdwEntryRow      *row)
{
  if (row == self->file_row || row == self->name_row)
    return self->program_message;
  if (row == self->passphrase_row || row == self->repeat_row)
    return self->passphrase_message;
  return self->member_message;
}

/* The message goes under the row's group, the row is marked and takes the
 * keyboard; nothing is created. */
static void
show_error (LwNewProgramPage *self,
            AdwEntryRow      *row,
            const char       *message)
{
  GtkLabel *label = message_for (self, row);

  clear_errors (self);
  gtk_label_set_text (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL,
                                  -1);
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static char *
stripped_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* "~/Programs/x.lwdb" and relative names are taken from the home folder. */
static char *
absolute_path (const char *text)
{
  if (g_str_has_prefix (text, "~/"))
    return g_build_filename (g_get_home_dir (), text + 2, NULL);
  return g_canonicalize_filename (text, g_get_home_dir ());
}

static char *
suggest_path (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "lead-workgroup", NULL);

  for (guint i = 1; i < 100; i++)
    {
      g_autofree char *name = i == 1 ? g_strdup ("program.lwdb") : g_strdup_printf ("program-%u.lwdb", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
  return g_build_filename (dir, "program.lwdb", NULL);
}

/* Creating */

static void
lw_new_program_page_set_busy (LwNewProgramPage *self,
                              gboolean          busy)
{
  self->busy = !!busy;
  gtk_spinner_set_spinning (self->spinner, self->busy);
  gtk_stack_set_visible_child_name (self->button_stack, self->busy ? "busy" : "label");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "new-program.create", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "new-program.cancel", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "new-program.choose-file", !self->busy);
}

static gboolean
populate_program (LwStore  *store,
                  gpointer  user_data,
                  GError  **error)
{
  NewProgram *program = user_data;
  g_autoptr(LwPerson) manager = lw_person_new ();

  if (!lw_store_set_setting (store, "program.name", program->name, error))
    return FALSE;

  manager->name = g_strdup (program->member);
  manager->agency = program->agency[0] != '\0' ? g_strdup (program->agency) : NULL;
  manager->role = LW_ROLE_PROJECT_MANAGER;
  manager->active = TRUE;
  /* as any member is added: checked, and in the audit log */
  return lw_edit_insert (store, LW_ROLE_PROJECT_MANAGER, manager, NULL, error);
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  NewProgram *program = task_data;
  g_autoptr(GError) error = NULL;
  LwStore *store;

  store = lw_store_create_full (program->path, program->passphrase, program->passphrase_len,
                                populate_program, program, &error);

  /* the passphrase is not needed any more */
  explicit_bzero (program->passphrase, program->passphrase_len);

  if (store == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, store, (GDestroyNotify) lw_store_free);
}

static void
create_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LwNewProgramPage *self = LW_NEW_PROGRAM_PAGE (object);
  g_autoptr(GApplication) app = g_steal_pointer (&self->held_app);
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  LwStore *store;

  if (app != NULL)
    g_application_release (app);

  store = g_task_propagate_pointer (G_TASK (result), &error);

  /* disposed meanwhile: the file is whole and can be opened; nobody takes it here */
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_pointer (&store, lw_store_free);
      return;
    }

  g_clear_object (&self->cancellable);
  lw_new_program_page_set_busy (self, FALSE);

  if (store == NULL)
    {
      g_debug ("The program could not be created: %s", g_quark_to_string (error->domain));
      if (g_error_matches (error, LW_ERROR, LW_ERROR_EXISTS))
        show_error (self, self->file_row, _("A file of that name appeared meanwhile. Choose another name; nothing was written."));
      else
        {
          g_autofree char *message = g_strdup_printf (_("The program could not be created: %s"), error->message);

          show_error (self, self->file_row, message);
        }
      return;
    }

  g_debug ("Created a new program");
  lw_new_program_page_reset (self, NULL);
  /* the handler takes the store */
  g_signal_emit (self, signals[CREATED], 0, store);
}

static gboolean
check_plain (LwNewProgramPage *self,
             AdwEntryRow      *row,
             const char       *text)
{
  if (lw_text_is_plain (text))
    return TRUE;
  show_error (self, row, _("This holds a control character or is not valid text; type it as plain text."));
  return FALSE;
}

static gboolean
check_length (LwNewProgramPage *self,
              AdwEntryRow      *row,
              const char       *text)
{
  if (strlen (text) <= LW_NEW_PROGRAM_MAX_TEXT)
    return TRUE;
  show_error (self, row, _("This is too long; shorten it."));
  return FALSE;
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LwNewProgramPage *self = LW_NEW_PROGRAM_PAGE (widget);
  g_autofree char *file = stripped_text (self->file_row);
  g_autofree char *name = stripped_text (self->name_row);
  g_autofree char *member = stripped_text (self->member_row);
  g_autofree char *agency = stripped_text (self->agency_row);
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  const char *repeat = gtk_editable_get_text (GTK_EDITABLE (self->repeat_row));
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(GTask) task = NULL;
  NewProgram *program;
  GtkRoot *root;

  if (self->busy)
    return;

  /* in the order of the form: the first bad field takes the keyboard */
  if (file[0] == '\0')
    {
      show_error (self, self->file_row, _("Choose where to save the program file."));
      return;
    }
  if (!check_plain (self, self->file_row, file))
    return;
  path = absolute_path (file);
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      show_error (self, self->file_row,
                  _("That is a folder. Give the name of a new file in it, such as program.lwdb."));
      return;
    }
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      show_error (self, self->file_row,
                  _("There is a file of that name already. Choose another name; to work on an existing program, use Open File instead."));
      return;
    }
  if (name[0] == '\0')
    {
      show_error (self, self->name_row, _("Give the program a name: it heads every document."));
      return;
    }
  if (!check_plain (self, self->name_row, name))
    return;
  if (g_utf8_strlen (name, -1) > LW_NEW_PROGRAM_MAX_NAME)
    {
      /* Translators: %d is a number of characters */
      g_autofree char *message = g_strdup_printf (_("This name is too long: it heads every page; give at most %d characters."),
                                                  LW_NEW_PROGRAM_MAX_NAME);

      show_error (self, self->name_row, message);
      return;
    }
  if (passphrase[0] == '\0')
    {
      show_error (self, self->passphrase_row, _("Type a passphrase."));
      return;
    }
  if (measure (self, passphrase, &reason) == STRENGTH_REFUSED)
    {
      /* Translators: %s is libpwquality's reason, “The password is shorter than 9 characters” */
      g_autofree char *message = g_strdup_printf (_("This passphrase is too weak: %s. Choose a longer one, of several words."),
                                                  reason);

      show_error (self, self->passphrase_row, message);
      return;
    }
  if (strcmp (passphrase, repeat) != 0)
    {
      show_error (self, self->repeat_row, _("The two passphrases differ. Type the same passphrase twice."));
      return;
    }
  if (member[0] == '\0')
    {
      show_error (self, self->member_row, _("Name the project manager, the first member of the workgroup."));
      return;
    }
  if (!check_plain (self, self->member_row, member) || !check_plain (self, self->agency_row, agency))
    return;
  /* the member is written as any member is, with the same limit */
  if (!check_length (self, self->member_row, member) || !check_length (self, self->agency_row, agency))
    return;

  /* the default folder may not exist yet; private, like the program */
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (dir);
      /* Translators: %s is a folder, then the system's reason */
      g_autofree char *message = g_strdup_printf (_("The folder %s cannot be made: %s"), display, g_strerror (saved));

      show_error (self, self->file_row, message);
      return;
    }

  clear_errors (self);

  program = g_new0 (NewProgram, 1);
  program->path = g_steal_pointer (&path);
  program->passphrase_len = strlen (passphrase);
  program->passphrase = g_malloc (program->passphrase_len + 1);
  memcpy (program->passphrase, passphrase, program->passphrase_len + 1);
  program->name = g_steal_pointer (&name);
  program->member = g_steal_pointer (&member);
  program->agency = g_steal_pointer (&agency);

  /* the worker holds what it needs; the application waits for it */
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root) && gtk_window_get_application (GTK_WINDOW (root)) != NULL)
    {
      self->held_app = g_object_ref (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (root))));
      g_application_hold (self->held_app);
    }

  lw_new_program_page_set_busy (self, TRUE);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, create_done_cb, NULL);
  g_task_set_source_tag (task, create_action);
  g_task_set_task_data (task, program, new_program_free);
  g_task_run_in_thread (task, create_thread);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LwNewProgramPage *self = LW_NEW_PROGRAM_PAGE (widget);

  if (self->busy)
    return;
  lw_new_program_page_reset (self, NULL);
  g_signal_emit (self, signals[CANCELLED], 0);
}

/* Choosing the file */

static void
file_chooser_response_cb (LwNewProgramPage *self,
                          int               response,
                          GtkNativeDialog  *dialog)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          g_autofree char *display = g_filename_display_name (path);

          gtk_editable_set_text (GTK_EDITABLE (self->file_row), display);
          gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
        }
    }
  g_clear_object (&self->file_chooser);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LwNewProgramPage *self = LW_NEW_PROGRAM_PAGE (widget);
  g_autofree char *text = stripped_text (self->file_row);
  g_autoptr(GtkFileFilter) programs = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  if (self->file_chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("New Program File"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (programs, _("Program files"));
  gtk_file_filter_add_suffix (programs, "lwdb");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), programs);

  if (text[0] != '\0')
    {
      g_autofree char *path = absolute_path (text);
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *base = g_path_get_basename (path);
      g_autoptr(GFile) folder = g_file_new_for_path (dir);

      if (g_file_test (dir, G_FILE_TEST_IS_DIR))
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), base);
    }
  else
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "program.lwdb");

  self->file_chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_object (chooser, "response", G_CALLBACK (file_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->file_chooser);
}

/* Keys */

static AdwEntryRow *
first_empty_row (LwNewProgramPage *self)
{
  AdwEntryRow *required[] = {
    self->file_row, self->name_row, self->passphrase_row, self->repeat_row, self->member_row,
  };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (required[i]));

      if (text == NULL || text[0] == '\0')
        return required[i];
    }
  return NULL;
}

/* Enter: on to the next field still empty, or create once all are there */
static void
row_activated_cb (LwNewProgramPage *self)
{
  AdwEntryRow *empty = first_empty_row (self);

  if (empty != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (empty));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "new-program.create", NULL);
}

static void
row_changed_cb (LwNewProgramPage *self,
                GtkEditable      *row)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
passphrase_changed_cb (LwNewProgramPage *self,
                       GtkEditable      *row)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  if (row == GTK_EDITABLE (self->passphrase_row))
    update_strength (self);
}

static gboolean
lw_new_program_page_grab_focus (GtkWidget *widget)
{
  LwNewProgramPage *self = LW_NEW_PROGRAM_PAGE (widget);
  AdwEntryRow *empty = first_empty_row (self);

  return gtk_widget_grab_focus (GTK_WIDGET (empty ? empty : self->name_row));
}

static void
lw_new_program_page_dispose (GObject *object)
{
  LwNewProgramPage *self = LW_NEW_PROGRAM_PAGE (object);

  /* a running worker keeps its own reference on the page */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (self->file_chooser);
  g_clear_object (&self->file_chooser);

  /* the passphrases are wiped by their secure buffers; the rest here */
  if (self->member_row != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->member_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->agency_row), "");
    }

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_NEW_PROGRAM_PAGE);

  G_OBJECT_CLASS (lw_new_program_page_parent_class)->dispose (object);
}

static void
lw_new_program_page_finalize (GObject *object)
{
  LwNewProgramPage *self = LW_NEW_PROGRAM_PAGE (object);

  g_clear_pointer (&self->pwquality, pwquality_free_settings);

  G_OBJECT_CLASS (lw_new_program_page_parent_class)->finalize (object);
}

static void
lw_new_program_page_class_init (LwNewProgramPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_new_program_page_dispose;
  object_class->finalize = lw_new_program_page_finalize;

  widget_class->grab_focus = lw_new_program_page_grab_focus;

  /* the new program's store, unlocked: the handler takes it */
  signals[CREATED] =
    g_signal_new ("created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[CANCELLED] =
    g_signal_new ("cancelled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadworkgroup/Workgroup/lw-new-program-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LwNewProgramPage, file_row);
  gtk_widget_class_bind_template_child (widget_class, LwNewProgramPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, LwNewProgramPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, LwNewProgramPage, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, LwNewProgramPage, member_row);
  gtk_widget_class_bind_template_child (widget_class, LwNewProgramPage, agency_row);
  gtk_widget_class_bind_template_child (widget_class, LwNewProgramPage, program_message);
  gtk_widget_class_bind_template_child (widget_class, LwNewProgramPage, passphrase_message);
  gtk_widget_class_bind_template_child (widget_class, LwNewProgramPage, member_message);
  gtk_widget_class_bind_template_child (widget_class, LwNewProgramPage, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, LwNewProgramPage, strength_label);
  gtk_widget_class_bind_template_child (widget_class, LwNewProgramPage, button_stack);
  gtk_widget_class_bind_template_child (widget_class, LwNewProgramPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_changed_cb);

  gtk_widget_class_install_action (widget_class, "new-program.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "new-program.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "new-program.choose-file", NULL, choose_file_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "new-program.cancel", NULL);
}

/* libadwaita 1.2 leaves the peek button of AdwPasswordEntryRow without a name
 * for screen readers (it reads "GtkImage"). */
static void
label_peek_buttons (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL &&
          gtk_widget_get_ancestor (child, ADW_TYPE_PASSWORD_ENTRY_ROW) != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show or hide the passphrase"),
                                        -1);
      label_peek_buttons (child);
    }
}

static void
lw_new_program_page_init (LwNewProgramPage *self)
{
  void *auxerror = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  label_peek_buttons (GTK_WIDGET (self->passphrase_row));
  label_peek_buttons (GTK_WIDGET (self->repeat_row));
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_LOW, STRENGTH_REFUSED);
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_HIGH, STRENGTH_GOOD);
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_FULL, STRENGTH_STRONG);

  /* the system's rules (/etc/security/pwquality.conf), else the library's */
  self->pwquality = pwquality_default_settings ();
  if (pwquality_read_config (self->pwquality, NULL, &auxerror) != 0)
    g_debug ("No passphrase quality configuration; the library's defaults apply");

  /* Without cracklib's dictionary (Debian: cracklib-runtime, only recommended)
   * every passphrase would fail its dictionary check.  A random one that fails
   * it says the dictionary is missing: the other checks still apply. */
  {
    g_autofree char *uuid = g_uuid_string_random ();
    g_autofree char *probe = g_strconcat (uuid, "-Kq7!", NULL);

    auxerror = NULL;
    if (pwquality_check (self->pwquality, probe, NULL, NULL, &auxerror) == PWQ_ERROR_CRACKLIB_CHECK)
      {
        g_debug ("The dictionary check cannot run; passphrases are checked without it");
        pwquality_set_int_value (self->pwquality, PWQ_SETTING_DICT_CHECK, 0);
      }
  }

  lw_new_program_page_reset (self, NULL);
}

GtkWidget *
lw_new_program_page_new (void)
{
  return g_object_new (LW_TYPE_NEW_PROGRAM_PAGE, NULL);
}

void
lw_new_program_page_reset (LwNewProgramPage *self,
                           const char       *path)
{
  g_autofree char *suggested = NULL;
  g_autofree char *display = NULL;

  g_return_if_fail (LW_IS_NEW_PROGRAM_PAGE (self));

  if (self->busy)
    return;

  suggested = path != NULL ? g_strdup (path) : suggest_path ();
  display = g_filename_display_name (suggested);
  gtk_editable_set_text (GTK_EDITABLE (self->file_row), display);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->member_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->agency_row), "");
  clear_errors (self);
  update_strength (self);
  lw_new_program_page_set_busy (self, FALSE);
}

gboolean
lw_new_program_page_get_busy (LwNewProgramPage *self)
{
  g_return_val_if_fail (LW_IS_NEW_PROGRAM_PAGE (self), FALSE);

  return self->busy;
}

GtkEditable *
_lw_new_program_page_get_row (LwNewProgramPage *self,
                              const char       *name)
{
  g_return_val_if_fail (LW_IS_NEW_PROGRAM_PAGE (self), NULL);

  if (g_str_equal (name, "file"))
    return GTK_EDITABLE (self->file_row);
  if (g_str_equal (name, "name"))
    return GTK_EDITABLE (self->name_row);
  if (g_str_equal (name, "passphrase"))
    return GTK_EDITABLE (self->passphrase_row);
  if (g_str_equal (name, "repeat"))
    return GTK_EDITABLE (self->repeat_row);
  if (g_str_equal (name, "member"))
    return GTK_EDITABLE (self->member_row);
  if (g_str_equal (name, "agency"))
    return GTK_EDITABLE (self->agency_row);
  g_return_val_if_reached (NULL);
}

GtkLabel *
_lw_new_program_page_get_message (LwNewProgramPage *self,
                                  const char       *name)
{
  g_return_val_if_fail (LW_IS_NEW_PROGRAM_PAGE (self), NULL);

  if (g_str_equal (name, "program"))
    return self->program_message;
  if (g_str_equal (name, "passphrase"))
    return self->passphrase_message;
  if (g_str_equal (name, "member"))
    return self->member_message;
  if (g_str_equal (name, "strength"))
    return self->strength_label;
  g_return_val_if_reached (NULL);
}
