/** The wall clock playback runs against: a monotonic millisecond count and timers. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from './pacer.js';

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: async (milliseconds) => {
    await sleep(milliseconds);
  },
};
