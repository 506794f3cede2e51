/**
 * CertificateRequest: RFC 4346 7.4.4 (`tls10`: certificate types, CA names), RFC 5246 7.4.4
 * (`tls12`: signature algorithms between them), RFC 8446 4.3.2 (`tls13`: request context and
 * extensions). Without a known version, the first pre-1.3 form whose lengths fill the body wins.
 */
import type { TreeNode } from '../../tree.js';
import { extensionsTree, readExtensions } from '../extensions/block.js';
import { clientCertificateTypeName, signatureSchemeName } from '../tables/index.js';
import { type HandshakeContext, hasSignatureScheme, isTls13 } from './context.js';
import type { Cursor } from './cursor.js';
import { namedValueNode, opaqueNodes, vectorNodes } from './tree-nodes.js';
import type { CertificateRequest } from './types.js';

type Form = CertificateRequest['form'];

/** Offset just past a vector whose length prefix is at `at`, or undefined past the window. */
function skipVector(c: Cursor, at: number, lengthBytes: 1 | 2): number | undefined {
  const length = c.peek(lengthBytes, at);
  return length === undefined ? undefined : at + lengthBytes + length;
}

function guessForm(c: Cursor): Form {
  const afterTypes = skipVector(c, 0, 1);
  if (afterTypes === undefined) return 'tls13';
  const afterSignatures = skipVector(c, afterTypes, 2);
  if (afterSignatures !== undefined && skipVector(c, afterSignatures, 2) === c.remaining) return 'tls12';
  return skipVector(c, afterTypes, 2) === c.remaining ? 'tls10' : 'tls13';
}

function formOf(c: Cursor, version: number | undefined): Form {
  if (version === undefined) return guessForm(c);
  if (isTls13(version)) return 'tls13';
  return hasSignatureScheme(version) ? 'tls12' : 'tls10';
}

export function decodeCertificateRequest(c: Cursor, ctx: HandshakeContext): CertificateRequest {
  const form = formOf(c, ctx.version);
  if (form === 'tls13') {
    const requestContext = c.opaque(1, 'certificate request context');
    const extensions = readExtensions(c, 'certificate_request');
    return { kind: 'certificate_request', form, certificateTypes: undefined, signatureAlgorithms: undefined, certificateAuthorities: undefined, requestContext, extensions };
  }
  const certificateTypes = c.vector(1, 'certificate types', (item) => item.named(1, 'certificate type', clientCertificateTypeName));
  const signatureAlgorithms = form === 'tls12' ? c.vector(2, 'signature algorithms', (item) => item.named(2, 'signature algorithm', signatureSchemeName)) : undefined;
  const certificateAuthorities = c.vector(2, 'certificate authorities', (item) => item.opaque(2, 'distinguished name'));
  return { kind: 'certificate_request', form, certificateTypes, signatureAlgorithms, certificateAuthorities, requestContext: undefined, extensions: undefined };
}

export function certificateRequestTree(message: CertificateRequest): TreeNode[] {
  return [
    ...opaqueNodes('Certificate Request Context', message.requestContext),
    ...vectorNodes({ length: 'Certificate types count', list: 'Certificate types', unit: 'type' }, message.certificateTypes, (type) => namedValueNode('Certificate type', type, 1)),
    ...vectorNodes({ length: 'Signature Hash Algorithms Length', list: 'Signature Hash Algorithms', unit: 'algorithm' }, message.signatureAlgorithms, (scheme) => namedValueNode('Signature Algorithm', scheme, 2)),
    ...vectorNodes({ length: 'Distinguished Names Length', list: 'Distinguished Names', unit: 'name' }, message.certificateAuthorities, (name) => opaqueNodes('Distinguished Name', name)),
    ...extensionsTree(message.extensions),
  ];
}
