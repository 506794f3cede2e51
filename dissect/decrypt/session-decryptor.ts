/**
 * The decryption layer of one TCP connection (a RecordOpener for its TLS session). It follows the
 * handshakes, finds secrets in the store, builds each direction's record protection at the right
 * moment, opens records and keeps the verdict:
 * - TLS 1.2 and earlier (RFC 5246 7.1, see tls12-keys.ts): keys are derived when the first
 *   ChangeCipherSpec of a handshake arrives (the client's in a full handshake, the server's in an
 *   abbreviated one) and each direction switches at its own ChangeCipherSpec; renegotiations
 *   repeat this under the old keys.
 * - TLS 1.3 (RFC 8446 7): traffic secrets come from the key log. The server switches to handshake
 *   keys after its ServerHello and to application keys after its Finished; the client's 0-RTT
 *   records use early keys until EndOfEarlyData (or, when the server refused them, are told apart
 *   from the handshake records by trial decryption), then handshake keys, then application keys
 *   after its Finished. KeyUpdate moves the sender to the next generation (RFC 8446 7.2).
 */
import { hex } from '../bytes.js';
import { nextTrafficSecret, trafficKeys } from '../crypto/key-schedule-tls13.js';
import type { SecretStore } from '../secrets/store.js';
import type { Tls13Secrets } from '../secrets/keylog-labels.js';
import type { Direction } from '../tcp/half-stream.js';
import type { HandshakeMessage } from '../tls/handshake-reassembler.js';
import { findExtension } from '../tls/extensions/block.js';
import type { DecodedHandshake } from '../tls/messages/types.js';
import type { Negotiation } from '../tls/negotiation.js';
import type { TlsRecord } from '../tls/record.js';
import type { OpenedRecord, RecordOpener, TlsSession } from '../tls/session.js';
import { ExtensionType, cipherSuite, type CipherSuiteInfo } from '../tls/tables/index.js';
import { Epoch, type EpochKind } from './epoch.js';
import type { ExplainTrace } from './explain-trace.js';
import { countOpened, openedOrFailed } from './record-outcome.js';
import { Tls12Keys } from './tls12-keys.js';
import { DecryptionTracker } from './verdict.js';

export interface SolvedSecrets {
  readonly clientRandom: Uint8Array;
  readonly masterSecret?: Uint8Array;
  readonly tls13?: Tls13Secrets;
}

export interface DecryptorOptions {
  readonly store: SecretStore;
  /** Whether any secret could exist for this run (keys, key logs, PSKs, DSBs seen so far). */
  readonly secretsAvailable: () => boolean;
  /** Called once per solved handshake, for --keylog-out. */
  readonly onSolved?: (secrets: SolvedSecrets) => void;
  /** Where to record the key schedule, for the one session `keyhole explain` tells. */
  readonly trace?: ExplainTrace;
}

const SIDE = ['client', 'server'] as const;
const TLS13_VERSION = 0x0304;

export class SessionDecryptor implements RecordOpener {
  readonly tracker = new DecryptionTracker();
  private readonly current: [Epoch | undefined, Epoch | undefined] = [undefined, undefined];
  /** TLS 1.2 and earlier: the transcript, the pre-master secret and the keys of the handshake in progress. */
  private readonly tls12: Tls12Keys;
  /** TLS 1.3 secrets of this session, and the client's epochs waiting for their turn. */
  private tls13: Tls13Secrets | undefined;
  private clientHandshake: Epoch | undefined;
  /** TLS 1.3 0-RTT: the client offered early data that may sit in records before its handshake ones. */
  private earlyDataPossible = false;

  constructor(private readonly options: DecryptorOptions) {
    this.tls12 = new Tls12Keys(options, this.tracker);
  }

  mayOpen(_direction: Direction): boolean {
    return this.options.secretsAvailable() || this.current[0] !== undefined || this.current[1] !== undefined;
  }

  handshake(message: HandshakeMessage, decoded: DecodedHandshake, session: TlsSession): void {
    const n = session.negotiation;
    this.tls12.handshake(tlsHeader(message), message.body, decoded, n);
    switch (decoded.kind) {
      case 'client_hello':
        this.onClientHello(n);
        return;
      case 'server_hello':
        if (!decoded.isHelloRetryRequest && n.tls13) this.startTls13(session);
        return;
      case 'finished':
        if (n.tls13) this.tls13Finished(message.direction, n);
        return;
      case 'end_of_early_data':
        this.current[0] = this.clientHandshake;
        this.earlyDataPossible = false;
        return;
      case 'key_update':
        this.keyUpdate(message.direction, n);
        return;
      default:
        return;
    }
  }

  changeCipherSpec(direction: Direction, session: TlsSession): void {
    this.current[direction] = this.tls12.changeCipherSpec(direction, session.negotiation);
  }

  open(record: TlsRecord, fragment: Uint8Array | undefined): OpenedRecord | undefined {
    const direction = record.direction;
    this.tracker.protectedRecords++;
    const epoch = this.current[direction];
    if (epoch === undefined) return undefined;
    if (fragment === undefined) {
      epoch.skip();
      this.tracker.recordFailed(record.missing > 0 ? `${record.missing} bytes of a ${SIDE[direction]} record were not captured (frame ${record.frame})` : `a ${SIDE[direction]} record's bytes were not kept (frame ${record.frame})`);
      return undefined;
    }
    const opened = this.openWith(epoch, record, fragment);
    return opened === undefined ? undefined : countOpened(this.tracker, this.options.trace, record, opened);
  }

  gap(direction: Direction, frame: number): void {
    this.tracker.note(`a gap in the ${SIDE[direction]}'s stream at frame ${frame} cut an encrypted record`);
  }

