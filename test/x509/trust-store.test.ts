import test, { type ExecutionContext } from 'ava';
import { X509Certificate, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { pemBlocks, pemContent } from '../../dissect/secrets/pem.js';
import { nameKey } from '../../dissect/tls/x509/name-match.js';
import { decodeName } from '../../dissect/tls/x509/names.js';
import { locateTbsFields } from '../../dissect/tls/x509/tbs-fields.js';
import { bundledTrustStore, createTrustStore, type TrustAnchor, type TrustStore } from '../../dissect/tls/x509/trust-store.js';
import { repoPath } from '../helpers/shared.js';
import { tlv, withTbsFields } from './der-build.js';

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

interface EagerStore {
  readonly anchors: readonly TrustAnchor[];
  readonly rejected: readonly string[];
}

/** Every root read up front, by the general PEM reader: what the lazy store must agree with. */
function eagerStore(certificates: readonly (string | Uint8Array)[]): EagerStore {
  const anchors: TrustAnchor[] = [];
  const rejected: string[] = [];
  certificates.forEach((certificate, index) => {
    const block = typeof certificate === 'string' ? pemBlocks(certificate).find((b) => b.label === 'CERTIFICATE') : undefined;
    const der = typeof certificate === 'string' ? (block === undefined ? undefined : pemContent(block)) : certificate;
    const fields = der === undefined ? undefined : locateTbsFields(der);
    const subject = fields === undefined ? undefined : decodeName(fields.subject.encoding);
    if (der === undefined) rejected.push(`root ${index}: it is not a PEM certificate`);
    else if (fields === undefined) rejected.push(`root ${index}: it is not a DER certificate`);
    else if (subject === undefined) rejected.push(`root ${index}: its subject name does not parse`);
    else anchors.push({ der, subject, fingerprint: sha256(der), spkiSha256: sha256(fields.subjectPublicKeyInfo.encoding) });
  });
  return { anchors, rejected };
}

/** Each anchor's lookups, by subject and by fingerprint, as the eager store answered them. */
function assertLookups(t: ExecutionContext, store: TrustStore, eager: EagerStore): void {
  for (const [index, anchor] of eager.anchors.entries()) {
    const sameSubject = eager.anchors.filter((other) => nameKey(other.subject) === nameKey(anchor.subject));
    t.deepEqual(store.bySubject(anchor.subject), sameSubject, `bySubject of anchor ${index}`);
    // A later copy of the same bytes is the one found, as the eager fingerprint map kept it.
    t.deepEqual(store.byFingerprint(anchor.fingerprint), eager.anchors.findLast((other) => other.fingerprint === anchor.fingerprint), `byFingerprint of anchor ${index}`);
  }
}

const example = new Uint8Array(readFileSync(repoPath('test/x509/data/tls12-dsb.0.der')));
const exampleSubject = decodeName(locateTbsFields(example)?.subject.encoding ?? new Uint8Array());

test('the lazily indexed bundled roots give the anchors, rejections and lookups of reading every root up front', (t) => {
  const eager = eagerStore(rootCertificates);
  t.true(eager.anchors.length > 100);
  // Lookups first on one store and fields first on another: no order of first use changes an answer.
  const lookedUpFirst = createTrustStore(rootCertificates, 'lookups first');
  assertLookups(t, lookedUpFirst, eager);
  t.deepEqual(lookedUpFirst.anchors, eager.anchors);
  t.deepEqual(lookedUpFirst.rejected, eager.rejected);
  const listedFirst = bundledTrustStore();
  t.deepEqual(listedFirst.anchors, eager.anchors);
  t.deepEqual(listedFirst.rejected, []);
  assertLookups(t, listedFirst, eager);
  if (exampleSubject === undefined) throw new Error('the example subject did not decode');
  t.deepEqual(listedFirst.bySubject(exampleSubject), []);
  t.is(listedFirst.byFingerprint(sha256(example)), undefined);
});

test('a store of good, duplicate, malformed and differently wrapped roots agrees with reading them up front', (t) => {
  const [first = '', second = '', third = ''] = rootCertificates;
  // Its subject is a SEQUENCE holding an OCTET STRING, not RDNs: the certificate locates, the name does not decode.
  const badSubject = withTbsFields(example, (fields) => fields.map((field, index) => (index === 5 ? tlv(0x30, tlv(0x04, [0x41])) : field)));
  const certificates = [
    first,
    'not a certificate',
    Uint8Array.of(0x30, 0x00),
    badSubject,
    example,
    `${second}\n`,
    second.replace(/\n/g, '\r\n'),
    `Bag Attributes: from a keystore\n${third}`,
    third.replace('-----BEGIN CERTIFICATE-----\n', '-----BEGIN CERTIFICATE-----\nComment: a header line\n'),
    first,
  ];
  const eager = eagerStore(certificates);
  t.deepEqual(eager.rejected, ['root 1: it is not a PEM certificate', 'root 2: it is not a DER certificate', 'root 3: its subject name does not parse']);
  t.is(eager.anchors.length, 7);
  const store = createTrustStore(certificates);
  t.is(store.byFingerprint(sha256(badSubject)), undefined, 'a root whose name does not decode is no anchor, though its bytes match');
  assertLookups(t, store, eager);
  t.deepEqual(store.anchors, eager.anchors);
  t.deepEqual(store.rejected, eager.rejected);
  // Each wrapping unwraps to the DER OpenSSL reads from the bare block.
  const openssl = (pem: string): string => sha256(new X509Certificate(pem).raw);
  t.deepEqual(store.anchors.slice(2, 6).map((anchor) => anchor.fingerprint), [openssl(second), openssl(second), openssl(third), openssl(third)]);
});

test('a store reads the list it was given when it was made, not as the caller changes it later', (t) => {
  const list: (string | Uint8Array)[] = rootCertificates.slice(0, 2);
  const store = createTrustStore(list);
  list.push('not a certificate');
  list[0] = example;
  t.deepEqual(store.anchors, eagerStore(rootCertificates.slice(0, 2)).anchors);
  t.deepEqual(store.rejected, []);
});
