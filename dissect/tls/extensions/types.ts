/**
 * Decoded TLS extensions (RFC 8446 4.2, RFC 6066, RFC 7301, RFC 8422, RFC 7627, RFC 7366, RFC 5746,
 * RFC 6962, RFC 7685, RFC 8449, RFC 8879, RFC 8472, RFC 9146, RFC 9001, draft-ietf-tls-esni,
 * draft-vvv-tls-alps, draft-agl-tls-nextprotoneg). An extension's body depends on the message it
 * sits in; every field keeps its span relative to the handshake message body.
 */
import type { Field, NamedValue, Opaque, Span, TextOpaque, Vector } from '../messages/fields.js';

export type { NamedValue, TextOpaque } from '../messages/fields.js';

/** The messages extensions appear in (RFC 8446 4.2 table: CH, SH, HRR, EE, CT, CR, NST). */
export type ExtensionContext =
  | 'client_hello' | 'server_hello' | 'hello_retry_request' | 'encrypted_extensions'
  | 'certificate' | 'certificate_request' | 'new_session_ticket';

export interface ServerName {
  readonly span: Span;
  readonly nameType: NamedValue;
  readonly hostName: TextOpaque | undefined;
}

export interface KeyShareEntry {
  readonly span: Span;
  readonly group: NamedValue;
  readonly keyExchange: Opaque | undefined;
}

export interface PskIdentity {
  readonly span: Span;
  readonly identity: Opaque;
  readonly obfuscatedTicketAge: Field<number> | undefined;
}

/** RFC 6962 3.2 SignedCertificateTimestamp. */
export interface SignedCertificateTimestamp {
  readonly span: Span;
  readonly length: Field<number>;
  readonly version: NamedValue | undefined;
  readonly logId: Field<Uint8Array> | undefined;
  /** Milliseconds since 1970. */
  readonly timestamp: Field<number> | undefined;
  readonly extensions: Opaque | undefined;
  readonly signatureAlgorithm: NamedValue | undefined;
  readonly signature: Opaque | undefined;
}

/** RFC 6066 8 CertificateStatusRequest (the OCSP form). */
export interface StatusRequestBody {
  readonly kind: 'status_request';
  readonly statusType: NamedValue | undefined;
  readonly responderIds: Vector<Opaque> | undefined;
  readonly requestExtensions: Opaque | undefined;
}

/** RFC 8446 4.4.2.1: the OCSP response a TLS 1.3 CertificateEntry carries (RFC 6066 8 CertificateStatus). */
export interface CertificateStatusBody {
  readonly kind: 'certificate_status';
  readonly statusType: NamedValue | undefined;
  readonly response: Opaque | undefined;
  /** ocsp_multi (RFC 6961): one response per certificate of the chain. */
  readonly responses: Vector<Opaque> | undefined;
}

/** draft-ietf-tls-esni 5: the outer ClientHello's ECH, or the inner's one-byte marker. */
export interface EchBody {
  readonly kind: 'ech';
  readonly echType: NamedValue | undefined;
  readonly kdf: NamedValue | undefined;
  readonly aead: NamedValue | undefined;
  readonly configId: Field<number> | undefined;
  readonly enc: Opaque | undefined;
  readonly payload: Opaque | undefined;
}

export type ExtensionBody =
  /** Flags (extended_master_secret, ...) and the empty replies (server_name in ServerHello). */
  | { readonly kind: 'empty' }
  /** Bytes with no inner structure keyhole reads (session tickets, QUIC parameters, unknown types): see `data`. */
  | { readonly kind: 'raw' }
  | { readonly kind: 'value'; readonly value: NamedValue | undefined }
  | { readonly kind: 'list'; readonly values: Vector<NamedValue> | undefined }
  | { readonly kind: 'opaque'; readonly value: Opaque | undefined }
  | { readonly kind: 'opaque_list'; readonly items: Vector<Opaque> | undefined }
  | { readonly kind: 'padding'; readonly length: number; readonly allZero: boolean }
  | { readonly kind: 'server_name'; readonly names: Vector<ServerName> | undefined }
  | { readonly kind: 'protocols'; readonly protocols: Vector<TextOpaque> | undefined }
  /** NPN's server list has no outer length: the names fill the extension. */
  | { readonly kind: 'next_protocols'; readonly protocols: readonly TextOpaque[] }
  | { readonly kind: 'key_shares'; readonly shares: Vector<KeyShareEntry> | undefined }
  | { readonly kind: 'key_share'; readonly share: KeyShareEntry | undefined }
  | { readonly kind: 'pre_shared_key'; readonly identities: Vector<PskIdentity> | undefined; readonly binders: Vector<Opaque> | undefined }
  | { readonly kind: 'sct_list'; readonly timestamps: Vector<SignedCertificateTimestamp> | undefined }
  | { readonly kind: 'token_binding'; readonly version: Field<number> | undefined; readonly parameters: Vector<NamedValue> | undefined }
  | StatusRequestBody
  | CertificateStatusBody
  | EchBody;

export interface Extension {
  readonly type: NamedValue;
  readonly length: Field<number>;
  /** The extension's data (after type and length), as a view. */
  readonly data: Field<Uint8Array>;
  readonly span: Span;
  /** The message the extension was read in; its body's layout depends on it. */
  readonly where: ExtensionContext;
  readonly body: ExtensionBody;
}

export type ExtensionBlock = Vector<Extension>;
