/**
 * OCSP stapling: status_request (RFC 6066 8: status type, responder ids, request extensions) in
 * ClientHello and CertificateRequest, empty in ServerHello, and the CertificateStatus struct that
 * both the TLS 1.2 message and the TLS 1.3 CertificateEntry extension carry (RFC 6066 8,
 * RFC 6961 2.2 ocsp_multi, RFC 8446 4.4.2.1).
 */
import type { TreeNode } from '../../tree.js';
import type { Cursor } from '../messages/cursor.js';
import { namedValueNode, opaqueNodes, vectorNodes } from '../messages/tree-nodes.js';
import { certificateStatusTypeName } from '../tables/index.js';
import { EMPTY, type ExtensionSpec, byContext } from './spec.js';
import type { CertificateStatusBody, ExtensionBody, StatusRequestBody } from './types.js';

const STATUS_TYPE = { ocsp: 1, ocspMulti: 2 } as const;

function readStatusRequest(c: Cursor): StatusRequestBody {
  const statusType = c.named(1, 'certificate status type', certificateStatusTypeName);
  if (statusType?.value !== STATUS_TYPE.ocsp) {
    c.rest();
    return { kind: 'status_request', statusType, responderIds: undefined, requestExtensions: undefined };
  }
  const responderIds = c.vector(2, 'responder id list', (item) => item.opaque(2, 'responder id'));
  const requestExtensions = c.opaque(2, 'request extensions');
  return { kind: 'status_request', statusType, responderIds, requestExtensions };
}

function statusRequestTree(body: ExtensionBody): TreeNode[] {
  if (body.kind !== 'status_request') return [];
  return [
    ...namedValueNode('Certificate Status Type', body.statusType, 1, true),
    ...vectorNodes({ length: 'Responder ID list Length', list: 'Responder IDs', unit: 'id' }, body.responderIds, (id) => opaqueNodes('Responder ID', id)),
    ...opaqueNodes('Request Extensions', body.requestExtensions),
  ];
}

export function readCertificateStatus(c: Cursor): CertificateStatusBody {
  const statusType = c.named(1, 'certificate status type', certificateStatusTypeName);
  const multi = statusType?.value === STATUS_TYPE.ocspMulti;
  const response = statusType === undefined || multi ? undefined : c.opaque(3, 'OCSP response');
  const responses = multi ? c.vector(3, 'OCSP response list', (item) => item.opaque(3, 'OCSP response')) : undefined;
  return { kind: 'certificate_status', statusType, response, responses };
}

export function certificateStatusTree(body: ExtensionBody): TreeNode[] {
  if (body.kind !== 'certificate_status') return [];
  return [
    ...namedValueNode('Certificate Status Type', body.statusType, 1, true),
    ...opaqueNodes('OCSP Response', body.response),
    ...vectorNodes({ length: 'OCSP Response List Length', list: 'OCSP Responses', unit: 'response' }, body.responses, (item) => opaqueNodes('OCSP Response', item)),
  ];
}

const STATUS_REQUEST_SPEC: ExtensionSpec = { decode: readStatusRequest, tree: statusRequestTree };

export const STATUS_REQUEST = byContext(
  {
    client_hello: STATUS_REQUEST_SPEC,
    certificate_request: STATUS_REQUEST_SPEC,
    certificate: { decode: readCertificateStatus, tree: certificateStatusTree },
  },
  EMPTY,
);
