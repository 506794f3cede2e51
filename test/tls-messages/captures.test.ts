/**
 * Every handshake message of the public captures (data/*.json, taken once with tshark 4.0) decodes
 * without a diagnostic, and its fields equal the ones tshark printed for the same bytes.
 */
import test from 'ava';
import { hex } from '../../dissect/bytes.js';
import { findExtension } from '../../dissect/tls/extensions/index.js';
import type { ExtensionBlock, ExtensionBody } from '../../dissect/tls/extensions/index.js';
import { type DecodedHandshake, type NamedValue, type Opaque, type Vector, decodeHandshake } from '../../dissect/tls/messages/index.js';
import { ja3, ja3s } from '../../dissect/tls/fingerprints/index.js';
import { ExtensionType, isTls13Draft } from '../../dissect/tls/tables/index.js';
import { type CaptureMessage, type FieldKind, bytes, contextOf, field, loadCaptureVectors, sameValues } from './vectors.js';

type Value = number | string | Uint8Array;

interface Check {
  /** tshark field name without its tls./dtls. prefix. */
  readonly field: string;
  readonly kind: FieldKind;
  readonly ours: (message: DecodedHandshake) => readonly Value[];
}

const show = (value: Value): string => (value instanceof Uint8Array ? hex(value) : String(value));
const values = (vector: Vector<NamedValue> | undefined): number[] => vector?.items.map((item) => item.value) ?? [];
const one = <T extends Value>(value: T | undefined): T[] => (value === undefined ? [] : [value]);
/** tshark prints a vector's data only when it is not empty. */
const opaqueData = (opaque: Opaque | undefined): Uint8Array[] => (opaque === undefined || opaque.data.value.length === 0 ? [] : [opaque.data.value]);

function bodyOf(block: ExtensionBlock | undefined, type: number): ExtensionBody | undefined {
  return findExtension(block, type)?.body;
}

function extensionValues(block: ExtensionBlock | undefined, type: number): number[] {
  const body = bodyOf(block, type);
  if (body?.kind === 'list') return values(body.values);
  return body?.kind === 'value' ? one(body.value?.value) : [];
}

const extensionsOf = (message: DecodedHandshake): ExtensionBlock | undefined => ('extensions' in message ? message.extensions : undefined);

/** Checks every message with extensions gets: the extension list and the fields of common extensions. */
const EXTENSION_CHECKS: readonly Check[] = [
  { field: 'handshake.extensions_length', kind: 'number', ours: (m) => one(extensionsOf(m)?.length.value) },
  { field: 'handshake.extension.type', kind: 'number', ours: (m) => extensionsOf(m)?.items.map((e) => e.type.value) ?? [] },
  { field: 'handshake.extension.len', kind: 'number', ours: (m) => extensionsOf(m)?.items.map((e) => e.length.value) ?? [] },
  {
    field: 'handshake.extensions_server_name', kind: 'text', ours: (m) => {
      const body = bodyOf(extensionsOf(m), ExtensionType.server_name);
      return body?.kind === 'server_name' ? body.names?.items.flatMap((name) => one(name.hostName?.text)) ?? [] : [];
    },
  },
  {
    field: 'handshake.extensions_alpn_str', kind: 'text', ours: (m) => {
      const body = bodyOf(extensionsOf(m), ExtensionType.application_layer_protocol_negotiation);
      return body?.kind === 'protocols' ? body.protocols?.items.map((protocol) => protocol.text) ?? [] : [];
    },
  },
  { field: 'handshake.extensions_supported_group', kind: 'number', ours: (m) => extensionValues(extensionsOf(m), ExtensionType.supported_groups) },
  { field: 'handshake.extensions_ec_point_format', kind: 'number', ours: (m) => extensionValues(extensionsOf(m), ExtensionType.ec_point_formats) },
  { field: 'handshake.extensions.supported_version', kind: 'number', ours: (m) => extensionValues(extensionsOf(m), ExtensionType.supported_versions) },
  { field: 'handshake.extension.heartbeat.mode', kind: 'number', ours: (m) => extensionValues(extensionsOf(m), ExtensionType.heartbeat) },
  { field: 'extension.psk_ke_mode', kind: 'number', ours: (m) => extensionValues(extensionsOf(m), ExtensionType.psk_key_exchange_modes) },
  { field: 'early_data.max_early_data_size', kind: 'number', ours: (m) => extensionValues(extensionsOf(m), ExtensionType.early_data) },
  {
    field: 'handshake.extensions_key_share_group', kind: 'number', ours: (m) => {
      const block = extensionsOf(m);
      const body = bodyOf(block, ExtensionType.key_share) ?? bodyOf(block, ExtensionType.key_share_old);
      if (body?.kind === 'key_shares') return body.shares?.items.map((share) => share.group.value) ?? [];
      return body?.kind === 'key_share' ? one(body.share?.group.value) : [];
    },
  },
  {
    field: 'handshake.extensions.psk.identity.obfuscated_ticket_age', kind: 'number', ours: (m) => {
      const body = bodyOf(extensionsOf(m), ExtensionType.pre_shared_key);
      return body?.kind === 'pre_shared_key' ? body.identities?.items.flatMap((identity) => one(identity.obfuscatedTicketAge?.value)) ?? [] : [];
    },
  },
  {
    field: 'handshake.extensions_reneg_info_len', kind: 'number', ours: (m) => {
      const body = bodyOf(extensionsOf(m), ExtensionType.renegotiation_info);
      return body?.kind === 'opaque' ? one(body.value?.length.value) : [];
    },
  },
];

