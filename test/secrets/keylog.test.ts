import test from 'ava';
import { readFileSync, readdirSync } from 'node:fs';
import { hex } from '../../dissect/bytes.js';
import { readDecryptionSecrets } from '../../dissect/secrets/dsb.js';
import { readKeyLogFile } from '../../dissect/secrets/keylog-file.js';
import { KEYLOG_LABEL_NAMES } from '../../dissect/secrets/keylog-labels.js';
import { KeyLogParser, MAX_KEYLOG_LINE, parseKeyLog } from '../../dissect/secrets/keylog.js';
import type { KeyLogBatch, KeyLogSource } from '../../dissect/secrets/keylog.js';
import { SecretInputError } from '../../dissect/secrets/errors.js';
import { SHARED_MISSING, sharedCaptures, sharedPath } from '../helpers/shared.js';
import { decryptionSecretsBlocks } from './pcapng-dsb.js';

const SOURCE: KeyLogSource = { origin: 'keylog', name: 'test.keys' };

/** Entries per label in every key log of ../shared/captures (MANIFEST.md section 2). */
const SHARED_KEY_LOGS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'dhe1_keylog.dat': { CLIENT_RANDOM: 1 },
  'http2-data-reassembly.keys': { CLIENT_RANDOM: 1 },
  'tls12-chacha20poly1305.keys': { CLIENT_RANDOM: 7, RSA: 1 },
  'tls12-dsb-1.keys': { CLIENT_RANDOM: 1 },
  'tls12-dsb-2.keys': { CLIENT_RANDOM: 1 },
  'tls13-20-chacha20poly1305.keys': {
    CLIENT_HANDSHAKE_TRAFFIC_SECRET: 2,
    SERVER_HANDSHAKE_TRAFFIC_SECRET: 2,
    CLIENT_TRAFFIC_SECRET_0: 2,
    SERVER_TRAFFIC_SECRET_0: 2,
  },
  'tls13-rfc8446.keys': {
    CLIENT_EARLY_TRAFFIC_SECRET: 1,
    CLIENT_HANDSHAKE_TRAFFIC_SECRET: 2,
    SERVER_HANDSHAKE_TRAFFIC_SECRET: 2,
    CLIENT_TRAFFIC_SECRET_0: 2,
    SERVER_TRAFFIC_SECRET_0: 2,
  },
  'tls13-rfc8446-noearly.keys': {
    CLIENT_HANDSHAKE_TRAFFIC_SECRET: 2,
    SERVER_HANDSHAKE_TRAFFIC_SECRET: 2,
    CLIENT_TRAFFIC_SECRET_0: 2,
    SERVER_TRAFFIC_SECRET_0: 2,
  },
  'extra/illustrated-tls12.keys': { CLIENT_RANDOM: 1 },
  'extra/illustrated-tls13.keys': {
    CLIENT_HANDSHAKE_TRAFFIC_SECRET: 1,
    SERVER_HANDSHAKE_TRAFFIC_SECRET: 1,
    CLIENT_TRAFFIC_SECRET_0: 1,
    SERVER_TRAFFIC_SECRET_0: 1,
    EXPORTER_SECRET: 1,
  },
  'extra/ssl3-39-ciphers.keys': { CLIENT_RANDOM: 78 },
  'extra/tls12-73-ciphers.keys': { CLIENT_RANDOM: 146 },
};

function labelCounts(batch: KeyLogBatch): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of batch.entries) counts[entry.label] = (counts[entry.label] ?? 0) + 1;
  return counts;
}

/** What a batch says, in a form deepEqual can compare: label, id and secret of each entry. */
function entryLines(batch: KeyLogBatch): string[] {
  return batch.entries.map((entry) => `${entry.line} ${entry.label} ${hex(entry.key)} ${hex(entry.secret)}`);
}

function sharedText(name: string): Buffer | undefined {
  const file = sharedPath(name);
  return file === undefined ? undefined : readFileSync(file);
}

test('the table of shared key logs lists every key log in ../shared/captures', (t) => {
  if (sharedCaptures === undefined) {
    t.pass(SHARED_MISSING);
    return;
  }
  const onDisk = [
    ...readdirSync(sharedCaptures).filter((name) => name.endsWith('.keys') || name === 'dhe1_keylog.dat'),
    ...readdirSync(`${sharedCaptures}/extra`)
      .filter((name) => name.endsWith('.keys'))
      .map((name) => `extra/${name}`),
  ];
  t.deepEqual(onDisk.sort(), Object.keys(SHARED_KEY_LOGS).sort());
});

