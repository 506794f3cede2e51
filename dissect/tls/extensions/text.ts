/** Length-prefixed names read as text (RFC 6066 3 HostName, RFC 7301 3.1 ProtocolName). */
import { type TreeNode, leaf } from '../../tree.js';
import type { Cursor, LengthBytes } from '../messages/cursor.js';
import { numberNode } from '../messages/tree-nodes.js';
import type { TextOpaque } from './types.js';

/** Non-fatal: a name with bad UTF-8 still shows, with replacement characters. */
const utf8 = new TextDecoder('utf-8');

export function readText(c: Cursor, lengthBytes: LengthBytes, what: string): TextOpaque | undefined {
  const opaque = c.opaque(lengthBytes, what);
  return opaque === undefined ? undefined : { ...opaque, text: utf8.decode(opaque.data.value) };
}

/** "ALPN string length: 2" then "ALPN Next Protocol: h2", as Wireshark lays them out. */
export function textNodes(label: string, lengthLabel: string, text: TextOpaque | undefined): TreeNode[] {
  if (text === undefined) return [];
  return [...numberNode(lengthLabel, text.length), leaf(label, text.text, text.data.span)];
}
