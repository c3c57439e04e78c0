/* test-switches.c: a build without -Dtest_switches ignores the switches meant
 * for tests — LEAD_WORKGROUP_TODAY cannot move "today" (and so revive an
 * expired or revoked consent), LEAD_WORKGROUP_TEST_WEAK_KDF cannot weaken a new
 * passphrase.  This program compiles the core's own sources for both with the
 * flags of a default build.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <sodium.h>

#include "lw/lw-types.h"
#include "lw/lw-vault.h"

static void
test_today_is_today (void)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *real = NULL;
  g_autofree char *today = NULL;

  g_setenv ("LEAD_WORKGROUP_TODAY", "1999-01-01", TRUE);
  today = lw_date_today ();
  now = g_date_time_new_now_local ();
  real = g_date_time_format (now, "%Y-%m-%d");
  g_assert_cmpstr (today, !=, "1999-01-01");
  g_assert_cmpstr (today, ==, real);
}

static void
test_kdf_is_moderate (void)
{
  guint64 opslimit = 0, memlimit = 0;

  g_setenv ("LEAD_WORKGROUP_TEST_WEAK_KDF", "1", TRUE);
  lw_vault_default_limits (&opslimit, &memlimit);
  g_assert_cmpuint (opslimit, ==, crypto_pwhash_OPSLIMIT_MODERATE);
  g_assert_cmpuint (memlimit, ==, crypto_pwhash_MEMLIMIT_MODERATE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lw/switches/today-is-today", test_today_is_today);
  g_test_add_func ("/lw/switches/kdf-is-moderate", test_kdf_is_moderate);

  return g_test_run ();
}
