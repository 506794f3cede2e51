/**
 * The table of TCP connections. Packets are matched to connections by their 4-tuple without
 * building strings (a numeric hash picks a bucket, raw address bytes decide); stream indices
 * follow Wireshark's tcp.stream numbering, including a new index when a SYN with a new initial
 * sequence number reuses a 4-tuple. Closed connections stay findable (late ACKs and FIN
 * retransmissions still belong to them) up to a bound, then the oldest are forgotten.
 */
import { diagnostic } from '../diagnostics.js';
import type { IpLayer } from '../ip/types.js';
import type { Packet } from '../packet.js';
import { TCP_FLAGS, type TcpHeader } from './header.js';
import type { Direction, HalfStreamLimits } from './half-stream.js';
import { RecentBytesBudget } from './recent-bytes.js';
import { senderIsClient } from './roles.js';
import { endpoint, TcpConnection } from './connection.js';

export interface FlowTableOptions {
  /** Bytes held behind a hole per direction before the hole is given up. */
  readonly maxHeldBytes?: number;
  /** Memory for retransmission conflict checks, shared by all connections. */
  readonly recentBytesBudget?: number;
  /** Open connections kept at once; past this the least recently active is closed. */
  readonly maxOpenConnections?: number;
  /** Closed connections kept findable for late packets. */
  readonly maxClosedConnections?: number;
  /** Report only this share of the connections (see Shard). */
  readonly shard?: Shard;
}

/**
 * One of `count` workers splitting a capture by connection: every worker tracks every
 * connection, so tcp.stream numbers, port reuse and closing come out exactly as in one pass,
 * but only connections whose index is `index` modulo `count` reach the listener (and keep
 * retransmission history); the others cost a table entry and sequence bookkeeping.
 */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export function ownsStream(shard: Shard | undefined, stream: number): boolean {
  return shard === undefined || stream % shard.count === shard.index;
}

export interface FlowTableListener {
  /** A new connection: the place to attach a handler before any of its bytes are delivered. */
  opened?(connection: TcpConnection): void;
  /** Every TCP packet, after reassembly has seen it. */
  packet?(packet: Packet, connection: TcpConnection, direction: Direction): void;
  /** The connection ended and its buffers were freed; its summary stays valid. */
  closed?(connection: TcpConnection): void;
}

const DEFAULTS = {
  maxHeldBytes: 8 * 1024 * 1024,
  recentBytesBudget: 64 * 1024 * 1024,
  maxOpenConnections: 200_000,
  maxClosedConnections: 100_000,
} as const;

export class FlowTable {
  private readonly buckets = new Map<number, TcpConnection[]>();
  /** Open connections; the idlest is found by its lastActivity stamp only when the bound is hit. */
  private readonly openConnections = new Set<TcpConnection>();
  private packets = 0;
  private readonly closedInTable: TcpConnection[] = [];
  private closedHead = 0;
  private nextIndex = 0;
  private readonly limits: HalfStreamLimits;
  /** Limits for connections another shard reports: no retransmission history to keep. */
  private readonly foreignLimits: HalfStreamLimits;
  private readonly shard: Shard | undefined;
  private readonly maxOpen: number;
  private readonly maxClosed: number;

  constructor(
    private readonly listener: FlowTableListener = {},
    options: FlowTableOptions = {},
  ) {
    this.limits = {
      maxHeldBytes: options.maxHeldBytes ?? DEFAULTS.maxHeldBytes,
      recentBudget: new RecentBytesBudget(options.recentBytesBudget ?? DEFAULTS.recentBytesBudget),
    };
    this.foreignLimits = { maxHeldBytes: this.limits.maxHeldBytes, recentBudget: new RecentBytesBudget(0) };
    this.shard = options.shard;
    this.maxOpen = options.maxOpenConnections ?? DEFAULTS.maxOpenConnections;
    this.maxClosed = options.maxClosedConnections ?? DEFAULTS.maxClosedConnections;
  }

  get connectionCount(): number {
    return this.nextIndex;
  }

  get openConnectionCount(): number {
    return this.openConnections.size;
  }

