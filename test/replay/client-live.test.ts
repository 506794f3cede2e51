import test from 'ava';
import { flightsOf, type CapturedConversation } from '../../replay/conversation.js';
import { replayConversation, type ReplayOptions } from '../../replay/client/replay-connection.js';
import type { Target } from '../../replay/client/target.js';
import { compareConnection } from '../../replay/compare/connection-compare.js';
import { ignoredHeaders } from '../../replay/compare/ignored-headers.js';
import { concatBytes } from '../../dissect/bytes.js';
import { repoPath, sharedDirOrSkip } from '../helpers/shared.js';
import { capturedCertificate, capturedConversation, closedPort, http1LikeCapture, http2LikeCapture, tcpServer, withServer, type TlsIdentity } from './client-servers.js';

const DEMO = repoPath('fixtures/captures/demo.pcapng');
const DEMO_KEY = repoPath('fixtures/captures/demo.key');
const H2 = repoPath('fixtures/captures/alpn-h2.pcapng');
const H2_KEY = repoPath('fixtures/captures/alpn-h2.key');

const demo = capturedConversation(DEMO, DEMO_KEY, 0);
const demoIdentity: Promise<TlsIdentity> = capturedCertificate(DEMO, 0).then((cert) => ({ key: DEMO_KEY, cert }));
const h2 = capturedConversation(H2, H2_KEY, 1);
const h2Identity: Promise<TlsIdentity> = capturedCertificate(H2, 1).then((cert) => ({ key: H2_KEY, cert }));

const loopback = (port: number): Target => ({ host: '127.0.0.1', port });

function options(port: number, overrides: Partial<ReplayOptions> = {}): ReplayOptions {
  return { target: loopback(port), plain: false, insecure: true, timing: 'fast', speed: 1, limits: { settleMs: 100, timeoutMs: 3000 }, rewrites: [], ...overrides };
}

const compare = (conversation: CapturedConversation, outcome: Awaited<ReturnType<typeof replayConversation>>, extra: string[] = []) =>
  compareConnection(conversation, outcome, { ignoredHeaders: ignoredHeaders(extra) });

test("demo.pcapng replayed to an HTTPS server that answers like the captured one matches every exchange, the certificate checked against the capture's", async (t) => {
  const [conversation, identity] = await Promise.all([demo, demoIdentity]);
  await withServer(await http1LikeCapture(conversation, identity), async (server) => {
    // The captured SNI (demo.keyhole.test) is what the captured certificate names.
    const outcome = await replayConversation(conversation, options(server.port, { insecure: false, ca: identity.cert }));
    t.is(outcome.error, undefined);
    t.is(outcome.alpn, 'http/1.1');
    t.deepEqual(server.seen, ['GET /', 'GET /api/orders?limit=2']);
    t.like(outcome, { protocol: 'http1', sentMessages: 2, sentBytes: 217 });
    t.like(compare(conversation, outcome), { kind: 'http', matched: true });
  });
});

test('a changed response body is reported as a difference of that exchange only, with a diff', async (t) => {
  const [conversation, identity] = await Promise.all([demo, demoIdentity]);
  const tamper = (path: string, answer: { status: number; headers: ReadonlyArray<readonly [string, string]>; body: Uint8Array }) => {
    if (path !== '/api/orders?limit=2') return answer;
    const body = new TextEncoder().encode(new TextDecoder().decode(answer.body).replace('lock pick set', 'lock pick kit'));
    return { ...answer, body, headers: answer.headers.map(([n, v]) => [n, n.toLowerCase() === 'content-length' ? String(body.length) : v] as const) };
  };
  await withServer(await http1LikeCapture(conversation, identity, tamper), async (server) => {
    const comparison = compare(conversation, await replayConversation(conversation, options(server.port)));
    if (comparison.kind !== 'http') return t.fail('demo is HTTP');
    t.false(comparison.matched);
    t.deepEqual(comparison.exchanges[0]?.differences, []);
    t.deepEqual(comparison.exchanges[1]?.differences, [{ aspect: 'body', captured: '107 bytes', live: '107 bytes' }]);
    t.true(comparison.exchanges[1]?.diff.some((line) => line.startsWith('+') && line.includes('lock pick kit')));
  });
});

