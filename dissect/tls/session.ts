/**
 * One connection's TLS, fed with its reassembled TCP bytes: finds where TLS starts (at once, or
 * after a STARTTLS-style plaintext phase), deframes records, reassembles and decodes handshake
 * messages, follows ChangeCipherSpec and TLS 1.3 key stages, and hands protected records to a
 * RecordOpener (the decryption layer) when one is attached. Without one, protected records stay
 * ciphertext and application data is not even buffered, which keeps key-less dissection fast.
 * Also what every TLS-family session shares with DTLS over UDP (dtls/session.ts): the session as
 * listeners and reports see it (`TlsSession`), and the reading of handshake messages, alerts and
 * heartbeats.
 */
import type { Transport } from '../transport.js';
import { u16 } from '../bytes.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { ConnectionHandler, Endpoint, TcpConnection } from '../tcp/connection.js';
import type { Direction, StreamChunk, StreamGap } from '../tcp/half-stream.js';
import { RecordDeframer } from './deframer.js';
import { findHelloRecord, sniffTls } from './detect.js';
import { HandshakeReassembler, type HandshakeMessage } from './handshake-reassembler.js';
import { decodeHandshake } from './messages/decode.js';
import { decodeSslv2ClientHello } from './messages/sslv2-client-hello.js';
import type { HandshakeContext } from './messages/context.js';
import type { DecodedHandshake } from './messages/types.js';
import { keyTypeOf } from './messages/signature.js';
import { Negotiation, sideOf } from './negotiation.js';
import type { TlsRecord } from './record.js';
import { PlaintextLog, upgradeProtocol } from './starttls.js';
import { AlertLevel, ContentType, alertDescriptionName, alertLevelName } from './tables/index.js';

/** Bytes of plaintext scanned for a STARTTLS switch before a direction is called "not TLS". */
const PLAINTEXT_SCAN_LIMIT = 256 * 1024;
/** Enough bytes to carry a hello record signature across chunk boundaries. */
const SCAN_CARRY = 8;

export interface OpenedRecord {
  readonly contentType: number;
  readonly plaintext: Uint8Array;
}

/** What every decryption layer offers, over TCP or UDP. */
export interface DecryptionLayer {
  /** Whether protected records of this direction can be opened now or later (so their bytes are worth buffering). */
  mayOpen(direction: Direction): boolean;
}

/** The decryption layer, as a TCP session sees it. */
export interface RecordOpener extends DecryptionLayer {
  handshake(message: HandshakeMessage, decoded: DecodedHandshake, session: TlsSession): void;
  changeCipherSpec(direction: Direction, session: TlsSession): void;
  /** Opens a protected record; undefined when it cannot (the opener records why). */
  open(record: TlsRecord, fragment: Uint8Array | undefined): OpenedRecord | undefined;
  /** A capture gap hit a direction's records. */
  gap?(direction: Direction, frame: number): void;
}

/** The flow a session runs on: Wireshark's tcp.stream or udp.stream number and the two ends. */
export interface SessionFlow {
  readonly index: number;
  readonly client: Endpoint;
  readonly server: Endpoint;
}

/**
 * A TLS-family session as listeners, summaries and reports see it: TLS over a TCP connection
 * (TcpTlsSession) or DTLS over a UDP conversation (DtlsSession).
 */
export interface TlsSession {
  readonly transport: Transport;
  readonly connection: SessionFlow;
  readonly negotiation: Negotiation;
  readonly diagnostics: readonly Diagnostic[];
  /** The plaintext upgrade TLS followed, if any (TCP only). */
  readonly startTls: StartTlsInfo | undefined;
  readonly opener: DecryptionLayer | undefined;
  /** Whether any TLS (or DTLS) was seen. */
  readonly isTls: boolean;
  /** Records seen each way, client then server. */
  readonly sides: readonly [{ readonly records: number }, { readonly records: number }];
  report(d: Diagnostic): void;
}

export interface TlsRecordEvent {
  readonly session: TlsSession;
  readonly record: TlsRecord;
  /** True when the record was protected (encrypted) on the wire. */
  readonly protected: boolean;
  /** The decrypted content, when the opener could open it. */
  readonly opened: OpenedRecord | undefined;
}

export interface TlsListener {
  record?(event: TlsRecordEvent): void;
  message?(session: TlsSession, message: HandshakeMessage, decoded: DecodedHandshake): void;
  /**
   * A DTLS handshake message sent again whole (a retransmitted flight), already told once through
   * `message`: decoded for what a frame shows (display filters), nothing is learned from it.
   */
  retransmittedMessage?(session: TlsSession, message: HandshakeMessage, decoded: DecodedHandshake): void;
  applicationData?(session: TlsSession, direction: Direction, plaintext: Uint8Array, record: TlsRecord): void;
  /** Bytes that are not TLS: a plaintext phase before STARTTLS, or a connection that never speaks TLS. */
  plaintext?(session: TlsSession, chunk: StreamChunk): void;
  sessionEnded?(session: TlsSession): void;
}

