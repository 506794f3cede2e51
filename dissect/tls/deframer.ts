/**
 * The TLS record layer of one direction (RFC 8446 5.1, RFC 5246 6.2.1): turns reassembled TCP
 * chunks into records, whatever the segment boundaries. A record wholly inside one chunk is
 * handed out as a view (no copy); only records split across segments are gathered into a buffer,
 * and only when the consumer wants that content type's bytes. A capture gap inside a record
 * marks that record incomplete and keeps the framing; a gap that swallows a header loses the
 * framing, which is recovered at the next plausible header.
 */
import { u16 } from '../bytes.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { Direction, StreamChunk, StreamGap } from '../tcp/half-stream.js';
import { MAX_RECORD_LENGTH, RECORD_HEADER, isPlausibleRecordHeader, isRecordContentType } from './detect.js';
import type { RecordSpan, TlsRecord } from './record.js';

export interface DeframerListener {
  /**
   * Whether the fragment bytes of records of this content type are needed, and whether only
   * during the record event ('during'): such records, when split across segments, are gathered
   * into one buffer the deframer reuses instead of a new one each.
   */
  wants(contentType: number): boolean | 'during';
  record(record: TlsRecord): void;
  report(d: Diagnostic): void;
}

/** The largest record the header's 16-bit length can describe. */
const MAX_WIRE_LENGTH = 0xffff;

interface Pending {
  contentType: number;
  version: number;
  length: number;
  streamOffset: number;
  remaining: number;
  buffer: Uint8Array | undefined;
  filled: number;
  spans: RecordSpan[];
  missing: number;
  sslv2: boolean;
  /** The buffer was wanted only during the record event: it goes back to spareBuffers after. */
  reusable: boolean;
}

/**
 * Buffers for records wanted only during their event (export decrypts and writes each record at
 * once), shared by every deframer: a buffer is taken when such a record starts, filled while its
 * segments come, and given back once its event is over. So memory follows the records being
 * gathered at one time, and no record costs a new 16 KB allocation.
 */
class SpareBuffers {
  private readonly free: Uint8Array[] = [];

  take(length: number): Uint8Array {
    if (length > MAX_RECORD_LENGTH) return new Uint8Array(length);
    return (this.free.pop() ?? new Uint8Array(MAX_RECORD_LENGTH)).subarray(0, length);
  }

  give(buffer: Uint8Array): void {
    if (buffer.buffer.byteLength === MAX_RECORD_LENGTH && this.free.length < MAX_SPARE_BUFFERS) {
      this.free.push(new Uint8Array(buffer.buffer, 0, MAX_RECORD_LENGTH));
    }
  }
}

const MAX_SPARE_BUFFERS = 64;
const spareBuffers = new SpareBuffers();

export class RecordDeframer {
  private readonly header = new Uint8Array(RECORD_HEADER);
  private headerFilled = 0;
  private headerOffset = 0;
  private headerSpans: RecordSpan[] = [];
  private pending: Pending | undefined;
  private resyncing = false;
  private index = 0;
  /** The first record of a stream may be an SSLv2-format ClientHello. */
  private first = true;

  constructor(
    private readonly direction: Direction,
    private readonly listener: DeframerListener,
  ) {}

  get recordsSeen(): number {
    return this.index;
  }

  push(chunk: StreamChunk): void {
    const data = chunk.data;
    let at = 0;
    while (at < data.length) {
      if (this.resyncing) {
        const found = this.findHeader(data, at);
        if (found < 0) return;
        this.resyncing = false;
        at = found;
      }
      if (this.pending !== undefined) {
        at = this.fillBody(chunk, at);
        continue;
      }
      if (this.headerFilled === 0 && data.length - at >= RECORD_HEADER && !this.first) {
        // Fast path: the whole header is here.
        at = this.startRecord(chunk, data, at, at, [this.span(chunk, at, RECORD_HEADER)]);
        continue;
      }
      at = this.fillHeader(chunk, at);
    }
  }

