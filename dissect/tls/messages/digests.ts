/**
 * Messages that are one digest filling the body: Finished (RFC 5246 7.4.9 verify_data, 12 bytes;
 * RFC 6101 5.6.9, 36 bytes in SSL 3.0; RFC 8446 4.4.4, the hash length) and the message_hash
 * stand-in for ClientHello1 (RFC 8446 4.4.1).
 */
import type { TreeNode } from '../../tree.js';
import type { CipherSuiteInfo, PrfHash } from '../tables/index.js';
import { ProtocolVersion } from '../tables/index.js';
import { type HandshakeContext, isTls13 } from './context.js';
import type { Cursor } from './cursor.js';
import type { Field } from './fields.js';
import { bytesNode } from './tree-nodes.js';
import type { Finished, MessageHash } from './types.js';

/** RFC 6101 5.6.9: MD5 (16) + SHA-1 (20). */
const SSL3_VERIFY_DATA_LENGTH = 36;
/** RFC 5246 7.4.9: verify_data_length defaults to 12 and no suite in use changes it. */
const TLS_VERIFY_DATA_LENGTH = 12;
const HASH_LENGTHS: Partial<Record<PrfHash, number>> = { sha256: 32, sha384: 48 };

function hashLength(suite: CipherSuiteInfo | undefined): number | undefined {
  return suite === undefined ? undefined : HASH_LENGTHS[suite.prfHash];
}

function expectedVerifyDataLength(ctx: HandshakeContext): number | undefined {
  if (ctx.version === undefined) return undefined;
  if (isTls13(ctx.version)) return hashLength(ctx.cipherSuite);
  return ctx.version === ProtocolVersion.SSL_3_0 ? SSL3_VERIFY_DATA_LENGTH : TLS_VERIFY_DATA_LENGTH;
}

/** The whole body, checked against the length the context implies (a shorter body is a cut message). */
function digestOf(c: Cursor, what: string, expected: number | undefined): Field<Uint8Array> {
  const digest = c.rest();
  if (expected !== undefined && digest.value.length !== expected) c.report(`${what} is ${digest.value.length} bytes; ${expected} expected`);
  return digest;
}

export function decodeFinished(c: Cursor, ctx: HandshakeContext): Finished {
  return { kind: 'finished', verifyData: digestOf(c, 'verify_data', expectedVerifyDataLength(ctx)) };
}

export function decodeMessageHash(c: Cursor, ctx: HandshakeContext): MessageHash {
  return { kind: 'message_hash', hash: digestOf(c, 'message hash', hashLength(ctx.cipherSuite)) };
}

export const finishedTree = (message: Finished): TreeNode[] => bytesNode('Verify Data', message.verifyData);
export const messageHashTree = (message: MessageHash): TreeNode[] => bytesNode('Hash', message.hash);
