import test from 'ava';
import { handshake, reassemble } from '../helpers/segments.js';

test('a SYN with a new ISN on a closed 4-tuple opens a new tcp.stream', (t) => {
  const { connections, streams } = reassemble([
    ...handshake(1000, 5000),
    { from: 'c', seq: 1001, ack: 5001, data: 'first' },
    { from: 'c', flags: 'FA', seq: 1006, ack: 5001 },
    { from: 's', flags: 'FA', seq: 5001, ack: 1007 },
    { from: 'c', flags: 'A', seq: 1007, ack: 5002 },
    ...handshake(900000, 700000),
    { from: 'c', seq: 900001, ack: 700001, data: 'second' },
  ]);
  t.deepEqual(connections.map((c) => c.index), [0, 1]);
  t.is(streams[0]?.[0], 'first');
  t.is(streams[1]?.[0], 'second');
  t.is(connections[0]?.closeReason, 'fin');
  t.true(connections[1]?.diagnosticCounts.has('tcp.port-reuse'));
});

test('a retransmitted SYN (same ISN) stays in the same connection', (t) => {
  const { connections } = reassemble([{ from: 'c', flags: 'S', seq: 1000 }, ...handshake(1000, 5000)]);
  t.is(connections.length, 1);
});

test('mid-stream start: roles come from the port heuristic and are flagged', (t) => {
  const { connections, streams } = reassemble([
    { from: 's', seq: 7000, ack: 3000, data: 'response' },
    { from: 'c', seq: 3000, ack: 7008, data: 'request' },
  ]);
  const connection = connections[0];
  t.is(connection?.server.text, '10.0.0.2:443');
  t.is(connection?.client.text, '10.0.0.1:50000');
  t.true(connection?.midstream);
  t.true(connection?.diagnosticCounts.has('tcp.midstream'));
  t.deepEqual(streams[0], ['request', 'response']);
});

test('a SYN/ACK seen first makes its sender the server', (t) => {
  const { connections } = reassemble([{ from: 's', flags: 'SA', seq: 5000, ack: 1001 }, { from: 'c', flags: 'A', seq: 1001, ack: 5001 }]);
  t.is(connections[0]?.server.text, '10.0.0.2:443');
  t.false(connections[0]?.midstream);
});

test('RST closes the connection and later data is reported, not delivered', (t) => {
  const { connections, streams } = reassemble([
    ...handshake(1000, 5000),
    { from: 'c', seq: 1001, data: 'abc' },
    { from: 's', flags: 'RA', seq: 5001, ack: 1004 },
    { from: 'c', seq: 1004, data: 'late' },
  ]);
  t.is(connections[0]?.closeReason, 'rst');
  t.is(streams[0]?.[0], 'abc');
  t.true(connections[0]?.diagnosticCounts.has('tcp.data-after-close'));
});

test('FIN in both directions closes the connection once every byte before it is in', (t) => {
  const { connections } = reassemble([
    ...handshake(1000, 5000),
    { from: 'c', flags: 'FPA', seq: 1004, ack: 5001, data: 'def' },
    { from: 'c', seq: 1001, ack: 5001, data: 'abc' },
    { from: 's', flags: 'FA', seq: 5001, ack: 1008 },
  ]);
  t.is(connections[0]?.closeReason, 'fin');
});

test('hitting the out-of-order bound gives the hole up with a diagnostic', (t) => {
  const { connections, streams } = reassemble(
    [...handshake(1000, 5000), { from: 'c', seq: 1011, data: 'x'.repeat(40) }, { from: 'c', seq: 1051, data: 'y'.repeat(40) }],
    { maxHeldBytes: 64 },
  );
  t.is(streams[0]?.[0], `[gap 10]${'x'.repeat(40)}${'y'.repeat(40)}`);
  t.true(connections[0]?.diagnosticCounts.has('tcp.buffer-limit'));
});

test('chunks remember the frame and the offset of their bytes in it, also when held', (t) => {
  const { chunks } = reassemble([...handshake(1000, 5000), { from: 'c', seq: 1007, data: 'world' }, { from: 'c', seq: 1001, data: 'hello ' }, { from: 'c', seq: 1004, data: 'lo world!' }]);
  t.deepEqual(chunks, [
    { stream: 0, direction: 0, offset: 0, length: 6, frame: 5, frameOffset: 40 },
    { stream: 0, direction: 0, offset: 6, length: 5, frame: 4, frameOffset: 40 },
    { stream: 0, direction: 0, offset: 11, length: 1, frame: 6, frameOffset: 48 },
  ]);
});
