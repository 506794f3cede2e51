/**
 * One UDP conversation's DTLS (RFC 6347 DTLS 1.2, RFC 4347 DTLS 1.0, and OpenSSL's pre-0.9.8f
 * 0x0100), found by its record headers on any port. Every record of every datagram is read;
 * handshake fragments are reassembled and retransmitted messages dropped by message_seq; a
 * HelloVerifyRequest's cookie exchange is followed (the second ClientHello, with its own random,
 * is the one that counts); a ChangeCipherSpec moves its sender to the next epoch, and protected
 * records are opened at the epoch and sequence number of their own header. Repeated records
 * (duplicated datagrams) are dropped. The handshake state is the same Negotiation TLS keeps, and
 * listeners get the same events as for TLS over TCP.
 * Limitation: one DTLS session per UDP conversation; a new connection between the same ports is
 * read as part of the first.
 */
import { u16 } from '../bytes.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { Direction } from '../tcp/half-stream.js';
import type { RecordOrigin } from '../tls/handshake-reassembler.js';
import { Negotiation } from '../tls/negotiation.js';
import { decodeMessage, readMessage, readOtherContent, type TlsListener, type TlsSession } from '../tls/session.js';
import { ContentType } from '../tls/tables/index.js';
import type { Datagram, DatagramHandler, UdpConversation } from '../udp/conversation.js';
import type { DtlsDecryptor } from './decryptor.js';
import { decodeDtlsFragment } from './fragment.js';
import { DtlsHandshakeReassembler, type DtlsHandshakeMessage } from './handshake-reassembler.js';
import { DTLS_RECORD_HEADER, decodeDtlsRecord, isDtlsDatagram, type DtlsRecord, type DtlsRecordFields } from './record.js';
import { ReplayWindow } from './replay-window.js';

/** OpenSSL's pre-0.9.8f ChangeCipherSpec: the type byte and a 2-byte message_seq. */
const LEGACY_CHANGE_CIPHER_SPEC_LENGTH = 3;
/** Diagnostics kept per session; further ones are dropped. */
const MAX_KEPT_DIAGNOSTICS = 200;

interface DtlsSide {
  records: number;
  /** The epoch this side has entered (0 until its first ChangeCipherSpec). */
  epoch: number;
  readonly handshake: DtlsHandshakeReassembler;
  /** Replay windows by epoch. */
  readonly windows: Map<number, ReplayWindow>;
  replayed: number;
  lastFrame: number;
}

/** What DTLS repeats or mixes in, counted per session. */
export interface DtlsCounters {
  /** Handshake fragments of messages already read (retransmitted flights). */
  readonly retransmittedFragments: number;
  /** Records whose epoch and sequence number were seen before (duplicated datagrams), dropped. */
  readonly replayedRecords: number;
  /** Datagrams of the conversation that are not DTLS (before it started, or multiplexed beside it). */
  readonly otherDatagrams: number;
}

export class DtlsSession implements TlsSession, DatagramHandler {
  readonly transport = 'udp';
  readonly negotiation = new Negotiation();
  readonly diagnostics: Diagnostic[] = [];
  readonly startTls = undefined;
  readonly sides: readonly [DtlsSide, DtlsSide];
  readonly opener: DtlsDecryptor | undefined;
  isTls = false;
  private otherDatagrams = 0;
  /** Whether a datagram that is not DTLS came after DTLS started (reported once). */
  private mixed = false;

  constructor(
    readonly connection: UdpConversation,
    private readonly listener: TlsListener = {},
    opener?: DtlsDecryptor,
  ) {
    this.opener = opener;
    this.sides = [this.side(0), this.side(1)];
  }

  get counters(): DtlsCounters {
    return {
      retransmittedFragments: this.sides[0].handshake.retransmitted + this.sides[1].handshake.retransmitted,
      replayedRecords: this.sides[0].replayed + this.sides[1].replayed,
      otherDatagrams: this.otherDatagrams,
    };
  }

  report(d: Diagnostic): void {
    if (this.diagnostics.length < MAX_KEPT_DIAGNOSTICS) this.diagnostics.push(d);
  }

  datagram(datagram: Datagram): void {
    // DTLS starts with a datagram of whole records; after that a datagram is DTLS if its first
    // record header is. Others (STUN beside WebRTC's DTLS, RFC 7983) are counted, not read.
    const dtls = this.isTls ? decodeDtlsRecord(datagram.data).kind !== 'invalid' && datagram.data.length >= DTLS_RECORD_HEADER : isDtlsDatagram(datagram.data);
    if (!dtls) {
      this.otherDatagrams++;
      if (this.isTls && !this.mixed) {
        this.mixed = true;
        this.report(diagnostic('tls.not-tls', 'a datagram of this DTLS conversation is not DTLS; such datagrams are counted and skipped', datagram.frame));
      }
      return;
    }
    this.isTls = true;
    for (let at = 0; at < datagram.data.length; ) {
      const decoded = decodeDtlsRecord(datagram.data, at);
      if (decoded.kind !== 'ok') {
        const why = decoded.kind === 'invalid' ? decoded.diagnostic : diagnostic('tls.record.truncated', `a DTLS record runs past the end of its datagram (${datagram.data.length - at} bytes left)`);
        this.report({ ...why, frame: datagram.frame });
        return;
      }
      this.onRecord(this.record(datagram, at, decoded.value), decoded.value.fragment);
      at += decoded.used;
    }
  }

