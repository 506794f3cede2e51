/**
 * The decrypted capture (`keyhole export --decrypted-pcap`): it carries the same HTTP exchanges
 * as the original, bodies and timing included (keyhole reads both; tshark reads the new one
 * without keys), with clean TCP: no checksum errors, gaps, retransmissions or window trouble in
 * tshark's expert info. Most checks run the pass in-process; the command line is run where its
 * own behaviour (output, errors, -Y) is under test.
 */
import test, { type ExecutionContext } from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyze } from '../../dissect/analyze.js';
import { CaptureError } from '../../dissect/capture/types.js';
import { DecryptionContext, type SecretOptions } from '../../dissect/decrypt/context.js';
import type { HttpExchange, HttpMessage } from '../../dissect/http/exchange.js';
import { DecryptedCaptureWriter, type RewriteTotals } from '../../dissect/rewrite/decrypted-capture.js';
import { createCaptureFile } from '../../dissect/rewrite/output-file.js';
import { generateBenchCapture } from '../../fixtures/generator/bench.js';
import { exchangesOf } from '../http/pipeline.js';
import { keyhole } from '../helpers/cli.js';
import { fixturePath } from '../helpers/fixtures.js';
import { sharedDirOrSkip } from '../helpers/shared.js';
import { TSHARK_MISSING, runTshark, tsharkAvailable } from '../fixtures/tshark.js';

const dir = mkdtempSync(path.join(tmpdir(), 'keyhole-rewrite-'));

async function rewrite(capture: string, secrets: SecretOptions, name: string): Promise<{ file: string; totals: RewriteTotals }> {
  const file = path.join(dir, name);
  const output = createCaptureFile(file);
  const writer = new DecryptedCaptureWriter(output);
  await analyze(capture, writer, { decryption: await DecryptionContext.create(secrets) });
  output.close();
  return { file, totals: writer.totals };
}

/** What must survive the rewrite: everything but the scheme (https becomes http) and frame numbers. */
function essentials(e: HttpExchange): unknown {
  const part = (m: HttpMessage | null): unknown =>
    m === null ? null : { headers: m.headers, trailers: m.trailers, size: m.size, decodedSize: m.decodedSize, body: m.body, complete: m.complete };
  const { stream, version, http2Stream, method, authority, path: target, status, interim, timing } = e;
  return { stream, version, http2Stream, method, authority, target, status, interim, timing, request: part(e.request), response: part(e.response) };
}

/** tshark's expert summary lines by section ("Errors", "Warns", "Notes", "Chats"). */
async function expertInfo(file: string, options: readonly string[]): Promise<Map<string, string[]>> {
  const out = await runTshark(['-r', file, '-o', 'tcp.check_checksum:TRUE', '-o', 'ip.check_checksum:TRUE', ...options, '-q', '-z', 'expert']);
  const sections = new Map<string, string[]>();
  let current: string[] = [];
  for (const line of out.split('\n')) {
    const heading = /^(\w+) \(\d+\)$/.exec(line);
    if (heading !== null) sections.set(heading[1] ?? '', (current = []));
    const entry = /^\s+\d+\s+(\w+)\s+(\S+)\s+(.*)$/.exec(line);
    if (entry !== null) current.push(`${entry[1]} ${entry[2]}: ${entry[3]}`);
  }
  return sections;
}

/** tshark warns that HTTP crosses port 443 unencrypted: true here, and the point of the file. */
const EXPECTED_WARNING = /^Security HTTP: Unencrypted HTTP protocol detected over encrypted port/;
const CLOSING_NOTE = /^Sequence TCP: This frame (initiates|undergoes) the connection closing$/;

async function assertCleanTcp(t: ExecutionContext, file: string, options: readonly string[] = []): Promise<void> {
  const expert = await expertInfo(file, options);
  t.true(expert.has('Chats'), 'tshark printed its expert summary');
  t.deepEqual(expert.get('Errors') ?? [], [], 'no errors (bad checksums, malformed packets)');
  t.deepEqual((expert.get('Warns') ?? []).filter((w) => !EXPECTED_WARNING.test(w)), [], 'no sequence warnings (previous segment not captured, ACKed unseen segment)');
  t.deepEqual((expert.get('Notes') ?? []).filter((n) => !CLOSING_NOTE.test(n)), [], 'no retransmissions, duplicate ACKs or window notes');
}

