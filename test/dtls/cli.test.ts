/**
 * The command line on the shared DTLS captures: `follow --udp` prints the decrypted lines in
 * tshark's follow layout, `export` writes udp-stream-N files and says "transport": "udp" in its
 * index, and `dissect` lists the session as udp (table and JSON).
 */
import test from 'ava';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { keyhole } from '../helpers/cli.js';
import { sharedPath, SHARED_MISSING } from '../helpers/shared.js';
import { PSK } from './cases.js';

test('follow --udp prints the DTLS application data of udp.stream 0 in the follow,tls ascii layout', async (t) => {
  const capture = sharedPath('snakeoil-dtls.pcap');
  const key = sharedPath('snakeoil-rsa.key');
  if (capture === undefined || key === undefined) return void t.pass(SHARED_MISSING);
  const r = await keyhole(['follow', capture, '--udp', '--stream', '0', '--key', key]);
  t.is(r.code, 0, r.stderr);
  t.deepEqual(r.stdout.split('\n').slice(1), [
    '===================================================================',
    'Follow: dtls,ascii',
    'Filter: udp.stream eq 0',
    'Node 0: 127.0.0.1:33192',
    'Node 1: 127.0.0.1:4433',
    '10', 'it work !',
    '11', "isn't it ?",
    '27', 'this is a concluant test !',
    '===================================================================',
    '',
  ]);
  const tcp = await keyhole(['follow', capture, '--stream', '0', '--key', key]);
  t.is(tcp.code, 2);
  t.regex(tcp.stderr, /no TCP stream 0/, 'without --udp the stream index is a tcp.stream');
});

test('export writes udp-stream-0-client.bin and -server.bin and an index entry with "transport": "udp"', async (t) => {
  const capture = sharedPath('dtls12-aes128ccm8.pcap');
  if (capture === undefined) return void t.pass(SHARED_MISSING);
  const out = mkdtempSync(path.join(tmpdir(), 'keyhole-dtls-export-'));
  const r = await keyhole(['export', capture, '--psk', PSK, '--out', out, '--quiet']);
  t.is(r.code, 0, r.stderr);
  t.deepEqual(readdirSync(out).sort(), ['index.json', 'udp-stream-0-client.bin', 'udp-stream-0-server.bin']);
  const lines = 'DTLS1.2 test using GnuTLS 3.5.8\nWorks for me!\n';
  t.is(readFileSync(path.join(out, 'udp-stream-0-client.bin'), 'utf8'), lines);
  t.is(readFileSync(path.join(out, 'udp-stream-0-server.bin'), 'utf8'), lines);
  const index = JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8'));
  t.like(index.streams[0], {
    stream: 0, transport: 'udp', client: '127.0.0.1:54273', server: '127.0.0.1:4433', version: 'DTLS 1.2',
    decryption: { status: 'decrypted', source: 'psk' }, files: { client: 'udp-stream-0-client.bin', server: 'udp-stream-0-server.bin' },
  });
});

test('dissect lists the DTLS session as udp 0, and --json gives it transport udp, a udp summary and a JA4 marked DTLS', async (t) => {
  const capture = sharedPath('dtls12-aes128ccm8-dsb.pcapng');
  if (capture === undefined) return void t.pass(SHARED_MISSING);
  const json = await keyhole(['dissect', capture, '--json']);
  t.is(json.code, 0, json.stderr);
  const report = JSON.parse(json.stdout);
  const session = report.connections[0];
  t.like(session, { stream: 0, transport: 'udp', udp: { roles: 'payload', clientToServer: { packets: 6 }, serverToClient: { packets: 7 } } });
  t.like(session.tls, { version: 'DTLS 1.2', decryption: { status: 'decrypted', source: 'dsb' }, dtls: { retransmittedFragments: 0, replayedRecords: 0 } });
  t.regex(session.tls.ja4, /^dd2/, 'JA4: d for DTLS, d2 for DTLS 1.2');
  t.is(session.tcp, undefined);
  const table = await keyhole(['dissect', capture]);
  t.regex(table.stdout, /│\s+udp 0 │ 127\.0\.0\.1:54273/);
  t.regex(table.stdout, /1 TLS session \(1 DTLS over UDP\), 1 decrypted/);
});

