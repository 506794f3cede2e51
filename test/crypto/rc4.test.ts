import { createCipheriv } from 'node:crypto';
import test from 'ava';
import { hex } from '../../dissect/bytes.js';
import { Rc4 } from '../../dissect/crypto/rc4.js';
import { openRc4 } from '../../dissect/crypto/openssl-cipher.js';
import { bytes } from './hex.js';
import vectors from './vectors/rfc6229-rc4.json' with { type: 'json' };

const KEYSTREAM_LENGTH = 4112;

function nativeRc4Keystream(key: Uint8Array, length: number): string | undefined {
  try {
    return createCipheriv('rc4', key, null).update(Buffer.alloc(length)).toString('hex');
  } catch {
    return undefined;
  }
}

for (const v of vectors.keys) {
  test(`the built-in RC4 gives the RFC 6229 keystream of key ${v.key}`, (t) => {
    const keystream = new Rc4(bytes(v.key)).update(new Uint8Array(KEYSTREAM_LENGTH));
    for (const [offset, expected] of Object.entries(v.keystream)) {
      t.is(hex(keystream.subarray(Number(offset), Number(offset) + 16)), expected, `offset ${offset}`);
    }
  });
}

test('the RC4 keystream runs on across update calls of any size', (t) => {
  const v = vectors.keys[1];
  if (v === undefined) return t.fail('vector missing');
  const rc4 = new Rc4(bytes(v.key));
  const pieces = [1, 15, 224, 16, 0, 3000, 856].map((length) => rc4.update(new Uint8Array(length)));
  const joined = Buffer.concat(pieces);
  t.is(joined.subarray(4096, 4112).toString('hex'), v.keystream['4096']);
});

test('the RC4 keyhole uses (OpenSSL\'s when loaded, the built-in otherwise) matches RFC 6229', (t) => {
  const v = vectors.keys[0];
  if (v === undefined) return t.fail('vector missing');
  const keystream = openRc4(bytes(v.key)).update(new Uint8Array(32));
  t.is(hex(keystream.subarray(16)), v.keystream['16']);
});

test('the built-in RC4 agrees with OpenSSL\'s legacy RC4 when node has it loaded', (t) => {
  const key = bytes('a4b1c2d3e4f50617');
  const native = nativeRc4Keystream(key, 1000);
  if (native === undefined) {
    t.log('skipped: OpenSSL legacy provider not loaded (node --openssl-legacy-provider)');
    t.pass();
  } else {
    t.is(hex(new Rc4(key).update(new Uint8Array(1000))), native);
  }
});
