/**
 * RFC 8448 (Example Handshake Traces for TLS 1.3) prints each handshake message in hex and spells
 * out what it carries; these tests decode those bytes and check the values the RFC names.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { hex } from '../../dissect/bytes.js';
import { type ExtensionBlock, type ExtensionBody, findExtension } from '../../dissect/tls/extensions/index.js';
import { type DecodedHandshake, decodeHandshake, selectedVersion } from '../../dissect/tls/messages/index.js';
import { ExtensionType, ProtocolVersion } from '../../dissect/tls/tables/index.js';
import { bytes, dataDir } from './vectors.js';

interface RfcMessage {
  readonly name: string;
  readonly section: string;
  readonly type: number;
  readonly message: string;
}

const rfc = JSON.parse(readFileSync(path.join(dataDir, 'rfc8448.json'), 'utf8')) as { messages: RfcMessage[] };
const TLS13 = { version: ProtocolVersion.TLS_1_3 };

function decoded(name: string): DecodedHandshake {
  const entry = rfc.messages.find((message) => message.name === name);
  if (entry === undefined) throw new Error(`no RFC 8448 message ${name}`);
  const message = bytes(entry.message);
  return decodeHandshake(entry.type, message.subarray(4), TLS13);
}

function body(block: ExtensionBlock | undefined, type: number): ExtensionBody | undefined {
  return findExtension(block, type)?.body;
}

test('every RFC 8448 message decodes without a diagnostic', (t) => {
  for (const entry of rfc.messages) t.deepEqual(decoded(entry.name).diagnostics, [], `${entry.name} (section ${entry.section})`);
});

test('the RFC 8448 ClientHello offers three TLS 1.3 suites, x25519 and TLS 1.3 only', (t) => {
  const hello = decoded('client_hello');
  if (hello.kind !== 'client_hello') return t.fail(hello.kind);
  t.is(hello.version?.value, 0x0303);
  t.is(hex(hello.random?.value ?? new Uint8Array()), 'cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7');
  t.is(hello.sessionId?.length.value, 0);
  t.deepEqual(hello.cipherSuites?.items.map((suite) => suite.name), ['TLS_AES_128_GCM_SHA256', 'TLS_CHACHA20_POLY1305_SHA256', 'TLS_AES_256_GCM_SHA384']);
  t.deepEqual(hello.compressionMethods?.items.map((method) => method.value), [0]);
  t.deepEqual(hello.extensions?.items.map((extension) => extension.type.name), [
    'server_name', 'renegotiation_info', 'supported_groups', 'session_ticket', 'key_share', 'supported_versions',
    'signature_algorithms', 'psk_key_exchange_modes', 'record_size_limit',
  ]);
  const sni = body(hello.extensions, ExtensionType.server_name);
  t.deepEqual(sni?.kind === 'server_name' ? sni.names?.items.map((name) => name.hostName?.text) : [], ['server']);
  const groups = body(hello.extensions, ExtensionType.supported_groups);
  t.deepEqual(groups?.kind === 'list' ? groups.values?.items.map((group) => group.value) : [], [0x1d, 0x17, 0x18, 0x19, 0x100, 0x101, 0x102, 0x103, 0x104]);
  const share = body(hello.extensions, ExtensionType.key_share);
  if (share?.kind !== 'key_shares') return t.fail('no client key shares');
  t.is(share.shares?.items[0]?.group.name, 'x25519');
  t.is(hex(share.shares?.items[0]?.keyExchange?.data.value ?? new Uint8Array()), '99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c');
  const versions = body(hello.extensions, ExtensionType.supported_versions);
  t.deepEqual(versions?.kind === 'list' ? versions.values?.items.map((version) => version.value) : [], [0x0304]);
  const schemes = body(hello.extensions, ExtensionType.signature_algorithms);
  t.is(schemes?.kind === 'list' ? schemes.values?.items.length : 0, 15);
  const modes = body(hello.extensions, ExtensionType.psk_key_exchange_modes);
  t.deepEqual(modes?.kind === 'list' ? modes.values?.items.map((mode) => mode.name) : [], ['psk_dhe_ke']);
  const limit = body(hello.extensions, ExtensionType.record_size_limit);
  t.is(limit?.kind === 'value' ? limit.value?.value : 0, 0x4001);
});

test('the RFC 8448 ServerHello picks TLS_AES_128_GCM_SHA256 and TLS 1.3 with an x25519 share', (t) => {
  const hello = decoded('server_hello');
  if (hello.kind !== 'server_hello') return t.fail(hello.kind);
  t.is(hello.title, 'ServerHello');
  t.false(hello.isHelloRetryRequest);
  t.is(hello.downgrade, undefined);
  t.is(hello.cipherSuite?.name, 'TLS_AES_128_GCM_SHA256');
  t.is(selectedVersion(hello), ProtocolVersion.TLS_1_3);
  const share = body(hello.extensions, ExtensionType.key_share);
  if (share?.kind !== 'key_share') return t.fail('no server key share');
  t.is(share.share?.group.value, 0x1d);
  t.is(hex(share.share?.keyExchange?.data.value ?? new Uint8Array()), 'c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f');
});

test('the RFC 8448 EncryptedExtensions carry groups, a record size limit and an empty server_name', (t) => {
  const message = decoded('encrypted_extensions');
  if (message.kind !== 'encrypted_extensions') return t.fail(message.kind);
  t.deepEqual(message.extensions?.items.map((extension) => [extension.type.name, extension.body.kind]), [
    ['supported_groups', 'list'], ['record_size_limit', 'value'], ['server_name', 'empty'],
  ]);
});

test('the RFC 8448 Certificate holds one 432-byte certificate with no entry extensions', (t) => {
  const message = decoded('certificate');
  if (message.kind !== 'certificate') return t.fail(message.kind);
  t.is(message.form, 'tls13');
  t.is(message.requestContext?.length.value, 0);
  t.is(message.certificates?.items.length, 1);
  const entry = message.certificates?.items[0];
  t.is(entry?.der.value.length, 432);
  t.is(entry?.der.value[0], 0x30);
  t.is(entry?.extensions?.items.length, 0);
});

test('the RFC 8448 CertificateVerify is an rsa_pss_rsae_sha256 signature of 128 bytes', (t) => {
  const message = decoded('certificate_verify');
  if (message.kind !== 'certificate_verify') return t.fail(message.kind);
  t.is(message.signature?.algorithm?.name, 'rsa_pss_rsae_sha256');
  t.is(message.signature?.signature?.length.value, 128);
});

test('the RFC 8448 Finished messages carry 32-byte verify data', (t) => {
  const server = decoded('server_finished');
  const client = decoded('client_finished');
  t.is(server.kind === 'finished' ? hex(server.verifyData.value) : '', '9b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718');
  t.is(client.kind === 'finished' ? hex(client.verifyData.value) : '', 'a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61');
});

test('the RFC 8448 NewSessionTicket lasts 30 seconds and allows 1024 bytes of early data', (t) => {
  const message = decoded('new_session_ticket');
  if (message.kind !== 'new_session_ticket') return t.fail(message.kind);
  t.is(message.form, 'tls13');
  t.is(message.lifetime?.value, 30);
  t.is(message.ageAdd?.value, 0xfad6aac5);
  t.is(hex(message.nonce?.data.value ?? new Uint8Array([1])), '0000');
  t.is(message.ticket?.length.value, 178);
  const early = body(message.extensions, ExtensionType.early_data);
  t.is(early?.kind === 'value' ? early.value?.value : 0, 1024);
});

test('the RFC 8448 resumed ClientHello offers the ticket as a PSK with one binder, early data and padding', (t) => {
  const hello = decoded('resumed_client_hello');
  if (hello.kind !== 'client_hello') return t.fail(hello.kind);
  t.is(body(hello.extensions, ExtensionType.early_data)?.kind, 'empty');
  const padding = body(hello.extensions, ExtensionType.padding);
  t.deepEqual(padding?.kind === 'padding' ? [padding.length, padding.allZero] : [], [87, true]);
  const psk = body(hello.extensions, ExtensionType.pre_shared_key);
  if (psk?.kind !== 'pre_shared_key') return t.fail('no pre_shared_key');
  t.is(hello.extensions?.items.at(-1)?.type.name, 'pre_shared_key');
  const ticket = decoded('new_session_ticket');
  t.is(hex(psk.identities?.items[0]?.identity.data.value ?? new Uint8Array()), ticket.kind === 'new_session_ticket' ? hex(ticket.ticket?.data.value ?? new Uint8Array()) : 'x');
  t.is(psk.identities?.items[0]?.obfuscatedTicketAge?.value, 0xfad6aacb);
  t.is(psk.binders?.items.length, 1);
  t.is(hex(psk.binders?.items[0]?.data.value ?? new Uint8Array()), '3add4fb2d8fdf822a0ca3cf7678ef5e88dae990141c5924d57bb6fa31b9e5f9d');
});

test('the RFC 8448 HelloRetryRequest is recognised by its random and asks for secp256r1 with a cookie', (t) => {
  const hello = decoded('hello_retry_request');
  if (hello.kind !== 'server_hello') return t.fail(hello.kind);
  t.true(hello.isHelloRetryRequest);
  t.is(hello.title, 'HelloRetryRequest');
  t.true(hello.extensions?.items.every((extension) => extension.where === 'hello_retry_request'));
  const share = body(hello.extensions, ExtensionType.key_share);
  t.is(share?.kind === 'value' ? share.value?.name : '', 'secp256r1');
  const cookie = body(hello.extensions, ExtensionType.cookie);
  t.is(cookie?.kind === 'opaque' ? cookie.value?.length.value : 0, 114);
  t.is(selectedVersion(hello), ProtocolVersion.TLS_1_3);
});
