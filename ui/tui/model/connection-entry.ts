/**
 * What the UI keeps of one TCP connection or UDP conversation while indexing: live counters
 * while it is open, its report (dissect/report.ts) once it closes, the frame numbers it owns and
 * its TLS or DTLS records and handshake messages as compact columns (RFC 8446 5.1 records,
 * 4 handshake messages).
 */
import type { Decryption, SessionReport } from '../../../dissect/report.js';
import { Column, uint32, uint8 } from './column.js';
import { flowOfKey, type Flow } from './flow-key.js';

export const EventKind = { record: 0, message: 1 } as const;

/** Bits of an event's flags column. */
export const EventFlag = {
  /** The record was protected on the wire. */
  protected: 1,
  /** The record was opened, or the message came out of a decrypted record. */
  decrypted: 2,
} as const;

/** One TLS record or handshake message, as the packet list and ladder read it. */
export interface TlsEvent {
  readonly kind: (typeof EventKind)[keyof typeof EventKind];
  readonly frame: number;
  readonly direction: 0 | 1;
  /** Content type of a record (the inner type once decrypted), handshake type of a message. */
  readonly type: number;
  readonly length: number;
  readonly protected: boolean;
  readonly decrypted: boolean;
}

/** A run of events' columns, as the indexing thread posts them. */
export interface EventColumns {
  readonly frame: Uint32Array;
  readonly kind: Uint8Array;
  readonly direction: Uint8Array;
  readonly type: Uint8Array;
  readonly length: Uint32Array;
  readonly flags: Uint8Array;
}

/** What an open connection's TLS has settled so far (the report tells it all once it closes). */
export interface LiveTls {
  readonly sni: string | undefined;
  readonly version: string | undefined;
  readonly cipher: string | undefined;
  /** The decryptor's verdict so far; undefined until it has opened a record. */
  readonly verdict: Decryption['status'] | undefined;
}

/** One connection's news since the last batch: counts to add, frames and events to append, facts to replace. */
export interface ConnectionDelta {
  /** The flow's key (flow-key.ts). */
  readonly key: number;
  readonly client: string;
  readonly server: string;
  readonly packets: number;
  readonly frameBytes: number;
  readonly isTls: boolean;
  readonly frames: Uint32Array;
  readonly events: EventColumns;
  readonly live: LiveTls | undefined;
  readonly report: SessionReport | undefined;
}

export class TlsEvents {
  private readonly frame = new Column(uint32, 8);
  private readonly kind = new Column(uint8, 8);
  private readonly direction = new Column(uint8, 8);
  private readonly type = new Column(uint8, 8);
  private readonly length = new Column(uint32, 8);
  private readonly flags = new Column(uint8, 8);

  get count(): number {
    return this.frame.length;
  }

  add(event: TlsEvent): void {
    this.frame.push(event.frame);
    this.kind.push(event.kind);
    this.direction.push(event.direction);
    this.type.push(event.type);
    this.length.push(event.length);
    this.flags.push((event.protected ? EventFlag.protected : 0) | (event.decrypted ? EventFlag.decrypted : 0));
  }

  columns(): EventColumns {
    return { frame: this.frame.values(), kind: this.kind.values(), direction: this.direction.values(), type: this.type.values(), length: this.length.values(), flags: this.flags.values() };
  }

  append(c: EventColumns): void {
    this.frame.append(c.frame);
    this.kind.append(c.kind);
    this.direction.append(c.direction);
    this.type.append(c.type);
    this.length.append(c.length);
    this.flags.append(c.flags);
  }

  at(i: number): TlsEvent {
    const flags = this.flags.at(i);
    return {
      kind: this.kind.at(i) === EventKind.message ? EventKind.message : EventKind.record,
      frame: this.frame.at(i),
      direction: this.direction.at(i) === 1 ? 1 : 0,
      type: this.type.at(i),
      length: this.length.at(i),
      protected: (flags & EventFlag.protected) !== 0,
      decrypted: (flags & EventFlag.decrypted) !== 0,
    };
  }

  /**
   * Events completed in `frame`. Events arrive in frame order (a record or message is told in
   * the frame that completes it), so a binary search finds the first.
   */
  inFrame(frame: number): TlsEvent[] {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.frame.at(mid) < frame) low = mid + 1;
      else high = mid;
    }
    const out: TlsEvent[] = [];
    for (let i = low; i < this.count && this.frame.at(i) === frame; i++) out.push(this.at(i));
    return out;
  }
}

export class ConnectionEntry implements Flow {
  packets = 0;
  frameBytes = 0;
  /** Whether TLS (over TCP) or DTLS (over UDP) was seen. */
  isTls = false;
  /** Set when the connection closes and its report is built. */
  report: SessionReport | undefined;
  /** What its TLS has negotiated so far, while the connection is open. */
  live: LiveTls | undefined;
  readonly frames = new Column(uint32, 8);
  readonly events = new TlsEvents();

  readonly transport: Flow['transport'];
  readonly index: number;

  constructor(
    /** The flow's key (flow-key.ts): what lists, caches and the view state know it by. */
    readonly key: number,
    readonly client: string,
    readonly server: string,
  ) {
    const flow = flowOfKey(key);
    this.transport = flow.transport;
    this.index = flow.index;
  }

  addFrame(frame: number, bytes: number): void {
    this.frames.push(frame);
    this.packets++;
    this.frameBytes += bytes;
  }

  /** This entry as news for the other thread (its counts are the batch's increments). */
  delta(): ConnectionDelta {
    return {
      key: this.key, client: this.client, server: this.server, packets: this.packets, frameBytes: this.frameBytes, isTls: this.isTls,
      frames: this.frames.values(), events: this.events.columns(), live: this.live, report: this.report,
    };
  }

  apply(d: ConnectionDelta): void {
    this.packets += d.packets;
    this.frameBytes += d.frameBytes;
    this.isTls ||= d.isTls;
    this.frames.append(d.frames);
    this.events.append(d.events);
    if (d.live !== undefined) this.live = d.live;
    if (d.report !== undefined) {
      this.report = d.report;
      this.live = undefined;
    }
  }
}
