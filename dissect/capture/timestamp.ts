/**
 * pcapng timestamps are 64-bit counts of interface units (pcapng spec 4.2 if_tsresol); nanosecond
 * counts since 1970 exceed 2^53, so divide exactly by long division in base 2^16 (every partial
 * remainder stays below 2^46) instead of converting through a float or a BigInt per packet.
 */

export interface Timestamp {
  sec: number;
  nsec: number;
}

export function unitsToTimestamp(high: number, low: number, unitsPerSecond: number, out: Timestamp): void {
  const digits0 = high >>> 16;
  const digits1 = high & 0xffff;
  const digits2 = low >>> 16;
  const digits3 = low & 0xffff;
  let quotient = 0;
  let remainder = 0;
  for (const digit of [digits0, digits1, digits2, digits3]) {
    const value = remainder * 65536 + digit;
    const q = Math.floor(value / unitsPerSecond);
    remainder = value - q * unitsPerSecond;
    quotient = quotient * 65536 + q;
  }
  out.sec = quotient;
  out.nsec = unitsPerSecond === 1e9 ? remainder : Math.floor((remainder * 1e9) / unitsPerSecond);
}

/** if_tsresol: high bit clear = 10^-n, set = 2^-n (pcapng spec 4.2). */
export function unitsPerSecondFromResolution(tsresol: number): number {
  const exponent = tsresol & 0x7f;
  return (tsresol & 0x80) !== 0 ? 2 ** exponent : 10 ** exponent;
}

export function compareTime(a: { sec: number; nsec: number }, b: { sec: number; nsec: number }): number {
  return a.sec !== b.sec ? a.sec - b.sec : a.nsec - b.nsec;
}
