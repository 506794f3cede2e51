import { createCipheriv, randomBytes } from 'node:crypto';
import test from 'ava';
import { concatBytes } from '../../dissect/bytes.js';
import { Rc4 } from '../../dissect/crypto/rc4.js';
import { type RecordDecryptorOptions, RecordDecryptor } from '../../dissect/crypto/record-decryptor.js';
import { type CipherSuiteInfo, ContentType, ProtocolVersion, cipherSuite } from '../../dissect/tls/tables/index.js';
import { ascii } from './hex.js';
import { sealAead, sealCbc, tls12Aad, tls13Aad, tlsMac, xorNonce } from './seal.js';

const DATA = ContentType.application_data;
const none = new Uint8Array(0);

function suite(id: number): CipherSuiteInfo {
  const row = cipherSuite(id);
  if (row === undefined) throw new Error(`suite 0x${id.toString(16)} missing from the table`);
  return row;
}

function legacyProviderLoaded(): boolean {
  try {
    createCipheriv('des-cbc', new Uint8Array(8), new Uint8Array(8));
    return true;
  } catch {
    return false;
  }
}

test('versions keyhole cannot decrypt make every record unsupported, numbered all the same', (t) => {
  for (const version of [0x0002, ProtocolVersion.GMTLS, ProtocolVersion.DTLS_1_3]) {
    const decryptor = new RecordDecryptor({ suite: suite(0x002f), version, key: new Uint8Array(16), iv: new Uint8Array(16), macKey: new Uint8Array(20) });
    t.regex(decryptor.unsupportedReason ?? '', /version 0x/);
    const first = decryptor.decrypt(DATA, version, new Uint8Array(48));
    const second = decryptor.decrypt(DATA, version, new Uint8Array(48));
    t.is(first.verdict, 'unsupported');
    t.is(first.diagnostic?.code, 'decrypt.unsupported-version');
    t.is(second.sequence, 1n);
  }
});

test('ciphers keyhole has no engine for (GOST, RFC 9150 integrity-only, SM4-CCM) are unsupported with the suite named', (t) => {
  for (const [id, version] of [[0xc100, 0x0303], [0xc0b4, 0x0304], [0x00c7, 0x0304]] as const) {
    const row = suite(id);
    const out = new RecordDecryptor({ suite: row, version, key: new Uint8Array(row.keyLength), iv: new Uint8Array(row.fixedIvLength), macKey: none })
      .decrypt(DATA, 0x0303, new Uint8Array(64));
    t.is(out.verdict, 'unsupported');
    t.is(out.diagnostic?.code, 'decrypt.unsupported-cipher');
    t.true(out.diagnostic?.message.includes(row.name));
  }
});

test('a legacy-provider cipher says how to enable it when node runs without --openssl-legacy-provider', (t) => {
  const row = suite(0x0007); // TLS_RSA_WITH_IDEA_CBC_SHA
  const decryptor = new RecordDecryptor({ suite: row, version: 0x0303, key: new Uint8Array(16), iv: none, macKey: new Uint8Array(20) });
  if (legacyProviderLoaded()) {
    t.is(decryptor.unsupportedReason, undefined);
    t.not(decryptor.decrypt(DATA, 0x0303, new Uint8Array(48)).verdict, 'unsupported');
  } else {
    const out = decryptor.decrypt(DATA, 0x0303, new Uint8Array(48));
    t.is(out.verdict, 'unsupported');
    t.regex(out.diagnostic?.message ?? '', /idea-cbc .*--openssl-legacy-provider/);
  }
});

test('keys and IVs of the wrong size are reported, not thrown', (t) => {
  const gcm = new RecordDecryptor({ suite: suite(0x009c), version: 0x0303, key: new Uint8Array(16), iv: new Uint8Array(12), macKey: none });
  t.regex(gcm.unsupportedReason ?? '', /4-byte IV/);
  const cbc = new RecordDecryptor({ suite: suite(0x002f), version: 0x0301, key: new Uint8Array(16), iv: new Uint8Array(8), macKey: new Uint8Array(20) });
  t.regex(cbc.unsupportedReason ?? '', /16-byte IV/);
  const aes = new RecordDecryptor({ suite: suite(0x002f), version: 0x0303, key: new Uint8Array(15), iv: none, macKey: new Uint8Array(20) });
  t.regex(aes.unsupportedReason ?? '', /aes-128-cbc/);
  const tls13Cbc = new RecordDecryptor({ suite: suite(0x002f), version: 0x0304, key: new Uint8Array(16), iv: none, macKey: new Uint8Array(20) });
  t.regex(tls13Cbc.unsupportedReason ?? '', /AEAD/);
});

