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

export interface ReadOptions {
  /** Called after each block read with bytes of the file consumed so far and the file size. */
  readonly onProgress?: (fileBytesRead: number, fileSize: number) => void;
}

export async function readCapture(path: string, sink: CaptureSink, options: ReadOptions = {}): Promise<CaptureSummary> {
  const source = await openSource(path);
  try {
    return await drive(path, source, sink, options);
  } finally {
    await source.close();
  }
}

async function drive(path: string, source: ByteSource, sink: CaptureSink, options: ReadOptions): Promise<CaptureSummary> {
  let buf = Buffer.allocUnsafe(READ_SIZE);
  let end = await fill(source, buf, 0);
  if (end === 0) throw new CaptureError(`${path} is empty`);
  const interfaces: InterfaceInfo[] = [];
  let firstTime: { sec: number; nsec: number } | undefined;
  let lastTime: { sec: number; nsec: number } | undefined;
  const timedSink: CaptureSink = {
    onFrame(frame: Frame) {
      if (firstTime === undefined) firstTime = { sec: frame.tsSec, nsec: frame.tsNsec };
      lastTime = { sec: frame.tsSec, nsec: frame.tsNsec };
      sink.onFrame(frame);
    },
    onInterface: (info) => sink.onInterface?.(info),
    onSecrets: (secrets) => sink.onSecrets?.(secrets),
    onDiagnostic: (d) => sink.onDiagnostic?.(d),
  };
  const parser = chooseParser(path, buf.subarray(0, end), timedSink, interfaces);

  let start = 0;
  let fileOffset = 0;
  let eof = false;
  for (;;) {
    const next = parser.parse(buf, start, end, fileOffset);
    fileOffset += next - start;
    start = next;
    if (parser.needed < 0 || eof) break;
    // Move the unfinished record to the front, growing the buffer only when one record needs it.
    const tail = end - start;
    if (parser.needed > buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(parser.needed, buf.length * 2));
      buf.copy(bigger, 0, start, end);
      buf = bigger;
    } else if (start > 0) {
      buf.copy(buf, 0, start, end);
    }
    start = 0;
    end = tail;
    const before = end;
    end = await fill(source, buf, end);
    options.onProgress?.(source.fileBytesRead(), source.fileSize);
    if (end === before) eof = true;
  }

  const leftover = end - start;
  const earlyEnd = source.endedEarly();
  const truncated = parser.needed >= 0 && (leftover > 0 || earlyEnd !== undefined);
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
    ...(firstTime === undefined ? {} : { firstTime }),
    ...(lastTime === undefined ? {} : { lastTime }),
  };
}

function chooseParser(path: string, head: Uint8Array, sink: CaptureSink, interfaces: InterfaceInfo[]): RecordParser {
  const pcapMagic = sniffPcap(head);
  if (pcapMagic) return new PcapParser(pcapMagic, sink, interfaces);
  if (isPcapng(head)) return new PcapngParser(sink, interfaces);
  throw new CaptureError(`${path} is not a capture file (not pcap or pcapng; first bytes ${Buffer.from(head.subarray(0, 4)).toString('hex')})`);
}

/** Reads until the buffer is full or the input ends; returns the new end. */
async function fill(source: ByteSource, buf: Buffer, end: number): Promise<number> {
  let at = end;
  const want = Math.min(buf.length, at + READ_SIZE);
  while (at < want) {
    const n = await source.read(buf, at, want - at);
    if (n === 0) break;
    at += n;
  }
  return at;
}
