import test from 'ava';
import { concatBytes } from '../../dissect/bytes.js';
import { HttpConnection } from '../../dissect/http/connection.js';
import type { HttpExchange } from '../../dissect/http/exchange.js';
import { CLIENT_PREFACE } from '../../dissect/http/http2-frames.js';
import { Random } from '../helpers/random.js';
import { ORIGINS, pieces, text } from './feed.js';

const OPTIONS = { keepBodies: false, maxBodyBytes: 1 << 20 };

function run(alpn: string | undefined, chunks: ReadonlyArray<readonly [0 | 1, Uint8Array]>): { connection: HttpConnection; out: HttpExchange[] } {
  const out: HttpExchange[] = [];
  const connection = new HttpConnection(0, 'http', alpn, (e) => out.push(e), OPTIONS);
  for (const [direction, bytes] of chunks) for (const piece of pieces(bytes, new Random(11), 3)) connection.push(direction, piece, ORIGINS[direction]);
  connection.end();
  return { connection, out };
}

const H2_SETTINGS = Uint8Array.of(0, 0, 0, 4, 0, 0, 0, 0, 0);

test('ALPN decides before any byte is seen', (t) => {
  t.is(run('h2', []).connection.protocol, 'HTTP/2');
  t.is(run('http/1.1', []).connection.protocol, 'HTTP/1');
  t.is(run(undefined, []).connection.protocol, 'undecided');
});

test('without ALPN the client preface or a request line decides, even when the server speaks first', (t) => {
  const h2 = run(undefined, [
    [1, H2_SETTINGS],
    [0, concatBytes([CLIENT_PREFACE, H2_SETTINGS])],
  ]);
  t.is(h2.connection.protocol, 'HTTP/2');
  t.deepEqual(h2.connection.diagnostics, []);
  const h1 = run(undefined, [
    [0, text('GET /plain HTTP/1.1\r\nHost: h\r\n\r\n')],
    [1, text('HTTP/1.1 204 No Content\r\n\r\n')],
  ]);
  t.is(h1.connection.protocol, 'HTTP/1');
  t.deepEqual(h1.out.map((e) => [e.scheme, e.path, e.status]), [['http', '/plain', 204]]);
});

test('other protocols are left alone: SMTP before STARTTLS, binary', (t) => {
  const smtp = run(undefined, [
    [1, text('220 mail.example.com ESMTP\r\n')],
    [0, text('EHLO client.example.com\r\n')],
  ]);
  t.is(smtp.connection.protocol, 'not HTTP');
  t.deepEqual(smtp.out, []);
  t.is(run(undefined, [[0, Uint8Array.of(0x16, 0x03, 0x01, 0x00)]]).connection.protocol, 'not HTTP');
});
