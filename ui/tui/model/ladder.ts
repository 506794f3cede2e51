/**
 * The handshake as a client/server ladder: each handshake message (RFC 8446 4, RFC 5246 7.4) and
 * ChangeCipherSpec in the order the capture carried them, with its time and what it established,
 * read from the connection's events and its report.
 */
import type { TlsReport } from '../../../dissect/report.js';
import { handshakeTypeName, handshakeTypeTitle } from '../../../dissect/tls/tables/index.js';
import { EventKind, type ConnectionEntry, type TlsEvent } from './connection-entry.js';
import type { FrameIndex } from './frame-index.js';
import { line, type Line } from './lines.js';

export interface LadderStep {
  readonly direction: 0 | 1;
  readonly name: string;
  readonly frame: number;
  /** Seconds from the capture's first frame. */
  readonly time: number;
  readonly note: string;
  readonly decrypted: boolean;
}

const CHANGE_CIPHER_SPEC = 20;

type Establishes = (tls: TlsReport, from: 0 | 1) => string;

/** What a message settles, by IANA handshake type name. */
const ESTABLISHES: Readonly<Record<string, Establishes>> = {
  client_hello: (tls) => [`offers ${tls.versionsOffered.join(', ') || 'TLS'}`, tls.sni === undefined ? '' : `SNI ${tls.sni}`, tls.alpnOffered.length === 0 ? '' : `ALPN ${tls.alpnOffered.join(',')}`].filter((s) => s !== '').join(', '),
  server_hello: (tls) => `${tls.version ?? '?'}, ${tls.cipherSuite?.name ?? 'unknown suite'}${tls.resumed ? ', resumes a session' : ''}`,
  hello_retry_request: () => 'asks for another key share',
  encrypted_extensions: (tls) => (tls.alpn === undefined ? 'server extensions' : `ALPN ${tls.alpn}`),
  certificate: (tls, from) => (from === 1 ? `server certificate ${tls.certificates[0]?.subject ?? ''}`.trim() : 'client certificate'),
  server_key_exchange: () => 'server key share, signed',
  certificate_request: () => 'asks for a client certificate',
  server_hello_done: () => 'server hello done',
  client_key_exchange: (tls) => (tls.decryption.status === 'decrypted' ? 'key exchange; keys derived' : 'key exchange'),
  certificate_verify: () => 'proves it holds the certificate key',
  finished: () => 'handshake verified',
  new_session_ticket: () => 'ticket for resumption',
  key_update: () => 'new traffic keys',
};

function stepOf(event: TlsEvent, frames: FrameIndex, tls: TlsReport | null): LadderStep {
  const time = frames.relativeTime(event.frame);
  if (event.kind === EventKind.record) {
    return { direction: event.direction, name: 'ChangeCipherSpec', frame: event.frame, time, note: 'switches to the negotiated keys', decrypted: false };
  }
  const establishes = ESTABLISHES[handshakeTypeName(event.type)];
  const note = tls === null || establishes === undefined ? '' : establishes(tls, event.direction);
  return { direction: event.direction, name: handshakeTypeTitle(event.type), frame: event.frame, time, note, decrypted: event.decrypted };
}

export function ladderSteps(entry: ConnectionEntry, frames: FrameIndex): LadderStep[] {
  const tls = entry.report?.tls ?? null;
  const steps: LadderStep[] = [];
  for (let i = 0; i < entry.events.count; i++) {
    const event = entry.events.at(i);
    const isStep = event.kind === EventKind.message || event.type === CHANGE_CIPHER_SPEC;
    if (isStep) steps.push(stepOf(event, frames, tls));
  }
  return steps;
}

/** The ladder as lines, `arrowWidth` columns between the client and server rails. */
export function ladderLines(steps: readonly LadderStep[], arrowWidth: number): Line[] {
  const width = Math.max(16, arrowWidth);
  const header = line(`${'time'.padEnd(10)} client${' '.repeat(Math.max(1, width - 4))}server`, 'heading');
  const rows = steps.map((s) => {
    const name = `${s.name}${s.decrypted ? '*' : ''}`;
    const rule = '─'.repeat(Math.max(1, width - name.length - 3));
    const arrow = s.direction === 0 ? ` ${name} ${rule}▶` : `◀${rule} ${name} `;
    return line(`${s.time.toFixed(6).padStart(10)} │${arrow}│ ${s.note}`, s.direction === 0 ? 'client' : 'server');
  });
  return [header, ...rows];
}
