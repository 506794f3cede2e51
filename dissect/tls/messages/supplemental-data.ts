/** SupplementalData (RFC 4680 2): typed entries of application data sent during the handshake. */
import type { TreeNode } from '../../tree.js';
import { branch } from '../../tree.js';
import type { Cursor } from './cursor.js';
import { namedValueNode, opaqueNodes, vectorNodes } from './tree-nodes.js';
import type { SupplementalData, SupplementalDataEntry } from './types.js';

/** RFC 4680 4 / RFC 5878: the one assigned type. */
const SUPPLEMENTAL_DATA_TYPES: Readonly<Record<number, string>> = { 16386: 'authz_data' };

function readEntry(c: Cursor): SupplementalDataEntry | undefined {
  const start = c.offset;
  const dataType = c.named(2, 'supplemental data type', (type) => SUPPLEMENTAL_DATA_TYPES[type] ?? String(type));
  if (dataType === undefined) return undefined;
  const data = c.opaque(2, 'supplemental data');
  return { span: { start, end: c.offset }, dataType, data };
}

export function decodeSupplementalData(c: Cursor): SupplementalData {
  return { kind: 'supplemental_data', entries: c.vector(3, 'supplemental data', readEntry) };
}

export function supplementalDataTree(message: SupplementalData): TreeNode[] {
  return vectorNodes({ length: 'Supplemental Data Length', list: 'Supplemental Data Entries', unit: 'entry', units: 'entries' }, message.entries, (entry) => [
    branch('Supplemental Data Entry', [...namedValueNode('Type', entry.dataType, 2, false), ...opaqueNodes('Data', entry.data)], undefined, entry.span),
  ]);
}
