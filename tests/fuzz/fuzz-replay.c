/* fuzz-replay.c: runs a fuzz target over saved inputs, for builds without a
 * fuzzing engine (as GLib's fuzzing/driver.c does)
 *
 * Usage: fuzz-TARGET FILE-OR-FOLDER...; every regular file in a folder is one
 * input.  Fails if no input was found.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static guint
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, &error))
    {
      fprintf (stderr, "fuzz-replay: %s\n", error->message);
      return 0;
    }
  LLVMFuzzerTestOneInput ((const uint8_t *) data, len);
  return 1;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = NULL;
      g_autoptr(GPtrArray) names = NULL;
      const char *name;

      if (!g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          n += replay_file (argv[i]);
          continue;
        }
      dir = g_dir_open (argv[i], 0, NULL);
      names = g_ptr_array_new_with_free_func (g_free);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
      g_ptr_array_sort (names, compare_names);
      for (guint j = 0; j < names->len; j++)
        if (g_file_test (g_ptr_array_index (names, j), G_FILE_TEST_IS_REGULAR))
          n += replay_file (g_ptr_array_index (names, j));
    }
  printf ("replayed %u inputs\n", n);
  return n > 0 ? 0 : 1;
}
