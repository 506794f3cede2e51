/**
 * `keyhole replay --playback` as a process: the lines and NDJSON it prints, --stream, -Y,
 * --speed and --timing, pacing against the wall clock, and usage errors. Runs runPlayback
 * through playback-harness.ts (the command owner's wiring), and through the real `keyhole
 * replay` once that command exists.
 */
import test from 'ava';
import { spawn } from 'node:child_process';
import { keyhole, type CliResult } from '../helpers/cli.js';
import { fixturePath } from '../helpers/fixtures.js';
import { repoPath } from '../helpers/shared.js';

/** The result, and how long after the first output the last output came (the paced span). */
function playback(args: readonly string[]): Promise<CliResult & { readonly outputMilliseconds: number }> {
  let first: number | undefined;
  let last = 0;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--openssl-legacy-provider', repoPath('test/replay/playback-harness.ts'), 'replay', ...args], {
      cwd: repoPath('.'),
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      last = performance.now();
      first ??= last;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, outputMilliseconds: last - (first ?? last) }));
  });
}

const DEMO = [fixturePath('demo.pcapng'), '--playback', '--key', fixturePath('demo.key')];
const H2 = [fixturePath('alpn-h2.pcapng'), '--playback', '--keylog', fixturePath('alpn-h2.keys')];

const DEMO_LINES = `    0.000000  #0       192.0.2.10:60221 → 198.51.100.20:443 opened
    0.001235  #0    →  ClientHello  SNI demo.keyhole.test
    0.001596  #0    ←  ServerHello  TLS 1.2, TLS_RSA_WITH_AES_128_GCM_SHA256, ALPN http/1.1
    0.001596  #0    ←  Certificate
    0.001596  #0    ←  ServerHelloDone
    0.002226  #0    →  ClientKeyExchange
    0.002226  #0    →  Finished (encrypted)
    0.002394  #0    ←  NewSessionTicket
    0.002394  #0    ←  Finished (encrypted)
    0.002684  #0    →  96 B  GET / HTTP/1.1..Host: demo.keyhole.test..User-Agent: keyhole-fix
    0.002943  #0    ←  387 B  HTTP/1.1 200 OK..Date: Sat, 01 Jun 2024 12:00:00 GMT..Server: ke
    0.003533  #0    →  121 B  GET /api/orders?limit=2 HTTP/1.1..Host: demo.keyhole.test..User-
    0.003943  #0    ←  246 B  HTTP/1.1 200 OK..Date: Sat, 01 Jun 2024 12:00:00 GMT..Server: ke
    0.004120  #0    →  alert warning close_notify (encrypted)
    0.004680  #0    ←  alert warning close_notify (encrypted)
    0.005058  #0       closed by FIN
    0.005058  #0       decrypted with rsa-key: 8 of 8 protected records
`;

test('the demo capture plays as one line per event: offset, stream, direction, what', async (t) => {
  const result = await playback(DEMO);
  t.is(result.code, 0, result.stderr);
  t.is(result.stdout, DEMO_LINES);
});

test('--ndjson prints one object per event with time, timestamp, frame, stream, event and its fields', async (t) => {
  const result = await playback([...DEMO, '--ndjson', '--speed', '0']);
  t.is(result.code, 0, result.stderr);
  const objects: Array<Record<string, unknown>> = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
  t.is(objects.length, DEMO_LINES.trim().split('\n').length);
  t.deepEqual(objects[9], {
    time: 0.002684,
    timestamp: '2024-06-01T12:00:00.014689000Z',
    frame: 12,
    transport: 'tcp',
    stream: 0,
    event: 'data',
    from: 'client',
    length: 96,
    preview: 'GET / HTTP/1.1..Host: demo.keyhole.test..User-Agent: keyhole-fix',
  });
  t.like(objects.at(-1), { event: 'verdict', frame: 25, decryption: { status: 'decrypted', source: 'rsa-key', reason: null } });
});

test('--stream and -Y play only the connections they select', async (t) => {
  const [byStream, byFilter] = await Promise.all([
    playback([...H2, '--stream', '1', '--ndjson', '--timing', 'fast']),
    playback([...H2, '-Y', 'tcp.srcport == 443 && tcp.stream == 1', '--ndjson', '--timing', 'fast']),
  ]);
  t.is(byStream.code, 0, byStream.stderr);
  t.is(byFilter.code, 0, byFilter.stderr);
  const streams = (stdout: string): number[] =>
    stdout
      .trim()
      .split('\n')
      .map((line) => {
        const event: { readonly stream: number } = JSON.parse(line);
        return event.stream;
      });
  t.true(streams(byStream.stdout).length > 10);
  t.deepEqual([...new Set(streams(byStream.stdout))], [1]);
  t.is(byFilter.stdout, byStream.stdout);
});

test('playback keeps the captured pace, divided by --speed; --speed 0 does not wait', async (t) => {
  // alpn-h2 spans about 33 ms of capture time: at speed 0.05 that is about 650 ms of waiting.
  const [slow, fast] = await Promise.all([playback([...H2, '--speed', '0.05']), playback([...H2, '--speed', '0'])]);
  t.is(slow.code, 0, slow.stderr);
  t.is(slow.stdout, fast.stdout, 'the same events either way');
  const lastOffset = Number(slow.stdout.trim().split('\n').at(-1)?.trim().split(' ')[0]);
  t.true(lastOffset > 0.02);
  t.log(`first to last line: ${Math.round(slow.outputMilliseconds)} ms at speed 0.05, ${Math.round(fast.outputMilliseconds)} ms at speed 0`);
  // stdout to a pipe is written synchronously, so each line leaves when the pacer lets it; the
  // margin is for the first line reaching this busy test process late.
  t.true(slow.outputMilliseconds >= lastOffset * 20 * 1000 * 0.8);
  t.true(fast.outputMilliseconds < slow.outputMilliseconds);
});

test('a missing stream and a missing capture are one line each and exit code 2', async (t) => {
  const [stream, missing] = await Promise.all([playback([...DEMO, '--stream', '3']), playback([fixturePath('missing.pcapng'), '--playback'])]);
  t.is(stream.code, 2);
  t.is(stream.stderr, `keyhole: there is no TCP stream 3 in ${fixturePath('demo.pcapng')} (it has only stream 0)\n`);
  t.is(missing.code, 2);
  t.is(missing.stderr.trim().split('\n').length, 1);
  t.regex(missing.stderr, /^keyhole: .*missing\.pcapng/);
});

test('keyhole replay --playback prints the same lines once the replay command is wired', async (t) => {
  const help = await keyhole(['replay', '--help']);
  if (help.code !== 0 || !help.stdout.includes('--playback')) {
    t.log('skipped: keyhole replay has no --playback option yet (the replay command wires addPlaybackOptions and runPlayback)');
    t.pass();
    return;
  }
  const [result, stream, speed] = await Promise.all([
    keyhole(['replay', ...DEMO]),
    keyhole(['replay', ...H2, '--stream', '1', '--timing', 'fast', '--ndjson']),
    keyhole(['replay', ...DEMO, '--speed', 'fast']),
  ]);
  t.is(result.code, 0, result.stderr);
  t.is(result.stdout, DEMO_LINES);
  t.is(stream.code, 0, stream.stderr);
  t.true(stream.stdout.trim().split('\n').every((line) => line.includes('"stream":1,')));
  t.is(speed.code, 2);
  t.regex(speed.stderr, /^keyhole: --speed takes .*'fast'\n$/);
});
