/**
 * Per-frame index of a capture (frames numbered from 1, as in Wireshark): where the frame's bytes
 * sit in the file and the little the packet list shows, kept in typed-array columns. Bytes are
 * re-read from the file on demand (frame-reader.ts), never kept.
 */
import type { Frame } from '../../../dissect/capture/types.js';
import { Column, float64, int32, uint16, uint32, uint8 } from './column.js';

/** What the packet list and the on-demand reader need of one frame. */
export interface FrameFacts {
  readonly number: number;
  readonly fileOffset: number;
  readonly capturedLength: number;
  readonly originalLength: number;
  readonly tsSec: number;
  readonly tsNsec: number;
  readonly linkType: number;
  /** The key (flow-key.ts) of the TCP connection or UDP conversation the frame belongs to, or -1. */
  readonly flow: number;
  readonly direction: 0 | 1;
  readonly tcpFlags: number;
  readonly payloadLength: number;
}

/** A run of frames' columns, as the indexing thread posts them. */
export interface FrameColumns {
  readonly fileOffset: Float64Array;
  readonly capturedLength: Uint32Array;
  readonly originalLength: Uint32Array;
  readonly tsSec: Float64Array;
  readonly tsNsec: Uint32Array;
  readonly linkType: Uint16Array;
  readonly flow: Int32Array;
  readonly direction: Uint8Array;
  readonly tcpFlags: Uint16Array;
  readonly payloadLength: Uint32Array;
}

export class FrameIndex {
  private readonly fileOffset = new Column(float64, 1024);
  private readonly capturedLength = new Column(uint32, 1024);
  private readonly originalLength = new Column(uint32, 1024);
  private readonly tsSec = new Column(float64, 1024);
  private readonly tsNsec = new Column(uint32, 1024);
  private readonly linkType = new Column(uint16, 1024);
  private readonly flow = new Column(int32, 1024);
  private readonly direction = new Column(uint8, 1024);
  private readonly tcpFlags = new Column(uint16, 1024);
  private readonly payloadLength = new Column(uint32, 1024);

  get count(): number {
    return this.fileOffset.length;
  }

  add(frame: Frame): void {
    this.fileOffset.push(frame.fileOffset);
    this.capturedLength.push(frame.data.length);
    this.originalLength.push(frame.originalLength);
    this.tsSec.push(frame.tsSec);
    this.tsNsec.push(frame.tsNsec);
    this.linkType.push(frame.linkType);
    this.flow.push(-1);
    this.direction.push(0);
    this.tcpFlags.push(0);
    this.payloadLength.push(0);
  }

  /** The last frame added belongs to the flow `key` (TCP flags are 0 for UDP). */
  assignLast(key: number, direction: 0 | 1, tcpFlags: number, payloadLength: number): void {
    const i = this.count - 1;
    this.flow.set(i, key);
    this.direction.set(i, direction);
    this.tcpFlags.set(i, tcpFlags);
    this.payloadLength.set(i, payloadLength);
  }

  columns(): FrameColumns {
    return {
      fileOffset: this.fileOffset.values(), capturedLength: this.capturedLength.values(), originalLength: this.originalLength.values(),
      tsSec: this.tsSec.values(), tsNsec: this.tsNsec.values(), linkType: this.linkType.values(), flow: this.flow.values(),
      direction: this.direction.values(), tcpFlags: this.tcpFlags.values(), payloadLength: this.payloadLength.values(),
    };
  }

  /** Adds the frames that follow the last one indexed. */
  append(c: FrameColumns): void {
    this.fileOffset.append(c.fileOffset);
    this.capturedLength.append(c.capturedLength);
    this.originalLength.append(c.originalLength);
    this.tsSec.append(c.tsSec);
    this.tsNsec.append(c.tsNsec);
    this.linkType.append(c.linkType);
    this.flow.append(c.flow);
    this.direction.append(c.direction);
    this.tcpFlags.append(c.tcpFlags);
    this.payloadLength.append(c.payloadLength);
  }

  /** Facts of frame `number` (1-based), or undefined past the indexed end. */
  facts(number: number): FrameFacts | undefined {
    const i = number - 1;
    if (i < 0 || i >= this.count) return undefined;
    return {
      number,
      fileOffset: this.fileOffset.at(i),
      capturedLength: this.capturedLength.at(i),
      originalLength: this.originalLength.at(i),
      tsSec: this.tsSec.at(i),
      tsNsec: this.tsNsec.at(i),
      linkType: this.linkType.at(i),
      flow: this.flow.at(i),
      direction: this.direction.at(i) === 1 ? 1 : 0,
      tcpFlags: this.tcpFlags.at(i),
      payloadLength: this.payloadLength.at(i),
    };
  }

  /** Seconds from the first frame to frame `number`. */
  relativeTime(number: number): number {
    const i = number - 1;
    if (i < 0 || i >= this.count) return 0;
    return this.tsSec.at(i) - this.tsSec.at(0) + (this.tsNsec.at(i) - this.tsNsec.at(0)) / 1e9;
  }
}
