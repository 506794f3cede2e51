/**
 * Captured order for repeated answers: a request (or connection) seen several times in the
 * capture is answered by its captured occurrences one after another, then by the last one again,
 * as a recorded session would continue.
 */
export class CapturedOrder<T> {
  private served = 0;

  constructor(private readonly items: readonly T[]) {}

  get size(): number {
    return this.items.length;
  }

  /** The next occurrence; undefined only when there are none. */
  next(): T | undefined {
    const item = this.items[Math.min(this.served, this.items.length - 1)];
    this.served += 1;
    return item;
  }
}
