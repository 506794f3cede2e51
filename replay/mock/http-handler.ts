/**
 * Answers one incoming HTTP request from the capture: reads its body (for the exact match),
 * finds the captured exchange (request-match.ts), and writes that response back on HTTP/1.1 or
 * HTTP/2, or applies the miss policy: a 404 or 502 that names the request, or closing the
 * connection without an answer.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { Readable } from 'node:stream';
import { concatBytes } from '../../dissect/bytes.js';
import { headerTokens } from '../../dissect/http/headers.js';
import type { HttpExchange } from '../../dissect/http/exchange.js';
import { entityOf, type Entity } from './entity.js';
import type { MissPolicy, MockEvent } from './events.js';
import { http1Response, http2Fields, http2Response, type OutgoingResponse } from './http-answer.js';
import type { ExchangeBook, IncomingRequest } from './request-match.js';

export interface HttpAnswering {
  readonly book: ExchangeBook;
  readonly miss: MissPolicy;
  readonly onEvent: (event: MockEvent) => void;
}

type Protocol = 'HTTP/1.1' | 'HTTP/2';

/** Request bodies held for hashing; a larger one is still read but matches on method and target only. */
const MAX_REQUEST_BODY = 16 * 1024 * 1024;

async function readBody(request: Readable): Promise<Uint8Array | undefined> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request) {
    if (!(chunk instanceof Uint8Array)) continue;
    size += chunk.length;
    if (size <= MAX_REQUEST_BODY) parts.push(chunk);
  }
  return size <= MAX_REQUEST_BODY ? concatBytes(parts) : undefined;
}

/** RFC 9112 3.2.2: a proxy-style absolute-form target names the same resource as its path and query. */
export function originForm(target: string): string {
  const absolute = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*(.*)$/.exec(target);
  if (absolute === null) return target;
  const rest = absolute[1] ?? '';
  return rest === '' || rest.startsWith('?') ? `/${rest}` : rest;
}

/** The mock's own answer (a miss, a response node refused to send), said in a line of text. */
function plainText(status: number, text: string): OutgoingResponse {
  const body = new TextEncoder().encode(`keyhole mock: ${text}\n`);
  const headers = [
    { name: 'Content-Type', value: 'text/plain; charset=utf-8' },
    { name: 'Content-Length', value: String(body.length) },
  ];
  return { status, reason: STATUS_CODES[status] ?? '', headers, body, trailers: [] };
}

interface Writer {
  readonly protocol: Protocol;
  /** The captured response, framed for this protocol. */
  readonly frame: (exchange: HttpExchange, method: string, entity: Entity) => OutgoingResponse;
  readonly write: (response: OutgoingResponse) => void;
  readonly close: () => void;
  readonly sent: () => boolean;
}

/** Answers in the background; a client that goes away while sending its body is told as an error event. */
function answerSoon(answering: HttpAnswering, writer: Writer, method: string, target: string, request: Readable, contentEncoding: readonly string[]): void {
  answer(answering, writer, method, target, request, contentEncoding).catch((error: unknown) => {
    answering.onEvent({ kind: 'error', time: new Date(), message: `${method} ${target}: ${error instanceof Error ? error.message : String(error)}` });
  });
}

async function answer(answering: HttpAnswering, writer: Writer, method: string, target: string, request: Readable, contentEncoding: readonly string[]): Promise<void> {
  const body = await readBody(request);
  const incoming: IncomingRequest = { method, target, body, contentEncoding };
  const match = answering.book.match(incoming);
  const time = new Date();
  if (match === undefined) {
    answering.onEvent({ kind: 'miss', time, protocol: writer.protocol, method, target, policy: answering.miss });
    if (answering.miss === 'close') writer.close();
    else writer.write(plainText(Number(answering.miss), `no captured exchange answers ${method} ${target}`));
    return;
  }
  const { answer: captured, level } = match;
  const entity = entityOf(captured.exchange.response);
  const response = writer.frame(captured.exchange, method, entity);
  try {
    writer.write(response);
  } catch (error) {
    const message = `stream ${captured.stream} exchange ${captured.index}: ${error instanceof Error ? error.message : String(error)}`;
    answering.onEvent({ kind: 'error', time, message });
    if (writer.sent()) writer.close();
    else writer.write(plainText(502, message));
    return;
  }
  answering.onEvent({
    kind: 'answer',
    time,
    protocol: writer.protocol,
    method,
    target,
    status: response.status,
    level,
    stream: captured.stream,
    exchange: captured.index,
    frame: captured.frame,
    recoded: entity.recoded,
    bodyMissing: entity.missing,
  });
}

export function http1Handler(answering: HttpAnswering): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const method = request.method ?? 'GET';
    const target = originForm(request.url ?? '/');
    const writer: Writer = {
      protocol: 'HTTP/1.1',
      frame: http1Response,
      write: (out) => {
        response.sendDate = false;
        response.writeHead(out.status, out.reason, out.headers.flatMap((h) => [h.name, h.value]));
        if (out.trailers.length > 0) response.addTrailers(out.trailers.map((h) => [h.name, h.value] as [string, string]));
        response.end(Buffer.from(out.body));
      },
      close: () => request.socket.destroy(),
      sent: () => response.headersSent,
    };
    answerSoon(answering, writer, method, target, request, headerTokens(rawHeaders(request.rawHeaders), 'content-encoding'));
  };
}

export function http2Handler(answering: HttpAnswering): (request: Http2ServerRequest, response: Http2ServerResponse) => void {
  return (request, response) => {
    const writer: Writer = {
      protocol: 'HTTP/2',
      frame: http2Response,
      write: (out) => {
        // The captured response says whether it had a Date; node would add one.
        response.sendDate = false;
        response.writeHead(out.status, http2Fields(out.headers));
        if (out.trailers.length > 0) response.addTrailers(http2Fields(out.trailers));
        response.end(Buffer.from(out.body));
      },
      close: () => response.stream.session?.destroy(),
      sent: () => response.headersSent,
    };
    answerSoon(answering, writer, request.method, request.url, request, headerTokens(rawHeaders(request.rawHeaders), 'content-encoding'));
  };
}

/** node's rawHeaders (name, value, name, value, ...) as header fields. */
function rawHeaders(raw: readonly string[]): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push({ name: raw[i] ?? '', value: raw[i + 1] ?? '' });
  return out;
}
