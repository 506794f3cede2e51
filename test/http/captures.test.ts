/**
 * HTTP through the real pipeline (capture, TCP, TLS decryption) on the public Wireshark captures
 * (../shared/captures/MANIFEST.md, whose answers come from tshark 4.0) and the committed fixtures.
 */
import test, { type ExecutionContext } from 'ava';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HttpExchange } from '../../dissect/http/exchange.js';
import { fixturePath } from '../helpers/fixtures.js';
import { sharedCaptures, SHARED_MISSING } from '../helpers/shared.js';
import { exchangesOf } from './pipeline.js';

function bodyText(e: HttpExchange | undefined): string {
  return Buffer.from(e?.response?.body ?? []).toString('latin1');
}

/** A test on a shared capture, passed with a log line where the shared folder is absent. */
function shared(title: string, run: (dir: string, t: ExecutionContext) => Promise<void>): void {
  test(title, async (t) => {
    if (sharedCaptures === undefined) {
      t.log(SHARED_MISSING);
      t.pass();
      return;
    }
    await run(sharedCaptures, t);
  });
}

shared('rsasnakeoil2.pcap with its key gives the 11 request URIs of the MANIFEST in order, each answered', async (dir, t) => {
  const out = await exchangesOf(path.join(dir, 'rsasnakeoil2.pcap'), { keys: [path.join(dir, 'rsasnakeoil2.key')] });
  t.deepEqual(
    out.map((e) => e.path),
    ['/', '/icons/jhe061.png', '/icons/debian/openlogo-25.jpg', '/icons/apache_pb.png', '/favicon.ico', '/test', '/test/', '/test2/', '/icons/back.gif', '/icons/blank.gif', '/test3/'],
  );
  t.deepEqual([...new Set(out.map((e) => e.status))].sort(), [200, 301, 404]);
  t.true(out.every((e) => e.response?.complete === true && e.diagnostics.length === 0));
  t.is(bodyText(out.find((e) => e.path === '/test/')), 'sdfsdfsdfsdf');
});

shared('dmgr.pcapng with key.p12 gives the 6 requests, the first split after a 1-byte record', async (dir, t) => {
  const out = await exchangesOf(path.join(dir, 'dmgr.pcapng'), { keys: [path.join(dir, 'key.p12')], keyPassword: 'WebAS' });
  t.deepEqual(
    out.map((e) => `${e.method ?? ''} ${e.path ?? ''} ${e.status ?? ''}`),
    [
      'GET /ibm/console/unsecureLogon.jsp 200',
      'GET /ibm/console/css/ISCTheme/en/Styles.css 304',
      'GET /ibm/console/images/loginBkgd.jpg 304',
      'GET /ibm/console/images/IBM_logo_87x30.png 304',
      'POST /ibm/console/login.do 200',
      'GET /ibm/console/secure/isclite/tiles/bannerframe.jsp 200',
    ],
  );
  t.is(out[0]?.authority, 'localhost:9131');
});

const TLS13_BODIES = ['Request for /first, version TLSv1.3, Early data: no\n', 'Request for /early, version TLSv1.3, Early data: yes\n', 'Request for /second, version TLSv1.3, Early data: yes\n'];

shared('tls13-rfc8446.pcap gives /first, /early (0-RTT) and /second in the frames tshark names, with their bodies', async (dir, t) => {
  const out = await exchangesOf(path.join(dir, 'tls13-rfc8446.pcap'), { keylogs: [path.join(dir, 'tls13-rfc8446.keys')] });
  t.deepEqual(
    out.map((e) => [e.request?.firstFrame, e.path, e.response?.lastFrame, bodyText(e)]),
    [
      [5, '/first', 6, TLS13_BODIES[0]],
      [8, '/early', 10, TLS13_BODIES[1]],
      [12, '/second', 13, TLS13_BODIES[2]],
    ],
  );
});

shared('without the early traffic secret the /early request is missing but its response is still there', async (dir, t) => {
  const out = await exchangesOf(path.join(dir, 'tls13-rfc8446.pcap'), { keylogs: [path.join(dir, 'tls13-rfc8446-noearly.keys')] });
  t.deepEqual(
    out.map((e) => [e.path, e.response?.lastFrame, bodyText(e)]),
    [
      ['/first', 6, TLS13_BODIES[0]],
      [null, 10, TLS13_BODIES[1]],
      ['/second', 13, TLS13_BODIES[2]],
    ],
  );
  t.deepEqual(out[1]?.diagnostics.map((d) => d.code), ['http.unrequested']);
});

shared('http2-data-reassembly.pcap gives GET /wireshark.png with the whole PNG reassembled from its DATA frames', async (dir, t) => {
  const out = await exchangesOf(path.join(dir, 'http2-data-reassembly.pcap'), { keylogs: [path.join(dir, 'http2-data-reassembly.keys')] });
  t.deepEqual(
    out.map((e) => [e.version, e.http2Stream, e.method, e.path, e.status, e.response?.contentType]),
    [['HTTP/2', 1, 'GET', '/wireshark.png', 200, 'image/png']],
  );
  const png = out[0]?.response?.body ?? new Uint8Array(0);
  t.is(Buffer.from(png.subarray(0, 8)).toString('hex'), '89504e470d0a1a0a');
  // The IEND chunk: zero length, type, CRC.
  t.is(Buffer.from(png.subarray(png.length - 12)).toString('hex'), '0000000049454e44ae426082');
  t.is(out[0]?.response?.size, png.length);
});

