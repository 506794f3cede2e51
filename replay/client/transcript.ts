/** What crossed a replayed connection, in the order it happened: the raw material of a comparison. */
import type { HttpHeader } from '../../dissect/http/headers.js';
import type { Side } from '../../dissect/tls/negotiation.js';

export interface TranscriptChunk {
  readonly side: Side;
  readonly bytes: Uint8Array;
}

/** One HTTP/2 response as node:http2 handed it over; the body before content decoding. */
export interface LiveResponse {
  readonly status: number;
  readonly headers: readonly HttpHeader[];
  readonly body: Uint8Array;
}

export type ReplayProtocol = 'http1' | 'http2' | 'bytes';

export interface ReplayOutcome {
  readonly stream: number;
  readonly protocol: ReplayProtocol;
  /** Client messages (or HTTP/2 requests) sent, and their bytes. */
  readonly sentMessages: number;
  readonly sentBytes: number;
  readonly receivedBytes: number;
  /** Byte replay: everything sent and received. Empty for HTTP/2. */
  readonly transcript: readonly TranscriptChunk[];
  /** HTTP/2: the response to each captured exchange, by index; null where none came. */
  readonly responses: readonly (LiveResponse | null)[];
  /** The ALPN protocol the live server chose, if any. */
  readonly alpn: string | undefined;
  readonly elapsedMs: number;
  /** Why the replay stopped short: one line, for the user. */
  readonly error: string | undefined;
}
