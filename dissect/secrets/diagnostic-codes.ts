import type { DiagnosticKind } from '../diagnostics.js';

/** Secrets: key files, key logs, Decryption Secrets Blocks. */
export const SECRET_DIAGNOSTICS = {
  'secret.keylog-malformed': { severity: 'warning', summary: 'a key log line does not have the fields its label needs' },
  'secret.keylog-unknown-label': { severity: 'warning', summary: 'a key log line starts with a label that is not an NSS key log label' },
  'secret.keylog-bad-hex': { severity: 'warning', summary: 'a key log field is not hexadecimal' },
  'secret.keylog-bad-length': { severity: 'warning', summary: 'a key log field has the wrong number of bytes for its label' },
  'secret.keylog-line-too-long': { severity: 'warning', summary: 'a key log line is longer than any valid line; it was skipped unread' },
  'secret.key-unmatched': { severity: 'note', summary: 'a private key matches no server certificate in the capture' },
  'secret.missing': { severity: 'warning', summary: 'no secret is known for this session' },
  'secret.kex-not-rsa': { severity: 'warning', summary: 'the key exchange is not RSA, so a server key cannot decrypt it' },
  'secret.wrong-key': { severity: 'warning', summary: 'the RSA key does not decrypt the pre-master secret (bad padding)' },
  'secret.dsb-unknown-type': { severity: 'note', summary: 'a Decryption Secrets Block of a type keyhole does not use' },
} as const satisfies Record<string, DiagnosticKind>;