type Mode = 'sniff' | 'plaintext' | 'tls' | 'not-tls';

/** A zero-length placeholder, shared: sniff and carry buffers are replaced, never written into. */
const EMPTY = new Uint8Array(0);

interface SideParsers {
  readonly plaintext: PlaintextLog;
  readonly deframer: RecordDeframer;
  readonly handshake: HandshakeReassembler;
}

/**
 * One direction of the session. Its parsers are built when its first byte arrives (see
 * TcpTlsSession.parse): a flood of half-open connections (a SYN scan) then costs a few small
 * objects each, not a record layer.
 */
class SideState {
  mode: Mode = 'sniff';
  /** First bytes, while deciding. */
  sniffed: Uint8Array = EMPTY;
  /** The tail of the plaintext phase, so a hello header split across chunks is still found. */
  carry: Uint8Array = EMPTY;
  /** TLS 1.2 and below: records after this side's ChangeCipherSpec are protected. */
  protected = false;
  records = 0;
  lastFrame = 0;
  parsers: SideParsers | undefined;

  constructor(readonly direction: Direction) {}
}

export interface TlsSessionOptions {
  /**
   * Application data records' fragments (TlsRecordEvent.record.fragment) are valid only during
   * their record event, and their buffers are reused: for consumers that decrypt and write each
   * record at once (export), so that no record costs an allocation.
   */
  readonly reuseRecordBuffers?: boolean;
}

/** Makes a connection's decryption layer when TLS is first seen on it (DecryptionContext is one). */
export interface OpenerFactory {
  decryptorFor(stream: number): RecordOpener;
}

export interface StartTlsInfo {
  readonly protocol: string | undefined;
  /** First frame carrying TLS after the plaintext phase. */
  readonly frame: number;
}

export class TcpTlsSession implements TlsSession, ConnectionHandler {
  readonly transport = 'tcp';
  readonly diagnostics: Diagnostic[] = [];
  readonly sides: readonly [SideState, SideState];
  startTls: StartTlsInfo | undefined;
  /** The decryption layer, made when TLS is first seen (a connection that never speaks TLS needs none). */
  opener: RecordOpener | undefined;
  /** Whether any TLS was seen on the connection. */
  isTls = false;
  private negotiated: Negotiation | undefined;

  constructor(
    readonly connection: TcpConnection,
    private readonly listener: TlsListener = {},
    private readonly openers?: OpenerFactory,
    private readonly options: TlsSessionOptions = {},
  ) {
    this.sides = [new SideState(0), new SideState(1)];
  }

  /** Made on first use: a connection that never speaks TLS needs none. */
  get negotiation(): Negotiation {
    return (this.negotiated ??= new Negotiation());
  }

  report(d: Diagnostic): void {
    if (this.diagnostics.length < 200) this.diagnostics.push(d);
  }

  data(chunk: StreamChunk): void {
    const side = this.sides[chunk.direction];
    switch (side.mode) {
      case 'tls':
        this.parse(side).deframer.push(chunk);
        return;
      case 'sniff':
        this.sniff(side, chunk);
        return;
      case 'plaintext':
        this.scanPlaintext(side, chunk);
        return;
      case 'not-tls':
        this.listener.plaintext?.(this, chunk);
        return;
    }
  }

  gap(gap: StreamGap): void {
    const side = this.sides[gap.direction];
    if (side.mode === 'tls') {
      this.parse(side).deframer.gap(gap);
      this.parse(side).handshake.abandon(gap.frame);
      this.opener?.gap?.(gap.direction, gap.frame);
    }
  }

  close(): void {
    for (const side of this.sides) {
      if (side.mode === 'tls') this.parse(side).deframer.end(side.lastFrame);
    }
    this.listener.sessionEnded?.(this);
  }

  private parse(side: SideState): SideParsers {
    return (side.parsers ??= this.buildParsers(side.direction));
  }

  private buildParsers(direction: Direction): SideParsers {
    return {
      plaintext: new PlaintextLog(),
      deframer: new RecordDeframer(direction, {
        wants: (type) => {
          if (type !== ContentType.application_data) return true;
          if (this.opener?.mayOpen(direction) !== true) return false;
          return this.options.reuseRecordBuffers === true ? 'during' : true;
        },
        record: (record) => this.onRecord(record),
        report: (d) => this.report(d),
      }),
      handshake: new HandshakeReassembler(direction, (m) => this.onMessage(m), (d) => this.report(d)),
    };
  }

