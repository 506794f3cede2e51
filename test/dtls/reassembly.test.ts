/**
 * DTLS handshake reassembly (RFC 6347 4.2.2, 4.2.4): a real Certificate message cut into
 * fragments that arrive out of order, repeated and overlapping, through the reassembler alone and
 * through a re-cut copy of snakeoil-dtls.pcap that must still decrypt as tshark does.
 */
import test from 'ava';
import path from 'node:path';
import { concatBytes, equalBytes } from '../../dissect/bytes.js';
import type { Diagnostic } from '../../dissect/diagnostics.js';
import { analyze } from '../../dissect/analyze.js';
import { DecryptionContext } from '../../dissect/decrypt/context.js';
import { decodeDtlsFragment, type DtlsFragment } from '../../dissect/dtls/fragment.js';
import { DtlsHandshakeReassembler, type DtlsHandshakeMessage } from '../../dissect/dtls/handshake-reassembler.js';
import { DTLS_RECORD_HEADER } from '../../dissect/dtls/record.js';
import type { DtlsSession } from '../../dissect/dtls/session.js';
import type { RecordOrigin } from '../../dissect/tls/handshake-reassembler.js';
import { sharedCaptures, SHARED_MISSING } from '../helpers/shared.js';
import { pcapOf, readDatagrams, udpFrame, type CapturedDatagram } from './frames.js';

const SERVER_HELLO_RECORD = 82;
const CERTIFICATE_RECORD = 844;

interface Certificate {
  readonly datagrams: CapturedDatagram[];
  readonly message: DtlsFragment;
}

/** snakeoil-dtls.pcap's datagrams and its server Certificate (message_seq 2, 832 bytes, one fragment). */
async function certificate(): Promise<Certificate | undefined> {
  if (sharedCaptures === undefined) return undefined;
  const datagrams = await readDatagrams(path.join(sharedCaptures, 'snakeoil-dtls.pcap'));
  const flight = datagrams[3]?.payload ?? new Uint8Array(0);
  const start = DTLS_RECORD_HEADER + SERVER_HELLO_RECORD + DTLS_RECORD_HEADER;
  const decoded = decodeDtlsFragment(flight.subarray(start, start + CERTIFICATE_RECORD));
  return decoded.kind === 'ok' ? { datagrams, message: decoded.value } : undefined;
}

function piece(message: DtlsFragment, from: number, to: number): DtlsFragment {
  return { ...message, fragmentOffset: from, bytes: message.bytes.subarray(from, to) };
}

function origin(frame: number): RecordOrigin {
  return { index: frame, frame, tsSec: 0, tsNsec: 0, encrypted: false };
}

function reassembler(): { r: DtlsHandshakeReassembler; messages: DtlsHandshakeMessage[]; diagnostics: Diagnostic[] } {
  const messages: DtlsHandshakeMessage[] = [];
  const diagnostics: Diagnostic[] = [];
  return { r: new DtlsHandshakeReassembler(1, (m) => messages.push(m), (d) => diagnostics.push(d)), messages, diagnostics };
}

test('fragments out of order, repeated and overlapping make the message once, when its last byte arrives', async (t) => {
  const found = await certificate();
  if (found === undefined) return void t.pass(SHARED_MISSING);
  const { message } = found;
  const { r, messages, diagnostics } = reassembler();
  const cuts: Array<[number, number]> = [[600, 832], [0, 300], [0, 300], [100, 200], [250, 650]];
  cuts.forEach(([from, to], i) => {
    t.is(messages.length, 0, `not before fragment ${i}`);
    r.push(piece(message, from, to), origin(10 + i), 0);
  });
  t.is(messages.length, 1);
  t.true(equalBytes(messages[0]?.body ?? new Uint8Array(0), message.bytes));
  t.deepEqual([messages[0]?.type, messages[0]?.messageSeq, messages[0]?.frame], [11, 2, 14], 'completed by the last fragment');
  t.deepEqual(diagnostics, []);
  r.push(message, origin(20), 0);
  t.is(messages.length, 1, 'a retransmission of a message already read is dropped');
  t.is(r.retransmitted, 1);
});

test('a repeated fragment with different bytes is reported and the first copy kept', async (t) => {
  const found = await certificate();
  if (found === undefined) return void t.pass(SHARED_MISSING);
  const { message } = found;
  const { r, messages, diagnostics } = reassembler();
  r.push(piece(message, 0, 400), origin(1), 0);
  const forged = message.bytes.slice(300, 832);
  forged[10] = (forged[10] ?? 0) ^ 0xff;
  r.push({ ...message, fragmentOffset: 300, bytes: forged }, origin(2), 0);
  t.deepEqual(diagnostics.map((d) => [d.code, d.frame]), [['tls.handshake.malformed', 2]]);
  t.true(equalBytes(messages[0]?.body ?? new Uint8Array(0), message.bytes));
});

