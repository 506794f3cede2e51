/**
 * RFC 5280 7.1 name comparison: same RDNs in the same order, each with the same attributes, values
 * compared after RFC 4518-style preparation (case folded, insignificant white space removed).
 * Used to link a certificate to its issuer.
 */
import type { DistinguishedName, NameAttribute } from './types.js';

function prepared(attribute: NameAttribute): string {
  // Values that are not strings ("#hex" of their DER) must match exactly.
  const value = attribute.stringType === 'der'
    ? attribute.value
    : attribute.value.normalize('NFKC').toLowerCase().trim().replace(/\s+/g, ' ');
  return `${attribute.oid}=${value}`;
}

/**
 * A key equal for two names exactly when they match. Each RDN is sorted because a multi-valued RDN
 * is a SET whose order carries no meaning.
 */
export function nameKey(name: DistinguishedName): string {
  const rdns = new Map<number, string[]>();
  for (const attribute of name.attributes) {
    rdns.set(attribute.rdn, [...(rdns.get(attribute.rdn) ?? []), prepared(attribute)]);
  }
  return JSON.stringify([...rdns.values()].map((members) => members.sort()));
}

export function sameName(a: DistinguishedName, b: DistinguishedName): boolean {
  return nameKey(a) === nameKey(b);
}
