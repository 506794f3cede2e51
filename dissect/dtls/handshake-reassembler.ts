/**
 * DTLS handshake messages from fragments (RFC 6347 4.2.2, 4.2.4): fragments are placed by
 * fragment_offset in any order, repeated bytes are checked and dropped, and whole messages are
 * handed on in message_seq order, each exactly once. A message_seq already handed on is a
 * retransmission and is dropped, though one sent again whole is shown to `resent` (the frame
 * carrying it shows its fields in Wireshark). Messages are held at most WINDOW sequence numbers
 * ahead, and at most MAX_HELD bytes of unfinished messages per direction.
 */
import { equalBytes } from '../bytes.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { MAX_MESSAGE, type HandshakeMessage, type MessagePiece, type RecordOrigin } from '../tls/handshake-reassembler.js';
import type { Direction } from '../tcp/half-stream.js';
import { DTLS_HANDSHAKE_HEADER_LENGTH } from '../tls/messages/dtls-header.js';
import type { DtlsFragment } from './fragment.js';

/** How far ahead of the next expected message_seq fragments are kept. */
const WINDOW = 64;
/** Bytes of unfinished messages held per direction. */
const MAX_HELD = 4 * 1024 * 1024;

/** A whole DTLS handshake message: a HandshakeMessage plus its message_seq. */
export interface DtlsHandshakeMessage extends HandshakeMessage {
  readonly messageSeq: number;
}

interface Range {
  readonly start: number;
  readonly end: number;
}

interface Partial {
  readonly type: number;
  readonly body: Uint8Array;
  /** Sorted, disjoint, non-adjacent ranges of the body received so far. */
  covered: Range[];
  readonly pieces: MessagePiece[];
}

export class DtlsHandshakeReassembler {
  /** The message_seq to hand on next; set by the first fragment seen (the capture may start late). */
  private nextSeq: number | undefined;
  private readonly pending = new Map<number, Partial>();
  private held = 0;
  /** Fragments of messages already handed on (retransmitted flights). */
  retransmitted = 0;

  constructor(
    private readonly direction: Direction,
    private readonly emit: (message: DtlsHandshakeMessage) => void,
    private readonly report: (d: Diagnostic) => void,
    private readonly resent?: (message: DtlsHandshakeMessage) => void,
  ) {}

  /** One fragment; `offset` is where its 12-byte header sits in the record's content. */
  push(fragment: DtlsFragment, origin: RecordOrigin, offset: number): void {
    const seq = fragment.messageSeq;
    const next = (this.nextSeq ??= seq);
    if (seq < next) {
      this.retransmitted++;
      if (fragment.fragmentOffset === 0 && fragment.bytes.length === fragment.length) {
        const piece = { recordIndex: origin.index, offset, length: DTLS_HANDSHAKE_HEADER_LENGTH + fragment.length };
        this.resent?.(this.message(fragment.type, fragment.bytes, [piece], origin, seq));
      }
      return;
    }
    if (seq >= next + WINDOW) {
      this.report(diagnostic('tls.handshake.unexpected', `DTLS message_seq ${seq} is more than ${WINDOW} ahead of ${next}; the fragment was dropped`, origin.frame));
      return;
    }
    const partial = this.partialFor(fragment, origin.frame);
    if (partial === undefined) return;
    if (this.place(partial, fragment, origin.frame) || partial.body.length === 0) {
      partial.pieces.push({ recordIndex: origin.index, offset, length: DTLS_HANDSHAKE_HEADER_LENGTH + fragment.bytes.length });
    }
    this.drain(origin);
  }

  /**
   * A message_seq the sender spent on something other than a handshake message (OpenSSL before
   * 0.9.8f numbered its ChangeCipherSpec): the messages after it need not wait for it.
   */
  passOver(seq: number, origin: RecordOrigin): void {
    if (seq !== this.nextSeq) return;
    this.forget(seq);
    this.nextSeq = seq + 1;
    this.drain(origin);
  }

  /**
   * The sender changed cipher spec, so its flight is over: complete messages waiting behind
   * ones that were never (fully) captured are handed on, the holes reported.
   */
  skipHoles(origin: RecordOrigin): void {
    for (const seq of [...this.pending.keys()].sort((a, b) => a - b)) {
      const partial = this.pending.get(seq);
      if (partial === undefined || !isComplete(partial)) continue;
      const next = this.nextSeq ?? seq;
      if (seq < next) continue;
      if (seq > next) {
        this.report(diagnostic('tls.handshake.malformed', `DTLS handshake message_seq ${next}${seq - 1 > next ? `-${seq - 1}` : ''} was not (fully) captured`, origin.frame));
        for (let dropped = next; dropped < seq; dropped++) this.forget(dropped);
      }
      this.nextSeq = seq;
      this.drain(origin);
    }
  }