  process(packet: Packet): void {
    const { ip, tcp } = packet;
    if (ip === undefined || tcp === undefined) return;
    const hash = tupleHash(ip, tcp);
    const bucket = this.buckets.get(hash);
    let connection: TcpConnection | undefined;
    let direction: Direction = 0;
    if (bucket !== undefined) {
      for (let i = bucket.length - 1; i >= 0; i--) {
        const candidate = bucket[i];
        if (candidate === undefined) continue;
        const d = matchDirection(candidate, ip, tcp);
        if (d !== undefined) {
          connection = candidate;
          direction = d;
          break;
        }
      }
    }
    const syn = (tcp.flags & TCP_FLAGS.SYN) !== 0;
    const ack = (tcp.flags & TCP_FLAGS.ACK) !== 0;
    if (connection !== undefined && syn && !ack) {
      const known = connection.halves[direction].isn ?? connection.halves[direction].firstSeq;
      if (known !== undefined && known !== tcp.seq) {
        const reused = connection;
        reused.close('port-reuse', packet.frame.number);
        this.retire(reused);
        connection = this.create(packet, ip, tcp, hash, bucket);
        connection.report(diagnostic('tcp.port-reuse', `a new connection reuses the ports of tcp.stream ${reused.index}`, packet.frame.number));
        direction = matchDirection(connection, ip, tcp) ?? 0;
      }
    }
    if (connection === undefined) {
      connection = this.create(packet, ip, tcp, hash, bucket);
      direction = matchDirection(connection, ip, tcp) ?? 0;
    }
    this.observe(connection, direction, packet, tcp);
  }

  /** The capture ended: close every open connection (holes are given up, held bytes delivered). */
  finish(lastFrame: number): void {
    for (const connection of [...this.openConnections]) {
      connection.close('end-of-capture', lastFrame);
      this.retire(connection);
    }
  }

  private observe(connection: TcpConnection, direction: Direction, packet: Packet, tcp: TcpHeader): void {
    const frame = packet.frame;
    connection.packets[direction]++;
    connection.frameBytes[direction] += frame.data.length;
    connection.lastFrame = frame.number;
    connection.lastSec = frame.tsSec;
    connection.lastNsec = frame.tsNsec;
    connection.lastActivity = ++this.packets;
    for (const d of packet.diagnostics) connection.report(d);
    if (connection.open) {
      const flags = tcp.flags;
      const half = connection.halves[direction];
      let seq = tcp.seq;
      if ((flags & TCP_FLAGS.SYN) !== 0) {
        connection.synSeen = true;
        half.syn(seq);
        seq = (seq + 1) >>> 0;
      }
      const ip = packet.ip;
      const payload = ip === undefined ? EMPTY : ip.data.subarray(tcp.payloadStart, tcp.payloadEnd);
      const frameOffset = ip === undefined || ip.reassembled ? -1 : tcp.payloadStart;
      half.segment(seq, payload, { frame: frame.number, frameOffset, tsSec: frame.tsSec, tsNsec: frame.tsNsec }, (flags & TCP_FLAGS.FIN) !== 0);
      if ((flags & TCP_FLAGS.ACK) !== 0) connection.halves[direction === 0 ? 1 : 0].acknowledged(tcp.ack, frame.number);
      if ((flags & TCP_FLAGS.RST) !== 0) {
        connection.close('rst', frame.number);
        this.retire(connection);
      } else if (connection.halves[0].closed && connection.halves[1].closed) {
        connection.close('fin', frame.number);
        this.retire(connection);
      }
    } else if (tcp.payloadEnd > tcp.payloadStart) {
      connection.report(diagnostic('tcp.data-after-close', `${tcp.payloadEnd - tcp.payloadStart} bytes after the connection closed`, frame.number));
    }
    if (ownsStream(this.shard, connection.index)) this.listener.packet?.(packet, connection, direction);
  }

  private create(packet: Packet, ip: IpLayer, tcp: TcpHeader, hash: number, bucket: TcpConnection[] | undefined): TcpConnection {
    const syn = (tcp.flags & TCP_FLAGS.SYN) !== 0;
    const ack = (tcp.flags & TCP_FLAGS.ACK) !== 0;
    const midstream = !syn;
    const senderClient = syn ? !ack : senderIsClient(tcp.sourcePort, tcp.destinationPort);
    const source = ip.data.slice(ip.sourceAt, ip.sourceAt + ip.addressLength);
    const destination = ip.data.slice(ip.destinationAt, ip.destinationAt + ip.addressLength);
    const sourceEndpoint = endpoint(source, tcp.sourcePort);
    const destinationEndpoint = endpoint(destination, tcp.destinationPort);
    const frame = packet.frame;
    const index = this.nextIndex++;
    const owned = ownsStream(this.shard, index);
    const connection = new TcpConnection(
      index,
      senderClient ? sourceEndpoint : destinationEndpoint,
      senderClient ? destinationEndpoint : sourceEndpoint,
      senderClient ? source : destination,
      senderClient ? destination : source,
      frame.number,
      { sec: frame.tsSec, nsec: frame.tsNsec },
      midstream,
      owned ? this.limits : this.foreignLimits,
    );
    if (midstream) {
      connection.report(
        diagnostic('tcp.midstream', `the capture starts inside this connection; ${connection.server.text} was taken as the server (port heuristic)`, frame.number),
      );
    }
    if (bucket === undefined) this.buckets.set(hash, [connection]);
    else bucket.push(connection);
    // Stamped as active now, so the bound below never evicts the connection being opened.
    connection.lastActivity = this.packets + 1;
    this.openConnections.add(connection);
    if (owned) this.listener.opened?.(connection);
    if (this.openConnections.size > this.maxOpen) this.evictIdlest(frame.number);
    return connection;
  }

