/**
 * Extension bodies by message (RFC 8446 4.2 and each extension's RFC), for the extensions the
 * public captures do not carry (those are checked against tshark in captures.test.ts): built from
 * their RFC layouts inside real hello messages.
 */
import test from 'ava';
import { hex } from '../../dissect/bytes.js';
import { type Extension, type ExtensionBody, findExtension } from '../../dissect/tls/extensions/index.js';
import { type DecodedHandshake, decodeHandshake } from '../../dissect/tls/messages/index.js';
import { ExtensionType, HandshakeType, ProtocolVersion } from '../../dissect/tls/tables/index.js';
import { ascii, extension, uint, vector, wire } from './build.js';
import { bytes, captureVectors } from './vectors.js';

const RANDOM = new Uint8Array(32).fill(7);

function clientHello(...extensions: Uint8Array[]): DecodedHandshake {
  const body = wire('0303', RANDOM, vector(1), vector(2, '1301'), vector(1, '00'), vector(2, ...extensions));
  return decodeHandshake(HandshakeType.client_hello, body, { direction: 'client' });
}

function serverHello(...extensions: Uint8Array[]): DecodedHandshake {
  const body = wire('0303', RANDOM, vector(1), '1301', '00', vector(2, ...extensions));
  return decodeHandshake(HandshakeType.server_hello, body, { direction: 'server' });
}

function encryptedExtensions(...extensions: Uint8Array[]): DecodedHandshake {
  return decodeHandshake(HandshakeType.encrypted_extensions, vector(2, ...extensions), { version: ProtocolVersion.TLS_1_3 });
}

function extensionOf(message: DecodedHandshake, type: number): Extension | undefined {
  return 'extensions' in message ? findExtension(message.extensions, type) : undefined;
}

function bodyOf(message: DecodedHandshake, type: number): ExtensionBody | undefined {
  return extensionOf(message, type)?.body;
}

const listed = (body: ExtensionBody | undefined): number[] => (body?.kind === 'list' ? body.values?.items.map((item) => item.value) ?? [] : []);
const single = (body: ExtensionBody | undefined): number | undefined => (body?.kind === 'value' ? body.value?.value : undefined);

test('flag extensions decode as empty bodies', (t) => {
  const types = [ExtensionType.extended_master_secret, ExtensionType.encrypt_then_mac, ExtensionType.post_handshake_auth, ExtensionType.truncated_hmac, ExtensionType.client_certificate_url];
  const hello = clientHello(...types.map((type) => extension(type)));
  t.deepEqual(hello.diagnostics, []);
  t.deepEqual(types.map((type) => bodyOf(hello, type)?.kind), types.map(() => 'empty'));
});

test('a flag extension with data is reported', (t) => {
  const hello = clientHello(extension(ExtensionType.extended_master_secret, '00'));
  t.deepEqual(hello.diagnostics.map((d) => d.code), ['tls.extension.malformed']);
});

test('max_fragment_length, record_size_limit and heartbeat carry one value', (t) => {
  const hello = clientHello(extension(ExtensionType.max_fragment_length, [2]), extension(ExtensionType.record_size_limit, uint(16385, 2)), extension(ExtensionType.heartbeat, [1]));
  t.deepEqual(hello.diagnostics, []);
  t.is(single(bodyOf(hello, ExtensionType.max_fragment_length)), 2);
  const maxFragment = bodyOf(hello, ExtensionType.max_fragment_length);
  t.is(maxFragment?.kind === 'value' ? maxFragment.value?.name : '', '1024 bytes');
  t.is(single(bodyOf(hello, ExtensionType.record_size_limit)), 16385);
  t.is(single(bodyOf(hello, ExtensionType.heartbeat)), 1);
});

