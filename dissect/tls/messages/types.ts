/**
 * Decoded handshake messages of SSL 3.0 through TLS 1.3 and DTLS (RFC 6101 5.6, RFC 5246 7.4,
 * RFC 8446 4, RFC 6347 4.2, with the RFCs each message names). Every field that decoded keeps its
 * span relative to the message body; a field that did not (the body was cut short or a length
 * lied) is `undefined`, and the reason is in `diagnostics`.
 */
import type { Diagnostic } from '../../diagnostics.js';
import type { CertificateStatusBody, ExtensionBlock } from '../extensions/types.js';
import type { KeyExchange } from '../tables/index.js';
import type { Field, NamedValue, Opaque, Span, TextOpaque, Vector } from './fields.js';
import type { Downgrade, Random } from './random.js';

export interface ClientHello {
  readonly kind: 'client_hello';
  /** legacy_version in TLS 1.3; the highest version the client speaks before it. */
  readonly version: NamedValue | undefined;
  readonly random: Random | undefined;
  readonly sessionId: Opaque | undefined;
  /** DTLS only (RFC 6347 4.2.1). */
  readonly cookie: Opaque | undefined;
  readonly cipherSuites: Vector<NamedValue> | undefined;
  readonly compressionMethods: Vector<NamedValue> | undefined;
  /** Absent when the hello ends after the compression methods (SSL 3.0 and early TLS clients). */
  readonly extensions: ExtensionBlock | undefined;
}

export interface ServerHello {
  readonly kind: 'server_hello';
  readonly version: NamedValue | undefined;
  readonly random: Random | undefined;
  /** The random is SHA-256("HelloRetryRequest") (RFC 8446 4.1.3). */
  readonly isHelloRetryRequest: boolean;
  readonly downgrade: Downgrade | undefined;
  /** Absent in the TLS 1.3 drafts before 22, which dropped it from ServerHello. */
  readonly sessionId: Opaque | undefined;
  readonly cipherSuite: NamedValue | undefined;
  /** Absent in the TLS 1.3 drafts before 22. */
  readonly compressionMethod: NamedValue | undefined;
  readonly extensions: ExtensionBlock | undefined;
}

/** RFC 6347 4.2.1. */
export interface HelloVerifyRequest {
  readonly kind: 'hello_verify_request';
  readonly version: NamedValue | undefined;
  readonly cookie: Opaque | undefined;
}

/** RFC 5077 3.3 (`tls12`) or RFC 8446 4.6.1 (`tls13`; drafts before 21 have no nonce). */
export interface NewSessionTicket {
  readonly kind: 'new_session_ticket';
  readonly form: 'tls12' | 'tls13';
  /** Seconds. */
  readonly lifetime: Field<number> | undefined;
  readonly ageAdd: Field<number> | undefined;
  readonly nonce: Opaque | undefined;
  readonly ticket: Opaque | undefined;
  readonly extensions: ExtensionBlock | undefined;
}

/** RFC 5246 7.4.1.1: empty. */
export interface HelloRequest {
  readonly kind: 'hello_request';
}

/** RFC 8446 4.5: empty. */
export interface EndOfEarlyData {
  readonly kind: 'end_of_early_data';
}

/** RFC 5246 7.4.5: empty. */
export interface ServerHelloDone {
  readonly kind: 'server_hello_done';
}

export interface EncryptedExtensions {
  readonly kind: 'encrypted_extensions';
  readonly extensions: ExtensionBlock | undefined;
}

export interface CertificateEntry {
  readonly span: Span;
  readonly length: Field<number>;
  /** The DER certificate (or raw public key, RFC 7250), as a view. */
  readonly der: Field<Uint8Array>;
  /** TLS 1.3 only (RFC 8446 4.4.2). */
  readonly extensions: ExtensionBlock | undefined;
}