for (const [name, expected] of Object.entries(SHARED_KEY_LOGS)) {
  test(`${name} parses into the expected entries per label with no malformed line`, async (t) => {
    const file = sharedPath(name);
    if (file === undefined) {
      t.pass(SHARED_MISSING);
      return;
    }
    const batch = await readKeyLogFile(file);
    t.deepEqual(batch.problems, []);
    t.deepEqual(labelCounts(batch), expected);
    t.true(batch.entries.every((entry) => entry.source.origin === 'keylog' && entry.source.name === file));
  });
}

test('the upper-case master secret of dhe1_keylog.dat reads as the same bytes as lower case', (t) => {
  const text = sharedText('dhe1_keylog.dat')?.toString('latin1');
  if (text === undefined) {
    t.pass(SHARED_MISSING);
    return;
  }
  const field = /^CLIENT_RANDOM \S+ (\S+)$/m.exec(text)?.[1] ?? '';
  t.regex(field, /^[0-9A-F]{96}$/);
  const [entry] = parseKeyLog(text, SOURCE).entries;
  t.is(entry?.line, 2);
  t.is(hex(entry?.secret ?? new Uint8Array()), field.toLowerCase());
});

test('the last line of http2-data-reassembly.keys, which has no newline, is read at end()', (t) => {
  const bytes = sharedText('http2-data-reassembly.keys');
  if (bytes === undefined) {
    t.pass(SHARED_MISSING);
    return;
  }
  t.not(bytes.at(-1), 0x0a);
  const parser = new KeyLogParser(SOURCE);
  t.deepEqual(parser.push(bytes).entries, []);
  const last = parser.end();
  t.deepEqual(
    last.entries.map((entry) => [entry.label, entry.line, entry.key.length, entry.secret.length]),
    [['CLIENT_RANDOM', 1, 32, 48]],
  );
});

test('feeding a key log in 7-byte chunks gives the same entries as parsing it whole', (t) => {
  const bytes = sharedText('extra/tls12-73-ciphers.keys');
  if (bytes === undefined) {
    t.pass(SHARED_MISSING);
    return;
  }
  const parser = new KeyLogParser(SOURCE);
  const chunks: KeyLogBatch[] = [];
  for (let at = 0; at < bytes.length; at += 7) chunks.push(parser.push(bytes.subarray(at, at + 7)));
  chunks.push(parser.end());
  const chunked = chunks.flatMap((batch) => entryLines(batch));
  t.is(chunked.length, 146);
  t.deepEqual(chunked, entryLines(parseKeyLog(bytes, SOURCE)));
});

const RANDOM = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
const SECRET_48 = 'AB'.repeat(48);
const SECRET_32 = 'cd'.repeat(32);

test('every label Wireshark reads is accepted, with hex in either case', (t) => {
  const text = [
    `CLIENT_RANDOM ${RANDOM.toUpperCase()} ${SECRET_48}`,
    `RSA 0102030405060708 ${SECRET_48}`,
    `RSA Session-ID:${'5e'.repeat(32)} Master-Key:${SECRET_48.toLowerCase()}`,
    `PMS_CLIENT_RANDOM ${RANDOM} ${'01'.repeat(256)}`,
    `CLIENT_EARLY_TRAFFIC_SECRET ${RANDOM} ${SECRET_32}`,
    `CLIENT_HANDSHAKE_TRAFFIC_SECRET ${RANDOM} ${SECRET_48}`,
    `SERVER_HANDSHAKE_TRAFFIC_SECRET ${RANDOM} ${SECRET_32}`,
    `CLIENT_TRAFFIC_SECRET_0 ${RANDOM} ${SECRET_48}`,
    `SERVER_TRAFFIC_SECRET_0 ${RANDOM} ${SECRET_32}`,
    `EARLY_EXPORTER_SECRET ${RANDOM} ${SECRET_48}`,
    `EXPORTER_SECRET ${RANDOM} ${SECRET_32}`,
  ].join('\n');
  const batch = parseKeyLog(text, SOURCE);
  t.deepEqual(batch.problems, []);
  t.deepEqual(
    batch.entries.map((entry) => entry.label),
    [...KEYLOG_LABEL_NAMES],
  );
  t.deepEqual(
    batch.entries.map((entry) => [entry.key.length, entry.secret.length]),
    [
      [32, 48],
      [8, 48],
      [32, 48],
      [32, 256],
      [32, 32],
      [32, 48],
      [32, 32],
      [32, 48],
      [32, 32],
      [32, 48],
      [32, 32],
    ],
  );
});

