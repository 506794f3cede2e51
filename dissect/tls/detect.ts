/**
 * Finding TLS without trusting ports: a TLS record header (RFC 8446 5.1: content type 20-24,
 * version 0x0300-0x0304, length at most 2^14 + 2048) or an SSLv2-compatible ClientHello (RFC 5246
 * E.2: 2-byte length with the high bit set, message type 1, version 0x0002 or 0x03xx).
 */
import { u16, u24 } from '../bytes.js';
import { ContentType, HandshakeType } from './tables/index.js';

/** RFC 5246 6.2.3: TLSCiphertext.length may exceed 2^14 by at most 2048. */
export const MAX_RECORD_LENGTH = 16384 + 2048;
export const RECORD_HEADER = 5;

export type Sniff = 'tls' | 'sslv2' | 'not-tls' | 'need-more';

export function isRecordContentType(type: number): boolean {
  return type >= ContentType.change_cipher_spec && type <= ContentType.heartbeat;
}

export function isPlausibleRecordHeader(b: Uint8Array, at: number): boolean {
  const type = b[at] ?? 0;
  const major = b[at + 1] ?? 0;
  const minor = b[at + 2] ?? 0;
  return isRecordContentType(type) && major === 3 && minor <= 4 && u16(b, at + 3) <= MAX_RECORD_LENGTH;
}

/** Decides from the first bytes of a direction whether it speaks TLS. */
export function sniffTls(b: Uint8Array): Sniff {
  if (b.length < 3) return 'need-more';
  if (((b[0] ?? 0) & 0x80) !== 0) {
    // SSLv2 record: 15-bit length, then message type 1 (CLIENT-HELLO) and a version.
    const type = b[2] ?? 0;
    if (b.length < 5) return 'need-more';
    const version = u16(b, 3);
    return type === 1 && (version === 0x0002 || (version >> 8 === 3 && (version & 0xff) <= 4)) ? 'sslv2' : 'not-tls';
  }
  if (b.length < RECORD_HEADER) return 'need-more';
  return isPlausibleRecordHeader(b, 0) ? 'tls' : 'not-tls';
}

/**
 * Where TLS starts inside a plaintext stream (after a STARTTLS-style upgrade): the first offset
 * holding a handshake record whose first message is a ClientHello (client side) or ServerHello
 * (server side) with a length that fits the record. Nine consistent bytes do not occur in text.
 */
export function findHelloRecord(b: Uint8Array, from: number, client: boolean): number {
  const helloType = client ? HandshakeType.client_hello : HandshakeType.server_hello;
  for (let at = Math.max(0, from); at + 9 <= b.length; at++) {
    if (b[at] !== ContentType.handshake || b[at + 1] !== 3 || (b[at + 2] ?? 9) > 4) continue;
    if (b[at + 5] !== helloType) continue;
    const recordLength = u16(b, at + 3);
    const messageLength = u24(b, at + 6);
    if (recordLength >= 4 && recordLength <= MAX_RECORD_LENGTH && messageLength >= 34 && messageLength < 1 << 17) return at;
  }
  return -1;
}
