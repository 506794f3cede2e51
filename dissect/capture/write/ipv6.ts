/** IPv6 fixed header (RFC 8200 3), no extension headers. */

export interface Ipv6HeaderFields {
  readonly source: Uint8Array;
  readonly destination: Uint8Array;
  /** Protocol number of the payload (6 for TCP). */
  readonly nextHeader: number;
  readonly payloadLength: number;
  readonly hopLimit?: number;
  readonly trafficClass?: number;
  /** 20-bit flow label (RFC 6437); a sender sets one per flow. */
  readonly flowLabel?: number;
}

export const IPV6_HEADER_LENGTH = 40;
const DEFAULT_HOP_LIMIT = 64;

export function ipv6Header(fields: Ipv6HeaderFields): Uint8Array {
  if (fields.source.length !== 16 || fields.destination.length !== 16) throw new RangeError('an IPv6 address is 16 bytes');
  if (fields.payloadLength > 0xffff) throw new RangeError('jumbograms (RFC 2675) are not written');
  const out = new Uint8Array(IPV6_HEADER_LENGTH);
  const view = new DataView(out.buffer);
  view.setUint32(0, ((6 << 28) | (((fields.trafficClass ?? 0) & 0xff) << 20) | ((fields.flowLabel ?? 0) & 0xfffff)) >>> 0);
  view.setUint16(4, fields.payloadLength);
  view.setUint8(6, fields.nextHeader);
  view.setUint8(7, fields.hopLimit ?? DEFAULT_HOP_LIMIT);
  out.set(fields.source, 8);
  out.set(fields.destination, 24);
  return out;
}
