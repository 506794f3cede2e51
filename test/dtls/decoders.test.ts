/**
 * The DTLS record and handshake-fragment decoders and the UDP header decoder on real datagrams of
 * the shared captures: every truncated prefix yields need-more or a diagnostic (never a throw),
 * the whole input decodes, and bad headers are told apart from DTLS.
 */
import test from 'ava';
import { hex } from '../../dissect/bytes.js';
import type { Diagnostic, DiagnosticCode } from '../../dissect/diagnostics.js';
import { dtlsClientHint } from '../../dissect/dtls/detect.js';
import { decodeDtlsFragment, unfragmentedHeader } from '../../dissect/dtls/fragment.js';
import { DTLS_RECORD_HEADER, decodeDtlsRecord, isDtlsDatagram } from '../../dissect/dtls/record.js';
import { ReplayWindow } from '../../dissect/dtls/replay-window.js';
import { decodeUdpHeader } from '../../dissect/udp/header.js';
import { sharedPath, SHARED_MISSING } from '../helpers/shared.js';
import { readDatagrams, type CapturedDatagram } from './frames.js';

async function snakeoil(): Promise<CapturedDatagram[] | undefined> {
  const file = sharedPath('snakeoil-dtls.pcap');
  return file === undefined ? undefined : readDatagrams(file);
}

test('every prefix of a real three-record datagram decodes to need-more or a record, never a throw', async (t) => {
  const datagrams = await snakeoil();
  const datagram = datagrams?.[3]?.payload;
  if (datagram === undefined) return void t.pass(SHARED_MISSING);
  const lengths: number[] = [];
  for (let at = 0; at < datagram.length; ) {
    const whole = decodeDtlsRecord(datagram, at);
    if (whole.kind !== 'ok') return void t.fail(`record at ${at} did not decode`);
    lengths.push(whole.value.length);
    for (let cut = at; cut < at + whole.used; cut++) {
      const prefix = decodeDtlsRecord(datagram.subarray(0, cut), at);
      t.is(prefix.kind, 'need-more', `cut at ${cut}`);
    }
    at += whole.used;
  }
  t.deepEqual(lengths, [82, 844, 12], 'ServerHello, Certificate and ServerHelloDone records, as tshark shows them');
  t.true(isDtlsDatagram(datagram));
  t.false(isDtlsDatagram(datagram.subarray(0, datagram.length - 1)), 'a record cut by the datagram end is not DTLS');
});

test('a DTLS record header gives its epoch and 48-bit sequence number', async (t) => {
  const datagrams = await snakeoil();
  const finished = datagrams?.[4]?.payload;
  if (finished === undefined) return void t.pass(SHARED_MISSING);
  const records: Array<[number, number, number]> = [];
  for (let at = 0; at < finished.length; ) {
    const record = decodeDtlsRecord(finished, at);
    if (record.kind !== 'ok') return void t.fail();
    records.push([record.value.contentType, record.value.epoch, record.value.sequence]);
    at += record.used;
  }
  // tshark: frame 5 carries ClientKeyExchange (epoch 0, seq 2), ChangeCipherSpec (0, 3), Finished (1, 0).
  t.deepEqual(records, [[22, 0, 2], [20, 0, 3], [22, 1, 0]]);
  const big = Uint8Array.of(23, 0xfe, 0xfd, 0, 7, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0, 0);
  const decoded = decodeDtlsRecord(big);
  t.is(decoded.kind === 'ok' ? decoded.value.sequence : -1, 0x123456789abc);
  t.is(decoded.kind === 'ok' ? decoded.value.epoch : -1, 7);
});

