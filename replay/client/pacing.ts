/**
 * `--timing original|fast` and `--speed X`: with original timing each client message leaves at
 * its captured offset from the connection's first message, divided by the speed, counted from
 * when the live connection opened; a wait for the server that already took longer delays
 * nothing further. Fast timing sends as soon as the server has answered.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Instant } from '../../dissect/http/exchange.js';

export type Timing = 'original' | 'fast';

export const TIMINGS: readonly Timing[] = ['original', 'fast'];

export function millisecondsBetween(from: Instant, to: Instant): number {
  return (to.sec - from.sec) * 1000 + (to.nsec - from.nsec) / 1e6;
}

export class Pacer {
  private readonly startedAt = performance.now();

  constructor(
    private readonly timing: Timing,
    private readonly speed: number,
    private readonly origin: Instant,
  ) {}

  /** Milliseconds after the start at which something captured at `time` is due (0 when fast). */
  dueAt(time: Instant): number {
    if (this.timing === 'fast') return 0;
    return Math.max(0, millisecondsBetween(this.origin, time) / this.speed);
  }

  async waitUntilDue(time: Instant): Promise<void> {
    const wait = this.dueAt(time) - (performance.now() - this.startedAt);
    if (wait > 0) await sleep(wait);
  }
}
