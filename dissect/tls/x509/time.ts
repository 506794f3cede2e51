/** Times as keyhole prints them: ISO 8601 in UTC (RFC 3339), and spans a person can read. */

/** ISO 8601 UTC, without the milliseconds when there are none (certificate times have seconds). */
export function isoTime(date: Date): string {
  const text = date.toISOString();
  return text.endsWith('.000Z') ? `${text.slice(0, -5)}Z` : text;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Largest unit first; a span is told in the largest unit it holds at least once. */
const UNITS = [
  { name: 'year', ms: 365.2425 * DAY },
  { name: 'month', ms: 30.436875 * DAY },
  { name: 'day', ms: DAY },
  { name: 'hour', ms: HOUR },
  { name: 'minute', ms: MINUTE },
  { name: 'second', ms: SECOND },
] as const;

/** "3 months", "1 day", "less than a second". */
export function humanSpan(ms: number): string {
  const span = Math.abs(ms);
  for (const unit of UNITS) {
    const count = Math.floor(span / unit.ms);
    if (count >= 1) return `${count} ${unit.name}${count === 1 ? '' : 's'}`;
  }
  return 'less than a second';
}

/** The day ("2024-01-31"), or day and time when the span that follows is shorter than two days. */
export function humanDate(date: Date, spanMs: number): string {
  const iso = isoTime(date);
  return Math.abs(spanMs) < 2 * DAY ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : iso.slice(0, 10);
}
