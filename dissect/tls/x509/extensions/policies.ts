/**
 * certificatePolicies (RFC 5280 4.2.1.4, with the CA/B Forum policy OIDs named) and
 * policyMappings (4.2.1.5).
 */
import { CertificatePolicies, PolicyMappings, UserNotice, type PolicyQualifierInfo as AsnQualifier } from '@peculiar/asn1-x509';
import { hex } from '../../../bytes.js';
import type { DecodeResult } from '../../../decode-result.js';
import { branch, leaf, type TreeNode } from '../../../tree.js';
import { mapResult, parseAs } from '../asn1.js';
import { readTlv } from '../der.js';
import { POLICIES, POLICY_QUALIFIERS, lookupOid, oidName, oidTitle } from '../oids.js';
import { decodeString } from '../strings.js';
import type { ExtensionValue, PolicyInfo, PolicyQualifierInfo } from '../types.js';

type QualifierBody = Omit<PolicyQualifierInfo, 'oid' | 'name'>;

function cps(bytes: Uint8Array): QualifierBody | undefined {
  const tlv = readTlv(bytes);
  const text = tlv.kind === 'ok' && tlv.used === bytes.length ? decodeString(tlv.value) : undefined;
  return text === undefined ? undefined : { cps: text.text };
}

function userNotice(bytes: Uint8Array): QualifierBody | undefined {
  const parsed = parseAs(bytes, UserNotice, 'x509.extension-malformed', 'a user notice');
  if (parsed.kind !== 'ok') return undefined;
  const { explicitText, noticeRef } = parsed.value;
  return {
    ...(explicitText === undefined ? {} : { noticeText: explicitText.toString() }),
    ...(noticeRef === undefined ? {} : { noticeOrganization: noticeRef.organization.toString(), noticeNumbers: Array.from(noticeRef.noticeNumbers) }),
  };
}

/** Qualifier readers keyed by policyQualifierId; others keep their bytes as hex. */
const QUALIFIER_READERS: Readonly<Record<string, (bytes: Uint8Array) => QualifierBody | undefined>> = {
  '1.3.6.1.5.5.7.2.1': cps,
  '1.3.6.1.5.5.7.2.2': userNotice,
};

function qualifierInfo(qualifier: AsnQualifier): PolicyQualifierInfo {
  const oid = qualifier.policyQualifierId;
  const bytes = new Uint8Array(qualifier.qualifier);
  const body = QUALIFIER_READERS[oid]?.(bytes) ?? { raw: hex(bytes) };
  return { oid, name: oidName(POLICY_QUALIFIERS, oid), ...body };
}

export function decodeCertificatePolicies(body: Uint8Array): DecodeResult<ExtensionValue<'certificatePolicies'>> {
  return mapResult(parseAs(body, CertificatePolicies, 'x509.extension-malformed', 'certificatePolicies'), (policies) => ({
    type: 'certificatePolicies',
    policies: Array.from(policies, (policy): PolicyInfo => {
      const known = lookupOid(POLICIES, policy.policyIdentifier);
      return {
        oid: policy.policyIdentifier,
        ...(known === undefined ? {} : { name: known.name }),
        qualifiers: Array.from(policy.policyQualifiers ?? [], qualifierInfo),
      };
    }),
  }));
}

function qualifierNode(qualifier: PolicyQualifierInfo): TreeNode {
  if (qualifier.cps !== undefined) return leaf('CPS', qualifier.cps);
  if (qualifier.raw !== undefined) return leaf(oidTitle(POLICY_QUALIFIERS, qualifier.oid), qualifier.raw);
  return branch(oidTitle(POLICY_QUALIFIERS, qualifier.oid), [
    ...(qualifier.noticeOrganization === undefined ? [] : [leaf('Organization', qualifier.noticeOrganization)]),
    ...(qualifier.noticeNumbers === undefined ? [] : [leaf('Number', qualifier.noticeNumbers.join(', '))]),
    ...(qualifier.noticeText === undefined ? [] : [leaf('Explicit Text', qualifier.noticeText)]),
  ]);
}

export function certificatePoliciesTree(value: ExtensionValue<'certificatePolicies'>): TreeNode[] {
  return value.policies.map((policy) =>
    branch('Policy', policy.qualifiers.map(qualifierNode), policy.name === undefined ? policy.oid : `${policy.oid} (${policy.name})`));
}

export function decodePolicyMappings(body: Uint8Array): DecodeResult<ExtensionValue<'policyMappings'>> {
  return mapResult(parseAs(body, PolicyMappings, 'x509.extension-malformed', 'policyMappings'), (mappings) => ({
    type: 'policyMappings',
    mappings: Array.from(mappings, ({ issuerDomainPolicy, subjectDomainPolicy }) => ({ issuerDomainPolicy, subjectDomainPolicy })),
  }));
}

export function policyMappingsTree(value: ExtensionValue<'policyMappings'>): TreeNode[] {
  return value.mappings.map((mapping) => leaf(oidName(POLICIES, mapping.issuerDomainPolicy), oidName(POLICIES, mapping.subjectDomainPolicy)));
}
