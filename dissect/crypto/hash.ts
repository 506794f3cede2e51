/**
 * Digests and HMAC (RFC 2104) over Uint8Array, through node:crypto, for the TLS PRFs (RFC 5246 5),
 * HKDF (RFC 5869) and record MACs (RFC 5246 6.2.3.1).
 */
import { createHash, createHmac } from 'node:crypto';
import type { MacAlgorithm, PrfHash } from '../tls/tables/index.js';

export type HashName = 'md5' | 'sha1' | 'sha256' | 'sha384' | 'sha512' | 'sm3';

const HASH_LENGTHS = { md5: 16, sha1: 20, sha256: 32, sha384: 48, sha512: 64, sm3: 32 } as const satisfies Record<HashName, number>;

/** The hash behind a suite's record MAC; AEAD, NULL and GOST suites have none we compute. */
const MAC_HASHES = {
  MD5: 'md5',
  SHA1: 'sha1',
  SHA256: 'sha256',
  SHA384: 'sha384',
  NULL: undefined,
  AEAD: undefined,
  GOST: undefined,
} as const satisfies Record<MacAlgorithm, HashName | undefined>;

/**
 * The hash of the TLS 1.2 PRF and TLS 1.3 HKDF. A row saying 'legacy' negotiated in TLS 1.2 uses
 * SHA-256, the RFC 5246 5 default. OpenSSL has no Streebog (RFC 9189), so GOST suites get none.
 */
const PRF_HASHES = {
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
  sm3: 'sm3',
  streebog256: undefined,
  legacy: 'sha256',
} as const satisfies Record<PrfHash, HashName | undefined>;

export function hashLength(hash: HashName): number {
  return HASH_LENGTHS[hash];
}

export function macHash(mac: MacAlgorithm): HashName | undefined {
  return MAC_HASHES[mac];
}

export function prfHashName(prfHash: PrfHash): HashName | undefined {
  return PRF_HASHES[prfHash];
}

/** A plain Uint8Array view of what node:crypto returns, so callers never meet Buffer semantics. */
export function fromBuffer(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export function digest(hash: HashName, ...parts: readonly Uint8Array[]): Uint8Array {
  const h = createHash(hash);
  for (const part of parts) h.update(part);
  return fromBuffer(h.digest());
}

export function hmac(hash: HashName, key: Uint8Array, ...parts: readonly Uint8Array[]): Uint8Array {
  const h = createHmac(hash, key);
  for (const part of parts) h.update(part);
  return fromBuffer(h.digest());
}
