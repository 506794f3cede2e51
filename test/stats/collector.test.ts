/**
 * StatsCollector through the real pipeline on the shared Wireshark captures: protocol hierarchy
 * against tshark 4.0's `-z io,phs` (golden, written once), session tables, decryption verdicts and
 * HTTP status codes (tshark: `-Y http.response -T fields -e http.response.code`).
 */
import test from 'ava';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { DecryptionContext, type SecretOptions } from '../../dissect/decrypt/context.js';
import { captureStats } from '../../dissect/stats/capture-stats.js';
import { OTHER } from '../../dissect/stats/bounded-counter.js';
import { reasonKey, type CaptureStats } from '../../dissect/stats/collector.js';
import type { ProtocolNode } from '../../dissect/stats/protocol-tree.js';
import { fixturePath } from '../helpers/fixtures.js';
import { SHARED_MISSING, repoPath, sharedDirOrSkip, sharedPath } from '../helpers/shared.js';

interface GoldenCase {
  readonly capture: string;
  readonly keylog?: string;
  readonly phs: readonly string[];
}

const golden: { captures: GoldenCase[] } = JSON.parse(readFileSync(repoPath('test/stats/phs.golden.json'), 'utf8'));

async function statsOf(file: string, secrets: SecretOptions = {}, maxKeys?: number): Promise<CaptureStats> {
  const decryption = await DecryptionContext.create(secrets);
  return captureStats(file, { decryption }, maxKeys === undefined ? {} : { maxKeys });
}

/** The tree in tshark's layout: two spaces per level, "name frames:N bytes:N". */
function phsLines(nodes: readonly ProtocolNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.name} frames:${n.frames} bytes:${n.bytes}`, ...phsLines(n.children, depth + 1)]);
}

for (const c of golden.captures) {
  test(`${c.capture}: the protocol hierarchy has tshark's frame and byte counts at every layer`, async (t) => {
    const file = sharedPath(c.capture);
    const keylog = c.keylog === undefined ? undefined : sharedPath(c.keylog);
    if (file === undefined) {
      t.log(SHARED_MISSING);
      t.pass();
      return;
    }
    const stats = await statsOf(file, keylog === undefined ? {} : { keylogs: [keylog] });
    t.deepEqual(phsLines(stats.protocols), c.phs);
  });
}

test('tls12-73-ciphers: 73 sessions, each with its own cipher suite, none decrypted without secrets and every reason counted', async (t) => {
  const shared = sharedDirOrSkip(t);
  if (shared === undefined) return;
  const file = path.join(shared, 'extra/tls12-73-ciphers.pcapng');
  const stats = await statsOf(file);
  t.is(stats.tls.sessions, 73);
  t.is(stats.tls.cipherSuites.length, 73);
  t.true(stats.tls.cipherSuites.every((s) => s.count === 1 && s.value.startsWith('TLS_')));
  t.deepEqual(stats.tls.versions, [{ value: 'TLS 1.2', count: 73 }]);
  t.deepEqual([stats.decryption.decrypted, stats.decryption.notDecrypted, stats.decryption.successRate], [0, 73, 0]);
  t.is(stats.decryption.reasons.reduce((sum, r) => sum + r.count, 0), 73);
  t.true(stats.decryption.reasons.some((r) => r.value.startsWith('ECDHE key exchange') && r.count === 16));
  t.deepEqual(stats.http, { exchanges: 0, statuses: [] });
});

test('tls12-73-ciphers with its key log: every session decrypts and each answers 200', async (t) => {
  const shared = sharedDirOrSkip(t);
  if (shared === undefined) return;
  const file = path.join(shared, 'extra/tls12-73-ciphers.pcapng');
  const keylog = path.join(shared, 'extra/tls12-73-ciphers.keys');
  const stats = await statsOf(file, { keylogs: [keylog] });
  t.deepEqual([stats.decryption.decrypted, stats.decryption.successRate, stats.decryption.reasons], [73, 1, []]);
  t.deepEqual(stats.http.statuses, [{ value: '200', count: 73 }]);
});

