/**
 * An extensions block (RFC 8446 4.2 `Extension extensions<0..2^16-1>`, RFC 5246 7.4.1.4): each
 * extension's type, length and body, decoded by the registry row for its type and the message it
 * is in. A repeated type is reported (RFC 8446 4.2: "There MUST NOT be more than one extension of
 * the same type").
 */
import { type TreeNode, branch, leaf } from '../../tree.js';
import type { Cursor } from '../messages/cursor.js';
import { numberNode } from '../messages/tree-nodes.js';
import { extensionName } from '../tables/index.js';
import { extensionSpec } from './registry.js';
import type { Extension, ExtensionBlock, ExtensionContext } from './types.js';

function readExtension(c: Cursor, where: ExtensionContext, seen: Set<number>): Extension | undefined {
  const start = c.offset;
  const type = c.named(2, 'extension type', extensionName);
  if (type === undefined) return undefined;
  if (seen.has(type.value)) c.report(`extension ${type.name} appears more than once`, 'tls.extension.duplicate');
  seen.add(type.value);
  const window = c.window(2, `extension ${type.name}`);
  if (window === undefined) return undefined;
  const content = window.body.reportingAs('tls.extension.malformed', `extension ${type.name}: `);
  const data = { value: content.bytes.subarray(content.offset, content.end), span: { start: content.offset, end: content.end } };
  const body = extensionSpec(type.value).decode(content, where);
  content.finish(`${type.name} extension`);
  return { type, length: window.length, data, span: { start, end: window.span.end }, where, body };
}

export function readExtensions(c: Cursor, where: ExtensionContext): ExtensionBlock | undefined {
  const seen = new Set<number>();
  return c.vector(2, 'extensions', (item) => readExtension(item, where, seen));
}

/** The first extension of `type` in a block. */
export function findExtension(block: ExtensionBlock | undefined, type: number): Extension | undefined {
  return block?.items.find((extension) => extension.type.value === type);
}

export function extensionTree(extension: Extension): TreeNode {
  return branch(`Extension: ${extension.type.name} (len=${extension.length.value})`, [
    leaf('Type', `${extension.type.name} (${extension.type.value})`, extension.type.span),
    ...numberNode('Length', extension.length),
    ...extensionSpec(extension.type.value).tree(extension.body, extension),
  ], undefined, extension.span);
}

/** "Extensions Length: 120" then one node per extension, as Wireshark lays them out. */
export function extensionsTree(block: ExtensionBlock | undefined): TreeNode[] {
  if (block === undefined) return [];
  return [...numberNode('Extensions Length', block.length), ...block.items.map(extensionTree)];
}
