/**
 * Counts (and bytes) per key, as tshark's -z statistics tabulate them, with a bound on distinct
 * keys: a capture of a million SNIs must not hold a million entries, so past the bound new keys
 * are counted together under "(other)".
 */

export const OTHER = '(other)';
export const DEFAULT_MAX_KEYS = 10_000;

export interface Tally {
  readonly key: string;
  readonly count: number;
  readonly bytes: number;
}

interface Entry {
  count: number;
  bytes: number;
}

export class BoundedCounter {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxKeys: number = DEFAULT_MAX_KEYS) {}

  add(key: string, bytes = 0): void {
    let entry = this.entries.get(key);
    if (entry === undefined) {
      const bucket = this.entries.size >= this.maxKeys ? OTHER : key;
      entry = this.entries.get(bucket) ?? { count: 0, bytes: 0 };
      this.entries.set(bucket, entry);
    }
    entry.count++;
    entry.bytes += bytes;
  }

  /** The count of one key (0 when never added, or when it was counted under "(other)"). */
  count(key: string): number {
    return this.entries.get(key)?.count ?? 0;
  }

  get total(): number {
    let sum = 0;
    for (const entry of this.entries.values()) sum += entry.count;
    return sum;
  }

  /** Largest first (by count, or by bytes), ties in key order so output is stable. */
  sorted(by: 'count' | 'bytes' = 'count', limit = Number.POSITIVE_INFINITY): Tally[] {
    return [...this.entries]
      .map(([key, e]) => ({ key, count: e.count, bytes: e.bytes }))
      .sort((a, b) => b[by] - a[by] || (by === 'bytes' ? b.count - a.count : b.bytes - a.bytes) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .slice(0, limit);
  }
}