test('a bound of 5 keys per table puts the other 68 cipher suites under "(other)"', async (t) => {
  const shared = sharedDirOrSkip(t);
  if (shared === undefined) return;
  const file = path.join(shared, 'extra/tls12-73-ciphers.pcapng');
  const stats = await statsOf(file, {}, 5);
  t.is(stats.tls.cipherSuites.length, 6);
  t.deepEqual(stats.tls.cipherSuites[0], { value: OTHER, count: 68 });
});

test('rsasnakeoil2 with its key: two SSL 3.0 sessions both decrypted, and tshark\'s eleven HTTP status codes', async (t) => {
  const shared = sharedDirOrSkip(t);
  if (shared === undefined) return;
  const file = path.join(shared, 'rsasnakeoil2.pcap');
  const key = path.join(shared, 'rsasnakeoil2.key');
  const stats = await statsOf(file, { keys: [key] });
  t.is(stats.tls.sessions, 2);
  t.deepEqual([stats.decryption.decrypted, stats.decryption.successRate], [2, 1]);
  t.deepEqual(stats.tls.versions, [{ value: 'SSL 3.0', count: 2 }]);
  t.deepEqual(stats.tls.sni, [{ value: '(none)', count: 2 }]);
  // tshark -Y http.response -T fields -e http.response.code: 6 × 200, 4 × 404, 1 × 301.
  t.deepEqual(stats.http, {
    exchanges: 11,
    statuses: [
      { value: '200', count: 6 },
      { value: '404', count: 4 },
      { value: '301', count: 1 },
    ],
  });
  t.is(phsLines(stats.protocols).at(-1), '        http frames:22 bytes:18564');
  t.deepEqual(stats.topTalkers, [{ address: '127.0.0.1', frames: 58, bytes: 24105 }]);
});

test('the demo fixture: its SNI, JA3 and JA4 counted once, and both addresses among the talkers', async (t) => {
  const stats = await statsOf(fixturePath('demo.pcapng'), { keys: [fixturePath('demo.key')] });
  t.deepEqual(stats.tls.sni, [{ value: 'demo.keyhole.test', count: 1 }]);
  t.is(stats.tls.ja3.length, 1);
  t.regex(stats.tls.ja3[0]?.value ?? '', /^[0-9a-f]{32}$/);
  t.regex(stats.tls.ja4[0]?.value ?? '', /^t12/);
  t.is(stats.topTalkers.length, 2);
  t.is(stats.topTalkers[0]?.bytes, stats.bytes);
  t.is(stats.decryption.decrypted, 1);
});

test('a raw IP capture has no link layer in its hierarchy, as in tshark (retrans-tls.pcap starts at ip)', async (t) => {
  const shared = sharedDirOrSkip(t);
  if (shared === undefined) return;
  const file = path.join(shared, 'retrans-tls.pcap');
  const stats = await statsOf(file);
  t.deepEqual(phsLines(stats.protocols).slice(0, 2), ['ip frames:2 bytes:102', '  tcp frames:2 bytes:102']);
});

test('the alpn-h2 fixture decrypted: tshark\'s tls count, and http2 in every frame that completes an HTTP/2 frame', async (t) => {
  const stats = await statsOf(fixturePath('alpn-h2.pcapng'), { keylogs: [fixturePath('alpn-h2.keys')] });
  const lines = phsLines(stats.protocols);
  // tshark -q -z io,phs: tls 36 frames / 7581 bytes; http2 24 frames, two of them only the client
  // preface ("Magic"), which is not an HTTP/2 frame and is not counted here.
  t.is(lines[3], '      tls frames:36 bytes:7581');
  t.is(lines[4], '        http2 frames:22 bytes:3120');
});

test('reasons lose their frame numbers and hex values so alike sessions add up', (t) => {
  t.is(reasonKey('a gap in the client\'s stream at frame 42 cut an encrypted record'), 'a gap in the client\'s stream at frame N cut an encrypted record');
  t.is(reasonKey('TLS 1.3 needs a key log: a server key cannot decrypt it, and no key log has secrets for client random 0123456789abcdef…'), 'TLS 1.3 needs a key log: a server key cannot decrypt it, and no key log has secrets for client random …');
  t.is(reasonKey('17 bytes of a server record were not captured (frame 9)'), 'N bytes of a server record were not captured (frame N)');
});
