/**
 * Ethernet II header (IEEE 802.3 clause 3.2.6, type interpretation of the length/type field) with
 * IEEE 802.1Q tags. Stacked tags follow IEEE 802.1ad (QinQ): every outer tag is a service tag
 * (TPID 0x88a8) and the innermost one a customer tag (TPID 0x8100). No FCS and no padding to 60
 * bytes: captures taken on the sending host show neither.
 */

export const ETHER_TYPES = {
  ipv4: 0x0800,
  ipv6: 0x86dd,
  customerVlan: 0x8100,
  serviceVlan: 0x88a8,
} as const;

export interface VlanTag {
  /** 12-bit VLAN identifier. */
  readonly id: number;
  /** 3-bit priority code point; 0 when absent. */
  readonly priority?: number;
  /** Overrides the TPID the tag's position implies. */
  readonly tpid?: number;
}

export interface EthernetHeaderFields {
  readonly destination: Uint8Array;
  readonly source: Uint8Array;
  /** Outermost first. */
  readonly vlans?: readonly VlanTag[];
  readonly etherType: number;
}

const MAC_LENGTH = 6;
const TAG_LENGTH = 4;

export function ethernetHeader(fields: EthernetHeaderFields): Uint8Array {
  if (fields.destination.length !== MAC_LENGTH || fields.source.length !== MAC_LENGTH) {
    throw new RangeError('an Ethernet address is 6 bytes');
  }
  const vlans = fields.vlans ?? [];
  const out = new Uint8Array(2 * MAC_LENGTH + vlans.length * TAG_LENGTH + 2);
  const view = new DataView(out.buffer);
  out.set(fields.destination, 0);
  out.set(fields.source, MAC_LENGTH);
  let at = 2 * MAC_LENGTH;
  vlans.forEach((tag, index) => {
    const innermost = index === vlans.length - 1;
    view.setUint16(at, tag.tpid ?? (innermost ? ETHER_TYPES.customerVlan : ETHER_TYPES.serviceVlan));
    view.setUint16(at + 2, (((tag.priority ?? 0) & 0x7) << 13) | (tag.id & 0x0fff));
    at += TAG_LENGTH;
  });
  view.setUint16(at, fields.etherType);
  return out;
}
