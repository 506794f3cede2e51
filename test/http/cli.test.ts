import test from 'ava';
import { keyhole } from '../helpers/cli.js';
import { fixturePath } from '../helpers/fixtures.js';

const demo = fixturePath('demo.pcapng');
const demoKey = fixturePath('demo.key');
const h2 = fixturePath('alpn-h2.pcapng');
const h2Secrets = ['--key', fixturePath('alpn-h2.key'), '--keylog', fixturePath('alpn-h2.keys')];

interface ExchangeJson {
  stream: number;
  http2Stream: number | null;
  method: string | null;
  path: string | null;
  status: number | null;
  request: { headers: Array<{ name: string; value: string }>; body?: { encoding: string; data: string } | null } | null;
  response: { contentType: string | null; size: number; body?: { encoding: string; data: string } | null } | null;
  timing: { requestSent: string | null; done: string | null };
}

test('keyhole http prints a table row per exchange of the demo', async (t) => {
  const r = await keyhole(['http', demo, '--key', demoKey]);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /stream .* method .* authority .* path .* status .* content type .* size .* time/);
  t.regex(r.stdout, /│ +0 │ GET +│ demo\.keyhole\.test │ \/ +│ +200 │ text\/html +│ 240 B │/);
  t.regex(r.stdout, /\/api\/orders\?limit=2/);
  t.regex(r.stdout, /2 exchanges/);
});

test('keyhole http --json --bodies gives headers, timing and bodies as text', async (t) => {
  const r = await keyhole(['http', h2, ...h2Secrets, '--json', '--bodies']);
  t.is(r.code, 0, r.stderr);
  const doc: { exchanges: ExchangeJson[] } = JSON.parse(r.stdout);
  t.is(doc.exchanges.length, 6);
  const post = doc.exchanges.find((e) => e.method === 'POST');
  t.deepEqual(post?.request?.body, { encoding: 'text', data: '{"echo":"keyhole"}' });
  t.true(post?.request?.headers.some((h) => h.name === ':path' && h.value === '/api/echo') ?? false);
  t.regex(post?.timing.requestSent ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
  t.is(post?.response?.contentType, 'application/json');
});

test('keyhole http --ndjson prints one exchange per line, without bodies unless asked', async (t) => {
  const r = await keyhole(['http', demo, '--key', demoKey, '--ndjson']);
  t.is(r.code, 0, r.stderr);
  const lines: ExchangeJson[] = r.stdout.trim().split('\n').map((line) => JSON.parse(line));
  t.deepEqual(lines.map((e) => [e.path, e.status]), [['/', 200], ['/api/orders?limit=2', 200]]);
  t.false('body' in (lines[0]?.response ?? {}));
});

test('keyhole http without secrets says there is nothing to show, and a missing file is exit code 2', async (t) => {
  const none = await keyhole(['http', demo]);
  t.is(none.code, 0, none.stderr);
  t.regex(none.stdout, /no HTTP exchanges/);
  const missing = await keyhole(['http', 'no-such-file.pcap']);
  t.is(missing.code, 2);
  t.regex(missing.stderr, /^keyhole: /);
  const bad = await keyhole(['http', demo, '--max-body', 'lots']);
  t.is(bad.code, 2);
  t.regex(bad.stderr, /--max-body/);
});
