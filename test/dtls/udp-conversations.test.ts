/**
 * UDP conversations: numbered like Wireshark's udp.stream (tshark 4.0 is asked when installed),
 * frames counted each way as tshark's conv,udp does on the shared DTLS captures, roles chosen by
 * the documented rules, and the table's bound.
 */
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../../dissect/analyze.js';
import { runPipeline } from '../../dissect/pipeline.js';
import type { UdpConversation } from '../../dissect/udp/conversation.js';
import { roles } from '../../dissect/udp/conversation-table.js';
import { repoPath, sharedCaptures, SHARED_MISSING } from '../helpers/shared.js';
import { DTLS_CASES, folderOf } from './cases.js';
import { pcapOf, readDatagrams, udpFrame, type CapturedDatagram } from './frames.js';

interface Conversation {
  a: string;
  b: string;
  framesAtoB: number;
  framesBtoA: number;
}

const golden: Record<string, Conversation[]> = JSON.parse(readFileSync(repoPath('test/dtls/golden/conv-udp.json'), 'utf8'));
const TSHARK = '/usr/bin/tshark';

for (const c of DTLS_CASES) {
  test(`${c.capture}: UDP conversations and frames per direction match tshark's conv,udp`, async (t) => {
    const folder = folderOf(c);
    if (folder === undefined) return void t.pass(SHARED_MISSING);
    const file = path.join(folder, c.capture);
    const expected = golden[c.capture];
    const ours: UdpConversation[] = [];
    await runPipeline(file, { udpOpened: (c) => ours.push(c) });
    t.deepEqual(
      ours.map((c) => ({ a: c.client.text, b: c.server.text, framesAtoB: c.packets[0], framesBtoA: c.packets[1] })),
      expected,
    );
  });
}

const A = Uint8Array.of(10, 0, 0, 1);
const B = Uint8Array.of(10, 0, 0, 2);
const C = Uint8Array.of(192, 0, 2, 7);
const DNS = Uint8Array.of(0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0);

/** Flows in first-packet order 0, 1, 0 (reply), 2 (same hosts, new port), 3, 1: udp.stream by 4-tuple. */
const FLOWS: ReadonlyArray<readonly [Uint8Array, Uint8Array, number, number]> = [
  [A, B, 40000, 53],
  [A, C, 40001, 53],
  [B, A, 53, 40000],
  [A, B, 40002, 53],
  [C, B, 5000, 5000],
  [C, A, 53, 40001],
];

test('UDP conversations are numbered by first packet, one index per address and port pair, both directions sharing it', async (t) => {
  const file = pcapOf(FLOWS.map(([from, to, sport, dport]) => udpFrame(from, to, sport, dport, DNS)));
  const streams: number[] = [];
  const seen: UdpConversation[] = [];
  const result = await runPipeline(file, {
    udpPacket: (_p, c) => streams.push(c.index),
    udpOpened: (c) => seen.push(c),
  });
  t.deepEqual(streams, [0, 1, 0, 2, 3, 1]);
  t.is(result.udpConversations, 4);
  t.deepEqual(seen.map((c) => [c.client.text, c.roles]), [['10.0.0.1:40000', 'first-sender'], ['10.0.0.1:40001', 'first-sender'], ['10.0.0.1:40002', 'first-sender'], ['192.0.2.7:5000', 'first-sender']]);
  if (!existsSync(TSHARK)) return void t.log('tshark is not installed; compared with the expected numbering only');
  const theirs = execFileSync(TSHARK, ['-r', file, '-T', 'fields', '-e', 'udp.stream'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  t.deepEqual(theirs.trim().split('\n').map(Number), streams, 'tshark numbers them the same');
});

test('role rules: the payload decides, else the higher port when DTLS shows no start, else the first sender', (t) => {
  t.deepEqual(roles('sender-is-client', 4433, 50000), { senderIsClient: true, basis: 'payload' });
  t.deepEqual(roles('receiver-is-client', 4433, 50000), { senderIsClient: false, basis: 'payload' });
  t.deepEqual(roles('unknown', 4433, 50000), { senderIsClient: false, basis: 'higher-port' });
  t.deepEqual(roles('unknown', 50000, 4433), { senderIsClient: true, basis: 'higher-port' });
  t.deepEqual(roles('unknown', 7000, 7000), { senderIsClient: true, basis: 'first-sender' });
  t.deepEqual(roles(undefined, 53, 40000), { senderIsClient: true, basis: 'first-sender' });
});

/** The conversation's client when the capture starts at the given snakeoil-dtls.pcap datagram. */
async function clientFrom(datagrams: readonly CapturedDatagram[], first: number): Promise<[string | undefined, string | undefined]> {
  const file = pcapOf(datagrams.slice(first).map((d) => udpFrame(d.source, d.destination, d.sourcePort, d.destinationPort, d.payload)));
  let found: UdpConversation | undefined;
  await analyze(file, { udpOpened: (c) => (found = c) });
  return [found?.client.text, found?.roles];
}

test('a DTLS capture that starts at the HelloVerifyRequest or mid-session still finds the client', async (t) => {
  if (sharedCaptures === undefined) return void t.pass(SHARED_MISSING);
  const datagrams = await readDatagrams(path.join(sharedCaptures, 'snakeoil-dtls.pcap'));
  t.deepEqual(await clientFrom(datagrams, 0), ['127.0.0.1:33192', 'payload'], 'ClientHello');
  t.deepEqual(await clientFrom(datagrams, 1), ['127.0.0.1:33192', 'payload'], 'HelloVerifyRequest, sent to the client');
  t.deepEqual(await clientFrom(datagrams, 6), ['127.0.0.1:33192', 'higher-port'], 'application data only');
});

test('past the bound the least recently active conversation is closed with a diagnostic; its endpoints later start a new one', async (t) => {
  const flows: Array<[Uint8Array, Uint8Array, number, number]> = [[A, B, 1, 2], [A, B, 3, 4], [A, B, 1, 2], [A, B, 5, 6], [A, B, 3, 4]];
  const file = pcapOf(flows.map(([from, to, sport, dport]) => udpFrame(from, to, sport, dport, DNS)));
  const streams: number[] = [];
  const closed: UdpConversation[] = [];
  await runPipeline(file, { udpPacket: (_p, c) => streams.push(c.index), udpClosed: (c) => closed.push(c) }, { udp: { maxConversations: 2 } });
  t.deepEqual(streams, [0, 1, 0, 2, 3], 'stream 1 (ports 3/4) was the idlest when stream 2 opened');
  t.deepEqual(closed.map((c) => [c.index, c.closeReason]), [[1, 'evicted'], [0, 'evicted'], [2, 'end-of-capture'], [3, 'end-of-capture']], 'stream 3 opening made stream 0 the idlest');
  t.deepEqual(closed[0]?.diagnostics.map((d) => d.code), ['udp.conversation-limit']);
});
