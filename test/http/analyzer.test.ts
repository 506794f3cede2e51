import test from 'ava';
import { HttpAnalyzer } from '../../dissect/http/analyzer.js';
import type { HttpExchange } from '../../dissect/http/exchange.js';
import { endpoint, TcpConnection } from '../../dissect/tcp/connection.js';
import type { Direction } from '../../dissect/tcp/half-stream.js';
import { RecentBytesBudget } from '../../dissect/tcp/recent-bytes.js';
import { TcpTlsSession } from '../../dissect/tls/session.js';
import { text } from './feed.js';

/** A plaintext connection through the real TLS session (which finds it is not TLS) into the analyzer. */
function plaintextConnection(analyzer: HttpAnalyzer): { connection: TcpConnection; send: (direction: Direction, offset: number, data: string, frame: number) => void } {
  const connection = new TcpConnection(3, endpoint(Uint8Array.of(192, 0, 2, 1), 50000), endpoint(Uint8Array.of(192, 0, 2, 2), 80), Uint8Array.of(192, 0, 2, 1), Uint8Array.of(192, 0, 2, 2), 1, { sec: 0, nsec: 0 }, false, {
    maxHeldBytes: 1 << 20,
    recentBudget: new RecentBytesBudget(1 << 20),
  });
  const session = new TcpTlsSession(connection, analyzer);
  return {
    connection,
    send: (direction, offset, data, frame) => session.data({ direction, data: text(data), offset, frame, frameOffset: 54, tsSec: frame, tsNsec: 0 }),
  };
}

test('plaintext HTTP goes through the analyzer with scheme http and the frames it came in', (t) => {
  const out: HttpExchange[] = [];
  const analyzer = new HttpAnalyzer((e) => out.push(e));
  const { connection, send } = plaintextConnection(analyzer);
  send(0, 0, 'GET /plain HTTP/1.1\r\nHost: example.org\r\n\r\n', 4);
  send(1, 0, 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n', 6);
  send(1, 38, 'ok', 7);
  analyzer.finished(connection);
  t.deepEqual(
    out.map((e) => [e.stream, e.scheme, e.host, e.path, e.status, e.request?.firstFrame, e.response?.firstFrame, e.response?.lastFrame, e.response?.size]),
    [[3, 'http', 'example.org', '/plain', 200, 4, 6, 7, 2]],
  );
});

test('a jump in stream offsets inside a plaintext body cuts that message short and reading resumes at the next status line', (t) => {
  const out: HttpExchange[] = [];
  const analyzer = new HttpAnalyzer((e) => out.push(e));
  const { connection, send } = plaintextConnection(analyzer);
  send(0, 0, 'GET / HTTP/1.1\r\n\r\n', 4);
  send(1, 0, 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc', 6);
  send(1, 46, 'HTTP/1.1 200 OK\r\n\r\n', 8);
  analyzer.finished(connection);
  t.deepEqual(
    out.map((e) => [e.response?.size, e.response?.complete, e.diagnostics.map((d) => [d.code, d.frame])]),
    [
      [3, false, [['http.gap', 8]]],
      [0, true, [['http.unrequested', 8]]],
    ],
  );
});
