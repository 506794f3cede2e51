/**
 * IANA "TLS SignatureScheme" registry (RFC 8446 4.2.3, RFC 8734, RFC 8998, RFC 9189, RFC 9367) and,
 * for TLS 1.2 peers, the (HashAlgorithm, SignatureAlgorithm) pairs of RFC 5246 7.4.1.4.1 that the
 * 16-bit scheme space grew out of. A pair with no scheme name prints as "hash+signature".
 */
import { type Namer, type Registry, byWireValue, greasedRegistry, nameIn, namer } from './registry.js';

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

const NAMES: Registry = greasedRegistry(byWireValue(SCHEMES));
const HASHES: Registry = { names: byWireValue(HASH_ALGORITHMS), width: 1 };
const SIGNATURES: Registry = { names: byWireValue(SIGNATURE_ALGORITHMS), width: 1 };

export const hashAlgorithmName: Namer = namer(HASHES);
export const signatureAlgorithmName: Namer = namer(SIGNATURES);

/** The TLS 1.2 (hash, signature) reading of a scheme nobody named, e.g. "sha256+anonymous". */
function legacyPairName(scheme: number): string | undefined {
  if (!Number.isSafeInteger(scheme) || scheme < 0 || scheme > 0xffff) return undefined;
  const hash = HASHES.names.get(scheme >> 8);
  const signature = SIGNATURES.names.get(scheme & 0xff);
  return hash === undefined || signature === undefined ? undefined : `${hash}+${signature}`;
}

export function signatureSchemeName(scheme: number): string {
  return NAMES.names.get(scheme) ?? legacyPairName(scheme) ?? nameIn(NAMES, scheme);
}
