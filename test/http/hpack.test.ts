import test from 'ava';
import { readFileSync } from 'node:fs';
import { fromHex } from '../../dissect/bytes.js';
import { decodeInteger, decodeString, HpackDecoder } from '../../dissect/http/hpack.js';
import { huffmanCode, huffmanDecode, EOS } from '../../dissect/http/hpack-huffman.js';
import { repoPath } from '../helpers/shared.js';

interface Block {
  readonly hex: string;
  readonly size: number;
  readonly headers: ReadonlyArray<readonly [string, string]>;
}
interface Vectors {
  readonly integers: ReadonlyArray<{ readonly name: string; readonly prefix: number; readonly hex: string; readonly value: number }>;
  readonly sequences: ReadonlyArray<{ readonly name: string; readonly tableSize: number; readonly blocks: readonly Block[] }>;
}

const vectors: Vectors = JSON.parse(readFileSync(repoPath('test/http/vectors/rfc7541-appendix-c.json'), 'utf8'));

function bytes(hex: string): Uint8Array {
  return fromHex(hex) ?? new Uint8Array(0);
}

for (const v of vectors.integers) {
  test(`${v.name}: the integer ${v.value} with a ${v.prefix}-bit prefix decodes`, (t) => {
    t.deepEqual(decodeInteger(bytes(v.hex), 0, v.prefix), { kind: 'ok', value: v.value, used: v.hex.length / 2 });
  });
}

for (const s of vectors.sequences) {
  test(`${s.name}: each header block decodes to the RFC's header list and dynamic table size`, (t) => {
    const decoder = new HpackDecoder(s.tableSize);
    for (const block of s.blocks) {
      const result = decoder.decode(bytes(block.hex));
      if (result.kind !== 'ok') return t.fail(`block ${block.hex} did not decode: ${JSON.stringify(result)}`);
      t.deepEqual(
        result.value.map((h) => [h.name, h.value]),
        block.headers.map((h) => [...h]),
      );
      t.is(decoder.tableSize, block.size);
    }
  });
}

test('C.5: the 256-octet table evicts the oldest entries as the RFC shows', (t) => {
  const decoder = new HpackDecoder(256);
  for (const block of vectors.sequences.find((s) => s.name === 'C.5')?.blocks ?? []) decoder.decode(bytes(block.hex));
  t.deepEqual(
    decoder.entries.map((e) => e.name),
    ['set-cookie', 'content-encoding', 'date'],
  );
});

test('Appendix B: codes rebuilt from the lengths match the table for sample symbols', (t) => {
  t.deepEqual(huffmanCode(0), { code: 0x1ff8, length: 13 });
  t.deepEqual(huffmanCode(0x30), { code: 0x0, length: 5 });
  t.deepEqual(huffmanCode(0x7a), { code: 0x7b, length: 7 });
  t.deepEqual(huffmanCode(255), { code: 0x3ffffee, length: 26 });
  t.deepEqual(huffmanCode(EOS), { code: 0x3fffffff, length: 30 });
});

test('Huffman padding that is not a prefix of EOS, or longer than 7 bits, is rejected', (t) => {
  // "a" is 00011 and then three padding bits: 111 is valid, 000 is not.
  t.deepEqual(huffmanDecode(Uint8Array.of(0b00011111)), Uint8Array.of(0x61));
  t.is(huffmanDecode(Uint8Array.of(0b00011000)), undefined);
  t.is(huffmanDecode(Uint8Array.of(0b00011111, 0xff)), undefined);
  t.is(huffmanDecode(Uint8Array.of(0xff, 0xff, 0xff, 0xff)), undefined);
});

test('every truncated prefix of a string literal needs more bytes', (t) => {
  const literal = bytes('8cf1e3c2e5f23a6ba0ab90f4ff');
  t.deepEqual(decodeString(literal, 0), { kind: 'ok', value: 'www.example.com', used: literal.length });
  for (let n = 0; n < literal.length; n++) t.is(decodeString(literal.subarray(0, n), 0).kind, 'need-more');
});

test('an index beyond the tables and a size update above the limit are diagnostics, not throws', (t) => {
  const decoder = new HpackDecoder(4096);
  const missing = decoder.decode(Uint8Array.of(0xbe));
  t.is(missing.kind === 'invalid' ? missing.diagnostic.code : missing.kind, 'http2.hpack');
  const tooBig = decoder.decode(Uint8Array.of(0x3f, 0xe1, 0x3f));
  t.is(tooBig.kind === 'invalid' ? tooBig.diagnostic.code : tooBig.kind, 'http2.hpack');
});

test('every truncated prefix of a header block is need-more or a diagnostic, never a throw', (t) => {
  for (const s of vectors.sequences) {
    for (const block of s.blocks) {
      const full = bytes(block.hex);
      for (let n = 0; n < full.length; n++) {
        // A header block arrives whole, so a cut one is invalid; a cut string literal needs more.
        const result = new HpackDecoder(s.tableSize).decode(full.subarray(0, n));
        t.true(result.kind !== 'need-more', `prefix ${n} of ${s.name}`);
      }
    }
  }
});
