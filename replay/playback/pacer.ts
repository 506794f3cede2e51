/**
 * Paces events by their capture time against a clock: the first event anchors capture time to
 * the clock, and each later one is due when as much time has passed, divided by the speed. It
 * only ever waits when ahead: an event that is already late (the consumer was slow, or capture
 * times went backwards) is due at once, so playback catches up with the schedule rather than
 * drifting behind it. Speed 0 (or Infinity) means no waiting at all. The clock is injected, so
 * this module does no I/O of its own.
 */

export interface Clock {
  /** Milliseconds from any fixed origin, never going backwards. */
  now(): number;
  sleep(milliseconds: number): Promise<void>;
}

export class Pacer {
  private anchor: { readonly capture: number; readonly clock: number } | undefined;

  constructor(
    /** Playback speed: 1 is the original pace, 2 twice as fast; 0 means as fast as possible. */
    private readonly speed: number,
    private readonly clock: Clock,
  ) {}

  /** Milliseconds to wait before showing something captured at `captureSeconds` (0 when due). */
  delayFor(captureSeconds: number): number {
    if (!(this.speed > 0) || !Number.isFinite(this.speed)) return 0;
    const now = this.clock.now();
    if (this.anchor === undefined) {
      this.anchor = { capture: captureSeconds, clock: now };
      return 0;
    }
    const due = this.anchor.clock + ((captureSeconds - this.anchor.capture) * 1000) / this.speed;
    return Math.max(0, due - now);
  }

  async wait(captureSeconds: number): Promise<void> {
    const delay = this.delayFor(captureSeconds);
    if (delay > 0) await this.clock.sleep(delay);
  }
}

/** Passes items on as they fall due, each after waiting for its capture time (seconds). */
export async function* paced<T>(items: AsyncIterable<T>, pacer: Pacer, captureSeconds: (item: T) => number): AsyncGenerator<T> {
  for await (const item of items) {
    await pacer.wait(captureSeconds(item));
    yield item;
  }
}
