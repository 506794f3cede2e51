/** server_name (RFC 6066 3): a list of (name type, host name) in ClientHello, empty in replies. */
import { branch } from '../../tree.js';
import type { Cursor } from '../messages/cursor.js';
import { namedValueNode, vectorNodes } from '../messages/tree-nodes.js';
import { nameTypeName } from '../tables/index.js';
import { EMPTY, type ExtensionSpec, byContext } from './spec.js';
import { readText, textNodes } from './text.js';
import type { ServerName } from './types.js';

function readServerName(c: Cursor): ServerName | undefined {
  const start = c.offset;
  const nameType = c.named(1, 'server name type', nameTypeName);
  if (nameType === undefined) return undefined;
  const hostName = readText(c, 2, 'server name');
  return { span: { start, end: c.offset }, nameType, hostName };
}

const SERVER_NAME_LIST: ExtensionSpec = {
  decode: (c) => ({ kind: 'server_name', names: c.vector(2, 'server name list', readServerName) }),
  tree: (body) => (body.kind !== 'server_name' ? [] : vectorNodes(
    { length: 'Server Name list length', list: 'Server Names', unit: 'name' },
    body.names,
    (name) => [branch('Server Name Indication', [
      ...namedValueNode('Server Name Type', name.nameType, 1),
      ...textNodes('Server Name', 'Server Name length', name.hostName),
    ], name.hostName?.text, name.span)],
  )),
};

/** A server acknowledges SNI with an empty extension (RFC 6066 3). */
export const SERVER_NAME = byContext({ client_hello: SERVER_NAME_LIST }, EMPTY);
