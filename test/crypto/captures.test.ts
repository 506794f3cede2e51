/**
 * Every session located in the public captures (vectors/capture-records.json): keys derived the
 * way a session would (key log, PSK or the server's RSA key), then the protected records of both
 * directions opened in order. Covers SSL 3.0, TLS 1.0-1.3, TLS 1.3 draft 20, DTLS 1.0 and 1.2, and
 * the 73 + 39 suites of the Lekensteyn captures (export, IDEA, SEED, Camellia, RC4, 3DES, DES).
 */
import test from 'ava';
import { u24 } from '../../dissect/bytes.js';
import { trafficKeys } from '../../dissect/crypto/key-schedule-tls13.js';
import { type DecryptedRecord, RecordDecryptor } from '../../dissect/crypto/record-decryptor.js';
import { LEGACY_PROVIDER_HINT } from '../../dissect/crypto/openssl-cipher.js';
import { ContentType } from '../../dissect/tls/tables/index.js';
import { SHARED_MISSING } from '../helpers/shared.js';
import { CAPTURE_SESSIONS, type LoadedSession, type WireRecord, loadSession, sessionKeys } from './capture-sessions.js';

const text = (records: readonly DecryptedRecord[]): string =>
  records.filter((r) => r.contentType === ContentType.application_data).map((r) => Buffer.from(r.plaintext).toString('latin1')).join('');

/** What the application data of some sessions starts with (MANIFEST.md, tshark follow,tls). */
const EXPECTED: Readonly<Record<string, { readonly client: string; readonly server?: string }>> = {
  'illustrated TLS 1.2': { client: 'ping', server: 'pong' },
  'illustrated TLS 1.3': { client: 'ping', server: 'pong' },
  'TLS 1.3 draft 20 ChaCha20-Poly1305': { client: 'GET / HTTP/1.1' },
  'TLS 1.3 RFC 8446 AES-128-GCM': { client: 'GET /first HTTP/1.1' },
  'TLS 1.2 PSK AES-128-CCM': { client: 'GET / HTTP/1.1' },
  'TLS 1.2 PSK AES-256-GCM-SHA384': { client: 'GET / HTTP/1.1' },
  'DTLS 1.2 PSK AES-128-CCM_8': { client: 'DTLS1.2 test using GnuTLS 3.5.8', server: 'DTLS1.2 test using GnuTLS 3.5.8' },
  'SSL 3.0 RSA AES-256-CBC': { client: 'GET / HTTP/1.1' },
  'DTLS 1.0 (OpenSSL pre-0.9.8f) RSA AES-256-CBC': { client: 'it work !\n' },
  'TLS 1.2 NULL-SHA256 without keys': { client: 'GET / HTTP/1.1' },
};

function expectedFor(name: string): { readonly client: string; readonly server?: string } | undefined {
  if (name.startsWith('TLS 1.2 suite test')) return { client: 'GET / HTTP/1.0', server: 'HTTP/1.0 200 ok' };
  if (name.startsWith('SSL 3.0 suite test')) return { client: 'GET / HTTP/1.1', server: 'HTTP/1.1 200 OK' };
  if (name.startsWith('TLS 1.2 ChaCha20-Poly1305')) return { client: 'GET / HTTP/1.1' };
  return EXPECTED[name];
}

function openTls12(loaded: LoadedSession, direction: 'client' | 'server'): DecryptedRecord[] {
  const keys = sessionKeys(loaded)?.[direction];
  const empty = new Uint8Array(0);
  const decryptor = new RecordDecryptor({
    suite: loaded.suite, version: loaded.session.version, key: keys?.key ?? empty, iv: keys?.iv ?? empty, macKey: keys?.macKey ?? empty,
    compression: loaded.session.compression,
  });
  return loaded[direction].map((r) => decryptor.decrypt(r.type, r.version, r.fragment, r.sequence));
}

