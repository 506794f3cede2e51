/**
 * A cipher suite's attributes read from its IANA name, which spells them out:
 * "TLS_<key exchange>_WITH_<cipher>_<MAC or PRF hash>" up to TLS 1.2 (RFC 5246 A.5, RFC 5288 3,
 * RFC 6655 3, RFC 7905 2) and "TLS_<AEAD>_<HKDF hash>" for TLS 1.3 (RFC 8446 B.4). Each part is
 * looked up in a table below, so a row can never disagree with its own name. Sizes follow RFC 5246
 * 6.3 and C, RFC 4346 A.5 (export), RFC 8446 5.3 (nonces) and RFC 9150 (integrity-only suites).
 */
import type {
  Authentication, BulkCipher, CipherMode, CipherSuiteInfo, KeyExchange, MacAlgorithm, PrfHash,
} from './types.js';

interface KeyExchangePart {
  readonly kex: KeyExchange;
  readonly auth: Authentication;
  readonly export: boolean;
}

type CipherPart = Pick<
  CipherSuiteInfo,
  | 'cipher' | 'mode' | 'keyLength' | 'expandedKeyLength' | 'keyBits' | 'fixedIvLength'
  | 'recordIvLength' | 'blockSize' | 'tagLength'
>;

interface MacPart {
  readonly mac: MacAlgorithm;
  readonly macLength: number;
}

export type SuiteAttributes = Omit<CipherSuiteInfo, 'id' | 'name'>;

function kx(kex: KeyExchange, auth: Authentication, exportGrade = false): KeyExchangePart {
  return { kex, auth, export: exportGrade };
}

/** The text between "TLS_" (or Netscape's "SSL_") and "_WITH_". */
const KEY_EXCHANGES: Readonly<Record<string, KeyExchangePart>> = {
  NULL: kx('NULL', 'NULL'),
  RSA: kx('RSA', 'RSA'),
  RSA_EXPORT: kx('RSA_EXPORT', 'RSA', true),
  RSA_EXPORT1024: kx('RSA_EXPORT', 'RSA', true),
  RSA_FIPS: kx('RSA', 'RSA'),
  RSA_OLDFIPS: kx('RSA', 'RSA'),
  DH_DSS: kx('DH', 'DSS'),
  DH_DSS_EXPORT: kx('DH', 'DSS', true),
  DH_RSA: kx('DH', 'RSA'),
  DH_RSA_EXPORT: kx('DH', 'RSA', true),
  DHE_DSS: kx('DHE', 'DSS'),
  DHE_DSS_EXPORT: kx('DHE', 'DSS', true),
  DHE_DSS_EXPORT1024: kx('DHE', 'DSS', true),
  DHE_RSA: kx('DHE', 'RSA'),
  DHE_RSA_EXPORT: kx('DHE', 'RSA', true),
  DH_anon: kx('DH_anon', 'anon'),
  DH_anon_EXPORT: kx('DH_anon', 'anon', true),
  KRB5: kx('KRB5', 'KRB5'),
  KRB5_EXPORT: kx('KRB5', 'KRB5', true),
  PSK: kx('PSK', 'PSK'),
  DHE_PSK: kx('DHE_PSK', 'PSK'),
  // RFC 6655 spells two of its suites PSK_DHE; the key exchange is DHE_PSK all the same.
  PSK_DHE: kx('DHE_PSK', 'PSK'),
  RSA_PSK: kx('RSA_PSK', 'RSA'),
  ECDHE_PSK: kx('ECDHE_PSK', 'PSK'),
  SRP_SHA: kx('SRP', 'SHA'),
  SRP_SHA_RSA: kx('SRP', 'RSA'),
  SRP_SHA_DSS: kx('SRP', 'DSS'),
  ECDH_ECDSA: kx('ECDH', 'ECDSA'),
  ECDH_RSA: kx('ECDH', 'RSA'),
  ECDHE_ECDSA: kx('ECDHE', 'ECDSA'),
  ECDHE_RSA: kx('ECDHE', 'RSA'),
  ECDH_anon: kx('ECDH_anon', 'anon'),
  ECCPWD: kx('ECCPWD', 'ECCPWD'),
  ECJPAKE: kx('ECJPAKE', 'ECJPAKE'),
};

const NO_CIPHER: CipherPart = {
  cipher: 'NULL', mode: 'null', keyLength: 0, expandedKeyLength: 0, keyBits: 0,
  fixedIvLength: 0, recordIvLength: 0, blockSize: 0, tagLength: 0,
};

/** RC4: no IV; export grades take `keyLength` secret bytes and expand them to 16 (RFC 4346 A.5). */
function rc4(keyLength: number, keyBits = keyLength * 8): CipherPart {
  return { ...NO_CIPHER, cipher: 'RC4', mode: 'stream', keyLength, expandedKeyLength: 16, keyBits };
}

