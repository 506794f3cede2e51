import test from 'ava';
import { hex, u24 } from '../../dissect/bytes.js';
import { digest } from '../../dissect/crypto/hash.js';
import {
  EARLY_DRAFT_LABEL_PREFIX, LABEL_PREFIX, deriveSecret, earlySecret, finishedKey, handshakeSecret, hkdfExpandLabel,
  labelPrefix, nextTrafficSecret, tls13MasterSecret, trafficKeys,
} from '../../dissect/crypto/key-schedule-tls13.js';
import { RecordDecryptor } from '../../dissect/crypto/record-decryptor.js';
import { ContentType, ProtocolVersion, cipherSuite } from '../../dissect/tls/tables/index.js';
import { bytes } from './hex.js';
import v from './vectors/rfc8448.json' with { type: 'json' };

const TLS_AES_128_GCM_SHA256 = cipherSuite(0x1301);
const empty = new Uint8Array(0);
const orEmpty = (b: Uint8Array | undefined): string => hex(b ?? empty);

/** A record's header fields and fragment, as the record layer hands them to the decryptor. */
function decryptRecord(decryptor: RecordDecryptor, record: Uint8Array) {
  return decryptor.decrypt(record[0] ?? 0, ((record[1] ?? 0) << 8) | (record[2] ?? 0), record.subarray(5));
}

/** Handshake messages, with their 4-byte headers, in a decrypted flight. */
function messages(flight: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at + 4 <= flight.length; at += 4 + u24(flight, at + 1)) out.push(flight.subarray(at, at + 4 + u24(flight, at + 1)));
  return out;
}

test('the early, handshake and master secrets follow RFC 8448 3 from the X25519 shared secret', (t) => {
  const early = earlySecret('sha256');
  t.is(hex(early), v.earlySecret);
  t.is(orEmpty(deriveSecret('sha256', early, 'derived', digest('sha256'))), v.derivedForHandshake);
  const handshake = handshakeSecret('sha256', early, bytes(v.ecdheSharedSecret));
  t.is(orEmpty(handshake), v.handshakeSecret);
  t.is(orEmpty(tls13MasterSecret('sha256', handshake ?? empty)), v.masterSecret);
});

test('the handshake traffic secrets are Derive-Secret over the ClientHello..ServerHello transcript (RFC 8448 3)', (t) => {
  const helloHash = digest('sha256', bytes(v.clientHello), bytes(v.serverHello));
  t.is(hex(helloHash), v.helloHash);
  const handshake = bytes(v.handshakeSecret);
  t.is(orEmpty(deriveSecret('sha256', handshake, 'c hs traffic', helloHash)), v.clientHandshakeTrafficSecret);
  t.is(orEmpty(deriveSecret('sha256', handshake, 's hs traffic', helloHash)), v.serverHandshakeTrafficSecret);
});

test('traffic keys and IVs come out of the traffic secrets exactly as RFC 8448 prints them', (t) => {
  if (TLS_AES_128_GCM_SHA256 === undefined) return t.fail('suite 0x1301 missing');
  const cases = [
    [v.serverHandshakeTrafficSecret, v.serverHandshakeKey, v.serverHandshakeIv],
    [v.clientHandshakeTrafficSecret, v.clientHandshakeKey, v.clientHandshakeIv],
    [v.serverApplicationTrafficSecret, v.serverApplicationKey, v.serverApplicationIv],
    [v.clientApplicationTrafficSecret, v.clientApplicationKey, v.clientApplicationIv],
  ] as const;
  for (const [secret, key, iv] of cases) {
    const keys = trafficKeys(ProtocolVersion.TLS_1_3, TLS_AES_128_GCM_SHA256, bytes(secret));
    t.is(orEmpty(keys?.key), key);
    t.is(orEmpty(keys?.iv), iv);
  }
});

test('the Finished key matches RFC 8448 and KeyUpdate matches OpenSSL\'s TLS13-KDF "traffic upd"', (t) => {
  if (TLS_AES_128_GCM_SHA256 === undefined) return t.fail('suite 0x1301 missing');
  t.is(orEmpty(finishedKey(ProtocolVersion.TLS_1_3, TLS_AES_128_GCM_SHA256, bytes(v.serverHandshakeTrafficSecret))), v.serverFinishedKey);
  t.is(
    orEmpty(nextTrafficSecret(ProtocolVersion.TLS_1_3, TLS_AES_128_GCM_SHA256, bytes(v.serverApplicationTrafficSecret))),
    v.opensslTrafficUpdate.serverApplicationTrafficSecret1,
  );
});

