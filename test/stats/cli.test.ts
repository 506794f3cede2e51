import test from 'ava';
import { keyhole } from '../helpers/cli.js';
import { fixturePath } from '../helpers/fixtures.js';

const demo = fixturePath('demo.pcapng');
const demoKey = fixturePath('demo.key');

test('keyhole stats prints titled tables for the demo, with its HTTP statuses once decrypted', async (t) => {
  const r = await keyhole(['stats', demo, '--key', demoKey]);
  t.is(r.code, 0, r.stderr);
  for (const title of ['Protocol hierarchy', 'TLS versions', 'Cipher suites', 'Server names (SNI)', 'JA3', 'JA4', 'Decryption: 100.0% decrypted', 'HTTP status codes', 'Top talkers']) {
    t.true(r.stdout.includes(`\n${title}\n`), title);
  }
  t.regex(r.stdout, /│ demo\.keyhole\.test │ +1 │/);
  t.regex(r.stdout, /│ +tls +│ +\d+ │ +\d+ │/);
  t.regex(r.stdout, /│ 200 +│ +2 │/);
});

test('keyhole stats --json is one document; several captures give {files: [...]}', async (t) => {
  const one = await keyhole(['stats', demo, '--json']);
  t.is(one.code, 0, one.stderr);
  const doc: { file: string; tls: { sessions: number }; decryption: { notDecrypted: number; reasons: unknown[] } } = JSON.parse(one.stdout);
  t.is(doc.file, demo);
  t.is(doc.tls.sessions, 1);
  t.is(doc.decryption.notDecrypted, 1);
  t.is(doc.decryption.reasons.length, 1);
  const two = await keyhole(['stats', demo, demo, '--json']);
  const both: { files: Array<{ frames: number }> } = JSON.parse(two.stdout);
  t.is(both.files.length, 2);
  t.is(both.files[0]?.frames, both.files[1]?.frames);
});

test('keyhole stats on a missing file is one line and exit code 2', async (t) => {
  const r = await keyhole(['stats', 'no-such-file.pcap']);
  t.is(r.code, 2);
  t.regex(r.stderr, /^keyhole: /);
});
