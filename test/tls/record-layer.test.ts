import test from 'ava';
import type { Diagnostic } from '../../dissect/diagnostics.js';
import { RecordDeframer } from '../../dissect/tls/deframer.js';
import { HandshakeReassembler, type HandshakeMessage } from '../../dissect/tls/handshake-reassembler.js';
import type { TlsRecord } from '../../dissect/tls/record.js';
import type { StreamChunk } from '../../dissect/tcp/half-stream.js';

function record(type: number, body: number[]): number[] {
  return [type, 3, 3, body.length >> 8, body.length & 0xff, ...body];
}

function handshake(type: number, body: number[]): number[] {
  return [type, body.length >> 16, (body.length >> 8) & 0xff, body.length & 0xff, ...body];
}

interface Seen {
  records: Array<{ type: number; fragment: number[] | undefined; missing: number; offset: number }>;
  diagnostics: Diagnostic[];
}

type Wants = (contentType: number) => boolean | 'during';

function deframe(stream: Uint8Array, cuts: readonly number[], gaps: ReadonlyArray<{ at: number; length: number }> = [], wants: Wants = () => true): Seen {
  const seen: Seen = { records: [], diagnostics: [] };
  const deframer = new RecordDeframer(0, {
    wants,
    record: (r: TlsRecord) => seen.records.push({ type: r.contentType, fragment: r.fragment === undefined ? undefined : [...r.fragment], missing: r.missing, offset: r.streamOffset }),
    report: (d) => seen.diagnostics.push(d),
  });
  const bounds = [...new Set([0, ...cuts, ...gaps.flatMap((g) => [g.at, g.at + g.length]), stream.length])].sort((a, b) => a - b);
  for (let i = 0; i + 1 < bounds.length; i++) {
    const from = bounds[i] ?? 0;
    const to = bounds[i + 1] ?? 0;
    const gap = gaps.find((g) => g.at === from);
    if (gap !== undefined) {
      deframer.gap({ direction: 0, offset: from, length: gap.length, frame: i + 1 });
      continue;
    }
    const chunk: StreamChunk = { direction: 0, data: stream.subarray(from, to), offset: from, frame: i + 1, frameOffset: 0, tsSec: 0, tsNsec: 0 };
    deframer.push(chunk);
  }
  deframer.end(bounds.length);
  return seen;
}

const stream = Uint8Array.from([
  ...record(22, handshake(1, [1, 2, 3, 4, 5, 6])),
  ...record(20, [1]),
  ...record(23, Array.from({ length: 40 }, (_, i) => i)),
  ...record(21, [1, 0]),
]);

test('records come out the same wherever the TCP segments cut the stream', (t) => {
  const whole = deframe(stream, []);
  t.deepEqual(whole.records.map((r) => r.type), [22, 20, 23, 21]);
  for (let a = 1; a < stream.length; a++) {
    for (const b of [a + 1, a + 3, a + 7]) {
      if (b >= stream.length) continue;
      t.deepEqual(deframe(stream, [a, b]).records, whole.records, `cuts at ${a} and ${b}`);
    }
  }
});

test('records wanted only during their event come out the same, gathered in reused buffers', (t) => {
  const duringOnly: Wants = (type) => (type === 23 ? 'during' : true);
  const whole = deframe(stream, []);
  for (let a = 1; a < stream.length; a++) {
    t.deepEqual(deframe(stream, [a, a + 5], [], duringOnly).records, whole.records, `cuts at ${a} and ${a + 5}`);
  }
  // Two application data records, each split across segments, one after the other.
  const twice = Uint8Array.from([...record(23, Array.from({ length: 40 }, (_, i) => i)), ...record(23, Array.from({ length: 30 }, (_, i) => 100 + i))]);
  const buffers: ArrayBufferLike[] = [];
  const contents: number[][] = [];
  const deframer = new RecordDeframer(0, {
    wants: duringOnly,
    record: (r) => {
      if (r.fragment === undefined) return;
      buffers.push(r.fragment.buffer);
      contents.push([...r.fragment]);
    },
    report: () => undefined,
  });
  const segments: ReadonlyArray<readonly [number, number]> = [[0, 20], [20, 50], [50, twice.length]];
  for (const [from, to] of segments) {
    deframer.push({ direction: 0, data: twice.subarray(from, to), offset: from, frame: 1, frameOffset: 0, tsSec: 0, tsNsec: 0 });
  }
  t.deepEqual(contents, [Array.from({ length: 40 }, (_, i) => i), Array.from({ length: 30 }, (_, i) => 100 + i)]);
  t.is(buffers.length, 2);
  t.is(buffers[0], buffers[1], 'the second record was gathered into the first one\'s buffer');
  t.not(buffers[0], twice.buffer, 'split records are gathered, not viewed');
});

