import type { DiagnosticKind } from '../diagnostics.js';

/** Record decryption (RFC 5246 6.2.3, RFC 8446 5.2). */
export const DECRYPT_DIAGNOSTICS = {
  'decrypt.bad-mac': { severity: 'error', summary: 'a record failed its MAC or AEAD tag check' },
  'decrypt.bad-padding': { severity: 'error', summary: 'a CBC record has invalid padding, or a TLS 1.3 record has no content type' },
  'decrypt.unsupported-cipher': { severity: 'warning', summary: 'the cipher is not available in this OpenSSL build' },
  'decrypt.bad-length': { severity: 'error', summary: 'a protected record is too short for its cipher' },
  'decrypt.missing-handshake': { severity: 'warning', summary: 'a handshake message needed to derive keys was not captured' },
  'decrypt.decompress-failed': { severity: 'warning', summary: 'a compressed record did not inflate' },
  'decrypt.unsupported-version': { severity: 'warning', summary: 'keyhole cannot decrypt records of this protocol version' },
  'decrypt.unsupported-compression': { severity: 'warning', summary: 'the session compresses records with a method keyhole does not inflate' },
  'decrypt.mac-unchecked': { severity: 'note', summary: 'a NULL-cipher record was read without its MAC key, so its MAC was not checked' },
  'decrypt.gap': { severity: 'warning', summary: 'a gap in the stream cut a protected record; later records may not decrypt' },
} as const satisfies Record<string, DiagnosticKind>;
