/**
 * The bundled bin users run (dist/bin, built by `npm install` through `prepare`), not the sources
 * the other tests load: each entry point and worker must be found and start. Skips with a message
 * where the build is absent.
 */
import test, { type ExecutionContext } from 'ava';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixturePath } from '../helpers/fixtures.js';
import { repoPath } from '../helpers/shared.js';
import { hasTmux, terminal } from '../helpers/tmux.js';
import { runNode, type CliResult } from '../helpers/cli.js';

const BIN = repoPath('dist/bin/main.js');
const built = existsSync(BIN);

/** Passes with a message when there is no build to test (true), so the caller returns. */
function notBuilt(t: ExecutionContext): boolean {
  if (built) return false;
  t.log('skipped: dist/bin is not built (npm run build)');
  t.pass();
  return true;
}

/** Runs an entry of the built bin, as `node --openssl-legacy-provider dist/bin/ENTRY`. */
function run(entry: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliResult> {
  return runNode(['--openssl-legacy-provider', repoPath(`dist/bin/${entry}`), ...args], env);
}

test('the built bin dissects and decrypts the sample, and npm start prints that summary when piped', async (t) => {
  if (notBuilt(t)) return;
  // The same relative paths as npm start, which runs in the repository.
  const dissect = await run('main.js', ['dissect', 'fixtures/captures/demo.pcapng', '--key', 'fixtures/captures/demo.key']);
  t.is(dissect.code, 0, dissect.stderr);
  t.regex(dissect.stdout, /✓ decrypted/);
  const start = await run('start.js', []);
  t.is(start.code, 0, start.stderr);
  t.is(start.stdout, dissect.stdout, 'the same report as dissect');
});

test('the built bin decodes certificates field by field with the X.509 library it bundles', async (t) => {
  if (notBuilt(t)) return;
  const detail = await run('main.js', ['dissect', '-V', fixturePath('demo.pcapng')]);
  t.is(detail.code, 0, detail.stderr);
  t.regex(detail.stdout, /Subject: O=keyhole fixtures,CN=demo\.keyhole\.test/);
  t.regex(detail.stdout, /X509v3 Subject Alternative Name/);
});

test('the built bin finds its export worker: a split export writes every stream', async (t) => {
  if (notBuilt(t)) return;
  const out = mkdtempSync(path.join(tmpdir(), 'keyhole-built-'));
  const result = await run('main.js', ['export', fixturePath('rsa-ciphers.pcapng'), '--key', fixturePath('rsa-ciphers.key'), '--out', out], { KEYHOLE_THREADS: '2' });
  t.is(result.code, 0, result.stderr);
  t.regex(result.stdout, /18 of 18 TLS and DTLS streams exported/);
  t.is(readdirSync(out).filter((f) => f.endsWith('.bin')).length, 36);
});

test('the built bin finds its dissect worker: several files on two threads print what one prints', async (t) => {
  if (notBuilt(t)) return;
  const args = ['dissect', fixturePath('demo.pcapng'), fixturePath('rsa-ciphers.pcapng'), '--key', fixturePath('demo.key'), '--key', fixturePath('rsa-ciphers.key')];
  const [one, two] = await Promise.all([run('main.js', args, { KEYHOLE_THREADS: '1' }), run('main.js', args, { KEYHOLE_THREADS: '2' })]);
  t.is(two.code, 0, two.stderr);
  t.regex(two.stdout, /✓ decrypted/);
  t.is(two.stdout, one.stdout);
});

test('the built bin opens the terminal UI in a pseudo-terminal, with its index worker, even where CI is set', async (t) => {
  if (notBuilt(t)) return;
  if (!hasTmux) {
    t.log('skipped: tmux is not installed');
    t.pass();
    return;
  }
  const screen = terminal('built-bin');
  t.teardown(() => screen.close());
  const command = [process.execPath, '--openssl-legacy-provider', BIN, 'ui', fixturePath('demo.pcapng'), '--key', fixturePath('demo.key')].map((a) => `'${a}'`).join(' ');
  t.true(screen.start(`env NO_COLOR=1 CI=true ${command}`, 120, 30));
  const list = await screen.screenWith('✓ decrypted', 20_000);
  t.regex(list, /192\.0\.2\.10:60221 +198\.51\.100\.20:443 +demo\.keyhole\.test/);
  screen.sendKeys('q');
});
