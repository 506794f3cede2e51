/** token_binding (RFC 8472 2-3): protocol version (major.minor) and key parameters, most preferred first. */
import type { Cursor } from '../messages/cursor.js';
import { fieldNode, namedValueNode, vectorNodes } from '../messages/tree-nodes.js';
import { type ExtensionSpec } from './spec.js';

export const TOKEN_BINDING: ExtensionSpec = {
  decode: (c: Cursor) => {
    const version = c.u16('token binding version');
    const parameters = c.vector(1, 'key parameters', (item) => item.named(1, 'key parameter'));
    return { kind: 'token_binding', version, parameters };
  },
  tree: (body) => (body.kind !== 'token_binding' ? [] : [
    ...fieldNode('Protocol Version', body.version, (version) => `${version >> 8}.${version & 0xff}`),
    ...vectorNodes({ length: 'Parameters Length', list: 'Key Parameters', unit: 'parameter' }, body.parameters, (parameter) => namedValueNode('Key Parameter', parameter, 1, false)),
  ]),
};
