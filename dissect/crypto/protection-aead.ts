/**
 * AEAD records. TLS 1.2 (RFC 5246 6.2.3.3): GCM and CCM nonces are the 4-byte implicit salt ||
 * an 8-byte explicit nonce sent first in the record (RFC 5288 3, RFC 6655 3); ChaCha20-Poly1305
 * XORs the padded sequence number into its 12-byte IV (RFC 7905 2); the additional data is
 * seq_num || type || version || plaintext length. TLS 1.3 (RFC 8446 5.2, 5.3): every nonce is
 * IV XOR sequence, the additional data is the record header (empty before draft 25), and the
 * plaintext ends with the real content type followed by zero padding.
 */
import { concatBytes } from '../bytes.js';
import type { AeadOpen } from './aead.js';
import { type Opening, type ProtectedRecord, type ProtectionSetup, type RecordProtection, failed } from './protection.js';

/** draft-ietf-tls-tls13-25 5.2 made the record header the additional data. */
const FIRST_DRAFT_WITH_HEADER_AAD = 25;

function explicitNonceLength(setup: ProtectionSetup): number {
  return setup.traits.generation === 'tls13' ? 0 : setup.suite.recordIvLength;
}

/** RFC 8446 5.3: the sequence number, left-padded to the IV length, XORed into the IV. */
function xorNonce(iv: Uint8Array, sequence: Uint8Array): Uint8Array {
  const nonce = iv.slice();
  const offset = nonce.length - sequence.length;
  sequence.forEach((byte, i) => {
    nonce[offset + i] = (nonce[offset + i] ?? 0) ^ byte;
  });
  return nonce;
}

/** RFC 8446 5.5: zeros after the content type are padding; all zeros is not a record. */
function innerContentType(plaintext: Uint8Array): { readonly type: number; readonly length: number } | undefined {
  let end = plaintext.length;
  while (end > 0 && plaintext[end - 1] === 0) end--;
  return end === 0 ? undefined : { type: plaintext[end - 1] ?? 0, length: end - 1 };
}

export class AeadProtection implements RecordProtection {
  private readonly explicitNonce: number;
  private readonly tagLength: number;
  private readonly tls13: boolean;
  private readonly headerAad: boolean;
  private readonly iv: Uint8Array;

  constructor(setup: ProtectionSetup, private readonly aead: AeadOpen) {
    const { draft, generation } = setup.traits;
    this.explicitNonce = explicitNonceLength(setup);
    this.tagLength = setup.suite.tagLength;
    this.tls13 = generation === 'tls13';
    this.headerAad = this.tls13 && (draft === 0 || draft >= FIRST_DRAFT_WITH_HEADER_AAD);
    this.iv = setup.iv;
  }

  open(record: ProtectedRecord): Opening {
    const { fragment, sequence } = record;
    if (fragment.length < this.explicitNonce + this.tagLength) {
      return failed('bad-length', `a ${fragment.length}-byte fragment cannot hold a ${this.explicitNonce}-byte nonce and a ${this.tagLength}-byte tag`);
    }
    const ciphertext = fragment.subarray(this.explicitNonce, fragment.length - this.tagLength);
    const plaintext = this.aead({
      nonce: this.explicitNonce > 0
        ? concatBytes([this.iv, fragment.subarray(0, this.explicitNonce)])
        : xorNonce(this.iv, sequence),
      aad: this.additionalData(record, ciphertext.length),
      ciphertext,
      tag: fragment.subarray(fragment.length - this.tagLength),
    });
    if (plaintext === undefined) return failed('bad-mac', 'the AEAD tag does not verify');
    if (!this.tls13) return { kind: 'opened', content: plaintext, contentType: record.contentType, macUnchecked: false };
    const inner = innerContentType(plaintext);
    if (inner === undefined) return failed('bad-padding', 'the TLS 1.3 inner plaintext is all padding: it has no content type');
    return { kind: 'opened', content: plaintext.subarray(0, inner.length), contentType: inner.type, macUnchecked: false };
  }

  private additionalData(record: ProtectedRecord, plaintextLength: number): Uint8Array {
    const { contentType, version, sequence, fragment } = record;
    if (this.tls13) {
      return this.headerAad
        ? Uint8Array.of(contentType, version >> 8, version & 0xff, fragment.length >> 8, fragment.length & 0xff)
        : new Uint8Array(0);
    }
    return concatBytes([
      sequence, Uint8Array.of(contentType, version >> 8, version & 0xff, plaintextLength >> 8, plaintextLength & 0xff),
    ]);
  }
}