test('malformed lines are reported with their line number and reason, and the rest are read', (t) => {
  const lines = [
    '# a hand-written key log with CRLF line ends', // 1
    `CLIENT_RANDOM ${RANDOM} ${SECRET_48}`, // 2 good
    '', // 3 blank
    `BOGUS_LABEL ${RANDOM} ${SECRET_48}`, // 4 unknown label
    `CLIENT_RANDOM ${RANDOM.slice(2)} ${SECRET_48}`, // 5 client random of 31 bytes
    `CLIENT_RANDOM ${RANDOM.slice(0, 62)}zz ${SECRET_48}`, // 6 not hex
    `CLIENT_RANDOM ${RANDOM}`, // 7 missing the secret
    `RSA Session-ID:abcd Master-Key:${SECRET_48}0`, // 8 odd number of digits
    `  RSA 0102030405060708 ${SECRET_48}  `, // 9 good, padded
    `SERVER_TRAFFIC_SECRET_0 ${RANDOM} ${'ee'.repeat(40)}`, // 10 a 40-byte TLS 1.3 secret
    `RSA Session-ID:abcd Master-Key:${SECRET_48} extra`, // 11 a fourth field
    `${SECRET_48} ${RANDOM} ${SECRET_48}`, // 12 a secret where the label should be
    `RSA Session-ID:abcd ${SECRET_48}`, // 13 Master-Key: missing
    '\t# an indented comment', // 14
    `EXPORTER_SECRET ${RANDOM} ${SECRET_32}`, // 15 good, no final newline
  ];
  const batch = parseKeyLog(lines.join('\r\n'), SOURCE);
  t.deepEqual(
    batch.entries.map((entry) => [entry.line, entry.label]),
    [
      [2, 'CLIENT_RANDOM'],
      [9, 'RSA'],
      [15, 'EXPORTER_SECRET'],
    ],
  );
  t.deepEqual(
    batch.problems.map((problem) => [problem.line, problem.diagnostic.code]),
    [
      [4, 'secret.keylog-unknown-label'],
      [5, 'secret.keylog-bad-length'],
      [6, 'secret.keylog-bad-hex'],
      [7, 'secret.keylog-malformed'],
      [8, 'secret.keylog-bad-hex'],
      [10, 'secret.keylog-bad-length'],
      [11, 'secret.keylog-malformed'],
      [12, 'secret.keylog-unknown-label'],
      [13, 'secret.keylog-malformed'],
    ],
  );
  const messages = batch.problems.map((problem) => problem.diagnostic.message);
  t.regex(messages[0] ?? '', /^test\.keys line 4: "BOGUS_LABEL" is not a key log label$/);
  t.regex(messages[1] ?? '', /client random of CLIENT_RANDOM has 31 bytes, not 32 bytes/);
  t.regex(messages[3] ?? '', /needs 3 fields .* but the line has 2/);
  t.regex(messages[4] ?? '', /master secret of RSA Session-ID has an odd number of hex digits/);
  t.regex(messages[5] ?? '', /has 40 bytes, not 32 or 48 bytes/);
  t.regex(messages[7] ?? '', /line 12: the first word is not a key log label/);
  // Messages name fields, never their values: no run of hex digits that could be a secret.
  for (const message of messages) t.notRegex(message, /[0-9a-fA-F]{8}/);
});

test('an over-long line is skipped unbuffered and the lines after it keep their numbers', (t) => {
  const parser = new KeyLogParser(SOURCE);
  const batches = [parser.push(`CLIENT_RANDOM ${RANDOM} ${SECRET_48}\n`)];
  for (let i = 0; i < 10; i++) batches.push(parser.push('x'.repeat(1000)));
  batches.push(parser.push(`\nEXPORTER_SECRET ${RANDOM} ${SECRET_32}\n`), parser.end());
  t.deepEqual(
    batches.flatMap((batch) => batch.entries.map((entry) => [entry.line, entry.label])),
    [
      [1, 'CLIENT_RANDOM'],
      [3, 'EXPORTER_SECRET'],
    ],
  );
  t.deepEqual(
    batches.flatMap((batch) => batch.problems.map((problem) => [problem.line, problem.diagnostic.code])),
    [[2, 'secret.keylog-line-too-long']],
  );
  t.true(MAX_KEYLOG_LINE < 10_000);
});