  gap(gap: StreamGap): void {
    const pending = this.pending;
    if (pending !== undefined && gap.length <= pending.remaining) {
      pending.missing += gap.length;
      pending.remaining -= gap.length;
      if (pending.buffer !== undefined) pending.filled += gap.length;
      if (pending.remaining === 0) this.finishRecord(gap.frame, 0, 0);
      return;
    }
    this.pending = undefined;
    this.headerFilled = 0;
    this.headerSpans = [];
    this.resyncing = true;
    this.listener.report(diagnostic('tls.record.after-gap', `a capture gap of ${gap.length} bytes hid a record boundary; records resume at the next plausible header`, gap.frame));
  }

  /** The stream ended: a record still open is reported as cut short. */
  end(frame: number): void {
    if (this.pending !== undefined || this.headerFilled > 0) {
      const missing = this.pending === undefined ? RECORD_HEADER - this.headerFilled : this.pending.remaining;
      this.listener.report(diagnostic('tls.record.truncated', `the stream ended ${missing} bytes before the end of a record`, frame));
    }
    this.pending = undefined;
    this.headerFilled = 0;
  }

  private fillHeader(chunk: StreamChunk, at: number): number {
    const data = chunk.data;
    const n = Math.min(RECORD_HEADER - this.headerFilled, data.length - at);
    if (this.headerFilled === 0) this.headerOffset = chunk.offset + at;
    this.header.set(data.subarray(at, at + n), this.headerFilled);
    this.headerSpans.push(this.span(chunk, at, n));
    this.headerFilled += n;
    at += n;
    if (this.first && this.headerFilled >= 3 && ((this.header[0] ?? 0) & 0x80) !== 0) {
      // SSLv2 record header: two bytes of length with the high bit set; the body starts right after.
      this.first = false;
      const length = u16(this.header, 0) & 0x7fff;
      const spans = this.headerSpans;
      this.headerSpans = [];
      const already = this.header.slice(2, this.headerFilled);
      this.headerFilled = 0;
      this.pending = this.newPending(0x80, 0x0002, length, this.headerOffset, spans, true);
      this.pending.buffer = new Uint8Array(length);
      this.pending.buffer.set(already.subarray(0, length));
      this.pending.filled = Math.min(already.length, length);
      this.pending.remaining = length - this.pending.filled;
      if (this.pending.remaining === 0) this.finishRecord(chunk.frame, chunk.tsSec, chunk.tsNsec);
      return at;
    }
    if (this.headerFilled < RECORD_HEADER) return at;
    this.first = false;
    const spans = this.headerSpans;
    this.headerSpans = [];
    this.headerFilled = 0;
    return this.startRecord(chunk, this.header, 0, at, spans, this.headerOffset);
  }

  /** Reads the header at hdr[hAt..], then continues in the chunk at `bodyAt`. */
  private startRecord(chunk: StreamChunk, hdr: Uint8Array, hAt: number, bodyAt: number, spans: RecordSpan[], headerOffset = chunk.offset + hAt): number {
    this.first = false;
    const contentType = hdr[hAt] ?? 0;
    const version = u16(hdr, hAt + 1);
    const length = u16(hdr, hAt + 3);
    if (!isRecordContentType(contentType) || (hdr[hAt + 1] ?? 0) !== 3) {
      this.listener.report(
        diagnostic('tls.record.bad-header', `bytes ${hexOf(hdr, hAt)} at stream offset ${headerOffset} are not a TLS record header; looking for the next one`, chunk.frame),
      );
      this.resyncing = true;
      return hdr === chunk.data ? bodyAt + 1 : bodyAt;
    }
    if (length > MAX_RECORD_LENGTH) {
      this.listener.report(diagnostic('tls.record.oversize', `a ${length}-byte record exceeds the 2^14 + 2048 limit`, chunk.frame));
    }
    const data = chunk.data;
    const start = hdr === data ? bodyAt + RECORD_HEADER : bodyAt;
    const available = data.length - start;
    const wanted = this.listener.wants(contentType);
    if (available >= length && spans.length === 1 && hdr === data) {
      // The whole record lies in this chunk: hand out a view.
      spans[0] = this.span(chunk, bodyAt, RECORD_HEADER + length);
      this.emit(contentType, version, length, headerOffset, spans, wanted !== false ? data.subarray(start, start + length) : undefined, 0, false, chunk);
      return start + length;
    }
    const pending = this.newPending(contentType, version, length, headerOffset, spans, false);
    if (wanted !== false && length <= MAX_WIRE_LENGTH) {
      pending.buffer = this.bufferFor(wanted, length);
      pending.reusable = wanted === 'during';
    }
    this.pending = pending;
    if (length === 0) {
      this.finishRecord(chunk.frame, chunk.tsSec, chunk.tsNsec);
      return start;
    }
    return this.fillBody(chunk, start);
  }