/** Per message kind, the tshark fields to compare (tshark 4.0 names, see `tshark -G fields`). */
const CHECKS: Partial<Record<DecodedHandshake['kind'], readonly Check[]>> = {
  client_hello: [
    { field: 'handshake.version', kind: 'number', ours: (m) => (m.kind === 'client_hello' ? one(m.version?.value) : []) },
    { field: 'handshake.random', kind: 'bytes', ours: (m) => (m.kind === 'client_hello' ? one(m.random?.value) : []) },
    { field: 'handshake.session_id_length', kind: 'number', ours: (m) => (m.kind === 'client_hello' ? one(m.sessionId?.length.value) : []) },
    { field: 'handshake.session_id', kind: 'bytes', ours: (m) => (m.kind === 'client_hello' ? opaqueData(m.sessionId) : []) },
    { field: 'handshake.cookie_length', kind: 'number', ours: (m) => (m.kind === 'client_hello' ? one(m.cookie?.length.value) : []) },
    { field: 'handshake.cookie', kind: 'bytes', ours: (m) => (m.kind === 'client_hello' ? opaqueData(m.cookie) : []) },
    { field: 'handshake.cipher_suites_length', kind: 'number', ours: (m) => (m.kind === 'client_hello' ? one(m.cipherSuites?.length.value) : []) },
    { field: 'handshake.ciphersuite', kind: 'number', ours: (m) => (m.kind === 'client_hello' ? values(m.cipherSuites) : []) },
    { field: 'handshake.comp_methods_length', kind: 'number', ours: (m) => (m.kind === 'client_hello' ? one(m.compressionMethods?.length.value) : []) },
    { field: 'handshake.comp_method', kind: 'number', ours: (m) => (m.kind === 'client_hello' ? values(m.compressionMethods) : []) },
    { field: 'handshake.sig_hash_alg', kind: 'number', ours: (m) => [...extensionValues(extensionsOf(m), ExtensionType.signature_algorithms), ...extensionValues(extensionsOf(m), ExtensionType.signature_algorithms_cert)] },
    { field: 'handshake.ja3_full', kind: 'text', ours: (m) => (m.kind === 'client_hello' ? [ja3(m).full] : []) },
    { field: 'handshake.ja3', kind: 'text', ours: (m) => (m.kind === 'client_hello' ? [ja3(m).hash] : []) },
    ...EXTENSION_CHECKS,
  ],
  server_hello: [
    { field: 'handshake.version', kind: 'number', ours: (m) => (m.kind === 'server_hello' ? one(m.version?.value) : []) },
    { field: 'handshake.random', kind: 'bytes', ours: (m) => (m.kind === 'server_hello' ? one(m.random?.value) : []) },
    { field: 'handshake.session_id_length', kind: 'number', ours: (m) => (m.kind === 'server_hello' ? one(m.sessionId?.length.value) : []) },
    { field: 'handshake.session_id', kind: 'bytes', ours: (m) => (m.kind === 'server_hello' ? opaqueData(m.sessionId) : []) },
    { field: 'handshake.ciphersuite', kind: 'number', ours: (m) => (m.kind === 'server_hello' ? one(m.cipherSuite?.value) : []) },
    { field: 'handshake.comp_method', kind: 'number', ours: (m) => (m.kind === 'server_hello' ? one(m.compressionMethod?.value) : []) },
    { field: 'handshake.ja3s_full', kind: 'text', ours: (m) => (m.kind === 'server_hello' ? [ja3s(m).full] : []) },
    { field: 'handshake.ja3s', kind: 'text', ours: (m) => (m.kind === 'server_hello' ? [ja3s(m).hash] : []) },
    {
      field: 'handshake.extensions.psk.identity.selected', kind: 'number', ours: (m) => {
        const body = bodyOf(extensionsOf(m), ExtensionType.pre_shared_key);
        return body?.kind === 'value' ? one(body.value?.value) : [];
      },
    },
    ...EXTENSION_CHECKS,
  ],
  hello_verify_request: [
    { field: 'handshake.version', kind: 'number', ours: (m) => (m.kind === 'hello_verify_request' ? one(m.version?.value) : []) },
    { field: 'handshake.cookie_length', kind: 'number', ours: (m) => (m.kind === 'hello_verify_request' ? one(m.cookie?.length.value) : []) },
    { field: 'handshake.cookie', kind: 'bytes', ours: (m) => (m.kind === 'hello_verify_request' ? opaqueData(m.cookie) : []) },
  ],
  new_session_ticket: [
    { field: 'handshake.session_ticket_lifetime_hint', kind: 'number', ours: (m) => (m.kind === 'new_session_ticket' ? one(m.lifetime?.value) : []) },
    { field: 'handshake.session_ticket_age_add', kind: 'number', ours: (m) => (m.kind === 'new_session_ticket' ? one(m.ageAdd?.value) : []) },
    { field: 'handshake.session_ticket_nonce_length', kind: 'number', ours: (m) => (m.kind === 'new_session_ticket' ? one(m.nonce?.length.value) : []) },
    { field: 'handshake.session_ticket_length', kind: 'number', ours: (m) => (m.kind === 'new_session_ticket' ? one(m.ticket?.length.value) : []) },
    { field: 'handshake.session_ticket', kind: 'bytes', ours: (m) => (m.kind === 'new_session_ticket' ? opaqueData(m.ticket) : []) },
    ...EXTENSION_CHECKS,
  ],
  encrypted_extensions: EXTENSION_CHECKS,
  certificate: [
    { field: 'handshake.certificates_length', kind: 'number', ours: (m) => (m.kind === 'certificate' ? one(m.certificates?.length.value) : []) },
    { field: 'handshake.certificate_length', kind: 'number', ours: (m) => (m.kind === 'certificate' ? m.certificates?.items.map((entry) => entry.length.value) ?? [] : []) },
    { field: 'handshake.certificate', kind: 'bytes', ours: (m) => (m.kind === 'certificate' ? m.certificates?.items.map((entry) => entry.der.value) ?? [] : []) },
    { field: 'handshake.certificate_request_context_length', kind: 'number', ours: (m) => (m.kind === 'certificate' ? one(m.requestContext?.length.value) : []) },
  ],
  server_key_exchange: [
    { field: 'handshake.p_len', kind: 'number', ours: (m) => (m.kind === 'server_key_exchange' && m.params?.kind === 'dh' ? one(m.params.p?.length.value) : []) },
    { field: 'handshake.g_len', kind: 'number', ours: (m) => (m.kind === 'server_key_exchange' && m.params?.kind === 'dh' ? one(m.params.g?.length.value) : []) },
    { field: 'handshake.ys', kind: 'bytes', ours: (m) => (m.kind === 'server_key_exchange' && m.params?.kind === 'dh' ? opaqueData(m.params.publicValue) : []) },
    { field: 'handshake.modulus_len', kind: 'number', ours: (m) => (m.kind === 'server_key_exchange' && m.params?.kind === 'rsa' ? one(m.params.modulus?.length.value) : []) },
    { field: 'handshake.exponent', kind: 'bytes', ours: (m) => (m.kind === 'server_key_exchange' && m.params?.kind === 'rsa' ? opaqueData(m.params.exponent) : []) },
    { field: 'handshake.server_curve_type', kind: 'number', ours: (m) => (m.kind === 'server_key_exchange' && m.params?.kind === 'ec' ? one(m.params.curveType?.value) : []) },
    { field: 'handshake.server_named_curve', kind: 'number', ours: (m) => (m.kind === 'server_key_exchange' && m.params?.kind === 'ec' ? one(m.params.namedCurve?.value) : []) },
    { field: 'handshake.server_point', kind: 'bytes', ours: (m) => (m.kind === 'server_key_exchange' && m.params?.kind === 'ec' ? opaqueData(m.params.publicValue) : []) },
    { field: 'handshake.sig_hash_alg', kind: 'number', ours: (m) => (m.kind === 'server_key_exchange' ? one(m.signature?.algorithm?.value) : []) },
    { field: 'handshake.sig_len', kind: 'number', ours: (m) => (m.kind === 'server_key_exchange' ? one(m.signature?.signature?.length.value) : []) },
    { field: 'handshake.sig', kind: 'bytes', ours: (m) => (m.kind === 'server_key_exchange' ? opaqueData(m.signature?.signature) : []) },
  ],
  certificate_request: [
    { field: 'handshake.cert_types_count', kind: 'number', ours: (m) => (m.kind === 'certificate_request' ? one(m.certificateTypes?.length.value) : []) },
    { field: 'handshake.cert_type', kind: 'number', ours: (m) => (m.kind === 'certificate_request' ? values(m.certificateTypes) : []) },
    { field: 'handshake.sig_hash_alg', kind: 'number', ours: (m) => (m.kind === 'certificate_request' ? values(m.signatureAlgorithms) : []) },
    { field: 'handshake.dnames_len', kind: 'number', ours: (m) => (m.kind === 'certificate_request' ? one(m.certificateAuthorities?.length.value) : []) },
    { field: 'handshake.dname_len', kind: 'number', ours: (m) => (m.kind === 'certificate_request' ? m.certificateAuthorities?.items.map((name) => name.length.value) ?? [] : []) },
  ],
  certificate_verify: [
    { field: 'handshake.sig_hash_alg', kind: 'number', ours: (m) => (m.kind === 'certificate_verify' ? one(m.signature?.algorithm?.value) : []) },
    { field: 'handshake.client_cert_vrfy.sig_len', kind: 'number', ours: (m) => (m.kind === 'certificate_verify' ? one(m.signature?.signature?.length.value) : []) },
  ],
  client_key_exchange: [
    { field: 'handshake.epms_len', kind: 'number', ours: (m) => (m.kind === 'client_key_exchange' && m.exchange?.kind === 'rsa' ? one(m.exchange.length?.value) : []) },
    { field: 'handshake.epms', kind: 'bytes', ours: (m) => (m.kind === 'client_key_exchange' && m.exchange?.kind === 'rsa' ? [m.exchange.encryptedPreMasterSecret.value] : []) },
    { field: 'handshake.yc', kind: 'bytes', ours: (m) => (m.kind === 'client_key_exchange' && m.exchange?.kind === 'dh' ? opaqueData(m.exchange.publicValue) : []) },
    { field: 'handshake.client_point', kind: 'bytes', ours: (m) => (m.kind === 'client_key_exchange' && m.exchange?.kind === 'ec' ? opaqueData(m.exchange.publicValue) : []) },
    { field: 'handshake.identity', kind: 'bytes', ours: (m) => (m.kind === 'client_key_exchange' ? opaqueData(m.pskIdentity) : []) },
  ],
};

