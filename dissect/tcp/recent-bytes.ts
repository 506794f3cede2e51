/**
 * The last few KiB a half-stream delivered, kept so a retransmission of already-delivered bytes
 * can be compared with the first copy (a mismatch is `tcp.overlap-conflict`). The total memory of
 * all windows is bounded by a shared budget: past it, new streams go without one.
 */

export const RECENT_WINDOW = 16 * 1024;

export class RecentBytesBudget {
  private used = 0;
  constructor(private readonly limit: number) {}

  take(bytes: number): boolean {
    if (this.used + bytes > this.limit) return false;
    this.used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.used -= bytes;
  }
}

export class RecentBytes {
  private readonly ring = new Uint8Array(RECENT_WINDOW);
  /** Stream offset just past the last byte written. */
  private end = 0;
  /** First stream offset whose byte is held (moves forward after a gap). */
  private validFrom = 0;

  append(offset: number, bytes: Uint8Array): void {
    // After a gap the ring slots of the missing bytes hold stale data: start the window afresh.
    if (offset !== this.end) this.validFrom = offset;
    const ring = this.ring;
    const size = ring.length;
    const at = offset % size;
    if (bytes.length <= size - at) {
      // The common case, one copy without a view.
      ring.set(bytes, at);
    } else {
      const from = bytes.length > size ? bytes.length - size : 0;
      let to = (offset + from) % size;
      for (let i = from; i < bytes.length; ) {
        const n = Math.min(size - to, bytes.length - i);
        ring.set(bytes.subarray(i, i + n), to);
        i += n;
        to = (to + n) % size;
      }
    }
    this.end = offset + bytes.length;
  }

  /** Compares bytes claimed to start at `offset` with what was delivered; true when any retained byte differs. */
  conflicts(offset: number, bytes: Uint8Array): boolean {
    const size = this.ring.length;
    const windowStart = Math.max(this.validFrom, this.end - size);
    const from = Math.max(offset, windowStart);
    const to = Math.min(offset + bytes.length, this.end);
    for (let o = from; o < to; o++) {
      if (this.ring[o % size] !== bytes[o - offset]) return true;
    }
    return false;
  }
}
