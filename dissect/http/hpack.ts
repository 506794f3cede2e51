/**
 * HPACK header block decoding (RFC 7541): integers with an N-bit prefix (5.1), string literals,
 * plain or Huffman-coded (5.2), the six field representations (6.1-6.3) over the static table and
 * a dynamic table with size-based eviction (4). One decoder per direction of a connection, fed
 * every header block of that direction in order, since blocks change the table for later ones.
 */
import { invalid, needMore, ok, type DecodeResult } from '../decode-result.js';
import { diagnostic } from '../diagnostics.js';
import { latin1, type HttpHeader } from './headers.js';
import { huffmanDecode } from './hpack-huffman.js';
import { STATIC_TABLE } from './hpack-static-table.js';

/** RFC 7541 4.1: each entry costs its name and value octets plus 32. */
const ENTRY_OVERHEAD = 32;
const DEFAULT_TABLE_SIZE = 4096;
/** Integers are capped well below 2^53 so that hostile continuations cannot grow forever. */
const MAX_INTEGER = 2 ** 32;

/** RFC 7541 5.1; the prefix is the low `bits` of bytes[at]. */
export function decodeInteger(bytes: Uint8Array, at: number, bits: number): DecodeResult<number> {
  const first = bytes[at];
  if (first === undefined) return needMore();
  const max = (1 << bits) - 1;
  let value = first & max;
  if (value < max) return ok(value, 1);
  let shift = 0;
  for (let i = at + 1; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (value > MAX_INTEGER) return invalid(diagnostic('http2.hpack', 'an HPACK integer is too large'));
    if ((b & 0x80) === 0) return ok(value, i - at + 1);
  }
  return needMore();
}

/** RFC 7541 5.2: H bit, 7-bit-prefix length, octets. */
export function decodeString(bytes: Uint8Array, at: number): DecodeResult<string> {
  const huffman = ((bytes[at] ?? 0) & 0x80) !== 0;
  const length = decodeInteger(bytes, at, 7);
  if (length.kind !== 'ok') return length;
  const start = at + length.used;
  const end = start + length.value;
  if (end > bytes.length) return needMore(end - bytes.length);
  const raw = bytes.subarray(start, end);
  const text = huffman ? huffmanDecode(raw) : raw;
  if (text === undefined) return invalid(diagnostic('http2.hpack', 'a Huffman-coded string literal is invalid'));
  return ok(latin1(text), end - at);
}

interface Entry {
  readonly name: string;
  readonly value: string;
}

/** Field representations (RFC 7541 6): first-byte pattern, prefix bits, whether the field enters the table. */
const REPRESENTATIONS = [
  { mask: 0x80, pattern: 0x80, kind: 'indexed', prefix: 7 },
  { mask: 0xc0, pattern: 0x40, kind: 'literal', prefix: 6, index: true },
  { mask: 0xe0, pattern: 0x20, kind: 'size-update', prefix: 5 },
  { mask: 0xf0, pattern: 0x10, kind: 'literal', prefix: 4, index: false },
  { mask: 0xf0, pattern: 0x00, kind: 'literal', prefix: 4, index: false },
] as const;

export class HpackDecoder {
  /** Newest first, as dynamic indexes count (RFC 7541 2.3.3). */
  private readonly dynamic: Entry[] = [];
  private size = 0;
  private maxSize: number;

  constructor(private limit = DEFAULT_TABLE_SIZE) {
    this.maxSize = limit;
  }

  /**
   * The receiver's SETTINGS_HEADER_TABLE_SIZE (RFC 9113 6.5.2): the most the encoder may use. The
   * table itself changes only when the encoder says so with a size update (RFC 7541 4.2), since
   * blocks it sent before seeing the setting still use the old size.
   */
  setLimit(limit: number): void {
    this.limit = limit;
  }

  get tableSize(): number {
    return this.size;
  }

  get entries(): readonly Entry[] {
    return this.dynamic;
  }

  /** Decodes a whole header block; on an error the table may be left part-way, as it would be for the peer. */
  decode(block: Uint8Array): DecodeResult<HttpHeader[]> {
    const headers: HttpHeader[] = [];
    let at = 0;
    while (at < block.length) {
      const step = this.field(block, at);
      if (step.kind === 'need-more') return invalid(diagnostic('http2.hpack', `a header block ends inside a field representation at byte ${at}`));
      if (step.kind === 'invalid') return step;
      if (step.value !== undefined) headers.push(step.value);
      at += step.used;
    }
    return ok(headers, at);
  }

  private field(block: Uint8Array, at: number): DecodeResult<HttpHeader | undefined> {
    const first = block[at] ?? 0;
    const rep = REPRESENTATIONS.find((r) => (first & r.mask) === r.pattern) ?? REPRESENTATIONS[4];
    const index = decodeInteger(block, at, rep.prefix);
    if (index.kind !== 'ok') return index;
    if (rep.kind === 'indexed') {
      const entry = this.lookup(index.value);
      return entry === undefined ? invalid(diagnostic('http2.hpack', `HPACK index ${index.value} is not in the table`)) : ok(entry, index.used);
    }
    if (rep.kind === 'size-update') {
      if (index.value > this.limit) return invalid(diagnostic('http2.hpack', `a dynamic table size update to ${index.value} exceeds the ${this.limit} allowed`));
      this.resize(index.value);
      return ok(undefined, index.used);
    }
    let used = index.used;
    let name: string;
    if (index.value === 0) {
      const literal = decodeString(block, at + used);
      if (literal.kind !== 'ok') return literal;
      name = literal.value;
      used += literal.used;
    } else {
      const entry = this.lookup(index.value);
      if (entry === undefined) return invalid(diagnostic('http2.hpack', `HPACK name index ${index.value} is not in the table`));
      name = entry.name;
    }
    const value = decodeString(block, at + used);
    if (value.kind !== 'ok') return value;
    used += value.used;
    if (rep.index) this.insert({ name, value: value.value });
    return ok({ name, value: value.value }, used);
  }

  private lookup(index: number): Entry | undefined {
    if (index === 0) return undefined;
    const fixed = STATIC_TABLE[index - 1];
    if (fixed !== undefined) return { name: fixed[0], value: fixed[1] };
    return this.dynamic[index - STATIC_TABLE.length - 1];
  }

  private insert(entry: Entry): void {
    const cost = entry.name.length + entry.value.length + ENTRY_OVERHEAD;
    // RFC 7541 4.4: an entry larger than the table empties it and is not added.
    this.evictTo(this.maxSize - cost);
    if (cost > this.maxSize) return;
    this.dynamic.unshift(entry);
    this.size += cost;
  }

  private resize(maxSize: number): void {
    this.maxSize = maxSize;
    this.evictTo(maxSize);
  }

  private evictTo(size: number): void {
    while (this.size > Math.max(0, size)) {
      const oldest = this.dynamic.pop();
      if (oldest === undefined) break;
      this.size -= oldest.name.length + oldest.value.length + ENTRY_OVERHEAD;
    }
  }
}
