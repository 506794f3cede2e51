import { createCipheriv, randomBytes } from 'node:crypto';
import test from 'ava';
import { hex } from '../../dissect/bytes.js';
import { gcmOpen, gcmSeal } from '../../dissect/crypto/gcm.js';
import { bytes } from './hex.js';
import vectors from './vectors/gcm.json' with { type: 'json' };

for (const group of [vectors.aes, vectors.camellia, vectors.sm4]) {
  for (const v of group.cases) {
    const ecb = `${v.cipher}-ecb`;
    test(`GCM over ${ecb} seals and opens ${v.cipher} GCM ${v.name}`, (t) => {
      const sealed = gcmSeal(ecb, bytes(v.key), bytes(v.iv), bytes(v.aad), bytes(v.plaintext));
      t.is(hex(sealed.ciphertext), v.ciphertext);
      t.is(hex(sealed.tag), v.tag);
      const opened = gcmOpen(ecb, bytes(v.key), bytes(v.iv), bytes(v.aad), bytes(v.ciphertext), bytes(v.tag));
      t.is(hex(opened ?? new Uint8Array([0xff])), v.plaintext);
    });
  }
}

test('GCM over aes-128-ecb and aes-256-ecb agrees with OpenSSL\'s own AES-GCM on random inputs', (t) => {
  for (const [bits, length] of [[128, 0], [128, 1], [128, 15], [128, 16], [256, 17], [256, 300], [256, 4099]] as const) {
    const key = randomBytes(bits / 8);
    const iv = randomBytes(12);
    const aad = randomBytes(length % 29);
    const plaintext = randomBytes(length);
    const native = createCipheriv(`aes-${bits}-gcm`, key, iv);
    native.setAAD(aad);
    const ciphertext = Buffer.concat([native.update(plaintext), native.final()]);
    const tag = native.getAuthTag();
    const sealed = gcmSeal(`aes-${bits}-ecb`, key, iv, aad, plaintext);
    t.is(hex(sealed.ciphertext), ciphertext.toString('hex'));
    t.is(hex(sealed.tag), tag.toString('hex'));
    t.is(hex(gcmOpen(`aes-${bits}-ecb`, key, iv, aad, ciphertext, tag) ?? new Uint8Array([0xff])), plaintext.toString('hex'));
  }
});

test('a flipped bit in ciphertext, tag or additional data makes GCM refuse to open', (t) => {
  const v = vectors.camellia.cases[2];
  if (v === undefined) return t.fail('vector missing');
  const ecb = `${v.cipher}-ecb`;
  const flip = (text: string, at: number): Uint8Array => {
    const b = bytes(text);
    b[at] = (b[at] ?? 0) ^ 1;
    return b;
  };
  t.is(gcmOpen(ecb, bytes(v.key), bytes(v.iv), bytes(v.aad), flip(v.ciphertext, 5), bytes(v.tag)), undefined);
  t.is(gcmOpen(ecb, bytes(v.key), bytes(v.iv), bytes(v.aad), bytes(v.ciphertext), flip(v.tag, 15)), undefined);
  t.is(gcmOpen(ecb, bytes(v.key), bytes(v.iv), flip(v.aad, 0), bytes(v.ciphertext), bytes(v.tag)), undefined);
  t.is(gcmOpen(ecb, bytes(v.key), bytes(v.iv), bytes(v.aad), bytes(v.ciphertext), new Uint8Array(0)), undefined);
});
