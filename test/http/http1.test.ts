import test from 'ava';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { concatBytes } from '../../dissect/bytes.js';
import { decodeRequestHead, decodeResponseHead } from '../../dissect/http/http1-head.js';
import { Http1Connection } from '../../dissect/http/http1.js';
import type { HttpExchange } from '../../dissect/http/exchange.js';
import { Random } from '../helpers/random.js';
import { PIPELINED_CLIENT, PIPELINED_SERVER } from './conversations.js';
import { codes, feed, summary, text } from './feed.js';

const KEEP = { keepBodies: true, maxBodyBytes: 1 << 20 };

function http1(client: Uint8Array, server: Uint8Array, random?: Random, options = KEEP): HttpExchange[] {
  return feed((emit) => new Http1Connection(7, 'https', emit, options), client, server, random);
}

test('pipelined requests pair with their responses in order, with every framing rule applied', (t) => {
  const out = http1(PIPELINED_CLIENT, PIPELINED_SERVER);
  t.deepEqual(
    out.map((e) => [e.method, e.path, e.status, e.interim, e.request?.body && Buffer.from(e.request.body).toString(), e.response?.body && Buffer.from(e.response.body).toString()]),
    [
      ['GET', '/a', 200, [], '', 'hello'],
      ['HEAD', '/b', 200, [], '', ''],
      ['POST', '/c?x=1', 201, [100], 'wikipedia', 'world'],
      ['GET', '/d', 304, [], '', ''],
      ['DELETE', '/e', 200, [], 'xyz', '<p>until the connection closes</p>'],
    ],
  );
  const [first, , post] = out;
  t.deepEqual(first?.request?.headers.filter((h) => h.name === 'Accept').map((h) => h.value), ['*/*', 'text/html']);
  t.is(first?.response?.contentType, 'text/plain');
  t.deepEqual(post?.request?.trailers, [{ name: 'Checksum', value: 'abc' }]);
  t.deepEqual(post?.response?.trailers, [{ name: 'X-T', value: 'done' }]);
  t.is(out[4]?.version, 'HTTP/1.1');
  t.true(out.every((e) => e.response?.complete === true && e.diagnostics.length === 0 && e.stream === 7 && e.scheme === 'https' && e.host === 'example.com'));
});

test('the same conversation cut into random small chunks parses identically (20 seeds)', (t) => {
  const whole = http1(PIPELINED_CLIENT, PIPELINED_SERVER).map(summary);
  for (let seed = 1; seed <= 20; seed++) t.deepEqual(http1(PIPELINED_CLIENT, PIPELINED_SERVER, new Random(seed)).map(summary), whole, `seed ${seed}`);
});

const BODY = 'The quick brown fox jumps over the lazy dog. '.repeat(20);
const CODED: ReadonlyArray<readonly [string, Uint8Array]> = [
  ['gzip', gzipSync(BODY)],
  ['deflate', deflateSync(BODY)],
  ['deflate', deflateRawSync(BODY)],
  ['br', brotliCompressSync(BODY)],
  ['gzip, br', brotliCompressSync(gzipSync(BODY))],
];

test('gzip, zlib and raw deflate, brotli and stacked codings decode to the same body, whole or in pieces', (t) => {
  const client = text('GET /z HTTP/1.1\r\nHost: h\r\n\r\n'.repeat(CODED.length));
  const server = concatBytes(CODED.flatMap(([coding, body]) => [text(`HTTP/1.1 200 OK\r\nContent-Encoding: ${coding}\r\nContent-Length: ${body.length}\r\n\r\n`), body]));
  for (const random of [undefined, new Random(5)]) {
    const out = http1(client, server, random);
    t.deepEqual(
      out.map((e) => [e.response?.size, e.response?.decodedSize, Buffer.from(e.response?.body ?? []).toString()]),
      CODED.map(([, body]) => [body.length, BODY.length, BODY]),
    );
  }
});

test('without --bodies a coded body is still decoded for its size but not kept', (t) => {
  const body = gzipSync(BODY);
  const [e] = http1(text('GET / HTTP/1.1\r\n\r\n'), concatBytes([text(`HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${body.length}\r\n\r\n`), body]), undefined, { keepBodies: false, maxBodyBytes: 1 << 20 });
  t.is(e?.response?.decodedSize, BODY.length);
  t.is(e?.response?.body, null);
});

