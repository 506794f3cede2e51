/**
 * Detail trees of TLS records and handshake messages, the layered decode `dissect -V` prints and
 * the terminal UI expands: the record layer, then each message with its fields, and certificates
 * field by field.
 */
import { branch, leaf, type TreeNode } from '../tree.js';
import type { HandshakeMessage } from './handshake-reassembler.js';
import { handshakeTree } from './messages/decode.js';
import type { DecodedHandshake } from './messages/types.js';
import type { TlsRecordEvent } from './session.js';
import { ContentType, alertDescriptionName, alertLevelName, contentTypeName, versionName } from './tables/index.js';
import type { X509 } from './x509/lazy.js';

const SIDES = ['client', 'server'] as const;

export function recordTree(event: TlsRecordEvent): TreeNode[] {
  const { record, opened } = event;
  const from = SIDES[record.direction];
  const to = SIDES[record.direction === 0 ? 1 : 0];
  const connection = event.session.connection;
  const title = `Frame ${record.frame}, tcp.stream ${connection.index}, ${from} → ${to}`;
  const content: TreeNode[] = [
    leaf('Content Type', `${contentTypeName(record.contentType)} (${record.contentType})`),
    leaf('Version', `${versionName(record.version)} (0x${record.version.toString(16).padStart(4, '0')})`),
    leaf('Length', String(record.length)),
  ];
  if (record.missing > 0) content.push(leaf('Missing', `${record.missing} bytes were not captured`));
  if (event.protected) {
    content.push(
      opened === undefined
        ? leaf('Encrypted', record.contentType === ContentType.application_data ? 'Application Data (not decrypted)' : 'Encrypted handshake or alert (not decrypted)')
        : branch('Decrypted', [leaf('Content Type', `${contentTypeName(opened.contentType)} (${opened.contentType})`), leaf('Length', String(opened.plaintext.length))], contentTypeName(opened.contentType)),
    );
  }
  const bytes = opened?.plaintext ?? record.fragment;
  const innerType = opened?.contentType ?? record.contentType;
  if (bytes !== undefined && innerType === ContentType.alert) {
    for (let at = 0; at + 1 < bytes.length; at += 2) {
      content.push(branch('Alert', [leaf('Level', alertLevelName(bytes[at] ?? 0)), leaf('Description', alertDescriptionName(bytes[at + 1] ?? 0))], `${alertLevelName(bytes[at] ?? 0)} ${alertDescriptionName(bytes[at + 1] ?? 0)}`));
    }
  }
  const kind = record.sslv2 ? 'SSLv2 record' : `TLS record: ${contentTypeName(innerType)}`;
  return [branch(title, [branch(kind, content)])];
}

/** Certificates are expanded field by field when the X.509 module is given (see x509/lazy.ts). */
export function messageTree(message: HandshakeMessage, decoded: DecodedHandshake, x509?: X509): TreeNode[] {
  const tree = handshakeTree(decoded).map((node) => (message.encrypted ? { ...node, label: `${node.label} (decrypted)` } : node));
  const certificates = decoded.kind === 'certificate' && x509 !== undefined ? decoded.certificates?.items ?? [] : [];
  const decodedCerts = certificates.map((entry, i) => {
    const result = x509 === undefined ? undefined : x509.decodeCertificate(entry.der.value);
    return result?.kind === 'ok' ? branch(`Certificate ${i}`, x509?.certificateTree(result.value) ?? [], result.value.subject.rfc4514) : leaf(`Certificate ${i}`, 'does not parse as X.509');
  });
  return decodedCerts.length === 0 ? tree : [...tree, branch('Certificates (decoded)', decodedCerts)];
}
