/** NextProtocol (draft-agl-tls-nextprotoneg-04 4, type 67): the client's NPN choice and padding. */
import type { TreeNode } from '../../tree.js';
import { readText, textNodes } from '../extensions/text.js';
import type { Cursor } from './cursor.js';
import { opaqueNodes } from './tree-nodes.js';
import type { NextProtocol } from './types.js';

export function decodeNextProtocol(c: Cursor): NextProtocol {
  const selectedProtocol = readText(c, 1, 'selected protocol');
  const padding = c.opaque(1, 'padding');
  return { kind: 'next_protocol', selectedProtocol, padding };
}

export function nextProtocolTree(message: NextProtocol): TreeNode[] {
  return [...textNodes('Next Protocol', 'Next Protocol Length', message.selectedProtocol), ...opaqueNodes('Padding', message.padding)];
}
