/**
 * RFC 5280 4.1.2.4 (Name) and RFC 4514 (its string form). Read from the DER bytes so the string
 * type of every attribute survives and unknown values can be shown as RFC 4514 "#hex".
 */
import { hex } from '../../bytes.js';
import { DER_TAG, oidText, readChildren, readWhole, type Tlv } from './der.js';
import { ATTRIBUTE_TYPES, lookupOid } from './oids.js';
import { decodeString } from './strings.js';
import type { DistinguishedName, NameAttribute } from './types.js';

interface DecodedAttribute {
  readonly attribute: NameAttribute;
  /** "type=value" as RFC 4514 2.3 writes it. */
  readonly text: string;
}

function decodeAttribute(tlv: Tlv, rdn: number): DecodedAttribute | undefined {
  const parts = tlv.tag === DER_TAG.sequence ? readChildren(tlv.content) : undefined;
  const [type, value] = parts ?? [];
  if (parts?.length !== 2 || type === undefined || value === undefined || type.tag !== DER_TAG.oid) return undefined;
  const oid = oidText(type.content);
  if (oid === undefined) return undefined;
  const known = lookupOid(ATTRIBUTE_TYPES, oid);
  const name = known?.name ?? oid;
  const hexForm = `#${hex(value.encoding)}`;
  const text = decodeString(value);
  const attribute: NameAttribute = text === undefined
    ? { oid, name, value: hexForm, stringType: 'der', rdn }
    : { oid, name, value: text.text, stringType: text.type, rdn };
  // RFC 4514 2.4: a dotted-decimal type, or a value that is not a string, is written as #hex.
  const written = text === undefined || known === undefined ? hexForm : escapeRfc4514(text.text);
  return { attribute, text: `${name}=${written}` };
}

function decodeRdns(rdns: readonly Tlv[]): DistinguishedName | undefined {
  const decoded: DecodedAttribute[][] = [];
  for (const [index, rdn] of rdns.entries()) {
    const members = rdn.tag === DER_TAG.set ? readChildren(rdn.content) : undefined;
    if (members === undefined || members.length === 0) return undefined;
    const attributes: DecodedAttribute[] = [];
    for (const member of members) {
      const attribute = decodeAttribute(member, index);
      if (attribute === undefined) return undefined;
      attributes.push(attribute);
    }
    decoded.push(attributes);
  }
  return { rfc4514: rfc4514(decoded), attributes: decoded.flat().map((member) => member.attribute) };
}

/** Decodes the DER of a Name (an RDNSequence); undefined when it is not one. */
export function decodeName(encoding: Uint8Array): DistinguishedName | undefined {
  const sequence = readWhole(encoding, DER_TAG.sequence);
  const rdns = sequence === undefined ? undefined : readChildren(sequence.content);
  return rdns === undefined ? undefined : decodeRdns(rdns);
}

/** Decodes the DER of one RelativeDistinguishedName (a SET), as a one-RDN name. */
export function decodeRelativeName(encoding: Uint8Array): DistinguishedName | undefined {
  const rdn = readWhole(encoding, DER_TAG.set);
  return rdn === undefined ? undefined : decodeRdns([rdn]);
}

/** RFC 4514 2.4: the characters that must be escaped anywhere in a value. */
const ALWAYS_ESCAPED = new Set(['"', '+', ',', ';', '<', '>', '\\']);

function escapeChar(char: string, index: number, last: number): string {
  if (ALWAYS_ESCAPED.has(char)) return `\\${char}`;
  if ((char === ' ' || char === '#') && index === 0) return `\\${char}`;
  if (char === ' ' && index === last) return '\\ ';
  const code = char.codePointAt(0) ?? 0;
  // Control characters are escaped as hex pairs (allowed by 2.4) so the string stays one line.
  if (code < 0x20 || code === 0x7f) return `\\${code.toString(16).padStart(2, '0')}`;
  return char;
}

function escapeRfc4514(value: string): string {
  const chars = [...value];
  return chars.map((char, index) => escapeChar(char, index, chars.length - 1)).join('');
}

/** RFC 4514 2.1: RDNs from the last encoded to the first, "+" between members of one RDN. */
function rfc4514(rdns: readonly (readonly DecodedAttribute[])[]): string {
  return [...rdns].reverse().map((members) => members.map((member) => member.text).join('+')).join(',');
}
