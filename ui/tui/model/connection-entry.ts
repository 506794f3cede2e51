/**
 * What the UI keeps of one TCP connection while indexing: live counters while it is open, the
 * ConnectionReport (dissect/report.ts) once it closes, the frame numbers it owns and its TLS
 * records and handshake messages as compact columns (RFC 8446 5.1 records, 4 handshake messages).
 */
import type { ConnectionReport } from '../../../dissect/report.js';
import type { TlsSession } from '../../../dissect/tls/session.js';
import { Column, uint32, uint8 } from './column.js';

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

export class ConnectionEntry {
  packets = 0;
  frameBytes = 0;
  isTls = false;
  /** Set when the connection closes and its report is built. */
  report: ConnectionReport | undefined;
  /** The live TLS session while the connection is open, for what it has negotiated so far. */
  session: TlsSession | undefined;
  readonly frames = new Column(uint32, 8);
  readonly events = new TlsEvents();

  constructor(
    readonly stream: number,
    readonly client: string,
    readonly server: string,
  ) {}

  addFrame(frame: number, bytes: number): void {
    this.frames.push(frame);
    this.packets++;
    this.frameBytes += bytes;
  }
}
