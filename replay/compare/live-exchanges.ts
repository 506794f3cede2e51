/**
 * The live side of an HTTP comparison: the bytes a byte replay exchanged, read by the same
 * HTTP/1.x parser that read the capture (so both sides are decoded alike), and HTTP/2 responses
 * from node:http2 with their content codings undone (RFC 9110 8.4).
 */
import { decodeContent } from '../../dissect/http/content-coding.js';
import { HttpConnection } from '../../dissect/http/connection.js';
import type { HttpExchange } from '../../dissect/http/exchange.js';
import { headerTokens } from '../../dissect/http/headers.js';
import type { LiveResponse, TranscriptChunk } from '../client/transcript.js';
import type { ResponseView } from './render.js';

/** Largest live body held for the comparison, as for captured bodies. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface LiveExchange {
  /** "GET /path" when the live side tells which request it answered. */
  readonly label: string | undefined;
  readonly response: ResponseView | null;
}

function http1Exchanges(transcript: readonly TranscriptChunk[], stream: number): HttpExchange[] {
  const exchanges: HttpExchange[] = [];
  const parser = new HttpConnection(stream, 'https', 'http/1.1', (exchange) => exchanges.push(exchange), { keepBodies: true, maxBodyBytes: MAX_BODY_BYTES });
  // The transcript has no capture frames: each chunk's position stands in for one.
  transcript.forEach((chunk, index) => parser.push(chunk.side === 'client' ? 0 : 1, chunk.bytes, { frame: index + 1, tsSec: 0, tsNsec: 0 }));
  parser.end();
  return exchanges;
}

export function liveHttp1(transcript: readonly TranscriptChunk[], stream: number): LiveExchange[] {
  return http1Exchanges(transcript, stream).map((exchange) => ({
    label: `${exchange.method ?? '?'} ${exchange.path ?? '?'}`,
    response: exchange.response === null ? null : { status: exchange.status, headers: exchange.response.headers, body: exchange.response.body },
  }));
}

export function liveHttp2(responses: readonly (LiveResponse | null)[]): LiveExchange[] {
  return responses.map((response) => ({
    label: undefined,
    response:
      response === null
        ? null
        : { status: response.status, headers: response.headers, body: decodeContent(response.body, headerTokens(response.headers, 'content-encoding'), MAX_BODY_BYTES).bytes ?? null },
  }));
}
