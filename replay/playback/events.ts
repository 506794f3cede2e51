/**
 * What timed playback shows: the capture's connection-level story as typed events in capture
 * order (a connection opening, TLS handshake messages, decrypted application data, alerts, the
 * close, the decryption verdict). Plain data, so the CLI prints them as lines or NDJSON and the
 * TUI animates a connection's ladder from the same stream.
 */
import type { CloseReason } from '../../dissect/tcp/connection.js';
import type { Decryption } from '../../dissect/report.js';
import type { UdpCloseReason } from '../../dissect/udp/conversation.js';

export type Side = 'client' | 'server';

export interface Instant {
  readonly sec: number;
  readonly nsec: number;
}

/** What every event carries: when, where in the capture, and which flow. */
export interface PlaybackEventBase {
  /** Capture time of the frame the event belongs to. */
  readonly time: Instant;
  /** Seconds since the capture's first frame. */
  readonly offset: number;
  readonly frame: number;
  readonly transport: 'tcp' | 'udp';
  /** tcp.stream or udp.stream. */
  readonly stream: number;
}

export interface OpenEvent extends PlaybackEventBase {
  readonly event: 'open';
  readonly client: string;
  readonly server: string;
}

export interface HandshakeEvent extends PlaybackEventBase {
  readonly event: 'handshake';
  readonly from: Side;
  /** The message name ("ClientHello", "Finished"). */
  readonly message: string;
  /** Sent inside an encrypted record (TLS 1.3 handshake, Finished). */
  readonly encrypted: boolean;
  /** What the message settled, once known: SNI from the ClientHello; version, suite and ALPN from the ServerHello. */
  readonly sni?: string;
  readonly version?: string;
  readonly cipherSuite?: string;
  readonly alpn?: string;
}

export interface DataEvent extends PlaybackEventBase {
  readonly event: 'data';
  readonly from: Side;
  readonly length: number;
  /** The first bytes as printable ASCII, '.' for anything else. */
  readonly preview: string;
}

export interface AlertEvent extends PlaybackEventBase {
  readonly event: 'alert';
  readonly from: Side;
  /** Null when the alert stayed encrypted. */
  readonly level: string | null;
  readonly description: string | null;
  readonly encrypted: boolean;
}

export interface CloseEvent extends PlaybackEventBase {
  readonly event: 'close';
  readonly reason: CloseReason | UdpCloseReason;
}

export interface VerdictEvent extends PlaybackEventBase {
  readonly event: 'verdict';
  readonly decryption: Decryption;
}

export type PlaybackEvent = OpenEvent | HandshakeEvent | DataEvent | AlertEvent | CloseEvent | VerdictEvent;

export type PlaybackEventKind = PlaybackEvent['event'];
