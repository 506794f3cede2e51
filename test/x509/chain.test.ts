import test from 'ava';
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { chainDiagnostics, checkChain, type ChainCheck } from '../../dissect/tls/x509/chain.js';
import { bundledTrustStore, createTrustStore } from '../../dissect/tls/x509/trust-store.js';
import { chainOf, withOpenssl, type Fixtures } from './openssl-fixtures.js';

const DAY = 24 * 3600 * 1000;

/** A moment inside every fixture's validity: a day after the leaf's notBefore. */
function during(made: Fixtures): Date {
  return new Date(new Date(chainOf(made.leaf)[0]?.info.validity.notBefore ?? 0).getTime() + DAY);
}

function only(checks: readonly ChainCheck[], kind: ChainCheck['check'], index = 0): ChainCheck {
  const [found, ...others] = checks.filter((check) => check.check === kind && check.certificateIndex === index);
  if (found === undefined || others.length > 0) throw new Error(`expected one ${kind} check for certificate ${index}`);
  return found;
}

function summary(checks: readonly ChainCheck[]): string[] {
  return checks.map((check) => `${check.check}#${check.certificateIndex}:${check.pass ? 'pass' : 'fail'}`);
}

withOpenssl('a good chain passes every check, ending at a root from the given trust store', (t, made) => {
  const checks = checkChain(chainOf(made.leaf, made.intermediate), { at: during(made), serverName: 'leaf.example.test', roots: createTrustStore([made.ca.pem]) });
  t.deepEqual(summary(checks), ['validity#0:pass', 'validity#1:pass', 'name#0:pass', 'issuer#0:pass', 'signature#0:pass', 'trust-anchor#1:pass']);
  t.is(only(checks, 'signature').reason, "the ecdsa-with-SHA256 signature of 'leaf.example.test' verifies with the public key of 'Keyhole Test Intermediate'");
  t.is(only(checks, 'trust-anchor', 1).reason, "'Keyhole Test Intermediate' is issued by 'Keyhole Test Root', a root in the given trust store");
  t.deepEqual(chainDiagnostics(checks), []);
});

withOpenssl('a chain that includes its root passes when that root is trusted, with the root’s own signature checked', (t, made) => {
  const checks = checkChain(chainOf(made.leaf, made.intermediate, made.ca), { at: during(made), roots: createTrustStore([made.ca.der]) });
  t.true(checks.every((check) => check.pass));
  t.is(only(checks, 'signature', 1).reason, "the sha256WithRSAEncryption signature of 'Keyhole Test Intermediate' verifies with the public key of 'Keyhole Test Root'");
  t.is(only(checks, 'signature', 2).reason, "the sha256WithRSAEncryption signature of 'Keyhole Test Root' verifies with the public key of itself (it is self-signed)");
  t.is(only(checks, 'trust-anchor', 2).reason, "'Keyhole Test Root' is itself a root in the given trust store");
});

withOpenssl('RSA-PSS and Ed25519 signatures verify', (t, made) => {
  const pss = checkChain(chainOf(made.pss, made.ca), { at: during(made), roots: createTrustStore([made.ca.pem]) });
  t.true(only(pss, 'signature').pass);
  t.regex(only(pss, 'signature').reason, /^the rsassaPss signature of 'pss.example.test' verifies/);
  const ed = checkChain(chainOf(made.edLeaf, made.edCa), { at: during(made), serverName: 'server.example.test', roots: createTrustStore([made.edCa.pem]) });
  t.true(ed.every((check) => check.pass), JSON.stringify(ed));
  t.regex(only(ed, 'signature').reason, /^the ED25519 signature of 'server.example.test' verifies/);
  // A single certificate is checked against the anchor that issued it.
  t.true(only(checkChain(chainOf(made.pss), { at: during(made), roots: createTrustStore([made.ca.pem]) }), 'trust-anchor').pass);
});

