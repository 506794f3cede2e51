/** Time stamps as people read them: ISO 8601 with nanoseconds, and seconds relative to the capture start. */

export interface Instant {
  readonly sec: number;
  readonly nsec: number;
}

export function isoTime(t: Instant): string {
  const iso = new Date(t.sec * 1000).toISOString();
  return `${iso.slice(0, 19)}.${String(t.nsec).padStart(9, '0')}Z`;
}

/** Seconds from `origin` to `t`, with nanosecond digits. */
export function relativeSeconds(t: Instant, origin: Instant): number {
  return t.sec - origin.sec + (t.nsec - origin.nsec) / 1e9;
}

export function formatSeconds(seconds: number): string {
  return seconds.toFixed(6);
}
