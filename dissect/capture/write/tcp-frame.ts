/**
 * A whole captured frame for one TCP segment: link header (Ethernet II or Linux SLL2), IPv4
 * (RFC 791) or IPv6 (RFC 8200) header, TCP header (RFC 9293) and payload, in one buffer.
 */
import { concatBytes } from '../../bytes.js';
import { ETHER_TYPES, ethernetHeader } from './ethernet.js';
import type { VlanTag } from './ethernet.js';
import { ipv4Header } from './ipv4.js';
import { ipv6Header } from './ipv6.js';
import { LINK_TYPES } from './link-types.js';
import { sll2Header } from './sll2.js';
import type { Sll2PacketType } from './sll2.js';
import { IP_PROTOCOL_TCP, tcpHeader } from './tcp.js';
import type { TcpHeaderFields } from './tcp.js';

export type LinkHeaderSpec =
  | {
      readonly kind: 'ethernet';
      readonly source: Uint8Array;
      readonly destination: Uint8Array;
      readonly vlans?: readonly VlanTag[];
    }
  | {
      readonly kind: 'linux-sll2';
      readonly interfaceIndex: number;
      readonly packetType: Sll2PacketType;
      /** The sender's link-layer address. */
      readonly address: Uint8Array;
    };

export type IpHeaderSpec =
  | {
      readonly version: 4;
      readonly source: Uint8Array;
      readonly destination: Uint8Array;
      readonly identification: number;
      readonly ttl?: number;
    }
  | {
      readonly version: 6;
      readonly source: Uint8Array;
      readonly destination: Uint8Array;
      readonly flowLabel?: number;
      readonly hopLimit?: number;
    };

export function linkTypeOf(link: LinkHeaderSpec): number {
  return LINK_TYPES[link.kind];
}

function linkHeader(link: LinkHeaderSpec, etherType: number): Uint8Array {
  return link.kind === 'ethernet'
    ? ethernetHeader({ destination: link.destination, source: link.source, etherType, ...(link.vlans ? { vlans: link.vlans } : {}) })
    : sll2Header({ protocol: etherType, interfaceIndex: link.interfaceIndex, packetType: link.packetType, address: link.address });
}

function ipHeader(ip: IpHeaderSpec, payloadLength: number): Uint8Array {
  if (ip.version === 4) {
    return ipv4Header({
      source: ip.source,
      destination: ip.destination,
      protocol: IP_PROTOCOL_TCP,
      payloadLength,
      identification: ip.identification,
      ...(ip.ttl === undefined ? {} : { ttl: ip.ttl }),
    });
  }
  return ipv6Header({
    source: ip.source,
    destination: ip.destination,
    nextHeader: IP_PROTOCOL_TCP,
    payloadLength,
    ...(ip.flowLabel === undefined ? {} : { flowLabel: ip.flowLabel }),
    ...(ip.hopLimit === undefined ? {} : { hopLimit: ip.hopLimit }),
  });
}

export function tcpFrame(link: LinkHeaderSpec, ip: IpHeaderSpec, tcp: TcpHeaderFields, payload: Uint8Array): Uint8Array {
  const transport = tcpHeader(tcp, payload, ip);
  const network = ipHeader(ip, transport.length + payload.length);
  const linkBytes = linkHeader(link, ip.version === 4 ? ETHER_TYPES.ipv4 : ETHER_TYPES.ipv6);
  return concatBytes([linkBytes, network, transport, payload]);
}
