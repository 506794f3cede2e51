import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { gunzipSync, gzipSync } from 'node:zlib';
import test from 'ava';
import { concatBytes, equalBytes } from '../../dissect/bytes.js';
import { DecryptionContext } from '../../dissect/decrypt/context.js';
import type { HttpExchange } from '../../dissect/http/exchange.js';
import { exchanges, type Application } from '../../fixtures/generator/applications.js';
import { httpRequest, httpResponse, utf8 } from '../../fixtures/generator/http-messages.js';
import { runScenario } from '../../fixtures/generator/scenario.js';
import { loadConversations, type CapturedConversation } from '../../replay/conversation.js';
import { selfSignedIdentity } from '../../replay/mock/certificate.js';
import type { MissPolicy, MockEvent } from '../../replay/mock/events.js';
import { startMockServer, type MockServer } from '../../replay/mock/server.js';
import { fixturePath } from '../helpers/fixtures.js';

interface Reply {
  readonly status: number;
  readonly rawHeaders: readonly string[];
  readonly body: Uint8Array;
  readonly trailers: Readonly<Record<string, string | undefined>>;
}

async function load(capture: string, secrets: { keys?: string[]; keylogs?: string[] }, select?: (stream: number) => boolean): Promise<CapturedConversation[]> {
  const decryption = await DecryptionContext.create({ keys: secrets.keys ?? [], keylogs: secrets.keylogs ?? [], psks: [] });
  return [...(await loadConversations(capture, { decryption, ...(select === undefined ? {} : { select }) })).conversations];
}

/** A mock over TLS with a fresh certificate, recording its events; closed when the test ends. */
async function serve(t: { teardown: (fn: () => Promise<void>) => void }, conversations: readonly CapturedConversation[], options: { miss?: MissPolicy; plain?: boolean } = {}): Promise<{ server: MockServer; events: MockEvent[] }> {
  const events: MockEvent[] = [];
  const server = await startMockServer(conversations, {
    port: 0,
    onEvent: (e) => events.push(e),
    ...(options.miss === undefined ? {} : { miss: options.miss }),
    ...(options.plain === true ? {} : { identity: selfSignedIdentity(conversations.flatMap((c) => (c.sni === undefined ? [] : [c.sni]))) }),
  });
  t.teardown(() => server.close());
  return { server, events };
}

function request(url: string, options: { method?: string; body?: Uint8Array; headers?: Record<string, string> } = {}): Promise<Reply> {
  const client = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: options.method ?? 'GET', rejectUnauthorized: false, agent: false, headers: options.headers ?? {} }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, rawHeaders: res.rawHeaders, body: concatBytes(parts), trailers: res.trailers }));
    });
    req.on('error', reject);
    req.end(options.body === undefined ? undefined : Buffer.from(options.body));
  });
}

function h2Request(session: http2.ClientHttp2Session, method: string, path: string, body?: Uint8Array): Promise<{ headers: http2.IncomingHttpHeaders; body: Uint8Array }> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ':method': method, ':path': path });
    let headers: http2.IncomingHttpHeaders = {};
    const parts: Buffer[] = [];
    stream.on('response', (h) => (headers = h));
    stream.on('data', (d: Buffer) => parts.push(d));
    stream.on('end', () => resolve({ headers, body: concatBytes(parts) }));
    stream.on('error', reject);
    // node ends a GET's stream itself.
    if (stream.writable) stream.end(body === undefined ? undefined : Buffer.from(body));
  });
}

/** A client session torn down before the server is. */
function h2Session(t: { teardown: (fn: () => void) => void }, url: string, options: http2.SecureClientSessionOptions = {}): http2.ClientHttp2Session {
  const session = http2.connect(url, options);
  session.on('error', () => undefined);
  t.teardown(() => session.destroy());
  return session;
}

const flatHeaders = (exchange: HttpExchange): string[] => (exchange.response?.headers ?? []).flatMap((h) => [h.name, h.value]);
const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

