import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { TLSSocket } from 'node:tls';
import path from 'node:path';
import test from 'ava';
import { DecryptionContext } from '../../dissect/decrypt/context.js';
import type { HttpExchange } from '../../dissect/http/exchange.js';
import { loadConversations } from '../../replay/conversation.js';
import { selfSignedIdentity } from '../../replay/mock/certificate.js';
import type { CliResult } from '../helpers/cli.js';
import { fixturePath } from '../helpers/fixtures.js';
import { repoPath } from '../helpers/shared.js';
import { runServe, type ServeFlags } from '../../ui/cli/commands/replay-serve.js';
import { UsageError } from '../../ui/cli/errors.js';

const CURL = spawnSync('curl', ['--version'], { encoding: 'utf8' });
const curlHttp2 = CURL.status === 0 && /\bHTTP2\b/.test(CURL.stdout);

/** `keyhole replay ... --serve` from source, as a process. */
function spawnServe(args: readonly string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', '--openssl-legacy-provider', repoPath('ui/cli/main.ts'), 'replay', ...args], {
    cwd: repoPath('.'),
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

interface Running {
  readonly url: string;
  /** Sends SIGTERM and resolves with what the process printed. */
  readonly stop: () => Promise<CliResult>;
}

/** Starts a mock server process and waits for its listening line; rejects with its output if it exits first. */
async function startServe(t: { teardown: (fn: () => void) => void }, args: readonly string[]): Promise<Running> {
  const child = spawnServe(args);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  const exited = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  t.teardown(() => child.kill('SIGKILL'));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      const first = /^listening on (\S+)\n/.exec(stderr);
      if (first?.[1] !== undefined) resolve(first[1]);
    });
    void exited.then((r) => reject(new Error(`exited ${r.code}: ${r.stderr}`)));
  });
  return {
    url,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** The run of a --serve that is expected to fail before listening. */
async function serveFails(args: readonly string[]): Promise<CliResult> {
  const child = spawnServe(args);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

async function demoExchanges(): Promise<readonly HttpExchange[]> {
  const decryption = await DecryptionContext.create({ keys: [fixturePath('demo.key')], keylogs: [], psks: [] });
  return (await loadConversations(fixturePath('demo.pcapng'), { decryption })).conversations[0]?.exchanges ?? [];
}

function curl(args: readonly string[]): { code: number | null; stdout: string } {
  const run = spawnSync('curl', ['-sk', ...args], { encoding: 'latin1' });
  return { code: run.status, stdout: run.stdout };
}

test('curl --http1.1 gets the demo capture\'s response byte for byte, the request is logged, and SIGTERM ends the server cleanly', async (t) => {
  if (CURL.status !== 0) {
    t.log('skipped: curl is not installed');
    t.pass();
    return;
  }
  const exchange = (await demoExchanges())[1];
  const server = await startServe(t, [fixturePath('demo.pcapng'), '--key', fixturePath('demo.key'), '--serve', '0']);
  t.regex(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  const reply = curl(['--http1.1', '-D', '-', `${server.url}/api/orders?limit=2`]);
  t.is(reply.code, 0);
  const [head = '', body = ''] = reply.stdout.split('\r\n\r\n');
  const lines = head.split('\r\n');
  t.is(lines[0], 'HTTP/1.1 200 OK');
  t.deepEqual(lines.slice(1, 5), (exchange?.response?.headers ?? []).map((h) => `${h.name}: ${h.value}`));
  t.is(body, Buffer.from(exchange?.response?.body ?? []).toString('latin1'));
  const done = await server.stop();
  t.is(done.code, 0);
  t.regex(done.stderr, /^listening on https:\/\/127\.0\.0\.1:\d+\n\S+Z GET \/api\/orders\?limit=2 200 <- stream 0 exchange 1 frame 18 \(exact\)\n$/);
});

test('curl --http2 gets the HTTP/2 capture\'s response; the connection the RSA key cannot decrypt is named as not served', async (t) => {
  if (!curlHttp2) {
    t.log('skipped: curl with HTTP/2 is not installed');
    t.pass();
    return;
  }
  const server = await startServe(t, [fixturePath('alpn-h2.pcapng'), '--key', fixturePath('alpn-h2.key'), '--serve', '127.0.0.1:0']);
  const reply = curl(['--http2', '-w', '\n%{http_version} %{http_code}', `${server.url}/api/items`]);
  t.is(reply.stdout, '{"items":["alpha","beta","gamma"]}\n\n2 200');
  const post = curl(['--http2', '-X', 'POST', '--data', '{"echo":"keyhole"}', '-w', '\n%{http_code}', `${server.url}/api/echo`]);
  t.is(post.stdout, '{"created":true}\n\n201');
  const done = await server.stop();
  const lines = done.stderr.split('\n');
  t.regex(lines[0] ?? '', /^listening on https:\/\/127\.0\.0\.1:\d+$/);
  t.regex(lines[1] ?? '', /^keyhole: not serving stream 0: it was not decrypted: .+/);
  t.regex(lines[2] ?? '', /GET \/api\/items 200 <- stream 1 exchange 1 frame \d+ \(exact\)$/);
  t.regex(lines[3] ?? '', /POST \/api\/echo 201 <- stream 1 exchange 2 frame \d+ \(exact\)$/);
});

test('--json logs each request as NDJSON on stdout; -Y serves only the matching connections; --cert and --tls-key are the certificate served', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'keyhole-mock-cli-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const identity = selfSignedIdentity(['given.keyhole.test']);
  const [cert, key] = [path.join(dir, 'cert.pem'), path.join(dir, 'key.pem')];
  writeFileSync(cert, identity.certificatePem);
  writeFileSync(key, identity.privateKeyPem);
  const args = [fixturePath('alpn-h2.pcapng'), '--keylog', fixturePath('alpn-h2.keys'), '--serve', '0', '--json', '-Y', 'tcp.stream == 1', '--miss', '502', '--cert', cert, '--tls-key', key];
  const server = await startServe(t, args);
  const get = (target: string): Promise<[number, string, string]> =>
    new Promise((resolve, reject) => {
      https
        .get(`${server.url}${target}`, { rejectUnauthorized: false, agent: false }, (res) => {
          const served = res.socket instanceof TLSSocket ? res.socket.getPeerCertificate().fingerprint256 : '';
          let body = '';
          res.setEncoding('utf8').on('data', (d: string) => (body += d));
          res.on('end', () => resolve([res.statusCode ?? 0, body, served]));
        })
        .on('error', reject);
    });
  const fingerprint = new X509Certificate(identity.certificatePem).fingerprint256;
  t.deepEqual(await get('/api/items'), [200, '{"items":["alpha","beta","gamma"]}\n', fingerprint]);
  t.is((await get('/missing'))[0], 502);
  const done = await server.stop();
  const lines = done.stdout.trim().split('\n').map((line): unknown => JSON.parse(line));
  t.like(lines[0], { kind: 'answer', protocol: 'HTTP/1.1', method: 'GET', target: '/api/items', status: 200, stream: 1, exchange: 1, level: 'exact' });
  t.like(lines[1], { kind: 'miss', method: 'GET', target: '/missing', policy: '502' });
  t.is(lines.length, 2);
});

test('a port in use is one clear line and exit code 2', async (t) => {
  const taken = net.createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  t.teardown(() => taken.close());
  const address = taken.address();
  const port = address !== null && typeof address === 'object' ? address.port : 0;
  const run = await serveFails([fixturePath('demo.pcapng'), '--key', fixturePath('demo.key'), '--serve', String(port)]);
  t.is(run.code, 2);
  t.is(run.stderr, `keyhole: cannot listen on 127.0.0.1:${port}: the port is in use\n`);
});

test('a capture with nothing decrypted says why, from the decryption verdict, and exits 2', async (t) => {
  const run = await serveFails([fixturePath('demo.pcapng'), '--serve', '0']);
  t.is(run.code, 2);
  t.regex(run.stderr, /^keyhole: .*demo\.pcapng: nothing to serve \(stream 0 was not decrypted: .+\)\n$/);
});

test('bad certificate or key files, a lone --cert, --plain with a certificate and a bad address are usage errors', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'keyhole-mock-cli-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const notPem = path.join(dir, 'cert.pem');
  writeFileSync(notPem, 'not a certificate\n');
  const capture = fixturePath('demo.pcapng');
  const key = fixturePath('demo.key');
  const cases: ReadonlyArray<readonly [Partial<ServeFlags>, RegExp]> = [
    [{ cert: notPem, tlsKey: key }, /^cannot serve with --cert .*cert\.pem and --tls-key .*demo\.key: /],
    [{ cert: path.join(dir, 'absent.pem'), tlsKey: key }, /^cannot read the certificate .*absent\.pem: /],
    [{ cert: notPem }, /^--cert and --tls-key go together$/],
    [{ plain: true, cert: notPem, tlsKey: key }, /^--plain serves without TLS/],
    [{ serve: 'localhost:99999' }, /^--serve takes \[HOST:\]PORT with a port from 0 to 65535, not 'localhost:99999'$/],
  ];
  for (const [flags, expected] of cases) {
    const error = await t.throwsAsync(runServe(capture, { serve: '0', miss: '404', key: [key], ...flags }), { instanceOf: UsageError });
    t.regex(error?.message ?? '', expected);
  }
});

test('--stream N that the capture does not have names the streams it has', async (t) => {
  const error = await t.throwsAsync(runServe(fixturePath('demo.pcapng'), { serve: '0', miss: '404', key: [fixturePath('demo.key')], stream: 5 }), { instanceOf: UsageError });
  t.regex(error?.message ?? '', /^there is no TCP stream 5 in .*demo\.pcapng \(it has only stream 0\)$/);
});
