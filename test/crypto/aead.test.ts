import test from 'ava';
import { hex } from '../../dissect/bytes.js';
import { aeadOpener } from '../../dissect/crypto/aead.js';
import { ascii, bytes } from './hex.js';
import v from './vectors/rfc8439-chacha20-poly1305.json' with { type: 'json' };

test('ChaCha20-Poly1305 opens the RFC 8439 2.8.2 AEAD test vector and refuses it tampered', (t) => {
  const opener = aeadOpener({ kind: 'aead', openssl: 'chacha20-poly1305' }, bytes(v.key), 16);
  if (!opener.ok) return t.fail(opener.reason);
  const input = { nonce: bytes(v.nonce), aad: bytes(v.aad), ciphertext: bytes(v.ciphertext), tag: bytes(v.tag) };
  t.is(hex(opener.value(input) ?? new Uint8Array(0)), hex(ascii(v.plaintext)));
  const tampered = bytes(v.ciphertext);
  tampered[0] = (tampered[0] ?? 0) ^ 0x80;
  t.is(opener.value({ ...input, ciphertext: tampered }), undefined);
  t.is(opener.value({ ...input, aad: new Uint8Array(0) }), undefined);
});

test('an AEAD whose key does not fit is refused when it is set up, not per record', (t) => {
  const opener = aeadOpener({ kind: 'ccm', openssl: 'aes-128-ccm' }, new Uint8Array(5), 8);
  t.false(opener.ok);
  if (!opener.ok) t.regex(opener.reason, /aes-128-ccm/);
  const camellia = aeadOpener({ kind: 'gcm-over-ecb', openssl: 'camellia-128-ecb' }, new Uint8Array(7), 16);
  t.false(camellia.ok);
});
