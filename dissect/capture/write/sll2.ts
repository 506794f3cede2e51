/**
 * Linux "cooked" capture header v2 (tcpdump.org LINKTYPE_LINUX_SLL2, 276): what `tcpdump -i any`
 * writes. 20 bytes: protocol, reserved, interface index, ARPHRD type, packet type, address length
 * and an 8-byte address field.
 */

/** Direction of the packet relative to the capturing host (the sll_pkttype values). */
export const SLL2_PACKET_TYPES = {
  host: 0,
  broadcast: 1,
  multicast: 2,
  otherHost: 3,
  outgoing: 4,
} as const;

export type Sll2PacketType = keyof typeof SLL2_PACKET_TYPES;

/** ARPHRD_ETHER from <linux/if_arp.h>. */
export const ARPHRD_ETHER = 1;

export interface Sll2HeaderFields {
  /** EtherType of the payload. */
  readonly protocol: number;
  readonly interfaceIndex: number;
  readonly hardwareType?: number;
  readonly packetType: Sll2PacketType;
  /** Link-layer source address, at most 8 bytes. */
  readonly address: Uint8Array;
}

export const SLL2_HEADER_LENGTH = 20;
const ADDRESS_FIELD_LENGTH = 8;

export function sll2Header(fields: Sll2HeaderFields): Uint8Array {
  if (fields.address.length > ADDRESS_FIELD_LENGTH) throw new RangeError('an SLL2 address is at most 8 bytes');
  const out = new Uint8Array(SLL2_HEADER_LENGTH);
  const view = new DataView(out.buffer);
  view.setUint16(0, fields.protocol);
  view.setUint32(4, fields.interfaceIndex);
  view.setUint16(8, fields.hardwareType ?? ARPHRD_ETHER);
  view.setUint8(10, SLL2_PACKET_TYPES[fields.packetType]);
  view.setUint8(11, fields.address.length);
  out.set(fields.address, 12);
  return out;
}
