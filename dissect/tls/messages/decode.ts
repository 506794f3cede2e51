/**
 * One handshake message body -> its typed fields (RFC 8446 4, RFC 5246 7.4): the entry point the
 * record layer calls with each reassembled message, and the detail tree `dissect -V` prints.
 */
import { type Diagnostic, diagnostic } from '../../diagnostics.js';
import { type TreeNode, branch, leaf } from '../../tree.js';
import { handshakeTypeTitle } from '../tables/index.js';
import type { HandshakeContext } from './context.js';
import { Cursor } from './cursor.js';
import { MESSAGE_SPECS, MESSAGE_TREES } from './registry.js';
import { renderByKind } from './tree-nodes.js';
import type { DecodedHandshake, HandshakeFields } from './types.js';

const HELLO_RETRY_REQUEST_TITLE = 'HelloRetryRequest';

function titleOf(type: number, fields: HandshakeFields): string {
  return fields.kind === 'server_hello' && fields.isHelloRetryRequest ? HELLO_RETRY_REQUEST_TITLE : handshakeTypeTitle(type);
}

/**
 * Decodes a handshake message body (without its 4-byte TLS or 12-byte DTLS header). Never throws:
 * what did not decode is `undefined` in the result and explained in `diagnostics`.
 */
export function decodeHandshake(type: number, body: Uint8Array, ctx: HandshakeContext = {}): DecodedHandshake {
  const diagnostics: Diagnostic[] = [];
  const title = handshakeTypeTitle(type);
  const spec = MESSAGE_SPECS[type];
  if (spec === undefined) {
    diagnostics.push(diagnostic('tls.handshake.unknown-type', `handshake type ${title} has no known layout; ${body.length} bytes kept`));
    return { type, title, body, diagnostics, kind: 'unknown', data: { value: body, span: { start: 0, end: body.length } } };
  }
  const c = Cursor.over(body, diagnostics, 'tls.handshake.malformed', `${title}: `);
  if (ctx.direction !== undefined && spec.sender !== 'either' && spec.sender !== ctx.direction) {
    c.report(`sent by the ${ctx.direction}, but only the ${spec.sender} sends it`, 'tls.handshake.unexpected');
  }
  const fields = spec.decode(c, ctx);
  c.finish(title);
  return { type, title: titleOf(type, fields), body, diagnostics, ...fields };
}

/** "Handshake Protocol: ClientHello" with the type, the length and every decoded field beneath. */
export function handshakeTree(message: DecodedHandshake): TreeNode[] {
  return [branch('Handshake Protocol', [
    leaf('Handshake Type', `${message.title} (${message.type})`),
    leaf('Length', String(message.body.length)),
    ...renderByKind(MESSAGE_TREES, message),
  ], message.title, { start: 0, end: message.body.length })];
}
