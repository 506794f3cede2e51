/** EncryptedExtensions (RFC 8446 4.3.1): the server's extensions that need no ServerHello. */
import type { TreeNode } from '../../tree.js';
import { extensionsTree, readExtensions } from '../extensions/block.js';
import type { Cursor } from './cursor.js';
import type { EncryptedExtensions } from './types.js';

export function decodeEncryptedExtensions(c: Cursor): EncryptedExtensions {
  return { kind: 'encrypted_extensions', extensions: readExtensions(c, 'encrypted_extensions') };
}

export const encryptedExtensionsTree = (message: EncryptedExtensions): TreeNode[] => extensionsTree(message.extensions);
