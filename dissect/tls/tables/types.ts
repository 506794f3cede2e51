/**
 * Shapes of the TLS registries (IANA "TLS Parameters"). Wire enums are open: a value missing from
 * a table still decodes and prints as hex. Decryption reads a cipher suite's row and never switches
 * on its name.
 */

/** How the pre-master secret (or TLS 1.3 shared secret) is agreed. */
export type KeyExchange =
  | 'NULL' | 'RSA' | 'RSA_EXPORT' | 'DH' | 'DHE' | 'DH_anon' | 'ECDH' | 'ECDHE' | 'ECDH_anon'
  | 'PSK' | 'DHE_PSK' | 'RSA_PSK' | 'ECDHE_PSK' | 'SRP' | 'KRB5' | 'ECCPWD' | 'ECJPAKE' | 'GOST' | 'TLS13';

/** Who proves their identity in the handshake. */
export type Authentication =
  | 'NULL' | 'RSA' | 'DSS' | 'ECDSA' | 'anon' | 'PSK' | 'KRB5' | 'SHA' | 'ECCPWD' | 'ECJPAKE' | 'GOST' | 'TLS13';

export type BulkCipher =
  | 'NULL' | 'RC4' | 'RC2' | 'DES' | '3DES' | 'IDEA' | 'SEED' | 'AES' | 'CAMELLIA' | 'ARIA'
  | 'CHACHA20' | 'SM4' | 'AEGIS' | 'GOST28147' | 'KUZNYECHIK' | 'MAGMA';

/**
 * How records are protected. 'null', 'stream' (RC4) and 'cbc' are MAC-then-encrypt (or
 * encrypt-then-MAC when negotiated); 'gcm', 'ccm', 'ccm8' and 'poly1305' are the AEADs of RFC 5288,
 * RFC 6655 and RFC 7905 / RFC 8446; 'hmac' is RFC 9150's integrity-only AEAD (plaintext followed by an
 * HMAC tag of tagLength bytes); 'other' is a construction keyhole does not implement (GOST CTR/MGM,
 * AEGIS, the pre-RFC ChaCha20-Poly1305 of draft-agl-tls-chacha20poly1305).
 */
export type CipherMode = 'null' | 'stream' | 'cbc' | 'gcm' | 'ccm' | 'ccm8' | 'poly1305' | 'hmac' | 'other';

export type MacAlgorithm = 'NULL' | 'MD5' | 'SHA1' | 'SHA256' | 'SHA384' | 'AEAD' | 'GOST';

/**
 * Hash of the TLS 1.2 PRF / TLS 1.3 HKDF. Rows say what TLS 1.2 (or 1.3) uses; below TLS 1.2 the
 * version, not the row, picks the PRF ('legacy' = MD5+SHA-1 of TLS 1.0/1.1 or the SSL 3.0 PRF).
 * 'sm3' is RFC 8998's, 'streebog256' the GOST R 34.11-2012 hash of RFC 9189 and RFC 9367.
 */
export type PrfHash = 'sha256' | 'sha384' | 'sha512' | 'sm3' | 'streebog256' | 'legacy';

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
   * salt for TLS 1.2 GCM/CCM, 12 for ChaCha20-Poly1305, the nonce length for TLS 1.3 suites (12 for
   * AES, ChaCha20 and SM4), 0 for stream.
   */
  readonly fixedIvLength: number;
  /**
   * Bytes of explicit per-record nonce/IV on the wire: 8 for TLS 1.2 GCM/CCM, the block size for
   * CBC (present from TLS 1.1 on only; the decryptor checks the version), 0 otherwise.
   */
  readonly recordIvLength: number;
  /** Cipher block size in bytes (0 for stream and AEAD ciphers). */
  readonly blockSize: number;
  /** AEAD tag bytes (16, or 8 for CCM_8); 0 otherwise. */
  readonly tagLength: number;
  readonly mac: MacAlgorithm;
  /** HMAC key and output bytes (0 for AEAD); for GOST suites the MAC output bytes (the MAC key is 32). */
  readonly macLength: number;
  readonly prfHash: PrfHash;
  readonly export: boolean;
  /** True for TLS 1.3 suites (0x13xx), which carry no key exchange in their name. */
  readonly tls13: boolean;
}
