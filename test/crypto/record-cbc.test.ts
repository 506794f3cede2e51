import { randomBytes } from 'node:crypto';
import test from 'ava';
import { hex } from '../../dissect/bytes.js';
import { RecordDecryptor } from '../../dissect/crypto/record-decryptor.js';
import { ContentType, ProtocolVersion, cipherSuite } from '../../dissect/tls/tables/index.js';
import { ascii } from './hex.js';
import { type CbcRecord, sealCbc } from './seal.js';

const AES_128_CBC_SHA = cipherSuite(0x002f);
const AES_256_CBC_SHA256 = cipherSuite(0x003d);
const DATA = ContentType.application_data;

function keys(suite: { keyLength: number; macLength: number; blockSize: number }) {
  return { key: randomBytes(suite.keyLength), macKey: randomBytes(suite.macLength), iv: randomBytes(suite.blockSize) };
}

test('TLS 1.2 CBC records (explicit IV, HMAC-SHA1 then padding) decrypt in order, sequence numbers counted', (t) => {
  const suite = AES_128_CBC_SHA;
  if (suite === undefined) return t.fail('suite missing');
  const k = keys(suite);
  const decryptor = new RecordDecryptor({ suite, version: ProtocolVersion.TLS_1_2, key: k.key, iv: new Uint8Array(0), macKey: k.macKey });
  const messages = ['GET / HTTP/1.1\r\n\r\n', '', 'x'.repeat(1000)];
  messages.forEach((text, n) => {
    const fragment = sealCbc({
      cipher: 'aes-128-cbc', key: k.key, iv: randomBytes(16), explicitIv: true, macHash: 'sha1', macKey: k.macKey,
      sequence: BigInt(n), type: DATA, version: ProtocolVersion.TLS_1_2, content: ascii(text),
    });
    const out = decryptor.decrypt(DATA, ProtocolVersion.TLS_1_2, fragment);
    t.is(out.verdict, 'ok');
    t.is(out.sequence, BigInt(n));
    t.is(Buffer.from(out.plaintext).toString(), text);
    t.is(out.diagnostic, undefined);
  });
});

test('TLS 1.0 chains the CBC IV from the last ciphertext block of the previous record', (t) => {
  const suite = AES_256_CBC_SHA256;
  if (suite === undefined) return t.fail('suite missing');
  const k = keys(suite);
  const decryptor = new RecordDecryptor({ suite, version: ProtocolVersion.TLS_1_0, ...k });
  let iv: Uint8Array = k.iv;
  for (const [n, text] of ['first record', 'second one, longer than a block', ''].entries()) {
    const fragment = sealCbc({
      cipher: 'aes-256-cbc', key: k.key, iv, explicitIv: false, macHash: 'sha256', macKey: k.macKey,
      sequence: BigInt(n), type: DATA, version: ProtocolVersion.TLS_1_0, content: ascii(text),
    });
    iv = fragment.subarray(fragment.length - 16);
    const out = decryptor.decrypt(DATA, ProtocolVersion.TLS_1_0, fragment);
    t.is(out.verdict, 'ok');
    t.is(Buffer.from(out.plaintext).toString(), text);
  }
});

test('a CBC record whose MAC does not match is bad-mac, and the next record still decrypts', (t) => {
  const suite = AES_128_CBC_SHA;
  if (suite === undefined) return t.fail('suite missing');
  const k = keys(suite);
  const record = (sequence: bigint, macOver?: Uint8Array): Uint8Array => sealCbc({
    cipher: 'aes-128-cbc', key: k.key, iv: randomBytes(16), explicitIv: true, macHash: 'sha1', macKey: k.macKey,
    sequence, type: DATA, version: ProtocolVersion.TLS_1_2, content: ascii('hello'), ...(macOver === undefined ? {} : { macOver }),
  });
  const decryptor = new RecordDecryptor({ suite, version: ProtocolVersion.TLS_1_2, key: k.key, iv: new Uint8Array(0), macKey: k.macKey });
  const bad = decryptor.decrypt(DATA, ProtocolVersion.TLS_1_2, record(0n, ascii('hellO')));
  t.is(bad.verdict, 'bad-mac');
  t.is(bad.diagnostic?.code, 'decrypt.bad-mac');
  t.is(bad.plaintext.length, 0);
  const good = decryptor.decrypt(DATA, ProtocolVersion.TLS_1_2, record(1n));
  t.is(good.verdict, 'ok');
  t.is(good.sequence, 1n);
});

test('the MAC covers the sequence number, the content type and the record version', (t) => {
  const suite = AES_128_CBC_SHA;
  if (suite === undefined) return t.fail('suite missing');
  const k = keys(suite);
  const fragment = sealCbc({
    cipher: 'aes-128-cbc', key: k.key, iv: randomBytes(16), explicitIv: true, macHash: 'sha1', macKey: k.macKey,
    sequence: 0n, type: DATA, version: ProtocolVersion.TLS_1_2, content: ascii('hello'),
  });
  const fresh = (sequence = 0n) => new RecordDecryptor({ suite, version: ProtocolVersion.TLS_1_2, key: k.key, iv: new Uint8Array(0), macKey: k.macKey, sequence });
  t.is(fresh().decrypt(DATA, ProtocolVersion.TLS_1_2, fragment).verdict, 'ok');
  t.is(fresh(1n).decrypt(DATA, ProtocolVersion.TLS_1_2, fragment).verdict, 'bad-mac');
  t.is(fresh().decrypt(ContentType.handshake, ProtocolVersion.TLS_1_2, fragment).verdict, 'bad-mac');
  t.is(fresh().decrypt(DATA, ProtocolVersion.TLS_1_1, fragment).verdict, 'bad-mac');
});

