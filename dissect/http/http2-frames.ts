/**
 * HTTP/2 frames (RFC 9113 4.1, 6): the 9-byte frame header and each type's payload layout,
 * padding (6.1, 6.2, 6.6) and the priority block of HEADERS (6.2). Unknown frame types keep their
 * payload (RFC 9113 5.5 says to ignore them, a dissector should still show them).
 */
import { u16, u24, u32 } from '../bytes.js';
import { invalid, needMore, ok, type DecodeResult } from '../decode-result.js';
import { diagnostic } from '../diagnostics.js';

export const FRAME_HEADER_LENGTH = 9;

export const FrameFlag = { END_STREAM: 0x01, ACK: 0x01, END_HEADERS: 0x04, PADDED: 0x08, PRIORITY: 0x20 } as const;

export interface FrameHeader {
  readonly length: number;
  readonly type: number;
  readonly flags: number;
  readonly streamId: number;
}

export function decodeFrameHeader(bytes: Uint8Array): DecodeResult<FrameHeader> {
  if (bytes.length < FRAME_HEADER_LENGTH) return needMore(FRAME_HEADER_LENGTH - bytes.length);
  return ok({ length: u24(bytes, 0), type: bytes[3] ?? 0, flags: bytes[4] ?? 0, streamId: u32(bytes, 5) & 0x7fffffff }, FRAME_HEADER_LENGTH);
}

export interface Priority {
  readonly exclusive: boolean;
  readonly dependsOn: number;
  readonly weight: number;
}

export type FrameBody =
  | { readonly kind: 'DATA'; readonly data: Uint8Array; readonly padding: number }
  | { readonly kind: 'HEADERS'; readonly fragment: Uint8Array; readonly padding: number; readonly priority: Priority | null }
  | { readonly kind: 'PRIORITY'; readonly priority: Priority }
  | { readonly kind: 'RST_STREAM'; readonly errorCode: number }
  | { readonly kind: 'SETTINGS'; readonly settings: ReadonlyArray<readonly [number, number]> }
  | { readonly kind: 'PUSH_PROMISE'; readonly promisedStreamId: number; readonly fragment: Uint8Array; readonly padding: number }
  | { readonly kind: 'PING'; readonly opaque: Uint8Array }
  | { readonly kind: 'GOAWAY'; readonly lastStreamId: number; readonly errorCode: number; readonly debug: Uint8Array }
  | { readonly kind: 'WINDOW_UPDATE'; readonly increment: number }
  | { readonly kind: 'CONTINUATION'; readonly fragment: Uint8Array }
  | { readonly kind: 'unknown'; readonly payload: Uint8Array };

export interface Http2Frame {
  readonly header: FrameHeader;
  readonly body: FrameBody;
}

function bad(message: string): DecodeResult<never> {
  return invalid(diagnostic('http2.bad-frame', message));
}

/** RFC 9113 6.1: Pad Length, then data, then that much padding. */
function unpad(header: FrameHeader, payload: Uint8Array): DecodeResult<Uint8Array> {
  if ((header.flags & FrameFlag.PADDED) === 0) return ok(payload, 0);
  const padding = payload[0];
  if (padding === undefined || padding >= payload.length) return bad(`a padded frame of ${payload.length} bytes claims ${padding ?? 0} bytes of padding`);
  return ok(payload.subarray(1, payload.length - padding), padding + 1);
}

function priorityAt(payload: Uint8Array, at: number): Priority {
  const word = u32(payload, at);
  return { exclusive: (word & 0x80000000) !== 0, dependsOn: word & 0x7fffffff, weight: (payload[at + 4] ?? 0) + 1 };
}

function fixedLength(name: string, length: number, payload: Uint8Array): DecodeResult<never> | undefined {
  return payload.length === length ? undefined : bad(`a ${name} frame must be ${length} bytes, not ${payload.length}`);
}

type PayloadDecoder = (header: FrameHeader, payload: Uint8Array) => DecodeResult<FrameBody>;

