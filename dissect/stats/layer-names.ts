/**
 * Wireshark's protocol filter names for the layers below TLS, keyed by wire value: link types
 * (tcpdump.org LINKTYPE_ values), EtherTypes of non-IP payloads (IEEE 802 numbers) and IP
 * protocol numbers (IANA), as `tshark -z io,phs` names them. Unknown values print as numbers.
 */

/** Raw IP link types have no layer of their own: Wireshark's hierarchy starts at ip. */
const LINK_NAMES: ReadonlyMap<number, string | null> = new Map([
  [0, 'null'],
  [1, 'eth'],
  [12, null],
  [14, null],
  [101, null],
  [108, 'loop'],
  [113, 'sll'],
  [228, null],
  [229, null],
  [276, 'sll'],
]);

const ETHERTYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [0x0806, 'arp'],
  [0x8035, 'rarp'],
  [0x88cc, 'lldp'],
  [0x888e, 'eapol'],
  [0x8863, 'pppoed'],
  [0x8864, 'pppoes'],
]);

const IP_PROTOCOL_NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'icmp'],
  [2, 'igmp'],
  [6, 'tcp'],
  [17, 'udp'],
  [47, 'gre'],
  [50, 'esp'],
  [51, 'ah'],
  [58, 'icmpv6'],
  [89, 'ospf'],
  [132, 'sctp'],
]);

/** The link layer's part of a frame's path: one name, or none for raw IP. */
export function linkLayers(linkType: number): string[] {
  const name = LINK_NAMES.get(linkType);
  if (name === null) return [];
  return [name ?? `link-type ${linkType}`];
}

export function etherTypeName(type: number): string {
  return ETHERTYPE_NAMES.get(type) ?? `ethertype 0x${type.toString(16).padStart(4, '0')}`;
}

export function ipProtocolName(protocol: number): string {
  return IP_PROTOCOL_NAMES.get(protocol) ?? `ip.proto ${protocol}`;
}
