import test from 'ava';
import { keyhole } from '../helpers/cli.js';
import { hasTmux, terminal } from '../helpers/tmux.js';

const screen = terminal('ui-test');

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
  t.true(screen.start(command, 120, 40));
  try {
    const list = await screen.screenWith('✓ decrypted');
    t.regex(list, /192\.0\.2\.10:60221 +198\.51\.100\.20:443 +demo\.keyhole\.test +TLS 1\.2/);
    t.regex(list, /demo\.pcapng · 26 packets · 1 connection · 1\/1 TLS decrypted/);
    t.regex(list.split('\n')[0] ?? '', /^keyhole ui · connections/, 'the app draws from the top of the alternate screen');
    screen.sendKeys('Enter');
    const packets = await screen.screenWith('ClientHello');
    t.regex(packets, /4 +0\.001235 → +213 +ClientHello/);
    screen.sendKeys('f');
    const follow = await screen.screenWith('GET / HTTP/1.1');
    t.regex(follow, /→ Host: demo\.keyhole\.test/);
    screen.sendKeys('q');
    const after = await screen.screenWith('keyhole-exited-0');
    t.false(after.includes('tcp.stream 0'), 'leaving the alternate screen restores what was there before');
  } finally {
    screen.close();
  }
});

test('keyhole ui without a terminal says so, suggests dissect and exits 2', async (t) => {
  const result = await keyhole(['ui', 'fixtures/captures/demo.pcapng']);
  t.is(result.code, 2);
  t.is(result.stdout, '');
  t.is(result.stderr, 'keyhole: keyhole ui needs a terminal, and stdout is not one; for a text report run: keyhole dissect fixtures/captures/demo.pcapng\n');
});
