/**
 * RFC 8701 (GREASE): values clients send to keep servers tolerant of unknown ones. 16-bit registries
 * (cipher suites, extensions, groups, signature schemes, versions, ALPN) reserve 0x0a0a, 0x1a1a, ...
 * 0xfafa; the 8-bit PSK key exchange modes reserve 0x0b, 0x2a, ... 0xe4 (RFC 8701 2).
 */

export function isGrease16(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0 && value <= 0xffff
    && (value & 0x0f0f) === 0x0a0a && value >> 8 === (value & 0xff);
}

/** 0x0b + 0x1f * n for n = 0..7. */
export function isGreasePskMode(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0x0b && value <= 0xe4 && (value - 0x0b) % 0x1f === 0;
}
