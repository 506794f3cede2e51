/**
 * IPv6 (RFC 8200): fixed header, extension headers (hop-by-hop 0, routing 43, fragment 44,
 * destination options 60, AH 51, mobility 135) walked to the upper-layer protocol, and fragment
 * reassembly (the fragmentable part may itself start with more extension headers).
 */
import { u16, u32 } from '../bytes.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { formatIpv6 } from './address.js';
import type { FragmentTable } from './fragments.js';
import type { IpLayer } from './types.js';

const FIXED_HEADER = 40;
const FRAGMENT = 44;
const AUTHENTICATION = 51;
/** Extension headers with the generic (next header, length in 8-octet units) layout. */
const GENERIC_EXTENSIONS: ReadonlySet<number> = new Set([0, 43, 60, 135, 139, 140]);

export function decodeIpv6(
  data: Uint8Array,
  start: number,
  frame: number,
  fragments: FragmentTable,
  report: (d: Diagnostic) => void,
): IpLayer | undefined {
  if (data.length - start < FIXED_HEADER) {
    report(diagnostic('ip.truncated', `IPv6 header needs 40 bytes, ${data.length - start} captured`, frame));
    return undefined;
  }
  if ((data[start] ?? 0) >> 4 !== 6) {
    report(diagnostic('ip.bad-header', `not an IPv6 header (version ${(data[start] ?? 0) >> 4})`, frame));
    return undefined;
  }
  const payloadLength = u16(data, start + 4);
  let end = payloadLength === 0 ? data.length : start + FIXED_HEADER + payloadLength;
  if (end > data.length) {
    report(diagnostic('ip.truncated', `IPv6 payload of ${payloadLength} bytes was cut to ${data.length - start - FIXED_HEADER} by the capture`, frame));
    end = data.length;
  }
  const ttl = data[start + 7] ?? 0;
  let next = data[start + 6] ?? 0;
  let at = start + FIXED_HEADER;
  for (;;) {
    if (GENERIC_EXTENSIONS.has(next) || next === AUTHENTICATION) {
      if (end - at < 8) return truncatedExtension(report, frame);
      const length = next === AUTHENTICATION ? ((data[at + 1] ?? 0) + 2) * 4 : ((data[at + 1] ?? 0) + 1) * 8;
      if (end - at < length) return truncatedExtension(report, frame);
      next = data[at] ?? 0;
      at += length;
      continue;
    }
    if (next === FRAGMENT) {
      if (end - at < 8) return truncatedExtension(report, frame);
      const offsetAndFlags = u16(data, at + 2);
      const identification = u32(data, at + 4);
      const fragmentNext = data[at] ?? 0;
      const key = `6 ${formatIpv6(data, start + 8)} ${formatIpv6(data, start + 24)} ${identification}`;
      const whole = fragments.add(
        {
          key,
          header: data.subarray(start, start + FIXED_HEADER),
          offset: offsetAndFlags & 0xfff8,
          payload: data.subarray(at + 8, end),
          moreFragments: (offsetAndFlags & 1) !== 0,
          frame,
        },
        report,
      );
      if (whole === undefined) return undefined;
      const rebuilt = new Uint8Array(FIXED_HEADER + whole.payload.length);
      rebuilt.set(whole.header, 0);
      rebuilt[6] = fragmentNext;
      const reassembledLength = whole.payload.length <= 0xffff ? whole.payload.length : 0;
      rebuilt[4] = reassembledLength >> 8;
      rebuilt[5] = reassembledLength & 0xff;
      rebuilt.set(whole.payload, FIXED_HEADER);
      const inner = decodeIpv6(rebuilt, 0, frame, fragments, report);
      return inner === undefined ? undefined : { ...inner, reassembled: true, fragmentFrames: whole.frames, identification };
    }
    return {
      version: 6, data, headerStart: start, sourceAt: start + 8, destinationAt: start + 24, addressLength: 16,
      protocol: next, ttl, payloadStart: at, payloadEnd: end, identification: 0, reassembled: false,
    };
  }
}

function truncatedExtension(report: (d: Diagnostic) => void, frame: number): undefined {
  report(diagnostic('ip.truncated', 'an IPv6 extension header is cut short', frame));
  return undefined;
}
