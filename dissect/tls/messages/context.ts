/**
 * What a handshake message's layout depends on besides its own bytes (RFC 8446 4, RFC 5246 7.4,
 * RFC 6347 4.2, RFC 4279, RFC 5054, RFC 8422): the negotiated version, the cipher suite's key
 * exchange, the signer's key type. Every member is optional: when the caller does not know one,
 * the decoders infer the layout from the message's own lengths.
 */
import type { CipherSuiteInfo } from '../tables/index.js';
import { ProtocolVersion, isTls13Draft } from '../tables/index.js';

/** Key type of a certificate, as far as signature layouts before TLS 1.2 care. */
export type CertificateKeyType = 'rsa' | 'dsa' | 'ecdsa';

export interface HandshakeContext {
  /** Who sent the message. */
  readonly direction?: 'client' | 'server';
  readonly isDtls?: boolean;
  /** The version negotiated so far (the ServerHello's, or supported_versions' choice). */
  readonly version?: number;
  /** The negotiated suite's row: ServerKeyExchange and ClientKeyExchange follow its key exchange. */
  readonly cipherSuite?: CipherSuiteInfo;
  /**
   * Key type of the certificate that signs this message (the server's for ServerKeyExchange, the
   * client's for CertificateVerify). Before TLS 1.2 it alone decides the signature algorithm.
   */
  readonly certificateKey?: CertificateKeyType;
}

/** TLS 1.3, DTLS 1.3 and the TLS 1.3 drafts. */
export function isTls13(version: number): boolean {
  return version === ProtocolVersion.TLS_1_3 || version === ProtocolVersion.DTLS_1_3 || isTls13Draft(version);
}

/** DTLS versions count down from 0xfeff; OpenSSL before 0.9.8f used 0x0100. */
export function isDtlsVersion(version: number): boolean {
  return version >= 0xfe00 || version === ProtocolVersion.DTLS_1_0_OPENSSL_PRE_0_9_8F;
}

/**
 * Whether signatures carry a SignatureAndHashAlgorithm (RFC 5246 4.7) or SignatureScheme: TLS 1.2,
 * DTLS 1.2 and everything after.
 */
export function hasSignatureScheme(version: number): boolean {
  if (isTls13(version)) return true;
  if (isDtlsVersion(version)) return version !== ProtocolVersion.DTLS_1_0_OPENSSL_PRE_0_9_8F && version <= ProtocolVersion.DTLS_1_2;
  return version >= ProtocolVersion.TLS_1_2;
}