  private startTlsParsing(): void {
    if (this.isTls) return;
    this.isTls = true;
    this.opener = this.openers?.decryptorFor(this.connection.index);
  }

  private sniff(side: SideState, chunk: StreamChunk): void {
    const joined = join(side.sniffed, chunk.data);
    const verdict = sniffTls(joined);
    if (verdict === 'need-more') {
      side.sniffed = joined.slice();
      return;
    }
    const replay: StreamChunk = side.sniffed.length === 0 ? chunk : { ...chunk, data: joined, offset: chunk.offset - side.sniffed.length, frameOffset: -1 };
    side.sniffed = EMPTY;
    if (verdict === 'not-tls') {
      side.mode = 'plaintext';
      this.scanPlaintext(side, replay);
      return;
    }
    side.mode = 'tls';
    this.startTlsParsing();
    this.parse(side).deframer.push(replay);
  }

  /** Plaintext phase: keep it for display and watch for the hello record that starts TLS. */
  private scanPlaintext(side: SideState, chunk: StreamChunk): void {
    const direction = chunk.direction;
    const joined = join(side.carry, chunk.data);
    const found = findHelloRecord(joined, 0, direction === 0);
    if (found < 0) {
      this.parse(side).plaintext.add(chunk.data);
      this.listener.plaintext?.(this, chunk);
      side.carry = joined.slice(Math.max(0, joined.length - SCAN_CARRY));
      if (this.parse(side).plaintext.total > PLAINTEXT_SCAN_LIMIT) side.mode = 'not-tls';
      return;
    }
    const inChunk = found - side.carry.length;
    if (inChunk > 0) {
      const before = { ...chunk, data: chunk.data.subarray(0, inChunk) };
      this.parse(side).plaintext.add(before.data);
      this.listener.plaintext?.(this, before);
    }
    side.mode = 'tls';
    this.startTlsParsing();
    side.carry = EMPTY;
    if (this.startTls === undefined) {
      const [client, server] = this.sides;
      const protocol = upgradeProtocol(client.parsers?.plaintext.text ?? '', server.parsers?.plaintext.text ?? '');
      this.startTls = { protocol, frame: chunk.frame };
      this.report(diagnostic('tls.starttls', `${protocol ?? 'a plaintext protocol'} upgraded to TLS at frame ${chunk.frame}`, chunk.frame));
    }
    const rest: StreamChunk =
      inChunk >= 0
        ? { ...chunk, data: chunk.data.subarray(inChunk), offset: chunk.offset + inChunk, frameOffset: chunk.frameOffset < 0 ? -1 : chunk.frameOffset + inChunk }
        : { ...chunk, data: joined.subarray(found), offset: chunk.offset + inChunk, frameOffset: -1 };
    this.parse(side).deframer.push(rest);
  }

  private onRecord(record: TlsRecord): void {
    const side = this.sides[record.direction];
    side.records++;
    side.lastFrame = record.frame;
    if (record.sslv2) {
      this.onSslv2(record);
      return;
    }
    const isProtected = side.protected || record.contentType === ContentType.application_data;
    let opened: OpenedRecord | undefined;
    if (isProtected && record.contentType !== ContentType.change_cipher_spec) {
      opened = this.opener?.open(record, record.fragment);
      this.listener.record?.({ session: this, record, protected: true, opened });
      if (opened !== undefined) this.route(record, opened.contentType, opened.plaintext, true);
      return;
    }
    this.listener.record?.({ session: this, record, protected: false, opened: undefined });
    if (record.fragment !== undefined) this.route(record, record.contentType, record.fragment, false);
  }

  private route(record: TlsRecord, contentType: number, content: Uint8Array, encrypted: boolean): void {
    const direction = record.direction;
    const side = this.sides[direction];
    switch (contentType) {
      case ContentType.handshake:
        this.parse(side).handshake.push(content, { index: record.index, frame: record.frame, tsSec: record.tsSec, tsNsec: record.tsNsec, encrypted });
        return;
      case ContentType.change_cipher_spec:
        // TLS 1.3 keeps a ChangeCipherSpec record only for middlebox compatibility (RFC 8446 D.4);
        // a client sends it even before the ServerHello (with 0-RTT), when no key switch can be due.
        if (this.negotiation.tls13 || this.negotiation.serverHello === undefined) return;
        side.protected = true;
        if (direction === 1) this.negotiation.serverChangedCipherSpec();
        this.opener?.changeCipherSpec(direction, this);
        return;
      case ContentType.application_data:
        if (encrypted) this.listener.applicationData?.(this, direction, content, record);
        return;
      default:
        readOtherContent(this, record, contentType, content, encrypted);
    }
  }

