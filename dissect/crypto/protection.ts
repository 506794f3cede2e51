/**
 * What every kind of record protection does with one protected record (RFC 5246 6.2.3,
 * RFC 8446 5.2): given the fragment and what the MAC or AEAD binds to it, give back the content
 * or say why not.
 */
import type { CipherSuiteInfo } from '../tls/tables/index.js';
import type { VersionTraits } from './protocol-version.js';

export interface ProtectedRecord {
  readonly contentType: number;
  /** The version in the record header, which MACs and AEAD additional data cover. */
  readonly version: number;
  /** The 64-bit sequence number, big-endian (epoch || sequence for DTLS). */
  readonly sequence: Uint8Array;
  readonly fragment: Uint8Array;
}

export type FailureVerdict = 'bad-mac' | 'bad-padding' | 'bad-length';

export type Opening =
  | {
    readonly kind: 'opened';
    readonly content: Uint8Array;
    /** The content type: the record's, or TLS 1.3's inner one. */
    readonly contentType: number;
    /** True when the MAC could not be checked (a NULL-cipher session seen without its secrets). */
    readonly macUnchecked: boolean;
  }
  | { readonly kind: 'failed'; readonly verdict: FailureVerdict; readonly message: string };

export interface RecordProtection {
  open(record: ProtectedRecord): Opening;
}

/** Everything a protection is built from: one direction's keys under one suite and version. */
export interface ProtectionSetup {
  readonly suite: CipherSuiteInfo;
  readonly traits: VersionTraits;
  readonly key: Uint8Array;
  readonly iv: Uint8Array;
  readonly macKey: Uint8Array;
  readonly encryptThenMac: boolean;
}

export function failed(verdict: FailureVerdict, message: string): Opening {
  return { kind: 'failed', verdict, message };
}
