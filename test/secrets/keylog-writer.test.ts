import test from 'ava';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hex } from '../../dissect/bytes.js';
import { SecretInputError } from '../../dissect/secrets/errors.js';
import { openKeyLogOut } from '../../dissect/secrets/keylog-writer.js';
import { parseKeyLog } from '../../dissect/secrets/keylog.js';
import { SecretStore } from '../../dissect/secrets/store.js';
import { SHARED_MISSING, sharedPath } from '../helpers/shared.js';
import { scratchFolder } from './tools.js';

const scratch = scratchFolder();
test.after.always(() => scratch.cleanup());

const permissions = (file: string): number => statSync(file).mode & 0o777;

const clientRandom = new Uint8Array(32).fill(0x11);
const masterSecret = new Uint8Array(48).fill(0x22);

test('a new key log output file is created readable by its owner only', (t) => {
  const file = scratch.file('new.keys');
  const writer = openKeyLogOut(file);
  writer.writeMasterSecret(clientRandom, masterSecret);
  writer.close();
  t.is(permissions(file), 0o600);
  t.is(readFileSync(file, 'latin1'), `CLIENT_RANDOM ${hex(clientRandom)} ${hex(masterSecret)}\n`);
});

test('an existing 0644 file is truncated and narrowed to 0600', (t) => {
  const file = scratch.file('existing.keys');
  writeFileSync(file, 'old contents that must go\n');
  chmodSync(file, 0o644);
  t.is(permissions(file), 0o644);
  const writer = openKeyLogOut(file);
  t.is(permissions(file), 0o600);
  writer.close();
  t.is(readFileSync(file, 'latin1'), '');
});

test('each line is written once however often a session is reported', (t) => {
  const file = scratch.file('once.keys');
  const writer = openKeyLogOut(file);
  for (let i = 0; i < 3; i++) {
    writer.writeMasterSecret(clientRandom, masterSecret);
    writer.writeTls13Secrets(clientRandom, { clientHandshake: masterSecret, serverHandshake: masterSecret });
  }
  writer.close();
  t.deepEqual(
    readFileSync(file, 'latin1')
      .split('\n')
      .map((line) => line.split(' ')[0]),
    ['CLIENT_RANDOM', 'CLIENT_HANDSHAKE_TRAFFIC_SECRET', 'SERVER_HANDSHAKE_TRAFFIC_SECRET', ''],
  );
});

test('the TLS 1.3 secrets of the illustrated connection are written back as the lines they came from', (t) => {
  const source = sharedPath('extra/illustrated-tls13.keys');
  if (source === undefined) {
    t.pass(SHARED_MISSING);
    return;
  }
  const original = readFileSync(source, 'latin1');
  const store = new SecretStore();
  t.deepEqual(store.addKeyLogText(original, { origin: 'keylog', name: source }), []);
  const random = Uint8Array.from({ length: 32 }, (_, i) => i);
  const secrets = store.tls13SecretsFor(random);
  const file = scratch.file('roundtrip.keys');
  const writer = openKeyLogOut(file);
  writer.writeTls13Secrets(random, secrets?.value ?? {});
  writer.close();
  const written = readFileSync(file, 'latin1');
  const sortedLines = (text: string): string[] => text.trim().split('\n').sort();
  t.deepEqual(sortedLines(written), sortedLines(original));
  t.deepEqual(parseKeyLog(written, { origin: 'keylog', name: file }).problems, []);
});

test('a key log output in a folder that does not exist is one clear error', (t) => {
  const file = scratch.file('no/such/folder/out.keys');
  const error = t.throws(() => openKeyLogOut(file), { instanceOf: SecretInputError });
  t.is(error?.message, `Key log output ${file} cannot be written: no such file or folder.`);
});

test('writes after close are ignored rather than sent to a reused descriptor', (t) => {
  const file = scratch.file('closed.keys');
  const writer = openKeyLogOut(file);
  writer.close();
  writer.writeMasterSecret(clientRandom, masterSecret);
  writer.close();
  t.is(readFileSync(file, 'latin1'), '');
});
