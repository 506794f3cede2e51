import test from 'ava';
import type { ExecutionContext } from 'ava';
import { readFileSync } from 'node:fs';
import { fromHex, hex } from '../../dissect/bytes.js';
import { loadPrivateKeys } from '../../dissect/secrets/keys.js';
import { parseKeyLog } from '../../dissect/secrets/keylog.js';
import type { KeyLogSource } from '../../dissect/secrets/keylog.js';
import { parsePsk } from '../../dissect/secrets/psk.js';
import { SecretStore } from '../../dissect/secrets/store.js';
import type { Found } from '../../dissect/secrets/store.js';
import { SHARED_MISSING, sharedPath } from '../helpers/shared.js';
import { decryptionSecretsBlocks } from './pcapng-dsb.js';

const SOURCE: KeyLogSource = { origin: 'keylog', name: 'test.keys' };

/** A distinct, recognisable byte string: `count` copies of `byte`. */
function bytes(byte: number, count: number): Uint8Array {
  return new Uint8Array(count).fill(byte);
}

const random = (n: number): Uint8Array => bytes(n, 32);
const sessionId = (n: number): Uint8Array => bytes(0x50 + n, 32);
const secret = (n: number): Uint8Array => bytes(0xa0 + n, 48);

function valueOf(found: Found<Uint8Array> | undefined): string | undefined {
  return found === undefined ? undefined : hex(found.value);
}

function sharedFile(t: ExecutionContext, name: string): string | undefined {
  const file = sharedPath(name);
  if (file === undefined) t.pass(SHARED_MISSING);
  return file;
}

function storeWithKeyLog(lines: readonly string[]): SecretStore {
  const store = new SecretStore();
  const problems = store.addKeyLogText(lines.join('\n'), SOURCE);
  if (problems.length > 0) throw new Error(`test key log does not parse: ${problems[0]?.diagnostic.message}`);
  return store;
}

const FROM_RSA_KEY: Omit<Found<Uint8Array>, 'value'> = { source: 'rsa-key', detail: 'the RSA key in server.key' };

test('a key log CLIENT_RANDOM line comes first, then the RSA Session-ID line', (t) => {
  const store = storeWithKeyLog([`CLIENT_RANDOM ${hex(random(1))} ${hex(secret(1))}`, `RSA Session-ID:${hex(sessionId(1))} Master-Key:${hex(secret(2))}`]);
  const byRandom = store.masterSecretFor({ clientRandom: random(1), sessionId: sessionId(1) });
  t.deepEqual(byRandom, { value: secret(1), source: 'keylog', detail: 'CLIENT_RANDOM line 1 of test.keys' });
  const bySession = store.masterSecretFor({ clientRandom: random(2), sessionId: sessionId(1) });
  t.deepEqual(bySession, { value: secret(2), source: 'keylog', detail: 'RSA Session-ID line 2 of test.keys' });
  t.is(store.masterSecretFor({ clientRandom: random(2), sessionId: sessionId(2) }), undefined);
});

test('the key log is asked before the resumption cache', (t) => {
  const store = storeWithKeyLog([`CLIENT_RANDOM ${hex(random(1))} ${hex(secret(1))}`, `RSA Session-ID:${hex(sessionId(1))} Master-Key:${hex(secret(2))}`]);
  store.remember({ clientRandom: random(1), masterSecret: { value: secret(3), ...FROM_RSA_KEY } });
  store.remember({ clientRandom: random(5), sessionId: sessionId(1), masterSecret: { value: secret(4), ...FROM_RSA_KEY } });
  t.is(valueOf(store.masterSecretFor({ clientRandom: random(1) })), hex(secret(1)));
  t.is(valueOf(store.masterSecretFor({ clientRandom: random(6), sessionId: sessionId(1) })), hex(secret(2)));
});

test('the resumption cache answers by client random, then session id, then ticket', (t) => {
  const store = new SecretStore();
  const ticket = bytes(0x7e, 160);
  store.remember({ clientRandom: random(1), sessionId: sessionId(1), masterSecret: { value: secret(1), ...FROM_RSA_KEY } });
  store.remember({ clientRandom: random(2), ticket, masterSecret: { value: secret(2), ...FROM_RSA_KEY } });

  // The handshake that was solved keeps the source that solved it.
  t.deepEqual(store.masterSecretFor({ clientRandom: random(1) }), { value: secret(1), ...FROM_RSA_KEY });
  t.is(valueOf(store.masterSecretFor({ clientRandom: random(2), sessionId: sessionId(1), ticket })), hex(secret(2)));

  const bySession = store.masterSecretFor({ clientRandom: random(3), sessionId: sessionId(1), ticket });
  t.is(valueOf(bySession), hex(secret(1)));
  t.is(bySession?.source, 'resumed-session');
  t.is(bySession?.origin, 'the RSA key in server.key');
  t.regex(bySession?.detail ?? '', new RegExp(`^resumed by session id ${hex(sessionId(1))}; the session's secret came from the RSA key in server.key$`));

  const byTicket = store.masterSecretFor({ clientRandom: random(4), ticket });
  t.is(valueOf(byTicket), hex(secret(2)));
  t.is(byTicket?.detail, "resumed by a session ticket; the session's secret came from the RSA key in server.key");
});

