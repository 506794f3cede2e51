/** IPv4 (RFC 791): header, header checksum (reported, never enforced), fragments. */
import { u16 } from '../bytes.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { formatIpv4 } from './address.js';
import type { FragmentTable } from './fragments.js';
import type { IpLayer } from './types.js';

export function decodeIpv4(
  data: Uint8Array,
  start: number,
  frame: number,
  fragments: FragmentTable,
  report: (d: Diagnostic) => void,
): IpLayer | undefined {
  if (data.length - start < 20) {
    report(diagnostic('ip.truncated', `IPv4 header needs 20 bytes, ${data.length - start} captured`, frame));
    return undefined;
  }
  const versionAndLength = data[start] ?? 0;
  const headerLength = (versionAndLength & 0x0f) * 4;
  if (versionAndLength >> 4 !== 4 || headerLength < 20) {
    report(diagnostic('ip.bad-header', `not a valid IPv4 header (version ${versionAndLength >> 4}, header length ${headerLength})`, frame));
    return undefined;
  }
  if (data.length - start < headerLength) {
    report(diagnostic('ip.truncated', `IPv4 header claims ${headerLength} bytes, ${data.length - start} captured`, frame));
    return undefined;
  }
  const totalLength = u16(data, start + 2);
  // TSO captures write 0 as the total length; trust the captured bytes then.
  let end = totalLength === 0 ? data.length : start + totalLength;
  if (totalLength !== 0 && totalLength < headerLength) {
    report(diagnostic('ip.bad-header', `IPv4 total length ${totalLength} is shorter than its header`, frame));
    return undefined;
  }
  if (end > data.length) {
    report(diagnostic('ip.truncated', `IPv4 datagram of ${totalLength} bytes was cut to ${data.length - start} by the capture`, frame));
    end = data.length;
  }
  if (!checksumIsValid(data, start, headerLength)) {
    report(diagnostic('ip.bad-checksum', `IPv4 header checksum 0x${u16(data, start + 10).toString(16).padStart(4, '0')} is wrong`, frame));
  }
  const identification = u16(data, start + 4);
  const flagsAndOffset = u16(data, start + 6);
  const moreFragments = (flagsAndOffset & 0x2000) !== 0;
  const fragmentOffset = (flagsAndOffset & 0x1fff) * 8;
  const protocol = data[start + 9] ?? 0;
  const ttl = data[start + 8] ?? 0;
  if (!moreFragments && fragmentOffset === 0) {
    return {
      version: 4, data, headerStart: start, sourceAt: start + 12, destinationAt: start + 16, addressLength: 4,
      protocol, ttl, payloadStart: start + headerLength, payloadEnd: end, identification, reassembled: false,
    };
  }
  const key = `4 ${formatIpv4(data, start + 12)} ${formatIpv4(data, start + 16)} ${identification} ${protocol}`;
  const whole = fragments.add(
    { key, header: data.subarray(start, start + headerLength), offset: fragmentOffset, payload: data.subarray(start + headerLength, end), moreFragments, frame },
    report,
  );
  if (whole === undefined) return undefined;
  const rebuilt = new Uint8Array(whole.header.length + whole.payload.length);
  rebuilt.set(whole.header, 0);
  rebuilt.set(whole.payload, whole.header.length);
  return {
    version: 4, data: rebuilt, headerStart: 0, sourceAt: 12, destinationAt: 16, addressLength: 4,
    protocol, ttl, payloadStart: whole.header.length, payloadEnd: rebuilt.length, identification, reassembled: true,
    fragmentFrames: whole.frames,
  };
}

/** One's-complement sum of the header including the checksum field is 0xffff when it is right. */
function checksumIsValid(data: Uint8Array, start: number, headerLength: number): boolean {
  let sum = 0;
  for (let i = start; i < start + headerLength; i += 2) sum += ((data[i] ?? 0) << 8) | (data[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum === 0xffff;
}
