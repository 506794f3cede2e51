import test from 'ava';
import {
  AlertDescription, ContentType, ExtensionType, HandshakeType, ProtocolVersion, alertDescriptionName,
  alertLevelName, certificateCompressionAlgorithmName, certificateStatusTypeName,
  clientCertificateTypeName, compressionMethodName, contentTypeName, draftNumber, ecPointFormatName,
  extensionName, groupName, handshakeTypeName, handshakeTypeTitle, hashAlgorithmName,
  heartbeatMessageTypeName, isGrease, isKnownRecordVersion, isTls13Draft, keyUpdateRequestName,
  nameTypeName, pskKeyExchangeModeName, signatureAlgorithmName, signatureSchemeName, versionName,
} from '../../dissect/tls/tables/index.js';
import { expectNames } from './tools.js';

test('GREASE is exactly the sixteen 0x?a?a values of RFC 8701', (t) => {
  const greased = Array.from({ length: 0x10000 }, (_, value) => value).filter(isGrease);
  t.deepEqual(greased, [0x0a0a, 0x1a1a, 0x2a2a, 0x3a3a, 0x4a4a, 0x5a5a, 0x6a6a, 0x7a7a, 0x8a8a, 0x9a9a, 0xaaaa, 0xbaba, 0xcaca, 0xdada, 0xeaea, 0xfafa]);
  t.false(isGrease(0x1a1a0));
  t.false(isGrease(-1));
});

test('versions print as Wireshark prints them, drafts included', (t) => {
  expectNames(t, versionName, [
    [0x0002, 'SSL 2.0'], [0x0300, 'SSL 3.0'], [0x0301, 'TLS 1.0'], [0x0302, 'TLS 1.1'],
    [0x0303, 'TLS 1.2'], [0x0304, 'TLS 1.3'], [0x7f12, 'TLS 1.3 (draft 18)'],
    [0x7f1c, 'TLS 1.3 (draft 28)'], [0xfb17, 'TLS 1.3 (Facebook draft 23)'], [0xfeff, 'DTLS 1.0'],
    [0xfefd, 'DTLS 1.2'], [0xfefc, 'DTLS 1.3'], [0x0100, 'DTLS 1.0 (OpenSSL pre 0.9.8f)'],
    [0x3a3a, 'GREASE (0x3a3a)'], [0x0305, '0x0305'],
  ]);
});

test('TLS 1.3 draft code points give their draft number and nothing else does', (t) => {
  t.true(isTls13Draft(0x7f17));
  t.is(draftNumber(0x7f17), 23);
  t.true(isTls13Draft(0xfb1a));
  t.is(draftNumber(0xfb1a), 26);
  t.false(isTls13Draft(ProtocolVersion.TLS_1_3));
  t.is(draftNumber(ProtocolVersion.TLS_1_3), undefined);
  t.is(draftNumber(0x0303), undefined);
});

test('record headers may carry SSL 3.0 to TLS 1.3 and the DTLS versions, not SSL 2.0 or drafts', (t) => {
  for (const version of [0x0300, 0x0301, 0x0302, 0x0303, 0x0304, 0xfeff, 0xfefd]) t.true(isKnownRecordVersion(version));
  for (const version of [0x0002, 0x7f17, 0x0a0a, 0x0305, 0x1603]) t.false(isKnownRecordVersion(version));
});

test('handshake types have IANA names, display titles and named constants', (t) => {
  t.is(HandshakeType.client_hello, 1);
  t.is(HandshakeType.message_hash, 254);
  for (const [name, value] of Object.entries(HandshakeType)) t.is(handshakeTypeName(value), name);
  expectNames(t, handshakeTypeName, [
    [6, 'hello_retry_request'], [17, 'client_certificate_request'], [26, 'ekt_key'], [99, '0x63'],
  ]);
  expectNames(t, handshakeTypeTitle, [
    [1, 'ClientHello'], [2, 'ServerHello'], [8, 'EncryptedExtensions'], [20, 'Finished'], [99, '0x63'],
  ]);
});

test('content types have IANA names and named constants', (t) => {
  t.is(ContentType.handshake, 22);
  expectNames(t, contentTypeName, [
    [20, 'change_cipher_spec'], [23, 'application_data'], [25, 'tls12_cid'], [26, 'ack'], [0x80, '0x80'],
  ]);
});