test('the server flight of RFC 8448 decrypts, and its transcript gives the application traffic secrets', (t) => {
  if (TLS_AES_128_GCM_SHA256 === undefined) return t.fail('suite 0x1301 missing');
  const decryptor = new RecordDecryptor({
    suite: TLS_AES_128_GCM_SHA256, version: ProtocolVersion.TLS_1_3,
    key: bytes(v.serverHandshakeKey), iv: bytes(v.serverHandshakeIv), macKey: empty,
  });
  const flight = decryptRecord(decryptor, bytes(v.serverHandshakeRecord));
  t.is(flight.verdict, 'ok');
  t.is(flight.contentType, ContentType.handshake);
  const types = messages(flight.plaintext).map((m) => m[0]);
  t.deepEqual(types, [8, 11, 15, 20]);
  const transcript = digest('sha256', bytes(v.clientHello), bytes(v.serverHello), flight.plaintext);
  const master = bytes(v.masterSecret);
  t.is(orEmpty(deriveSecret('sha256', master, 'c ap traffic', transcript)), v.clientApplicationTrafficSecret);
  t.is(orEmpty(deriveSecret('sha256', master, 's ap traffic', transcript)), v.serverApplicationTrafficSecret);
});

test('the client Finished and both application records of RFC 8448 decrypt to what the RFC sent', (t) => {
  const suite = TLS_AES_128_GCM_SHA256;
  if (suite === undefined) return t.fail('suite 0x1301 missing');
  const open = (key: string, iv: string, sequence = 0n) =>
    new RecordDecryptor({ suite, version: ProtocolVersion.TLS_1_3, key: bytes(key), iv: bytes(iv), macKey: empty, sequence });
  const finished = decryptRecord(open(v.clientHandshakeKey, v.clientHandshakeIv), bytes(v.clientFinishedRecord));
  t.is(finished.contentType, ContentType.handshake);
  t.is(hex(finished.plaintext), v.clientFinished);
  const clientData = decryptRecord(open(v.clientApplicationKey, v.clientApplicationIv), bytes(v.clientApplicationRecord));
  t.is(clientData.contentType, ContentType.application_data);
  t.is(hex(clientData.plaintext), v.applicationData);
  const serverData = decryptRecord(
    open(v.serverApplicationKey, v.serverApplicationIv, BigInt(v.serverApplicationRecordSequence)), bytes(v.serverApplicationRecord),
  );
  t.is(serverData.verdict, 'ok');
  t.is(hex(serverData.plaintext), v.applicationData);
});

test('the same record under the wrong sequence number fails its tag', (t) => {
  const suite = TLS_AES_128_GCM_SHA256;
  if (suite === undefined) return t.fail('suite 0x1301 missing');
  const decryptor = new RecordDecryptor({
    suite, version: ProtocolVersion.TLS_1_3, key: bytes(v.serverApplicationKey), iv: bytes(v.serverApplicationIv), macKey: empty,
  });
  const result = decryptRecord(decryptor, bytes(v.serverApplicationRecord));
  t.is(result.verdict, 'bad-mac');
  t.is(result.diagnostic?.code, 'decrypt.bad-mac');
  t.is(result.plaintext.length, 0);
});

test('HKDF-Expand-Label writes the HkdfLabel RFC 8448 prints for "key" and "iv"', (t) => {
  // key info (13 octets): 00 10 09 74 6c 73 31 33 20 6b 65 79 00 — checked through its output.
  const secret = bytes(v.serverHandshakeTrafficSecret);
  t.is(orEmpty(hkdfExpandLabel('sha256', secret, 'key', empty, 16)), v.serverHandshakeKey);
  t.is(orEmpty(hkdfExpandLabel('sha256', secret, 'iv', empty, 12, LABEL_PREFIX)), v.serverHandshakeIv);
  t.not(orEmpty(hkdfExpandLabel('sha256', secret, 'key', empty, 16, EARLY_DRAFT_LABEL_PREFIX)), v.serverHandshakeKey);
  t.is(hkdfExpandLabel('sha256', secret, 'x'.repeat(250), empty, 16), undefined);
  t.is(hkdfExpandLabel('sha256', secret, 'key', new Uint8Array(256), 16), undefined);
});

test('drafts before 20 label with "TLS 1.3, "; draft 20 on, RFC 8446 and Facebook drafts with "tls13 "', (t) => {
  t.is(labelPrefix(0x7f12), EARLY_DRAFT_LABEL_PREFIX);
  t.is(labelPrefix(0x7f13), EARLY_DRAFT_LABEL_PREFIX);
  t.is(labelPrefix(0x7f14), LABEL_PREFIX);
  t.is(labelPrefix(0x7f1c), LABEL_PREFIX);
  t.is(labelPrefix(0xfb17), LABEL_PREFIX);
  t.is(labelPrefix(ProtocolVersion.TLS_1_3), LABEL_PREFIX);
  t.is(labelPrefix(ProtocolVersion.TLS_1_2), undefined);
});

test('only TLS 1.3 suites with a hash OpenSSL has give traffic keys', (t) => {
  const gost = cipherSuite(0xc103);
  const legacy = cipherSuite(0x002f);
  if (gost === undefined || legacy === undefined) return t.fail('suites missing');
  t.is(trafficKeys(ProtocolVersion.TLS_1_3, gost, new Uint8Array(32)), undefined);
  t.is(trafficKeys(ProtocolVersion.TLS_1_3, legacy, new Uint8Array(32)), undefined);
});
