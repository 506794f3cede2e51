/**
 * DTLS in the terminal UI: a UDP conversation that carries DTLS is listed beside the TCP
 * connections, opens like one (packets, detail tree, hex, follow, ladder, explain) and is kept or
 * dropped by a filter like one; other UDP conversations (DNS and the like) are not listed.
 */
import test, { type ExecutionContext } from 'ava';
import { readCapture } from '../../dissect/capture/reader.js';
import { DecryptionContext } from '../../dissect/decrypt/context.js';
import { CaptureIndex } from '../../ui/tui/model/capture-index.js';
import { loadConnectionDetail } from '../../ui/tui/model/detail-pass.js';
import { matchesOf } from '../../ui/tui/model/filter-matches.js';
import { filterCapture } from '../../ui/tui/model/filter-pass.js';
import { flowKey } from '../../ui/tui/model/flow-key.js';
import { FrameReader } from '../../ui/tui/model/frame-reader.js';
import { frameTree } from '../../ui/tui/model/frame-tree.js';
import { hexTarget } from '../../ui/tui/model/hex-target.js';
import { recordNode } from '../../ui/tui/model/connection-detail.js';
import { connectionRows, frameInfo, treeRows } from '../../ui/tui/state/selectors.js';
import { concat, pcapHeader, pcapRecord, tempFile } from '../helpers/capture-files.js';
import { repoPath, sharedDirOrSkip } from '../helpers/shared.js';
import { KEYS, openApp } from './harness.js';
import { everyNodeOpen } from './tree-overrides.js';

const UDP_0 = flowKey({ transport: 'udp', index: 0 });

/** snakeoil-dtls.pcap and its key from ../shared (MANIFEST.md: DTLS 1.0, RSA, three application data records). */
function snakeoil(t: ExecutionContext): { readonly capture: string; readonly key: string } | undefined {
  const dir = sharedDirOrSkip(t);
  return dir === undefined ? undefined : { capture: `${dir}/snakeoil-dtls.pcap`, key: `${dir}/snakeoil-rsa.key` };
}

async function indexed(capture: string, key: string): Promise<CaptureIndex> {
  const index = new CaptureIndex(capture, { key: [key] });
  await index.finished;
  return index;
}

test('a DTLS conversation is indexed as udp 0: its frames, records, messages and decryption verdict', async (t) => {
  const shared = snakeoil(t);
  if (shared === undefined) return;
  const index = await indexed(shared.capture, shared.key);
  t.is(index.error, undefined);
  const rows = connectionRows(index.listed(), 'stream');
  t.deepEqual(rows.map((r) => [r.transport, r.index, r.client, r.server]), [['udp', 0, '127.0.0.1:33192', '127.0.0.1:4433']]);
  const entry = index.entry(UDP_0);
  if (entry === undefined) return t.fail('udp.stream 0 is indexed');
  t.true(entry === rows[0], 'the listed row is the indexed entry');
  t.is(entry.packets, 9);
  t.is(entry.report?.transport, 'udp');
  t.is(entry.report?.tls?.decryption.status, 'decrypted');
  t.is(index.frames.facts(1)?.flow, UDP_0);
  const info = Array.from({ length: entry.frames.length }, (_, i) => {
    const facts = index.frames.facts(entry.frames.at(i));
    return facts === undefined ? '' : frameInfo(entry.events.inFrame(facts.number), facts);
  });
  t.deepEqual(info.slice(0, 4), ['ClientHello', 'HelloVerifyRequest', 'ClientHello', 'ServerHello, Certificate, ServerHelloDone']);
  t.deepEqual(info.slice(6), ['Application Data*', 'Application Data*', 'Application Data*']);
});

test('the detail pass of a DTLS conversation follows its decrypted datagrams and tells its key schedule', async (t) => {
  const shared = snakeoil(t);
  if (shared === undefined) return;
  const detail = await loadConnectionDetail(shared.capture, UDP_0, await DecryptionContext.create({ keys: [shared.key] }));
  t.is(detail.key, UDP_0);
  // MANIFEST.md: the three application data records.
  t.deepEqual(detail.follow.map((c) => Buffer.from(c.bytes).toString('latin1')), ['it work !\n', "isn't it ?\n", 'this is a concluant test !\n']);
  t.true(detail.follow.every((c) => c.direction === 0));
  t.deepEqual(detail.exchanges, []);
  t.regex(detail.story[0] ?? '', /^udp\.stream 0: 127\.0\.0\.1:33192 → 127\.0\.0\.1:4433$/);
  const story = detail.story.join('\n');
  t.regex(story, /master secret \(48 bytes\):/, 'the key schedule was traced for this conversation');
  t.regex(story, /Verdict: decrypted/);
  t.true(detail.records.every((r) => r.headerLength === 13), 'DTLS record headers are 13 bytes');
});

test('in a DTLS frame the hex pane marks the exact bytes of a handshake field', async (t) => {
  const shared = snakeoil(t);
  if (shared === undefined) return;
  const index = await indexed(shared.capture, shared.key);
  const detail = await loadConnectionDetail(shared.capture, UDP_0, await DecryptionContext.create({ keys: [shared.key] }));
  const facts = index.frames.facts(1);
  if (facts === undefined) return t.fail('frame 1 is indexed');
  const reader = new FrameReader(shared.capture);
  const bytes = await reader.read(facts).finally(() => reader.close());
  const frameNodes = frameTree(facts, bytes);
  t.truthy(frameNodes.find((n) => n.label === 'User Datagram Protocol'), 'the lower layers include UDP');
  const records = detail.records.filter((r) => r.frame === 1);
  const nodes = [...frameNodes, ...records.map(recordNode)];
  const randomRow = treeRows(nodes, everyNodeOpen(nodes), frameNodes.length).find((r) => r.node.label === 'Random');
  if (randomRow === undefined) return t.fail('the ClientHello shows its random');
  const target = hexTarget(1, bytes, frameNodes.length, records, randomRow, false);
  const marked = target.ranges.flatMap((r) => Array.from(bytes.subarray(r.start, r.end)));
  t.is(Buffer.from(marked).toString('hex'), randomRow.node.value ?? 'no value', 'the marked bytes are the 32-byte random the tree shows');
});

