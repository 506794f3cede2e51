/**
 * The TLS 1.2-and-earlier half of a session's decryption, shared by TLS and DTLS (RFC 5246 7.1,
 * RFC 6347 4.2.6): the handshake transcript RFC 7627 hashes, the ClientKeyExchange, the master
 * secret found through the store, and the protection each direction switches to at its
 * ChangeCipherSpec, built from the keys of the handshake in progress. A ClientHello starts a new
 * handshake; a ticket issued for the session is remembered so a later resumption can use it.
 */
import { concatBytes } from '../bytes.js';
import type { DirectionKeys } from '../crypto/key-schedule-tls12.js';
import type { Found } from '../secrets/store.js';
import type { Direction } from '../tcp/half-stream.js';
import type { DecodedHandshake } from '../tls/messages/types.js';
import type { Negotiation } from '../tls/negotiation.js';
import type { CipherSuiteInfo } from '../tls/tables/index.js';
import { Epoch } from './epoch.js';
import type { DecryptorOptions } from './session-decryptor.js';
import { solveTls12 } from './tls12-secrets.js';
import type { DecryptionTracker } from './verdict.js';

const SIDE = ['client', 'server'] as const;

export class Tls12Keys {
  /** Keys of the handshake in progress, each direction installed at its ChangeCipherSpec. */
  private pending: { client: DirectionKeys; server: DirectionKeys } | undefined;
  private transcript: Uint8Array[] = [];
  private transcriptClosed = false;
  private encryptedPreMaster: Uint8Array | undefined;
  private sawClientKeyExchange = false;
  /** The master secret of the last solved handshake, with where it came from. */
  private master: Found<Uint8Array> | undefined;

  constructor(
    private readonly options: DecryptorOptions,
    private readonly tracker: DecryptionTracker,
  ) {}

  /**
   * One handshake message. `header` is the header the handshake hash covers with the body:
   * TLS's 4 bytes, or DTLS's 12 as if the message had come in one fragment.
   */
  handshake(header: Uint8Array, body: Uint8Array, decoded: DecodedHandshake, n: Negotiation): void {
    if (decoded.kind === 'client_hello') {
      this.pending = undefined;
      this.sawClientKeyExchange = false;
      this.encryptedPreMaster = undefined;
      this.transcriptClosed = false;
      this.transcript = [];
    }
    if (!this.transcriptClosed) this.transcript.push(header, body);
    if (decoded.kind === 'client_key_exchange') {
      this.sawClientKeyExchange = true;
      this.transcriptClosed = true;
      this.encryptedPreMaster = decoded.exchange?.kind === 'rsa' ? decoded.exchange.encryptedPreMasterSecret.value.slice() : undefined;
    } else if (decoded.kind === 'new_session_ticket') {
      // A ticket issued for this session (RFC 5077) resumes it later: remember which secret it names.
      if (!n.tls13 && this.master !== undefined && n.clientRandom !== undefined && decoded.ticket !== undefined) {
        this.options.store.remember({ clientRandom: n.clientRandom, ticket: decoded.ticket.data.value.slice(), masterSecret: this.master });
      }
    }
  }

  /** The protection `direction` switches to at its ChangeCipherSpec; the handshake's first one derives the keys. */
  changeCipherSpec(direction: Direction, n: Negotiation): Epoch | undefined {
    if (this.pending === undefined) this.solve(n);
    const keys = this.pending?.[SIDE[direction]];
    const suite = n.suite;
    if (keys === undefined || suite === undefined || n.version === undefined) return this.nullCipherEpoch(n);
    return this.epoch(suite, n.version, keys, n);
  }

  private solve(n: Negotiation): void {
    const solution = solveTls12({
      negotiation: n,
      store: this.options.store,
      transcript: concatBytes(this.transcript),
      encryptedPreMaster: this.encryptedPreMaster,
      sawClientKeyExchange: this.sawClientKeyExchange,
    });
    if (!solution.ok) {
      this.tracker.keysMissing(solution.reason);
      return;
    }
    this.pending = solution.keys;
    this.master = solution.master;
    const { suite, version, clientRandom: random, serverRandom } = n;
    if (this.options.trace !== undefined && suite !== undefined && version !== undefined && random !== undefined && serverRandom !== undefined) {
      this.options.trace.tls12.push({
        version, suite, clientRandom: random, serverRandom, encryptedPreMaster: this.encryptedPreMaster,
        derivation: solution.derivation, masterSecret: solution.master.value, masterSource: solution.master.detail, keys: solution.keys,
      });
    }
    this.tracker.keysFound(solution.master.source, solution.master.detail);
    const clientRandom = n.clientRandom;
    if (clientRandom !== undefined) {
      this.options.store.remember({
        clientRandom,
        ...(n.serverSessionId === undefined ? {} : { sessionId: n.serverSessionId }),
        ...(n.ticket === undefined ? {} : { ticket: n.ticket }),
        masterSecret: solution.master,
      });
      this.options.onSolved?.({ clientRandom, masterSecret: solution.master.value });
    }
  }

  private epoch(suite: CipherSuiteInfo, version: number, keys: DirectionKeys, n: Negotiation): Epoch | undefined {
    const epoch = new Epoch('tls12', suite, version, keys, { encryptThenMac: n.encryptThenMac, compression: n.compression });
    if (epoch.unsupportedReason !== undefined) {
      this.tracker.keysMissing(epoch.unsupportedReason);
      return undefined;
    }
    return epoch;
  }

  /** NULL encryption needs no secret to read; the MAC goes unchecked without one. */
  private nullCipherEpoch(n: Negotiation): Epoch | undefined {
    const { suite, version } = n;
    if (suite === undefined || version === undefined || suite.cipher !== 'NULL' || suite.kex === 'NULL') return undefined;
    const empty = new Uint8Array(0);
    const epoch = this.epoch(suite, version, { key: empty, iv: empty, macKey: empty }, n);
    if (epoch !== undefined) this.tracker.keysFound('null-cipher', 'NULL encryption: the records are readable without keys (MACs not checked)');
    return epoch;
  }
}
