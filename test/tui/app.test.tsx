import test from 'ava';
import { INDEXED_AND_DECRYPTED, KEYS, openApp } from './harness.js';

const DEMO = 'fixtures/captures/demo.pcapng';
const DEMO_KEY = 'fixtures/captures/demo.key';

test('the demo session decrypts, and the follow view shows its HTTP request line', async (t) => {
  const app = await openApp(DEMO, DEMO_KEY);
  try {
    const list = await app.waitFor('✓ decrypted');
    t.regex(list, /198\.51\.100\.20:443\s+demo\.keyhole\.test\s+TLS 1\.2\s+RSA_AES_128_GCM_SHA256\s+✓ decrypted/);
    t.regex(list, /1\/1 TLS decrypted/);
    await app.press(KEYS.enter);
    const packets = await app.waitFor('ClientHello');
    t.regex(packets, /4\s+0\.001235 →\s+213\s+ClientHello/);
    t.regex(packets, /ClientKeyExchange, Finished\*, Change Cipher Spec/, 'decrypted messages are marked');
    await app.press('f');
    const follow = await app.waitFor('GET / HTTP/1.1');
    t.regex(follow, /HTTP exchanges \(2\)/);
    t.regex(follow, /GET \/api\/orders\?limit=2 → 200/);
    t.regex(follow, /^→ GET \/ HTTP\/1\.1/m, 'client lines carry the → mark without colour');
    t.regex(follow, /^← HTTP\/1\.1 200/m);
    await app.press('t');
    await app.waitFor(/00000000 {2}47 45 54 20 2f 20 48 54/);
    t.pass();
  } finally {
    await app.close();
  }
});

test('the ladder draws the handshake in order with what each step established, and explain shows the master secret', async (t) => {
  const app = await openApp(DEMO, DEMO_KEY);
  try {
    // The ladder says what each step established from the session's report, made when it closes.
    await app.waitFor(INDEXED_AND_DECRYPTED);
    await app.press('l');
    const ladder = await app.waitFor('Handshake ladder');
    const order = ['ClientHello', 'ServerHello', 'Certificate', 'ServerHelloDone', 'ClientKeyExchange', 'ChangeCipherSpec', 'Finished*'].map((name) => ladder.indexOf(name));
    t.deepEqual([...order].sort((a, b) => a - b), order);
    t.false(order.includes(-1));
    t.regex(ladder, / ClientHello ─+▶│ offers TLS 1\.2, SNI demo\.keyhole\.test/);
    t.regex(ladder, /◀─+ ServerHello │ TLS 1\.2, TLS_RSA_WITH_AES_128_GCM_SHA256/);
    t.regex(ladder, /ClientKeyExchange.*keys derived/);
    await app.press('p');
    const first = await app.waitFor('playing 1/');
    t.false(first.includes('ServerHello'), 'playback starts with the first message only');
    await app.waitFor('ServerHello', 5000);
    await app.press('e');
    const story = await app.waitFor('Pre-master secret');
    t.regex(story, /Client Hello \(frame \d+\)/);
    // The story is longer than the pane: G goes to its end, PgUp back through the key schedule.
    await app.press('G');
    let explain = story + (await app.waitFor('Verdict: decrypted (rsa-key)'));
    for (let i = 0; i < 6 && !/master secret \(48 bytes\):/.test(explain); i++) {
      await app.press(KEYS.pageUp);
      explain += app.frame();
    }
    t.regex(explain, /encrypted pre-master secret \(256 bytes\):/);
    t.regex(explain, /master secret \(48 bytes\):/);
    t.regex(explain, /Verdict: decrypted \(rsa-key\)/);
  } finally {
    await app.close();
  }
});

