/**
 * Fields of one captured frame, named as Wireshark 4.0 names them (`tshark -G fields`): frame,
 * eth (IEEE 802.3), vlan (IEEE 802.1Q), ip (RFC 791), ipv6 (RFC 8200), the udp header (RFC 768)
 * and the tcp header (RFC 9293 3.1). Addresses are copied: the frame's bytes are reused once its
 * callback returns. tcp.seq is the absolute sequence number (Wireshark shows a relative one unless
 * tcp.relative_sequence_numbers is off; tcp.seq_raw is absolute in both).
 */
import type { Time } from '../../tcp/connection.js';
import type { Packet } from '../../packet.js';
import { TCP_FLAGS } from '../../tcp/header.js';
import type { FieldValue } from '../values.js';
import { presence, type FieldSpec, type FieldTable } from './spec.js';

export interface FrameContext {
  readonly packet: Packet;
  /** Time of the capture's first frame, for frame.time_relative. */
  readonly first: Time;
}

const MAC_LENGTH = 6;

function mac(c: FrameContext, at: number): FieldValue[] {
  return at < 0 ? [] : [c.packet.frame.data.slice(at, at + MAC_LENGTH)];
}

function ipAddresses(version: 4 | 6, which: 'source' | 'destination' | 'both'): FieldSpec<FrameContext> {
  return {
    type: version === 4 ? 'ipv4' : 'ipv6',
    values: ({ packet: { ip } }) => {
      if (ip?.version !== version) return [];
      const read = (at: number): Uint8Array => ip.data.slice(at, at + ip.addressLength);
      if (which === 'source') return [read(ip.sourceAt)];
      if (which === 'destination') return [read(ip.destinationAt)];
      return [read(ip.sourceAt), read(ip.destinationAt)];
    },
  };
}

/** A number field of one header (tcp or udp): no values in frames without that header. */
function headerNumber<H>(header: (packet: Packet) => H | undefined, read: (h: H) => number | readonly number[]): FieldSpec<FrameContext> {
  return {
    type: 'uint',
    values: ({ packet }) => {
      const h = header(packet);
      if (h === undefined) return [];
      const value = read(h);
      return typeof value === 'number' ? [value] : value;
    },
  };
}

const tcpNumber = (read: (tcp: NonNullable<Packet['tcp']>) => number | readonly number[]): FieldSpec<FrameContext> => headerNumber((p) => p.tcp, read);
const udpNumber = (read: (udp: NonNullable<Packet['udp']>) => number | readonly number[]): FieldSpec<FrameContext> => headerNumber((p) => p.udp, read);

function tcpFlag(bit: number): FieldSpec<FrameContext> {
  return { type: 'bool', values: ({ packet: { tcp } }) => (tcp === undefined ? [] : [(tcp.flags & bit) === 0 ? 0 : 1]) };
}

export const FRAME_FIELDS = {
  frame: presence(() => true),
  'frame.number': { type: 'uint', values: (c) => [c.packet.frame.number] },
  'frame.time_relative': {
    type: 'float',
    values: ({ packet: { frame }, first }) => [frame.tsSec - first.sec + (frame.tsNsec - first.nsec) / 1e9],
  },
  'frame.len': { type: 'uint', values: (c) => [c.packet.frame.originalLength] },
  'frame.cap_len': { type: 'uint', values: (c) => [c.packet.frame.data.length] },
  eth: presence((c) => (c.packet.link?.macSource ?? -1) >= 0),
  'eth.src': { type: 'ether', values: (c) => mac(c, c.packet.link?.macSource ?? -1) },
  'eth.dst': { type: 'ether', values: (c) => mac(c, c.packet.link?.macDestination ?? -1) },
  'eth.addr': { type: 'ether', values: (c) => [...mac(c, c.packet.link?.macSource ?? -1), ...mac(c, c.packet.link?.macDestination ?? -1)] },
  vlan: presence((c) => (c.packet.link?.vlanIds.length ?? 0) > 0),
  'vlan.id': { type: 'uint', values: (c) => c.packet.link?.vlanIds ?? [] },
  ip: presence((c) => c.packet.ip?.version === 4),
  'ip.src': ipAddresses(4, 'source'),
  'ip.dst': ipAddresses(4, 'destination'),
  'ip.addr': ipAddresses(4, 'both'),
  'ip.ttl': { type: 'uint', values: ({ packet: { ip } }) => (ip?.version === 4 ? [ip.ttl] : []) },
  'ip.proto': { type: 'uint', values: ({ packet: { ip } }) => (ip?.version === 4 ? [ip.protocol] : []) },
  ipv6: presence((c) => c.packet.ip?.version === 6),
  'ipv6.src': ipAddresses(6, 'source'),
  'ipv6.dst': ipAddresses(6, 'destination'),
  'ipv6.addr': ipAddresses(6, 'both'),
  udp: presence((c) => c.packet.udp !== undefined),
  'udp.srcport': udpNumber((u) => u.sourcePort),
  'udp.dstport': udpNumber((u) => u.destinationPort),
  'udp.port': udpNumber((u) => [u.sourcePort, u.destinationPort]),
  'udp.length': udpNumber((u) => u.length),
  tcp: presence((c) => c.packet.tcp !== undefined),
  'tcp.srcport': tcpNumber((t) => t.sourcePort),
  'tcp.dstport': tcpNumber((t) => t.destinationPort),
  'tcp.port': tcpNumber((t) => [t.sourcePort, t.destinationPort]),
  'tcp.len': tcpNumber((t) => t.payloadEnd - t.payloadStart),
  'tcp.seq': tcpNumber((t) => t.seq),
  'tcp.seq_raw': tcpNumber((t) => t.seq),
  'tcp.ack_raw': tcpNumber((t) => t.ack),
  'tcp.window_size_value': tcpNumber((t) => t.window),
  'tcp.flags': tcpNumber((t) => t.flags),
  'tcp.flags.fin': tcpFlag(TCP_FLAGS.FIN),
  'tcp.flags.syn': tcpFlag(TCP_FLAGS.SYN),
  'tcp.flags.reset': tcpFlag(TCP_FLAGS.RST),
  'tcp.flags.push': tcpFlag(TCP_FLAGS.PSH),
  'tcp.flags.ack': tcpFlag(TCP_FLAGS.ACK),
  'tcp.flags.urg': tcpFlag(TCP_FLAGS.URG),
} as const satisfies FieldTable<FrameContext>;
