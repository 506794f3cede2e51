import test from 'ava';
import type { HttpHeader } from '../../dissect/http/headers.js';
import type { ReplayOutcome, TranscriptChunk } from '../../replay/client/transcript.js';
import { compareConnection } from '../../replay/compare/connection-compare.js';
import { compareResponses, capturedResponse, comparedHeaders } from '../../replay/compare/http-compare.js';
import { ignoredHeaders } from '../../replay/compare/ignored-headers.js';
import type { ResponseView } from '../../replay/compare/render.js';
import { repoPath } from '../helpers/shared.js';
import { capturedConversation } from './client-servers.js';

const demo = capturedConversation(repoPath('fixtures/captures/demo.pcapng'), repoPath('fixtures/captures/demo.key'), 0);
const defaults = ignoredHeaders([]);

async function ordersResponse(): Promise<ResponseView> {
  const exchange = (await demo).exchanges[1];
  const response = exchange === undefined ? null : capturedResponse(exchange);
  if (response === null) throw new Error('demo.pcapng has no second response');
  return response;
}

const withHeaders = (response: ResponseView, headers: readonly HttpHeader[]): ResponseView => ({ ...response, headers });
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function outcomeOf(protocol: ReplayOutcome['protocol'], transcript: readonly TranscriptChunk[]): ReplayOutcome {
  const received = transcript.filter((c) => c.side === 'server').reduce((n, c) => n + c.bytes.length, 0);
  return { stream: 0, protocol, sentMessages: 0, sentBytes: 0, receivedBytes: received, transcript, responses: [], alpn: undefined, elapsedMs: 0, error: undefined };
}

test('a captured response matches itself', async (t) => {
  const orders = await ordersResponse();
  t.deepEqual(compareResponses(orders, orders, defaults), []);
});

test('Date, Connection and Keep-Alive differences are ignored by default; other header changes are not', async (t) => {
  const orders = await ordersResponse();
  const live = withHeaders(orders, [
    ...orders.headers.map((h) => (h.name === 'Date' ? { name: 'date', value: 'Mon, 02 Jun 2025 08:00:00 GMT' } : h)),
    { name: 'Connection', value: 'keep-alive' },
    { name: 'Keep-Alive', value: 'timeout=5' },
  ]);
  t.deepEqual(compareResponses(orders, live, defaults), []);
  const relabelled = withHeaders(orders, orders.headers.map((h) => (h.name === 'Server' ? { name: 'Server', value: 'nginx' } : h)));
  t.deepEqual(compareResponses(orders, relabelled, defaults), [{ aspect: 'header', name: 'server', captured: 'keyhole-fixtures/1.0', live: 'nginx' }]);
  t.deepEqual(compareResponses(orders, relabelled, ignoredHeaders(['Server'])), []);
});

test('Set-Cookie is compared by cookie name, not value', async (t) => {
  const orders = await ordersResponse();
  const cookie = (value: string): ResponseView => withHeaders(orders, [...orders.headers, { name: 'Set-Cookie', value }]);
  t.deepEqual(compareResponses(cookie('sid=abc; Path=/'), cookie('sid=xyz; Path=/; HttpOnly'), defaults), []);
  t.is(compareResponses(cookie('sid=abc'), cookie('session=abc'), defaults)[0]?.name, 'set-cookie');
});

test('a changed status and body are both reported, and the diff shows the changed lines', async (t) => {
  const demoConversation = await demo;
  const orders = await ordersResponse();
  const body = new TextDecoder().decode(orders.body ?? new Uint8Array(0)).replace('"qty":1', '"qty":7');
  const live = { ...orders, status: 500, body: utf8(body) };
  const differences = compareResponses(orders, live, defaults);
  t.deepEqual(
    differences.map((d) => d.aspect),
    ['status', 'body'],
  );
  const comparison = compareConnection(
    demoConversation,
    outcomeOf('http1', [
      ...demoConversation.messages.slice(0, 3).map((m) => ({ side: m.side, bytes: m.bytes })),
      { side: 'server', bytes: utf8(`HTTP/1.1 500 Oops\r\nServer: keyhole-fixtures/1.0\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`) },
    ]),
    { ignoredHeaders: defaults },
  );
  if (comparison.kind !== 'http') return t.fail('demo is HTTP');
  t.false(comparison.matched);
  t.deepEqual(comparison.exchanges[0]?.differences, []);
  const diff = comparison.exchanges[1]?.diff ?? [];
  t.true(diff.includes('-status 200') && diff.includes('+status 500'), diff.join('\n'));
  t.true(diff.some((line) => line.startsWith('+') && line.includes('"qty":7')), diff.join('\n'));
  t.is(diff[0], '--- captured exchange 1 GET /api/orders?limit=2');
});

test("the capture's own bytes, read back as a live HTTP/1 transcript, match every exchange", async (t) => {
  const conversation = await demo;
  const comparison = compareConnection(conversation, outcomeOf('http1', conversation.messages), { ignoredHeaders: defaults });
  t.like(comparison, { kind: 'http', matched: true });
  if (comparison.kind === 'http') t.is(comparison.exchanges.length, 2);
});

test('a response that never came is a response difference', async (t) => {
  const conversation = await demo;
  const comparison = compareConnection(conversation, outcomeOf('http1', conversation.messages.slice(0, 3)), { ignoredHeaders: defaults });
  if (comparison.kind !== 'http') return t.fail('demo is HTTP');
  t.deepEqual(comparison.exchanges[1]?.differences, [{ aspect: 'response', captured: 'status 200', live: '(no response)' }]);
});

test('a byte comparison matches the same bytes cut differently and diffs changed ones as text', async (t) => {
  const conversation = await demo;
  const server = conversation.messages.filter((m) => m.side === 'server');
  const whole = new Uint8Array(Buffer.concat(server.map((m) => m.bytes)));
  t.like(compareConnection(conversation, outcomeOf('bytes', [{ side: 'server', bytes: whole.subarray(0, 10) }, { side: 'server', bytes: whole.subarray(10) }]), { ignoredHeaders: defaults }), {
    kind: 'bytes',
    matched: true,
  });
  const changed = utf8(new TextDecoder().decode(whole).replace('lock pick set', 'lock pick kit'));
  const comparison = compareConnection(conversation, outcomeOf('bytes', [{ side: 'server', bytes: changed }]), { ignoredHeaders: defaults });
  if (comparison.kind !== 'bytes') return t.fail('asked for bytes');
  t.false(comparison.matched);
  t.true(comparison.diff.some((line) => line.startsWith('+') && line.includes('lock pick kit')));
});

test('compared headers leave out pseudo-headers and ignored names, lower-case and sort the rest', (t) => {
  const headers = [
    { name: ':status', value: '200' },
    { name: 'X-B', value: '2' },
    { name: 'Date', value: 'now' },
    { name: 'x-a', value: '1' },
  ];
  t.deepEqual(comparedHeaders(headers, defaults), [
    { name: 'x-a', value: '1' },
    { name: 'x-b', value: '2' },
  ]);
});
