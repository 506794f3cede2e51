/** Feeds both directions of a connection to a byte-fed HTTP parser, whole or cut at random points. */
import type { Direction } from '../../dissect/tcp/half-stream.js';
import type { ByteOrigin, HttpExchange } from '../../dissect/http/exchange.js';
import { Random } from '../helpers/random.js';

export interface BytePushing {
  push(direction: Direction, data: Uint8Array, origin: ByteOrigin): void;
  end(): void;
}

export const ORIGINS: readonly [ByteOrigin, ByteOrigin] = [
  { frame: 1, tsSec: 100, tsNsec: 0 },
  { frame: 2, tsSec: 101, tsNsec: 500 },
];

export function text(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** Cuts `bytes` into pieces of 1 to `max` bytes (all of it when random is undefined). */
export function pieces(bytes: Uint8Array, random: Random | undefined, max = 7): Uint8Array[] {
  if (random === undefined) return [bytes];
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; ) {
    const n = 1 + random.int(max);
    out.push(bytes.subarray(at, at + n));
    at += n;
  }
  return out;
}

/** The client's bytes first, then the server's, each cut by `random`; returns what was emitted. */
export function feed(parser: (emit: (e: HttpExchange) => void) => BytePushing, client: Uint8Array, server: Uint8Array, random?: Random): HttpExchange[] {
  const out: HttpExchange[] = [];
  const connection = parser((e) => out.push(e));
  for (const piece of pieces(client, random)) connection.push(0, piece, ORIGINS[0]);
  for (const piece of pieces(server, random)) connection.push(1, piece, ORIGINS[1]);
  connection.end();
  return out;
}

/** An exchange as comparable data: bodies as text. */
export function summary(e: HttpExchange): object {
  const body = (b: Uint8Array | null | undefined): string | null => (b === null || b === undefined ? null : Buffer.from(b).toString('latin1'));
  return { ...e, request: e.request && { ...e.request, body: body(e.request.body) }, response: e.response && { ...e.response, body: body(e.response.body) } };
}

export function codes(e: HttpExchange): string[] {
  return e.diagnostics.map((d) => d.code);
}
