/**
 * The detail tree of the selected packet, as `dissect -V` lays it out (frame and TCP/IP, then each
 * TLS record with its messages, certificates field by field); ▸ and ▾ mark closed and open nodes.
 */
import type { ReactNode } from 'react';
import { Text } from 'ink';
import type { TreeRow } from '../state/selectors.js';
import type { Cursor } from '../state/view-state.js';
import { Pane } from './Pane.js';
import { fit } from './theme.js';

export interface DetailTreeProps {
  readonly rows: readonly TreeRow[];
  readonly cursor: Cursor;
  readonly width: number;
  readonly height: number;
  readonly focused: boolean;
  readonly title: string;
}

export function treeRowText(row: TreeRow): string {
  const mark = row.hasChildren ? (row.open ? '▾ ' : '▸ ') : '  ';
  const value = row.node.value === undefined || row.node.value === '' ? '' : `: ${row.node.value}`;
  return `${'  '.repeat(row.depth)}${mark}${row.node.label}${value}`;
}

export function DetailTree({ rows, cursor, width, height, focused, title }: DetailTreeProps): ReactNode {
  const row = (i: number, selected: boolean): ReactNode => {
    const r = rows[i];
    if (r === undefined) return null;
    return (
      <Text inverse={selected && focused} bold={selected && !focused} wrap="truncate">
        {selected ? '>' : ' '}
        {fit(treeRowText(r), width - 1)}
      </Text>
    );
  };
  return <Pane title={title} width={width} length={rows.length} cursor={cursor} height={height} row={row} empty="loading…" />;
}
