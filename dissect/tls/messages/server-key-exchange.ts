/**
 * ServerKeyExchange, laid out by the suite's key exchange: RSA export params (RFC 4346 A.5 / RFC
 * 5246 7.4.3), DHE p/g/Ys, ECDHE curve and point (RFC 8422 5.4), PSK identity hint alone or before
 * DHE/ECDHE params (RFC 4279 2-3, RFC 5489 2), SRP params (RFC 5054 2.8.1); then the signature
 * unless the suite is anonymous or PSK-authenticated.
 */
import type { TreeNode } from '../../tree.js';
import type { KeyExchange } from '../tables/index.js';
import type { HandshakeContext } from './context.js';
import type { Cursor } from './cursor.js';
import { SERVER_PARAMS_READERS, type ServerParamsKind, keyExchangeLayout, serverParamsTree } from './key-exchange-params.js';
import { keyTypeOf, readDigitallySigned } from './signature.js';
import { bytesNode, opaqueNodes } from './tree-nodes.js';
import type { ServerKeyExchange } from './types.js';

interface ServerLayout {
  readonly hint: boolean;
  readonly params: ServerParamsKind | undefined;
  /** Signed unless the suite authenticates no one or only by PSK/SRP password. */
  readonly signed: boolean;
}

const SERVER_LAYOUTS: Partial<Record<KeyExchange, ServerLayout>> = {
  RSA: { hint: false, params: 'rsa', signed: true },
  RSA_EXPORT: { hint: false, params: 'rsa', signed: true },
  DH: { hint: false, params: 'dh', signed: true },
  DHE: { hint: false, params: 'dh', signed: true },
  DH_anon: { hint: false, params: 'dh', signed: false },
  ECDH: { hint: false, params: 'ec', signed: true },
  ECDHE: { hint: false, params: 'ec', signed: true },
  ECDH_anon: { hint: false, params: 'ec', signed: false },
  PSK: { hint: true, params: undefined, signed: false },
  RSA_PSK: { hint: true, params: undefined, signed: false },
  DHE_PSK: { hint: true, params: 'dh', signed: false },
  ECDHE_PSK: { hint: true, params: 'ec', signed: false },
  SRP: { hint: false, params: 'srp', signed: true },
};

export function decodeServerKeyExchange(c: Cursor, ctx: HandshakeContext): ServerKeyExchange {
  const chosen = keyExchangeLayout(c, ctx, SERVER_LAYOUTS, 'ServerKeyExchange');
  if (chosen === undefined) {
    return { kind: 'server_key_exchange', keyExchange: ctx.cipherSuite?.kex, pskIdentityHint: undefined, params: undefined, signature: undefined, unparsed: c.rest() };
  }
  const { suite, layout } = chosen;
  const pskIdentityHint = layout.hint ? c.opaque(2, 'PSK identity hint') : undefined;
  const params = layout.params === undefined ? undefined : SERVER_PARAMS_READERS[layout.params](c);
  const key = ctx.certificateKey ?? keyTypeOf(suite.auth);
  const signed = layout.signed && keyTypeOf(suite.auth) !== undefined;
  const signature = signed ? readDigitallySigned(c, ctx.version, key) : undefined;
  return { kind: 'server_key_exchange', keyExchange: suite.kex, pskIdentityHint, params, signature, unparsed: undefined };
}

export function serverKeyExchangeTree(message: ServerKeyExchange): TreeNode[] {
  return [
    ...opaqueNodes('PSK Identity Hint', message.pskIdentityHint),
    ...serverParamsTree(message.params, message.signature),
    ...bytesNode('Key Exchange Data (not decoded)', message.unparsed),
  ];
}
