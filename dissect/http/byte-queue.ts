/**
 * Bytes of one direction waiting to be parsed, kept as the copied chunks they arrived in, so that
 * an HTTP/2 frame (RFC 9113 4.1) spread over many TLS records is joined once, when it is whole,
 * not on every arrival.
 */
import { concatBytes } from '../bytes.js';

export class ByteQueue {
  private parts: Uint8Array[] = [];
  length = 0;

  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.parts.push(bytes.slice());
    this.length += bytes.length;
  }

  /** The first `n` bytes (or all there are), joined. */
  peek(n: number): Uint8Array {
    const first = this.parts[0];
    if (first !== undefined && first.length >= n) return first.subarray(0, n);
    const taken: Uint8Array[] = [];
    let have = 0;
    for (const part of this.parts) {
      if (have >= n) break;
      taken.push(part.subarray(0, n - have));
      have += Math.min(part.length, n - have);
    }
    const joined = concatBytes(taken);
    // Keep the join so the next peek does not repeat it.
    this.parts.splice(0, taken.length, joined, ...this.tail(taken.length, have));
    return joined;
  }

  consume(n: number): void {
    let left = Math.min(n, this.length);
    this.length -= left;
    while (left > 0) {
      const first = this.parts[0];
      if (first === undefined) return;
      if (first.length > left) {
        this.parts[0] = first.subarray(left);
        return;
      }
      left -= first.length;
      this.parts.shift();
    }
  }

  clear(): void {
    this.parts = [];
    this.length = 0;
  }

  /** What remains of the part where a join of `have` bytes over `count` parts stopped. */
  private tail(count: number, have: number): Uint8Array[] {
    let consumed = 0;
    for (let i = 0; i < count; i++) consumed += this.parts[i]?.length ?? 0;
    const last = this.parts[count - 1];
    const over = consumed - have;
    return last !== undefined && over > 0 ? [last.subarray(last.length - over)] : [];
  }
}