const captures = loadCaptureVectors();

function decode(message: CaptureMessage): DecodedHandshake {
  return decodeHandshake(message.type, bytes(message.body), contextOf(message));
}

const where = (capture: string, message: CaptureMessage): string => `${capture} frame ${message.frame} (type ${message.type})`;

/** tshark 4.0 leaves some bodies undecoded (e.g. DHE_PSK ServerKeyExchange): only its header fields are there. */
const HEADER_FIELD = /handshake\.(type|length|message_seq|fragment_offset|fragment_length)$/;
const tsharkDecodedBody = (message: CaptureMessage): boolean => Object.keys(message.fields).some((name) => !HEADER_FIELD.test(name));

/** TLS 1.3 drafts changed layouts without a trace in the bytes; only the version says which applies. */
const layoutNeedsVersion = (message: CaptureMessage): boolean => message.version !== null && isTls13Draft(message.version);

test('the vectors cover every capture with a TLS or DTLS handshake', (t) => {
  t.true(captures.length >= 30);
  t.true(captures.every((capture) => capture.messages.length + capture.sslv2.length > 0));
});

test('every handshake message of the captures decodes without a diagnostic', (t) => {
  let decoded = 0;
  for (const capture of captures) {
    for (const message of capture.messages) {
      const result = decode(message);
      t.deepEqual(result.diagnostics.map((d) => d.message), [], where(capture.name, message));
      t.not(result.kind, 'unknown', where(capture.name, message));
      decoded++;
    }
  }
  t.true(decoded > 600);
});

