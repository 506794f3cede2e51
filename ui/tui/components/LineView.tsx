/** A scrolling pane of toned lines: what the follow, ladder and explain views are made of. */
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { Line } from '../model/lines.js';
import type { Cursor } from '../state/view-state.js';
import { fit, toneProps, useColor } from './theme.js';
import { VirtualList } from './VirtualList.js';

export interface LineViewProps {
  readonly title: string;
  readonly lines: readonly Line[];
  readonly cursor: Cursor;
  readonly width: number;
  readonly height: number;
  readonly empty: string;
}

export function LineView({ title, lines, cursor, width, height, empty }: LineViewProps): ReactNode {
  const color = useColor();
  const row = (i: number, selected: boolean): ReactNode => {
    const l = lines[i];
    if (l === undefined) return null;
    return (
      <Text wrap="truncate" inverse={selected} {...toneProps(l.tone, color)}>
        {fit(l.text, width)}
      </Text>
    );
  };
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate" {...toneProps('heading', color)}>
        {fit(title, width)}
      </Text>
      <VirtualList length={lines.length} cursor={cursor} height={height - 1} row={row} empty={empty} />
    </Box>
  );
}
