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

/** An attribute as the DER has it: its type, and its value still encoded. */
export interface RawAttribute {
  readonly oid: string;
  readonly value: Tlv;
}

function rawAttribute(tlv: Tlv): RawAttribute | undefined {
  const parts = tlv.tag === DER_TAG.sequence ? readChildren(tlv.content) : undefined;
  const [type, value] = parts ?? [];
  if (parts?.length !== 2 || type === undefined || value === undefined || type.tag !== DER_TAG.oid) return undefined;
  const oid = oidText(type.content);
  return oid === undefined ? undefined : { oid, value };
}

/** Each RDN (a non-empty SET of type-value pairs) as its members, or undefined when one is not. */
function rawRdns(rdns: readonly Tlv[]): RawAttribute[][] | undefined {
  const read: RawAttribute[][] = [];
  for (const rdn of rdns) {
    const members = rdn.tag === DER_TAG.set ? readChildren(rdn.content) : undefined;
    if (members === undefined || members.length === 0) return undefined;
    const attributes: RawAttribute[] = [];
    for (const member of members) {
      const attribute = rawAttribute(member);
      if (attribute === undefined) return undefined;
      attributes.push(attribute);
    }
    read.push(attributes);
  }
  return read;
}

/**
 * The structure of a Name (an RDNSequence), RDNs in encoded order; undefined when it is not one.
 * Everything decodeName can fail on is checked here, so a name reads exactly when it decodes.
 */
export function readName(encoding: Uint8Array): RawAttribute[][] | undefined {
  const sequence = readWhole(encoding, DER_TAG.sequence);
  const rdns = sequence === undefined ? undefined : readChildren(sequence.content);
  return rdns === undefined ? undefined : rawRdns(rdns);
}

function hexValue(value: Tlv): string {
  return `#${hex(value.encoding)}`;
}

/** An attribute's value as NameAttribute holds it: the text of a string, else "#" + hex of its DER. */
export function attributeValue(value: Tlv): Pick<NameAttribute, 'value' | 'stringType'> {
  const text = decodeString(value);
  return text === undefined ? { value: hexValue(value), stringType: 'der' } : { value: text.text, stringType: text.type };
}

function decodeAttribute({ oid, value }: RawAttribute, rdn: number): DecodedAttribute {
  const known = lookupOid(ATTRIBUTE_TYPES, oid);
  const name = known?.name ?? oid;
  const attribute: NameAttribute = { oid, name, ...attributeValue(value), rdn };
  // RFC 4514 2.4: a dotted-decimal type, or a value that is not a string, is written as #hex.
  const written = attribute.stringType === 'der' ? attribute.value : known === undefined ? hexValue(value) : escapeRfc4514(attribute.value);
  return { attribute, text: `${name}=${written}` };
}

function decodeRdns(rdns: readonly (readonly RawAttribute[])[]): DistinguishedName {
  const decoded = rdns.map((members, index) => members.map((member) => decodeAttribute(member, index)));
  return { rfc4514: rfc4514(decoded), attributes: decoded.flat().map((member) => member.attribute) };
}

/** Decodes the DER of a Name (an RDNSequence); undefined when it is not one. */
export function decodeName(encoding: Uint8Array): DistinguishedName | undefined {
  const rdns = readName(encoding);
  return rdns === undefined ? undefined : decodeRdns(rdns);
}

/** Decodes the DER of one RelativeDistinguishedName (a SET), as a one-RDN name. */
export function decodeRelativeName(encoding: Uint8Array): DistinguishedName | undefined {
  const rdn = readWhole(encoding, DER_TAG.set);
  const rdns = rdn === undefined ? undefined : rawRdns([rdn]);
  return rdns === undefined ? undefined : decodeRdns(rdns);
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

/** Whether escapeChar would change anything: most values need no escape, and a pass per character is slow. */
const NEEDS_ESCAPE = /["+,;<>\\\x00-\x1f\x7f]|^[ #]| $/;

function escapeRfc4514(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  const chars = [...value];
  return chars.map((char, index) => escapeChar(char, index, chars.length - 1)).join('');
}

/** RFC 4514 2.1: RDNs from the last encoded to the first, "+" between members of one RDN. */
function rfc4514(rdns: readonly (readonly DecodedAttribute[])[]): string {
  return [...rdns].reverse().map((members) => members.map((member) => member.text).join('+')).join(',');
}
