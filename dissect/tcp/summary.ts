/** A connection's summary as plain data: what `keyhole streams` prints and `--json` emits. */
import type { Diagnostic, DiagnosticCode } from '../diagnostics.js';
import type { TcpConnection } from './connection.js';
import type { HalfStreamStats } from './half-stream.js';

export interface DirectionSummary {
  readonly packets: number;
  readonly frameBytes: number;
  readonly payloadBytes: number;
  readonly deliveredBytes: number;
  readonly retransmissions: number;
  readonly outOfOrder: number;
  readonly overlapConflicts: number;
  readonly gaps: number;
  readonly gapBytes: number;
}

export interface ConnectionSummary {
  readonly stream: number;
  readonly client: string;
  readonly server: string;
  readonly firstFrame: number;
  readonly lastFrame: number;
  readonly firstTime: { readonly sec: number; readonly nsec: number };
  readonly lastTime: { readonly sec: number; readonly nsec: number };
  readonly midstream: boolean;
  readonly synSeen: boolean;
  readonly closedBy: string;
  readonly clientToServer: DirectionSummary;
  readonly serverToClient: DirectionSummary;
  readonly anomalies: Readonly<Partial<Record<DiagnosticCode, number>>>;
  /** The first diagnostics of the connection (a bounded list; `anomalies` counts them all). */
  readonly diagnostics: readonly Diagnostic[];
}

function direction(connection: TcpConnection, index: 0 | 1): DirectionSummary {
  const stats: HalfStreamStats = connection.halves[index].stats;
  return {
    packets: connection.packets[index],
    frameBytes: connection.frameBytes[index],
    payloadBytes: stats.payloadBytes,
    deliveredBytes: stats.deliveredBytes,
    retransmissions: stats.retransmissions,
    outOfOrder: stats.outOfOrder,
    overlapConflicts: stats.overlapConflicts,
    gaps: stats.gaps,
    gapBytes: stats.gapBytes,
  };
}

export function summarizeConnection(connection: TcpConnection): ConnectionSummary {
  return {
    stream: connection.index,
    client: connection.client.text,
    server: connection.server.text,
    firstFrame: connection.firstFrame,
    lastFrame: connection.lastFrame,
    firstTime: connection.firstTime,
    lastTime: connection.lastTime,
    midstream: connection.midstream,
    synSeen: connection.synSeen,
    closedBy: connection.closeReason ?? 'open',
    clientToServer: direction(connection, 0),
    serverToClient: direction(connection, 1),
    anomalies: Object.fromEntries(connection.diagnosticCounts),
    diagnostics: connection.diagnostics,
  };
}
