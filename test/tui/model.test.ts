import test from 'ava';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readCapture } from '../../dissect/capture/reader.js';
import { concatBytes } from '../../dissect/bytes.js';
import { DecryptionContext } from '../../dissect/decrypt/context.js';
import { CaptureIndex } from '../../ui/tui/model/capture-index.js';
import { ConnectionEntry } from '../../ui/tui/model/connection-entry.js';
import { frameRanges, recordNode } from '../../ui/tui/model/connection-detail.js';
import { flowKey } from '../../ui/tui/model/flow-key.js';
import { loadConnectionDetail } from '../../ui/tui/model/detail-pass.js';
import { matchesOf } from '../../ui/tui/model/filter-matches.js';
import { filterCapture } from '../../ui/tui/model/filter-pass.js';
import { filterRunner } from '../../ui/tui/model/passes.js';
import { followLines } from '../../ui/tui/model/follow-lines.js';
import { FrameReader } from '../../ui/tui/model/frame-reader.js';
import type { FrameFacts } from '../../ui/tui/model/frame-index.js';
import { frameTree } from '../../ui/tui/model/frame-tree.js';
import { hexTarget } from '../../ui/tui/model/hex-target.js';
import { ladderSteps } from '../../ui/tui/model/ladder.js';
import { decryptedShare, frameInfo, treeRows } from '../../ui/tui/state/selectors.js';
import { repoPath } from '../helpers/shared.js';
import { everyNodeOpen } from './tree-overrides.js';

const DEMO = repoPath('fixtures/captures/demo.pcapng');
const demoKeys = (): Promise<DecryptionContext> => DecryptionContext.create({ keys: [repoPath('fixtures/captures/demo.key')] });

interface Manifest {
  readonly connections: ReadonlyArray<{ readonly plaintext: Record<'clientToServer' | 'serverToClient', { readonly sha256: string; readonly length: number }> }>;
}
const manifest = (name: string): Manifest => JSON.parse(readFileSync(repoPath(`fixtures/captures/${name}.manifest.json`), 'utf8')) as Manifest;

/** Every frame's bytes as the capture reader hands them over, copied. */
async function framesOf(path: string): Promise<Uint8Array[]> {
  const frames: Uint8Array[] = [];
  await readCapture(path, { onFrame: (f) => void frames.push(f.data.slice()) });
  return frames;
}

async function readDemoFrame(facts: FrameFacts): Promise<Uint8Array> {
  const reader = new FrameReader(DEMO);
  try {
    return await reader.read(facts);
  } finally {
    await reader.close();
  }
}

const demo = (async () => {
  const index = new CaptureIndex(DEMO, { key: [repoPath('fixtures/captures/demo.key')] });
  await index.finished;
  const detail = await loadConnectionDetail(DEMO, 0, await demoKeys());
  return { index, detail };
})();

test('the index keeps every frame and the connection with its TLS records, messages and report', async (t) => {
  const { index } = await demo;
  t.is(index.frames.count, 26);
  t.true(index.done);
  const c = index.connections[0];
  t.is(c?.packets, 26);
  t.is(c?.report?.tls?.decryption.status, 'decrypted');
  t.deepEqual(decryptedShare(index.listed()), { tls: 1, decrypted: 1 });
  t.is(c?.live, undefined, 'live facts give way to the report');
  t.is(index.capture?.frames, 26);
  const facts = index.frames.facts(4);
  t.is(facts?.flow, flowKey({ transport: 'tcp', index: 0 }));
  t.is(facts?.direction, 0);
  t.is(facts?.payloadLength, 159);
  const synAck = index.frames.facts(2);
  if (facts === undefined || synAck === undefined) return t.fail('frames 2 and 4 are indexed');
  t.is(frameInfo(c?.events.inFrame(4) ?? [], facts), 'ClientHello');
  t.is(frameInfo([], synAck), '[SYN, ACK]');
  t.is(index.frames.facts(27), undefined);
});

test('frame bytes read back by file offset equal what the capture reader delivered, plain and gzip', async (t) => {
  for (const file of ['fixtures/captures/demo.pcapng', 'fixtures/captures/gzip.pcapng.gz']) {
    const path = repoPath(file);
    const expected = await framesOf(path);
    const index = new CaptureIndex(path, {});
    await index.finished;
    const reader = new FrameReader(path);
    for (const n of [1, 4, expected.length]) {
      const facts = index.frames.facts(n);
      t.truthy(facts, `${file} frame ${n}`);
      if (facts !== undefined) t.deepEqual(await reader.read(facts), expected[n - 1], `${file} frame ${n}`);
    }
    await reader.close();
  }
});

