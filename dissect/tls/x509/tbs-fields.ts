/**
 * RFC 5280 4.1.2: where the issuer, subject and SubjectPublicKeyInfo sit inside the DER, so they
 * can be read and hashed byte for byte (a re-encoding could differ from what was signed).
 *
 *   TBSCertificate ::= SEQUENCE { version [0] EXPLICIT DEFAULT v1, serialNumber, signature,
 *     issuer, validity, subject, subjectPublicKeyInfo, ... }
 */
import { DER_TAG, readChildren, readWhole, type Tlv } from './der.js';

export interface TbsFields {
  readonly issuer: Tlv;
  readonly subject: Tlv;
  readonly subjectPublicKeyInfo: Tlv;
}

const EXPLICIT_VERSION_TAG = 0xa0;

export function locateTbsFields(certificate: Uint8Array): TbsFields | undefined {
  const outer = readWhole(certificate, DER_TAG.sequence);
  const [tbs] = (outer === undefined ? undefined : readChildren(outer.content)) ?? [];
  const fields = tbs?.tag === DER_TAG.sequence ? readChildren(tbs.content) : undefined;
  if (fields === undefined) return undefined;
  const rest = fields[0]?.tag === EXPLICIT_VERSION_TAG ? fields.slice(1) : fields;
  const [, , issuer, , subject, subjectPublicKeyInfo] = rest;
  if (issuer === undefined || subject === undefined || subjectPublicKeyInfo === undefined) return undefined;
  return { issuer, subject, subjectPublicKeyInfo };
}
