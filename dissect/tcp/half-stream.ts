/**
 * One direction of a TCP connection, reassembled into the byte stream the receiving application
 * read (RFC 9293 3.10.7.4, the way gopacket's reassembly and Wireshark's desegmentation treat
 * captures): in-order bytes are delivered at once as views of the frame; segments that arrive
 * ahead of a hole are copied and held; retransmitted bytes are dropped (the first copy wins, a
 * different second copy is reported); a hole is given up as a gap once it is known to be lost
 * (the receiver acknowledged past it, too much is held behind it, or the connection ended).
 */
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { RECENT_WINDOW, RecentBytes, type RecentBytesBudget } from './recent-bytes.js';
import { seqAdd, seqDiff } from './seq.js';

/** 0: client to server, 1: server to client. */
export type Direction = 0 | 1;

export interface SegmentOrigin {
  readonly frame: number;
  /** Offset of the first payload byte in the frame's data, or -1 when it came from reassembled IP fragments. */
  readonly frameOffset: number;
  readonly tsSec: number;
  readonly tsNsec: number;
}

export interface StreamChunk extends SegmentOrigin {
  readonly direction: Direction;
  /** Valid only during the callback: a view into the capture buffer or a held copy. */
  readonly data: Uint8Array;
  /** Stream offset of data[0]: bytes since the start of this direction, counting gaps. */
  readonly offset: number;
}

export interface StreamGap {
  readonly direction: Direction;
  readonly offset: number;
  readonly length: number;
  /** The frame being processed when the hole was given up. */
  readonly frame: number;
}

export interface HalfStreamListener {
  data(chunk: StreamChunk): void;
  gap(gap: StreamGap): void;
  report(d: Diagnostic): void;
}

export interface HalfStreamStats {
  segments: number;
  payloadBytes: number;
  deliveredBytes: number;
  retransmissions: number;
  outOfOrder: number;
  overlapConflicts: number;
  gaps: number;
  gapBytes: number;
}

interface Held extends SegmentOrigin {
  seq: number;
  bytes: Uint8Array;
}

export interface HalfStreamLimits {
  /** Bytes held ahead of a hole before the hole is given up. */
  readonly maxHeldBytes: number;
  readonly recentBudget: RecentBytesBudget;
}

export class HalfStream {
  /** Sequence number of the next byte the receiver expects; undefined until the first SYN or data. */
  nextSeq: number | undefined;
  isn: number | undefined;
  /** The first sequence number seen in this direction (the ISN's stand-in when the SYN was not captured). */
  firstSeq: number | undefined;
  /** Sequence number the FIN occupies, once seen. */
  finSeq: number | undefined;
  /** True once everything up to the FIN was delivered, or a RST ended the connection. */
  closed = false;
  readonly stats: HalfStreamStats = { segments: 0, payloadBytes: 0, deliveredBytes: 0, retransmissions: 0, outOfOrder: 0, overlapConflicts: 0, gaps: 0, gapBytes: 0 };
  private offset = 0;
  private held: Held[] = [];
  private heldBytes = 0;
  /** Highest sequence number the receiver acknowledged (from the other direction's ACKs). */
  private ackedUpTo: number | undefined;
  private recent: RecentBytes | undefined;
  private wantsRecent = true;

  constructor(
    readonly direction: Direction,
    private readonly listener: HalfStreamListener,
    private readonly limits: HalfStreamLimits,
  ) {}

  get streamOffset(): number {
    return this.offset;
  }

  get heldByteCount(): number {
    return this.heldBytes;
  }

  syn(seq: number): void {
    if (this.isn !== undefined) return;
    this.isn = seq;
    this.firstSeq ??= seq;
    if (this.nextSeq === undefined) this.nextSeq = seqAdd(seq, 1);
  }

  segment(seq: number, payload: Uint8Array, origin: SegmentOrigin, fin: boolean): void {
    this.firstSeq ??= seq;
    if (this.nextSeq === undefined) this.nextSeq = seq;
    if (payload.length > 0) {
      this.stats.segments++;
      this.stats.payloadBytes += payload.length;
      if (this.closed) {
        this.listener.report(diagnostic('tcp.data-after-close', `${payload.length} bytes after the ${this.direction === 0 ? 'client' : 'server'} side closed`, origin.frame));
      } else {
        this.accept(seq, payload, origin);
      }
    }
    if (fin && this.finSeq === undefined) this.finSeq = seqAdd(seq, payload.length);
    this.closeIfFinished();
  }

