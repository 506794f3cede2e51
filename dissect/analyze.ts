/**
 * The whole dissection in one streaming pass: capture -> packets -> TCP connections and UDP
 * conversations -> a TLS session on every connection and a DTLS session on every conversation
 * (both found by their bytes, never by port). Callers add their own listeners at any layer and
 * keep only the summaries they need; TLS and DTLS sessions report through the same events
 * (`session.transport` tells them apart).
 */
import type { Diagnostic } from './diagnostics.js';
import { runPipeline, type PipelineListener, type PipelineOptions, type PipelineResult } from './pipeline.js';
import type { TcpConnection } from './tcp/connection.js';
import { TcpTlsSession, type TlsListener, type TlsSession, type TlsSessionOptions } from './tls/session.js';
import { DecryptionContext } from './decrypt/context.js';
import { dtlsClientHint } from './dtls/detect.js';
import { DtlsSession } from './dtls/session.js';
import type { UdpConversation } from './udp/conversation.js';

export interface AnalyzeListener extends PipelineListener, TlsListener {
  /** A connection closed; its TLS session (if any bytes were TLS) is complete. */
  finished?(connection: TcpConnection, session: TlsSession): void;
  /** A UDP conversation ended; its DTLS session (if any datagram was DTLS) is complete. */
  finishedUdp?(conversation: UdpConversation, session: DtlsSession): void;
}

export interface AnalyzeOptions extends PipelineOptions, TlsSessionOptions {
  /** Secrets for decryption; key logs in Decryption Secrets Blocks are added to it as they come. */
  readonly decryption?: DecryptionContext;
}

export async function analyze(path: string, listener: AnalyzeListener, options: AnalyzeOptions = {}): Promise<PipelineResult> {
  const sessions = new Map<TcpConnection, TcpTlsSession>();
  const datagramSessions = new Map<UdpConversation, DtlsSession>();
  const decryption = options.decryption ?? new DecryptionContext();
  return runPipeline(
    path,
    {
      ...pick(listener, decryption),
      opened(connection) {
        attach(sessions, connection, new TcpTlsSession(connection, listener, decryption, options));
        listener.opened?.(connection);
      },
      closed(connection) {
        const session = detach(sessions, connection);
        listener.closed?.(connection);
        if (session !== undefined) listener.finished?.(connection, session);
      },
      udpOpened(conversation) {
        attach(datagramSessions, conversation, new DtlsSession(conversation, listener, decryption.dtlsDecryptorFor(conversation.index)));
        listener.udpOpened?.(conversation);
      },
      udpClosed(conversation) {
        const session = detach(datagramSessions, conversation);
        listener.udpClosed?.(conversation);
        if (session !== undefined) listener.finishedUdp?.(conversation, session);
      },
    },
    { ...options, udp: { clientHint: dtlsClientHint, ...options.udp } },
  );
}

/** A new flow's session becomes its handler and is kept until the flow closes. */
function attach<F extends { handler: unknown }, S extends F['handler']>(sessions: Map<F, S>, flow: F, session: S): void {
  sessions.set(flow, session);
  flow.handler = session;
}

function detach<F, S>(sessions: Map<F, S>, flow: F): S | undefined {
  const session = sessions.get(flow);
  sessions.delete(flow);
  return session;
}

function pick(listener: AnalyzeListener, decryption: DecryptionContext): PipelineListener {
  const out: PipelineListener = {};
  if (listener.frame) out.frame = listener.frame.bind(listener);
  if (listener.packet) out.packet = listener.packet.bind(listener);
  if (listener.udpPacket) out.udpPacket = listener.udpPacket.bind(listener);
  out.secrets = (block) => {
    decryption.addSecrets(block);
    listener.secrets?.(block);
  };
  if (listener.diagnostic) out.diagnostic = (d: Diagnostic) => listener.diagnostic?.(d);
  return out;
}
