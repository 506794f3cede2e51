import test from 'ava';
import { readFileSync } from 'node:fs';
import { AsnParser, OctetString } from '@peculiar/asn1-schema';
import { Certificate, Extension } from '@peculiar/asn1-x509';
import { decodeCertificate } from '../../dissect/tls/x509/certificate.js';
import { checkChain } from '../../dissect/tls/x509/chain.js';
import { decodeExtension } from '../../dissect/tls/x509/extensions/registry.js';
import { certificateTree } from '../../dissect/tls/x509/tree.js';
import { createTrustStore } from '../../dissect/tls/x509/trust-store.js';
import { EXTENSIONS } from '../../dissect/tls/x509/oids.js';
import { repoPath } from '../helpers/shared.js';
import { fixtures, OPENSSL_MISSING, opensslAvailable } from './openssl-fixtures.js';
import { tlv } from './der-build.js';

const read = (file: string): Uint8Array => new Uint8Array(readFileSync(repoPath(`test/x509/data/${file}`)));
const EXAMPLE_ORG = read('tls12-dsb.0.der');
const DIGICERT = read('tls12-dsb.1.der');
const SMALL_ECDSA = read('tls12-73-ciphers.1.der');

/** Seeded xorshift32, so a failing flip can be reproduced. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

test('every truncated prefix of a real certificate is need-more, never a throw', (t) => {
  for (let length = 0; length < EXAMPLE_ORG.length; length++) {
    const result = decodeCertificate(EXAMPLE_ORG.subarray(0, length));
    t.is(result.kind, 'need-more', `prefix of ${length} bytes`);
  }
  t.deepEqual(decodeCertificate(EXAMPLE_ORG.subarray(0, 10)), { kind: 'need-more', needed: EXAMPLE_ORG.length });
});

test('every truncated body, re-framed to look complete, is an x509.malformed diagnostic, never a throw', (t) => {
  const body = readOuterContent(SMALL_ECDSA);
  for (let length = 0; length < body.length; length++) {
    const result = decodeCertificate(tlv(0x30, body.subarray(0, length)));
    if (result.kind !== 'invalid') {
      t.fail(`body cut to ${length} bytes gave ${result.kind}`);
      continue;
    }
    t.is(result.diagnostic.code, 'x509.malformed');
  }
});

function readOuterContent(der: Uint8Array): Uint8Array {
  const lengthOctets = (der[1] ?? 0) & 0x80 ? (der[1] ?? 0) & 0x7f : 0;
  return der.subarray(2 + lengthOctets);
}

const ROUNDS = 150;

test('random bit flips in a real certificate never make decoding, the tree or the chain checks throw', (t) => {
  const next = random(0x5eed);
  const roots = createTrustStore([DIGICERT]);
  let decoded = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const mutated = Uint8Array.from(EXAMPLE_ORG);
    const flips = 1 + Math.floor(next() * 3);
    for (let flip = 0; flip < flips; flip++) {
      const at = Math.floor(next() * mutated.length);
      mutated[at] = (mutated[at] ?? 0) ^ (1 << Math.floor(next() * 8));
    }
    const result = decodeCertificate(mutated);
    t.true(['ok', 'need-more', 'invalid'].includes(result.kind));
    if (result.kind !== 'ok') continue;
    decoded++;
    t.true(certificateTree(result.value).length > 0);
    t.notThrows(() => JSON.stringify(result.value));
    t.notThrows(() => checkChain([{ info: result.value, der: mutated.subarray(0, result.used) }], { at: new Date('2018-01-01'), serverName: 'example.com', roots }));
  }
  t.log(`${decoded} of ${ROUNDS} mutated certificates still decoded`);
  t.true(decoded > 0);
});

test('every truncated prefix of every extension body becomes a diagnostic with its bytes kept', (t) => {
  const captured = ['tls12-dsb.0.der', 'tls12-dsb.1.der', 'starttls-xmpp.0.der', 'starttls-xmpp.2.der', 'rsasnakeoil2.0.der', 'dmgr.1.der'].map(read);
  // The generated leaf and intermediate carry the extensions no capture has (SCTs, TLS feature, constraints).
  const generated = opensslAvailable ? [fixtures().leaf.der, fixtures().intermediate.der] : [];
  if (!opensslAvailable) t.log(`${OPENSSL_MISSING}; sweeping the capture certificates only`);
  let swept = 0;
  for (const der of [...captured, ...generated]) {
    for (const extension of AsnParser.parse(der, Certificate).tbsCertificate.extensions ?? []) {
      const body = new Uint8Array(extension.extnValue.buffer);
      for (let length = 0; length < body.length; length++) {
        const prefix = body.subarray(0, length);
        const info = decodeExtension(new Extension({ extnID: extension.extnID, critical: extension.critical, extnValue: new OctetString(prefix) }));
        swept++;
        if (info.value !== undefined || (info.oid in EXTENSIONS && info.diagnostic?.code !== 'x509.extension-malformed')) {
          t.fail(`${info.name} cut to ${length} bytes did not give a diagnostic`);
        }
        t.is(info.raw, Buffer.from(prefix).toString('hex'));
      }
    }
  }
  t.true(swept > 1000);
});

test('a malformed extension becomes a diagnostic on that extension while the certificate still decodes', (t) => {
  const mutated = Uint8Array.from(EXAMPLE_ORG);
  // subjectAltName: OID 2.5.29.17, then OCTET STRING { SEQUENCE ... }; turn the SEQUENCE into a SET.
  const oid = Buffer.from(mutated).indexOf(Buffer.from([0x06, 0x03, 0x55, 0x1d, 0x11]));
  const sequenceAt = oid + 5 + 2;
  t.is(mutated[sequenceAt], 0x30);
  mutated[sequenceAt] = 0x31;
  const result = decodeCertificate(mutated);
  if (result.kind !== 'ok') {
    t.fail(result.kind);
    return;
  }
  const san = result.value.extensions.find((extension) => extension.name === 'subjectAltName');
  t.is(san?.value, undefined);
  t.is(san?.diagnostic?.code, 'x509.extension-malformed');
  t.true(san?.raw?.startsWith('3178') ?? false);
  t.deepEqual(result.value.diagnostics.map((d) => d.code), ['x509.extension-malformed']);
  t.true(certificateTree(result.value).some((node) => node.children?.some((child) => child.children?.some((leaf) => leaf.label === 'Malformed'))));
});

test('a certificate inside a larger buffer is read from its view, and trailing bytes are left to the caller', (t) => {
  const buffer = new Uint8Array(EXAMPLE_ORG.length + 20);
  buffer.set(EXAMPLE_ORG, 7);
  const result = decodeCertificate(buffer.subarray(7));
  t.is(result.kind, 'ok');
  if (result.kind === 'ok') {
    t.is(result.used, EXAMPLE_ORG.length);
    t.is(result.value.subject.attributes.at(-1)?.value, 'www.example.org');
  }
});

test('bytes that are not a certificate are invalid with x509.malformed', (t) => {
  const cases = [Uint8Array.of(0x02, 0x01, 0x00), tlv(0x30, [0x02, 0x01, 0x00]), Uint8Array.of(0x30, 0x80, 0x00, 0x00), Uint8Array.of(0x30, 0x85, 1, 2, 3, 4, 5)];
  for (const bytes of cases) {
    const result = decodeCertificate(bytes);
    t.is(result.kind, 'invalid');
    if (result.kind === 'invalid') t.is(result.diagnostic.code, 'x509.malformed');
  }
});
