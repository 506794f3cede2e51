/**
 * Record MACs of MAC-then-encrypt and encrypt-then-MAC suites: TLS's HMAC over
 * seq_num + type + version + length + fragment (RFC 2246 6.2.3.1, RFC 5246 6.2.3.1, RFC 7366 3)
 * and SSL 3.0's keyed hash with pad_1/pad_2 (RFC 6101 5.2.3.1), which leaves the version out.
 */
import { equalBytes } from '../bytes.js';
import { type HashName, digest, hmac, macHash } from './hash.js';
import type { ProtectionSetup } from './protection.js';

export interface MacInput {
  readonly sequence: Uint8Array;
  readonly contentType: number;
  readonly version: number;
  readonly fragment: Uint8Array;
}

export function tlsMac(hash: HashName, macKey: Uint8Array, input: MacInput): Uint8Array {
  const { sequence, contentType, version, fragment } = input;
  const header = Uint8Array.of(contentType, version >> 8, version & 0xff, fragment.length >> 8, fragment.length & 0xff);
  return hmac(hash, macKey, sequence, header, fragment);
}

/** RFC 6101 5.2.3.1: pad_1 is 0x36 and pad_2 0x5c, repeated 48 times for MD5 and 40 for SHA. */
const SSL3_PAD_LENGTHS: Partial<Record<HashName, number>> = { md5: 48, sha1: 40 };

export function ssl3Mac(hash: HashName, macKey: Uint8Array, input: MacInput): Uint8Array | undefined {
  const padLength = SSL3_PAD_LENGTHS[hash];
  if (padLength === undefined) return undefined;
  const { sequence, contentType, fragment } = input;
  const header = Uint8Array.of(contentType, fragment.length >> 8, fragment.length & 0xff);
  const inner = digest(hash, macKey, new Uint8Array(padLength).fill(0x36), sequence, header, fragment);
  return digest(hash, macKey, new Uint8Array(padLength).fill(0x5c), inner);
}

export type MacCheck = 'ok' | 'bad' | 'unchecked';

/** The sequence number without the DTLS epoch in its top two bytes. */
function withoutEpoch(sequence: Uint8Array): Uint8Array {
  const out = sequence.slice();
  out.fill(0, 0, 2);
  return out;
}

/** Checks one direction's record MACs; an empty key (NULL cipher seen without secrets) checks nothing. */
export class RecordMac {
  private readonly hash: HashName | undefined;
  private readonly macKey: Uint8Array;
  private readonly ssl3: boolean;
  private readonly legacyVersion: number | undefined;

  constructor(setup: ProtectionSetup) {
    this.hash = macHash(setup.suite.mac);
    this.macKey = setup.macKey;
    this.ssl3 = setup.traits.generation === 'ssl3';
    this.legacyVersion = setup.traits.legacyMacVersion;
  }

  verify(input: MacInput, received: Uint8Array): MacCheck {
    if (this.hash === undefined) return received.length === 0 ? 'ok' : 'bad';
    if (this.macKey.length === 0) return 'unchecked';
    const covered = this.legacyVersion === undefined
      ? input
      : { ...input, version: this.legacyVersion, sequence: withoutEpoch(input.sequence) };
    const expected = this.ssl3 ? ssl3Mac(this.hash, this.macKey, covered) : tlsMac(this.hash, this.macKey, covered);
    return expected !== undefined && equalBytes(expected, received) ? 'ok' : 'bad';
  }
}