test('decoding stops at the body bound and at bad or unknown codings, with a diagnostic each', (t) => {
  const bomb = gzipSync(Buffer.alloc(4 << 20));
  const cases: ReadonlyArray<readonly [string, Uint8Array, number, string]> = [
    ['gzip', bomb, bomb.length - 1, 'http.body-too-large'],
    ['gzip', text('not gzip at all'), 1 << 20, 'http.bad-encoding'],
    ['compress', text('whatever'), 1 << 20, 'http.unknown-encoding'],
  ];
  for (const [coding, body, maxBodyBytes, code] of cases) {
    const server = concatBytes([text(`HTTP/1.1 200 OK\r\nContent-Encoding: ${coding}\r\nContent-Length: ${body.length}\r\n\r\n`), body]);
    const [e] = http1(text('GET / HTTP/1.1\r\n\r\n'), server, undefined, { keepBodies: true, maxBodyBytes });
    t.deepEqual(e?.diagnostics.map((d) => d.code), [code]);
    t.is(e?.response?.decodedSize, null);
    t.is(e?.response?.size, body.length);
  }
});

test('after a 2xx to CONNECT the rest of both directions is tunnel bytes', (t) => {
  const client = text('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n\x16\x03\x01\x00\x05hello GET / HTTP/1.1\r\n\r\n');
  const server = text('HTTP/1.1 200 Connection established\r\n\r\n\x16\x03\x03 HTTP/1.1 200 OK\r\n\r\n');
  for (const random of [undefined, new Random(9)]) {
    const out = http1(client, server, random);
    t.is(out.length, 1);
    t.like(out[0], { method: 'CONNECT', authority: 'example.com:443', path: null, status: 200, tunnel: true });
    t.deepEqual(out.flatMap(codes), ['http.tunnel']);
  }
});

test('a 101 switches to the new protocol; a refused upgrade leaves the next request as HTTP', (t) => {
  const upgrade = 'GET /chat HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n';
  const accepted = http1(text(`${upgrade}\x81\x05hello`), text('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\x81\x02hi'));
  t.deepEqual(accepted.map((e) => [e.path, e.status, e.tunnel]), [['/chat', 101, true]]);
  const refused = http1(text(`${upgrade}GET /next HTTP/1.1\r\nHost: h\r\n\r\n`), text('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nnoHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'), new Random(3));
  t.deepEqual(refused.map((e) => [e.path, e.status, e.tunnel]), [['/chat', 200, false], ['/next', 200, false]]);
});