  /** The conversation ended: unfinished messages are reported. */
  finish(frame: number): void {
    for (const [seq, partial] of this.pending) {
      const received = partial.covered.reduce((n, r) => n + r.end - r.start, 0);
      this.report(diagnostic('tls.handshake.malformed', `DTLS handshake message_seq ${seq} ended with ${received} of ${partial.body.length} bytes`, frame));
    }
    this.pending.clear();
    this.held = 0;
  }

  private partialFor(fragment: DtlsFragment, frame: number): Partial | undefined {
    const known = this.pending.get(fragment.messageSeq);
    if (known !== undefined) {
      if (known.type === fragment.type && known.body.length === fragment.length) return known;
      this.report(diagnostic('tls.handshake.malformed', `a fragment of DTLS message_seq ${fragment.messageSeq} says type ${fragment.type}, length ${fragment.length}; earlier fragments said type ${known.type}, length ${known.body.length}`, frame));
      return undefined;
    }
    if (fragment.length > MAX_MESSAGE || this.held + fragment.length > MAX_HELD) {
      this.report(diagnostic('tls.handshake.oversize', `a DTLS handshake message (type ${fragment.type}) claims ${fragment.length} bytes; it was skipped`, frame));
      return undefined;
    }
    const partial: Partial = { type: fragment.type, body: new Uint8Array(fragment.length), covered: [], pieces: [] };
    this.pending.set(fragment.messageSeq, partial);
    this.held += fragment.length;
    return partial;
  }

  /** Copies the fragment's new bytes; repeated bytes must match the first copy. True when it added any. */
  private place(partial: Partial, fragment: DtlsFragment, frame: number): boolean {
    const start = fragment.fragmentOffset;
    const end = start + fragment.bytes.length;
    let added = false;
    let at = start;
    for (const range of [...partial.covered, { start: end, end }]) {
      if (range.end <= at) continue;
      if (range.start > at) {
        const gapEnd = Math.min(range.start, end);
        partial.body.set(fragment.bytes.subarray(at - start, gapEnd - start), at);
        added = true;
        at = gapEnd;
      }
      if (at >= end) break;
      const overlapEnd = Math.min(range.end, end);
      if (!equalBytes(partial.body.subarray(at, overlapEnd), fragment.bytes.subarray(at - start, overlapEnd - start))) {
        this.report(diagnostic('tls.handshake.malformed', `a repeated fragment of DTLS message_seq ${fragment.messageSeq} carries different bytes at ${at}-${overlapEnd}; the first copy was kept`, frame));
      }
      at = overlapEnd;
    }
    if (added) partial.covered = cover(partial.covered, { start, end });
    return added;
  }

  private drain(origin: RecordOrigin): void {
    for (let seq = this.nextSeq; seq !== undefined; seq = this.nextSeq) {
      const partial = this.pending.get(seq);
      if (partial === undefined || !isComplete(partial)) return;
      this.forget(seq);
      this.nextSeq = seq + 1;
      this.emit(this.message(partial.type, partial.body, partial.pieces, origin, seq));
    }
  }

  private message(type: number, body: Uint8Array, pieces: MessagePiece[], origin: RecordOrigin, messageSeq: number): DtlsHandshakeMessage {
    return { direction: this.direction, type, body, pieces, frame: origin.frame, tsSec: origin.tsSec, tsNsec: origin.tsNsec, encrypted: origin.encrypted, messageSeq };
  }

  private forget(seq: number): void {
    const partial = this.pending.get(seq);
    if (partial === undefined) return;
    this.held -= partial.body.length;
    this.pending.delete(seq);
  }
}

function isComplete(partial: Partial): boolean {
  const first = partial.covered[0];
  return partial.body.length === 0 || (partial.covered.length === 1 && first !== undefined && first.start === 0 && first.end === partial.body.length);
}

/** Adds a range to a sorted list, merging what touches it. */
function cover(ranges: readonly Range[], added: Range): Range[] {
  const out: Range[] = [];
  let merged = added;
  for (const range of ranges) {
    if (range.end < merged.start || range.start > merged.end) out.push(range);
    else merged = { start: Math.min(range.start, merged.start), end: Math.max(range.end, merged.end) };
  }
  out.push(merged);
  return out.sort((a, b) => a.start - b.start);
}
