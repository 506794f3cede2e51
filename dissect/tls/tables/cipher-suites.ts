/**
 * IANA "TLS Cipher Suites" registry (RFC 8446 B.4, RFC 5246 A.5 and the RFCs named in
 * cipher-suite-names.ts), built once into complete rows that record decryption reads.
 */
import { attributesFromName } from './cipher-suite-grammar.js';
import { SUITE_EXCEPTIONS } from './cipher-suite-exceptions.js';
import { CIPHER_SUITE_NAMES, UNDESCRIBED_SUITE_NAMES } from './cipher-suite-names.js';
import { type Namer, byWireValue, greasedRegistry, namer } from './registry.js';
import type { CipherSuiteInfo } from './types.js';

function buildRows(): ReadonlyMap<number, CipherSuiteInfo> {
  const rows = new Map<number, CipherSuiteInfo>();
  for (const [idText, name] of Object.entries(CIPHER_SUITE_NAMES)) {
    const id = Number(idText);
    const attributes = SUITE_EXCEPTIONS[id] ?? attributesFromName(name);
    // A name outside the grammar with no exception row is a table bug the tests catch; the suite
    // still prints by name.
    if (attributes !== undefined) rows.set(id, { id, name, ...attributes });
  }
  return rows;
}

export const CIPHER_SUITES: ReadonlyMap<number, CipherSuiteInfo> = buildRows();

export function cipherSuite(id: number): CipherSuiteInfo | undefined {
  return CIPHER_SUITES.get(id);
}

/** The IANA name, e.g. "TLS_RSA_WITH_AES_128_CBC_SHA"; hex for unassigned values. */
export const cipherSuiteName: Namer = namer(
  greasedRegistry(byWireValue({ ...UNDESCRIBED_SUITE_NAMES, ...CIPHER_SUITE_NAMES })),
);