test('dissect -Y lists a DTLS conversation when one of its frames matches, as it does a TCP connection', async (t) => {
  const capture = sharedPath('snakeoil-dtls.pcap');
  if (capture === undefined) return void t.pass(SHARED_MISSING);
  const matching = await keyhole(['dissect', capture, '-Y', 'udp.srcport > udp.dstport && udp.length > 100', '--json', '--quiet']);
  t.is(matching.code, 0, matching.stderr);
  t.deepEqual(JSON.parse(matching.stdout).connections.map((c: { transport: string; stream: number }) => `${c.transport} ${c.stream}`), ['udp 0']);
  const none = await keyhole(['dissect', capture, '-Y', 'tcp', '--json', '--quiet']);
  t.is(none.code, 0, none.stderr);
  t.deepEqual(JSON.parse(none.stdout).connections, [], 'no frame is TCP, so the conversation is left out');
});

test('explain --udp tells the DTLS session of udp.stream 0 with its key schedule; without --udp the index is a tcp.stream', async (t) => {
  const capture = sharedPath('snakeoil-dtls.pcap');
  const key = sharedPath('snakeoil-rsa.key');
  if (capture === undefined || key === undefined) return void t.pass(SHARED_MISSING);
  const r = await keyhole(['explain', capture, '--udp', '--stream', '0', '--key', key]);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /^udp\.stream 0: 127\.0\.0\.1:33192 → 127\.0\.0\.1:4433$/m);
  t.regex(r.stdout, /The server picks DTLS 1\.0 \(OpenSSL pre 0\.9\.8f\) and TLS_RSA_WITH_AES_256_CBC_SHA/);
  t.regex(r.stdout, /master secret \(48 bytes\):\n\s+[0-9a-f]{64}\n\s+[0-9a-f]{32}\n/);
  t.regex(r.stdout, /Verdict: decrypted \(rsa-key\)/);
  const tcp = await keyhole(['explain', capture, '--stream', '0', '--key', key]);
  t.is(tcp.code, 2);
  t.regex(tcp.stderr, /no TCP stream 0/);
});

test('keyhole.decrypted marks DTLS records keyhole opened: with the key the conversation matches, without it none does', async (t) => {
  const capture = sharedPath('snakeoil-dtls.pcap');
  const key = sharedPath('snakeoil-rsa.key');
  if (capture === undefined || key === undefined) return void t.pass(SHARED_MISSING);
  const filter = 'keyhole.decrypted && dtls.record.content_type == 23';
  const keyed = await keyhole(['dissect', capture, '-Y', filter, '--key', key, '--json', '--quiet']);
  t.is(keyed.code, 0, keyed.stderr);
  t.deepEqual(JSON.parse(keyed.stdout).connections.map((c: { transport: string }) => c.transport), ['udp']);
  const keyless = await keyhole(['dissect', capture, '-Y', filter, '--json', '--quiet']);
  t.is(keyless.code, 0, keyless.stderr);
  t.deepEqual(JSON.parse(keyless.stdout).connections, []);
});

test('export -Y keeps a DTLS conversation with a matching frame and drops it otherwise', async (t) => {
  const capture = sharedPath('dtls12-aes128ccm8.pcap');
  if (capture === undefined) return void t.pass(SHARED_MISSING);
  const exported = async (filter: string): Promise<string[]> => {
    const out = mkdtempSync(path.join(tmpdir(), 'keyhole-dtls-export-'));
    const r = await keyhole(['export', capture, '--psk', PSK, '--out', out, '-Y', filter, '--quiet']);
    t.is(r.code, 0, r.stderr);
    return readdirSync(out).sort();
  };
  t.deepEqual(await exported('dtls.record.content_type == 23 && udp.dstport == 4433'), ['index.json', 'udp-stream-0-client.bin', 'udp-stream-0-server.bin']);
  t.deepEqual(await exported('tcp'), ['index.json']);
});

test('dissect -V shows a retransmitted DTLS ClientHello in the frame that carries it, as tshark -V does', async (t) => {
  const capture = sharedPath('udt-dtls.pcapng.gz');
  const key = sharedPath('udt-dtls.key');
  if (capture === undefined || key === undefined) return void t.pass(SHARED_MISSING);
  const r = await keyhole(['dissect', capture, '-V', '--quiet', '--key', key]);
  t.is(r.code, 0, r.stderr);
  const frames = r.stdout.split(/^(?=Frame \d+, )/m);
  const hellos = frames.filter((f) => /^ {4}Handshake Protocol: ClientHello$/m.test(f)).map((f) => Number(/^Frame (\d+)/.exec(f)?.[1]));
  // MANIFEST.md: the ClientHello is retransmitted (frame 2), then answered with a HelloVerifyRequest.
  t.deepEqual(hellos.slice(0, 2), [1, 2]);
});
