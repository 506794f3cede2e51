import test from 'ava';
import { PacketDecoder, type Packet } from '../../dissect/packet.js';
import type { Frame } from '../../dissect/capture/types.js';
import { formatIpv6 } from '../../dissect/ip/address.js';
import { tcpFrame } from '../helpers/segments.js';

/** A raw IPv4/TCP packet carrying "hi" from 10.0.0.1:50000 to 10.0.0.2:443. */
const ipv4 = tcpFrame({ from: 'c', seq: 1, data: 'hi' }, 1).data;

function frame(linkType: number, data: Uint8Array, number = 1): Frame {
  return { number, tsSec: 0, tsNsec: 0, linkType, interfaceId: 0, originalLength: data.length, data, fileOffset: 0 };
}

function withHeader(header: readonly number[], payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(header.length + payload.length);
  out.set(header, 0);
  out.set(payload, header.length);
  return out;
}

function payloadText(p: Packet): string {
  if (p.ip === undefined || p.tcp === undefined) return '<none>';
  return new TextDecoder().decode(p.ip.data.subarray(p.tcp.payloadStart, p.tcp.payloadEnd));
}

const MAC = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

const linkCases: Array<{ name: string; linkType: number; header: number[]; vlans?: number[] }> = [
  { name: 'Ethernet II', linkType: 1, header: [...MAC, 0x08, 0x00] },
  { name: 'Ethernet with an 802.1Q tag', linkType: 1, header: [...MAC, 0x81, 0x00, 0x00, 0x64, 0x08, 0x00], vlans: [100] },
  { name: 'Ethernet with QinQ (802.1ad outer, 802.1Q inner)', linkType: 1, header: [...MAC, 0x88, 0xa8, 0x00, 0x0a, 0x81, 0x00, 0x00, 0x14, 0x08, 0x00], vlans: [10, 20] },
  { name: 'Linux cooked v1 (SLL)', linkType: 113, header: [0, 0, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 0x08, 0x00] },
  { name: 'Linux cooked v2 (SLL2)', linkType: 276, header: [0x08, 0x00, 0, 0, 0, 0, 0, 2, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0] },
  { name: 'raw IP (LINKTYPE_RAW 101)', linkType: 101, header: [] },
  { name: 'raw IP (DLT 12)', linkType: 12, header: [] },
  { name: 'raw IP (DLT 14)', linkType: 14, header: [] },
  { name: 'raw IPv4 (228)', linkType: 228, header: [] },
  { name: 'BSD NULL loopback, little-endian family', linkType: 0, header: [2, 0, 0, 0] },
  { name: 'BSD NULL loopback, big-endian family', linkType: 0, header: [0, 0, 0, 2] },
  { name: 'OpenBSD LOOP', linkType: 108, header: [0, 0, 0, 2] },
];

for (const c of linkCases) {
  test(`link layer: ${c.name} carries the TCP payload`, (t) => {
    const p = new PacketDecoder().decode(frame(c.linkType, withHeader(c.header, ipv4)));
    t.is(payloadText(p), 'hi');
    t.is(p.tcp?.destinationPort, 443);
    t.deepEqual([...(p.link?.vlanIds ?? [])], c.vlans ?? []);
    t.deepEqual(p.diagnostics, []);
  });
}

test('an unknown link type is one diagnostic per type, not a crash', (t) => {
  const decoder = new PacketDecoder();
  const first = decoder.decode(frame(147, ipv4));
  const second = decoder.decode(frame(147, ipv4, 2));
  t.is(first.ip, undefined);
  t.deepEqual(first.diagnostics.map((d) => d.code), ['link.unknown-type']);
  t.deepEqual(second.diagnostics, []);
});

test('a wrong IPv4 header checksum is reported but the packet is still decoded', (t) => {
  const bad = ipv4.slice();
  bad[10] = (bad[10] ?? 0) ^ 0xff;
  const p = new PacketDecoder().decode(frame(101, bad));
  t.is(payloadText(p), 'hi');
  t.deepEqual(p.diagnostics.map((d) => d.code), ['ip.bad-checksum']);
});

test('TCP checksums are checked only when asked, and a wrong one is reported, not dropped', (t) => {
  const p = new PacketDecoder({ checkTcpChecksums: true }).decode(frame(101, ipv4));
  t.true(p.diagnostics.some((d) => d.code === 'tcp.bad-checksum'));
  t.is(payloadText(p), 'hi');
});

/** Splits an IPv4 datagram's payload into fragments at the given 8-byte-aligned offsets. */
function ipv4Fragments(datagram: Uint8Array, cuts: number[]): Uint8Array[] {
  const header = datagram.subarray(0, 20);
  const payload = datagram.subarray(20);
  const bounds = [0, ...cuts, payload.length];
  const out: Uint8Array[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const from = bounds[i] ?? 0;
    const to = bounds[i + 1] ?? 0;
    const piece = new Uint8Array(20 + to - from);
    piece.set(header, 0);
    piece.set(payload.subarray(from, to), 20);
    const total = piece.length;
    piece[2] = total >> 8;
    piece[3] = total & 0xff;
    piece[4] = 0x12;
    piece[5] = 0x34;
    const more = i + 2 < bounds.length ? 0x2000 : 0;
    const flags = more | (from / 8);
    piece[6] = flags >> 8;
    piece[7] = flags & 0xff;
    piece[10] = 0;
    piece[11] = 0;
    let sum = 0;
    for (let j = 0; j < 20; j += 2) sum += ((piece[j] ?? 0) << 8) | (piece[j + 1] ?? 0);
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    piece[10] = (~sum >> 8) & 0xff;
    piece[11] = ~sum & 0xff;
    out.push(piece);
  }
  return out;
}

