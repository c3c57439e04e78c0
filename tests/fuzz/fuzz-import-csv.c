/* fuzz-import-csv.c: the roster import's CSV reading and row checks on any bytes
 *
 * Built with libFuzzer when the compiler has it (-fsanitize=fuzzer), and always
 * with fuzz-replay.c, which runs the saved corpus under meson test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <stdint.h>

#include "lw/lw-import.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(LwImportResult) result = NULL;

  /* big inputs only slow the search down */
  if (size > 256 * 1024)
    return 0;

  /* no store: parse and check the rows on their own */
  result = lw_import_participants_from_data (NULL, data, size, TRUE, NULL);
  g_assert (result != NULL);
  g_assert (result->n_imported == 0);
  for (guint i = 0; i < result->problems->len; i++)
    {
      const LwImportProblem *problem = g_ptr_array_index (result->problems, i);

      g_assert (problem->message != NULL);
      g_assert (g_utf8_validate (problem->message, -1, NULL));
    }
  return 0;
}
