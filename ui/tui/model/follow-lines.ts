/**
 * The follow view's text: the connection's HTTP exchanges (RFC 9110 3.9) when there are any, then
 * the decrypted conversation in wire order, as text (line breaks kept, other control bytes as
 * dots) or as hex rows, each line toned by the side that sent it.
 */
import { printable } from '../../../dissect/bytes.js';
import { HEX_WIDTH } from '../state/selectors.js';
import type { ConnectionDetail } from './connection-detail.js';
import { line, type Line } from './lines.js';

const SIDE_TONE = ['client', 'server'] as const;

function exchangeLines(detail: ConnectionDetail): Line[] {
  if (detail.exchanges.length === 0) return [];
  const rows = detail.exchanges.map((x) => line(`  ${x.method ?? '?'} ${x.path ?? ''} → ${x.status ?? '…'} ${x.reason ?? ''} (${x.version})`.trimEnd()));
  return [line(`HTTP exchanges (${detail.exchanges.length})`, 'heading'), ...rows, line('')];
}

function textLines(bytes: Uint8Array): string[] {
  let text = '';
  for (const b of bytes) text += b === 0x0a || (b >= 0x20 && b < 0x7f) ? String.fromCharCode(b) : b === 0x0d ? '' : '.';
  return text.split('\n');
}

function hexLines(bytes: Uint8Array, start: number): string[] {
  const out: string[] = [];
  for (let at = 0; at < bytes.length; at += HEX_WIDTH) {
    const row = bytes.subarray(at, at + HEX_WIDTH);
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
    out.push(`${(start + at).toString(16).padStart(8, '0')}  ${hex.padEnd(HEX_WIDTH * 3)} ${printable(row)}`);
  }
  return out;
}

export function followLines(detail: ConnectionDetail, asHex: boolean): Line[] {
  const out = exchangeLines(detail);
  if (detail.follow.length === 0) return [...out, line('No decrypted application data in this connection.', 'dim')];
  const offsets = [0, 0];
  for (const chunk of detail.follow) {
    const start = offsets[chunk.direction] ?? 0;
    offsets[chunk.direction] = start + chunk.bytes.length;
    const prefix = chunk.direction === 0 ? '→ ' : '← ';
    const tone = SIDE_TONE[chunk.direction];
    for (const text of asHex ? hexLines(chunk.bytes, start) : textLines(chunk.bytes)) out.push(line(`${prefix}${text}`, tone));
  }
  if (detail.followCut) out.push(line('… the rest of the conversation is not kept (8 MiB shown)', 'dim'));
  return out;
}
