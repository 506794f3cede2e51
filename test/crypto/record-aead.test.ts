import { randomBytes } from 'node:crypto';
import test from 'ava';
import { concatBytes } from '../../dissect/bytes.js';
import { gcmSeal } from '../../dissect/crypto/gcm.js';
import { RecordDecryptor } from '../../dissect/crypto/record-decryptor.js';
import { dtlsSequence } from '../../dissect/crypto/sequence.js';
import { ContentType, ProtocolVersion, cipherSuite } from '../../dissect/tls/tables/index.js';
import { ascii } from './hex.js';
import { sealAead, tls12Aad, tls13Aad, xorNonce } from './seal.js';

const DATA = ContentType.application_data;
const text = (b: Uint8Array): string => Buffer.from(b).toString();

test('TLS 1.2 AES-GCM: 4-byte salt || 8-byte explicit nonce, AAD of seq, type, version and plaintext length', (t) => {
  const suite = cipherSuite(0x009c); // TLS_RSA_WITH_AES_128_GCM_SHA256
  if (suite === undefined) return t.fail('suite missing');
  const key = randomBytes(16);
  const salt = randomBytes(4);
  const decryptor = new RecordDecryptor({ suite, version: ProtocolVersion.TLS_1_2, key, iv: salt, macKey: new Uint8Array(0) });
  for (const [n, message] of ['GET / HTTP/1.1', '', 'z'.repeat(5000)].entries()) {
    const explicit = randomBytes(8);
    const plaintext = ascii(message);
    const sealed = sealAead({ cipher: 'aes-128-gcm', key, nonce: concatBytes([salt, explicit]), aad: tls12Aad(BigInt(n), DATA, 0x0303, plaintext.length), plaintext });
    const out = decryptor.decrypt(DATA, 0x0303, concatBytes([explicit, sealed]));
    t.is(out.verdict, 'ok');
    t.is(text(out.plaintext), message);
  }
});

test('TLS 1.2 AES-CCM_8 records carry an 8-byte tag (RFC 6655)', (t) => {
  const suite = cipherSuite(0xc0a0); // TLS_RSA_WITH_AES_128_CCM_8
  if (suite === undefined) return t.fail('suite missing');
  const key = randomBytes(16);
  const salt = randomBytes(4);
  const explicit = randomBytes(8);
  const plaintext = ascii('eight byte tags');
  const sealed = sealAead({ cipher: 'aes-128-ccm', key, nonce: concatBytes([salt, explicit]), aad: tls12Aad(0n, DATA, 0x0303, plaintext.length), plaintext, tagLength: 8 });
  const out = new RecordDecryptor({ suite, version: 0x0303, key, iv: salt, macKey: new Uint8Array(0) }).decrypt(DATA, 0x0303, concatBytes([explicit, sealed]));
  t.is(out.verdict, 'ok');
  t.is(text(out.plaintext), 'eight byte tags');
});

test('TLS 1.2 ARIA-GCM (RFC 6209) and Camellia-GCM (RFC 6367) records decrypt', (t) => {
  const aria = cipherSuite(0xc05c); // TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256
  const camellia = cipherSuite(0xc07a); // TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256
  if (aria === undefined || camellia === undefined) return t.fail('suites missing');
  const key = randomBytes(16);
  const salt = randomBytes(4);
  const explicit = randomBytes(8);
  const plaintext = ascii('not AES');
  const aad = tls12Aad(7n, DATA, 0x0303, plaintext.length);
  const ariaSealed = sealAead({ cipher: 'aria-128-gcm', key, nonce: concatBytes([salt, explicit]), aad, plaintext });
  const camelliaSealed = gcmSeal('camellia-128-ecb', key, concatBytes([salt, explicit]), aad, plaintext);
  for (const [suite, sealed] of [[aria, ariaSealed], [camellia, concatBytes([camelliaSealed.ciphertext, camelliaSealed.tag])]] as const) {
    const out = new RecordDecryptor({ suite, version: 0x0303, key, iv: salt, macKey: new Uint8Array(0), sequence: 7n })
      .decrypt(DATA, 0x0303, concatBytes([explicit, sealed]));
    t.is(out.verdict, 'ok', suite.name);
    t.is(text(out.plaintext), 'not AES');
  }
});

test('TLS 1.2 ChaCha20-Poly1305 XORs the sequence number into its 12-byte IV (RFC 7905)', (t) => {
  const suite = cipherSuite(0xcca8);
  if (suite === undefined) return t.fail('suite missing');
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const decryptor = new RecordDecryptor({ suite, version: 0x0303, key, iv, macKey: new Uint8Array(0) });
  for (let n = 0n; n < 3n; n++) {
    const plaintext = ascii(`record ${n}`);
    const fragment = sealAead({ cipher: 'chacha20-poly1305', key, nonce: xorNonce(iv, n), aad: tls12Aad(n, DATA, 0x0303, plaintext.length), plaintext });
    t.is(text(decryptor.decrypt(DATA, 0x0303, fragment).plaintext), `record ${n}`);
  }
});

