/**
 * RFC 5280 4.2: extensions by extnID. Each known OID has a decoder; an unknown one, or one whose
 * body does not decode, keeps its bytes as hex (and, when it did not decode, a diagnostic).
 */
import type { Extension } from '@peculiar/asn1-x509';
import { hex } from '../../../bytes.js';
import { diagnostic } from '../../../diagnostics.js';
import type { DecodeResult } from '../../../decode-result.js';
import { EXTENSIONS, oidName } from '../oids.js';
import type { ExtensionInfo, ExtensionValue } from '../types.js';
import { decodeCrlDistributionPoints, decodeInformationAccess } from './access.js';
import { decodeBasicConstraints, decodeInhibitAnyPolicy, decodeNameConstraints, decodePolicyConstraints } from './constraints.js';
import { decodeAlternativeNames } from './general-names.js';
import { decodeAuthorityKeyIdentifier, decodeSubjectKeyIdentifier } from './key-identifiers.js';
import { decodeNetscapeCertType, decodeNetscapeComment } from './netscape.js';
import { decodeCertificatePolicies, decodePolicyMappings } from './policies.js';
import { decodePresence } from './presence.js';
import { decodeSctList } from './sct.js';
import { decodeTlsFeature } from './tls-feature.js';
import { decodeExtendedKeyUsage, decodeKeyUsage } from './usage.js';

type ExtensionDecoder = (body: Uint8Array) => DecodeResult<ExtensionValue>;

const DECODERS: Readonly<Record<string, ExtensionDecoder>> = {
  '2.5.29.14': decodeSubjectKeyIdentifier,
  '2.5.29.15': decodeKeyUsage,
  '2.5.29.17': decodeAlternativeNames,
  '2.5.29.18': decodeAlternativeNames,
  '2.5.29.19': decodeBasicConstraints,
  '2.5.29.30': decodeNameConstraints,
  '2.5.29.31': decodeCrlDistributionPoints,
  '2.5.29.32': decodeCertificatePolicies,
  '2.5.29.33': decodePolicyMappings,
  '2.5.29.35': decodeAuthorityKeyIdentifier,
  '2.5.29.36': decodePolicyConstraints,
  '2.5.29.37': decodeExtendedKeyUsage,
  '2.5.29.46': decodeCrlDistributionPoints,
  '2.5.29.54': decodeInhibitAnyPolicy,
  '1.3.6.1.5.5.7.1.1': decodeInformationAccess,
  '1.3.6.1.5.5.7.1.11': decodeInformationAccess,
  '1.3.6.1.5.5.7.1.24': decodeTlsFeature,
  '1.3.6.1.5.5.7.48.1.5': decodePresence,
  '1.3.6.1.4.1.11129.2.4.2': decodeSctList,
  '1.3.6.1.4.1.11129.2.4.3': decodePresence,
  '2.16.840.1.113730.1.1': decodeNetscapeCertType,
  '2.16.840.1.113730.1.13': decodeNetscapeComment,
};

export function decodeExtension(extension: Extension): ExtensionInfo {
  const oid = extension.extnID;
  const head = { oid, name: oidName(EXTENSIONS, oid), critical: extension.critical };
  const body = new Uint8Array(extension.extnValue.buffer);
  const decode = DECODERS[oid];
  if (decode === undefined) return { ...head, raw: hex(body) };
  const decoded = decode(body);
  if (decoded.kind === 'ok') return { ...head, value: decoded.value };
  const problem = decoded.kind === 'invalid' ? decoded.diagnostic : diagnostic('x509.extension-malformed', `${head.name} is cut short`);
  return { ...head, raw: hex(body), diagnostic: problem };
}
