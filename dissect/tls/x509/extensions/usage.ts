/**
 * What the key may be used for: keyUsage (RFC 5280 4.2.1.3) and extendedKeyUsage (4.2.1.12).
 */
import { ExtendedKeyUsage } from '@peculiar/asn1-x509';
import type { DecodeResult } from '../../../decode-result.js';
import { leaf, type TreeNode } from '../../../tree.js';
import { mapResult, parseAs } from '../asn1.js';
import { KEY_PURPOSES, oidName, oidTitle } from '../oids.js';
import type { ExtensionValue } from '../types.js';
import { bitTitles, namedBits, type BitRow } from './named-bits.js';

/** Indexed by bit number (RFC 5280 4.2.1.3 KeyUsage). */
const KEY_USAGE_BITS: readonly BitRow[] = [
  { name: 'digitalSignature', title: 'Digital Signature' },
  { name: 'nonRepudiation', title: 'Non Repudiation' },
  { name: 'keyEncipherment', title: 'Key Encipherment' },
  { name: 'dataEncipherment', title: 'Data Encipherment' },
  { name: 'keyAgreement', title: 'Key Agreement' },
  { name: 'keyCertSign', title: 'Certificate Sign' },
  { name: 'cRLSign', title: 'CRL Sign' },
  { name: 'encipherOnly', title: 'Encipher Only' },
  { name: 'decipherOnly', title: 'Decipher Only' },
];

export function decodeKeyUsage(body: Uint8Array): DecodeResult<ExtensionValue<'keyUsage'>> {
  return mapResult(namedBits(body, KEY_USAGE_BITS, 'keyUsage'), (usages) => ({ type: 'keyUsage', usages }));
}

export function keyUsageTree(value: ExtensionValue<'keyUsage'>): TreeNode[] {
  return [leaf('Usages', bitTitles(KEY_USAGE_BITS, value.usages))];
}

export function decodeExtendedKeyUsage(body: Uint8Array): DecodeResult<ExtensionValue<'extendedKeyUsage'>> {
  return mapResult(parseAs(body, ExtendedKeyUsage, 'x509.extension-malformed', 'extendedKeyUsage'), (purposes) => ({
    type: 'extendedKeyUsage',
    purposes: Array.from(purposes, (oid) => ({ oid, name: oidName(KEY_PURPOSES, oid) })),
  }));
}

export function extendedKeyUsageTree(value: ExtensionValue<'extendedKeyUsage'>): TreeNode[] {
  return value.purposes.map((purpose) => leaf('Purpose', `${oidTitle(KEY_PURPOSES, purpose.oid)} (${purpose.oid})`));
}
