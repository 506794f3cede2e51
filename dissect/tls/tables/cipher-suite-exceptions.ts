/**
 * Rows whose names do not follow the "<key exchange>_WITH_<cipher>_<MAC>" grammar: the signalling
 * values of RFC 5746 3.3 and RFC 7507 2, which negotiate nothing, and the GOST suites of RFC 9189 4
 * (TLS 1.2, CTR-ACPKM with OMAC or CNT with IMIT) and RFC 9367 4 (TLS 1.3, MGM), whose names fold
 * the MAC into the cipher and whose sizes follow the block cipher (Kuznyechik 16 bytes, Magma and
 * GOST 28147-89 8 bytes).
 */
import type { SuiteAttributes } from './cipher-suite-grammar.js';

const SIGNALLING: SuiteAttributes = {
  kex: 'NULL', auth: 'NULL', cipher: 'NULL', mode: 'null', keyLength: 0, expandedKeyLength: 0,
  keyBits: 0, fixedIvLength: 0, recordIvLength: 0, blockSize: 0, tagLength: 0, mac: 'NULL',
  macLength: 0, prfHash: 'sha256', export: false, tls13: false,
};

/** RFC 9189 4: 256-bit keys, a half-block IV from the key block, a MAC cut to `macLength`. */
function gostTls12(cipher: SuiteAttributes['cipher'], ivLength: number, macLength: number): SuiteAttributes {
  return {
    kex: 'GOST', auth: 'GOST', cipher, mode: 'other', keyLength: 32, expandedKeyLength: 32,
    keyBits: 256, fixedIvLength: ivLength, recordIvLength: 0, blockSize: 0, tagLength: 0,
    mac: 'GOST', macLength, prfHash: 'streebog256', export: false, tls13: false,
  };
}

/** RFC 9367 4: MGM with a one-block nonce and tag. */
function gostTls13(cipher: SuiteAttributes['cipher'], blockLength: number): SuiteAttributes {
  return {
    kex: 'TLS13', auth: 'TLS13', cipher, mode: 'other', keyLength: 32, expandedKeyLength: 32,
    keyBits: 256, fixedIvLength: blockLength, recordIvLength: 0, blockSize: 0,
    tagLength: blockLength, mac: 'AEAD', macLength: 0, prfHash: 'streebog256', export: false,
    tls13: true,
  };
}

export const SUITE_EXCEPTIONS: Readonly<Record<number, SuiteAttributes>> = {
  0x00ff: SIGNALLING,
  0x5600: SIGNALLING,
  0xc100: gostTls12('KUZNYECHIK', 8, 16),
  0xc101: gostTls12('MAGMA', 4, 8),
  0xc102: gostTls12('GOST28147', 8, 4),
  // _L and _S differ only in how often TLSTREE re-keys.
  0xc103: gostTls13('KUZNYECHIK', 16),
  0xc104: gostTls13('MAGMA', 8),
  0xc105: gostTls13('KUZNYECHIK', 16),
  0xc106: gostTls13('MAGMA', 8),
};
