/**
 * HTTP/1.x message body framing (RFC 9112 6-7): how long a body is (6.3), and a reader that
 * takes it off the stream: a fixed length, chunked transfer coding with trailer fields (7.1),
 * or everything up to the end of the connection.
 */
import { concatBytes } from '../bytes.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { headerTokens, headerValues, latin1, type HttpHeader } from './headers.js';
import { headEnd, parseFieldLines } from './http1-head.js';

export type Framing =
  | { readonly kind: 'none' }
  | { readonly kind: 'length'; readonly length: number }
  | { readonly kind: 'chunked' }
  | { readonly kind: 'close' }
  | { readonly kind: 'invalid'; readonly reason: string };

const NONE: Framing = { kind: 'none' };

/** RFC 9112 6.3 items 3-5: Transfer-Encoding wins over Content-Length; several lengths must agree. */
function declaredFraming(headers: readonly HttpHeader[], otherwise: Framing): Framing {
  const codings = headerTokens(headers, 'transfer-encoding');
  if (codings.length > 0) return codings[codings.length - 1] === 'chunked' ? { kind: 'chunked' } : otherwise;
  const lengths = headerValues(headers, 'content-length').flatMap((v) => v.split(',').map((s) => s.trim()));
  if (lengths.length === 0) return otherwise;
  const distinct = [...new Set(lengths)];
  const only = distinct[0] ?? '';
  if (distinct.length > 1 || !/^\d{1,15}$/.test(only)) return { kind: 'invalid', reason: `Content-Length ${JSON.stringify(lengths.join(', '))}` };
  const length = Number(only);
  return length === 0 ? NONE : { kind: 'length', length };
}

export function requestFraming(headers: readonly HttpHeader[]): Framing {
  const codings = headerTokens(headers, 'transfer-encoding');
  if (codings.length > 0 && codings[codings.length - 1] !== 'chunked') return { kind: 'invalid', reason: `request Transfer-Encoding ${codings.join(', ')} does not end in chunked` };
  return declaredFraming(headers, NONE);
}

/** RFC 9112 6.3 items 1-2: HEAD, 1xx, 204 and 304 have no body; the caller handles CONNECT. */
export function responseFraming(requestMethod: string | null, status: number, headers: readonly HttpHeader[]): Framing {
  if (requestMethod === 'HEAD' || status < 200 || status === 204 || status === 304) return NONE;
  return declaredFraming(headers, { kind: 'close' });
}

/** Longest chunk-size line or trailer section held while waiting for its end. */
const MAX_CHUNK_LINE = 4096;
const MAX_TRAILERS = 16 * 1024;

type ChunkState = 'size' | 'data' | 'data-end' | 'trailers';

export interface BodyProgress {
  /** Bytes of the input taken. */
  readonly used: number;
  readonly done: boolean;
  readonly diagnostic?: Diagnostic;
}

/** Takes one body off a direction's bytes, handing body content to `content` as it comes. */
export class BodyReader {
  trailers: HttpHeader[] = [];
  private remaining: number;
  private state: ChunkState = 'size';
  private line = new Uint8Array(0);

  constructor(
    readonly framing: Framing,
    private readonly content: (bytes: Uint8Array) => void,
  ) {
    this.remaining = framing.kind === 'length' ? framing.length : 0;
  }

  push(bytes: Uint8Array, frame: number): BodyProgress {
    switch (this.framing.kind) {
      case 'length':
        return this.fixed(bytes);
      case 'close':
        this.content(bytes);
        return { used: bytes.length, done: false };
      case 'chunked':
        return this.chunked(bytes, frame);
      default:
        return { used: 0, done: true };
    }
  }

  private fixed(bytes: Uint8Array): BodyProgress {
    const take = Math.min(this.remaining, bytes.length);
    this.content(bytes.subarray(0, take));
    this.remaining -= take;
    return { used: take, done: this.remaining === 0 };
  }

  private chunked(bytes: Uint8Array, frame: number): BodyProgress {
    let at = 0;
    while (at < bytes.length) {
      if (this.state === 'data') {
        const take = Math.min(this.remaining, bytes.length - at);
        this.content(bytes.subarray(at, at + take));
        this.remaining -= take;
        at += take;
        if (this.remaining === 0) this.state = 'data-end';
        continue;
      }
      if (this.state === 'trailers') {
        const joined = concatBytes([this.line, bytes.subarray(at)]);
        // An empty trailer section is just the line end after the last chunk.
        const end = joined[0] === 0x0a ? 1 : joined[0] === 0x0d && joined[1] === 0x0a ? 2 : headEnd(joined);
        if (end < 0 || (joined[0] === 0x0d && joined.length < 2)) {
          if (joined.length > MAX_TRAILERS) return this.fail(bytes.length, 'the trailer section never ends', frame);
          this.line = joined.slice();
          return { used: bytes.length, done: false };
        }
        this.trailers = parseFieldLines(latin1(joined.subarray(0, end)).split('\n').map((l) => l.replace(/\r$/, '')), frame).headers;
        return { used: at + end - this.line.length, done: true };
      }
      const newline = bytes.indexOf(0x0a, at);
      if (newline < 0) {
        this.line = concatBytes([this.line, bytes.subarray(at)]).slice();
        if (this.line.length > MAX_CHUNK_LINE) return this.fail(bytes.length, 'a chunk-size line never ends', frame);
        return { used: bytes.length, done: false };
      }
      const text = latin1(concatBytes([this.line, bytes.subarray(at, newline)])).replace(/\r$/, '');
      this.line = new Uint8Array(0);
      at = newline + 1;
      if (this.state === 'data-end') {
        if (text !== '') return this.fail(at, 'chunk data is longer than its chunk size', frame);
        this.state = 'size';
        continue;
      }
      const size = /^([0-9A-Fa-f]{1,12})[ \t]*(?:;.*)?$/.exec(text);
      if (size === null) return this.fail(at, `bad chunk size line ${JSON.stringify(text.slice(0, 40))}`, frame);
      this.remaining = parseInt(size[1] ?? '0', 16);
      this.state = this.remaining === 0 ? 'trailers' : 'data';
    }
    return { used: at, done: false };
  }

  private fail(used: number, message: string, frame: number): BodyProgress {
    return { used, done: true, diagnostic: diagnostic('http.bad-chunk', message, frame) };
  }
}
