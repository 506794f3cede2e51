/**
 * --psk HEX: a TLS pre-shared key (RFC 4279 2; up to 2^16-1 bytes, RFC 4279 5.3), given as hex
 * like Wireshark's tls.psk preference. Errors say what is wrong without echoing the key.
 */
import { fromHex } from '../bytes.js';
import { SecretInputError } from './errors.js';

const MAX_PSK_BYTES = 0xffff;

export function parsePsk(text: string): Uint8Array {
  const digits = text.trim();
  if (digits === '') throw new SecretInputError('The --psk value is empty; give the pre-shared key as hex digits.');
  const bad = digits.search(/[^0-9a-fA-F]/);
  if (bad !== -1) throw new SecretInputError(`The --psk value must be hex digits only; character ${bad + 1} is not one.`);
  const psk = fromHex(digits);
  if (psk === undefined) throw new SecretInputError(`The --psk value has an odd number of hex digits (${digits.length}); each byte takes two.`);
  if (psk.length > MAX_PSK_BYTES) throw new SecretInputError(`The --psk value is ${psk.length} bytes long; a pre-shared key has at most ${MAX_PSK_BYTES}.`);
  return psk;
}
