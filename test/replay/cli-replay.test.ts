import test from 'ava';
import { keyhole } from '../helpers/cli.js';
import { repoPath } from '../helpers/shared.js';
import { capturedCertificate, capturedConversation, closedPort, http1LikeCapture, http2LikeCapture, withServer, type LiveServer } from './client-servers.js';

const DEMO = repoPath('fixtures/captures/demo.pcapng');
const DEMO_KEY = repoPath('fixtures/captures/demo.key');
const H2 = repoPath('fixtures/captures/alpn-h2.pcapng');
const H2_KEY = repoPath('fixtures/captures/alpn-h2.key');

const demoServer = (tamper?: Parameters<typeof http1LikeCapture>[2]): Promise<LiveServer> =>
  Promise.all([capturedConversation(DEMO, DEMO_KEY, 0), capturedCertificate(DEMO, 0)]).then(([conversation, cert]) => http1LikeCapture(conversation, { key: DEMO_KEY, cert }, tamper));

const replayDemo = (target: string, ...more: string[]) => keyhole(['replay', DEMO, '--key', DEMO_KEY, '--stream', '0', '--to', target, '--insecure', ...more]);

test('replay --compare against a server that answers like the capture prints a table of matches and exits 0', async (t) => {
  await withServer(await demoServer(), async (server) => {
    const result = await replayDemo(server.target, '--compare');
    t.is(result.code, 0, result.stderr);
    t.regex(result.stdout, /│\s+0 │\s+0 │ GET \/\s+│ 200\s+│ 200\s+│ match\s+│/);
    t.regex(result.stdout, /│\s+0 │\s+1 │ GET \/api\/orders\?limit=2 │ 200\s+│ 200\s+│ match\s+│/);
    t.regex(result.stdout, /1 of 1 connection matched/);
    t.is(result.stderr, '');
  });
});

test('replay --compare --diff against a changed answer shows the difference and a unified diff, and exits 1', async (t) => {
  const tamper: Parameters<typeof http1LikeCapture>[2] = (path, answer) => (path === '/' ? { ...answer, status: 404, headers: [...answer.headers, ['X-Served-By', 'canary']] } : answer);
  await withServer(await demoServer(tamper), async (server) => {
    const result = await replayDemo(server.target, '--compare', '--diff');
    t.is(result.code, 1, result.stderr);
    t.regex(result.stdout, /GET \/\s+│ 200\s+│ 404\s+│ differs: status, header x-served-by/);
    t.regex(result.stdout, /^--- captured exchange 0 GET \/$/m);
    t.regex(result.stdout, /^\+\+\+ live exchange 0 GET \/$/m);
    t.regex(result.stdout, /^-status 200\n\+status 404$/m);
    t.regex(result.stdout, /^\+x-served-by: canary$/m);
  });
});

