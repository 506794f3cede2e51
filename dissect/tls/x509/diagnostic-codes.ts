import type { DiagnosticKind } from '../../diagnostics.js';

/** Certificate decoding and chain checks (RFC 5280). */
export const X509_DIAGNOSTICS = {
  'x509.malformed': { severity: 'warning', summary: 'a certificate does not parse as X.509' },
  'x509.extension-malformed': { severity: 'warning', summary: 'a certificate extension does not parse' },
  'x509.extension-duplicate': { severity: 'warning', summary: 'a certificate carries the same extension twice (RFC 5280 4.2 forbids it)' },
  'x509.unknown-critical-extension': { severity: 'note', summary: 'a critical extension keyhole does not know; a client that does not either must reject the certificate' },
  'x509.algorithm-mismatch': { severity: 'warning', summary: 'the signed and the outer signature algorithm differ (RFC 5280 4.1.1.2)' },
  'x509.expired': { severity: 'warning', summary: 'a certificate was not valid at the capture time' },
  'x509.not-yet-valid': { severity: 'warning', summary: 'a certificate was not yet valid at the capture time' },
  'x509.name-mismatch': { severity: 'warning', summary: 'the server certificate does not name the requested server' },
  'x509.issuer-mismatch': { severity: 'warning', summary: 'a certificate issuer does not match the next certificate subject' },
  'x509.bad-signature': { severity: 'warning', summary: 'a certificate signature does not verify with the issuer key' },
  'x509.untrusted-root': { severity: 'note', summary: 'the chain does not end at a root of the bundled trust store' },
  'x509.self-signed': { severity: 'note', summary: 'the server certificate is self-signed' },
} as const satisfies Record<string, DiagnosticKind>;