/** An Ethernet/IPv4/UDP frame from 10.0.0.1:40000 to 10.0.0.53:53 carrying `payload`. */
function dnsFrame(payload: Uint8Array): Uint8Array {
  const udpLength = 8 + payload.length;
  const ipLength = 20 + udpLength;
  return Uint8Array.from([
    ...[2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00],
    ...[0x45, 0, ipLength >> 8, ipLength & 0xff, 0, 1, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 53],
    ...[40000 >> 8, 40000 & 0xff, 0, 53, udpLength >> 8, udpLength & 0xff, 0, 0],
    ...payload,
  ]);
}

/** The demo TLS connection, the snakeoil DTLS conversation and a DNS query, in one Ethernet pcap. */
async function mixedCapture(snakeoilCapture: string): Promise<string> {
  const frames: Uint8Array[] = [];
  const collect = (path: string): Promise<unknown> => readCapture(path, { onFrame: (f) => void frames.push(f.data.slice()) });
  await collect(repoPath('fixtures/captures/demo.pcapng'));
  await collect(snakeoilCapture);
  frames.push(dnsFrame(Uint8Array.from([0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0])));
  const file = pcapHeader(true, 0xa1b2c3d4, 1);
  frames.forEach((data, i) => pcapRecord(file, 1_700_000_000 + i, 0, data));
  return tempFile(concat(file.bytes()), '.pcap');
}

test('TCP connections are listed first, then DTLS conversations; a DNS conversation is not listed, and a filter keeps flows by their frames', async (t) => {
  const shared = snakeoil(t);
  if (shared === undefined) return;
  const capture = await mixedCapture(shared.capture);
  const index = new CaptureIndex(capture, { key: [repoPath('fixtures/captures/demo.key'), shared.key] });
  await index.finished;
  t.is(index.conversations.length, 2, 'the DTLS and the DNS conversations are both indexed');
  t.deepEqual(index.listed().map((e) => `${e.transport} ${e.index}`), ['tcp 0', 'udp 0']);
  t.deepEqual(connectionRows(index.listed(), 'verdict').map((e) => e.report?.tls?.decryption.status), ['decrypted', 'decrypted']);
  t.deepEqual(connectionRows(index.listed(), 'bytes').map((e) => e.transport), ['tcp', 'udp'], 'the demo connection carries more bytes');
  const dns = index.conversations[1];
  t.false(dns?.isTls ?? true);
  t.is(index.frames.facts(index.frames.count)?.flow, flowKey({ transport: 'udp', index: 1 }));

  const decryption = await DecryptionContext.create({ keys: [repoPath('fixtures/captures/demo.key'), shared.key] });
  const result = await filterCapture(capture, 'udp', decryption);
  if (result === undefined) return t.fail('the filter compiles');
  const matches = matchesOf(result);
  t.deepEqual(connectionRows(index.listed(), 'stream', matches.flow).map((e) => `${e.transport} ${e.index}`), ['udp 0']);
  t.true(matches.flow(flowKey({ transport: 'udp', index: 1 })), 'the DNS frame matched too, though it is not listed');
  t.false(matches.flow(flowKey({ transport: 'tcp', index: 0 })));
});

test('the app opens a DTLS conversation like a connection: packets, follow and ladder', async (t) => {
  const shared = snakeoil(t);
  if (shared === undefined) return;
  const app = await openApp(shared.capture, shared.key);
  try {
    const list = await app.waitFor('✓ decrypted');
    t.regex(list, /udp 0\s+127\.0\.0\.1:4433\s+DTLS 1\./);
    t.regex(list, /9 packets · 1 connection · 1\/1 TLS decrypted/);
    await app.press(KEYS.enter);
    const packets = await app.waitFor('HelloVerifyRequest');
    t.regex(packets, /keyhole ui · udp\.stream 0 127\.0\.0\.1:33192 → 127\.0\.0\.1:4433/);
    await app.waitFor('DTLS record: handshake');
    await app.press('f');
    const follow = await app.waitFor('this is a concluant test !');
    t.regex(follow, /Follow DTLS: udp\.stream 0/);
    t.regex(follow, /^→ it work !/m);
    await app.press(KEYS.escape);
    await app.press('l');
    const ladder = await app.waitFor('Handshake ladder: udp.stream 0');
    t.regex(ladder, /◀─+ HelloVerifyRequest │/);
    t.regex(ladder, /ClientKeyExchange.*keys derived/);
  } finally {
    await app.close();
  }
});

test('a retransmitted DTLS ClientHello shows its message under the record that carries it in the detail tree', async (t) => {
  const dir = sharedDirOrSkip(t);
  if (dir === undefined) return;
  const capture = `${dir}/udt-dtls.pcapng.gz`;
  const detail = await loadConnectionDetail(capture, UDP_0, await DecryptionContext.create({ keys: [`${dir}/udt-dtls.key`] }));
  const names = (frame: number): string[] => detail.records.filter((r) => r.frame === frame).flatMap((r) => r.messages.flatMap((m) => m.nodes.map((n) => `${n.label}: ${n.value ?? ''}`)));
  t.deepEqual(names(1), ['Handshake Protocol: ClientHello']);
  t.deepEqual(names(2), ['Handshake Protocol: ClientHello'], 'frame 2 resends it (MANIFEST.md)');
});
