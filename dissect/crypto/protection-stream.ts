/**
 * Stream ciphers and NULL encryption (RFC 5246 6.2.3.1, RFC 6101 5.2.3.1): the fragment is
 * content || MAC, under RC4's keystream or in the clear.
 */
import type { StreamingDecipher } from './openssl-cipher.js';
import { type Opening, type ProtectedRecord, type ProtectionSetup, type RecordProtection, failed } from './protection.js';
import { RecordMac } from './record-mac.js';

export class StreamProtection implements RecordProtection {
  private readonly mac: RecordMac;
  private readonly macLength: number;

  /** `keystream` is undefined for NULL encryption. */
  constructor(setup: ProtectionSetup, private readonly keystream: StreamingDecipher | undefined) {
    this.mac = new RecordMac(setup);
    this.macLength = setup.suite.macLength;
  }

  open(record: ProtectedRecord): Opening {
    // The keystream moves on by every byte the peer enciphered, valid record or not.
    const plain = this.keystream === undefined ? record.fragment.slice() : this.keystream.update(record.fragment);
    if (plain.length < this.macLength) {
      return failed('bad-length', `a ${plain.length}-byte fragment cannot hold a ${this.macLength}-byte MAC`);
    }
    const content = plain.subarray(0, plain.length - this.macLength);
    const check = this.mac.verify({ ...record, fragment: content }, plain.subarray(content.length));
    if (check === 'bad') return failed('bad-mac', 'the record MAC does not match');
    return { kind: 'opened', content, contentType: record.contentType, macUnchecked: check === 'unchecked' };
  }
}
