import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decryptCapture } from '../helpers/decrypt.js';
import { fixturePath } from '../helpers/fixtures.js';

/** rsa-ciphers stream 17: TLS 1.2, RSA key exchange, AES-128-GCM and no extended master secret. */
const STREAM = 17;

/**
 * That session with its server certificate's DER length broken, so no key can be matched to it by
 * its public key: keys must then be told apart by the RSA padding check. (Without the extended
 * master secret the handshake bytes do not enter the key schedule, so the session still decrypts.)
 */
async function withUnreadableCertificate(): Promise<string> {
  const original = fixturePath('rsa-ciphers.pcapng');
  const streams = await decryptCapture(original, { keys: [fixturePath('rsa-ciphers.key')] });
  const certificate = streams.get(STREAM)?.session.negotiation.serverCertificates[0];
  if (certificate === undefined) throw new Error('the capture has no certificate on that stream');
  const bytes = readFileSync(original);
  let at = bytes.indexOf(Buffer.from(certificate.subarray(0, 64)));
  // Every stream shares the certificate: break it in the one of this stream (the last copy).
  for (let next = at; next >= 0; next = bytes.indexOf(Buffer.from(certificate.subarray(0, 64)), next + 1)) at = next;
  if (at < 0) throw new Error('certificate bytes not found in one piece');
  bytes[at + 2] = 0xff;
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'keyhole-wrong-key-')), 'rsa-bad-cert.pcapng');
  writeFileSync(file, bytes);
  return file;
}

test('without a certificate to match, the right key is found by the padding check', async (t) => {
  const file = await withUnreadableCertificate();
  const streams = await decryptCapture(file, { keys: [fixturePath('client-cert.client.key'), fixturePath('rsa-ciphers.key')] });
  const verdict = streams.get(STREAM)?.verdict;
  t.is(verdict?.status, 'decrypted');
  t.regex(verdict?.sourceDetail ?? '', /rsa-ciphers\.key, tried because the certificate does not parse/);
});

test('a wrong key is reported as a wrong key (bad padding), not as a missing one', async (t) => {
  const file = await withUnreadableCertificate();
  const streams = await decryptCapture(file, { keys: [fixturePath('client-cert.client.key')] });
  const verdict = streams.get(STREAM)?.verdict;
  t.is(verdict?.status, 'not-decrypted');
  t.regex(verdict?.reason ?? '', /the RSA key given does not decrypt the pre-master secret \(bad PKCS#1 padding\): wrong key for this server/);
});
