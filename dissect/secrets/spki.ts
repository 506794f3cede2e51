/**
 * The key identity shared by key files and certificates: SHA-256 over the DER
 * SubjectPublicKeyInfo (RFC 5280 4.1.2.7), in lower-case hex. A certificate's SPKI bytes hashed
 * with spkiSha256 give the same string as the private key that belongs to it.
 */
import { createHash, createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { hex } from '../bytes.js';

export function spkiSha256(spkiDer: Uint8Array): string {
  return hex(createHash('sha256').update(spkiDer).digest());
}

export function privateKeySpkiSha256(privateKey: KeyObject): string {
  return spkiSha256(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }));
}
