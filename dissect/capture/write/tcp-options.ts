/**
 * TCP options as sent on the wire: MSS (RFC 9293 3.2), window scale and timestamps (RFC 7323),
 * SACK-permitted and SACK blocks (RFC 2018, D-SACK RFC 2883). Each builder returns the option's
 * bytes; `tcpOptions` joins them and pads the list to the 4-byte boundary the data offset needs.
 */

export const TCP_OPTION_KINDS = {
  end: 0,
  nop: 1,
  mss: 2,
  windowScale: 3,
  sackPermitted: 4,
  sack: 5,
  timestamps: 8,
} as const;

/** The option area is what a 4-bit data offset leaves after the 20-byte fixed header. */
export const MAX_TCP_OPTIONS_LENGTH = 40;

function option(kind: number, body: readonly number[] = []): Uint8Array {
  return Uint8Array.from([kind, 2 + body.length, ...body]);
}

function be16(value: number): number[] {
  return [(value >>> 8) & 0xff, value & 0xff];
}

function be32(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

export function nop(): Uint8Array {
  return Uint8Array.of(TCP_OPTION_KINDS.nop);
}

export function maximumSegmentSize(bytes: number): Uint8Array {
  return option(TCP_OPTION_KINDS.mss, be16(bytes));
}

export function windowScale(shift: number): Uint8Array {
  return option(TCP_OPTION_KINDS.windowScale, [shift]);
}

export function sackPermitted(): Uint8Array {
  return option(TCP_OPTION_KINDS.sackPermitted);
}

export function timestamps(value: number, echoReply: number): Uint8Array {
  return option(TCP_OPTION_KINDS.timestamps, [...be32(value), ...be32(echoReply)]);
}

/** One block per received range beyond the cumulative ACK, as [left edge, right edge) sequence numbers. */
export function sackBlocks(blocks: readonly (readonly [left: number, right: number])[]): Uint8Array {
  return option(TCP_OPTION_KINDS.sack, blocks.flatMap(([left, right]) => [...be32(left), ...be32(right)]));
}

export function tcpOptions(options: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const o of options) length += o.length;
  const padded = (length + 3) & ~3;
  if (padded > MAX_TCP_OPTIONS_LENGTH) throw new RangeError(`TCP options take ${padded} bytes; at most 40 fit`);
  // The padding bytes stay 0, the end-of-list kind.
  const out = new Uint8Array(padded);
  let at = 0;
  for (const o of options) {
    out.set(o, at);
    at += o.length;
  }
  return out;
}
