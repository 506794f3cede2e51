import test from 'ava';
import type { DiagnosticCode } from '../../dissect/diagnostics.js';
import type { HalfStreamStats } from '../../dissect/tcp/half-stream.js';
import { handshake, reassemble, type SegmentRow } from '../helpers/segments.js';

const C = 1000;
const S = 5000;
const c1 = C + 1;
const s1 = S + 1;

interface Scenario {
  readonly name: string;
  readonly rows: readonly SegmentRow[];
  readonly client: string;
  readonly server?: string;
  readonly stats?: Partial<HalfStreamStats>;
  readonly diagnostics?: readonly DiagnosticCode[];
}

const scenarios: Scenario[] = [
  {
    name: 'in-order segments are delivered as they come',
    rows: [...handshake(C, S), { from: 'c', seq: c1, data: 'hello ' }, { from: 'c', seq: c1 + 6, data: 'world' }, { from: 's', seq: s1, ack: c1 + 11, data: 'ok' }],
    client: 'hello world',
    server: 'ok',
    stats: { retransmissions: 0, outOfOrder: 0, gaps: 0 },
  },
  {
    name: 'a reordered segment is held until the bytes before it arrive',
    rows: [...handshake(C, S), { from: 'c', seq: c1 + 6, data: 'world' }, { from: 'c', seq: c1, data: 'hello ' }],
    client: 'hello world',
    stats: { outOfOrder: 1, retransmissions: 0, gaps: 0 },
  },
  {
    name: 'an exact retransmission is dropped',
    rows: [...handshake(C, S), { from: 'c', seq: c1, data: 'hello ' }, { from: 'c', seq: c1, data: 'hello ' }, { from: 'c', seq: c1 + 6, data: 'world' }],
    client: 'hello world',
    stats: { retransmissions: 1, overlapConflicts: 0 },
  },
  {
    name: 'overlapping retransmissions with new boundaries add only the new bytes',
    rows: [...handshake(C, S), { from: 'c', seq: c1, data: 'hel' }, { from: 'c', seq: c1, data: 'hello wo' }, { from: 'c', seq: c1 + 6, data: 'world' }],
    client: 'hello world',
    stats: { retransmissions: 2, overlapConflicts: 0 },
  },
  {
    name: 'a conflicting retransmission keeps the first copy and is reported',
    rows: [...handshake(C, S), { from: 'c', seq: c1, data: 'hello ' }, { from: 'c', seq: c1, data: 'HELLO world' }],
    client: 'hello world',
    stats: { overlapConflicts: 1 },
    diagnostics: ['tcp.overlap-conflict'],
  },
  {
    name: 'conflicting copies of held out-of-order bytes keep the first copy',
    rows: [...handshake(C, S), { from: 'c', seq: c1 + 6, data: 'world' }, { from: 'c', seq: c1 + 6, data: 'WORLD!' }, { from: 'c', seq: c1, data: 'hello ' }],
    client: 'hello world!',
    stats: { overlapConflicts: 1 },
    diagnostics: ['tcp.overlap-conflict'],
  },
  {
    name: 'a hole the receiver acknowledged past is given up as a gap and delivery continues',
    rows: [...handshake(C, S), { from: 'c', seq: c1, data: 'hello ' }, { from: 'c', seq: c1 + 11, data: '!!' }, { from: 's', seq: s1, ack: c1 + 13 }, { from: 'c', seq: c1 + 13, data: 'more' }],
    client: 'hello [gap 5]!!more',
    stats: { gaps: 1, gapBytes: 5 },
    diagnostics: ['tcp.gap'],
  },
  {
    name: 'a hole still open when the capture ends becomes a gap',
    rows: [...handshake(C, S), { from: 'c', seq: c1, data: 'abc' }, { from: 'c', seq: c1 + 10, data: 'xyz' }],
    client: 'abc[gap 7]xyz',
    stats: { gaps: 1, gapBytes: 7 },
  },
  {
    name: 'sequence numbers wrap around 2^32',
    rows: [
      ...handshake(0xfffffff0, S),
      { from: 'c', seq: 0xfffffff1, data: '0123456789' },
      { from: 'c', seq: 0xfffffffb, data: 'abcdefghij' },
      { from: 'c', seq: 0x00000005, data: 'KLMNO' },
    ],
    client: '0123456789abcdefghijKLMNO',
    stats: { retransmissions: 0, outOfOrder: 0, gaps: 0 },
  },
  {
    name: 'out-of-order delivery across the wrap point',
    rows: [...handshake(0xfffffff0, S), { from: 'c', seq: 0x00000005, data: 'KLMNO' }, { from: 'c', seq: 0xfffffff1, data: '0123456789abcdefghij' }],
    client: '0123456789abcdefghijKLMNO',
    stats: { outOfOrder: 1 },
  },
  {
    name: 'a keep-alive probe is a retransmission, not a conflict',
    rows: [...handshake(C, S), { from: 'c', seq: c1, data: 'ping' }, { from: 'c', seq: c1 + 3, data: '\u0000' }],
    client: 'ping',
    stats: { retransmissions: 1, overlapConflicts: 0 },
  },
];

for (const scenario of scenarios) {
  test(`reassembly: ${scenario.name}`, (t) => {
    const { streams, connections } = reassemble(scenario.rows);
    t.is(connections.length, 1);
    const [client, server] = streams[0] ?? ['', ''];
    t.is(client, scenario.client);
    if (scenario.server !== undefined) t.is(server, scenario.server);
    const connection = connections[0];
    if (connection === undefined) return;
    const stats = connection.halves[0].stats;
    t.like(stats, scenario.stats ?? {});
    for (const code of scenario.diagnostics ?? []) t.true(connection.diagnosticCounts.has(code), code);
  });
}