test('messages are handed on in message_seq order; holes are skipped when the sender changes cipher spec', (t) => {
  const { r, messages, diagnostics } = reassembler();
  const message = (seq: number, type: number, body: number[]): DtlsFragment => ({ type, length: body.length, messageSeq: seq, fragmentOffset: 0, bytes: Uint8Array.from(body) });
  r.push(message(1, 2, [1, 2, 3]), origin(1), 0);
  r.push(message(3, 14, []), origin(2), 0);
  r.push(message(2, 11, [4, 5]), origin(3), 0);
  t.deepEqual(messages.map((m) => [m.messageSeq, m.type, m.frame]), [[1, 2, 1], [2, 11, 3], [3, 14, 3]]);
  r.push(message(6, 20, [9]), origin(4), 0);
  r.push({ type: 16, length: 10, messageSeq: 5, fragmentOffset: 0, bytes: Uint8Array.of(1, 2) }, origin(4), 0);
  t.is(messages.length, 3, 'message_seq 4 was never captured');
  r.skipHoles(origin(5));
  t.deepEqual(messages.map((m) => m.messageSeq), [1, 2, 3, 6]);
  t.deepEqual(diagnostics.map((d) => d.code), ['tls.handshake.malformed']);
  r.passOver(7, origin(6));
  r.push(message(8, 20, [7]), origin(6), 0);
  t.deepEqual(messages.map((m) => m.messageSeq), [1, 2, 3, 6, 8], 'a message_seq spent on an old-style ChangeCipherSpec is passed over');
  r.finish(7);
  t.is(diagnostics.length, 1, 'nothing left half-read');
});

test('fragments that disagree on type or length, or claim too much, are dropped with a diagnostic', (t) => {
  const { r, messages, diagnostics } = reassembler();
  r.push({ type: 11, length: 10, messageSeq: 0, fragmentOffset: 0, bytes: Uint8Array.of(1, 2, 3) }, origin(1), 0);
  r.push({ type: 12, length: 10, messageSeq: 0, fragmentOffset: 3, bytes: Uint8Array.of(4) }, origin(2), 0);
  r.push({ type: 11, length: 1 << 24, messageSeq: 1, fragmentOffset: 0, bytes: Uint8Array.of(4) }, origin(3), 0);
  r.push({ type: 11, length: 1, messageSeq: 500, fragmentOffset: 0, bytes: Uint8Array.of(4) }, origin(4), 0);
  t.deepEqual(diagnostics.map((d) => d.code), ['tls.handshake.malformed', 'tls.handshake.oversize', 'tls.handshake.unexpected']);
  r.finish(5);
  t.is(messages.length, 0);
  t.is(diagnostics.at(-1)?.message, 'DTLS handshake message_seq 0 ended with 3 of 10 bytes');
});

const u16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];
const u24 = (n: number): number[] => [(n >> 16) & 0xff, ...u16(n)];

/** A DTLS 0x0100 handshake record at epoch 0 holding one fragment (RFC 6347 4.1, 4.2.2 layouts). */
function handshakeRecord(sequence: number, fragment: DtlsFragment): Uint8Array {
  const header = [fragment.type, ...u24(fragment.length), ...u16(fragment.messageSeq), ...u24(fragment.fragmentOffset), ...u24(fragment.bytes.length)];
  const record = [22, ...u16(0x0100), ...u16(0), ...u16(0), ...u16(sequence >>> 16), ...u16(sequence), ...u16(header.length + fragment.bytes.length)];
  return concatBytes([Uint8Array.from(record), Uint8Array.from(header), fragment.bytes]);
}

test('snakeoil-dtls.pcap re-cut (Certificate in 3 overlapping fragments, out of order, one datagram duplicated) still decrypts the three lines', async (t) => {
  const found = await certificate();
  if (found === undefined || sharedCaptures === undefined) return void t.pass(SHARED_MISSING);
  const { datagrams, message } = found;
  const flight = datagrams[3];
  if (flight === undefined) return void t.fail();
  const serverHello = flight.payload.subarray(0, DTLS_RECORD_HEADER + SERVER_HELLO_RECORD);
  const done = flight.payload.subarray(DTLS_RECORD_HEADER + SERVER_HELLO_RECORD + DTLS_RECORD_HEADER + CERTIFICATE_RECORD);
  const cut = (sequence: number, from: number, to: number) => handshakeRecord(sequence, piece(message, from, to));
  const frame = (payload: Uint8Array) => udpFrame(flight.source, flight.destination, flight.sourcePort, flight.destinationPort, payload);
  const recut = [done, cut(10, 600, 832), serverHello, cut(11, 0, 300), cut(11, 0, 300), cut(12, 250, 650)].map(frame);
  const original = (d: CapturedDatagram) => udpFrame(d.source, d.destination, d.sourcePort, d.destinationPort, d.payload);
  const file = pcapOf([...datagrams.slice(0, 3).map(original), ...recut, ...datagrams.slice(4).map(original)]);
  const decryption = await DecryptionContext.create({ keys: [path.join(sharedCaptures, 'snakeoil-rsa.key')] });
  const lines: string[] = [];
  let session: DtlsSession | undefined;
  await analyze(file, { applicationData: (_s, _d, plaintext) => lines.push(Buffer.from(plaintext).toString()), finishedUdp: (_c, s) => (session = s) }, { decryption });
  t.deepEqual(lines, ['it work !\n', "isn't it ?\n", 'this is a concluant test !\n']);
  t.deepEqual(session?.negotiation.steps.map((s) => s.type).slice(3, 6), ['server_hello', 'certificate', 'server_hello_done']);
  t.true(equalBytes(session?.negotiation.serverCertificates[0] ?? new Uint8Array(0), message.bytes.subarray(6)), 'the chain is the original certificate');
  t.is(session?.counters.replayedRecords, 1);
  t.deepEqual(session?.diagnostics.filter((d) => d.severity !== 'note' && d.severity !== 'chat'), []);
});
