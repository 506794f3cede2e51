/**
 * Playback events from real captures: the handshake messages and alerts tshark finds (with the
 * key log), the plaintext byte counts the fixture manifests record, verdicts, stream selection,
 * and the streaming contract (the reader is held while the consumer is behind; leaving early
 * stops the events; an unreadable capture throws from the loop).
 */
import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CaptureError } from '../../dissect/capture/types.js';
import { DecryptionContext, type SecretOptions } from '../../dissect/decrypt/context.js';
import { alertDescriptionName, handshakeTypeTitle } from '../../dissect/tls/tables/index.js';
import { generateBenchCapture } from '../../fixtures/generator/bench.js';
import { playbackEvents, type PlaybackOptions } from '../../replay/playback/event-stream.js';
import type { PlaybackEvent } from '../../replay/playback/events.js';
import { PREVIEW_BYTES } from '../../replay/playback/translator.js';
import { fixturePath, manifests } from '../helpers/fixtures.js';
import { TSHARK_MISSING, runTshark, tsharkAvailable } from '../fixtures/tshark.js';

async function collect(capture: string, secrets: SecretOptions, options: Omit<PlaybackOptions, 'decryption'> = {}): Promise<PlaybackEvent[]> {
  const events: PlaybackEvent[] = [];
  for await (const event of playbackEvents(capture, { ...options, decryption: await DecryptionContext.create(secrets) })) events.push(event);
  return events;
}

const DEMO = { keys: [fixturePath('demo.key')] };

test('the demo connection plays as open, handshake, four messages of data, two alerts, close and verdict', async (t) => {
  const events = await collect(fixturePath('demo.pcapng'), DEMO);
  t.deepEqual(
    events.map((e) => [e.event, e.frame, 'from' in e ? e.from : '', e.event === 'handshake' ? e.message : e.event === 'data' ? e.length : '']),
    [
      ['open', 1, '', ''],
      ['handshake', 4, 'client', 'ClientHello'],
      ['handshake', 6, 'server', 'ServerHello'],
      ['handshake', 6, 'server', 'Certificate'],
      ['handshake', 6, 'server', 'ServerHelloDone'],
      ['handshake', 8, 'client', 'ClientKeyExchange'],
      ['handshake', 8, 'client', 'Finished'],
      ['handshake', 10, 'server', 'NewSessionTicket'],
      ['handshake', 10, 'server', 'Finished'],
      ['data', 12, 'client', 96],
      ['data', 14, 'server', 387],
      ['data', 16, 'client', 121],
      ['data', 18, 'server', 246],
      ['alert', 20, 'client', ''],
      ['alert', 22, 'server', ''],
      ['close', 25, '', ''],
      ['verdict', 25, '', ''],
    ],
  );
  t.like(events[1], { sni: 'demo.keyhole.test', encrypted: false });
  t.like(events[2], { version: 'TLS 1.2', cipherSuite: 'TLS_RSA_WITH_AES_128_GCM_SHA256', alpn: 'http/1.1' });
  t.like(events[6], { encrypted: true });
  t.like(events[9], { preview: 'GET / HTTP/1.1..Host: demo.keyhole.test..User-Agent: keyhole-fix' });
  t.like(events[13], { level: 'warning', description: 'close_notify', encrypted: true });
  t.like(events[15], { reason: 'fin' });
  t.like(events[16], { decryption: { status: 'decrypted', source: 'rsa-key', records: { protected: 8, decrypted: 8, failed: 0 } } });
  t.is(events[0]?.offset, 0, 'offsets count from the first frame');
  t.deepEqual(events[9]?.time, { sec: 1717243200, nsec: 14_689_000 });
  t.true(events.every((e, i) => i === 0 || e.offset >= (events[i - 1]?.offset ?? 0)), 'in capture order');
});

for (const scenario of ['demo', 'tls13-keylog', 'alpn-h2']) {
  test(`${scenario}: handshake messages and alerts are the ones tshark decodes with the key log, frame for frame`, async (t) => {
    if (!tsharkAvailable) {
      t.log(TSHARK_MISSING);
      t.pass();
      return;
    }
    const capture = fixturePath(`${scenario}.pcapng`);
    const keylog = fixturePath(`${scenario}.keys`);
    const out = await runTshark(['-r', capture, '-o', `tls.keylog_file:${keylog}`, '-Y', 'tls.handshake or tls.alert_message', '-T', 'fields', '-e', 'tcp.stream', '-e', 'frame.number', '-e', 'tls.handshake.type', '-e', 'tls.alert_message.desc']);
    const expected = out
      .split('\n')
      .filter((line) => line.length > 0)
      .flatMap((line) => {
        const [stream = '', frame = '', types = '', alerts = ''] = line.split('\t');
        const names = [...types.split(',').filter((x) => x !== '').map((x) => handshakeTypeTitle(Number(x))), ...alerts.split(',').filter((x) => x !== '').map((x) => `alert ${alertDescriptionName(Number(x))}`)];
        return names.map((name) => `${stream} ${frame} ${name}`);
      });
    const events = await collect(capture, { keylogs: [keylog] });
    const played = events.flatMap((e) => (e.event === 'handshake' ? [`${e.stream} ${e.frame} ${e.message}`] : e.event === 'alert' ? [`${e.stream} ${e.frame} alert ${e.description ?? '?'}`] : []));
    t.true(expected.length > 5);
    t.deepEqual(played, expected);
  });
}

