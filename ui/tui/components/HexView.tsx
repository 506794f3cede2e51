/**
 * Offset, hex and ASCII of the selected frame (or of the selected record's decrypted content),
 * the bytes of the selected tree node shown in reverse video, which needs no colour.
 */
import type { ReactNode } from 'react';
import { Text } from 'ink';
import { printable } from '../../../dissect/bytes.js';
import { hexRowCount, hexRows, type ByteRange, type HexRow } from '../state/selectors.js';
import type { Cursor } from '../state/view-state.js';
import { Pane } from './Pane.js';

export interface HexViewProps {
  readonly bytes: Uint8Array | undefined;
  readonly ranges: readonly ByteRange[];
  readonly cursor: Cursor;
  readonly width: number;
  readonly height: number;
  readonly title: string;
}

/** Runs of a row's bytes that share a mark, so a row is a few Text nodes rather than 16. */
function runs(row: HexRow): Array<{ readonly from: number; readonly to: number; readonly marked: boolean }> {
  const out: Array<{ from: number; to: number; marked: boolean }> = [];
  row.marked.forEach((marked, i) => {
    const last = out[out.length - 1];
    if (last !== undefined && last.marked === marked) last.to = i + 1;
    else out.push({ from: i, to: i + 1, marked });
  });
  return out;
}

function HexLine({ row }: { readonly row: HexRow }): ReactNode {
  const parts = runs(row);
  const hexOf = (from: number, to: number): string => Array.from(row.bytes.subarray(from, to), (b) => `${b.toString(16).padStart(2, '0')} `).join('');
  const pad = ' '.repeat((16 - row.bytes.length) * 3);
  return (
    <Text wrap="truncate">
      {`${row.offset.toString(16).padStart(4, '0')}  `}
      {parts.map((p) => (
        <Text key={`h${p.from}`} inverse={p.marked}>
          {hexOf(p.from, p.to)}
        </Text>
      ))}
      {`${pad} `}
      {parts.map((p) => (
        <Text key={`a${p.from}`} inverse={p.marked}>
          {printable(row.bytes.subarray(p.from, p.to))}
        </Text>
      ))}
    </Text>
  );
}

export function HexView({ bytes, ranges, cursor, width, height, title }: HexViewProps): ReactNode {
  const length = bytes === undefined ? 0 : hexRowCount(bytes.length);
  const row = (i: number): ReactNode => {
    const [r] = bytes === undefined ? [] : hexRows(bytes, ranges, i, i + 1);
    return r === undefined ? null : <HexLine row={r} />;
  };
  return <Pane title={title} width={width} length={length} cursor={cursor} height={height} row={row} empty="no bytes" />;
}
