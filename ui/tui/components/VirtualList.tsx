/**
 * A list that renders only the rows in view: given its length, cursor and height it asks
 * `row(index, selected)` for those rows and pads the rest, so a million-row list costs what a
 * screenful costs and the pane keeps its height while rows come and go.
 */
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import { windowOf } from '../state/selectors.js';
import type { Cursor } from '../state/view-state.js';

export interface VirtualListProps {
  readonly length: number;
  readonly cursor: Cursor;
  readonly height: number;
  readonly row: (index: number, selected: boolean) => ReactNode;
  /** Shown when the list is empty. */
  readonly empty?: string;
}

export function VirtualList({ length, cursor, height, row, empty }: VirtualListProps): ReactNode {
  const rows = Math.max(0, height);
  const view = windowOf(cursor, length, rows);
  const shown: ReactNode[] = [];
  for (let i = view.top; i < view.end; i++) shown.push(<Box key={i}>{row(i, i === view.selected)}</Box>);
  if (length === 0 && empty !== undefined && rows > 0) shown.push(<Text key="empty" dimColor>{empty}</Text>);
  while (shown.length < rows) shown.push(<Text key={`pad${shown.length}`}> </Text>);
  return (
    <Box flexDirection="column" height={rows}>
      {shown}
    </Box>
  );
}
