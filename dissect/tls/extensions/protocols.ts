/**
 * Protocol name lists: ALPN (RFC 7301 3.1), ALPS (draft-vvv-tls-alps 3: the ClientHello lists
 * protocols, EncryptedExtensions carries opaque settings) and NPN (draft-agl-tls-nextprotoneg 3:
 * empty in ClientHello; the server's names fill the extension with no outer length).
 */
import type { TreeNode } from '../../tree.js';
import type { Cursor } from '../messages/cursor.js';
import { vectorNodes } from '../messages/tree-nodes.js';
import { EMPTY, type ExtensionSpec, byContext, rawOf } from './spec.js';
import { readText, textNodes } from './text.js';
import type { TextOpaque } from './types.js';

const readProtocol = (c: Cursor): TextOpaque | undefined => readText(c, 1, 'protocol name');

function protocolList(label: string, listLabel: string): ExtensionSpec {
  return {
    decode: (c) => ({ kind: 'protocols', protocols: c.vector(2, listLabel, readProtocol) }),
    tree: (body) => (body.kind !== 'protocols' ? [] : vectorNodes(
      { length: `${listLabel} Length`, list: listLabel, unit: 'protocol' },
      body.protocols,
      (protocol): TreeNode[] => textNodes(label, `${label} length`, protocol),
    )),
  };
}

export const ALPN = protocolList('ALPN Next Protocol', 'ALPN Protocol');

export const APPLICATION_SETTINGS = byContext(
  { client_hello: protocolList('Supported ALPN', 'ALPS Protocol') },
  rawOf('ALPS Settings'),
);

const NEXT_PROTOCOL_LIST: ExtensionSpec = {
  decode: (c) => ({ kind: 'next_protocols', protocols: c.each(readProtocol) }),
  tree: (body) => (body.kind === 'next_protocols' ? body.protocols.flatMap((protocol) => textNodes('Next Protocol', 'Next Protocol Length', protocol)) : []),
};

export const NEXT_PROTOCOL_NEGOTIATION = byContext({ client_hello: EMPTY }, NEXT_PROTOCOL_LIST);