test('the follow data of the demo session is byte for byte the manifest plaintext, both ways', async (t) => {
  const { detail } = await demo;
  const side = (direction: 0 | 1): Uint8Array => concatBytes(detail.follow.filter((c) => c.direction === direction).map((c) => c.bytes));
  const expected = manifest('demo').connections[0]?.plaintext;
  t.is(createHash('sha256').update(side(0)).digest('hex'), expected?.clientToServer.sha256 ?? 'in the manifest');
  t.is(createHash('sha256').update(side(1)).digest('hex'), expected?.serverToClient.sha256 ?? 'in the manifest');
  t.deepEqual(detail.exchanges.map((x) => `${x.method} ${x.path} ${x.status}`), ['GET / 200', 'GET /api/orders?limit=2 200']);
  const lines = followLines(detail, false);
  t.deepEqual(lines.slice(0, 3).map((l) => l.text), ['HTTP exchanges (2)', '  GET / → 200 OK (HTTP/1.1)', '  GET /api/orders?limit=2 → 200 OK (HTTP/1.1)']);
  t.true(lines.some((l) => l.text === '→ GET / HTTP/1.1' && l.tone === 'client'));
  t.true(followLines(detail, true).some((l) => l.text.startsWith('→ 00000000  47 45 54 20 2f 20 48 54 54 50 2f 31 2e 31 0d 0a  GET / HTTP/1.1..')));
});

test('selecting the SNI field marks exactly its bytes in the frame and in the record content', async (t) => {
  const { index, detail } = await demo;
  const facts = index.frames.facts(4);
  if (facts === undefined) return t.fail('frame 4 is indexed');
  const bytes = await readDemoFrame(facts);
  const layers = frameTree(facts, bytes);
  const records = detail.records.filter((r) => r.frame === 4);
  const names = treeRows([...layers, ...records.map(recordNode)], everyNodeOpen([...layers, ...records.map(recordNode)]), layers.length);
  const name = names.find((r) => r.node.label === 'Server Name' && r.node.value === 'demo.keyhole.test');
  if (name === undefined) return t.fail('the SNI host name is a node');
  const inFrame = hexTarget(4, bytes, layers.length, records, name, false);
  t.deepEqual(inFrame.ranges.map((r) => Buffer.from(bytes.subarray(r.start, r.end)).toString('latin1')), ['demo.keyhole.test']);
  const inRecord = hexTarget(4, bytes, layers.length, records, name, true);
  const content = inRecord.bytes ?? new Uint8Array(0);
  t.deepEqual(inRecord.ranges.map((r) => Buffer.from(content.subarray(r.start, r.end)).toString('latin1')), ['demo.keyhole.test']);
  const ipRow = names.find((r) => r.node.label === 'Internet Protocol Version 4');
  t.deepEqual(hexTarget(4, bytes, layers.length, records, ipRow, false).ranges, [{ start: 14, end: 34 }]);
});

test('a decrypted record is marked whole in the frame and shows its plaintext on request', async (t) => {
  const { index, detail } = await demo;
  const facts = index.frames.facts(12);
  if (facts === undefined) return t.fail('frame 12 is indexed');
  const bytes = await readDemoFrame(facts);
  const layers = frameTree(facts, bytes);
  const records = detail.records.filter((r) => r.frame === 12);
  const rows = treeRows([...layers, ...records.map(recordNode)], new Map(), layers.length);
  const record = rows.find((r) => r.depth === 0 && r.node.label.startsWith('Frame 12, tcp.stream 0'));
  const [range] = hexTarget(12, bytes, layers.length, records, record, false).ranges;
  t.is(range?.end, bytes.length);
  t.is((range?.end ?? 0) - (range?.start ?? 0), records[0]?.spans.reduce((n, s) => n + s.length, 0) ?? -1, 'header and fragment');
  t.is(bytes[range?.start ?? 0], 23, 'the marked bytes start at the application_data record header');
  const plain = hexTarget(12, bytes, layers.length, records, record, true);
  t.is(Buffer.from(plain.bytes ?? []).toString('latin1').split('\r\n')[0], 'GET / HTTP/1.1');
});

