/** IPv4 header without options (RFC 791 3.1), header checksum per RFC 1071. */
import { internetChecksum } from './checksum.js';

export interface Ipv4HeaderFields {
  readonly source: Uint8Array;
  readonly destination: Uint8Array;
  /** IP protocol number of the payload (6 for TCP). */
  readonly protocol: number;
  readonly payloadLength: number;
  readonly identification: number;
  readonly ttl?: number;
  /** Sets the Don't Fragment flag, as every TCP stack with path MTU discovery does. */
  readonly dontFragment?: boolean;
  readonly dscp?: number;
}

export const IPV4_HEADER_LENGTH = 20;
const VERSION_AND_IHL = 0x45;
const DONT_FRAGMENT = 0x4000;
const DEFAULT_TTL = 64;

export function ipv4Header(fields: Ipv4HeaderFields): Uint8Array {
  if (fields.source.length !== 4 || fields.destination.length !== 4) throw new RangeError('an IPv4 address is 4 bytes');
  const totalLength = IPV4_HEADER_LENGTH + fields.payloadLength;
  if (totalLength > 0xffff) throw new RangeError('an IPv4 datagram is at most 65535 bytes');
  const out = new Uint8Array(IPV4_HEADER_LENGTH);
  const view = new DataView(out.buffer);
  view.setUint8(0, VERSION_AND_IHL);
  view.setUint8(1, (fields.dscp ?? 0) << 2);
  view.setUint16(2, totalLength);
  view.setUint16(4, fields.identification & 0xffff);
  view.setUint16(6, (fields.dontFragment ?? true) ? DONT_FRAGMENT : 0);
  view.setUint8(8, fields.ttl ?? DEFAULT_TTL);
  view.setUint8(9, fields.protocol);
  out.set(fields.source, 12);
  out.set(fields.destination, 16);
  view.setUint16(10, internetChecksum(out));
  return out;
}
