/**
 * What `keyhole export --out DIR` writes for each stream: the decrypted application data of each
 * side, in order, to DIR/stream-N-client.bin and -server.bin (udp-stream-N-… for DTLS), written
 * behind the dissection (FileCache), plus each closed session's report. The same listener runs in
 * the main thread or in a shard worker (export-worker.ts), so both give the same files.
 */
import type { AnalyzeListener } from '../../dissect/analyze.js';
import { connectionReport, conversationReport, type SessionReport } from '../../dissect/report.js';
import type { TcpConnection } from '../../dissect/tcp/connection.js';
import type { Direction } from '../../dissect/tcp/half-stream.js';
import type { TlsSession } from '../../dissect/tls/session.js';
import type { DtlsSession } from '../../dissect/dtls/session.js';
import type { UdpConversation } from '../../dissect/udp/conversation.js';
import { FileCache } from './file-cache.js';

const SIDES = ['client', 'server'] as const;
/** File name prefixes by transport: TCP streams keep the plain name, UDP ones say so. */
const PREFIXES = { tcp: 'stream', udp: 'udp-stream' } as const;

export type Transport = keyof typeof PREFIXES;

export function streamFileName(stream: number, direction: Direction, transport: Transport = 'tcp'): string {
  return `${PREFIXES[transport]}-${stream}-${SIDES[direction]}.bin`;
}

/** Bytes written per stream, keyed "transport stream", client then server. */
export type WrittenBytes = Map<string, [number, number]>;

export function writtenKey(transport: Transport, stream: number): string {
  return `${transport} ${stream}`;
}

export interface StreamFilesResult {
  readonly reports: SessionReport[];
  readonly written: WrittenBytes;
}

export class StreamFiles implements AnalyzeListener {
  private readonly files: FileCache | undefined;
  private readonly pending: Array<Promise<SessionReport>> = [];
  private readonly written: WrittenBytes = new Map();

  /** Without a folder only the reports are kept (export --http or --decrypted-pcap alone). */
  constructor(out: string | undefined) {
    this.files = out === undefined ? undefined : new FileCache(out);
  }

  applicationData(session: TlsSession, direction: Direction, plaintext: Uint8Array): void {
    if (this.files === undefined) return;
    const stream = session.connection.index;
    this.files.append(streamFileName(stream, direction, session.transport), plaintext);
    const key = writtenKey(session.transport, stream);
    const counts = this.written.get(key) ?? [0, 0];
    counts[direction] += plaintext.length;
    this.written.set(key, counts);
  }

  finished(connection: TcpConnection, session: TlsSession): void {
    this.done('tcp', connection.index);
    this.pending.push(connectionReport(connection, session));
  }

  finishedUdp(conversation: UdpConversation, session: DtlsSession): void {
    this.done('udp', conversation.index);
    this.pending.push(conversationReport(conversation, session));
  }

  /** For AnalyzeOptions.backpressure: holds the reader while writes lag behind. */
  backpressure(): Promise<void> | undefined {
    return this.files?.backpressure();
  }

  /** Waits for every write and report. */
  async close(): Promise<StreamFilesResult> {
    await this.files?.closeAll();
    return { reports: await Promise.all(this.pending), written: this.written };
  }

  private done(transport: Transport, stream: number): void {
    this.files?.close(streamFileName(stream, 0, transport));
    this.files?.close(streamFileName(stream, 1, transport));
  }
}
