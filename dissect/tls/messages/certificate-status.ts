/** CertificateStatus (RFC 6066 8, RFC 6961 2.2): the stapled OCSP response(s) of TLS 1.2. */
import type { TreeNode } from '../../tree.js';
import { certificateStatusTree, readCertificateStatus } from '../extensions/status.js';
import type { Cursor } from './cursor.js';
import type { CertificateStatus } from './types.js';

export function decodeCertificateStatus(c: Cursor): CertificateStatus {
  return { kind: 'certificate_status', status: readCertificateStatus(c) };
}

export const certificateStatusMessageTree = (message: CertificateStatus): TreeNode[] => certificateStatusTree(message.status);
