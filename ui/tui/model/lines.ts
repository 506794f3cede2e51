/** A line of text in a scrolling pane, with a tone that becomes a colour (or nothing with NO_COLOR). */
export type Tone = 'client' | 'server' | 'heading' | 'dim' | 'good' | 'bad' | 'warn' | 'plain';

export interface Line {
  readonly text: string;
  readonly tone: Tone;
}

export const line = (text: string, tone: Tone = 'plain'): Line => ({ text, tone });
