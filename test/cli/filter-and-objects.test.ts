import test from 'ava';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { keyhole } from '../helpers/cli.js';
import { sharedDirOrSkip } from '../helpers/shared.js';

const temp = (): string => mkdtempSync(path.join(tmpdir(), 'keyhole-cli-'));

test('streams -Y keeps the connections with a matching packet; a bad filter points at its column', async (t) => {
  const shared = sharedDirOrSkip(t);
  if (shared === undefined) return;
  const file = path.join(shared, 'tls12-chacha20poly1305.pcap');
  const r = await keyhole(['streams', file, '--json', '-Y', 'tls.handshake.ciphersuite in {0xccaa, 0xccab}']);
  t.is(r.code, 0, r.stderr);
  const doc: { files: Array<{ connections: Array<{ stream: number }> }> } = JSON.parse(r.stdout);
  t.deepEqual(doc.files[0]?.connections.map((c) => c.stream), [2, 6]);
  const bad = await keyhole(['streams', file, '-Y', 'tcp.port == 443 and tls.handshake.extension_server_name']);
  t.is(bad.code, 2);
  t.regex(bad.stderr, /\n {4}tcp\.port == 443 and tls\.handshake\.extension_server_name\n {4}( ){20}\^~+\n/);
  t.regex(bad.stderr, /Did you mean "tls\.handshake\.extensions_server_name"\?/);
});

test('dissect -V -Y prints only the matching frames', async (t) => {
  const shared = sharedDirOrSkip(t);
  if (shared === undefined) return;
  const file = path.join(shared, 'tls12-chacha20poly1305.pcap');
  const r = await keyhole(['dissect', file, '-V', '-Y', 'tls.handshake.type == 2']);
  t.is(r.code, 0, r.stderr);
  const records = r.stdout.split('\n').filter((l) => l.startsWith('Frame '));
  const frames = new Set(records.map((l) => l.split(',')[0]));
  t.is(frames.size, 7, 'one ServerHello frame per stream');
  t.true(records.every((l) => l.includes('server → client')));
  t.false(r.stdout.includes('Handshake Protocol: ClientHello'));
});

test('export --http writes the response bodies of the matching connections in the same pass', async (t) => {
  const shared = sharedDirOrSkip(t);
  if (shared === undefined) return;
  const file = path.join(shared, 'rsasnakeoil2.pcap');
  const key = path.join(shared, 'rsasnakeoil2.key');
  const out = temp();
  const objects = temp();
  const r = await keyhole(['export', file, '--key', key, '--out', out, '--http', objects, '-Y', 'tcp.stream == 1']);
  t.is(r.code, 0, r.stderr);
  t.deepEqual(readdirSync(out).sort(), ['index.json', 'stream-1-client.bin', 'stream-1-server.bin']);
  const names = readdirSync(objects);
  t.true(names.includes('apache_pb.png'));
  t.false(names.includes('jhe061.png'), 'jhe061.png was asked for on stream 0');
  const png = readFileSync(path.join(objects, 'apache_pb.png'));
  t.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
});

test('filters see HTTP fields of decrypted traffic when the secrets are given', async (t) => {
  const shared = sharedDirOrSkip(t);
  if (shared === undefined) return;
  const file = path.join(shared, 'rsasnakeoil2.pcap');
  const key = path.join(shared, 'rsasnakeoil2.key');
  const r = await keyhole(['streams', file, '--key', key, '--json', '-Y', 'http.request.uri contains "favicon"']);
  t.is(r.code, 0, r.stderr);
  const doc: { files: Array<{ connections: Array<{ stream: number }> }> } = JSON.parse(r.stdout);
  t.deepEqual(doc.files[0]?.connections.map((c) => c.stream), [1]);
});
