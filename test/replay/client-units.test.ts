import test from 'ava';
import { concatBytes } from '../../dissect/bytes.js';
import { decodeRequestHead } from '../../dissect/http/http1-head.js';
import type { CapturedMessage } from '../../replay/conversation.js';
import { parseHeaderRewrite, rewriteHeaders } from '../../replay/client/header-rewrites.js';
import { mapConcurrently } from '../../replay/client/concurrency.js';
import { rewriteRequests } from '../../replay/client/http1-rewrite.js';
import { requestHeaders } from '../../replay/client/http2-replay.js';
import { Pacer } from '../../replay/client/pacing.js';
import { parseTarget } from '../../replay/client/target.js';
import { repoPath } from '../helpers/shared.js';
import { capturedConversation } from './client-servers.js';

const demo = capturedConversation(repoPath('fixtures/captures/demo.pcapng'), repoPath('fixtures/captures/demo.key'), 0);
const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');
const clientMessage = (text: string, frame: number): CapturedMessage => ({ side: 'client', bytes: new Uint8Array(Buffer.from(text, 'latin1')), frame, time: { sec: 0, nsec: frame } });

test('HOST:PORT takes names, IPv4 and bracketed IPv6 with ports 1 to 65535', (t) => {
  t.deepEqual(parseTarget('127.0.0.1:8443'), { host: '127.0.0.1', port: 8443 });
  t.deepEqual(parseTarget('staging.example.com:443'), { host: 'staging.example.com', port: 443 });
  t.deepEqual(parseTarget('[::1]:443'), { host: '::1', port: 443 });
  for (const bad of ['localhost', '127.0.0.1:', ':443', 'host:0', 'host:65536', '::1:443', '[::1]443', 'http://host:80']) t.is(parseTarget(bad), undefined, bad);
});

test("--header takes 'Name: value' and replaces a field in place, dropping its other lines", (t) => {
  t.deepEqual(parseHeaderRewrite('X-Replay:  yes '), { name: 'X-Replay', value: 'yes' });
  t.is(parseHeaderRewrite('no colon'), undefined);
  t.is(parseHeaderRewrite('Bad Name: x'), undefined);
  const headers = [
    { name: 'Host', value: 'a' },
    { name: 'Accept', value: 'x' },
    { name: 'accept', value: 'y' },
  ];
  t.deepEqual(
    rewriteHeaders(headers, [
      { name: 'ACCEPT', value: '*/*' },
      { name: 'X-New', value: '1' },
    ]),
    [
      { name: 'Host', value: 'a' },
      { name: 'Accept', value: '*/*' },
      { name: 'X-New', value: '1' },
    ],
  );
});

test('without rewrites the captured messages go out byte for byte', async (t) => {
  const { messages } = await demo;
  t.deepEqual(rewriteRequests(messages, []), [...messages]);
});

test('rewrites re-serialise each request head of demo.pcapng and leave the server side alone', async (t) => {
  const { messages } = await demo;
  const rewritten = rewriteRequests(messages, [
    { name: 'Host', value: 'staging.keyhole.test' },
    { name: 'X-Replay', value: '1' },
  ]);
  t.is(rewritten.length, messages.length);
  t.deepEqual(
    rewritten.filter((m) => m.side === 'server'),
    messages.filter((m) => m.side === 'server'),
  );
  const heads = rewritten.filter((m) => m.side === 'client').map((m) => decodeRequestHead(m.bytes));
  t.deepEqual(
    heads.map((h) => (h.kind === 'ok' ? [h.value.target, h.value.headers.map((f) => `${f.name}: ${f.value}`)] : h.kind)),
    [
      ['/', ['Host: staging.keyhole.test', 'User-Agent: keyhole-fixtures/1.0', 'Accept: text/html', 'X-Replay: 1']],
      ['/api/orders?limit=2', ['Host: staging.keyhole.test', 'User-Agent: keyhole-fixtures/1.0', 'Accept: application/json', 'X-Replay: 1']],
    ],
  );
});

