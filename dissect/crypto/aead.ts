/**
 * Opening one AEAD-protected record (RFC 5116 2.2): AES-GCM, AES-CCM(_8), ARIA-GCM and
 * ChaCha20-Poly1305 through OpenSSL; Camellia-GCM and SM4-GCM through GHASH over ECB.
 */
import { type Decipher, type DecipherCCM, type DecipherGCM, createDecipheriv } from 'node:crypto';
import { concatBytes } from '../bytes.js';
import type { CipherEngine } from './cipher-table.js';
import { gcmOpen } from './gcm.js';
import { fromBuffer } from './hash.js';
import { type Opened, tryOpen } from './openssl-cipher.js';

export interface AeadInput {
  readonly nonce: Uint8Array;
  readonly aad: Uint8Array;
  readonly ciphertext: Uint8Array;
  readonly tag: Uint8Array;
}

/** The plaintext, or undefined when the tag does not verify. */
export type AeadOpen = (input: AeadInput) => Uint8Array | undefined;

export type AeadEngine = Extract<CipherEngine, { kind: 'aead' | 'ccm' | 'gcm-over-ecb' }>;

/** Every TLS AEAD nonce is 12 bytes (RFC 5288 3, RFC 6655 3, RFC 7905 2, RFC 8446 5.3). */
const PROBE_NONCE = new Uint8Array(12);

function authenticates(decipher: Decipher): decipher is DecipherGCM {
  return 'setAuthTag' in decipher && 'setAAD' in decipher;
}

type CreateDecipher = (nonce: Uint8Array) => DecipherGCM | DecipherCCM;

function nativeCreator(engine: Extract<AeadEngine, { kind: 'aead' | 'ccm' }>, key: Uint8Array, tagLength: number): CreateDecipher {
  if (engine.kind === 'ccm') {
    return (nonce) => createDecipheriv(engine.openssl, key, nonce, { authTagLength: tagLength });
  }
  return (nonce) => {
    const decipher = createDecipheriv(engine.openssl, key, nonce);
    if (!authenticates(decipher)) throw new Error('not an AEAD cipher');
    return decipher;
  };
}

/** OpenSSL checks the tag in final(); a mismatch throws, which here means "does not verify". */
function openNative(create: CreateDecipher, input: AeadInput): Uint8Array | undefined {
  const decipher = create(input.nonce);
  try {
    decipher.setAuthTag(input.tag);
    decipher.setAAD(input.aad, { plaintextLength: input.ciphertext.length });
    const head = fromBuffer(decipher.update(input.ciphertext));
    const tail = fromBuffer(decipher.final());
    return tail.length === 0 ? head : concatBytes([head, tail]);
  } catch {
    return undefined;
  }
}

/** Tries the cipher once with this key, so a missing one is reported before the first record. */
export function aeadOpener(engine: AeadEngine, key: Uint8Array, tagLength: number): Opened<AeadOpen> {
  if (engine.kind === 'gcm-over-ecb') {
    const probe = tryOpen(engine.openssl, () => gcmOpen(engine.openssl, key, PROBE_NONCE, PROBE_NONCE, PROBE_NONCE, PROBE_NONCE));
    if (!probe.ok) return probe;
    return { ok: true, value: (input) => gcmOpen(engine.openssl, key, input.nonce, input.aad, input.ciphertext, input.tag) };
  }
  const create = nativeCreator(engine, key, tagLength);
  const probe = tryOpen(engine.openssl, () => create(PROBE_NONCE));
  if (!probe.ok) return probe;
  return { ok: true, value: (input) => openNative(create, input) };
}
