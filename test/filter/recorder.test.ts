/**
 * FilterRecorder over real captures: frames evaluated in order as they complete, per-stream
 * answers, keyhole's own fields, HTTP values handed in by a parser, and certificate fields.
 */
import test from 'ava';
import { analyze } from '../../dissect/analyze.js';
import { DecryptionContext } from '../../dissect/decrypt/context.js';
import { compileFilter, FilterRecorder, FrameValues, type HttpMessageFacts } from '../../dissect/filter/index.js';
import { HTTP_FIELDS } from '../../dissect/filter/fields/http.js';
import { SHARED_MISSING, sharedPath } from '../helpers/shared.js';
import { runFilters } from './run.js';

const dsb = sharedPath('tls12-dsb.pcapng');
const chacha = sharedPath('tls12-chacha20poly1305.pcap');
const chachaKeys = sharedPath('tls12-chacha20poly1305.keys');

function recorderFor(filter: string, onFrame?: (frame: number, matched: boolean) => void): Promise<FilterRecorder> {
  const compiled = compileFilter(filter);
  if (!compiled.ok) throw compiled.error;
  return FilterRecorder.create(compiled.filter, onFrame === undefined ? {} : { onFrame });
}

test('every frame is evaluated once, in order, and matches() and connectionMatches() remember the answers', async (t) => {
  if (dsb === undefined) {
    t.log(SHARED_MISSING);
    t.pass();
    return;
  }
  const seen: number[] = [];
  const recorder = await recorderFor('tls.handshake.extensions_server_name == "example.net"', (n) => seen.push(n));
  await analyze(dsb, recorder);
  recorder.end();
  t.deepEqual(seen, Array.from({ length: 17 }, (_, i) => i + 1));
  t.true(recorder.matches(10));
  t.false(recorder.matches(1));
  t.false(recorder.matches(100_000));
  t.false(recorder.connectionMatches(0));
  t.true(recorder.connectionMatches(1));
});

test('keyhole.decrypted and keyhole.verdict follow what keyhole could decrypt', async (t) => {
  if (chacha === undefined || chachaKeys === undefined) {
    t.log(SHARED_MISSING);
    t.pass();
    return;
  }
  const filters = ['keyhole.decrypted', 'keyhole.verdict == "decrypted"', 'keyhole.verdict == "not-decrypted" && tls.record.content_type == 23'];
  const without = await runFilters(chacha, filters);
  t.deepEqual(without.frames.get('keyhole.decrypted'), []);
  t.deepEqual(without.frames.get('keyhole.verdict == "decrypted"'), []);
  t.true((without.frames.get(filters[2] ?? '')?.length ?? 0) >= 14);
  const decrypted = await runFilters(chacha, filters, { keylogs: [chachaKeys] });
  const opened = decrypted.frames.get('keyhole.decrypted') ?? [];
  t.true(opened.length >= 21, `${opened.length} frames with decrypted records`);
  t.deepEqual(decrypted.frames.get(filters[2] ?? ''), []);
  t.true([0, 1, 2, 3, 4, 5, 6].every((s) => decrypted.recorders.get('keyhole.verdict == "decrypted"')?.connectionMatches(s)));
});

test('tls.handshake.ja4 carries the JA4 of each ClientHello (TLS 1.2, SNI, 28 suites, 8 extensions, http/1.1)', async (t) => {
  if (dsb === undefined) {
    t.log(SHARED_MISSING);
    t.pass();
    return;
  }
  const { frames } = await runFilters(dsb, ['tls.handshake.ja4 matches "^t12d2808h1_[0-9a-f]{12}_[0-9a-f]{12}$"', 'tls.handshake.ja4']);
  t.deepEqual(frames.get('tls.handshake.ja4'), [1, 10]);
  t.deepEqual(frames.get('tls.handshake.ja4 matches "^t12d2808h1_[0-9a-f]{12}_[0-9a-f]{12}$"'), [1, 10]);
});