async function tsharkColumn(file: string, filter: string, field: string, options: readonly string[]): Promise<string[]> {
  const out = await runTshark(['-r', file, ...options, '-Y', filter, '-T', 'fields', '-e', field]);
  return out
    .split('\n')
    .flatMap((line) => line.split(','))
    .filter((value) => value.length > 0)
    .sort();
}

interface Case {
  readonly capture: string;
  readonly secrets: SecretOptions;
  /** tshark reads port 443 as TLS; it finds HTTP/1 there anyway, HTTP/2 needs Decode As. */
  readonly tsharkOptions: readonly string[];
  readonly filter: string;
  readonly requestField: string;
  readonly statusField: string;
}

const HTTP1 = { tsharkOptions: [], filter: 'http', requestField: 'http.request.uri', statusField: 'http.response.code' } as const;

const CASES: Readonly<Record<string, Case>> = {
  'demo (TLS 1.2 RSA, HTTP/1.1)': { capture: 'demo.pcapng', secrets: { keys: [fixturePath('demo.key')] }, ...HTTP1 },
  'ipv6 (TLS 1.2 RSA and TLS 1.3)': { capture: 'ipv6.pcapng', secrets: { keys: [fixturePath('ipv6.key')], keylogs: [fixturePath('ipv6.keys')] }, ...HTTP1 },
  'alpn-h2 (HTTP/2 over a key log and an RSA key)': {
    capture: 'alpn-h2.pcapng',
    secrets: { keys: [fixturePath('alpn-h2.key')], keylogs: [fixturePath('alpn-h2.keys')] },
    tsharkOptions: ['-d', 'tcp.port==443,http2'],
    filter: 'http2',
    requestField: 'http2.headers.path',
    statusField: 'http2.headers.status',
  },
};

for (const [title, c] of Object.entries(CASES)) {
  test(`${title}: the decrypted capture has the original's exchanges, and tshark reads them as HTTP over clean TCP`, async (t) => {
    const original = await exchangesOf(fixturePath(c.capture), c.secrets);
    const { file, totals } = await rewrite(fixturePath(c.capture), c.secrets, `${c.capture}.pcap`);
    t.is(totals.connections, 2 - Number(c.capture === 'demo.pcapng'));
    t.true(original.length >= 2);
    t.deepEqual((await exchangesOf(file)).map(essentials), original.map(essentials));
    if (!tsharkAvailable) {
      t.log(TSHARK_MISSING);
      return;
    }
    const [paths, statuses] = await Promise.all([
      tsharkColumn(file, c.filter, c.requestField, c.tsharkOptions),
      tsharkColumn(file, c.filter, c.statusField, c.tsharkOptions),
    ]);
    t.deepEqual(paths, original.map((e) => e.path ?? '').sort());
    t.deepEqual(statuses, original.map((e) => String(e.status)).sort());
    await assertCleanTcp(t, file, c.tsharkOptions);
  });
}

test('a download of many segments from an impaired capture comes out as clean TCP with the same exchanges', async (t) => {
  const bench = await generateBenchCapture({ dir, connections: 2, bytesPerDirection: 100 * 1024, impaired: true, seed: 'rewrite-test', keyBits: 1024 });
  const secrets = { keys: [bench.serverKey], keylogs: [bench.keyLog] };
  const { file, totals } = await rewrite(bench.capture, secrets, 'bench.pcap');
  const original = await exchangesOf(bench.capture, secrets);
  t.is(original.length, 2);
  t.true(totals.bytes[0] > 200 * 1024 && totals.bytes[1] > 200 * 1024);
  t.deepEqual((await exchangesOf(file)).map(essentials), original.map(essentials));
  if (!tsharkAvailable) {
    t.log(TSHARK_MISSING);
    return;
  }
  await assertCleanTcp(t, file);
});