/**
 * A CBC cipher: the IV is one block, taken from the key block before TLS 1.1 and sent per record
 * from TLS 1.1 on (RFC 4346 6.2.3.2).
 */
function cbc(cipher: BulkCipher, blockSize: number, keyLength: number, expandedKeyLength = keyLength, keyBits = keyLength * 8): CipherPart {
  return {
    cipher, mode: 'cbc', keyLength, expandedKeyLength, keyBits,
    fixedIvLength: blockSize, recordIvLength: blockSize, blockSize, tagLength: 0,
  };
}

/** TLS 1.2 GCM and CCM: 4-byte implicit salt plus 8-byte explicit nonce (RFC 5288 3, RFC 6655 3). */
function saltedAead(cipher: BulkCipher, mode: CipherMode, keyLength: number, tagLength = 16): CipherPart {
  return {
    cipher, mode, keyLength, expandedKeyLength: keyLength, keyBits: keyLength * 8,
    fixedIvLength: 4, recordIvLength: 8, blockSize: 0, tagLength,
  };
}

/** An AEAD whose whole nonce is derived (RFC 7905 2, RFC 8446 5.3): nothing explicit per record. */
function derivedNonceAead(cipher: BulkCipher, mode: CipherMode, keyLength: number, nonceLength = 12, tagLength = 16): CipherPart {
  return {
    cipher, mode, keyLength, expandedKeyLength: keyLength, keyBits: keyLength * 8,
    fixedIvLength: nonceLength, recordIvLength: 0, blockSize: 0, tagLength,
  };
}

/** RFC 9150: HMAC as an AEAD; key, IV and tag are all one hash output long, nothing is encrypted. */
function integrityOnly(hashLength: number): CipherPart {
  return {
    ...NO_CIPHER, mode: 'hmac', keyLength: hashLength, expandedKeyLength: hashLength,
    fixedIvLength: hashLength, tagLength: hashLength,
  };
}

/** The cipher of TLS 1.2-era names, between "_WITH_" and the MAC. */
const CIPHERS: Readonly<Record<string, CipherPart>> = {
  NULL: NO_CIPHER,
  RC4_40: rc4(5),
  RC4_56: rc4(7),
  RC4_128: rc4(16),
  RC2_CBC_40: cbc('RC2', 8, 5, 16),
  RC2_CBC_56: cbc('RC2', 8, 7, 16),
  IDEA_CBC: cbc('IDEA', 8, 16),
  DES40_CBC: cbc('DES', 8, 5, 8),
  DES_CBC_40: cbc('DES', 8, 5, 8),
  // DES keys carry 8 parity bits.
  DES_CBC: cbc('DES', 8, 8, 8, 56),
  '3DES_EDE_CBC': cbc('3DES', 8, 24, 24, 168),
  SEED_CBC: cbc('SEED', 16, 16),
  AES_128_CBC: cbc('AES', 16, 16),
  AES_256_CBC: cbc('AES', 16, 32),
  CAMELLIA_128_CBC: cbc('CAMELLIA', 16, 16),
  CAMELLIA_256_CBC: cbc('CAMELLIA', 16, 32),
  ARIA_128_CBC: cbc('ARIA', 16, 16),
  ARIA_256_CBC: cbc('ARIA', 16, 32),
  AES_128_GCM: saltedAead('AES', 'gcm', 16),
  AES_256_GCM: saltedAead('AES', 'gcm', 32),
  CAMELLIA_128_GCM: saltedAead('CAMELLIA', 'gcm', 16),
  CAMELLIA_256_GCM: saltedAead('CAMELLIA', 'gcm', 32),
  ARIA_128_GCM: saltedAead('ARIA', 'gcm', 16),
  ARIA_256_GCM: saltedAead('ARIA', 'gcm', 32),
  AES_128_CCM: saltedAead('AES', 'ccm', 16),
  AES_256_CCM: saltedAead('AES', 'ccm', 32),
  AES_128_CCM_8: saltedAead('AES', 'ccm8', 16, 8),
  AES_256_CCM_8: saltedAead('AES', 'ccm8', 32, 8),
  CHACHA20_POLY1305: derivedNonceAead('CHACHA20', 'poly1305', 32),
};