test('replay --json reports each connection with its comparison', async (t) => {
  await withServer(await demoServer(), async (server) => {
    const result = await replayDemo(server.target, '--compare', '--json');
    t.is(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    t.like(report, { to: server.target, matched: true });
    t.like(report.connections[0], { stream: 0, protocol: 'HTTP/1', alpn: { captured: 'http/1.1', live: 'http/1.1' }, sent: { messages: 2, bytes: 217 }, error: null, comparison: { kind: 'http', matched: true } });
    t.is(report.connections[0].comparison.exchanges.length, 2);
  });
});

test('a port nobody listens on is one line per connection and exit 1, in the table and in --ndjson', async (t) => {
  const port = await closedPort();
  const [result, ndjson] = await Promise.all([replayDemo(`127.0.0.1:${port}`), replayDemo(`127.0.0.1:${port}`, '--ndjson')]);
  const message = `127.0.0.1:${port}: connection refused (nothing listening there?)`;
  t.is(result.code, 1);
  t.is(result.stderr, `keyhole: stream 0: ${message}\n`);
  t.regex(result.stdout, /│\s+0 │ 127\.0\.0\.1:\d+ │ HTTP\/1\s+│ 0 \(0 B\)\s+│ 0 B of 633 B\s+│ \d+ ms │ failed\s+│/);
  t.is(ndjson.code, 1);
  const lines = ndjson.stdout.trim().split('\n');
  t.is(lines.length, 1);
  t.like(JSON.parse(lines[0] ?? ''), { stream: 0, protocol: 'HTTP/1', sent: { messages: 0 }, error: message });
});

test('--all replays every decrypted connection of alpn-h2.pcapng over HTTP/2 and names the one it skips', async (t) => {
  const [conversation, cert] = await Promise.all([capturedConversation(H2, H2_KEY, 1), capturedCertificate(H2, 1)]);
  await withServer(await http2LikeCapture(conversation, { key: H2_KEY, cert }), async (server) => {
    const result = await keyhole(['replay', H2, '--key', H2_KEY, '--all', '--to', server.target, '--insecure', '--compare']);
    t.is(result.code, 0, result.stderr);
    t.regex(result.stderr, /^keyhole: skipping stream 0: it was not decrypted, so there is nothing to send: ECDHE key exchange/);
    t.regex(result.stdout, /POST \/api\/echo │ 201\s+│ 201\s+│ match/);
    t.deepEqual(server.seen, ['GET /', 'GET /api/items', 'POST /api/echo']);
  });
});

const USAGE_CASES: ReadonlyArray<readonly [string, readonly string[], RegExp]> = [
  ['a bad HOST:PORT', ['replay', DEMO, '--key', DEMO_KEY, '-s', '0', '--to', 'localhost'], /^keyhole: --to takes HOST:PORT .*not 'localhost'\n$/],
  ['an unknown stream', ['replay', DEMO, '--key', DEMO_KEY, '-s', '9', '--to', '127.0.0.1:9'], /^keyhole: there is no TCP stream 9 in .*demo\.pcapng \(it has only stream 0\)\n$/],
  ['a stream with nothing decrypted', ['replay', H2, '--key', H2_KEY, '-s', '0', '--to', '127.0.0.1:9'], /^keyhole: stream 0 was not decrypted, so there is nothing to send: ECDHE key exchange: a server RSA key cannot decrypt it; give a key log/],
  ['no mode', ['replay', DEMO, '--key', DEMO_KEY, '-s', '0'], /^keyhole: replay needs exactly one of --to HOST:PORT \(replay to a live server\), --serve \[HOST:\]PORT \(mock server\) or --playback \(timed playback\)\n$/],
  ['no connection named', ['replay', DEMO, '--key', DEMO_KEY, '--to', '127.0.0.1:9'], /^keyhole: say which connections to replay: --stream N, --all or -Y FILTER\n$/],
  ['--diff without --compare', ['replay', DEMO, '--key', DEMO_KEY, '-s', '0', '--to', '127.0.0.1:9', '--diff'], /^keyhole: --diff shows the differences --compare finds: add --compare\n$/],
];

for (const [what, args, message] of USAGE_CASES) {
  test(`${what} is a usage error: one line, exit 2`, async (t) => {
    const result = await keyhole(args);
    t.is(result.code, 2);
    t.regex(result.stderr, message);
    t.is(result.stdout, '');
  });
}

test('-Y selects the connections to replay by display filter', async (t) => {
  const [conversation, cert] = await Promise.all([capturedConversation(H2, H2_KEY, 1), capturedCertificate(H2, 1)]);
  await withServer(await http2LikeCapture(conversation, { key: H2_KEY, cert }), async (server) => {
    const result = await keyhole(['replay', H2, '--key', H2_KEY, '-Y', 'http2.header.value == "/api/items"', '--to', server.target, '--insecure']);
    t.is(result.code, 0, result.stderr);
    t.is(result.stderr, '');
    t.regex(result.stdout, /│\s+1 │ 127\.0\.0\.1:\d+ │ HTTP\/2\s+│ 3 \(18 B\)\s+│ 109 B of 109 B\s+│ \d+ ms │ replayed │/);
  });
});
