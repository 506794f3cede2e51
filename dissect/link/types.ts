/** What a link-layer decoder tells the next layer: where the network packet starts and what it is. */

export type NetworkProtocol = 'ipv4' | 'ipv6' | 'other';

export interface LinkLayer {
  /** Name of the link layer ("Ethernet", "Linux cooked v2", ...). */
  readonly name: string;
  readonly linkType: number;
  readonly headerLength: number;
  readonly network: NetworkProtocol;
  /** EtherType or address family of the payload, for display when it is not IP. */
  readonly payloadType: number;
  /** 802.1Q/802.1ad VLAN ids, outermost first. */
  readonly vlanIds: readonly number[];
  /** Offsets of the 6-byte source and destination MAC addresses in the frame (-1 when absent). */
  readonly macSource: number;
  readonly macDestination: number;
}

/** A decoder returns undefined when the frame is too short for its header. */
export type LinkDecoder = (data: Uint8Array, linkType: number) => LinkLayer | undefined;
