/**
 * `keyhole http -Y`: a display filter keeps the exchanges whose own frames match (HTTP fields) or
 * whose connection has a matching frame (other fields), on rsasnakeoil2 decrypted with its key.
 */
import test from 'ava';
import { analyze } from '../../dissect/analyze.js';
import { DecryptionContext } from '../../dissect/decrypt/context.js';
import { compileFilter, FilterRecorder } from '../../dissect/filter/index.js';
import { HttpAnalyzer } from '../../dissect/http/analyzer.js';
import { mergeListeners } from '../../dissect/listeners.js';
import { keyhole } from '../helpers/cli.js';
import { fixturePath } from '../helpers/fixtures.js';
import { sharedPath, SHARED_MISSING } from '../helpers/shared.js';

interface ExchangeLine {
  stream: number;
  path: string | null;
  status: number | null;
}

const capture = sharedPath('rsasnakeoil2.pcap');
const key = sharedPath('rsasnakeoil2.key');

async function kept(filter: string): Promise<ExchangeLine[] | undefined> {
  if (capture === undefined || key === undefined) return undefined;
  const r = await keyhole(['http', capture, '--key', key, '--ndjson', '-Y', filter]);
  if (r.code !== 0) throw new Error(r.stderr);
  return r.stdout.trim().split('\n').filter((line) => line.length > 0).map((line): ExchangeLine => JSON.parse(line));
}

/** Frames a filter matches when HttpAnalyzer's onMessage feeds the recorder. */
async function matchingFrames(file: string, secrets: { keys: string[] }, text: string): Promise<number[]> {
  const compiled = compileFilter(text);
  if (!compiled.ok) throw new Error(compiled.error.message);
  const frames: number[] = [];
  const recorder = await FilterRecorder.create(compiled.filter, { onFrame: (frame, matched) => matched && frames.push(frame) });
  const http = new HttpAnalyzer(() => undefined, { onMessage: (facts) => recorder.http(facts) });
  await analyze(file, mergeListeners(recorder, http), { decryption: await DecryptionContext.create(secrets) });
  recorder.end();
  return frames;
}

test('onMessage tells each HTTP/1 message in the frame tshark shows it in (tshark -Y http, rsasnakeoil2)', async (t) => {
  if (capture === undefined || key === undefined) {
    t.log(SHARED_MISSING);
    t.pass();
    return;
  }
  // tshark 4.0 -o uat:rsa_keys:"rsasnakeoil2.key","" -Y http -T fields -e frame.number (and -Y 'http.response.code == 301': 42)
  const tshark = [11, 19, 21, 29, 30, 31, 32, 35, 36, 37, 40, 42, 44, 45, 47, 48, 50, 51, 52, 54, 56, 57];
  t.deepEqual(await matchingFrames(capture, { keys: [key] }, 'http'), tshark);
  t.deepEqual(await matchingFrames(capture, { keys: [key] }, 'http.response.code == 301'), [42]);
});

test('http -Y on the request URI keeps exactly the exchanges whose URI contains "icons"', async (t) => {
  const all = await kept('http');
  const icons = await kept('http.request.uri contains "icons"');
  if (all === undefined || icons === undefined) {
    t.log(SHARED_MISSING);
    t.pass();
    return;
  }
  t.is(all.length, 11);
  t.deepEqual(icons.map((e) => e.path), all.map((e) => e.path).filter((p) => p?.includes('icons')));
  t.is(icons.length, 5);
});

test('http -Y on a response field keeps the exchanges with that status only', async (t) => {
  const notFound = await kept('http.response.code == 404');
  if (notFound === undefined) {
    t.log(SHARED_MISSING);
    t.pass();
    return;
  }
  t.deepEqual(notFound.map((e) => e.status), [404, 404, 404, 404]);
});

test('http -Y with a connection field keeps every exchange of tcp.stream 1 and none of stream 0', async (t) => {
  const stream1 = await kept('tcp.stream == 1');
  if (stream1 === undefined) {
    t.log(SHARED_MISSING);
    t.pass();
    return;
  }
  t.deepEqual(stream1.map((e) => e.stream), [1, 1, 1, 1, 1]);
});

test('http -Y on an HTTP/2 path keeps the matching HTTP/2 stream of each connection of the alpn-h2 fixture', async (t) => {
  const r = await keyhole(['http', fixturePath('alpn-h2.pcapng'), '--key', fixturePath('alpn-h2.key'), '--keylog', fixturePath('alpn-h2.keys'), '--ndjson', '-Y', 'http2.headers.path == "/api/echo"']);
  t.is(r.code, 0, r.stderr);
  const lines: Array<ExchangeLine & { http2Stream: number | null }> = r.stdout.trim().split('\n').map((line) => JSON.parse(line));
  t.deepEqual(
    lines.map((e) => [e.stream, e.http2Stream, e.path]),
    [
      [0, 5, '/api/echo'],
      [1, 5, '/api/echo'],
    ],
  );
});

test('http -Y with a filter that does not parse exits with 2 and points at the problem', async (t) => {
  const r = await keyhole(['http', fixturePath('demo.pcapng'), '-Y', 'http.request.urii == "x"']);
  t.is(r.code, 2);
  t.regex(r.stderr, /http\.request\.uri/);
});
