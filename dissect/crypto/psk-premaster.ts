/**
 * The pre-master secret of pre-shared-key suites (RFC 4279 2): other_secret<0..2^16-1> ||
 * psk<0..2^16-1>. Plain PSK uses as many zero bytes as the PSK is long; DHE_PSK and ECDHE_PSK
 * (RFC 4279 3, RFC 5489 2) the Diffie-Hellman shared secret; RSA_PSK (RFC 4279 4) the 48 bytes
 * the client encrypted.
 */
import { concatBytes } from '../bytes.js';

const MAX_VECTOR = 0xffff;

function withLength(bytes: Uint8Array): Uint8Array {
  return concatBytes([Uint8Array.of(bytes.length >> 8, bytes.length & 0xff), bytes]);
}

/** Undefined when either part is too long for its 16-bit length. */
export function pskPreMaster(psk: Uint8Array, otherSecret?: Uint8Array): Uint8Array | undefined {
  const other = otherSecret ?? new Uint8Array(psk.length);
  if (psk.length > MAX_VECTOR || other.length > MAX_VECTOR) return undefined;
  return concatBytes([withLength(other), withLength(psk)]);
}
