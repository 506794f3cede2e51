import { createHash } from 'node:crypto';
import test from 'ava';
import { hex } from '../../dissect/bytes.js';
import { pHash, prf, ssl3Prf, tls10Prf, tls12Prf } from '../../dissect/crypto/prf.js';
import { ProtocolVersion } from '../../dissect/tls/tables/index.js';
import { bytes } from './hex.js';
import vectors from './vectors/prf.json' with { type: 'json' };

const HASHES = { sha256: 'sha256', sha384: 'sha384' } as const;

for (const v of vectors.tls12) {
  test(`the TLS 1.2 PRF reproduces ${v.name}`, (t) => {
    const hash = v.hash === 'sha384' ? HASHES.sha384 : HASHES.sha256;
    const out = tls12Prf(hash, bytes(v.secret), v.label, bytes(v.seed), v.output.length / 2);
    t.is(hex(out), v.output);
  });
}

for (const v of vectors.tls10) {
  test(`the TLS 1.0 PRF reproduces ${v.name}`, (t) => {
    t.is(hex(tls10Prf(bytes(v.secret), v.label, bytes(v.seed), v.output.length / 2)), v.output);
  });
}

test('P_hash output is a prefix of any longer output (RFC 5246 5: "as many iterations as necessary")', (t) => {
  const secret = bytes('9bbe436ba940f017b17652849a71db35');
  const seed = bytes('a0ba9f936cda311827a6f796ffd5198c');
  const long = pHash('sha256', secret, seed, 100);
  for (const length of [0, 1, 31, 32, 33, 64, 99]) t.is(hex(pHash('sha256', secret, seed, length)), hex(long.subarray(0, length)));
});

test('the SSL 3.0 PRF is MD5(secret + SHA1("A" + secret + seed)) and stops at 26 rounds', (t) => {
  const secret = bytes('0102030405060708');
  const seed = bytes('a0a1a2a3');
  const out = ssl3Prf(secret, seed, 16 * 26);
  t.is(out?.length, 416);
  t.is(ssl3Prf(secret, seed, 16 * 26 + 1), undefined);
  // Round 1 by hand from node:crypto.
  const inner = createHash('sha1').update(Buffer.from('A')).update(secret).update(seed).digest();
  const first = createHash('md5').update(secret).update(inner).digest('hex');
  t.is(hex(out?.subarray(0, 16) ?? new Uint8Array(0)), first);
});

test('prf() picks the PRF by version: SSL 3.0, TLS 1.0/1.1 and DTLS 1.0 share one, TLS 1.2 and DTLS 1.2 use the suite hash', (t) => {
  const v = vectors.tls12[0];
  const v10 = vectors.tls10[0];
  if (v === undefined || v10 === undefined) return t.fail('vectors missing');
  const secret = bytes(v.secret);
  const seed = bytes(v.seed);
  const length = v.output.length / 2;
  t.is(hex(prf(ProtocolVersion.TLS_1_2, 'sha256', secret, v.label, seed, length) ?? new Uint8Array(0)), v.output);
  t.is(hex(prf(ProtocolVersion.DTLS_1_2, 'legacy', secret, v.label, seed, length) ?? new Uint8Array(0)), v.output);
  for (const version of [ProtocolVersion.TLS_1_0, ProtocolVersion.TLS_1_1, ProtocolVersion.DTLS_1_0, ProtocolVersion.DTLS_1_0_OPENSSL_PRE_0_9_8F]) {
    t.is(hex(prf(version, 'sha384', bytes(v10.secret), v10.label, bytes(v10.seed), v10.output.length / 2) ?? new Uint8Array(0)), v10.output);
  }
  t.is(hex(prf(ProtocolVersion.SSL_3_0, 'sha256', secret, 'ignored', seed, 48) ?? new Uint8Array(0)), hex(ssl3Prf(secret, seed, 48) ?? new Uint8Array(1)));
  t.is(prf(ProtocolVersion.TLS_1_3, 'sha256', secret, v.label, seed, 32), undefined);
  t.is(prf(0x0002, 'sha256', secret, v.label, seed, 32), undefined);
  t.is(prf(ProtocolVersion.TLS_1_2, 'streebog256', secret, v.label, seed, 32), undefined);
});
