/**
 * The RSA-encrypted pre-master secret of a ClientKeyExchange (RFC 5246 7.4.7.1, RFC 6101 5.6.7.1):
 * EncryptedPreMasterSecret under RSAES-PKCS1-v1_5 (RFC 8017 7.2.2). Node 20 refuses PKCS#1 v1.5
 * decryption (Marvin attack hardening), so the raw RSA result is taken and its padding checked
 * here: 00 02, at least 8 nonzero bytes, 00, then the 48-byte secret.
 */
import { type KeyObject, constants, privateDecrypt } from 'node:crypto';
import { type Diagnostic, diagnostic } from '../diagnostics.js';
import { u16 } from '../bytes.js';
import { fromBuffer } from './hash.js';

export const PRE_MASTER_LENGTH = 48;
const MIN_PADDING = 8;

export type PreMasterResult =
  | {
    readonly kind: 'ok';
    readonly preMaster: Uint8Array;
    /** client_version, the first two bytes of the secret. */
    readonly version: number;
    /** Whether it equals the ClientHello's version, when that was given (old clients put the negotiated one). */
    readonly versionMatches?: boolean;
  }
  /** The key decrypts to something that is not a PKCS#1 v1.5 block with a 48-byte secret. */
  | { readonly kind: 'wrong-key'; readonly diagnostic: Diagnostic }
  /** The key is not an RSA private key, or the ciphertext cannot be one for this key. */
  | { readonly kind: 'unusable'; readonly diagnostic: Diagnostic };

function wrongKey(why: string): PreMasterResult {
  return { kind: 'wrong-key', diagnostic: diagnostic('secret.wrong-key', `the RSA key does not decrypt the pre-master secret: ${why}`) };
}

function unusable(why: string): PreMasterResult {
  return { kind: 'unusable', diagnostic: diagnostic('secret.wrong-key', why) };
}

/** RFC 8017 7.2.2 step 3: EM = 0x00 || 0x02 || PS || 0x00 || M, PS at least 8 nonzero bytes. */
function unpad(em: Uint8Array): Uint8Array | string {
  if (em[0] !== 0x00 || em[1] !== 0x02) return 'the block does not start 00 02';
  const separator = em.indexOf(0x00, 2);
  if (separator < 0) return 'the padding has no 00 separator';
  if (separator - 2 < MIN_PADDING) return `the padding is ${separator - 2} bytes, under ${MIN_PADDING}`;
  const message = em.subarray(separator + 1);
  return message.length === PRE_MASTER_LENGTH ? message : `the secret is ${message.length} bytes, not ${PRE_MASTER_LENGTH}`;
}

export function decryptPreMaster(privateKey: KeyObject, encrypted: Uint8Array, clientHelloVersion?: number): PreMasterResult {
  const bits = privateKey.asymmetricKeyDetails?.modulusLength;
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'rsa' || bits === undefined) {
    return unusable('the key is not an RSA private key');
  }
  const modulusBytes = Math.ceil(bits / 8);
  if (encrypted.length > modulusBytes || encrypted.length === 0) {
    return unusable(`a ${encrypted.length}-byte ciphertext cannot come from a ${bits}-bit RSA key`);
  }
  // Some senders drop leading zero bytes of the ciphertext; RSA wants it at full modulus length.
  const block = new Uint8Array(modulusBytes);
  block.set(encrypted, modulusBytes - encrypted.length);
  let em: Uint8Array;
  try {
    em = fromBuffer(privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, block));
  } catch {
    return wrongKey('the ciphertext is not below this key\'s modulus');
  }
  const preMaster = unpad(em);
  if (typeof preMaster === 'string') return wrongKey(preMaster);
  const version = u16(preMaster, 0);
  return clientHelloVersion === undefined
    ? { kind: 'ok', preMaster: preMaster.slice(), version }
    : { kind: 'ok', preMaster: preMaster.slice(), version, versionMatches: version === clientHelloVersion };
}