test('record bytes split over frames map to each frame in turn', (t) => {
  const spans = [
    { frame: 7, frameOffset: 60, streamOffset: 0, length: 10 },
    { frame: 8, frameOffset: 54, streamOffset: 10, length: 30 },
  ];
  t.deepEqual(frameRanges(spans, 7, 5, 20), [{ start: 65, end: 70 }]);
  t.deepEqual(frameRanges(spans, 8, 5, 20), [{ start: 54, end: 64 }]);
  t.deepEqual(frameRanges(spans, 9, 0, Infinity), []);
});

test('every truncated prefix of a frame still gives a frame tree, never a throw', async (t) => {
  const { index } = await demo;
  const facts = index.frames.facts(4);
  if (facts === undefined) return t.fail('frame 4 is indexed');
  const bytes = await readDemoFrame(facts);
  for (let n = 0; n <= bytes.length; n++) {
    const nodes = frameTree({ ...facts, capturedLength: n }, bytes.subarray(0, n));
    t.is(nodes[0]?.label, 'Frame 4');
  }
  t.is(frameTree(facts, bytes).map((n) => n.label).join(' / '), 'Frame 4 / Ethernet / Internet Protocol Version 4 / Transmission Control Protocol');
});

test('the ladder lists the handshake in wire order with what each step established', async (t) => {
  const { index } = await demo;
  const c = index.connections[0];
  if (c === undefined) return t.fail('stream 0 is indexed');
  const steps = ladderSteps(c, index.frames);
  t.deepEqual(steps.map((s) => `${s.direction === 0 ? '→' : '←'} ${s.name}${s.decrypted ? '*' : ''}`), [
    '→ ClientHello', '← ServerHello', '← Certificate', '← ServerHelloDone', '→ ClientKeyExchange', '→ ChangeCipherSpec', '→ Finished*', '← NewSessionTicket', '← ChangeCipherSpec', '← Finished*',
  ]);
  t.is(steps[1]?.note, 'TLS 1.2, TLS_RSA_WITH_AES_128_GCM_SHA256');
  t.is(steps[4]?.note, 'key exchange; keys derived');
  t.true(steps.every((s, i) => i === 0 || s.time >= (steps[i - 1]?.time ?? 0)));
});

test('while a connection is still open the ladder notes come from what its TLS negotiated so far', async (t) => {
  const { index } = await demo;
  const closed = index.connections[0];
  const tls = closed?.report?.tls;
  if (closed === undefined || tls === undefined || tls === null) return t.fail('stream 0 is indexed and reported');
  // The same events, as a batch before the connection closed: live facts, no report yet.
  const open = new ConnectionEntry(closed.key, closed.client, closed.server);
  const live = { sni: tls.sni, version: tls.version, cipher: tls.cipherSuite?.name, verdict: tls.decryption.status };
  open.apply({ ...closed.delta(), report: undefined, live });
  const notes = ladderSteps(open, index.frames).map((s) => s.note);
  const final = ladderSteps(closed, index.frames).map((s) => s.note);
  t.is(notes[1], final[1], 'the ServerHello note: version and suite');
  t.is(notes[4], 'key exchange; keys derived');
  t.regex(notes[0] ?? '', /SNI demo\.keyhole\.test/);
  const unknown = new ConnectionEntry(closed.key, closed.client, closed.server);
  unknown.apply({ ...closed.delta(), report: undefined, live: undefined });
  const messages = ladderSteps(unknown, index.frames).filter((s) => s.name !== 'ChangeCipherSpec');
  t.true(messages.length > 0 && messages.every((s) => s.note === ''), 'nothing negotiated yet, no message claims anything');
});

test('a filter pass keeps the frames and streams it matches, in this thread or a worker', async (t) => {
  const result = await filterCapture(DEMO, 'tls.handshake.type == 1', await demoKeys());
  if (result === undefined) return t.fail('the filter compiles');
  const matches = matchesOf(result);
  t.deepEqual(Array.from({ length: 26 }, (_, i) => i + 1).filter((n) => matches.frame(n)), [4]);
  t.true(matches.flow(flowKey({ transport: 'tcp', index: 0 })));
  t.false(matches.flow(flowKey({ transport: 'tcp', index: 1 })));
  t.is(await filterCapture(DEMO, 'tls.handshake.typo', await demoKeys()), undefined);
  const onWorker = await filterRunner(DEMO, { key: [repoPath('fixtures/captures/demo.key')] })('tls.handshake.type == 2');
  t.deepEqual(Array.from({ length: 26 }, (_, i) => i + 1).filter((n) => onWorker?.frame(n) === true), [6], 'the same answer from the worker thread');
});
