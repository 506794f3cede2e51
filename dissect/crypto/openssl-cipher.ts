/**
 * Opening OpenSSL ciphers by trying them. OpenSSL 3 keeps RC4, DES, IDEA, SEED and RC2 in its
 * legacy provider, which node loads only when started with --openssl-legacy-provider; a cipher
 * that is missing becomes a clear reason instead of an exception.
 */
import { createDecipheriv } from 'node:crypto';
import { fromBuffer } from './hash.js';
import { Rc4 } from './rc4.js';

/** A cipher whose state runs on across records: RC4's keystream, CBC's last ciphertext block. */
export interface StreamingDecipher {
  update(data: Uint8Array): Uint8Array;
}

export type Opened<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export const LEGACY_PROVIDER_HINT = 'run node with --openssl-legacy-provider (the keyhole command does)';

function unavailableReason(name: string, error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return /unsupported|unknown cipher/i.test(detail)
    ? `${name} is not available in this OpenSSL build; ${LEGACY_PROVIDER_HINT}`
    : `${name} could not be set up: ${detail}`;
}

/** Runs `open`, turning OpenSSL's refusal into a reason. */
export function tryOpen<T>(name: string, open: () => T): Opened<T> {
  try {
    return { ok: true, value: open() };
  } catch (error) {
    return { ok: false, reason: unavailableReason(name, error) };
  }
}

/**
 * A CBC or stream cipher kept open for a whole direction. Padding removal is off so TLS can check
 * its own padding, and CBC chains each record's IV from the previous record's last block.
 */
export function openStreaming(name: string, key: Uint8Array, iv: Uint8Array | null): Opened<StreamingDecipher> {
  return tryOpen(name, () => {
    const decipher = createDecipheriv(name, key, iv).setAutoPadding(false);
    return { update: (data: Uint8Array) => fromBuffer(decipher.update(data)) };
  });
}

/** RC4 from OpenSSL when it has it, the built-in one otherwise: RC4 is never unsupported. */
export function openRc4(key: Uint8Array): StreamingDecipher {
  const native = openStreaming('rc4', key, null);
  return native.ok ? native.value : new Rc4(key);
}
