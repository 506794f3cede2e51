/**
 * Which captured exchange answers an incoming request. Levels are tried in order, and the first
 * that has candidates answers:
 *   1. exact              method, path and query, and the SHA-256 of the request body (decoded
 *                         content, so a gzip-coded upload matches its captured twin)
 *   2. method-path-query  method, path and query, any body
 *   3. method-path        method and path, any query
 *   4. path               path alone, any method and query
 * Nothing at any level is a miss. Within a level, the candidates answer in captured order, then
 * the last one repeats (CapturedOrder). The authority is not compared: a mock serves one origin.
 */
import { createHash } from 'node:crypto';
import { decodeContent } from '../../dissect/http/content-coding.js';
import type { HttpExchange } from '../../dissect/http/exchange.js';
import type { CapturedConversation } from '../conversation.js';
import { CapturedOrder } from './rotation.js';

export interface IncomingRequest {
  readonly method: string;
  /** The request target in origin form: path and query ("/api/orders?limit=2"). */
  readonly target: string;
  /** undefined when it was too large to hold: such a request matches from level 2 on. */
  readonly body: Uint8Array | undefined;
  /** The request's Content-Encoding, in the order listed. */
  readonly contentEncoding: readonly string[];
}

/** A captured exchange that can answer, and where it came from. */
export interface CapturedAnswer {
  readonly exchange: HttpExchange;
  /** tcp.stream of the captured connection. */
  readonly stream: number;
  /** The exchange's position among its connection's exchanges, from 0. */
  readonly index: number;
  /** The frame where the captured response started. */
  readonly frame: number;
}

export type MatchLevel = 'exact' | 'method-path-query' | 'method-path' | 'path';

export interface Match {
  readonly answer: CapturedAnswer;
  readonly level: MatchLevel;
}

interface RequestKeys {
  readonly method: string;
  readonly target: string;
  readonly path: string;
  /** undefined when the body's content could not be known (not kept, unknown coding). */
  readonly bodyHash: string | undefined;
}

const MATCH_LEVELS: ReadonlyArray<{ readonly level: MatchLevel; readonly key: (r: RequestKeys) => string | undefined }> = [
  { level: 'exact', key: (r) => (r.bodyHash === undefined ? undefined : `${r.method} ${r.target} ${r.bodyHash}`) },
  { level: 'method-path-query', key: (r) => `${r.method} ${r.target}` },
  { level: 'method-path', key: (r) => `${r.method} ${r.path}` },
  { level: 'path', key: (r) => r.path },
];

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The path without its query. */
function pathOf(target: string): string {
  const query = target.indexOf('?');
  return query < 0 ? target : target.slice(0, query);
}

function capturedKeys(exchange: HttpExchange): RequestKeys | undefined {
  if (exchange.method === null || exchange.path === null) return undefined;
  const body = exchange.request?.body ?? null;
  const bodyHash = body !== null ? sha256(body) : exchange.request?.size === 0 ? sha256(new Uint8Array(0)) : undefined;
  return { method: exchange.method, target: exchange.path, path: pathOf(exchange.path), bodyHash };
}

function incomingKeys(request: IncomingRequest): RequestKeys {
  const decoded = request.body === undefined ? undefined : decodeContent(request.body, request.contentEncoding).bytes;
  return { method: request.method, target: request.target, path: pathOf(request.target), bodyHash: decoded === undefined ? undefined : sha256(decoded) };
}

/** The captured exchanges of the served connections, indexed at every level. */
export class ExchangeBook {
  private readonly levels = MATCH_LEVELS.map(({ level, key }) => ({ level, key, answers: new Map<string, CapturedOrder<CapturedAnswer>>() }));
  /** How many captured exchanges can answer. */
  readonly size: number;

  constructor(conversations: readonly CapturedConversation[]) {
    const answers = conversations.flatMap((c) => c.exchanges.map((exchange, index) => ({ exchange, index, stream: c.stream })));
    // Captured order across connections is the order the requests were sent.
    answers.sort((a, b) => compareSent(a.exchange, b.exchange) || a.stream - b.stream || a.index - b.index);
    const grouped = this.levels.map(() => new Map<string, CapturedAnswer[]>());
    let size = 0;
    for (const { exchange, index, stream } of answers) {
      const keys = capturedKeys(exchange);
      if (keys === undefined || exchange.response === null || exchange.status === null || exchange.tunnel) continue;
      size += 1;
      const answer: CapturedAnswer = { exchange, stream, index, frame: exchange.response.firstFrame };
      this.levels.forEach(({ key }, at) => {
        const k = key(keys);
        const group = grouped[at];
        if (k === undefined || group === undefined) return;
        const list = group.get(k);
        if (list === undefined) group.set(k, [answer]);
        else list.push(answer);
      });
    }
    this.levels.forEach(({ answers: index }, at) => {
      for (const [k, list] of grouped[at] ?? []) index.set(k, new CapturedOrder(list));
    });
    this.size = size;
  }

  /** The captured exchange that answers `request`, or undefined for a miss. */
  match(request: IncomingRequest): Match | undefined {
    const keys = incomingKeys(request);
    for (const { level, key, answers } of this.levels) {
      const k = key(keys);
      const answer = k === undefined ? undefined : answers.get(k)?.next();
      if (answer !== undefined) return { answer, level };
    }
    return undefined;
  }
}

/** Earlier requests first; a request with no time (cut short) after the timed ones. */
function compareSent(a: HttpExchange, b: HttpExchange): number {
  const [x, y] = [a.timing.requestSent, b.timing.requestSent];
  if (x === null || y === null) return (x === null ? 1 : 0) - (y === null ? 1 : 0);
  return x.sec - y.sec || x.nsec - y.nsec;
}
