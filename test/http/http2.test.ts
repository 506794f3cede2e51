import test from 'ava';
import { concatBytes, fromHex } from '../../dissect/bytes.js';
import { CLIENT_PREFACE, decodeFrame, frameTypeName } from '../../dissect/http/http2-frames.js';
import { Http2Connection } from '../../dissect/http/http2.js';
import type { HttpExchange } from '../../dissect/http/exchange.js';
import { Random } from '../helpers/random.js';
import { codes, feed, summary, text } from './feed.js';

const KEEP = { keepBodies: true, maxBodyBytes: 1 << 20 };

function frame(type: number, flags: number, stream: number, payload: Uint8Array | readonly number[]): Uint8Array {
  const body = Uint8Array.from(payload);
  const n = body.length;
  return concatBytes([Uint8Array.of(n >> 16, (n >> 8) & 0xff, n & 0xff, type, flags, (stream >>> 24) & 0x7f, (stream >> 16) & 0xff, (stream >> 8) & 0xff, stream & 0xff), body]);
}

function hex(s: string): Uint8Array {
  return fromHex(s) ?? new Uint8Array(0);
}

// Header blocks from RFC 7541 Appendix C: requests C.4.1-3 (Huffman), responses C.6.1-2 (Huffman, 256-octet table).
const C41 = hex('828684418cf1e3c2e5f23a6ba0ab90f4ff');
const C42 = hex('828684be5886a8eb10649cbf');
const C43 = hex('828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf');
const C61 = hex('488264025885aec3771a4b6196d07abe941054d444a8200595040b8166e082a62d1bff6e919d29ad171863c78f0b97c8e9ae82ae43d3');
const C62 = hex('4883640effc1c0bf');

const END_STREAM = 0x1;
const END_HEADERS = 0x4;
const PADDED = 0x8;

const CLIENT = concatBytes([
  CLIENT_PREFACE,
  // SETTINGS_HEADER_TABLE_SIZE = 256: the server's encoder must fit the table of Appendix C.6.
  frame(0x4, 0, 0, [0, 1, 0, 0, 1, 0]),
  frame(0x1, END_STREAM, 1, C41.subarray(0, 5)),
  frame(0x9, END_HEADERS, 1, C41.subarray(5)),
  frame(0x1, END_HEADERS, 3, C42),
  frame(0x0, END_STREAM | PADDED, 3, [4, ...text('abc'), 0, 0, 0, 0]),
  frame(0x2, 0, 3, [0, 0, 0, 1, 15]),
  frame(0x6, 0, 0, [1, 2, 3, 4, 5, 6, 7, 8]),
  frame(0x8, 0, 0, [0, 0, 0x10, 0]),
  frame(0xfa, 0, 0, text('kept')),
  frame(0x1, END_HEADERS | END_STREAM, 5, C43),
]);

const SERVER = concatBytes([
  frame(0x4, 0, 0, []),
  frame(0x4, 0x1, 0, []),
  frame(0x1, END_HEADERS, 1, C61),
  frame(0x0, 0, 1, text('hel')),
  frame(0x0, END_STREAM, 1, text('lo')),
  frame(0x1, END_HEADERS | END_STREAM, 3, C62),
  frame(0x3, 0, 5, [0, 0, 0, 8]),
  frame(0x7, 0, 0, [0, 0, 0, 5, 0, 0, 0, 1, ...text('bye')]),
]);

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
