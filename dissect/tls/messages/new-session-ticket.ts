/**
 * NewSessionTicket: RFC 5077 3.3 (lifetime hint, ticket) before TLS 1.3; RFC 8446 4.6.1 (lifetime,
 * age add, nonce, ticket, extensions) in TLS 1.3. Drafts before 21 had no nonce. Without a known
 * version, the TLS 1.2 form is chosen when its lengths account for the whole body.
 */
import type { TreeNode } from '../../tree.js';
import { extensionsTree, readExtensions } from '../extensions/block.js';
import { draftNumber } from '../tables/index.js';
import { type HandshakeContext, isTls13 } from './context.js';
import type { Cursor } from './cursor.js';
import { fieldNode, numberNode, opaqueNodes } from './tree-nodes.js';
import type { NewSessionTicket } from './types.js';

const FIRST_DRAFT_WITH_NONCE = 21;

/** lifetime_hint (4) + ticket length (2) + ticket: nothing else. */
function fitsTls12(c: Cursor): boolean {
  const ticketLength = c.peek(2, 4);
  return ticketLength !== undefined && 6 + ticketLength === c.remaining;
}

export function decodeNewSessionTicket(c: Cursor, ctx: HandshakeContext): NewSessionTicket {
  const tls13 = ctx.version === undefined ? !fitsTls12(c) : isTls13(ctx.version);
  const lifetime = c.u32(tls13 ? 'ticket lifetime' : 'ticket lifetime hint');
  if (!tls13) {
    const ticket = c.opaque(2, 'ticket');
    return { kind: 'new_session_ticket', form: 'tls12', lifetime, ageAdd: undefined, nonce: undefined, ticket, extensions: undefined };
  }
  const ageAdd = c.u32('ticket age add');
  const draft = ctx.version === undefined ? undefined : draftNumber(ctx.version);
  const nonce = draft === undefined || draft >= FIRST_DRAFT_WITH_NONCE ? c.opaque(1, 'ticket nonce') : undefined;
  const ticket = c.opaque(2, 'ticket');
  const extensions = readExtensions(c, 'new_session_ticket');
  return { kind: 'new_session_ticket', form: 'tls13', lifetime, ageAdd, nonce, ticket, extensions };
}

export function newSessionTicketTree(message: NewSessionTicket): TreeNode[] {
  return [
    ...fieldNode(message.form === 'tls13' ? 'Session Ticket Lifetime' : 'Session Ticket Lifetime Hint', message.lifetime, (seconds) => `${seconds} seconds`),
    ...numberNode('Session Ticket Age Add', message.ageAdd),
    ...opaqueNodes('Session Ticket Nonce', message.nonce),
    ...opaqueNodes('Session Ticket', message.ticket),
    ...extensionsTree(message.extensions),
  ];
}
