import test from 'ava';
import type { ExecutionContext } from 'ava';
import { X509Certificate, createHash, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import forge from 'node-forge';
import { hex } from '../../dissect/bytes.js';
import { KeyFileError } from '../../dissect/secrets/errors.js';
import { loadPrivateKeys } from '../../dissect/secrets/keys.js';
import { decodeCertificate } from '../../dissect/tls/x509/certificate.js';
import { SHARED_MISSING, repoPath, sharedPath } from '../helpers/shared.js';
import { hasOpenssl, run, scratchFolder } from './tools.js';

const scratch = scratchFolder();
test.after.always(() => scratch.cleanup());

/** One throwaway 1024-bit key written in every format node:crypto can produce. */
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
const expectedSpki = hex(createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest());
const PASSWORD = 'correct horse';
/** Tests that need the openssl CLI are listed as skipped where it is absent. */
const withOpenssl = hasOpenssl ? test : test.skip;

async function keyFileError(t: ExecutionContext, file: string, password?: string): Promise<string> {
  const error = await t.throwsAsync(loadPrivateKeys(file, password), { instanceOf: KeyFileError });
  const message = error?.message ?? '';
  // One sentence naming the file, and none of OpenSSL's "error:1C800064:..." codes.
  t.true(message.startsWith(`Key file ${file} `), message);
  t.regex(message, /\.$/);
  t.notRegex(message, /\n|error:[0-9A-F]{8}/);
  return message;
}

function sharedFile(t: ExecutionContext, name: string): string | undefined {
  const file = sharedPath(name);
  if (file === undefined) t.pass(SHARED_MISSING);
  return file;
}

/** The key files of ../shared/captures (MANIFEST.md section 2). */
const SHARED_KEYS = [
  { name: 'rsasnakeoil2.key', format: 'PKCS#1 PEM', bits: 1024 },
  { name: 'snakeoil-rsa.key', format: 'PKCS#1 PEM', bits: 1024 },
  { name: 'rsa-p-lt-q.key', format: 'PKCS#1 PEM', bits: 1024 },
  { name: 'rsa-p-lt-q.p8', format: 'PKCS#8 PEM', bits: 1024 },
  { name: 'udt-dtls.key', format: 'PKCS#8 PEM', bits: 2048 },
  { name: 'key.p12', format: 'PKCS#12 with password WebAS', bits: 2048, password: 'WebAS' },
] as const;

for (const { name, format, bits, ...rest } of SHARED_KEYS) {
  test(`${name} (${format}) loads as one ${bits}-bit RSA key`, async (t) => {
    const file = sharedFile(t, name);
    if (file === undefined) return;
    const keys = await loadPrivateKeys(file, 'password' in rest ? rest.password : undefined);
    t.deepEqual(
      keys.map((k) => [k.bits, k.file, k.key.asymmetricKeyType]),
      [[bits, file, 'rsa']],
    );
    t.regex(keys[0]?.spkiSha256 ?? '', /^[0-9a-f]{64}$/);
  });
}

test('the PKCS#1 and PKCS#8 copies of the p<q key have the same public key hash', async (t) => {
  const pkcs1 = sharedFile(t, 'rsa-p-lt-q.key');
  const pkcs8 = sharedFile(t, 'rsa-p-lt-q.p8');
  if (pkcs1 === undefined || pkcs8 === undefined) return;
  const [fromPkcs1] = await loadPrivateKeys(pkcs1);
  const [fromPkcs8] = await loadPrivateKeys(pkcs8);
  t.truthy(fromPkcs1);
  t.is(fromPkcs1?.spkiSha256, fromPkcs8?.spkiSha256);
});

test('the PKCS#12 file refuses a wrong password and a missing one with a clear sentence', async (t) => {
  const file = sharedFile(t, 'key.p12');
  if (file === undefined) return;
  t.regex(await keyFileError(t, file, 'webas'), /password does not open/);
  t.regex(await keyFileError(t, file), /needs a password/);
});

/** Server certificates of the shared captures, extracted once with tshark (test/x509/data/README.md). */
const CERTIFICATE_KEYS = [
  { certificate: 'rsasnakeoil2.0.der', key: 'rsasnakeoil2.key' },
  { certificate: 'tls-renegotiation.0.der', key: 'rsasnakeoil2.key' },
  { certificate: 'rsa-p-lt-q.0.der', key: 'rsa-p-lt-q.p8' },
  { certificate: 'dmgr.0.der', key: 'key.p12', password: 'WebAS' },
] as const;

function certificateFile(name: string): string {
  return repoPath(`test/x509/data/${name}`);
}

for (const { certificate, key, ...rest } of CERTIFICATE_KEYS) {
  test(`the public key hash of ${key} equals that of the server certificate ${certificate}`, async (t) => {
    const keyFile = sharedFile(t, key);
    if (keyFile === undefined) return;
    const der = new Uint8Array(readFileSync(certificateFile(certificate)));
    const [loaded] = await loadPrivateKeys(keyFile, 'password' in rest ? rest.password : undefined);
    // Both node:crypto's reading of the certificate and keyhole's own x509 decoder agree.
    const nodeSpki = new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' });
    const fromCertificate = hex(createHash('sha256').update(nodeSpki).digest());
    t.is(loaded?.spkiSha256, fromCertificate);
    const decoded = decodeCertificate(der);
    t.is(decoded.kind === 'ok' ? decoded.value.subjectPublicKeyInfo.spkiSha256 : decoded.kind, fromCertificate);
  });
}

test('a key is not matched by the certificate of another server', async (t) => {
  const keyFile = sharedFile(t, 'rsasnakeoil2.key');
  if (keyFile === undefined) return;
  const [loaded] = await loadPrivateKeys(keyFile);
  const decoded = decodeCertificate(new Uint8Array(readFileSync(certificateFile('rsa-p-lt-q.0.der'))));
  t.is(decoded.kind, 'ok');
  t.not(decoded.kind === 'ok' ? decoded.value.subjectPublicKeyInfo.spkiSha256 : '', loaded?.spkiSha256);
});

/** The generated key in each container, written once to the scratch folder. */
const FORMATS = [
  { name: 'PKCS#1 PEM', file: 'pkcs1.pem', bytes: () => privateKey.export({ type: 'pkcs1', format: 'pem' }) },
  { name: 'PKCS#8 PEM', file: 'pkcs8.pem', bytes: () => privateKey.export({ type: 'pkcs8', format: 'pem' }) },
  { name: 'PKCS#1 DER', file: 'pkcs1.der', bytes: () => privateKey.export({ type: 'pkcs1', format: 'der' }) },
  { name: 'PKCS#8 DER', file: 'pkcs8.der', bytes: () => privateKey.export({ type: 'pkcs8', format: 'der' }) },
  {
    name: 'encrypted PKCS#8 PEM (aes-256-cbc)',
    file: 'enc-pkcs8.pem',
    encrypted: true,
    bytes: () => privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSWORD }),
  },
  {
    name: 'encrypted PKCS#8 DER (aes-256-cbc)',
    file: 'enc-pkcs8.der',
    encrypted: true,
    bytes: () => privateKey.export({ type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase: PASSWORD }),
  },
  {
    name: 'legacy Proc-Type encrypted PKCS#1 PEM (aes-256-cbc)',
    file: 'legacy.pem',
    encrypted: true,
    bytes: () => privateKey.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSWORD }),
  },
] as const;

