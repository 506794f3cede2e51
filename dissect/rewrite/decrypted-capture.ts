/**
 * The decrypted capture: a listener on the analyze() pass that re-writes every TCP connection
 * with readable bytes as a plain TCP connection carrying them (same addresses and ports, each
 * piece stamped with the time of the record or segment that brought it), so tools without keys
 * read the application protocol directly. What a connection carries:
 * - TLS: the decrypted application data (TLS 1.3 early data too); handshake bytes are left out.
 * - Bytes that were never TLS (a plaintext connection, or the phase before STARTTLS): as they
 *   were, so the new capture holds everything readable and HTTP tools see the same exchanges.
 * - A connection with nothing readable (no keys, not decrypted) is left out entirely.
 * - DTLS over UDP is left out (the writers frame TCP only).
 * Bytes that could not be read after the connection started (a capture gap, a record that did
 * not decrypt) become a hole in the sequence space, so readers see the loss where it was.
 * Packets are written as the pass produces them; timestamps never go backwards (a connection's
 * handshake and FIN take the time of the events that cause them), and memory holds one small
 * state per open connection.
 */
import type { AnalyzeListener } from '../analyze.js';
import type { CaptureWriter, Timestamp } from '../capture/write/index.js';
import type { TcpConnection } from '../tcp/connection.js';
import type { Direction, StreamChunk } from '../tcp/half-stream.js';
import type { TlsRecord } from '../tls/record.js';
import type { TlsRecordEvent, TlsSession } from '../tls/session.js';
import { ContentType } from '../tls/tables/index.js';
import { PlaintextConnection } from './plaintext-connection.js';
import { SegmentFramer } from './segment-framer.js';

interface Rewritten {
  readonly tcp: PlaintextConnection;
  /** Stream offset each direction's plaintext (non-TLS) bytes should continue at. */
  readonly nextPlaintextOffset: [number, number];
}

export interface RewriteTotals {
  /** Connections that carried at least one readable byte. */
  readonly connections: number;
  readonly packets: number;
  /** Payload bytes written, client to server then server to client. */
  readonly bytes: readonly [number, number];
}

export class DecryptedCaptureWriter implements AnalyzeListener {
  private readonly live = new Map<number, Rewritten>();
  private latest: Timestamp = { sec: 0, nsec: 0 };
  private connections = 0;
  private packets = 0;
  private readonly bytes: [number, number] = [0, 0];

  constructor(
    private readonly writer: CaptureWriter,
    /** Which tcp.stream indexes to write (all by default). */
    private readonly includes: (stream: number) => boolean = () => true,
  ) {}

  get totals(): RewriteTotals {
    return { connections: this.connections, packets: this.packets, bytes: [...this.bytes] };
  }

  opened(connection: TcpConnection): void {
    if (!this.includes(connection.index)) return;
    const client = { address: connection.clientAddress, port: connection.client.port };
    const server = { address: connection.serverAddress, port: connection.server.port };
    const framer = new SegmentFramer(client, server);
    const tcp = new PlaintextConnection(client, server, initialSequenceNumbers(connection.index), (segment) => {
      this.packets++;
      this.bytes[segment.direction] += segment.payload.length;
      this.writer.writePacket({ timestamp: segment.timestamp, data: framer.frame(segment) });
    });
    this.live.set(connection.index, { tcp, nextPlaintextOffset: [0, 0] });
  }

  applicationData(session: TlsSession, direction: Direction, plaintext: Uint8Array, record: TlsRecord): void {
    if (session.transport !== 'tcp') return;
    this.write(session.connection.index, direction, plaintext, record.tsSec, record.tsNsec);
  }

  plaintext(session: TlsSession, chunk: StreamChunk): void {
    if (session.transport !== 'tcp') return;
    const rewritten = this.live.get(session.connection.index);
    if (rewritten === undefined) return;
    const expected = rewritten.nextPlaintextOffset[chunk.direction];
    if (chunk.offset > expected) rewritten.tcp.skip(chunk.direction, chunk.offset - expected);
    rewritten.nextPlaintextOffset[chunk.direction] = chunk.offset + chunk.data.length;
    this.write(session.connection.index, chunk.direction, chunk.data, chunk.tsSec, chunk.tsNsec);
  }

  record(event: TlsRecordEvent): void {
    const { session, record } = event;
    if (session.transport !== 'tcp' || !event.protected || event.opened !== undefined || record.contentType !== ContentType.application_data) return;
    // Its plaintext length is unknown; the ciphertext's is the nearest honest size for the hole.
    this.live.get(session.connection.index)?.tcp.skip(record.direction, record.length);
  }

  closed(connection: TcpConnection): void {
    const rewritten = this.live.get(connection.index);
    if (rewritten === undefined) return;
    this.live.delete(connection.index);
    if (rewritten.tcp.hasStarted) this.connections++;
    rewritten.tcp.end(this.stamp(connection.lastSec, connection.lastNsec));
  }

  private write(stream: number, direction: Direction, bytes: Uint8Array, sec: number, nsec: number): void {
    this.live.get(stream)?.tcp.data(direction, bytes, this.stamp(sec, nsec));
  }

  /** The event's time, or the latest time written when the event is older (the file stays in order). */
  private stamp(sec: number, nsec: number): Timestamp {
    if (sec > this.latest.sec || (sec === this.latest.sec && nsec > this.latest.nsec)) this.latest = { sec, nsec };
    return this.latest;
  }
}

/**
 * Fixed per stream index, so the output is reproducible; different for each index, so a reused
 * 4-tuple starts a new sequence space as a real reconnection would (RFC 9293 3.4.1).
 */
function initialSequenceNumbers(stream: number): [number, number] {
  return [Math.imul(stream + 1, 0x9e3779b1) >>> 0, Math.imul(stream + 1, 0x85ebca6b) >>> 0];
}
