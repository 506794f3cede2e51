/**
 * A DTLS session when datagrams are repeated or missing, on re-cut copies of the OpenSSL DTLS 1.2
 * capture of test/dtls/data: a duplicated datagram is read once, a lost ChangeCipherSpec does
 * not stop decryption (the record header names the epoch), and a capture that starts after the
 * handshake says why nothing decrypts.
 */
import test from 'ava';
import path from 'node:path';
import { analyze } from '../../dissect/analyze.js';
import { DecryptionContext } from '../../dissect/decrypt/context.js';
import type { DecryptionVerdict } from '../../dissect/decrypt/verdict.js';
import { DTLS_RECORD_HEADER, decodeDtlsRecord } from '../../dissect/dtls/record.js';
import type { DtlsSession } from '../../dissect/dtls/session.js';
import { repoPath } from '../helpers/shared.js';
import { pcapOf, readDatagrams, udpFrame, type CapturedDatagram } from './frames.js';

const DATA = repoPath('test/dtls/data');
const CAPTURE = path.join(DATA, 'openssl-dtls12-ems.pcapng');
/** Datagram indexes in the capture: the server's ChangeCipherSpec + Finished, then one line each way. */
const SERVER_FINISHED = 10;
const CLIENT_LINE = 11;

interface Outcome {
  readonly lines: string[];
  readonly session: DtlsSession | undefined;
  readonly verdict: DecryptionVerdict | undefined;
}

async function replay(datagrams: readonly CapturedDatagram[]): Promise<Outcome> {
  const file = pcapOf(datagrams.map((d) => udpFrame(d.source, d.destination, d.sourcePort, d.destinationPort, d.payload)));
  const decryption = await DecryptionContext.create({ keys: [path.join(DATA, 'openssl-dtls12-ems.key')] });
  const lines: string[] = [];
  let session: DtlsSession | undefined;
  await analyze(file, { applicationData: (_s, _d, plaintext) => lines.push(Buffer.from(plaintext).toString()), finishedUdp: (_c, s) => (session = s) }, { decryption });
  return { lines, session, verdict: session?.opener?.tracker.verdict() };
}

test('a duplicated datagram of application data is read once (RFC 6347 4.1.2.6 replay detection)', async (t) => {
  const datagrams = await readDatagrams(CAPTURE);
  const line = datagrams[CLIENT_LINE];
  if (line === undefined) return void t.fail('the capture has no client line');
  const { lines, session, verdict } = await replay([...datagrams.slice(0, CLIENT_LINE + 1), line, ...datagrams.slice(CLIENT_LINE + 1)]);
  t.deepEqual(lines, ['client says hello over DTLS 1.2 with EMS\n', 'server says hi over DTLS 1.2 with EMS\n']);
  t.is(session?.counters.replayedRecords, 1);
  t.like(verdict, { status: 'decrypted', protectedRecords: 4, decryptedRecords: 4 });
});

test("a lost ChangeCipherSpec does not stop decryption: the server's epoch-1 records name their epoch", async (t) => {
  const datagrams = await readDatagrams(CAPTURE);
  const flight = datagrams[SERVER_FINISHED];
  const changeCipherSpec = flight === undefined ? undefined : decodeDtlsRecord(flight.payload);
  if (flight === undefined || changeCipherSpec?.kind !== 'ok' || changeCipherSpec.value.contentType !== 20) return void t.fail('datagram 11 does not start with a ChangeCipherSpec');
  const finishedOnly = { ...flight, payload: flight.payload.subarray(changeCipherSpec.used) };
  t.true(finishedOnly.payload.length > DTLS_RECORD_HEADER);
  const { lines, session, verdict } = await replay([...datagrams.slice(0, SERVER_FINISHED), finishedOnly, ...datagrams.slice(SERVER_FINISHED + 1)]);
  t.deepEqual(lines, ['client says hello over DTLS 1.2 with EMS\n', 'server says hi over DTLS 1.2 with EMS\n']);
  t.is(session?.negotiation.steps.at(-1)?.type, 'finished');
  t.like(verdict, { status: 'decrypted', decryptedRecords: 4 });
});

test('a capture that starts after the handshake is DTLS, not decrypted, and says the handshake was not captured', async (t) => {
  const datagrams = await readDatagrams(CAPTURE);
  const { lines, session, verdict } = await replay(datagrams.slice(CLIENT_LINE));
  t.true(session?.isTls);
  t.deepEqual(lines, []);
  t.is(verdict?.status, 'not-decrypted');
  t.regex(verdict?.reason ?? '', /no keys for epoch 1 of the (client|server): the handshake that started it was not captured/);
  t.is(session?.connection.roles, 'higher-port', 'mid-session DTLS: the higher port is taken as the client');
});

test('a datagram that is not DTLS in the middle of the session (STUN beside WebRTC DTLS) is counted and skipped, once reported', async (t) => {
  const datagrams = await readDatagrams(CAPTURE);
  const first = datagrams[0];
  if (first === undefined) return void t.fail();
  // RFC 5389 Binding Request: type 0x0001, length 0, magic cookie 0x2112a442, 12-byte transaction id.
  const stun = { ...first, payload: Uint8Array.of(0, 1, 0, 0, 0x21, 0x12, 0xa4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12) };
  const { lines, session } = await replay([stun, ...datagrams.slice(0, 4), stun, stun, ...datagrams.slice(4)]);
  t.is(lines.length, 2);
  t.is(session?.counters.otherDatagrams, 3);
  t.deepEqual(session?.diagnostics.filter((d) => d.code === 'tls.not-tls').map((d) => d.frame), [6]);
});

test('a datagram cut inside a record keeps the records before the cut and reports the cut record', async (t) => {
  const datagrams = await readDatagrams(CAPTURE);
  const flight = datagrams[SERVER_FINISHED];
  if (flight === undefined) return void t.fail();
  // The server's ChangeCipherSpec survives whole; its Finished loses its last bytes.
  const cut = { ...flight, payload: flight.payload.subarray(0, flight.payload.length - 5) };
  const { session, verdict } = await replay([...datagrams.slice(0, SERVER_FINISHED), cut, ...datagrams.slice(SERVER_FINISHED + 1)]);
  t.deepEqual(session?.diagnostics.filter((d) => d.code === 'tls.record.truncated').map((d) => d.frame), [SERVER_FINISHED + 1]);
  t.is(session?.sides[1].epoch, 1, 'the ChangeCipherSpec before the cut was read');
  t.like(verdict, { status: 'decrypted', decryptedRecords: 3 }, "the server's application data still decrypts");
});
