/**
 * Replay detection for one epoch of one direction (RFC 6347 4.1.2.6): a sliding window over the
 * WINDOW sequence numbers up to the highest seen. A number seen before is a replay (a duplicated
 * datagram). One below the window cannot be judged and is let through: a capture reader would
 * rather show a record twice than drop one it cannot judge.
 */
const WINDOW = 256;

export class ReplayWindow {
  private highest = -1;
  /** Bit (n mod WINDOW) is set when sequence number n, within the window, was seen. */
  private readonly seen = new Uint8Array(WINDOW / 8);

  /** Marks `sequence` as seen; true when it had been seen already. */
  replayed(sequence: number): boolean {
    if (sequence > this.highest) {
      const from = Math.max(this.highest + 1, sequence - WINDOW + 1);
      for (let n = from; n < sequence; n++) this.set(n, false);
      this.highest = sequence;
      this.set(sequence, true);
      return false;
    }
    if (this.highest - sequence >= WINDOW) return false;
    if (this.isSet(sequence)) return true;
    this.set(sequence, true);
    return false;
  }

  private isSet(sequence: number): boolean {
    const bit = sequence % WINDOW;
    return ((this.seen[bit >> 3] ?? 0) & (1 << (bit & 7))) !== 0;
  }

  private set(sequence: number, on: boolean): void {
    const bit = sequence % WINDOW;
    const mask = 1 << (bit & 7);
    const byte = this.seen[bit >> 3] ?? 0;
    this.seen[bit >> 3] = on ? byte | mask : byte & ~mask;
  }
}
