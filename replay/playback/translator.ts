/**
 * Turns one analyze() pass into PlaybackEvents as it goes: TCP connections and UDP conversations
 * opening and closing, TLS/DTLS handshake messages (RFC 8446 4, RFC 5246 7.4) with what they
 * settled, decrypted application data, alerts (RFC 8446 6, read from the record whether it was
 * sent in the clear or decrypted), and each session's decryption verdict as it ends. Keeps no
 * state beyond the capture's first timestamp.
 */
import type { AnalyzeListener } from '../../dissect/analyze.js';
import { printable } from '../../dissect/bytes.js';
import type { Packet } from '../../dissect/packet.js';
import { decryptionOf } from '../../dissect/report.js';
import type { TcpConnection } from '../../dissect/tcp/connection.js';
import type { Direction } from '../../dissect/tcp/half-stream.js';
import type { HandshakeMessage } from '../../dissect/tls/handshake-reassembler.js';
import type { Negotiation } from '../../dissect/tls/negotiation.js';
import type { TlsRecord } from '../../dissect/tls/record.js';
import type { TlsRecordEvent, TlsSession } from '../../dissect/tls/session.js';
import {
  ContentType,
  HandshakeType,
  alertDescriptionName,
  alertLevelName,
  cipherSuiteName,
  handshakeTypeTitle,
  versionName,
} from '../../dissect/tls/tables/index.js';
import type { UdpConversation } from '../../dissect/udp/conversation.js';
import type { HandshakeEvent, Instant, PlaybackEvent, PlaybackEventBase, Side } from './events.js';

/** Which flows to play: all by default. */
export type FlowSelection = (transport: 'tcp' | 'udp', stream: number) => boolean;

/** Bytes of application data shown in a preview: enough for a request line. */
export const PREVIEW_BYTES = 64;

const SIDES: Readonly<Record<Direction, Side>> = { 0: 'client', 1: 'server' };

type Facts = Pick<HandshakeEvent, 'sni' | 'version' | 'cipherSuite' | 'alpn'>;

const alpnOf = (n: Negotiation): Facts => (n.alpn === undefined ? {} : { alpn: n.alpn });

/** What a handshake message settled, read from the negotiation it was just applied to. */
const SETTLED: Readonly<Partial<Record<number, (n: Negotiation) => Facts>>> = {
  [HandshakeType.client_hello]: (n) => (n.sni === undefined ? {} : { sni: n.sni }),
  [HandshakeType.server_hello]: (n) => ({
    ...(n.version === undefined ? {} : { version: versionName(n.version) }),
    ...(n.cipherSuiteId === undefined ? {} : { cipherSuite: cipherSuiteName(n.cipherSuiteId) }),
    ...alpnOf(n),
  }),
  // TLS 1.3 sends ALPN in EncryptedExtensions (RFC 8446 4.3.1).
  [HandshakeType.encrypted_extensions]: alpnOf,
};

type Flow = TcpConnection | UdpConversation;

export class PlaybackTranslator implements AnalyzeListener {
  private origin: Instant | undefined;

  constructor(
    private readonly emit: (event: PlaybackEvent) => void,
    private readonly selects: FlowSelection = () => true,
  ) {}

  frame(packet: Packet): void {
    this.origin ??= { sec: packet.frame.tsSec, nsec: packet.frame.tsNsec };
  }

  opened(connection: TcpConnection): void {
    this.open('tcp', connection);
  }

  udpOpened(conversation: UdpConversation): void {
    this.open('udp', conversation);
  }

  message(session: TlsSession, message: HandshakeMessage): void {
    if (!this.plays(session)) return;
    this.emit({
      ...this.base(session, message.frame, message.tsSec, message.tsNsec),
      event: 'handshake',
      from: SIDES[message.direction],
      message: handshakeTypeTitle(message.type),
      encrypted: message.encrypted,
      ...SETTLED[message.type]?.(session.negotiation),
    });
  }

  applicationData(session: TlsSession, direction: Direction, plaintext: Uint8Array, record: TlsRecord): void {
    if (!this.plays(session)) return;
    this.emit({
      ...this.base(session, record.frame, record.tsSec, record.tsNsec),
      event: 'data',
      from: SIDES[direction],
      length: plaintext.length,
      preview: printable(plaintext.subarray(0, PREVIEW_BYTES)),
    });
  }

  record(event: TlsRecordEvent): void {
    const { session, record, opened } = event;
    const contentType = opened?.contentType ?? record.contentType;
    if (contentType !== ContentType.alert || !this.plays(session)) return;
    const base = { ...this.base(session, record.frame, record.tsSec, record.tsNsec), event: 'alert', from: SIDES[record.direction] } as const;
    const content = event.protected ? opened?.plaintext : record.fragment;
    if (content === undefined) {
      this.emit({ ...base, level: null, description: null, encrypted: event.protected });
      return;
    }
    for (let at = 0; at + 1 < content.length; at += 2) {
      this.emit({ ...base, level: alertLevelName(content[at] ?? 0), description: alertDescriptionName(content[at + 1] ?? 0), encrypted: event.protected });
    }
  }

  closed(connection: TcpConnection): void {
    this.close('tcp', connection);
  }

  udpClosed(conversation: UdpConversation): void {
    this.close('udp', conversation);
  }

  finished(connection: TcpConnection, session: TlsSession): void {
    this.verdict('tcp', connection, session);
  }

  finishedUdp(conversation: UdpConversation, session: TlsSession): void {
    this.verdict('udp', conversation, session);
  }

  private open(transport: 'tcp' | 'udp', flow: Flow): void {
    if (!this.selects(transport, flow.index)) return;
    this.emit({ ...this.at(transport, flow.index, flow.firstFrame, flow.firstTime.sec, flow.firstTime.nsec), event: 'open', client: flow.client.text, server: flow.server.text });
  }

  private close(transport: 'tcp' | 'udp', flow: Flow): void {
    if (!this.selects(transport, flow.index) || flow.closeReason === undefined) return;
    this.emit({ ...this.at(transport, flow.index, flow.lastFrame, flow.lastSec, flow.lastNsec), event: 'close', reason: flow.closeReason });
  }

  private verdict(transport: 'tcp' | 'udp', flow: Flow, session: TlsSession): void {
    const decryption = decryptionOf(session);
    if (!session.isTls || decryption === undefined || !this.selects(transport, flow.index)) return;
    this.emit({ ...this.at(transport, flow.index, flow.lastFrame, flow.lastSec, flow.lastNsec), event: 'verdict', decryption });
  }

  private plays(session: TlsSession): boolean {
    return this.selects(session.transport, session.connection.index);
  }

  private base(session: TlsSession, frame: number, sec: number, nsec: number): PlaybackEventBase {
    return this.at(session.transport, session.connection.index, frame, sec, nsec);
  }

  private at(transport: 'tcp' | 'udp', stream: number, frame: number, sec: number, nsec: number): PlaybackEventBase {
    const origin = this.origin ?? { sec, nsec };
    return { time: { sec, nsec }, offset: sec - origin.sec + (nsec - origin.nsec) / 1e9, frame, transport, stream };
  }
}
