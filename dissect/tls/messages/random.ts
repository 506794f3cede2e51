/**
 * The hello Random (RFC 5246 7.4.1.2: gmt_unix_time + 28 random bytes; RFC 8446 4.1.2 keeps 32
 * opaque bytes), the HelloRetryRequest marker random (RFC 8446 4.1.3) and the downgrade sentinels
 * a TLS 1.3 server writes into its last 8 bytes (RFC 8446 4.1.3).
 */
import { equalBytes, hex, u32 } from '../../bytes.js';
import { type TreeNode, branch, leaf } from '../../tree.js';
import type { Cursor } from './cursor.js';
import type { Field, Span } from './fields.js';
import { bytesNode, fieldNode, isoTime } from './tree-nodes.js';

export interface Random {
  readonly value: Uint8Array;
  readonly span: Span;
  /** The first 4 bytes read as seconds since 1970; TLS 1.3 and many stacks fill them randomly. */
  readonly gmtUnixTime: Field<number>;
  readonly randomBytes: Field<Uint8Array>;
}

/** SHA-256("HelloRetryRequest"): a ServerHello with this random is a HelloRetryRequest. */
export const HELLO_RETRY_REQUEST_RANDOM = Uint8Array.of(
  0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
  0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
);

/** "DOWNGRD" followed by 01 (server also speaks TLS 1.2) or 00 (TLS 1.1 or below). */
const DOWNGRADE_PREFIX = Uint8Array.of(0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44);
const DOWNGRADE_KINDS = { 1: 'tls12', 0: 'tls11' } as const;

/** The version a TLS 1.3-capable server says it was talked down to, from its random's sentinel. */
export type Downgrade = (typeof DOWNGRADE_KINDS)[keyof typeof DOWNGRADE_KINDS];

export function readRandom(c: Cursor): Random | undefined {
  const whole = c.take(32, 'random');
  if (whole === undefined) return undefined;
  const start = whole.span.start;
  return {
    value: whole.value,
    span: whole.span,
    gmtUnixTime: { value: u32(whole.value, 0), span: { start, end: start + 4 } },
    randomBytes: { value: whole.value.subarray(4), span: { start: start + 4, end: whole.span.end } },
  };
}

export function isHelloRetryRequestRandom(random: Random): boolean {
  return equalBytes(random.value, HELLO_RETRY_REQUEST_RANDOM);
}

export function downgradeSentinel(random: Random): Downgrade | undefined {
  if (!equalBytes(random.value.subarray(24, 31), DOWNGRADE_PREFIX)) return undefined;
  const last = random.value[31];
  return last === 1 || last === 0 ? DOWNGRADE_KINDS[last] : undefined;
}

export function randomNode(random: Random | undefined): TreeNode[] {
  if (random === undefined) return [];
  return [branch('Random', [
    ...fieldNode('GMT Unix Time', random.gmtUnixTime, (seconds) => isoTime(seconds * 1000)),
    ...bytesNode('Random Bytes', random.randomBytes),
  ], hex(random.value), random.span)];
}

export function downgradeNode(downgrade: Downgrade | undefined, random: Random | undefined): TreeNode[] {
  if (downgrade === undefined || random === undefined) return [];
  const said = downgrade === 'tls12' ? 'TLS 1.2' : 'TLS 1.1 or below';
  return [leaf('Downgrade Sentinel', `negotiated ${said} although TLS 1.3 is supported`, { start: random.span.start + 24, end: random.span.end })];
}