const GET: HttpMessageFacts = { protocol: 'http', request: { method: 'HEAD', uri: '/' }, headers: [['Host', 'example.com'], ['User-Agent', 'curl/7.64.0']] };
const H2_RESPONSE: HttpMessageFacts = { protocol: 'http2', response: { code: 200 }, headers: [[':status', '200'], ['server', 'nginx'], ['content-type', 'text/plain']] };

test('HTTP/1.x facts give Wireshark\'s http fields and no http2 ones', (t) => {
  t.deepEqual(HTTP_FIELDS['http.request.method'].values(GET), ['HEAD']);
  t.deepEqual(HTTP_FIELDS['http.request.uri'].values(GET), ['/']);
  t.deepEqual(HTTP_FIELDS['http.host'].values(GET), ['example.com']);
  t.deepEqual(HTTP_FIELDS['http.user_agent'].values(GET), ['curl/7.64.0']);
  t.deepEqual(HTTP_FIELDS['http.response.code'].values(GET), []);
  t.deepEqual(HTTP_FIELDS['http2.header.name'].values(GET), []);
  t.deepEqual(HTTP_FIELDS['http.request'].values(GET), [1]);
});

test('HTTP/2 facts give http2 header names and the :status as a number', (t) => {
  t.deepEqual(HTTP_FIELDS['http2.header.name'].values(H2_RESPONSE), [':status', 'server', 'content-type']);
  t.deepEqual(HTTP_FIELDS['http2.headers.status'].values(H2_RESPONSE), [200]);
  t.deepEqual(HTTP_FIELDS['http.response.code'].values(H2_RESPONSE), []);
  const compiled = compileFilter('http2.header.name == "server" && !http && http2.headers.status in {200..299}');
  if (!compiled.ok) throw compiled.error;
  const values = new FrameValues();
  for (const [name, spec] of Object.entries(HTTP_FIELDS)) for (const v of spec.values(H2_RESPONSE)) values.add(name, v);
  t.true(compiled.filter.test(values.lookup));
});

test('HTTP messages handed in while a frame is read belong to that frame (tshark: HEAD in frames 6 and 14)', async (t) => {
  if (dsb === undefined) {
    t.log(SHARED_MISSING);
    t.pass();
    return;
  }
  const matched: number[] = [];
  const recorder = await recorderFor('http.request.method == "HEAD" && http.host matches "^example\\\\.(com|net)$"', (n, m) => (m ? matched.push(n) : undefined));
  const decoder = new TextDecoder();
  await analyze(
    dsb,
    {
      frame: (p) => recorder.frame(p),
      packet: (p, c, d) => recorder.packet(p, c, d),
      // A stand-in for the HTTP parser: the request line and Host header of each client request.
      applicationData(_session, direction, plaintext) {
        if (direction !== 0) return;
        const [line = '', ...headers] = decoder.decode(plaintext).split('\r\n');
        const [method = '', uri = ''] = line.split(' ');
        const host = headers.find((h) => h.toLowerCase().startsWith('host:'))?.slice(5).trim() ?? '';
        recorder.http({ protocol: 'http', request: { method, uri }, headers: [['Host', host]] });
      },
    },
    { decryption: new DecryptionContext() },
  );
  recorder.end();
  t.deepEqual(matched, [6, 14]);
});

test('certificate fields are read from the Certificate message once the X.509 decoder is loaded', async (t) => {
  if (dsb === undefined) {
    t.log(SHARED_MISSING);
    t.pass();
    return;
  }
  const { frames } = await runFilters(dsb, ['x509ce.dNSName == "www.example.org"', 'x509sat.printableString == "DigiCert High Assurance EV Root CA"']);
  t.deepEqual(frames.get('x509ce.dNSName == "www.example.org"'), [3, 11]);
  t.deepEqual(frames.get('x509sat.printableString == "DigiCert High Assurance EV Root CA"'), [3, 11]);
});
