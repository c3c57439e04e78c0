/* lw-vault.h: passphrase, key derivation, sealing and opening values
 *
 * A random 256-bit data key is wrapped with a key derived from the passphrase by
 * Argon2id.  Subkeys for sealing and for the audit chain are derived from the data
 * key with crypto_kdf.  All key material lives in sodium_malloc'd memory and is
 * wiped by lw_vault_free().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LW_VAULT_SALT_BYTES     16
#define LW_VAULT_WRAPPED_BYTES  (24 + 32 + 16)
#define LW_VAULT_MAC_BYTES      32

typedef struct _LwVault LwVault;

/* What the file stores so the vault can be unlocked again. */
typedef struct
{
  guint8  salt[LW_VAULT_SALT_BYTES];
  guint64 opslimit;
  guint64 memlimit;
  guint32 key_version;
  guint8  wrapped_key[LW_VAULT_WRAPPED_BYTES];
} LwVaultHeader;

/* The most a file may ask of Argon2id: one flipped bit in the stored limits
 * must not make an unlock run for hours.  libsodium's SENSITIVE limits are 4
 * passes and 1 GiB; this program writes MODERATE (3 passes, 256 MiB). */
#define LW_VAULT_OPSLIMIT_MAX  8
#define LW_VAULT_MEMLIMIT_MAX  (G_GUINT64_CONSTANT (1) << 30)

/* Refuses limits outside libsodium's minimum and the maxima above, with a
 * message that says the file's settings are damaged (LW_ERROR_NOT_A_DATABASE). */
gboolean  lw_vault_check_limits   (const LwVaultHeader *header,
                                   GError     **error);

/* The Argon2id limits used for a new passphrase: libsodium's MODERATE (3 passes,
 * 256 MiB).  In a build configured with -Dtest_switches=true, and only there,
 * LEAD_WORKGROUP_TEST_WEAK_KDF=1 selects the minimum limits instead (README.md). */
void      lw_vault_default_limits (guint64 *opslimit,
                                   guint64 *memlimit);

/* Must be called once before any other function; disables core dumps. */
gboolean  lw_vault_init           (GError     **error);

LwVault  *lw_vault_create         (const char  *passphrase,
                                   gsize        passphrase_len,
                                   LwVaultHeader *out_header,
                                   GError     **error);
LwVault  *lw_vault_unlock         (const LwVaultHeader *header,
                                   const char  *passphrase,
                                   gsize        passphrase_len,
                                   GError     **error);
/* Wraps the same data key under a new passphrase (fresh salt). */
gboolean  lw_vault_rewrap         (LwVault     *vault,
                                   const char  *new_passphrase,
                                   gsize        new_passphrase_len,
                                   LwVaultHeader *out_header,
                                   GError     **error);
void      lw_vault_free           (LwVault     *vault);
guint32   lw_vault_key_version    (LwVault     *vault);

/* Sealing: XChaCha20-Poly1305 with a fresh random nonce.  The associated data binds
 * the value to its table, column, row and key version. */
guint8   *lw_vault_seal           (LwVault     *vault,
                                   const char  *table,
                                   const char  *column,
                                   gint64       row,
                                   const void  *plaintext,
                                   gsize        plaintext_len,
                                   gsize       *out_len);
/* Returns a NUL-terminated buffer (not counted in out_len) or NULL with
 * LW_ERROR_TAMPERED naming table, column and row. */
guint8   *lw_vault_open           (LwVault     *vault,
                                   const char  *table,
                                   const char  *column,
                                   gint64       row,
                                   const guint8 *sealed,
                                   gsize        sealed_len,
                                   gsize       *out_len,
                                   GError     **error);
/* Keyed BLAKE2b over data with the audit subkey. */
void      lw_vault_audit_mac      (LwVault     *vault,
                                   const guint8 *data,
                                   gsize        data_len,
                                   guint8       out[LW_VAULT_MAC_BYTES]);

/* Frees a string that held a sensitive value, wiping it first. */
void      lw_secret_free          (gpointer     str);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwVault, lw_vault_free)

G_END_DECLS
