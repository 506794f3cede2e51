import test from 'ava';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { decodeCertificate } from '../../dissect/tls/x509/certificate.js';
import { checkChain, type ChainCertificate } from '../../dissect/tls/x509/chain.js';
import { readChildren, readWhole } from '../../dissect/tls/x509/der.js';
import { repoPath } from '../helpers/shared.js';
import { concat, oid, tlv, withTbsFields } from './der-build.js';
import { OPENSSL_MISSING, opensslAvailable } from './openssl-fixtures.js';
import { opensslField, opensslTime, rdnMembers } from './openssl-text.js';

const DATA = repoPath('test/x509/data');
const FILES = readdirSync(DATA).filter((file) => file.endsWith('.der')).sort();

function load(file: string): ChainCertificate {
  const der = new Uint8Array(readFileSync(`${DATA}/${file}`));
  const decoded = decodeCertificate(der);
  if (decoded.kind !== 'ok') throw new Error(`${file} did not decode: ${JSON.stringify(decoded)}`);
  return { info: decoded.value, der };
}

/** tshark's frame.time_epoch of the Certificate message in tls12-dsb.pcapng (frame 7). */
const EXAMPLE_ORG_CAPTURE_TIME = new Date(1542465083420);

test('every certificate taken from the public captures decodes completely, without diagnostics', (t) => {
  t.true(FILES.length >= 28);
  for (const file of FILES) {
    const der = readFileSync(`${DATA}/${file}`);
    const decoded = decodeCertificate(der);
    if (decoded.kind !== 'ok') {
      t.fail(`${file}: ${decoded.kind}`);
      continue;
    }
    t.is(decoded.used, der.length, file);
    t.deepEqual(decoded.value.diagnostics, [], file);
    t.true(decoded.value.extensions.every((extension) => extension.value !== undefined), `${file} has an undecoded extension`);
    t.deepEqual(JSON.parse(JSON.stringify(decoded.value)), decoded.value, file);
  }
});

test('the capture certificates agree with openssl on serial, fingerprint, names, dates, algorithms and key size', (t) => {
  if (!opensslAvailable) {
    t.log(OPENSSL_MISSING);
    t.pass();
    return;
  }
  for (const file of FILES) {
    const { info } = load(file);
    const out = execFileSync('openssl', ['x509', '-inform', 'DER', '-in', `${DATA}/${file}`, '-noout', '-serial', '-fingerprint', '-sha256',
      '-dates', '-subject', '-issuer', '-nameopt', 'RFC2253,-esc_msb', '-text'], { encoding: 'utf8' });
    const line = (label: string): string => out.split('\n').find((candidate) => candidate.startsWith(`${label}=`))?.slice(label.length + 1) ?? '';
    t.is(info.serialNumber, line('serial').toLowerCase(), file);
    t.is(info.fingerprints.sha256, line('sha256 Fingerprint').replace(/:/g, '').toLowerCase(), file);
    t.deepEqual(rdnMembers(info.subject.rfc4514), rdnMembers(line('subject')), file);
    t.deepEqual(rdnMembers(info.issuer.rfc4514), rdnMembers(line('issuer')), file);
    t.is(info.validity.notBefore, opensslTime(line('notBefore')), file);
    t.is(info.validity.notAfter, opensslTime(line('notAfter')), file);
    t.is(info.signature.algorithm.name, opensslField(out, 'Signature Algorithm'), file);
    t.is(info.subjectPublicKeyInfo.algorithm.name, opensslField(out, 'Public Key Algorithm'), file);
    t.is(`(${info.subjectPublicKeyInfo.keySize ?? '?'} bit)`, opensslField(out, 'Public-Key'), file);
  }
});

test('the key facts of RSA, DSA and EC capture certificates are read from their parameters', (t) => {
  t.deepEqual(load('tls12-dsb.0.der').info.subjectPublicKeyInfo.rsa?.exponent, 65537);
  t.is(load('tls12-73-ciphers.2.der').info.subjectPublicKeyInfo.keySize, 1024);
  t.is(load('tls12-73-ciphers.2.der').info.subjectPublicKeyInfo.algorithm.name, 'dsaEncryption');
  const ec = load('http2-data-reassembly.0.der').info.subjectPublicKeyInfo;
  t.deepEqual([ec.curve, ec.keySize, ec.publicKey.slice(0, 2), ec.publicKey.length], ['P-384', 384, '04', 2 * 97]);
});

