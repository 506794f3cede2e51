/**
 * Detail-tree children of each decoded extension, keyed by the decoded value's type (the same
 * keys as ExtensionValueMap, so a new extension type cannot be added without its renderer).
 */
import type { TreeNode } from '../../../tree.js';
import type { ExtensionValue, ExtensionValueType } from '../types.js';
import { crlDistributionPointsTree, informationAccessTree } from './access.js';
import { basicConstraintsTree, inhibitAnyPolicyTree, nameConstraintsTree, policyConstraintsTree } from './constraints.js';
import { generalNamesTree } from './general-names.js';
import { authorityKeyIdentifierTree, subjectKeyIdentifierTree } from './key-identifiers.js';
import { netscapeCertTypeTree, netscapeCommentTree } from './netscape.js';
import { certificatePoliciesTree, policyMappingsTree } from './policies.js';
import { presenceTree } from './presence.js';
import { sctListTree } from './sct.js';
import { tlsFeatureTree } from './tls-feature.js';
import { extendedKeyUsageTree, keyUsageTree } from './usage.js';

const RENDERERS: { readonly [K in ExtensionValueType]: (value: ExtensionValue<K>) => TreeNode[] } = {
  generalNames: generalNamesTree,
  keyUsage: keyUsageTree,
  extendedKeyUsage: extendedKeyUsageTree,
  basicConstraints: basicConstraintsTree,
  authorityKeyIdentifier: authorityKeyIdentifierTree,
  subjectKeyIdentifier: subjectKeyIdentifierTree,
  cRLDistributionPoints: crlDistributionPointsTree,
  informationAccess: informationAccessTree,
  certificatePolicies: certificatePoliciesTree,
  policyMappings: policyMappingsTree,
  signedCertificateTimestamps: sctListTree,
  nameConstraints: nameConstraintsTree,
  policyConstraints: policyConstraintsTree,
  inhibitAnyPolicy: inhibitAnyPolicyTree,
  presence: presenceTree,
  tlsFeature: tlsFeatureTree,
  netscapeCertType: netscapeCertTypeTree,
  netscapeComment: netscapeCommentTree,
};

export function extensionValueTree<K extends ExtensionValueType>(value: ExtensionValue<K>): TreeNode[] {
  const render: (value: ExtensionValue<K>) => TreeNode[] = RENDERERS[value.type];
  return render(value);
}
