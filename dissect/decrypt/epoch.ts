/**
 * One direction's record protection under one set of keys: a RecordDecryptor plus the sequence
 * number it expects next. keyhole counts TLS sequence numbers itself so that a trial decryption
 * (TLS 1.3 early data against handshake keys) can fail without moving the count; DTLS records
 * name theirs (RFC 6347 4.1) and are opened at it.
 */
import { RecordDecryptor, type DecryptedRecord } from '../crypto/record-decryptor.js';
import type { CipherSuiteInfo } from '../tls/tables/index.js';

export type EpochKind = 'tls12' | 'early' | 'handshake' | 'application';

export class Epoch {
  private next = 0n;
  private readonly decryptor: RecordDecryptor;

  constructor(
    readonly kind: EpochKind,
    readonly suite: CipherSuiteInfo,
    readonly version: number,
    keys: { readonly key: Uint8Array; readonly iv: Uint8Array; readonly macKey: Uint8Array },
    options: { readonly encryptThenMac?: boolean; readonly compression?: number } = {},
    /** The TLS 1.3 traffic secret behind the keys, for KeyUpdate. */
    readonly secret?: Uint8Array,
  ) {
    this.decryptor = new RecordDecryptor({ suite, version, key: keys.key, iv: keys.iv, macKey: keys.macKey, ...options });
  }

  get unsupportedReason(): string | undefined {
    return this.decryptor.unsupportedReason;
  }

  /** Opens a record and moves the sequence number on, whatever the outcome (the sender's did). */
  open(contentType: number, version: number, fragment: Uint8Array): DecryptedRecord {
    const result = this.decryptor.decrypt(contentType, version, fragment, this.next);
    this.next++;
    return result;
  }

  /** DTLS: opens a record at the epoch || sequence_number of its header; the TLS count is not used. */
  openAt(contentType: number, version: number, fragment: Uint8Array, sequence: bigint): DecryptedRecord {
    return this.decryptor.decrypt(contentType, version, fragment, sequence);
  }

  /** Opens a record only if it verifies; a failure leaves the sequence number where it was. */
  try(contentType: number, version: number, fragment: Uint8Array): DecryptedRecord | undefined {
    const result = this.decryptor.decrypt(contentType, version, fragment, this.next);
    if (result.verdict !== 'ok') return undefined;
    this.next++;
    return result;
  }

  /** A record of this epoch was lost in a capture gap: its number is used up. */
  skip(): void {
    this.next++;
  }
}
