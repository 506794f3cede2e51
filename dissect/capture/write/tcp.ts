/**
 * TCP header (RFC 9293 3.1) with its checksum over the pseudo-header: RFC 9293 3.1 for IPv4
 * (addresses, zero, protocol, TCP length) and RFC 8200 8.1 for IPv6 (addresses, 32-bit
 * upper-layer length, zeros, next header). Both sum to the same words, so one function serves.
 */
import { addToChecksum, finishChecksum } from './checksum.js';

export const IP_PROTOCOL_TCP = 6;

export const TCP_FLAGS = {
  FIN: 0x01,
  SYN: 0x02,
  RST: 0x04,
  PSH: 0x08,
  ACK: 0x10,
  URG: 0x20,
  ECE: 0x40,
  CWR: 0x80,
} as const;

export interface TcpHeaderFields {
  readonly sourcePort: number;
  readonly destinationPort: number;
  readonly sequence: number;
  readonly acknowledgment: number;
  /** OR of TCP_FLAGS values. */
  readonly flags: number;
  readonly window: number;
  readonly urgentPointer?: number;
  /** Already padded to a multiple of 4 bytes (see tcpOptions). */
  readonly options?: Uint8Array;
}

/** The IP addresses the checksum's pseudo-header covers (4 bytes each for IPv4, 16 for IPv6). */
export interface IpEndpoints {
  readonly source: Uint8Array;
  readonly destination: Uint8Array;
}

export const TCP_FIXED_HEADER_LENGTH = 20;

export function pseudoHeaderSum(endpoints: IpEndpoints, protocol: number, upperLayerLength: number): number {
  let sum = addToChecksum(0, endpoints.source);
  sum = addToChecksum(sum, endpoints.destination);
  return sum + Math.floor(upperLayerLength / 0x10000) + (upperLayerLength & 0xffff) + protocol;
}

/** The TCP header for `payload`, its checksum filled in. */
export function tcpHeader(fields: TcpHeaderFields, payload: Uint8Array, endpoints: IpEndpoints): Uint8Array {
  const options = fields.options ?? new Uint8Array(0);
  if (options.length % 4 !== 0) throw new RangeError('TCP options must be padded to a multiple of 4 bytes');
  const out = new Uint8Array(TCP_FIXED_HEADER_LENGTH + options.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, fields.sourcePort);
  view.setUint16(2, fields.destinationPort);
  view.setUint32(4, fields.sequence >>> 0);
  view.setUint32(8, fields.acknowledgment >>> 0);
  view.setUint8(12, (out.length / 4) << 4);
  view.setUint8(13, fields.flags);
  view.setUint16(14, fields.window);
  view.setUint16(18, fields.urgentPointer ?? 0);
  out.set(options, TCP_FIXED_HEADER_LENGTH);
  let sum = pseudoHeaderSum(endpoints, IP_PROTOCOL_TCP, out.length + payload.length);
  sum = addToChecksum(sum, out);
  sum = addToChecksum(sum, payload);
  view.setUint16(16, finishChecksum(sum));
  return out;
}
