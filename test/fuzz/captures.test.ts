/**
 * Mutates real captures (bit flips in packet payloads where TLS records and handshake messages
 * live, flips anywhere in the file including length fields, truncation, duplicated and shuffled
 * packets) and runs the whole dissection and decryption on each: every run must end without an
 * exception and within a time bound. Seeded: a failure names its seed. CI runs a short budget;
 * `npm run fuzz` sets FUZZ_SECONDS for a long one.
 */
import test from 'ava';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyze } from '../../dissect/analyze.js';
import { readCapture } from '../../dissect/capture/reader.js';
import { DecryptionContext } from '../../dissect/decrypt/context.js';
import { connectionReport } from '../../dissect/report.js';
import { fixturePath } from '../helpers/fixtures.js';
import { Random } from '../helpers/random.js';

const SECONDS = Number(process.env['FUZZ_SECONDS'] ?? '20');
const SEED = Number(process.env['FUZZ_SEED'] ?? '20261127');
const PER_INPUT_MS = 5000;
const dir = mkdtempSync(path.join(tmpdir(), 'keyhole-fuzz-'));

interface Subject {
  readonly capture: string;
  readonly key?: string;
  readonly keylog?: string;
}

const SUBJECTS: readonly Subject[] = [
  { capture: 'demo.pcapng', key: 'demo.key' },
  { capture: 'rsa-ciphers.pcapng', key: 'rsa-ciphers.key' },
  { capture: 'tls13-keylog.pcapng', keylog: 'tls13-keylog.keys' },
  { capture: 'ecdhe-keylog.pcapng', keylog: 'ecdhe-keylog.keys' },
  { capture: 'resumption.pcapng', key: 'resumption.key' },
  { capture: 'ns.pcap', key: 'ns.key' },
  { capture: 'sll2.pcap', key: 'sll2.key' },
  { capture: 'client-cert.pcapng', key: 'client-cert.key' },
];

interface FrameSpan {
  readonly start: number;
  readonly end: number;
}

type Mutation = (bytes: Uint8Array, frames: readonly FrameSpan[], r: Random) => Uint8Array;

/** Flips a few bits inside packet payloads (past the Ethernet/IP/TCP headers): TLS records and handshake messages. */
const payloadFlips: Mutation = (bytes, frames, r) => {
  const out = bytes.slice();
  const count = 1 + r.int(6);
  for (let i = 0; i < count; i++) {
    const frame = r.pick(frames);
    if (frame === undefined || frame.end - frame.start <= 54) continue;
    const at = frame.start + 54 + r.int(frame.end - frame.start - 54);
    out[at] = (out[at] ?? 0) ^ (1 << r.int(8));
  }
  return out;
};

/** Overwrites bytes anywhere, headers and length fields included, sometimes with extreme values. */
const anywhere: Mutation = (bytes, _frames, r) => {
  const out = bytes.slice();
  const count = 1 + r.int(4);
  for (let i = 0; i < count; i++) {
    const at = r.int(out.length);
    out[at] = r.pick([0x00, 0xff, 0x7f, 0x80, r.int(256)]) ?? 0;
  }
  return out;
};

const truncate: Mutation = (bytes, _frames, r) => bytes.slice(0, r.int(bytes.length));

/** A packet's whole record in the file: the pcap record header or the pcapng block around its data. */
function recordOf(bytes: Uint8Array, frame: FrameSpan): FrameSpan | undefined {
  const pcapng = bytes[0] === 0x0a && bytes[1] === 0x0d;
  if (!pcapng) return { start: frame.start - 16, end: frame.end };
  const blockStart = frame.start - 28;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (blockStart < 0 || blockStart + 8 > bytes.length) return undefined;
  return { start: blockStart, end: blockStart + view.getUint32(blockStart + 4, true) };
}

