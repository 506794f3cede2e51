/**
 * ITU-T X.690 8.1 (BER/DER tag-length-value framing). Only what keyhole needs beside the ASN.1
 * library: the outer length of a certificate (to tell "cut short" from "malformed"), the exact
 * bytes of fields that are hashed (SubjectPublicKeyInfo), and small bodies the library has no
 * schema for (RSA keys, algorithm parameters, SCT lists, TLS features).
 */
import { diagnostic } from '../../diagnostics.js';
import { invalid, needMore, ok, type DecodeResult } from '../../decode-result.js';
import { hex } from '../../bytes.js';

export interface Tlv {
  /** The identifier octet (class, constructed bit and tag number together, e.g. 0x30). */
  readonly tag: number;
  /** Offset of the identifier octet in the bytes it was read from. */
  readonly start: number;
  /** Offset just past the content. */
  readonly end: number;
  readonly content: Uint8Array;
  /** Identifier, length and content: the whole encoding. */
  readonly encoding: Uint8Array;
}

export const DER_TAG = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  sequence: 0x30,
  set: 0x31,
} as const;

/** Long-form lengths longer than this cannot describe anything keyhole would hold in memory. */
const MAX_LENGTH_OCTETS = 4;
const HIGH_TAG_NUMBER = 0x1f;

function malformed(message: string): DecodeResult<never> {
  return invalid(diagnostic('x509.malformed', message));
}

/** Reads one TLV at `at`; need-more when the bytes stop inside it. */
export function readTlv(bytes: Uint8Array, at = 0): DecodeResult<Tlv> {
  const tag = bytes[at];
  const first = bytes[at + 1];
  if (tag === undefined || first === undefined) return needMore(at + 2);
  if ((tag & HIGH_TAG_NUMBER) === HIGH_TAG_NUMBER) return malformed(`multi-octet tag 0x${hex(bytes.subarray(at, at + 2))} at offset ${at}`);
  let length = first;
  let header = 2;
  if (first & 0x80) {
    const octets = first & 0x7f;
    if (octets === 0) return malformed(`indefinite length at offset ${at}, which DER forbids`);
    if (octets > MAX_LENGTH_OCTETS) return malformed(`a ${octets}-octet length at offset ${at}`);
    if (bytes.length < at + 2 + octets) return needMore(at + 2 + octets);
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + (bytes[at + 2 + i] ?? 0);
    header += octets;
  }
  const end = at + header + length;
  if (bytes.length < end) return needMore(end);
  return ok({ tag, start: at, end, content: bytes.subarray(at + header, end), encoding: bytes.subarray(at, end) }, end - at);
}

/** The TLVs inside a constructed value, or undefined when they do not exactly fill it. */
export function readChildren(content: Uint8Array): Tlv[] | undefined {
  const children: Tlv[] = [];
  let at = 0;
  while (at < content.length) {
    const child = readTlv(content, at);
    if (child.kind !== 'ok') return undefined;
    children.push(child.value);
    at = child.value.end;
  }
  return children;
}

/** Reads exactly one TLV of the expected tag filling `bytes`. */
export function readWhole(bytes: Uint8Array, tag: number): Tlv | undefined {
  const tlv = readTlv(bytes);
  return tlv.kind === 'ok' && tlv.value.tag === tag && tlv.value.end === bytes.length ? tlv.value : undefined;
}

/** An INTEGER's magnitude without the sign-padding zero octet DER adds before a high bit. */
export function unsignedMagnitude(content: Uint8Array): Uint8Array {
  let start = 0;
  while (start < content.length - 1 && content[start] === 0) start++;
  return content.subarray(start);
}

/** Number of significant bits of a non-negative INTEGER's content (the "key size" of a modulus). */
export function bitLength(content: Uint8Array): number {
  const magnitude = unsignedMagnitude(content);
  const lead = magnitude[0] ?? 0;
  if (lead === 0) return 0;
  return (magnitude.length - 1) * 8 + (32 - Math.clz32(lead));
}

/** A small non-negative INTEGER as a number, or undefined when it would lose precision. */
export function smallInteger(content: Uint8Array): number | undefined {
  if ((content[0] ?? 0) & 0x80) return undefined;
  let value = 0;
  for (const octet of unsignedMagnitude(content)) value = value * 256 + octet;
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Dotted-decimal text of an OBJECT IDENTIFIER's content (X.690 8.19). */
export function oidText(content: Uint8Array): string | undefined {
  const arcs: number[] = [];
  let value = 0;
  for (let i = 0; i < content.length; i++) {
    const octet = content[i] ?? 0;
    value = value * 128 + (octet & 0x7f);
    if (!Number.isSafeInteger(value)) return undefined;
    if (octet & 0x80) continue;
    if (arcs.length === 0) {
      const first = value < 80 ? Math.floor(value / 40) : 2;
      arcs.push(first, value - first * 40);
    } else {
      arcs.push(value);
    }
    value = 0;
  }
  if (arcs.length === 0 || (content[content.length - 1] ?? 0) & 0x80) return undefined;
  return arcs.join('.');
}

/** Indices of the set bits of a BIT STRING's content (X.690 8.6: the first octet counts unused bits). */
export function setBits(content: Uint8Array): number[] {
  const unused = content[0] ?? 0;
  const total = Math.max(0, (content.length - 1) * 8 - unused);
  const bits: number[] = [];
  for (let bit = 0; bit < total; bit++) {
    if (((content[1 + (bit >> 3)] ?? 0) >> (7 - (bit & 7))) & 1) bits.push(bit);
  }
  return bits;
}
