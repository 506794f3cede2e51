/**
 * ClientKeyExchange, laid out by the suite's key exchange: the RSA-encrypted pre-master secret
 * (RFC 5246 7.4.7.1; SSL 3.0 sends it without a length, RFC 6101 5.6.7.1, and so did OpenSSL's
 * pre-standard DTLS), DH Yc (7.4.7.2), ECDH
 * point (RFC 8422 5.7), PSK identity alone or before the DHE/ECDHE/RSA part (RFC 4279 2-4, RFC
 * 5489 2), SRP A (RFC 5054 2.8.2). Fixed DH/ECDH with a client certificate sends an empty body.
 */
import type { TreeNode } from '../../tree.js';
import { leaf } from '../../tree.js';
import type { KeyExchange } from '../tables/index.js';
import { ProtocolVersion } from '../tables/index.js';
import type { HandshakeContext } from './context.js';
import type { Cursor } from './cursor.js';
import { type Renderers, bytesNode, numberNode, opaqueNodes, renderByKind } from './tree-nodes.js';
import type { ClientExchange, ClientKeyExchange } from './types.js';

type ExchangeKind = ClientExchange['kind'];

interface ClientLayout {
  readonly identity: boolean;
  readonly exchange: ExchangeKind | undefined;
}

const CLIENT_LAYOUTS: Partial<Record<KeyExchange, ClientLayout>> = {
  RSA: { identity: false, exchange: 'rsa' },
  RSA_EXPORT: { identity: false, exchange: 'rsa' },
  DH: { identity: false, exchange: 'dh' },
  DHE: { identity: false, exchange: 'dh' },
  DH_anon: { identity: false, exchange: 'dh' },
  ECDH: { identity: false, exchange: 'ec' },
  ECDHE: { identity: false, exchange: 'ec' },
  ECDH_anon: { identity: false, exchange: 'ec' },
  PSK: { identity: true, exchange: undefined },
  RSA_PSK: { identity: true, exchange: 'rsa' },
  DHE_PSK: { identity: true, exchange: 'dh' },
  ECDHE_PSK: { identity: true, exchange: 'ec' },
  SRP: { identity: false, exchange: 'srp' },
};

/**
 * Versions that send the encrypted pre-master secret bare: SSL 3.0, and OpenSSL's DTLS before
 * 0.9.8f, which copied it. TLS and standard DTLS prefix its length.
 */
const UNPREFIXED_PRE_MASTER_VERSIONS: ReadonlySet<number> = new Set([ProtocolVersion.SSL_3_0, ProtocolVersion.DTLS_1_0_OPENSSL_PRE_0_9_8F]);

/** Unknown version: whichever reading fits the body. RSA_PSK always prefixes (RFC 4279 4). */
function hasLengthPrefix(c: Cursor, version: number | undefined, afterIdentity: boolean): boolean {
  if (afterIdentity) return true;
  if (version !== undefined) return !UNPREFIXED_PRE_MASTER_VERSIONS.has(version);
  return c.peek(2) === c.remaining - 2;
}

function readRsa(c: Cursor, version: number | undefined, afterIdentity: boolean): ClientExchange {
  const start = c.offset;
  const prefixed = hasLengthPrefix(c, version, afterIdentity) ? c.opaque(2, 'encrypted pre-master secret') : undefined;
  const encryptedPreMasterSecret = prefixed?.data ?? c.rest();
  return { kind: 'rsa', span: { start, end: c.offset }, length: prefixed?.length, encryptedPreMasterSecret };
}

/** An empty body means the public value is in the client certificate (RFC 5246 7.4.7.2 "implicit"). */
function readPublicValue(c: Cursor, kind: 'dh' | 'ec'): ClientExchange {
  const start = c.offset;
  const implicit = c.atEnd;
  const publicValue = implicit ? undefined : c.opaque(kind === 'dh' ? 2 : 1, kind === 'dh' ? 'DH Yc' : 'EC point');
  return { kind, span: { start, end: c.offset }, implicit, publicValue };
}

function readSrp(c: Cursor): ClientExchange {
  const start = c.offset;
  const publicValue = c.opaque(2, 'SRP A');
  return { kind: 'srp', span: { start, end: c.offset }, publicValue };
}

const EXCHANGE_READERS: Record<ExchangeKind, (c: Cursor, version: number | undefined, afterIdentity: boolean) => ClientExchange> = {
  rsa: readRsa,
  dh: (c) => readPublicValue(c, 'dh'),
  ec: (c) => readPublicValue(c, 'ec'),
  srp: readSrp,
};

export function decodeClientKeyExchange(c: Cursor, ctx: HandshakeContext): ClientKeyExchange {
  const suite = ctx.cipherSuite;
  const layout = suite === undefined ? undefined : CLIENT_LAYOUTS[suite.kex];
  if (suite === undefined || layout === undefined) {
    c.report(suite === undefined ? 'the cipher suite is not known, so the key exchange layout is not either' : `no ClientKeyExchange layout for key exchange ${suite.kex}`, 'tls.handshake.needs-context');
    return { kind: 'client_key_exchange', keyExchange: suite?.kex, pskIdentity: undefined, exchange: undefined, unparsed: c.rest() };
  }
  const pskIdentity = layout.identity ? c.opaque(2, 'PSK identity') : undefined;
  const exchange = layout.exchange === undefined ? undefined : EXCHANGE_READERS[layout.exchange](c, ctx.version, layout.identity);
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

export function clientKeyExchangeTree(message: ClientKeyExchange): TreeNode[] {
  return [
    ...opaqueNodes('PSK Identity', message.pskIdentity),
    ...(message.exchange === undefined ? [] : renderByKind(EXCHANGE_TREES, message.exchange)),
    ...bytesNode('Key Exchange Data (not decoded)', message.unparsed),
  ];
}
