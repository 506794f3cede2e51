/**
 * HTTP (RFC 9112, RFC 9113) over every connection of one analyze() pass: decrypted TLS
 * application data and plaintext connections go into one HttpConnection per TCP connection, and
 * exchanges come out as they complete, so output can stream and memory follows the open
 * connections, not the capture. A protected record that could not be decrypted is a hole in that
 * direction's bytes.
 */
import type { AnalyzeListener } from '../analyze.js';
import type { Diagnostic } from '../diagnostics.js';
import type { TcpConnection } from '../tcp/connection.js';
import type { Direction, StreamChunk } from '../tcp/half-stream.js';
import type { TlsRecord } from '../tls/record.js';
import type { TlsRecordEvent, TlsSession } from '../tls/session.js';
import { ContentType } from '../tls/tables/index.js';
import { DEFAULT_BODY_OPTIONS } from './body.js';
import { HttpConnection, type HttpConnectionOptions } from './connection.js';
import type { ExchangeSink } from './exchange.js';

export interface HttpAnalyzerOptions {
  /** Keep decoded bodies on the exchanges (bounded by maxBodyBytes each). */
  readonly keepBodies?: boolean;
  readonly maxBodyBytes?: number;
  /** Also keep content-coded bodies as sent (see BodyOptions.keepWireBodies). */
  readonly keepWireBodies?: boolean;
  readonly onFrame?: HttpConnectionOptions['onFrame'];
  /** Each request or response, during the frame that completes it (see MessageFactsSink). */
  readonly onMessage?: HttpConnectionOptions['onMessage'];
}

/** Connection-level diagnostics kept in all; more are dropped. */
const MAX_DIAGNOSTICS = 1000;

export class HttpAnalyzer implements AnalyzeListener {
  /** Diagnostics that belong to a connection rather than an exchange, messages prefixed with the stream. */
  readonly diagnostics: Diagnostic[] = [];
  private readonly connections = new Map<number, HttpConnection>();
  /** Per plaintext connection, the stream offset each direction should continue at (-1 before its first byte). */
  private readonly nextOffsets = new Map<number, [number, number]>();
  private readonly options: HttpConnectionOptions;

  constructor(
    private readonly onExchange: ExchangeSink,
    options: HttpAnalyzerOptions = {},
  ) {
    this.options = {
      keepBodies: options.keepBodies ?? DEFAULT_BODY_OPTIONS.keepBodies,
      maxBodyBytes: options.maxBodyBytes ?? DEFAULT_BODY_OPTIONS.maxBodyBytes,
      ...(options.keepWireBodies === true ? { keepWireBodies: true } : {}),
      ...(options.onFrame === undefined ? {} : { onFrame: options.onFrame }),
      ...(options.onMessage === undefined ? {} : { onMessage: options.onMessage }),
    };
  }

  applicationData(session: TlsSession, direction: Direction, plaintext: Uint8Array, record: TlsRecord): void {
    // HTTP runs over TCP; DTLS sessions (UDP) number their flows apart and carry no HTTP.
    if (session.transport !== 'tcp') return;
    this.connectionOf(session, 'https').push(direction, plaintext, record);
  }

  plaintext(session: TlsSession, chunk: StreamChunk): void {
    if (session.transport !== 'tcp') return;
    const http = this.connectionOf(session, 'http');
    // Stream offsets count lost bytes, so a jump is a capture gap the parser must hear about.
    const expected = this.nextOffsets.get(session.connection.index) ?? [-1, -1];
    if (expected[chunk.direction] >= 0 && chunk.offset > expected[chunk.direction]) http.gap(chunk.direction, chunk.frame);
    expected[chunk.direction] = chunk.offset + chunk.data.length;
    this.nextOffsets.set(session.connection.index, expected);
    http.push(chunk.direction, chunk.data, chunk);
  }

  record(event: TlsRecordEvent): void {
    const { record, session } = event;
    if (session.transport !== 'tcp' || !event.protected || event.opened !== undefined || record.contentType !== ContentType.application_data) return;
    // Without a decryptor nothing opens and nothing was ever parsed: only holes in a decrypted stream matter.
    this.connections.get(session.connection.index)?.gap(record.direction, record.frame);
  }

  finished(connection: TcpConnection): void {
    const http = this.connections.get(connection.index);
    if (http === undefined) return;
    this.connections.delete(connection.index);
    this.nextOffsets.delete(connection.index);
    http.end();
    for (const d of http.diagnostics) {
      if (this.diagnostics.length < MAX_DIAGNOSTICS) this.diagnostics.push({ ...d, message: `stream ${connection.index}: ${d.message}` });
    }
  }

  private connectionOf(session: TlsSession, scheme: string): HttpConnection {
    const index = session.connection.index;
    let http = this.connections.get(index);
    if (http === undefined) {
      http = new HttpConnection(index, scheme, session.negotiation.alpn, this.onExchange, this.options);
      this.connections.set(index, http);
    }
    return http;
  }
}

