/**
 * The lower layers of one frame as a detail tree, decoded again from the bytes re-read from the
 * file: frame, link (IEEE 802.3 / others), IP (RFC 791, RFC 8200), TCP (RFC 9293 3.1) and UDP (RFC 768) headers,
 * with spans in frame offsets so the hex view can mark them.
 */
import type { Frame } from '../../../dissect/capture/types.js';
import { formatAddress } from '../../../dissect/ip/address.js';
import { PacketDecoder } from '../../../dissect/packet.js';
import { branch, leaf, type TreeNode } from '../../../dissect/tree.js';
import { isoTime } from '../../cli/format/time.js';
import type { FrameFacts } from './frame-index.js';

const TCP_FLAG_NAMES: ReadonlyArray<readonly [number, string]> = [
  [0x100, 'AE'], [0x80, 'CWR'], [0x40, 'ECE'], [0x20, 'URG'], [0x10, 'ACK'], [0x08, 'PSH'], [0x04, 'RST'], [0x02, 'SYN'], [0x01, 'FIN'],
];

export function frameTree(facts: FrameFacts, data: Uint8Array): TreeNode[] {
  const frame: Frame = {
    number: facts.number, tsSec: facts.tsSec, tsNsec: facts.tsNsec, linkType: facts.linkType, interfaceId: 0,
    originalLength: facts.originalLength, data, fileOffset: facts.fileOffset,
  };
  const packet = new PacketDecoder().decode(frame);
  const nodes: TreeNode[] = [
    branch(`Frame ${facts.number}`, [leaf('Arrival Time', isoTime({ sec: facts.tsSec, nsec: facts.tsNsec })), leaf('Captured Length', String(data.length))], `${facts.originalLength} bytes on wire, ${data.length} captured`, { start: 0, end: data.length }),
  ];
  const link = packet.link;
  if (link !== undefined) {
    const vlans = link.vlanIds.map((id) => leaf('VLAN', String(id)));
    nodes.push(branch(link.name, vlans, undefined, { start: 0, end: link.headerLength }));
  }
  const ip = packet.ip;
  // A reassembled datagram's offsets are in its own buffer, not in this frame.
  const own = ip !== undefined && ip.data === data;
  if (ip !== undefined) {
    const source = formatAddress(ip.data, ip.sourceAt, ip.addressLength);
    const destination = formatAddress(ip.data, ip.destinationAt, ip.addressLength);
    nodes.push(
      branch(`Internet Protocol Version ${ip.version}`, [leaf('Source', source), leaf('Destination', destination), leaf('TTL', String(ip.ttl)), leaf('Protocol', String(ip.protocol))],
        `${source} → ${destination}${ip.reassembled ? ' (reassembled)' : ''}`, own ? { start: ip.headerStart, end: ip.payloadStart } : undefined),
    );
  }
  const tcp = packet.tcp;
  if (tcp !== undefined) {
    const flags = TCP_FLAG_NAMES.filter(([bit]) => (tcp.flags & bit) !== 0).map(([, name]) => name).join(', ');
    const length = tcp.payloadEnd - tcp.payloadStart;
    nodes.push(
      branch('Transmission Control Protocol', [
        leaf('Source Port', String(tcp.sourcePort)), leaf('Destination Port', String(tcp.destinationPort)),
        leaf('Sequence Number', String(tcp.seq)), leaf('Acknowledgment Number', String(tcp.ack)),
        leaf('Flags', `0x${tcp.flags.toString(16).padStart(3, '0')} (${flags})`), leaf('Window', String(tcp.window)), leaf('Payload Length', String(length)),
      ], `${tcp.sourcePort} → ${tcp.destinationPort}, Len ${length}`, own ? { start: tcp.headerStart, end: tcp.payloadEnd } : undefined),
    );
  }
  const udp = packet.udp;
  if (udp !== undefined) {
    const length = udp.payloadEnd - udp.payloadStart;
    nodes.push(
      branch('User Datagram Protocol', [
        leaf('Source Port', String(udp.sourcePort)), leaf('Destination Port', String(udp.destinationPort)),
        leaf('Length', String(udp.length)), leaf('Checksum', `0x${udp.checksum.toString(16).padStart(4, '0')}`), leaf('Payload Length', String(length)),
      ], `${udp.sourcePort} → ${udp.destinationPort}, Len ${length}`, own ? { start: udp.headerStart, end: udp.payloadEnd } : undefined),
    );
  }
  return nodes;
}
