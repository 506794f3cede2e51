/**
 * Messages and layouts no public capture holds, built from their RFC layouts around real
 * content (RFC 8448's certificate and ClientHello): CompressedCertificate, CertificateStatus,
 * CertificateURL, SupplementalData, KeyUpdate, message_hash, NextProtocol, TLS 1.3
 * CertificateRequest, SRP and explicit-curve key exchanges; plus the context rules.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, deflateSync } from 'node:zlib';
import test from 'ava';
import { hex } from '../../dissect/bytes.js';
import { MAX_DECOMPRESSED_CERTIFICATE, decodeHandshake } from '../../dissect/tls/messages/index.js';
import { HandshakeType, ProtocolVersion, cipherSuite } from '../../dissect/tls/tables/index.js';
import { ascii, uint, vector, wire } from './build.js';
import { bytes, dataDir } from './vectors.js';

const rfc = JSON.parse(readFileSync(path.join(dataDir, 'rfc8448.json'), 'utf8')) as { messages: { name: string; message: string }[] };
const rfcBody = (name: string): Uint8Array => bytes(rfc.messages.find((message) => message.name === name)?.message ?? '').subarray(4);
/** RFC 8448's TLS 1.3 Certificate body and the one certificate in it. */
const CERTIFICATE_BODY = rfcBody('certificate');
const CERTIFICATE_DER = CERTIFICATE_BODY.subarray(1 + 3 + 3, 1 + 3 + 3 + 432);
const TLS13 = { version: ProtocolVersion.TLS_1_3 };
const codes = (diagnostics: readonly { code: string }[]): string[] => diagnostics.map((d) => d.code);

function suite(id: number): NonNullable<ReturnType<typeof cipherSuite>> {
  const row = cipherSuite(id);
  if (row === undefined) throw new Error(`cipher suite ${id} is not in the tables`);
  return row;
}

for (const [algorithm, name, compress] of [[1, 'zlib', deflateSync], [2, 'brotli', brotliCompressSync]] as const) {
  test(`a ${name} CompressedCertificate decompresses to the certificate list it carried`, (t) => {
    const compressed = new Uint8Array(compress(CERTIFICATE_BODY));
    const message = decodeHandshake(HandshakeType.compressed_certificate, wire(uint(algorithm, 2), uint(CERTIFICATE_BODY.length, 3), vector(3, compressed)), TLS13);
    if (message.kind !== 'compressed_certificate') return t.fail(message.kind);
    t.deepEqual(message.diagnostics, []);
    t.is(message.algorithm?.name, name);
    t.is(message.uncompressedLength?.value, CERTIFICATE_BODY.length);
    t.is(message.decompressed?.certificate.form, 'tls13');
    t.is(hex(message.decompressed?.certificate.certificates?.items[0]?.der.value ?? new Uint8Array()), hex(CERTIFICATE_DER));
  });
}

test('a CompressedCertificate whose data inflates past its announced length is reported, not inflated', (t) => {
  const compressed = new Uint8Array(deflateSync(CERTIFICATE_BODY));
  const message = decodeHandshake(HandshakeType.compressed_certificate, wire(uint(1, 2), uint(100, 3), vector(3, compressed)), TLS13);
  t.deepEqual(codes(message.diagnostics), ['tls.handshake.decompression-failed']);
  t.is(message.kind === 'compressed_certificate' ? message.decompressed : 'other', undefined);
});

test('a CompressedCertificate announcing more than the inflation bound is not inflated', (t) => {
  const compressed = new Uint8Array(deflateSync(new Uint8Array(MAX_DECOMPRESSED_CERTIFICATE + 1)));
  const message = decodeHandshake(HandshakeType.compressed_certificate, wire(uint(1, 2), uint(MAX_DECOMPRESSED_CERTIFICATE + 1, 3), vector(3, compressed)), TLS13);
  t.deepEqual(codes(message.diagnostics), ['tls.handshake.decompression-failed']);
});

test('a zstd CompressedCertificate keeps its compressed bytes and says why', (t) => {
  const message = decodeHandshake(HandshakeType.compressed_certificate, wire(uint(3, 2), uint(10, 3), vector(3, '28b52ffd')), TLS13);
  if (message.kind !== 'compressed_certificate') return t.fail(message.kind);
  t.is(message.algorithm?.name, 'zstd');
  t.is(hex(message.compressed?.data.value ?? new Uint8Array()), '28b52ffd');
  t.deepEqual(codes(message.diagnostics), ['tls.handshake.decompression-failed']);
});

test('a CertificateStatus carries one OCSP response (RFC 6066 8)', (t) => {
  const ocspResponse = wire('30820101', new Uint8Array(0x101));
  const message = decodeHandshake(HandshakeType.certificate_status, wire([1], vector(3, ocspResponse)), { version: ProtocolVersion.TLS_1_2, direction: 'server' });
  if (message.kind !== 'certificate_status') return t.fail(message.kind);
  t.deepEqual(message.diagnostics, []);
  t.is(message.status.statusType?.name, 'ocsp');
  t.is(message.status.response?.length.value, ocspResponse.length);
});

