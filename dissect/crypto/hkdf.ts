/**
 * HKDF (RFC 5869 2.2, 2.3) over HMAC. node:crypto's hkdf only runs extract and expand together;
 * TLS 1.3 expands secrets that are already pseudo-random keys, so the two steps are separate here.
 */
import { type HashName, hashLength, hmac } from './hash.js';

/** RFC 5869 2.2: PRK = HMAC-Hash(salt, IKM); an empty salt stands for HashLen zero bytes. */
export function hkdfExtract(hash: HashName, salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  return hmac(hash, salt.length === 0 ? new Uint8Array(hashLength(hash)) : salt, ikm);
}

/** RFC 5869 2.3: T(i) = HMAC-Hash(PRK, T(i-1) | info | i); undefined past 255 blocks. */
export function hkdfExpand(hash: HashName, prk: Uint8Array, info: Uint8Array, length: number): Uint8Array | undefined {
  const blockLength = hashLength(hash);
  if (length > 255 * blockLength) return undefined;
  const out = new Uint8Array(length);
  let previous: Uint8Array = new Uint8Array(0);
  for (let i = 1, at = 0; at < length; i++, at += blockLength) {
    previous = hmac(hash, prk, previous, info, Uint8Array.of(i));
    out.set(previous.subarray(0, length - at), at);
  }
  return out;
}