  private fillBody(chunk: StreamChunk, at: number): number {
    const pending = this.pending;
    if (pending === undefined) return at;
    const data = chunk.data;
    const n = Math.min(pending.remaining, data.length - at);
    if (pending.buffer !== undefined) pending.buffer.set(data.subarray(at, at + n), pending.filled);
    pending.filled += n;
    pending.remaining -= n;
    const last = pending.spans[pending.spans.length - 1];
    if (last !== undefined && last.frame === chunk.frame && last.streamOffset + last.length === chunk.offset + at && last.frameOffset >= 0) {
      pending.spans[pending.spans.length - 1] = { ...last, length: last.length + n };
    } else {
      pending.spans.push(this.span(chunk, at, n));
    }
    if (pending.remaining === 0) this.finishRecord(chunk.frame, chunk.tsSec, chunk.tsNsec);
    return at + n;
  }

  private finishRecord(frame: number, tsSec: number, tsNsec: number): void {
    const p = this.pending;
    if (p === undefined) return;
    this.pending = undefined;
    const fragment = p.missing > 0 ? undefined : p.buffer;
    this.emit(p.contentType, p.version, p.length, p.streamOffset, p.spans, fragment, p.missing, p.sslv2, { frame, tsSec, tsNsec });
    if (p.buffer !== undefined && p.reusable) spareBuffers.give(p.buffer);
  }

  private emit(
    contentType: number,
    version: number,
    length: number,
    streamOffset: number,
    spans: readonly RecordSpan[],
    fragment: Uint8Array | undefined,
    missing: number,
    sslv2: boolean,
    at: { frame: number; tsSec: number; tsNsec: number },
  ): void {
    this.listener.record({
      direction: this.direction,
      index: this.index++,
      contentType,
      version,
      length,
      streamOffset,
      frame: at.frame,
      tsSec: at.tsSec,
      tsNsec: at.tsNsec,
      spans,
      fragment,
      missing,
      sslv2,
    });
  }

  private bufferFor(wanted: true | 'during', length: number): Uint8Array {
    return wanted === 'during' ? spareBuffers.take(length) : new Uint8Array(length);
  }

  private newPending(contentType: number, version: number, length: number, streamOffset: number, spans: RecordSpan[], sslv2: boolean): Pending {
    return { contentType, version, length, streamOffset, remaining: length, buffer: undefined, filled: 0, spans, missing: 0, sslv2, reusable: false };
  }

  private span(chunk: StreamChunk, at: number, length: number): RecordSpan {
    return { frame: chunk.frame, frameOffset: chunk.frameOffset < 0 ? -1 : chunk.frameOffset + at, streamOffset: chunk.offset + at, length };
  }

  /** Scans for a plausible record header; returns its offset or -1 (the bytes before it are dropped). */
  private findHeader(data: Uint8Array, from: number): number {
    for (let at = from; at + RECORD_HEADER <= data.length; at++) {
      if (isPlausibleRecordHeader(data, at)) return at;
    }
    return -1;
  }
}

function hexOf(b: Uint8Array, at: number): string {
  return Array.from(b.subarray(at, at + RECORD_HEADER), (x) => x.toString(16).padStart(2, '0')).join(' ');
}
