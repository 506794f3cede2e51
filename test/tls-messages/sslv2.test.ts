/**
 * The SSLv2-compatible ClientHello (RFC 5246 E.2) of the public captures (rsasnakeoil2,
 * extra/sslv2, extra/tls12-73-ciphers), compared with tshark 4.0's reading of the same records.
 */
import test from 'ava';
import { hex } from '../../dissect/bytes.js';
import { decodeSslv2ClientHello, sslv2ClientHelloTree } from '../../dissect/tls/messages/index.js';
import { bytes, loadCaptureVectors, sameValues } from './vectors.js';

const records = loadCaptureVectors().flatMap((capture) => capture.sslv2.map((record) => ({ capture: capture.name, ...record })));
const clientHellos = records.filter((record) => record.fields['tls.handshake.type']?.[0] === '1');

test('the captures hold SSLv2 ClientHellos and other SSLv2 records', (t) => {
  t.true(clientHellos.length >= 5);
  t.true(records.length > clientHellos.length);
});

test('every SSLv2 ClientHello decodes to the fields tshark printed', (t) => {
  for (const record of clientHellos) {
    const result = decodeSslv2ClientHello(bytes(record.record));
    if (result.kind !== 'ok') return t.fail(`${record.capture} frame ${record.frame}: ${result.kind}`);
    const hello = result.value;
    const where = `${record.capture} frame ${record.frame}`;
    t.is(result.used, record.record.length / 2, where);
    t.deepEqual(hello.diagnostics, [], where);
    const expect = (name: string, ours: readonly (number | undefined)[]): void => {
      t.true(sameValues(ours.map(String), record.fields[`tls.${name}`] ?? [], 'number'), `${where} ${name}`);
    };
    expect('record.length', [hello.recordLength.value]);
    expect('handshake.version', [hello.version?.value]);
    expect('handshake.cipher_spec_len', [hello.cipherSpecLength?.value]);
    expect('handshake.session_id_length', [hello.sessionIdLength?.value]);
    expect('handshake.challenge_length', [hello.challengeLength?.value]);
    expect('handshake.cipherspec', hello.cipherSpecs.map((spec) => spec.value));
    t.is(hello.challenge?.value.length, hello.challengeLength?.value, where);
  }
});

test('SSLv2 cipher kinds and TLS suites inside an SSLv2 ClientHello are told apart', (t) => {
  const snakeoil = clientHellos.find((record) => record.capture === 'rsasnakeoil2');
  const result = decodeSslv2ClientHello(bytes(snakeoil?.record ?? ''));
  if (result.kind !== 'ok') return t.fail(result.kind);
  const [first] = result.value.cipherSpecs;
  t.deepEqual([first?.value, first?.sslv2Only, first?.name], [0x010080, true, 'SSL2 cipher kind 0x010080']);
  const tls = result.value.cipherSpecs.find((spec) => spec.value === 0x000039);
  t.deepEqual([tls?.sslv2Only, tls?.name], [false, 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA']);
  t.is(hex(result.value.challenge?.value ?? new Uint8Array()), 'a8b893bb90e92aa24d6dcc1ce72a8021');
  t.is(sslv2ClientHelloTree(result.value)[0]?.label, 'SSLv2 Record Layer');
});

test('other SSLv2 records are not taken for a ClientHello', (t) => {
  for (const record of records.filter((item) => item.fields['tls.handshake.type']?.[0] !== '1')) {
    t.is(decodeSslv2ClientHello(bytes(record.record)).kind, 'invalid', `${record.capture} frame ${record.frame}`);
  }
});

test('an SSLv2 ClientHello cut short needs more bytes until the record is whole', (t) => {
  for (const record of clientHellos) {
    const whole = bytes(record.record);
    for (let length = 0; length < whole.length; length++) t.is(decodeSslv2ClientHello(whole.subarray(0, length)).kind, 'need-more');
  }
});

test('an SSLv2 ClientHello whose inner lengths lie is decoded as far as it goes, with a diagnostic', (t) => {
  const whole = bytes(clientHellos[0]?.record ?? '');
  const honest = decodeSslv2ClientHello(whole);
  const cipherSpecLength = 5;
  const challengeLength = 9;
  for (let at = cipherSpecLength; at <= challengeLength; at += 2) {
    const lying = Uint8Array.from(whole);
    lying.set([0xff, 0xff], at);
    const result = decodeSslv2ClientHello(lying);
    if (result.kind !== 'ok' || honest.kind !== 'ok') return t.fail(result.kind);
    t.true(result.value.diagnostics.length > 0, `length field at ${at}`);
    t.is(result.value.version?.value, honest.value.version?.value);
  }
});
