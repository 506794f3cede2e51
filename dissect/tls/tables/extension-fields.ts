/**
 * Small registries for values carried inside hello extensions: server_name NameType (RFC 6066 3),
 * CertificateStatusType (RFC 6066 8, RFC 6961), ECPointFormat (RFC 8422 5.1.2),
 * PskKeyExchangeMode (RFC 8446 4.2.9, GREASE per RFC 8701 2) and CertificateCompressionAlgorithm
 * (RFC 8879 3).
 */
import { isGreasePskMode } from './grease.js';
import { type Registry, nameIn, namesByValue } from './registry.js';

const NAME_TYPES: Registry = { names: namesByValue({ 0: 'host_name' }), width: 1 };

const CERTIFICATE_STATUS_TYPES: Registry = {
  names: namesByValue({ 1: 'ocsp', 2: 'ocsp_multi' }),
  width: 1,
};

const EC_POINT_FORMATS: Registry = {
  names: namesByValue({ 0: 'uncompressed', 1: 'ansiX962_compressed_prime', 2: 'ansiX962_compressed_char2' }),
  width: 1,
};

const PSK_KEY_EXCHANGE_MODES: Registry = {
  names: namesByValue({ 0: 'psk_ke', 1: 'psk_dhe_ke' }),
  width: 1,
  grease: isGreasePskMode,
};

const CERTIFICATE_COMPRESSION_ALGORITHMS: Registry = {
  names: namesByValue({ 1: 'zlib', 2: 'brotli', 3: 'zstd' }),
  width: 2,
};

export function nameTypeName(type: number): string {
  return nameIn(NAME_TYPES, type);
}

export function certificateStatusTypeName(type: number): string {
  return nameIn(CERTIFICATE_STATUS_TYPES, type);
}

export function ecPointFormatName(format: number): string {
  return nameIn(EC_POINT_FORMATS, format);
}

export function pskKeyExchangeModeName(mode: number): string {
  return nameIn(PSK_KEY_EXCHANGE_MODES, mode);
}

export function certificateCompressionAlgorithmName(algorithm: number): string {
  return nameIn(CERTIFICATE_COMPRESSION_ALGORITHMS, algorithm);
}
