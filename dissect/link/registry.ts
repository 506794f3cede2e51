/** Link-type registry (https://www.tcpdump.org/linktypes.html): wire value -> decoder. */
import { decodeEthernet } from './ethernet.js';
import { decodeIpv4Only, decodeIpv6Only, decodeLoop, decodeNull, decodeRawIp, decodeSll, decodeSll2 } from './others.js';
import type { LinkDecoder } from './types.js';

interface LinkTypeEntry {
  readonly name: string;
  readonly decode: LinkDecoder;
}

export const LINK_TYPES: ReadonlyMap<number, LinkTypeEntry> = new Map([
  [0, { name: 'NULL (BSD loopback)', decode: decodeNull }],
  [1, { name: 'ETHERNET', decode: decodeEthernet }],
  [12, { name: 'RAW (DLT 12)', decode: decodeRawIp }],
  [14, { name: 'RAW (DLT 14)', decode: decodeRawIp }],
  [101, { name: 'RAW', decode: decodeRawIp }],
  [108, { name: 'LOOP', decode: decodeLoop }],
  [113, { name: 'LINUX_SLL', decode: decodeSll }],
  [228, { name: 'IPV4', decode: decodeIpv4Only }],
  [229, { name: 'IPV6', decode: decodeIpv6Only }],
  [276, { name: 'LINUX_SLL2', decode: decodeSll2 }],
]);

export function linkTypeName(linkType: number): string {
  return LINK_TYPES.get(linkType)?.name ?? `unknown (${linkType})`;
}