/** RFC 5246 7.4.2 (`tls12`: a list of certificates) or RFC 8446 4.4.2 (`tls13`: context + entries). */
export interface CertificateMessage {
  readonly kind: 'certificate';
  readonly form: 'tls12' | 'tls13';
  readonly requestContext: Opaque | undefined;
  readonly certificates: Vector<CertificateEntry> | undefined;
}

/**
 * A signature over handshake data (RFC 5246 4.7 digitally-signed, RFC 8446 4.4.3): TLS 1.2 and
 * later name the algorithm; before, the signer's key type implies it.
 */
export interface DigitallySigned {
  readonly span: Span;
  readonly algorithm: NamedValue | undefined;
  /** Before TLS 1.2: what the key type implies (e.g. "RSA with MD5+SHA-1"), when known. */
  readonly impliedAlgorithm: string | undefined;
  readonly signature: Opaque | undefined;
}

/** RFC 5246 7.4.3 ServerRSAParams (export suites), ServerDHParams; RFC 8422 5.4; RFC 5054 2.8.1. */
export type ServerParams =
  | { readonly kind: 'rsa'; readonly span: Span; readonly modulus: Opaque | undefined; readonly exponent: Opaque | undefined }
  | { readonly kind: 'dh'; readonly span: Span; readonly p: Opaque | undefined; readonly g: Opaque | undefined; readonly publicValue: Opaque | undefined }
  | {
    readonly kind: 'ec';
    readonly span: Span;
    readonly curveType: NamedValue | undefined;
    readonly namedCurve: NamedValue | undefined;
    /** explicit_prime curves (RFC 4492 5.4): prime, a, b, base point, order, cofactor. */
    readonly explicitCurve: readonly Opaque[];
    readonly publicValue: Opaque | undefined;
  }
  | { readonly kind: 'srp'; readonly span: Span; readonly n: Opaque | undefined; readonly g: Opaque | undefined; readonly salt: Opaque | undefined; readonly b: Opaque | undefined };

export interface ServerKeyExchange {
  readonly kind: 'server_key_exchange';
  /** The suite's key exchange the layout followed; undefined when the caller did not know it. */
  readonly keyExchange: KeyExchange | undefined;
  /** RFC 4279 2, RFC 5489 2. */
  readonly pskIdentityHint: Opaque | undefined;
  readonly params: ServerParams | undefined;
  readonly signature: DigitallySigned | undefined;
  /** The body, when its layout could not be chosen (unknown key exchange). */
  readonly unparsed: Field<Uint8Array> | undefined;
}

/** RFC 5246 7.4.7.1-2, RFC 8422 5.7, RFC 4279 2-4, RFC 5489 2, RFC 5054 2.8.1. */
export type ClientExchange =
  /** SSL 3.0 sends the encrypted pre-master secret bare; TLS prefixes its length (`length`). */
  | { readonly kind: 'rsa'; readonly span: Span; readonly length: Field<number> | undefined; readonly encryptedPreMasterSecret: Field<Uint8Array> }
  /** `implicit`: the public value is in the client's certificate (fixed DH/ECDH) and the body is empty. */
  | { readonly kind: 'dh'; readonly span: Span; readonly implicit: boolean; readonly publicValue: Opaque | undefined }
  | { readonly kind: 'ec'; readonly span: Span; readonly implicit: boolean; readonly publicValue: Opaque | undefined }
  | { readonly kind: 'srp'; readonly span: Span; readonly publicValue: Opaque | undefined };

export interface ClientKeyExchange {
  readonly kind: 'client_key_exchange';
  readonly keyExchange: KeyExchange | undefined;
  readonly pskIdentity: Opaque | undefined;
  readonly exchange: ClientExchange | undefined;
  readonly unparsed: Field<Uint8Array> | undefined;
}

/** RFC 5246 7.4.4 (`tls12`, `tls10` without signature algorithms) or RFC 8446 4.3.2 (`tls13`). */
export interface CertificateRequest {
  readonly kind: 'certificate_request';
  readonly form: 'tls10' | 'tls12' | 'tls13';
  readonly certificateTypes: Vector<NamedValue> | undefined;
  readonly signatureAlgorithms: Vector<NamedValue> | undefined;
  readonly certificateAuthorities: Vector<Opaque> | undefined;
  readonly requestContext: Opaque | undefined;
  readonly extensions: ExtensionBlock | undefined;
}

