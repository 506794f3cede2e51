/**
 * The re-made TCP connection, read back with keyhole's own packet decoder (checksums checked):
 * handshake, segment sizes, sequence and acknowledgement numbers, pure ACKs before the window
 * fills, holes and the FIN exchange.
 */
import test, { type ExecutionContext } from 'ava';
import { PacketDecoder, type Packet } from '../../dissect/packet.js';
import { TCP_FLAGS } from '../../dissect/tcp/header.js';
import { concatBytes } from '../../dissect/bytes.js';
import { PlaintextConnection, ethernetMss, type WireEndpoint } from '../../dissect/rewrite/plaintext-connection.js';
import { SegmentFramer } from '../../dissect/rewrite/segment-framer.js';
import { Random } from '../helpers/random.js';

const CLIENT_V4: WireEndpoint = { address: Uint8Array.of(192, 0, 2, 10), port: 50000 };
const SERVER_V4: WireEndpoint = { address: Uint8Array.of(198, 51, 100, 20), port: 443 };
const CLIENT_V6: WireEndpoint = { address: Uint8Array.of(0x20, 0x01, 0x0d, 0xb8, ...new Array<number>(11).fill(0), 0x10), port: 50001 };
const SERVER_V6: WireEndpoint = { address: Uint8Array.of(0x20, 0x01, 0x0d, 0xb8, ...new Array<number>(10).fill(0), 0x04, 0x43), port: 443 };
const ISN = [0xfffffff0, 0x12345678] as const;

interface Decoded {
  readonly packet: Packet;
  readonly payload: Uint8Array;
}

/** Runs a script against a connection and decodes every frame it wrote. */
function record(client: WireEndpoint, server: WireEndpoint, script: (connection: PlaintextConnection) => void): Decoded[] {
  const framer = new SegmentFramer(client, server);
  const decoder = new PacketDecoder({ checkTcpChecksums: true });
  const out: Decoded[] = [];
  const connection = new PlaintextConnection(client, server, ISN, (segment) => {
    const data = framer.frame(segment);
    const packet = decoder.decode({ number: out.length + 1, tsSec: segment.timestamp.sec, tsNsec: segment.timestamp.nsec, linkType: 1, interfaceId: 0, originalLength: data.length, data, fileOffset: 0 });
    const tcp = packet.tcp;
    const ip = packet.ip;
    out.push({ packet, payload: tcp === undefined || ip === undefined ? new Uint8Array(0) : ip.data.subarray(tcp.payloadStart, tcp.payloadEnd) });
  });
  script(connection);
  return out;
}

const AT = { sec: 1_700_000_000, nsec: 5000 };

function bytes(length: number, seed: number): Uint8Array {
  const random = new Random(seed);
  return Uint8Array.from({ length }, () => random.int(256));
}

function flagsOf(d: Decoded): number {
  return d.packet.tcp?.flags ?? -1;
}

/** Checks what any reader checks: sequence numbers continue, acknowledgements match what the peer sent. */
function assertConsistent(t: ExecutionContext, frames: readonly Decoded[]): void {
  const next: [number | undefined, number | undefined] = [undefined, undefined];
  for (const [index, d] of frames.entries()) {
    const tcp = d.packet.tcp;
    if (tcp === undefined) return t.fail(`frame ${index + 1} has no TCP header`);
    t.deepEqual(d.packet.diagnostics, [], `frame ${index + 1} decodes cleanly, checksums included`);
    const direction = tcp.sourcePort === CLIENT_V4.port || tcp.sourcePort === CLIENT_V6.port ? 0 : 1;
    const expected = next[direction];
    if (expected !== undefined) t.is(tcp.seq, expected, `frame ${index + 1} continues its direction's sequence`);
    const peer = next[direction === 0 ? 1 : 0];
    if ((tcp.flags & TCP_FLAGS.ACK) !== 0 && peer !== undefined) t.is(tcp.ack, peer, `frame ${index + 1} acknowledges all the peer sent`);
    const consumed = d.payload.length + ((tcp.flags & (TCP_FLAGS.SYN | TCP_FLAGS.FIN)) !== 0 ? 1 : 0);
    next[direction] = (tcp.seq + consumed) >>> 0;
  }
}

