/**
 * The checks a TLS client makes on the server's chain (RFC 5280 6.1.3 (a), RFC 6125 6), made at
 * the time of the capture: each certificate's validity period, the server name, that each
 * certificate's issuer is the next one's subject and its signature verifies with that key, and
 * that the chain ends at (or is issued by) a trust anchor. Certificates are taken in the order
 * the server sent them, leaf first. Every check says, in one sentence, what a user can do.
 */
import { diagnostic, type Diagnostic, type DiagnosticCode } from '../../diagnostics.js';
import { decodeCertificate } from './certificate.js';
import { sameName } from './name-match.js';
import { matchServerName } from './server-name.js';
import { verifySignature, type Verification } from './signature.js';
import { humanDate, humanSpan } from './time.js';
import { bundledTrustStore, type TrustAnchor, type TrustStore } from './trust-store.js';
import type { CertificateInfo, DistinguishedName, Validity } from './types.js';

export type ChainCheckKind = 'validity' | 'name' | 'issuer' | 'signature' | 'trust-anchor';

export interface ChainCheck {
  readonly check: ChainCheckKind;
  /** Position in the chain as sent (0 = the server's own certificate). */
  readonly certificateIndex: number;
  readonly pass: boolean;
  readonly reason: string;
  /** For a failed check, the diagnostic it amounts to. */
  readonly code?: DiagnosticCode;
}

/** A decoded certificate together with the DER it was decoded from (signatures cover the bytes). */
export interface ChainCertificate {
  readonly info: CertificateInfo;
  readonly der: Uint8Array;
}

export interface ChainOptions {
  /** When to judge validity: the capture time of the handshake. */
  readonly at: Date;
  /** The name the client asked for (SNI), or the address it connected to. */
  readonly serverName?: string;
  /** Defaults to node's bundled Mozilla roots. */
  readonly roots?: TrustStore;
}

/** How a certificate is named in reasons: its CN, else its whole subject. */
function nameLabel(subject: DistinguishedName): string {
  const commonName = subject.attributes.filter((attribute) => attribute.oid === '2.5.4.3').at(-1)?.value;
  return `'${commonName ?? (subject.rfc4514 || 'an empty subject')}'`;
}

function label(info: CertificateInfo): string {
  return nameLabel(info.subject);
}

interface ValidityProblem {
  readonly code: 'x509.expired' | 'x509.not-yet-valid';
  /** "expired on 2024-01-31, 3 months before the capture" */
  readonly text: string;
}

function validityProblem(validity: Validity, at: Date): ValidityProblem | undefined {
  const notBefore = new Date(validity.notBefore);
  const notAfter = new Date(validity.notAfter);
  if (at < notBefore) {
    const span = notBefore.getTime() - at.getTime();
    return { code: 'x509.not-yet-valid', text: `was not valid until ${humanDate(notBefore, span)}, ${humanSpan(span)} after the capture` };
  }
  if (at > notAfter) {
    const span = at.getTime() - notAfter.getTime();
    return { code: 'x509.expired', text: `expired on ${humanDate(notAfter, span)}, ${humanSpan(span)} before the capture` };
  }
  return undefined;
}

const VALIDITY_ADVICE = {
  'x509.expired': 'the server needs a renewed certificate',
  'x509.not-yet-valid': "check the server's clock or when the certificate was deployed",
} as const satisfies Record<ValidityProblem['code'], string>;

function validityCheck(info: CertificateInfo, index: number, at: Date): ChainCheck {
  const base = { check: 'validity', certificateIndex: index } as const;
  const problem = validityProblem(info.validity, at);
  if (problem !== undefined) return { ...base, pass: false, code: problem.code, reason: `${label(info)} ${problem.text}; ${VALIDITY_ADVICE[problem.code]}` };
  return { ...base, pass: true, reason: `${label(info)} was valid at the capture time (from ${info.validity.notBefore.slice(0, 10)} to ${info.validity.notAfter.slice(0, 10)})` };
}

function issuerCheck(info: CertificateInfo, issuer: CertificateInfo, index: number): ChainCheck {
  const base = { check: 'issuer', certificateIndex: index } as const;
  return sameName(info.issuer, issuer.subject)
    ? { ...base, pass: true, reason: `${label(info)} names its issuer '${info.issuer.rfc4514}', the subject of certificate ${index + 1}` }
    : { ...base, pass: false, code: 'x509.issuer-mismatch', reason: `${label(info)} names its issuer '${info.issuer.rfc4514}' but certificate ${index + 1} is '${issuer.subject.rfc4514}'; the server sent its chain out of order or with an unrelated certificate` };
}

function signatureReason(verification: Verification, info: CertificateInfo, signer: string): Pick<ChainCheck, 'pass' | 'reason' | 'code'> {
  const algorithm = info.signature.algorithm.name;
  if (verification.kind === 'verified') return { pass: true, reason: `the ${algorithm} signature of ${label(info)} verifies with the public key of ${signer}` };
  if (verification.kind === 'failed') return { pass: false, code: 'x509.bad-signature', reason: `the ${algorithm} signature of ${label(info)} does not verify with the public key of ${signer}; the certificate was altered or was not issued by it` };
  return { pass: false, code: 'x509.bad-signature', reason: `the ${algorithm} signature of ${label(info)} could not be checked against ${signer}: ${verification.reason}` };
}

function signatureCheck(subject: ChainCertificate, signer: ChainCertificate, index: number, signerName: string): ChainCheck {
  return { check: 'signature', certificateIndex: index, ...signatureReason(verifySignature(subject.der, signer.der), subject.info, signerName) };
}

