/**
 * RFC 5280 6.1.3 (a)(1): does a certificate's signature verify with its issuer's public key?
 * OpenSSL (through node:crypto) does the arithmetic for every algorithm it knows: RSA PKCS#1 v1.5,
 * RSASSA-PSS, DSA, ECDSA, Ed25519 and Ed448.
 */
import { X509Certificate, createHash } from 'node:crypto';
import { BoundedCache } from '../../bounded-cache.js';

export type Verification =
  | { readonly kind: 'verified' }
  | { readonly kind: 'failed' }
  | { readonly kind: 'unchecked'; readonly reason: string };

/** node:crypto's view of a certificate (PEM text or DER), or the reason it refused it. */
function openCertificate(certificate: string | Uint8Array): X509Certificate | string {
  try {
    return new X509Certificate(certificate);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Servers send the same chain on every connection: verify each (certificate, issuer) pair once. */
const verified = new BoundedCache<string, Verification>(4096);

export function verifySignature(subjectDer: Uint8Array, issuerDer: Uint8Array): Verification {
  return verified.get(`${fingerprint(subjectDer)} ${fingerprint(issuerDer)}`, () => verifyNow(subjectDer, issuerDer));
}

function fingerprint(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('base64');
}

function verifyNow(subjectDer: Uint8Array, issuerDer: Uint8Array): Verification {
  const subject = openCertificate(subjectDer);
  const issuer = openCertificate(issuerDer);
  if (typeof subject === 'string') return { kind: 'unchecked', reason: `OpenSSL does not read the certificate (${subject})` };
  if (typeof issuer === 'string') return { kind: 'unchecked', reason: `OpenSSL does not read the issuer certificate (${issuer})` };
  try {
    return subject.verify(issuer.publicKey) ? { kind: 'verified' } : { kind: 'failed' };
  } catch (error) {
    return { kind: 'unchecked', reason: error instanceof Error ? error.message : String(error) };
  }
}
