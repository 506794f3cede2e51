/**
 * Writes TLS presentation-language bytes (RFC 8446 3) for messages no public capture holds, so
 * tests can build them from their RFC layout.
 */
import { concatBytes, fromHex } from '../../dissect/bytes.js';

export type Part = Uint8Array | string | readonly number[];

/** Hex strings, byte arrays and number lists, concatenated. */
export function wire(...parts: readonly Part[]): Uint8Array {
  return concatBytes(parts.map((part) => {
    if (typeof part !== 'string') return Uint8Array.from(part);
    const decoded = fromHex(part);
    if (decoded === undefined) throw new Error(`not hex: ${part}`);
    return decoded;
  }));
}

export function uint(value: number, size: 1 | 2 | 3 | 4): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[size - 1 - i] = Math.floor(value / 2 ** (8 * i)) & 0xff;
  return out;
}

/** `opaque data<..>` with a `size`-byte length prefix. */
export function vector(size: 1 | 2 | 3, ...parts: readonly Part[]): Uint8Array {
  const data = wire(...parts);
  return wire(uint(data.length, size), data);
}

export function extension(type: number, ...parts: readonly Part[]): Uint8Array {
  return wire(uint(type, 2), vector(2, ...parts));
}

export const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