test('the first bytes come after a three-way handshake that announces the MSS', (t) => {
  const frames = record(CLIENT_V4, SERVER_V4, (c) => c.data(0, new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n'), AT));
  t.deepEqual(frames.map(flagsOf), [TCP_FLAGS.SYN, TCP_FLAGS.SYN | TCP_FLAGS.ACK, TCP_FLAGS.ACK, TCP_FLAGS.ACK | TCP_FLAGS.PSH]);
  t.is(frames[0]?.packet.tcp?.seq, ISN[0]);
  t.is(frames[1]?.packet.tcp?.seq, ISN[1]);
  t.is(frames[1]?.packet.tcp?.ack, (ISN[0] + 1) >>> 0);
  t.is(frames[3]?.packet.tcp?.seq, (ISN[0] + 1) >>> 0, 'the client ISN wraps past 2^32');
  assertConsistent(t, frames);
});

test('bytes are cut into segments of at most one MSS, 1460 over IPv4 and 1440 over IPv6', (t) => {
  t.is(ethernetMss(CLIENT_V4.address), 1460);
  t.is(ethernetMss(CLIENT_V6.address), 1440);
  for (const [client, server, mss] of [[CLIENT_V4, SERVER_V4, 1460], [CLIENT_V6, SERVER_V6, 1440]] as const) {
    const body = bytes(5000, mss);
    const frames = record(client, server, (c) => c.data(1, body, AT));
    const data = frames.filter((f) => f.payload.length > 0);
    t.deepEqual(data.map((f) => f.payload.length), [mss, mss, mss, 5000 - 3 * mss]);
    t.deepEqual(concatBytes(data.map((f) => f.payload)), body);
    t.deepEqual(data.map((f) => (flagsOf(f) & TCP_FLAGS.PSH) !== 0), [false, false, false, true], 'PSH marks the end of each write');
    t.is(frames[0]?.packet.ip?.version, client === CLIENT_V4 ? 4 : 6);
    assertConsistent(t, frames);
  }
});

test('the receiver acknowledges before half a 64 KiB window is in flight', (t) => {
  const frames = record(CLIENT_V4, SERVER_V4, (c) => {
    c.data(0, bytes(300, 1), AT);
    c.data(1, bytes(200_000, 2), AT);
  });
  let inFlight = 0;
  let pureAcks = 0;
  for (const f of frames.slice(3)) {
    const fromServer = f.packet.tcp?.sourcePort === SERVER_V4.port;
    if (fromServer) inFlight += f.payload.length;
    else if (f.payload.length === 0) {
      pureAcks++;
      inFlight = 0;
    }
    t.true(inFlight <= 32767, 'never more than half the window unacknowledged');
  }
  t.true(pureAcks >= 6);
  assertConsistent(t, frames);
});

test('end closes with FIN, FIN, ACK after the last bytes', (t) => {
  const frames = record(CLIENT_V4, SERVER_V4, (c) => {
    c.data(0, bytes(10, 3), AT);
    c.data(1, bytes(20, 4), AT);
    c.end(AT);
    c.data(0, bytes(10, 5), AT);
  });
  t.deepEqual(frames.slice(-3).map(flagsOf), [TCP_FLAGS.FIN | TCP_FLAGS.ACK, TCP_FLAGS.FIN | TCP_FLAGS.ACK, TCP_FLAGS.ACK]);
  t.is(frames.length, 3 + 2 + 3, 'nothing is written after the end');
  assertConsistent(t, frames);
});

test('a connection that never carried a byte writes nothing, not even its end', (t) => {
  const frames = record(CLIENT_V4, SERVER_V4, (c) => {
    c.data(0, new Uint8Array(0), AT);
    c.skip(1, 100);
    c.end(AT);
  });
  t.deepEqual(frames, []);
});

test('skipped bytes leave a hole in the sequence space where they were', (t) => {
  const frames = record(CLIENT_V4, SERVER_V4, (c) => {
    c.data(1, bytes(100, 6), AT);
    c.skip(1, 37);
    c.data(1, bytes(50, 7), AT);
  });
  const [first, second] = frames.filter((f) => f.payload.length > 0);
  t.is(((second?.packet.tcp?.seq ?? 0) - (first?.packet.tcp?.seq ?? 0)) >>> 0, 100 + 37);
});

test('segments keep the timestamps they were given', (t) => {
  const later = { sec: AT.sec + 2, nsec: 999_999_000 };
  const frames = record(CLIENT_V4, SERVER_V4, (c) => {
    c.data(0, bytes(10, 8), AT);
    c.data(1, bytes(10, 9), later);
  });
  t.deepEqual(
    frames.map((f) => [f.packet.frame.tsSec, f.packet.frame.tsNsec]),
    [...new Array<[number, number]>(4).fill([AT.sec, AT.nsec]), [later.sec, later.nsec]],
  );
});
