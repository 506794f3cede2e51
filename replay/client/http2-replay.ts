/**
 * HTTP/2 replay (RFC 9113) through a node:http2 client session rather than raw bytes: HPACK
 * state (RFC 7541) and stream ids belong to the captured connection, so its frames cannot be
 * sent again as they were. Each captured request is made anew (method, path, scheme, authority,
 * header fields, body) in request order; a request waits for the responses that had completed
 * before it was sent in the capture, so dependent requests still follow their answers.
 * The body sent is the captured one with its content coding undone, so Content-Encoding and
 * Content-Length go when the request had a coding.
 */
import { connect, constants, type ClientHttp2Session, type IncomingHttpHeaders, type IncomingHttpStatusHeader, type OutgoingHttpHeaders } from 'node:http2';
import type { HttpExchange } from '../../dissect/http/exchange.js';
import { headerTokens, type HttpHeader } from '../../dissect/http/headers.js';
import type { CapturedConversation } from '../conversation.js';
import { rewriteHeaders, type HeaderRewrite } from './header-rewrites.js';
import { millisecondsBetween, type Pacer } from './pacing.js';
import type { WaitLimits } from './server-reader.js';
import type { OpenTransport } from './transport.js';
import type { LiveResponse } from './transcript.js';

/** Connection-specific fields HTTP/2 forbids (RFC 9113 8.2.2); node:http2 refuses them too. */
const CONNECTION_SPECIFIC = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'host']);

export interface Http2ReplayOptions {
  readonly pacer: Pacer;
  readonly limits: WaitLimits;
  readonly rewrites: readonly HeaderRewrite[];
  /** Used for :authority when the captured request has none. */
  readonly authority: string;
  readonly plain: boolean;
}

export interface Http2ReplayResult {
  readonly sentMessages: number;
  readonly sentBytes: number;
  readonly receivedBytes: number;
  readonly responses: readonly (LiveResponse | null)[];
  readonly error: string | undefined;
}

/** The request as node:http2 takes it: pseudo-headers first, then the rewritten fields. */
export function requestHeaders(exchange: HttpExchange, rewrites: readonly HeaderRewrite[], fallbackAuthority: string, plain: boolean): OutgoingHttpHeaders {
  const captured = exchange.request?.headers ?? [];
  const coded = headerTokens(captured, 'content-encoding').some((c) => c !== 'identity');
  // :authority stands for Host in HTTP/2 (RFC 9113 8.3.1), so a Host rewrite lands there.
  const authorityRewrite = rewrites.filter((r) => r.name.toLowerCase() === 'host').at(-1)?.value;
  const fields = rewriteHeaders(
    captured.filter((h) => !h.name.startsWith(':')),
    rewrites.filter((r) => r.name.toLowerCase() !== 'host'),
  ).filter((h) => !CONNECTION_SPECIFIC.has(h.name.toLowerCase()) && !(coded && ['content-encoding', 'content-length'].includes(h.name.toLowerCase())));
  const headers: OutgoingHttpHeaders = {
    ':method': exchange.method ?? 'GET',
    ':path': exchange.path ?? '/',
    ':scheme': exchange.scheme ?? (plain ? 'http' : 'https'),
    ':authority': authorityRewrite ?? exchange.authority ?? exchange.host ?? fallbackAuthority,
  };
  for (const field of fields) {
    const name = field.name.toLowerCase();
    const previous = headers[name];
    headers[name] = previous === undefined ? field.value : [...(Array.isArray(previous) ? previous : [String(previous)]), field.value];
  }
  return headers;
}

function responseHeaders(headers: IncomingHttpHeaders & IncomingHttpStatusHeader): HttpHeader[] {
  return Object.entries(headers).flatMap(([name, value]) => {
    if (name.startsWith(':') || value === undefined) return [];
    return (Array.isArray(value) ? value : [String(value)]).map((v) => ({ name, value: v }));
  });
}

/** The responses that had completed in the capture before `exchange` was sent. */
function answeredBefore(exchanges: readonly HttpExchange[], index: number): number[] {
  const sent = exchanges[index]?.timing.requestSent;
  if (sent === undefined || sent === null) return [];
  return exchanges.slice(0, index).flatMap((e, i) => (e.timing.done !== null && millisecondsBetween(e.timing.done, sent) >= 0 ? [i] : []));
}

interface Counters {
  sentMessages: number;
  sentBytes: number;
  receivedBytes: number;
}

function request(session: ClientHttp2Session, headers: OutgoingHttpHeaders, body: Uint8Array, limits: WaitLimits, counters: Counters): Promise<LiveResponse | null> {
  return new Promise((resolve) => {
    const stream = session.request(headers, { endStream: body.length === 0 });
    counters.sentMessages++;
    if (body.length > 0) {
      stream.end(body);
      counters.sentBytes += body.length;
    }
    const parts: Buffer[] = [];
    let head: { status: number; headers: HttpHeader[] } | undefined;
    const timer = setTimeout(() => stream.close(constants.NGHTTP2_CANCEL), limits.timeoutMs);
    stream.on('response', (h) => (head = { status: Number(h[':status']), headers: responseHeaders(h) }));
    stream.on('data', (chunk: Buffer) => {
      parts.push(chunk);
      counters.receivedBytes += chunk.length;
    });
    stream.on('error', () => undefined);
    stream.on('close', () => {
      clearTimeout(timer);
      resolve(head === undefined ? null : { ...head, body: new Uint8Array(Buffer.concat(parts)) });
    });
  });
}

export async function replayHttp2(transport: OpenTransport, conversation: CapturedConversation, options: Http2ReplayOptions): Promise<Http2ReplayResult> {
  const counters: Counters = { sentMessages: 0, sentBytes: 0, receivedBytes: 0 };
  let failure: string | undefined;
  const session = connect(`${options.plain ? 'http' : 'https'}://${options.authority}`, { createConnection: () => transport.socket });
  session.on('error', (error: Error) => (failure ??= error.message));
  session.on('goaway', () => (failure ??= 'the server sent GOAWAY'));
  const exchanges = conversation.exchanges;
  const pending: Array<Promise<LiveResponse | null>> = [];
  for (const [index, exchange] of exchanges.entries()) {
    await Promise.all(answeredBefore(exchanges, index).map((i) => pending[i]));
    if (exchange.timing.requestSent !== null) await options.pacer.waitUntilDue(exchange.timing.requestSent);
    if (session.closed || session.destroyed || failure !== undefined) {
      failure = `the server closed the connection after ${index} of ${exchanges.length} requests${failure === undefined ? '' : ` (${failure})`}`;
      break;
    }
    pending.push(request(session, requestHeaders(exchange, options.rewrites, options.authority, options.plain), exchange.request?.body ?? new Uint8Array(0), options.limits, counters));
  }
  const answered = await Promise.all(pending);
  session.close();
  const responses = exchanges.map((_, i) => answered[i] ?? null);
  const unanswered = responses.filter((r) => r === null).length;
  if (failure === undefined && unanswered > 0) failure = `${unanswered} of ${exchanges.length} requests got no response within ${options.limits.timeoutMs} ms`;
  return { ...counters, responses, error: failure };
}
