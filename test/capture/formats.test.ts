import test from 'ava';
import { gzipSync } from 'node:zlib';
import { readCapture } from '../../dissect/capture/reader.js';
import { CaptureError, type DecryptionSecrets, type Frame } from '../../dissect/capture/types.js';
import type { Diagnostic } from '../../dissect/diagnostics.js';
import { Bytes, block, concat, enhancedPacket, interfaceBlock, pcapHeader, pcapRecord, sectionHeader, tempFile } from '../helpers/capture-files.js';

interface Read {
  frames: Array<Omit<Frame, 'data'> & { data: number[] }>;
  diagnostics: Diagnostic[];
  secrets: DecryptionSecrets[];
  truncated: boolean;
  format: string;
}

async function read(bytes: Uint8Array): Promise<Read> {
  const frames: Read['frames'] = [];
  const diagnostics: Diagnostic[] = [];
  const secrets: DecryptionSecrets[] = [];
  const summary = await readCapture(tempFile(bytes), {
    onFrame: (f) => frames.push({ ...f, data: [...f.data] }),
    onDiagnostic: (d) => diagnostics.push(d),
    onSecrets: (s) => secrets.push(s),
  });
  return { frames, diagnostics, secrets, truncated: summary.truncated, format: summary.format };
}

const A = Uint8Array.from([1, 2, 3, 4, 5]);
const B = Uint8Array.from([9, 8, 7]);

for (const little of [true, false]) {
  const order = little ? 'little-endian' : 'big-endian';
  test(`pcap, microseconds, ${order}: frames numbered from 1 with their timestamps`, async (t) => {
    const file = pcapHeader(little, 0xa1b2c3d4, 1);
    pcapRecord(file, 1_700_000_000, 123456, A);
    pcapRecord(file, 1_700_000_001, 999999, B, 60);
    const r = await read(file.bytes());
    t.is(r.format, 'pcap');
    t.deepEqual(r.frames.map((f) => [f.number, f.tsSec, f.tsNsec, f.data.length, f.originalLength, f.linkType]), [
      [1, 1_700_000_000, 123456000, 5, 5, 1],
      [2, 1_700_000_001, 999999000, 3, 60, 1],
    ]);
    t.deepEqual(r.frames[1]?.data, [9, 8, 7]);
  });

  test(`pcap, nanoseconds, ${order}: nanosecond precision is kept`, async (t) => {
    const file = pcapHeader(little, 0xa1b23c4d, 101);
    pcapRecord(file, 1_700_000_000, 123456789, A);
    const r = await read(file.bytes());
    t.is(r.format, 'pcap-ns');
    t.is(r.frames[0]?.tsNsec, 123456789);
    t.is(r.frames[0]?.linkType, 101);
  });

  test(`pcapng, ${order}: interfaces, if_tsresol and enhanced packets`, async (t) => {
    const nanoseconds = 1_700_000_000_123_456_789n;
    const high = Number(nanoseconds >> 32n);
    const low = Number(nanoseconds & 0xffffffffn);
    const bytes = concat(
      sectionHeader(little),
      interfaceBlock(little, 1),
      interfaceBlock(little, 113, 9),
      enhancedPacket(little, 0, 0, 1_000_000, A),
      enhancedPacket(little, 1, high, low, B),
    );
    const r = await read(bytes);
    t.is(r.format, 'pcapng');
    t.deepEqual(r.frames.map((f) => [f.number, f.linkType, f.interfaceId, f.tsSec, f.tsNsec]), [
      [1, 1, 0, 1, 0],
      [2, 113, 1, 1_700_000_000, 123_456_789],
    ]);
  });
}

test('pcapng: several sections with different byte orders renumber interfaces but not frames', async (t) => {
  const bytes = concat(
    sectionHeader(true),
    interfaceBlock(true, 1),
    enhancedPacket(true, 0, 0, 5, A),
    sectionHeader(false),
    interfaceBlock(false, 101),
    enhancedPacket(false, 0, 0, 7, B),
  );
  const r = await read(bytes);
  t.deepEqual(r.frames.map((f) => [f.number, f.linkType, f.interfaceId]), [
    [1, 1, 0],
    [2, 101, 1],
  ]);
});

test('pcapng: simple and obsolete packet blocks are read, NRB/ISB skipped quietly, unknown blocks noted', async (t) => {
  const little = true;
  const simple = block(little, 3, new Bytes(little).u32(A.length).raw(A).pad4().bytes());
  const obsolete = block(little, 2, new Bytes(little).u16(0).u16(0).u32(0).u32(2_000_000).u32(B.length).u32(B.length).raw(B).pad4().bytes());
  const nrb = block(little, 4, new Bytes(little).u16(0).u16(0).bytes());
  const isb = block(little, 5, new Bytes(little).u32(0).u32(0).u32(0).bytes());
  const unknown = block(little, 0x12345678, new Bytes(little).u32(42).bytes());
  const r = await read(concat(sectionHeader(little), interfaceBlock(little, 1, undefined, 4), simple, nrb, obsolete, isb, unknown));
  t.deepEqual(r.frames.map((f) => [f.number, f.data.length, f.originalLength, f.tsSec]), [
    [1, 4, 5, 0],
    [2, 3, 3, 2],
  ]);
  t.deepEqual(r.diagnostics.map((d) => d.code), ['capture.unknown-block']);
});

