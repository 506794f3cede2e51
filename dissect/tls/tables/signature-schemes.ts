/**
 * IANA "TLS SignatureScheme" registry (RFC 8446 4.2.3, RFC 8734, RFC 8998, RFC 9189, RFC 9367) and,
 * for TLS 1.2 peers, the (HashAlgorithm, SignatureAlgorithm) pairs of RFC 5246 7.4.1.4.1 that the
 * 16-bit scheme space grew out of. A pair with no scheme name prints as "hash+signature".
 */
import { type Registry, greasedRegistry, hexValue, nameIn, namesByValue } from './registry.js';

const SCHEMES = {
  0x0101: 'rsa_pkcs1_md5',
  0x0102: 'dsa_md5',
  0x0103: 'ecdsa_md5',
  0x0201: 'rsa_pkcs1_sha1',
  0x0202: 'dsa_sha1',
  0x0203: 'ecdsa_sha1',
  0x0301: 'rsa_pkcs1_sha224',
  0x0302: 'dsa_sha224',
  0x0303: 'ecdsa_sha224',
  0x0401: 'rsa_pkcs1_sha256',
  0x0402: 'dsa_sha256',
  0x0403: 'ecdsa_secp256r1_sha256',
  0x0420: 'rsa_pkcs1_sha256_legacy',
  0x0501: 'rsa_pkcs1_sha384',
  0x0502: 'dsa_sha384',
  0x0503: 'ecdsa_secp384r1_sha384',
  0x0520: 'rsa_pkcs1_sha384_legacy',
  0x0601: 'rsa_pkcs1_sha512',
  0x0602: 'dsa_sha512',
  0x0603: 'ecdsa_secp521r1_sha512',
  0x0620: 'rsa_pkcs1_sha512_legacy',
  0x0704: 'eccsi_sha256',
  0x0705: 'iso_ibs1',
  0x0706: 'iso_ibs2',
  0x0707: 'iso_chinese_ibs',
  0x0708: 'sm2sig_sm3',
  0x0709: 'gostr34102012_256a',
  0x070a: 'gostr34102012_256b',
  0x070b: 'gostr34102012_256c',
  0x070c: 'gostr34102012_256d',
  0x070d: 'gostr34102012_512a',
  0x070e: 'gostr34102012_512b',
  0x070f: 'gostr34102012_512c',
  0x0804: 'rsa_pss_rsae_sha256',
  0x0805: 'rsa_pss_rsae_sha384',
  0x0806: 'rsa_pss_rsae_sha512',
  0x0807: 'ed25519',
  0x0808: 'ed448',
  0x0809: 'rsa_pss_pss_sha256',
  0x080a: 'rsa_pss_pss_sha384',
  0x080b: 'rsa_pss_pss_sha512',
  0x081a: 'ecdsa_brainpoolP256r1tls13_sha256',
  0x081b: 'ecdsa_brainpoolP384r1tls13_sha384',
  0x081c: 'ecdsa_brainpoolP512r1tls13_sha512',
  0x0904: 'mldsa44',
  0x0905: 'mldsa65',
  0x0906: 'mldsa87',
} as const;

/** IANA "TLS HashAlgorithm" registry (RFC 5246 7.4.1.4.1, RFC 8422, RFC 9189). */
const HASH_ALGORITHMS = {
  0: 'none',
  1: 'md5',
  2: 'sha1',
  3: 'sha224',
  4: 'sha256',
  5: 'sha384',
  6: 'sha512',
  8: 'intrinsic',
} as const;

/** IANA "TLS SignatureAlgorithm" registry (RFC 5246 7.4.1.4.1, RFC 8422, RFC 9189). */
const SIGNATURE_ALGORITHMS = {
  0: 'anonymous',
  1: 'rsa',
  2: 'dsa',
  3: 'ecdsa',
  7: 'ed25519',
  8: 'ed448',
  64: 'gostr34102012_256',
  65: 'gostr34102012_512',
} as const;

const NAMES: Registry = greasedRegistry(namesByValue(SCHEMES));
const HASHES: ReadonlyMap<number, string> = namesByValue(HASH_ALGORITHMS);
const SIGNATURES: ReadonlyMap<number, string> = namesByValue(SIGNATURE_ALGORITHMS);

export function hashAlgorithmName(hash: number): string {
  return HASHES.get(hash) ?? hexValue(hash, 1);
}

export function signatureAlgorithmName(signature: number): string {
  return SIGNATURES.get(signature) ?? hexValue(signature, 1);
}

export function signatureSchemeName(scheme: number): string {
  if (NAMES.names.has(scheme) || !Number.isSafeInteger(scheme) || scheme < 0 || scheme > 0xffff) {
    return nameIn(NAMES, scheme);
  }
  const hash = HASHES.get(scheme >> 8);
  const signature = SIGNATURES.get(scheme & 0xff);
  return hash !== undefined && signature !== undefined ? `${hash}+${signature}` : nameIn(NAMES, scheme);
}
