/**
 * Where capture writers put their bytes, with Node's Writable contract: writes are queued in
 * order and may follow one another at once; a write returns a promise only when the queue is over
 * its high-water mark, and a caller that waits for it before writing again keeps memory flat.
 * Synchronous file-descriptor writes therefore cost no microtask.
 */
import { createWriteStream, writeSync } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';

export type Pending = Promise<void> | undefined;

export interface ByteSink {
  /** The sink keeps a reference to `bytes`: the caller must not change them afterwards. */
  write(bytes: Uint8Array): Pending;
  /** Flushes and ends the output; the sink is unusable afterwards. */
  close(): Pending;
}

/** Synchronous writes to an open file descriptor the caller owns (and closes). */
export function fdSink(fd: number): ByteSink {
  return {
    write(bytes) {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      return undefined;
    },
    close: () => undefined,
  };
}

/**
 * Writes into a stream, waiting for 'drain' whenever it reports a full buffer. Closing ends the
 * stream and resolves when `last` (the stream itself unless it is piped onward) has finished.
 */
export function writableSink(stream: Writable, last: Writable = stream): ByteSink {
  // An 'error' nobody listens to would crash the process; the streams keep it in `errored`, and
  // the next write or close reports it to the caller instead.
  const streams = new Set([stream, last]);
  for (const s of streams) s.on('error', () => undefined);
  const failure = (): Error | null => [...streams].find((s) => s.errored)?.errored ?? null;
  return {
    write(bytes) {
      // A stream that already failed never drains; report its error instead of waiting forever.
      const error = failure();
      if (error) return Promise.reject(error);
      return stream.write(bytes) ? undefined : once(stream, 'drain').then(() => undefined);
    },
    close() {
      stream.end();
      return finished(last);
    },
  };
}

/** gzip (RFC 1952) on the way into `target`. */
export function gzipSink(target: Writable): ByteSink {
  const gzip = createGzip();
  gzip.pipe(target);
  return writableSink(gzip, target);
}

/**
 * Gathers small writes (a 16-byte record header, then a frame) into chunks of `chunkBytes` so the
 * layer below sees few large writes. A full chunk is handed over and a new one started, because
 * a stream keeps the chunk it was given.
 */
export function chunkedSink(inner: ByteSink, chunkBytes = 256 * 1024): ByteSink {
  let chunk = new Uint8Array(chunkBytes);
  let used = 0;
  const flush = (): Pending => {
    if (used === 0) return undefined;
    const full = chunk.subarray(0, used);
    chunk = new Uint8Array(chunkBytes);
    used = 0;
    return inner.write(full);
  };
  return {
    write(bytes) {
      if (used + bytes.length <= chunkBytes) {
        chunk.set(bytes, used);
        used += bytes.length;
        return used === chunkBytes ? flush() : undefined;
      }
      const flushed = flush();
      if (bytes.length >= chunkBytes) return inner.write(bytes);
      chunk.set(bytes, 0);
      used = bytes.length;
      return flushed;
    },
    close() {
      flush();
      return inner.close();
    },
  };
}

export interface FileSinkOptions {
  readonly gzip?: boolean;
}

/** A new file at `path`, optionally gzip-compressed, written in chunks with back-pressure. */
export function fileSink(path: string, options: FileSinkOptions = {}): ByteSink {
  const file = createWriteStream(path);
  return chunkedSink(options.gzip ? gzipSink(file) : writableSink(file));
}