test('node:https gets the demo capture\'s responses: status, the captured header lines in order, and the body byte for byte', async (t) => {
  const conversations = await load(fixturePath('demo.pcapng'), { keys: [fixturePath('demo.key')] });
  const { server, events } = await serve(t, conversations);
  t.is(server.alpn.join(','), 'http/1.1');
  const captured = conversations[0]?.exchanges ?? [];
  t.deepEqual(captured.map((e) => e.path), ['/', '/api/orders?limit=2']);
  for (const exchange of captured) {
    const reply = await request(`${server.url}${exchange.path ?? ''}`);
    t.is(reply.status, exchange.status ?? 0);
    const kept = flatHeaders(exchange);
    t.deepEqual(reply.rawHeaders.slice(0, kept.length), kept);
    t.true(equalBytes(reply.body, exchange.response?.body ?? new Uint8Array(1)));
  }
  t.deepEqual(
    events.map((e) => (e.kind === 'answer' ? [e.target, e.stream, e.exchange, e.frame, e.level] : [e.kind])),
    captured.map((e, index) => [e.path, 0, index, e.response?.firstFrame, 'exact']),
  );
});

test('a TLS client sending the captured request bytes reads back the captured server bytes, plus only the keep-alive lines node adds', async (t) => {
  const conversations = await load(fixturePath('demo.pcapng'), { keys: [fixturePath('demo.key')] });
  const { server } = await serve(t, conversations);
  const messages = conversations[0]?.messages ?? [];
  const side = (which: 'client' | 'server'): string => text(concatBytes(messages.filter((m) => m.side === which).map((m) => m.bytes)));
  const expected = side('server').replaceAll('\r\n\r\n', '\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n');
  const received = await new Promise<string>((resolve, reject) => {
    const socket = tls.connect({ host: server.host, port: server.port, rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] }, () => socket.write(side('client')));
    let got = '';
    socket.setEncoding('latin1').on('data', (d: string) => {
      got += d;
      if (got.length >= expected.length) socket.end(() => resolve(got));
    });
    socket.on('error', reject);
  });
  t.is(received, expected);
});

test('node:http2 gets the HTTP/2 capture\'s responses over ALPN h2 (alpn-h2.pcapng stream 1 with its RSA key)', async (t) => {
  const conversations = await load(fixturePath('alpn-h2.pcapng'), { keys: [fixturePath('alpn-h2.key')] }, (s) => s === 1);
  const { server, events } = await serve(t, conversations);
  t.deepEqual(server.alpn, ['h2', 'http/1.1']);
  const session = h2Session(t, server.url, { rejectUnauthorized: false });
  const captured = conversations[0]?.exchanges ?? [];
  t.is(captured.length, 3);
  for (const exchange of captured) {
    const reply = await h2Request(session, exchange.method ?? 'GET', exchange.path ?? '/', exchange.request?.body ?? undefined);
    t.is(Number(reply.headers[':status']), exchange.status ?? 0);
    const captured = (exchange.response?.headers ?? []).filter((h) => !h.name.startsWith(':'));
    for (const h of captured) t.is(reply.headers[h.name], h.value);
    t.deepEqual(Object.keys(reply.headers).sort(), [':status', ...captured.map((h) => h.name)].sort());
    t.true(equalBytes(reply.body, exchange.response?.body ?? new Uint8Array(1)));
  }
  t.deepEqual(
    events.map((e) => (e.kind === 'answer' ? `${e.protocol} ${e.method} ${e.target} ${e.status} ${e.stream}/${e.exchange}` : e.kind)),
    ['HTTP/2 GET / 200 1/0', 'HTTP/2 GET /api/items 200 1/1', 'HTTP/2 POST /api/echo 201 1/2'],
  );
});

test('with the key log both HTTP/2 connections load, and a request made in both is answered in captured order, then the last repeats', async (t) => {
  const conversations = await load(fixturePath('alpn-h2.pcapng'), { keylogs: [fixturePath('alpn-h2.keys')] });
  t.is(conversations.length, 2);
  const { server, events } = await serve(t, conversations);
  const session = h2Session(t, server.url, { rejectUnauthorized: false });
  for (let i = 0; i < 3; i++) t.is(Number((await h2Request(session, 'GET', '/api/items')).headers[':status']), 200);
  t.deepEqual(
    events.map((e) => (e.kind === 'answer' ? e.stream : -1)),
    [0, 1, 1],
  );
});

/** A capture made for these tests: HTTP/1.1 with repeats, bodies, gzip and chunked answers; a line protocol; both over TLS 1.2 RSA. */
const HOST = 'mock.keyhole.test';
const COUNTER = '/counter';
const GZIPPED = utf8('a gzip-coded page\n'.repeat(20));
const CHUNKED_RESPONSE = utf8('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\nX-Sum: 42\r\n\r\n');

const plainResponse = (body: string, extra: Record<string, string> = {}): Uint8Array => httpResponse({ status: 200, reason: 'OK', contentType: 'text/plain', body: utf8(body), headers: extra });

