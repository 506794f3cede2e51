/** A titled scrolling pane: a heading line over a VirtualList, the frame of every list pane. */
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import { fit, toneProps, useColor } from './theme.js';
import { VirtualList, type VirtualListProps } from './VirtualList.js';

export interface PaneProps extends VirtualListProps {
  readonly title: string;
  readonly width: number;
}

/** `height` counts the title line. */
export function Pane({ title, width, height, ...list }: PaneProps): ReactNode {
  const color = useColor();
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate" {...toneProps('heading', color)}>
        {fit(title, width)}
      </Text>
      <VirtualList {...list} height={height - 1} />
    </Box>
  );
}