  private onMessage(message: HandshakeMessage): void {
    const decoded = readMessage(this, message, {});
    this.opener?.handshake(message, decoded, this);
    this.listener.message?.(this, message, decoded);
  }

  private onSslv2(record: TlsRecord): void {
    if (record.fragment === undefined) return;
    const header = new Uint8Array(2 + record.fragment.length);
    header[0] = 0x80 | ((record.length >> 8) & 0x7f);
    header[1] = record.length & 0xff;
    header.set(record.fragment, 2);
    const result = decodeSslv2ClientHello(header);
    this.listener.record?.({ session: this, record, protected: false, opened: undefined });
    if (result.kind !== 'ok') {
      if (result.kind === 'invalid') this.report({ ...result.diagnostic, frame: record.frame });
      return;
    }
    this.report(diagnostic('tls.sslv2', 'the client opened with an SSLv2-compatible ClientHello', record.frame));
    this.negotiation.sslv2ClientHello(result.value, record.frame);
  }
}

function join(head: Uint8Array, tail: Uint8Array): Uint8Array {
  if (head.length === 0) return tail;
  const out = new Uint8Array(head.length + tail.length);
  out.set(head, 0);
  out.set(tail, head.length);
  return out;
}

/**
 * Decodes a whole handshake message with what the session has negotiated so far, reports its
 * diagnostics at its frame and applies it to the negotiation. `context` adds what the transport
 * knows (DTLS sets isDtls).
 */
/** Decodes a handshake message in the light of what the session has negotiated so far. */
export function decodeMessage(session: TlsSession, message: HandshakeMessage, context: Pick<HandshakeContext, 'isDtls'>): DecodedHandshake {
  const n = session.negotiation;
  const certificateKey = keyTypeOf(n.suite?.auth);
  return decodeHandshake(message.type, message.body, {
    ...context,
    direction: sideOf(message.direction),
    ...(n.version === undefined ? {} : { version: n.version }),
    ...(n.suite === undefined ? {} : { cipherSuite: n.suite }),
    ...(certificateKey === undefined ? {} : { certificateKey }),
  });
}

/** Decodes a handshake message, reports its anomalies and lets the negotiation learn from it. */
export function readMessage(session: TlsSession, message: HandshakeMessage, context: Pick<HandshakeContext, 'isDtls'>): DecodedHandshake {
  const decoded = decodeMessage(session, message, context);
  for (const d of decoded.diagnostics) session.report({ ...d, frame: message.frame });
  session.negotiation.apply(decoded, sideOf(message.direction), message.frame, message.encrypted);
  return decoded;
}

/** Record content other than handshake, ChangeCipherSpec and application data: alerts, heartbeats, unknown types. */
export function readOtherContent(session: TlsSession, record: TlsRecord, contentType: number, content: Uint8Array, encrypted: boolean): void {
  if (contentType === ContentType.alert) readAlerts(session, record, content, encrypted);
  else if (contentType === ContentType.heartbeat) readHeartbeat(session, record, content);
  else session.report(diagnostic('tls.record.unknown-type', `record of content type ${contentType}`, record.frame));
}

function readAlerts(session: TlsSession, record: TlsRecord, content: Uint8Array, encrypted: boolean): void {
  if (content.length < 2) {
    session.report(diagnostic('tls.alert', `an alert record of ${content.length} bytes is too short`, record.frame));
    return;
  }
  for (let at = 0; at + 1 < content.length; at += 2) {
    const level = content[at] ?? 0;
    const description = content[at + 1] ?? 0;
    session.negotiation.alert(level, description, sideOf(record.direction), record.frame, encrypted);
    const code = level === AlertLevel.fatal ? 'tls.alert.fatal' : 'tls.alert';
    session.report(diagnostic(code, `${sideOf(record.direction)} sent ${alertLevelName(level)} alert ${alertDescriptionName(description)}`, record.frame));
  }
}

/** RFC 6520 4: a heartbeat whose payload_length exceeds what it carries is the Heartbleed read. */
function readHeartbeat(session: TlsSession, record: TlsRecord, content: Uint8Array): void {
  if (content.length < 3) return;
  const claimed = u16(content, 1);
  const carried = content.length - 3 - 16;
  if (claimed > Math.max(0, carried)) {
    session.report(diagnostic('tls.heartbeat.overread', `a heartbeat claims ${claimed} bytes of payload but carries ${Math.max(0, carried)}`, record.frame));
  } else {
    session.report(diagnostic('tls.heartbeat', `${sideOf(record.direction)} sent a heartbeat`, record.frame));
  }
}
