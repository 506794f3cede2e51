import { createPrivateKey } from 'node:crypto';
import test from 'ava';
import { hex, u16 } from '../../dissect/bytes.js';
import {
  MASTER_SECRET_LENGTH, connectionKeys, extendedMasterSecret, masterSecret, sessionHash,
} from '../../dissect/crypto/key-schedule-tls12.js';
import { RecordDecryptor } from '../../dissect/crypto/record-decryptor.js';
import { decryptPreMaster } from '../../dissect/crypto/rsa-premaster.js';
import { ContentType, ProtocolVersion, cipherSuite } from '../../dissect/tls/tables/index.js';
import { bytes } from './hex.js';
import vectors from './vectors/rsa-sessions.json' with { type: 'json' };

const serverKey = createPrivateKey(vectors.privateKey);

for (const session of vectors.sessions) {
  test(`${session.name}: pre-master, session hash and extended master secret give OpenSSL's master secret`, (t) => {
    const suite = cipherSuite(session.suite);
    if (suite === undefined) return t.fail('suite missing');
    t.true(session.extendedMasterSecret);
    const preMaster = decryptPreMaster(serverKey, bytes(session.encryptedPreMaster), session.version);
    if (preMaster.kind !== 'ok') return t.fail(preMaster.diagnostic.message);
    const hash = sessionHash(session.version, suite, bytes(session.handshakeMessages));
    t.is(hash?.length, session.version === ProtocolVersion.TLS_1_2 ? 32 : 36);
    const master = extendedMasterSecret(session.version, suite, preMaster.preMaster, hash ?? new Uint8Array(0));
    t.is(hex(master ?? new Uint8Array(0)), session.masterSecret.toLowerCase());
    const classic = masterSecret(session.version, suite, preMaster.preMaster, bytes(session.clientRandom), bytes(session.serverRandom));
    t.not(hex(classic ?? new Uint8Array(0)), session.masterSecret.toLowerCase());
  });

  test(`${session.name}: the key block opens both directions' records, Finished first`, (t) => {
    const suite = cipherSuite(session.suite);
    if (suite === undefined) return t.fail('suite missing');
    const keys = connectionKeys(session.version, suite, bytes(session.masterSecret), bytes(session.clientRandom), bytes(session.serverRandom));
    if (keys === undefined) return t.fail('no keys');
    for (const [direction, reply] of [['client', 'ping'], ['server', 'pong']] as const) {
      const decryptor = new RecordDecryptor({ suite, version: session.version, ...keys[direction], encryptThenMac: session.encryptThenMac });
      const opened = session[direction].map((text) => {
        const record = bytes(text);
        return decryptor.decrypt(record[0] ?? 0, u16(record, 1), record.subarray(5));
      });
      t.true(opened.every((r) => r.verdict === 'ok'), direction);
      t.is(opened[0]?.contentType, ContentType.handshake);
      t.is(opened[0]?.plaintext[0], 20, 'Finished');
      const data = opened.filter((r) => r.contentType === ContentType.application_data).map((r) => Buffer.from(r.plaintext).toString()).join('');
      t.is(data, reply);
    }
  });
}

test('the session hash is the PRF hash for TLS 1.2 and MD5 || SHA-1 before; SSL 3.0 and TLS 1.3 have none', (t) => {
  const sha384Suite = cipherSuite(0x009d);
  const sha256Suite = cipherSuite(0x002f);
  if (sha384Suite === undefined || sha256Suite === undefined) return t.fail('suites missing');
  const messages = bytes('0100000403030000');
  t.is(sessionHash(ProtocolVersion.TLS_1_2, sha384Suite, messages)?.length, 48);
  t.is(sessionHash(ProtocolVersion.DTLS_1_2, sha256Suite, messages)?.length, 32);
  t.is(sessionHash(ProtocolVersion.TLS_1_0, sha384Suite, messages)?.length, 36);
  t.is(sessionHash(ProtocolVersion.SSL_3_0, sha256Suite, messages), undefined);
  t.is(sessionHash(ProtocolVersion.TLS_1_3, sha256Suite, messages), undefined);
  t.is(extendedMasterSecret(ProtocolVersion.SSL_3_0, sha256Suite, new Uint8Array(48), new Uint8Array(36)), undefined);
});

test('the key block splits into MAC keys, write keys and IVs of the sizes the suite row gives', (t) => {
  const suite = cipherSuite(0x000a); // TLS_RSA_WITH_3DES_EDE_CBC_SHA
  if (suite === undefined) return t.fail('suite missing');
  const keys = connectionKeys(ProtocolVersion.TLS_1_0, suite, new Uint8Array(MASTER_SECRET_LENGTH), new Uint8Array(32), new Uint8Array(32));
  t.deepEqual(
    [keys?.client.macKey.length, keys?.server.macKey.length, keys?.client.key.length, keys?.server.key.length, keys?.client.iv.length, keys?.server.iv.length],
    [20, 20, 24, 24, 8, 8],
  );
  t.not(hex(keys?.client.key ?? new Uint8Array(0)), hex(keys?.server.key ?? new Uint8Array(0)));
  t.is(connectionKeys(ProtocolVersion.TLS_1_3, suite, new Uint8Array(48), new Uint8Array(32), new Uint8Array(32)), undefined);
});
