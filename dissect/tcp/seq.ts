/** Wrap-safe 32-bit sequence arithmetic (RFC 1982 serial numbers, as TCP uses them). */

/** Signed distance from b to a, assuming |a - b| < 2^31. */
export function seqDiff(a: number, b: number): number {
  return (a - b) | 0;
}

export function seqAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}