/** A trust anchor that signed `last`, or why none did. */
function issuingAnchor(last: ChainCertificate, roots: TrustStore): TrustAnchor | string {
  const candidates = roots.bySubject(last.info.issuer);
  if (candidates.length === 0) {
    return `${label(last.info)} is issued by '${last.info.issuer.rfc4514}', which is not in ${roots.description}; the server may have left out an intermediate, or the issuer is a private CA whose root must be added`;
  }
  const signer = candidates.find((anchor) => verifySignature(last.der, anchor.der).kind === 'verified');
  return signer ?? `${roots.description} has a root named '${last.info.issuer.rfc4514}' but its key does not verify the signature of ${label(last.info)}`;
}

/**
 * Reached anchors' validity periods (undefined when one does not decode). Every connection that
 * presents the same chain reaches the same anchor, and decoding it again each time was nearly all
 * of such a check.
 */
const anchorPeriods = new WeakMap<TrustAnchor, { readonly validity: Validity | undefined }>();

/** Why the anchor was not valid at `at`, if it was not (only reached anchors are decoded). */
function anchorValidity(anchor: TrustAnchor, at: Date): ValidityProblem | undefined {
  let known = anchorPeriods.get(anchor);
  if (known === undefined) {
    const decoded = decodeCertificate(anchor.der);
    known = { validity: decoded.kind === 'ok' ? decoded.value.validity : undefined };
    anchorPeriods.set(anchor, known);
  }
  return known.validity === undefined ? undefined : validityProblem(known.validity, at);
}

/** The root itself, by its bytes or (for a root re-issued with the same key) by subject and key. */
function sameAsAnchor(last: ChainCertificate, roots: TrustStore): TrustAnchor | undefined {
  return roots.byFingerprint(last.info.fingerprints.sha256)
    ?? roots.bySubject(last.info.subject).find((anchor) => anchor.spkiSha256 === last.info.subjectPublicKeyInfo.spkiSha256);
}

function trustAnchorCheck(last: ChainCertificate, index: number, selfSigned: boolean, roots: TrustStore, at: Date): ChainCheck {
  const base = { check: 'trust-anchor', certificateIndex: index } as const;
  const untrusted = (reason: string, code: DiagnosticCode = 'x509.untrusted-root'): ChainCheck => ({ ...base, pass: false, code, reason });
  if (sameAsAnchor(last, roots) !== undefined) return { ...base, pass: true, reason: `${label(last.info)} is itself a root in ${roots.description}` };
  if (selfSigned && index === 0) {
    return untrusted(`the server's certificate ${label(last.info)} is self-signed and not in ${roots.description}; a client trusts it only if it is added as a root`, 'x509.self-signed');
  }
  if (selfSigned) return untrusted(`the chain ends at the self-signed ${label(last.info)}, which is not in ${roots.description}; add it as a root only if you trust it`);
  const anchor = issuingAnchor(last, roots);
  if (typeof anchor === 'string') return untrusted(anchor);
  const expired = anchorValidity(anchor, at);
  return expired === undefined
    ? { ...base, pass: true, reason: `${label(last.info)} is issued by ${nameLabel(anchor.subject)}, a root in ${roots.description}` }
    : untrusted(`${label(last.info)} is issued by the trusted root ${nameLabel(anchor.subject)}, but that root ${expired.text}; a client needs the root that replaced it`, expired.code);
}

/** Self-issued (RFC 5280 3.3: issuer = subject) and signed with its own key. */
function selfSignedCheck(last: ChainCertificate, index: number): ChainCheck | undefined {
  if (!sameName(last.info.issuer, last.info.subject)) return undefined;
  return signatureCheck(last, last, index, 'itself (it is self-signed)');
}

export function checkChain(chain: readonly ChainCertificate[], options: ChainOptions): ChainCheck[] {
  const last = chain.at(-1);
  if (last === undefined) {
    return [{ check: 'trust-anchor', certificateIndex: 0, pass: false, code: 'x509.untrusted-root', reason: 'the server sent no certificate, so nothing can be checked' }];
  }
  const checks: ChainCheck[] = chain.map((certificate, index) => validityCheck(certificate.info, index, options.at));
  const leaf = chain[0];
  if (options.serverName !== undefined && leaf !== undefined) {
    const match = matchServerName(leaf.info, options.serverName);
    checks.push({ check: 'name', certificateIndex: 0, ...match, ...(match.pass ? {} : { code: 'x509.name-mismatch' }) });
  }
  chain.forEach((certificate, index) => {
    const issuer = chain[index + 1];
    if (issuer === undefined) return;
    checks.push(issuerCheck(certificate.info, issuer.info, index));
    checks.push(signatureCheck(certificate, issuer, index, label(issuer.info)));
  });
  const lastIndex = chain.length - 1;
  const selfSigned = selfSignedCheck(last, lastIndex);
  if (selfSigned !== undefined) checks.push(selfSigned);
  checks.push(trustAnchorCheck(last, lastIndex, selfSigned?.pass === true, options.roots ?? bundledTrustStore(), options.at));
  return checks;
}

/** The failed checks as diagnostics, so a session can carry them with its other anomalies. */
export function chainDiagnostics(checks: readonly ChainCheck[], frame?: number): Diagnostic[] {
  return checks.flatMap((check) =>
    check.code === undefined ? [] : [diagnostic(check.code, `certificate ${check.certificateIndex}: ${check.reason}`, frame)]);
}
