/** KeyUpdate (RFC 8446 4.6.3): whether the sender asks the peer to update its keys too. */
import type { TreeNode } from '../../tree.js';
import { keyUpdateRequestName } from '../tables/index.js';
import type { Cursor } from './cursor.js';
import { namedValueNode } from './tree-nodes.js';
import type { KeyUpdate } from './types.js';

export function decodeKeyUpdate(c: Cursor): KeyUpdate {
  return { kind: 'key_update', requestUpdate: c.named(1, 'request_update', keyUpdateRequestName) };
}

export const keyUpdateTree = (message: KeyUpdate): TreeNode[] => namedValueNode('Key Update Request', message.requestUpdate, 1);
