/**
 * One handshake fragment inside a DTLS handshake record (RFC 6347 4.2.2): the 12-byte DTLS
 * handshake header, then fragment_length bytes of the message body starting at fragment_offset.
 * A record may carry several fragments back to back.
 */
import { type DecodeResult, needMore, ok } from '../decode-result.js';
import { DTLS_HANDSHAKE_HEADER_LENGTH, decodeDtlsHandshakeHeader } from '../tls/messages/dtls-header.js';

export interface DtlsFragment {
  readonly type: number;
  /** Length of the whole message body. */
  readonly length: number;
  readonly messageSeq: number;
  readonly fragmentOffset: number;
  /** A view of this fragment's body bytes. */
  readonly bytes: Uint8Array;
}

/** Decodes the fragment at `at`; `used` covers its header and body bytes. */
export function decodeDtlsFragment(content: Uint8Array, at = 0): DecodeResult<DtlsFragment> {
  const header = decodeDtlsHandshakeHeader(content.subarray(at));
  if (header.kind !== 'ok') return header;
  const { type, length, messageSeq, fragmentOffset, fragmentLength } = header.value;
  const used = DTLS_HANDSHAKE_HEADER_LENGTH + fragmentLength.value;
  if (content.length - at < used) return needMore(used);
  const start = at + DTLS_HANDSHAKE_HEADER_LENGTH;
  return ok(
    { type: type.value, length: length.value, messageSeq: messageSeq.value, fragmentOffset: fragmentOffset.value, bytes: content.subarray(start, start + fragmentLength.value) },
    used,
  );
}

/**
 * The header RFC 6347 4.2.6 hashes for a message: its own, as if it had been sent in a single
 * fragment (fragment_offset 0, fragment_length = length). Wireshark and OpenSSL do the same.
 */
export function unfragmentedHeader(type: number, messageSeq: number, length: number): Uint8Array {
  const out = new Uint8Array(DTLS_HANDSHAKE_HEADER_LENGTH);
  const view = new DataView(out.buffer);
  view.setUint32(0, ((type & 0xff) << 24) | (length & 0xffffff));
  view.setUint16(4, messageSeq & 0xffff);
  view.setUint32(8, length & 0xffffff);
  return out;
}
