/**
 * Evaluates a compiled filter on every frame of an analyze() pass, keeping only the frame being
 * read. Use it as (part of) the AnalyzeListener, feed HTTP messages to `http()`, and call `end()`
 * once analyze() has resolved.
 *
 * Contract: a frame's values are those of its packet and of every TLS record, handshake message,
 * certificate and HTTP message that the pipeline produced while that frame was being processed
 * (which is where Wireshark shows a PDU reassembled across segments: in the frame completing it).
 * They are complete when the next frame's `frame()` event arrives, or at `end()`; the recorder
 * then evaluates the filter, calls `onFrame(number, matched)`, remembers the answer in one bit
 * and drops the values. A command that prints per frame buffers that frame's lines until
 * `onFrame` says whether to print them. `matches(n)` answers for frames already evaluated;
 * `connectionMatches(stream)` is true when at least one evaluated frame of that TCP stream matched,
 * `conversationMatches(stream)` the same for a UDP conversation (udp.stream).
 */
import type { AnalyzeListener } from '../analyze.js';
import { SessionDecryptor } from '../decrypt/session-decryptor.js';
import type { Packet } from '../packet.js';
import type { TcpConnection, Time } from '../tcp/connection.js';
import type { Direction } from '../tcp/half-stream.js';
import type { Transport } from '../transport.js';
import type { UdpConversation } from '../udp/conversation.js';
import type { HandshakeMessage } from '../tls/handshake-reassembler.js';
import type { DecodedHandshake } from '../tls/messages/types.js';
import { TcpTlsSession, type TlsRecordEvent, type TlsSession } from '../tls/session.js';
import { TlsSegments } from '../tls/segments.js';
import { loadX509, type X509 } from '../tls/x509/lazy.js';
import type { CertificateInfo } from '../tls/x509/types.js';
import type { CompiledFilter } from './compile.js';
import { CONNECTION_FIELDS, type ConnectionContext } from './fields/connection.js';
import { CONVERSATION_FIELDS, type ConversationContext } from './fields/conversation.js';
import { DTLS_MESSAGE_FIELDS, DTLS_RECORD_FIELDS } from './fields/dtls.js';
import { FRAME_FIELDS, type FrameContext } from './fields/frame.js';
import { HTTP_FIELDS, type HttpMessageFacts } from './fields/http.js';
import type { FieldSpec, FieldTable } from './fields/spec.js';
import { MESSAGE_FIELDS, messageContext, RECORD_FIELDS, sslv2HelloContext, type MessageContext } from './fields/tls.js';
import { CERTIFICATE_FIELDS } from './fields/x509.js';
import { FrameValues } from './values.js';

export interface FilterRecorderOptions {
  /** Told once per frame, in frame order, when its values are complete. */
  readonly onFrame?: (frame: number, matched: boolean) => void;
  /** The X.509 decoder, needed only when the filter reads certificate fields (see `FilterRecorder.create`). */
  readonly x509?: X509;
}

type Extractor<Context> = (context: Context, into: FrameValues) => void;

/** Reads only the fields the filter uses; undefined when it uses none of this table's. */
function extractor<Context>(table: FieldTable<Context>, used: ReadonlySet<string>): Extractor<Context> | undefined {
  const specs: Array<readonly [string, FieldSpec<Context>]> = Object.entries(table).filter(([name]) => used.has(name));
  if (specs.length === 0) return undefined;
  return (context, into) => {
    for (const [name, spec] of specs) for (const value of spec.values(context)) into.add(name, value);
  };
}

interface CurrentFrame {
  readonly number: number;
  readonly values: FrameValues;
  stream: number | undefined;
  /** The udp.stream of a UDP frame. */
  conversation: number | undefined;
  /** Whether a TLS record completed while the frame was read. */
  records: boolean;
}

interface ConnectionState {
  /** tcp.retransmission diagnostics counted so far, to tell which frame raised one. */
  retransmissions: number;
}

const RETRANSMISSION = 'tcp.retransmission';

export class FilterRecorder implements AnalyzeListener {
  private readonly fromFrame: Extractor<FrameContext> | undefined;
  private readonly fromConnection: Extractor<ConnectionContext> | undefined;
  private readonly fromConversation: Extractor<ConversationContext> | undefined;
  private readonly fromRecord: Extractor<TlsRecordEvent> | undefined;
  private readonly fromMessage: Extractor<MessageContext> | undefined;
  private readonly fromDtlsRecord: Extractor<TlsRecordEvent> | undefined;
  private readonly fromDtlsMessage: Extractor<MessageContext> | undefined;
  private readonly fromCertificate: Extractor<CertificateInfo> | undefined;
  private readonly fromHttp: Extractor<HttpMessageFacts> | undefined;
  private current: CurrentFrame | undefined;
  private first: Time | undefined;
  private matched = new Uint8Array(1024);
  private readonly matchedStreams = new Set<number>();
  private readonly matchedConversations = new Set<number>();
  private readonly connections = new WeakMap<object, ConnectionState>();
  /** Which segments Wireshark would hand to TLS (the `tls` field of a frame). */
  private readonly segments = new TlsSegments();

  /** Loads the X.509 decoder first when the filter reads certificate fields. */
  static async create(filter: CompiledFilter, options: Omit<FilterRecorderOptions, 'x509'> = {}): Promise<FilterRecorder> {
    const needsX509 = Object.keys(CERTIFICATE_FIELDS).some((name) => filter.fields.has(name));
    return new FilterRecorder(filter, needsX509 ? { ...options, x509: await loadX509() } : options);
  }