test('decoded fields equal what tshark 4.0 printed for the same messages', (t) => {
  let compared = 0;
  for (const capture of captures) {
    for (const message of capture.messages) {
      const result = decode(message);
      if (!tsharkDecodedBody(message)) continue;
      for (const check of CHECKS[result.kind] ?? []) {
        const theirs = field(message, check.field);
        const ours = check.ours(result).map(show);
        if (!sameValues(ours, theirs, check.kind)) t.fail(`${where(capture.name, message)} ${check.field}: keyhole ${ours.join(',').slice(0, 300)} / tshark ${theirs.join(',').slice(0, 300)}`);
        compared += theirs.length;
      }
    }
  }
  t.log(`${compared} tshark values compared`);
  t.true(compared > 10000);
});

test('JA3 and JA3S equal tshark for every ClientHello and ServerHello of the captures', (t) => {
  let hellos = 0;
  for (const capture of captures) {
    for (const message of capture.messages) {
      const result = decode(message);
      if (result.kind === 'client_hello') {
        t.deepEqual([ja3(result).hash], field(message, 'handshake.ja3'), where(capture.name, message));
        hellos++;
      } else if (result.kind === 'server_hello') {
        t.deepEqual([ja3s(result).hash], field(message, 'handshake.ja3s'), where(capture.name, message));
        hellos++;
      }
    }
  }
  t.true(hellos > 300);
});

test('messages whose layout their own lengths reveal decode the same without a version from context', (t) => {
  for (const capture of captures) {
    for (const message of capture.messages.filter((m) => m.type !== 12 && m.type !== 16 && !layoutNeedsVersion(m))) {
      const withContext = decode(message);
      const without = decodeHandshake(message.type, bytes(message.body), message.dtls ? { isDtls: true } : {});
      t.deepEqual(without.diagnostics.map((d) => d.message), [], `${where(capture.name, message)} without context`);
      t.is(without.kind, withContext.kind);
      if (withContext.kind === 'certificate' && without.kind === 'certificate') t.is(without.form, withContext.form, where(capture.name, message));
      if (withContext.kind === 'new_session_ticket' && without.kind === 'new_session_ticket') t.is(without.form, withContext.form, where(capture.name, message));
    }
  }
});
