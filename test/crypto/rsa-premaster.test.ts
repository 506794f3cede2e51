import { constants, createPrivateKey, generateKeyPairSync, publicEncrypt, randomBytes } from 'node:crypto';
import test from 'ava';
import { hex } from '../../dissect/bytes.js';
import { PRE_MASTER_LENGTH, decryptPreMaster } from '../../dissect/crypto/rsa-premaster.js';
import rsaSessions from './vectors/rsa-sessions.json' with { type: 'json' };

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
const other = generateKeyPairSync('rsa', { modulusLength: 1024 });

function preMaster(): Uint8Array {
  const secret = randomBytes(PRE_MASTER_LENGTH);
  secret[0] = 0x03;
  secret[1] = 0x03;
  return secret;
}

test('a pre-master secret encrypted with PKCS#1 v1.5 padding decrypts to its 48 bytes and client_version', (t) => {
  const secret = preMaster();
  const encrypted = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, secret);
  const out = decryptPreMaster(privateKey, encrypted, 0x0303);
  if (out.kind !== 'ok') return t.fail(out.diagnostic.message);
  t.is(hex(out.preMaster), hex(secret));
  t.is(out.version, 0x0303);
  t.true(out.versionMatches);
  const older = decryptPreMaster(privateKey, encrypted, 0x0301);
  t.is(older.kind === 'ok' ? older.versionMatches : undefined, false);
});

test('the wrong private key gives the wrong-key result, not an exception', (t) => {
  const encrypted = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, preMaster());
  const out = decryptPreMaster(other.privateKey, encrypted);
  t.is(out.kind, 'wrong-key');
  if (out.kind === 'wrong-key') t.is(out.diagnostic.code, 'secret.wrong-key');
});

test('a secret that is not 48 bytes, or padding shorter than 8 bytes, is the wrong key', (t) => {
  const short = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, randomBytes(47));
  t.is(decryptPreMaster(privateKey, short).kind, 'wrong-key');
  // 00 02 || 7 nonzero bytes || 00 || rest: RFC 8017 requires at least 8 bytes of padding.
  const block = Buffer.alloc(128, 0x11);
  block[0] = 0x00;
  block[1] = 0x02;
  block[9] = 0x00;
  const raw = publicEncrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, block);
  const out = decryptPreMaster(privateKey, raw);
  t.is(out.kind, 'wrong-key');
  if (out.kind === 'wrong-key') t.regex(out.diagnostic.message, /padding is 7 bytes/);
});

test('a ciphertext whose leading zero byte was dropped still decrypts', (t) => {
  for (let attempt = 0; attempt < 2000; attempt++) {
    const secret = preMaster();
    const encrypted = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, secret);
    if (encrypted[0] !== 0) continue;
    const out = decryptPreMaster(privateKey, encrypted.subarray(1));
    t.is(out.kind === 'ok' ? hex(out.preMaster) : out.kind, hex(secret));
    return;
  }
  t.log('no ciphertext with a leading zero came up; the padding of short input is still checked below');
  t.is(decryptPreMaster(privateKey, new Uint8Array(3)).kind, 'wrong-key');
});

test('keys that are not RSA private keys and oversized ciphertexts are unusable', (t) => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  t.is(decryptPreMaster(ec.privateKey, new Uint8Array(128)).kind, 'unusable');
  t.is(decryptPreMaster(publicKey, new Uint8Array(128)).kind, 'unusable');
  t.is(decryptPreMaster(privateKey, new Uint8Array(129)).kind, 'unusable');
  t.is(decryptPreMaster(privateKey, new Uint8Array(0)).kind, 'unusable');
});

test('the ClientKeyExchange of a real OpenSSL session decrypts with the server key, and every prefix is refused', (t) => {
  const key = createPrivateKey(rsaSessions.privateKey);
  const session = rsaSessions.sessions[0];
  if (session === undefined) return t.fail('vector missing');
  const encrypted = Buffer.from(session.encryptedPreMaster, 'hex');
  const out = decryptPreMaster(key, encrypted, session.version);
  t.is(out.kind, 'ok');
  for (let length = 0; length < encrypted.length; length++) t.not(decryptPreMaster(key, encrypted.subarray(0, length)).kind, 'ok');
});