  /** The other direction acknowledged `ack`: bytes before it reached the receiver, captured or not. */
  acknowledged(ack: number, frame: number): void {
    if (this.nextSeq === undefined) return;
    if (this.ackedUpTo === undefined || seqDiff(ack, this.ackedUpTo) > 0) this.ackedUpTo = ack;
    this.giveUpLostHoles(frame);
  }

  /** The connection is over (RST, end of capture): give up every hole and deliver what is held. */
  finish(frame: number): void {
    while (this.held.length > 0) this.giveUpHole(frame);
    this.closed = true;
    this.releaseRecent();
  }

  private accept(seq: number, payload: Uint8Array, origin: SegmentOrigin): void {
    const next = this.nextSeq ?? seq;
    const rel = seqDiff(seq, next);
    if (rel + payload.length <= 0) {
      // A keep-alive re-sends one garbage byte before the window; it is not a conflicting copy.
      const keepAlive = payload.length <= 1 && rel === -1;
      this.retransmission(origin.frame, keepAlive ? 'a keep-alive probe' : `${payload.length} bytes already received`);
      if (!keepAlive) this.checkDelivered(this.offset + rel, payload, origin.frame);
      return;
    }
    if (rel < 0) {
      this.retransmission(origin.frame, `${-rel} of its ${payload.length} bytes already received`);
      this.checkDelivered(this.offset + rel, payload.subarray(0, -rel), origin.frame);
      this.deliver(payload.subarray(-rel), shiftOrigin(origin, -rel));
      this.drain();
      return;
    }
    if (rel === 0) {
      this.deliver(payload, origin);
      this.drain();
      return;
    }
    // Bytes that only repeat held ones are a retransmission; anything new arrived out of order.
    if (this.hold(seq, payload, origin) > 0) {
      this.stats.outOfOrder++;
      this.listener.report(diagnostic('tcp.out-of-order', `${this.side} segment arrived ${rel} bytes ahead of the next expected byte; held until the hole fills`, origin.frame));
    } else {
      this.retransmission(origin.frame, `${payload.length} bytes already held`);
    }
    if (this.heldBytes > this.limits.maxHeldBytes) {
      this.listener.report(
        diagnostic('tcp.buffer-limit', `more than ${this.limits.maxHeldBytes} bytes held behind a hole; the hole was given up`, origin.frame),
      );
      this.giveUpHole(origin.frame);
    }
    this.giveUpLostHoles(origin.frame);
  }

  private deliver(bytes: Uint8Array, origin: SegmentOrigin): void {
    const offset = this.offset;
    this.offset += bytes.length;
    this.nextSeq = seqAdd(this.nextSeq ?? 0, bytes.length);
    this.stats.deliveredBytes += bytes.length;
    this.remember(offset, bytes);
    this.listener.data({ direction: this.direction, data: bytes, offset, frame: origin.frame, frameOffset: origin.frameOffset, tsSec: origin.tsSec, tsNsec: origin.tsNsec });
  }

  /** Delivers held segments that the stream has caught up with. */
  private drain(): void {
    while (this.held.length > 0) {
      const first = this.held[0];
      if (first === undefined) return;
      const rel = seqDiff(first.seq, this.nextSeq ?? first.seq);
      if (rel > 0) return;
      this.held.shift();
      this.heldBytes -= first.bytes.length;
      const skip = -rel;
      if (skip < first.bytes.length) this.deliver(first.bytes.subarray(skip), shiftOrigin(first, skip));
    }
  }

