/**
 * `keyhole stats` counting as an AnalyzeListener, pure and bounded: a protocol hierarchy like
 * `tshark -q -z io,phs`, TLS versions, cipher suites, SNIs, JA3 and JA4 per session, decryption
 * verdicts with their reasons, HTTP status codes and the top talkers by bytes. Every table is a
 * BoundedCounter, so memory does not follow the capture's size.
 */
import type { AnalyzeListener } from '../analyze.js';
import { decryptionOf } from '../report.js';
import type { HttpExchange, HttpMessageFacts } from '../http/exchange.js';
import { formatAddress } from '../ip/address.js';
import type { Packet } from '../packet.js';
import type { TcpConnection } from '../tcp/connection.js';
import type { Direction } from '../tcp/half-stream.js';
import { ja3 } from '../tls/fingerprints/ja3.js';
import { ja4, type Ja4Transport } from '../tls/fingerprints/ja4.js';
import { TcpTlsSession, type TlsRecordEvent, type TlsSession } from '../tls/session.js';
import { cipherSuiteName, versionName } from '../tls/tables/index.js';
import type { UdpConversation } from '../udp/conversation.js';
import { BoundedCounter, DEFAULT_MAX_KEYS } from './bounded-counter.js';
import { etherTypeName, ipProtocolName, linkLayers } from './layer-names.js';
import { ProtocolTree, type ProtocolNode } from './protocol-tree.js';
import { TlsSegments } from '../tls/segments.js';

export const TOP_TALKERS = 10;

export interface KeyCount {
  readonly value: string;
  readonly count: number;
}

export interface Talker {
  readonly address: string;
  readonly frames: number;
  readonly bytes: number;
}

export interface CaptureStats {
  readonly frames: number;
  readonly bytes: number;
  readonly protocols: readonly ProtocolNode[];
  readonly tls: {
    /** TLS and DTLS sessions (connections that carried at least one record). */
    readonly sessions: number;
    readonly versions: readonly KeyCount[];
    readonly cipherSuites: readonly KeyCount[];
    readonly sni: readonly KeyCount[];
    readonly ja3: readonly KeyCount[];
    readonly ja4: readonly KeyCount[];
  };
  readonly decryption: {
    readonly decrypted: number;
    readonly partial: number;
    readonly notDecrypted: number;
    /** Decrypted sessions over all sessions; null without sessions. */
    readonly successRate: number | null;
    /** Why sessions were not (fully) decrypted, frame numbers and hex values left out so alike reasons add up. */
    readonly reasons: readonly KeyCount[];
  };
  readonly http: { readonly exchanges: number; readonly statuses: readonly KeyCount[] };
  /** IP addresses by bytes sent and received, largest first. */
  readonly topTalkers: readonly Talker[];
}

export interface StatsOptions {
  /** Distinct keys kept per table before the rest count as "(other)". */
  readonly maxKeys?: number;
}

/** What the frame being read turned out to carry, known once the next frame starts. */
interface CurrentFrame {
  readonly packet: Packet;
  connection: TcpConnection | undefined;
  tls: boolean;
  dtls: boolean;
  http: HttpMessageFacts['protocol'] | undefined;
}

const NO_VALUE = '(none)';

/** Per-session specifics (frames, random values, byte counts) would make every reason unique. */
export function reasonKey(reason: string): string {
  return reason
    .replace(/\b[0-9a-f]{8,}…?/gi, '…')
    .replace(/\b(frame|epoch) \d+/g, '$1 N')
    .replace(/\b\d+ bytes\b/g, 'N bytes');
}

function keyCounts(counter: BoundedCounter): KeyCount[] {
  return counter.sorted().map((t) => ({ value: t.key, count: t.count }));
}

export class StatsCollector implements AnalyzeListener {
  private readonly tree = new ProtocolTree();
  private readonly versions: BoundedCounter;
  private readonly suites: BoundedCounter;
  private readonly snis: BoundedCounter;
  private readonly ja3s: BoundedCounter;
  private readonly ja4s: BoundedCounter;
  private readonly verdicts: BoundedCounter;
  private readonly reasons: BoundedCounter;
  private readonly statuses: BoundedCounter;
  private readonly talkers: BoundedCounter;
  /** TCP streams that carried an HTTP message: their other segments are HTTP's, not unknown data. */
  private readonly httpStreams = new Set<number>();
  private readonly tlsSegments = new TlsSegments();
  private current: CurrentFrame | undefined;
  private frames = 0;
  private bytes = 0;

  constructor(options: StatsOptions = {}) {
    const counter = (): BoundedCounter => new BoundedCounter(options.maxKeys ?? DEFAULT_MAX_KEYS);
    this.versions = counter();
    this.suites = counter();
    this.snis = counter();
    this.ja3s = counter();
    this.ja4s = counter();
    this.verdicts = counter();
    this.reasons = counter();
    this.statuses = counter();
    this.talkers = counter();
  }

  frame(packet: Packet): void {
    this.finishFrame();
    this.current = { packet, connection: undefined, tls: false, dtls: false, http: undefined };
  }

  packet(_packet: Packet, connection: TcpConnection, direction: Direction): void {
    const startsRecord = this.tlsSegments.startsRecord(connection, direction);
    if (this.current === undefined) return;
    this.current.connection = connection;
    if (startsRecord) this.current.tls = true;
  }

