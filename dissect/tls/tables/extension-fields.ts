/**
 * Small registries for values carried inside hello extensions: server_name NameType (RFC 6066 3),
 * CertificateStatusType (RFC 6066 8, RFC 6961), ECPointFormat (RFC 8422 5.1.2),
 * PskKeyExchangeMode (RFC 8446 4.2.9, GREASE per RFC 8701 2) and CertificateCompressionAlgorithm
 * (RFC 8879 3).
 */
import { isGreasePskMode } from './grease.js';
import { type Namer, byWireValue, namer } from './registry.js';

export const nameTypeName: Namer = namer({ names: byWireValue({ 0: 'host_name' }), width: 1 });

export const certificateStatusTypeName: Namer = namer({
  names: byWireValue({ 1: 'ocsp', 2: 'ocsp_multi' }),
  width: 1,
});

export const ecPointFormatName: Namer = namer({
  names: byWireValue({ 0: 'uncompressed', 1: 'ansiX962_compressed_prime', 2: 'ansiX962_compressed_char2' }),
  width: 1,
});

export const pskKeyExchangeModeName: Namer = namer({
  names: byWireValue({ 0: 'psk_ke', 1: 'psk_dhe_ke' }),
  width: 1,
  grease: isGreasePskMode,
});

/** A 16-bit registry, unlike the others here. */
export const certificateCompressionAlgorithmName: Namer = namer({
  names: byWireValue({ 1: 'zlib', 2: 'brotli', 3: 'zstd' }),
  width: 2,
});
