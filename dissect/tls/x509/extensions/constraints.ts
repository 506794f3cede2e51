/**
 * Path constraints: basicConstraints (RFC 5280 4.2.1.9), nameConstraints (4.2.1.10),
 * policyConstraints (4.2.1.11) and inhibitAnyPolicy (4.2.1.14).
 */
import { BasicConstraints, NameConstraints, type GeneralSubtree } from '@peculiar/asn1-x509';
import { diagnostic } from '../../../diagnostics.js';
import { invalid, ok, type DecodeResult } from '../../../decode-result.js';
import { branch, leaf, type TreeNode } from '../../../tree.js';
import { mapResult, parseAs } from '../asn1.js';
import { DER_TAG, readChildren, readWhole, smallInteger } from '../der.js';
import type { ExtensionValue, GeneralSubtreeInfo } from '../types.js';
import { generalNameInfo, generalNameText } from './general-names.js';

export function decodeBasicConstraints(body: Uint8Array): DecodeResult<ExtensionValue<'basicConstraints'>> {
  return mapResult(parseAs(body, BasicConstraints, 'x509.extension-malformed', 'basicConstraints'), (constraints) => ({
    type: 'basicConstraints',
    ca: constraints.cA,
    ...(constraints.pathLenConstraint === undefined ? {} : { pathLength: constraints.pathLenConstraint }),
  }));
}

export function basicConstraintsTree(value: ExtensionValue<'basicConstraints'>): TreeNode[] {
  return [
    leaf('CA', value.ca ? 'TRUE' : 'FALSE'),
    ...(value.pathLength === undefined ? [] : [leaf('pathlen', String(value.pathLength))]),
  ];
}

function subtrees(list: readonly GeneralSubtree[] | undefined): GeneralSubtreeInfo[] {
  return Array.from(list ?? []).flatMap((subtree) => {
    const base = generalNameInfo(subtree.base);
    if (base === undefined) return [];
    return [{ base, minimum: subtree.minimum, ...(subtree.maximum === undefined ? {} : { maximum: subtree.maximum }) }];
  });
}

export function decodeNameConstraints(body: Uint8Array): DecodeResult<ExtensionValue<'nameConstraints'>> {
  return mapResult(parseAs(body, NameConstraints, 'x509.extension-malformed', 'nameConstraints'), (constraints) => ({
    type: 'nameConstraints',
    permitted: subtrees(constraints.permittedSubtrees),
    excluded: subtrees(constraints.excludedSubtrees),
  }));
}

function subtreeNodes(label: string, list: readonly GeneralSubtreeInfo[]): TreeNode[] {
  return list.length === 0 ? [] : [branch(label, list.map((subtree) => leaf('Subtree', generalNameText(subtree.base))))];
}

export function nameConstraintsTree(value: ExtensionValue<'nameConstraints'>): TreeNode[] {
  return [...subtreeNodes('Permitted', value.permitted), ...subtreeNodes('Excluded', value.excluded)];
}

/**
 * PolicyConstraints ::= SEQUENCE { requireExplicitPolicy [0] SkipCerts OPTIONAL,
 * inhibitPolicyMapping [1] SkipCerts OPTIONAL }, read directly: both fields are IMPLICIT INTEGERs.
 */
const POLICY_CONSTRAINT_TAGS = { 0x80: 'requireExplicitPolicy', 0x81: 'inhibitPolicyMapping' } as const;

function isPolicyConstraintTag(tag: number): tag is keyof typeof POLICY_CONSTRAINT_TAGS {
  return tag in POLICY_CONSTRAINT_TAGS;
}

export function decodePolicyConstraints(body: Uint8Array): DecodeResult<ExtensionValue<'policyConstraints'>> {
  const sequence = readWhole(body, DER_TAG.sequence);
  const fields = sequence === undefined ? undefined : readChildren(sequence.content);
  if (fields === undefined) return invalid(diagnostic('x509.extension-malformed', 'policyConstraints is not a SEQUENCE'));
  let value: ExtensionValue<'policyConstraints'> = { type: 'policyConstraints' };
  for (const field of fields) {
    const skipCerts = smallInteger(field.content);
    if (!isPolicyConstraintTag(field.tag) || skipCerts === undefined) {
      return invalid(diagnostic('x509.extension-malformed', `policyConstraints has an unexpected field 0x${field.tag.toString(16)}`));
    }
    value = { ...value, [POLICY_CONSTRAINT_TAGS[field.tag]]: skipCerts };
  }
  return ok(value, body.length);
}

export function policyConstraintsTree(value: ExtensionValue<'policyConstraints'>): TreeNode[] {
  return [
    ...(value.requireExplicitPolicy === undefined ? [] : [leaf('Require Explicit Policy', `skip certs ${value.requireExplicitPolicy}`)]),
    ...(value.inhibitPolicyMapping === undefined ? [] : [leaf('Inhibit Policy Mapping', `skip certs ${value.inhibitPolicyMapping}`)]),
  ];
}

export function decodeInhibitAnyPolicy(body: Uint8Array): DecodeResult<ExtensionValue<'inhibitAnyPolicy'>> {
  const integer = readWhole(body, DER_TAG.integer);
  const skipCerts = integer === undefined ? undefined : smallInteger(integer.content);
  if (skipCerts === undefined) return invalid(diagnostic('x509.extension-malformed', 'inhibitAnyPolicy is not a small INTEGER'));
  return ok({ type: 'inhibitAnyPolicy', skipCerts }, body.length);
}

export function inhibitAnyPolicyTree(value: ExtensionValue<'inhibitAnyPolicy'>): TreeNode[] {
  return [leaf('Skip Certs', String(value.skipCerts))];
}
