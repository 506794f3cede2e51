import test from 'ava';
import { keyhole } from '../helpers/cli.js';
import { fixturePath } from '../helpers/fixtures.js';

test('dissect --ndjson writes one session object per line, then the capture, and no progress on a pipe', async (t) => {
  const r = await keyhole(['dissect', fixturePath('resumption.pcapng'), '--key', fixturePath('resumption.key'), '--ndjson']);
  t.is(r.code, 0, r.stderr);
  t.is(r.stderr, '');
  const lines: Array<{ type: string; stream?: number; tls?: { resumed: boolean } }> = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  t.deepEqual(lines.filter((l) => l.type === 'session').map((l) => l.stream).sort(), [0, 1, 2, 3, 4, 5]);
  t.is(lines.at(-1)?.type, 'capture');
  t.is(lines.filter((l) => l.tls?.resumed === true).length, 3);
});
