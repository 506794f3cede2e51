/**
 * One HTTP/1.x connection (RFC 9112) as a byte-fed state machine: each direction is fed its bytes
 * in order, in chunks of any size; requests and responses are paired in order (pipelining and
 * keep-alive), interim 1xx responses are noted, and after a 101 or a 2xx answer to CONNECT the
 * rest of the connection is an opaque tunnel (RFC 9110 7.8, 9.3.6). While a request asks for an
 * upgrade, the client's later bytes are held until the response decides what they are.
 */
import { concatBytes } from '../bytes.js';
import type { DecodeResult } from '../decode-result.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { Direction } from '../tcp/half-stream.js';
import { ExchangeBuilder, headerPairs, MessageBuilder, type ByteOrigin, type ExchangeSink, type HttpMessageFacts, type ParserOptions, type RequestTarget } from './exchange.js';
import { headerTokens, headerValue, type HttpHeader } from './headers.js';
import { BodyReader, requestFraming, responseFraming, type Framing } from './http1-body.js';
import { decodeRequestHead, decodeResponseHead, findStartLine, headEnd, leadingLineEnds, type RequestHead, type ResponseHead } from './http1-head.js';

/** Longest message head buffered while waiting for its empty line. */
const MAX_HEAD_BYTES = 64 * 1024;
/** Client bytes held while an Upgrade or CONNECT waits for its answer. */
const MAX_HELD_BYTES = 1024 * 1024;
/** What closes a head that the connection's end cut short. */
const BLANK_LINE = new TextEncoder().encode('\r\n\r\n');
/** Bytes kept while looking for a start line after a gap: enough for a long request line. */
const RESYNC_CARRY = 8192;

type Mode = 'head' | 'body' | 'hold' | 'resync' | 'opaque';

interface Side {
  mode: Mode;
  /** The head so far, as it arrived (joined once, when its end is found). */
  head: Uint8Array[];
  headLength: number;
  /** The last bytes of the head so far: an end-of-head mark can straddle chunks. */
  headTail: Uint8Array;
  headOrigin: ByteOrigin | undefined;
  reader: BodyReader | undefined;
  message: MessageBuilder | undefined;
  /** The message being read, as the display filter sees it once the message completes. */
  facts: HttpMessageFacts | undefined;
  exchange: ExchangeBuilder | undefined;
  held: Uint8Array[];
  heldBytes: number;
  /** After a gap: the last bytes searched for a start line, which can straddle chunks. */
  carry: Uint8Array;
  last: ByteOrigin | undefined;
}

function newSide(): Side {
  return { mode: 'head', head: [], headLength: 0, headTail: new Uint8Array(0), headOrigin: undefined, reader: undefined, message: undefined, facts: undefined, exchange: undefined, held: [], heldBytes: 0, carry: new Uint8Array(0), last: undefined };
}

/** RFC 9112 3.2: origin-form, absolute-form, authority-form (CONNECT) or asterisk-form. */
function requestTarget(head: RequestHead, scheme: string): RequestTarget {
  const host = headerValue(head.headers, 'host') ?? null;
  const base = { method: head.method, scheme, host };
  if (head.method === 'CONNECT') return { ...base, authority: head.target, path: null };
  const absolute = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(.*)$/.exec(head.target);
  if (absolute === null) return { ...base, authority: host, path: head.target };
  const [, urlScheme = scheme, authority = '', path = ''] = absolute;
  return { ...base, scheme: urlScheme.toLowerCase(), authority, host: host ?? authority, path: path === '' ? '/' : path };
}

function asksForTunnel(method: string | null, headers: readonly HttpHeader[]): boolean {
  return method === 'CONNECT' || (headerValue(headers, 'upgrade') !== undefined && headerTokens(headers, 'connection').includes('upgrade'));
}

export class Http1Connection {
  /** Exchanges not yet emitted, oldest first; responses pair with the first one still without a response. */
  private readonly pending: ExchangeBuilder[] = [];
  private readonly sides: readonly [Side, Side] = [newSide(), newSide()];
  /** Diagnostics that belong to no exchange (the first bytes were not HTTP). */
  readonly orphanDiagnostics: Diagnostic[] = [];
  /** Set while end() reads a head the connection cut short. */
  private cutHead: Diagnostic | undefined;

  constructor(
    readonly stream: number,
    private readonly scheme: string,
    private readonly emit: ExchangeSink,
    private readonly options: ParserOptions,
  ) {}

