/**
 * The non-Ethernet link types captures commonly use:
 * - Linux cooked capture v1 (LINKTYPE_LINUX_SLL 113) and v2 (LINKTYPE_LINUX_SLL2 276), what
 *   `tcpdump -i any` writes (https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL2.html);
 * - raw IP (LINKTYPE_RAW 101, DLT_RAW 12 and 14, LINKTYPE_IPV4 228, LINKTYPE_IPV6 229);
 * - BSD loopback: LINKTYPE_NULL 0 (address family in the capturing host's byte order) and
 *   LINKTYPE_LOOP 108 (network byte order).
 */
import { u16, u32 } from '../bytes.js';
import { networkForAddressFamily, networkForEtherType } from './ethertype.js';
import type { LinkLayer, NetworkProtocol } from './types.js';

const NO_VLANS: readonly number[] = [];

function layer(name: string, linkType: number, headerLength: number, network: NetworkProtocol, payloadType: number, macSource = -1): LinkLayer {
  return { name, linkType, headerLength, network, payloadType, vlanIds: NO_VLANS, macSource, macDestination: -1 };
}

export function decodeSll(data: Uint8Array, linkType: number): LinkLayer | undefined {
  if (data.length < 16) return undefined;
  const protocol = u16(data, 14);
  const addressLength = u16(data, 4);
  return layer('Linux cooked capture v1', linkType, 16, networkForEtherType(protocol), protocol, addressLength === 6 ? 6 : -1);
}

export function decodeSll2(data: Uint8Array, linkType: number): LinkLayer | undefined {
  if (data.length < 20) return undefined;
  const protocol = u16(data, 0);
  const addressLength = data[11] ?? 0;
  return layer('Linux cooked capture v2', linkType, 20, networkForEtherType(protocol), protocol, addressLength === 6 ? 12 : -1);
}

export function decodeRawIp(data: Uint8Array, linkType: number): LinkLayer | undefined {
  if (data.length < 1) return undefined;
  const version = (data[0] ?? 0) >> 4;
  const network: NetworkProtocol = version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : 'other';
  return layer('Raw IP', linkType, 0, network, version);
}

export function decodeIpv4Only(data: Uint8Array, linkType: number): LinkLayer | undefined {
  return data.length < 1 ? undefined : layer('Raw IPv4', linkType, 0, 'ipv4', 4);
}

export function decodeIpv6Only(data: Uint8Array, linkType: number): LinkLayer | undefined {
  return data.length < 1 ? undefined : layer('Raw IPv6', linkType, 0, 'ipv6', 6);
}

export function decodeNull(data: Uint8Array, linkType: number): LinkLayer | undefined {
  if (data.length < 4) return undefined;
  // Written in the capturing host's byte order: a family that only makes sense swapped was little-endian.
  const bigEndian = u32(data, 0);
  const family = bigEndian > 0xffff ? (((data[3] ?? 0) << 24) | ((data[2] ?? 0) << 16) | ((data[1] ?? 0) << 8) | (data[0] ?? 0)) >>> 0 : bigEndian;
  return layer('BSD loopback', linkType, 4, networkForAddressFamily(family), family);
}

export function decodeLoop(data: Uint8Array, linkType: number): LinkLayer | undefined {
  if (data.length < 4) return undefined;
  const family = u32(data, 0);
  return layer('OpenBSD loopback', linkType, 4, networkForAddressFamily(family), family);
}
