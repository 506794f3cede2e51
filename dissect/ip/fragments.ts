/**
 * IP fragment reassembly (RFC 791 3.2 for IPv4, RFC 8200 4.5 for IPv6). Fragments are copied out
 * of the read buffer and held until the datagram is whole. Memory is bounded: at most
 * MAX_PENDING datagrams and MAX_PENDING_BYTES in all; past that the oldest is dropped with a
 * diagnostic. The first copy of an overlapping byte wins, as in TCP.
 */
import { diagnostic, type Diagnostic } from '../diagnostics.js';

const MAX_PENDING = 1024;
const MAX_PENDING_BYTES = 32 * 1024 * 1024;
const MAX_DATAGRAM = 65535 + 40;

interface Piece {
  readonly offset: number;
  readonly bytes: Uint8Array;
}

interface PendingDatagram {
  readonly key: string;
  /** Header of the fragment at offset 0 (the unfragmentable part), once seen. */
  header: Uint8Array | undefined;
  pieces: Piece[];
  /** Payload length, known once the last fragment (more-fragments clear) arrives. */
  totalLength: number | undefined;
  bytes: number;
  frames: number[];
  overlapped: boolean;
}

export interface Fragment {
  readonly key: string;
  /** The header bytes to keep for the whole datagram (only used from the offset-0 fragment). */
  readonly header: Uint8Array;
  readonly offset: number;
  readonly payload: Uint8Array;
  readonly moreFragments: boolean;
  readonly frame: number;
}

export interface ReassembledDatagram {
  readonly header: Uint8Array;
  readonly payload: Uint8Array;
  readonly frames: readonly number[];
}

export class FragmentTable {
  private readonly pending = new Map<string, PendingDatagram>();
  private pendingBytes = 0;

  /** Adds a fragment; returns the whole datagram when this fragment completed it. */
  add(fragment: Fragment, report: (d: Diagnostic) => void): ReassembledDatagram | undefined {
    let entry = this.pending.get(fragment.key);
    if (entry === undefined) {
      this.makeRoom(report, fragment.frame);
      entry = { key: fragment.key, header: undefined, pieces: [], totalLength: undefined, bytes: 0, frames: [], overlapped: false };
      this.pending.set(fragment.key, entry);
    }
    entry.frames.push(fragment.frame);
    const end = fragment.offset + fragment.payload.length;
    if (end > MAX_DATAGRAM) {
      report(diagnostic('ip.bad-header', `fragment ends at byte ${end}, beyond the largest possible datagram`, fragment.frame));
      return undefined;
    }
    if (fragment.offset === 0 && entry.header === undefined) entry.header = fragment.header.slice();
    if (!fragment.moreFragments) entry.totalLength = end;
    if (this.insert(entry, fragment.offset, fragment.payload) && !entry.overlapped) {
      entry.overlapped = true;
      report(diagnostic('ip.fragment-overlap', 'IP fragments overlap; the first copy of each byte was kept', fragment.frame));
    }
    const whole = this.complete(entry);
    if (whole === undefined) {
      report(diagnostic('ip.fragment', `fragment at offset ${fragment.offset} held for reassembly`, fragment.frame));
      return undefined;
    }
    this.remove(entry);
    return whole;
  }

  /** Datagrams never completed, reported once the capture ends. */
  flush(report: (d: Diagnostic) => void): void {
    for (const entry of this.pending.values()) {
      report(diagnostic('ip.fragment-incomplete', `datagram from frames ${entry.frames.join(', ')} was never completely reassembled`, entry.frames[0]));
    }
    this.pending.clear();
    this.pendingBytes = 0;
  }

  /** Copies in the bytes no earlier fragment supplied; returns true when any byte overlapped. */
  private insert(entry: PendingDatagram, offset: number, payload: Uint8Array): boolean {
    let overlapped = false;
    let cursor = offset;
    const end = offset + payload.length;
    const sorted = entry.pieces.slice();
    for (const piece of sorted) {
      const pieceEnd = piece.offset + piece.bytes.length;
      if (pieceEnd <= cursor || piece.offset >= end) continue;
      overlapped = true;
      if (piece.offset > cursor) this.keep(entry, cursor, payload.subarray(cursor - offset, piece.offset - offset));
      cursor = Math.max(cursor, pieceEnd);
    }
    if (cursor < end) this.keep(entry, cursor, payload.subarray(cursor - offset));
    entry.pieces.sort((a, b) => a.offset - b.offset);
    return overlapped;
  }

  private keep(entry: PendingDatagram, offset: number, bytes: Uint8Array): void {
    entry.pieces.push({ offset, bytes: bytes.slice() });
    entry.bytes += bytes.length;
    this.pendingBytes += bytes.length;
  }

  private complete(entry: PendingDatagram): ReassembledDatagram | undefined {
    if (entry.totalLength === undefined || entry.header === undefined) return undefined;
    let covered = 0;
    for (const piece of entry.pieces) {
      if (piece.offset > covered) return undefined;
      covered = Math.max(covered, piece.offset + piece.bytes.length);
    }
    if (covered < entry.totalLength) return undefined;
    const payload = new Uint8Array(entry.totalLength);
    for (const piece of entry.pieces) payload.set(piece.bytes.subarray(0, Math.max(0, entry.totalLength - piece.offset)), piece.offset);
    return { header: entry.header, payload, frames: entry.frames };
  }

  private makeRoom(report: (d: Diagnostic) => void, frame: number): void {
    while (this.pending.size >= MAX_PENDING || this.pendingBytes > MAX_PENDING_BYTES) {
      const oldest = this.pending.values().next();
      if (oldest.done === true) return;
      report(diagnostic('ip.fragment-limit', `dropped the unfinished datagram from frames ${oldest.value.frames.join(', ')} to bound memory`, frame));
      this.remove(oldest.value);
    }
  }

  private remove(entry: PendingDatagram): void {
    this.pending.delete(entry.key);
    this.pendingBytes -= entry.bytes;
  }
}