  private openWith(epoch: Epoch, record: TlsRecord, fragment: Uint8Array): OpenedRecord | undefined {
    const direction = record.direction;
    // TLS 1.3 client: 0-RTT records may precede the handshake ones; tell them apart by trying.
    if (direction === 0 && this.earlyDataPossible && epoch.kind !== 'application') {
      const handshake = this.clientHandshake;
      const early = epoch.kind === 'early' ? epoch.try(record.contentType, record.version, fragment) : undefined;
      if (early !== undefined) return { contentType: early.contentType, plaintext: early.plaintext };
      const asHandshake = handshake?.try(record.contentType, record.version, fragment);
      if (asHandshake !== undefined && handshake !== undefined) {
        this.current[0] = handshake;
        this.earlyDataPossible = false;
        return { contentType: asHandshake.contentType, plaintext: asHandshake.plaintext };
      }
      this.tracker.recordFailed(`0-RTT early data at frame ${record.frame} was not decrypted (no CLIENT_EARLY_TRAFFIC_SECRET for it)`);
      return undefined;
    }
    return openedOrFailed(this.tracker, record, epoch.open(record.contentType, record.version, fragment));
  }

  private onClientHello(n: Negotiation): void {
    if (n.clientHello !== undefined && findExtension(n.clientHello.extensions, ExtensionType.early_data) !== undefined) {
      this.earlyDataPossible = true;
      this.startEarlyData(n);
    }
  }

  /** 0-RTT records arrive before the ServerHello names the suite: use the offered TLS 1.3 suites, trying each. */
  private startEarlyData(n: Negotiation): void {
    const clientRandom = n.clientRandom;
    if (clientRandom === undefined) return;
    const found = this.options.store.tls13SecretsFor(clientRandom);
    const secret = found?.value.clientEarly;
    if (secret === undefined || found === undefined) return;
    const offered = (n.clientHello?.cipherSuites?.items ?? []).map((s) => cipherSuite(s.value)).filter((s): s is CipherSuiteInfo => s?.tls13 === true);
    const suite = offered[0];
    if (suite === undefined) return;
    const keys = trafficKeys(TLS13_VERSION, suite, secret);
    if (keys === undefined) return;
    this.current[0] = new Epoch('early', suite, TLS13_VERSION, { ...keys, macKey: new Uint8Array(0) }, {}, secret);
    this.tracker.keysFound(found.source, found.detail);
  }

  private startTls13(session: TlsSession): void {
    const n = session.negotiation;
    const { suite, version, clientRandom } = n;
    if (suite === undefined || version === undefined || clientRandom === undefined) return;
    const found = this.options.store.tls13SecretsFor(clientRandom);
    this.tls13 = found?.value;
    const secrets = found?.value ?? {};
    if (this.options.trace !== undefined && found !== undefined) this.options.trace.tls13 = { version, suite, secrets: found.value, source: found.detail, traffic: [] };
    const server = secrets.serverHandshake === undefined ? undefined : this.tls13Epoch('handshake', suite, version, secrets.serverHandshake, 'server handshake');
    const client = secrets.clientHandshake === undefined ? undefined : this.tls13Epoch('handshake', suite, version, secrets.clientHandshake, 'client handshake');
    this.current[1] = server;
    this.clientHandshake = client;
    if (!this.earlyDataPossible || this.current[0] === undefined) this.current[0] = client;
    if (found === undefined || (server === undefined && client === undefined)) {
      this.tracker.keysMissing(`TLS 1.3 needs a key log: a server key cannot decrypt it, and no key log has secrets for client random ${hex(clientRandom).slice(0, 16)}…`);
      return;
    }
    this.tracker.keysFound(found.source, found.detail);
    this.options.onSolved?.({ clientRandom, tls13: found.value });
  }

  private tls13Finished(direction: Direction, n: Negotiation): void {
    const { suite, version } = n;
    const secret = direction === 0 ? this.tls13?.client0 : this.tls13?.server0;
    if (suite === undefined || version === undefined) return;
    if (secret === undefined) {
      if (this.tls13 !== undefined) this.tracker.keysMissing(`the key log has no ${direction === 0 ? 'CLIENT' : 'SERVER'}_TRAFFIC_SECRET_0 for this session`);
      this.current[direction] = undefined;
      return;
    }
    this.current[direction] = this.tls13Epoch('application', suite, version, secret, `${SIDE[direction]} application`);
    if (direction === 0) this.earlyDataPossible = false;
  }

  private keyUpdate(direction: Direction, n: Negotiation): void {
    const epoch = this.current[direction];
    const { suite, version } = n;
    if (epoch?.secret === undefined || suite === undefined || version === undefined) return;
    const next = nextTrafficSecret(version, suite, epoch.secret);
    this.current[direction] = next === undefined ? undefined : this.tls13Epoch('application', suite, version, next, `${SIDE[direction]} application (after KeyUpdate)`);
  }

  private tls13Epoch(kind: EpochKind, suite: CipherSuiteInfo, version: number, secret: Uint8Array, name: string): Epoch | undefined {
    const keys = trafficKeys(version, suite, secret);
    if (keys === undefined) return undefined;
    this.options.trace?.tls13?.traffic.push({ name, secret, key: keys.key, iv: keys.iv });
    const epoch = new Epoch(kind, suite, version, { ...keys, macKey: new Uint8Array(0) }, {}, secret);
    if (epoch.unsupportedReason !== undefined) {
      this.tracker.keysMissing(epoch.unsupportedReason);
      return undefined;
    }
    return epoch;
  }
}

/** RFC 5246 7.4: the handshake hash covers each message with its 4-byte header. */
function tlsHeader(message: HandshakeMessage): Uint8Array {
  const length = message.body.length;
  return Uint8Array.of(message.type, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff);
}
