import test from 'ava';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readCapture } from '../../dissect/capture/reader.js';
import { keyhole } from '../helpers/cli.js';
import { fixturePath, manifests } from '../helpers/fixtures.js';

const demo = fixturePath('demo.pcapng');
const demoKey = fixturePath('demo.key');
const manifest = manifests().find((m) => m.scenario === 'demo');
const expected = manifest?.connections[0];
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const temp = (): string => mkdtempSync(path.join(tmpdir(), 'keyhole-cli-'));

interface Json {
  connections: Array<{ stream: number; client: string; server: string; tls: null | {
    version: string; cipherSuite: { id: number; name: string }; sni: string; alpn: string;
    handshake: Array<{ type: string; from: string; frame: number }>; certificates: Array<{ subject: string }>;
    decryption: { status: string; source: string | null; reason: string | null }; diagnostics: Array<{ code: string }>;
  } }>;
  diagnostics: Array<{ code: string; message: string }>;
}

test('dissect --json on the demo with its key: documented shape, decrypted by the RSA key', async (t) => {
  const r = await keyhole(['dissect', demo, '--key', demoKey, '--json']);
  t.is(r.code, 0, r.stderr);
  const doc: Json = JSON.parse(r.stdout);
  const tls = doc.connections[0]?.tls;
  t.is(doc.connections[0]?.client, expected?.client);
  t.is(doc.connections[0]?.server, expected?.server);
  t.is(tls?.version, 'TLS 1.2');
  t.deepEqual(tls?.cipherSuite, { id: expected?.tls.cipherSuite.id, name: expected?.tls.cipherSuite.iana });
  t.is(tls?.sni, expected?.tls.sni ?? undefined);
  t.is(tls?.alpn, expected?.tls.alpn ?? undefined);
  t.deepEqual(tls?.handshake.slice(0, 2).map((h) => [h.type, h.from]), [['client_hello', 'client'], ['server_hello', 'server']]);
  t.regex(tls?.certificates[0]?.subject ?? '', /CN=demo\.keyhole\.test/);
  t.like(tls?.decryption, { status: 'decrypted', source: 'rsa-key', reason: null });
});

test('a key that matches no certificate: not decrypted, the reason names the certificate, the key is reported unmatched', async (t) => {
  const r = await keyhole(['dissect', demo, '--key', fixturePath('client-cert.client.key'), '--json']);
  t.is(r.code, 0, r.stderr);
  const doc: Json = JSON.parse(r.stdout);
  t.is(doc.connections[0]?.tls?.decryption.status, 'not-decrypted');
  t.regex(doc.connections[0]?.tls?.decryption.reason ?? '', /no key matches this server's certificate/);
  t.true(doc.diagnostics.some((d) => d.code === 'secret.key-unmatched'));
});

test('a corrupted record fails its tag check: the session is partial and the reason names the frame', async (t) => {
  let target: { fileOffset: number; length: number } | undefined;
  await readCapture(demo, {
    onFrame: (f) => {
      if (f.number === 12) target = { fileOffset: f.fileOffset, length: f.data.length };
    },
  });
  const bytes = readFileSync(demo);
  const at = (target?.fileOffset ?? 0) + (target?.length ?? 0) - 20;
  bytes[at] = (bytes[at] ?? 0) ^ 0x40;
  const file = path.join(temp(), 'corrupt.pcapng');
  writeFileSync(file, bytes);
  const r = await keyhole(['dissect', file, '--key', demoKey, '--json']);
  const doc: Json = JSON.parse(r.stdout);
  t.is(doc.connections[0]?.tls?.decryption.status, 'partial');
  t.regex(doc.connections[0]?.tls?.decryption.reason ?? '', /frame 12/);
});

test('unusable inputs give one clear line and exit code 2, never a stack trace', async (t) => {
  const notCapture = await keyhole(['dissect', fixturePath('demo.manifest.json')]);
  t.is(notCapture.code, 2);
  t.regex(notCapture.stderr, /^keyhole: .*is not a capture file/);
  t.notRegex(notCapture.stderr, /\n\s+at /);
  const missing = await keyhole(['streams', '/no/such/file.pcap']);
  t.is(missing.code, 2);
  t.regex(missing.stderr, /no such file/);
  const badKey = await keyhole(['dissect', demo, '--key', fixturePath('demo.manifest.json')]);
  t.is(badKey.code, 2);
  t.is(badKey.stderr.trim().split('\n').length, 1);
  const noStream = await keyhole(['follow', demo, '--stream', '9', '--key', demoKey]);
  t.is(noStream.code, 2);
  t.regex(noStream.stderr, /no TCP stream 9/);
});

test('follow prints the decrypted conversation in order, server parts indented', async (t) => {
  const r = await keyhole(['follow', demo, '--stream', '0', '--key', demoKey]);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /Node 0: 192\.0\.2\.10:\d+\nNode 1: 198\.51\.100\.20:443/);
  t.regex(r.stdout, /\nGET \/ HTTP\/1\.1\n/);
  t.regex(r.stdout, /\n\tHTTP\/1\.1 200 OK/);
  const hexForm = await keyhole(['follow', demo, '-s', '0', '--key', demoKey, '--format', 'hex']);
  // tshark's hex layout, byte for byte.
  t.true(hexForm.stdout.includes('\n00000000  47 45 54 20 2f 20 48 54  54 50 2f 31 2e 31 0d 0a  GET / HT TP/1.1..\n'));
});

test('export writes each side as node:tls sent it, an index, and a 0600 key log other runs can decrypt with', async (t) => {
  const out = temp();
  const keylog = path.join(out, 'out.keys');
  const r = await keyhole(['export', demo, '--key', demoKey, '--out', out, '--keylog-out', keylog]);
  t.is(r.code, 0, r.stderr);
  const client = readFileSync(path.join(out, 'stream-0-client.bin'));
  const server = readFileSync(path.join(out, 'stream-0-server.bin'));
  t.deepEqual([sha256(client), sha256(server)], [expected?.plaintext.clientToServer.sha256, expected?.plaintext.serverToClient.sha256]);
  const index = JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8'));
  t.like(index.streams[0], { stream: 0, sni: 'demo.keyhole.test', files: { client: 'stream-0-client.bin', server: 'stream-0-server.bin' } });
  t.is(statSync(keylog).mode & 0o777, 0o600);
  t.regex(readFileSync(keylog, 'utf8'), /^CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}\n$/);
  const again = temp();
  const second = await keyhole(['export', demo, '--keylog', keylog, '--out', again]);
  t.is(second.code, 0, second.stderr);
  t.deepEqual(readFileSync(path.join(again, 'stream-0-server.bin')), server);
});

test('explain tells the RSA key schedule with the values the key log confirms', async (t) => {
  const r = await keyhole(['explain', demo, '--stream', '0', '--key', demoKey]);
  t.is(r.code, 0, r.stderr);
  const master = /CLIENT_RANDOM [0-9a-f]+ ([0-9a-f]+)/.exec(readFileSync(fixturePath('demo.keys'), 'utf8'))?.[1] ?? 'missing';
  const printed = r.stdout.replace(/\n\s+(?=[0-9a-f]{32,64}\n)/g, '');
  t.true(printed.includes(master), 'the master secret printed equals the key log line');
  t.regex(r.stdout, /pre-master secret \(48 bytes\)/);
  t.regex(r.stdout, /"extended master secret"/);
  t.regex(r.stdout, /client write key \(16 bytes\): [0-9a-f]{32}/);
  t.regex(r.stdout, /Verdict: decrypted \(rsa-key\)/);
});
