import test from 'ava';
import { concatBytes } from '../../dissect/bytes.js';
import { CLIENT_PREFACE, decodeFrame, frameTypeName } from '../../dissect/http/http2-frames.js';
import { Http2Connection } from '../../dissect/http/http2.js';
import type { HttpExchange } from '../../dissect/http/exchange.js';
import { Random } from '../helpers/random.js';
import { C41, CLIENT, END_HEADERS, END_STREAM, frame, PADDED, SERVER } from './conversations.js';
import { codes, feed, summary, text } from './feed.js';

const KEEP = { keepBodies: true, maxBodyBytes: 1 << 20 };

function http2(client: Uint8Array, server: Uint8Array, random?: Random): { exchanges: HttpExchange[]; connection: Http2Connection; frames: string[] } {
  let connection: Http2Connection | undefined;
  const frames: string[] = [];
  const exchanges = feed(
    (emit) => {
      connection = new Http2Connection(4, emit, KEEP, (direction, f) => frames.push(`${direction}:${frameTypeName(f.header.type)}`));
      return connection;
    },
    client,
    server,
    random,
  );
  if (connection === undefined) throw new Error('the parser was not created');
  return { exchanges, connection, frames };
}

test('streams become exchanges: CONTINUATION, padding, the dynamic table across blocks, SETTINGS_HEADER_TABLE_SIZE and RST_STREAM', (t) => {
  const { exchanges, connection } = http2(CLIENT, SERVER);
  t.deepEqual(
    exchanges.map((e) => [e.http2Stream, e.method, e.scheme, e.authority, e.path, e.status, Buffer.from(e.request?.body ?? []).toString(), Buffer.from(e.response?.body ?? []).toString(), codes(e)]),
    [
      [1, 'GET', 'http', 'www.example.com', '/', 302, '', 'hello', []],
      [3, 'GET', 'http', 'www.example.com', '/', 307, 'abc', '', []],
      [5, 'GET', 'https', 'www.example.com', '/index.html', null, '', '', ['http2.rst-stream']],
    ],
  );
  t.deepEqual(exchanges[0]?.request?.headers.find((h) => h.name === 'cache-control'), undefined);
  t.deepEqual(exchanges[1]?.request?.headers.find((h) => h.name === 'cache-control'), { name: 'cache-control', value: 'no-cache' });
  t.is(exchanges[0]?.response?.headers.find((h) => h.name === 'location')?.value, 'https://www.example.com');
  t.true(exchanges.every((e) => e.version === 'HTTP/2' && e.stream === 4));
  t.deepEqual(connection.diagnostics.map((d) => d.code), ['http2.unknown-frame', 'http2.goaway']);
});

test('the same connection cut into random small chunks gives identical exchanges (20 seeds)', (t) => {
  const whole = http2(CLIENT, SERVER).exchanges.map(summary);
  for (let seed = 1; seed <= 20; seed++) t.deepEqual(http2(CLIENT, SERVER, new Random(seed)).exchanges.map(summary), whole, `seed ${seed}`);
});

test('every frame type is parsed and handed on, unknown types included', (t) => {
  const { frames } = http2(CLIENT, SERVER);
  t.deepEqual(
    [...new Set(frames.map((f) => f.slice(2)))].sort(),
    ['0xfa', 'CONTINUATION', 'DATA', 'GOAWAY', 'HEADERS', 'PING', 'PRIORITY', 'RST_STREAM', 'SETTINGS', 'WINDOW_UPDATE'],
  );
});

test('a PUSH_PROMISE opens a stream whose request comes from the promise', (t) => {
  const client = concatBytes([CLIENT_PREFACE, frame(0x1, END_HEADERS | END_STREAM, 1, C41)]);
  const server = concatBytes([
    // The server's own encoder state: C.4.1 needs no earlier entries.
    frame(0x5, END_HEADERS, 1, [0, 0, 0, 2, ...C41]),
    frame(0x1, END_HEADERS, 2, [0x88]),
    frame(0x0, END_STREAM, 2, text('pushed')),
    frame(0x1, END_HEADERS | END_STREAM, 1, [0x89]),
  ]);
  const { exchanges } = http2(client, server);
  t.deepEqual(
    exchanges.map((e) => [e.http2Stream, e.path, e.status, Buffer.from(e.response?.body ?? []).toString()]),
    [
      [2, '/', 200, 'pushed'],
      [1, '/', 204, ''],
    ],
  );
});

