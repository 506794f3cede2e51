/**
 * A throwaway self-signed server certificate (RFC 5280 4.1) for the captured server names, made
 * in-process: an ECDSA P-256 key from node:crypto, the TBSCertificate built with
 * @peculiar/asn1-x509, signed with ecdsa-with-SHA256 (RFC 5758 3.2). Clients of a mock server
 * skip verification (curl -k, rejectUnauthorized: false); the names still make SNI-aware clients
 * and the logs look right.
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { isIP } from 'node:net';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  BasicConstraints,
  Certificate,
  ExtendedKeyUsage,
  Extension,
  Extensions,
  GeneralName,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_subjectAltName,
  id_kp_serverAuth,
  Name,
  RelativeDistinguishedName,
  SubjectAlternativeName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';

export interface ServerIdentity {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const COMMON_NAME = '2.5.4.3';
const DAY_MS = 24 * 60 * 60 * 1000;
/** Used when the capture named no server (no SNI): what a client on this machine would ask for. */
const FALLBACK_NAME = 'localhost';

function pem(label: string, der: Uint8Array): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function generalName(name: string): GeneralName {
  return isIP(name) === 0 ? new GeneralName({ dNSName: name }) : new GeneralName({ iPAddress: name });
}

function extension(extnID: string, value: object): Extension {
  return new Extension({ extnID, critical: false, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

/** A certificate whose subject is the first name and whose subjectAltName lists them all. */
export function selfSignedIdentity(serverNames: readonly string[], now = new Date()): ServerIdentity {
  const names = serverNames.length > 0 ? [...new Set(serverNames)] : [FALLBACK_NAME];
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const serial = randomBytes(16);
  // A positive INTEGER without a leading zero byte.
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01;
  const subject = new Name([new RelativeDistinguishedName([new AttributeTypeAndValue({ type: COMMON_NAME, value: new AttributeValue({ utf8String: names[0] ?? FALLBACK_NAME }) })])]);
  const algorithm = new AlgorithmIdentifier({ algorithm: ECDSA_WITH_SHA256 });
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: new Uint8Array(serial).buffer,
    signature: algorithm,
    issuer: subject,
    validity: new Validity({ notBefore: new Date(now.getTime() - DAY_MS), notAfter: new Date(now.getTime() + 365 * DAY_MS) }),
    subject,
    subjectPublicKeyInfo: AsnConvert.parse(spki, SubjectPublicKeyInfo),
    extensions: new Extensions([
      extension(id_ce_basicConstraints, new BasicConstraints({ cA: false })),
      extension(id_ce_extKeyUsage, new ExtendedKeyUsage([id_kp_serverAuth])),
      extension(id_ce_subjectAltName, new SubjectAlternativeName(names.map(generalName))),
    ]),
  });
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs));
  const signature = sign('sha256', tbsDer, { key: privateKey, dsaEncoding: 'der' });
  const certificate = new Certificate({ tbsCertificate: tbs, signatureAlgorithm: algorithm, signatureValue: new Uint8Array(signature).buffer });
  return {
    certificatePem: pem('CERTIFICATE', new Uint8Array(AsnConvert.serialize(certificate))),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