shared('http2-brotli.pcapng (secrets in its DSB) gives GET /test.txt with the brotli-decoded body', async (dir, t) => {
  const out = await exchangesOf(path.join(dir, 'http2-brotli.pcapng'));
  t.deepEqual(
    out.map((e) => [e.method, e.path, e.status, e.response?.contentEncoding, bodyText(e)]),
    [['GET', '/test.txt', 200, ['br'], 'This is a test file for testing brotli decompression in Wireshark\n']],
  );
});

shared('tls12-dsb.pcapng gives HEAD / to example.com and example.net, both 200', async (dir, t) => {
  const out = await exchangesOf(path.join(dir, 'tls12-dsb.pcapng'));
  t.deepEqual(
    out.map((e) => [e.method, e.path, e.host, e.status, e.response?.size, e.diagnostics.length]),
    [
      ['HEAD', '/', 'example.com', 200, 0, 0],
      ['HEAD', '/', 'example.net', 200, 0, 0],
    ],
  );
});

shared('a capture without secrets yields no exchanges and no diagnostics from HTTP', async (dir, t) => {
  t.deepEqual(await exchangesOf(path.join(dir, 'rsasnakeoil2.pcap')), []);
});

test('the demo fixture gives its two HTTP/1.1 exchanges with the bodies the manifest describes', async (t) => {
  const out = await exchangesOf(fixturePath('demo.pcapng'), { keys: [fixturePath('demo.key')] });
  const manifest: { connections: Array<{ plaintext: { serverToClient: { headLatin1: string } } }> } = JSON.parse(readFileSync(fixturePath('demo.manifest.json'), 'utf8'));
  t.deepEqual(
    out.map((e) => [e.method, e.authority, e.path, e.status, e.response?.contentType]),
    [
      ['GET', 'demo.keyhole.test', '/', 200, 'text/html'],
      ['GET', 'demo.keyhole.test', '/api/orders?limit=2', 200, 'application/json'],
    ],
  );
  t.is(out[0]?.response?.size, 240);
  const shownBody = manifest.connections[0]?.plaintext.serverToClient.headLatin1.split('\r\n\r\n')[1] ?? '';
  t.true(shownBody.length > 0 && bodyText(out[0]).startsWith(shownBody));
  const orders: { orders: unknown[] } = JSON.parse(bodyText(out[1]));
  t.is(orders.orders.length, 2);
});

test('the alpn-h2 fixture gives three HTTP/2 streams on each of its two connections', async (t) => {
  const out = await exchangesOf(fixturePath('alpn-h2.pcapng'), { keys: [fixturePath('alpn-h2.key')], keylogs: [fixturePath('alpn-h2.keys')] });
  t.deepEqual(
    out.map((e) => [e.stream, e.http2Stream, e.method, e.path, e.status]),
    [0, 1].flatMap((stream) => [
      [stream, 1, 'GET', '/', 200],
      [stream, 3, 'GET', '/api/items', 200],
      [stream, 5, 'POST', '/api/echo', 201],
    ]),
  );
  t.is(Buffer.from(out[2]?.request?.body ?? []).toString(), '{"echo":"keyhole"}');
  t.is(bodyText(out[1]), '{"items":["alpha","beta","gamma"]}\n');
});

shared('dhe1.pcapng.gz: the 19-byte request cut before its blank line is still GET /test HTTP/1.0', async (dir, t) => {
  const out = await exchangesOf(path.join(dir, 'dhe1.pcapng.gz'), { keylogs: [path.join(dir, 'dhe1_keylog.dat')] });
  t.deepEqual(
    out.map((e) => [e.method, e.path, e.version, e.request?.complete, e.diagnostics.map((d) => d.code)]),
    [['GET', '/test', 'HTTP/1.0', false, ['http.head-truncated', 'http.unanswered']]],
  );
});

shared('tls-renegotiation.pcap: the request reassembled across renegotiations has Content-Length 0, the response 2151', async (dir, t) => {
  const out = await exchangesOf(path.join(dir, 'tls-renegotiation.pcap'), { keys: [path.join(dir, 'rsasnakeoil2.key')] });
  t.deepEqual(
    out.map((e) => [e.path, e.request?.size, e.status, e.response?.size]),
    [['/generate-tls-renegotiation.py.py', 0, 200, 2151]],
  );
});

shared('extra/tls12-73-ciphers.pcapng: 73 requests, each answered by a page that ends with the connection', async (dir, t) => {
  const out = await exchangesOf(path.join(dir, 'extra/tls12-73-ciphers.pcapng'), { keylogs: [path.join(dir, 'extra/tls12-73-ciphers.keys')] });
  t.is(out.length, 73);
  t.true(out.every((e) => e.method === 'GET' && e.path === '/' && e.status === 200 && e.response?.complete === true && e.response.size > 0));
});

test('the loss fixture: the response head fell in the capture gap, so the upload is reported unanswered with the gap', async (t) => {
  const out = await exchangesOf(fixturePath('loss.pcapng'), { keys: [fixturePath('loss.key')] });
  t.deepEqual(
    out.map((e) => [e.method, e.path, e.status, e.request?.complete, e.diagnostics.map((d) => d.code)]),
    [['POST', '/upload/loss', null, true, ['http.gap', 'http.unanswered']]],
  );
});
