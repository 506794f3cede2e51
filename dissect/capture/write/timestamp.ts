/**
 * Capture timestamps as whole seconds plus nanoseconds, and their encodings: classic pcap's
 * seconds plus micro- or nanoseconds (draft-ietf-opsawg-pcap 5), pcapng's one 64-bit count of
 * if_tsresol units, here 10^-6 or 10^-9 s (draft-ietf-opsawg-pcapng 4.2 and 4.3).
 */

export interface Timestamp {
  readonly sec: number;
  /** 0 to 999 999 999. */
  readonly nsec: number;
}

export type TimestampResolution = 'us' | 'ns';

export const NANOSECONDS_PER_UNIT = {
  us: 1000,
  ns: 1,
} as const satisfies Record<TimestampResolution, number>;

/** The digit count pcapng's if_tsresol option carries (a power of ten). */
export const TSRESOL_DIGITS = {
  us: 6,
  ns: 9,
} as const satisfies Record<TimestampResolution, number>;

/** The sub-second part in the given unit, truncated as capture tools do. */
export function subsecondUnits(ts: Timestamp, resolution: TimestampResolution): number {
  return Math.floor(ts.nsec / NANOSECONDS_PER_UNIT[resolution]);
}

/** Units since the epoch, as pcapng's 64-bit timestamp. */
export function unitsSinceEpoch(ts: Timestamp, resolution: TimestampResolution): bigint {
  const perSecond = 1_000_000_000 / NANOSECONDS_PER_UNIT[resolution];
  return BigInt(ts.sec) * BigInt(perSecond) + BigInt(subsecondUnits(ts, resolution));
}
