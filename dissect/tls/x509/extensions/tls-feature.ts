/**
 * RFC 7633 4.2: the TLS Feature extension (Features ::= SEQUENCE OF INTEGER, each a TLS
 * extension number the server promises to send; status_request is "OCSP must-staple").
 */
import { diagnostic } from '../../../diagnostics.js';
import { invalid, ok, type DecodeResult } from '../../../decode-result.js';
import { leaf, type TreeNode } from '../../../tree.js';
import { DER_TAG, readChildren, readWhole, smallInteger } from '../der.js';
import type { ExtensionValue, NamedValue } from '../types.js';

/** TLS ExtensionType values that make sense as features (IANA TLS ExtensionType Values). */
const TLS_FEATURES: Readonly<Record<number, string>> = {
  5: 'status_request',
  17: 'status_request_v2',
};

export function decodeTlsFeature(body: Uint8Array): DecodeResult<ExtensionValue<'tlsFeature'>> {
  const sequence = readWhole(body, DER_TAG.sequence);
  const items = sequence === undefined ? undefined : readChildren(sequence.content);
  if (items === undefined) return invalid(diagnostic('x509.extension-malformed', 'the TLS feature list is not a SEQUENCE'));
  const features: NamedValue[] = [];
  for (const item of items) {
    const value = item.tag === DER_TAG.integer ? smallInteger(item.content) : undefined;
    if (value === undefined) return invalid(diagnostic('x509.extension-malformed', 'a TLS feature is not a small INTEGER'));
    features.push({ value, name: TLS_FEATURES[value] ?? `extension ${value}` });
  }
  return ok({ type: 'tlsFeature', features }, body.length);
}

export function tlsFeatureTree(value: ExtensionValue<'tlsFeature'>): TreeNode[] {
  return value.features.map((feature) => leaf('Feature', `${feature.name} (${feature.value})`));
}