  close(): void {
    for (const side of this.sides) side.handshake.finish(side.lastFrame);
    this.listener.sessionEnded?.(this);
  }

  private side(direction: Direction): DtlsSide {
    return {
      records: 0,
      epoch: 0,
      handshake: new DtlsHandshakeReassembler(direction, (m) => this.onMessage(m), (d) => this.report(d), (m) => this.onResent(m)),
      windows: new Map(),
      replayed: 0,
      lastFrame: 0,
    };
  }

  private record(datagram: Datagram, at: number, fields: DtlsRecordFields): DtlsRecord {
    const side = this.sides[datagram.direction];
    const streamOffset = datagram.offset + at;
    return {
      direction: datagram.direction,
      index: side.records++,
      contentType: fields.contentType,
      version: fields.version,
      epoch: fields.epoch,
      sequence: fields.sequence,
      length: fields.length,
      streamOffset,
      frame: datagram.frame,
      tsSec: datagram.tsSec,
      tsNsec: datagram.tsNsec,
      spans: [{ frame: datagram.frame, frameOffset: datagram.frameOffset < 0 ? -1 : datagram.frameOffset + at, streamOffset, length: DTLS_RECORD_HEADER + fields.length }],
      fragment: fields.fragment,
      missing: 0,
      sslv2: false,
    };
  }

  private onRecord(record: DtlsRecord, fragment: Uint8Array): void {
    const side = this.sides[record.direction];
    side.lastFrame = record.frame;
    const isProtected = record.epoch > 0;
    if (this.replayed(side, record)) {
      side.replayed++;
      this.listener.record?.({ session: this, record, protected: isProtected, opened: undefined });
      return;
    }
    if (!isProtected) {
      this.listener.record?.({ session: this, record, protected: false, opened: undefined });
      this.route(record, record.contentType, fragment, false);
      return;
    }
    // The header says the sender moved on even when its ChangeCipherSpec was not captured.
    if (record.epoch > side.epoch) this.enterEpoch(record, record.epoch);
    const opened = this.opener?.open(record, fragment);
    this.listener.record?.({ session: this, record, protected: true, opened });
    if (opened !== undefined) this.route(record, opened.contentType, opened.plaintext, true);
  }

  private replayed(side: DtlsSide, record: DtlsRecord): boolean {
    let window = side.windows.get(record.epoch);
    if (window === undefined) {
      window = new ReplayWindow();
      side.windows.set(record.epoch, window);
    }
    return window.replayed(record.sequence);
  }

  private route(record: DtlsRecord, contentType: number, content: Uint8Array, encrypted: boolean): void {
    switch (contentType) {
      case ContentType.handshake:
        this.readFragments(record, content, encrypted);
        return;
      case ContentType.change_cipher_spec:
        // OpenSSL before 0.9.8f gave it a message_seq (after the type byte) like a handshake message.
        if (content.length === LEGACY_CHANGE_CIPHER_SPEC_LENGTH) this.sides[record.direction].handshake.passOver(u16(content, 1), origin(record, encrypted));
        // RFC 6347 4.1: the epoch is incremented on each ChangeCipherSpec; a repeated one (a
        // retransmitted flight) names an epoch its sender already entered.
        if (record.epoch + 1 > this.sides[record.direction].epoch) this.enterEpoch(record, record.epoch + 1);
        return;
      case ContentType.application_data:
        if (encrypted) this.listener.applicationData?.(this, record.direction, content, record);
        return;
      default:
        readOtherContent(this, record, contentType, content, encrypted);
    }
  }

  private enterEpoch(record: DtlsRecord, epoch: number): void {
    const direction = record.direction;
    const side = this.sides[direction];
    side.epoch = epoch;
    // The sender's flight ended with it: messages held behind uncaptured ones go on now.
    side.handshake.skipHoles(origin(record, false));
    const n = this.negotiation;
    if (n.tls13 || n.serverHello === undefined) return;
    if (direction === 1) n.serverChangedCipherSpec();
    this.opener?.enterEpoch(direction, epoch, n);
  }

  private readFragments(record: DtlsRecord, content: Uint8Array, encrypted: boolean): void {
    const reassembler = this.sides[record.direction].handshake;
    const from = origin(record, encrypted);
    for (let at = 0; at < content.length; ) {
      const fragment = decodeDtlsFragment(content, at);
      if (fragment.kind !== 'ok') {
        const why = fragment.kind === 'invalid' ? fragment.diagnostic : diagnostic('tls.handshake.malformed', `a DTLS handshake fragment runs past the end of its record (${content.length - at} bytes left)`);
        this.report({ ...why, frame: record.frame });
        return;
      }
      reassembler.push(fragment.value, from, at);
      at += fragment.used;
    }
  }

  private onMessage(message: DtlsHandshakeMessage): void {
    const decoded = readMessage(this, message, { isDtls: true });
    this.opener?.handshake(message, decoded, this.negotiation);
    this.listener.message?.(this, message, decoded);
  }

  /** Only a listener that shows frames needs it: it is neither read into the negotiation nor decrypted with. */
  private onResent(message: DtlsHandshakeMessage): void {
    if (this.listener.retransmittedMessage !== undefined) this.listener.retransmittedMessage(this, message, decodeMessage(this, message, { isDtls: true }));
  }
}

function origin(record: DtlsRecord, encrypted: boolean): RecordOrigin {
  return { index: record.index, frame: record.frame, tsSec: record.tsSec, tsNsec: record.tsNsec, encrypted };
}
