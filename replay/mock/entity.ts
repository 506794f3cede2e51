/**
 * The body a captured response carried on the wire (RFC 9110 8.4), after transfer decoding: a
 * content-coded body as it was sent when the capture kept it (HttpMessage.wireBody); otherwise
 * (a body over the keep bound, an analyzer not asked for wire bodies) it is coded again here
 * (gzip, deflate, br with node:zlib): the decoded content is then identical but the coded bytes
 * may differ from the captured ones, and the answer says so.
 */
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import type { HttpMessage } from '../../dissect/http/exchange.js';

export interface Entity {
  readonly bytes: Uint8Array;
  /** The body was content-coded again here rather than replayed from the capture. */
  readonly recoded: boolean;
  /** The capture held no usable body (too large to keep, or an unknown coding): an empty body stands in. */
  readonly missing: boolean;
}

type Encode = (input: Uint8Array) => Buffer;

const ENCODERS: Readonly<Record<string, Encode>> = {
  gzip: gzipSync,
  'x-gzip': gzipSync,
  deflate: deflateSync,
  br: brotliCompressSync,
};

const EMPTY = new Uint8Array(0);

/** Applies `codings` in the order Content-Encoding lists them; undefined for an unknown coding. */
function encodeContent(body: Uint8Array, codings: readonly string[]): Uint8Array | undefined {
  let bytes = body;
  for (const coding of codings) {
    if (coding === 'identity') continue;
    const encode = ENCODERS[coding];
    if (encode === undefined) return undefined;
    bytes = new Uint8Array(encode(bytes));
  }
  return bytes;
}

/** The body to send for a captured response (none when the exchange had no response). */
export function entityOf(message: HttpMessage | null): Entity {
  if (message === null) return { bytes: EMPTY, recoded: false, missing: false };
  const body = message.body;
  if (body === null) return { bytes: EMPTY, recoded: false, missing: message.size > 0 };
  if (message.wireBody !== null) return { bytes: message.wireBody, recoded: false, missing: false };
  const coded = message.contentEncoding.some((c) => c !== 'identity');
  if (!coded || body.length === 0) return { bytes: body, recoded: false, missing: false };
  const bytes = encodeContent(body, message.contentEncoding);
  return bytes === undefined ? { bytes: EMPTY, recoded: false, missing: true } : { bytes, recoded: true, missing: false };
}
