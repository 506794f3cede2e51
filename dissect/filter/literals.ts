/**
 * Unquoted and quoted literals of a display filter, read according to the field they are
 * compared with (Wireshark 4.0 resolves "unparsed" literals against the field's type the same
 * way): integers in decimal, 0x hex or 0-prefixed octal; IPv4 and IPv6 addresses with an optional
 * /prefix (CIDR, RFC 4632 and RFC 4291 2.3); MAC addresses and byte strings as hex with ":", "-"
 * or "." separators; strings quoted or bare.
 */
import { fromHex } from '../bytes.js';
import type { FieldType } from './values.js';

export type Literal =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'bytes'; readonly value: Uint8Array }
  /** An address with a prefix length (the full length for a plain address). */
  | { readonly kind: 'network'; readonly address: Uint8Array; readonly prefix: number };

type Reader = (text: string, quoted: boolean) => Literal | undefined;

const INTEGER = /^-?(0x[0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/;

function readInteger(text: string): Literal | undefined {
  if (!INTEGER.test(text)) return undefined;
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  const value = digits.startsWith('0x') ? parseInt(digits.slice(2), 16) : digits.length > 1 && digits.startsWith('0') ? parseInt(digits.slice(1), 8) : Number(digits);
  return { kind: 'number', value: negative ? -value : value };
}

const BOOLEAN_WORDS: ReadonlyMap<string, number> = new Map([['true', 1], ['false', 0]]);

function readBoolean(text: string): Literal | undefined {
  const word = BOOLEAN_WORDS.get(text.toLowerCase());
  return word !== undefined ? { kind: 'number', value: word } : readInteger(text);
}

function readFloat(text: string): Literal | undefined {
  return /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? { kind: 'number', value: Number(text) } : readInteger(text);
}

export function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return Uint8Array.from(parts.map(Number));
}

export function parseIpv6(text: string): Uint8Array | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string | undefined): number[] | undefined => {
    if (part === undefined || part === '') return [];
    const words: number[] = [];
    const pieces = part.split(':');
    for (const [i, piece] of pieces.entries()) {
      const v4 = i === pieces.length - 1 && piece.includes('.') ? parseIpv4(piece) : undefined;
      if (v4 !== undefined) words.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
      else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) words.push(parseInt(piece, 16));
      else return undefined;
    }
    return words;
  };
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const words = [...head, ...new Array<number>(halves.length === 1 ? 0 : missing).fill(0), ...tail];
  const out = new Uint8Array(16);
  words.forEach((w, i) => {
    out[2 * i] = w >> 8;
    out[2 * i + 1] = w & 0xff;
  });
  return out;
}

function networkReader(parse: (text: string) => Uint8Array | undefined): Reader {
  return (text, quoted) => {
    if (quoted) return undefined;
    const slash = text.indexOf('/');
    const address = parse(slash < 0 ? text : text.slice(0, slash));
    if (address === undefined) return undefined;
    const bits = address.length * 8;
    const prefix = slash < 0 ? bits : Number(text.slice(slash + 1));
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits || (slash >= 0 && !/^\d+$/.test(text.slice(slash + 1)))) return undefined;
    return { kind: 'network', address, prefix };
  };
}

function readHexBytes(text: string): Uint8Array | undefined {
  const groups = text.split(/[:.-]/);
  if (!groups.every((g) => /^[0-9a-fA-F]+$/.test(g))) return undefined;
  // "0:1b:21" writes one byte per group; "001b.21aa.bbcc" (Cisco) and "001b21" write runs of bytes.
  const bytePerGroup = groups.every((g) => g.length <= 2);
  if (!bytePerGroup && !groups.every((g) => g.length % 2 === 0)) return undefined;
  return fromHex(groups.map((g) => (bytePerGroup ? g.padStart(2, '0') : g)).join(''));
}

const numeric = (read: (text: string) => Literal | undefined): Reader => (text, quoted) => (quoted ? undefined : read(text));

/** How each field type reads a literal; undefined means the text is not a value of that type. */
export const LITERAL_READERS: Readonly<Record<FieldType, Reader | undefined>> = {
  protocol: undefined,
  uint: numeric(readInteger),
  bool: numeric(readBoolean),
  float: numeric(readFloat),
  ipv4: networkReader(parseIpv4),
  ipv6: networkReader(parseIpv6),
  ether: (text, quoted) => {
    const bytes = quoted ? undefined : readHexBytes(text);
    return bytes?.length === 6 ? { kind: 'bytes', value: bytes } : undefined;
  },
  bytes: (text, quoted) => {
    if (quoted) return { kind: 'bytes', value: new TextEncoder().encode(text) };
    const bytes = readHexBytes(text);
    return bytes === undefined ? undefined : { kind: 'bytes', value: bytes };
  },
  string: (text) => ({ kind: 'string', value: text }),
};