test('the public www.example.org chain passes every check at the capture time with node’s bundled roots', (t) => {
  const chain = [load('tls12-dsb.0.der'), load('tls12-dsb.1.der')];
  const checks = checkChain(chain, { at: EXAMPLE_ORG_CAPTURE_TIME, serverName: 'example.com' });
  t.deepEqual(checks.filter((check) => !check.pass), []);
  t.deepEqual(checks.map((check) => check.check), ['validity', 'validity', 'name', 'issuer', 'signature', 'trust-anchor']);
  t.is(checks.at(-1)?.reason, "'DigiCert SHA2 High Assurance Server CA' is issued by 'DigiCert High Assurance EV Root CA', a root in node's bundled Mozilla roots");
  const later = checkChain(chain, { at: new Date('2019-03-01T00:00:00Z'), serverName: 'example.com' });
  t.deepEqual(later.filter((check) => !check.pass).map((check) => check.reason), [
    "'www.example.org' expired on 2018-11-28, 3 months before the capture; the server needs a renewed certificate",
  ]);
});

test('the StartCom chain of the XMPP capture links up but ends at a root no longer in the bundle', (t) => {
  const chain = ['starttls-xmpp.0.der', 'starttls-xmpp.1.der', 'starttls-xmpp.2.der'].map(load);
  const checks = checkChain(chain, { at: new Date('2014-06-01T00:00:00Z'), serverName: 'jabber.org' });
  t.deepEqual(checks.filter((check) => !check.pass).map((check) => [check.check, check.certificateIndex, check.code]), [['trust-anchor', 2, 'x509.untrusted-root']]);
  t.true(checks.filter((check) => check.check === 'signature').every((check) => check.pass && check.reason.includes('sha1WithRSAEncryption')));
});

test('an md5WithRSAEncryption leaf is still decoded and its missing issuer is named', (t) => {
  const checks = checkChain([load('rsasnakeoil2.0.der')], { at: new Date('2007-01-01T00:00:00Z'), serverName: 'www.snakeoil.dom' });
  t.deepEqual(checks.map((check) => `${check.check}:${String(check.pass)}`), ['validity:true', 'name:true', 'trust-anchor:false']);
  t.regex(checks.at(-1)?.reason ?? '', /^'www.snakeoil.dom' is issued by 'emailAddress=ca@snakeoil.dom,CN=Snake Oil CA,.*', which is not in/);
});

test('issuer and subject unique identifiers (RFC 5280 4.1.2.8) are shown as hex when present', (t) => {
  // [1] issuerUniqueID and [2] subjectUniqueID go after the SubjectPublicKeyInfo (the 7th field).
  const uniqueIds = [tlv(0x81, [0x00, 0xab, 0xcd]), tlv(0x82, [0x04, 0xef, 0xf0])];
  const der = withTbsFields(load('tls12-dsb.0.der').der, (fields) => [...fields.slice(0, 7), ...uniqueIds, ...fields.slice(7)]);
  const result = decodeCertificate(der);
  if (result.kind !== 'ok') {
    t.fail(result.kind);
    return;
  }
  t.is(result.value.issuerUniqueId, 'abcd');
  t.is(result.value.subjectUniqueId, 'eff0');
  t.is(result.value.extensions.length, 9);
});

test('a repeated extension and a signature algorithm differing from the signed one are reported', (t) => {
  const original = load('tls12-dsb.0.der').der;
  const duplicated = withTbsFields(original, (fields) => {
    // fields[7] is [3] { SEQUENCE OF Extension }: repeat the first extension.
    const list = readChildren(readWhole(readWhole(fields[7] ?? new Uint8Array(), 0xa3)?.content ?? new Uint8Array(), 0x30)?.content ?? new Uint8Array()) ?? [];
    const encodings = list.map((extension) => extension.encoding);
    return [...fields.slice(0, 7), tlv(0xa3, tlv(0x30, concat(...encodings, encodings[0] ?? new Uint8Array())))];
  });
  const repeated = decodeCertificate(duplicated);
  t.deepEqual(repeated.kind === 'ok' ? repeated.value.diagnostics.map((d) => d.message) : [], ['extension authorityKeyIdentifier appears more than once']);
  // The TBS signature field (the 3rd) says sha384WithRSAEncryption while the outer one says sha256.
  const mismatched = withTbsFields(original, (fields) => [...fields.slice(0, 2), tlv(0x30, concat(oid('1.2.840.113549.1.1.12'), tlv(0x05, []))), ...fields.slice(3)]);
  const result = decodeCertificate(mismatched);
  t.deepEqual(result.kind === 'ok' ? result.value.diagnostics : [], [{
    code: 'x509.algorithm-mismatch', severity: 'warning',
    message: 'the certificate is signed with sha256WithRSAEncryption but its signed part says sha384WithRSAEncryption',
  }]);
});
