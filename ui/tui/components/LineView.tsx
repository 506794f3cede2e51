/** A scrolling pane of toned lines: what the follow, ladder and explain views are made of. */
import type { ReactNode } from 'react';
import { Text } from 'ink';
import type { Line } from '../model/lines.js';
import type { Cursor } from '../state/view-state.js';
import { Pane } from './Pane.js';
import { fit, toneProps, useColor } from './theme.js';

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
  return <Pane title={title} width={width} length={lines.length} cursor={cursor} height={height} row={row} empty={empty} />;
}
