/**
 * A captured response as it goes back out. HTTP/1.1 (RFC 9112 6): the captured status line and
 * header fields in their order and case, with only the framing recomputed for the body actually
 * sent (Content-Length set to its size, or chunked when the capture was chunked). HTTP/2
 * (RFC 9113 8.2.2, 8.3.2): lower-case names, no pseudo-headers but :status, and none of the
 * connection-specific fields HTTP/2 forbids. A response that has no body by definition (to HEAD,
 * 1xx, 204, 304) keeps its captured Content-Length, which describes the resource, not the message.
 */
import { STATUS_CODES } from 'node:http';
import type { OutgoingHttpHeaders } from 'node:http';
import type { HttpExchange } from '../../dissect/http/exchange.js';
import { headerTokens, type HttpHeader } from '../../dissect/http/headers.js';
import type { Entity } from './entity.js';

export interface OutgoingResponse {
  readonly status: number;
  readonly reason: string;
  readonly headers: readonly HttpHeader[];
  readonly body: Uint8Array;
  readonly trailers: readonly HttpHeader[];
}

/** RFC 9113 8.2.2: fields that only make sense for one HTTP/1.1 connection. */
const CONNECTION_SPECIFIC = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);
const FRAMING = new Set(['content-length', 'transfer-encoding']);

/** RFC 9110 6.4.1: responses that never carry content, whatever their fields say. */
function bodiless(method: string, status: number): boolean {
  return method === 'HEAD' || (status >= 100 && status < 200) || status === 204 || status === 304;
}

const isPseudo = (h: HttpHeader): boolean => h.name.startsWith(':');

/** The fields with framing replaced by one `name: value` line, where the captured one stood or at the end. */
function withFraming(headers: readonly HttpHeader[], name: string, value: string): HttpHeader[] {
  const out: HttpHeader[] = [];
  let placed = false;
  for (const h of headers) {
    const lower = h.name.toLowerCase();
    if (!FRAMING.has(lower)) out.push(h);
    else if (lower === name.toLowerCase() && !placed) {
      out.push({ name: h.name, value });
      placed = true;
    }
  }
  if (!placed) out.push({ name, value });
  return out;
}

/** The captured response of `exchange` for a request made with `method`, framed for HTTP/1.1. */
export function http1Response(exchange: HttpExchange, method: string, entity: Entity): OutgoingResponse {
  const status = exchange.status ?? 0;
  const captured = (exchange.response?.headers ?? []).filter((h) => !isPseudo(h));
  const reason = exchange.reason ?? STATUS_CODES[status] ?? '';
  const trailers = exchange.response?.trailers ?? [];
  if (bodiless(method, status)) return { status, reason, headers: captured, body: new Uint8Array(0), trailers: [] };
  const chunked = headerTokens(captured, 'transfer-encoding').length > 0 || trailers.length > 0;
  const headers = chunked ? withFraming(captured, 'Transfer-Encoding', 'chunked') : withFraming(captured, 'Content-Length', String(entity.bytes.length));
  return { status, reason, headers, body: entity.bytes, trailers: chunked ? trailers : [] };
}

/** Header fields as node:http2 takes them: lower-case names, repeated fields as arrays. */
export function http2Fields(fields: readonly HttpHeader[]): OutgoingHttpHeaders {
  const out: Record<string, string[]> = {};
  for (const { name, value } of fields) {
    const lower = name.toLowerCase();
    if (lower.startsWith(':') || CONNECTION_SPECIFIC.has(lower)) continue;
    (out[lower] ??= []).push(value);
  }
  return Object.fromEntries(Object.entries(out).map(([name, values]) => [name, values.length === 1 ? values[0] : values]));
}

/** The captured response of `exchange`, for HTTP/2. */
export function http2Response(exchange: HttpExchange, method: string, entity: Entity): OutgoingResponse {
  const status = exchange.status ?? 0;
  const captured = (exchange.response?.headers ?? []).filter((h) => !isPseudo(h));
  const trailers = exchange.response?.trailers ?? [];
  const base = { status, reason: '', trailers };
  if (bodiless(method, status)) return { ...base, headers: captured, body: new Uint8Array(0) };
  const sized = captured.some((h) => h.name.toLowerCase() === 'content-length');
  return { ...base, headers: sized ? withFraming(captured, 'content-length', String(entity.bytes.length)) : captured, body: entity.bytes };
}
