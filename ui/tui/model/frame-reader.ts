/**
 * Reads one frame's captured bytes on demand, from its offset in the (decompressed) capture file
 * (dissect/capture/types.ts Frame.fileOffset): a positional read for a plain file; a gzip file
 * can only be inflated from its start, so it is read forward up to the frame.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { openSource } from '../../../dissect/capture/source.js';

export interface FrameLocation {
  readonly fileOffset: number;
  readonly capturedLength: number;
}

export class FrameReader {
  private handle: Promise<FileHandle> | undefined;
  private compressed: Promise<boolean> | undefined;

  constructor(readonly path: string) {}

  async read(frame: FrameLocation): Promise<Uint8Array> {
    this.compressed ??= openSource(this.path).then(async (source) => {
      await source.close();
      return source.compressed;
    });
    return (await this.compressed) ? this.inflateTo(frame) : this.readAt(frame);
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    if (handle !== undefined) await (await handle).close();
  }

  private async readAt(frame: FrameLocation): Promise<Uint8Array> {
    this.handle ??= open(this.path, 'r');
    const into = new Uint8Array(frame.capturedLength);
    const { bytesRead } = await (await this.handle).read(into, 0, into.length, frame.fileOffset);
    return into.subarray(0, bytesRead);
  }

  private async inflateTo(frame: FrameLocation): Promise<Uint8Array> {
    const source = await openSource(this.path);
    try {
      const block = Buffer.allocUnsafe(1024 * 1024);
      const out = new Uint8Array(frame.capturedLength);
      const end = frame.fileOffset + frame.capturedLength;
      let at = 0;
      while (at < end) {
        const n = await source.read(block, 0, block.length);
        if (n === 0) break;
        const from = Math.max(frame.fileOffset, at);
        const to = Math.min(end, at + n);
        if (from < to) out.set(block.subarray(from - at, to - at), from - frame.fileOffset);
        at += n;
      }
      return out;
    } finally {
      await source.close();
    }
  }
}