test('pcapng: a Decryption Secrets Block is surfaced with the frame it follows', async (t) => {
  const little = true;
  const text = new TextEncoder().encode('CLIENT_RANDOM 00 11\n');
  const dsb = block(little, 0x0a, new Bytes(little).u32(0x544c534b).u32(text.length).raw(text).pad4().bytes());
  const r = await read(concat(sectionHeader(little), interfaceBlock(little, 1), enhancedPacket(little, 0, 0, 1, A), dsb, enhancedPacket(little, 0, 0, 2, B)));
  t.is(r.secrets.length, 1);
  t.is(r.secrets[0]?.type, 0x544c534b);
  t.is(r.secrets[0]?.afterFrame, 1);
  t.is(new TextDecoder().decode(r.secrets[0]?.data), 'CLIENT_RANDOM 00 11\n');
  t.is(r.frames.length, 2);
});

test('a packet naming an undescribed interface is a diagnostic, not a crash', async (t) => {
  const r = await read(concat(sectionHeader(true), interfaceBlock(true, 1), enhancedPacket(true, 3, 0, 1, A), enhancedPacket(true, 0, 0, 1, B)));
  t.is(r.frames.length, 1);
  t.true(r.diagnostics.some((d) => d.code === 'capture.unknown-interface'));
});

test('gzip-compressed captures are recognised by their magic, whatever their name', async (t) => {
  const file = pcapHeader(true, 0xa1b2c3d4, 1);
  pcapRecord(file, 1, 2, A);
  const frames: number[] = [];
  const summary = await readCapture(tempFile(gzipSync(file.bytes()), '.pcap'), { onFrame: (f) => frames.push(f.data.length) });
  t.true(summary.compressed);
  t.deepEqual(frames, [5]);
});

test('a file cut in the middle of a packet keeps every whole packet and says it was truncated', async (t) => {
  const file = pcapHeader(true, 0xa1b2c3d4, 1);
  pcapRecord(file, 1, 0, A);
  pcapRecord(file, 2, 0, B);
  const whole = file.bytes();
  for (let cut = 24; cut < whole.length; cut++) {
    const r = await read(whole.subarray(0, cut));
    const complete = cut >= 24 + 16 + 5 + 16 + 3 ? 2 : cut >= 24 + 16 + 5 ? 1 : 0;
    t.is(r.frames.length, complete, `cut at ${cut}`);
    const atBoundary = cut === 24 || cut === 24 + 16 + 5;
    t.is(r.truncated, !atBoundary, `cut at ${cut}`);
    if (!atBoundary) t.true(r.diagnostics.some((d) => d.code === 'capture.truncated'));
  }
});

test('a cut gzip stream keeps what was inflated and reports truncation', async (t) => {
  const file = pcapHeader(true, 0xa1b2c3d4, 1);
  for (let i = 0; i < 50; i++) pcapRecord(file, i, 0, new Uint8Array(200).fill(i));
  const gz = gzipSync(file.bytes());
  const frames: number[] = [];
  const diagnostics: Diagnostic[] = [];
  const summary = await readCapture(tempFile(gz.subarray(0, gz.length - 20)), { onFrame: (f) => frames.push(f.number), onDiagnostic: (d) => diagnostics.push(d) });
  t.true(summary.truncated);
  t.true(frames.length > 0 && frames.length <= 50);
  t.true(diagnostics.some((d) => d.code === 'capture.truncated'));
});

test('pcapng truncated inside a block keeps earlier packets', async (t) => {
  const bytes = concat(sectionHeader(true), interfaceBlock(true, 1), enhancedPacket(true, 0, 0, 1, A), enhancedPacket(true, 0, 0, 2, B));
  const r = await read(bytes.subarray(0, bytes.length - 6));
  t.is(r.frames.length, 1);
  t.true(r.truncated);
});

test('a block length pointing far past the end stops reading with a clear diagnostic', async (t) => {
  const bad = new Bytes(true).u32(6).u32(0x7ffffff0).u32(0).bytes();
  const r = await read(concat(sectionHeader(true), interfaceBlock(true, 1), enhancedPacket(true, 0, 0, 1, A), bad));
  t.is(r.frames.length, 1);
  t.true(r.diagnostics.some((d) => d.code === 'capture.bad-record'));
});

test('a record length beyond any sane size stops reading with a diagnostic', async (t) => {
  const file = pcapHeader(true, 0xa1b2c3d4, 1);
  pcapRecord(file, 1, 0, A);
  file.u32(2).u32(0).u32(0x7fffffff).u32(0x7fffffff);
  const r = await read(file.bytes());
  t.is(r.frames.length, 1);
  t.true(r.diagnostics.some((d) => d.code === 'capture.bad-record'));
});

test('a file that is not a capture is refused with one clear error', async (t) => {
  const error = await t.throwsAsync(readCapture(tempFile(new TextEncoder().encode('hello, this is text')), { onFrame: () => undefined }));
  t.true(error instanceof CaptureError);
  t.regex(error?.message ?? '', /is not a capture file/);
});

test('an empty file and a missing file are refused with clear errors', async (t) => {
  const empty = await t.throwsAsync(readCapture(tempFile(new Uint8Array(0)), { onFrame: () => undefined }));
  t.regex(empty?.message ?? '', /is empty/);
  const missing = await t.throwsAsync(readCapture('/nonexistent/file.pcap', { onFrame: () => undefined }));
  t.regex(missing?.message ?? '', /no such file/);
});

test('a record larger than the read buffer is still read whole', async (t) => {
  const big = new Uint8Array(6 * 1024 * 1024).fill(7);
  const file = pcapHeader(true, 0xa1b2c3d4, 1, 0x7fffffff);
  pcapRecord(file, 1, 0, A);
  pcapRecord(file, 2, 0, big);
  pcapRecord(file, 3, 0, B);
  const r = await read(file.bytes());
  t.deepEqual(r.frames.map((f) => f.data.length), [5, big.length, 3]);
});
