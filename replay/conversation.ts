/**
 * What was said on captured connections, as replay needs it: each side's application bytes in wire
 * order, one message per decrypted TLS record (or per TCP segment on a plaintext connection), with
 * the frame and time it was captured, plus the HTTP exchanges parsed from the same bytes.
 *
 * Replay keeps these messages in memory for the selected connections only; the pass over the
 * capture itself still streams.
 */
import { analyze } from '../dissect/analyze.js';
import type { DecryptionContext } from '../dissect/decrypt/context.js';
import { HttpAnalyzer } from '../dissect/http/analyzer.js';
import type { HttpExchange, Instant } from '../dissect/http/exchange.js';
import { mergeListeners } from '../dissect/listeners.js';
import { decryptionOf, type Decryption } from '../dissect/report.js';
import type { Direction } from '../dissect/tcp/half-stream.js';
import { sideOf, type Side } from '../dissect/tls/negotiation.js';
import type { TlsSession } from '../dissect/tls/session.js';

export interface CapturedMessage {
  readonly side: Side;
  /** A copy: it outlives the capture buffer. */
  readonly bytes: Uint8Array;
  /** The frame that completed the message (a TLS record's last byte, or the segment). */
  readonly frame: number;
  readonly time: Instant;
}

export interface CapturedConversation {
  /** Wireshark's tcp.stream. */
  readonly stream: number;
  readonly client: string;
  readonly server: string;
  /** Whether the connection spoke TLS (after any STARTTLS plaintext phase). */
  readonly tls: boolean;
  readonly sni: string | undefined;
  readonly alpn: string | undefined;
  readonly alpnOffered: readonly string[];
  /** The decryption verdict; undefined on a plaintext connection. */
  readonly decryption: Decryption | undefined;
  /** Both sides' application bytes in the order they crossed the wire. */
  readonly messages: readonly CapturedMessage[];
  /** HTTP exchanges parsed from those bytes, bodies included (content-coded ones also as sent), in request order. */
  readonly exchanges: readonly HttpExchange[];
  readonly firstTime: Instant;
}

export interface LoadOptions {
  readonly decryption: DecryptionContext;
  /** Which tcp.stream indices to keep; all when absent. */
  readonly select?: (stream: number) => boolean;
  /** Largest HTTP body kept per message (bodies are compared and served byte for byte). */
  readonly maxBodyBytes?: number;
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export interface LoadedCapture {
  /** The selected connections, by stream index. */
  readonly conversations: readonly CapturedConversation[];
  /** How many TCP connections the capture has, selected or not. */
  readonly connections: number;
}

const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

interface Pending {
  readonly messages: CapturedMessage[];
  readonly exchanges: HttpExchange[];
}

export async function loadConversations(capture: string, options: LoadOptions): Promise<LoadedCapture> {
  const selected = options.select ?? (() => true);
  const pending = new Map<number, Pending>();
  const conversations: CapturedConversation[] = [];
  const pendingOf = (stream: number): Pending | undefined => {
    if (!selected(stream)) return undefined;
    let entry = pending.get(stream);
    if (entry === undefined) {
      entry = { messages: [], exchanges: [] };
      pending.set(stream, entry);
    }
    return entry;
  };
  const keep = (session: TlsSession, direction: Direction, bytes: Uint8Array, frame: number, time: Instant): void => {
    if (session.transport !== 'tcp' || bytes.length === 0) return;
    pendingOf(session.connection.index)?.messages.push({ side: sideOf(direction), bytes: bytes.slice(), frame, time });
  };
  const http = new HttpAnalyzer((exchange) => pendingOf(exchange.stream)?.exchanges.push(exchange), {
    keepBodies: true,
    keepWireBodies: true,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
  });
  const result = await analyze(
    capture,
    mergeListeners(http, {
      applicationData(session, direction, plaintext, record) {
        keep(session, direction, plaintext, record.frame, { sec: record.tsSec, nsec: record.tsNsec });
      },
      plaintext(session, chunk) {
        keep(session, chunk.direction, chunk.data, chunk.frame, { sec: chunk.tsSec, nsec: chunk.tsNsec });
      },
      finished(connection, session) {
        const entry = pendingOf(connection.index);
        if (entry === undefined) return;
        pending.delete(connection.index);
        const n = session.negotiation;
        conversations.push({
          stream: connection.index,
          client: connection.client.text,
          server: connection.server.text,
          tls: session.isTls,
          sni: n.sni,
          alpn: n.alpn,
          alpnOffered: n.alpnOffered,
          decryption: session.isTls ? decryptionOf(session) : undefined,
          messages: entry.messages,
          exchanges: entry.exchanges,
          firstTime: connection.firstTime,
        });
      },
    }),
    { decryption: options.decryption, ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }) },
  );
  conversations.sort((a, b) => a.stream - b.stream);
  return { conversations, connections: result.connections };
}

/** Consecutive messages from one side: what a replayer sends before it waits for the other side. */
export interface Flight {
  readonly side: Side;
  readonly messages: readonly CapturedMessage[];
}

export function flightsOf(messages: readonly CapturedMessage[]): Flight[] {
  const flights: Array<{ side: Side; messages: CapturedMessage[] }> = [];
  for (const message of messages) {
    const last = flights[flights.length - 1];
    if (last !== undefined && last.side === message.side) last.messages.push(message);
    else flights.push({ side: message.side, messages: [message] });
  }
  return flights;
}
