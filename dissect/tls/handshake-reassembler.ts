/**
 * Handshake messages from handshake records (RFC 8446 5.1: "handshake messages MAY be coalesced
 * into a single record or fragmented across several"). Each message is copied out whole, bounded
 * by MAX_MESSAGE: a message claiming more is skipped with a diagnostic, without buffering it.
 */
import { u24 } from '../bytes.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { Direction } from '../tcp/half-stream.js';

/** Longest handshake message kept (certificate chains run to tens of KiB; 16 MiB claims are attacks). */
export const MAX_MESSAGE = 1024 * 1024;
const HEADER = 4;

/** Where part of a message sits inside a record's (plaintext) fragment. */
export interface MessagePiece {
  readonly recordIndex: number;
  readonly offset: number;
  readonly length: number;
}

export interface HandshakeMessage {
  readonly direction: Direction;
  readonly type: number;
  /** The message body (without the 4-byte header); owned by the message. */
  readonly body: Uint8Array;
  /** Header and body pieces in the records they came in. */
  readonly pieces: readonly MessagePiece[];
  /** Frame of the record that completed the message. */
  readonly frame: number;
  readonly tsSec: number;
  readonly tsNsec: number;
  /** True when the message arrived inside an encrypted record (TLS 1.3 handshake, Finished, renegotiation). */
  readonly encrypted: boolean;
}

export interface RecordOrigin {
  readonly index: number;
  readonly frame: number;
  readonly tsSec: number;
  readonly tsNsec: number;
  readonly encrypted: boolean;
}

export class HandshakeReassembler {
  private readonly header = new Uint8Array(HEADER);
  private headerFilled = 0;
  private body: Uint8Array | undefined;
  private bodyFilled = 0;
  private skipRemaining = 0;
  private pieces: MessagePiece[] = [];

  constructor(
    private readonly direction: Direction,
    private readonly emit: (message: HandshakeMessage) => void,
    private readonly report: (d: Diagnostic) => void,
  ) {}

  /** True while a message is split across records and waits for the rest. */
  get midMessage(): boolean {
    return this.headerFilled > 0 || this.body !== undefined || this.skipRemaining > 0;
  }

  push(fragment: Uint8Array, origin: RecordOrigin): void {
    let at = 0;
    while (at < fragment.length) {
      if (this.skipRemaining > 0) {
        const n = Math.min(this.skipRemaining, fragment.length - at);
        this.skipRemaining -= n;
        at += n;
        continue;
      }
      if (this.body === undefined) {
        const n = Math.min(HEADER - this.headerFilled, fragment.length - at);
        this.header.set(fragment.subarray(at, at + n), this.headerFilled);
        this.pieces.push({ recordIndex: origin.index, offset: at, length: n });
        this.headerFilled += n;
        at += n;
        if (this.headerFilled < HEADER) return;
        const length = u24(this.header, 1);
        if (length > MAX_MESSAGE) {
          this.report(diagnostic('tls.handshake.oversize', `a handshake message (type ${this.header[0]}) claims ${length} bytes; it was skipped`, origin.frame));
          this.skipRemaining = length;
          this.reset();
          continue;
        }
        this.body = new Uint8Array(length);
        this.bodyFilled = 0;
      }
      const body = this.body;
      const n = Math.min(body.length - this.bodyFilled, fragment.length - at);
      if (n > 0) {
        body.set(fragment.subarray(at, at + n), this.bodyFilled);
        const last = this.pieces[this.pieces.length - 1];
        if (last !== undefined && last.recordIndex === origin.index && last.offset + last.length === at) {
          this.pieces[this.pieces.length - 1] = { ...last, length: last.length + n };
        } else {
          this.pieces.push({ recordIndex: origin.index, offset: at, length: n });
        }
      }
      this.bodyFilled += n;
      at += n;
      if (this.bodyFilled === body.length) {
        this.emit({
          direction: this.direction,
          type: this.header[0] ?? 0,
          body,
          pieces: this.pieces,
          frame: origin.frame,
          tsSec: origin.tsSec,
          tsNsec: origin.tsNsec,
          encrypted: origin.encrypted,
        });
        this.reset();
      }
    }
  }

  /** Forget a partial message (a gap cut it, or the keys changed under it). */
  abandon(frame: number): void {
    if (this.midMessage) {
      this.report(diagnostic('tls.handshake.malformed', 'a handshake message was cut short and dropped', frame));
    }
    this.reset();
    this.skipRemaining = 0;
  }

  private reset(): void {
    this.headerFilled = 0;
    this.body = undefined;
    this.bodyFilled = 0;
    this.pieces = [];
  }
}
