import { hkdfSync, randomBytes } from 'node:crypto';
import test from 'ava';
import { hex } from '../../dissect/bytes.js';
import { hkdfExpand, hkdfExtract } from '../../dissect/crypto/hkdf.js';
import { bytes } from './hex.js';
import vectors from './vectors/rfc5869-hkdf.json' with { type: 'json' };

for (const v of vectors.cases) {
  test(`HKDF-Extract and HKDF-Expand reproduce RFC 5869 ${v.name}`, (t) => {
    const prk = hkdfExtract('sha256', bytes(v.salt), bytes(v.ikm));
    t.is(hex(prk), v.prk);
    t.is(hex(hkdfExpand('sha256', prk, bytes(v.info), v.length) ?? new Uint8Array(0)), v.okm);
  });
}

test('extract-then-expand agrees with node:crypto hkdfSync on random inputs, SHA-256 and SHA-384', (t) => {
  for (const hash of ['sha256', 'sha384'] as const) {
    for (let i = 0; i < 8; i++) {
      const ikm = randomBytes(1 + i * 7);
      const salt = randomBytes(i * 5);
      const info = randomBytes(i * 3);
      const length = 1 + i * 29;
      const ours = hkdfExpand(hash, hkdfExtract(hash, salt, ikm), info, length);
      t.is(hex(ours ?? new Uint8Array(0)), Buffer.from(hkdfSync(hash, ikm, salt, info, length)).toString('hex'));
    }
  }
});

test('HKDF-Expand refuses more than 255 hash blocks (RFC 5869 2.3)', (t) => {
  const prk = new Uint8Array(32);
  t.is(hkdfExpand('sha256', prk, new Uint8Array(0), 255 * 32)?.length, 255 * 32);
  t.is(hkdfExpand('sha256', prk, new Uint8Array(0), 255 * 32 + 1), undefined);
});
