import test from 'ava';
import { hex } from '../../dissect/bytes.js';
import { pskPreMaster } from '../../dissect/crypto/psk-premaster.js';
import { bytes } from './hex.js';

test('plain PSK pre-master is uint16 N, N zero bytes, uint16 N, the PSK (RFC 4279 2)', (t) => {
  const psk = bytes('ca19e028a8a372ad2d325f950fcaceed');
  t.is(hex(pskPreMaster(psk) ?? new Uint8Array(0)), `0010${'00'.repeat(16)}0010ca19e028a8a372ad2d325f950fcaceed`);
});

test('(EC)DHE_PSK and RSA_PSK put their own secret first (RFC 4279 3, 4; RFC 5489 2)', (t) => {
  const psk = bytes('0102');
  const shared = bytes('aabbccddee');
  t.is(hex(pskPreMaster(psk, shared) ?? new Uint8Array(0)), '0005aabbccddee00020102');
  t.is(hex(pskPreMaster(new Uint8Array(0), new Uint8Array(0)) ?? new Uint8Array(1)), '00000000');
});

test('parts longer than their 16-bit length are refused', (t) => {
  t.is(pskPreMaster(new Uint8Array(0x10000)), undefined);
  t.is(pskPreMaster(new Uint8Array(4), new Uint8Array(0x10000)), undefined);
  t.is(pskPreMaster(new Uint8Array(0xffff))?.length, 4 + 2 * 0xffff);
});
