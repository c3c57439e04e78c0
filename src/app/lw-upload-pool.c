/* lw-upload-pool.c: the X server's shared memory kept for a window's frames
 *
 * With GTK's cairo renderer on X11, each frame is drawn into an image in the
 * process and then copied into shared memory that the X server reads
 * (cairo-xlib's XShm upload).  cairo takes that memory from pools of its own,
 * and it destroys a pool as soon as nothing in it is in use.  So a frame
 * larger than the ones just before it (the first frame after unlock, a page's
 * first visit, the projector's slide) gets a new segment, eight times its
 * size, and every page it writes there is new to the process: at 1280x720,
 * about 900 page faults in the copy alone, 10-20 ms of one frame on a virtual
 * machine (measured with BENCH_VERBOSE in lw-bench-app).
 *
 * When the window's surface gets a size, one image as large is asked of that
 * pool and freed again, with one small image kept from the same pool: the
 * pool is never empty, so it stays, and the next large frame is given the
 * block the large image had (cairo's pools hand out the block freed last).
 * The first frame that size writes its pages once; later frames reuse them.
 * What stays resident is what a frame of the window's size writes anyway.
 *
 * That memory holds the window's last large frames, which the X server can
 * read as it could the window.  When the program locks or is closed, every
 * window gives its pool up (lw_upload_pool_renew_all ()): the segments go,
 * as they did after every frame before, and new ones are kept for the
 * frames that follow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-upload-pool"

#include "config.h"

#include "lw-upload-pool.h"

/* X11 in GDK and cairo both, or nothing to do */
#if defined(GDK_WINDOWING_X11) && __has_include (<cairo-xlib.h>)
#include <gdk/x11/gdkx.h>
#include <cairo-xlib.h>
#if defined(CAIRO_HAS_XLIB_SURFACE)
#define HAVE_UPLOAD_POOL 1
#endif
#endif

#define POOL_KEY "lw-upload-pool"

typedef struct
{
  cairo_surface_t *keeper;    /* small, from the pool: holds it */
  gsize            capacity;  /* bytes of the largest frame it was made for */
} Pool;

#ifdef HAVE_UPLOAD_POOL

/* the surfaces that keep a pool, for renewing them all at once: cairo's pools
 * belong to the display, and one window's frames or keeper may sit in a pool
 * another window made */
static GPtrArray *kept;

static void
pool_free (gpointer data)
{
  Pool *pool = data;

  cairo_surface_destroy (pool->keeper);
  g_free (pool);
}

/* a cairo surface for the window, as GDK's own frames reach it */
static cairo_surface_t *
window_surface_new (GdkSurface *surface,
                    int         width,
                    int         height)
{
  Display *xdisplay = gdk_x11_display_get_xdisplay (GDK_X11_DISPLAY (gdk_surface_get_display (surface)));

  return cairo_xlib_surface_create (xdisplay, gdk_x11_surface_get_xid (surface),
                                    DefaultVisual (xdisplay, DefaultScreen (xdisplay)),
                                    width, height);
}

static void
keep_pool (GdkSurface *surface)
{
  Pool *pool = g_object_get_data (G_OBJECT (surface), POOL_KEY);
  int scale;
  int width;
  int height;
  gsize needed;
  cairo_surface_t *window_surface;
  cairo_surface_t *large;
  cairo_surface_t *keeper;

  if (gdk_surface_is_destroyed (surface))
    return;
  scale = gdk_surface_get_scale_factor (surface);
  width = gdk_surface_get_width (surface) * scale;
  height = gdk_surface_get_height (surface) * scale;
  needed = (gsize) width * (gsize) height * 4;
  if (width <= 0 || height <= 0 || (pool != NULL && pool->capacity >= needed))
    return;

  window_surface = window_surface_new (surface, width, height);
  large = cairo_surface_create_similar_image (window_surface, CAIRO_FORMAT_ARGB32, width, height);
  /* while the large one is taken, so not from its block; 1 KB.  Usually from
   * the large one's pool; if an older pool had room for the large image,
   * that one is kept instead, and it serves frames the same way */
  keeper = cairo_surface_create_similar_image (window_surface, CAIRO_FORMAT_ARGB32, 16, 16);
  cairo_surface_destroy (large);
  cairo_surface_destroy (window_surface);

  if (cairo_surface_status (keeper) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (keeper);
      return;
    }

  pool = g_new0 (Pool, 1);
  pool->keeper = keeper;
  pool->capacity = needed;
  /* the one made for a smaller size goes now: its pool empties and goes */
  g_object_set_data_full (G_OBJECT (surface), POOL_KEY, pool, pool_free);
  if (!g_ptr_array_find (kept, surface, NULL))
    g_ptr_array_add (kept, surface);
  g_debug ("Upload pool kept for %d x %d", width, height);
}