export interface CertificateVerify {
  readonly kind: 'certificate_verify';
  readonly signature: DigitallySigned | undefined;
}

export interface Finished {
  readonly kind: 'finished';
  /** 12 bytes in TLS 1.0-1.2, 36 in SSL 3.0 (MD5 + SHA-1), the hash length in TLS 1.3. */
  readonly verifyData: Field<Uint8Array>;
}

/** RFC 6066 8 / RFC 6961 2.2. */
export interface CertificateStatus {
  readonly kind: 'certificate_status';
  readonly status: CertificateStatusBody;
}

/** RFC 8446 4.6.3. */
export interface KeyUpdate {
  readonly kind: 'key_update';
  readonly requestUpdate: NamedValue | undefined;
}

/** The certificate message inside a CompressedCertificate; spans are relative to `bytes`. */
export interface DecompressedCertificate {
  readonly bytes: Uint8Array;
  readonly certificate: CertificateMessage;
  readonly diagnostics: readonly Diagnostic[];
}

/** RFC 8879 4. */
export interface CompressedCertificate {
  readonly kind: 'compressed_certificate';
  readonly algorithm: NamedValue | undefined;
  readonly uncompressedLength: Field<number> | undefined;
  readonly compressed: Opaque | undefined;
  /** Undefined when the algorithm is not one node:zlib has, or the data did not decompress. */
  readonly decompressed: DecompressedCertificate | undefined;
}

/** RFC 6066 5. */
export interface UrlAndHash {
  readonly span: Span;
  readonly url: TextOpaque;
  readonly padding: Field<number> | undefined;
  readonly sha1Hash: Field<Uint8Array> | undefined;
}

export interface CertificateUrl {
  readonly kind: 'certificate_url';
  readonly chainType: NamedValue | undefined;
  readonly urls: Vector<UrlAndHash> | undefined;
}

/** RFC 4680 2. */
export interface SupplementalDataEntry {
  readonly span: Span;
  readonly dataType: NamedValue;
  readonly data: Opaque | undefined;
}

export interface SupplementalData {
  readonly kind: 'supplemental_data';
  readonly entries: Vector<SupplementalDataEntry> | undefined;
}

/** RFC 8446 4.4.1: stands in for ClientHello1 in the transcript after a HelloRetryRequest. */
export interface MessageHash {
  readonly kind: 'message_hash';
  readonly hash: Field<Uint8Array>;
}

/** draft-agl-tls-nextprotoneg 4: the client's choice, padded to hide its length. */
export interface NextProtocol {
  readonly kind: 'next_protocol';
  readonly selectedProtocol: TextOpaque | undefined;
  readonly padding: Opaque | undefined;
}

/** A type keyhole has no layout for; its bytes are kept. */
export interface UnknownMessage {
  readonly kind: 'unknown';
  readonly data: Field<Uint8Array>;
}

export type HandshakeFields =
  | HelloRequest | ClientHello | ServerHello | HelloVerifyRequest | NewSessionTicket | EndOfEarlyData
  | EncryptedExtensions | CertificateMessage | ServerKeyExchange | CertificateRequest
  | ServerHelloDone | CertificateVerify | ClientKeyExchange | Finished | CertificateStatus | KeyUpdate
  | CompressedCertificate | CertificateUrl | SupplementalData | MessageHash | NextProtocol
  | UnknownMessage;

export interface HandshakeHeader {
  /** The msg_type byte. */
  readonly type: number;
  /** Display name, e.g. "ClientHello" (HelloRetryRequest for a ServerHello with the marker random). */
  readonly title: string;
  /** The message body as given (no header). */
  readonly body: Uint8Array;
  readonly diagnostics: readonly Diagnostic[];
}

export type DecodedHandshake = HandshakeHeader & HandshakeFields;
