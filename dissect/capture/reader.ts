/**
 * Streams a capture file through a format parser with one reused buffer, so memory does not
 * depend on the file size: read a block, let the parser consume every complete record, move the
 * unfinished tail to the front, read again. The buffer grows only for a single record larger than
 * it (bounded by MAX_RECORD_BYTES).
 */
import { diagnostic } from '../diagnostics.js';
import { openSource, type ByteSource } from './source.js';
import { PcapParser, sniffPcap } from './pcap.js';
import { PcapngParser, isPcapng } from './pcapng.js';
import type { RecordParser } from './record-parser.js';
import { CaptureError, type CaptureSink, type CaptureSummary, type Frame, type InterfaceInfo } from './types.js';

const READ_SIZE = 4 * 1024 * 1024;
/** Room in front of each block for the unfinished record of the previous one. */
const HEAD_ROOM = 256 * 1024;

export interface ReadOptions {
  /** Called after each block read with bytes of the file consumed so far and the file size. */
  readonly onProgress?: (fileBytesRead: number, fileSize: number) => void;
  /**
   * Asked after each block: a consumer that hands work to other threads (asynchronous file
   * writes) returns a promise to hold the reader until that work has caught up, so the work
   * queued behind the reader stays bounded.
   */
  readonly backpressure?: () => Promise<void> | undefined;
  /** Stops reading at the next block, as if the file ended there (a consumer that has seen enough). */
  readonly signal?: AbortSignal;
}

export async function readCapture(path: string, sink: CaptureSink, options: ReadOptions = {}): Promise<CaptureSummary> {
  const source = await openSource(path);
  try {
    return await drive(path, source, sink, options);
  } finally {
    await source.close();
  }
}

/**
 * Two buffers take turns: while the parser walks one, the next block is already being read into
 * the other (the read runs on libuv's thread pool), so parsing never waits on the disk. Each
 * buffer keeps HEAD_ROOM bytes free in front of where a block lands, so the unfinished record at
 * the end of one block can be moved just before the next one and parsing stays contiguous.
 */
async function drive(path: string, source: ByteSource, sink: CaptureSink, options: ReadOptions): Promise<CaptureSummary> {
  let buffers: [Buffer, Buffer] = [Buffer.allocUnsafe(HEAD_ROOM + READ_SIZE), Buffer.allocUnsafe(HEAD_ROOM + READ_SIZE)];
  let current = 0;
  let buf: Buffer = buffers[0];
  let start = HEAD_ROOM;
  let end = HEAD_ROOM + (await fill(source, buf, HEAD_ROOM, READ_SIZE));
  if (end === HEAD_ROOM) throw new CaptureError(`${path} is empty`);
  const interfaces: InterfaceInfo[] = [];
  let firstTime: { sec: number; nsec: number } | undefined;
  let lastSec = 0;
  let lastNsec = 0;
  let frames = 0;
  const timedSink: CaptureSink = {
    onFrame(frame: Frame) {
      if (frames++ === 0) firstTime = { sec: frame.tsSec, nsec: frame.tsNsec };
      lastSec = frame.tsSec;
      lastNsec = frame.tsNsec;
      sink.onFrame(frame);
    },
    onInterface: (info) => sink.onInterface?.(info),
    onSecrets: (secrets) => sink.onSecrets?.(secrets),
    onDiagnostic: (d) => sink.onDiagnostic?.(d),
  };
  const parser = chooseParser(path, buf.subarray(start, end), timedSink, interfaces);

  let fileOffset = 0;
  let prefetch = fill(source, buffers[1], HEAD_ROOM, READ_SIZE);
  for (;;) {
    const next = parser.parse(buf, start, end, fileOffset);
    fileOffset += next - start;
    start = next;
    if (parser.needed < 0) break;
    const tail = end - start;
    await options.backpressure?.();
    if (options.signal?.aborted === true) break;
    const n = await prefetch;
    options.onProgress?.(source.fileBytesRead(), source.fileSize);
    if (n === 0) break;
    const other = buffers[1 - current] ?? buf;
    if (tail <= HEAD_ROOM && parser.needed <= HEAD_ROOM + READ_SIZE) {
      // The usual case: the unfinished record moves in front of the block just read.
      buf.copy(other, HEAD_ROOM - tail, start, end);
      const previous = current;
      current = 1 - current;
      buf = other;
      start = HEAD_ROOM - tail;
      end = HEAD_ROOM + n;
      prefetch = fill(source, buffers[previous] ?? other, HEAD_ROOM, READ_SIZE);
      continue;
    }
    // A record longer than the free room: grow both buffers (bounded by MAX_RECORD_BYTES) and join.
    const size = Math.max(parser.needed, tail + n) + HEAD_ROOM;
    if (size > buffers[0].length) buffers = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
    const joined = buffers[0];
    const pending = buf === joined || other === joined ? Buffer.from(buf.subarray(start, end)) : buf.subarray(start, end);
    const fresh = other === joined ? Buffer.from(other.subarray(HEAD_ROOM, HEAD_ROOM + n)) : other.subarray(HEAD_ROOM, HEAD_ROOM + n);
    pending.copy(joined, HEAD_ROOM);
    fresh.copy(joined, HEAD_ROOM + tail);
    current = 0;
    buf = joined;
    start = HEAD_ROOM;
    end = HEAD_ROOM + tail + n;
    prefetch = fill(source, buffers[1], HEAD_ROOM, READ_SIZE);
  }
  // Nothing may still be reading into a buffer once this returns.
  await prefetch;

  const leftover = end - start;
  const earlyEnd = source.endedEarly();
  // A reader stopped on purpose did not find the file short.
  const truncated = options.signal?.aborted !== true && parser.needed >= 0 && (leftover > 0 || earlyEnd !== undefined);
  if (truncated) {
    const why = earlyEnd ?? `the last ${leftover} bytes are an incomplete record`;
    sink.onDiagnostic?.(diagnostic('capture.truncated', `the capture is cut short after frame ${parser.framesRead}: ${why}`, parser.framesRead || undefined));
  }
  const summary: CaptureSummary = {
    format: parser.format,
    compressed: source.compressed,
    frames: parser.framesRead,
    interfaces,
    fileBytes: source.fileBytesRead(),
    truncated,
  };
  return {
    ...summary,
    ...(firstTime === undefined ? {} : { firstTime, lastTime: { sec: lastSec, nsec: lastNsec } }),
  };
}

function chooseParser(path: string, head: Uint8Array, sink: CaptureSink, interfaces: InterfaceInfo[]): RecordParser {
  const pcapMagic = sniffPcap(head);
  if (pcapMagic) return new PcapParser(pcapMagic, sink, interfaces);
  if (isPcapng(head)) return new PcapngParser(sink, interfaces);
  throw new CaptureError(`${path} is not a capture file (not pcap or pcapng; first bytes ${Buffer.from(head.subarray(0, 4)).toString('hex')})`);
}

/** Reads up to `length` bytes at `at` (fewer only at the end of the input); returns how many. */
async function fill(source: ByteSource, buf: Buffer, at: number, length: number): Promise<number> {
  let got = 0;
  while (got < length) {
    const n = await source.read(buf, at + got, length - got);
    if (n === 0) break;
    got += n;
  }
  return got;
}
