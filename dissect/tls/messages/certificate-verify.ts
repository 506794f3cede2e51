/**
 * CertificateVerify (RFC 5246 7.4.8, RFC 8446 4.4.3): a signature over the transcript, with its
 * algorithm from TLS 1.2 on; before, the client certificate's key type implies it.
 */
import type { TreeNode } from '../../tree.js';
import type { HandshakeContext } from './context.js';
import type { Cursor } from './cursor.js';
import { readDigitallySigned, signatureTree } from './signature.js';
import type { CertificateVerify } from './types.js';

export function decodeCertificateVerify(c: Cursor, ctx: HandshakeContext): CertificateVerify {
  return { kind: 'certificate_verify', signature: readDigitallySigned(c, ctx.version, ctx.certificateKey) };
}

export const certificateVerifyTree = (message: CertificateVerify): TreeNode[] => signatureTree(message.signature);
