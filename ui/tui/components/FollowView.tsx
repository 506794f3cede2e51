/** The follow view: the connection's HTTP exchanges, then its decrypted conversation, client in red and server in blue (→ and ← without colour). */
import type { ReactNode } from 'react';
import { SESSION_PROTOCOL } from '../../../dissect/transport.js';
import type { Line } from '../model/lines.js';
import { flowLabel, type Flow } from '../model/flow-key.js';
import type { Cursor } from '../state/view-state.js';
import { LineView } from './LineView.js';

export interface FollowViewProps {
  readonly flow: Flow;
  /** follow-lines.ts followLines; undefined while the connection is being decrypted. */
  readonly lines: readonly Line[] | undefined;
  readonly asHex: boolean;
  readonly cursor: Cursor;
  readonly width: number;
  readonly height: number;
}

export function FollowView({ flow, lines, asHex, cursor, width, height }: FollowViewProps): ReactNode {
  const title = `Follow ${SESSION_PROTOCOL[flow.transport]}: ${flowLabel(flow)} (${asHex ? 'hex' : 'ASCII'}; t toggles)`;
  return <LineView title={title} lines={lines ?? []} cursor={cursor} width={width} height={height} empty="decrypting the connection…" />;
}