withOpenssl('an expired leaf fails validity with the date and how long before the capture it expired', (t, made) => {
  const [leaf] = chainOf(made.leaf);
  const notAfter = new Date(leaf?.info.validity.notAfter ?? 0);
  const checks = checkChain(chainOf(made.leaf, made.intermediate), { at: new Date(notAfter.getTime() + 95 * DAY), roots: createTrustStore([made.ca.pem]) });
  const validity = only(checks, 'validity');
  t.false(validity.pass);
  t.is(validity.code, 'x509.expired');
  t.is(validity.reason, `'leaf.example.test' expired on ${notAfter.toISOString().slice(0, 10)}, 3 months before the capture; the server needs a renewed certificate`);
  t.true(only(checks, 'validity', 1).pass);
});

withOpenssl('a leaf not yet valid fails validity, giving the exact time when it is hours away', (t, made) => {
  const [leaf] = chainOf(made.leaf);
  const notBefore = new Date(leaf?.info.validity.notBefore ?? 0);
  const checks = checkChain(chainOf(made.leaf, made.intermediate), { at: new Date(notBefore.getTime() - 2.5 * 3600 * 1000), roots: createTrustStore([made.ca.pem]) });
  const validity = only(checks, 'validity');
  t.is(validity.code, 'x509.not-yet-valid');
  t.is(validity.reason, `'leaf.example.test' was not valid until ${notBefore.toISOString().slice(0, 10)} ${notBefore.toISOString().slice(11, 19)} UTC, 2 hours after the capture; check the server's clock or when the certificate was deployed`);
});

withOpenssl('a wrong server name fails with the names the certificate does carry', (t, made) => {
  const checks = checkChain(chainOf(made.leaf, made.intermediate), { at: during(made), serverName: 'other.example.test', roots: createTrustStore([made.ca.pem]) });
  const name = only(checks, 'name');
  t.false(name.pass);
  t.is(name.code, 'x509.name-mismatch');
  t.is(name.reason, "name 'other.example.test' not in subjectAltName [leaf.example.test, *.wild.example.test]");
});

withOpenssl('wildcard and address entries of the leaf match as a client would match them', (t, made) => {
  const chain = chainOf(made.leaf, made.intermediate);
  const name = (serverName: string): ChainCheck => only(checkChain(chain, { at: during(made), serverName, roots: createTrustStore([made.ca.pem]) }), 'name');
  t.true(name('a.wild.example.test').pass);
  t.false(name('a.b.wild.example.test').pass);
  t.false(name('wild.example.test').pass);
  t.true(name('192.0.2.10').pass);
  t.is(name('2001:DB8::1').reason, 'address 2001:db8::1 is in subjectAltName as IP address 2001:db8::1');
  t.is(name('192.0.2.11').reason, 'address 192.0.2.11 not in subjectAltName IP addresses [192.0.2.10, 2001:db8::1]');
  // A subjectAltName with DNS names means the CN is not consulted (pss has CN pss.example.test, SAN server.example.test).
  t.false(only(checkChain(chainOf(made.pss), { at: during(made), serverName: 'pss.example.test' }), 'name').pass);
});

withOpenssl('a self-signed server certificate is reported as self-signed, and passes once it is trusted', (t, made) => {
  const checks = checkChain(chainOf(made.v1), { at: during(made), serverName: 'v1.example.test' });
  t.deepEqual(summary(checks), ['validity#0:pass', 'name#0:fail', 'signature#0:pass', 'trust-anchor#0:fail']);
  t.is(only(checks, 'name').reason, "name 'v1.example.test' does not match the subject CN 'Version One', and the certificate has no subjectAltName DNS names");
  const anchor = only(checks, 'trust-anchor');
  t.is(anchor.code, 'x509.self-signed');
  t.is(anchor.reason, "the server's certificate 'Version One' is self-signed and not in node's bundled Mozilla roots; a client trusts it only if it is added as a root");
  t.true(only(checkChain(chainOf(made.v1), { at: during(made), roots: createTrustStore([made.v1.pem]) }), 'trust-anchor').pass);
});

withOpenssl('a flipped byte in the signature fails the signature check', (t, made) => {
  const broken = Uint8Array.from(made.leaf.der);
  broken[broken.length - 1] = (broken[broken.length - 1] ?? 0) ^ 0x01;
  const checks = checkChain(chainOf(broken, made.intermediate), { at: during(made), roots: createTrustStore([made.ca.pem]) });
  const signature = only(checks, 'signature');
  t.false(signature.pass);
  t.is(signature.code, 'x509.bad-signature');
  t.is(signature.reason, "the ecdsa-with-SHA256 signature of 'leaf.example.test' does not verify with the public key of 'Keyhole Test Intermediate'; the certificate was altered or was not issued by it");
  t.true(only(checks, 'issuer').pass);
});

