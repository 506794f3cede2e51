/**
 * One HTTP/2 connection (RFC 9113) as a byte-fed state machine: the client preface (3.4), frames
 * of each direction (4.1), header blocks across CONTINUATION frames (4.3) decoded with one HPACK
 * decoder per direction, SETTINGS that bound the peer's header table and frame size (6.5.2), and
 * streams (5.1) that each become one request/response exchange, ended by END_STREAM both ways
 * or by RST_STREAM. Pushed streams (8.4) take their request from the PUSH_PROMISE.
 */
import { concatBytes } from '../bytes.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { Direction } from '../tcp/half-stream.js';
import { ByteQueue } from './byte-queue.js';
import { ExchangeBuilder, headerPairs, MessageBuilder, type ByteOrigin, type ExchangeSink, type HttpMessageFacts, type ParserOptions } from './exchange.js';
import { headerValue, type HttpHeader } from './headers.js';
import { HpackDecoder } from './hpack.js';
import { CLIENT_PREFACE, decodeFrame, errorCodeName, FRAME_HEADER_LENGTH, FrameFlag, Setting, decodeFrameHeader, type Http2Frame } from './http2-frames.js';

/** RFC 9113 4.2: SETTINGS_MAX_FRAME_SIZE starts at 2^14 and may not exceed 2^24 - 1. */
const INITIAL_MAX_FRAME = 16384;
/** Header block fragments held while waiting for END_HEADERS. */
const MAX_HEADER_BLOCK = 256 * 1024;
/** Streams followed at once; beyond this the oldest is emitted as it is. */
const MAX_OPEN_STREAMS = 1000;
const MAX_CONNECTION_DIAGNOSTICS = 100;

export type FrameListener = (direction: Direction, frame: Http2Frame, origin: ByteOrigin) => void;

interface PendingBlock {
  readonly streamId: number;
  /** For PUSH_PROMISE: the stream the promise opens. */
  readonly promised: number | undefined;
  readonly endStream: boolean;
  readonly origin: ByteOrigin;
  readonly fragments: Uint8Array[];
  size: number;
}

interface Side {
  readonly queue: ByteQueue;
  readonly hpack: HpackDecoder;
  prefaceLeft: number;
  /** The largest frame this side may send: the other side's SETTINGS_MAX_FRAME_SIZE. */
  maxFrame: number;
  frameStart: ByteOrigin | undefined;
  block: PendingBlock | undefined;
  stopped: boolean;
}

interface StreamState {
  readonly exchange: ExchangeBuilder;
  ended: [boolean, boolean];
}