for (const format of FORMATS) {
  test(`a key written as ${format.name} loads with the public key hash of the original`, async (t) => {
    const file = scratch.file(format.file);
    writeFileSync(file, format.bytes());
    const password = 'encrypted' in format ? PASSWORD : undefined;
    const keys = await loadPrivateKeys(file, password);
    t.deepEqual(
      keys.map((k) => [k.spkiSha256, k.bits]),
      [[expectedSpki, 1024]],
    );
  });
}

for (const format of FORMATS.filter((f) => 'encrypted' in f)) {
  test(`a key written as ${format.name} asks for its password and rejects a wrong one`, async (t) => {
    const file = scratch.file(`ask-${format.file}`);
    writeFileSync(file, format.bytes());
    t.regex(await keyFileError(t, file), /needs a password/);
    t.regex(await keyFileError(t, file, 'wrong horse'), /password does not open/);
  });
}

withOpenssl('a legacy encrypted PEM written by openssl rsa -aes256 loads with its password', async (t) => {
  const plain = scratch.file('openssl-plain.pem');
  const encrypted = scratch.file('openssl-aes256.pem');
  writeFileSync(plain, privateKey.export({ type: 'pkcs1', format: 'pem' }));
  run('openssl', ['rsa', '-in', plain, '-aes256', '-passout', `pass:${PASSWORD}`, '-traditional', '-out', encrypted]);
  t.regex(readFileSync(encrypted, 'latin1'), /Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,/);
  const keys = await loadPrivateKeys(encrypted, PASSWORD);
  t.is(keys[0]?.spkiSha256, expectedSpki);
});