  /**
   * Copies the parts of an early segment no held segment covers and compares the parts that are.
   * Returns the number of new bytes held.
   */
  private hold(seq: number, payload: Uint8Array, origin: SegmentOrigin): number {
    const base = this.nextSeq ?? seq;
    const start = seqDiff(seq, base);
    const end = start + payload.length;
    let cursor = start;
    const pieces: Held[] = [];
    let conflict = false;
    for (const h of this.held) {
      const hStart = seqDiff(h.seq, base);
      const hEnd = hStart + h.bytes.length;
      if (hEnd <= cursor) continue;
      if (hStart >= end) break;
      if (hStart > cursor) pieces.push(this.piece(base, cursor, payload.subarray(cursor - start, hStart - start), origin, cursor - start));
      const overlapFrom = Math.max(cursor, hStart);
      const overlapTo = Math.min(end, hEnd);
      if (!conflict && !sameBytes(h.bytes, overlapFrom - hStart, payload, overlapFrom - start, overlapTo - overlapFrom)) conflict = true;
      cursor = Math.max(cursor, hEnd);
      if (cursor >= end) break;
    }
    if (cursor < end) pieces.push(this.piece(base, cursor, payload.subarray(cursor - start), origin, cursor - start));
    if (conflict) this.reportConflict(origin.frame);
    let added = 0;
    for (const p of pieces) {
      added += p.bytes.length;
      this.held.push(p);
    }
    this.heldBytes += added;
    if (pieces.length > 0) this.held.sort((a, b) => seqDiff(a.seq, base) - seqDiff(b.seq, base));
    return added;
  }

  private piece(base: number, at: number, bytes: Uint8Array, origin: SegmentOrigin, skip: number): Held {
    const shifted = shiftOrigin(origin, skip);
    return { seq: seqAdd(base, at), bytes: bytes.slice(), frame: shifted.frame, frameOffset: shifted.frameOffset, tsSec: shifted.tsSec, tsNsec: shifted.tsNsec };
  }

  private giveUpLostHoles(frame: number): void {
    while (this.held.length > 0 && this.ackedUpTo !== undefined && this.nextSeq !== undefined && seqDiff(this.ackedUpTo, this.nextSeq) > 0) {
      this.giveUpHole(frame);
    }
  }

  /** Declares the bytes between the stream position and the first held segment lost. */
  private giveUpHole(frame: number): void {
    const first = this.held[0];
    if (first === undefined || this.nextSeq === undefined) return;
    const length = seqDiff(first.seq, this.nextSeq);
    if (length > 0) {
      this.stats.gaps++;
      this.stats.gapBytes += length;
      const gap: StreamGap = { direction: this.direction, offset: this.offset, length, frame };
      this.listener.report(
        diagnostic('tcp.gap', `${length} bytes of the ${this.direction === 0 ? 'client' : 'server'} stream at offset ${this.offset} were never captured`, frame),
      );
      this.offset += length;
      this.nextSeq = first.seq;
      this.listener.gap(gap);
    }
    this.drain();
  }

  private closeIfFinished(): void {
    if (!this.closed && this.finSeq !== undefined && this.nextSeq !== undefined && seqDiff(this.finSeq, this.nextSeq) <= 0 && this.held.length === 0) {
      this.closed = true;
      this.releaseRecent();
    }
  }

  private remember(offset: number, bytes: Uint8Array): void {
    if (this.recent === undefined && this.wantsRecent) {
      this.wantsRecent = false;
      if (this.limits.recentBudget.take(RECENT_WINDOW)) this.recent = new RecentBytes();
    }
    this.recent?.append(offset, bytes);
  }

  private releaseRecent(): void {
    if (this.recent !== undefined) {
      this.recent = undefined;
      this.limits.recentBudget.give(RECENT_WINDOW);
    }
  }

  private checkDelivered(offset: number, bytes: Uint8Array, frame: number): void {
    if (this.recent?.conflicts(offset, bytes) === true) this.reportConflict(frame);
  }

  private get side(): string {
    return this.direction === 0 ? 'client' : 'server';
  }

  private retransmission(frame: number, what: string): void {
    this.stats.retransmissions++;
    this.listener.report(diagnostic('tcp.retransmission', `${this.side} retransmission: ${what}`, frame));
  }

  private reportConflict(frame: number): void {
    this.stats.overlapConflicts++;
    this.listener.report(
      diagnostic('tcp.overlap-conflict', `a retransmitted ${this.direction === 0 ? 'client' : 'server'} segment carries bytes that differ from the first copy (the first copy was kept)`, frame),
    );
  }
}

function shiftOrigin(origin: SegmentOrigin, by: number): SegmentOrigin {
  if (by === 0) return origin;
  return { frame: origin.frame, frameOffset: origin.frameOffset < 0 ? -1 : origin.frameOffset + by, tsSec: origin.tsSec, tsNsec: origin.tsNsec };
}

function sameBytes(a: Uint8Array, aAt: number, b: Uint8Array, bAt: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (a[aAt + i] !== b[bAt + i]) return false;
  return true;
}