test('every truncated prefix of a key log parses without throwing into a prefix of its entries', (t) => {
  const text = [
    `# header`,
    `CLIENT_RANDOM ${RANDOM} ${SECRET_48}`,
    `RSA Session-ID:abcd Master-Key:${SECRET_48}`,
    `CLIENT_HANDSHAKE_TRAFFIC_SECRET ${RANDOM} ${SECRET_32}`,
    '',
  ].join('\r\n');
  const full = entryLines(parseKeyLog(text, SOURCE));
  t.is(full.length, 3);
  for (let end = 0; end <= text.length; end++) {
    const batch = parseKeyLog(text.slice(0, end), SOURCE);
    const lines = entryLines(batch);
    t.deepEqual(lines, full.slice(0, lines.length), `prefix of ${end} characters`);
    // Only a cut-off last line can be wrong; a clean cut gives no problem at all.
    t.true(batch.problems.length <= 1);
  }
});

test('random bytes never make the parser throw, whether fed whole or in chunks', (t) => {
  // A fixed linear congruential generator, so a failure reproduces.
  let seed = 0x2545f491;
  const nextByte = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 24;
  };
  const alphabet = 'CLIENT_RANDOM RSA Session-ID:Master-Key: 0123456789abcdefXYZ#\r\n\t\u0000\u00ff';
  for (let round = 0; round < 200; round++) {
    const length = nextByte() * 4;
    const bytes = Uint8Array.from({ length }, () => (round % 2 === 0 ? nextByte() : alphabet.charCodeAt(nextByte() % alphabet.length)));
    t.notThrows(() => {
      parseKeyLog(bytes, SOURCE);
      const parser = new KeyLogParser(SOURCE);
      for (let at = 0; at < bytes.length; at += 1 + (nextByte() % 16)) parser.push(bytes.subarray(at, at + 1 + (nextByte() % 16)));
      parser.end();
    });
  }
});

test('a key log file that does not exist is one clear error', async (t) => {
  const error = await t.throwsAsync(readKeyLogFile('/nonexistent/keyhole/test.keys'), { instanceOf: SecretInputError });
  t.is(error?.message, 'Key log /nonexistent/keyhole/test.keys does not exist.');
});

test('the two Decryption Secrets Blocks of tls12-dsb.pcapng are the two key log files', (t) => {
  const capture = sharedPath('tls12-dsb.pcapng');
  const first = sharedText('tls12-dsb-1.keys');
  const second = sharedText('tls12-dsb-2.keys');
  if (capture === undefined || first === undefined || second === undefined) {
    t.pass(SHARED_MISSING);
    return;
  }
  const blocks = decryptionSecretsBlocks(capture);
  t.deepEqual(
    blocks.map((block) => [block.type, block.data.length]),
    [
      [0x544c534b, 184],
      [0x544c534b, 176],
    ],
  );
  const contents = blocks.map((block) => readDecryptionSecrets(block));
  const fromFiles = [first, second].map((bytes) => entryLines(parseKeyLog(bytes, SOURCE)));
  t.deepEqual(
    contents.map((content) => (content.kind === 'tls-key-log' ? entryLines(content.batch) : [])),
    fromFiles,
  );
  const origins = contents.flatMap((content) => (content.kind === 'tls-key-log' ? content.batch.entries.map((entry) => entry.source) : []));
  t.true(origins.every((source) => source.origin === 'dsb' && source.name.startsWith('the Decryption Secrets Block after frame ')));
});

test('Decryption Secrets Blocks of other types are reported as unused', (t) => {
  const ssh = readDecryptionSecrets({ type: 0x5353484b, data: new Uint8Array([0x41]), afterFrame: 3 });
  const unknown = readDecryptionSecrets({ type: 0x12345678, data: new Uint8Array(), afterFrame: 0 });
  t.is(ssh.kind, 'unused');
  t.is(unknown.kind, 'unused');
  if (ssh.kind !== 'unused' || unknown.kind !== 'unused') return;
  t.is(ssh.diagnostic.code, 'secret.dsb-unknown-type');
  t.is(ssh.diagnostic.message, 'the Decryption Secrets Block after frame 3 holds secrets type 0x5353484b (SSH key log), which keyhole does not use');
  t.regex(unknown.diagnostic.message, /secrets type 0x12345678, which keyhole does not know/);
});
