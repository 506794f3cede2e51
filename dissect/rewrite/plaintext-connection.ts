/**
 * One TCP connection re-made around its plaintext (RFC 9293 3.5 and 3.6): a three-way handshake
 * before the first byte, the bytes cut into segments of at most one MSS with sequence and
 * acknowledgement numbers a receiver would have sent, and a FIN exchange at the end. The original
 * segments cannot be reused: decryption changes the byte counts, so every number is new.
 */
import type { Direction } from '../tcp/half-stream.js';
import {
  IPV4_HEADER_LENGTH,
  IPV6_HEADER_LENGTH,
  TCP_FIXED_HEADER_LENGTH,
  TCP_FLAGS,
  maximumSegmentSize,
  tcpOptions,
  type TcpHeaderFields,
  type Timestamp,
} from '../capture/write/index.js';

/** One end of the connection as the IP and TCP headers carry it (4 or 16 address bytes). */
export interface WireEndpoint {
  readonly address: Uint8Array;
  readonly port: number;
}

/** A segment ready to be framed: which way it goes, its TCP header fields and its payload. */
export interface SynthesizedSegment {
  readonly direction: Direction;
  readonly timestamp: Timestamp;
  readonly tcp: TcpHeaderFields;
  readonly payload: Uint8Array;
}

export type SegmentSink = (segment: SynthesizedSegment) => void;

const ETHERNET_MTU = 1500;

/** Ethernet's MTU less the IP and TCP headers (1460 over IPv4, 1440 over IPv6): what readers expect a segment to hold. */
export function ethernetMss(address: Uint8Array): number {
  return ETHERNET_MTU - (address.length === 4 ? IPV4_HEADER_LENGTH : IPV6_HEADER_LENGTH) - TCP_FIXED_HEADER_LENGTH;
}
/** Advertised in every segment; no window scaling, so the value is the window in bytes. */
const WINDOW = 65535;
/** The receiver acknowledges before this much is in flight, so no reader sees a full window. */
const ACK_THRESHOLD = WINDOW / 2;
const EMPTY = new Uint8Array(0);

export class PlaintextConnection {
  /** Sequence space used each way since the ISN (the SYN and FIN count one each). */
  private readonly sent: [number, number] = [0, 0];
  /** How much of each direction's sequence space the other side has acknowledged. */
  private readonly acknowledged: [number, number] = [0, 0];
  private started = false;
  private ended = false;

  constructor(
    private readonly client: WireEndpoint,
    private readonly server: WireEndpoint,
    /** Initial sequence numbers, client then server. */
    private readonly isn: readonly [number, number],
    private readonly emit: SegmentSink,
    private readonly mss = ethernetMss(client.address),
  ) {}

  /** Whether any segment was written (the handshake comes with the first bytes). */
  get hasStarted(): boolean {
    return this.started;
  }

  /** Bytes one side sent, in segments stamped `timestamp`; the handshake first if this is the first. */
  data(direction: Direction, bytes: Uint8Array, timestamp: Timestamp): void {
    if (this.ended || bytes.length === 0) return;
    this.start(timestamp);
    for (let at = 0; at < bytes.length; at += this.mss) {
      const piece = bytes.subarray(at, at + this.mss);
      const receiver = otherSide(direction);
      if (this.sent[direction] + piece.length - this.acknowledged[direction] > ACK_THRESHOLD) this.segment(receiver, TCP_FLAGS.ACK, EMPTY, timestamp);
      const last = at + this.mss >= bytes.length;
      this.segment(direction, TCP_FLAGS.ACK | (last ? TCP_FLAGS.PSH : 0), piece, timestamp);
    }
  }

  /**
   * Bytes one side sent that cannot be shown (lost in the capture, or not decrypted): their
   * sequence space is left out, so readers see a hole where the original had one.
   */
  skip(direction: Direction, length: number): void {
    if (!this.started || this.ended) return;
    this.sent[direction] += length;
  }

  /** Both sides close (FIN, FIN, ACK), if the connection was ever started. */
  end(timestamp: Timestamp): void {
    if (!this.started || this.ended) return;
    this.ended = true;
    this.segment(0, TCP_FLAGS.FIN | TCP_FLAGS.ACK, EMPTY, timestamp);
    this.segment(1, TCP_FLAGS.FIN | TCP_FLAGS.ACK, EMPTY, timestamp);
    this.segment(0, TCP_FLAGS.ACK, EMPTY, timestamp);
  }

  private start(timestamp: Timestamp): void {
    if (this.started) return;
    this.started = true;
    const options = tcpOptions([maximumSegmentSize(this.mss)]);
    this.segment(0, TCP_FLAGS.SYN, EMPTY, timestamp, options);
    this.segment(1, TCP_FLAGS.SYN | TCP_FLAGS.ACK, EMPTY, timestamp, options);
    this.segment(0, TCP_FLAGS.ACK, EMPTY, timestamp);
  }

  private segment(direction: Direction, flags: number, payload: Uint8Array, timestamp: Timestamp, options?: Uint8Array): void {
    const [from, to] = direction === 0 ? [this.client, this.server] : [this.server, this.client];
    const peer = otherSide(direction);
    const acks = (flags & TCP_FLAGS.ACK) !== 0;
    this.emit({
      direction,
      timestamp,
      payload,
      tcp: {
        sourcePort: from.port,
        destinationPort: to.port,
        sequence: (this.isn[direction] + this.sent[direction]) >>> 0,
        acknowledgment: acks ? (this.isn[peer] + this.sent[peer]) >>> 0 : 0,
        flags,
        window: WINDOW,
        ...(options === undefined ? {} : { options }),
      },
    });
    if (acks) this.acknowledged[peer] = this.sent[peer];
    // SYN and FIN take one sequence number each (RFC 9293 3.4).
    this.sent[direction] += payload.length + ((flags & (TCP_FLAGS.SYN | TCP_FLAGS.FIN)) !== 0 ? 1 : 0);
  }
}

function otherSide(direction: Direction): Direction {
  return direction === 0 ? 1 : 0;
}
