/* test-trim.c: memory touched ahead is found resident
 *
 * lw_trim_warm () touches free heap memory in a worker so that the main
 * thread's next large allocation (a frame's window-sized image, which cairo
 * takes with calloc) takes no page fault a page.  The block is counted in
 * minor page faults: after the C library has given its free memory back, as
 * after a trim, an image's block faults in nearly every page; after a warm
 * as big, nearly none.  Without lw_trim_set_up ()'s thresholds the warm's
 * block would be mapped apart and unmapped when freed, and the image would
 * fault as before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "lw-test-util.h"
#include "lw-trim.h"

#define IMAGE_BYTES (1280 * 720 * 4)  /* the benchmark window's image */
#define PAGE        4096

/* An image's block as cairo takes it, written through as a frame draws
 * into it: the faults it took. */
static long
image_faults (void)
{
  long before = lw_test_minor_faults ();
  volatile unsigned char *image = calloc (IMAGE_BYTES, 1);

  g_assert_nonnull ((void *) image);
  for (gsize i = 0; i < IMAGE_BYTES; i += PAGE)
    image[i] = 0xff;
  free ((void *) image);
  return lw_test_minor_faults () - before;
}

static void
test_warm_resident (void)
{
  long pages = IMAGE_BYTES / PAGE, cold, warm;

#if !defined(__GLIBC__)
  g_test_skip ("the thresholds and the warm are glibc's");
  return;
#else
  if (lw_trim_warm (0) == 0 && lw_trim_warm (PAGE) == 0)
    {
      g_test_skip ("no warm here (AddressSanitizer)");
      return;
    }

  /* the control: free memory given back, as a trim does */
  malloc_trim (0);
  cold = image_faults ();
  g_test_message ("image after a trim: %ld faults for %ld pages", cold, pages);
  g_assert_cmpint (cold, >=, pages * 9 / 10);

  malloc_trim (0);
  g_assert_cmpuint (lw_trim_warm (IMAGE_BYTES + (2 << 20)), >=, IMAGE_BYTES + (2 << 20));
  warm = image_faults ();
  g_test_message ("image after a warm: %ld faults", warm);
  g_assert_cmpint (warm, <=, pages / 20);

  /* what is kept stays kept: the same image again */
  g_assert_cmpint (image_faults (), <=, pages / 20);
#endif
}

static void
test_warm_bounded (void)
{
  /* at most 12 MiB, whatever is asked: a 4K window's image is not touched
   * whole */
  gsize touched = lw_trim_warm (64 << 20);

  if (touched == 0)
    {
      g_test_skip ("no warm here (AddressSanitizer or not glibc)");
      return;
    }
  g_assert_cmpuint (touched, <=, 12 << 20);
  g_assert_cmpuint (touched, >=, 11 << 20);
}

int
main (int   argc,
      char *argv[])
{
  /* as the application's main () does, before any thread */
  lw_trim_set_up ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lw/trim/warm-resident", test_warm_resident);
  g_test_add_func ("/lw/trim/warm-bounded", test_warm_bounded);

  return g_test_run ();
}