const dir = mkdtempSync(path.join(tmpdir(), 'keyhole-mock-'));
/** A protocol where the server speaks first (an SMTP-like banner), then answers the client's one line. */
const bannerFirst: Application = async ({ client, server }) => {
  server.on('end', () => server.end());
  server.once('data', () => server.write(utf8('221 bye\r\n')));
  server.write(utf8('220 mock ready\r\n'));
  await once(client, 'data');
  client.write(utf8('QUIT\r\n'));
  await once(client, 'data');
  client.end();
};

let generated: Promise<{ capture: string; key: string }> | undefined;

/** Made once for the tests that share it (they run concurrently). */
function generatedCapture(): Promise<{ capture: string; key: string }> {
  generated ??= generate();
  return generated;
}

async function generate(): Promise<{ capture: string; key: string }> {
  const gzipped = gzipSync(GZIPPED);
  const result = await runScenario(
    {
      name: 'mock',
      description: 'mock server tests',
      captureFiles: ['mock.pcapng'],
      serverName: HOST,
      keyBits: 1024,
      seed: 'mock-server-test',
      connections: [
        {
          version: '1.2',
          cipher: 'AES128-GCM-SHA256',
          alpn: ['http/1.1'],
          application: exchanges([
            { request: httpRequest({ path: COUNTER, host: HOST }), response: plainResponse('1\n') },
            { request: httpRequest({ path: COUNTER, host: HOST }), response: plainResponse('2\n') },
            { request: httpRequest({ method: 'POST', path: '/echo', host: HOST, body: utf8('a') }), response: plainResponse('A\n') },
            { request: httpRequest({ method: 'POST', path: '/echo', host: HOST, body: utf8('b') }), response: plainResponse('B\n') },
            {
              request: httpRequest({ path: '/page.gz', host: HOST }),
              response: httpResponse({ status: 200, reason: 'OK', contentType: 'text/plain', body: new Uint8Array(gzipped), headers: { 'Content-Encoding': 'gzip' } }),
            },
            { request: httpRequest({ path: '/chunked', host: HOST }), response: CHUNKED_RESPONSE },
          ]),
        },
        {
          version: '1.2',
          cipher: 'AES128-GCM-SHA256',
          application: exchanges([
            { request: utf8('HELLO mock\r\n'), response: utf8('+OK ready\r\n') },
            { request: utf8('QUIT\r\n'), response: utf8('+OK bye\r\n') },
          ]),
        },
        { version: '1.2', cipher: 'AES128-GCM-SHA256', application: bannerFirst },
      ],
    },
    dir,
  );
  return { capture: result.capturePaths[0] ?? '', key: result.serverKeyPath };
}

test.after.always(() => rmSync(dir, { recursive: true, force: true }));

async function generatedConversations(select?: (stream: number) => boolean): Promise<CapturedConversation[]> {
  const { capture, key } = await generatedCapture();
  return load(capture, { keys: [key] }, select);
}

test('a request made twice in the capture is answered in captured order, then the last answer repeats', async (t) => {
  const { server, events } = await serve(t, await generatedConversations((s) => s === 0));
  const bodies: string[] = [];
  for (let i = 0; i < 3; i++) bodies.push(text((await request(`${server.url}${COUNTER}`)).body));
  t.deepEqual(bodies, ['1\n', '2\n', '2\n']);
  t.deepEqual(
    events.map((e) => (e.kind === 'answer' ? e.exchange : -1)),
    [0, 1, 1],
  );
});

test('a request body picks the captured exchange with the same body; another body falls back to the first of that method and target', async (t) => {
  const { server, events } = await serve(t, await generatedConversations((s) => s === 0));
  const post = async (body: string): Promise<string> => text((await request(`${server.url}/echo`, { method: 'POST', body: utf8(body), headers: { 'Content-Type': 'text/plain' } })).body);
  t.is(await post('b'), 'B\n');
  t.is(await post('a'), 'A\n');
  t.is(await post('c'), 'A\n');
  t.deepEqual(
    events.map((e) => (e.kind === 'answer' ? e.level : e.kind)),
    ['exact', 'exact', 'method-path-query'],
  );
});

test('fallbacks: another query answers by method and path, another method by path alone', async (t) => {
  const conversations = await load(fixturePath('demo.pcapng'), { keys: [fixturePath('demo.key')] });
  const { server, events } = await serve(t, conversations);
  t.is((await request(`${server.url}/api/orders?limit=99`)).status, 200);
  t.is((await request(`${server.url}/?page=2`, { method: 'DELETE' })).status, 200);
  t.deepEqual(
    events.map((e) => (e.kind === 'answer' ? `${e.level} ${e.exchange}` : e.kind)),
    ['method-path 1', 'path 0'],
  );
});