test('headers that are not DTLS are invalid with a diagnostic: content type, TLS version, oversize length', (t) => {
  const cases: Array<[Uint8Array, DiagnosticCode]> = [
    [Uint8Array.of(19, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 'tls.record.bad-header'],
    [Uint8Array.of(22, 0x03, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 'tls.record.bad-header'],
    [Uint8Array.of(23, 0xfe, 0xff, 0, 1, 0, 0, 0, 0, 0, 9, 0xff, 0xff), 'tls.record.oversize'],
  ];
  for (const [bytes, code] of cases) {
    const result = decodeDtlsRecord(bytes);
    t.is(result.kind === 'invalid' ? result.diagnostic.code : result.kind, code);
    t.false(isDtlsDatagram(bytes));
  }
  t.false(isDtlsDatagram(new Uint8Array(0)));
});

test('every prefix of a real handshake fragment decodes to need-more or a fragment, never a throw', async (t) => {
  const datagrams = await snakeoil();
  const datagram = datagrams?.[3]?.payload;
  if (datagram === undefined) return void t.pass(SHARED_MISSING);
  const certificateRecord = datagram.subarray(DTLS_RECORD_HEADER + 82 + DTLS_RECORD_HEADER, DTLS_RECORD_HEADER + 82 + DTLS_RECORD_HEADER + 844);
  const whole = decodeDtlsFragment(certificateRecord);
  if (whole.kind !== 'ok') return void t.fail('the Certificate fragment did not decode');
  t.deepEqual([whole.value.type, whole.value.length, whole.value.messageSeq, whole.value.fragmentOffset, whole.value.bytes.length], [11, 832, 2, 0, 832]);
  for (let cut = 0; cut < certificateRecord.length; cut++) {
    const prefix = decodeDtlsFragment(certificateRecord.subarray(0, cut));
    t.is(prefix.kind, 'need-more', `cut at ${cut}`);
  }
  t.is(hex(unfragmentedHeader(11, 2, 832)), hex(certificateRecord.subarray(0, 12)), 'an unfragmented message hashes its own header');
});

test('a fragment that runs past its message length is invalid, not a throw', (t) => {
  const bytes = Uint8Array.of(2, 0, 0, 4, 0, 1, 0, 0, 3, 0, 0, 2, 0xaa, 0xbb);
  const result = decodeDtlsFragment(bytes);
  t.is(result.kind === 'invalid' ? result.diagnostic.code : result.kind, 'tls.handshake.malformed');
});

test('every prefix of a UDP header is reported as cut short; the length field bounds the payload', (t) => {
  const datagram = Uint8Array.of(0x81, 0xa8, 0x11, 0x51, 0x00, 0x0c, 0x00, 0x00, 1, 2, 3, 4, 0, 0);
  for (let cut = 0; cut < 8; cut++) {
    const found: Diagnostic[] = [];
    t.is(decodeUdpHeader(datagram, 0, cut, 1, (d) => found.push(d)), undefined);
    t.deepEqual(found.map((d) => d.code), ['udp.truncated'], `cut at ${cut}`);
  }
  const found: Diagnostic[] = [];
  const header = decodeUdpHeader(datagram, 0, datagram.length, 1, (d) => found.push(d));
  t.deepEqual([header?.sourcePort, header?.destinationPort, header?.length, header?.payloadEnd], [33192, 4433, 12, 12], 'trailing bytes past the length field are not UDP payload');
  t.deepEqual(found, []);
  const long: Diagnostic[] = [];
  t.is(decodeUdpHeader(datagram, 0, 10, 1, (d) => long.push(d))?.payloadEnd, 10);
  t.deepEqual(long.map((d) => d.code), ['udp.bad-length']);
  t.deepEqual(decodeUdpHeader(datagram, 0, 10, 1, (d) => long.push(d), true)?.payloadEnd, 10, 'cut by the snap length: no second report');
  t.is(long.length, 1);
  const short: Diagnostic[] = [];
  const bad = Uint8Array.of(0, 1, 0, 2, 0, 4, 0, 0, 9);
  t.is(decodeUdpHeader(bad, 0, bad.length, 1, (d) => short.push(d))?.payloadEnd, bad.length);
  t.deepEqual(short.map((d) => d.code), ['udp.bad-length']);
});

test("a conversation's first datagram tells the client: ClientHello from it, HelloVerifyRequest to it, mid-session unknown", async (t) => {
  const datagrams = await snakeoil();
  if (datagrams === undefined) return void t.pass(SHARED_MISSING);
  const hints = datagrams.map((d) => dtlsClientHint(d.payload));
  // Frames: ClientHello, HelloVerifyRequest, ClientHello, ServerHello..., ClientKeyExchange..., CCS+Finished, 3 x application data.
  t.deepEqual(hints, ['sender-is-client', 'receiver-is-client', 'sender-is-client', 'receiver-is-client', 'sender-is-client', 'unknown', 'unknown', 'unknown', 'unknown']);
  t.is(dtlsClientHint(Uint8Array.of(0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0)), undefined, 'a DNS query is not DTLS');
});

test('the replay window flags a repeated sequence number, not a new or reordered one', (t) => {
  const window = new ReplayWindow();
  t.deepEqual([1, 3, 2, 3, 1, 4].map((n) => window.replayed(n)), [false, false, false, true, true, false]);
  t.false(window.replayed(10_000), 'a jump ahead');
  t.true(window.replayed(10_000));
  t.false(window.replayed(4), 'too far below the window to judge: let through');
  t.false(window.replayed(9_999));
});
