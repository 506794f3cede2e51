/**
 * The detail tree of a DTLS record (RFC 6347 4.1) for `dissect -V`: the TLS record tree's fields
 * with the header's epoch and sequence number beside the version, under a title naming the
 * udp.stream.
 */
import { branch, leaf, type TreeNode } from '../tree.js';
import { recordTree } from '../tls/display.js';
import type { TlsRecordEvent } from '../tls/session.js';
import { contentTypeName } from '../tls/tables/index.js';
import type { DtlsRecord } from './record.js';

const SIDES = ['client', 'server'] as const;

export function dtlsRecordTree(event: TlsRecordEvent, record: DtlsRecord): TreeNode[] {
  // recordTree lists Content Type and Version first, then the length and what was decrypted.
  const [contentType, version, ...rest] = recordTree(event)[0]?.children?.[0]?.children ?? [];
  const header = [contentType, version].filter((node): node is TreeNode => node !== undefined);
  const fields = [...header, leaf('Epoch', String(record.epoch)), leaf('Sequence Number', String(record.sequence)), ...rest];
  const from = SIDES[record.direction];
  const to = SIDES[record.direction === 0 ? 1 : 0];
  const title = `Frame ${record.frame}, udp.stream ${event.session.connection.index}, ${from} → ${to}`;
  return [branch(title, [branch(`DTLS record: ${contentTypeName(event.opened?.contentType ?? record.contentType)}`, fields)])];
}