test('certificate type extensions list types in ClientHello and name one in ServerHello (RFC 7250 3)', (t) => {
  const hello = clientHello(extension(ExtensionType.client_certificate_type, vector(1, [2, 0])), extension(ExtensionType.server_certificate_type, vector(1, [2])));
  t.deepEqual(listed(bodyOf(hello, ExtensionType.client_certificate_type)), [2, 0]);
  t.deepEqual(listed(bodyOf(hello, ExtensionType.server_certificate_type)), [2]);
  const reply = encryptedExtensions(extension(ExtensionType.server_certificate_type, [2]));
  t.deepEqual(reply.diagnostics, []);
  t.is(single(bodyOf(reply, ExtensionType.server_certificate_type)), 2);
});

test('compress_certificate lists algorithms (RFC 8879 3)', (t) => {
  const hello = clientHello(extension(ExtensionType.compress_certificate, vector(1, uint(2, 2), uint(1, 2))));
  const body = bodyOf(hello, ExtensionType.compress_certificate);
  t.deepEqual(body?.kind === 'list' ? body.values?.items.map((item) => item.name) : [], ['brotli', 'zlib']);
});

test('signature_algorithms_cert and delegated_credential list signature schemes', (t) => {
  const hello = clientHello(extension(ExtensionType.signature_algorithms_cert, vector(2, '0804', '0403')), extension(ExtensionType.delegated_credential, vector(2, '0807')));
  t.deepEqual(listed(bodyOf(hello, ExtensionType.signature_algorithms_cert)), [0x0804, 0x0403]);
  t.deepEqual(listed(bodyOf(hello, ExtensionType.delegated_credential)), [0x0807]);
});

test('token_binding carries a protocol version and key parameters (RFC 8472 2)', (t) => {
  const hello = clientHello(extension(ExtensionType.token_binding, [0, 13], vector(1, [2, 0])));
  const body = bodyOf(hello, ExtensionType.token_binding);
  if (body?.kind !== 'token_binding') return t.fail(body?.kind);
  t.is(body.version?.value, 13);
  t.deepEqual(body.parameters?.items.map((item) => item.value), [2, 0]);
});

test('application_settings lists protocols in ClientHello and keeps settings bytes in EncryptedExtensions', (t) => {
  const hello = clientHello(extension(ExtensionType.application_settings, vector(2, vector(1, ascii('h2')))));
  const body = bodyOf(hello, ExtensionType.application_settings);
  t.deepEqual(body?.kind === 'protocols' ? body.protocols?.items.map((protocol) => protocol.text) : [], ['h2']);
  const reply = encryptedExtensions(extension(ExtensionType.application_settings_old, '000300000064'));
  t.deepEqual(reply.diagnostics, []);
  t.is(bodyOf(reply, ExtensionType.application_settings_old)?.kind, 'raw');
  t.is(hex(extensionOf(reply, ExtensionType.application_settings_old)?.data.value ?? new Uint8Array()), '000300000064');
});

test('next_protocol_negotiation is empty in ClientHello and lists protocols without a length in ServerHello', (t) => {
  const reply = serverHello(extension(ExtensionType.next_protocol_negotiation, vector(1, ascii('h2')), vector(1, ascii('http/1.1'))));
  t.deepEqual(reply.diagnostics, []);
  const body = bodyOf(reply, ExtensionType.next_protocol_negotiation);
  t.deepEqual(body?.kind === 'next_protocols' ? body.protocols.map((protocol) => protocol.text) : [], ['h2', 'http/1.1']);
});

test('an outer encrypted_client_hello shows its HPKE suite, config id, enc and payload (draft-ietf-tls-esni 5)', (t) => {
  const hello = clientHello(extension(ExtensionType.encrypted_client_hello, [0], uint(1, 2), uint(1, 2), [0x2a], vector(2, new Uint8Array(32)), vector(2, new Uint8Array(200))));
  t.deepEqual(hello.diagnostics, []);
  const body = bodyOf(hello, ExtensionType.encrypted_client_hello);
  if (body?.kind !== 'ech') return t.fail(body?.kind);
  t.deepEqual([body.echType?.name, body.kdf?.value, body.aead?.value, body.configId?.value, body.enc?.length.value, body.payload?.length.value], ['outer', 1, 1, 0x2a, 32, 200]);
});