// RFC 9112 7.1: a chunked body with a chunk extension and a trailer field, split over records.
const CHUNKED_POST = 'POST /upload HTTP/1.1\r\nHost: example.com\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nExpires: never\r\n\r\n';
const NEXT_GET = 'GET /after HTTP/1.1\r\nHost: example.com\r\n\r\n';

test('a chunked body keeps its bytes and the request after it is rewritten too', (t) => {
  const split = CHUNKED_POST.indexOf('Wiki');
  const messages = [clientMessage(CHUNKED_POST.slice(0, split), 1), clientMessage(CHUNKED_POST.slice(split) + NEXT_GET, 2)];
  const out = latin1(concatBytes(rewriteRequests(messages, [{ name: 'Host', value: 'replay.test' }]).map((m) => m.bytes)));
  t.is(out, CHUNKED_POST.replace('example.com', 'replay.test') + NEXT_GET.replace('example.com', 'replay.test'));
});

test('every truncated prefix of a client stream is rewritten without throwing, nothing but the added field changed', (t) => {
  const stream = CHUNKED_POST + NEXT_GET;
  for (let length = 0; length <= stream.length; length++) {
    const prefix = stream.slice(0, length);
    const out = latin1(concatBytes(rewriteRequests([clientMessage(prefix, 1)], [{ name: 'X-Replay', value: '1' }]).map((m) => m.bytes)));
    // The field goes at the end of each complete head; taking it out again gives the prefix back.
    const completeHeads = (length >= CHUNKED_POST.indexOf('\r\n\r\n') + 4 ? 1 : 0) + (length === stream.length ? 1 : 0);
    t.is(out.split('X-Replay: 1\r\n').length - 1, completeHeads, `prefix of ${length}`);
    t.is(out.replaceAll('X-Replay: 1\r\n', ''), prefix, `prefix of ${length}`);
  }
});

test('original timing puts each message at its captured offset divided by the speed; fast timing at once', async (t) => {
  const { messages } = await demo;
  const [first, , third] = messages;
  if (first === undefined || third === undefined) return t.fail('demo has four messages');
  // demo.pcapng: the second request left 0.849 ms after the first.
  t.is(new Pacer('original', 1, first.time).dueAt(third.time), 0.849);
  t.is(new Pacer('original', 10, first.time).dueAt(third.time), 0.0849);
  t.is(new Pacer('fast', 10, first.time).dueAt(third.time), 0);
  t.is(new Pacer('original', 1, third.time).dueAt(first.time), 0, 'never before the start');
});

test('an HTTP/2 request is rebuilt from the captured exchange, a Host rewrite landing in :authority', async (t) => {
  const conversation = await capturedConversation(repoPath('fixtures/captures/alpn-h2.pcapng'), repoPath('fixtures/captures/alpn-h2.key'), 1);
  const post = conversation.exchanges[2];
  if (post === undefined) return t.fail('alpn-h2 stream 1 has a POST');
  t.deepEqual(requestHeaders(post, [], '127.0.0.1:9', false), {
    ':method': 'POST',
    ':path': '/api/echo',
    ':scheme': 'https',
    ':authority': 'www.keyhole.test:443',
    ...Object.fromEntries((post.request?.headers ?? []).filter((h) => !h.name.startsWith(':')).map((h) => [h.name, h.value])),
  });
  const rewritten = requestHeaders(post, [{ name: 'Host', value: 'staging.keyhole.test' }, { name: 'X-Replay', value: '1' }], '127.0.0.1:9', false);
  t.is(rewritten[':authority'], 'staging.keyhole.test');
  t.is(rewritten['x-replay'], '1');
  t.false('host' in rewritten);
});

test('the worker pool keeps at most N jobs running and returns results in item order', async (t) => {
  let running = 0;
  let most = 0;
  const results = await mapConcurrently([30, 10, 20, 5, 15], 2, async (ms) => {
    most = Math.max(most, ++running);
    await new Promise((resolve) => setTimeout(resolve, ms));
    running--;
    return ms * 2;
  });
  t.is(most, 2);
  t.deepEqual(results, [60, 20, 40, 10, 30]);
});
