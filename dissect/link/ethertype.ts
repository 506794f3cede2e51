/** EtherTypes and BSD address families that carry IP (IEEE registry; BSD socket.h per OS). */
import type { NetworkProtocol } from './types.js';

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;

export function networkForEtherType(type: number): NetworkProtocol {
  if (type === ETHERTYPE_IPV4) return 'ipv4';
  if (type === ETHERTYPE_IPV6) return 'ipv6';
  return 'other';
}

/** AF_INET is 2 everywhere; AF_INET6 is 10 (Linux), 24 (NetBSD/OpenBSD), 28 (FreeBSD), 30 (macOS). */
const ADDRESS_FAMILIES: ReadonlyMap<number, NetworkProtocol> = new Map([
  [2, 'ipv4'],
  [10, 'ipv6'],
  [24, 'ipv6'],
  [28, 'ipv6'],
  [30, 'ipv6'],
]);

export function networkForAddressFamily(family: number): NetworkProtocol {
  return ADDRESS_FAMILIES.get(family) ?? 'other';
}
