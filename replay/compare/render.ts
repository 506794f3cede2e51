/**
 * What a comparison diffs, as text lines: a response as its status, compared header fields and
 * body, or a side's bytes. Text that is UTF-8 stays text, line by line; anything else becomes a
 * hex dump, so a unified diff of either points at the lines that changed.
 */
import { isUtf8 } from 'node:buffer';
import { hex, printable } from '../../dissect/bytes.js';
import type { HttpHeader } from '../../dissect/http/headers.js';

const HEX_ROW = 16;

/** Text lines where the bytes are UTF-8 text (line ends dropped), hex dump lines otherwise or when asked. */
export function bytesAsLines(bytes: Uint8Array, layout: 'auto' | 'hex' = 'auto'): string[] {
  if (bytes.length === 0) return [];
  if (layout === 'auto' && isUtf8(bytes) && !bytes.includes(0)) {
    const lines = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  }
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += HEX_ROW) {
    const row = bytes.subarray(at, at + HEX_ROW);
    lines.push(`${at.toString(16).padStart(8, '0')}  ${hex(row, ' ').padEnd(HEX_ROW * 3 - 1)}  ${printable(row)}`);
  }
  return lines;
}

export interface ResponseView {
  readonly status: number | null;
  readonly headers: readonly HttpHeader[];
  readonly body: Uint8Array | null;
}

/** Status, then the header fields as compared (lower-case names, sorted), a blank line, the body. */
export function responseLines(response: ResponseView | null): string[] {
  if (response === null) return ['(no response)'];
  const headers = response.headers.map((h) => `${h.name}: ${h.value}`);
  const body = response.body === null ? ['(body not available)'] : bytesAsLines(response.body);
  return [`status ${response.status ?? '(none)'}`, ...headers, '', ...body];
}