test('header rewrites reach the server: Host replaced, a new field added', async (t) => {
  const [conversation, identity] = await Promise.all([demo, demoIdentity]);
  await withServer(await http1LikeCapture(conversation, identity), async (server) => {
    const rewrites = [
      { name: 'Host', value: 'staging.keyhole.test' },
      { name: 'X-Replay', value: 'keyhole' },
    ];
    const outcome = await replayConversation(conversation, options(server.port, { rewrites }));
    t.is(outcome.error, undefined);
    t.deepEqual(
      server.headers.map((h) => [h.host, h['x-replay'], h['user-agent']]),
      [
        ['staging.keyhole.test', 'keyhole', 'keyhole-fixtures/1.0'],
        ['staging.keyhole.test', 'keyhole', 'keyhole-fixtures/1.0'],
      ],
    );
  });
});

test('a server that closes the connection at the first request gives a one-line error', async (t) => {
  const [conversation, identity] = await Promise.all([demo, demoIdentity]);
  const server = await http1LikeCapture(conversation, identity, () => 'close');
  await withServer(server, async () => {
    const outcome = await replayConversation(conversation, options(server.port));
    t.regex(outcome.error ?? '', /^127\.0\.0\.1:\d+: the server closed the connection after 1 of 2 client messages/);
    t.false(outcome.error?.includes('\n'));
  });
});

test('a port nobody listens on is a connection refused error, not an exception', async (t) => {
  const conversation = await demo;
  const port = await closedPort();
  const outcome = await replayConversation(conversation, options(port));
  t.is(outcome.error, `127.0.0.1:${port}: connection refused (nothing listening there?)`);
  t.is(outcome.sentMessages, 0);
});

test('an untrusted certificate is refused unless --insecure, with the remedy in the message', async (t) => {
  const [conversation, identity] = await Promise.all([demo, demoIdentity]);
  await withServer(await http1LikeCapture(conversation, identity), async (server) => {
    const outcome = await replayConversation(conversation, options(server.port, { insecure: false }));
    t.regex(outcome.error ?? '', /certificate not trusted .*--ca FILE or --insecure/);
  });
});

test('the RSA stream of alpn-h2.pcapng replayed over HTTP/2 matches all three exchanges, POST body included', async (t) => {
  const [conversation, identity] = await Promise.all([h2, h2Identity]);
  await withServer(await http2LikeCapture(conversation, identity), async (server) => {
    const outcome = await replayConversation(conversation, options(server.port, { insecure: false, ca: identity.cert }));
    t.is(outcome.error, undefined);
    t.like(outcome, { protocol: 'http2', alpn: 'h2', sentMessages: 3 });
    t.deepEqual(server.seen, ['GET /', 'GET /api/items', 'POST /api/echo']);
    t.is(server.headers[2]?.[':authority'], 'www.keyhole.test:443');
    t.is(server.bodies[2], new TextDecoder().decode(conversation.exchanges[2]?.request?.body ?? new Uint8Array(0)));
    t.not(server.bodies[2], '');
    t.like(compare(conversation, outcome), { kind: 'http', matched: true });
  });
});

test('an HTTP/2 server that answers one request with another status is reported on that exchange', async (t) => {
  const [conversation, identity] = await Promise.all([h2, h2Identity]);
  await withServer(await http2LikeCapture(conversation, identity, (path, answer) => (path === '/api/items' ? { ...answer, status: 503 } : answer)), async (server) => {
    const comparison = compare(conversation, await replayConversation(conversation, options(server.port)));
    if (comparison.kind !== 'http') return t.fail('alpn-h2 is HTTP');
    t.deepEqual(
      comparison.exchanges.map((e) => e.differences.map((d) => d.aspect)),
      [[], ['status'], []],
    );
  });
});

/** An SMTP-like server: the captured greeting, then the next captured server flight after each client line. */
function smtpLike(conversation: CapturedConversation, change: (reply: string) => string) {
  const replies = flightsOf(conversation.messages)
    .filter((f) => f.side === 'server')
    .map((f) => change(Buffer.from(concatBytes(f.messages.map((m) => m.bytes))).toString('latin1')));
  return tcpServer((socket) => {
    let next = 0;
    socket.write(replies[next++] ?? '');
    socket.on('data', (data: Buffer) => {
      for (const _ of data.toString('latin1').matchAll(/\n/g)) if (next < replies.length) socket.write(replies[next++] ?? '');
    });
  });
}

