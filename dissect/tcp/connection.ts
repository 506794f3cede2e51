/**
 * One TCP connection: its Wireshark stream index, client and server roles, both half-streams, and
 * a summary that outlives its buffers. Whoever consumes the reassembled bytes attaches a handler
 * when the connection opens.
 */
import type { Diagnostic, DiagnosticCode } from '../diagnostics.js';
import { formatAddress, formatEndpoint } from '../ip/address.js';
import { HalfStream, type HalfStreamLimits, type HalfStreamListener, type StreamChunk, type StreamGap } from './half-stream.js';

export interface Endpoint {
  readonly address: string;
  readonly port: number;
  /** "ip:port", IPv6 in brackets. */
  readonly text: string;
}

/**
 * An endpoint from its raw address. The text forms are made when first asked for: a table of
 * 100k connections should not hold 200k formatted addresses nobody prints.
 */
class RawEndpoint implements Endpoint {
  private formatted: string | undefined;

  constructor(
    private readonly raw: Uint8Array,
    readonly port: number,
  ) {}

  get address(): string {
    return (this.formatted ??= formatAddress(this.raw, 0, this.raw.length === 16 ? 16 : 4));
  }

  get text(): string {
    return formatEndpoint(this.address, this.port);
  }

  toJSON(): { address: string; port: number; text: string } {
    return { address: this.address, port: this.port, text: this.text };
  }
}

/** `raw` is kept, not copied: give it a copy that outlives the capture buffer. */
export function endpoint(raw: Uint8Array, port: number): Endpoint {
  return new RawEndpoint(raw, port);
}

/** What a consumer of the reassembled streams implements (a TLS session, an exporter, ...). */
export interface ConnectionHandler {
  data(chunk: StreamChunk): void;
  gap(gap: StreamGap): void;
  /** The connection ended (FIN both ways, RST, or end of capture); its buffers are about to be freed. */
  close?(): void;
}

export type CloseReason = 'fin' | 'rst' | 'end-of-capture' | 'evicted' | 'port-reuse';

export interface Time {
  readonly sec: number;
  readonly nsec: number;
}

/** Diagnostics kept per connection; further ones are only counted, so hostile input cannot grow memory. */
const MAX_KEPT_DIAGNOSTICS = 100;

const NO_COUNTS: ReadonlyMap<DiagnosticCode, number> = new Map();

export class TcpConnection implements HalfStreamListener {
  readonly halves: readonly [HalfStream, HalfStream];
  readonly packets: [number, number] = [0, 0];
  /** Frame bytes (captured lengths) each way, as tshark's conversation table counts them. */
  readonly frameBytes: [number, number] = [0, 0];
  readonly diagnostics: Diagnostic[] = [];
  private counts: Map<DiagnosticCode, number> | undefined;
  handler: ConnectionHandler | undefined;
  lastFrame: number;
  /** Time of the last packet (kept as two numbers: it changes with every packet). */
  lastSec: number;
  lastNsec: number;
  /** Packets the flow table had seen when this connection was last active (for idle eviction). */
  lastActivity = 0;
  closeReason: CloseReason | undefined;
  synSeen = false;

  constructor(
    /** Wireshark's tcp.stream: 0-based, in order of first packet. */
    readonly index: number,
    readonly client: Endpoint,
    readonly server: Endpoint,
    /** Raw addresses, for matching packets without building strings. */
    readonly clientAddress: Uint8Array,
    readonly serverAddress: Uint8Array,
    readonly firstFrame: number,
    readonly firstTime: Time,
    /** True when the capture missed the SYN and the roles were guessed. */
    readonly midstream: boolean,
    limits: HalfStreamLimits,
  ) {
    this.lastFrame = firstFrame;
    this.lastSec = firstTime.sec;
    this.lastNsec = firstTime.nsec;
    // The connection itself listens to its halves: no per-connection closures (see data/gap).
    this.halves = [new HalfStream(0, this, limits), new HalfStream(1, this, limits)];
  }

  /** In-order bytes from a half, for the handler (HalfStreamListener). */
  data(chunk: StreamChunk): void {
    this.handler?.data(chunk);
  }

  /** A hole a half gave up on, for the handler (HalfStreamListener). */
  gap(gap: StreamGap): void {
    this.handler?.gap(gap);
  }

  /** How often each diagnostic code was reported (also those past the kept list). */
  get diagnosticCounts(): ReadonlyMap<DiagnosticCode, number> {
    return this.counts ?? NO_COUNTS;
  }

  get lastTime(): Time {
    return { sec: this.lastSec, nsec: this.lastNsec };
  }

  get open(): boolean {
    return this.closeReason === undefined;
  }

  report(d: Diagnostic): void {
    this.counts ??= new Map();
    this.counts.set(d.code, (this.counts.get(d.code) ?? 0) + 1);
    if (this.diagnostics.length < MAX_KEPT_DIAGNOSTICS) this.diagnostics.push(d);
  }

  /** Ends the connection: holes are given up, held bytes delivered, the handler told. */
  close(reason: CloseReason, frame: number): void {
    if (this.closeReason !== undefined) return;
    this.closeReason = reason;
    this.halves[0].finish(frame);
    this.halves[1].finish(frame);
    this.handler?.close?.();
  }
}