test('alerts name every IANA description, old reserved ones included', (t) => {
  t.is(AlertDescription.bad_record_mac, 20);
  expectNames(t, alertLevelName, [[1, 'warning'], [2, 'fatal'], [3, '0x03']]);
  expectNames(t, alertDescriptionName, [
    [0, 'close_notify'], [21, 'decryption_failed_RESERVED'], [41, 'no_certificate_RESERVED'],
    [60, 'export_restriction_RESERVED'], [86, 'inappropriate_fallback'],
    [120, 'no_application_protocol'], [121, 'ech_required'], [200, '0xc8'],
  ]);
});

test('extensions name IANA and pre-standard code points alike', (t) => {
  t.is(ExtensionType.server_name, 0);
  expectNames(t, extensionName, [
    [0, 'server_name'], [16, 'application_layer_protocol_negotiation'], [40, 'key_share_old'],
    [51, 'key_share'], [13172, 'next_protocol_negotiation'], [17513, 'application_settings_old'],
    [17613, 'application_settings'], [30032, 'channel_id'], [0xfd00, 'ech_outer_extensions'],
    [0xfe0d, 'encrypted_client_hello'], [0xff01, 'renegotiation_info'], [0x4a4a, 'GREASE (0x4a4a)'],
    [0x00ff, '0x00ff'],
  ]);
});

test('groups name classic curves, FFDHE and the post-quantum hybrids', (t) => {
  expectNames(t, groupName, [
    [0x0017, 'secp256r1'], [0x001d, 'x25519'], [0x001e, 'x448'], [0x001a, 'brainpoolP256r1'],
    [0x0022, 'GC256A'], [0x0100, 'ffdhe2048'], [0x11ec, 'X25519MLKEM768'],
    [0x11eb, 'SecP256r1MLKEM768'], [0x6399, 'X25519Kyber768Draft00'],
    [0xff01, 'arbitrary_explicit_prime_curves'], [0x2a2a, 'GREASE (0x2a2a)'], [0x0105, '0x0105'],
  ]);
});

test('signature schemes name TLS 1.3 schemes, legacy pairs and otherwise print hash+signature', (t) => {
  expectNames(t, signatureSchemeName, [
    [0x0804, 'rsa_pss_rsae_sha256'], [0x0403, 'ecdsa_secp256r1_sha256'], [0x0807, 'ed25519'],
    [0x0201, 'rsa_pkcs1_sha1'], [0x0203, 'ecdsa_sha1'], [0x0402, 'dsa_sha256'],
    [0x0101, 'rsa_pkcs1_md5'], [0x0400, 'sha256+anonymous'],
    [0x0840, 'intrinsic+gostr34102012_256'], [0x0a0a, 'GREASE (0x0a0a)'], [0x0909, '0x0909'],
  ]);
  expectNames(t, hashAlgorithmName, [[4, 'sha256'], [7, '0x07']]);
  expectNames(t, signatureAlgorithmName, [[3, 'ecdsa'], [9, '0x09']]);
});

test('small registries name their values and print the rest as hex', (t) => {
  expectNames(t, compressionMethodName, [[0, 'null'], [1, 'DEFLATE'], [64, 'LZS'], [2, '0x02']]);
  expectNames(t, ecPointFormatName, [[0, 'uncompressed'], [2, 'ansiX962_compressed_char2']]);
  expectNames(t, pskKeyExchangeModeName, [
    [0, 'psk_ke'], [1, 'psk_dhe_ke'], [0x0b, 'GREASE (0x0b)'], [0xe4, 'GREASE (0xe4)'], [2, '0x02'],
  ]);
  expectNames(t, certificateCompressionAlgorithmName, [[1, 'zlib'], [2, 'brotli'], [3, 'zstd'], [4, '0x0004']]);
  expectNames(t, certificateStatusTypeName, [[1, 'ocsp'], [2, 'ocsp_multi']]);
  expectNames(t, nameTypeName, [[0, 'host_name'], [1, '0x01']]);
  expectNames(t, clientCertificateTypeName, [[1, 'rsa_sign'], [64, 'ecdsa_sign']]);
  expectNames(t, heartbeatMessageTypeName, [[1, 'heartbeat_request'], [2, 'heartbeat_response']]);
  expectNames(t, keyUpdateRequestName, [[0, 'update_not_requested'], [1, 'update_requested']]);
});

test('name functions are total over numbers that are no wire value', (t) => {
  expectNames(t, extensionName, [[0x10000, '0x10000'], [-1, '-1'], [1.5, '1.5'], [Number.NaN, 'NaN']]);
  expectNames(t, signatureSchemeName, [[1.5, '1.5'], [0x10401, '0x10401']]);
  expectNames(t, versionName, [[-1, '-1']]);
});
