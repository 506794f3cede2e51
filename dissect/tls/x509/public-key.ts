/**
 * SubjectPublicKeyInfo (RFC 5280 4.1.2.7) with the facts a reader wants: key size from the RSA
 * modulus (RFC 3279 2.3.1), DSA or DH prime (2.3.2, 2.3.3), EC named curve (RFC 5480 2.1.1) or
 * RFC 8410 algorithm; and a SHA-256 over the exact DER so private keys can be matched to it.
 */
import { createHash } from 'node:crypto';
import type { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { hex } from '../../bytes.js';
import { algorithmInfo } from './algorithm.js';
import { DER_TAG, bitLength, oidText, readChildren, readWhole, smallInteger, unsignedMagnitude } from './der.js';
import { CURVES, PUBLIC_KEY_ALGORITHMS, lookupOid, type KeyShape } from './oids.js';
import type { PublicKeyInfo, RsaKey } from './types.js';

type KeyFacts = Pick<PublicKeyInfo, 'keySize' | 'curve' | 'rsa'>;

/** The INTEGERs of a SEQUENCE (RSAPublicKey, Dss-Parms, DomainParameters), or []. */
function integers(encoding: Uint8Array | undefined): Uint8Array[] {
  const sequence = encoding === undefined ? undefined : readWhole(encoding, DER_TAG.sequence);
  const children = (sequence === undefined ? undefined : readChildren(sequence.content)) ?? [];
  return children.filter((child) => child.tag === DER_TAG.integer).map((child) => child.content);
}

function rsaFacts(key: Uint8Array): KeyFacts {
  const [modulus, exponent] = integers(key);
  if (modulus === undefined || exponent === undefined) return {};
  const rsa: RsaKey = { modulus: hex(unsignedMagnitude(modulus)), exponent: smallInteger(exponent) ?? hex(unsignedMagnitude(exponent)) };
  return { keySize: bitLength(modulus), rsa };
}

/** DSA and DH both put the prime p first in their parameters. */
function primeFacts(parameters: Uint8Array | undefined): KeyFacts {
  const [prime] = integers(parameters);
  return prime === undefined ? {} : { keySize: bitLength(prime) };
}

function curveFacts(oid: string | undefined): KeyFacts {
  const curve = oid === undefined ? undefined : lookupOid(CURVES, oid);
  if (curve !== undefined) return { curve: curve.name, keySize: curve.bits };
  return oid === undefined ? {} : { curve: oid };
}

function namedCurveOid(parameters: Uint8Array | undefined): string | undefined {
  const oid = parameters === undefined ? undefined : readWhole(parameters, DER_TAG.oid);
  return oid === undefined ? undefined : oidText(oid.content);
}

const KEY_FACTS: { readonly [S in KeyShape]: (key: Uint8Array, parameters: Uint8Array | undefined, algorithm: string) => KeyFacts } = {
  rsa: (key) => rsaFacts(key),
  dsa: (_key, parameters) => primeFacts(parameters),
  dh: (_key, parameters) => primeFacts(parameters),
  ec: (_key, parameters) => curveFacts(namedCurveOid(parameters)),
  'octet-key': (_key, _parameters, algorithm) => curveFacts(algorithm),
};

/** `encoding` is the DER SubjectPublicKeyInfo exactly as it appears in the certificate. */
export function publicKeyInfo(spki: SubjectPublicKeyInfo, encoding: Uint8Array): PublicKeyInfo {
  const algorithm = algorithmInfo(spki.algorithm, PUBLIC_KEY_ALGORITHMS);
  const key = new Uint8Array(spki.subjectPublicKey);
  const parameters = spki.algorithm.parameters ? new Uint8Array(spki.algorithm.parameters) : undefined;
  const shape = lookupOid(PUBLIC_KEY_ALGORITHMS, algorithm.oid)?.shape;
  const facts = shape === undefined ? {} : KEY_FACTS[shape](key, parameters, algorithm.oid);
  return {
    algorithm,
    ...facts,
    publicKey: hex(key),
    spkiSha256: createHash('sha256').update(encoding).digest('hex'),
  };
}
