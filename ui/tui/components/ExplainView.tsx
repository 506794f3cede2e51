/** The explain view: how the selected session's keys were derived, with their values. */
import { useMemo, type ReactNode } from 'react';
import type { ConnectionDetail } from '../model/connection-detail.js';
import type { ConnectionEntry } from '../model/connection-entry.js';
import { explainLines } from '../model/explain-lines.js';
import type { Cursor } from '../state/view-state.js';
import { LineView } from './LineView.js';

export interface ExplainViewProps {
  readonly entry: ConnectionEntry;
  readonly detail: ConnectionDetail | undefined;
  readonly cursor: Cursor;
  readonly width: number;
  readonly height: number;
}

export function ExplainView({ entry, detail, cursor, width, height }: ExplainViewProps): ReactNode {
  const tls = entry.report === undefined ? undefined : entry.report.tls;
  const lines = useMemo(() => (detail === undefined ? [] : explainLines(entry.stream, tls, detail.trace)), [detail, entry.stream, tls]);
  return <LineView title={`Explain: tcp.stream ${entry.stream}`} lines={lines} cursor={cursor} width={width} height={height} empty="deriving the keys…" />;
}