/** RFC 9113 6.1-6.10, keyed by frame type. */
const FRAME_TYPES: Readonly<Record<number, { readonly name: string; readonly decode: PayloadDecoder }>> = {
  0x0: {
    name: 'DATA',
    decode: (h, p) => {
      const inner = unpad(h, p);
      return inner.kind === 'ok' ? ok({ kind: 'DATA', data: inner.value, padding: inner.used }, p.length) : inner;
    },
  },
  0x1: {
    name: 'HEADERS',
    decode: (h, p) => {
      const inner = unpad(h, p);
      if (inner.kind !== 'ok') return inner;
      const hasPriority = (h.flags & FrameFlag.PRIORITY) !== 0;
      if (hasPriority && inner.value.length < 5) return bad('a HEADERS frame is too short for its priority block');
      const priority = hasPriority ? priorityAt(inner.value, 0) : null;
      return ok({ kind: 'HEADERS', fragment: inner.value.subarray(hasPriority ? 5 : 0), padding: inner.used, priority }, p.length);
    },
  },
  0x2: { name: 'PRIORITY', decode: (_h, p) => fixedLength('PRIORITY', 5, p) ?? ok({ kind: 'PRIORITY', priority: priorityAt(p, 0) }, p.length) },
  0x3: { name: 'RST_STREAM', decode: (_h, p) => fixedLength('RST_STREAM', 4, p) ?? ok({ kind: 'RST_STREAM', errorCode: u32(p, 0) }, p.length) },
  0x4: {
    name: 'SETTINGS',
    decode: (h, p) => {
      if (p.length % 6 !== 0 || ((h.flags & FrameFlag.ACK) !== 0 && p.length > 0)) return bad(`a SETTINGS frame of ${p.length} bytes`);
      const settings: Array<readonly [number, number]> = [];
      for (let at = 0; at < p.length; at += 6) settings.push([u16(p, at), u32(p, at + 2)]);
      return ok({ kind: 'SETTINGS', settings }, p.length);
    },
  },
  0x5: {
    name: 'PUSH_PROMISE',
    decode: (h, p) => {
      const inner = unpad(h, p);
      if (inner.kind !== 'ok') return inner;
      if (inner.value.length < 4) return bad('a PUSH_PROMISE frame is too short for its promised stream id');
      return ok({ kind: 'PUSH_PROMISE', promisedStreamId: u32(inner.value, 0) & 0x7fffffff, fragment: inner.value.subarray(4), padding: inner.used }, p.length);
    },
  },
  0x6: { name: 'PING', decode: (_h, p) => fixedLength('PING', 8, p) ?? ok({ kind: 'PING', opaque: p }, p.length) },
  0x7: {
    name: 'GOAWAY',
    decode: (_h, p) => (p.length < 8 ? bad('a GOAWAY frame is shorter than 8 bytes') : ok({ kind: 'GOAWAY', lastStreamId: u32(p, 0) & 0x7fffffff, errorCode: u32(p, 4), debug: p.subarray(8) }, p.length)),
  },
  0x8: { name: 'WINDOW_UPDATE', decode: (_h, p) => fixedLength('WINDOW_UPDATE', 4, p) ?? ok({ kind: 'WINDOW_UPDATE', increment: u32(p, 0) & 0x7fffffff }, p.length) },
  0x9: { name: 'CONTINUATION', decode: (_h, p) => ok({ kind: 'CONTINUATION', fragment: p }, p.length) },
};

export function frameTypeName(type: number): string {
  return FRAME_TYPES[type]?.name ?? `0x${type.toString(16).padStart(2, '0')}`;
}

/** Decodes one whole frame (header and payload) from the front of `bytes`. */
export function decodeFrame(bytes: Uint8Array): DecodeResult<Http2Frame> {
  const head = decodeFrameHeader(bytes);
  if (head.kind !== 'ok') return head;
  const header = head.value;
  const end = FRAME_HEADER_LENGTH + header.length;
  if (bytes.length < end) return needMore(end - bytes.length);
  const payload = bytes.subarray(FRAME_HEADER_LENGTH, end);
  const type = FRAME_TYPES[header.type];
  const body = type === undefined ? ok<FrameBody>({ kind: 'unknown', payload }, payload.length) : type.decode(header, payload);
  return body.kind === 'ok' ? ok({ header, body: body.value }, end) : body;
}

/** RFC 9113 7. */
const ERROR_CODES: Readonly<Record<number, string>> = {
  0x0: 'NO_ERROR',
  0x1: 'PROTOCOL_ERROR',
  0x2: 'INTERNAL_ERROR',
  0x3: 'FLOW_CONTROL_ERROR',
  0x4: 'SETTINGS_TIMEOUT',
  0x5: 'STREAM_CLOSED',
  0x6: 'FRAME_SIZE_ERROR',
  0x7: 'REFUSED_STREAM',
  0x8: 'CANCEL',
  0x9: 'COMPRESSION_ERROR',
  0xa: 'CONNECT_ERROR',
  0xb: 'ENHANCE_YOUR_CALM',
  0xc: 'INADEQUATE_SECURITY',
  0xd: 'HTTP_1_1_REQUIRED',
};

export function errorCodeName(code: number): string {
  return ERROR_CODES[code] ?? `0x${code.toString(16)}`;
}

/** RFC 9113 6.5.2 and RFC 8441 3. */
export const Setting = { HEADER_TABLE_SIZE: 0x1, ENABLE_PUSH: 0x2, MAX_CONCURRENT_STREAMS: 0x3, INITIAL_WINDOW_SIZE: 0x4, MAX_FRAME_SIZE: 0x5, MAX_HEADER_LIST_SIZE: 0x6, ENABLE_CONNECT_PROTOCOL: 0x8 } as const;

/** RFC 9113 3.4: the client connection preface. */
export const CLIENT_PREFACE = new TextEncoder().encode('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
