/* lw-vault.c: passphrase, key derivation, sealing and opening values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-vault"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <sodium.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "lw/lw-error.h"
#include "lw/lw-vault.h"
#include "lw-vault-private.h"

#define DATA_KEY_BYTES 32
#define SEAL_FORMAT    0x01
/* format byte + key version + nonce, before the ciphertext */
#define SEAL_HEADER    (1 + 4 + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)
#define KDF_CONTEXT    "LWvault1"

/* Subkey ids of crypto_kdf_derive_from_key(); stable, they are part of the format. */
enum {
  SUBKEY_SEAL = 1,
  SUBKEY_AUDIT = 3,
};

struct _LwVault
{
  guint32  key_version;
  guint8  *data_key;   /* sodium_malloc'd, read-only between uses */
  guint8  *seal_key;
  guint8  *audit_key;
};

static const char wrap_ad[] = "lead-workgroup data key v1";

void
lw_vault_default_limits (guint64 *opslimit,
                         guint64 *memlimit)
{
#ifdef LW_TEST_SWITCHES
  if (g_strcmp0 (g_getenv ("LEAD_WORKGROUP_TEST_WEAK_KDF"), "1") == 0)
    {
      *opslimit = crypto_pwhash_OPSLIMIT_MIN;
      *memlimit = crypto_pwhash_MEMLIMIT_MIN;
      return;
    }
#endif
  *opslimit = crypto_pwhash_OPSLIMIT_MODERATE;
  *memlimit = crypto_pwhash_MEMLIMIT_MODERATE;
}

gboolean
lw_vault_init (GError **error)
{
  static gsize initialized = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&initialized))
    {
      struct rlimit no_core = { 0, 0 };

      /* keys and opened values must never reach a core file */
      setrlimit (RLIMIT_CORE, &no_core);
      prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
      ok = sodium_init () >= 0;
      g_once_init_leave (&initialized, 1);
    }
  if (!ok)
    g_set_error (error, LW_ERROR, LW_ERROR_FAILED,
                 _("The cryptography library could not start"));
  return ok;
}

static guint8 *
secure_alloc (gsize size)
{
  guint8 *p = sodium_malloc (size);

  if (p == NULL)
    g_error ("out of secure memory");
  return p;
}

