/**
 * RFC 5280 7.1 name comparison: same RDNs in the same order, each with the same attributes, values
 * compared after RFC 4518-style preparation (case folded, insignificant white space removed).
 * Used to link a certificate to its issuer.
 */
import { attributeValue, readName } from './names.js';
import type { DistinguishedName, NameAttribute } from './types.js';

function prepared(attribute: Pick<NameAttribute, 'oid' | 'value' | 'stringType'>): string {
  // Values that are not strings ("#hex" of their DER) must match exactly.
  const value = attribute.stringType === 'der'
    ? attribute.value
    : attribute.value.normalize('NFKC').toLowerCase().trim().replace(/\s+/g, ' ');
  return `${attribute.oid}=${value}`;
}

/** Each RDN is sorted because a multi-valued RDN is a SET whose order carries no meaning. */
function keyOf(rdns: readonly string[][]): string {
  return JSON.stringify(rdns.map((members) => members.sort()));
}

/**
 * Keys of names already seen. A chain check compares the same few names again for every
 * connection that presents the same certificates, which are decoded once (summary.ts) into the
 * same objects, as are the trust anchors.
 */
const keys = new WeakMap<DistinguishedName, string>();

/** A key equal for two names exactly when they match. */
export function nameKey(name: DistinguishedName): string {
  const known = keys.get(name);
  if (known !== undefined) return known;
  const rdns = new Map<number, string[]>();
  for (const attribute of name.attributes) {
    rdns.set(attribute.rdn, [...(rdns.get(attribute.rdn) ?? []), prepared(attribute)]);
  }
  const key = keyOf([...rdns.values()]);
  keys.set(name, key);
  return key;
}

/**
 * nameKey(decodeName(encoding)), undefined where that name would not decode, without writing the
 * RFC 4514 text: indexing the ~140 bundled roots by subject needs only this.
 */
export function nameKeyOfDer(encoding: Uint8Array): string | undefined {
  const rdns = readName(encoding);
  return rdns === undefined ? undefined : keyOf(rdns.map((members) => members.map(({ oid, value }) => prepared({ oid, ...attributeValue(value) }))));
}

export function sameName(a: DistinguishedName, b: DistinguishedName): boolean {
  return nameKey(a) === nameKey(b);
}
