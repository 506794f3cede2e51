/**
 * One direction of a TLS or DTLS connection's record protection, from SSL 3.0 to TLS 1.3
 * (RFC 6101 5.2, RFC 5246 6.2, RFC 8446 5.2, RFC 6347 4.1.2): it numbers records, opens them
 * with the suite's protection, inflates compressed ones (RFC 3749) and says what happened.
 * Build a new one whenever keys change (ChangeCipherSpec, TLS 1.3 key stages, KeyUpdate).
 */
import { type Diagnostic, type DiagnosticCode, diagnostic } from '../diagnostics.js';
import type { CipherSuiteInfo } from '../tls/tables/index.js';
import { ContentType } from '../tls/tables/index.js';
import { openProtection } from './open-protection.js';
import { type VersionTraits, versionTraits } from './protocol-version.js';
import type { FailureVerdict, RecordProtection } from './protection.js';
import { RecordInflater } from './record-inflater.js';
import { sequenceBytes, sequenceLabel } from './sequence.js';

export type DecryptVerdict = 'ok' | FailureVerdict | 'bad-compression' | 'unsupported';

export interface DecryptedRecord {
  readonly verdict: DecryptVerdict;
  /** The real content type: the record's, or the inner type of a TLS 1.3 record. */
  readonly contentType: number;
  /** The content, padding and MAC removed; empty unless the verdict is 'ok'. */
  readonly plaintext: Uint8Array;
  /** The sequence number the record was opened under. */
  readonly sequence: bigint;
  /** Why the verdict is not 'ok', or a note on an 'ok' record whose MAC went unchecked. */
  readonly diagnostic?: Diagnostic;
}

export interface RecordDecryptorOptions {
  readonly suite: CipherSuiteInfo;
  /** The negotiated version: SSL 3.0, TLS 1.0-1.3, a TLS 1.3 draft, DTLS 1.0 or 1.2. */
  readonly version: number;
  /** The write key (after export expansion) of the direction being read. */
  readonly key: Uint8Array;
  /** The CBC IV (SSL 3.0, TLS 1.0), the GCM/CCM salt, or the ChaCha20 / TLS 1.3 IV; empty otherwise. */
  readonly iv: Uint8Array;
  /** Empty for AEAD suites, and for NULL-cipher sessions whose secrets are unknown. */
  readonly macKey: Uint8Array;
  /** RFC 7366 was negotiated (it only changes CBC suites). */
  readonly encryptThenMac?: boolean;
  /** The number of the first record; 0 after every key change in TLS. */
  readonly sequence?: bigint;
  /** The CompressionMethod the ServerHello chose (RFC 5246 7.4.1.2): 0 null, 1 DEFLATE. */
  readonly compression?: number;
}

type Inflation = 'none' | 'deflate';

/** CompressionMethod registry values (RFC 3749 2) keyhole can undo. */
const COMPRESSION_METHODS: Readonly<Record<number, Inflation>> = { 0: 'none', 1: 'deflate' };

interface Ready {
  readonly protection: RecordProtection;
  readonly traits: VersionTraits;
  readonly inflater: RecordInflater | undefined;
}

type Setup =
  | { readonly ok: true; readonly value: Ready }
  | { readonly ok: false; readonly code: DiagnosticCode; readonly reason: string };

const FAILURE_CODES = {
  'bad-mac': 'decrypt.bad-mac',
  'bad-padding': 'decrypt.bad-padding',
  'bad-length': 'decrypt.bad-length',
} as const satisfies Record<FailureVerdict, DiagnosticCode>;

function setUp(options: RecordDecryptorOptions): Setup {
  const traits = versionTraits(options.version);
  if (traits === undefined) {
    return { ok: false, code: 'decrypt.unsupported-version', reason: `version 0x${options.version.toString(16).padStart(4, '0')} is not one keyhole decrypts` };
  }
  const method = options.compression ?? 0;
  const inflation = COMPRESSION_METHODS[method];
  if (inflation === undefined || (inflation !== 'none' && traits.generation === 'tls13')) {
    return { ok: false, code: 'decrypt.unsupported-compression', reason: `compression method ${method} is not one keyhole inflates` };
  }
  const protection = openProtection({
    suite: options.suite,
    traits,
    key: options.key,
    iv: options.iv,
    macKey: options.macKey,
    encryptThenMac: options.encryptThenMac ?? false,
  });
  if (!protection.ok) return { ok: false, code: 'decrypt.unsupported-cipher', reason: protection.reason };
  return { ok: true, value: { protection: protection.value, traits, inflater: inflation === 'deflate' ? new RecordInflater() : undefined } };
}

function failure(
  verdict: Exclude<DecryptVerdict, 'ok'>, contentType: number, sequence: bigint, code: DiagnosticCode, reason: string,
): DecryptedRecord {
  return { verdict, contentType, plaintext: new Uint8Array(0), sequence, diagnostic: diagnostic(code, `${sequenceLabel(sequence)}: ${reason}`) };
}

export class RecordDecryptor {
  private nextSequence: bigint;
  private readonly setup: Setup;

  constructor(options: RecordDecryptorOptions) {
    this.nextSequence = options.sequence ?? 0n;
    this.setup = setUp(options);
  }

  /** Why every record will be 'unsupported', or undefined when records can be opened. */
  get unsupportedReason(): string | undefined {
    return this.setup.ok ? undefined : this.setup.reason;
  }

  /**
   * Opens one protected record. `explicitSequence` is DTLS's epoch || sequence from the record
   * header (see dtlsSequence); TLS counts records itself. The count moves on even when a record
   * fails, as the peer's did. A TLS 1.3 change_cipher_spec record is never protected
   * (RFC 8446 5): it comes back as it is and takes no sequence number.
   */
  decrypt(contentType: number, recordVersion: number, fragment: Uint8Array, explicitSequence?: bigint): DecryptedRecord {
    const { setup } = this;
    if (setup.ok && setup.value.traits.generation === 'tls13' && contentType === ContentType.change_cipher_spec) {
      return { verdict: 'ok', contentType, plaintext: fragment.slice(), sequence: this.nextSequence };
    }
    const sequence = explicitSequence ?? this.nextSequence;
    this.nextSequence = sequence + 1n;
    if (!setup.ok) return failure('unsupported', contentType, sequence, setup.code, setup.reason);
    const opening = setup.value.protection.open({ contentType, version: recordVersion, sequence: sequenceBytes(sequence), fragment });
    if (opening.kind === 'failed') {
      return failure(opening.verdict, contentType, sequence, FAILURE_CODES[opening.verdict], opening.message);
    }
    let plaintext = opening.content;
    if (setup.value.inflater !== undefined) {
      const inflated = setup.value.inflater.inflate(plaintext);
      if (!inflated.ok) return failure('bad-compression', opening.contentType, sequence, 'decrypt.decompress-failed', inflated.reason);
      plaintext = inflated.plaintext;
    }
    const record = { verdict: 'ok', contentType: opening.contentType, plaintext, sequence } as const;
    return opening.macUnchecked
      ? { ...record, diagnostic: diagnostic('decrypt.mac-unchecked', `${sequenceLabel(sequence)}: MAC not checked, no MAC key`) }
      : record;
  }
}