/** The AEAD of TLS 1.3 names, between "TLS_" and the HKDF hash. */
const TLS13_CIPHERS: Readonly<Record<string, CipherPart>> = {
  AES_128_GCM: derivedNonceAead('AES', 'gcm', 16),
  AES_256_GCM: derivedNonceAead('AES', 'gcm', 32),
  CHACHA20_POLY1305: derivedNonceAead('CHACHA20', 'poly1305', 32),
  AES_128_CCM: derivedNonceAead('AES', 'ccm', 16),
  AES_128_CCM_8: derivedNonceAead('AES', 'ccm8', 16, 12, 8),
  SM4_GCM: derivedNonceAead('SM4', 'gcm', 16),
  SM4_CCM: derivedNonceAead('SM4', 'ccm', 16),
  // draft-irtf-cfrg-aegis-aead: the nonce is as long as the key, the TLS tag 128 bits.
  AEGIS_256: derivedNonceAead('AEGIS', 'other', 32, 32),
  AEGIS_128L: derivedNonceAead('AEGIS', 'other', 16, 16),
  SHA256: integrityOnly(32),
  SHA384: integrityOnly(48),
};

/** HMAC of TLS 1.2-era names; "SHA" is SHA-1 (RFC 5246 A.5). */
const MACS: Readonly<Record<string, MacPart>> = {
  NULL: { mac: 'NULL', macLength: 0 },
  MD5: { mac: 'MD5', macLength: 16 },
  SHA: { mac: 'SHA1', macLength: 20 },
  SHA256: { mac: 'SHA256', macLength: 32 },
  SHA384: { mac: 'SHA384', macLength: 48 },
};

/** The trailing hash of an AEAD or TLS 1.3 name names the PRF/HKDF hash. */
const PRF_HASHES: Readonly<Record<string, PrfHash>> = {
  SHA256: 'sha256',
  SHA384: 'sha384',
  SHA512: 'sha512',
  SM3: 'sm3',
};

const AEAD: MacPart = { mac: 'AEAD', macLength: 0 };
const TLS13: KeyExchangePart = kx('TLS13', 'TLS13');

/** Splits "<cipher>_<rest>" on the longest cipher token the table knows. */
function splitCipher(table: Readonly<Record<string, CipherPart>>, text: string): [CipherPart, string] | undefined {
  let best: [string, CipherPart] | undefined;
  for (const [token, part] of Object.entries(table)) {
    const fits = text === token || text.startsWith(`${token}_`);
    if (fits && (best === undefined || token.length > best[0].length)) best = [token, part];
  }
  return best === undefined ? undefined : [best[1], text.slice(best[0].length + 1)];
}

function assemble(exchange: KeyExchangePart, cipher: CipherPart, mac: MacPart, prfHash: PrfHash, tls13: boolean): SuiteAttributes {
  const { kex, auth } = exchange;
  return { kex, auth, ...cipher, ...mac, prfHash, export: exchange.export, tls13 };
}

function tls12Suite(exchangeText: string, cipherText: string): SuiteAttributes | undefined {
  const exchange = KEY_EXCHANGES[exchangeText];
  const split = splitCipher(CIPHERS, cipherText);
  if (exchange === undefined || split === undefined) return undefined;
  const [cipher, trailer] = split;
  // RFC 5288 3 and RFC 5289 3.2: the PRF is SHA-256 unless the name ends in SHA384.
  const prfHash: PrfHash = trailer === 'SHA384' ? 'sha384' : 'sha256';
  if (cipher.tagLength > 0) {
    return trailer === '' || PRF_HASHES[trailer] !== undefined
      ? assemble(exchange, cipher, AEAD, prfHash, false)
      : undefined;
  }
  const mac = MACS[trailer];
  return mac === undefined ? undefined : assemble(exchange, cipher, mac, prfHash, false);
}

function tls13Suite(text: string): SuiteAttributes | undefined {
  const split = splitCipher(TLS13_CIPHERS, text);
  if (split === undefined) return undefined;
  const [cipher, trailer] = split;
  const prfHash = PRF_HASHES[trailer];
  return prfHash === undefined ? undefined : assemble(TLS13, cipher, AEAD, prfHash, true);
}

/**
 * BoringSSL's name for the draft-agl ChaCha20-Poly1305 code points: same ciphers, but a 64-bit
 * sequence-number nonce with no key-block IV and a differently padded Poly1305 input.
 */
const DRAFT_CHACHA_SUFFIX = '_OLD';

/** The attributes a suite's name spells out; undefined when the name does not follow the grammar. */
export function attributesFromName(name: string): SuiteAttributes | undefined {
  if (name.endsWith(DRAFT_CHACHA_SUFFIX)) {
    const rfc = attributesFromName(name.slice(0, -DRAFT_CHACHA_SUFFIX.length));
    return rfc?.mode === 'poly1305' ? { ...rfc, mode: 'other', fixedIvLength: 0 } : undefined;
  }
  const match = /^(?:TLS|SSL)_(?:(.+?)_WITH_)?(.+)$/.exec(name);
  const [, exchangeText, cipherText] = match ?? [];
  if (cipherText === undefined) return undefined;
  return exchangeText === undefined ? tls13Suite(cipherText) : tls12Suite(exchangeText, cipherText);
}