withOpenssl('a chain with the wrong next certificate fails the issuer and signature checks', (t, made) => {
  const checks = checkChain(chainOf(made.leaf, made.ca), { at: during(made), roots: createTrustStore([made.ca.pem]) });
  const issuer = only(checks, 'issuer');
  t.false(issuer.pass);
  t.is(issuer.code, 'x509.issuer-mismatch');
  t.is(issuer.reason, "'leaf.example.test' names its issuer 'CN=Keyhole Test Intermediate,O=Keyhole Test,C=GB' but certificate 1 is 'CN=Keyhole Test Root,O=Keyhole Test,C=GB'; the server sent its chain out of order or with an unrelated certificate");
  t.false(only(checks, 'signature').pass);
});

withOpenssl('a root that is not in the trust store fails the trust-anchor check, whether it was sent or left out', (t, made) => {
  const sent = checkChain(chainOf(made.leaf, made.intermediate, made.ca), { at: during(made) });
  t.is(only(sent, 'trust-anchor', 2).reason,
    "the chain ends at the self-signed 'Keyhole Test Root', which is not in node's bundled Mozilla roots; add it as a root only if you trust it");
  const leftOut = checkChain(chainOf(made.leaf, made.intermediate), { at: during(made) });
  const anchor = only(leftOut, 'trust-anchor', 1);
  t.is(anchor.code, 'x509.untrusted-root');
  t.is(anchor.reason,
    "'Keyhole Test Intermediate' is issued by 'CN=Keyhole Test Root,O=Keyhole Test,C=GB', which is not in node's bundled Mozilla roots; the server may have left out an intermediate, or the issuer is a private CA whose root must be added");
  t.deepEqual(chainDiagnostics(leftOut, 7).map((d) => [d.code, d.frame]), [['x509.untrusted-root', 7]]);
  t.deepEqual(chainDiagnostics(leftOut, 7)[0]?.message, `certificate 1: ${anchor.reason}`);
});

withOpenssl('a trusted root with the same name but another key does not anchor the chain', (t, made) => {
  const impostor = made.maker.selfSigned('impostor', { subject: '/C=GB/O=Keyhole Test/CN=Keyhole Test Root', key: 'p256', extensions: 'ca', serial: '9' });
  const anchor = only(checkChain(chainOf(made.leaf, made.intermediate), { at: during(made), roots: createTrustStore([impostor.pem]) }), 'trust-anchor', 1);
  t.false(anchor.pass);
  t.is(anchor.reason, "the given trust store has a root named 'CN=Keyhole Test Root,O=Keyhole Test,C=GB' but its key does not verify the signature of 'Keyhole Test Intermediate'");
});

test('an empty chain fails the trust-anchor check rather than passing silently', (t) => {
  t.deepEqual(checkChain([], { at: new Date() }), [
    { check: 'trust-anchor', certificateIndex: 0, pass: false, code: 'x509.untrusted-root', reason: 'the server sent no certificate, so nothing can be checked' },
  ]);
});

test('entries of a trust store that are not certificates are listed rather than thrown', (t) => {
  const store = createTrustStore(['not a certificate', Uint8Array.of(0x30, 0x00)]);
  t.is(store.anchors.length, 0);
  t.is(store.rejected.length, 2);
  t.regex(store.rejected[0] ?? '', /^root 0: /);
});

test('the bundled roots are unwrapped from PEM to the same DER that OpenSSL reads, none rejected', (t) => {
  const store = bundledTrustStore();
  t.deepEqual(store.rejected, []);
  t.is(store.anchors.length, rootCertificates.length);
  rootCertificates.forEach((pem, i) => {
    t.deepEqual(Buffer.from(store.anchors[i]?.der ?? []), new X509Certificate(pem).raw, `root ${i}`);
  });
  const crlf = rootCertificates[0]?.replace(/\n/g, '\r\n') ?? '';
  t.deepEqual(createTrustStore([crlf]).anchors[0]?.der, store.anchors[0]?.der, 'CRLF line ends read the same');
});
