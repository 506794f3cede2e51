import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { analyze } from '../../dissect/analyze.js';
import { fileSink, pcapWriter } from '../../dissect/capture/write/index.js';
import { PacketDecoder } from '../../dissect/packet.js';
import { FlowTable } from '../../dissect/tcp/flow-table.js';
import { handshake, reassemble, tcpFrame } from '../helpers/segments.js';

/** A full collection, so heap figures count live objects only. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc: unknown = vm.runInNewContext('gc');
  if (typeof gc === 'function') gc();
}

test('100k simultaneous half-open connections are tracked with bounded memory and numbered in order', (t) => {
  const decoder = new PacketDecoder();
  let opened = 0;
  const flows = new FlowTable({ opened: () => opened++ });
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const count = 100_000;
  for (let i = 0; i < count; i++) {
    flows.process(decoder.decode(tcpFrame({ from: 'c', flags: 'S', seq: i }, i + 1, { client: 1024 + (i % 60000), server: 443 + Math.floor(i / 60000) })));
  }
  collectGarbage();
  const grown = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  t.is(opened, count);
  t.is(flows.openConnectionCount, count);
  t.log(`${grown.toFixed(0)} MB of heap for ${count} half-open connections`);
  t.true(grown < 200, `${grown.toFixed(0)} MB`);
  flows.finish(count);
  t.is(flows.openConnectionCount, 0);
});

test('a SYN flood of 100k half-open connections through the whole TLS analysis keeps a few KB per connection and reports every one', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'keyhole-synflood-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'syn-flood.pcap');
  const count = 100_000;
  const writer = pcapWriter(fileSink(file), { linkType: 101 });
  for (let i = 0; i < count; i++) {
    const frame = tcpFrame({ from: 'c', flags: 'S', seq: i }, i + 1, { client: 1024 + (i % 60000), server: 443 + Math.floor(i / 60000) });
    await writer.writePacket({ timestamp: { sec: 1_700_000_000 + Math.floor(i / 1000), nsec: 0 }, data: frame.data });
  }
  await writer.close();
  let peakOpen = 0;
  let open = 0;
  let finished = 0;
  let heapAtPeak = 0;
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  await analyze(file, {
    opened() {
      open++;
      if (open !== count) return;
      collectGarbage();
      heapAtPeak = process.memoryUsage().heapUsed;
      peakOpen = Math.max(peakOpen, open);
    },
    finished(_connection, session) {
      finished++;
      t.false(session.isTls);
    },
  });
  const perConnection = (heapAtPeak - before) / count;
  t.log(`${(perConnection / 1024).toFixed(1)} KB of heap per half-open connection`);
  t.is(peakOpen, count);
  t.is(finished, count);
  t.true(perConnection < 3072, `${perConnection.toFixed(0)} bytes per connection`);
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
