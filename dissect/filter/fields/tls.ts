/**
 * TLS fields, named as Wireshark 4.0's TLS dissector names them: record layer (RFC 8446 5.1,
 * RFC 5246 6.2; a decrypted record shows its inner content type, as Wireshark does with keys),
 * alerts (RFC 8446 6), and handshake messages (RFC 8446 4) with SNI (RFC 6066 3), ALPN (RFC 7301)
 * and the JA3/JA3S fingerprints. tls.handshake.ja4 is the name Wireshark 4.2 gave JA4 (4.0 has
 * none). keyhole.decrypted marks frames whose records keyhole decrypted.
 */
import { u16 } from '../../bytes.js';
import { findExtension } from '../../tls/extensions/block.js';
import type { ExtensionBlock } from '../../tls/extensions/types.js';
import { ja3, ja3s, ja4 } from '../../tls/fingerprints/index.js';
import type { HandshakeMessage } from '../../tls/handshake-reassembler.js';
import type { ClientHello, DecodedHandshake, ServerHello } from '../../tls/messages/types.js';
import type { TlsRecordEvent } from '../../tls/session.js';
import { ContentType, ExtensionType } from '../../tls/tables/index.js';
import type { FieldValue } from '../values.js';
import { presence, type FieldTable } from './spec.js';

function contentTypeOf(event: TlsRecordEvent): number {
  return event.opened?.contentType ?? event.record.contentType;
}

/** The record's content as Wireshark dissects it: the plaintext when decrypted, else the clear fragment. */
function contentOf(event: TlsRecordEvent): Uint8Array | undefined {
  if (event.opened !== undefined) return event.opened.plaintext;
  return event.protected ? undefined : event.record.fragment;
}

/** Every (level, description) pair of an alert record, read from every second byte. */
function alertBytes(event: TlsRecordEvent, offset: 0 | 1): FieldValue[] {
  const content = contentTypeOf(event) === ContentType.alert ? contentOf(event) : undefined;
  if (content === undefined) return [];
  const out: FieldValue[] = [];
  for (let at = 0; at + 1 < content.length; at += 2) out.push(content[at + offset] ?? 0);
  return out;
}

export const RECORD_FIELDS = {
  'tls.record': presence(() => true),
  'tls.record.content_type': { type: 'uint', values: (e) => [contentTypeOf(e)] },
  'tls.record.version': { type: 'uint', values: (e) => [e.record.version] },
  'tls.record.length': { type: 'uint', values: (e) => [e.record.length] },
  'tls.handshake': presence((e) => contentTypeOf(e) === ContentType.handshake),
  'tls.alert_message': presence((e) => contentTypeOf(e) === ContentType.alert),
  'tls.alert_message.level': { type: 'uint', values: (e) => alertBytes(e, 0) },
  'tls.alert_message.desc': { type: 'uint', values: (e) => alertBytes(e, 1) },
  'keyhole.decrypted': presence((e) => e.opened !== undefined),
} as const satisfies FieldTable<TlsRecordEvent>;

/** A handshake message, or the type and version of an SSLv2-format ClientHello (RFC 6101 E.2), which is all Wireshark shows of one. */
export interface MessageContext {
  readonly type: number;
  readonly version: number | undefined;
  readonly decoded: DecodedHandshake | undefined;
}

export function messageContext(message: HandshakeMessage, decoded: DecodedHandshake): MessageContext {
  // A DTLS HelloVerifyRequest's server_version is a handshake version too (RFC 6347 4.2.1).
  const version = decoded.kind === 'hello_verify_request' ? decoded.version : hello(decoded)?.version;
  return { type: message.type, version: version?.value, decoded };
}

/** An SSLv2 record's body starts with msg_type and the client's version. */
export function sslv2HelloContext(fragment: Uint8Array): MessageContext | undefined {
  return fragment.length < 3 ? undefined : { type: fragment[0] ?? 0, version: u16(fragment, 1), decoded: undefined };
}

