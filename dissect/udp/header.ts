/**
 * UDP header (RFC 768): source port, destination port, length (header included) and checksum.
 * The datagram ends where its length field says, which may be before the end of the IP payload;
 * a length the IP payload cannot hold is reported and the captured bytes are used instead.
 */
import { u16 } from '../bytes.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';

export const UDP_HEADER_LENGTH = 8;

export interface UdpHeader {
  readonly sourcePort: number;
  readonly destinationPort: number;
  /** The length field: header and payload, in bytes. */
  readonly length: number;
  readonly checksum: number;
  /** Offsets in the IP layer's `data`. */
  readonly headerStart: number;
  readonly payloadStart: number;
  readonly payloadEnd: number;
}

/**
 * Reads the header at `start`; `end` is where the IP payload ends. `cutByCapture` says the frame
 * was cut by the snap length, so a short payload is the capture's doing, not the sender's.
 */
export function decodeUdpHeader(
  data: Uint8Array,
  start: number,
  end: number,
  frame: number,
  report: (d: Diagnostic) => void,
  cutByCapture = false,
): UdpHeader | undefined {
  const available = end - start;
  if (available < UDP_HEADER_LENGTH) {
    report(diagnostic('udp.truncated', `UDP header needs ${UDP_HEADER_LENGTH} bytes, ${available} captured`, frame));
    return undefined;
  }
  const length = u16(data, start + 4);
  let payloadEnd = start + length;
  if (length < UDP_HEADER_LENGTH) {
    // 0 is legal only for IPv6 jumbograms (RFC 2675 4); either way the IP payload bounds the datagram.
    report(diagnostic('udp.bad-length', `UDP length ${length} is shorter than the ${UDP_HEADER_LENGTH}-byte header; the IP payload length is used`, frame));
    payloadEnd = end;
  } else if (length > available) {
    if (!cutByCapture) report(diagnostic('udp.bad-length', `UDP length ${length} is more than the ${available} bytes the IP payload carries`, frame));
    payloadEnd = end;
  }
  return {
    sourcePort: u16(data, start),
    destinationPort: u16(data, start + 2),
    length,
    checksum: u16(data, start + 6),
    headerStart: start,
    payloadStart: start + UDP_HEADER_LENGTH,
    payloadEnd,
  };
}
