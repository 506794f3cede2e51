/**
 * A request and its response (RFC 9110 3.9) as one record, what Wireshark pairs with
 * http.response_in and mitmproxy calls a flow: the same shape for HTTP/1.x and HTTP/2, built up as
 * bytes arrive and frozen into plain data when it completes.
 */
import type { Diagnostic } from '../diagnostics.js';
import { BodyCollector, type BodyOptions, type FinishedBody } from './body.js';
import { headerTokens, mediaType, type HttpHeader } from './headers.js';

/** Where and when a run of bytes was captured (a TCP chunk or a TLS record both carry this). */
export interface ByteOrigin {
  readonly frame: number;
  readonly tsSec: number;
  readonly tsNsec: number;
}

export interface Instant {
  readonly sec: number;
  readonly nsec: number;
}

export interface HttpMessage {
  readonly headers: readonly HttpHeader[];
  readonly trailers: readonly HttpHeader[];
  /** Body bytes after transfer decoding, before content decoding. */
  readonly size: number;
  readonly decodedSize: number | null;
  readonly contentType: string | null;
  readonly contentEncoding: readonly string[];
  readonly body: Uint8Array | null;
  /** A content-coded body as it was sent, when the analyzer was asked to keep it (keepWireBodies); null otherwise. */
  readonly wireBody: Uint8Array | null;
  readonly firstFrame: number;
  /** The frame that completed the message; null when the connection ended first. */
  readonly lastFrame: number | null;
  readonly complete: boolean;
}

export interface HttpExchange {
  /** The TCP stream index (Wireshark's tcp.stream). */
  readonly stream: number;
  /** "HTTP/1.1", "HTTP/1.0", "HTTP/2". */
  readonly version: string;
  readonly http2Stream: number | null;
  readonly method: string | null;
  readonly scheme: string | null;
  readonly authority: string | null;
  readonly host: string | null;
  readonly path: string | null;
  readonly status: number | null;
  readonly reason: string | null;
  /** Interim (1xx) status codes received before the final response. */
  readonly interim: readonly number[];
  readonly request: HttpMessage | null;
  readonly response: HttpMessage | null;
  readonly timing: { readonly requestSent: Instant | null; readonly firstResponseByte: Instant | null; readonly done: Instant | null };
  /** The connection turned into a tunnel after this exchange (101 Switching Protocols, CONNECT). */
  readonly tunnel: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

function instantOf(origin: ByteOrigin): Instant {
  return { sec: origin.tsSec, nsec: origin.tsNsec };
}

/** One message while it is being received. */
export class MessageBuilder {
  trailers: HttpHeader[] = [];
  readonly body: BodyCollector;
  readonly codings: string[];
  private finished: FinishedBody | undefined;
  lastFrame: number | null = null;

  constructor(
    readonly headers: readonly HttpHeader[],
    readonly first: ByteOrigin,
    options: BodyOptions,
  ) {
    this.codings = headerTokens(headers, 'content-encoding');
    this.body = new BodyCollector(this.codings, options);
  }

  get complete(): boolean {
    return this.lastFrame !== null;
  }

  /** Ended, completely or cut short (a gap, the connection's end). */
  get ended(): boolean {
    return this.finished !== undefined;
  }

  /** The message ended at `origin` (or, with undefined, was cut off by the connection's end). */
  end(origin: ByteOrigin | undefined, diagnostics: Diagnostic[]): void {
    if (this.finished !== undefined) return;
    if (origin !== undefined) this.lastFrame = origin.frame;
    this.finished = this.body.finish(origin?.frame ?? this.first.frame);
    diagnostics.push(...this.finished.diagnostics);
  }

  freeze(): HttpMessage {
    const f = this.finished ?? { size: this.body.size, decodedSize: null, bytes: null, wireBytes: null, diagnostics: [] };
    return {
      headers: this.headers,
      trailers: this.trailers,
      size: f.size,
      decodedSize: f.decodedSize,
      contentType: mediaType(this.headers) ?? null,
      contentEncoding: this.codings,
      body: f.bytes,
      wireBody: f.wireBytes,
      firstFrame: this.first.frame,
      lastFrame: this.lastFrame,
      complete: this.complete,
    };
  }
}

/** The request line or pseudo-headers of an exchange. */
export interface RequestTarget {
  readonly method: string | null;
  readonly scheme: string | null;
  readonly authority: string | null;
  readonly host: string | null;
  readonly path: string | null;
}

export class ExchangeBuilder {
  target: RequestTarget = { method: null, scheme: null, authority: null, host: null, path: null };
  request: MessageBuilder | undefined;
  response: MessageBuilder | undefined;
  status: number | null = null;
  reason: string | null = null;
  readonly interim: number[] = [];
  firstResponseByte: Instant | null = null;
  done: Instant | null = null;
  tunnel = false;
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    readonly stream: number,
    public version: string,
    readonly http2Stream: number | null,
  ) {}

  startResponse(origin: ByteOrigin): void {
    this.firstResponseByte ??= instantOf(origin);
  }

  finishAt(origin: ByteOrigin): void {
    this.done = instantOf(origin);
  }

  freeze(): HttpExchange {
    return {
      stream: this.stream,
      version: this.version,
      http2Stream: this.http2Stream,
      ...this.target,
      status: this.status,
      reason: this.reason,
      interim: this.interim,
      request: this.request?.freeze() ?? null,
      response: this.response?.freeze() ?? null,
      timing: {
        requestSent: this.request === undefined ? null : instantOf(this.request.first),
        firstResponseByte: this.firstResponseByte,
        done: this.done,
      },
      tunnel: this.tunnel,
      diagnostics: this.diagnostics,
    };
  }
}

/** Whoever wants exchanges as they complete. */
export type ExchangeSink = (exchange: HttpExchange) => void;

/** One HTTP/1.x or HTTP/2 message, as an HTTP parser hands it to the filter. */
export interface HttpMessageFacts {
  readonly protocol: 'http' | 'http2';
  /** The request line (HTTP/1.x) or the :method and :path pseudo-headers (HTTP/2). */
  readonly request?: { readonly method: string; readonly uri: string };
  readonly response?: { readonly code: number };
  /** Header fields in the order sent; HTTP/2 names are lower case and include pseudo-headers. */
  readonly headers: ReadonlyArray<readonly [name: string, value: string]>;
}

/**
 * Told of each message while the frame that completes it is being read (where Wireshark shows
 * it): an HTTP/1.x message once its body ends, an HTTP/2 header block once END_HEADERS arrives.
 */
export type MessageFactsSink = (facts: HttpMessageFacts) => void;

/** What the HTTP/1.x and HTTP/2 parsers are told: body bounds and who hears of each message. */
export interface ParserOptions extends BodyOptions {
  readonly onMessage?: MessageFactsSink;
}

/** Header fields as name/value pairs, the shape the display filter reads. */
export function headerPairs(headers: readonly HttpHeader[]): Array<readonly [string, string]> {
  return headers.map((h) => [h.name, h.value] as const);
}
