/**
 * pre_shared_key (RFC 8446 4.2.11): the client's identities (with obfuscated ticket ages) and
 * binders; the server's selected identity index.
 */
import { branch } from '../../tree.js';
import type { Cursor } from '../messages/cursor.js';
import { numberNode, opaqueNodes, vectorNodes } from '../messages/tree-nodes.js';
import { type ExtensionSpec, byContext, valueOf } from './spec.js';
import type { PskIdentity } from './types.js';

function readIdentity(c: Cursor): PskIdentity | undefined {
  const start = c.offset;
  const identity = c.opaque(2, 'PSK identity');
  if (identity === undefined) return undefined;
  const obfuscatedTicketAge = c.u32('obfuscated ticket age');
  return { span: { start, end: c.offset }, identity, obfuscatedTicketAge };
}

const OFFERED_PSKS: ExtensionSpec = {
  decode: (c) => {
    const identities = c.vector(2, 'PSK identities', readIdentity);
    const binders = c.vector(2, 'PSK binders', (item) => item.opaque(1, 'PSK binder'));
    return { kind: 'pre_shared_key', identities, binders };
  },
  tree: (body) => (body.kind !== 'pre_shared_key' ? [] : [
    ...vectorNodes({ length: 'Identities Length', list: 'PSK Identities', unit: 'identity', units: 'identities' }, body.identities, (identity) => [
      branch('PSK Identity', [...opaqueNodes('Identity', identity.identity), ...numberNode('Obfuscated Ticket Age', identity.obfuscatedTicketAge)], undefined, identity.span),
    ]),
    ...vectorNodes({ length: 'PSK Binders length', list: 'PSK Binders', unit: 'binder' }, body.binders, (binder) => opaqueNodes('Binder', binder)),
  ]),
};

export const PRE_SHARED_KEY = byContext({ client_hello: OFFERED_PSKS }, valueOf(2, 'Selected Identity'));
