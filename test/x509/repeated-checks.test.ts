/**
 * A capture of many connections presents the same chain again and again, so signature verdicts,
 * decoded anchors and name keys are remembered between checks. These tests check that what is
 * remembered is keyed by the exact bytes, and that what depends on the time is not remembered.
 */
import test from 'ava';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { checkChain, type ChainCheck } from '../../dissect/tls/x509/chain.js';
import { verifySignature } from '../../dissect/tls/x509/signature.js';
import { createTrustStore } from '../../dissect/tls/x509/trust-store.js';
import { repoPath } from '../helpers/shared.js';
import { tlv, withTbsFields } from './der-build.js';
import { chainOf, withOpenssl, type Fixture, type Fixtures } from './openssl-fixtures.js';

function during(made: Fixtures): Date {
  return new Date(new Date(chainOf(made.leaf)[0]?.info.validity.notBefore ?? 0).getTime() + 24 * 3600 * 1000);
}

function verdicts(checks: readonly ChainCheck[]): string[] {
  return checks.map((check) => `${check.check}#${check.certificateIndex}:${check.pass ? 'pass' : check.code ?? 'fail'}`);
}

function flipped(der: Uint8Array, at: number): Uint8Array {
  const copy = Uint8Array.from(der);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
}

withOpenssl('a remembered signature verdict is the one OpenSSL gives afresh, for the same bytes in other arrays too', (t, made) => {
  const pairs: readonly (readonly [Fixture, Fixture])[] = [
    [made.leaf, made.intermediate], [made.intermediate, made.ca], [made.ca, made.ca], [made.pss, made.ca], [made.edLeaf, made.edCa],
    [made.leaf, made.ca], [made.intermediate, made.intermediate], [made.edLeaf, made.ca],
  ];
  for (const [subject, issuer] of pairs) {
    const fresh = new X509Certificate(subject.der).verify(new X509Certificate(issuer.der).publicKey) ? 'verified' : 'failed';
    t.is(verifySignature(subject.der, issuer.der).kind, fresh, `${subject.name} by ${issuer.name}`);
    t.is(verifySignature(Uint8Array.from(subject.der), Uint8Array.from(issuer.der)).kind, fresh, `${subject.name} by ${issuer.name}, copied`);
  }
});

withOpenssl('an altered certificate or another issuer key fails after the unaltered chain was checked and remembered', (t, made) => {
  const roots = createTrustStore([made.ca.pem]);
  const good = (): string[] => verdicts(checkChain(chainOf(made.leaf, made.intermediate), { at: during(made), roots }));
  const allPass = ['validity#0:pass', 'validity#1:pass', 'issuer#0:pass', 'signature#0:pass', 'trust-anchor#1:pass'];
  t.deepEqual(good(), allPass);
  const signatureFlipped = flipped(made.leaf.der, made.leaf.der.length - 1);
  // A new serial number changes only the signed part, not the signature.
  const reserialled = withTbsFields(made.leaf.der, (fields) => fields.map((field, index) => (index === 1 ? tlv(0x02, [0x01, 0x23]) : field)));
  for (const altered of [signatureFlipped, reserialled]) {
    t.deepEqual(verdicts(checkChain(chainOf(altered, made.intermediate), { at: during(made), roots })),
      ['validity#0:pass', 'validity#1:pass', 'issuer#0:pass', 'signature#0:x509.bad-signature', 'trust-anchor#1:pass']);
  }
  // Same name as the intermediate, another key: the leaf's bytes are those remembered, the issuer's are not.
  const impostor = made.maker.selfSigned('impostor-intermediate', { subject: '/C=GB/O=Keyhole Test/CN=Keyhole Test Intermediate', key: 'p256', extensions: 'ca', serial: '10' });
  t.is(verdicts(checkChain(chainOf(made.leaf, impostor), { at: during(made), roots }))[3], 'signature#0:x509.bad-signature');
  // A root of the same name and another key does not anchor the intermediate the real root signed.
  const impostorRoot = made.maker.selfSigned('impostor-root', { subject: '/C=GB/O=Keyhole Test/CN=Keyhole Test Root', key: 'p256', extensions: 'ca', serial: '11' });
  t.is(verdicts(checkChain(chainOf(made.leaf, made.intermediate), { at: during(made), roots: createTrustStore([impostorRoot.pem]) }))[4], 'trust-anchor#1:x509.untrusted-root');
  t.deepEqual(good(), allPass);
});

test('a remembered trust anchor is still judged at the time of each check', (t) => {
  const chain = chainOf(...['tls12-dsb.0.der', 'tls12-dsb.1.der'].map((file) => new Uint8Array(readFileSync(repoPath(`test/x509/data/${file}`)))));
  const anchorCheck = (at: string): ChainCheck | undefined => checkChain(chain, { at: new Date(at) }).at(-1);
  const captured = '2018-11-17T14:31:23Z';
  t.true(anchorCheck(captured)?.pass);
  // DigiCert High Assurance EV Root CA is valid from 2006-11-10 to 2031-11-10.
  t.is(anchorCheck('2032-01-01T00:00:00Z')?.code, 'x509.expired');
  t.regex(anchorCheck('2032-01-01T00:00:00Z')?.reason ?? '', /but that root expired on 2031-11-10/);
  t.is(anchorCheck('2006-01-01T00:00:00Z')?.code, 'x509.not-yet-valid');
  t.true(anchorCheck(captured)?.pass);
  t.true(anchorCheck('2030-01-01T00:00:00Z')?.pass, 'the root was still valid, though the intermediate was not');
});
