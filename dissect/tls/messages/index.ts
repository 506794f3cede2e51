/**
 * TLS and DTLS handshake messages, SSL 3.0 through TLS 1.3 (RFC 6101, RFC 5246 7.4, RFC 8446 4,
 * RFC 6347 4.2): decode a message body given what the session knows so far, and print it as a
 * detail tree. Also the DTLS handshake header and the SSLv2-compatible ClientHello.
 */
export { decodeHandshake, handshakeTree } from './decode.js';
export { type CertificateKeyType, type HandshakeContext, hasSignatureScheme, isDtlsVersion, isTls13 } from './context.js';
export type { Field, NamedValue, Opaque, Span, TextOpaque, Vector } from './fields.js';
export { type Downgrade, HELLO_RETRY_REQUEST_RANDOM, type Random } from './random.js';
export { selectedVersion } from './server-hello.js';
export type {
  CertificateEntry, CertificateMessage, CertificateRequest, CertificateStatus, CertificateUrl, CertificateVerify,
  ClientExchange, ClientHello, ClientKeyExchange, CompressedCertificate, DecodedHandshake, DecompressedCertificate,
  DigitallySigned, EncryptedExtensions, EndOfEarlyData, Finished, HandshakeFields, HandshakeHeader, HelloRequest,
  HelloVerifyRequest, KeyUpdate, MessageHash, NewSessionTicket, NextProtocol, ServerHello, ServerHelloDone,
  ServerKeyExchange, ServerParams, SupplementalData, SupplementalDataEntry, UnknownMessage, UrlAndHash,
} from './types.js';
export { DTLS_HANDSHAKE_HEADER_LENGTH, type DtlsHandshakeHeader, decodeDtlsHandshakeHeader, dtlsHandshakeHeaderTree } from './dtls-header.js';
export { type Sslv2CipherSpec, type Sslv2ClientHello, decodeSslv2ClientHello, sslv2ClientHelloTree } from './sslv2-client-hello.js';
export { MAX_DECOMPRESSED_CERTIFICATE } from './compressed-certificate.js';