test('an ocsp_multi CertificateStatus carries one response per certificate (RFC 6961 2.2)', (t) => {
  const message = decodeHandshake(HandshakeType.certificate_status, wire([2], vector(3, vector(3, '3003020100'), vector(3))), {});
  if (message.kind !== 'certificate_status') return t.fail(message.kind);
  t.deepEqual(message.diagnostics, []);
  t.deepEqual(message.status.responses?.items.map((response) => response.length.value), [5, 0]);
});

test('a CertificateURL lists the URL and SHA-1 hash of each certificate (RFC 6066 5)', (t) => {
  const sha1 = createHash('sha1').update(CERTIFICATE_DER).digest();
  const message = decodeHandshake(HandshakeType.certificate_url, wire([0], vector(2, vector(2, ascii('http://example.com/rsa.der')), [1], sha1)), { direction: 'client' });
  if (message.kind !== 'certificate_url') return t.fail(message.kind);
  t.deepEqual(message.diagnostics, []);
  t.is(message.chainType?.name, 'individual_certs');
  t.is(message.urls?.items[0]?.url.text, 'http://example.com/rsa.der');
  t.is(message.urls?.items[0]?.padding?.value, 1);
  t.is(hex(message.urls?.items[0]?.sha1Hash?.value ?? new Uint8Array()), sha1.toString('hex'));
});

test('SupplementalData holds typed entries (RFC 4680 2)', (t) => {
  const message = decodeHandshake(HandshakeType.supplemental_data, vector(3, uint(16386, 2), vector(2, '0001020304')), {});
  if (message.kind !== 'supplemental_data') return t.fail(message.kind);
  t.deepEqual(message.diagnostics, []);
  t.is(message.entries?.items[0]?.dataType.name, 'authz_data');
  t.is(message.entries?.items[0]?.data?.length.value, 5);
});

test('KeyUpdate says whether the peer must update too (RFC 8446 4.6.3)', (t) => {
  const message = decodeHandshake(HandshakeType.key_update, wire([1]), TLS13);
  t.is(message.kind === 'key_update' ? message.requestUpdate?.name : '', 'update_requested');
});

test('message_hash carries the hash of the first ClientHello (RFC 8446 4.4.1)', (t) => {
  const hash = createHash('sha256').update(bytes(rfc.messages[0]?.message ?? '')).digest();
  const message = decodeHandshake(HandshakeType.message_hash, hash, { ...TLS13, cipherSuite: suite(0x1301) });
  t.deepEqual(message.diagnostics, []);
  t.is(message.kind === 'message_hash' ? hex(message.hash.value) : '', hash.toString('hex'));
});

test('a NextProtocol names the protocol the client picked, with padding (draft-agl-tls-nextprotoneg 4)', (t) => {
  const padding = new Uint8Array(32 - ((2 + 2) % 32));
  const message = decodeHandshake(HandshakeType.next_protocol, wire(vector(1, ascii('h2')), vector(1, padding)), { direction: 'client' });
  if (message.kind !== 'next_protocol') return t.fail(message.kind);
  t.deepEqual(message.diagnostics, []);
  t.is(message.selectedProtocol?.text, 'h2');
  t.is(message.padding?.length.value, 28);
});

test('a TLS 1.3 CertificateRequest has a context and extensions (RFC 8446 4.3.2)', (t) => {
  const signatureAlgorithms = wire(uint(13, 2), vector(2, vector(2, '0804', '0403')));
  const message = decodeHandshake(HandshakeType.certificate_request, wire(vector(1, '01'), vector(2, signatureAlgorithms)), TLS13);
  if (message.kind !== 'certificate_request') return t.fail(message.kind);
  t.deepEqual(message.diagnostics, []);
  t.is(message.form, 'tls13');
  t.is(hex(message.requestContext?.data.value ?? new Uint8Array()), '01');
  t.deepEqual(message.extensions?.items.map((extension) => extension.type.name), ['signature_algorithms']);
  t.is(message.extensions?.items[0]?.where, 'certificate_request');
});

test('an SRP_SHA ServerKeyExchange carries N, g, salt and B and no signature (RFC 5054 2.8.1)', (t) => {
  const srp = suite(0xc01d);
  const body = wire(vector(2, 'eeaf0ab9'), vector(2, '02'), vector(1, 'bebb'), vector(2, '0102'));
  const message = decodeHandshake(HandshakeType.server_key_exchange, body, { version: ProtocolVersion.TLS_1_2, cipherSuite: srp });
  if (message.kind !== 'server_key_exchange' || message.params?.kind !== 'srp') return t.fail(message.kind);
  t.deepEqual(message.diagnostics, []);
  t.is(message.keyExchange, 'SRP');
  t.is(hex(message.params.n?.data.value ?? new Uint8Array()), 'eeaf0ab9');
  t.is(message.signature, undefined);
});

