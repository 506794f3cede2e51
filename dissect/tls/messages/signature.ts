/**
 * digitally-signed (RFC 5246 4.7, RFC 8446 4.4.3): the signature algorithm (TLS 1.2 and later)
 * and the signature. Before TLS 1.2 the signer's key type implies the algorithm (RFC 4346 7.4.3:
 * RSA signs MD5+SHA-1, DSA and ECDSA sign SHA-1). Without a known version, the form whose lengths
 * fill the rest of the body is chosen.
 */
import type { TreeNode } from '../../tree.js';
import { leaf } from '../../tree.js';
import type { Authentication } from '../tables/index.js';
import { signatureSchemeName } from '../tables/index.js';
import { type CertificateKeyType, hasSignatureScheme } from './context.js';
import type { Cursor } from './cursor.js';
import { namedValueNode, opaqueNodes } from './tree-nodes.js';
import type { DigitallySigned } from './types.js';

const IMPLIED_ALGORITHMS: Record<CertificateKeyType, string> = {
  rsa: 'RSA PKCS#1 v1.5 over MD5+SHA-1',
  dsa: 'DSA over SHA-1',
  ecdsa: 'ECDSA over SHA-1',
};

/** The certificate key type a cipher suite's authentication implies. */
const KEY_OF_AUTHENTICATION: Partial<Record<Authentication, CertificateKeyType>> = {
  RSA: 'rsa',
  DSS: 'dsa',
  ECDSA: 'ecdsa',
};

export function keyTypeOf(authentication: Authentication | undefined): CertificateKeyType | undefined {
  return authentication === undefined ? undefined : KEY_OF_AUTHENTICATION[authentication];
}

/** The algorithm precedes the signature when the version says so, or (unknown version) when only that reading fits. */
function carriesAlgorithm(c: Cursor, version: number | undefined): boolean {
  if (version !== undefined) return hasSignatureScheme(version);
  const withAlgorithm = c.peek(2, 2);
  return withAlgorithm !== undefined && 4 + withAlgorithm === c.remaining && c.peek(2) !== c.remaining - 2;
}

export function readDigitallySigned(c: Cursor, version: number | undefined, key: CertificateKeyType | undefined): DigitallySigned {
  const start = c.offset;
  const withAlgorithm = carriesAlgorithm(c, version);
  const algorithm = withAlgorithm ? c.named(2, 'signature algorithm', signatureSchemeName) : undefined;
  const impliedAlgorithm = withAlgorithm || key === undefined ? undefined : IMPLIED_ALGORITHMS[key];
  const signature = c.opaque(2, 'signature');
  return { span: { start, end: c.offset }, algorithm, impliedAlgorithm, signature };
}

export function signatureTree(signed: DigitallySigned | undefined): TreeNode[] {
  if (signed === undefined) return [];
  const implied = signed.impliedAlgorithm === undefined ? [] : [leaf('Signature Algorithm (implied by the key)', signed.impliedAlgorithm)];
  return [...namedValueNode('Signature Algorithm', signed.algorithm, 2), ...implied, ...opaqueNodes('Signature', signed.signature)];
}
