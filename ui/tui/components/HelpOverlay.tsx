/** The help overlay, generated from the key map (keymap.ts), so it cannot fall out of step with the keys. */
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import { helpLines } from '../keymap.js';
import { fit, toneProps, useColor } from './theme.js';

export function HelpOverlay({ width, height }: { readonly width: number; readonly height: number }): ReactNode {
  const color = useColor();
  const lines = helpLines();
  const keysWidth = Math.max(...lines.map((l) => l.keys.length)) + 2;
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text bold {...toneProps('heading', color)}>
        {fit('Keys (Esc or ? closes)', width)}
      </Text>
      {lines.slice(0, Math.max(0, height - 1)).map((l) => (
        <Text key={l.keys} wrap="truncate">
          {fit(`${l.keys.padEnd(keysWidth)}${l.description}`, width)}
        </Text>
      ))}
    </Box>
  );
}
