/**
 * What record protection and key derivation need to know about a negotiated version: SSL 3.0
 * (RFC 6101), TLS 1.0 (RFC 2246), 1.1 (RFC 4346), 1.2 (RFC 5246), 1.3 and its drafts (RFC 8446),
 * DTLS 1.0 (RFC 4347, and OpenSSL's pre-0.9.8f code point) and DTLS 1.2 (RFC 6347).
 */
import { ProtocolVersion, draftNumber } from '../tls/tables/index.js';

/**
 * The protocol whose key schedule and record format a version uses. DTLS 1.0 is TLS 1.1 on
 * datagrams (MD5/SHA-1 PRF, explicit CBC IV) and DTLS 1.2 is TLS 1.2 on datagrams.
 */
export type Generation = 'ssl3' | 'tls10' | 'tls11' | 'tls12' | 'tls13';

export interface VersionTraits {
  readonly generation: Generation;
  readonly datagram: boolean;
  /** The draft-ietf-tls-tls13 revision for draft code points; 0 otherwise. */
  readonly draft: number;
  /**
   * Set where an implementation MACed records unlike its RFC: the version the MAC header carries
   * instead of the record's, with the epoch left out of the sequence number.
   */
  readonly legacyMacVersion?: number;
}

const FINAL_VERSIONS: ReadonlyMap<number, VersionTraits> = new Map<number, VersionTraits>([
  [ProtocolVersion.SSL_3_0, { generation: 'ssl3', datagram: false, draft: 0 }],
  [ProtocolVersion.TLS_1_0, { generation: 'tls10', datagram: false, draft: 0 }],
  [ProtocolVersion.TLS_1_1, { generation: 'tls11', datagram: false, draft: 0 }],
  [ProtocolVersion.TLS_1_2, { generation: 'tls12', datagram: false, draft: 0 }],
  [ProtocolVersion.TLS_1_3, { generation: 'tls13', datagram: false, draft: 0 }],
  [ProtocolVersion.DTLS_1_0, { generation: 'tls11', datagram: true, draft: 0 }],
  // OpenSSL before 0.9.8f MACed DTLS records as TLS 1.0 ones, numbered within the epoch (as Wireshark finds).
  [ProtocolVersion.DTLS_1_0_OPENSSL_PRE_0_9_8F, { generation: 'tls11', datagram: true, draft: 0, legacyMacVersion: ProtocolVersion.TLS_1_0 }],
  [ProtocolVersion.DTLS_1_2, { generation: 'tls12', datagram: true, draft: 0 }],
]);

/** Traits of a negotiated version; undefined for versions keyhole cannot decrypt (SSL 2, GMTLS, DTLS 1.3). */
export function versionTraits(version: number): VersionTraits | undefined {
  const known = FINAL_VERSIONS.get(version);
  if (known !== undefined) return known;
  const draft = draftNumber(version);
  return draft === undefined ? undefined : { generation: 'tls13', datagram: false, draft };
}
