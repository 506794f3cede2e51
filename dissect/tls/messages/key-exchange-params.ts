/**
 * Key exchange parameters, shared by ServerKeyExchange and ClientKeyExchange: ServerRSAParams and
 * ServerDHParams (RFC 5246 7.4.3), ECParameters and ECPoint (RFC 8422 5.4, RFC 4492 5.4 for
 * explicit curves), SRP parameters (RFC 5054 2.8.1) and the PSK identity hint (RFC 4279 2).
 */
import { type TreeNode, branch } from '../../tree.js';
import type { CipherSuiteInfo, KeyExchange } from '../tables/index.js';
import { groupName } from '../tables/index.js';
import type { HandshakeContext } from './context.js';
import type { Cursor } from './cursor.js';
import type { Opaque } from './fields.js';
import { type Renderers, namedValueNode, opaqueNodes, renderByKind } from './tree-nodes.js';
import { signatureTree } from './signature.js';
import type { DigitallySigned, ServerParams } from './types.js';

/** RFC 4492 5.4 ECCurveType. */
const EC_CURVE_TYPES: Readonly<Record<number, string>> = { 1: 'explicit_prime', 2: 'explicit_char2', 3: 'named_curve' };
const NAMED_CURVE = 3;
const EXPLICIT_PRIME = 1;
const EXPLICIT_PRIME_FIELDS = ['prime_p', 'a', 'b', 'base point', 'order', 'cofactor'] as const;

export type ServerParamsKind = ServerParams['kind'];

/**
 * The negotiated suite and the layout `layouts` gives its key exchange; undefined (and a
 * needs-context note) when the suite is unknown or its key exchange has no layout here.
 */
export function keyExchangeLayout<L>(c: Cursor, ctx: HandshakeContext, layouts: Partial<Record<KeyExchange, L>>, message: string): { suite: CipherSuiteInfo; layout: L } | undefined {
  const suite = ctx.cipherSuite;
  if (suite === undefined) {
    c.report('the cipher suite is not known, so the key exchange layout is not either', 'tls.handshake.needs-context');
    return undefined;
  }
  const layout = layouts[suite.kex];
  if (layout === undefined) {
    c.report(`no ${message} layout for key exchange ${suite.kex}`, 'tls.handshake.needs-context');
    return undefined;
  }
  return { suite, layout };
}

function readRsa(c: Cursor): ServerParams {
  const start = c.offset;
  const modulus = c.opaque(2, 'RSA modulus');
  const exponent = c.opaque(2, 'RSA exponent');
  return { kind: 'rsa', span: { start, end: c.offset }, modulus, exponent };
}

function readDh(c: Cursor): ServerParams {
  const start = c.offset;
  const p = c.opaque(2, 'DH p');
  const g = c.opaque(2, 'DH g');
  const publicValue = c.opaque(2, 'DH Ys');
  return { kind: 'dh', span: { start, end: c.offset }, p, g, publicValue };
}

function readEc(c: Cursor): ServerParams {
  const start = c.offset;
  const curveType = c.named(1, 'EC curve type', (type) => EC_CURVE_TYPES[type] ?? String(type));
  const namedCurve = curveType?.value === NAMED_CURVE ? c.named(2, 'named curve', groupName) : undefined;
  const explicitCurve: Opaque[] = [];
  if (curveType?.value === EXPLICIT_PRIME) {
    for (const what of EXPLICIT_PRIME_FIELDS) {
      const field = c.opaque(1, `explicit curve ${what}`);
      if (field !== undefined) explicitCurve.push(field);
    }
  }
  const understood = curveType === undefined || curveType.value === NAMED_CURVE || curveType.value === EXPLICIT_PRIME;
  if (!understood) {
    // explicit_char2 (RFC 4492 5.4) has a basis-dependent layout and was never deployed; keep its bytes.
    c.report(`EC curve type ${curveType.name} is not decoded; the rest of the message is kept as bytes`, 'tls.handshake.needs-context');
    c.rest();
  }
  const publicValue = understood ? c.opaque(1, 'EC public point') : undefined;
  return { kind: 'ec', span: { start, end: c.offset }, curveType, namedCurve, explicitCurve, publicValue };
}

function readSrp(c: Cursor): ServerParams {
  const start = c.offset;
  const n = c.opaque(2, 'SRP N');
  const g = c.opaque(2, 'SRP g');
  const salt = c.opaque(1, 'SRP salt');
  const b = c.opaque(2, 'SRP B');
  return { kind: 'srp', span: { start, end: c.offset }, n, g, salt, b };
}

export const SERVER_PARAMS_READERS: Record<ServerParamsKind, (c: Cursor) => ServerParams> = {
  rsa: readRsa,
  dh: readDh,
  ec: readEc,
  srp: readSrp,
};

const PARAMS_TREES: Renderers<ServerParams> = {
  rsa: (params) => [...opaqueNodes('Modulus', params.modulus), ...opaqueNodes('Exponent', params.exponent)],
  dh: (params) => [...opaqueNodes('p', params.p), ...opaqueNodes('g', params.g), ...opaqueNodes('Pubkey', params.publicValue)],
  ec: (params) => [
    ...namedValueNode('Curve Type', params.curveType, 1),
    ...namedValueNode('Named Curve', params.namedCurve, 2),
    ...params.explicitCurve.flatMap((field, index) => opaqueNodes(`Explicit curve ${EXPLICIT_PRIME_FIELDS[index] ?? index}`, field)),
    ...opaqueNodes('Pubkey', params.publicValue),
  ],
  srp: (params) => [...opaqueNodes('SRP N', params.n), ...opaqueNodes('SRP g', params.g), ...opaqueNodes('SRP s', params.salt), ...opaqueNodes('SRP B', params.b)],
};

/** Wireshark's subtree titles; the signature is listed inside them. */
const PARAMS_TITLES: Record<ServerParamsKind, string> = {
  rsa: 'RSA-EXPORT Server Params',
  dh: 'Diffie-Hellman Server Params',
  ec: 'EC Diffie-Hellman Server Params',
  srp: 'SRP Server Params',
};

export function serverParamsTree(params: ServerParams | undefined, signed: DigitallySigned | undefined): TreeNode[] {
  const signature = signatureTree(signed);
  if (params === undefined) return signature;
  const span = { start: params.span.start, end: signed?.span.end ?? params.span.end };
  return [branch(PARAMS_TITLES[params.kind], [...renderByKind(PARAMS_TREES, params), ...signature], undefined, span)];
}
