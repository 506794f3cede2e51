/**
 * Frames a synthesised TCP segment for the decrypted capture: Ethernet II (IEEE 802.3), IPv4
 * (RFC 791, with an identification counter per sender as stacks keep one) or IPv6 (RFC 8200),
 * checksums filled in by the writers. The link addresses are made up (locally administered,
 * IEEE 802 bit 1 of the first octet): the original ones say nothing about the plaintext.
 */
import { tcpFrame, type IpHeaderSpec, type LinkHeaderSpec } from '../capture/write/index.js';
import type { Direction } from '../tcp/half-stream.js';
import type { SynthesizedSegment, WireEndpoint } from './plaintext-connection.js';

const CLIENT_MAC = Uint8Array.of(0x02, 0, 0, 0, 0, 0x01);
const SERVER_MAC = Uint8Array.of(0x02, 0, 0, 0, 0, 0x02);

const LINKS: Readonly<Record<Direction, LinkHeaderSpec>> = {
  0: { kind: 'ethernet', source: CLIENT_MAC, destination: SERVER_MAC },
  1: { kind: 'ethernet', source: SERVER_MAC, destination: CLIENT_MAC },
};

/** The link type of every frame a SegmentFramer builds. */
export const REWRITE_LINK = LINKS[0];

export class SegmentFramer {
  private readonly identification: [number, number] = [0, 0];

  constructor(
    private readonly client: WireEndpoint,
    private readonly server: WireEndpoint,
  ) {}

  frame(segment: SynthesizedSegment): Uint8Array {
    const [from, to] = segment.direction === 0 ? [this.client, this.server] : [this.server, this.client];
    const ip: IpHeaderSpec =
      from.address.length === 4
        ? { version: 4, source: from.address, destination: to.address, identification: this.identification[segment.direction]++ & 0xffff }
        : { version: 6, source: from.address, destination: to.address };
    return tcpFrame(LINKS[segment.direction], ip, segment.tcp, segment.payload);
  }
}
