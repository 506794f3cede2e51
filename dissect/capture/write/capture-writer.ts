/** What every capture file writer accepts, whatever its container format. */
import type { Pending } from './byte-sink.js';
import type { Timestamp } from './timestamp.js';

export type ByteOrder = 'little' | 'big';

export interface CapturedPacket {
  readonly timestamp: Timestamp;
  /** The captured bytes, starting with the link-layer header. */
  readonly data: Uint8Array;
  /** Length on the wire when the capture cut the packet short; `data.length` otherwise. */
  readonly originalLength?: number;
}

export interface CaptureWriter {
  writePacket(packet: CapturedPacket): Pending;
  close(): Pending;
}
