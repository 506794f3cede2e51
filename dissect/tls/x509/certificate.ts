/**
 * RFC 5280 4.1: a DER certificate decoded field by field. Never throws: a certificate that does
 * not parse is an invalid result (x509.malformed), one cut short is need-more, and a bad
 * extension becomes a diagnostic on that extension with its bytes kept.
 */
import { createHash } from 'node:crypto';
import { Certificate, type Time } from '@peculiar/asn1-x509';
import { hex } from '../../bytes.js';
import { diagnostic, type Diagnostic } from '../../diagnostics.js';
import { invalid, ok, type DecodeResult } from '../../decode-result.js';
import { algorithmInfo } from './algorithm.js';
import { parseAs } from './asn1.js';
import { DER_TAG, readTlv, unsignedMagnitude } from './der.js';
import { decodeExtension } from './extensions/registry.js';
import { decodeName } from './names.js';
import { EXTENSIONS, SIGNATURE_ALGORITHMS, lookupOid } from './oids.js';
import { publicKeyInfo } from './public-key.js';
import { locateTbsFields } from './tbs-fields.js';
import { isoTime } from './time.js';
import type { AlgorithmInfo, CertificateInfo, ExtensionInfo } from './types.js';

function malformed(message: string): DecodeResult<never> {
  return invalid(diagnostic('x509.malformed', message));
}

/**
 * UTCTime or GeneralizedTime as ISO 8601; undefined when the library produced no real date.
 * (Time.getTime() would throw on an empty CHOICE, so the alternatives are read directly.)
 */
function timeText(time: Time): string | undefined {
  const date = time.utcTime ?? time.generalTime;
  return date === undefined || Number.isNaN(date.getTime()) ? undefined : isoTime(date);
}

function extensionDiagnostics(extensions: readonly ExtensionInfo[]): Diagnostic[] {
  const seen = new Set<string>();
  return extensions.flatMap((extension) => {
    const found: Diagnostic[] = extension.diagnostic === undefined ? [] : [extension.diagnostic];
    if (seen.has(extension.oid)) found.push(diagnostic('x509.extension-duplicate', `extension ${extension.name} appears more than once`));
    seen.add(extension.oid);
    if (extension.critical && lookupOid(EXTENSIONS, extension.oid) === undefined) {
      found.push(diagnostic('x509.unknown-critical-extension', `extension ${extension.oid} is marked critical and is not one keyhole knows`));
    }
    return found;
  });
}

function algorithmDiagnostics(signed: AlgorithmInfo, outer: AlgorithmInfo): Diagnostic[] {
  return signed.oid === outer.oid ? [] : [diagnostic('x509.algorithm-mismatch', `the certificate is signed with ${outer.name} but its signed part says ${signed.name}`)];
}

function fingerprint(algorithm: 'sha1' | 'sha256', der: Uint8Array): string {
  return createHash(algorithm).update(der).digest('hex');
}

/**
 * Decodes the certificate at the start of `der`; `used` is its length, so bytes after it (another
 * certificate, padding) are left to the caller.
 */
export function decodeCertificate(der: Uint8Array): DecodeResult<CertificateInfo> {
  const outer = readTlv(der);
  if (outer.kind !== 'ok') return outer;
  if (outer.value.tag !== DER_TAG.sequence) return malformed(`a certificate starts with a SEQUENCE, not tag 0x${outer.value.tag.toString(16)}`);
  const bytes = outer.value.encoding;
  const parsed = parseAs(bytes, Certificate, 'x509.malformed', 'the certificate');
  if (parsed.kind !== 'ok') return parsed;
  const fields = locateTbsFields(bytes);
  const issuer = fields && decodeName(fields.issuer.encoding);
  const subject = fields && decodeName(fields.subject.encoding);
  if (fields === undefined || issuer === undefined || subject === undefined) return malformed('the issuer or subject name does not parse');

  const tbs = parsed.value.tbsCertificate;
  const notBefore = timeText(tbs.validity.notBefore);
  const notAfter = timeText(tbs.validity.notAfter);
  if (notBefore === undefined || notAfter === undefined) return malformed('a validity time is not a real date');

  const signatureAlgorithm = algorithmInfo(tbs.signature, SIGNATURE_ALGORITHMS);
  const outerAlgorithm = algorithmInfo(parsed.value.signatureAlgorithm, SIGNATURE_ALGORITHMS);
  const extensions = Array.from(tbs.extensions ?? [], decodeExtension);
  return ok({
    version: tbs.version + 1,
    serialNumber: hex(unsignedMagnitude(new Uint8Array(tbs.serialNumber))),
    signatureAlgorithm,
    issuer,
    validity: { notBefore, notAfter },
    subject,
    subjectPublicKeyInfo: publicKeyInfo(tbs.subjectPublicKeyInfo, fields.subjectPublicKeyInfo.encoding),
    ...(tbs.issuerUniqueID === undefined ? {} : { issuerUniqueId: hex(new Uint8Array(tbs.issuerUniqueID)) }),
    ...(tbs.subjectUniqueID === undefined ? {} : { subjectUniqueId: hex(new Uint8Array(tbs.subjectUniqueID)) }),
    extensions,
    signature: { algorithm: outerAlgorithm, value: hex(new Uint8Array(parsed.value.signatureValue)) },
    fingerprints: { sha1: fingerprint('sha1', bytes), sha256: fingerprint('sha256', bytes) },
    derLength: bytes.length,
    diagnostics: [...algorithmDiagnostics(signatureAlgorithm, outerAlgorithm), ...extensionDiagnostics(extensions)],
  }, outer.used);
}
