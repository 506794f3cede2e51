/**
 * Trust anchors (RFC 5280 6.1.1 (d)): by default the Mozilla roots node:tls ships
 * (tls.rootCertificates), or roots the user names. Looked up by subject name, as path building
 * does, and by fingerprint, to recognise a root the server sent itself. Only name keys and hashes
 * are read for every root (a full decode of ~150 roots costs about half a second); callers decode
 * the one or two anchors a chain actually reaches.
 */
import { createHash } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { pemBlocks, pemContent } from '../../secrets/pem.js';
import { nameKey, nameKeyOfDer } from './name-match.js';
import { decodeName } from './names.js';
import { locateTbsFields, type TbsFields } from './tbs-fields.js';
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

const PEM_HEADER = '-----BEGIN CERTIFICATE-----';
const PEM_FOOTER = '-----END CERTIFICATE-----';
const BASE64_TEXT = /^[A-Za-z0-9+/=\s]*$/;

/**
 * The DER of text that is one CERTIFICATE block and nothing else, as each bundled root is. Its
 * body has no header lines to drop, and base64 decoding skips line breaks, so it is decoded
 * whole: the same bytes as pemContent gives, in a third of the time.
 */
function bareBlockDer(text: string): Uint8Array | undefined {
  if (!text.startsWith(PEM_HEADER) || !text.endsWith(PEM_FOOTER)) return undefined;
  const body = text.slice(PEM_HEADER.length, -PEM_FOOTER.length);
  return BASE64_TEXT.test(body) ? new Uint8Array(Buffer.from(body, 'base64')) : undefined;
}

/** DER bytes, or PEM text unwrapped here: node's X509Certificate would cost ~50 ms over the bundled roots. */
function derOf(certificate: string | Uint8Array): Uint8Array | string {
  if (typeof certificate !== 'string') return certificate;
  const bare = bareBlockDer(certificate);
  if (bare !== undefined) return bare;
  const block = pemBlocks(certificate).find((b) => b.label === 'CERTIFICATE');
  return block === undefined ? 'it is not a PEM certificate' : pemContent(block);
}

/** `compute`, run on the first call only. */
function lazily<T>(compute: () => T): () => T {
  let done: { readonly value: T } | undefined;
  return () => (done ??= { value: compute() }).value;
}

/** Where a root's subject and key sit: all that indexing it needs. */
interface Located {
  readonly der: Uint8Array;
  readonly fields: TbsFields;
}

interface Root {
  /** The root located, or why it is not a certificate. */
  readonly located: Located | string;
  /** Made on first use, then the same object every time. */
  readonly anchor: () => TrustAnchor | string;
}

function locate(certificate: string | Uint8Array): Located | string {
  const der = derOf(certificate);
  if (typeof der === 'string') return der;
  const fields = locateTbsFields(der);
  return fields === undefined ? 'it is not a DER certificate' : { der, fields };
}

function anchorOf({ der, fields }: Located): TrustAnchor | string {
  const subject = decodeName(fields.subject.encoding);
  if (subject === undefined) return 'its subject name does not parse';
  return { der, subject, fingerprint: sha256(der), spkiSha256: sha256(fields.subjectPublicKeyInfo.encoding) };
}

function rootOf(certificate: string | Uint8Array): Root {
  const located = locate(certificate);
  return { located, anchor: typeof located === 'string' ? () => located : lazily(() => anchorOf(located)) };
}

function isAnchor(anchor: TrustAnchor | string): anchor is TrustAnchor {
  return typeof anchor !== 'string';
}

function anchorsOf(roots: readonly Root[]): TrustAnchor[] {
  return roots.map((root) => root.anchor()).filter(isAnchor);
}

/**
 * A store of the given roots, each PEM text or DER bytes. Nothing is read until first asked, and
 * each index is built by the first lookup that needs it. Subjects are indexed by name key, read
 * straight from the DER, so only the anchors a lookup returns have their names decoded: decoding
 * every subject was most of the cost of the bundled roots.
 */
export function createTrustStore(certificates: readonly (string | Uint8Array)[], description = 'the given trust store'): TrustStore {
  // Taken now, as an eager store did, so a caller changing its list later changes nothing.
  const given = [...certificates];
  const roots = lazily(() => given.map(rootOf));
  const all = lazily(() => {
    const made = roots().map((root) => root.anchor());
    return { anchors: made.filter(isAnchor), rejected: made.flatMap((anchor, index) => (isAnchor(anchor) ? [] : [`root ${index}: ${anchor}`])) };
  });
  const subjects = lazily(() => {
    const index = new Map<string, Root[]>();
    for (const root of roots()) {
      // A subject with no key would not decode: that root is rejected, not an anchor.
      const key = typeof root.located === 'string' ? undefined : nameKeyOfDer(root.located.fields.subject.encoding);
      if (key !== undefined) index.set(key, [...(index.get(key) ?? []), root]);
    }
    return index;
  });
  const fingerprints = lazily(() => {
    const index = new Map<string, Root>();
    // A later copy of the same root replaces an earlier one, as when anchors were indexed eagerly.
    for (const root of roots()) if (typeof root.located !== 'string') index.set(sha256(root.located.der), root);
    return index;
  });
  return {
    description,
    get anchors() {
      return all().anchors;
    },
    get rejected() {
      return all().rejected;
    },
    bySubject: (subject) => anchorsOf(subjects().get(nameKey(subject)) ?? []),
    // The bytes may match a root whose subject does not decode, which is no anchor.
    byFingerprint: (fingerprint) => {
      const anchor = fingerprints().get(fingerprint)?.anchor();
      return anchor !== undefined && isAnchor(anchor) ? anchor : undefined;
    },
  };
}

let bundled: TrustStore | undefined;

/** The roots node:tls was built with (indexed once, on first use). */
export function bundledTrustStore(): TrustStore {
  bundled ??= createTrustStore(rootCertificates, "node's bundled Mozilla roots");
  return bundled;
}