test('a gap inside a record keeps the framing: that record is marked incomplete, the next ones are whole', (t) => {
  const seen = deframe(stream, [], [{ at: 15 + 6 + 10, length: 8 }]);
  t.deepEqual(seen.records.map((r) => [r.type, r.missing, r.fragment === undefined]), [
    [22, 0, false],
    [20, 0, false],
    [23, 8, true],
    [21, 0, false],
  ]);
});

test('a gap over a record header loses the framing, reports it, and resumes at the next plausible header', (t) => {
  const seen = deframe(stream, [], [{ at: 15, length: 8 }]);
  t.deepEqual(seen.records.map((r) => r.type), [22, 21]);
  t.true(seen.diagnostics.some((d) => d.code === 'tls.record.after-gap'));
});

test('bytes that are no record header are reported and skipped until one is found', (t) => {
  const garbage = Uint8Array.from([0x47, 0x45, 0x54, 0x20, 0x2f, 0x20, ...stream]);
  const seen = deframe(garbage, []);
  t.true(seen.diagnostics.some((d) => d.code === 'tls.record.bad-header'));
  t.deepEqual(seen.records.map((r) => r.type), [22, 20, 23, 21]);
});

test('a record over 2^14 + 2048 bytes is reported as oversize and still framed', (t) => {
  const big = Uint8Array.from([...record(23, new Array(18500).fill(7)), ...record(21, [2, 40])]);
  const seen = deframe(big, [1000, 9000]);
  t.deepEqual(seen.records.map((r) => r.type), [23, 21]);
  t.true(seen.diagnostics.some((d) => d.code === 'tls.record.oversize'));
});

test('a stream ending inside a record reports the cut', (t) => {
  const seen = deframe(stream.subarray(0, stream.length - 1), []);
  t.is(seen.records.length, 3);
  t.true(seen.diagnostics.some((d) => d.code === 'tls.record.truncated'));
});

test('an SSLv2-compatible ClientHello is recognised as the first record', (t) => {
  const body = [1, 3, 0, 0, 3, 0, 0, 0, 16, 0, 0, 0x35, ...new Array(16).fill(9)];
  const v2 = Uint8Array.from([0x80 | (body.length >> 8), body.length & 0xff, ...body, ...record(22, handshake(2, [1]))]);
  const records: TlsRecord[] = [];
  const deframer = new RecordDeframer(0, { wants: () => true, record: (r) => records.push(r), report: () => undefined });
  deframer.push({ direction: 0, data: v2, offset: 0, frame: 1, frameOffset: 0, tsSec: 0, tsNsec: 0 });
  t.deepEqual(records.map((r) => [r.sslv2, r.length]), [
    [true, body.length],
    [false, 5],
  ]);
});

test('handshake messages split across records and several in one record come out whole', (t) => {
  const messages: HandshakeMessage[] = [];
  const reassembler = new HandshakeReassembler(0, (m) => messages.push(m), () => undefined);
  const bytes = Uint8Array.from([...handshake(1, [1, 2, 3, 4, 5]), ...handshake(11, new Array(300).fill(8)), ...handshake(14, [])]);
  for (let at = 0, index = 0; at < bytes.length; at += 7, index++) {
    reassembler.push(bytes.subarray(at, at + 7), { index, frame: index + 1, tsSec: 0, tsNsec: 0, encrypted: false });
  }
  t.deepEqual(messages.map((m) => [m.type, m.body.length]), [
    [1, 5],
    [11, 300],
    [14, 0],
  ]);
  // The second message spans bytes 9..312: one piece per 7-byte record it touches.
  t.is(messages[1]?.pieces.length, Math.floor(312 / 7) - Math.floor(9 / 7) + 1);
});

test('a handshake message claiming 16 MB is skipped with a diagnostic, not buffered', (t) => {
  const messages: HandshakeMessage[] = [];
  const diagnostics: Diagnostic[] = [];
  const reassembler = new HandshakeReassembler(0, (m) => messages.push(m), (d) => diagnostics.push(d));
  reassembler.push(Uint8Array.from([11, 0xff, 0xff, 0xff, 1, 2, 3]), { index: 0, frame: 1, tsSec: 0, tsNsec: 0, encrypted: false });
  t.is(messages.length, 0);
  t.true(diagnostics.some((d) => d.code === 'tls.handshake.oversize'));
});
