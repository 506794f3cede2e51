/**
 * The decryption layer of one DTLS session (RFC 6347 4.1.2, 4.2.6). Secrets, the pre-master
 * secret and the key block come from the TLS 1.2 key state shared with TLS (tls12-keys.ts), fed
 * with each message under its DTLS header as if unfragmented. Each direction gets one protection
 * per epoch, installed when it enters the epoch, and every record is opened at the epoch and
 * sequence number of its own header: lost, reordered and repeated records do not shift the rest.
 */
import { dtlsSequence } from '../crypto/sequence.js';
import type { DecryptorOptions } from '../decrypt/session-decryptor.js';
import type { Epoch } from '../decrypt/epoch.js';
import { countOpened, openedOrFailed } from '../decrypt/record-outcome.js';
import { Tls12Keys } from '../decrypt/tls12-keys.js';
import { DecryptionTracker } from '../decrypt/verdict.js';
import type { Direction } from '../tcp/half-stream.js';
import type { DecodedHandshake } from '../tls/messages/types.js';
import type { Negotiation } from '../tls/negotiation.js';
import type { DecryptionLayer, OpenedRecord } from '../tls/session.js';
import { unfragmentedHeader } from './fragment.js';
import type { DtlsHandshakeMessage } from './handshake-reassembler.js';
import type { DtlsRecord } from './record.js';

const SIDE = ['client', 'server'] as const;

export class DtlsDecryptor implements DecryptionLayer {
  readonly tracker = new DecryptionTracker();
  private readonly keys: Tls12Keys;
  /** Per direction, the protection of every epoch it entered with keys. */
  private readonly epochs: readonly [Map<number, Epoch>, Map<number, Epoch>] = [new Map(), new Map()];

  constructor(private readonly options: DecryptorOptions) {
    this.keys = new Tls12Keys(options, this.tracker);
  }

  mayOpen(direction: Direction): boolean {
    return this.options.secretsAvailable() || this.epochs[direction].size > 0;
  }

  handshake(message: DtlsHandshakeMessage, decoded: DecodedHandshake, n: Negotiation): void {
    this.keys.handshake(unfragmentedHeader(message.type, message.messageSeq, message.body.length), message.body, decoded, n);
  }

  /** `direction` entered `epoch` (at its ChangeCipherSpec, or at its first record of that epoch when the ChangeCipherSpec was not captured). */
  enterEpoch(direction: Direction, epoch: number, n: Negotiation): void {
    if (this.epochs[direction].has(epoch)) return;
    const protection = this.keys.changeCipherSpec(direction, n);
    if (protection !== undefined) this.epochs[direction].set(epoch, protection);
  }

  open(record: DtlsRecord, fragment: Uint8Array): OpenedRecord | undefined {
    this.tracker.protectedRecords++;
    const epoch = this.epochs[record.direction].get(record.epoch);
    if (epoch === undefined) {
      this.tracker.keysMissing(`no keys for epoch ${record.epoch} of the ${SIDE[record.direction]}: the handshake that started it was not captured`);
      return undefined;
    }
    const result = epoch.openAt(record.contentType, record.version, fragment, dtlsSequence(record.epoch, BigInt(record.sequence)));
    const opened = openedOrFailed(this.tracker, record, result);
    return opened === undefined ? undefined : countOpened(this.tracker, this.options.trace, record, opened);
  }
}