test('data events add up to each fixture connection\'s plaintext, and previews are short and printable', async (t) => {
  const manifest = manifests().find((m) => m.scenario === 'ipv6');
  if (manifest === undefined) return t.fail('the ipv6 fixture manifest is missing');
  const events = await collect(fixturePath('ipv6.pcapng'), { keys: [fixturePath('ipv6.key')], keylogs: [fixturePath('ipv6.keys')] });
  const totals = manifest.connections.map((c) => [c.plaintext.clientToServer.length, c.plaintext.serverToClient.length]);
  const played = manifest.connections.map((c) =>
    (['client', 'server'] as const).map((side) => events.reduce((n, e) => n + (e.event === 'data' && e.stream === c.index && e.from === side ? e.length : 0), 0)),
  );
  t.deepEqual(played, totals);
  t.true(events.some((e) => e.event === 'open' && e.client.startsWith('[2001:db8::10]:')), 'IPv6 endpoints in brackets');
  for (const e of events) if (e.event === 'data') t.regex(e.preview, new RegExp(`^[\\x20-\\x7e]{1,${PREVIEW_BYTES}}$`));
});

test('without secrets a TLS connection plays its handshake but no data, and the verdict says why', async (t) => {
  const events = await collect(fixturePath('demo.pcapng'), {});
  t.false(events.some((e) => e.event === 'data'));
  t.true(events.some((e) => e.event === 'handshake' && e.message === 'ClientHello'));
  const verdict = events.find((e) => e.event === 'verdict');
  t.like(verdict, { decryption: { status: 'not-decrypted' } });
  t.regex(verdict?.event === 'verdict' ? (verdict.decryption.reason ?? '') : '', /./);
});

test('a selection plays only the flows it names', async (t) => {
  const events = await collect(fixturePath('alpn-h2.pcapng'), { keylogs: [fixturePath('alpn-h2.keys')] }, { selects: (transport, stream) => transport === 'tcp' && stream === 1 });
  t.true(events.length > 10);
  t.true(events.every((e) => e.stream === 1));
  t.is(events[0]?.event, 'open');
  t.true(events[0] !== undefined && events[0].offset > 0, 'offsets still count from the capture\'s first frame');
});

test('a capture that cannot be read throws from the loop', async (t) => {
  await t.throwsAsync(collect(fixturePath('no-such-capture.pcapng'), {}));
  await t.throwsAsync(collect(fixturePath('demo.key'), {}), { instanceOf: CaptureError });
});

test('the reader waits for a slow consumer instead of queueing the capture, and leaving early stops the events', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'keyhole-playback-'));
  const bench = await generateBenchCapture({ dir, connections: 2, bytesPerDirection: 2_500_000, seed: 'playback-test', keyBits: 1024 });
  let framesRead = 0;
  const counter = { frame: () => void framesRead++ };
  const options: PlaybackOptions = { decryption: await DecryptionContext.create({ keys: [bench.serverKey] }), alsoListening: counter };
  let total = 0;
  for await (const event of playbackEvents(bench.capture, options)) {
    if (event.event === 'verdict') t.like(event, { decryption: { status: 'decrypted' } });
    total++;
  }
  const allFrames = framesRead;
  t.true(total > 300);

  framesRead = 0;
  const held = playbackEvents(bench.capture, { ...options, decryption: await DecryptionContext.create({ keys: [bench.serverKey] }) });
  const first = await held.next();
  t.is(first.value?.event, 'open');
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.log(`${framesRead} of ${allFrames} frames read while the consumer held the first event`);
  t.true(framesRead < allFrames * 0.75, `the reader stopped after about a block (${framesRead} of ${allFrames} frames)`);
  await held.return(undefined);
  const after = await held.next();
  t.true(after.done, 'no events after leaving');
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.true(framesRead < allFrames, `the pass stopped reading once the consumer left (${framesRead} of ${allFrames} frames)`);
});

test('every truncated prefix of a capture plays without throwing, as a prefix of the whole playback', async (t) => {
  const whole = readFileSync(fixturePath('demo.pcapng'));
  const secrets = { keys: [fixturePath('demo.key')] };
  const describe = (e: PlaybackEvent): string => `${e.event} ${e.frame}`;
  const full = (await collect(fixturePath('demo.pcapng'), secrets)).map(describe);
  const dir = mkdtempSync(path.join(tmpdir(), 'keyhole-playback-prefix-'));
  let played = 0;
  for (let length = 0; length < whole.length; length += 61) {
    const prefix = path.join(dir, `prefix-${length}.pcapng`);
    writeFileSync(prefix, whole.subarray(0, length));
    try {
      // Connection-level endings differ (the capture ends early); everything before them is the same.
      const events = (await collect(prefix, secrets)).filter((e) => e.event !== 'close' && e.event !== 'verdict').map(describe);
      t.deepEqual(events, full.slice(0, events.length), `prefix of ${length} bytes`);
      played++;
    } catch (error) {
      t.true(error instanceof CaptureError, `prefix of ${length} bytes: only an unusable file is an error (${String(error)})`);
    }
  }
  t.true(played > whole.length / 61 - 3);
});
