/**
 * The help overlay, generated from the key map (keymap.ts), so it cannot fall out of step with
 * the keys; the title gives way when the bindings need its line, then they go in more columns.
 */
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import { helpLines } from '../keymap.js';
import { fit, toneProps, useColor } from './theme.js';

export function HelpOverlay({ width, height }: { readonly width: number; readonly height: number }): ReactNode {
  const color = useColor();
  const lines = helpLines();
  const keysWidth = Math.max(...lines.map((l) => l.keys.length)) + 1;
  const titled = lines.length < height;
  const perColumn = titled ? lines.length : Math.max(1, height);
  const columns = Math.ceil(lines.length / perColumn);
  const columnWidth = Math.floor(width / columns);
  const rows = Array.from({ length: Math.min(perColumn, lines.length) }, (_, row) =>
    Array.from({ length: columns }, (_, column) => lines[column * perColumn + row])
      .map((l) => fit(l === undefined ? '' : `${l.keys.padEnd(keysWidth)}${l.description}`, columnWidth))
      .join('')
      .trimEnd(),
  );
  return (
    <Box flexDirection="column" height={height}>
      {titled ? (
        <Text bold {...toneProps('heading', color)}>
          {fit('Keys (Esc or ? closes)', width)}
        </Text>
      ) : null}
      {rows.map((text, i) => (
        <Text key={i}>{text}</Text>
      ))}
    </Box>
  );
}