/** Duplicates some packets and swaps others, as a capture of a flaky network or a merge would. */
const duplicateAndShuffle: Mutation = (bytes, frames, r) => {
  const records = frames.map((f) => recordOf(bytes, f)).filter((x): x is FrameSpan => x !== undefined);
  const first = records[0];
  const last = records[records.length - 1];
  if (first === undefined || last === undefined) return bytes;
  const order = records.slice();
  for (let i = 0; i < 1 + r.int(4); i++) {
    const at = r.int(order.length);
    const record = order[at];
    if (record !== undefined) order.splice(at + 1, 0, record);
  }
  for (let i = 0; i < 1 + r.int(3); i++) {
    const a = r.int(order.length);
    const b = Math.min(order.length - 1, a + 1 + r.int(5));
    const ra = order[a];
    const rb = order[b];
    if (ra === undefined || rb === undefined) continue;
    order[a] = rb;
    order[b] = ra;
  }
  const parts = [bytes.subarray(0, first.start), ...order.map((x) => bytes.subarray(x.start, x.end)), bytes.subarray(last.end)];
  return Buffer.concat(parts);
};

const MUTATIONS: ReadonlyArray<readonly [string, Mutation]> = [
  ['payload bit flips', payloadFlips],
  ['bytes anywhere', anywhere],
  ['truncation', truncate],
  ['duplicated and shuffled packets', duplicateAndShuffle],
];

async function frameSpans(file: string): Promise<FrameSpan[]> {
  const spans: FrameSpan[] = [];
  await readCapture(file, { onFrame: (f) => spans.push({ start: f.fileOffset, end: f.fileOffset + f.data.length }) });
  return spans;
}

async function runOnce(file: string, subject: Subject): Promise<void> {
  const decryption = await DecryptionContext.create({
    keys: subject.key === undefined ? [] : [fixturePath(subject.key)],
    keylogs: subject.keylog === undefined ? [] : [fixturePath(subject.keylog)],
  });
  const reports: Array<Promise<unknown>> = [];
  try {
    await analyze(file, { finished: (c, s) => reports.push(connectionReport(c, s)) }, { decryption });
  } catch (error) {
    // A mutation may make the file unusable as a whole (that is a clean, expected refusal).
    if (!(error instanceof Error && error.name === 'CaptureError')) throw error;
  }
  await Promise.all(reports);
}

test(`fuzz: mutated captures never throw and finish in time (seed ${SEED}, ${SECONDS} s)`, async (t) => {
  t.timeout((SECONDS + 60) * 1000);
  const r = new Random(SEED);
  const originals = await Promise.all(
    SUBJECTS.map(async (s) => ({ subject: s, bytes: new Uint8Array(readFileSync(fixturePath(s.capture))), frames: await frameSpans(fixturePath(s.capture)) })),
  );
  const deadline = Date.now() + SECONDS * 1000;
  let runs = 0;
  while (Date.now() < deadline) {
    const original = r.pick(originals);
    const [name, mutate] = r.pick(MUTATIONS) ?? MUTATIONS[0] ?? ['none', (b: Uint8Array) => b];
    if (original === undefined) break;
    const mutant = mutate(original.bytes, original.frames, r);
    const file = path.join(dir, `mutant-${runs % 16}${path.extname(original.subject.capture)}`);
    writeFileSync(file, mutant);
    const started = Date.now();
    try {
      await runOnce(file, original.subject);
    } catch (error) {
      const keep = path.join(dir, `failure-${runs}${path.extname(original.subject.capture)}`);
      writeFileSync(keep, mutant);
      t.fail(`${name} of ${original.subject.capture} (run ${runs}, seed ${SEED}) threw: ${error instanceof Error ? error.stack : String(error)}; input kept at ${keep}`);
      return;
    }
    const took = Date.now() - started;
    if (took > PER_INPUT_MS) {
      t.fail(`${name} of ${original.subject.capture} took ${took} ms`);
      return;
    }
    runs++;
  }
  t.log(`${runs} mutated captures dissected and decrypted`);
  t.true(runs > 0);
});