test('an SRP ClientKeyExchange carries A (RFC 5054 2.8.2)', (t) => {
  const message = decodeHandshake(HandshakeType.client_key_exchange, vector(2, '0a0b0c'), { version: ProtocolVersion.TLS_1_2, cipherSuite: suite(0xc01d) });
  t.is(message.kind === 'client_key_exchange' && message.exchange?.kind === 'srp' ? message.exchange.publicValue?.length.value : 0, 3);
});

test('an explicit_prime ECDHE ServerKeyExchange keeps the curve parameters (RFC 4492 5.4)', (t) => {
  const curve = wire([1], vector(1, 'ff'), vector(1, 'aa'), vector(1, 'bb'), vector(1, '04cc'), vector(1, 'dd'), vector(1, '01'));
  const body = wire(curve, vector(1, '04aabb'), uint(0x0401, 2), vector(2, '00'));
  const message = decodeHandshake(HandshakeType.server_key_exchange, body, { version: ProtocolVersion.TLS_1_2, cipherSuite: suite(0xc013) });
  if (message.kind !== 'server_key_exchange' || message.params?.kind !== 'ec') return t.fail(message.kind);
  t.deepEqual(message.diagnostics, []);
  t.is(message.params.curveType?.name, 'explicit_prime');
  t.is(message.params.explicitCurve.length, 6);
  t.is(hex(message.params.publicValue?.data.value ?? new Uint8Array()), '04aabb');
  t.is(message.signature?.algorithm?.name, 'rsa_pkcs1_sha256');
});

test('a fixed-DH ClientKeyExchange with an empty body means the key is in the client certificate', (t) => {
  const message = decodeHandshake(HandshakeType.client_key_exchange, new Uint8Array(), { version: ProtocolVersion.TLS_1_2, cipherSuite: suite(0x0030) });
  t.deepEqual(message.diagnostics, []);
  t.true(message.kind === 'client_key_exchange' && message.exchange?.kind === 'dh' && message.exchange.implicit);
});

test('a TLS 1.1 ServerKeyExchange signature has no algorithm; the key type implies it', (t) => {
  const body = wire(vector(2, 'ff'), vector(2, '02'), vector(2, '03'), vector(2, 'aabbcc'));
  const message = decodeHandshake(HandshakeType.server_key_exchange, body, { version: ProtocolVersion.TLS_1_1, cipherSuite: suite(0x0033) });
  if (message.kind !== 'server_key_exchange') return t.fail(message.kind);
  t.deepEqual(message.diagnostics, []);
  t.is(message.signature?.algorithm, undefined);
  t.is(message.signature?.impliedAlgorithm, 'RSA PKCS#1 v1.5 over MD5+SHA-1');
});

test('key exchange messages without a known cipher suite keep their bytes and say why', (t) => {
  for (const type of [HandshakeType.server_key_exchange, HandshakeType.client_key_exchange]) {
    const message = decodeHandshake(type, wire('0102030405'), { version: ProtocolVersion.TLS_1_2 });
    t.deepEqual(codes(message.diagnostics), ['tls.handshake.needs-context']);
    t.is('unparsed' in message ? hex(message.unparsed?.value ?? new Uint8Array()) : '', '0102030405');
  }
});

test('an unknown handshake type keeps its bytes with a note', (t) => {
  const message = decodeHandshake(99, wire('cafe'), {});
  t.deepEqual(codes(message.diagnostics), ['tls.handshake.unknown-type']);
  t.is(message.kind === 'unknown' ? hex(message.data.value) : '', 'cafe');
});

test('a message from the side that never sends it is flagged as unexpected', (t) => {
  const message = decodeHandshake(HandshakeType.server_hello_done, new Uint8Array(), { direction: 'client' });
  t.deepEqual(codes(message.diagnostics), ['tls.handshake.unexpected']);
});

test('a Finished of the wrong length for the version is reported', (t) => {
  const message = decodeHandshake(HandshakeType.finished, new Uint8Array(11), { version: ProtocolVersion.TLS_1_2 });
  t.deepEqual(codes(message.diagnostics), ['tls.handshake.malformed']);
  t.is(message.kind === 'finished' ? message.verifyData.value.length : 0, 11);
});

test('a ServerHello from a TLS 1.3 server that fell back to TLS 1.2 shows the downgrade sentinel', (t) => {
  const random = wire(new Uint8Array(24), '444f574e47524401');
  const message = decodeHandshake(HandshakeType.server_hello, wire('0303', random, vector(1), '002f', '00'), {});
  t.is(message.kind === 'server_hello' ? message.downgrade : undefined, 'tls12');
});