/** True once a complete Finished (type 20) message has been read from the handshake bytes so far. */
function finishedSeen(handshake: Uint8Array): boolean {
  for (let at = 0; at + 4 <= handshake.length; at += 4 + u24(handshake, at + 1)) {
    if (handshake[at] === 20 && at + 4 + u24(handshake, at + 1) <= handshake.length) return true;
  }
  return false;
}

/** RFC 8446 7.3: handshake traffic keys until this side's Finished, application traffic keys after. */
function openTls13(loaded: LoadedSession, direction: 'client' | 'server'): DecryptedRecord[] {
  const side = direction.toUpperCase();
  const stages = [loaded.secrets.get(`${side}_HANDSHAKE_TRAFFIC_SECRET`), loaded.secrets.get(`${side}_TRAFFIC_SECRET_0`)]
    .map((secret) => (secret === undefined ? undefined : trafficKeys(loaded.session.version, loaded.suite, secret)));
  const open = (stage: number): RecordDecryptor | undefined => {
    const keys = stages[stage];
    return keys === undefined ? undefined : new RecordDecryptor({ suite: loaded.suite, version: loaded.session.version, ...keys, macKey: new Uint8Array(0) });
  };
  let decryptor = open(0);
  let handshake: Uint8Array = new Uint8Array(0);
  const out: DecryptedRecord[] = [];
  for (const record of loaded[direction]) {
    if (decryptor === undefined) break;
    const opened = decryptor.decrypt(record.type, record.version, record.fragment);
    out.push(opened);
    if (opened.contentType === ContentType.handshake) {
      handshake = Buffer.concat([handshake, opened.plaintext]);
      if (finishedSeen(handshake)) {
        decryptor = open(1);
        handshake = new Uint8Array(0);
      }
    }
  }
  return out;
}

const isTls13 = (version: number): boolean => version === 0x0304 || version >> 8 === 0x7f;

/** Whether the direction's decrypted handshake bytes hold its Finished message. */
function sentFinished(records: readonly DecryptedRecord[], wire: readonly WireRecord[]): boolean {
  const handshake = Buffer.concat(records.filter((r) => r.contentType === ContentType.handshake).map((r) => r.plaintext));
  return wire.length === 0 || finishedSeen(handshake);
}

for (const session of CAPTURE_SESSIONS) {
  test(`${session.name} (${session.file}): both directions decrypt`, (t) => {
    const loaded = loadSession(session);
    if (loaded === undefined) {
      t.log(SHARED_MISSING);
      t.pass();
      return;
    }
    const open = isTls13(session.version) ? openTls13 : openTls12;
    const opened = { client: open(loaded, 'client'), server: open(loaded, 'server') };
    const all = [...opened.client, ...opened.server];
    const needsLegacy = all.find((r) => r.verdict === 'unsupported' && r.diagnostic?.message.includes(LEGACY_PROVIDER_HINT) === true);
    if (needsLegacy !== undefined) {
      t.log(`skipped: ${needsLegacy.diagnostic?.message ?? ''}`);
      t.pass();
      return;
    }
    t.is(opened.client.length, loaded.client.length);
    t.deepEqual(all.filter((r) => r.verdict !== 'ok').map((r) => r.diagnostic?.message), []);
    t.true(sentFinished(opened.client, loaded.client), 'client Finished');
    t.true(sentFinished(opened.server, loaded.server), 'server Finished');
    const expected = expectedFor(session.name);
    if (expected !== undefined) {
      t.true(text(opened.client).startsWith(expected.client), text(opened.client).slice(0, 40));
      if (expected.server !== undefined) t.true(text(opened.server).startsWith(expected.server), text(opened.server).slice(0, 40));
    }
    if (session.keys === undefined && session.psk === undefined && session.rsaKey === undefined) {
      t.true(all.every((r) => r.diagnostic?.code === 'decrypt.mac-unchecked'));
    }
  });
}
