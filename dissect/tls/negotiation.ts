/**
 * What a TLS connection's handshakes settled, updated message by message: versions offered and
 * chosen (RFC 8446 4.2.1 supported_versions decides, not the record version), cipher suite,
 * randoms, session ids and tickets, SNI, ALPN, extended master secret (RFC 7627), encrypt-then-MAC
 * (RFC 7366), certificates, resumption (abbreviated handshakes; RFC 8446 pre_shared_key),
 * renegotiations and alerts. Decryption and the summary both read this one state.
 */
import { findExtension } from './extensions/block.js';
import type { Extension, ExtensionBlock } from './extensions/types.js';
import type { ClientHello, DecodedHandshake, ServerHello } from './messages/types.js';
import { selectedVersion } from './messages/server-hello.js';
import type { Sslv2ClientHello } from './messages/sslv2-client-hello.js';
import { ExtensionType, cipherSuite, type CipherSuiteInfo } from './tables/index.js';
import { equalBytes } from '../bytes.js';
import type { Direction } from '../tcp/half-stream.js';

export type Side = 'client' | 'server';

export function sideOf(direction: Direction): Side {
  return direction === 0 ? 'client' : 'server';
}

export interface HandshakeStep {
  /** IANA name, e.g. "client_hello" ("hello_retry_request" for a HelloRetryRequest). */
  readonly type: string;
  readonly from: Side;
  readonly frame: number;
  /** Seen only after decryption (TLS 1.3 handshake, Finished, renegotiations). */
  readonly encrypted: boolean;
}

export interface AlertRecord {
  readonly level: number;
  readonly description: number;
  readonly from: Side;
  readonly frame: number;
  readonly encrypted: boolean;
}

export type Resumption = 'session-id' | 'ticket' | 'psk';

export class Negotiation {
  clientHello: ClientHello | undefined;
  sslv2Hello: Sslv2ClientHello | undefined;
  serverHello: ServerHello | undefined;
  clientRandom: Uint8Array | undefined;
  serverRandom: Uint8Array | undefined;
  /** The version both sides agreed on (supported_versions for TLS 1.3). */
  version: number | undefined;
  cipherSuiteId: number | undefined;
  suite: CipherSuiteInfo | undefined;
  compression = 0;
  clientSessionId: Uint8Array | undefined;
  serverSessionId: Uint8Array | undefined;
  /** The session ticket the client presented (RFC 5077), when non-empty. */
  ticket: Uint8Array | undefined;
  sni: string | undefined;
  alpnOffered: string[] = [];
  alpn: string | undefined;
  extendedMasterSecret = false;
  encryptThenMac = false;
  helloRetryRequest = false;
  earlyDataOffered = false;
  earlyDataAccepted = false;
  resumed: Resumption | undefined;
  renegotiations = 0;
  /** The server's certificate chain as sent (DER), leaf first. */
  serverCertificates: Uint8Array[] = [];
  clientCertificates: Uint8Array[] = [];
  clientCertificateRequested = false;
  readonly steps: HandshakeStep[] = [];
  readonly alerts: AlertRecord[] = [];
  /** Every ClientHello and ServerHello seen (renegotiations add more). */
  readonly hellos: Array<ClientHello | ServerHello> = [];
  private serverHelloDone = false;
  private sawServerHelloSinceDone = false;

  get tls13(): boolean {
    return this.version !== undefined && (this.version === 0x0304 || (this.version & 0xff00) === 0x7f00 || this.version === 0xfefc);
  }

  apply(message: DecodedHandshake, from: Side, frame: number, encrypted: boolean): void {
    const type = message.kind === 'server_hello' && message.isHelloRetryRequest ? 'hello_retry_request' : message.kind === 'unknown' ? `unknown_${message.type}` : message.kind;
    this.steps.push({ type, from, frame, encrypted });
    switch (message.kind) {
      case 'client_hello':
        this.onClientHello(message);
        return;
      case 'server_hello':
        this.onServerHello(message);
        return;
      case 'certificate': {
        const ders = (message.certificates?.items ?? []).map((entry) => entry.der.value.slice());
        if (from === 'server') this.serverCertificates = ders;
        else this.clientCertificates = ders;
        return;
      }
      case 'compressed_certificate': {
        const ders = (message.decompressed?.certificate.certificates?.items ?? []).map((entry) => entry.der.value.slice());
        if (from === 'server') this.serverCertificates = ders;
        else this.clientCertificates = ders;
        return;
      }
      case 'certificate_request':
        this.clientCertificateRequested = true;
        return;
      case 'server_hello_done':
        this.serverHelloDone = true;
        return;
      case 'encrypted_extensions': {
        const alpn = protocolsOf(findExtension(message.extensions, ExtensionType.application_layer_protocol_negotiation));
        if (alpn[0] !== undefined) this.alpn = alpn[0];
        if (findExtension(message.extensions, ExtensionType.early_data) !== undefined) this.earlyDataAccepted = true;
        return;
      }
      default:
        return;
    }
  }

