import test from 'ava';
import { hex } from '../../dissect/bytes.js';
import { SecretInputError } from '../../dissect/secrets/errors.js';
import { parsePsk } from '../../dissect/secrets/psk.js';

/** The PSK of Wireshark's tls12-aes128ccm / dtls12-aes128ccm8 decryption tests. */
const WIRESHARK_PSK = 'ca19e028a8a372ad2d325f950fcaceed';

test("Wireshark's test PSK parses into its 16 bytes, in either case", (t) => {
  t.is(hex(parsePsk(WIRESHARK_PSK)), WIRESHARK_PSK);
  t.is(hex(parsePsk(` ${WIRESHARK_PSK.toUpperCase()}\n`)), WIRESHARK_PSK);
  t.is(parsePsk(WIRESHARK_PSK).length, 16);
});

const BAD_PSKS = [
  { text: '', message: 'The --psk value is empty; give the pre-shared key as hex digits.' },
  { text: 'ca19e0zz', message: 'The --psk value must be hex digits only; character 7 is not one.' },
  { text: '0xca19', message: 'The --psk value must be hex digits only; character 2 is not one.' },
  { text: 'ca19e', message: 'The --psk value has an odd number of hex digits (5); each byte takes two.' },
  { text: '00'.repeat(0x10000), message: 'The --psk value is 65536 bytes long; a pre-shared key has at most 65535.' },
] as const;

for (const { text, message } of BAD_PSKS) {
  test(`a PSK of ${text.length} characters is refused with: ${message}`, (t) => {
    const error = t.throws(() => parsePsk(text), { instanceOf: SecretInputError });
    t.is(error?.message, message);
  });
}
