/**
 * Extensions whose presence is the whole message and whose value is NULL: id-pkix-ocsp-nocheck
 * (RFC 6960 4.2.2.2.1) and the CT precertificate poison (RFC 6962 3.1).
 */
import { diagnostic } from '../../../diagnostics.js';
import { invalid, ok, type DecodeResult } from '../../../decode-result.js';
import type { TreeNode } from '../../../tree.js';
import { DER_TAG, readWhole } from '../der.js';
import type { ExtensionValue } from '../types.js';

export function decodePresence(body: Uint8Array): DecodeResult<ExtensionValue<'presence'>> {
  const value = readWhole(body, DER_TAG.null);
  if (value === undefined || value.content.length !== 0) return invalid(diagnostic('x509.extension-malformed', 'the extension value is not NULL'));
  return ok({ type: 'presence' }, body.length);
}

export function presenceTree(): TreeNode[] {
  return [];
}