interface Sweep {
  readonly name: string;
  readonly options: RecordDecryptorOptions;
  readonly version: number;
  readonly fragment: Uint8Array;
}

function sweeps(): Sweep[] {
  const content = ascii('truncate me, byte by byte');
  const cbc = suite(0x002f);
  const k16 = randomBytes(16);
  const mac20 = randomBytes(20);
  const iv16 = randomBytes(16);
  const cbcRecord = (version: number, explicitIv: boolean, encryptThenMac: boolean) => sealCbc({
    cipher: 'aes-128-cbc', key: k16, iv: iv16, explicitIv, macHash: 'sha1', macKey: mac20, sequence: 0n, type: DATA, version, content, encryptThenMac,
  });
  const salt = randomBytes(4);
  const explicit = randomBytes(8);
  const k32 = randomBytes(32);
  const iv12 = randomBytes(12);
  const inner = concatBytes([content, Uint8Array.of(DATA)]);
  const rc4Key = randomBytes(16);
  return [
    { name: 'TLS 1.0 CBC', version: 0x0301, options: { suite: cbc, version: 0x0301, key: k16, iv: iv16, macKey: mac20 }, fragment: cbcRecord(0x0301, false, false) },
    { name: 'TLS 1.2 CBC', version: 0x0303, options: { suite: cbc, version: 0x0303, key: k16, iv: none, macKey: mac20 }, fragment: cbcRecord(0x0303, true, false) },
    { name: 'TLS 1.2 CBC encrypt-then-MAC', version: 0x0303, options: { suite: cbc, version: 0x0303, key: k16, iv: none, macKey: mac20, encryptThenMac: true }, fragment: cbcRecord(0x0303, true, true) },
    {
      name: 'TLS 1.2 AES-GCM', version: 0x0303, options: { suite: suite(0x009c), version: 0x0303, key: k16, iv: salt, macKey: none },
      fragment: concatBytes([explicit, sealAead({ cipher: 'aes-128-gcm', key: k16, nonce: concatBytes([salt, explicit]), aad: tls12Aad(0n, DATA, 0x0303, content.length), plaintext: content })]),
    },
    {
      name: 'TLS 1.2 AES-CCM_8', version: 0x0303, options: { suite: suite(0xc0a0), version: 0x0303, key: k16, iv: salt, macKey: none },
      fragment: concatBytes([explicit, sealAead({ cipher: 'aes-128-ccm', key: k16, nonce: concatBytes([salt, explicit]), aad: tls12Aad(0n, DATA, 0x0303, content.length), plaintext: content, tagLength: 8 })]),
    },
    {
      name: 'TLS 1.3 ChaCha20-Poly1305', version: 0x0303, options: { suite: suite(0x1303), version: 0x0304, key: k32, iv: iv12, macKey: none },
      fragment: sealAead({ cipher: 'chacha20-poly1305', key: k32, nonce: xorNonce(iv12, 0n), aad: tls13Aad(inner.length + 16), plaintext: inner }),
    },
    {
      name: 'TLS 1.0 RC4-SHA', version: 0x0301, options: { suite: suite(0x0005), version: 0x0301, key: rc4Key, iv: none, macKey: mac20 },
      fragment: new Rc4(rc4Key).update(concatBytes([content, tlsMac('sha1', mac20, 0n, DATA, 0x0301, content)])),
    },
  ];
}

for (const sweep of sweeps()) {
  test(`every truncated prefix of a ${sweep.name} record is refused without throwing; the whole record opens`, (t) => {
    for (let length = 0; length < sweep.fragment.length; length++) {
      const out = new RecordDecryptor(sweep.options).decrypt(DATA, sweep.version, sweep.fragment.subarray(0, length));
      t.not(out.verdict, 'ok', `prefix of ${length} bytes`);
      t.not(out.diagnostic, undefined);
      t.is(out.plaintext.length, 0);
    }
    const whole = new RecordDecryptor(sweep.options).decrypt(DATA, sweep.version, sweep.fragment);
    t.is(whole.verdict, 'ok');
    t.is(Buffer.from(whole.plaintext).toString(), 'truncate me, byte by byte');
  });
}
