/**
 * The table of UDP conversations, numbered like Wireshark's udp.stream: a new 0-based index for
 * every address/port pair not seen before, both directions sharing it, in order of first packet.
 * Roles (documented, in order):
 * 1. the payload decides when it can: the caller's `clientHint` looks at the first datagram
 *    (DTLS: a ClientHello comes from the client, a HelloVerifyRequest or ServerHello goes to it);
 * 2. a payload the hint recognises without knowing who started (a DTLS record in the middle of a
 *    session) makes the higher port the client (ephemeral ports are high), the sender on a tie;
 * 3. anything else: the sender of the first datagram is the client.
 * Conversations stay open to the end of the capture (UDP has no close). The table holds at most
 * `maxConversations`; past that the least recently active one is closed, and a later datagram
 * between the same endpoints starts a new conversation.
 */
import { equalBytes, hex } from '../bytes.js';
import { diagnostic } from '../diagnostics.js';
import type { IpLayer } from '../ip/types.js';
import type { Packet } from '../packet.js';
import { endpoint } from '../tcp/connection.js';
import type { Direction } from '../tcp/half-stream.js';
import { UdpConversation, type Peer, type RoleBasis } from './conversation.js';
import type { UdpHeader } from './header.js';

/** What a datagram's payload says about its sender; undefined when the payload is not recognised. */
export type ClientHint = 'sender-is-client' | 'receiver-is-client' | 'unknown';

export interface UdpTableOptions {
  readonly maxConversations?: number;
  readonly clientHint?: (payload: Uint8Array) => ClientHint | undefined;
}

export interface UdpTableListener {
  /** A new conversation: the place to attach a handler before its first datagram is delivered. */
  opened?(conversation: UdpConversation): void;
  /** Every UDP packet, after its conversation has seen it. */
  datagram?(packet: Packet, conversation: UdpConversation, direction: Direction): void;
  closed?(conversation: UdpConversation): void;
}

const DEFAULT_MAX_CONVERSATIONS = 200_000;

export class UdpConversationTable {
  /** Open conversations by endpoint pair, least recently active first (re-inserted on every packet). */
  private readonly open = new Map<string, UdpConversation>();
  private nextIndex = 0;
  private readonly maxConversations: number;

  constructor(
    private readonly listener: UdpTableListener = {},
    private readonly options: UdpTableOptions = {},
  ) {
    this.maxConversations = options.maxConversations ?? DEFAULT_MAX_CONVERSATIONS;
  }

  get conversationCount(): number {
    return this.nextIndex;
  }

  process(packet: Packet): void {
    const { ip, udp } = packet;
    if (ip === undefined || udp === undefined) return;
    const source = endpointKey(ip, ip.sourceAt, udp.sourcePort);
    const destination = endpointKey(ip, ip.destinationAt, udp.destinationPort);
    const key = source < destination ? `${source} ${destination}` : `${destination} ${source}`;
    const payload = ip.data.subarray(udp.payloadStart, udp.payloadEnd);
    let conversation = this.open.get(key);
    if (conversation === undefined) {
      conversation = this.create(packet, ip, udp, payload);
    } else {
      this.open.delete(key);
    }
    this.open.set(key, conversation);
    const fromClient = udp.sourcePort === conversation.client.port && equalBytes(ip.data.subarray(ip.sourceAt, ip.sourceAt + ip.addressLength), conversation.clientAddress);
    const direction: Direction = fromClient ? 0 : 1;
    for (const d of packet.diagnostics) conversation.report(d);
    const frame = packet.frame;
    conversation.deliver(
      direction,
      { data: payload, frame: frame.number, frameOffset: ip.reassembled ? -1 : udp.payloadStart, tsSec: frame.tsSec, tsNsec: frame.tsNsec },
      frame.data.length,
    );
    this.listener.datagram?.(packet, conversation, direction);
    if (this.open.size > this.maxConversations) this.evictIdlest(frame.number);
  }

  /** The capture ended: every conversation closes. */
  finish(): void {
    for (const conversation of this.open.values()) this.close(conversation, 'end-of-capture');
    this.open.clear();
  }

  private create(packet: Packet, ip: IpLayer, udp: UdpHeader, payload: Uint8Array): UdpConversation {
    const { senderIsClient, basis } = roles(this.options.clientHint?.(payload), udp.sourcePort, udp.destinationPort);
    const sender = peer(ip, ip.sourceAt, udp.sourcePort);
    const receiver = peer(ip, ip.destinationAt, udp.destinationPort);
    const peers = senderIsClient ? { client: sender, server: receiver } : { client: receiver, server: sender };
    const frame = packet.frame;
    const conversation = new UdpConversation(this.nextIndex++, peers, frame.number, { sec: frame.tsSec, nsec: frame.tsNsec }, basis);
    this.listener.opened?.(conversation);
    return conversation;
  }

  private evictIdlest(frame: number): void {
    const [key, idlest] = this.open.entries().next().value ?? [];
    if (key === undefined || idlest === undefined) return;
    this.open.delete(key);
    idlest.report(diagnostic('udp.conversation-limit', `more than ${this.maxConversations} UDP conversations open at once; this idle one was closed early`, frame));
    this.close(idlest, 'evicted');
  }

  private close(conversation: UdpConversation, reason: 'end-of-capture' | 'evicted'): void {
    conversation.close(reason);
    this.listener.closed?.(conversation);
  }
}

/** The table's documented role rules (see the header comment). */
export function roles(hint: ClientHint | undefined, sourcePort: number, destinationPort: number): { senderIsClient: boolean; basis: RoleBasis } {
  if (hint === 'sender-is-client' || hint === 'receiver-is-client') return { senderIsClient: hint === 'sender-is-client', basis: 'payload' };
  if (hint === 'unknown' && sourcePort !== destinationPort) return { senderIsClient: sourcePort > destinationPort, basis: 'higher-port' };
  return { senderIsClient: true, basis: 'first-sender' };
}

function peer(ip: IpLayer, at: number, port: number): Peer {
  const address = ip.data.slice(at, at + ip.addressLength);
  return { endpoint: endpoint(address, port), address };
}

function endpointKey(ip: IpLayer, at: number, port: number): string {
  return `${hex(ip.data.subarray(at, at + ip.addressLength))}/${port}`;
}