  /** Closes the idlest 1% of open connections at once, so the scan for them is rare. */
  private evictIdlest(frame: number): void {
    const byActivity = [...this.openConnections].sort((a, b) => a.lastActivity - b.lastActivity);
    for (const idle of byActivity.slice(0, Math.max(1, Math.floor(this.maxOpen / 100)))) {
      idle.report(diagnostic('tcp.connection-limit', `more than ${this.maxOpen} connections open at once; this idle one was closed early`, frame));
      idle.close('evicted', frame);
      this.retire(idle);
    }
  }

  /** Moves a closed connection out of the open set, keeping it findable for a while. */
  private retire(connection: TcpConnection): void {
    if (!this.openConnections.delete(connection)) return;
    if (ownsStream(this.shard, connection.index)) this.listener.closed?.(connection);
    this.closedInTable.push(connection);
    if (this.closedInTable.length - this.closedHead > this.maxClosed) {
      const oldest = this.closedInTable[this.closedHead];
      this.closedHead++;
      if (oldest !== undefined) this.forget(oldest);
      if (this.closedHead > 4096 && this.closedHead * 2 > this.closedInTable.length) {
        this.closedInTable.splice(0, this.closedHead);
        this.closedHead = 0;
      }
    }
  }

  private forget(connection: TcpConnection): void {
    const hash = connectionHash(connection);
    const bucket = this.buckets.get(hash);
    if (bucket === undefined) return;
    const at = bucket.indexOf(connection);
    if (at >= 0) bucket.splice(at, 1);
    if (bucket.length === 0) this.buckets.delete(hash);
  }
}

const EMPTY = new Uint8Array(0);

function matchDirection(connection: TcpConnection, ip: IpLayer, tcp: TcpHeader): Direction | undefined {
  const { client, server } = connection;
  if (tcp.sourcePort === client.port && tcp.destinationPort === server.port) {
    if (addressAt(ip, ip.sourceAt, connection.clientAddress) && addressAt(ip, ip.destinationAt, connection.serverAddress)) return 0;
  }
  if (tcp.sourcePort === server.port && tcp.destinationPort === client.port) {
    if (addressAt(ip, ip.sourceAt, connection.serverAddress) && addressAt(ip, ip.destinationAt, connection.clientAddress)) return 1;
  }
  return undefined;
}

function addressAt(ip: IpLayer, at: number, address: Uint8Array): boolean {
  if (address.length !== ip.addressLength) return false;
  const data = ip.data;
  for (let i = 0; i < address.length; i++) if (data[at + i] !== address[i]) return false;
  return true;
}

/** Order-independent hash of the 4-tuple, so both directions land in the same bucket. */
function tupleHash(ip: IpLayer, tcp: TcpHeader): number {
  return combine(foldAddress(ip.data, ip.sourceAt, ip.addressLength), foldAddress(ip.data, ip.destinationAt, ip.addressLength), tcp.sourcePort, tcp.destinationPort);
}

function connectionHash(connection: TcpConnection): number {
  const c = connection.clientAddress;
  const s = connection.serverAddress;
  const length = c.length === 16 ? 16 : 4;
  return combine(foldAddress(c, 0, length), foldAddress(s, 0, length), connection.client.port, connection.server.port);
}

function combine(a: number, b: number, portA: number, portB: number): number {
  return ((a + b) ^ Math.imul(portA + portB, 0x9e3779b1) ^ Math.imul(portA ^ portB, 0x85ebca6b)) >>> 0;
}

function foldAddress(data: Uint8Array, at: number, length: 4 | 16): number {
  let h = 0;
  for (let i = 0; i < length; i += 4) {
    const word = ((data[at + i] ?? 0) << 24) | ((data[at + i + 1] ?? 0) << 16) | ((data[at + i + 2] ?? 0) << 8) | (data[at + i + 3] ?? 0);
    h = Math.imul(h ^ word, 0x01000193) + word;
  }
  return h >>> 0;
}
