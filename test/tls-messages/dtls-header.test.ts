/** The DTLS handshake header (RFC 6347 4.2.2) of every DTLS message in the captures, against tshark. */
import test from 'ava';
import { decodeDtlsHandshakeHeader, dtlsHandshakeHeaderTree } from '../../dissect/tls/messages/index.js';
import { wire } from './build.js';
import { bytes, field, loadCaptureVectors } from './vectors.js';

const dtlsMessages = loadCaptureVectors().flatMap((capture) => capture.messages.filter((message) => message.dtls).map((message) => ({ capture: capture.name, ...message })));

test('every DTLS handshake header of the captures reads as tshark read it', (t) => {
  t.true(dtlsMessages.length > 20);
  for (const message of dtlsMessages) {
    const result = decodeDtlsHandshakeHeader(bytes(message.header));
    if (result.kind !== 'ok') return t.fail(`${message.capture} frame ${message.frame}: ${result.kind}`);
    const header = result.value;
    const read = [header.type.value, header.length.value, header.messageSeq.value, header.fragmentOffset.value, header.fragmentLength.value].map(String);
    const printed = ['handshake.type', 'handshake.length', 'handshake.message_seq', 'handshake.fragment_offset', 'handshake.fragment_length'].map((name) => field(message, name)[0]);
    t.deepEqual(read, printed, `${message.capture} frame ${message.frame}`);
    t.is(result.used, 12);
  }
});

test('a DTLS handshake header shorter than 12 bytes needs more', (t) => {
  const header = bytes(dtlsMessages[0]?.header ?? '');
  for (let length = 0; length < 12; length++) t.is(decodeDtlsHandshakeHeader(header.subarray(0, length)).kind, 'need-more');
});

test('a DTLS fragment that runs past its message is invalid', (t) => {
  const result = decodeDtlsHandshakeHeader(wire('01', '000010', '0000', '000008', '000010'));
  t.is(result.kind === 'invalid' ? result.diagnostic.code : result.kind, 'tls.handshake.malformed');
});

test('the DTLS header tree names the message and its fragment', (t) => {
  const result = decodeDtlsHandshakeHeader(wire('01', '000010', '0002', '000004', '000008'));
  if (result.kind !== 'ok') return t.fail(result.kind);
  t.deepEqual(dtlsHandshakeHeaderTree(result.value).map((node) => `${node.label}: ${node.value ?? ''}`), [
    'Handshake Type: ClientHello (1)', 'Length: 16', 'Message Sequence: 2', 'Fragment Offset: 4', 'Fragment Length: 8',
  ]);
});