  constructor(
    readonly filter: CompiledFilter,
    private readonly options: FilterRecorderOptions = {},
  ) {
    const used = filter.fields;
    this.fromFrame = extractor(FRAME_FIELDS, used);
    this.fromConnection = extractor(CONNECTION_FIELDS, used);
    this.fromConversation = extractor(CONVERSATION_FIELDS, used);
    this.fromRecord = extractor(RECORD_FIELDS, used);
    this.fromMessage = extractor(MESSAGE_FIELDS, used);
    this.fromDtlsRecord = extractor(DTLS_RECORD_FIELDS, used);
    this.fromDtlsMessage = extractor(DTLS_MESSAGE_FIELDS, used);
    this.fromCertificate = extractor(CERTIFICATE_FIELDS, used);
    this.fromHttp = extractor(HTTP_FIELDS, used);
  }

  frame(packet: Packet): void {
    this.finishFrame();
    this.first ??= { sec: packet.frame.tsSec, nsec: packet.frame.tsNsec };
    this.current = { number: packet.frame.number, values: new FrameValues(), stream: undefined, conversation: undefined, records: false };
    this.fromFrame?.({ packet, first: this.first }, this.current.values);
  }

  packet(_packet: Packet, connection: TcpConnection, direction: Direction): void {
    const current = this.current;
    if (current === undefined) return;
    current.stream = connection.index;
    const state = this.stateOf(connection);
    const seen = connection.diagnosticCounts.get(RETRANSMISSION) ?? 0;
    const retransmission = seen > state.retransmissions;
    state.retransmissions = seen;
    // Called for every packet (not short-circuited): it also moves the tracker's offsets on.
    const startsRecord = this.segments.startsRecord(connection, direction);
    const carriesTls = current.records || startsRecord;
    this.fromConnection?.({ connection, retransmission, carriesTls, verdict: () => verdictOf(connection) }, current.values);
  }

  udpPacket(_packet: Packet, conversation: UdpConversation): void {
    const current = this.current;
    if (current === undefined) return;
    current.conversation = conversation.index;
    this.fromConversation?.({ conversation }, current.values);
  }

  record(event: TlsRecordEvent): void {
    const current = this.current;
    if (current === undefined) return;
    // DTLS records are dtls.* in Wireshark.
    if (event.session.transport === 'udp') {
      this.fromDtlsRecord?.(event, current.values);
      return;
    }
    current.records = true;
    this.segments.record(event);
    this.fromRecord?.(event, current.values);
    const sslv2 = event.record.sslv2 && event.record.fragment !== undefined ? sslv2HelloContext(event.record.fragment) : undefined;
    if (sslv2 !== undefined) this.fromMessage?.(sslv2, current.values);
  }

  /** A retransmitted DTLS message still shows its fields in the frame that carries it, as in Wireshark. */
  retransmittedMessage(session: TlsSession, message: HandshakeMessage, decoded: DecodedHandshake): void {
    this.message(session, message, decoded);
  }

  message(session: TlsSession, message: HandshakeMessage, decoded: DecodedHandshake): void {
    const values = this.current?.values;
    if (values === undefined) return;
    const fromMessage = session.transport === 'tcp' ? this.fromMessage : this.fromDtlsMessage;
    fromMessage?.(messageContext(message, decoded), values);
    const x509 = this.options.x509;
    if (this.fromCertificate === undefined || x509 === undefined || decoded.kind !== 'certificate') return;
    for (const entry of decoded.certificates?.items ?? []) {
      const certificate = x509.decodeCertificate(entry.der.value);
      if (certificate.kind === 'ok') this.fromCertificate(certificate.value, values);
    }
  }

  /** An HTTP message completed by the frame being read. */
  http(facts: HttpMessageFacts): void {
    if (this.current !== undefined) this.fromHttp?.(facts, this.current.values);
  }

  /** Evaluates the last frame; call once analyze() has resolved. */
  end(): void {
    this.finishFrame();
  }

  matches(frame: number): boolean {
    return ((this.matched[frame >> 3] ?? 0) & (1 << (frame & 7))) !== 0;
  }

  connectionMatches(stream: number): boolean {
    return this.matchedStreams.has(stream);
  }

  conversationMatches(stream: number): boolean {
    return this.matchedConversations.has(stream);
  }

  /** connectionMatches or conversationMatches, as a session report names its flow. */
  flowMatches(flow: { readonly transport: Transport; readonly stream: number }): boolean {
    return flow.transport === 'tcp' ? this.connectionMatches(flow.stream) : this.conversationMatches(flow.stream);
  }

  private stateOf(connection: object): ConnectionState {
    let state = this.connections.get(connection);
    if (state === undefined) {
      state = { retransmissions: 0 };
      this.connections.set(connection, state);
    }
    return state;
  }

  private finishFrame(): void {
    const current = this.current;
    if (current === undefined) return;
    this.current = undefined;
    const matched = this.filter.test(current.values.lookup);
    if (matched) {
      this.setMatched(current.number);
      if (current.stream !== undefined) this.matchedStreams.add(current.stream);
      if (current.conversation !== undefined) this.matchedConversations.add(current.conversation);
    }
    this.options.onFrame?.(current.number, matched);
  }

  private setMatched(frame: number): void {
    const byte = frame >> 3;
    if (byte >= this.matched.length) {
      const grown = new Uint8Array(Math.max(byte + 1, this.matched.length * 2));
      grown.set(this.matched);
      this.matched = grown;
    }
    this.matched[byte] = (this.matched[byte] ?? 0) | (1 << (frame & 7));
  }
}

function verdictOf(connection: TcpConnection): string | undefined {
  const session = connection.handler;
  if (!(session instanceof TcpTlsSession) || !session.isTls) return undefined;
  return session.opener instanceof SessionDecryptor ? session.opener.tracker.verdict().status : 'not-decrypted';
}
