/**
 * Messages that are one digest filling the body: Finished (RFC 5246 7.4.9 verify_data, 12 bytes;
 * RFC 6101 5.6.9, 36 bytes in SSL 3.0; RFC 8446 4.4.4, the hash length) and the message_hash
 * stand-in for ClientHello1 (RFC 8446 4.4.1).
 */
import type { TreeNode } from '../../tree.js';
import type { Cursor } from './cursor.js';
import { bytesNode } from './tree-nodes.js';
import type { Finished, MessageHash } from './types.js';

export const decodeFinished = (c: Cursor): Finished => ({ kind: 'finished', verifyData: c.rest() });
export const decodeMessageHash = (c: Cursor): MessageHash => ({ kind: 'message_hash', hash: c.rest() });

export const finishedTree = (message: Finished): TreeNode[] => bytesNode('Verify Data', message.verifyData);
export const messageHashTree = (message: MessageHash): TreeNode[] => bytesNode('Hash', message.hash);