test('a name ending in .pcapng gets a pcapng file, any other name a classic pcap, with the same packets', async (t) => {
  const secrets = { keys: [fixturePath('demo.key')] };
  const pcapng = await rewrite(fixturePath('demo.pcapng'), secrets, 'demo-out.PCAPNG');
  const pcap = await rewrite(fixturePath('demo.pcapng'), secrets, 'demo-out.cap');
  t.is(readFileSync(pcapng.file).readUInt32LE(0), 0x0a0d0d0a, 'a pcapng Section Header Block');
  t.is(readFileSync(pcap.file).readUInt32LE(0), 0xa1b2c3d4, 'the microsecond pcap magic');
  t.deepEqual(pcapng.totals, pcap.totals);
  t.deepEqual((await exchangesOf(pcapng.file)).map(essentials), (await exchangesOf(pcap.file)).map(essentials));
});

test('a connection with nothing decrypted contributes nothing', async (t) => {
  const { file, totals } = await rewrite(fixturePath('alpn-h2.pcapng'), { keys: [fixturePath('alpn-h2.key')] }, 'rsa-only.pcap');
  const all = await exchangesOf(fixturePath('alpn-h2.pcapng'), { keys: [fixturePath('alpn-h2.key')], keylogs: [fixturePath('alpn-h2.keys')] });
  t.is(totals.connections, 1, 'the key log connection is left out');
  t.deepEqual(
    (await exchangesOf(file)).map((e) => [e.method, e.path, e.status]),
    all.filter((e) => e.stream === 1).map((e) => [e.method, e.path, e.status]),
  );
});

test('keyhole http --json reads the exported capture with the same exchanges as the original with its key', async (t) => {
  const out = path.join(dir, 'cli-demo.pcap');
  const exported = await keyhole(['export', fixturePath('demo.pcapng'), '--key', fixturePath('demo.key'), '--decrypted-pcap', out]);
  t.is(exported.code, 0, exported.stderr);
  t.regex(exported.stdout, /^1 connection \(10 packets, 850 B\) written as plaintext to .*cli-demo\.pcap$/m);
  const [original, rewritten] = await Promise.all([
    keyhole(['http', fixturePath('demo.pcapng'), '--key', fixturePath('demo.key'), '--json', '-q']),
    keyhole(['http', out, '--json', '-q']),
  ]);
  const summary = (stdout: string): unknown[] => {
    const parsed: { exchanges: Array<{ method: string; path: string; status: number; request: { size: number }; response: { size: number } }> } = JSON.parse(stdout);
    return parsed.exchanges.map((e) => [e.method, e.path, e.status, e.request.size, e.response.size]);
  };
  t.deepEqual(summary(rewritten.stdout), [
    ['GET', '/', 200, 0, 240],
    ['GET', '/api/orders?limit=2', 200, 0, 107],
  ]);
  t.deepEqual(summary(rewritten.stdout), summary(original.stdout));
});

test('with -Y only the connections the filter selects are written', async (t) => {
  const out = path.join(dir, 'h2-stream1.pcap');
  const result = await keyhole(['export', fixturePath('alpn-h2.pcapng'), '--keylog', fixturePath('alpn-h2.keys'), '--decrypted-pcap', out, '-q', '-Y', 'tcp.stream == 1']);
  t.is(result.code, 0, result.stderr);
  const all = await exchangesOf(fixturePath('alpn-h2.pcapng'), { keylogs: [fixturePath('alpn-h2.keys')] });
  const kept = await exchangesOf(out);
  t.true(all.some((e) => e.stream === 0));
  t.deepEqual(
    kept.map((e) => [e.method, e.path, e.status]),
    all.filter((e) => e.stream === 1).map((e) => [e.method, e.path, e.status]),
  );
});

test('an output path that cannot be written is one clear line and exit code 2', async (t) => {
  const result = await keyhole(['export', fixturePath('demo.pcapng'), '--decrypted-pcap', path.join(dir, 'missing-folder', 'x.pcap')]);
  t.is(result.code, 2);
  t.regex(result.stderr, /^keyhole: cannot write the decrypted capture .*missing-folder\/x\.pcap: ENOENT/);
  t.is(result.stderr.trim().split('\n').length, 1);
});

test('export without --out, --http or --decrypted-pcap names all three', async (t) => {
  const result = await keyhole(['export', fixturePath('demo.pcapng')]);
  t.is(result.code, 2);
  t.regex(result.stderr, /--out DIR .*--http DIR .*--decrypted-pcap FILE/);
});

