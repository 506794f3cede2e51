/**
 * `keyhole dissect`, `stats` and `http` of several captures on worker threads
 * (ui/cli/file-threads.ts) print what one thread prints, file by file in the order given, and
 * fail the same way.
 */
import test from 'ava';
import { fixturePath } from '../helpers/fixtures.js';
import { keyhole } from '../helpers/cli.js';

const FILES = ['rsa-ciphers.pcapng', 'demo.pcapng', 'impaired.pcapng'].map(fixturePath);
const SECRETS = ['--key', fixturePath('rsa-ciphers.key'), '--key', fixturePath('demo.key'), '--key', fixturePath('impaired.key')];

for (const format of [[], ['--json']]) {
  test(`dissect of three captures on two threads prints exactly what one thread prints ${format.join(' ') || '(tables)'}`, async (t) => {
    const args = ['dissect', ...FILES, ...SECRETS, ...format, '-q'];
    const [one, two] = await Promise.all([keyhole(args, { KEYHOLE_THREADS: '1' }), keyhole(args, { KEYHOLE_THREADS: '2' })]);
    t.is(one.code, 0, one.stderr);
    t.is(two.code, 0, two.stderr);
    t.regex(one.stdout, /✓ decrypted|"status": "decrypted"/, 'something was decrypted');
    t.is(two.stdout, one.stdout);
  });
}

/** Each command, and what its table shows when something was found. */
const PER_FILE: ReadonlyArray<readonly [string, RegExp]> = [['stats', /Protocol hierarchy/], ['http', /GET/]];

for (const [command, content] of PER_FILE) {
  test(`${command} of three captures on two threads prints exactly what one thread prints, tables and --json`, async (t) => {
    for (const format of [[], ['--json']]) {
      const args = [command, ...FILES, ...SECRETS, ...format, '-q'];
      const [one, two] = await Promise.all([keyhole(args, { KEYHOLE_THREADS: '1' }), keyhole(args, { KEYHOLE_THREADS: '2' })]);
      t.is(one.code, 0, one.stderr);
      t.is(two.code, 0, two.stderr);
      t.regex(one.stdout, /rsa-ciphers\.pcapng[\s\S]*demo\.pcapng[\s\S]*impaired\.pcapng/, 'every file, in the order given');
      if (format.length === 0) t.regex(one.stdout, content);
      t.is(two.stdout, one.stdout);
    }
  });
}

test('a file that is not a capture among several fails the threaded dissect with the same one line and exit 2', async (t) => {
  const args = ['dissect', FILES[0] ?? '', fixturePath('demo.key'), FILES[1] ?? '', ...SECRETS, '-q'];
  const [one, two] = await Promise.all([keyhole(args, { KEYHOLE_THREADS: '1' }), keyhole(args, { KEYHOLE_THREADS: '2' })]);
  t.is(one.code, 2);
  t.is(two.code, 2);
  t.regex(two.stderr, /not a capture/);
  t.is(two.stderr, one.stderr);
});
