/**
 * Certificate: RFC 5246 7.4.2 (a list of DER certificates) before TLS 1.3; RFC 8446 4.4.2 (request
 * context, then entries each with its own extensions) in TLS 1.3. Certificates are handed on as
 * views; ../x509 decodes them. Without a known version, the TLS 1.2 form is chosen when its list
 * length accounts for the whole body.
 */
import type { TreeNode } from '../../tree.js';
import { branch } from '../../tree.js';
import { extensionsTree, readExtensions } from '../extensions/block.js';
import { type HandshakeContext, isTls13 } from './context.js';
import type { Cursor } from './cursor.js';
import { bytesNode, numberNode, opaqueNodes, plural } from './tree-nodes.js';
import type { CertificateEntry, CertificateMessage } from './types.js';

function fitsTls12(c: Cursor): boolean {
  const listLength = c.peek(3);
  return listLength !== undefined && 3 + listLength === c.remaining;
}

function readEntry(c: Cursor, tls13: boolean): CertificateEntry | undefined {
  const start = c.offset;
  const certificate = c.opaque(3, 'certificate');
  if (certificate === undefined) return undefined;
  const extensions = tls13 ? readExtensions(c, 'certificate') : undefined;
  return { span: { start, end: c.offset }, length: certificate.length, der: certificate.data, extensions };
}

/** The Certificate body; `tls13` picks the layout (CompressedCertificate always holds the TLS 1.3 one). */
export function readCertificate(c: Cursor, tls13: boolean): CertificateMessage {
  const requestContext = tls13 ? c.opaque(1, 'certificate request context') : undefined;
  const certificates = c.vector(3, 'certificate list', (item) => readEntry(item, tls13));
  return { kind: 'certificate', form: tls13 ? 'tls13' : 'tls12', requestContext, certificates };
}

export function decodeCertificate(c: Cursor, ctx: HandshakeContext): CertificateMessage {
  return readCertificate(c, ctx.version === undefined ? !fitsTls12(c) : isTls13(ctx.version));
}

/** Wireshark counts the list in bytes ("Certificates (808 bytes)") and lists each certificate flat. */
export function certificateTree(message: CertificateMessage): TreeNode[] {
  const list = message.certificates;
  return [
    ...opaqueNodes('Certificate Request Context', message.requestContext),
    ...(list === undefined ? [] : [
      ...numberNode('Certificates Length', list.length),
      branch(`Certificates (${plural(list.span.end - list.length.span.end, 'byte')})`, list.items.flatMap((entry) => [
        ...numberNode('Certificate Length', entry.length),
        ...bytesNode('Certificate', entry.der),
        ...extensionsTree(entry.extensions),
      ]), undefined, list.span),
    ]),
  ];
}