test('IPv4 fragments are reassembled in any order', (t) => {
  const datagram = tcpFrame({ from: 'c', seq: 1, data: 'a fragmented TCP payload that spans three pieces' }, 1).data;
  const fragments = ipv4Fragments(datagram, [16, 40]);
  for (const order of [[0, 1, 2], [2, 0, 1], [1, 2, 0]]) {
    const decoder = new PacketDecoder();
    const packets = order.map((i, n) => decoder.decode(frame(101, fragments[i] ?? new Uint8Array(0), n + 1)));
    const last = packets[2];
    t.is(packets[0]?.tcp, undefined);
    t.is(last === undefined ? '' : payloadText(last), 'a fragmented TCP payload that spans three pieces');
    t.true(last?.ip?.reassembled);
    t.deepEqual(last?.ip?.fragmentFrames, [1, 2, 3]);
  }
});

test('fragments that never complete are reported when the capture ends', (t) => {
  const datagram = tcpFrame({ from: 'c', seq: 1, data: 'x'.repeat(40) }, 1).data;
  const [first] = ipv4Fragments(datagram, [16]);
  const decoder = new PacketDecoder();
  decoder.decode(frame(101, first ?? new Uint8Array(0)));
  const reported: string[] = [];
  decoder.finish((d) => reported.push(d.code));
  t.deepEqual(reported, ['ip.fragment-incomplete']);
});

/** IPv6 + TCP with optional extension headers before TCP. */
function ipv6Packet(extensions: Array<{ type: number; body: number[] }>, tcp: Uint8Array): Uint8Array {
  const chain: number[] = [];
  const types = [...extensions.map((e) => e.type), 6];
  extensions.forEach((e, i) => {
    chain.push(types[i + 1] ?? 6, (e.body.length + 2) / 8 - 1, ...e.body);
  });
  const out = new Uint8Array(40 + chain.length + tcp.length);
  out[0] = 0x60;
  const payloadLength = chain.length + tcp.length;
  out[4] = payloadLength >> 8;
  out[5] = payloadLength & 0xff;
  out[6] = types[0] ?? 6;
  out[7] = 64;
  out[8] = 0x20;
  out[9] = 0x01;
  out[23] = 1;
  out[24] = 0x20;
  out[25] = 0x01;
  out[39] = 2;
  out.set(chain, 40);
  out.set(tcp, 40 + chain.length);
  return out;
}

const tcpSegment = ipv4.subarray(20);

test('IPv6 extension headers (hop-by-hop, routing, destination) are walked to TCP', (t) => {
  const six = [0, 0, 0, 0, 0, 0];
  const packet = ipv6Packet([{ type: 0, body: six }, { type: 43, body: six }, { type: 60, body: six }], tcpSegment);
  const p = new PacketDecoder().decode(frame(229, packet));
  t.is(payloadText(p), 'hi');
  t.is(formatIpv6(p.ip?.data ?? new Uint8Array(16), p.ip?.sourceAt ?? 0), '2001::1');
});

test('IPv6 fragments are reassembled through the fragment header', (t) => {
  const segment = tcpFrame({ from: 'c', seq: 1, data: 'an IPv6 payload in two fragments!' }, 1).data.subarray(20);
  const cut = 24;
  const make = (offset: number, more: boolean, bytes: Uint8Array) =>
    ipv6Packet([{ type: 44, body: [0, 0, 0, 0, 0, 0] }], bytes).map((b, i) => {
      // Fragment header: next header at 40, offset+flags at 42..43, identification at 44..47.
      if (i === 40) return 6;
      if (i === 41) return 0;
      if (i === 42) return (offset >> 8) & 0xff;
      if (i === 43) return (offset & 0xf8) | (more ? 1 : 0);
      if (i === 47) return 7;
      return b;
    });
  const decoder = new PacketDecoder();
  const second = decoder.decode(frame(229, make(cut, false, segment.subarray(cut)), 1));
  const first = decoder.decode(frame(229, make(0, true, segment.subarray(0, cut)), 2));
  t.is(second.tcp, undefined);
  t.is(payloadText(first), 'an IPv6 payload in two fragments!');
});

test('RFC 5952 IPv6 text: longest zero run compressed, lower case', (t) => {
  const bytes = Uint8Array.from([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
  t.is(formatIpv6(bytes, 0), '2001:db8::1:0:0:1');
  t.is(formatIpv6(new Uint8Array(16), 0), '::');
});

test('every prefix of a valid frame decodes without throwing', (t) => {
  const full = withHeader([...MAC, 0x81, 0x00, 0x00, 0x64, 0x08, 0x00], ipv4);
  for (const linkType of [0, 1, 12, 101, 108, 113, 228, 229, 276]) {
    for (let n = 0; n <= full.length; n++) {
      const p = new PacketDecoder({ checkTcpChecksums: true }).decode(frame(linkType, full.subarray(0, n)));
      t.true(p.tcp === undefined || p.tcp.payloadEnd <= (p.ip?.data.length ?? 0));
    }
  }
});
