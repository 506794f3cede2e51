import test from 'ava';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { keyhole } from '../helpers/cli.js';
import { fixturePath } from '../helpers/fixtures.js';

const temp = (): string => mkdtempSync(path.join(tmpdir(), 'keyhole-shards-'));

function folder(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name)).toString('base64')]));
}

// Many suites and 18 connections; port reuse (numbering must agree); TLS 1.3 from a key log with 3 threads.
for (const [capture, secret, threads] of [
  ['rsa-ciphers.pcapng', ['--key', 'rsa-ciphers.key'], 2],
  ['port-reuse.pcapng', ['--key', 'port-reuse.key'], 2],
  ['tls13-keylog.pcapng', ['--keylog', 'tls13-keylog.keys'], 3],
] as const) {
  test(`export split over worker threads writes exactly what one pass writes: ${capture}`, async (t) => {
    const args = (out: string): string[] => ['export', fixturePath(capture), secret[0], fixturePath(secret[1]), '--out', out, '-q'];
    const single = temp();
    const split = temp();
    t.is((await keyhole(args(single), { KEYHOLE_THREADS: '1' })).code, 0);
    const run = await keyhole(args(split), { KEYHOLE_THREADS: String(threads) });
    t.is(run.code, 0, run.stderr);
    const expected = folder(single);
    t.true(expected.size > 2, 'something was exported');
    t.deepEqual(folder(split), expected);
  });
}

test('export split over worker threads still refuses a file that is not a capture with one line and exit 2', async (t) => {
  const run = await keyhole(['export', fixturePath('demo.key'), '--out', temp()], { KEYHOLE_THREADS: '2' });
  t.is(run.code, 2);
  t.regex(run.stderr, /not a capture/);
  t.notRegex(run.stderr, /at .*\.ts:\d+/);
});

test('export that cannot write a stream file says which file and why in one line, exit 2', async (t) => {
  const out = temp();
  mkdirSync(path.join(out, 'stream-0-client.bin'));
  const run = await keyhole(['export', fixturePath('demo.pcapng'), '--key', fixturePath('demo.key'), '--out', out]);
  t.is(run.code, 2);
  t.regex(run.stderr, /^keyhole: cannot write .*stream-0-client\.bin: EISDIR/);
  t.is(run.stderr.trim().split('\n').length, 1);
});
