import { createHmac, randomBytes } from 'node:crypto';
import test from 'ava';
import { concatBytes } from '../../dissect/bytes.js';
import { Rc4 } from '../../dissect/crypto/rc4.js';
import { RecordDecryptor } from '../../dissect/crypto/record-decryptor.js';
import { ContentType, ProtocolVersion, cipherSuite } from '../../dissect/tls/tables/index.js';
import { ascii } from './hex.js';
import { ssl3Mac, tlsMac } from './seal.js';

const DATA = ContentType.application_data;

test('RC4 records run one keystream across the direction, whether OpenSSL has RC4 loaded or not', (t) => {
  const suite = cipherSuite(0x0005); // TLS_RSA_WITH_RC4_128_SHA
  if (suite === undefined) return t.fail('suite missing');
  const key = randomBytes(16);
  const macKey = randomBytes(20);
  const sender = new Rc4(key);
  const decryptor = new RecordDecryptor({ suite, version: ProtocolVersion.TLS_1_0, key, iv: new Uint8Array(0), macKey });
  for (const [n, message] of ['one', 'two', 'three'].entries()) {
    const content = ascii(message);
    const fragment = sender.update(concatBytes([content, tlsMac('sha1', macKey, BigInt(n), DATA, 0x0301, content)]));
    const out = decryptor.decrypt(DATA, 0x0301, fragment);
    t.is(out.verdict, 'ok');
    t.is(Buffer.from(out.plaintext).toString(), message);
  }
});

test('SSL 3.0 RC4-MD5 records carry the SSL 3.0 MAC, which leaves the version out (RFC 6101 5.2.3.1)', (t) => {
  const suite = cipherSuite(0x0004); // TLS_RSA_WITH_RC4_128_MD5
  if (suite === undefined) return t.fail('suite missing');
  const key = randomBytes(16);
  const macKey = randomBytes(16);
  const content = ascii('HTTP/1.0 200 OK');
  const fragment = new Rc4(key).update(concatBytes([content, ssl3Mac('md5', macKey, 0n, DATA, content)]));
  const ssl3 = new RecordDecryptor({ suite, version: ProtocolVersion.SSL_3_0, key, iv: new Uint8Array(0), macKey }).decrypt(DATA, 0x0300, fragment);
  t.is(ssl3.verdict, 'ok');
  t.is(Buffer.from(ssl3.plaintext).toString(), 'HTTP/1.0 200 OK');
  const asTls = new RecordDecryptor({ suite, version: ProtocolVersion.TLS_1_0, key, iv: new Uint8Array(0), macKey }).decrypt(DATA, 0x0300, fragment);
  t.is(asTls.verdict, 'bad-mac');
});

test('NULL encryption with its MAC key checks the MAC; without it the content comes with an unchecked-MAC note', (t) => {
  const suite = cipherSuite(0x003b); // TLS_RSA_WITH_NULL_SHA256
  if (suite === undefined) return t.fail('suite missing');
  const macKey = randomBytes(32);
  const content = ascii('GET / HTTP/1.1');
  const mac = createHmac('sha256', macKey).update(Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, DATA, 3, 3, 0, content.length])).update(content).digest();
  const fragment = concatBytes([content, mac]);
  const keyed = new RecordDecryptor({ suite, version: 0x0303, key: new Uint8Array(0), iv: new Uint8Array(0), macKey }).decrypt(DATA, 0x0303, fragment);
  t.is(keyed.verdict, 'ok');
  t.is(keyed.diagnostic, undefined);
  t.is(Buffer.from(keyed.plaintext).toString(), 'GET / HTTP/1.1');
  const tampered = fragment.slice();
  tampered[0] = 0x50;
  t.is(new RecordDecryptor({ suite, version: 0x0303, key: new Uint8Array(0), iv: new Uint8Array(0), macKey }).decrypt(DATA, 0x0303, tampered).verdict, 'bad-mac');
  const keyless = new RecordDecryptor({ suite, version: 0x0303, key: new Uint8Array(0), iv: new Uint8Array(0), macKey: new Uint8Array(0) }).decrypt(DATA, 0x0303, tampered);
  t.is(keyless.verdict, 'ok');
  t.is(keyless.diagnostic?.code, 'decrypt.mac-unchecked');
  t.is(keyless.diagnostic?.severity, 'note');
  t.is(Buffer.from(keyless.plaintext).toString(), 'PET / HTTP/1.1');
});

test('a stream record shorter than its MAC is bad-length', (t) => {
  const suite = cipherSuite(0x0002); // TLS_RSA_WITH_NULL_SHA
  if (suite === undefined) return t.fail('suite missing');
  const out = new RecordDecryptor({ suite, version: 0x0301, key: new Uint8Array(0), iv: new Uint8Array(0), macKey: randomBytes(20) }).decrypt(DATA, 0x0301, new Uint8Array(19));
  t.is(out.verdict, 'bad-length');
  t.is(out.diagnostic?.code, 'decrypt.bad-length');
});
