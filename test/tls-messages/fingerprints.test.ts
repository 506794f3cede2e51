/**
 * JA4 against the examples of its specification (FoxIO-LLC/ja4 technical_details/JA4.md) and a
 * published browserleaks.com/tls result that gives JA3 and all four JA4 forms of one ClientHello.
 * JA3/JA3S against tshark run on every capture is in captures.test.ts.
 */
import test from 'ava';
import { ja3, ja4 } from '../../dissect/tls/fingerprints/index.js';
import { type ClientHello, decodeHandshake } from '../../dissect/tls/messages/index.js';
import { ExtensionType as E, HandshakeType } from '../../dissect/tls/tables/index.js';
import { ascii, extension, uint, vector, wire } from './build.js';
import { bytes, captureVectors } from './vectors.js';

const GREASE = 0x0a0a;

/** The body of each extension a browser-like ClientHello carries. */
const EXTENSION_DATA: Readonly<Record<number, Uint8Array>> = {
  [E.server_name]: vector(2, [0], vector(2, ascii('example.com'))),
  [E.status_request]: wire([1], vector(2), vector(2)),
  [E.supported_groups]: vector(2, uint(GREASE, 2), '001d00170018'),
  [E.ec_point_formats]: vector(1, [0]),
  [E.signature_algorithms]: vector(2, '04030804040105030805050108060601'),
  [E.application_layer_protocol_negotiation]: vector(2, vector(1, ascii('h2')), vector(1, ascii('http/1.1'))),
  [E.signed_certificate_timestamp]: new Uint8Array(),
  [E.padding]: new Uint8Array(12),
  [E.extended_master_secret]: new Uint8Array(),
  [E.compress_certificate]: vector(1, '0002'),
  [E.session_ticket]: new Uint8Array(),
  [E.supported_versions]: vector(1, uint(GREASE, 2), '03040303'),
  [E.psk_key_exchange_modes]: vector(1, [1]),
  [E.key_share]: vector(2, uint(GREASE, 2), vector(2, '00'), '001d', vector(2, new Uint8Array(32))),
  [E.application_settings_old]: vector(2, vector(1, ascii('h2'))),
  [E.application_settings]: vector(2, vector(1, ascii('h2'))),
  [E.encrypted_client_hello]: wire([0], '00010001', [9], vector(2, new Uint8Array(32)), vector(2, new Uint8Array(144))),
  [E.renegotiation_info]: vector(1),
};

/** A ClientHello with these suites and extensions (bodies from EXTENSION_DATA unless overridden). */
function hello(ciphers: readonly number[], extensions: readonly number[], override: Readonly<Record<number, Uint8Array>> = {}): ClientHello {
  const blocks = extensions.map((type) => extension(type, override[type] ?? EXTENSION_DATA[type] ?? new Uint8Array()));
  const body = wire('0303', new Uint8Array(32), vector(1, new Uint8Array(32)), vector(2, ...ciphers.map((suite) => uint(suite, 2))), vector(1, [0]), vector(2, ...blocks));
  const message = decodeHandshake(HandshakeType.client_hello, body, {});
  if (message.kind !== 'client_hello' || message.diagnostics.length > 0) throw new Error(`test hello does not decode: ${message.diagnostics.map((d) => d.message).join('; ')}`);
  return message;
}

const SPEC_CIPHERS = [GREASE, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035];

test('JA4 of the specification example ClientHello matches all four published forms', (t) => {
  const extensions = [GREASE, 0x001b, 0x0000, 0x0033, 0x0010, 0x4469, 0x0017, 0x002d, 0x000d, 0x0005, 0x0023, 0x0012, 0x002b, 0xff01, 0x000b, 0x000a, 0x0015, 0x1a1a];
  const fingerprint = ja4(hello(SPEC_CIPHERS, extensions));
  t.is(fingerprint.ja4, 't13d1516h2_8daaf6152771_e5627efa2ab1');
  t.is(fingerprint.ja4_r, 't13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_0403,0804,0401,0503,0805,0501,0806,0601');
  t.is(fingerprint.ja4_o, 't13d1516h2_acb858a92679_18f69afefd3d');
  t.is(fingerprint.ja4_ro, 't13d1516h2_1301,1302,1303,c02b,c02f,c02c,c030,cca9,cca8,c013,c014,009c,009d,002f,0035_001b,0000,0033,0010,4469,0017,002d,000d,0005,0023,0012,002b,ff01,000b,000a,0015_0403,0804,0401,0503,0805,0501,0806,0601');
});

