/**
 * The SHA-256 of a certificate's SubjectPublicKeyInfo (RFC 5280 4.1.2.7), read with the small DER
 * reader only, so matching a private key to a server certificate does not load the ASN.1 library.
 * It equals CertificateInfo.subjectPublicKeyInfo.spkiSha256.
 */
import { createHash } from 'node:crypto';
import { readChildren, readTlv } from './der.js';

/** [0] EXPLICIT Version: present in v2 and v3 certificates. */
const VERSION_TAG = 0xa0;
/** TBSCertificate fields before subjectPublicKeyInfo, after the optional version. */
const FIELDS_BEFORE_SPKI = 5;

export function certificateSpkiSha256(der: Uint8Array): string | undefined {
  const certificate = readTlv(der);
  if (certificate.kind !== 'ok') return undefined;
  const [tbs] = readChildren(certificate.value.content) ?? [];
  if (tbs === undefined) return undefined;
  const fields = readChildren(tbs.content);
  if (fields === undefined) return undefined;
  const skip = fields[0]?.tag === VERSION_TAG ? 1 : 0;
  const spki = fields[skip + FIELDS_BEFORE_SPKI];
  return spki === undefined ? undefined : createHash('sha256').update(spki.encoding).digest('hex');
}
