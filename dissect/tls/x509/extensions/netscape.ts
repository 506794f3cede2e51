/**
 * Netscape Certificate Extensions (legacy, still found in old certificates): nsCertType
 * (2.16.840.1.113730.1.1, a named-bit BIT STRING) and nsComment (2.16.840.1.113730.1.13, an
 * IA5String).
 */
import { diagnostic } from '../../../diagnostics.js';
import { invalid, ok, type DecodeResult } from '../../../decode-result.js';
import { leaf, type TreeNode } from '../../../tree.js';
import { mapResult } from '../asn1.js';
import { readTlv } from '../der.js';
import { decodeString } from '../strings.js';
import type { ExtensionValue } from '../types.js';
import { bitTitles, namedBits, type BitRow } from './named-bits.js';

/** Indexed by bit number. */
const CERT_TYPE_BITS: readonly BitRow[] = [
  { name: 'sslClient', title: 'SSL Client' },
  { name: 'sslServer', title: 'SSL Server' },
  { name: 'smime', title: 'S/MIME' },
  { name: 'objectSigning', title: 'Object Signing' },
  { name: 'reserved', title: 'Unused' },
  { name: 'sslCA', title: 'SSL CA' },
  { name: 'smimeCA', title: 'S/MIME CA' },
  { name: 'objectSigningCA', title: 'Object Signing CA' },
];

export function decodeNetscapeCertType(body: Uint8Array): DecodeResult<ExtensionValue<'netscapeCertType'>> {
  return mapResult(namedBits(body, CERT_TYPE_BITS, 'netscapeCertType'), (types) => ({ type: 'netscapeCertType', types }));
}

export function netscapeCertTypeTree(value: ExtensionValue<'netscapeCertType'>): TreeNode[] {
  return [leaf('Types', bitTitles(CERT_TYPE_BITS, value.types))];
}

export function decodeNetscapeComment(body: Uint8Array): DecodeResult<ExtensionValue<'netscapeComment'>> {
  const tlv = readTlv(body);
  // Some issuers wrote the comment as a UTF8String or VisibleString: any string type is accepted.
  const text = tlv.kind === 'ok' && tlv.used === body.length ? decodeString(tlv.value) : undefined;
  if (text === undefined) return invalid(diagnostic('x509.extension-malformed', 'netscapeComment is not a string'));
  return ok({ type: 'netscapeComment', comment: text.text }, body.length);
}

export function netscapeCommentTree(value: ExtensionValue<'netscapeComment'>): TreeNode[] {
  return [leaf('Comment', value.comment)];
}
