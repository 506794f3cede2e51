/**
 * The whole dissection in one streaming pass: capture -> packets -> TCP connections -> a TLS
 * session on every connection (TLS is found by its bytes, never by port). Callers add their own
 * listeners at any layer and keep only the summaries they need.
 */
import type { Diagnostic } from './diagnostics.js';
import { runPipeline, type PipelineListener, type PipelineOptions, type PipelineResult } from './pipeline.js';
import type { TcpConnection } from './tcp/connection.js';
import { TcpTlsSession, type TlsListener, type TlsSession } from './tls/session.js';
import { DecryptionContext } from './decrypt/context.js';

export interface AnalyzeListener extends PipelineListener, TlsListener {
  /** A connection closed; its TLS session (if any bytes were TLS) is complete. */
  finished?(connection: TcpConnection, session: TlsSession): void;
}

export interface AnalyzeOptions extends PipelineOptions {
  /** Secrets for decryption; key logs in Decryption Secrets Blocks are added to it as they come. */
  readonly decryption?: DecryptionContext;
}

export async function analyze(path: string, listener: AnalyzeListener, options: AnalyzeOptions = {}): Promise<PipelineResult> {
  const sessions = new Map<TcpConnection, TlsSession>();
  const decryption = options.decryption ?? new DecryptionContext();
  return runPipeline(
    path,
    {
      ...pick(listener, decryption),
      opened(connection) {
        const session = new TcpTlsSession(connection, listener, decryption.decryptorFor(connection.index));
        sessions.set(connection, session);
        connection.handler = session;
        listener.opened?.(connection);
      },
      closed(connection) {
        const session = sessions.get(connection);
        sessions.delete(connection);
        listener.closed?.(connection);
        if (session !== undefined) listener.finished?.(connection, session);
      },
    },
    options,
  );
}

function pick(listener: AnalyzeListener, decryption: DecryptionContext): PipelineListener {
  const out: PipelineListener = {};
  if (listener.frame) out.frame = listener.frame.bind(listener);
  if (listener.packet) out.packet = listener.packet.bind(listener);
  out.secrets = (block) => {
    decryption.addSecrets(block);
    listener.secrets?.(block);
  };
  if (listener.diagnostic) out.diagnostic = (d: Diagnostic) => listener.diagnostic?.(d);
  return out;
}
