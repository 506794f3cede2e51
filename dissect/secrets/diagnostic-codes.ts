import type { DiagnosticKind } from '../diagnostics.js';

/** Secrets: key files, key logs, Decryption Secrets Blocks. */
export const SECRET_DIAGNOSTICS = {
  'secret.keylog-malformed': { severity: 'warning', summary: 'a key log line does not parse' },
  'secret.key-unmatched': { severity: 'note', summary: 'a private key matches no server certificate in the capture' },
  'secret.missing': { severity: 'warning', summary: 'no secret is known for this session' },
  'secret.kex-not-rsa': { severity: 'warning', summary: 'the key exchange is not RSA, so a server key cannot decrypt it' },
  'secret.wrong-key': { severity: 'warning', summary: 'the RSA key does not decrypt the pre-master secret (bad padding)' },
  'secret.dsb-unknown-type': { severity: 'note', summary: 'a Decryption Secrets Block of a type keyhole does not use' },
} as const satisfies Record<string, DiagnosticKind>;
