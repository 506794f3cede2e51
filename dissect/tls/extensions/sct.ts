/**
 * signed_certificate_timestamp (RFC 6962 3.3): empty in ClientHello; a SignedCertificateTimestampList
 * in ServerHello (TLS 1.2) or a TLS 1.3 CertificateEntry. Each SCT: version, log id, timestamp,
 * extensions, digitally-signed signature (RFC 6962 3.2).
 */
import { branch } from '../../tree.js';
import type { Cursor } from '../messages/cursor.js';
import { bytesNode, fieldNode, isoTime, namedValueNode, opaqueNodes, vectorNodes } from '../messages/tree-nodes.js';
import { signatureSchemeName } from '../tables/index.js';
import { EMPTY, type ExtensionSpec, byContext } from './spec.js';
import type { SignedCertificateTimestamp } from './types.js';

function readTimestamp(c: Cursor): SignedCertificateTimestamp['timestamp'] {
  const high = c.u32('SCT timestamp');
  const low = c.u32('SCT timestamp');
  if (high === undefined || low === undefined) return undefined;
  return { value: high.value * 2 ** 32 + low.value, span: { start: high.span.start, end: low.span.end } };
}

function readSct(c: Cursor): SignedCertificateTimestamp | undefined {
  const outer = c.window(2, 'signed certificate timestamp');
  if (outer === undefined) return undefined;
  const sct = outer.body;
  const version = sct.named(1, 'SCT version');
  const logId = sct.take(32, 'SCT log id');
  const timestamp = readTimestamp(sct);
  const extensions = sct.opaque(2, 'SCT extensions');
  const signatureAlgorithm = sct.named(2, 'SCT signature algorithm', signatureSchemeName);
  const signature = sct.opaque(2, 'SCT signature');
  sct.finish('signed certificate timestamp');
  return { span: outer.span, length: outer.length, version, logId, timestamp, extensions, signatureAlgorithm, signature };
}

const SCT_LIST: ExtensionSpec = {
  decode: (c) => ({ kind: 'sct_list', timestamps: c.vector(2, 'signed certificate timestamp list', readSct) }),
  tree: (body) => (body.kind !== 'sct_list' ? [] : vectorNodes(
    { length: 'Serialized SCT List Length', list: 'Signed Certificate Timestamps', unit: 'timestamp' },
    body.timestamps,
    (sct) => [branch('Signed Certificate Timestamp', [
      ...namedValueNode('Version', sct.version, 1, false),
      ...bytesNode('Log ID', sct.logId),
      ...fieldNode('Timestamp', sct.timestamp, isoTime),
      ...opaqueNodes('Extensions', sct.extensions),
      ...namedValueNode('Signature Algorithm', sct.signatureAlgorithm, 2, true),
      ...opaqueNodes('Signature', sct.signature),
    ], undefined, sct.span)],
  )),
};

export const SIGNED_CERTIFICATE_TIMESTAMP = byContext({ client_hello: EMPTY, certificate_request: EMPTY }, SCT_LIST);
