/**
 * Protected records built independently of dissect/crypto, with node:crypto's ciphers, HMACs and
 * hashes, following RFC 5246 6.2.3, RFC 7366 3 and RFC 6101 5.2.3, so the decryptor is checked
 * against the specification rather than against itself.
 */
import { type Cipher, type CipherGCM, createCipheriv, createHash, createHmac } from 'node:crypto';

export type MacHash = 'md5' | 'sha1' | 'sha256' | 'sha384';

export interface CbcRecord {
  readonly cipher: string;
  readonly key: Uint8Array;
  /** The IV: sent first (TLS 1.1+, `explicitIv`) or the previous record's last block (SSL 3.0, TLS 1.0). */
  readonly iv: Uint8Array;
  readonly explicitIv: boolean;
  readonly macHash: MacHash;
  readonly macKey: Uint8Array;
  readonly sequence: bigint;
  readonly type: number;
  readonly version: number;
  readonly content: Uint8Array;
  readonly ssl3?: boolean;
  readonly encryptThenMac?: boolean;
  /** How many padding bytes precede the length byte (default: the fewest that fill the block). */
  readonly padLength?: number;
  /** The value of those padding bytes (TLS requires the padding length). */
  readonly paddingByte?: number;
  /** The padding length byte, when it should lie about `padLength`. */
  readonly lengthByte?: number;
  /** A MAC over other bytes than the content, to make a record whose MAC fails. */
  readonly macOver?: Uint8Array;
}

export function sequenceBytes(sequence: bigint): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(sequence);
  return out;
}

function header(type: number, version: number, length: number): Buffer {
  return Buffer.from([type, version >> 8, version & 0xff, length >> 8, length & 0xff]);
}

export function tlsMac(hash: MacHash, key: Uint8Array, sequence: bigint, type: number, version: number, data: Uint8Array): Buffer {
  return createHmac(hash, key).update(sequenceBytes(sequence)).update(header(type, version, data.length)).update(data).digest();
}

/** RFC 6101 5.2.3.1. */
export function ssl3Mac(hash: 'md5' | 'sha1', key: Uint8Array, sequence: bigint, type: number, data: Uint8Array): Buffer {
  const pad = hash === 'md5' ? 48 : 40;
  const inner = createHash(hash).update(key).update(Buffer.alloc(pad, 0x36)).update(sequenceBytes(sequence))
    .update(Buffer.from([type, data.length >> 8, data.length & 0xff])).update(data).digest();
  return createHash(hash).update(key).update(Buffer.alloc(pad, 0x5c)).update(inner).digest();
}

function encrypt(cipher: string, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Buffer {
  const c = createCipheriv(cipher, key, iv).setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}

/** The fragment of one CBC record (no record header). */
export function sealCbc(r: CbcRecord): Uint8Array {
  const blockSize = r.iv.length;
  const mac = (data: Uint8Array): Buffer => (r.ssl3 === true && (r.macHash === 'md5' || r.macHash === 'sha1')
    ? ssl3Mac(r.macHash, r.macKey, r.sequence, r.type, data)
    : tlsMac(r.macHash, r.macKey, r.sequence, r.type, r.version, data));
  const pad = (length: number): Buffer => {
    const padLength = r.padLength ?? (blockSize - ((length + 1) % blockSize)) % blockSize;
    return Buffer.alloc(padLength + 1, r.paddingByte ?? padLength).fill(r.lengthByte ?? padLength, padLength);
  };
  const prefix = r.explicitIv ? Buffer.from(r.iv) : Buffer.alloc(0);
  if (r.encryptThenMac === true) {
    const body = Buffer.concat([r.content, pad(r.content.length)]);
    const ivAndCiphertext = Buffer.concat([prefix, encrypt(r.cipher, r.key, r.iv, body)]);
    return Buffer.concat([ivAndCiphertext, mac(r.macOver ?? ivAndCiphertext)]);
  }
  const withMac = Buffer.concat([r.content, mac(r.macOver ?? r.content)]);
  const body = Buffer.concat([withMac, pad(withMac.length)]);
  return Buffer.concat([prefix, encrypt(r.cipher, r.key, r.iv, body)]);
}

export interface AeadRecord {
  readonly cipher: 'aes-128-gcm' | 'aes-256-gcm' | 'aria-128-gcm' | 'chacha20-poly1305' | 'aes-128-ccm';
  readonly key: Uint8Array;
  readonly nonce: Uint8Array;
  readonly aad: Uint8Array;
  readonly plaintext: Uint8Array;
  readonly tagLength?: number;
}

function authenticated(cipher: Cipher): cipher is CipherGCM {
  return 'setAAD' in cipher && 'getAuthTag' in cipher;
}

/** Ciphertext || tag. GCM and ChaCha20-Poly1305 tags are 16 bytes; CCM takes `tagLength`. */
export function sealAead(r: AeadRecord): Buffer {
  const c = r.cipher === 'aes-128-ccm'
    ? createCipheriv(r.cipher, r.key, r.nonce, { authTagLength: r.tagLength ?? 16 })
    : createCipheriv(r.cipher, r.key, r.nonce);
  if (!authenticated(c)) throw new Error(`${r.cipher} is not an AEAD`);
  c.setAAD(r.aad, { plaintextLength: r.plaintext.length });
  const ciphertext = Buffer.concat([c.update(r.plaintext), c.final()]);
  return Buffer.concat([ciphertext, c.getAuthTag()]);
}

/** TLS 1.2 additional data (RFC 5246 6.2.3.3): seq_num || type || version || length. */
export function tls12Aad(sequence: bigint, type: number, version: number, length: number): Buffer {
  return Buffer.concat([sequenceBytes(sequence), header(type, version, length)]);
}

/** TLS 1.3 additional data (RFC 8446 5.2): the record header. */
export function tls13Aad(length: number): Buffer {
  return header(23, 0x0303, length);
}

/** RFC 8446 5.3 / RFC 7905 2: IV XOR the left-padded sequence number. */
export function xorNonce(iv: Uint8Array, sequence: bigint): Buffer {
  const nonce = Buffer.from(iv);
  const seq = sequenceBytes(sequence);
  for (let i = 0; i < 8; i++) nonce[nonce.length - 8 + i] = (nonce[nonce.length - 8 + i] ?? 0) ^ (seq[i] ?? 0);
  return nonce;
}
