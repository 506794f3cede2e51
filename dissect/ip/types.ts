/** The network-layer view of a packet, after any fragment reassembly. */

export interface IpLayer {
  readonly version: 4 | 6;
  /** The bytes holding this datagram: the frame itself, or a reassembled buffer. */
  readonly data: Uint8Array;
  /** Where the IP header starts in `data`. */
  readonly headerStart: number;
  /** Offsets of the source and destination addresses in `data` (4 or 16 bytes each). */
  readonly sourceAt: number;
  readonly destinationAt: number;
  readonly addressLength: 4 | 16;
  /** Upper-layer protocol (after IPv6 extension headers). */
  readonly protocol: number;
  readonly ttl: number;
  /** Where the upper-layer payload starts and ends in `data`. */
  readonly payloadStart: number;
  readonly payloadEnd: number;
  /** IPv4 identification or IPv6 fragment identification (0 when none). */
  readonly identification: number;
  /** True when this datagram was put together from fragments. */
  readonly reassembled: boolean;
  /** Frames whose fragments made this datagram (just this frame when not fragmented). */
  readonly fragmentFrames?: readonly number[];
}