test('an inner encrypted_client_hello is a one-byte marker', (t) => {
  const hello = clientHello(extension(ExtensionType.encrypted_client_hello, [1]));
  const body = bodyOf(hello, ExtensionType.encrypted_client_hello);
  t.deepEqual(body?.kind === 'ech' ? [body.echType?.name, body.payload] : [], ['inner', undefined]);
  t.deepEqual(hello.diagnostics, []);
});

test('encrypted_client_hello carries retry configs in EncryptedExtensions', (t) => {
  const reply = encryptedExtensions(extension(ExtensionType.encrypted_client_hello, vector(2, 'fe0d0004aabbccdd')));
  const body = bodyOf(reply, ExtensionType.encrypted_client_hello);
  t.is(body?.kind === 'opaque' ? body.value?.length.value : 0, 8);
});

test('signed_certificate_timestamp lists SCTs with log id and timestamp (RFC 6962 3.2)', (t) => {
  const sct = wire([0], new Uint8Array(32).fill(0xee), uint(0x0000017a, 4), uint(0x12345678, 4), vector(2), uint(0x0403, 2), vector(2, '3045'));
  const reply = serverHello(extension(ExtensionType.signed_certificate_timestamp, vector(2, vector(2, sct))));
  t.deepEqual(reply.diagnostics, []);
  const body = bodyOf(reply, ExtensionType.signed_certificate_timestamp);
  if (body?.kind !== 'sct_list') return t.fail(body?.kind);
  const first = body.timestamps?.items[0];
  t.is(first?.version?.value, 0);
  t.is(hex(first?.logId?.value ?? new Uint8Array()), 'ee'.repeat(32));
  t.is(first?.timestamp?.value, 0x17a * 2 ** 32 + 0x12345678);
  t.is(first?.signatureAlgorithm?.name, 'ecdsa_secp256r1_sha256');
});

test('status_request in ClientHello asks for OCSP with responder ids and extensions (RFC 6066 8)', (t) => {
  const hello = clientHello(extension(ExtensionType.status_request, [1], vector(2, vector(2, '3000')), vector(2, '3000')));
  const body = bodyOf(hello, ExtensionType.status_request);
  if (body?.kind !== 'status_request') return t.fail(body?.kind);
  t.is(body.statusType?.name, 'ocsp');
  t.is(body.responderIds?.items.length, 1);
  t.is(body.requestExtensions?.length.value, 2);
});

test('status_request in a TLS 1.3 CertificateEntry carries the OCSP response (RFC 8446 4.4.2.1)', (t) => {
  const entryExtensions = vector(2, extension(ExtensionType.status_request, [1], vector(3, '30030a0100')));
  const body = wire(vector(1), vector(3, vector(3, '3003020101'), entryExtensions));
  const message = decodeHandshake(HandshakeType.certificate, body, { version: ProtocolVersion.TLS_1_3 });
  if (message.kind !== 'certificate') return t.fail(message.kind);
  t.deepEqual(message.diagnostics, []);
  const status = findExtension(message.certificates?.items[0]?.extensions, ExtensionType.status_request)?.body;
  t.is(status?.kind === 'certificate_status' ? hex(status.response?.data.value ?? new Uint8Array()) : '', '30030a0100');
});

test('certificate_authorities lists distinguished names (RFC 8446 4.2.4)', (t) => {
  const hello = clientHello(extension(ExtensionType.certificate_authorities, vector(2, vector(2, '300e310c300a06035504031303727361'))));
  const body = bodyOf(hello, ExtensionType.certificate_authorities);
  t.is(body?.kind === 'opaque_list' ? body.items?.items[0]?.length.value : 0, 16);
});

