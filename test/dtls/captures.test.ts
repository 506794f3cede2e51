/**
 * The four DTLS captures of the shared corpus against tshark 4.0 (golden/dtls-captures.json,
 * written once by update-golden.ts): every record tshark decrypts, keyhole decrypts to the same
 * bytes at the same frame, epoch and sequence number; the handshake messages are tshark's, less
 * the retransmissions keyhole drops by message_seq; and the sessions get a TLS-style verdict.
 */
import test, { type ExecutionContext } from 'ava';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../../dissect/analyze.js';
import { DecryptionContext, type SecretOptions } from '../../dissect/decrypt/context.js';
import type { DecryptionVerdict } from '../../dissect/decrypt/verdict.js';
import { isDtlsRecord } from '../../dissect/dtls/record.js';
import type { DtlsSession } from '../../dissect/dtls/session.js';
import { HandshakeType } from '../../dissect/tls/tables/index.js';
import type { UdpConversation } from '../../dissect/udp/conversation.js';
import { repoPath, sharedCaptures, SHARED_MISSING } from '../helpers/shared.js';
import { DTLS_CASES, PSK, folderOf, type DecryptedRecord, type DtlsCase, type Message, type StreamFacts } from './cases.js';

const golden: Record<string, Record<string, StreamFacts>> = JSON.parse(readFileSync(repoPath('test/dtls/golden/dtls-captures.json'), 'utf8'));
const TYPE_NUMBERS: ReadonlyMap<string, number> = new Map(Object.entries(HandshakeType));

interface Run {
  readonly streams: Map<number, { conversation: UdpConversation; session: DtlsSession; verdict: DecryptionVerdict | undefined }>;
  readonly decrypted: Map<number, DecryptedRecord[]>;
  readonly applicationData: Map<number, string[]>;
}

function secretsOf(c: DtlsCase, dir: string): SecretOptions {
  return { ...(c.key === undefined ? {} : { keys: [path.join(dir, c.key)] }), ...(c.psk === undefined ? {} : { psks: [c.psk] }) };
}

async function run(file: string, secrets: SecretOptions): Promise<Run> {
  const decryption = await DecryptionContext.create(secrets);
  const out: Run = { streams: new Map(), decrypted: new Map(), applicationData: new Map() };
  await analyze(
    file,
    {
      record({ session, record, opened }) {
        if (opened === undefined || !isDtlsRecord(record)) return;
        const from = record.direction === 0 ? session.connection.client.text : session.connection.server.text;
        const bytes = Buffer.from(opened.plaintext);
        const list = out.decrypted.get(session.connection.index) ?? [];
        list.push({
          frame: record.frame, from, epoch: record.epoch, sequence: record.sequence, contentType: opened.contentType, length: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          ...(bytes.length <= 256 ? { hex: bytes.toString('hex') } : {}),
        });
        out.decrypted.set(session.connection.index, list);
      },
      applicationData(session, _direction, plaintext) {
        const list = out.applicationData.get(session.connection.index) ?? [];
        list.push(Buffer.from(plaintext).toString('latin1'));
        out.applicationData.set(session.connection.index, list);
      },
      finishedUdp(conversation, session) {
        out.streams.set(conversation.index, { conversation, session, verdict: session.opener?.tracker.verdict() });
      },
    },
    { decryption },
  );
  return out;
}

/** A capture folder (the shared one unless given), or undefined with the test passed and the reason logged. */
function captures(t: ExecutionContext, folder: string | undefined = sharedCaptures): string | undefined {
  if (folder === undefined) {
    t.log(SHARED_MISSING);
    t.pass();
  }
  return folder;
}

/**
 * tshark lists every fragment and every retransmission; keyhole reads each message_seq of a
 * sender once, at the frame whose fragment completes it.
 */
function completedMessages(fragments: readonly Message[]): Message[] {
  const received = new Map<string, number>();
  return fragments.filter((m) => {
    const key = `${m.from} ${m.messageSeq}`;
    const before = received.get(key) ?? 0;
    if (before >= m.length && received.has(key)) return false;
    // The fragments of these captures come in order, so the bytes so far end where the next one starts.
    const after = Math.max(before, m.fragmentOffset + m.fragmentLength);
    received.set(key, after);
    return after >= m.length;
  });
}

for (const c of DTLS_CASES) {
  test(`${c.capture}: every record tshark decrypts, keyhole decrypts to the same bytes at the same frame, epoch and sequence`, async (t) => {
    const dir = captures(t, folderOf(c));
    if (dir === undefined) return;
    const ours = await run(path.join(dir, c.capture), secretsOf(c, dir));
    const expected = golden[c.capture] ?? {};
    t.deepEqual([...ours.streams.keys()].map(String), Object.keys(expected));
    for (const [stream, facts] of Object.entries(expected)) {
      t.deepEqual(ours.decrypted.get(Number(stream)), facts.decrypted, `udp.stream ${stream}`);
      const found = ours.streams.get(Number(stream));
      t.is(found?.conversation.client.text, facts.firstSender, 'the client is the sender of the ClientHello');
      const hellos = found?.session.negotiation.hellos.filter((h) => h.kind === 'client_hello') ?? [];
      t.deepEqual(found?.session.negotiation.clientRandom, hellos.at(-1)?.random?.value, 'the random of the last ClientHello (after the cookie) counts');
      t.is(found?.verdict?.status, 'decrypted');
    }
  });

  test(`${c.capture}: the handshake messages are tshark's dtls.handshake.type sequence, each read once, when its last fragment arrives`, async (t) => {
    const dir = captures(t, folderOf(c));
    if (dir === undefined) return;
    const ours = await run(path.join(dir, c.capture), secretsOf(c, dir));
    for (const [stream, facts] of Object.entries(golden[c.capture] ?? {})) {
      const found = ours.streams.get(Number(stream));
      const client = found?.conversation.client.text;
      const steps = (found?.session.negotiation.steps ?? []).map((s) => ({ frame: s.frame, from: s.from, type: TYPE_NUMBERS.get(s.type) ?? -1 }));
      const theirs = completedMessages(facts.handshake).map((m) => ({ frame: m.frame, from: m.from === client ? 'client' : 'server', type: m.type }));
      t.deepEqual(steps, theirs, `udp.stream ${stream}`);
    }
  });
}