static LwVault *
vault_new (guint32 key_version)
{
  LwVault *vault = g_new0 (LwVault, 1);

  vault->key_version = key_version;
  vault->data_key = secure_alloc (DATA_KEY_BYTES);
  vault->seal_key = secure_alloc (crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  vault->audit_key = secure_alloc (crypto_generichash_KEYBYTES);
  return vault;
}

static void
derive_subkeys (LwVault *vault)
{
  crypto_kdf_derive_from_key (vault->seal_key, crypto_aead_xchacha20poly1305_ietf_KEYBYTES,
                              SUBKEY_SEAL, KDF_CONTEXT, vault->data_key);
  crypto_kdf_derive_from_key (vault->audit_key, crypto_generichash_KEYBYTES,
                              SUBKEY_AUDIT, KDF_CONTEXT, vault->data_key);
  sodium_mprotect_readonly (vault->data_key);
  sodium_mprotect_readonly (vault->seal_key);
  sodium_mprotect_readonly (vault->audit_key);
}

static gboolean
derive_wrapping_key (guint8        *out,
                     const char    *passphrase,
                     gsize          passphrase_len,
                     const LwVaultHeader *header,
                     GError       **error)
{
  if (crypto_pwhash (out, crypto_aead_xchacha20poly1305_ietf_KEYBYTES,
                     passphrase, passphrase_len, header->salt,
                     header->opslimit, header->memlimit,
                     crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_FAILED,
                   _("Not enough memory to derive the key from the passphrase"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
wrap (LwVault       *vault,
      const char    *passphrase,
      gsize          passphrase_len,
      LwVaultHeader *header,
      GError       **error)
{
  guint8 *kek = secure_alloc (crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  guint8 *nonce = header->wrapped_key;
  gboolean ok;

  randombytes_buf (header->salt, sizeof header->salt);
  lw_vault_default_limits (&header->opslimit, &header->memlimit);
  header->key_version = vault->key_version;

  ok = derive_wrapping_key (kek, passphrase, passphrase_len, header, error);
  if (ok)
    {
      randombytes_buf (nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
      crypto_aead_xchacha20poly1305_ietf_encrypt (nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, NULL,
                                                  vault->data_key, DATA_KEY_BYTES,
                                                  (const guint8 *) wrap_ad, sizeof wrap_ad - 1,
                                                  NULL, nonce, kek);
    }
  sodium_free (kek);
  return ok;
}

LwVault *
lw_vault_create (const char    *passphrase,
                 gsize          passphrase_len,
                 LwVaultHeader *out_header,
                 GError       **error)
{
  LwVault *vault;

  g_return_val_if_fail (passphrase != NULL, NULL);
  g_return_val_if_fail (out_header != NULL, NULL);

  if (!lw_vault_init (error))
    return NULL;

  vault = vault_new (1);
  randombytes_buf (vault->data_key, DATA_KEY_BYTES);
  if (!wrap (vault, passphrase, passphrase_len, out_header, error))
    {
      lw_vault_free (vault);
      return NULL;
    }
  derive_subkeys (vault);
  return vault;
}

gboolean
lw_vault_check_limits (const LwVaultHeader *header,
                       GError             **error)
{
  g_return_val_if_fail (header != NULL, FALSE);

  if (header->opslimit < crypto_pwhash_OPSLIMIT_MIN ||
      header->opslimit > LW_VAULT_OPSLIMIT_MAX ||
      header->memlimit < crypto_pwhash_MEMLIMIT_MIN ||
      header->memlimit > LW_VAULT_MEMLIMIT_MAX)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_NOT_A_DATABASE,
                   _("the file's key derivation settings are damaged (beyond %d passes or %d MiB, the most this program accepts); restore it from a backup"),
                   LW_VAULT_OPSLIMIT_MAX, (int) (LW_VAULT_MEMLIMIT_MAX >> 20));
      return FALSE;
    }
  return TRUE;
}

LwVault *
lw_vault_unlock (const LwVaultHeader *header,
                 const char          *passphrase,
                 gsize                passphrase_len,
                 GError             **error)
{
  LwVault *vault;
  guint8 *kek;
  const guint8 *nonce = header->wrapped_key;
  int rc;

  g_return_val_if_fail (header != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);

  if (!lw_vault_init (error))
    return NULL;

  if (!lw_vault_check_limits (header, error))
    return NULL;

  kek = secure_alloc (crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  if (!derive_wrapping_key (kek, passphrase, passphrase_len, header, error))
    {
      sodium_free (kek);
      return NULL;
    }

  vault = vault_new (header->key_version);
  rc = crypto_aead_xchacha20poly1305_ietf_decrypt (vault->data_key, NULL, NULL,
                                                   nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
                                                   DATA_KEY_BYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES,
                                                   (const guint8 *) wrap_ad, sizeof wrap_ad - 1,
                                                   nonce, kek);
  sodium_free (kek);
  if (rc != 0)
    {
      lw_vault_free (vault);
      g_set_error (error, LW_ERROR, LW_ERROR_WRONG_PASSPHRASE,
                   _("Wrong passphrase. Try again; nothing was changed."));
      return NULL;
    }
  derive_subkeys (vault);
  return vault;
}

gboolean
lw_vault_rewrap (LwVault       *vault,
                 const char    *new_passphrase,
                 gsize          new_passphrase_len,
                 LwVaultHeader *out_header,
                 GError       **error)
{
  g_return_val_if_fail (vault != NULL, FALSE);
  g_return_val_if_fail (new_passphrase != NULL, FALSE);

  return wrap (vault, new_passphrase, new_passphrase_len, out_header, error);
}

LwVault *
_lw_vault_copy (LwVault *vault)
{
  LwVault *copy;

  g_return_val_if_fail (vault != NULL, NULL);

  copy = vault_new (vault->key_version);
  sodium_mprotect_readwrite (copy->data_key);
  sodium_mprotect_readwrite (copy->seal_key);
  sodium_mprotect_readwrite (copy->audit_key);
  memcpy (copy->data_key, vault->data_key, DATA_KEY_BYTES);
  memcpy (copy->seal_key, vault->seal_key, crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  memcpy (copy->audit_key, vault->audit_key, crypto_generichash_KEYBYTES);
  sodium_mprotect_readonly (copy->data_key);
  sodium_mprotect_readonly (copy->seal_key);
  sodium_mprotect_readonly (copy->audit_key);
  return copy;
}

void
lw_vault_free (LwVault *vault)
{
  if (vault == NULL)
    return;
  /* sodium_free() wipes before unmapping */
  sodium_free (vault->data_key);
  sodium_free (vault->seal_key);
  sodium_free (vault->audit_key);
  g_free (vault);
}

guint32
lw_vault_key_version (LwVault *vault)
{
  g_return_val_if_fail (vault != NULL, 0);
  return vault->key_version;
}

/* table \0 column \0 row(8, little endian) key_version(4, little endian) */
static gsize
build_ad (guint8     *buf,
          gsize       size,
          const char *table,
          const char *column,
          gint64      row,
          guint32     key_version)
{
  gsize t = strlen (table), c = strlen (column);
  gsize n = t + 1 + c + 1 + 8 + 4;
  guint64 r = GUINT64_TO_LE ((guint64) row);
  guint32 k = GUINT32_TO_LE (key_version);

  g_assert (n <= size);
  memcpy (buf, table, t + 1);
  memcpy (buf + t + 1, column, c + 1);
  memcpy (buf + t + c + 2, &r, 8);
  memcpy (buf + t + c + 10, &k, 4);
  return n;
}

guint8 *
lw_vault_seal (LwVault    *vault,
               const char *table,
               const char *column,
               gint64      row,
               const void *plaintext,
               gsize       plaintext_len,
               gsize      *out_len)
{
  guint8 ad[256];
  gsize ad_len;
  guint8 *out;
  guint32 kv;

  g_return_val_if_fail (vault != NULL, NULL);
  g_return_val_if_fail (out_len != NULL, NULL);

  ad_len = build_ad (ad, sizeof ad, table, column, row, vault->key_version);
  *out_len = SEAL_HEADER + plaintext_len + crypto_aead_xchacha20poly1305_ietf_ABYTES;
  out = g_malloc (*out_len);
  out[0] = SEAL_FORMAT;
  kv = GUINT32_TO_LE (vault->key_version);
  memcpy (out + 1, &kv, 4);
  randombytes_buf (out + 5, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  crypto_aead_xchacha20poly1305_ietf_encrypt (out + SEAL_HEADER, NULL,
                                              plaintext, plaintext_len,
                                              ad, ad_len, NULL, out + 5,
                                              vault->seal_key);
  return out;
}

guint8 *
lw_vault_open (LwVault      *vault,
               const char   *table,
               const char   *column,
               gint64        row,
               const guint8 *sealed,
               gsize         sealed_len,
               gsize        *out_len,
               GError      **error)
{
  guint8 ad[256];
  gsize ad_len;
  guint8 *out;
  guint32 kv;
  unsigned long long len = 0;

  g_return_val_if_fail (vault != NULL, NULL);

  if (sealed == NULL || sealed_len < SEAL_HEADER + crypto_aead_xchacha20poly1305_ietf_ABYTES ||
      sealed[0] != SEAL_FORMAT)
    goto tampered;

  memcpy (&kv, sealed + 1, 4);
  kv = GUINT32_FROM_LE (kv);
  ad_len = build_ad (ad, sizeof ad, table, column, row, kv);
  out = g_malloc (sealed_len - SEAL_HEADER - crypto_aead_xchacha20poly1305_ietf_ABYTES + 1);
  if (kv != vault->key_version ||
      crypto_aead_xchacha20poly1305_ietf_decrypt (out, &len, NULL,
                                                  sealed + SEAL_HEADER, sealed_len - SEAL_HEADER,
                                                  ad, ad_len, sealed + 5,
                                                  vault->seal_key) != 0)
    {
      g_free (out);
      goto tampered;
    }
  out[len] = '\0';
  if (out_len)
    *out_len = len;
  return out;

tampered:
  g_set_error (error, LW_ERROR, LW_ERROR_TAMPERED,
               _("The sealed value in table %s, column %s, row %" PRId64
                 " does not open: it was altered or moved"),
               table, column, row);
  return NULL;
}

void
lw_vault_audit_mac (LwVault      *vault,
                    const guint8 *data,
                    gsize         data_len,
                    guint8        out[LW_VAULT_MAC_BYTES])
{
  g_return_if_fail (vault != NULL);

  crypto_generichash (out, LW_VAULT_MAC_BYTES, data, data_len,
                      vault->audit_key, crypto_generichash_KEYBYTES);
}

void
lw_secret_free (gpointer str)
{
  if (str == NULL)
    return;
  sodium_memzero (str, strlen (str));
  g_free (str);
}
