/**
 * Why a session did or did not decrypt, kept while it runs: counts of protected records opened
 * and not, where the secret came from, and the first reason a user can act on. The verdict is
 * derived from these, never stored separately.
 */
import type { SecretSource } from '../secrets/store.js';

export type DecryptionStatus = 'decrypted' | 'partial' | 'not-decrypted';

/** Where a session's keys came from; 'null-cipher' when there was nothing to decrypt (NULL encryption). */
export type KeySource = SecretSource | 'null-cipher';

export interface DecryptionVerdict {
  readonly status: DecryptionStatus;
  readonly source: KeySource | undefined;
  /** One sentence, present unless every protected record decrypted. */
  readonly reason: string | undefined;
  readonly protectedRecords: number;
  readonly decryptedRecords: number;
  readonly failedRecords: number;
  /** Decrypted application data bytes, client to server and server to client. */
  readonly applicationBytes: readonly [number, number];
  /** Human detail of the secret's origin (which key log line, which key file); never the secret. */
  readonly sourceDetail: string | undefined;
}

export class DecryptionTracker {
  protectedRecords = 0;
  decryptedRecords = 0;
  failedRecords = 0;
  readonly applicationBytes: [number, number] = [0, 0];
  source: KeySource | undefined;
  sourceDetail: string | undefined;
  /** Why keys are missing (set when a handshake could not be solved). */
  private missingKeys: string | undefined;
  /** The first record-level failure (bad MAC, gap), with its frame. */
  private firstFailure: string | undefined;

  keysFound(source: KeySource, detail: string): void {
    this.source ??= source;
    this.sourceDetail ??= detail;
  }

  keysMissing(reason: string): void {
    this.missingKeys ??= reason;
  }

  recordFailed(reason: string): void {
    this.failedRecords++;
    this.firstFailure ??= reason;
  }

  /** A failure that is not a record's own (a capture gap), remembered as the reason. */
  note(reason: string): void {
    this.firstFailure ??= reason;
  }

  verdict(): DecryptionVerdict {
    const { protectedRecords, decryptedRecords, failedRecords } = this;
    let status: DecryptionStatus;
    if (decryptedRecords === 0) status = 'not-decrypted';
    else if (decryptedRecords < protectedRecords || this.firstFailure !== undefined) status = 'partial';
    else status = 'decrypted';
    let reason: string | undefined;
    if (status !== 'decrypted') {
      reason = this.missingKeys ?? this.firstFailure ?? (protectedRecords === 0 ? 'no encrypted records were captured' : 'some encrypted records could not be opened');
      if (status === 'partial' && this.missingKeys !== undefined && this.firstFailure !== undefined) reason = this.firstFailure;
    }
    return {
      status,
      source: this.source,
      reason,
      protectedRecords,
      decryptedRecords,
      failedRecords,
      applicationBytes: [this.applicationBytes[0], this.applicationBytes[1]],
      sourceDetail: this.sourceDetail,
    };
  }
}
