/**
 * The shapes most extensions share (RFC 8446 4.2, RFC 6066): nothing, one integer, a
 * length-prefixed list of integers, a length-prefixed opaque, or bytes with no inner structure.
 * Each extension type's row in the registry is one of these, or its own decoder, and may differ by
 * the message it is in (supported_versions is a list in ClientHello and one value in ServerHello).
 */
import { hex } from '../../bytes.js';
import { type TreeNode, leaf } from '../../tree.js';
import type { Cursor, LengthBytes } from '../messages/cursor.js';
import { type ListLabels, namedValueNode, opaqueNodes, vectorNodes } from '../messages/tree-nodes.js';
import type { Extension, ExtensionBody, ExtensionContext } from './types.js';

export interface ExtensionSpec {
  readonly decode: (c: Cursor, where: ExtensionContext) => ExtensionBody;
  readonly tree: (body: ExtensionBody, extension: Extension) => TreeNode[];
}

/** A registry's name function (from ../tables); values without one show as numbers. */
export type Namer = (value: number) => string;

export const EMPTY: ExtensionSpec = {
  decode: () => ({ kind: 'empty' }),
  tree: () => [],
};

export function rawOf(label: string): ExtensionSpec {
  return {
    decode: (c) => {
      c.rest();
      return { kind: 'raw' };
    },
    tree: (_body, extension) => (extension.data.value.length === 0 ? [] : [leaf(label, hex(extension.data.value), extension.data.span)]),
  };
}

export function valueOf(size: 1 | 2 | 4, label: string, name?: Namer): ExtensionSpec {
  return {
    decode: (c) => ({ kind: 'value', value: c.named(size, label, name) }),
    tree: (body) => (body.kind === 'value' ? namedValueNode(label, body.value, size, name !== undefined) : []),
  };
}

interface ValueListLabels extends ListLabels {
  readonly item: string;
}

export function listOf(lengthBytes: LengthBytes, itemSize: 1 | 2, labels: ValueListLabels, name?: Namer): ExtensionSpec {
  return {
    decode: (c) => ({ kind: 'list', values: c.vector(lengthBytes, labels.list, (item) => item.named(itemSize, labels.item, name)) }),
    tree: (body) => (body.kind === 'list' ? vectorNodes(labels, body.values, (value) => namedValueNode(labels.item, value, itemSize, name !== undefined)) : []),
  };
}

export function opaqueOf(lengthBytes: LengthBytes, label: string): ExtensionSpec {
  return {
    decode: (c) => ({ kind: 'opaque', value: c.opaque(lengthBytes, label) }),
    tree: (body) => (body.kind === 'opaque' ? opaqueNodes(label, body.value) : []),
  };
}

export function opaqueListOf(lengthBytes: LengthBytes, itemLengthBytes: LengthBytes, labels: ValueListLabels): ExtensionSpec {
  return {
    decode: (c) => ({ kind: 'opaque_list', items: c.vector(lengthBytes, labels.list, (item) => item.opaque(itemLengthBytes, labels.item)) }),
    tree: (body) => (body.kind === 'opaque_list' ? vectorNodes(labels, body.items, (item) => opaqueNodes(labels.item, item)) : []),
  };
}

/** A different layout per message; `otherwise` for the rest. */
export function byContext(specs: Partial<Record<ExtensionContext, ExtensionSpec>>, otherwise: ExtensionSpec): ExtensionSpec {
  const pick = (where: ExtensionContext): ExtensionSpec => specs[where] ?? otherwise;
  return {
    decode: (c, where) => pick(where).decode(c, where),
    tree: (body, extension) => pick(extension.where).tree(body, extension),
  };
}
