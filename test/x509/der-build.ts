/** Minimal DER writer for hand-built test vectors (X.690 8.1, 8.19). */
import { readChildren, readWhole } from '../../dissect/tls/x509/der.js';

export function tlv(tag: number, content: Uint8Array | readonly number[]): Uint8Array {
  const body = Uint8Array.from(content);
  const length = body.length;
  const lengthOctets: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) lengthOctets.unshift(rest % 256);
  const header = length < 0x80 ? [tag, length] : [tag, 0x80 | lengthOctets.length, ...lengthOctets];
  return Uint8Array.from([...header, ...body]);
}

export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => [...part]));
}

export function oid(dotted: string): Uint8Array {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const octets: number[] = [];
  for (const arc of [first * 40 + second, ...rest]) {
    const base128: number[] = [];
    for (let value = arc; ; value = Math.floor(value / 128)) {
      base128.unshift((value % 128) | (base128.length === 0 ? 0 : 0x80));
      if (value < 128) break;
    }
    octets.push(...base128);
  }
  return tlv(0x06, octets);
}

export const STRING_TAG = { utf8: 0x0c, printable: 0x13, teletex: 0x14, ia5: 0x16, universal: 0x1c, bmp: 0x1e } as const;

/** One AttributeTypeAndValue; `value` is a ready DER value. */
export function attribute(type: string, value: Uint8Array): Uint8Array {
  return tlv(0x30, concat(oid(type), value));
}

export function text(tag: number, value: string): Uint8Array {
  return tlv(tag, new TextEncoder().encode(value));
}

/** A Name: each inner array is one RDN (a SET of attributes), in encoded order. */
export function name(...rdns: readonly (readonly Uint8Array[])[]): Uint8Array {
  return tlv(0x30, concat(...rdns.map((members) => tlv(0x31, concat(...members)))));
}

export const ATTRIBUTE = {
  CN: '2.5.4.3', OU: '2.5.4.11', O: '2.5.4.10', C: '2.5.4.6', DC: '0.9.2342.19200300.100.1.25', UID: '0.9.2342.19200300.100.1.1',
} as const;

/**
 * A copy of a certificate with its TBSCertificate fields (DER encodings, in order) edited. The
 * signature no longer matches, which is fine for decoding tests.
 */
export function withTbsFields(der: Uint8Array, edit: (fields: Uint8Array[]) => Uint8Array[]): Uint8Array {
  const [tbs, algorithm, signature] = readChildren(readWhole(der, 0x30)?.content ?? new Uint8Array()) ?? [];
  const fields = readChildren(tbs?.content ?? new Uint8Array());
  if (algorithm === undefined || signature === undefined || fields === undefined) throw new Error('not a certificate');
  const edited = tlv(0x30, concat(...edit(fields.map((field) => field.encoding))));
  return tlv(0x30, concat(edited, algorithm.encoding, signature.encoding));
}
