/**
 * tshark 4.0 as a live oracle: the HTTP/1 requests and responses it dissects in the decrypted
 * shared captures, frame by frame, against keyhole's exchanges. Skips without tshark or captures.
 */
import test, { type ExecutionContext } from 'ava';
import path from 'node:path';
import type { SecretOptions } from '../../dissect/decrypt/context.js';
import type { HttpExchange, HttpMessage } from '../../dissect/http/exchange.js';
import { runTshark, tsharkAvailable, TSHARK_MISSING } from '../fixtures/tshark.js';
import { fixturePath } from '../helpers/fixtures.js';
import { sharedCaptures, SHARED_MISSING } from '../helpers/shared.js';
import { exchangesOf } from './pipeline.js';

/** The shared folder when tshark and the captures are both here; otherwise the test passes with a note. */
function ready(t: ExecutionContext): string | undefined {
  if (tsharkAvailable && sharedCaptures !== undefined) return sharedCaptures;
  t.log(tsharkAvailable ? SHARED_MISSING : TSHARK_MISSING);
  t.pass();
  return undefined;
}

interface OracleCase {
  readonly capture: string;
  /** tshark options that decrypt it. */
  readonly tshark: (dir: string) => readonly string[];
  readonly secrets: (dir: string) => SecretOptions;
}

const CASES: readonly OracleCase[] = [
  { capture: 'rsasnakeoil2.pcap', tshark: (dir) => ['-o', `uat:rsa_keys:"${path.join(dir, 'rsasnakeoil2.key')}",""`], secrets: (dir) => ({ keys: [path.join(dir, 'rsasnakeoil2.key')] }) },
  { capture: 'dmgr.pcapng', tshark: (dir) => ['-o', `tls.keys_list:127.0.0.1,9131,http,${path.join(dir, 'key.p12')},WebAS`], secrets: (dir) => ({ keys: [path.join(dir, 'key.p12')], keyPassword: 'WebAS' }) },
  { capture: 'tls13-rfc8446.pcap', tshark: (dir) => ['-o', `tls.keylog_file:${path.join(dir, 'tls13-rfc8446.keys')}`], secrets: (dir) => ({ keylogs: [path.join(dir, 'tls13-rfc8446.keys')] }) },
  { capture: 'tls12-dsb.pcapng', tshark: () => [], secrets: () => ({}) },
];

/** One line per HTTP message: frame, tcp.stream, method and URI or status, Content-Length. */
function ours(exchanges: readonly HttpExchange[]): string[] {
  const lines: Array<readonly [number, string]> = [];
  const length = (m: HttpMessage): string => m.headers.find((h) => h.name.toLowerCase() === 'content-length')?.value ?? '';
  for (const e of exchanges) {
    const [request, response] = [e.request, e.response];
    if (request !== null && request.lastFrame !== null) lines.push([request.lastFrame, `${request.lastFrame}\t${e.stream}\t${e.method ?? ''}\t${e.path ?? ''}\t\t${length(request)}`]);
    if (response !== null && response.lastFrame !== null) lines.push([response.lastFrame, `${response.lastFrame}\t${e.stream}\t\t\t${e.status ?? ''}\t${length(response)}`]);
  }
  return lines.sort((a, b) => a[0] - b[0]).map(([, line]) => line);
}

for (const c of CASES) {
  test(`${c.capture}: every HTTP message tshark dissects, in the same frame and stream, with the same method, URI, status and length`, async (t) => {
    const dir = ready(t);
    if (dir === undefined) return;
    const fields = ['frame.number', 'tcp.stream', 'http.request.method', 'http.request.uri', 'http.response.code', 'http.content_length_header'];
    const theirs = (await runTshark(['-r', path.join(dir, c.capture), ...c.tshark(dir), '-Y', 'http', '-T', 'fields', ...fields.flatMap((f) => ['-e', f])]))
      .split('\n')
      .filter((line) => line.length > 0);
    const exchanges = await exchangesOf(path.join(dir, c.capture), c.secrets(dir));
    t.deepEqual(ours(exchanges), theirs);
  });
}

interface Http2Case {
  readonly title: string;
  readonly capture: (dir: string) => string;
  readonly tshark: (dir: string) => readonly string[];
  readonly secrets: (dir: string) => SecretOptions;
}

const HTTP2_CASES: readonly Http2Case[] = [
  { title: 'http2-brotli.pcapng', capture: (dir) => path.join(dir, 'http2-brotli.pcapng'), tshark: () => [], secrets: () => ({}) },
  {
    title: 'http2-data-reassembly.pcap',
    capture: (dir) => path.join(dir, 'http2-data-reassembly.pcap'),
    tshark: (dir) => ['-o', `tls.keylog_file:${path.join(dir, 'http2-data-reassembly.keys')}`, '-d', 'tcp.port==8443,tls'],
    secrets: (dir) => ({ keylogs: [path.join(dir, 'http2-data-reassembly.keys')] }),
  },
  {
    title: 'the alpn-h2 fixture',
    capture: () => fixturePath('alpn-h2.pcapng'),
    tshark: () => ['-o', `tls.keylog_file:${fixturePath('alpn-h2.keys')}`, '-o', `uat:rsa_keys:"${fixturePath('alpn-h2.key')}",""`],
    secrets: () => ({ keylogs: [fixturePath('alpn-h2.keys')], keys: [fixturePath('alpn-h2.key')] }),
  },
];

for (const c of HTTP2_CASES) {
  test(`${c.title}: every HTTP/2 HEADERS frame tshark shows starts an exchange's request or response, with the same stream, method, path and status`, async (t) => {
    const dir = ready(t);
    if (dir === undefined) return;
    const fields = ['frame.number', 'tcp.stream', 'http2.streamid', 'http2.headers.method', 'http2.headers.path', 'http2.headers.status'];
    const output = await runTshark(['-r', c.capture(dir), ...c.tshark(dir), '-Y', 'http2.type == 1', '-T', 'fields', ...fields.flatMap((f) => ['-e', f])]);
    // A record can carry several frames (SETTINGS on stream 0, then HEADERS): the HEADERS stream is the last non-zero id.
    const theirs = output
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => {
        const [frame = '', stream = '', ids = '', method = '', uri = '', status = ''] = line.split('\t');
        return [frame, stream, ids.split(',').filter((id) => id !== '0').at(-1) ?? '', method, uri, status].join('\t');
      });
    const exchanges = await exchangesOf(c.capture(dir), c.secrets(dir));
    const lines: Array<readonly [number, string]> = exchanges.flatMap((e) => [
      ...(e.request === null ? [] : [[e.request.firstFrame, `${e.request.firstFrame}\t${e.stream}\t${e.http2Stream ?? ''}\t${e.method ?? ''}\t${e.path ?? ''}\t`] as const]),
      ...(e.response === null ? [] : [[e.response.firstFrame, `${e.response.firstFrame}\t${e.stream}\t${e.http2Stream ?? ''}\t\t\t${e.status ?? ''}`] as const]),
    ]);
    t.deepEqual(
      lines.sort((a, b) => a[0] - b[0]).map(([, line]) => line),
      theirs,
    );
  });
}
