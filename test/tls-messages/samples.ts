/**
 * One sample of every handshake message type and layout: the first of each kind in the captures'
 * vectors, RFC 8448's messages, and RFC-layout builds of the types no capture holds. The sweeps in
 * sweeps.test.ts run over all of them.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { type HandshakeContext, isTls13 } from '../../dissect/tls/messages/index.js';
import { HandshakeType, ProtocolVersion, cipherSuite } from '../../dissect/tls/tables/index.js';
import { ascii, uint, vector, wire } from './build.js';
import { bytes, contextOf, dataDir, loadCaptureVectors } from './vectors.js';

export interface Sample {
  readonly name: string;
  readonly type: number;
  readonly body: Uint8Array;
  readonly ctx: HandshakeContext;
}

interface RfcMessage {
  readonly name: string;
  readonly type: number;
  readonly message: string;
}

const TLS12 = { version: ProtocolVersion.TLS_1_2 };
const TLS13 = { version: ProtocolVersion.TLS_1_3 };

export const rfc8448Messages: readonly RfcMessage[] = (JSON.parse(readFileSync(path.join(dataDir, 'rfc8448.json'), 'utf8')) as { messages: RfcMessage[] }).messages;

function rfcBody(name: string): Uint8Array {
  return bytes(rfc8448Messages.find((message) => message.name === name)?.message ?? '').subarray(4);
}

function withSuite(ctx: HandshakeContext, id: number): HandshakeContext {
  const suite = cipherSuite(id);
  return suite === undefined ? ctx : { ...ctx, cipherSuite: suite };
}

/** The types and layouts no public capture holds, built from their RFCs around RFC 8448's content. */
function builtSamples(): Sample[] {
  const certificate = rfcBody('certificate');
  const firstHello = bytes(rfc8448Messages[0]?.message ?? '');
  return [
    { name: 'CompressedCertificate (zlib, RFC 8879)', type: HandshakeType.compressed_certificate, body: wire(uint(1, 2), uint(certificate.length, 3), vector(3, new Uint8Array(deflateSync(certificate)))), ctx: TLS13 },
    { name: 'CertificateStatus (RFC 6066 8)', type: HandshakeType.certificate_status, body: wire([1], vector(3, '3003020100')), ctx: TLS12 },
    { name: 'CertificateStatus ocsp_multi (RFC 6961)', type: HandshakeType.certificate_status, body: wire([2], vector(3, vector(3, '3003020100'), vector(3, '3000'))), ctx: TLS12 },
    { name: 'CertificateURL (RFC 6066 5)', type: HandshakeType.certificate_url, body: wire([0], vector(2, vector(2, ascii('http://example.com/rsa.der')), [1], createHash('sha1').update(certificate).digest())), ctx: TLS12 },
    { name: 'SupplementalData (RFC 4680)', type: HandshakeType.supplemental_data, body: vector(3, uint(16386, 2), vector(2, '0001020304')), ctx: TLS12 },
    { name: 'KeyUpdate (RFC 8446 4.6.3)', type: HandshakeType.key_update, body: wire([1]), ctx: TLS13 },
    { name: 'message_hash (RFC 8446 4.4.1)', type: HandshakeType.message_hash, body: createHash('sha256').update(firstHello).digest(), ctx: withSuite(TLS13, 0x1301) },
    { name: 'NextProtocol (NPN)', type: HandshakeType.next_protocol, body: wire(vector(1, ascii('h2')), vector(1, new Uint8Array(28))), ctx: {} },
    { name: 'CertificateRequest TLS 1.3', type: HandshakeType.certificate_request, body: wire(vector(1, '01'), vector(2, uint(13, 2), vector(2, vector(2, '0804', '0403')))), ctx: TLS13 },
    { name: 'ServerKeyExchange SRP', type: HandshakeType.server_key_exchange, body: wire(vector(2, 'eeaf0ab9'), vector(2, '02'), vector(1, 'bebb'), vector(2, '0102')), ctx: withSuite(TLS12, 0xc01d) },
    { name: 'ClientKeyExchange SRP', type: HandshakeType.client_key_exchange, body: vector(2, '0a0b0c'), ctx: withSuite(TLS12, 0xc01d) },
    {
      name: 'ServerKeyExchange explicit_prime', type: HandshakeType.server_key_exchange,
      body: wire([1], vector(1, 'ff'), vector(1, 'aa'), vector(1, 'bb'), vector(1, '04cc'), vector(1, 'dd'), vector(1, '01'), vector(1, '04aabb'), uint(0x0401, 2), vector(2, '00')),
      ctx: withSuite(TLS12, 0xc013),
    },
  ];
}

/** The kind of layout a captured message has: its type, plus what its shape depends on. */
function layoutKey(type: number, ctx: HandshakeContext): string {
  if (type === HandshakeType.server_key_exchange || type === HandshakeType.client_key_exchange) return `${type}:${ctx.cipherSuite?.kex ?? '?'}:${ctx.version ?? '?'}`;
  return `${type}:${ctx.version !== undefined && isTls13(ctx.version)}:${ctx.isDtls === true}`;
}

function captureSamples(): Sample[] {
  const seen = new Set<string>();
  const samples: Sample[] = [];
  for (const capture of loadCaptureVectors()) {
    for (const message of capture.messages) {
      const ctx = contextOf(message);
      const key = layoutKey(message.type, ctx);
      if (seen.has(key)) continue;
      seen.add(key);
      samples.push({ name: `${capture.name} frame ${message.frame} type ${message.type}`, type: message.type, body: bytes(message.body), ctx });
    }
  }
  return samples;
}

export function allSamples(): Sample[] {
  return [
    ...captureSamples(),
    ...rfc8448Messages.map((message) => ({ name: `RFC 8448 ${message.name}`, type: message.type, body: bytes(message.message).subarray(4), ctx: withSuite(TLS13, 0x1301) })),
    ...builtSamples(),
  ];
}
