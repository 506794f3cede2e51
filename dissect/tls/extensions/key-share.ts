/**
 * key_share (RFC 8446 4.2.8): the client's shares, the server's one share, or the group a
 * HelloRetryRequest asks for. TLS 1.3 drafts before 23 used code point 40 with the same layout.
 */
import { type TreeNode, branch, leaf } from '../../tree.js';
import type { Cursor } from '../messages/cursor.js';
import { opaqueNodes, vectorNodes } from '../messages/tree-nodes.js';
import { groupName } from '../tables/index.js';
import { type ExtensionSpec, byContext, valueOf } from './spec.js';
import type { KeyShareEntry } from './types.js';

function readKeyShareEntry(c: Cursor): KeyShareEntry | undefined {
  const start = c.offset;
  const group = c.named(2, 'key share group', groupName);
  if (group === undefined) return undefined;
  const keyExchange = c.opaque(2, 'key exchange');
  return { span: { start, end: c.offset }, group, keyExchange };
}

function entryNode(entry: KeyShareEntry | undefined): TreeNode[] {
  if (entry === undefined) return [];
  // Wireshark prints the group number in decimal here, unlike in supported_groups.
  return [branch('Key Share Entry', [
    leaf('Group', `${entry.group.name} (${entry.group.value})`, entry.group.span),
    ...opaqueNodes('Key Exchange', entry.keyExchange),
  ], `Group: ${entry.group.name}, Key Exchange length: ${entry.keyExchange?.length.value ?? '?'}`, entry.span)];
}

const CLIENT_SHARES: ExtensionSpec = {
  decode: (c) => ({ kind: 'key_shares', shares: c.vector(2, 'client key shares', readKeyShareEntry) }),
  tree: (body) => (body.kind === 'key_shares' ? vectorNodes({ length: 'Client Key Share Length', list: 'Key Share Entries', unit: 'entry', units: 'entries' }, body.shares, entryNode) : []),
};

const SERVER_SHARE: ExtensionSpec = {
  decode: (c) => ({ kind: 'key_share', share: readKeyShareEntry(c) }),
  tree: (body) => (body.kind === 'key_share' ? entryNode(body.share) : []),
};

export const KEY_SHARE = byContext(
  { client_hello: CLIENT_SHARES, hello_retry_request: valueOf(2, 'Selected Group', groupName) },
  SERVER_SHARE,
);
