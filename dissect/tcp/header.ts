/**
 * TCP header (RFC 9293 3.1) and options: MSS (2), window scale (3), SACK permitted (4), SACK (5),
 * timestamps (8). Options are parsed on demand: the reassembly fast path needs only SYN options.
 */
import { u16, u32 } from '../bytes.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';

export const TCP_FLAGS = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10, URG: 0x20, ECE: 0x40, CWR: 0x80, AE: 0x100 } as const;

export interface TcpHeader {
  readonly sourcePort: number;
  readonly destinationPort: number;
  readonly seq: number;
  readonly ack: number;
  /** The nine flag bits (AE..FIN). */
  readonly flags: number;
  readonly window: number;
  readonly checksum: number;
  readonly urgentPointer: number;
  /** Offsets in the IP layer's `data`. */
  readonly headerStart: number;
  readonly optionsEnd: number;
  readonly payloadStart: number;
  readonly payloadEnd: number;
}

export function decodeTcpHeader(data: Uint8Array, start: number, end: number, frame: number, report: (d: Diagnostic) => void): TcpHeader | undefined {
  if (end - start < 20) {
    report(diagnostic('tcp.truncated', `TCP header needs 20 bytes, ${end - start} captured`, frame));
    return undefined;
  }
  const offsetAndFlags = u16(data, start + 12);
  const headerLength = (offsetAndFlags >> 12) * 4;
  if (headerLength < 20) {
    report(diagnostic('tcp.bad-header', `TCP data offset ${headerLength} is shorter than the 20-byte header`, frame));
    return undefined;
  }
  if (end - start < headerLength) {
    report(diagnostic('tcp.truncated', `TCP header claims ${headerLength} bytes, ${end - start} captured`, frame));
    return undefined;
  }
  return {
    sourcePort: u16(data, start),
    destinationPort: u16(data, start + 2),
    seq: u32(data, start + 4),
    ack: u32(data, start + 8),
    flags: offsetAndFlags & 0x1ff,
    window: u16(data, start + 14),
    checksum: u16(data, start + 16),
    urgentPointer: u16(data, start + 18),
    headerStart: start,
    optionsEnd: start + headerLength,
    payloadStart: start + headerLength,
    payloadEnd: end,
  };
}

export interface TcpOptions {
  mss?: number;
  windowScale?: number;
  sackPermitted?: boolean;
  sack?: Array<{ left: number; right: number }>;
  timestamp?: { value: number; echo: number };
  /** Kinds present that keyhole does not decode further. */
  other?: number[];
}

const OPTION_KIND = { end: 0, noop: 1, mss: 2, windowScale: 3, sackPermitted: 4, sack: 5, timestamp: 8 } as const;

export function decodeTcpOptions(data: Uint8Array, header: TcpHeader): TcpOptions {
  const options: TcpOptions = {};
  let at = header.headerStart + 20;
  const end = header.optionsEnd;
  while (at < end) {
    const kind = data[at] ?? 0;
    if (kind === OPTION_KIND.end) break;
    if (kind === OPTION_KIND.noop) {
      at++;
      continue;
    }
    const length = data[at + 1] ?? 0;
    if (length < 2 || at + length > end) break;
    if (kind === OPTION_KIND.mss && length === 4) options.mss = u16(data, at + 2);
    else if (kind === OPTION_KIND.windowScale && length === 3) options.windowScale = data[at + 2] ?? 0;
    else if (kind === OPTION_KIND.sackPermitted) options.sackPermitted = true;
    else if (kind === OPTION_KIND.timestamp && length === 10) options.timestamp = { value: u32(data, at + 2), echo: u32(data, at + 6) };
    else if (kind === OPTION_KIND.sack) {
      const blocks: Array<{ left: number; right: number }> = [];
      for (let b = at + 2; b + 8 <= at + length; b += 8) blocks.push({ left: u32(data, b), right: u32(data, b + 4) });
      options.sack = blocks;
    } else (options.other ??= []).push(kind);
    at += length;
  }
  return options;
}

/** TCP checksum over the pseudo-header (RFC 9293 3.1, RFC 8200 8.1); only run when asked, it touches every byte. */
export function tcpChecksumIsValid(data: Uint8Array, sourceAt: number, destinationAt: number, addressLength: 4 | 16, start: number, end: number): boolean {
  let sum = 0;
  for (let i = 0; i < addressLength; i += 2) {
    sum += u16(data, sourceAt + i) + u16(data, destinationAt + i);
  }
  const length = end - start;
  sum += 6 + (length & 0xffff) + Math.floor(length / 65536);
  let i = start;
  for (; i + 1 < end; i += 2) sum += ((data[i] ?? 0) << 8) | (data[i + 1] ?? 0);
  if (i < end) sum += (data[i] ?? 0) << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 65536);
  return sum === 0xffff;
}