test('TLS padding whose bytes differ from its length is bad-padding; SSL 3.0 accepts any padding bytes', (t) => {
  const suite = AES_128_CBC_SHA;
  if (suite === undefined) return t.fail('suite missing');
  const k = keys(suite);
  const base: CbcRecord = {
    cipher: 'aes-128-cbc', key: k.key, iv: k.iv, explicitIv: false, macHash: 'sha1', macKey: k.macKey,
    sequence: 0n, type: DATA, version: ProtocolVersion.TLS_1_0, content: ascii('0123456789'), padLength: 17, paddingByte: 0xaa,
  };
  const tls = new RecordDecryptor({ suite, version: ProtocolVersion.TLS_1_0, ...k }).decrypt(DATA, ProtocolVersion.TLS_1_0, sealCbc(base));
  t.is(tls.verdict, 'bad-padding');
  t.is(tls.diagnostic?.code, 'decrypt.bad-padding');
  const ssl3 = new RecordDecryptor({ suite, version: ProtocolVersion.SSL_3_0, ...k })
    .decrypt(DATA, ProtocolVersion.SSL_3_0, sealCbc({ ...base, ssl3: true, version: ProtocolVersion.SSL_3_0 }));
  t.is(ssl3.verdict, 'ok');
  t.is(Buffer.from(ssl3.plaintext).toString(), '0123456789');
});

test('a padding length reaching into the MAC is bad-padding', (t) => {
  const suite = AES_128_CBC_SHA;
  if (suite === undefined) return t.fail('suite missing');
  const k = keys(suite);
  // 5 content + 20 MAC + 6 padding + length byte = 32 bytes; the length byte claims 30 bytes of padding.
  const fragment = sealCbc({
    cipher: 'aes-128-cbc', key: k.key, iv: k.iv, explicitIv: false, macHash: 'sha1', macKey: k.macKey,
    sequence: 0n, type: DATA, version: ProtocolVersion.TLS_1_0, content: ascii('hello'), padLength: 6, paddingByte: 30, lengthByte: 30,
  });
  const decryptor = new RecordDecryptor({ suite, version: ProtocolVersion.TLS_1_0, ...k });
  const out = decryptor.decrypt(DATA, ProtocolVersion.TLS_1_0, fragment);
  t.is(out.verdict, 'bad-padding');
  t.regex(out.diagnostic?.message ?? '', /no room for the 20-byte MAC/);
});

test('encrypt-then-MAC records (RFC 7366) verify the MAC over IV and ciphertext before decrypting', (t) => {
  const suite = AES_128_CBC_SHA;
  if (suite === undefined) return t.fail('suite missing');
  const k = keys(suite);
  const record = (sequence: bigint, macOver?: Uint8Array): Uint8Array => sealCbc({
    cipher: 'aes-128-cbc', key: k.key, iv: randomBytes(16), explicitIv: true, macHash: 'sha1', macKey: k.macKey, encryptThenMac: true,
    sequence, type: DATA, version: ProtocolVersion.TLS_1_2, content: ascii(`record ${sequence}`), ...(macOver === undefined ? {} : { macOver }),
  });
  const decryptor = new RecordDecryptor({ suite, version: ProtocolVersion.TLS_1_2, key: k.key, iv: new Uint8Array(0), macKey: k.macKey, encryptThenMac: true });
  const first = decryptor.decrypt(DATA, ProtocolVersion.TLS_1_2, record(0n));
  t.is(first.verdict, 'ok');
  t.is(Buffer.from(first.plaintext).toString(), 'record 0');
  t.is(decryptor.decrypt(DATA, ProtocolVersion.TLS_1_2, record(1n, new Uint8Array(32))).verdict, 'bad-mac');
  t.is(decryptor.decrypt(DATA, ProtocolVersion.TLS_1_2, record(2n)).verdict, 'ok');
  const macThenEncrypt = new RecordDecryptor({ suite, version: ProtocolVersion.TLS_1_2, key: k.key, iv: new Uint8Array(0), macKey: k.macKey });
  t.not(macThenEncrypt.decrypt(DATA, ProtocolVersion.TLS_1_2, record(0n)).verdict, 'ok');
});

test('a fragment that is not whole cipher blocks, or too short for IV and MAC, is bad-length and leaves the IV chain alone', (t) => {
  const suite = AES_128_CBC_SHA;
  if (suite === undefined) return t.fail('suite missing');
  const k = keys(suite);
  const decryptor = new RecordDecryptor({ suite, version: ProtocolVersion.TLS_1_0, ...k });
  t.is(decryptor.decrypt(DATA, ProtocolVersion.TLS_1_0, new Uint8Array(33)).verdict, 'bad-length');
  t.is(decryptor.decrypt(DATA, ProtocolVersion.TLS_1_0, new Uint8Array(16)).verdict, 'bad-length');
  const fragment = sealCbc({
    cipher: 'aes-128-cbc', key: k.key, iv: k.iv, explicitIv: false, macHash: 'sha1', macKey: k.macKey,
    sequence: 2n, type: DATA, version: ProtocolVersion.TLS_1_0, content: ascii('still in step'),
  });
  const out = decryptor.decrypt(DATA, ProtocolVersion.TLS_1_0, fragment);
  t.is(out.verdict, 'ok');
  t.is(out.diagnostic, undefined);
  t.is(hex(out.plaintext), hex(ascii('still in step')));
});