test('a session resumed twice still names where its secret first came from', (t) => {
  const store = storeWithKeyLog([`CLIENT_RANDOM ${hex(random(1))} ${hex(secret(1))}`]);
  const full = store.masterSecretFor({ clientRandom: random(1) });
  if (full === undefined) return t.fail('the key log line was not found');
  store.remember({ clientRandom: random(1), sessionId: sessionId(1), masterSecret: full });
  const first = store.masterSecretFor({ clientRandom: random(2), sessionId: sessionId(1) });
  if (first === undefined) return t.fail('the first resumption was not found');
  store.remember({ clientRandom: random(2), sessionId: sessionId(2), masterSecret: first });
  const second = store.masterSecretFor({ clientRandom: random(3), sessionId: sessionId(2) });
  t.is(second?.origin, 'CLIENT_RANDOM line 1 of test.keys');
  t.is(second?.detail.split('resumed by').length, 2);
});

test('an empty session id is neither remembered nor looked up', (t) => {
  const store = new SecretStore();
  store.remember({ clientRandom: random(1), sessionId: new Uint8Array(), masterSecret: { value: secret(1), ...FROM_RSA_KEY } });
  t.is(store.masterSecretFor({ clientRandom: random(2), sessionId: new Uint8Array() }), undefined);
});

test('the resumption cache is bounded and forgets the oldest sessions first', (t) => {
  const store = new SecretStore({ maxResumptionEntries: 4 });
  for (const n of [1, 2, 3]) store.remember({ clientRandom: random(n), sessionId: sessionId(n), masterSecret: { value: secret(n), ...FROM_RSA_KEY } });
  t.is(store.masterSecretFor({ sessionId: sessionId(1) }), undefined);
  t.is(valueOf(store.masterSecretFor({ sessionId: sessionId(2) })), hex(secret(2)));
  t.is(valueOf(store.masterSecretFor({ sessionId: sessionId(3) })), hex(secret(3)));
});

test('the last key log line for a client random wins, as in Wireshark', (t) => {
  const store = storeWithKeyLog([`CLIENT_RANDOM ${hex(random(1))} ${hex(secret(1))}`, `CLIENT_RANDOM ${hex(random(1))} ${hex(secret(2))}`]);
  t.is(store.masterSecretFor({ clientRandom: random(1) })?.detail, 'CLIENT_RANDOM line 2 of test.keys');
});

test('a PMS_CLIENT_RANDOM line comes before an RSA line for the pre-master secret', (t) => {
  const prefix = bytes(0x3e, 8);
  const store = storeWithKeyLog([`PMS_CLIENT_RANDOM ${hex(random(1))} ${hex(secret(1))}`, `RSA ${hex(prefix)} ${hex(secret(2))}`]);
  const encrypted = new Uint8Array([...prefix, ...bytes(0x99, 120)]);
  t.is(store.preMasterFor({ clientRandom: random(1), encryptedPreMasterPrefix: encrypted })?.detail, 'PMS_CLIENT_RANDOM line 1 of test.keys');
  t.is(store.preMasterFor({ clientRandom: random(2), encryptedPreMasterPrefix: encrypted })?.detail, 'RSA line 2 of test.keys');
  t.is(store.preMasterFor({ clientRandom: random(2) }), undefined);
});

test('the RSA line of the chacha20 key log is found by the first 8 bytes of a longer encrypted pre-master', (t) => {
  const file = sharedFile(t, 'tls12-chacha20poly1305.keys');
  if (file === undefined) return;
  const store = new SecretStore();
  store.addKeyLogText(readFileSync(file), { origin: 'keylog', name: file });
  const encryptedPreMaster = new Uint8Array([...(fromHex('3e2ffbd86d10f694') ?? []), ...bytes(0x11, 248)]);
  const found = store.preMasterFor({ encryptedPreMasterPrefix: encryptedPreMaster });
  t.is(found?.value.length, 48);
  t.is(found?.source, 'keylog');
  t.is(found?.detail, `RSA line 5 of ${file}`);
});

