/**
 * The connections view: one row per TCP connection (TLS or not) and per DTLS conversation over
 * UDP, its columns chosen by priority to fit the width (stream, verdict and server first; at 120
 * columns everything but bytes and anomalies), the sort key marked in the header.
 */
import type { ReactNode } from 'react';
import { Text } from 'ink';
import { formatBytes } from '../../cli/format/table.js';
import type { ConnectionEntry } from '../model/connection-entry.js';
import { flowColumn } from '../model/flow-key.js';
import type { Tone } from '../model/lines.js';
import { anomaliesOf, tlsFacts, verdictOf, type Verdict } from '../state/selectors.js';
import type { Cursor, SortKey } from '../state/view-state.js';
import { fit, toneProps, useColor } from './theme.js';
import { Pane } from './Pane.js';

interface ColumnSpec {
  readonly key: SortKey;
  readonly title: string;
  readonly width: number;
  /** Lower shows first when the width is short. */
  readonly priority: number;
  readonly cell: (e: ConnectionEntry) => string;
}

export const VERDICT_MARKS: Readonly<Record<Verdict, { readonly text: string; readonly tone: Tone }>> = {
  decrypted: { text: '✓ decrypted', tone: 'good' },
  partial: { text: '◐ partial', tone: 'warn' },
  'not-decrypted': { text: '✗ encrypted', tone: 'bad' },
  open: { text: '… open', tone: 'dim' },
  'not-tls': { text: '- not TLS', tone: 'dim' },
};

/** A suite without the words every suite has: TLS_RSA_WITH_AES_128_GCM_SHA256 -> RSA_AES_128_GCM_SHA256. */
function shortSuiteName(name: string): string {
  return name.replace(/^TLS_/, '').replace('_WITH_', '_');
}

const COLUMNS: readonly ColumnSpec[] = [
  { key: 'stream', title: 'stream', width: 7, priority: 0, cell: flowColumn },
  { key: 'client', title: 'client', width: 22, priority: 6, cell: (e) => e.client },
  { key: 'server', title: 'server', width: 22, priority: 2, cell: (e) => e.server },
  { key: 'sni', title: 'SNI', width: 17, priority: 3, cell: (e) => tlsFacts(e).sni ?? '' },
  { key: 'version', title: 'version', width: 8, priority: 4, cell: (e) => tlsFacts(e).version ?? '' },
  { key: 'cipher', title: 'cipher', width: 23, priority: 5, cell: (e) => shortSuiteName(tlsFacts(e).cipher ?? '') },
  { key: 'verdict', title: 'verdict', width: 12, priority: 1, cell: (e) => VERDICT_MARKS[verdictOf(e)].text },
  { key: 'bytes', title: 'bytes', width: 10, priority: 7, cell: (e) => formatBytes(e.frameBytes) },
  { key: 'anomalies', title: 'anom', width: 5, priority: 8, cell: (e) => String(anomaliesOf(e)) },
];

/** The columns that fit in `width`, in display order. */
export function columnsFor(width: number): ColumnSpec[] {
  const chosen = new Set<ColumnSpec>();
  let used = 2;
  for (const c of [...COLUMNS].sort((a, b) => a.priority - b.priority)) {
    if (used + c.width + 1 > width) continue;
    chosen.add(c);
    used += c.width + 1;
  }
  return COLUMNS.filter((c) => chosen.has(c));
}

export interface ConnectionListProps {
  readonly rows: readonly ConnectionEntry[];
  readonly cursor: Cursor;
  readonly width: number;
  readonly height: number;
  readonly sort: SortKey;
  readonly indexing: boolean;
}

export function ConnectionList({ rows, cursor, width, height, sort, indexing }: ConnectionListProps): ReactNode {
  const color = useColor();
  const columns = columnsFor(width);
  const header = columns.map((c) => fit(c.key === sort ? `${c.title}▾` : c.title, c.width)).join(' ');
  const verdictAt = columns.findIndex((c) => c.key === 'verdict');
  const cells = (entry: ConnectionEntry, from: number, to: number): string => columns.slice(from, to).map((c) => fit(c.cell(entry), c.width)).join(' ');
  // One Text per part (before, verdict, after): Ink's cost grows with the nodes and characters drawn.
  const row = (i: number, selected: boolean): ReactNode => {
    const entry = rows[i];
    if (entry === undefined) return null;
    const verdict = VERDICT_MARKS[verdictOf(entry)];
    const before = `${selected ? '> ' : '  '}${cells(entry, 0, Math.max(0, verdictAt))}`;
    if (verdictAt < 0) return <Text inverse={selected}>{before}</Text>;
    return (
      <Text inverse={selected}>
        {`${before} `}
        <Text {...toneProps(verdict.tone, color)}>{fit(verdict.text, columns[verdictAt]?.width ?? 0)}</Text>
        {` ${cells(entry, verdictAt + 1, columns.length)}`}
      </Text>
    );
  };
  return <Pane title={`  ${header}`} width={width} length={rows.length} cursor={cursor} height={height} row={row} empty={indexing ? 'indexing…' : 'no connections match'} />;
}
