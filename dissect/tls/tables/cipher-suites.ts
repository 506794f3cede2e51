/**
 * IANA "TLS Cipher Suites" registry (RFC 8446 B.4, RFC 5246 A.5 and the RFCs each row names).
 * Rows are being filled in; the lookup functions are final.
 */
import { isGrease16 } from './grease.js';
import { hexValue } from './registry.js';
import type { CipherSuiteInfo } from './types.js';

export const CIPHER_SUITES: ReadonlyMap<number, CipherSuiteInfo> = new Map();

export function cipherSuite(id: number): CipherSuiteInfo | undefined {
  return CIPHER_SUITES.get(id);
}

export function cipherSuiteName(id: number): string {
  const known = CIPHER_SUITES.get(id);
  if (known !== undefined) return known.name;
  return isGrease16(id) ? `GREASE (${hexValue(id, 2)})` : hexValue(id, 2);
}