test('the TLS 1.3 secrets of the illustrated TLS 1.3 connection come back by name', (t) => {
  const file = sharedFile(t, 'extra/illustrated-tls13.keys');
  if (file === undefined) return;
  const text = readFileSync(file, 'latin1');
  const store = new SecretStore();
  store.addKeyLogText(text, { origin: 'keylog', name: 'illustrated-tls13.keys' });
  const clientRandom = Uint8Array.from({ length: 32 }, (_, i) => i);
  const found = store.tls13SecretsFor(clientRandom);
  const inFile = (label: string): string => new RegExp(`^${label} [0-9a-f]{64} ([0-9a-f]+)$`, 'm').exec(text)?.[1] ?? 'absent';
  t.is(found?.source, 'keylog');
  t.is(found?.detail, '5 TLS 1.3 key log lines from illustrated-tls13.keys');
  t.deepEqual(Object.keys(found?.value ?? {}).sort(), ['client0', 'clientHandshake', 'exporter', 'server0', 'serverHandshake']);
  t.is(hex(found?.value.serverHandshake ?? new Uint8Array()), inFile('SERVER_HANDSHAKE_TRAFFIC_SECRET'));
  t.is(hex(found?.value.client0 ?? new Uint8Array()), inFile('CLIENT_TRAFFIC_SECRET_0'));
  t.is(found?.value.exporter?.length, 48);
  t.is(store.tls13SecretsFor(random(9)), undefined);
});

test('only the 0-RTT connection of tls13-rfc8446.keys has a client early traffic secret', (t) => {
  const file = sharedFile(t, 'tls13-rfc8446.keys');
  if (file === undefined) return;
  const batch = parseKeyLog(readFileSync(file), { origin: 'keylog', name: file });
  const store = new SecretStore();
  store.addKeyLogEntries(batch.entries);
  const randoms = [...new Set(batch.entries.map((entry) => hex(entry.key)))];
  const early = randoms.map((r) => store.tls13SecretsFor(fromHex(r) ?? new Uint8Array())?.value.clientEarly !== undefined);
  t.deepEqual(early, [false, true]);
});

test('secrets from a Decryption Secrets Block are seen only by lookups after it is added', (t) => {
  const capture = sharedFile(t, 'tls12-dsb.pcapng');
  if (capture === undefined) return;
  const [first, second] = decryptionSecretsBlocks(capture);
  if (first === undefined || second === undefined) return t.fail('tls12-dsb.pcapng should hold two DSBs');
  const clientRandom = parseKeyLog(second.data, SOURCE).entries[0]?.key ?? new Uint8Array();
  const store = new SecretStore();
  t.deepEqual(store.addDecryptionSecrets(first), []);
  t.is(store.masterSecretFor({ clientRandom }), undefined);
  t.deepEqual(store.addDecryptionSecrets(second), []);
  const found = store.masterSecretFor({ clientRandom });
  t.is(found?.source, 'dsb');
  t.is(found?.detail, `CLIENT_RANDOM line 1 of the Decryption Secrets Block after frame ${second.afterFrame}`);
  t.true(second.afterFrame > first.afterFrame);
});

test('a Decryption Secrets Block of another protocol adds nothing and says so', (t) => {
  const store = new SecretStore();
  const diagnostics = store.addDecryptionSecrets({ type: 0x57474b4c, data: new TextEncoder().encode(`CLIENT_RANDOM ${hex(random(1))} ${hex(secret(1))}\n`), afterFrame: 7 });
  t.deepEqual(
    diagnostics.map((d) => d.code),
    ['secret.dsb-unknown-type'],
  );
  t.is(store.masterSecretFor({ clientRandom: random(1) }), undefined);
});

test('an RSA key is found by its public key hash and is then no longer unmatched', async (t) => {
  const snakeoil = sharedFile(t, 'rsasnakeoil2.key');
  const pq = sharedFile(t, 'rsa-p-lt-q.key');
  const pqPkcs8 = sharedFile(t, 'rsa-p-lt-q.p8');
  if (snakeoil === undefined || pq === undefined || pqPkcs8 === undefined) return;
  const store = new SecretStore();
  const [snakeoilKey] = await loadPrivateKeys(snakeoil);
  store.addRsaKeys([...(await loadPrivateKeys(snakeoil)), ...(await loadPrivateKeys(pq)), ...(await loadPrivateKeys(pqPkcs8))]);
  t.deepEqual(
    store.unmatchedKeys().map((key) => key.file),
    [snakeoil, pq],
  );
  const found = store.rsaKeyFor(snakeoilKey?.spkiSha256 ?? '');
  t.is(found?.source, 'rsa-key');
  t.is(found?.detail, `the RSA key in ${snakeoil}`);
  t.is(store.rsaKeyFor('00'.repeat(32)), undefined);
  t.deepEqual(
    store.unmatchedKeys().map((key) => key.file),
    [pq],
  );
});

test('pre-shared keys keep their order, once each, and say they are PSKs', (t) => {
  const store = new SecretStore();
  for (const text of ['ca19e028a8a372ad2d325f950fcaceed', '0102', 'CA19E028A8A372AD2D325F950FCACEED']) store.addPsk(parsePsk(text));
  t.deepEqual(
    store.psks().map((found) => [hex(found.value), found.source, found.detail]),
    [
      ['ca19e028a8a372ad2d325f950fcaceed', 'psk', 'pre-shared key 1 of 2'],
      ['0102', 'psk', 'pre-shared key 2 of 2'],
    ],
  );
});
