import { spawnSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import test from 'ava';
import { equalBytes } from '../../dissect/bytes.js';
import { DecryptionContext } from '../../dissect/decrypt/context.js';
import { CLIENT_PREFACE } from '../../dissect/http/http2-frames.js';
import type { HttpExchange } from '../../dissect/http/exchange.js';
import { loadConversations, type CapturedConversation } from '../../replay/conversation.js';
import { selfSignedIdentity } from '../../replay/mock/certificate.js';
import { entityOf } from '../../replay/mock/entity.js';
import { originForm } from '../../replay/mock/http-handler.js';
import { http1Response, http2Fields, http2Response } from '../../replay/mock/http-answer.js';
import { parseListenAddress } from '../../replay/mock/listen-address.js';
import { ExchangeBook } from '../../replay/mock/request-match.js';
import { CapturedOrder } from '../../replay/mock/rotation.js';
import { classify } from '../../replay/mock/sniff.js';
import { fixturePath } from '../helpers/fixtures.js';

async function load(capture: string, secrets: { keys?: string[]; keylogs?: string[] }): Promise<readonly CapturedConversation[]> {
  const decryption = await DecryptionContext.create({ keys: secrets.keys ?? [], keylogs: secrets.keylogs ?? [], psks: [] });
  return (await loadConversations(capture, { decryption })).conversations;
}

async function demoExchange(index: number): Promise<HttpExchange> {
  const exchange = (await load(fixturePath('demo.pcapng'), { keys: [fixturePath('demo.key')] }))[0]?.exchanges[index];
  if (exchange === undefined) throw new Error('demo.pcapng has lost its exchanges');
  return exchange;
}

const encoder = new TextEncoder();

test('--serve addresses: a port alone is 127.0.0.1, hosts and bracketed IPv6 are kept, ports above 65535 and junk are refused', (t) => {
  t.deepEqual(parseListenAddress('0'), { host: '127.0.0.1', port: 0 });
  t.deepEqual(parseListenAddress('8443'), { host: '127.0.0.1', port: 8443 });
  t.deepEqual(parseListenAddress('0.0.0.0:443'), { host: '0.0.0.0', port: 443 });
  t.deepEqual(parseListenAddress('localhost:8080'), { host: 'localhost', port: 8080 });
  t.deepEqual(parseListenAddress('[::1]:0'), { host: '::1', port: 0 });
  for (const bad of ['65536', 'host:', ':80', '::1:80', 'a b:80', '']) t.is(parseListenAddress(bad), undefined, bad);
});

test('every prefix of the HTTP/2 preface and of a request line is undecided or classified, never an exception', (t) => {
  const request = encoder.encode('GET /api/orders?limit=2 HTTP/1.1\r\nHost: demo.keyhole.test\r\n\r\n');
  for (const [whole, expected] of [[CLIENT_PREFACE, 'h2'], [request, 'http1']] as const) {
    for (let n = 0; n < whole.length; n++) {
      const decided = classify(whole.subarray(0, n));
      t.true(decided === undefined || decided === expected, `${expected} prefix of ${n} bytes`);
    }
    t.is(classify(whole), expected);
  }
  t.is(classify(encoder.encode('HELLO mock\r\n')), 'other');
  t.is(classify(Uint8Array.of(0x16, 0x03, 0x01, 0x00)), 'other');
});

test('a self-signed certificate names the captured servers, verifies with its own key, and OpenSSL reads it', (t) => {
  const identity = selfSignedIdentity(['demo.keyhole.test', 'www.keyhole.test', '192.0.2.7', 'demo.keyhole.test']);
  const certificate = new X509Certificate(identity.certificatePem);
  t.is(certificate.subject, 'CN=demo.keyhole.test');
  t.is(certificate.subjectAltName, 'DNS:demo.keyhole.test, DNS:www.keyhole.test, IP Address:192.0.2.7');
  t.true(certificate.verify(certificate.publicKey));
  t.is(certificate.checkHost('www.keyhole.test'), 'www.keyhole.test');
  t.true(certificate.checkPrivateKey(createPrivateKey(identity.privateKeyPem)));
  t.is(new X509Certificate(selfSignedIdentity([]).certificatePem).subjectAltName, 'DNS:localhost');
  const openssl = spawnSync('openssl', ['x509', '-noout', '-text'], { input: identity.certificatePem, encoding: 'utf8' });
  if (openssl.error !== undefined) {
    t.log('openssl not installed: the OpenSSL check is skipped');
    return;
  }
  t.is(openssl.status, 0);
  t.regex(openssl.stdout, /Signature Algorithm: ecdsa-with-SHA256/);
  t.regex(openssl.stdout, /TLS Web Server Authentication/);
});

test('HTTP/1.1 framing: the captured fields in order with Content-Length set to the body sent; a HEAD answer keeps them and sends no body', async (t) => {
  const exchange = await demoExchange(1);
  const entity = entityOf(exchange.response);
  const get = http1Response(exchange, 'GET', entity);
  t.is(get.status, 200);
  t.is(get.reason, 'OK');
  t.deepEqual(get.headers, exchange.response?.headers);
  t.true(equalBytes(get.body, exchange.response?.body ?? new Uint8Array(1)));
  const shorter = http1Response(exchange, 'GET', { bytes: encoder.encode('{}'), recoded: true, missing: false });
  t.deepEqual(
    shorter.headers.map((h) => `${h.name}: ${h.value}`),
    ['Date: Sat, 01 Jun 2024 12:00:00 GMT', 'Server: keyhole-fixtures/1.0', 'Content-Type: application/json', 'Content-Length: 2'],
  );
  const head = http1Response(exchange, 'HEAD', entity);
  t.deepEqual(head.headers, exchange.response?.headers);
  t.is(head.body.length, 0);
});

test('HTTP/2 framing: lower-case names, no connection-specific fields or pseudo-headers, repeated fields as lists', async (t) => {
  const fields = http2Fields([
    { name: ':status', value: '200' },
    { name: 'Content-Type', value: 'text/plain' },
    { name: 'Connection', value: 'keep-alive' },
    { name: 'Keep-Alive', value: 'timeout=5' },
    { name: 'Transfer-Encoding', value: 'chunked' },
    { name: 'Set-Cookie', value: 'a=1' },
    { name: 'set-cookie', value: 'b=2' },
  ]);
  t.deepEqual(fields, { 'content-type': 'text/plain', 'set-cookie': ['a=1', 'b=2'] });
  const exchange = await demoExchange(0);
  const response = http2Response(exchange, 'GET', entityOf(exchange.response));
  t.deepEqual(response.headers, exchange.response?.headers);
  t.is(response.body.length, 240);
});

test('captured order: occurrences one after another, then the last again; nothing when there are none', (t) => {
  const order = new CapturedOrder(['first', 'second']);
  t.deepEqual([order.next(), order.next(), order.next(), order.next()], ['first', 'second', 'second', 'second']);
  t.is(new CapturedOrder<string>([]).next(), undefined);
});

test('a gzip-coded upload matches the captured request with the same decoded body', async (t) => {
  const conversations = await load(fixturePath('alpn-h2.pcapng'), { keys: [fixturePath('alpn-h2.key')] });
  const book = new ExchangeBook(conversations);
  t.is(book.size, 3);
  const body = new Uint8Array(gzipSync(encoder.encode('{"echo":"keyhole"}')));
  t.like(book.match({ method: 'POST', target: '/api/echo', body, contentEncoding: ['gzip'] }), { level: 'exact', answer: { stream: 1, index: 2 } });
  t.like(book.match({ method: 'POST', target: '/api/echo', body: undefined, contentEncoding: [] }), { level: 'method-path-query' });
  t.is(book.match({ method: 'GET', target: '/elsewhere', body: new Uint8Array(0), contentEncoding: [] }), undefined);
});

test('a proxy-style absolute target is matched by its path and query', (t) => {
  t.is(originForm('http://demo.keyhole.test/api/orders?limit=2'), '/api/orders?limit=2');
  t.is(originForm('https://demo.keyhole.test'), '/');
  t.is(originForm('http://demo.keyhole.test?x=1'), '/?x=1');
  t.is(originForm('/plain'), '/plain');
});

test('a response whose body the capture did not keep is marked missing and sent empty', (t) => {
  const message = { headers: [], trailers: [], size: 10, decodedSize: null, contentType: null, contentEncoding: ['compress'], body: null, wireBody: null, firstFrame: 1, lastFrame: 2, complete: true };
  t.deepEqual(entityOf(message), { bytes: new Uint8Array(0), recoded: false, missing: true });
  t.deepEqual(entityOf(null), { bytes: new Uint8Array(0), recoded: false, missing: false });
});