  /** Bytes of one direction, in order. `data` may be a view valid only during the call. */
  push(direction: Direction, data: Uint8Array, origin: ByteOrigin): void {
    const side = this.sides[direction];
    side.last = origin;
    let rest = data;
    while (rest.length > 0) {
      switch (side.mode) {
        case 'head':
          rest = this.readHead(direction, side, rest, origin);
          break;
        case 'body':
          rest = this.readBody(direction, side, rest, origin);
          break;
        case 'resync':
          rest = this.resync(direction, side, rest);
          break;
        case 'hold':
          this.hold(side, rest, origin);
          return;
        case 'opaque':
          return;
      }
    }
  }

  /**
   * Bytes of a direction were lost: the message being read ends there, incomplete, and reading
   * resumes at the next line that starts a message (the hole may have held whole messages too).
   */
  gap(direction: Direction, frame: number): void {
    const side = this.sides[direction];
    if (side.mode === 'opaque' || side.mode === 'resync') return;
    const target = this.concerned(side);
    const d = diagnostic('http.gap', `bytes ${direction === 0 ? 'from the client' : 'from the server'} are missing; reading resumes at the next ${direction === 0 ? 'request' : 'status'} line`, frame);
    if (target === undefined) this.orphanDiagnostics.push(d);
    else target.diagnostics.push(d);
    if (side.mode === 'body' && side.message !== undefined && side.exchange !== undefined) side.message.end(undefined, side.exchange.diagnostics);
    side.reader = undefined;
    side.message = undefined;
    side.facts = undefined;
    side.exchange = undefined;
    side.held = [];
    side.heldBytes = 0;
    this.clearHead(side);
    side.mode = 'resync';
    // A virtual line end, so a start line right at the resume point is found too.
    side.carry = Uint8Array.of(0x0a);
    this.settle();
  }

  private resync(direction: Direction, side: Side, data: Uint8Array): Uint8Array {
    const joined = concatBytes([side.carry, data]);
    const at = findStartLine(joined, direction === 0 ? 'request' : 'response');
    if (at < 0) {
      side.carry = joined.slice(Math.max(0, joined.length - RESYNC_CARRY));
      return new Uint8Array(0);
    }
    side.carry = new Uint8Array(0);
    side.mode = 'head';
    return joined.subarray(at);
  }

  /** The connection ended: close-delimited bodies end here, everything unfinished is emitted as it is. */
  end(): void {
    for (const [direction, side] of this.sides.entries()) {
      // A head cut short by the end (a capture that stops mid-request) is still read, marked incomplete.
      if (side.mode !== 'head' || side.headLength === 0 || side.last === undefined) continue;
      this.cutHead = diagnostic('http.head-truncated', `the connection ended inside a message head of ${side.headLength} bytes`, side.last.frame);
      this.push(direction === 0 ? 0 : 1, BLANK_LINE, side.last);
      this.cutHead = undefined;
    }
    for (const [direction, side] of this.sides.entries()) {
      if (side.mode !== 'body' || side.message === undefined || side.exchange === undefined) continue;
      if (side.reader?.framing.kind === 'close' && side.last !== undefined) {
        // No frame is being read at the connection's end, so no frame can show the message (nor does Wireshark's).
        side.facts = undefined;
        this.messageDone(direction === 0 ? 0 : 1, side, side.last);
        continue;
      }
      side.exchange.diagnostics.push(diagnostic('http.body-truncated', `the connection ended ${side.message.body.size} bytes into a body`, side.last?.frame));
      side.message.end(undefined, side.exchange.diagnostics);
    }
    for (const exchange of this.pending.splice(0)) {
      if (exchange.response === undefined && !exchange.tunnel) exchange.diagnostics.push(diagnostic('http.unanswered', `${exchange.target.method ?? 'a request'} ${exchange.target.path ?? ''} got no response`, exchange.request?.first.frame));
      this.emit(exchange.freeze());
    }
  }

