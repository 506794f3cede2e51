/**
 * The handshake as a client/server ladder: each handshake message (RFC 8446 4, RFC 5246 7.4) and
 * ChangeCipherSpec in the order the capture carried them, with its time and what it established,
 * read from the connection's events and its report (or, while it is still open, what its TLS
 * has negotiated so far).
 */
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

/** What the notes read: the connection's report once it has closed, its live TLS facts before. */
interface LadderFacts {
  readonly versionsOffered: readonly string[];
  readonly sni: string | undefined;
  readonly alpnOffered: readonly string[];
  readonly version: string | undefined;
  readonly cipher: string | undefined;
  readonly resumed: boolean;
  readonly alpn: string | undefined;
  readonly serverCertificate: string | undefined;
  readonly decrypted: boolean;
}

function factsOf(entry: ConnectionEntry): LadderFacts | undefined {
  const tls = entry.report?.tls;
  if (tls !== undefined && tls !== null) {
    return {
      versionsOffered: tls.versionsOffered, sni: tls.sni, alpnOffered: tls.alpnOffered, version: tls.version, cipher: tls.cipherSuite?.name,
      resumed: tls.resumed, alpn: tls.alpn, serverCertificate: tls.certificates[0]?.subject, decrypted: tls.decryption.status === 'decrypted',
    };
  }
  const live = entry.report === undefined ? entry.live : undefined;
  if (live === undefined) return undefined;
  return { versionsOffered: [], sni: live.sni, alpnOffered: [], version: live.version, cipher: live.cipher, resumed: false, alpn: undefined, serverCertificate: undefined, decrypted: live.verdict === 'decrypted' };
}

type Establishes = (facts: LadderFacts, from: 0 | 1) => string;

/** What a message settles, by IANA handshake type name. */
const ESTABLISHES: Readonly<Record<string, Establishes>> = {
  client_hello: (f) => [`offers ${f.versionsOffered.join(', ') || 'TLS'}`, f.sni === undefined ? '' : `SNI ${f.sni}`, f.alpnOffered.length === 0 ? '' : `ALPN ${f.alpnOffered.join(',')}`].filter((s) => s !== '').join(', '),
  server_hello: (f) => `${f.version ?? '?'}, ${f.cipher ?? 'unknown suite'}${f.resumed ? ', resumes a session' : ''}`,
  hello_retry_request: () => 'asks for another key share',
  encrypted_extensions: (f) => (f.alpn === undefined ? 'server extensions' : `ALPN ${f.alpn}`),
  certificate: (f, from) => (from === 1 ? `server certificate ${f.serverCertificate ?? ''}`.trim() : 'client certificate'),
  server_key_exchange: () => 'server key share, signed',
  certificate_request: () => 'asks for a client certificate',
  server_hello_done: () => 'server hello done',
  client_key_exchange: (f) => (f.decrypted ? 'key exchange; keys derived' : 'key exchange'),
  certificate_verify: () => 'proves it holds the certificate key',
  finished: () => 'handshake verified',
  new_session_ticket: () => 'ticket for resumption',
  key_update: () => 'new traffic keys',
};

function stepOf(event: TlsEvent, frames: FrameIndex, facts: LadderFacts | undefined): LadderStep {
  const time = frames.relativeTime(event.frame);
  if (event.kind === EventKind.record) {
    return { direction: event.direction, name: 'ChangeCipherSpec', frame: event.frame, time, note: 'switches to the negotiated keys', decrypted: false };
  }
  const establishes = ESTABLISHES[handshakeTypeName(event.type)];
  const note = facts === undefined || establishes === undefined ? '' : establishes(facts, event.direction);
  return { direction: event.direction, name: handshakeTypeTitle(event.type), frame: event.frame, time, note, decrypted: event.decrypted };
}

export function ladderSteps(entry: ConnectionEntry, frames: FrameIndex): LadderStep[] {
  const facts = factsOf(entry);
  const steps: LadderStep[] = [];
  for (let i = 0; i < entry.events.count; i++) {
    const event = entry.events.at(i);
    const isStep = event.kind === EventKind.message || event.type === CHANGE_CIPHER_SPEC;
    if (isStep) steps.push(stepOf(event, frames, facts));
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