  /**
   * The server changed cipher spec (TLS 1.2 and below): with no ServerHelloDone since its hello,
   * this was an abbreviated handshake, i.e. a resumed session.
   */
  serverChangedCipherSpec(): void {
    if (this.tls13 || !this.sawServerHelloSinceDone || this.serverHelloDone) return;
    this.sawServerHelloSinceDone = false;
    const echoed = this.serverSessionId !== undefined && this.serverSessionId.length > 0 && this.clientSessionId !== undefined && equalBytes(this.serverSessionId, this.clientSessionId);
    this.resumed = echoed ? 'session-id' : 'ticket';
  }

  /**
   * An SSLv2-compatible ClientHello (RFC 6101 E.1): the challenge, right-aligned and zero-padded
   * to 32 bytes, is the client random of the SSL 3.0/TLS handshake that follows.
   */
  sslv2ClientHello(hello: Sslv2ClientHello, frame: number): void {
    this.steps.push({ type: 'client_hello', from: 'client', frame, encrypted: false });
    const challenge = hello.challenge?.value;
    if (challenge !== undefined) {
      const random = new Uint8Array(32);
      random.set(challenge.subarray(Math.max(0, challenge.length - 32)), Math.max(0, 32 - challenge.length));
      this.clientRandom = random;
    }
    this.clientSessionId = hello.sessionId?.value.slice();
    this.sslv2Hello = hello;
  }

  alert(level: number, description: number, from: Side, frame: number, encrypted: boolean): void {
    this.alerts.push({ level, description, from, frame, encrypted });
  }

  private onClientHello(hello: ClientHello): void {
    if (this.clientHello !== undefined && this.serverHello !== undefined) this.renegotiations++;
    this.clientHello = hello;
    this.hellos.push(hello);
    this.clientRandom = hello.random?.value.slice();
    this.clientSessionId = hello.sessionId?.data.value.slice();
    const ticket = findExtension(hello.extensions, ExtensionType.session_ticket);
    this.ticket = ticket !== undefined && ticket.data.value.length > 0 ? ticket.data.value.slice() : undefined;
    const names = findExtension(hello.extensions, ExtensionType.server_name)?.body;
    if (names?.kind === 'server_name') {
      const host = names.names?.items.find((n) => n.hostName !== undefined)?.hostName?.text;
      if (host !== undefined) this.sni = host;
    }
    this.alpnOffered = protocolsOf(findExtension(hello.extensions, ExtensionType.application_layer_protocol_negotiation));
    this.earlyDataOffered = findExtension(hello.extensions, ExtensionType.early_data) !== undefined;
    // A new handshake starts: what the previous one settled no longer applies.
    this.serverHelloDone = false;
  }

  private onServerHello(hello: ServerHello): void {
    this.hellos.push(hello);
    if (hello.isHelloRetryRequest) {
      this.helloRetryRequest = true;
      this.version = selectedVersion(hello);
      return;
    }
    this.serverHello = hello;
    this.sawServerHelloSinceDone = true;
    this.serverHelloDone = false;
    this.serverRandom = hello.random?.value.slice();
    this.version = selectedVersion(hello);
    this.cipherSuiteId = hello.cipherSuite?.value;
    this.suite = this.cipherSuiteId === undefined ? undefined : cipherSuite(this.cipherSuiteId);
    this.compression = hello.compressionMethod?.value ?? 0;
    this.serverSessionId = hello.sessionId?.data.value.slice();
    const extensions: ExtensionBlock | undefined = hello.extensions;
    const both = (type: number) => findExtension(extensions, type) !== undefined && findExtension(this.clientHello?.extensions, type) !== undefined;
    this.extendedMasterSecret = both(ExtensionType.extended_master_secret);
    this.encryptThenMac = both(ExtensionType.encrypt_then_mac);
    const alpn = protocolsOf(findExtension(extensions, ExtensionType.application_layer_protocol_negotiation));
    if (alpn[0] !== undefined) this.alpn = alpn[0];
    if (this.tls13 && findExtension(extensions, ExtensionType.pre_shared_key) !== undefined) this.resumed = 'psk';
    else if (!this.tls13) this.resumed = undefined;
  }
}

function protocolsOf(extension: Extension | undefined): string[] {
  const body = extension?.body;
  if (body?.kind !== 'protocols') return [];
  return (body.protocols?.items ?? []).map((p) => p.text);
}