  private readHead(direction: Direction, side: Side, data: Uint8Array, origin: ByteOrigin): Uint8Array {
    const fresh = side.headLength === 0;
    // RFC 9112 2.2: empty lines before a start line are skipped.
    const bytes = fresh ? data.subarray(leadingLineEnds(data)) : data;
    if (bytes.length === 0) return bytes;
    if (fresh) side.headOrigin = origin;
    // Only the new bytes and the held tail are searched, so a head in tiny chunks costs linear time.
    const scan = fresh ? bytes : concatBytes([side.headTail, bytes]);
    const found = headEnd(scan);
    if (found < 0) {
      side.head.push(bytes.slice());
      side.headLength += bytes.length;
      side.headTail = scan.slice(Math.max(0, scan.length - 3));
      if (side.headLength > MAX_HEAD_BYTES) this.stop(side, diagnostic('http.head-too-large', `a message head is over ${MAX_HEAD_BYTES} bytes`, origin.frame));
      return new Uint8Array(0);
    }
    const end = Math.max(0, found - (fresh ? 0 : side.headTail.length));
    const headBytes = fresh ? bytes.subarray(0, end) : concatBytes([...side.head, bytes.subarray(0, end)]);
    const rest = bytes.subarray(end);
    const first = side.headOrigin ?? origin;
    this.clearHead(side);
    if (direction === 0) this.onRequestHead(side, decodeRequestHead(headBytes, first.frame), first, origin);
    else this.onResponseHead(side, decodeResponseHead(headBytes, first.frame), first, origin);
    return rest;
  }

  private onRequestHead(side: Side, result: DecodeResult<RequestHead>, first: ByteOrigin, origin: ByteOrigin): void {
    if (result.kind !== 'ok') {
      if (result.kind === 'invalid') this.stop(side, result.diagnostic);
      return;
    }
    const head = result.value;
    const exchange = new ExchangeBuilder(this.stream, head.version, null);
    exchange.target = requestTarget(head, this.scheme);
    exchange.diagnostics.push(...head.diagnostics);
    exchange.request = new MessageBuilder(head.headers, first, this.options);
    side.facts = { protocol: 'http', request: { method: head.method, uri: head.target }, headers: headerPairs(head.headers) };
    this.pending.push(exchange);
    this.startBody(side, exchange, exchange.request, requestFraming(head.headers), origin);
  }

  private onResponseHead(side: Side, result: DecodeResult<ResponseHead>, first: ByteOrigin, origin: ByteOrigin): void {
    if (result.kind !== 'ok') {
      if (result.kind === 'invalid') this.stop(side, result.diagnostic);
      return;
    }
    const head = result.value;
    const exchange = this.pending.find((e) => e.response === undefined) ?? this.unrequested(head, first);
    exchange.startResponse(first);
    exchange.diagnostics.push(...head.diagnostics);
    side.facts = { protocol: 'http', response: { code: head.status }, headers: headerPairs(head.headers) };
    if (head.status >= 100 && head.status < 200 && head.status !== 101) {
      exchange.interim.push(head.status);
      // An interim response is all head: it is complete here.
      this.options.onMessage?.(side.facts);
      side.facts = undefined;
      return;
    }
    exchange.status = head.status;
    exchange.reason = head.reason;
    exchange.response = new MessageBuilder(head.headers, first, this.options);
    const method = exchange.target.method;
    const tunnel = head.status === 101 || (method === 'CONNECT' && head.status >= 200 && head.status < 300);
    if (tunnel) {
      this.tunnel(exchange, origin);
      return;
    }
    this.release();
    this.startBody(side, exchange, exchange.response, responseFraming(method, head.status, head.headers), origin);
  }

  private unrequested(head: ResponseHead, first: ByteOrigin): ExchangeBuilder {
    const exchange = new ExchangeBuilder(this.stream, head.version, null);
    exchange.diagnostics.push(diagnostic('http.unrequested', `a ${head.status} response with no request before it`, first.frame));
    this.pending.push(exchange);
    return exchange;
  }

  private startBody(side: Side, exchange: ExchangeBuilder, message: MessageBuilder, framing: Framing, origin: ByteOrigin): void {
    if (framing.kind === 'invalid') {
      exchange.diagnostics.push(diagnostic('http.bad-content-length', framing.reason, origin.frame));
      message.end(origin, exchange.diagnostics);
      this.completed(side, message);
      this.stop(side, undefined);
      this.settle();
      return;
    }
    if (this.cutHead !== undefined) {
      exchange.diagnostics.push(this.cutHead);
      message.end(undefined, exchange.diagnostics);
    }
    side.exchange = exchange;
    side.message = message;
    side.reader = new BodyReader(framing, (bytes) => message.body.add(bytes));
    side.mode = 'body';
    if (framing.kind === 'none') this.messageDone(message === exchange.request ? 0 : 1, side, origin);
  }