test('snakeoil-dtls.pcap (OpenSSL pre-0.9.8f, 0x0100) decrypts to the three lines of the Wireshark suite after a HelloVerifyRequest', async (t) => {
  const dir = captures(t);
  if (dir === undefined) return;
  const ours = await run(path.join(dir, 'snakeoil-dtls.pcap'), { keys: [path.join(dir, 'snakeoil-rsa.key')] });
  t.deepEqual(ours.applicationData.get(0), ['it work !\n', "isn't it ?\n", 'this is a concluant test !\n']);
  const session = ours.streams.get(0)?.session;
  t.is(session?.negotiation.version, 0x0100);
  t.true(session?.negotiation.steps.some((s) => s.type === 'hello_verify_request'));
  t.is(ours.streams.get(0)?.verdict?.source, 'rsa-key');
});

test('dtls12-aes128ccm8.pcap with the PSK and its DSB twin decrypt 7 records, 4 of them application data', async (t) => {
  const dir = captures(t);
  if (dir === undefined) return;
  for (const [file, secrets, source] of [['dtls12-aes128ccm8.pcap', { psks: [PSK] }, 'psk'], ['dtls12-aes128ccm8-dsb.pcapng', {}, 'dsb']] as const) {
    const ours = await run(path.join(dir, file), secrets);
    t.is(ours.decrypted.get(0)?.length, 7, file);
    t.deepEqual(ours.applicationData.get(0), ['DTLS1.2 test using GnuTLS 3.5.8\n', 'DTLS1.2 test using GnuTLS 3.5.8\n', 'Works for me!\n', 'Works for me!\n'], file);
    t.is(ours.streams.get(0)?.verdict?.source, source, file);
  }
});

test('udt-dtls.pcapng.gz reads the retransmitted ClientHello once and decrypts 27 application records', async (t) => {
  const dir = captures(t);
  if (dir === undefined) return;
  const ours = await run(path.join(dir, 'udt-dtls.pcapng.gz'), { keys: [path.join(dir, 'udt-dtls.key')] });
  t.is(ours.applicationData.get(0)?.length, 27);
  t.is(ours.streams.get(0)?.session.counters.retransmittedFragments, 1);
  t.is(ours.streams.get(0)?.session.negotiation.steps.filter((s) => s.type === 'client_hello').length, 2, 'the first ClientHello and the one with the cookie');
});

test('without secrets the DTLS sessions are dissected and the verdict says what to give', async (t) => {
  const dir = captures(t);
  if (dir === undefined) return;
  const psk = await run(path.join(dir, 'dtls12-aes128ccm8.pcap'), {});
  t.is(psk.streams.get(0)?.verdict?.status, 'not-decrypted');
  t.regex(psk.streams.get(0)?.verdict?.reason ?? '', /--psk/);
  const wrongKey = await run(path.join(dir, 'snakeoil-dtls.pcap'), { keys: [path.join(dir, 'udt-dtls.key')] });
  t.regex(wrongKey.streams.get(0)?.verdict?.reason ?? '', /no key matches this server's certificate/);
  t.is(wrongKey.applicationData.get(0), undefined);
});

const EMS = repoPath('test/dtls/data');

test('DTLS 1.2 with the Extended Master Secret decrypts from the server key: the session hash takes each message under its DTLS header, as if unfragmented', async (t) => {
  const ours = await run(path.join(EMS, 'openssl-dtls12-ems.pcapng'), { keys: [path.join(EMS, 'openssl-dtls12-ems.key')] });
  const session = ours.streams.get(0)?.session;
  t.true(session?.negotiation.extendedMasterSecret);
  t.true(session?.negotiation.encryptThenMac);
  t.deepEqual(ours.applicationData.get(0), ['client says hello over DTLS 1.2 with EMS\n', 'server says hi over DTLS 1.2 with EMS\n']);
  t.like(ours.streams.get(0)?.verdict, { status: 'decrypted', source: 'rsa-key', failedRecords: 0 });
  t.is(session?.negotiation.steps.filter((s) => s.type === 'certificate').length, 1, 'one Certificate from five fragments');
});

test("OpenSSL's key log decrypts the same DTLS session without the server key", async (t) => {
  const ours = await run(path.join(EMS, 'openssl-dtls12-ems.pcapng'), { keylogs: [path.join(EMS, 'openssl-dtls12-ems.keys')] });
  t.like(ours.streams.get(0)?.verdict, { status: 'decrypted', source: 'keylog' });
  t.is(ours.applicationData.get(0)?.length, 2);
});