test('the detail tree decodes the selected packet and the hex pane marks the selected field', async (t) => {
  const app = await openApp(DEMO, DEMO_KEY, { columns: 110, rows: 40 });
  try {
    await app.waitFor('✓ decrypted');
    await app.press(KEYS.enter, KEYS.down, KEYS.down, KEYS.down);
    const tree = await app.waitFor('Handshake Protocol: ClientHello');
    t.regex(tree, /Detail: frame 4/);
    t.regex(tree, /▾ Frame 4, tcp\.stream 0, client → server/);
    t.regex(tree, /Server Name Indication|Extension: server_name/);
    await app.press('x');
    const hex = await app.waitFor(/^0000 {2}02 6b 68/m);
    t.regex(hex, /Frame 4 \(t shows/);
    await app.press('t');
    await app.waitFor('Plaintext: select a TLS record');
    await app.press(KEYS.tab, KEYS.tab, KEYS.down, KEYS.down, KEYS.down, KEYS.down, KEYS.down, KEYS.down, KEYS.down);
    await app.waitFor(/Record content, clear/);
    t.regex(app.frame(), /^0000 {2}01 00 00 96 03 03/m, 'the record content starts with the ClientHello header');
  } finally {
    await app.close();
  }
});

test('the mouse wheel scrolls the packet list, through Ink\'s own input parsing', async (t) => {
  const app = await openApp(DEMO, DEMO_KEY, { columns: 110, rows: 40 });
  try {
    await app.waitFor('✓ decrypted');
    await app.press(KEYS.enter, KEYS.wheelDown, KEYS.wheelDown, KEYS.wheelDown, KEYS.wheelDown, KEYS.wheelUp);
    const tree = await app.waitFor('Handshake Protocol: ClientHello');
    t.regex(tree, /Detail: frame 4/);
    t.false(/\[<6[45];/.test(tree), 'no report leaks onto the screen');
  } finally {
    await app.close();
  }
});

test('a filter narrows the connections and packets, and clearing it brings them back', async (t) => {
  const app = await openApp('fixtures/captures/rsa-ciphers.pcapng', 'fixtures/captures/rsa-ciphers.key');
  try {
    await app.waitFor(/18 connections/);
    await app.waitFor(/^> 0 /m);
    const rows = (screen: string): number => screen.split('\n').filter((l) => /^[> ] {1,2}\d+ +\d/.test(l)).length;
    const before = rows(app.frame());
    t.true(before >= 10);
    await app.press('/', ...'tcp.stream == 3', KEYS.enter);
    const narrowed = await app.waitFor(/^> 3 /m);
    t.is(rows(narrowed), 1);
    t.regex(narrowed, /filter: tcp\.stream == 3/);
    await app.press(KEYS.enter);
    await app.waitFor('info');
    await app.press(KEYS.escape, '/', ...Array.from({ length: 20 }, () => KEYS.backspace), KEYS.enter);
    await app.waitFor('no filter');
    t.is(rows(await app.waitFor(/^> 0 /m)), before);
  } finally {
    await app.close();
  }
});

test('a filter that does not parse shows the caret under the bad field and keeps the rows', async (t) => {
  const app = await openApp(DEMO, DEMO_KEY);
  try {
    await app.waitFor('✓ decrypted');
    await app.press('/', ...'tcp.port == 443 and tls.handshake.typo == 1', KEYS.enter);
    const screen = await app.waitFor('^~~~');
    const lines = screen.split('\n');
    const bar = lines.findIndex((l) => l.startsWith('/ tcp.port'));
    t.true(bar >= 0);
    const caret = lines[bar + 1] ?? '';
    t.is(caret.indexOf('^'), (lines[bar] ?? '').indexOf('tls.handshake.typo'), 'the caret sits under the unknown field');
    t.regex(screen, /Did you mean "tls\.handshake\.type"\?/);
    t.regex(screen, /✓ decrypted/);
  } finally {
    await app.close();
  }
});

test('in 80x24 every line fits and the status bar is on the last line', async (t) => {
  const app = await openApp(DEMO, DEMO_KEY, { columns: 80, rows: 24 });
  try {
    await app.waitFor('✓ decrypted');
    const steps: ReadonlyArray<readonly [string[], string]> = [[[], 'verdict'], [[KEYS.enter], 'Detail: frame 1'], [['x'], 'Frame 1 (t shows'], [['?'], 'cycle the sort key']];
    for (const [keys, shown] of steps) {
      await app.press(...keys);
      const lines = (await app.waitFor(shown)).split('\n');
      t.true(lines.length <= 24, `${lines.length} lines`);
      t.true(lines.every((l) => [...l].length <= 80), 'no line is wider than 80 columns');
      t.regex(lines[lines.length - 1] ?? '', /^demo\.pcapng · 26 packets · 1 connection · /);
    }
    t.regex(app.frame(), /^q +quit$/m, 'every binding of the help fits in 80x24');
  } finally {
    await app.close();
  }
});

test('a resize lays the panes out again for the new size', async (t) => {
  const app = await openApp(DEMO, DEMO_KEY, { columns: 120, rows: 40 });
  try {
    await app.waitFor('✓ decrypted');
    t.regex(app.frame(), /stream▾ client +server +SNI +version +cipher +verdict *$/m);
    t.regex(app.frame(), /RSA_AES_128_GCM_SHA256 +✓ decrypted/);
    app.resize({ columns: 60, rows: 12 });
    const small = await app.waitFor(/^ {2}stream▾ server +version +verdict *$/m);
    const lines = small.split('\n');
    t.true(lines.length <= 12);
    t.true(lines.every((l) => [...l].length <= 60));
    app.resize({ columns: 120, rows: 40 });
    await app.waitFor('SNI');
    t.true(app.frame().split('\n').length > 12);
  } finally {
    await app.close();
  }
});
