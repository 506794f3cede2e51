/**
 * Ways to damage a real capture, from blind (bits anywhere) to structure-aware (the length fields
 * of capture blocks, IP and TCP headers, TLS records, handshake messages and DER certificates set
 * to extremes), plus what a flaky network or a bad merge does (duplicated and shuffled packets).
 * Each mutation returns a new file image; the original is never changed.
 */
import type { Random } from '../helpers/random.js';

/** Where one packet's bytes are in the file (from the reader's frame offsets). */
export interface FrameSpan {
  readonly start: number;
  readonly end: number;
}

export type Mutation = (bytes: Uint8Array, frames: readonly FrameSpan[], r: Random) => Uint8Array;

/** Ethernet (14) + IPv4 (20) + TCP (20): the fixtures' payloads start about here. */
const HEADERS = 54;
const ETHERNET = 14;

function isPcapng(bytes: Uint8Array): boolean {
  return bytes[0] === 0x0a && bytes[1] === 0x0d && bytes[2] === 0x0d && bytes[3] === 0x0a;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A value a careless parser trusts: zero, one, a little too much, far too much, everything. */
function extreme(r: Random, max: number, current: number): number {
  return r.pick([0, 1, current - 1, current + 1, current * 2, max >>> 1, max, r.int(max + 1)]) ?? max;
}

function setBig(bytes: Uint8Array, at: number, width: 1 | 2 | 3 | 4, value: number): void {
  for (let i = width - 1; i >= 0; i--) {
    if (at + i < bytes.length) bytes[at + i] = value & 0xff;
    value = Math.floor(value / 256);
  }
}

function getBig(bytes: Uint8Array, at: number, width: 1 | 2 | 3 | 4): number {
  let value = 0;
  for (let i = 0; i < width; i++) value = value * 256 + (bytes[at + i] ?? 0);
  return value;
}

function damageField(out: Uint8Array, at: number, width: 1 | 2 | 3 | 4, r: Random): void {
  setBig(out, at, width, extreme(r, 2 ** (8 * width) - 1, getBig(out, at, width)));
}

/** Flips a few bits inside packet payloads (past the Ethernet/IP/TCP headers): TLS records and handshake messages. */
const payloadFlips: Mutation = (bytes, frames, r) => {
  const out = bytes.slice();
  const count = 1 + r.int(6);
  for (let i = 0; i < count; i++) {
    const frame = r.pick(frames);
    if (frame === undefined || frame.end - frame.start <= HEADERS) continue;
    const at = frame.start + HEADERS + r.int(frame.end - frame.start - HEADERS);
    out[at] = (out[at] ?? 0) ^ (1 << r.int(8));
  }
  return out;
};

/** Overwrites bytes anywhere, headers and length fields included, sometimes with extreme values. */
const anywhere: Mutation = (bytes, _frames, r) => {
  const out = bytes.slice();
  const count = 1 + r.int(4);
  for (let i = 0; i < count; i++) {
    const at = r.int(out.length);
    out[at] = r.pick([0x00, 0xff, 0x7f, 0x80, r.int(256)]) ?? 0;
  }
  return out;
};

const truncate: Mutation = (bytes, _frames, r) => bytes.slice(0, r.int(bytes.length));

/** The capture's own framing: a pcap record's lengths, or a pcapng block's total length (front or back copy). */
const captureLengths: Mutation = (bytes, frames, r) => {
  const out = bytes.slice();
  const frame = r.pick(frames);
  if (frame === undefined) return out;
  const little = isPcapng(bytes) ? true : bytes[0] === 0xd4 || bytes[0] === 0x4d;
  const v = view(out);
  if (isPcapng(bytes)) {
    // EPB: type, total length, interface, ts high, ts low, captured length, original length, data.
    const block = frame.start - 28;
    const field = r.pick([block + 4, block + 20, block + 24]) ?? block + 4;
    if (field >= 0 && field + 4 <= out.length) v.setUint32(field, extreme(r, 0xffffffff, v.getUint32(field, little)) >>> 0, little);
    return out;
  }
  const field = frame.start - (r.pick([8, 4]) ?? 8);
  if (field >= 0 && field + 4 <= out.length) v.setUint32(field, extreme(r, 0xffffffff, v.getUint32(field, little)) >>> 0, little);
  return out;
};

/** IPv4 total length, header length and fragment fields; TCP data offset. */
const headerFields: Mutation = (bytes, frames, r) => {
  const out = bytes.slice();
  const frame = r.pick(frames);
  if (frame === undefined || frame.end - frame.start < HEADERS) return out;
  const ip = frame.start + ETHERNET;
  if (((out[ip] ?? 0) >> 4) !== 4) return out;
  const tcp = ip + ((out[ip] ?? 0) & 0x0f) * 4;
  const choice = r.int(4);
  if (choice === 0) damageField(out, ip + 2, 2, r);
  else if (choice === 1) out[ip] = 0x40 | r.int(16);
  else if (choice === 2) damageField(out, ip + 6, 2, r);
  else out[tcp + 12] = (r.int(16) << 4) | ((out[tcp + 12] ?? 0) & 0x0f);
  return out;
};

/** Offsets of plausible TLS record headers (type 20..24, version 3.x) in a packet's payload. */
function recordHeaders(bytes: Uint8Array, frame: FrameSpan): number[] {
  const found: number[] = [];
  for (let at = frame.start + HEADERS; at + 5 <= frame.end; at++) {
    const type = bytes[at] ?? 0;
    if (type >= 20 && type <= 24 && bytes[at + 1] === 3 && (bytes[at + 2] ?? 9) <= 4) found.push(at);
  }
  return found;
}

/** A TLS record's length set to an extreme, or (in a handshake record) the handshake message's 24-bit length. */
const tlsLengths: Mutation = (bytes, frames, r) => {
  const out = bytes.slice();
  const candidates = frames.filter((f) => f.end - f.start > HEADERS + 5);
  for (let tries = 0; tries < 8; tries++) {
    const frame = r.pick(candidates);
    if (frame === undefined) return out;
    const headers = recordHeaders(bytes, frame);
    const at = r.pick(headers);
    if (at === undefined) continue;
    if (bytes[at] === 22 && r.int(2) === 0) damageField(out, at + 6, 3, r);
    else damageField(out, at + 3, 2, r);
    return out;
  }
  return out;
};

/** DER lengths inside certificates (SEQUENCE 30 82 xx xx) set to extremes, or bits flipped inside them. */
const certificateFields: Mutation = (bytes, frames, r) => {
  const out = bytes.slice();
  const sequences: number[] = [];
  for (const frame of frames) {
    for (let at = frame.start + HEADERS; at + 4 <= frame.end; at++) if (bytes[at] === 0x30 && (bytes[at + 1] === 0x82 || bytes[at + 1] === 0x81)) sequences.push(at);
  }
  const count = 1 + r.int(3);
  for (let i = 0; i < count; i++) {
    const at = r.pick(sequences);
    if (at === undefined) return out;
    if (r.int(2) === 0) damageField(out, at + 2, bytes[at + 1] === 0x82 ? 2 : 1, r);
    else {
      const inside = at + 4 + r.int(64);
      out[inside] = (out[inside] ?? 0) ^ (1 << r.int(8));
    }
  }
  return out;
};

/** A packet's whole record in the file: the pcap record header or the pcapng block around its data. */
export function recordOf(bytes: Uint8Array, frame: FrameSpan): FrameSpan | undefined {
  if (!isPcapng(bytes)) return { start: frame.start - 16, end: frame.end };
  const blockStart = frame.start - 28;
  if (blockStart < 0 || blockStart + 8 > bytes.length) return undefined;
  return { start: blockStart, end: blockStart + view(bytes).getUint32(blockStart + 4, true) };
}

/** Duplicates some packets and swaps others, as a capture of a flaky network or a merge would. */
const duplicateAndShuffle: Mutation = (bytes, frames, r) => {
  const records = frames.map((f) => recordOf(bytes, f)).filter((x): x is FrameSpan => x !== undefined);
  const first = records[0];
  const last = records[records.length - 1];
  if (first === undefined || last === undefined) return bytes;
  const order = records.slice();
  for (let i = 0; i < 1 + r.int(4); i++) {
    const at = r.int(order.length);
    const record = order[at];
    if (record !== undefined) order.splice(at + 1, 0, record);
  }
  for (let i = 0; i < 1 + r.int(3); i++) {
    const a = r.int(order.length);
    const b = Math.min(order.length - 1, a + 1 + r.int(5));
    const ra = order[a];
    const rb = order[b];
    if (ra === undefined || rb === undefined) continue;
    order[a] = rb;
    order[b] = ra;
  }
  const parts = [bytes.subarray(0, first.start), ...order.map((x) => bytes.subarray(x.start, x.end)), bytes.subarray(last.end)];
  return Buffer.concat(parts);
};

export const MUTATIONS: ReadonlyArray<readonly [string, Mutation]> = [
  ['payload bit flips', payloadFlips],
  ['bytes anywhere', anywhere],
  ['truncation', truncate],
  ['capture block lengths', captureLengths],
  ['IP and TCP header fields', headerFields],
  ['TLS record and handshake lengths', tlsLengths],
  ['certificate DER fields', certificateFields],
  ['duplicated and shuffled packets', duplicateAndShuffle],
];
