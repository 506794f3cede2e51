/** HelloVerifyRequest (RFC 6347 4.2.1): the server's version and the cookie the client must echo. */
import type { TreeNode } from '../../tree.js';
import { versionName } from '../tables/index.js';
import type { Cursor } from './cursor.js';
import { namedValueNode, opaqueNodes } from './tree-nodes.js';
import type { HelloVerifyRequest } from './types.js';

export function decodeHelloVerifyRequest(c: Cursor): HelloVerifyRequest {
  const version = c.named(2, 'server version', versionName);
  const cookie = c.opaque(1, 'cookie');
  return { kind: 'hello_verify_request', version, cookie };
}

export function helloVerifyRequestTree(message: HelloVerifyRequest): TreeNode[] {
  return [...namedValueNode('Version', message.version, 2), ...opaqueNodes('Cookie', message.cookie)];
}
