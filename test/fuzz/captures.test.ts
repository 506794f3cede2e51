/**
 * Mutates real captures (see mutations.ts: bit flips, extreme length fields in capture blocks,
 * IP/TCP headers, TLS records, handshake messages and certificates, truncation, duplicated and
 * shuffled packets) and runs the whole dissection, decryption and HTTP parsing on each: every run
 * must end without an exception, within a time and a memory bound. Seeded: a failure names its
 * seed and run, and is minimised into a regression file (FUZZ_SAVE=1 writes it to
 * test/fuzz/regressions/, which regressions.test.ts replays). CI runs about a minute;
 * `npm run fuzz` sets FUZZ_SECONDS for a long one.
 */
import test from 'ava';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readCapture } from '../../dissect/capture/reader.js';
import { fixturePath } from '../helpers/fixtures.js';
import { Random } from '../helpers/random.js';
import { repoPath, sharedPath } from '../helpers/shared.js';
import { layoutOf, minimise, runInput, type Subject } from './harness.js';
import { MUTATIONS, type FrameSpan } from './mutations.js';

const SECONDS = Number(process.env['FUZZ_SECONDS'] ?? '60');
const SEED = Number(process.env['FUZZ_SEED'] ?? '20261127');
const SAVE = process.env['FUZZ_SAVE'] === '1';
const dir = mkdtempSync(path.join(tmpdir(), 'keyhole-fuzz-'));

const fixture = (capture: string, secrets: { key?: string; keylog?: string }): Subject => ({
  capture: fixturePath(capture),
  ...(secrets.key === undefined ? {} : { key: fixturePath(secrets.key) }),
  ...(secrets.keylog === undefined ? {} : { keylog: fixturePath(secrets.keylog) }),
});

/** Shared captures widen the net (plaintext HTTP/1 and HTTP/2, DTLS) where ../shared is present. */
function shared(capture: string, secrets: { key?: string; keylog?: string } = {}): Subject[] {
  const file = sharedPath(capture);
  if (file === undefined) return [];
  const key = secrets.key === undefined ? undefined : sharedPath(secrets.key);
  const keylog = secrets.keylog === undefined ? undefined : sharedPath(secrets.keylog);
  return [{ capture: file, ...(key === undefined ? {} : { key }), ...(keylog === undefined ? {} : { keylog }) }];
}

const SUBJECTS: readonly Subject[] = [
  fixture('demo.pcapng', { key: 'demo.key' }),
  fixture('rsa-ciphers.pcapng', { key: 'rsa-ciphers.key' }),
  fixture('tls13-keylog.pcapng', { keylog: 'tls13-keylog.keys' }),
  fixture('ecdhe-keylog.pcapng', { keylog: 'ecdhe-keylog.keys' }),
  fixture('resumption.pcapng', { key: 'resumption.key' }),
  fixture('ns.pcap', { key: 'ns.key' }),
  fixture('sll2.pcap', { key: 'sll2.key' }),
  fixture('client-cert.pcapng', { key: 'client-cert.key' }),
  fixture('alpn-h2.pcapng', { key: 'alpn-h2.key', keylog: 'alpn-h2.keys' }),
  ...shared('dmgr.pcapng'),
  ...shared('http2-data-reassembly.pcap', { keylog: 'http2-data-reassembly.keys' }),
  ...shared('dtls12-aes128ccm8.pcap'),
];

async function frameSpans(file: string): Promise<FrameSpan[]> {
  const spans: FrameSpan[] = [];
  await readCapture(file, { onFrame: (f) => spans.push({ start: f.fileOffset, end: f.fileOffset + f.data.length }) });
  return spans;
}

test(`fuzz: mutated captures never throw, hang or balloon (seed ${SEED}, ${SECONDS} s)`, async (t) => {
  t.timeout((SECONDS + 120) * 1000);
  const r = new Random(SEED);
  const originals = await Promise.all(SUBJECTS.map(async (subject) => ({ subject, bytes: new Uint8Array(readFileSync(subject.capture)), frames: await frameSpans(subject.capture) })));
  const deadline = Date.now() + SECONDS * 1000;
  const counts = new Map<string, number>();
  let runs = 0;
  while (Date.now() < deadline) {
    const original = r.pick(originals);
    const mutation = r.pick(MUTATIONS);
    if (original === undefined || mutation === undefined) break;
    const [name, mutate] = mutation;
    const mutant = mutate(original.bytes, original.frames, r);
    const extension = path.extname(original.subject.capture);
    const file = path.join(dir, `mutant-${runs % 16}${extension}`);
    writeFileSync(file, mutant);
    const outcome = await runInput(file, original.subject);
    if (!outcome.ok) {
      const layout = await layoutOf(file, mutant).catch(() => layoutOf(original.subject.capture, original.bytes));
      const small = await minimise(mutant, layout, path.join(dir, `minimising${extension}`), async (f) => !(await runInput(f, original.subject)).ok);
      const target = SAVE ? repoPath('test/fuzz/regressions') : dir;
      mkdirSync(target, { recursive: true });
      const base = path.join(target, `${path.basename(original.subject.capture).replace(/\..*$/, '')}-seed${SEED}-run${runs}`);
      writeFileSync(`${base}${extension}`, small);
      writeFileSync(
        `${base}.json`,
        `${JSON.stringify({ mutation: name, seed: SEED, run: runs, problem: outcome.problem.split('\n')[0], key: original.subject.key && path.basename(original.subject.key), keylog: original.subject.keylog && path.basename(original.subject.keylog) }, null, 2)}\n`,
      );
      t.fail(`${name} of ${original.subject.capture} (run ${runs}, seed ${SEED}) ${outcome.problem}\nminimised input (${small.length} of ${mutant.length} bytes): ${base}${extension}`);
      return;
    }
    counts.set(name, (counts.get(name) ?? 0) + 1);
    runs++;
  }
  t.log(`${runs} mutated captures through dissection, decryption and HTTP: ${[...counts].map(([n, c]) => `${n} ${c}`).join(', ')}`);
  t.is(counts.size, MUTATIONS.length, 'every mutation ran at least once');
});