function extensionsOf(decoded: DecodedHandshake | undefined): ExtensionBlock | undefined {
  return decoded === undefined ? undefined : decoded.kind === 'client_hello' || decoded.kind === 'server_hello' || decoded.kind === 'encrypted_extensions' ? decoded.extensions : undefined;
}

function serverNames(decoded: DecodedHandshake | undefined): FieldValue[] {
  const body = findExtension(extensionsOf(decoded), ExtensionType.server_name)?.body;
  if (body?.kind !== 'server_name') return [];
  return (body.names?.items ?? []).flatMap((n) => (n.hostName === undefined ? [] : [n.hostName.text]));
}

function alpnProtocols(decoded: DecodedHandshake | undefined): FieldValue[] {
  const body = findExtension(extensionsOf(decoded), ExtensionType.application_layer_protocol_negotiation)?.body;
  return body?.kind === 'protocols' ? (body.protocols?.items ?? []).map((p) => p.text) : [];
}

function cipherSuites(decoded: DecodedHandshake | undefined): FieldValue[] {
  if (decoded?.kind === 'client_hello') return (decoded.cipherSuites?.items ?? []).map((s) => s.value);
  if (decoded?.kind === 'server_hello' && decoded.cipherSuite !== undefined) return [decoded.cipherSuite.value];
  return [];
}

function hello(decoded: DecodedHandshake | undefined): ClientHello | ServerHello | undefined {
  return decoded?.kind === 'client_hello' || decoded?.kind === 'server_hello' ? decoded : undefined;
}

function optional(value: FieldValue | undefined): FieldValue[] {
  return value === undefined ? [] : [value];
}

/** Wireshark adds no session_id item for an empty one. */
function sessionId(decoded: DecodedHandshake | undefined): FieldValue[] {
  const id = hello(decoded)?.sessionId?.data.value;
  return id === undefined || id.length === 0 ? [] : [id];
}

export const MESSAGE_FIELDS = {
  'tls.handshake.type': { type: 'uint', values: (c) => [c.type] },
  'tls.handshake.version': { type: 'uint', values: (c) => optional(c.version) },
  'tls.handshake.random': { type: 'bytes', values: (c) => optional(hello(c.decoded)?.random?.value) },
  'tls.handshake.session_id_length': { type: 'uint', values: (c) => optional(hello(c.decoded)?.sessionId?.data.value.length) },
  'tls.handshake.session_id': { type: 'bytes', values: (c) => sessionId(c.decoded) },
  'tls.handshake.ciphersuite': { type: 'uint', values: (c) => cipherSuites(c.decoded) },
  'tls.handshake.extension.type': { type: 'uint', values: (c) => (extensionsOf(c.decoded)?.items ?? []).map((e) => e.type.value) },
  'tls.handshake.extensions_server_name': { type: 'string', values: (c) => serverNames(c.decoded) },
  'tls.handshake.extensions_alpn_str': { type: 'string', values: (c) => alpnProtocols(c.decoded) },
  'tls.handshake.ja3': { type: 'string', values: (c) => (c.decoded?.kind === 'client_hello' ? [ja3(c.decoded).hash] : []) },
  'tls.handshake.ja3_full': { type: 'string', values: (c) => (c.decoded?.kind === 'client_hello' ? [ja3(c.decoded).full] : []) },
  'tls.handshake.ja3s': { type: 'string', values: (c) => (c.decoded?.kind === 'server_hello' ? [ja3s(c.decoded).hash] : []) },
  'tls.handshake.ja3s_full': { type: 'string', values: (c) => (c.decoded?.kind === 'server_hello' ? [ja3s(c.decoded).full] : []) },
  'tls.handshake.ja4': { type: 'string', values: (c) => (c.decoded?.kind === 'client_hello' ? [ja4(c.decoded).ja4] : []) },
} as const satisfies FieldTable<MessageContext>;
