/**
 * Header rewrites on a captured HTTP/1.x client stream (RFC 9112 3-6): each request head is
 * found, rewritten and serialised again; bodies (chunked or not) and every byte outside the
 * heads stay as captured, and so do the message boundaries, except that a rewritten head is
 * written whole within the message where it started. Past anything that does not parse as a
 * request (an upgrade, a tunnel), the bytes go out untouched.
 */
import { concatBytes } from '../../dissect/bytes.js';
import { requestFraming, BodyReader } from '../../dissect/http/http1-body.js';
import { decodeRequestHead, leadingLineEnds, type RequestHead } from '../../dissect/http/http1-head.js';
import type { CapturedMessage } from '../conversation.js';
import { rewriteHeaders, type HeaderRewrite } from './header-rewrites.js';

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly replacement: Uint8Array;
}

function serializeRequestHead(head: RequestHead): Uint8Array {
  const lines = [`${head.method} ${head.target} ${head.version}`, ...head.headers.map((h) => `${h.name}: ${h.value}`), '', ''];
  return new Uint8Array(Buffer.from(lines.join('\r\n'), 'latin1'));
}

/** Where each request head lies in the client's byte stream, with its rewritten form. */
function headEdits(stream: Uint8Array, rewrites: readonly HeaderRewrite[]): Edit[] {
  const edits: Edit[] = [];
  let at = 0;
  while (at < stream.length) {
    const rest = stream.subarray(at);
    const head = decodeRequestHead(rest);
    if (head.kind !== 'ok') break;
    const bodyStart = at + head.used;
    edits.push({ start: at + leadingLineEnds(rest), end: bodyStart, replacement: serializeRequestHead({ ...head.value, headers: rewriteHeaders(head.value.headers, rewrites) }) });
    const framing = requestFraming(head.value.headers);
    if (framing.kind === 'invalid') break;
    const progress = new BodyReader(framing, () => undefined).push(stream.subarray(bodyStart), 0);
    if (!progress.done || progress.diagnostic !== undefined) break;
    at = bodyStart + progress.used;
  }
  return edits;
}

/** The conversation's messages with the client's request heads rewritten; server messages untouched. */
export function rewriteRequests(messages: readonly CapturedMessage[], rewrites: readonly HeaderRewrite[]): CapturedMessage[] {
  if (rewrites.length === 0) return [...messages];
  const stream = concatBytes(messages.filter((m) => m.side === 'client').map((m) => m.bytes));
  const edits = headEdits(stream, rewrites);
  let offset = 0;
  return messages.flatMap((message) => {
    if (message.side !== 'client') return [message];
    const [start, end] = [offset, offset + message.bytes.length];
    offset = end;
    const parts: Uint8Array[] = [];
    let at = start;
    for (const edit of edits.filter((e) => e.start < end && e.end > start)) {
      if (edit.start >= at) parts.push(stream.subarray(at, edit.start));
      if (edit.start >= start) parts.push(edit.replacement);
      at = Math.max(at, Math.min(edit.end, end));
    }
    parts.push(stream.subarray(at, end));
    const bytes = concatBytes(parts);
    return bytes.length === 0 ? [] : [{ ...message, bytes }];
  });
}