export class Http2Connection {
  private readonly sides: readonly [Side, Side];
  private readonly streams = new Map<number, StreamState>();
  /** Diagnostics of the connection as a whole (GOAWAY, bad preface, framing). */
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    readonly stream: number,
    private readonly emit: ExchangeSink,
    private readonly options: ParserOptions,
    private readonly onFrame?: FrameListener,
  ) {
    const side = (prefaceLeft: number): Side => ({ queue: new ByteQueue(), hpack: new HpackDecoder(), prefaceLeft, maxFrame: INITIAL_MAX_FRAME, frameStart: undefined, block: undefined, stopped: false });
    this.sides = [side(CLIENT_PREFACE.length), side(0)];
  }

  push(direction: Direction, data: Uint8Array, origin: ByteOrigin): void {
    const side = this.sides[direction];
    if (side.stopped) return;
    if (side.queue.length === 0) side.frameStart = origin;
    side.queue.push(data);
    if (side.prefaceLeft > 0 && !this.readPreface(side, origin)) return;
    for (;;) {
      const head = decodeFrameHeader(side.queue.peek(FRAME_HEADER_LENGTH));
      if (head.kind !== 'ok') return;
      if (head.value.length > side.maxFrame) {
        this.stop(side, diagnostic('http2.frame-too-large', `a ${head.value.length}-byte frame is over the ${side.maxFrame}-byte SETTINGS_MAX_FRAME_SIZE`, origin.frame));
        return;
      }
      const total = FRAME_HEADER_LENGTH + head.value.length;
      if (side.queue.length < total) return;
      const result = decodeFrame(side.queue.peek(total));
      const start = side.frameStart ?? origin;
      side.queue.consume(total);
      side.frameStart = origin;
      if (result.kind === 'ok') this.frame(direction, result.value, start, origin);
      else if (result.kind === 'invalid') this.report(head.value.streamId, { ...result.diagnostic, frame: origin.frame });
    }
  }

  /** Bytes of a direction were lost: only between frames can parsing go on. */
  gap(direction: Direction, frame: number): void {
    const side = this.sides[direction];
    if (side.stopped || (side.queue.length === 0 && side.block === undefined && side.prefaceLeft === 0)) return;
    this.stop(side, diagnostic('http.gap', `bytes ${direction === 0 ? 'from the client' : 'from the server'} are missing inside an HTTP/2 frame; that direction is not read further`, frame));
  }

  /** The connection ended: every stream still open is emitted as far as it got. */
  end(): void {
    for (const [id, state] of this.streams) {
      const { exchange } = state;
      for (const message of [exchange.request, exchange.response]) {
        if (message !== undefined && !message.complete) {
          exchange.diagnostics.push(diagnostic('http.body-truncated', `stream ${id} ended with the connection, ${message.body.size} bytes into a body`));
          message.end(undefined, exchange.diagnostics);
        }
      }
      this.close(id, state);
    }
  }

  private readPreface(side: Side, origin: ByteOrigin): boolean {
    const have = side.queue.peek(CLIENT_PREFACE.length);
    const offset = CLIENT_PREFACE.length - side.prefaceLeft;
    for (let i = offset; i < have.length; i++) {
      if (have[i] !== CLIENT_PREFACE[i]) {
        this.stop(side, diagnostic('http2.bad-preface', 'the client bytes do not start with "PRI * HTTP/2.0"', origin.frame));
        return false;
      }
    }
    side.prefaceLeft = CLIENT_PREFACE.length - have.length;
    if (side.prefaceLeft > 0) return false;
    side.queue.consume(CLIENT_PREFACE.length);
    side.frameStart = origin;
    return true;
  }

  private frame(direction: Direction, frame: Http2Frame, start: ByteOrigin, origin: ByteOrigin): void {
    this.onFrame?.(direction, frame, origin);
    const side = this.sides[direction];
    const { header, body } = frame;
    if (side.block !== undefined && body.kind !== 'CONTINUATION') {
      this.report(side.block.streamId, diagnostic('http2.continuation', `a ${body.kind} frame interrupted the header block of stream ${side.block.streamId}`, origin.frame));
      side.block = undefined;
    }
    const endStream = (header.flags & FrameFlag.END_STREAM) !== 0;
    switch (body.kind) {
      case 'HEADERS':
      case 'PUSH_PROMISE':
        side.block = { streamId: header.streamId, promised: body.kind === 'PUSH_PROMISE' ? body.promisedStreamId : undefined, endStream: body.kind === 'HEADERS' && endStream, origin: start, fragments: [], size: 0 };
        this.continueBlock(direction, side, body.fragment, header.flags, origin);
        return;
      case 'CONTINUATION':
        if (side.block === undefined || side.block.streamId !== header.streamId) {
          this.report(header.streamId, diagnostic('http2.continuation', `a CONTINUATION frame on stream ${header.streamId} follows no header block`, origin.frame));
          return;
        }
        this.continueBlock(direction, side, body.fragment, header.flags, origin);
        return;
      case 'DATA':
        this.data(direction, header.streamId, body.data, endStream, origin);
        return;
      case 'SETTINGS':
        this.settings(direction, body.settings);
        return;
      case 'RST_STREAM':
        this.reset(header.streamId, body.errorCode, origin);
        return;
      case 'GOAWAY':
        if (body.errorCode !== 0) this.note(diagnostic('http2.goaway', `${direction === 0 ? 'client' : 'server'} sent GOAWAY ${errorCodeName(body.errorCode)} (last stream ${body.lastStreamId})`, origin.frame));
        return;
      case 'unknown':
        this.note(diagnostic('http2.unknown-frame', `frame type 0x${header.type.toString(16)} (${body.payload.length} bytes)`, origin.frame));
        return;
      default:
        return;
    }
  }

  private continueBlock(direction: Direction, side: Side, fragment: Uint8Array, flags: number, origin: ByteOrigin): void {
    const block = side.block;
    if (block === undefined) return;
    block.fragments.push(fragment.slice());
    block.size += fragment.length;
    if (block.size > MAX_HEADER_BLOCK) {
      side.block = undefined;
      this.stop(side, diagnostic('http2.continuation', `a header block is over ${MAX_HEADER_BLOCK} bytes`, origin.frame));
      return;
    }
    if ((flags & FrameFlag.END_HEADERS) === 0) return;
    side.block = undefined;
    const decoded = side.hpack.decode(concatBytes(block.fragments));
    if (decoded.kind !== 'ok') {
      if (decoded.kind === 'invalid') this.report(block.streamId, { ...decoded.diagnostic, frame: origin.frame });
      return;
    }
    this.options.onMessage?.(blockFacts(decoded.value));
    if (block.promised !== undefined) this.promise(block.promised, decoded.value, block.origin, origin);
    else if (direction === 0) this.requestHeaders(block.streamId, decoded.value, block, origin);
    else this.responseHeaders(block.streamId, decoded.value, block, origin);
  }

  private requestHeaders(id: number, headers: HttpHeader[], block: PendingBlock, origin: ByteOrigin): void {
    const existing = this.streams.get(id);
    if (existing?.exchange.request !== undefined) {
      existing.exchange.request.trailers = headers;
    } else {
      const state = existing ?? this.open(id);
      this.setRequest(state.exchange, headers, block.origin);
    }
    if (block.endStream) this.endSide(id, 0, origin);
  }

  private responseHeaders(id: number, headers: HttpHeader[], block: PendingBlock, origin: ByteOrigin): void {
    const state = this.streams.get(id) ?? this.unrequested(id, block.origin);
    const { exchange } = state;
    exchange.startResponse(block.origin);
    const status = Number(headerValue(headers, ':status') ?? 'NaN');
    if (exchange.response !== undefined) {
      exchange.response.trailers = headers;
    } else if (status >= 100 && status < 200) {
      exchange.interim.push(status);
    } else {
      exchange.status = Number.isInteger(status) ? status : null;
      exchange.response = new MessageBuilder(headers, block.origin, this.options);
    }
    if (block.endStream) this.endSide(id, 1, origin);
  }

  private promise(id: number, headers: HttpHeader[], first: ByteOrigin, origin: ByteOrigin): void {
    const state = this.open(id);
    this.setRequest(state.exchange, headers, first);
    this.endSide(id, 0, origin);
  }

  private setRequest(exchange: ExchangeBuilder, headers: HttpHeader[], first: ByteOrigin): void {
    const authority = headerValue(headers, ':authority') ?? null;
    exchange.target = {
      method: headerValue(headers, ':method') ?? null,
      scheme: headerValue(headers, ':scheme') ?? null,
      authority,
      host: headerValue(headers, 'host') ?? authority,
      path: headerValue(headers, ':path') ?? null,
    };
    exchange.request = new MessageBuilder(headers, first, this.options);
  }

  private data(direction: Direction, id: number, data: Uint8Array, endStream: boolean, origin: ByteOrigin): void {
    const state = this.streams.get(id);
    if (state === undefined) return;
    const message = direction === 0 ? state.exchange.request : state.exchange.response;
    if (direction === 1) state.exchange.startResponse(origin);
    message?.body.add(data);
    if (endStream) this.endSide(id, direction, origin);
  }

  private settings(direction: Direction, settings: ReadonlyArray<readonly [number, number]>): void {
    // A side's settings bound what the other side sends.
    const peer = this.sides[direction === 0 ? 1 : 0];
    for (const [id, value] of settings) {
      if (id === Setting.HEADER_TABLE_SIZE) peer.hpack.setLimit(value);
      if (id === Setting.MAX_FRAME_SIZE && value >= INITIAL_MAX_FRAME && value < 2 ** 24) peer.maxFrame = value;
    }
  }

  private reset(id: number, errorCode: number, origin: ByteOrigin): void {
    const state = this.streams.get(id);
    if (state === undefined) return;
    state.exchange.diagnostics.push(diagnostic('http2.rst-stream', `stream ${id} was reset with ${errorCodeName(errorCode)}`, origin.frame));
    for (const message of [state.exchange.request, state.exchange.response]) message?.end(message.complete ? undefined : origin, state.exchange.diagnostics);
    state.exchange.finishAt(origin);
    this.close(id, state);
  }

  private endSide(id: number, direction: Direction, origin: ByteOrigin): void {
    const state = this.streams.get(id);
    if (state === undefined) return;
    state.ended[direction] = true;
    const message = direction === 0 ? state.exchange.request : state.exchange.response;
    message?.end(origin, state.exchange.diagnostics);
    if (direction === 1) state.exchange.finishAt(origin);
    if (state.ended[0] && state.ended[1]) this.close(id, state);
  }

  private open(id: number): StreamState {
    if (this.streams.size >= MAX_OPEN_STREAMS) {
      const [oldestId, oldest] = this.streams.entries().next().value ?? [];
      if (oldestId !== undefined && oldest !== undefined) {
        oldest.exchange.diagnostics.push(diagnostic('http2.stream-limit', `more than ${MAX_OPEN_STREAMS} streams were open; stream ${oldestId} was given up`));
        this.close(oldestId, oldest);
      }
    }
    const state: StreamState = { exchange: new ExchangeBuilder(this.stream, 'HTTP/2', id), ended: [false, false] };
    this.streams.set(id, state);
    return state;
  }

  private unrequested(id: number, first: ByteOrigin): StreamState {
    const state = this.open(id);
    state.ended[0] = true;
    state.exchange.diagnostics.push(diagnostic('http.unrequested', `a response on stream ${id} whose request was not seen`, first.frame));
    return state;
  }

  private close(id: number, state: StreamState): void {
    this.streams.delete(id);
    const { exchange } = state;
    // A reset or an earlier problem already says why there is no response.
    if (exchange.response === undefined && exchange.diagnostics.length === 0) {
      exchange.diagnostics.push(diagnostic('http.unanswered', `stream ${id} (${exchange.target.method ?? '?'} ${exchange.target.path ?? ''}) closed without response headers`));
    }
    this.emit(exchange.freeze());
  }

  private report(streamId: number, d: Diagnostic): void {
    const state = this.streams.get(streamId);
    if (state !== undefined) state.exchange.diagnostics.push(d);
    else this.note(d);
  }

  /** Connection diagnostics are kept up to a bound: a peer can send unknown frames forever. */
  private note(d: Diagnostic): void {
    if (this.diagnostics.length < MAX_CONNECTION_DIAGNOSTICS) this.diagnostics.push(d);
  }

  private stop(side: Side, d: Diagnostic): void {
    side.stopped = true;
    side.queue.clear();
    this.note(d);
  }
}

/** A header block as the display filter sees it: a request when it has :method, a response when it has :status. */
function blockFacts(headers: readonly HttpHeader[]): HttpMessageFacts {
  const method = headerValue(headers, ':method');
  const status = Number(headerValue(headers, ':status') ?? 'NaN');
  return {
    protocol: 'http2',
    ...(method === undefined ? {} : { request: { method, uri: headerValue(headers, ':path') ?? '' } }),
    ...(Number.isInteger(status) ? { response: { code: status } } : {}),
    headers: headerPairs(headers),
  };
}
