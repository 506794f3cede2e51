/**
 * Trust anchors (RFC 5280 6.1.1 (d)): by default the Mozilla roots node:tls ships
 * (tls.rootCertificates), or roots the user names. Looked up by subject name, as path building
 * does, and by fingerprint, to recognise a root the server sent itself. Only names and hashes are
 * read up front (a full decode of ~150 roots costs about half a second); callers decode the one
 * or two anchors a chain actually reaches.
 */
import { createHash } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { pemBlocks, pemContent } from '../../secrets/pem.js';
import { nameKey } from './name-match.js';
import { decodeName } from './names.js';
import { locateTbsFields } from './tbs-fields.js';
import type { DistinguishedName } from './types.js';

export interface TrustAnchor {
  readonly der: Uint8Array;
  readonly subject: DistinguishedName;
  /** SHA-256 of the DER certificate. */
  readonly fingerprint: string;
  /** SHA-256 of its DER SubjectPublicKeyInfo (a re-issued root keeps its key). */
  readonly spkiSha256: string;
}

export interface TrustStore {
  /** Where the roots came from, for reasons ("node's bundled Mozilla roots"). */
  readonly description: string;
  readonly anchors: readonly TrustAnchor[];
  /** Entries that were not certificates, with why. */
  readonly rejected: readonly string[];
  bySubject(subject: DistinguishedName): readonly TrustAnchor[];
  byFingerprint(sha256: string): TrustAnchor | undefined;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** DER bytes, or PEM text unwrapped here: node's X509Certificate would cost ~50 ms over the bundled roots. */
function derOf(certificate: string | Uint8Array): Uint8Array | string {
  if (typeof certificate !== 'string') return certificate;
  const block = pemBlocks(certificate).find((b) => b.label === 'CERTIFICATE');
  return block === undefined ? 'it is not a PEM certificate' : pemContent(block);
}

function anchorOf(certificate: string | Uint8Array): TrustAnchor | string {
  const der = derOf(certificate);
  if (typeof der === 'string') return der;
  const fields = locateTbsFields(der);
  if (fields === undefined) return 'it is not a DER certificate';
  const subject = decodeName(fields.subject.encoding);
  if (subject === undefined) return 'its subject name does not parse';
  return { der, subject, fingerprint: sha256(der), spkiSha256: sha256(fields.subjectPublicKeyInfo.encoding) };
}

/** A store of the given roots, each PEM text or DER bytes. */
export function createTrustStore(certificates: readonly (string | Uint8Array)[], description = 'the given trust store'): TrustStore {
  const anchors: TrustAnchor[] = [];
  const rejected: string[] = [];
  for (const [index, certificate] of certificates.entries()) {
    const anchor = anchorOf(certificate);
    if (typeof anchor === 'string') rejected.push(`root ${index}: ${anchor}`);
    else anchors.push(anchor);
  }
  const subjects = new Map<string, TrustAnchor[]>();
  for (const anchor of anchors) {
    const key = nameKey(anchor.subject);
    subjects.set(key, [...(subjects.get(key) ?? []), anchor]);
  }
  const fingerprints = new Map(anchors.map((anchor) => [anchor.fingerprint, anchor]));
  return {
    description,
    anchors,
    rejected,
    bySubject: (subject) => subjects.get(nameKey(subject)) ?? [],
    byFingerprint: (fingerprint) => fingerprints.get(fingerprint),
  };
}

let bundled: TrustStore | undefined;

/** The roots node:tls was built with (indexed once, on first use). */
export function bundledTrustStore(): TrustStore {
  bundled ??= createTrustStore(rootCertificates, "node's bundled Mozilla roots");
  return bundled;
}
