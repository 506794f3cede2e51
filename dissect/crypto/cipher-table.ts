/**
 * Which implementation runs a suite's bulk cipher, read from its row (cipher, mode, key size),
 * never from its name. OpenSSL names follow `openssl list -cipher-algorithms`; Camellia-GCM and
 * SM4-GCM (RFC 6367, RFC 8998) have no OpenSSL GCM and run as GHASH over the ECB block cipher.
 */
import type { CipherCCMTypes } from 'node:crypto';
import type { CipherSuiteInfo } from '../tls/tables/index.js';

export type CipherEngine =
  /** NULL encryption: the fragment is the plaintext (RFC 5246 6.2.3.1). */
  | { readonly kind: 'none' }
  /** RC4 through OpenSSL when its legacy provider is loaded, otherwise the built-in RC4. */
  | { readonly kind: 'rc4' }
  | { readonly kind: 'cbc'; readonly openssl: string }
  /** OpenSSL GCM and ChaCha20-Poly1305, whose tags are 16 bytes in TLS. */
  | { readonly kind: 'aead'; readonly openssl: string }
  /** OpenSSL CCM, which must be told the tag length (16, or 8 for CCM_8). */
  | { readonly kind: 'ccm'; readonly openssl: CipherCCMTypes }
  | { readonly kind: 'gcm-over-ecb'; readonly openssl: string };

const NONE: CipherEngine = { kind: 'none' };
const cbc = (openssl: string): CipherEngine => ({ kind: 'cbc', openssl });
const aead = (openssl: string): CipherEngine => ({ kind: 'aead', openssl });
const ccm = (openssl: CipherCCMTypes): CipherEngine => ({ kind: 'ccm', openssl });
const gcmOverEcb = (openssl: string): CipherEngine => ({ kind: 'gcm-over-ecb', openssl });

/** Keyed by `${cipher}/${mode}/${bits of the key the cipher uses}`. */
const ENGINES: Readonly<Record<string, CipherEngine>> = {
  'NULL/null/0': NONE,
  'NULL/stream/0': NONE,
  'RC4/stream/128': { kind: 'rc4' },
  'RC2/cbc/128': cbc('rc2-cbc'),
  'DES/cbc/64': cbc('des-cbc'),
  '3DES/cbc/192': cbc('des-ede3-cbc'),
  'IDEA/cbc/128': cbc('idea-cbc'),
  'SEED/cbc/128': cbc('seed-cbc'),
  'AES/cbc/128': cbc('aes-128-cbc'),
  'AES/cbc/256': cbc('aes-256-cbc'),
  'CAMELLIA/cbc/128': cbc('camellia-128-cbc'),
  'CAMELLIA/cbc/256': cbc('camellia-256-cbc'),
  'ARIA/cbc/128': cbc('aria-128-cbc'),
  'ARIA/cbc/256': cbc('aria-256-cbc'),
  'AES/gcm/128': aead('aes-128-gcm'),
  'AES/gcm/256': aead('aes-256-gcm'),
  'AES/ccm/128': ccm('aes-128-ccm'),
  'AES/ccm/256': ccm('aes-256-ccm'),
  'AES/ccm8/128': ccm('aes-128-ccm'),
  'AES/ccm8/256': ccm('aes-256-ccm'),
  'ARIA/gcm/128': aead('aria-128-gcm'),
  'ARIA/gcm/256': aead('aria-256-gcm'),
  'CHACHA20/poly1305/256': aead('chacha20-poly1305'),
  'CAMELLIA/gcm/128': gcmOverEcb('camellia-128-ecb'),
  'CAMELLIA/gcm/256': gcmOverEcb('camellia-256-ecb'),
  'SM4/gcm/128': gcmOverEcb('sm4-ecb'),
};

/** Undefined for ciphers keyhole has no implementation of (GOST, Kuznyechik, SM4-CCM, ...). */
export function cipherEngine(suite: CipherSuiteInfo): CipherEngine | undefined {
  return ENGINES[`${suite.cipher}/${suite.mode}/${suite.expandedKeyLength * 8}`];
}
