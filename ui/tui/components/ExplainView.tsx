/** The explain view: how the selected session's keys were derived, with their values. */
import type { ReactNode } from 'react';
import type { Line } from '../model/lines.js';
import { flowLabel, type Flow } from '../model/flow-key.js';
import type { Cursor } from '../state/view-state.js';
import { LineView } from './LineView.js';

export interface ExplainViewProps {
  readonly flow: Flow;
  /** explain-lines.ts explainLines; undefined while the keys are being derived. */
  readonly lines: readonly Line[] | undefined;
  readonly cursor: Cursor;
  readonly width: number;
  readonly height: number;
}

export function ExplainView({ flow, lines, cursor, width, height }: ExplainViewProps): ReactNode {
  return <LineView title={`Explain: ${flowLabel(flow)}`} lines={lines ?? []} cursor={cursor} width={width} height={height} empty="deriving the keys…" />;
}
