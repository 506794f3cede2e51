/**
 * CBC block ciphers (RFC 5246 6.2.3.2). MAC-then-encrypt: the fragment enciphers
 * content || MAC || padding || padding_length; encrypt-then-MAC (RFC 7366 3) puts the MAC over
 * IV || ciphertext after it. SSL 3.0 and TLS 1.0 chain the IV from the previous record's last
 * ciphertext block (RFC 2246 6.2.3.2); TLS 1.1 on and DTLS send it first in every record
 * (RFC 4346 6.2.3.2). One decipher per direction serves both: CBC decryption of IV || C yields a
 * throwaway first block followed by the plaintext, whatever IV it was opened with.
 */
import type { StreamingDecipher } from './openssl-cipher.js';
import { type Opening, type ProtectedRecord, type ProtectionSetup, type RecordProtection, failed } from './protection.js';
import { RecordMac } from './record-mac.js';

/** Generations whose CBC IV is implicit. */
const IMPLICIT_IV = new Set(['ssl3', 'tls10']);

export function hasImplicitIv(setup: ProtectionSetup): boolean {
  return IMPLICIT_IV.has(setup.traits.generation);
}

type Unpadded = { readonly ok: true; readonly length: number } | { readonly ok: false; readonly message: string };

/**
 * The length left once padding is taken off, keeping at least `reserved` bytes (the MAC). TLS
 * requires every padding byte to repeat the padding length; SSL 3.0 leaves them arbitrary.
 */
function unpad(decrypted: Uint8Array, reserved: number, ssl3: boolean): Unpadded {
  const padLength = decrypted[decrypted.length - 1] ?? 0;
  const length = decrypted.length - padLength - 1;
  if (length < reserved) {
    return { ok: false, message: `padding length ${padLength} leaves no room for the ${reserved}-byte MAC` };
  }
  if (!ssl3 && decrypted.subarray(length, decrypted.length - 1).some((byte) => byte !== padLength)) {
    return { ok: false, message: `padding bytes do not all equal the padding length ${padLength}` };
  }
  return { ok: true, length };
}

export class CbcProtection implements RecordProtection {
  private readonly mac: RecordMac;
  private readonly macLength: number;
  private readonly blockSize: number;
  private readonly ivLength: number;
  private readonly ssl3: boolean;
  private readonly encryptThenMac: boolean;

  constructor(setup: ProtectionSetup, private readonly decipher: StreamingDecipher) {
    this.ssl3 = setup.traits.generation === 'ssl3';
    this.mac = new RecordMac(setup);
    this.macLength = setup.suite.macLength;
    this.blockSize = setup.suite.blockSize;
    this.ivLength = hasImplicitIv(setup) ? 0 : setup.suite.blockSize;
    // RFC 7366 needs extensions, which SSL 3.0 does not have.
    this.encryptThenMac = setup.encryptThenMac && !this.ssl3;
  }

  open(record: ProtectedRecord): Opening {
    return this.encryptThenMac ? this.openEncryptThenMac(record) : this.openMacThenEncrypt(record);
  }

  /** Ciphertext that is not whole blocks is never fed to the decipher, so IV chaining stays in step. */
  private wellFormed(ciphertextLength: number, minimum: number): boolean {
    return ciphertextLength % this.blockSize === 0 && ciphertextLength >= this.ivLength + minimum;
  }

  private openMacThenEncrypt(record: ProtectedRecord): Opening {
    const { fragment } = record;
    const minimum = Math.ceil((this.macLength + 1) / this.blockSize) * this.blockSize;
    if (!this.wellFormed(fragment.length, minimum)) {
      return failed('bad-length', `a ${fragment.length}-byte fragment is not a CBC record of ${this.blockSize}-byte blocks with a ${this.macLength}-byte MAC`);
    }
    const decrypted = this.decipher.update(fragment).subarray(this.ivLength);
    const unpadded = unpad(decrypted, this.macLength, this.ssl3);
    if (!unpadded.ok) return failed('bad-padding', unpadded.message);
    const contentLength = unpadded.length - this.macLength;
    const content = decrypted.subarray(0, contentLength);
    const check = this.mac.verify({ ...record, fragment: content }, decrypted.subarray(contentLength, unpadded.length));
    if (check === 'bad') return failed('bad-mac', 'the record MAC does not match');
    return { kind: 'opened', content, contentType: record.contentType, macUnchecked: check === 'unchecked' };
  }

  private openEncryptThenMac(record: ProtectedRecord): Opening {
    const { fragment } = record;
    const ciphertextLength = fragment.length - this.macLength;
    if (!this.wellFormed(ciphertextLength, this.blockSize)) {
      return failed('bad-length', `a ${fragment.length}-byte fragment is not IV || whole ${this.blockSize}-byte blocks || a ${this.macLength}-byte MAC`);
    }
    const ivAndCiphertext = fragment.subarray(0, ciphertextLength);
    const decrypted = this.decipher.update(ivAndCiphertext).subarray(this.ivLength);
    const check = this.mac.verify({ ...record, fragment: ivAndCiphertext }, fragment.subarray(ciphertextLength));
    if (check === 'bad') return failed('bad-mac', 'the encrypt-then-MAC tag does not match');
    const unpadded = unpad(decrypted, 0, false);
    if (!unpadded.ok) return failed('bad-padding', unpadded.message);
    return { kind: 'opened', content: decrypted.subarray(0, unpadded.length), contentType: record.contentType, macUnchecked: check === 'unchecked' };
  }
}
