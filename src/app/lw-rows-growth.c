/* lw-rows-growth.c: a long list's rows given to its view over a few frames
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-rows-growth"

#include "config.h"

#include "lw-rows-growth.h"

#define FIRST_ROWS    20    /* about a screen of rows */
#define MORE_ROWS     10    /* how many more each frame: 20 made a frame of 20 ms */
#define VIEW_MAX_ROWS 40    /* more than a one-column grid view makes (about 32) */

struct _LwRowsGrowth
{
  GtkWidget         *view;   /* not owned */
  GtkSliceListModel *slice;
  guint              tick;
  gboolean           drawn;  /* the first frame since the tick was added has run */
  gulong             map_handler;
};

static gboolean
grow_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  LwRowsGrowth *self = data;
  guint size = gtk_slice_list_model_get_size (self->slice);

  /* a frame runs its ticks before it lays out: the first frame is to lay
   * out the first rows alone, and the next ones grow them */
  if (!self->drawn)
    {
      self->drawn = TRUE;
      return G_SOURCE_CONTINUE;
    }
  if (size >= VIEW_MAX_ROWS)
    {
      gtk_slice_list_model_set_size (self->slice, G_MAXUINT);
      self->tick = 0;
      return G_SOURCE_REMOVE;
    }
  gtk_slice_list_model_set_size (self->slice, size + MORE_ROWS);
  return G_SOURCE_CONTINUE;
}

static void
add_tick (LwRowsGrowth *self)
{
  self->drawn = FALSE;
  self->tick = gtk_widget_add_tick_callback (self->view, grow_cb, self, NULL);
}

/* shown: the rows held back grow from now */
static void
view_map_cb (GtkWidget    *view,
             LwRowsGrowth *self)
{
  if (self->tick == 0 && gtk_slice_list_model_get_size (self->slice) != G_MAXUINT)
    add_tick (self);
}

LwRowsGrowth *
lw_rows_growth_new (GtkWidget  *view,
                    GListModel *model)
{
  LwRowsGrowth *self;

  g_return_val_if_fail (GTK_IS_WIDGET (view), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_new0 (LwRowsGrowth, 1);
  self->view = view;
  self->slice = gtk_slice_list_model_new (g_object_ref (model), 0, G_MAXUINT);
  self->map_handler = g_signal_connect (view, "map", G_CALLBACK (view_map_cb), self);
  return self;
}

void
lw_rows_growth_free (LwRowsGrowth *self)
{
  if (self == NULL)
    return;
  if (self->tick != 0)
    gtk_widget_remove_tick_callback (self->view, self->tick);
  g_clear_signal_handler (&self->map_handler, self->view);
  g_clear_object (&self->slice);
  g_free (self);
}

GListModel *
lw_rows_growth_get_model (LwRowsGrowth *self)
{
  return G_LIST_MODEL (self->slice);
}

void
lw_rows_growth_restart (LwRowsGrowth *self)
{
  gtk_slice_list_model_set_size (self->slice, FIRST_ROWS);
  /* out of sight, it waits until shown: a tick would ask for frames meanwhile */
  if (self->tick == 0 && gtk_widget_get_mapped (self->view))
    add_tick (self);
}

void
lw_rows_growth_finish (LwRowsGrowth *self)
{
  if (self->tick != 0)
    gtk_widget_remove_tick_callback (self->view, self->tick);
  self->tick = 0;
  gtk_slice_list_model_set_size (self->slice, G_MAXUINT);
}