test('cookie, connection_id and renegotiation_info keep their length-prefixed data', (t) => {
  const hello = clientHello(extension(ExtensionType.cookie, vector(2, 'c00c1e')), extension(ExtensionType.connection_id, vector(1, '0102')), extension(ExtensionType.renegotiation_info, vector(1, 'aabb')));
  t.deepEqual(hello.diagnostics, []);
  for (const [type, data] of [[ExtensionType.cookie, 'c00c1e'], [ExtensionType.connection_id, '0102'], [ExtensionType.renegotiation_info, 'aabb']] as const) {
    const body = bodyOf(hello, type);
    t.is(body?.kind === 'opaque' ? hex(body.value?.data.value ?? new Uint8Array()) : '', data);
  }
});

test('session_ticket, QUIC transport parameters and unknown types keep their raw bytes', (t) => {
  const hello = clientHello(extension(ExtensionType.session_ticket, 'abcdef'), extension(ExtensionType.quic_transport_parameters, '0104800075300504'), extension(0x1234, 'beef'));
  t.deepEqual(hello.diagnostics, []);
  t.deepEqual([ExtensionType.session_ticket, ExtensionType.quic_transport_parameters, 0x1234].map((type) => bodyOf(hello, type)?.kind), ['raw', 'raw', 'raw']);
  t.is(hex(extensionOf(hello, 0x1234)?.data.value ?? new Uint8Array()), 'beef');
  t.is(extensionOf(hello, 0x1234)?.type.name, '0x1234');
});

test('GREASE extension types are named GREASE', (t) => {
  const hello = clientHello(extension(0x1a1a), extension(0x0a0a, '00'));
  t.deepEqual(hello.diagnostics, []);
  t.deepEqual('extensions' in hello ? hello.extensions?.items.map((item) => item.type.name) : [], ['GREASE (0x1a1a)', 'GREASE (0x0a0a)']);
});

test('padding reports non-zero bytes', (t) => {
  const hello = clientHello(extension(ExtensionType.padding, '000100'));
  const body = bodyOf(hello, ExtensionType.padding);
  t.deepEqual(body?.kind === 'padding' ? [body.length, body.allZero] : [], [3, false]);
  t.deepEqual(hello.diagnostics.map((d) => d.code), ['tls.extension.malformed']);
});

test('the same extension twice in one message is reported as a duplicate', (t) => {
  const hello = clientHello(extension(ExtensionType.extended_master_secret), extension(ExtensionType.extended_master_secret));
  t.deepEqual(hello.diagnostics.map((d) => d.code), ['tls.extension.duplicate']);
  t.is('extensions' in hello ? hello.extensions?.items.length : 0, 2);
});

test('a lying length inside one extension is reported there and the next extensions still decode', (t) => {
  const hello = clientHello(extension(ExtensionType.supported_groups, uint(40, 2), '001d'), extension(ExtensionType.extended_master_secret));
  t.deepEqual(hello.diagnostics.map((d) => d.code), ['tls.extension.malformed']);
  t.deepEqual(listed(bodyOf(hello, ExtensionType.supported_groups)), [0x1d]);
  t.is(bodyOf(hello, ExtensionType.extended_master_secret)?.kind, 'empty');
});

test('the TLS 1.3 draft-20 capture uses key_share code point 40 and decodes it like key_share', (t) => {
  const hello = captureVectors('tls13-20-chacha20poly1305').messages.find((message) => message.type === HandshakeType.client_hello);
  if (hello === undefined) return t.fail('no draft-20 ClientHello');
  const decoded = decodeHandshake(hello.type, bytes(hello.body), {});
  const share = bodyOf(decoded, ExtensionType.key_share_old);
  t.is(share?.kind === 'key_shares' ? share.shares?.items[0]?.group.name : '', 'x25519');
  t.is(extensionOf(decoded, ExtensionType.key_share_old)?.type.name, 'key_share_old');
});
