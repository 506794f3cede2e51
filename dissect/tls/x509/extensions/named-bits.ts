/** X.680 22.7 named bits: BIT STRING extensions whose set bits each carry a name (RFC 5280 4.2.1.3). */
import { diagnostic } from '../../../diagnostics.js';
import { invalid, ok, type DecodeResult } from '../../../decode-result.js';
import { DER_TAG, readWhole, setBits } from '../der.js';

export interface BitRow {
  readonly name: string;
  readonly title: string;
}

/** Names of the set bits; a bit beyond the table is named by its number so nothing is lost. */
export function namedBits(body: Uint8Array, rows: readonly BitRow[], what: string): DecodeResult<string[]> {
  const bits = readWhole(body, DER_TAG.bitString);
  if (bits === undefined || bits.content.length === 0) return invalid(diagnostic('x509.extension-malformed', `${what} is not a BIT STRING`));
  return ok(setBits(bits.content).map((bit) => rows[bit]?.name ?? `bit${bit}`), body.length);
}

/** "Digital Signature, Key Encipherment": the titles `openssl x509 -text` prints. */
export function bitTitles(rows: readonly BitRow[], names: readonly string[]): string {
  return names.map((name) => rows.find((row) => row.name === name)?.title ?? name).join(', ');
}
