/**
 * GCM (NIST SP 800-38D 6, 7) built from a 128-bit block cipher in ECB mode, for the TLS suites
 * whose GCM OpenSSL does not offer: Camellia-GCM (RFC 6367) and SM4-GCM (RFC 8998). CTR blocks
 * go through OpenSSL in one call; GHASH (SP 800-38D 6.4) is computed here.
 */
import { createCipheriv } from 'node:crypto';
import { equalBytes } from '../bytes.js';
import { fromBuffer } from './hash.js';

const BLOCK = 16;

function ecbEncrypt(ecbCipher: string, key: Uint8Array, blocks: Uint8Array): Uint8Array {
  const cipher = createCipheriv(ecbCipher, key, null).setAutoPadding(false);
  const head = cipher.update(blocks);
  const tail = cipher.final();
  return fromBuffer(tail.length === 0 ? head : Buffer.concat([head, tail]));
}

/** GF(2^128) element as four big-endian 32-bit words; bit 0 is the top bit of word 0 (SP 800-38D 6.3). */
type Element = Uint32Array;

function toElement(block: Uint8Array, at: number): Element {
  const e = new Uint32Array(4);
  for (let w = 0; w < 4; w++) {
    e[w] = (((block[at + 4 * w] ?? 0) << 24) | ((block[at + 4 * w + 1] ?? 0) << 16)
      | ((block[at + 4 * w + 2] ?? 0) << 8) | (block[at + 4 * w + 3] ?? 0)) >>> 0;
  }
  return e;
}

/** SP 800-38D Algorithm 1: X·Y with R = 11100001 || 0^120. */
function multiply(x: Element, y: Element): Element {
  const z = new Uint32Array(4);
  let v0 = y[0] ?? 0, v1 = y[1] ?? 0, v2 = y[2] ?? 0, v3 = y[3] ?? 0;
  for (let i = 0; i < 128; i++) {
    if ((((x[i >>> 5] ?? 0) >>> (31 - (i & 31))) & 1) === 1) {
      z[0] = (z[0] ?? 0) ^ v0; z[1] = (z[1] ?? 0) ^ v1; z[2] = (z[2] ?? 0) ^ v2; z[3] = (z[3] ?? 0) ^ v3;
    }
    const carry = v3 & 1;
    v3 = ((v3 >>> 1) | (v2 << 31)) >>> 0;
    v2 = ((v2 >>> 1) | (v1 << 31)) >>> 0;
    v1 = ((v1 >>> 1) | (v0 << 31)) >>> 0;
    v0 = (v0 >>> 1) ^ (carry === 1 ? 0xe1000000 : 0);
  }
  return z;
}

/** GHASH over byte strings each zero-padded to whole blocks, then the 64-bit bit lengths (SP 800-38D 7.1 step 5). */
function ghash(h: Element, ...parts: readonly Uint8Array[]): Uint8Array {
  let y: Element = new Uint32Array(4);
  const absorb = (block: Uint8Array, at: number): void => {
    const x = toElement(block, at);
    for (let w = 0; w < 4; w++) x[w] = ((x[w] ?? 0) ^ (y[w] ?? 0)) >>> 0;
    y = multiply(x, h);
  };
  for (const part of parts) {
    const padded = new Uint8Array(Math.ceil(part.length / BLOCK) * BLOCK);
    padded.set(part);
    for (let at = 0; at < padded.length; at += BLOCK) absorb(padded, at);
  }
  const out = new Uint8Array(BLOCK);
  const view = new DataView(out.buffer);
  for (let w = 0; w < 4; w++) view.setUint32(4 * w, y[w] ?? 0);
  return out;
}

function lengthBlock(...byteLengths: readonly number[]): Uint8Array {
  const block = new Uint8Array(8 * byteLengths.length);
  const view = new DataView(block.buffer);
  byteLengths.forEach((length, n) => view.setBigUint64(8 * n, BigInt(length) * 8n));
  return block;
}

interface GcmContext {
  readonly h: Element;
  readonly j0: Uint8Array;
}

/** SP 800-38D 7.1 steps 1-2: H = E(K, 0^128); J0 from a 96-bit IV directly, otherwise by GHASH. */
function context(ecbCipher: string, key: Uint8Array, iv: Uint8Array): GcmContext {
  const h = toElement(ecbEncrypt(ecbCipher, key, new Uint8Array(BLOCK)), 0);
  if (iv.length === 12) {
    const j0 = new Uint8Array(BLOCK);
    j0.set(iv);
    j0[15] = 1;
    return { h, j0 };
  }
  return { h, j0: ghash(h, iv, lengthBlock(0, iv.length)) };
}

/** SP 800-38D 6.5 GCTR with inc32: encrypting and decrypting are the same keystream XOR. */
function gctr(ecbCipher: string, key: Uint8Array, first: Uint8Array, data: Uint8Array): Uint8Array {
  const blocks = Math.ceil(data.length / BLOCK);
  const counters = new Uint8Array(blocks * BLOCK);
  const view = new DataView(counters.buffer);
  const start = new DataView(first.buffer, first.byteOffset, BLOCK).getUint32(12);
  for (let n = 0; n < blocks; n++) {
    counters.set(first.subarray(0, 12), n * BLOCK);
    view.setUint32(n * BLOCK + 12, (start + n) >>> 0);
  }
  const stream = ecbEncrypt(ecbCipher, key, counters);
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = (data[i] ?? 0) ^ (stream[i] ?? 0);
  return out;
}

function tagOf(ecbCipher: string, key: Uint8Array, ctx: GcmContext, aad: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const s = ghash(ctx.h, aad, ciphertext, lengthBlock(aad.length, ciphertext.length));
  return gctr(ecbCipher, key, ctx.j0, s);
}

function incremented(j0: Uint8Array): Uint8Array {
  const next = j0.slice();
  const view = new DataView(next.buffer);
  view.setUint32(12, (view.getUint32(12) + 1) >>> 0);
  return next;
}

export interface Sealed {
  readonly ciphertext: Uint8Array;
  readonly tag: Uint8Array;
}

/** SP 800-38D 7.1 GCM-AE over `ecbCipher` (an OpenSSL name such as "camellia-128-ecb"). */
export function gcmSeal(
  ecbCipher: string, key: Uint8Array, iv: Uint8Array, aad: Uint8Array, plaintext: Uint8Array, tagLength = BLOCK,
): Sealed {
  const ctx = context(ecbCipher, key, iv);
  const ciphertext = gctr(ecbCipher, key, incremented(ctx.j0), plaintext);
  return { ciphertext, tag: tagOf(ecbCipher, key, ctx, aad, ciphertext).subarray(0, tagLength) };
}

/** SP 800-38D 7.2 GCM-AD: the plaintext, or undefined when the tag does not verify. */
export function gcmOpen(
  ecbCipher: string, key: Uint8Array, iv: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array,
): Uint8Array | undefined {
  const ctx = context(ecbCipher, key, iv);
  const expected = tagOf(ecbCipher, key, ctx, aad, ciphertext).subarray(0, tag.length);
  if (tag.length === 0 || !equalBytes(expected, tag)) return undefined;
  return gctr(ecbCipher, key, incremented(ctx.j0), ciphertext);
}
