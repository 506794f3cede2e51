/**
 * The handshake ladder, and its playback: `p` reveals one message at a time, each after the gap
 * the capture shows before it (stretched to at least MIN_STEP_MS so a fast handshake can be followed).
 */
import { useEffect, useMemo, type ReactNode } from 'react';
import { ladderLines, type LadderStep } from '../model/ladder.js';
import { flowLabel, type Flow } from '../model/flow-key.js';
import type { Cursor, Playback } from '../state/view-state.js';
import { LineView } from './LineView.js';

const MIN_STEP_MS = 400;
const MAX_STEP_MS = 3000;

export interface LadderProps {
  readonly flow: Flow;
  readonly steps: readonly LadderStep[];
  readonly playback: Playback;
  readonly onTick: () => void;
  readonly cursor: Cursor;
  readonly width: number;
  readonly height: number;
}

/** How long to wait before revealing step `next`. */
export function stepDelay(steps: readonly LadderStep[], next: number): number {
  const gap = ((steps[next]?.time ?? 0) - (steps[next - 1]?.time ?? 0)) * 1000;
  return Math.min(MAX_STEP_MS, Math.max(MIN_STEP_MS, gap));
}

export function Ladder({ flow, steps, playback, onTick, cursor, width, height }: LadderProps): ReactNode {
  // A third of the width between the rails leaves the rest for what each step established.
  const all = useMemo(() => ladderLines(steps, Math.min(40, Math.max(22, Math.floor(width / 3)))), [steps, width]);
  const revealed = playback.revealed;
  useEffect(() => {
    if (!playback.playing || revealed === undefined) return undefined;
    const timer = setTimeout(onTick, stepDelay(steps, revealed));
    return () => clearTimeout(timer);
  }, [playback.playing, revealed, steps, onTick]);
  const lines = revealed === undefined ? all : all.slice(0, revealed + 1);
  const title = `Handshake ladder: ${flowLabel(flow)}${playback.playing ? ` (playing ${revealed ?? 0}/${steps.length}; p stops)` : ' (p plays back)'}`;
  return <LineView title={title} lines={lines} cursor={cursor} width={width} height={height} empty="no handshake messages" />;
}
