/** The follow view: the connection's HTTP exchanges, then its decrypted conversation, client in red and server in blue (→ and ← without colour). */
import { useMemo, type ReactNode } from 'react';
import type { ConnectionDetail } from '../model/connection-detail.js';
import { followLines } from '../model/follow-lines.js';
import type { Cursor } from '../state/view-state.js';
import { LineView } from './LineView.js';

export interface FollowViewProps {
  readonly stream: number;
  readonly detail: ConnectionDetail | undefined;
  readonly asHex: boolean;
  readonly cursor: Cursor;
  readonly width: number;
  readonly height: number;
}

export function FollowView({ stream, detail, asHex, cursor, width, height }: FollowViewProps): ReactNode {
  const lines = useMemo(() => (detail === undefined ? [] : followLines(detail, asHex)), [detail, asHex]);
  const title = `Follow TLS: tcp.stream ${stream} (${asHex ? 'hex' : 'ASCII'}; t toggles)`;
  return <LineView title={title} lines={lines} cursor={cursor} width={width} height={height} empty="decrypting the connection…" />;
}
