/**
 * One connection's report as plain data: its TCP summary, its TLS summary (when it spoke TLS) and
 * the decryption verdict. `dissect --json`, `export`'s index and the UI all use this shape.
 */
import { SessionDecryptor } from './decrypt/session-decryptor.js';
import type { DecryptionVerdict } from './decrypt/verdict.js';
import type { TcpConnection } from './tcp/connection.js';
import { summarizeConnection, type ConnectionSummary } from './tcp/summary.js';
import type { TlsSession } from './tls/session.js';
import { summarizeTls, type TlsSummary } from './tls/summary.js';
import { loadX509, type X509 } from './tls/x509/lazy.js';

export interface Decryption {
  readonly status: DecryptionVerdict['status'];
  readonly source: DecryptionVerdict['source'] | null;
  readonly reason: string | null;
  readonly detail: string | null;
  readonly records: { readonly protected: number; readonly decrypted: number; readonly failed: number };
  readonly applicationBytes: { readonly client: number; readonly server: number };
}

export interface ConnectionReport {
  readonly stream: number;
  readonly client: string;
  readonly server: string;
  readonly tcp: ConnectionSummary;
  readonly tls: (TlsSummary & { readonly decryption: Decryption }) | null;
}

export function decryptionOf(session: TlsSession): Decryption | undefined {
  const opener = session.opener;
  if (!(opener instanceof SessionDecryptor)) return undefined;
  const v = opener.tracker.verdict();
  return {
    status: v.status,
    source: v.source ?? null,
    reason: v.reason ?? null,
    detail: v.sourceDetail ?? null,
    records: { protected: v.protectedRecords, decrypted: v.decryptedRecords, failed: v.failedRecords },
    applicationBytes: { client: v.applicationBytes[0], server: v.applicationBytes[1] },
  };
}

const NO_DECRYPTION: Decryption = {
  status: 'not-decrypted',
  source: null,
  reason: 'no decryption layer was attached',
  detail: null,
  records: { protected: 0, decrypted: 0, failed: 0 },
  applicationBytes: { client: 0, server: 0 },
};

/**
 * Summarises a connection as it closes. The TCP and TLS state is read at once (the caller may
 * free it after); only certificate decoding waits for the X.509 module on first use.
 */
export function connectionReport(connection: TcpConnection, session: TlsSession | undefined): Promise<ConnectionReport> {
  const tcp = summarizeConnection(connection);
  const base = { stream: connection.index, client: connection.client.text, server: connection.server.text, tcp };
  if (session?.isTls !== true) return Promise.resolve({ ...base, tls: null });
  const firstTime = new Date(connection.firstTime.sec * 1000 + Math.floor(connection.firstTime.nsec / 1e6));
  const decryption = decryptionOf(session) ?? NO_DECRYPTION;
  const build = (x509: X509 | undefined): ConnectionReport => ({ ...base, tls: { ...summarizeTls(session, firstTime, x509), decryption } });
  return session.negotiation.serverCertificates.length === 0 ? Promise.resolve(build(undefined)) : loadX509().then(build);
}