withOpenssl('a PKCS#12 file written by openssl with its current defaults loads with its password', async (t) => {
  const keyFile = scratch.file('p12-key.pem');
  const certFile = scratch.file('p12-cert.pem');
  const p12 = scratch.file('openssl.p12');
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  run('openssl', ['req', '-x509', '-new', '-key', keyFile, '-subj', '/CN=keyhole test', '-days', '1', '-out', certFile]);
  run('openssl', ['pkcs12', '-export', '-inkey', keyFile, '-in', certFile, '-passout', `pass:${PASSWORD}`, '-out', p12]);
  const keys = await loadPrivateKeys(p12, PASSWORD);
  t.deepEqual(
    keys.map((k) => k.spkiSha256),
    [expectedSpki],
  );
});

test('a PKCS#12 file with an empty password loads when no password is given', async (t) => {
  const forgeKey = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  const der = forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(forgeKey, [], '', { algorithm: '3des', generateLocalKeyId: false })).getBytes();
  const file = scratch.file('empty-password.p12');
  writeFileSync(file, Buffer.from(der, 'binary'));
  const keys = await loadPrivateKeys(file);
  t.is(keys[0]?.spkiSha256, expectedSpki);
});

test('an EC key is reported as loadable but unable to decrypt anything', async (t) => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
  const file = scratch.file('ec.pem');
  writeFileSync(file, ec.export({ type: 'pkcs8', format: 'pem' }));
  const message = await keyFileError(t, file);
  t.regex(message, /an EC \(prime256v1\) key/);
  t.regex(message, /cannot decrypt anything/);
});

test('a missing file, an empty file and a folder are each named in one sentence', async (t) => {
  t.regex(await keyFileError(t, scratch.file('absent.key')), /does not exist/);
  const empty = scratch.file('empty.key');
  writeFileSync(empty, '');
  t.regex(await keyFileError(t, empty), /is empty/);
  const folder = scratch.file('folder.key');
  mkdirSync(folder);
  t.regex(await keyFileError(t, folder), /is a folder/);
});

test('files that hold no private key say what they hold instead', async (t) => {
  const pemCert = scratch.file('only-certificate.pem');
  writeFileSync(pemCert, `-----BEGIN CERTIFICATE-----\n${Buffer.from('not parsed').toString('base64')}\n-----END CERTIFICATE-----\n`);
  t.regex(await keyFileError(t, pemCert), /holds no private key \(only CERTIFICATE\)/);
  const garbage = scratch.file('garbage.bin');
  writeFileSync(garbage, new Uint8Array([0x00, 0x01, 0x02, 0x03, 0x04]));
  t.regex(await keyFileError(t, garbage), /is not a PEM, DER or PKCS#12 private key file/);
});

test('a DER certificate given as a key file is recognised as a certificate', async (t) => {
  const file = certificateFile('rsasnakeoil2.0.der');
  t.regex(await keyFileError(t, file), /holds a certificate, not a private key/);
});

test('a PEM key with a damaged body and a truncated PKCS#12 file are called corrupt', async (t) => {
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const damaged = scratch.file('damaged.pem');
  writeFileSync(damaged, pem.replace(/\n[A-Za-z0-9+/]{64}\n/, '\nAAAA\n'));
  t.regex(await keyFileError(t, damaged), /not a valid PEM "RSA PRIVATE KEY" private key/);
  const p12 = sharedFile(t, 'key.p12');
  if (p12 === undefined) return;
  const truncated = scratch.file('truncated.p12');
  writeFileSync(truncated, readFileSync(p12).subarray(0, 600));
  t.regex(await keyFileError(t, truncated, 'WebAS'), /is cut short/);
});
