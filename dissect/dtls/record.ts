/**
 * The DTLS record layer (RFC 6347 4.1, RFC 4347 4.1): a 13-byte header (content type, version,
 * epoch, 48-bit sequence number, length) and the fragment. A record never spans datagrams
 * (RFC 6347 4.1.1); one datagram may carry several. The version is one of the DTLS code points,
 * OpenSSL's pre-0.9.8f 0x0100 included.
 */
import { u16 } from '../bytes.js';
import { type DecodeResult, invalid, needMore, ok } from '../decode-result.js';
import { diagnostic } from '../diagnostics.js';
import { MAX_RECORD_LENGTH } from '../tls/detect.js';
import type { TlsRecord } from '../tls/record.js';
import { ContentType, ProtocolVersion } from '../tls/tables/index.js';

export const DTLS_RECORD_HEADER = 13;

/** Record-header versions of DTLS 1.0, 1.2, 1.3 and OpenSSL before 0.9.8f. */
export const DTLS_RECORD_VERSIONS: ReadonlySet<number> = new Set([
  ProtocolVersion.DTLS_1_0,
  ProtocolVersion.DTLS_1_2,
  ProtocolVersion.DTLS_1_3,
  ProtocolVersion.DTLS_1_0_OPENSSL_PRE_0_9_8F,
]);

export interface DtlsRecordFields {
  readonly contentType: number;
  readonly version: number;
  readonly epoch: number;
  /** The 48-bit sequence number (exact in a JavaScript number). */
  readonly sequence: number;
  readonly length: number;
  /** A view of the fragment inside the datagram. */
  readonly fragment: Uint8Array;
}

/** A DTLS record as sessions report it: a TlsRecord plus the epoch and sequence number of its header. */
export interface DtlsRecord extends TlsRecord {
  readonly epoch: number;
  readonly sequence: number;
}

export function isDtlsRecord(record: TlsRecord): record is DtlsRecord {
  return 'epoch' in record && 'sequence' in record;
}

export function isDtlsContentType(type: number): boolean {
  return type >= ContentType.change_cipher_spec && type <= ContentType.ack;
}

/** Decodes the record at `at`; `used` covers the header and the fragment. */
export function decodeDtlsRecord(datagram: Uint8Array, at = 0): DecodeResult<DtlsRecordFields> {
  if (datagram.length - at < DTLS_RECORD_HEADER) return needMore(DTLS_RECORD_HEADER);
  const contentType = datagram[at] ?? 0;
  const version = u16(datagram, at + 1);
  if (!isDtlsContentType(contentType)) return invalid(diagnostic('tls.record.bad-header', `content type ${contentType} is not a DTLS record's`));
  if (!DTLS_RECORD_VERSIONS.has(version)) {
    return invalid(diagnostic('tls.record.bad-header', `version 0x${version.toString(16).padStart(4, '0')} is not a DTLS version`));
  }
  const length = u16(datagram, at + 11);
  if (length > MAX_RECORD_LENGTH) return invalid(diagnostic('tls.record.oversize', `a DTLS record claims ${length} bytes`));
  if (datagram.length - at < DTLS_RECORD_HEADER + length) return needMore(DTLS_RECORD_HEADER + length);
  const epoch = u16(datagram, at + 3);
  const sequence = u16(datagram, at + 5) * 2 ** 32 + u16(datagram, at + 7) * 2 ** 16 + u16(datagram, at + 9);
  const fragment = datagram.subarray(at + DTLS_RECORD_HEADER, at + DTLS_RECORD_HEADER + length);
  return ok({ contentType, version, epoch, sequence, length, fragment }, DTLS_RECORD_HEADER + length);
}

/**
 * Whether a datagram is DTLS: its bytes are one or more whole records, back to back, to the last
 * byte. Random payloads almost never pass (five header checks per record, exact tiling).
 */
export function isDtlsDatagram(datagram: Uint8Array): boolean {
  let at = 0;
  while (at < datagram.length) {
    const record = decodeDtlsRecord(datagram, at);
    if (record.kind !== 'ok') return false;
    at += record.used;
  }
  return at > 0;
}
