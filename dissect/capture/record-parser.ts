/**
 * The contract between the buffered file driver and a format parser: the driver hands over the
 * bytes it has, the parser consumes every complete record synchronously (so frames flow without an
 * await per packet) and says how many bytes the next record needs.
 */
import type { CaptureFormat } from './types.js';

/** No sane record is larger; a length field above this means the file cannot be framed any further. */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

export interface RecordParser {
  readonly format: CaptureFormat;
  /**
   * Bytes needed at the returned offset before parse can make progress again; -1 when the
   * parser gave up on the file (a diagnostic says why).
   */
  readonly needed: number;
  readonly framesRead: number;
  /** Consumes complete records from buf[start, end); `fileOffset` is the file position of buf[start]. Returns the first unconsumed offset. */
  parse(buf: Buffer, start: number, end: number, fileOffset: number): number;
}