test('a published browserleaks ClientHello gives its published JA3 and JA4 forms', (t) => {
  const extensions = [GREASE, 0x002d, 0x0033, 0x0010, 0xfe0d, 0x0017, 0x44cd, 0x0000, 0x000b, 0x000a, 0x002b, 0xff01, 0x0023, 0x0012, 0x0005, 0x000d, 0x001b, 0x1a1a];
  const client = hello(SPEC_CIPHERS, extensions, { [E.supported_groups]: vector(2, '0a0a11ec001d00170018') });
  const fingerprint = ja4(client);
  t.is(fingerprint.ja4, 't13d1516h2_8daaf6152771_d8a2da3f94cd');
  t.is(fingerprint.ja4_r, 't13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_0005,000a,000b,000d,0012,0017,001b,0023,002b,002d,0033,44cd,fe0d,ff01_0403,0804,0401,0503,0805,0501,0806,0601');
  t.is(fingerprint.ja4_o, 't13d1516h2_acb858a92679_f96a17c57971');
  t.is(fingerprint.ja4_ro, 't13d1516h2_1301,1302,1303,c02b,c02f,c02c,c030,cca9,cca8,c013,c014,009c,009d,002f,0035_002d,0033,0010,fe0d,0017,44cd,0000,000b,000a,002b,ff01,0023,0012,0005,000d,001b_0403,0804,0401,0503,0805,0501,0806,0601');
  t.is(ja3(client).full, '771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53,45-51-16-65037-23-17613-0-11-10-43-65281-35-18-5-13-27,4588-29-23-24,0');
  t.is(ja3(client).hash, '98487aa16281980e7d1120d399efb6a4');
});

const ALPN_CASES = [
  ['ab', 'ab'], ['abcd', 'ad'], ['30ab', '3b'], ['3031abcd', '3d'], ['30abcd31', '01'], ['68', 'hh'], ['687474702f312e31', 'h1'],
] as const;

for (const [value, code] of ALPN_CASES) {
  test(`JA4 writes the first ALPN value ${value} as "${code}"`, (t) => {
    const client = hello([0x1301], [0x0010], { [E.application_layer_protocol_negotiation]: vector(2, vector(1, value)) });
    t.is(ja4(client).ja4.slice(8, 10), code);
  });
}

test('JA4 of a hello without SNI, ALPN, supported_versions or signature algorithms', (t) => {
  const fingerprint = ja4(hello([0x002f, 0x0035], [0x000b]));
  t.true(fingerprint.ja4.startsWith('t12i020100_'));
  t.is(fingerprint.ja4_r, 't12i020100_002f,0035_000b');
});

test('JA4 of a hello without ciphers or extensions hashes to zeros', (t) => {
  const body = wire('0301', new Uint8Array(32), vector(1), vector(2), vector(1, [0]));
  const message = decodeHandshake(HandshakeType.client_hello, body, {});
  if (message.kind !== 'client_hello') return t.fail(message.kind);
  t.is(ja4(message).ja4, 't10i000000_000000000000_000000000000');
});

test('JA4 marks DTLS and QUIC hellos and reads DTLS versions', (t) => {
  const message = captureVectors('dtls12-aes128ccm8').messages.find((item) => item.type === HandshakeType.client_hello);
  if (message === undefined) return t.fail('no DTLS ClientHello');
  const decoded = decodeHandshake(message.type, bytes(message.body), { isDtls: true });
  if (decoded.kind !== 'client_hello') return t.fail(decoded.kind);
  t.is(ja4(decoded, 'dtls').ja4.slice(0, 3), 'dd2');
  t.is(ja4(hello([0x1301], [0x002b])).ja4.slice(0, 1), 't');
  t.is(ja4(hello([0x1301], [0x002b]), 'quic').ja4.slice(0, 3), 'q13');
});

test('JA4 caps the cipher count at 99', (t) => {
  const ciphers = Array.from({ length: 120 }, (_, index) => 0x0100 + index);
  t.is(ja4(hello(ciphers, [])).ja4.slice(4, 6), '99');
});