for (const policy of ['404', '502'] as const) {
  test(`a miss with --miss ${policy} gets a ${policy} that names the request`, async (t) => {
    const conversations = await load(fixturePath('demo.pcapng'), { keys: [fixturePath('demo.key')] });
    const { server, events } = await serve(t, conversations, { miss: policy });
    const reply = await request(`${server.url}/nowhere?x=1`);
    t.is(reply.status, Number(policy));
    t.is(text(reply.body), 'keyhole mock: no captured exchange answers GET /nowhere?x=1\n');
    t.like(events[0], { kind: 'miss', method: 'GET', target: '/nowhere?x=1', policy });
  });
}

test('a miss with --miss close closes the connection without an answer', async (t) => {
  const conversations = await load(fixturePath('demo.pcapng'), { keys: [fixturePath('demo.key')] });
  const { server, events } = await serve(t, conversations, { miss: 'close' });
  const error = await t.throwsAsync(request(`${server.url}/nowhere`));
  t.regex(error?.message ?? '', /socket hang up|ECONNRESET/);
  t.like(events[0], { kind: 'miss', policy: 'close' });
});

test('a gzip-coded response is sent as the captured gzip bytes, byte for byte', async (t) => {
  const conversations = await generatedConversations((s) => s === 0);
  const captured = conversations.flatMap((c) => c.exchanges).find((e) => e.path === '/page.gz')?.response?.wireBody;
  if (captured === undefined || captured === null) return t.fail('the capture kept the coded body');
  const { server, events } = await serve(t, conversations);
  const reply = await request(`${server.url}/page.gz`);
  t.true(reply.rawHeaders.includes('Content-Encoding'));
  t.true(equalBytes(new Uint8Array(reply.body), captured));
  t.true(equalBytes(new Uint8Array(gunzipSync(reply.body)), GZIPPED));
  t.like(events[0], { kind: 'answer', recoded: false, bodyMissing: false });
});

test('a chunked response with a trailer is sent chunked with its trailer', async (t) => {
  const { server } = await serve(t, await generatedConversations((s) => s === 0));
  const reply = await request(`${server.url}/chunked`);
  t.is(text(reply.body), 'hello world');
  t.deepEqual(reply.rawHeaders.slice(0, 4), ['Transfer-Encoding', 'chunked', 'Trailer', 'X-Sum']);
  t.is(reply.trailers['x-sum'], '42');
});

/** Writes each client flight, reads until the expected answer has arrived; returns what was read after each. */
function talk(connect: () => tls.TLSSocket, flights: readonly string[], answers: readonly string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = connect();
    const read: string[] = [];
    let buffer = '';
    let at = 0;
    socket.once('secureConnect', () => socket.write(flights[0] ?? ''));
    socket.setEncoding('latin1').on('data', (d: string) => {
      buffer += d;
      if (buffer.length < (answers[at] ?? '').length) return;
      read.push(buffer);
      buffer = '';
      at += 1;
      if (at < flights.length) socket.write(flights[at] ?? '');
    });
    socket.on('end', () => resolve(read));
    socket.on('error', reject);
  });
}

test('a non-HTTP conversation is played flight by flight: each captured answer after the client\'s message, then the server ends', async (t) => {
  const { server, events } = await serve(t, await generatedConversations((s) => s === 1));
  t.deepEqual(server.alpn, []);
  const answers = ['+OK ready\r\n', '+OK bye\r\n'];
  const read = await talk(() => tls.connect({ host: server.host, port: server.port, rejectUnauthorized: false }), ['HELLO mock\r\n', 'QUIT\r\n'], answers);
  t.deepEqual(read, answers);
  // Lines of other lengths than the captured ones are answered after a quiet spell.
  const other = await talk(() => tls.connect({ host: server.host, port: server.port, rejectUnauthorized: false }), ['HI\r\n', 'BYE NOW\r\n'], answers);
  t.deepEqual(other, answers);
  t.deepEqual(
    events.map((e) => (e.kind === 'flight' ? `${e.stream}:${e.flight}:${e.bytes}` : e.kind)),
    ['1:0:11', '1:1:9', '1:0:11', '1:1:9'],
  );
});

