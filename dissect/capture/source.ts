/**
 * Where capture bytes come from: a plain file read with positional reads, or a gzip file
 * inflated as a stream. Compression is sniffed from the magic bytes (1f 8b), never the name.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { CaptureError } from './types.js';

export interface ByteSource {
  readonly compressed: boolean;
  /** Size of the file on disk. */
  readonly fileSize: number;
  /** Reads up to `length` bytes into `into` at `offset`; 0 means end of input. */
  read(into: Buffer, offset: number, length: number): Promise<number>;
  /** Bytes of the file consumed so far (compressed bytes for gzip), for progress. */
  fileBytesRead(): number;
  /** Why the input ended before its format said it would (a cut gzip stream), if it did. */
  endedEarly(): string | undefined;
  close(): Promise<void>;
}

export async function openSource(path: string): Promise<ByteSource> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new CaptureError(`cannot open ${path}: ${describeFsError(error)}`);
  }
  const stat = await handle.stat();
  if (stat.isDirectory()) {
    await handle.close();
    throw new CaptureError(`${path} is a directory, not a capture file`);
  }
  const head = Buffer.alloc(2);
  const { bytesRead } = await handle.read(head, 0, 2, 0);
  if (bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b) {
    await handle.close();
    return gzipSource(path, stat.size);
  }
  return fileSource(handle, stat.size);
}

function fileSource(handle: FileHandle, fileSize: number): ByteSource {
  let position = 0;
  return {
    compressed: false,
    fileSize,
    async read(into, offset, length) {
      const { bytesRead } = await handle.read(into, offset, length, position);
      position += bytesRead;
      return bytesRead;
    },
    fileBytesRead: () => position,
    endedEarly: () => undefined,
    close: () => handle.close(),
  };
}

function gzipSource(path: string, fileSize: number): ByteSource {
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const gunzip = createGunzip({ chunkSize: 1 << 20 });
  raw.pipe(gunzip);
  const chunks = gunzip[Symbol.asyncIterator]();
  let pending: Buffer | undefined;
  let failure: Error | undefined;
  return {
    compressed: true,
    fileSize,
    async read(into, offset, length) {
      if (failure) return 0;
      if (pending === undefined || pending.length === 0) {
        try {
          const next = await chunks.next();
          if (next.done === true) return 0;
          pending = Buffer.isBuffer(next.value) ? next.value : Buffer.from(String(next.value));
        } catch (error) {
          // A cut-off gzip file: everything inflated so far has been handed out; report as end of data.
          failure = error instanceof Error ? error : new Error(String(error));
          return 0;
        }
      }
      const n = Math.min(length, pending.length);
      pending.copy(into, offset, 0, n);
      pending = pending.subarray(n);
      return n;
    },
    fileBytesRead: () => raw.bytesRead,
    endedEarly: () => (failure === undefined ? undefined : `the gzip stream is damaged or cut short (${failure.message})`),
    async close() {
      raw.destroy();
      gunzip.destroy();
    },
  };
}

function describeFsError(error: unknown): string {
  if (error instanceof Error && 'code' in error) {
    const code = error.code;
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EACCES') return 'permission denied';
    if (code === 'EISDIR') return 'it is a directory';
  }
  return error instanceof Error ? error.message : String(error);
}
