/**
 * Colour as a choice of the whole app: off with NO_COLOR (https://no-color.org), in which case
 * every mark that carries meaning (✓ ◐ ✗, arrows, the '>' cursor) still shows as text.
 */
import { createContext, useContext } from 'react';
import type { Tone } from '../model/lines.js';

export const ColorContext = createContext(true);

export function useColor(): boolean {
  return useContext(ColorContext);
}

const TONE_COLORS: Readonly<Record<Tone, string | undefined>> = {
  client: 'red', server: 'blue', heading: 'cyan', dim: 'gray', good: 'green', bad: 'red', warn: 'yellow', plain: undefined,
};

/** Ink Text props for a tone: a colour when colour is on, nothing otherwise. */
export function toneProps(tone: Tone, color: boolean): { color?: string } {
  const name = TONE_COLORS[tone];
  return color && name !== undefined ? { color: name } : {};
}

/** Cuts or pads text to exactly `width` columns (code points), so rows never wrap or shift. */
export function fit(text: string, width: number): string {
  const chars = [...text];
  if (chars.length > width) return width <= 1 ? chars.slice(0, width).join('') : `${chars.slice(0, width - 1).join('')}…`;
  return text + ' '.repeat(width - chars.length);
}
