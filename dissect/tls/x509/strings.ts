/**
 * X.680 41 (character string types) as certificates use them (RFC 5280 4.1.2.4, 4.2.1.4). Decoded
 * here from the raw content rather than by the ASN.1 library, which maps UniversalString
 * characters outside the BMP wrongly and hides which string type was used.
 */
import type { Tlv } from './der.js';
import type { StringType } from './types.js';

const utf8 = new TextDecoder('utf-8');
const utf16be = new TextDecoder('utf-16be');

/** Each octet as the code point of that number; in native code, as every name of every root is read. */
function latin1(content: Uint8Array): string {
  return Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('latin1');
}

/** UCS-4 big-endian; code points beyond Unicode become U+FFFD rather than failing. */
function utf32be(content: Uint8Array): string {
  let text = '';
  for (let at = 0; at + 3 < content.length; at += 4) {
    const point = ((content[at] ?? 0) * 0x1000000) + (((content[at + 1] ?? 0) << 16) | ((content[at + 2] ?? 0) << 8) | (content[at + 3] ?? 0));
    text += point <= 0x10ffff ? String.fromCodePoint(point) : '\ufffd';
  }
  return text;
}

/**
 * Keyed by the universal tag octet. TeletexString is read as Latin-1, as OpenSSL and browsers do:
 * real T.61 shift sequences do not occur in certificates in practice.
 */
const STRING_TAGS: Readonly<Record<number, { readonly type: StringType; readonly decode: (content: Uint8Array) => string }>> = {
  0x0c: { type: 'utf8String', decode: (content) => utf8.decode(content) },
  0x12: { type: 'numericString', decode: latin1 },
  0x13: { type: 'printableString', decode: latin1 },
  0x14: { type: 'teletexString', decode: latin1 },
  0x16: { type: 'ia5String', decode: latin1 },
  0x1a: { type: 'visibleString', decode: latin1 },
  0x1c: { type: 'universalString', decode: utf32be },
  0x1e: { type: 'bmpString', decode: (content) => utf16be.decode(content) },
};

export interface DecodedString {
  readonly type: StringType;
  readonly text: string;
}

/** The text of a string-typed TLV, or undefined when the tag is not a character string type. */
export function decodeString(tlv: Tlv): DecodedString | undefined {
  const row = STRING_TAGS[tlv.tag];
  return row === undefined ? undefined : { type: row.type, text: row.decode(tlv.content) };
}
