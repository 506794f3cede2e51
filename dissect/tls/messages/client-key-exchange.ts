/**
 * ClientKeyExchange, laid out by the suite's key exchange: the RSA-encrypted pre-master secret
 * (RFC 5246 7.4.7.1; SSL 3.0 sends it without a length, RFC 6101 5.6.7.1, and so did OpenSSL's
 * pre-standard DTLS), DH Yc (7.4.7.2), ECDH
 * point (RFC 8422 5.7), PSK identity alone or before the DHE/ECDHE/RSA part (RFC 4279 2-4, RFC
 * 5489 2), SRP A (RFC 5054 2.8.2). Fixed DH/ECDH with a client certificate sends an empty body.
 */
import type { TreeNode } from '../../tree.js';
import { branch, leaf } from '../../tree.js';
import type { KeyExchange } from '../tables/index.js';
import { ProtocolVersion } from '../tables/index.js';
import type { HandshakeContext } from './context.js';
import type { Cursor } from './cursor.js';
import { keyExchangeLayout } from './key-exchange-params.js';
import { type Renderers, bytesNode, numberNode, opaqueNodes, renderByKind } from './tree-nodes.js';
import type { ClientExchange, ClientKeyExchange } from './types.js';

type ExchangeKind = ClientExchange['kind'];

interface ClientLayout {
  readonly identity: boolean;
  readonly exchange: ExchangeKind | undefined;
  /** Fixed DH/ECDH may leave the public value to the client certificate (RFC 5246 7.4.7.2, RFC 8422 5.7). */
  readonly implicitAllowed: boolean;
}

const CLIENT_LAYOUTS: Partial<Record<KeyExchange, ClientLayout>> = {
  RSA: { identity: false, exchange: 'rsa', implicitAllowed: false },
  RSA_EXPORT: { identity: false, exchange: 'rsa', implicitAllowed: false },
  DH: { identity: false, exchange: 'dh', implicitAllowed: true },
  DHE: { identity: false, exchange: 'dh', implicitAllowed: false },
  DH_anon: { identity: false, exchange: 'dh', implicitAllowed: false },
  ECDH: { identity: false, exchange: 'ec', implicitAllowed: true },
  ECDHE: { identity: false, exchange: 'ec', implicitAllowed: false },
  ECDH_anon: { identity: false, exchange: 'ec', implicitAllowed: false },
  PSK: { identity: true, exchange: undefined, implicitAllowed: false },
  RSA_PSK: { identity: true, exchange: 'rsa', implicitAllowed: false },
  DHE_PSK: { identity: true, exchange: 'dh', implicitAllowed: false },
  ECDHE_PSK: { identity: true, exchange: 'ec', implicitAllowed: false },
  SRP: { identity: false, exchange: 'srp', implicitAllowed: false },
};

/**
 * Versions that send the encrypted pre-master secret bare: SSL 3.0, and OpenSSL's DTLS before
 * 0.9.8f, which copied it. TLS and standard DTLS prefix its length.
 */
const UNPREFIXED_PRE_MASTER_VERSIONS: ReadonlySet<number> = new Set([ProtocolVersion.SSL_3_0, ProtocolVersion.DTLS_1_0_OPENSSL_PRE_0_9_8F]);

/** Unknown version: whichever reading fits the body. RSA_PSK always prefixes (RFC 4279 4). */
function hasLengthPrefix(c: Cursor, version: number | undefined, layout: ClientLayout): boolean {
  if (layout.identity) return true;
  if (version !== undefined) return !UNPREFIXED_PRE_MASTER_VERSIONS.has(version);
  return c.peek(2) === c.remaining - 2;
}

function readRsa(c: Cursor, version: number | undefined, layout: ClientLayout): ClientExchange {
  const start = c.offset;
  const prefixed = hasLengthPrefix(c, version, layout) ? c.opaque(2, 'encrypted pre-master secret') : undefined;
  const encryptedPreMasterSecret = prefixed?.data ?? c.rest();
  if (encryptedPreMasterSecret.value.length === 0) c.report('the encrypted pre-master secret is empty');
  return { kind: 'rsa', span: { start, end: c.offset }, length: prefixed?.length, encryptedPreMasterSecret };
}

/** An empty body means the public value is in the client certificate (RFC 5246 7.4.7.2 "implicit"). */
function readPublicValue(c: Cursor, kind: 'dh' | 'ec', layout: ClientLayout): ClientExchange {
  const start = c.offset;
  const implicit = layout.implicitAllowed && c.atEnd;
  const publicValue = implicit ? undefined : c.opaque(kind === 'dh' ? 2 : 1, kind === 'dh' ? 'DH Yc' : 'EC point');
  return { kind, span: { start, end: c.offset }, implicit, publicValue };
}

function readSrp(c: Cursor): ClientExchange {
  const start = c.offset;
  const publicValue = c.opaque(2, 'SRP A');
  return { kind: 'srp', span: { start, end: c.offset }, publicValue };
}

const EXCHANGE_READERS: Record<ExchangeKind, (c: Cursor, version: number | undefined, layout: ClientLayout) => ClientExchange> = {
  rsa: readRsa,
  dh: (c, _version, layout) => readPublicValue(c, 'dh', layout),
  ec: (c, _version, layout) => readPublicValue(c, 'ec', layout),
  srp: readSrp,
};

export function decodeClientKeyExchange(c: Cursor, ctx: HandshakeContext): ClientKeyExchange {
  const chosen = keyExchangeLayout(c, ctx, CLIENT_LAYOUTS, 'ClientKeyExchange');
  if (chosen === undefined) {
    return { kind: 'client_key_exchange', keyExchange: ctx.cipherSuite?.kex, pskIdentity: undefined, exchange: undefined, unparsed: c.rest() };
  }
  const { suite, layout } = chosen;
  const pskIdentity = layout.identity ? c.opaque(2, 'PSK identity') : undefined;
  const exchange = layout.exchange === undefined ? undefined : EXCHANGE_READERS[layout.exchange](c, ctx.version, layout);
  return { kind: 'client_key_exchange', keyExchange: suite.kex, pskIdentity, exchange, unparsed: undefined };
}

function publicValueTree(exchange: Extract<ClientExchange, { kind: 'dh' | 'ec' }>): TreeNode[] {
  return exchange.implicit ? [leaf('Pubkey', 'implicit (in the client certificate)', exchange.span)] : opaqueNodes('Pubkey', exchange.publicValue);
}

const EXCHANGE_TREES: Renderers<ClientExchange> = {
  rsa: (exchange) => [
    ...numberNode('Encrypted PreMaster length', exchange.length),
    ...bytesNode('Encrypted PreMaster', exchange.encryptedPreMasterSecret),
  ],
  dh: publicValueTree,
  ec: publicValueTree,
  srp: (exchange) => opaqueNodes('SRP A', exchange.publicValue),
};

const EXCHANGE_TITLES: Record<ExchangeKind, string> = {
  rsa: 'RSA Encrypted PreMaster Secret',
  dh: 'Diffie-Hellman Client Params',
  ec: 'EC Diffie-Hellman Client Params',
  srp: 'SRP Client Params',
};

export function clientKeyExchangeTree(message: ClientKeyExchange): TreeNode[] {
  const exchange = message.exchange;
  return [
    ...opaqueNodes('PSK Identity', message.pskIdentity),
    ...(exchange === undefined ? [] : [branch(EXCHANGE_TITLES[exchange.kind], renderByKind(EXCHANGE_TREES, exchange), undefined, exchange.span)]),
    ...bytesNode('Key Exchange Data (not decoded)', message.unparsed),
  ];
}
