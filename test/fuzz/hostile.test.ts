import test from 'ava';
import { PacketDecoder } from '../../dissect/packet.js';
import { FlowTable } from '../../dissect/tcp/flow-table.js';
import { handshake, reassemble, tcpFrame } from '../helpers/segments.js';

test('100k simultaneous half-open connections are tracked with bounded memory and numbered in order', (t) => {
  const decoder = new PacketDecoder();
  let opened = 0;
  const flows = new FlowTable({ opened: () => opened++ });
  const before = process.memoryUsage().heapUsed;
  const count = 100_000;
  for (let i = 0; i < count; i++) {
    flows.process(decoder.decode(tcpFrame({ from: 'c', flags: 'S', seq: i }, i + 1, { client: 1024 + (i % 60000), server: 443 + Math.floor(i / 60000) })));
  }
  const grown = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  t.is(opened, count);
  t.is(flows.openConnectionCount, count);
  t.log(`${grown.toFixed(0)} MB of heap for ${count} half-open connections`);
  t.true(grown < 400, `${grown.toFixed(0)} MB`);
  flows.finish(count);
  t.is(flows.openConnectionCount, 0);
});

test('a gap of 2^31 - 1 bytes is reported with its size and the data after it is still delivered', (t) => {
  const gap = 2 ** 31 - 1;
  const { streams, connections } = reassemble([
    ...handshake(1000, 5000),
    { from: 'c', seq: 1001, data: 'before' },
    { from: 'c', seq: (1007 + gap) >>> 0, data: 'after' },
  ]);
  t.is(streams[0]?.[0], `before[gap ${gap}]after`);
  t.is(connections[0]?.halves[0].stats.gapBytes, gap);
});

test('data claimed 2^31 bytes ahead (beyond the sequence window) is taken as old and never held', (t) => {
  const { streams, connections } = reassemble([...handshake(1000, 5000), { from: 'c', seq: 1001, data: 'ok' }, { from: 'c', seq: (1003 + 2 ** 31) >>> 0, data: 'far' }]);
  t.is(streams[0]?.[0], 'ok');
  t.is(connections[0]?.halves[0].heldByteCount, 0);
});