/* Called for the width and again for the height: the second finds the pool
 * large enough.  At once, not in an idle: the frame at the new size may be
 * drawn before any idle runs, and then the pool kept is not the one its
 * pages were written in (the first frame after unlock drew in 25 ms rather
 * than 16). */
static void
surface_size_cb (GdkSurface *surface)
{
  keep_pool (surface);
}

static gboolean
uses_cairo_on_x11 (GtkWindow *window)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  return surface != NULL && renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer) &&
         GDK_IS_X11_DISPLAY (gdk_surface_get_display (surface));
}

static void
window_realize_cb (GtkWindow *window)
{
  GdkSurface *surface;

  if (!uses_cairo_on_x11 (window))
    return;

  if (kept == NULL)
    kept = g_ptr_array_new ();
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_signal_connect (surface, "notify::width", G_CALLBACK (surface_size_cb), NULL);
  g_signal_connect (surface, "notify::height", G_CALLBACK (surface_size_cb), NULL);
  g_signal_connect (surface, "notify::scale-factor", G_CALLBACK (surface_size_cb), NULL);
  keep_pool (surface);
}

/* A window closed gives its pool up at once, not when its surface is
 * finalized: another window renewing may share the pool. */
static void
window_unrealize_cb (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  if (surface == NULL || kept == NULL)
    return;
  g_signal_handlers_disconnect_by_func (surface, surface_size_cb, NULL);
  g_object_set_data (G_OBJECT (surface), POOL_KEY, NULL);
  g_ptr_array_remove (kept, surface);
}

#endif

void
lw_upload_pool_attach (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

#ifdef HAVE_UPLOAD_POOL
  g_signal_connect_after (window, "realize", G_CALLBACK (window_realize_cb), NULL);
  g_signal_connect (window, "unrealize", G_CALLBACK (window_unrealize_cb), NULL);
#endif
}

void
lw_upload_pool_renew_all (void)
{
#ifdef HAVE_UPLOAD_POOL
  GdkSurface *first;
  GdkDisplay *display;
  cairo_surface_t *window_surface;
  cairo_surface_t *small;

  if (kept == NULL || kept->len == 0)
    return;

  /* every keeper goes, then cairo destroys the pools left empty: the server
   * has read every segment (a round trip); taking a small image frees the
   * blocks of the frames it has read; freeing it, with nothing else taken,
   * destroys the empty pools; the detaching reaches the server at once */
  first = g_ptr_array_index (kept, 0);
  display = gdk_surface_get_display (first);
  window_surface = window_surface_new (first, 1, 1);
  gdk_display_sync (display);
  small = cairo_surface_create_similar_image (window_surface, CAIRO_FORMAT_ARGB32, 16, 16);
  for (guint i = 0; i < kept->len; i++)
    g_object_set_data (G_OBJECT (g_ptr_array_index (kept, i)), POOL_KEY, NULL);
  cairo_surface_destroy (small);
  cairo_surface_destroy (window_surface);
  gdk_display_flush (display);

  for (guint i = 0; i < kept->len; i++)
    keep_pool (g_ptr_array_index (kept, i));
#endif
}

gboolean
_lw_upload_pool_is_kept (GtkWindow *window)
{
  GdkSurface *surface;
  Pool *pool;

  g_return_val_if_fail (GTK_IS_WINDOW (window), FALSE);

  surface = gtk_native_get_surface (GTK_NATIVE (window));
  if (surface == NULL)
    return FALSE;
  pool = g_object_get_data (G_OBJECT (surface), POOL_KEY);
  return pool != NULL && pool->keeper != NULL;
}