test('--plain replays the SMTP dialogue before STARTTLS to a plain TCP server, waiting for its greeting and replies', async (t) => {
  const dir = sharedDirOrSkip(t);
  if (dir === undefined) return;
  const conversation = await capturedConversation(`${dir}/extra/starttls-smtp.pcapng`, DEMO_KEY, 0);
  await withServer(await smtpLike(conversation, (reply) => reply), async (server) => {
    const outcome = await replayConversation(conversation, options(server.port, { plain: true }));
    t.is(outcome.error, undefined);
    t.like(outcome, { protocol: 'bytes', sentMessages: 2 });
    t.deepEqual(
      outcome.transcript.map((c) => c.side),
      ['server', 'client', 'server', 'client', 'server'],
    );
    t.like(compare(conversation, outcome), { kind: 'bytes', matched: true, capturedBytes: 198, liveBytes: 198 });
  });
  await withServer(await smtpLike(conversation, (reply) => reply.replace('250-PIPELINING\r\n', '')), async (server) => {
    const comparison = compare(conversation, await replayConversation(conversation, options(server.port, { plain: true })));
    if (comparison.kind !== 'bytes') return t.fail('SMTP is compared as bytes');
    t.false(comparison.matched);
    t.true(comparison.diff.includes('-250-PIPELINING'), comparison.diff.join('\n'));
  });
});

test('--timing original --speed 10 spreads the requests of rsasnakeoil2.pcap over a tenth of their captured span', async (t) => {
  const dir = sharedDirOrSkip(t);
  if (dir === undefined) return;
  const conversation = await capturedConversation(`${dir}/rsasnakeoil2.pcap`, `${dir}/rsasnakeoil2.key`, 0);
  const clients = conversation.messages.filter((m) => m.side === 'client');
  const [first, last] = [clients[0], clients[clients.length - 1]];
  if (first === undefined || last === undefined) return t.fail('stream 0 has requests');
  const spanMs = (last.time.sec - first.time.sec) * 1000 + (last.time.nsec - first.time.nsec) / 1e6;
  t.true(spanMs > 9000, 'the six requests span about 9.5 s');
  await withServer(await http1LikeCapture(conversation, undefined), async (server) => {
    const outcome = await replayConversation(conversation, options(server.port, { plain: true, timing: 'original', speed: 10, limits: { settleMs: 50, timeoutMs: 3000 } }));
    t.is(outcome.error, undefined);
    t.is(server.seen.length, 6);
    t.true(outcome.elapsedMs >= spanMs / 10, `${outcome.elapsedMs} ms for a captured span of ${spanMs} ms`);
    t.true(outcome.elapsedMs < spanMs / 2, 'and well under the unscaled span');
  });
});

test('an HTTP/2 capture replayed to a server without HTTP/2 fails on ALPN with the remedy, sending no frames', async (t) => {
  const [conversation, identity, demoConversation] = await Promise.all([h2, demoIdentity, demo]);
  await withServer(await http1LikeCapture(demoConversation, identity), async (server) => {
    const outcome = await replayConversation(conversation, options(server.port));
    t.is(outcome.error, `127.0.0.1:${server.port}: the server accepts none of the offered ALPN protocols (RFC 7301 alert 120); --alpn offers others`);
    t.deepEqual(server.seen, []);
    // Told to offer http/1.1 instead, the server agrees to it, and HTTP/2 replay refuses to go on without h2.
    const forced = await replayConversation(conversation, options(server.port, { alpn: ['http/1.1'] }));
    t.is(forced.error, `127.0.0.1:${server.port}: the server did not agree to HTTP/2 by ALPN (it chose http/1.1); HTTP/2 replay needs it`);
  });
});

test('a TLS replay to a plaintext server says it did not answer in TLS and points at --plain', async (t) => {
  const conversation = await demo;
  await withServer(await http1LikeCapture(conversation, undefined), async (server) => {
    const outcome = await replayConversation(conversation, options(server.port));
    t.is(outcome.error, `127.0.0.1:${server.port}: the server did not answer in TLS (a plaintext server? --plain replays without TLS)`);
  });
});