test('a conversation where the server spoke first gets its banner sent at once, then the answer to the client\'s line', async (t) => {
  const { server, events } = await serve(t, await generatedConversations((s) => s === 2));
  const read = await new Promise<string>((resolve, reject) => {
    const socket = tls.connect({ host: server.host, port: server.port, rejectUnauthorized: false });
    let got = '';
    socket.setEncoding('latin1').on('data', (d: string) => {
      if (got === '') socket.write('QUIT\r\n');
      got += d;
    });
    socket.on('end', () => resolve(got));
    socket.on('error', reject);
  });
  t.is(read, '220 mock ready\r\n221 bye\r\n');
  t.deepEqual(
    events.map((e) => (e.kind === 'flight' ? `${e.stream}:${e.flight}` : e.kind)),
    ['2:0', '2:1'],
  );
});

test('with HTTP and non-HTTP conversations on one port, each client is told apart by its first bytes', async (t) => {
  const { server, events } = await serve(t, await generatedConversations());
  t.deepEqual(server.alpn, ['http/1.1']);
  const read = await talk(() => tls.connect({ host: server.host, port: server.port, rejectUnauthorized: false }), ['HELLO mock\r\n', 'QUIT\r\n'], ['+OK ready\r\n', '+OK bye\r\n']);
  t.is(read.join(''), '+OK ready\r\n+OK bye\r\n');
  // A client without ALPN: HTTP is recognised from the request line.
  const plainAlpn = await new Promise<string>((resolve, reject) => {
    const socket = tls.connect({ host: server.host, port: server.port, rejectUnauthorized: false }, () => socket.write(`GET ${COUNTER} HTTP/1.1\r\nHost: ${HOST}\r\nConnection: close\r\n\r\n`));
    let got = '';
    socket.setEncoding('latin1').on('data', (d: string) => (got += d));
    socket.on('end', () => resolve(got));
    socket.on('error', reject);
  });
  t.regex(plainAlpn, /^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\n1\n$/);
  t.deepEqual(
    events.map((e) => e.kind),
    ['flight', 'flight', 'answer'],
  );
});

test('--plain serves HTTP/1.1 and HTTP/2 with prior knowledge on one cleartext port', async (t) => {
  const conversations = await load(fixturePath('alpn-h2.pcapng'), { keys: [fixturePath('alpn-h2.key')] }, (s) => s === 1);
  const { server } = await serve(t, conversations, { plain: true });
  t.regex(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const session = h2Session(t, server.url);
  const h2 = await h2Request(session, 'GET', '/api/items');
  t.is(text(h2.body), '{"items":["alpha","beta","gamma"]}\n');
  const h1 = await request(`${server.url}/api/items`);
  t.is(h1.status, 200);
  t.is(text(h1.body), '{"items":["alpha","beta","gamma"]}\n');
});

test('clients that reset mid-conversation or mid-handshake leave the server answering the next one', async (t) => {
  const { server, events } = await serve(t, await generatedConversations());
  await new Promise<void>((resolve) => {
    const tcp = net.connect(server.port, server.host);
    const socket = tls.connect({ socket: tcp, rejectUnauthorized: false }, () => {
      socket.write('HELLO');
      setTimeout(() => tcp.resetAndDestroy(), 50);
    });
    socket.on('error', () => undefined);
    tcp.on('close', () => resolve());
  });
  await new Promise<void>((resolve) => {
    // Not a ClientHello: the server's TLS layer refuses it with an alert.
    const raw = net.connect(server.port, server.host, () => raw.write(Buffer.from([0x16, 0x03, 0x01, 0x00, 0x05, 0x63, 0, 0, 1, 0])));
    raw.on('error', () => undefined);
    raw.resume().on('close', () => resolve());
  });
  await new Promise<void>((resolve) => {
    const upload = https.request(`${server.url}/echo`, { method: 'POST', rejectUnauthorized: false, agent: false, headers: { 'Content-Length': '100' } });
    upload.on('error', () => resolve());
    upload.write('only part of it', () => setTimeout(() => upload.destroy(), 100));
  });
  t.is(text((await request(`${server.url}${COUNTER}`)).body), '1\n');
  // The client that went away was not given a conversation: the refused handshake, the cut upload and the answer are told.
  t.deepEqual(
    events.map((e) => e.kind),
    ['error', 'error', 'answer'],
  );
  t.like(events[1], { kind: 'error', message: 'POST /echo: aborted' });
  t.like(events[2], { kind: 'answer', target: COUNTER });
});
