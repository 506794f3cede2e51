/**
 * onMessage, the HTTP parsers' hook for display filters: each message once, in the order it
 * completes, HTTP/1 when its body ends (RFC 9112 6), interim responses at once (RFC 9110 15.2),
 * and never for a message the connection's end cut short.
 */
import test from 'ava';
import type { HttpMessageFacts } from '../../dissect/http/exchange.js';
import { Http1Connection } from '../../dissect/http/http1.js';
import { feed, text } from './feed.js';

function factsOf(client: string, server: string): HttpMessageFacts[] {
  const facts: HttpMessageFacts[] = [];
  feed((emit) => new Http1Connection(0, 'http', emit, { keepBodies: false, maxBodyBytes: 1024, onMessage: (f) => facts.push(f) }), text(client), text(server));
  return facts;
}

test('pipelined requests and their responses are each told once, with method, raw URI, status and headers', (t) => {
  const facts = factsOf('GET /a?x=1 HTTP/1.1\r\nHost: h\r\n\r\nPOST http://h/b HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi', 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 1\r\n\r\nx');
  t.deepEqual(facts, [
    { protocol: 'http', request: { method: 'GET', uri: '/a?x=1' }, headers: [['Host', 'h']] },
    { protocol: 'http', request: { method: 'POST', uri: 'http://h/b' }, headers: [['Host', 'h'], ['Content-Length', '2']] },
    { protocol: 'http', response: { code: 200 }, headers: [['Content-Length', '0']] },
    { protocol: 'http', response: { code: 404 }, headers: [['Content-Length', '1']] },
  ]);
});

test('an interim 100 Continue is told as a response of its own before the final one', (t) => {
  const facts = factsOf('PUT /f HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n', 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n');
  t.deepEqual(
    facts.map((f) => f.response?.code ?? f.request?.method),
    ['PUT', 100, 201],
  );
});

test('a body cut short or ended only by the connection is not told (no frame shows it)', (t) => {
  const cut = factsOf('GET / HTTP/1.1\r\n\r\n', 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc');
  t.deepEqual(cut.map((f) => f.request?.method ?? f.response?.code), ['GET']);
  const closeDelimited = factsOf('GET / HTTP/1.0\r\n\r\n', 'HTTP/1.0 200 OK\r\n\r\nuntil the end');
  t.deepEqual(closeDelimited.map((f) => f.request?.method ?? f.response?.code), ['GET']);
});
