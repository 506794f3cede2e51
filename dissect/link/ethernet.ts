/**
 * Ethernet II (IEEE 802.3) with 802.1Q, 802.1ad (QinQ) and the old 0x9100 double tag.
 * An EtherType below 0x0600 is an 802.3 length (LLC follows), which carries no IP we decode.
 */
import { u16 } from '../bytes.js';
import { networkForEtherType } from './ethertype.js';
import type { LinkLayer } from './types.js';

const VLAN_TAGS: ReadonlySet<number> = new Set([0x8100, 0x88a8, 0x9100]);
const NO_VLANS: readonly number[] = [];

export function decodeEthernet(data: Uint8Array, linkType: number): LinkLayer | undefined {
  if (data.length < 14) return undefined;
  let at = 12;
  let type = u16(data, at);
  let vlanIds: number[] | undefined;
  while (VLAN_TAGS.has(type)) {
    if (data.length < at + 6) return undefined;
    vlanIds ??= [];
    vlanIds.push(u16(data, at + 2) & 0x0fff);
    at += 4;
    type = u16(data, at);
  }
  return {
    name: 'Ethernet',
    linkType,
    headerLength: at + 2,
    network: networkForEtherType(type),
    payloadType: type,
    vlanIds: vlanIds ?? NO_VLANS,
    macDestination: 0,
    macSource: 6,
  };
}
