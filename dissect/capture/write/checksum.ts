/**
 * Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit
 * big-endian words. A running sum lets a pseudo-header, a header and a payload be added piece by
 * piece without joining them; only pieces of even length may precede another piece.
 */

/** Adds `bytes` to a running sum; an odd trailing byte is the high half of a zero-padded word. */
export function addToChecksum(sum: number, bytes: Uint8Array): number {
  let total = sum;
  const evenEnd = bytes.length & ~1;
  for (let i = 0; i < evenEnd; i += 2) total += ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
  if (evenEnd < bytes.length) total += (bytes[evenEnd] ?? 0) << 8;
  return foldCarries(total);
}

function foldCarries(sum: number): number {
  let folded = sum;
  while (folded > 0xffff) folded = (folded & 0xffff) + Math.floor(folded / 0x10000);
  return folded;
}

/** The checksum field value for a running sum (the field itself counted as zero). */
export function finishChecksum(sum: number): number {
  return ~foldCarries(sum) & 0xffff;
}

export function internetChecksum(bytes: Uint8Array): number {
  return finishChecksum(addToChecksum(0, bytes));
}
