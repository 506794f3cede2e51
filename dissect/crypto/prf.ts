/**
 * The pseudo-random functions that turn secrets into keys before TLS 1.3: SSL 3.0's MD5/SHA-1
 * construction (RFC 6101 6.1, 6.2.2), TLS 1.0 and 1.1's P_MD5 xor P_SHA-1 over the two halves of
 * the secret (RFC 2246 5) and TLS 1.2's single P_hash (RFC 5246 5).
 */
import { concatBytes } from '../bytes.js';
import type { PrfHash } from '../tls/tables/index.js';
import { type HashName, digest, hmac, prfHashName } from './hash.js';
import { type Generation, versionTraits } from './protocol-version.js';

const encoder = new TextEncoder();

/** RFC 5246 5: P_hash(secret, seed) = HMAC(secret, A(1) + seed) + HMAC(secret, A(2) + seed) + ... */
export function pHash(hash: HashName, secret: Uint8Array, seed: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let a = seed;
  for (let at = 0; at < length; ) {
    a = hmac(hash, secret, a);
    const block = hmac(hash, secret, a, seed);
    out.set(block.subarray(0, length - at), at);
    at += block.length;
  }
  return out;
}

/** RFC 2246 5: the halves overlap by one byte when the secret's length is odd. */
export function tls10Prf(secret: Uint8Array, label: string, seed: Uint8Array, length: number): Uint8Array {
  const half = Math.ceil(secret.length / 2);
  const labelAndSeed = concatBytes([encoder.encode(label), seed]);
  const md5 = pHash('md5', secret.subarray(0, half), labelAndSeed, length);
  const sha1 = pHash('sha1', secret.subarray(secret.length - half), labelAndSeed, length);
  for (let i = 0; i < length; i++) md5[i] = (md5[i] ?? 0) ^ (sha1[i] ?? 0);
  return md5;
}

export function tls12Prf(hash: HashName, secret: Uint8Array, label: string, seed: Uint8Array, length: number): Uint8Array {
  return pHash(hash, secret, concatBytes([encoder.encode(label), seed]), length);
}

/** SSL 3.0 salts its rounds with 'A', 'BB', 'CCC', ...; the alphabet bounds the output. */
const SSL3_ROUNDS = 26;
const SSL3_BLOCK = 16;

/**
 * RFC 6101 6.1: MD5(secret + SHA(salt + secret + seed)) per 16-byte block. SSL 3.0 has no labels:
 * the order of the randoms in the seed tells master secret and key block apart. Undefined past
 * the 416 bytes the construction can give.
 */
export function ssl3Prf(secret: Uint8Array, seed: Uint8Array, length: number): Uint8Array | undefined {
  if (length > SSL3_ROUNDS * SSL3_BLOCK) return undefined;
  const out = new Uint8Array(length);
  for (let round = 0; round * SSL3_BLOCK < length; round++) {
    const salt = new Uint8Array(round + 1).fill(0x41 + round);
    const block = digest('md5', secret, digest('sha1', salt, secret, seed));
    out.set(block.subarray(0, length - round * SSL3_BLOCK), round * SSL3_BLOCK);
  }
  return out;
}

type Prf = (prfHash: PrfHash, secret: Uint8Array, label: string, seed: Uint8Array, length: number) => Uint8Array | undefined;

const PRF_BY_GENERATION = {
  ssl3: (_prfHash, secret, _label, seed, length) => ssl3Prf(secret, seed, length),
  tls10: (_prfHash, secret, label, seed, length) => tls10Prf(secret, label, seed, length),
  tls11: (_prfHash, secret, label, seed, length) => tls10Prf(secret, label, seed, length),
  tls12: (prfHash, secret, label, seed, length) => {
    const hash = prfHashName(prfHash);
    return hash === undefined ? undefined : tls12Prf(hash, secret, label, seed, length);
  },
  tls13: () => undefined,
} as const satisfies Record<Generation, Prf>;

/**
 * The PRF of a negotiated version (DTLS 1.0 uses TLS 1.0's, DTLS 1.2 TLS 1.2's with the suite's
 * hash). Undefined for TLS 1.3, which has HKDF instead, and for versions keyhole cannot decrypt.
 */
export function prf(
  version: number, prfHash: PrfHash, secret: Uint8Array, label: string, seed: Uint8Array, length: number,
): Uint8Array | undefined {
  const traits = versionTraits(version);
  return traits === undefined ? undefined : PRF_BY_GENERATION[traits.generation](prfHash, secret, label, seed, length);
}
