/**
 * Builds TCP/IPv4 frames from a table of segments (for reassembly tests) and runs them through
 * the real packet decoder and flow table, collecting each direction's bytes with gaps marked.
 */
import { PacketDecoder } from '../../dissect/packet.js';
import { FlowTable, type FlowTableOptions } from '../../dissect/tcp/flow-table.js';
import type { TcpConnection } from '../../dissect/tcp/connection.js';
import type { Frame } from '../../dissect/capture/types.js';

export type Side = 'c' | 's';

export interface SegmentRow {
  /** Who sends it: client or server. */
  readonly from: Side;
  /** Flags as letters: S (SYN), A (ACK), F (FIN), R (RST), P (PSH). */
  readonly flags?: string;
  /** Sequence number (absolute, 32-bit). */
  readonly seq: number;
  readonly ack?: number;
  readonly data?: string;
}

const CLIENT = { address: [10, 0, 0, 1], port: 50000 };
const SERVER = { address: [10, 0, 0, 2], port: 443 };

const FLAG_BITS: Readonly<Record<string, number>> = { F: 0x01, S: 0x02, R: 0x04, P: 0x08, A: 0x10 };

export function tcpFrame(row: SegmentRow, number: number, ports: { client: number; server: number } = { client: CLIENT.port, server: SERVER.port }): Frame {
  const payload = new TextEncoder().encode(row.data ?? '');
  const bytes = new Uint8Array(20 + 20 + payload.length);
  const src = row.from === 'c' ? CLIENT : SERVER;
  const dst = row.from === 'c' ? SERVER : CLIENT;
  const srcPort = row.from === 'c' ? ports.client : ports.server;
  const dstPort = row.from === 'c' ? ports.server : ports.client;
  bytes[0] = 0x45;
  bytes[2] = bytes.length >> 8;
  bytes[3] = bytes.length & 0xff;
  bytes[8] = 64;
  bytes[9] = 6;
  bytes.set(src.address, 12);
  bytes.set(dst.address, 16);
  let sum = 0;
  for (let i = 0; i < 20; i += 2) sum += ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  const check = ~sum & 0xffff;
  bytes[10] = check >> 8;
  bytes[11] = check & 0xff;
  const view = new DataView(bytes.buffer);
  view.setUint16(20, srcPort);
  view.setUint16(22, dstPort);
  view.setUint32(24, row.seq >>> 0);
  view.setUint32(28, (row.ack ?? 0) >>> 0);
  let flags = 0;
  for (const letter of row.flags ?? (row.data ? 'PA' : 'A')) flags |= FLAG_BITS[letter] ?? 0;
  if (row.ack !== undefined) flags |= FLAG_BITS['A'] ?? 0;
  view.setUint16(32, (5 << 12) | flags);
  view.setUint16(34, 65535);
  bytes.set(payload, 40);
  return { number, tsSec: 1_700_000_000 + number, tsNsec: 0, linkType: 101, interfaceId: 0, originalLength: bytes.length, data: bytes, fileOffset: 0 };
}

export interface Reassembled {
  readonly connections: TcpConnection[];
  /** Per stream index: [client bytes, server bytes] as text, gaps written as "[gap N]". */
  readonly streams: Array<[string, string]>;
  /** Where each delivered chunk came from, in delivery order. */
  readonly chunks: Array<{ stream: number; direction: number; offset: number; length: number; frame: number; frameOffset: number }>;
}

export function reassemble(rows: readonly SegmentRow[], options: FlowTableOptions = {}): Reassembled {
  const decoder = new PacketDecoder();
  const connections: TcpConnection[] = [];
  const streams: Array<[string, string]> = [];
  const chunks: Reassembled['chunks'] = [];
  const flows = new FlowTable(
    {
      opened(connection) {
        connections.push(connection);
        const texts: [string, string] = ['', ''];
        streams[connection.index] = texts;
        const decoderText = new TextDecoder();
        connection.handler = {
          data(chunk) {
            texts[chunk.direction] += decoderText.decode(chunk.data);
            chunks.push({ stream: connection.index, direction: chunk.direction, offset: chunk.offset, length: chunk.data.length, frame: chunk.frame, frameOffset: chunk.frameOffset });
          },
          gap(gap) {
            texts[gap.direction] += `[gap ${gap.length}]`;
          },
        };
      },
    },
    options,
  );
  rows.forEach((row, i) => flows.process(decoder.decode(tcpFrame(row, i + 1))));
  flows.finish(rows.length);
  return { connections, streams, chunks };
}

/** The usual opening: SYN (ISN c), SYN/ACK (ISN s), ACK. */
export function handshake(c: number, s: number): SegmentRow[] {
  return [
    { from: 'c', flags: 'S', seq: c },
    { from: 's', flags: 'SA', seq: s, ack: (c + 1) >>> 0 },
    { from: 'c', flags: 'A', seq: (c + 1) >>> 0, ack: (s + 1) >>> 0 },
  ];
}
