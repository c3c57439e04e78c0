/* lw-vault-private.h: what other core modules need of the vault
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lw/lw-vault.h"

G_BEGIN_DECLS

/* The same keys in memory of their own (sodium_malloc'd, read-only), for a
 * reader in another thread; lw_vault_free() wipes them. */
LwVault *_lw_vault_copy (LwVault *vault);

G_END_DECLS
