/**
 * Which HTTP a connection speaks, decided once: ALPN when TLS negotiated it (RFC 7301: "h2",
 * "http/1.1"), otherwise the client's first bytes, either the HTTP/2 preface (RFC 9113 3.4) or an
 * HTTP/1.x request line. Anything else (SMTP before STARTTLS, a database protocol) is left alone.
 * Server bytes that arrive before the decision are held, bounded.
 */
import { concatBytes } from '../bytes.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Direction } from '../tcp/half-stream.js';
import type { ByteOrigin, ExchangeSink, ParserOptions } from './exchange.js';
import { looksLikeRequest } from './http1-head.js';
import { Http1Connection } from './http1.js';
import { CLIENT_PREFACE } from './http2-frames.js';
import { Http2Connection, type FrameListener } from './http2.js';

/** Bytes held while deciding; a client that has not sent a request line by then is not speaking HTTP. */
const MAX_UNDECIDED_BYTES = 64 * 1024;

const ALPN_PROTOCOLS: Readonly<Record<string, 'http1' | 'http2'>> = { h2: 'http2', 'http/1.1': 'http1', 'http/1.0': 'http1' };

type Parser = Http1Connection | Http2Connection;

interface Held {
  readonly direction: Direction;
  readonly data: Uint8Array;
  readonly origin: ByteOrigin;
}

export interface HttpConnectionOptions extends ParserOptions {
  readonly onFrame?: FrameListener;
}

export class HttpConnection {
  private parser: Parser | 'not-http' | undefined;
  private held: Held[] = [];
  private heldBytes = 0;
  /** The client's first bytes, joined, for the decision (a request line decides within 8 KiB). */
  private clientStart: Uint8Array = new Uint8Array(0);

  constructor(
    readonly stream: number,
    private readonly scheme: string,
    alpn: string | undefined,
    private readonly emit: ExchangeSink,
    private readonly options: HttpConnectionOptions,
  ) {
    const chosen = alpn === undefined ? undefined : ALPN_PROTOCOLS[alpn];
    if (chosen !== undefined) this.parser = this.create(chosen);
  }

  get protocol(): 'HTTP/1' | 'HTTP/2' | 'not HTTP' | 'undecided' {
    if (this.parser === undefined) return 'undecided';
    if (this.parser === 'not-http') return 'not HTTP';
    return this.parser instanceof Http2Connection ? 'HTTP/2' : 'HTTP/1';
  }

  /** Diagnostics that belong to the connection rather than one exchange. */
  get diagnostics(): readonly Diagnostic[] {
    if (this.parser instanceof Http2Connection) return this.parser.diagnostics;
    if (this.parser instanceof Http1Connection) return this.parser.orphanDiagnostics;
    return [];
  }

  push(direction: Direction, data: Uint8Array, origin: ByteOrigin): void {
    if (this.parser === 'not-http') return;
    if (this.parser !== undefined) {
      this.parser.push(direction, data, origin);
      return;
    }
    this.held.push({ direction, data: data.slice(), origin });
    this.heldBytes += data.length;
    if (direction === 0) this.clientStart = concatBytes([this.clientStart, data]);
    const chosen = this.sniff();
    if (chosen === undefined) return;
    this.parser = chosen === 'not-http' ? chosen : this.create(chosen);
    const held = this.held;
    this.held = [];
    this.heldBytes = 0;
    this.clientStart = new Uint8Array(0);
    const parser = this.parser;
    if (parser !== 'not-http') for (const h of held) parser.push(h.direction, h.data, h.origin);
  }

  /** Bytes of a direction could not be read (a capture gap, a record that did not decrypt). */
  gap(direction: Direction, frame: number): void {
    if (this.parser instanceof Http1Connection) this.parser.gap(direction, frame);
    else if (this.parser instanceof Http2Connection) this.parser.gap(direction, frame);
  }

  end(): void {
    if (this.parser instanceof Http1Connection || this.parser instanceof Http2Connection) this.parser.end();
  }

  private create(kind: 'http1' | 'http2'): Parser {
    return kind === 'http2' ? new Http2Connection(this.stream, this.emit, this.options, this.options.onFrame) : new Http1Connection(this.stream, this.scheme, this.emit, this.options);
  }

  private sniff(): 'http1' | 'http2' | 'not-http' | undefined {
    const client = this.clientStart;
    if (client.length === 0) return this.heldBytes > MAX_UNDECIDED_BYTES ? 'not-http' : undefined;
    const preface = client.subarray(0, CLIENT_PREFACE.length);
    if (preface.every((b, i) => b === CLIENT_PREFACE[i])) return preface.length === CLIENT_PREFACE.length ? 'http2' : undefined;
    const request = looksLikeRequest(client);
    if (request === undefined) return this.heldBytes > MAX_UNDECIDED_BYTES ? 'not-http' : undefined;
    return request ? 'http1' : 'not-http';
  }
}
