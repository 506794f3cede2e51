/**
 * One UDP conversation (RFC 768 has no connections; this is Wireshark's udp.stream): the datagrams
 * exchanged between two endpoints, both directions, numbered by first packet. Whoever consumes
 * the datagrams (a DTLS session) attaches a handler when the conversation opens.
 */
import type { Diagnostic, DiagnosticCode } from '../diagnostics.js';
import type { Endpoint, Time } from '../tcp/connection.js';
import type { Direction, StreamChunk } from '../tcp/half-stream.js';

/**
 * One datagram's payload, shaped like a TCP stream chunk: `offset` counts the payload bytes this
 * direction carried before it, `frameOffset` is where the payload starts in the frame (-1 after IP
 * reassembly), and `data` is a view valid only during the callback.
 */
export type Datagram = StreamChunk;

export interface DatagramHandler {
  datagram(datagram: Datagram): void;
  /** The conversation ended (end of capture, or evicted by the table's bound). */
  close?(): void;
}

/**
 * How the client was chosen: the sender of the first datagram; the payload's own say (a DTLS
 * ClientHello is sent by the client, a HelloVerifyRequest or ServerHello to it); or, when the
 * payload shows a protocol but not who started it, the higher port.
 */
export type RoleBasis = 'first-sender' | 'payload' | 'higher-port';

export type UdpCloseReason = 'end-of-capture' | 'evicted';

/** One end of a conversation: its text form, and its raw address for matching packets to directions. */
export interface Peer {
  readonly endpoint: Endpoint;
  readonly address: Uint8Array;
}

/** Diagnostics kept per conversation; further ones are only counted. */
const MAX_KEPT_DIAGNOSTICS = 100;

export class UdpConversation {
  readonly packets: [number, number] = [0, 0];
  /** Frame bytes (captured lengths) each way, as tshark's conversation table counts them. */
  readonly frameBytes: [number, number] = [0, 0];
  readonly payloadBytes: [number, number] = [0, 0];
  readonly diagnostics: Diagnostic[] = [];
  readonly diagnosticCounts = new Map<DiagnosticCode, number>();
  readonly client: Endpoint;
  readonly server: Endpoint;
  readonly clientAddress: Uint8Array;
  readonly serverAddress: Uint8Array;
  handler: DatagramHandler | undefined;
  lastFrame: number;
  lastSec: number;
  lastNsec: number;
  closeReason: UdpCloseReason | undefined;

  constructor(
    /** Wireshark's udp.stream: 0-based, in order of first packet. */
    readonly index: number,
    peers: { readonly client: Peer; readonly server: Peer },
    readonly firstFrame: number,
    readonly firstTime: Time,
    readonly roles: RoleBasis,
  ) {
    this.client = peers.client.endpoint;
    this.server = peers.server.endpoint;
    this.clientAddress = peers.client.address;
    this.serverAddress = peers.server.address;
    this.lastFrame = firstFrame;
    this.lastSec = firstTime.sec;
    this.lastNsec = firstTime.nsec;
  }

  get lastTime(): Time {
    return { sec: this.lastSec, nsec: this.lastNsec };
  }

  get open(): boolean {
    return this.closeReason === undefined;
  }

  report(d: Diagnostic): void {
    this.diagnosticCounts.set(d.code, (this.diagnosticCounts.get(d.code) ?? 0) + 1);
    if (this.diagnostics.length < MAX_KEPT_DIAGNOSTICS) this.diagnostics.push(d);
  }

  /** Counts a datagram and hands its payload to the handler. */
  deliver(direction: Direction, datagram: Omit<Datagram, 'direction' | 'offset'>, frameLength: number): void {
    this.packets[direction]++;
    this.frameBytes[direction] += frameLength;
    this.lastFrame = datagram.frame;
    this.lastSec = datagram.tsSec;
    this.lastNsec = datagram.tsNsec;
    const offset = this.payloadBytes[direction];
    this.payloadBytes[direction] += datagram.data.length;
    this.handler?.datagram({ ...datagram, direction, offset });
  }

  close(reason: UdpCloseReason): void {
    if (this.closeReason !== undefined) return;
    this.closeReason = reason;
    this.handler?.close?.();
  }
}
