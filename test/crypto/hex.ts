/** Hex test vectors to bytes; a malformed vector is a bug in the test, so it throws. */
import { fromHex } from '../../dissect/bytes.js';

export function bytes(text: string): Uint8Array {
  const out = fromHex(text);
  if (out === undefined) throw new Error(`not hex: ${text.slice(0, 40)}`);
  return out;
}

export const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
