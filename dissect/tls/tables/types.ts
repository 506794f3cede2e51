/**
 * Shapes of the TLS registries (IANA "TLS Parameters"). Wire enums are open: a value missing from
 * a table still decodes and prints as hex. Decryption reads a cipher suite's row and never switches
 * on its name.
 */

/** How the pre-master secret (or TLS 1.3 shared secret) is agreed. */
export type KeyExchange =
  | 'NULL' | 'RSA' | 'RSA_EXPORT' | 'DH' | 'DHE' | 'DH_anon' | 'ECDH' | 'ECDHE' | 'ECDH_anon'
  | 'PSK' | 'DHE_PSK' | 'RSA_PSK' | 'ECDHE_PSK' | 'SRP' | 'KRB5' | 'ECCPWD' | 'GOST' | 'TLS13';

/** Who proves their identity in the handshake. */
export type Authentication =
  | 'NULL' | 'RSA' | 'DSS' | 'ECDSA' | 'anon' | 'PSK' | 'KRB5' | 'SHA' | 'ECCPWD' | 'GOST' | 'TLS13';

export type BulkCipher =
  | 'NULL' | 'RC4' | 'RC2' | 'DES' | '3DES' | 'IDEA' | 'SEED' | 'AES' | 'CAMELLIA' | 'ARIA'
  | 'CHACHA20' | 'SM4' | 'GOST28147' | 'KUZNYECHIK' | 'MAGMA';

/**
 * How records are protected. 'stream' (RC4, NULL) and 'cbc' are MAC-then-encrypt (or
 * encrypt-then-MAC when negotiated); the rest are AEADs.
 */
export type CipherMode = 'null' | 'stream' | 'cbc' | 'gcm' | 'ccm' | 'ccm8' | 'poly1305' | 'other';

export type MacAlgorithm = 'NULL' | 'MD5' | 'SHA1' | 'SHA256' | 'SHA384' | 'AEAD' | 'GOST';

/** Hash of the TLS 1.2 PRF / TLS 1.3 HKDF. 'legacy' = MD5+SHA-1 (TLS 1.0/1.1) or the SSL 3.0 PRF. */
export type PrfHash = 'sha256' | 'sha384' | 'legacy';

export interface CipherSuiteInfo {
  readonly id: number;
  /** IANA name, e.g. "TLS_RSA_WITH_AES_128_CBC_SHA". */
  readonly name: string;
  readonly kex: KeyExchange;
  readonly auth: Authentication;
  readonly cipher: BulkCipher;
  readonly mode: CipherMode;
  /** Bytes of key taken from the key block (5 for 40-bit export ciphers). */
  readonly keyLength: number;
  /** Bytes of key the cipher actually uses (after export expansion; equal to keyLength otherwise). */
  readonly expandedKeyLength: number;
  /** Effective secret key bits (40 for export suites). */
  readonly keyBits: number;
  /**
   * Bytes of IV taken from the key block: the CBC IV for SSL 3.0/TLS 1.0, the 4-byte implicit
   * salt for TLS 1.2 GCM/CCM, 12 for ChaCha20-Poly1305 and all TLS 1.3 suites, 0 for stream.
   */
  readonly fixedIvLength: number;
  /** Bytes of explicit per-record nonce/IV on the wire (8 for TLS 1.2 GCM/CCM; block size for TLS 1.1+ CBC is derived from blockSize). */
  readonly recordIvLength: number;
  /** Cipher block size in bytes (0 for stream and AEAD ciphers). */
  readonly blockSize: number;
  /** AEAD tag bytes (16, or 8 for CCM_8); 0 otherwise. */
  readonly tagLength: number;
  readonly mac: MacAlgorithm;
  /** HMAC key and output bytes (0 for AEAD). */
  readonly macLength: number;
  readonly prfHash: PrfHash;
  readonly export: boolean;
  /** True for TLS 1.3 suites (0x13xx), which carry no key exchange in their name. */
  readonly tls13: boolean;
}