  record(event: TlsRecordEvent): void {
    this.tlsSegments.record(event);
    if (this.current === undefined) return;
    if (event.session.transport === 'tcp') this.current.tls = true;
    else this.current.dtls = true;
  }

  /** An HTTP message completed by the frame being read (HttpAnalyzer's onMessage). */
  httpMessage(facts: HttpMessageFacts): void {
    this.httpPdu(facts.protocol);
  }

  /** Any HTTP/2 frame completed by the frame being read (HttpAnalyzer's onFrame): SETTINGS and DATA are http2 too. */
  http2Frame(): void {
    this.httpPdu('http2');
  }

  /** A finished HTTP exchange (HttpAnalyzer's sink). */
  exchange(exchange: HttpExchange): void {
    this.statuses.add(exchange.status === null ? '(no response)' : String(exchange.status));
  }

  finished(connection: TcpConnection, session: TlsSession): void {
    this.httpStreams.delete(connection.index);
    this.session(session, 'tcp');
  }

  finishedUdp(_conversation: UdpConversation, session: TlsSession): void {
    this.session(session, 'dtls');
  }

  /** The counts so far; call once analyze() has resolved. */
  result(): CaptureStats {
    this.finishFrame();
    const decrypted = this.verdicts.count('decrypted');
    const partial = this.verdicts.count('partial');
    const notDecrypted = this.verdicts.count('not-decrypted');
    const sessions = decrypted + partial + notDecrypted;
    return {
      frames: this.frames,
      bytes: this.bytes,
      protocols: this.tree.nodes(),
      tls: {
        sessions,
        versions: keyCounts(this.versions),
        cipherSuites: keyCounts(this.suites),
        sni: keyCounts(this.snis),
        ja3: keyCounts(this.ja3s),
        ja4: keyCounts(this.ja4s),
      },
      decryption: { decrypted, partial, notDecrypted, successRate: sessions === 0 ? null : decrypted / sessions, reasons: keyCounts(this.reasons) },
      http: { exchanges: this.statuses.total, statuses: keyCounts(this.statuses) },
      topTalkers: this.talkers.sorted('bytes', TOP_TALKERS).map((t) => ({ address: t.key, frames: t.count, bytes: t.bytes })),
    };
  }

  private session(session: TlsSession, transport: Ja4Transport): void {
    if (!session.isTls) return;
    const n = session.negotiation;
    this.versions.add(n.version === undefined ? NO_VALUE : versionName(n.version));
    this.suites.add(n.cipherSuiteId === undefined ? NO_VALUE : cipherSuiteName(n.cipherSuiteId));
    this.snis.add(n.sni ?? NO_VALUE);
    const hello = n.clientHello;
    this.ja3s.add(hello === undefined ? NO_VALUE : ja3(hello).hash);
    this.ja4s.add(hello === undefined ? NO_VALUE : ja4(hello, transport).ja4);
    const decryption = decryptionOf(session);
    this.verdicts.add(decryption?.status ?? 'not-decrypted');
    const reason = decryption === undefined ? 'no decryption layer was attached' : decryption.reason;
    if (reason !== null) this.reasons.add(reasonKey(reason));
  }

  private httpPdu(protocol: HttpMessageFacts['protocol']): void {
    const current = this.current;
    if (current === undefined) return;
    current.http = protocol;
    if (current.connection !== undefined) this.httpStreams.add(current.connection.index);
  }

  private finishFrame(): void {
    const current = this.current;
    if (current === undefined) return;
    this.current = undefined;
    const length = current.packet.frame.originalLength;
    this.frames++;
    this.bytes += length;
    this.tree.add(this.layers(current), length);
    const ip = current.packet.ip;
    if (ip === undefined) return;
    const source = formatAddress(ip.data, ip.sourceAt, ip.addressLength);
    const destination = formatAddress(ip.data, ip.destinationAt, ip.addressLength);
    this.talkers.add(source, length);
    // A frame to itself (loopback) counts once for its address.
    if (destination !== source) this.talkers.add(destination, length);
  }

  private layers(current: CurrentFrame): string[] {
    const { link, ip, tcp, udp } = current.packet;
    const path = linkLayers(current.packet.frame.linkType);
    if (link === undefined) return path;
    if (link.network === 'other') return [...path, etherTypeName(link.payloadType)];
    path.push(link.network === 'ipv4' ? 'ip' : 'ipv6');
    // A fragment before its datagram is whole stops at IP, as in Wireshark.
    if (ip === undefined) return path;
    path.push(ipProtocolName(ip.protocol));
    if (tcp !== undefined) return [...path, ...this.tcpPayload(current, tcp.payloadEnd - tcp.payloadStart)];
    if (udp !== undefined && current.dtls) return [...path, 'dtls'];
    if (udp !== undefined && udp.payloadEnd > udp.payloadStart) return [...path, 'data'];
    return path;
  }

  /**
   * What Wireshark shows above TCP: tls in frames that complete or start a record, http in frames
   * that complete a message, nothing for the segments in between (they are part of a PDU), and
   * data for payload that no dissector claims.
   */
  private tcpPayload(current: CurrentFrame, payload: number): string[] {
    const http = current.http === undefined ? [] : [current.http];
    if (current.tls) return ['tls', ...http];
    if (http.length > 0) return http;
    if (payload === 0) return [];
    const connection = current.connection;
    const claimed = connection !== undefined && ((connection.handler instanceof TcpTlsSession && connection.handler.isTls) || this.httpStreams.has(connection.index));
    return claimed ? [] : ['data'];
  }
}
