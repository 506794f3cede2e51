/**
 * The DTLS handshake header (RFC 6347 4.2.2, RFC 9147 5.2): msg_type, length, message_seq,
 * fragment_offset, fragment_length, 12 bytes before each (fragment of a) message. The DTLS record
 * layer reads it to reassemble fragments before handing whole bodies to decodeHandshake.
 */
import { diagnostic } from '../../diagnostics.js';
import { type DecodeResult, invalid, needMore, ok } from '../../decode-result.js';
import { type TreeNode, leaf } from '../../tree.js';
import { handshakeTypeTitle } from '../tables/index.js';
import { Cursor } from './cursor.js';
import type { Field } from './fields.js';
import { numberNode } from './tree-nodes.js';

export const DTLS_HANDSHAKE_HEADER_LENGTH = 12;

export interface DtlsHandshakeHeader {
  readonly type: Field<number>;
  /** Length of the whole message body. */
  readonly length: Field<number>;
  readonly messageSeq: Field<number>;
  readonly fragmentOffset: Field<number>;
  readonly fragmentLength: Field<number>;
}

/** Reads the header at the start of `bytes`; `used` is always 12. The fragment must lie within the message. */
export function decodeDtlsHandshakeHeader(bytes: Uint8Array): DecodeResult<DtlsHandshakeHeader> {
  if (bytes.length < DTLS_HANDSHAKE_HEADER_LENGTH) return needMore(DTLS_HANDSHAKE_HEADER_LENGTH);
  const c = Cursor.over(bytes, [], 'tls.handshake.malformed');
  const type = c.u8('msg_type');
  const length = c.u24('length');
  const messageSeq = c.u16('message_seq');
  const fragmentOffset = c.u24('fragment_offset');
  const fragmentLength = c.u24('fragment_length');
  if (type === undefined || length === undefined || messageSeq === undefined || fragmentOffset === undefined || fragmentLength === undefined) {
    return needMore(DTLS_HANDSHAKE_HEADER_LENGTH);
  }
  if (fragmentOffset.value + fragmentLength.value > length.value) {
    return invalid(diagnostic('tls.handshake.malformed', `DTLS fragment ${fragmentOffset.value}+${fragmentLength.value} runs past the message length ${length.value}`));
  }
  return ok({ type, length, messageSeq, fragmentOffset, fragmentLength }, DTLS_HANDSHAKE_HEADER_LENGTH);
}

export function dtlsHandshakeHeaderTree(header: DtlsHandshakeHeader): TreeNode[] {
  return [
    leaf('Handshake Type', `${handshakeTypeTitle(header.type.value)} (${header.type.value})`, header.type.span),
    ...numberNode('Length', header.length),
    ...numberNode('Message Sequence', header.messageSeq),
    ...numberNode('Fragment Offset', header.fragmentOffset),
    ...numberNode('Fragment Length', header.fragmentLength),
  ];
}