  private readBody(direction: Direction, side: Side, data: Uint8Array, origin: ByteOrigin): Uint8Array {
    const reader = side.reader;
    if (reader === undefined) return new Uint8Array(0);
    const progress = reader.push(data, origin.frame);
    if (progress.diagnostic !== undefined) {
      side.exchange?.diagnostics.push(progress.diagnostic);
      const message = side.message;
      if (message !== undefined) message.trailers = reader.trailers;
      this.messageDone(direction, side, origin);
      this.stop(side, undefined);
      return new Uint8Array(0);
    }
    if (progress.done) {
      if (side.message !== undefined) side.message.trailers = reader.trailers;
      this.messageDone(direction, side, origin);
    }
    return data.subarray(progress.used);
  }

  private messageDone(direction: Direction, side: Side, origin: ByteOrigin): void {
    const { exchange, message } = side;
    side.mode = 'head';
    side.reader = undefined;
    side.message = undefined;
    side.exchange = undefined;
    if (exchange === undefined || message === undefined) return;
    message.end(origin, exchange.diagnostics);
    this.completed(side, message);
    if (direction === 1) exchange.finishAt(origin);
    if (direction === 0 && asksForTunnel(exchange.target.method, message.headers)) side.mode = 'hold';
    this.settle();
  }

  /** Emits finished exchanges in order: HTTP/1 answers in request order, so only the oldest can be done. */
  private settle(): void {
    while (this.pending.length > 0) {
      const oldest = this.pending[0];
      if (oldest === undefined || oldest.response?.ended !== true) return;
      if (oldest.request !== undefined && !oldest.request.complete && this.sides[0].mode === 'body') return;
      this.pending.shift();
      this.emit(oldest.freeze());
    }
  }

  private hold(side: Side, data: Uint8Array, origin: ByteOrigin): void {
    if (side.heldBytes + data.length > MAX_HELD_BYTES) {
      side.held = [];
      side.mode = 'opaque';
      const asking = this.pending[this.pending.length - 1];
      asking?.diagnostics.push(diagnostic('http.tunnel', `the client sent over ${MAX_HELD_BYTES} bytes after asking to switch protocols, with no answer yet; they are taken as tunnel bytes`, origin.frame));
      return;
    }
    side.held.push(data.slice());
    side.heldBytes += data.length;
    side.last = origin;
  }

  /** The answer refused the upgrade: the held client bytes are HTTP after all. */
  private release(): void {
    const client = this.sides[0];
    if (client.mode !== 'hold') return;
    client.mode = 'head';
    const held = concatBytes(client.held);
    client.held = [];
    client.heldBytes = 0;
    if (held.length > 0 && client.last !== undefined) this.push(0, held, client.last);
  }

  private tunnel(exchange: ExchangeBuilder, origin: ByteOrigin): void {
    exchange.tunnel = true;
    exchange.diagnostics.push(diagnostic('http.tunnel', `${exchange.status === 101 ? `switched to ${headerValue(exchange.response?.headers ?? [], 'upgrade') ?? 'another protocol'}` : 'CONNECT tunnel opened'}; later bytes are not HTTP/1`, origin.frame));
    const response = exchange.response;
    response?.end(origin, exchange.diagnostics);
    if (response !== undefined) this.completed(this.sides[1], response);
    exchange.finishAt(origin);
    for (const side of this.sides) {
      side.mode = 'opaque';
      side.held = [];
    }
    this.settle();
  }

  /** A message that ended in a frame (not one cut short) is told to the listener, once. */
  private completed(side: Side, message: MessageBuilder): void {
    const facts = side.facts;
    side.facts = undefined;
    if (facts !== undefined && message.complete) this.options.onMessage?.(facts);
  }

  private stop(side: Side, d: Diagnostic | undefined): void {
    side.mode = 'opaque';
    this.clearHead(side);
    if (d === undefined) return;
    const target = this.concerned(side);
    if (target !== undefined) target.diagnostics.push(d);
    else this.orphanDiagnostics.push(d);
  }

  private clearHead(side: Side): void {
    side.head = [];
    side.headLength = 0;
    side.headTail = new Uint8Array(0);
    side.headOrigin = undefined;
  }

  /** The exchange a problem in a direction belongs to: the message being read, else the one awaited there. */
  private concerned(side: Side): ExchangeBuilder | undefined {
    const awaited = side === this.sides[1] ? this.pending.find((e) => e.response === undefined) : undefined;
    return side.exchange ?? awaited ?? this.pending[this.pending.length - 1];
  }
}
