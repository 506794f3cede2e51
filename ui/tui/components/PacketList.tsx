/**
 * The packets of the selected connection: frame number, time from the capture start, direction
 * arrow, frame length and the TLS records and handshake messages the frame completed (`*` marks
 * what was decrypted). Rows are built only for the frames in view.
 */
import type { ReactNode } from 'react';
import { Text } from 'ink';
import type { ConnectionEntry } from '../model/connection-entry.js';
import type { FrameIndex } from '../model/frame-index.js';
import { frameInfo, type RowSource } from '../state/selectors.js';
import type { Cursor } from '../state/view-state.js';
import { fit, toneProps, useColor } from './theme.js';
import { Pane } from './Pane.js';

export interface PacketListProps {
  readonly entry: ConnectionEntry;
  readonly rows: RowSource;
  readonly frames: FrameIndex;
  readonly cursor: Cursor;
  readonly width: number;
  readonly height: number;
  readonly focused: boolean;
}

export function PacketList({ entry, rows, frames, cursor, width, height, focused }: PacketListProps): ReactNode {
  const color = useColor();
  const infoWidth = Math.max(10, width - 38);
  const row = (i: number, selected: boolean): ReactNode => {
    const facts = frames.facts(rows.at(i));
    if (facts === undefined) return null;
    const info = frameInfo(entry.events.inFrame(facts.number), facts);
    const arrow = facts.direction === 0 ? '→' : '←';
    const text = `${String(facts.number).padStart(7)} ${frames.relativeTime(facts.number).toFixed(6).padStart(11)} ${arrow} ${String(facts.originalLength).padStart(6)}  ${fit(info, infoWidth)}`;
    return (
      <Text inverse={selected && focused} bold={selected && !focused} wrap="truncate" {...toneProps(facts.direction === 0 ? 'client' : 'server', color)}>
        {selected ? '>' : ' '}
        {text}
      </Text>
    );
  };
  const title = `${'  frame'.padEnd(8)} ${'time'.padStart(11)}   ${'length'.padStart(6)}  info`;
  return <Pane title={title} width={width} length={rows.length} cursor={cursor} height={height} row={row} empty="no packets match" />;
}