test('framing problems are diagnostics: preface, padding, frame size, interrupted header blocks, HPACK', (t) => {
  const connectionCodes = (client: Uint8Array, server: Uint8Array = new Uint8Array(0)): string[] => {
    const { exchanges, connection } = http2(client, server);
    return [...connection.diagnostics.map((d) => d.code), ...exchanges.flatMap(codes)];
  };
  t.deepEqual(connectionCodes(text('GET / HTTP/1.1\r\n\r\n')), ['http2.bad-preface']);
  t.deepEqual(connectionCodes(concatBytes([CLIENT_PREFACE, frame(0x0, PADDED, 1, [9, 1, 2])])), ['http2.bad-frame']);
  t.deepEqual(connectionCodes(concatBytes([CLIENT_PREFACE, frame(0x0, 0, 1, new Uint8Array(20000))])), ['http2.frame-too-large']);
  t.deepEqual(connectionCodes(concatBytes([CLIENT_PREFACE, frame(0x1, 0, 1, C41.subarray(0, 3)), frame(0x6, 0, 0, new Uint8Array(8))])), ['http2.continuation']);
  t.deepEqual(connectionCodes(concatBytes([CLIENT_PREFACE, frame(0x1, END_HEADERS, 1, [0xff, 0xff, 0xff, 0xff, 0x0f])])), ['http2.hpack']);
  t.deepEqual(connectionCodes(concatBytes([CLIENT_PREFACE, frame(0x4, 0, 0, [0, 1, 0])])), ['http2.bad-frame']);
  // The client allows a 256-octet table; the server's encoder announcing 4096 breaks that.
  const smallTable = concatBytes([CLIENT_PREFACE, frame(0x4, 0, 0, [0, 1, 0, 0, 1, 0]), frame(0x1, END_HEADERS | END_STREAM, 1, C41)]);
  t.deepEqual(connectionCodes(smallTable, frame(0x1, END_HEADERS, 1, [0x3f, 0xe1, 0x1f, 0x88])), ['http2.hpack']);
});

test('a stream still open when the connection ends is emitted incomplete', (t) => {
  const { exchanges } = http2(concatBytes([CLIENT_PREFACE, frame(0x1, END_HEADERS | END_STREAM, 1, C41)]), concatBytes([frame(0x1, END_HEADERS, 1, [0x88]), frame(0x0, 0, 1, text('part'))]));
  t.deepEqual(exchanges.flatMap(codes), ['http.body-truncated']);
  t.is(exchanges[0]?.response?.complete, false);
  t.is(exchanges[0]?.response?.size, 4);
});

test('every truncated prefix of a frame needs more bytes', (t) => {
  const whole = frame(0x0, END_STREAM | PADDED, 3, [4, ...text('abc'), 0, 0, 0, 0]);
  for (let n = 0; n < whole.length; n++) t.is(decodeFrame(whole.subarray(0, n)).kind, 'need-more');
  t.like(decodeFrame(whole), { kind: 'ok', used: whole.length, value: { header: { streamId: 3, flags: END_STREAM | PADDED } } });
});

test('every truncated prefix of a connection gives exchanges or diagnostics, never a throw', (t) => {
  for (let n = 0; n <= CLIENT.length + SERVER.length; n++) {
    const { exchanges } = http2(CLIENT.subarray(0, n), SERVER.subarray(0, Math.max(0, n - CLIENT.length)));
    t.true(exchanges.every((e) => e.response?.complete === true || e.diagnostics.length > 0), `prefix ${n}`);
  }
});

test('connection diagnostics stop at their bound however many unknown frames arrive', (t) => {
  const unknown = frame(0xfa, 0, 0, text('x'));
  const { connection } = http2(concatBytes([CLIENT_PREFACE, ...Array.from({ length: 150 }, () => unknown)]), new Uint8Array(0));
  t.is(connection.diagnostics.length, 100);
  t.true(connection.diagnostics.every((d) => d.code === 'http2.unknown-frame'));
});
