import { createHmac, randomBytes } from 'node:crypto';
import { constants, createDeflate } from 'node:zlib';
import test from 'ava';
import { concatBytes } from '../../dissect/bytes.js';
import { RecordDecryptor } from '../../dissect/crypto/record-decryptor.js';
import { RecordInflater } from '../../dissect/crypto/record-inflater.js';
import { ContentType, cipherSuite } from '../../dissect/tls/tables/index.js';
import { ascii } from './hex.js';

const DATA = ContentType.application_data;
const DEFLATE = 1;

/** What a TLS compressor sends (RFC 3749 2.1): one zlib stream, Z_SYNC_FLUSH after every record. */
async function compressRecords(messages: readonly string[]): Promise<Uint8Array[]> {
  const deflate = createDeflate();
  const out: Uint8Array[] = [];
  for (const message of messages) {
    await new Promise<void>((resolve) => {
      deflate.write(message);
      deflate.flush(constants.Z_SYNC_FLUSH, () => resolve());
    });
    const chunks: Buffer[] = [];
    for (let chunk: unknown = deflate.read(); chunk !== null; chunk = deflate.read()) if (Buffer.isBuffer(chunk)) chunks.push(chunk);
    out.push(new Uint8Array(Buffer.concat(chunks)));
  }
  deflate.close();
  return out;
}

const MESSAGES = [
  'GET /index.html HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n',
  'GET /index.html HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n',
  `GET /style.css HTTP/1.1\r\nHost: example.com\r\n${'Cookie: a=b; '.repeat(50)}\r\n\r\n`,
];

test('each record inflates with the window of the records before it', async (t) => {
  const compressed = await compressRecords(MESSAGES);
  // The repeated request is mostly a back-reference into the first record.
  t.true((compressed[1]?.length ?? 0) < (compressed[0]?.length ?? 0) / 2);
  const inflater = new RecordInflater();
  for (const [n, record] of compressed.entries()) {
    const out = inflater.inflate(record);
    t.true(out.ok);
    if (out.ok) t.is(Buffer.from(out.plaintext).toString(), MESSAGES[n] ?? '');
  }
});

test('a record inflated without the earlier records\' window fails', async (t) => {
  const compressed = await compressRecords(MESSAGES);
  const alone = new RecordInflater().inflate(compressed[1] ?? new Uint8Array(0));
  t.false(alone.ok && Buffer.from(alone.plaintext).toString() === MESSAGES[1]);
});

test('DEFLATE-compressed records are MAC-checked, then inflated; a broken stream is bad-compression', async (t) => {
  const suite = cipherSuite(0x0002); // TLS_RSA_WITH_NULL_SHA: the MAC covers the compressed fragment
  if (suite === undefined) return t.fail('suite missing');
  const macKey = randomBytes(20);
  const compressed = await compressRecords(MESSAGES);
  const seal = (n: number, content: Uint8Array): Uint8Array => concatBytes([
    content,
    createHmac('sha1', macKey).update(Buffer.from([0, 0, 0, 0, 0, 0, 0, n, DATA, 3, 1, content.length >> 8, content.length & 0xff])).update(content).digest(),
  ]);
  const decryptor = new RecordDecryptor({ suite, version: 0x0301, key: new Uint8Array(0), iv: new Uint8Array(0), macKey, compression: DEFLATE });
  for (const [n, record] of compressed.entries()) {
    const out = decryptor.decrypt(DATA, 0x0301, seal(n, record));
    t.is(out.verdict, 'ok');
    t.is(Buffer.from(out.plaintext).toString(), MESSAGES[n] ?? '');
  }
  const garbage = decryptor.decrypt(DATA, 0x0301, seal(3, ascii('\xff\xff\xff\xff not deflate')));
  t.is(garbage.verdict, 'bad-compression');
  t.is(garbage.diagnostic?.code, 'decrypt.decompress-failed');
});

test('a record that inflates past 2^14 bytes is refused (RFC 5246 6.2.2)', async (t) => {
  const [bomb] = await compressRecords(['A'.repeat(20000)]);
  const out = new RecordInflater().inflate(bomb ?? new Uint8Array(0));
  t.false(out.ok);
});

test('compression methods other than null and DEFLATE make every record unsupported', (t) => {
  const suite = cipherSuite(0x0002);
  if (suite === undefined) return t.fail('suite missing');
  const decryptor = new RecordDecryptor({ suite, version: 0x0301, key: new Uint8Array(0), iv: new Uint8Array(0), macKey: randomBytes(20), compression: 64 });
  const out = decryptor.decrypt(DATA, 0x0301, new Uint8Array(40));
  t.is(out.verdict, 'unsupported');
  t.is(out.diagnostic?.code, 'decrypt.unsupported-compression');
});
