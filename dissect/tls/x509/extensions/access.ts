/**
 * Where to fetch more: authorityInfoAccess (RFC 5280 4.2.2.1), subjectInfoAccess (4.2.2.2) and
 * cRLDistributionPoints (4.2.1.13).
 */
import { AuthorityInfoAccessSyntax, CRLDistributionPoints, type DistributionPoint } from '@peculiar/asn1-x509';
import type { DecodeResult } from '../../../decode-result.js';
import { branch, leaf, type TreeNode } from '../../../tree.js';
import { encodeAgain, mapResult, parseAs } from '../asn1.js';
import { setBits } from '../der.js';
import { decodeRelativeName } from '../names.js';
import { ACCESS_METHODS, oidName, oidTitle } from '../oids.js';
import type { AccessDescriptionInfo, DistributionPointInfo, ExtensionValue } from '../types.js';
import { generalNameInfo, generalNameInfos, generalNameNodes, generalNameText } from './general-names.js';

export function decodeInformationAccess(body: Uint8Array): DecodeResult<ExtensionValue<'informationAccess'>> {
  // SubjectInfoAccessSyntax has the same shape (RFC 5280 4.2.2.2).
  return mapResult(parseAs(body, AuthorityInfoAccessSyntax, 'x509.extension-malformed', 'the information access list'), (list) => ({
    type: 'informationAccess',
    descriptions: Array.from(list).flatMap((description): AccessDescriptionInfo[] => {
      const location = generalNameInfo(description.accessLocation);
      const oid = description.accessMethod;
      return location === undefined ? [] : [{ method: { oid, name: oidName(ACCESS_METHODS, oid) }, location }];
    }),
  }));
}

export function informationAccessTree(value: ExtensionValue<'informationAccess'>): TreeNode[] {
  return value.descriptions.map((description) => leaf(oidTitle(ACCESS_METHODS, description.method.oid), generalNameText(description.location)));
}

/** Indexed by bit number (RFC 5280 4.2.1.13 ReasonFlags). */
const REASON_BITS = [
  'unused', 'keyCompromise', 'cACompromise', 'affiliationChanged', 'superseded',
  'cessationOfOperation', 'certificateHold', 'privilegeWithdrawn', 'aACompromise',
] as const;

function reasons(point: DistributionPoint): string[] | undefined {
  if (point.reasons === undefined) return undefined;
  const unused = point.reasons.unusedBits;
  const content = new Uint8Array([unused, ...new Uint8Array(point.reasons.value)]);
  return setBits(content).map((bit) => REASON_BITS[bit] ?? `bit${bit}`);
}

function relativeName(point: DistributionPoint): string | undefined {
  const rdn = point.distributionPoint?.nameRelativeToCRLIssuer;
  if (rdn === undefined) return undefined;
  const encoded = encodeAgain(rdn);
  return encoded === undefined ? undefined : decodeRelativeName(encoded)?.rfc4514;
}

function distributionPoint(point: DistributionPoint): DistributionPointInfo {
  const fullName = point.distributionPoint?.fullName;
  const relative = relativeName(point);
  const reasonNames = reasons(point);
  return {
    ...(fullName === undefined ? {} : { fullName: generalNameInfos(fullName) }),
    ...(relative === undefined ? {} : { nameRelativeToCRLIssuer: relative }),
    ...(reasonNames === undefined ? {} : { reasons: reasonNames }),
    ...(point.cRLIssuer === undefined ? {} : { cRLIssuer: generalNameInfos(point.cRLIssuer) }),
  };
}

export function decodeCrlDistributionPoints(body: Uint8Array): DecodeResult<ExtensionValue<'cRLDistributionPoints'>> {
  return mapResult(parseAs(body, CRLDistributionPoints, 'x509.extension-malformed', 'cRLDistributionPoints'), (points) => ({
    type: 'cRLDistributionPoints',
    points: Array.from(points, distributionPoint),
  }));
}

export function crlDistributionPointsTree(value: ExtensionValue<'cRLDistributionPoints'>): TreeNode[] {
  return value.points.map((point) => branch('Distribution Point', [
    ...(point.fullName === undefined ? [] : [branch('Full Name', generalNameNodes(point.fullName))]),
    ...(point.nameRelativeToCRLIssuer === undefined ? [] : [leaf('Relative Name', point.nameRelativeToCRLIssuer)]),
    ...(point.reasons === undefined ? [] : [leaf('Reasons', point.reasons.join(', '))]),
    ...(point.cRLIssuer === undefined ? [] : [branch('CRL Issuer', generalNameNodes(point.cRLIssuer))]),
  ]));
}
