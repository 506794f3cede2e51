/**
 * Comparing one field value with one literal, per field type (Wireshark ftypes semantics):
 * addresses match a network when their first `prefix` bits agree; strings order by code
 * units, byte strings by length and then byte by byte; "contains" looks for a substring or a
 * byte run.
 */
import { equalBytes } from '../bytes.js';
import type { Literal } from './literals.js';
import type { FieldValue } from './values.js';

export function valueEquals(value: FieldValue, literal: Literal): boolean {
  switch (literal.kind) {
    case 'number':
    case 'string':
      return value === literal.value;
    case 'bytes':
      return value instanceof Uint8Array && equalBytes(value, literal.value);
    case 'network':
      return value instanceof Uint8Array && inNetwork(value, literal.address, literal.prefix);
  }
}

/** Negative, zero or positive as `value` sorts before, with or after the literal; undefined when they do not order. */
export function valueOrder(value: FieldValue, literal: Literal): number | undefined {
  const other = literal.kind === 'network' ? literal.address : literal.value;
  if (typeof value === 'number' && typeof other === 'number') return value - other;
  if (typeof value === 'string' && typeof other === 'string') return value < other ? -1 : value > other ? 1 : 0;
  if (value instanceof Uint8Array && other instanceof Uint8Array) return compareBytes(value, other);
  return undefined;
}

export function valueContains(value: FieldValue, literal: Literal): boolean {
  if (typeof value === 'string') return literal.kind === 'string' && value.includes(literal.value);
  if (!(value instanceof Uint8Array)) return false;
  const needle = literal.kind === 'bytes' ? literal.value : literal.kind === 'string' ? new TextEncoder().encode(literal.value) : undefined;
  return needle !== undefined && indexOfBytes(value, needle) >= 0;
}

/** A value of a field, turned into a literal so two fields can be compared with each other. */
export function literalOf(value: FieldValue): Literal {
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'string') return { kind: 'string', value };
  return { kind: 'bytes', value };
}

function inNetwork(address: Uint8Array, network: Uint8Array, prefix: number): boolean {
  if (address.length !== network.length) return false;
  const whole = prefix >> 3;
  for (let i = 0; i < whole; i++) if (address[i] !== network[i]) return false;
  const rest = prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((address[whole] ?? 0) & mask) === ((network[whole] ?? 0) & mask);
}

/** Wireshark's FT_BYTES order: the shorter string first, then byte by byte (tshark 4.0: a 32-byte random is >= 80:00). */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  if (needle.length === 0) return 0;
  const first = needle[0];
  for (let i = haystack.indexOf(first ?? 0); i >= 0 && i + needle.length <= haystack.length; i = haystack.indexOf(first ?? 0, i + 1)) {
    if (equalBytes(haystack.subarray(i, i + needle.length), needle)) return i;
  }
  return -1;
}