test('bytes lost in the capture stay a hole: tshark sees one missing segment, keyhole the same exchanges', async (t) => {
  const secrets = { keys: [fixturePath('loss.key')], keylogs: [fixturePath('loss.keys')] };
  const { file } = await rewrite(fixturePath('loss.pcapng'), secrets, 'loss.pcap');
  const summary = (exchanges: readonly HttpExchange[]): unknown[] => exchanges.map((e) => [e.method, e.path, e.status, e.request?.size, e.response?.complete ?? null]);
  t.deepEqual(summary(await exchangesOf(file)), summary(await exchangesOf(fixturePath('loss.pcapng'), secrets)));
  if (!tsharkAvailable) {
    t.log(TSHARK_MISSING);
    return;
  }
  const expert = await expertInfo(file, []);
  t.deepEqual((expert.get('Warns') ?? []).filter((w) => !EXPECTED_WARNING.test(w)), [
    'Sequence TCP: Previous segment(s) not captured (common at capture start)',
    "Sequence TCP: ACKed segment that wasn't captured (common at capture start)",
  ]);
  t.deepEqual(expert.get('Errors') ?? [], []);
});

test('every truncated prefix of a capture is rewritten without throwing, and never writes more than the whole', async (t) => {
  const whole = readFileSync(fixturePath('demo.pcapng'));
  const secrets = { keys: [fixturePath('demo.key')] };
  const full = (await rewrite(fixturePath('demo.pcapng'), secrets, 'whole.pcap')).totals;
  let read = 0;
  for (let length = 0; length < whole.length; length += 61) {
    const prefix = path.join(dir, `prefix-${length}.pcapng`);
    writeFileSync(prefix, whole.subarray(0, length));
    try {
      const { totals } = await rewrite(prefix, secrets, `prefix-${length}.pcap`);
      t.true(totals.bytes[0] <= full.bytes[0] && totals.bytes[1] <= full.bytes[1], `prefix of ${length} bytes`);
      read++;
    } catch (error) {
      t.true(error instanceof CaptureError, `prefix of ${length} bytes: only an unusable file is an error (${String(error)})`);
    }
  }
  t.true(read > whole.length / 61 - 3, 'all but the shortest prefixes are read as (cut short) captures');
});

test('rsasnakeoil2 (SSL 3.0, two connections): tshark finds the eleven requests the Wireshark suite decrypts', async (t) => {
  const shared = sharedDirOrSkip(t);
  if (shared === undefined) return;
  const secrets = { keys: [path.join(shared, 'rsasnakeoil2.key')] };
  const { file, totals } = await rewrite(path.join(shared, 'rsasnakeoil2.pcap'), secrets, 'rsasnakeoil2.pcap');
  t.is(totals.connections, 2);
  const uris = ['/', '/icons/jhe061.png', '/icons/debian/openlogo-25.jpg', '/icons/apache_pb.png', '/favicon.ico', '/test', '/test/', '/test2/', '/icons/back.gif', '/icons/blank.gif', '/test3/'];
  t.deepEqual((await exchangesOf(file)).map((e) => e.path), uris);
  if (!tsharkAvailable) {
    t.log(TSHARK_MISSING);
    return;
  }
  t.deepEqual(await tsharkColumn(file, 'http.request', 'http.request.uri', []), [...uris].sort());
  await assertCleanTcp(t, file);
});

test('bytes that were never TLS are kept as they were: the SMTP dialogue before STARTTLS', async (t) => {
  const shared = sharedDirOrSkip(t);
  if (shared === undefined) return;
  const { file, totals } = await rewrite(path.join(shared, 'extra', 'starttls-smtp.pcapng'), {}, 'starttls-smtp.pcap');
  t.is(totals.connections, 1);
  t.true(totals.bytes[0] > 0 && totals.bytes[1] > 0);
  if (!tsharkAvailable) {
    t.log(TSHARK_MISSING);
    return;
  }
  // tshark prints the line ends escaped.
  t.deepEqual(await tsharkColumn(file, 'smtp.req', 'smtp.command_line', []), ['EHLO openssl.client.net\\r\\n', 'STARTTLS\\r\\n']);
  t.deepEqual(await tsharkColumn(file, 'smtp.response', 'smtp.response.code', []), ['220', '220', '250']);
});