test('framing problems are diagnostics on the exchange they concern', (t) => {
  const one = (client: string, server: string): HttpExchange[] => http1(text(client), text(server));
  t.deepEqual(one('GET / HTTP/1.1\r\n\r\n', 'HTTP/1.1 200 OK\r\nContent-Length: 12x\r\n\r\nabc').flatMap(codes), ['http.bad-content-length']);
  t.deepEqual(one('GET / HTTP/1.1\r\n\r\n', 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd').flatMap(codes), ['http.bad-content-length']);
  t.deepEqual(one('GET / HTTP/1.1\r\n\r\n', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc').flatMap(codes), ['http.bad-chunk']);
  t.deepEqual(one('GET / HTTP/1.1\r\n\r\n', 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabcd').flatMap(codes), ['http.body-truncated']);
  t.deepEqual(one('GET / HTTP/1.1\r\nNo colon here\r\nHost: h\r\n\r\n', 'HTTP/1.1 204 No Content\r\n\r\n').flatMap(codes), ['http.bad-header']);
  t.deepEqual(one('GET / HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\n', 'HTTP/1.1 204 No Content\r\n\r\n').flatMap(codes), ['http.unanswered']);
  t.deepEqual(one('', 'HTTP/1.1 204 No Content\r\n\r\n').flatMap(codes), ['http.unrequested']);
  t.deepEqual(one('GET / HTTP/1.1\r\n\r\n', 'SSH-2.0-OpenSSH\r\n\r\n').flatMap(codes), ['http.bad-start-line', 'http.unanswered']);
});

test('a head that never ends is given up at the bound with a diagnostic', (t) => {
  const connection = new Http1Connection(0, 'http', () => t.fail('no exchange can come out'), KEEP);
  const line = text(`X-Big: ${'a'.repeat(1000)}\r\n`);
  connection.push(0, text('GET / HTTP/1.1\r\n'), { frame: 1, tsSec: 0, tsNsec: 0 });
  for (let i = 0; i < 70; i++) connection.push(0, line, { frame: 2 + i, tsSec: 0, tsNsec: 0 });
  t.deepEqual(connection.orphanDiagnostics.map((d) => [d.code, d.frame]), [['http.head-too-large', 66]]);
});

test('a truncated body is marked incomplete and keeps what arrived', (t) => {
  const [e] = http1(text('GET / HTTP/1.1\r\n\r\n'), text('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabcd'));
  t.is(e?.response?.complete, false);
  t.is(e?.response?.size, 4);
  t.is(e?.response?.lastFrame, null);
});

test('every truncated prefix of a conversation yields exchanges or diagnostics, never a throw', (t) => {
  const both = concatBytes([PIPELINED_CLIENT, PIPELINED_SERVER]);
  for (let n = 0; n <= both.length; n++) {
    const client = both.subarray(0, Math.min(n, PIPELINED_CLIENT.length));
    const server = both.subarray(PIPELINED_CLIENT.length, Math.max(PIPELINED_CLIENT.length, n));
    const out = http1(client, server);
    t.true(out.every((e) => (e.response?.complete === true && e.request?.complete !== false) || e.diagnostics.length > 0), `prefix ${n}`);
  }
});

test('every truncated prefix of a message head needs more bytes', (t) => {
  const request = text('GET /x HTTP/1.1\r\nHost: h\r\n\r\n');
  const response = text('HTTP/1.1 404 Not Found\r\nServer: s\r\n\r\n');
  for (let n = 0; n < request.length; n++) t.is(decodeRequestHead(request.subarray(0, n)).kind, 'need-more');
  for (let n = 0; n < response.length; n++) t.is(decodeResponseHead(response.subarray(0, n)).kind, 'need-more');
  t.like(decodeResponseHead(response), { kind: 'ok', used: response.length, value: { status: 404, reason: 'Not Found', version: 'HTTP/1.1' } });
});

test('bare LF line ends and folded header lines are read like CRLF and unfolded', (t) => {
  const [e] = http1(text('GET / HTTP/1.0\nHost: h\nX-Long: one\n  two\n\n'), text('HTTP/1.0 200 OK\nContent-Length: 2\n\nok'));
  t.deepEqual(e?.request?.headers, [
    { name: 'Host', value: 'h' },
    { name: 'X-Long', value: 'one two' },
  ]);
  t.is(e?.version, 'HTTP/1.0');
  t.is(Buffer.from(e?.response?.body ?? []).toString(), 'ok');
});

test('an absolute-form target gives scheme, authority and path', (t) => {
  const [e] = http1(text('GET http://proxy.test:8080/a/b?c HTTP/1.1\r\nHost: proxy.test:8080\r\n\r\n'), text('HTTP/1.1 204 No Content\r\n\r\n'));
  t.like(e, { scheme: 'http', authority: 'proxy.test:8080', path: '/a/b?c', host: 'proxy.test:8080' });
});

test('client bytes held behind an unanswered upgrade are bounded and then taken as a tunnel', (t) => {
  const upgrade = text('GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
  const [e] = http1(concatBytes([upgrade, new Uint8Array(1_100_000)]), new Uint8Array(0));
  t.deepEqual(e?.diagnostics.map((d) => d.code), ['http.tunnel', 'http.unanswered']);
});

test('a broken status line is blamed on the request it should have answered', (t) => {
  const out = http1(text('GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\nGET /3 HTTP/1.1\r\n\r\n'), text('HTTP/1.1 204 No Content\r\n\r\nBOGUS\r\n\r\n'));
  t.deepEqual(
    out.map((e) => [e.path, codes(e)]),
    [
      ['/1', []],
      ['/2', ['http.bad-start-line', 'http.unanswered']],
      ['/3', ['http.unanswered']],
    ],
  );
});

test('after a gap reading resumes at the next start line, and the cut message is marked incomplete', (t) => {
  const out: HttpExchange[] = [];
  const connection = new Http1Connection(0, 'https', (e) => out.push(e), KEEP);
  const at = (frame: number) => ({ frame, tsSec: frame, tsNsec: 0 });
  connection.push(0, text('GET /1 HTTP/1.1\r\n\r\n'), at(1));
  connection.gap(0, 2);
  connection.push(0, text('GET /3 HTTP/1.1\r\n\r\n'), at(3));
  connection.push(1, text('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nfirst part'), at(4));
  connection.gap(1, 5);
  connection.push(1, text('...rest of a lost body\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\n'), at(6));
  connection.push(1, text('gone'), at(7));
  connection.end();
  t.deepEqual(
    out.map((e) => [e.path, e.status, e.response?.complete, Buffer.from(e.response?.body ?? []).toString(), codes(e)]),
    [
      ['/1', 200, false, 'first part', ['http.gap', 'http.gap']],
      ['/3', 404, true, 'gone', []],
    ],
  );
});
