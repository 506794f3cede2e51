/** A UDP conversation's summary as plain data: what reports print and `--json` emits. */
import type { Diagnostic, DiagnosticCode } from '../diagnostics.js';
import type { Time } from '../tcp/connection.js';
import type { RoleBasis, UdpCloseReason, UdpConversation } from './conversation.js';

export interface UdpDirectionSummary {
  readonly packets: number;
  /** Captured frame bytes, as tshark's conversation table counts them. */
  readonly frameBytes: number;
  /** UDP payload bytes. */
  readonly payloadBytes: number;
}

export interface UdpConversationSummary {
  readonly stream: number;
  readonly client: string;
  readonly server: string;
  /** How the client was chosen (see udp/conversation-table.ts). */
  readonly roles: RoleBasis;
  readonly firstFrame: number;
  readonly lastFrame: number;
  readonly firstTime: Time;
  readonly lastTime: Time;
  readonly closedBy: UdpCloseReason | 'open';
  readonly clientToServer: UdpDirectionSummary;
  readonly serverToClient: UdpDirectionSummary;
  readonly anomalies: Readonly<Partial<Record<DiagnosticCode, number>>>;
  /** The first diagnostics of the conversation (a bounded list; `anomalies` counts them all). */
  readonly diagnostics: readonly Diagnostic[];
}

function direction(conversation: UdpConversation, index: 0 | 1): UdpDirectionSummary {
  return { packets: conversation.packets[index], frameBytes: conversation.frameBytes[index], payloadBytes: conversation.payloadBytes[index] };
}

export function summarizeConversation(conversation: UdpConversation): UdpConversationSummary {
  return {
    stream: conversation.index,
    client: conversation.client.text,
    server: conversation.server.text,
    roles: conversation.roles,
    firstFrame: conversation.firstFrame,
    lastFrame: conversation.lastFrame,
    firstTime: conversation.firstTime,
    lastTime: conversation.lastTime,
    closedBy: conversation.closeReason ?? 'open',
    clientToServer: direction(conversation, 0),
    serverToClient: direction(conversation, 1),
    anomalies: Object.fromEntries(conversation.diagnosticCounts),
    diagnostics: conversation.diagnostics,
  };
}
