/**
 * Captured and live HTTP responses side by side, exchange by exchange in request order (RFC 9110
 * 15 status, 6.3 header fields, 8.4 content codings undone before bodies are compared).
 * Header fields are compared by lower-case name (RFC 9110 5.1), each name's values in order,
 * after the ignored ones are left out.
 */
import { equalBytes } from '../../dissect/bytes.js';
import type { HttpExchange } from '../../dissect/http/exchange.js';
import type { HttpHeader } from '../../dissect/http/headers.js';
import { VALUE_KEYS } from './ignored-headers.js';
import { responseLines, type ResponseView } from './render.js';
import { unifiedDiff } from './unified-diff.js';

export type Aspect = 'response' | 'status' | 'header' | 'body';

export interface Difference {
  readonly aspect: Aspect;
  /** The header field name, for a header difference. */
  readonly name?: string;
  readonly captured: string;
  readonly live: string;
}

export interface ExchangeComparison {
  /** Position in request order, from 0. */
  readonly index: number;
  /** "GET /path", from the captured request (or the live one for an extra response). */
  readonly request: string;
  readonly capturedStatus: number | null;
  readonly liveStatus: number | null;
  readonly differences: readonly Difference[];
  /** A unified diff of the two responses as compared; empty when they match. */
  readonly diff: readonly string[];
}

const ABSENT = '(absent)';

const wholeValue = (value: string): string => value;

/** The fields that take part: no pseudo-headers, nothing ignored, names lower-cased, sorted by name. */
export function comparedHeaders(headers: readonly HttpHeader[], ignored: ReadonlySet<string>): HttpHeader[] {
  return headers
    .map((h) => ({ name: h.name.toLowerCase(), value: h.value }))
    .filter((h) => !h.name.startsWith(':') && !ignored.has(h.name))
    .map((h) => ({ name: h.name, value: (VALUE_KEYS[h.name] ?? wholeValue)(h.value) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function capturedResponse(exchange: HttpExchange): ResponseView | null {
  if (exchange.response === null) return null;
  return { status: exchange.status, headers: exchange.response.headers, body: exchange.response.body };
}

function requestLabel(exchange: HttpExchange | undefined): string {
  return `${exchange?.method ?? '?'} ${exchange?.path ?? '?'}`;
}

function headerDifferences(captured: readonly HttpHeader[], live: readonly HttpHeader[]): Difference[] {
  const names = [...new Set([...captured, ...live].map((h) => h.name))].sort();
  const valuesOf = (headers: readonly HttpHeader[], name: string): string => {
    const values = headers.filter((h) => h.name === name).map((h) => h.value);
    return values.length === 0 ? ABSENT : values.join(', ');
  };
  return names.flatMap((name) => {
    const [was, now] = [valuesOf(captured, name), valuesOf(live, name)];
    return was === now ? [] : [{ aspect: 'header', name, captured: was, live: now } as const];
  });
}

function bodyDifference(captured: Uint8Array | null, live: Uint8Array | null): Difference[] {
  const describe = (body: Uint8Array | null): string => (body === null ? 'not decodable' : `${body.length} bytes`);
  if (captured !== null && live !== null && equalBytes(captured, live)) return [];
  if (captured === null && live === null) return [];
  return [{ aspect: 'body', captured: describe(captured), live: describe(live) }];
}

export function compareResponses(captured: ResponseView | null, live: ResponseView | null, ignored: ReadonlySet<string>): Difference[] {
  if (captured === null || live === null) {
    if (captured === live) return [];
    const describe = (r: ResponseView | null): string => (r === null ? '(no response)' : `status ${r.status ?? '(none)'}`);
    return [{ aspect: 'response', captured: describe(captured), live: describe(live) }];
  }
  return [
    ...(captured.status === live.status ? [] : [{ aspect: 'status', captured: String(captured.status), live: String(live.status) } as const]),
    ...headerDifferences(comparedHeaders(captured.headers, ignored), comparedHeaders(live.headers, ignored)),
    ...bodyDifference(captured.body, live.body),
  ];
}

function asCompared(response: ResponseView | null, ignored: ReadonlySet<string>): ResponseView | null {
  return response === null ? null : { ...response, headers: comparedHeaders(response.headers, ignored) };
}

/**
 * Pairs the i-th captured exchange with the i-th live response. A live response past the
 * captured ones is reported as extra (`request` names what the live side said it answered).
 */
export function compareExchanges(
  captured: readonly HttpExchange[],
  live: ReadonlyArray<{ readonly label: string | undefined; readonly response: ResponseView | null }>,
  ignored: ReadonlySet<string>,
): ExchangeComparison[] {
  const count = Math.max(captured.length, live.length);
  return Array.from({ length: count }, (_, index) => {
    const was = captured[index];
    const now = live[index];
    const capturedView = was === undefined ? null : capturedResponse(was);
    const liveView = now?.response ?? null;
    const differences = compareResponses(capturedView, liveView, ignored);
    const label = `exchange ${index} ${was === undefined ? (now?.label ?? '?') : requestLabel(was)}`;
    return {
      index,
      request: was === undefined ? (now?.label ?? '?') : requestLabel(was),
      capturedStatus: capturedView?.status ?? null,
      liveStatus: liveView?.status ?? null,
      differences,
      diff: differences.length === 0 ? [] : unifiedDiff(responseLines(asCompared(capturedView, ignored)), responseLines(asCompared(liveView, ignored)), [`captured ${label}`, `live ${label}`]),
    };
  });
}