test('DTLS 1.2 takes the epoch and sequence number from the record header', (t) => {
  const suite = cipherSuite(0xc02f);
  if (suite === undefined) return t.fail('suite missing');
  const key = randomBytes(16);
  const salt = randomBytes(4);
  const sequence = dtlsSequence(1, 5n);
  t.is(sequence, 0x0001_0000_0000_0005n);
  const explicit = randomBytes(8);
  const plaintext = ascii('datagram');
  const fragment = concatBytes([explicit, sealAead({ cipher: 'aes-128-gcm', key, nonce: concatBytes([salt, explicit]), aad: tls12Aad(sequence, DATA, 0xfefd, plaintext.length), plaintext })]);
  const decryptor = new RecordDecryptor({ suite, version: ProtocolVersion.DTLS_1_2, key, iv: salt, macKey: new Uint8Array(0) });
  t.is(decryptor.decrypt(DATA, 0xfefd, fragment).verdict, 'bad-mac');
  const replayed = decryptor.decrypt(DATA, 0xfefd, fragment, dtlsSequence(1, 6n));
  t.is(replayed.verdict, 'bad-mac');
  t.regex(replayed.diagnostic?.message ?? '', /^epoch 1 record 6: /);
  const out = decryptor.decrypt(DATA, 0xfefd, fragment, sequence);
  t.is(out.verdict, 'ok');
  t.is(out.sequence, sequence);
  t.is(text(out.plaintext), 'datagram');
});

function tls13Record(key: Uint8Array, iv: Uint8Array, sequence: bigint, inner: Uint8Array, headerAad = true): Uint8Array {
  const length = inner.length + 16;
  return sealAead({ cipher: 'chacha20-poly1305', key, nonce: xorNonce(iv, sequence), aad: headerAad ? tls13Aad(length) : new Uint8Array(0), plaintext: inner });
}

test('TLS 1.3 records give their inner content type and drop the zero padding (RFC 8446 5.2, 5.4)', (t) => {
  const suite = cipherSuite(0x1303);
  if (suite === undefined) return t.fail('suite missing');
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const decryptor = new RecordDecryptor({ suite, version: ProtocolVersion.TLS_1_3, key, iv, macKey: new Uint8Array(0) });
  const alert = decryptor.decrypt(DATA, 0x0303, tls13Record(key, iv, 0n, concatBytes([Uint8Array.of(1, 0), Uint8Array.of(ContentType.alert), new Uint8Array(100)])));
  t.is(alert.verdict, 'ok');
  t.is(alert.contentType, ContentType.alert);
  t.deepEqual([...alert.plaintext], [1, 0]);
  const allPadding = decryptor.decrypt(DATA, 0x0303, tls13Record(key, iv, 1n, new Uint8Array(20)));
  t.is(allPadding.verdict, 'bad-padding');
  t.is(allPadding.diagnostic?.code, 'decrypt.bad-padding');
  const short = decryptor.decrypt(DATA, 0x0303, new Uint8Array(15));
  t.is(short.verdict, 'bad-length');
  t.is(short.sequence, 2n);
});

test('a TLS 1.3 change_cipher_spec record passes through unprotected and takes no sequence number', (t) => {
  const suite = cipherSuite(0x1303);
  if (suite === undefined) return t.fail('suite missing');
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const decryptor = new RecordDecryptor({ suite, version: ProtocolVersion.TLS_1_3, key, iv, macKey: new Uint8Array(0) });
  const ccs = decryptor.decrypt(ContentType.change_cipher_spec, 0x0303, Uint8Array.of(1));
  t.is(ccs.verdict, 'ok');
  t.deepEqual([...ccs.plaintext], [1]);
  const next = decryptor.decrypt(DATA, 0x0303, tls13Record(key, iv, 0n, concatBytes([ascii('hi'), Uint8Array.of(DATA)])));
  t.is(next.sequence, 0n);
  t.is(text(next.plaintext), 'hi');
});

test('TLS 1.3 drafts before 25 authenticate no additional data; later ones the record header', (t) => {
  const suite = cipherSuite(0x1303);
  if (suite === undefined) return t.fail('suite missing');
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const inner = concatBytes([ascii('draft'), Uint8Array.of(DATA)]);
  const open = (version: number, headerAad: boolean) =>
    new RecordDecryptor({ suite, version, key, iv, macKey: new Uint8Array(0) }).decrypt(DATA, 0x0301, tls13Record(key, iv, 0n, inner, headerAad));
  t.is(open(0x7f14, false).verdict, 'ok');
  t.is(open(0x7f18, false).verdict, 'ok');
  t.is(open(0x7f19, false).verdict, 'bad-mac');
  t.is(open(0x7f1c, true).verdict, 'bad-mac', 'the header says 0x0303, the record 0x0301');
});
