import test from 'ava';
import { spawnSync } from 'node:child_process';
import { keyhole } from '../helpers/cli.js';
import { repoPath } from '../helpers/shared.js';

/** Its own tmux server, so the test never touches anyone's sessions. */
const SOCKET = `keyhole-ui-test-${process.pid}`;
const SESSION = 'ui';

const tmux = (...args: string[]): { ok: boolean; out: string } => {
  const result = spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
  return { ok: result.status === 0, out: result.stdout ?? '' };
};

const hasTmux = spawnSync('tmux', ['-V']).status === 0;

async function screenWith(text: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const screen = tmux('capture-pane', '-p', '-t', SESSION).out;
    if (screen.includes(text)) return screen;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${JSON.stringify(text)}; the screen was:\n${screen}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('keyhole ui runs in a real terminal: connections, packets, follow, and q quits', async (t) => {
  if (!hasTmux) {
    t.log('skipped: tmux is not installed');
    t.pass();
    return;
  }
  const command = [
    'env NO_COLOR=1', JSON.stringify(process.execPath), '--import tsx --openssl-legacy-provider', 'ui/cli/main.ts ui',
    'fixtures/captures/demo.pcapng --key fixtures/captures/demo.key',
    // Keeps the pane open after the app leaves, to see that the terminal was restored.
    '; echo keyhole-exited-$?; sleep 30',
  ].join(' ');
  t.true(tmux('new-session', '-d', '-s', SESSION, '-x', '120', '-y', '40', '-c', repoPath('.'), command).ok);
  try {
    const list = await screenWith('✓ decrypted');
    t.regex(list, /192\.0\.2\.10:60221 +198\.51\.100\.20:443 +demo\.keyhole\.test +TLS 1\.2/);
    t.regex(list, /demo\.pcapng · 26 packets · 1 connections · 1\/1 TLS decrypted/);
    t.regex(list.split('\n')[0] ?? '', /^keyhole ui · connections/, 'the app draws from the top of the alternate screen');
    tmux('send-keys', '-t', SESSION, 'Enter');
    const packets = await screenWith('ClientHello');
    t.regex(packets, /4 +0\.001235 → +213 +ClientHello/);
    tmux('send-keys', '-t', SESSION, 'f');
    const follow = await screenWith('GET / HTTP/1.1');
    t.regex(follow, /→ Host: demo\.keyhole\.test/);
    tmux('send-keys', '-t', SESSION, 'q');
    const after = await screenWith('keyhole-exited-0');
    t.false(after.includes('tcp.stream 0'), 'leaving the alternate screen restores what was there before');
  } finally {
    tmux('kill-server');
  }
});

test('keyhole ui without a terminal says so, suggests dissect and exits 2', async (t) => {
  const result = await keyhole(['ui', 'fixtures/captures/demo.pcapng']);
  t.is(result.code, 2);
  t.is(result.stdout, '');
  t.is(result.stderr, 'keyhole: keyhole ui needs a terminal, and stdout is not one; for a text report run: keyhole dissect fixtures/captures/demo.pcapng\n');
});
