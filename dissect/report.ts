/**
 * One connection's report as plain data: its transport summary (a TCP connection or a UDP
 * conversation), its TLS or DTLS summary (when it spoke TLS) and the decryption verdict.
 * `dissect --json`, `export`'s index and the UI all use this shape; `transport` tells the two
 * kinds apart, and `stream` is tcp.stream or udp.stream accordingly.
 */
import { SessionDecryptor } from './decrypt/session-decryptor.js';
import type { DecryptionVerdict } from './decrypt/verdict.js';
import { DtlsDecryptor } from './dtls/decryptor.js';
import type { DtlsCounters, DtlsSession } from './dtls/session.js';
import type { TcpConnection, Time } from './tcp/connection.js';
import { ja4 } from './tls/fingerprints/ja4.js';
import { summarizeConnection, type ConnectionSummary } from './tcp/summary.js';
import type { TlsSession } from './tls/session.js';
import { summarizeTls, type TlsSummary } from './tls/summary.js';
import { loadX509, type X509 } from './tls/x509/lazy.js';
import type { UdpConversation } from './udp/conversation.js';
import { summarizeConversation, type UdpConversationSummary } from './udp/summary.js';

export interface Decryption {
  readonly status: DecryptionVerdict['status'];
  readonly source: DecryptionVerdict['source'] | null;
  readonly reason: string | null;
  readonly detail: string | null;
  readonly records: { readonly protected: number; readonly decrypted: number; readonly failed: number };
  readonly applicationBytes: { readonly client: number; readonly server: number };
}

export type TlsReport = TlsSummary & { readonly decryption: Decryption };

export interface ConnectionReport {
  readonly stream: number;
  readonly transport: 'tcp';
  readonly client: string;
  readonly server: string;
  readonly tcp: ConnectionSummary;
  readonly tls: TlsReport | null;
}

export interface UdpConversationReport {
  /** Wireshark's udp.stream. */
  readonly stream: number;
  readonly transport: 'udp';
  readonly client: string;
  readonly server: string;
  readonly udp: UdpConversationSummary;
  /** The DTLS session, with what DTLS repeated or mixed in. */
  readonly tls: (TlsReport & { readonly dtls: DtlsCounters }) | null;
}

export type SessionReport = ConnectionReport | UdpConversationReport;

export function decryptionOf(session: TlsSession): Decryption | undefined {
  const opener = session.opener;
  if (!(opener instanceof SessionDecryptor || opener instanceof DtlsDecryptor)) return undefined;
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
  const base = { stream: connection.index, transport: 'tcp', client: connection.client.text, server: connection.server.text, tcp: summarizeConnection(connection) } as const;
  if (session?.isTls !== true) return Promise.resolve({ ...base, tls: null });
  return tlsReport(session, connection.firstTime).then((tls) => ({ ...base, tls }));
}

/** Summarises a UDP conversation as it ends, with its DTLS session when it carried DTLS. */
export function conversationReport(conversation: UdpConversation, session: DtlsSession | undefined): Promise<UdpConversationReport> {
  const base = { stream: conversation.index, transport: 'udp', client: conversation.client.text, server: conversation.server.text, udp: summarizeConversation(conversation) } as const;
  if (session?.isTls !== true) return Promise.resolve({ ...base, tls: null });
  const dtls = session.counters;
  // JA4 names the transport in its first letter: "d" for DTLS.
  const hello = session.negotiation.clientHello;
  const ja4Dtls = hello === undefined ? undefined : ja4(hello, 'dtls').ja4;
  return tlsReport(session, conversation.firstTime).then((tls) => ({ ...base, tls: { ...tls, ja4: ja4Dtls, dtls } }));
}

function tlsReport(session: TlsSession, first: Time): Promise<TlsReport> {
  const firstTime = new Date(first.sec * 1000 + Math.floor(first.nsec / 1e6));
  const decryption = decryptionOf(session) ?? NO_DECRYPTION;
  const build = (x509: X509 | undefined): TlsReport => ({ ...summarizeTls(session, firstTime, x509), decryption });
  return session.negotiation.serverCertificates.length === 0 ? Promise.resolve(build(undefined)) : loadX509().then(build);
}
