/**
 * Appending to many output files at once, written behind the dissection: bytes are copied into
 * pooled blocks and handed to libuv's thread pool, so the disk writes run on the other core while
 * the main thread goes on decrypting. `backpressure()` holds the capture reader while too much is
 * queued, so memory stays bounded however much is exported. At most MAX_OPEN descriptors stay
 * open; the least recently written file is closed (once its queue drains) and reopened for
 * appending when needed. Writes to one file are issued one at a time, in order. Memory: the
 * queue (HIGH_WATER) plus one partly filled block per file being written (MAX_OPEN blocks at most).
 */
import { close, open, write } from 'node:fs';
import path from 'node:path';
import { OutputError } from './errors.js';

const MAX_OPEN = 200;
const BLOCK_BYTES = 256 * 1024;
/** Queued bytes above which the reader waits, and below which it goes on again. */
const HIGH_WATER = 16 * 1024 * 1024;
const LOW_WATER = 4 * 1024 * 1024;

interface OutputFile {
  readonly name: string;
  fd: number | undefined;
  /** The block being filled, and how much of it is used. */
  block: Buffer | undefined;
  used: number;
  readonly queue: Array<{ block: Buffer; length: number }>;
  writing: boolean;
  /** Close the descriptor once the queue drains (evicted, or the stream ended). */
  closing: boolean;
  /** When it was last written to (FileCache.clock), to evict the least recently written. */
  lastUse: number;
}

export class FileCache {
  private readonly files = new Map<string, OutputFile>();
  private readonly created = new Set<string>();
  private readonly pool: Buffer[] = [];
  private queued = 0;
  private error: Error | undefined;
  private waiting: { promise: Promise<void>; resolve: () => void } | undefined;
  private idle: Array<() => void> = [];
  /** Descriptors being closed on the thread pool. */
  private closes = 0;
  /** Counts appends: a file's lastUse. */
  private clock = 0;

  constructor(private readonly dir: string) {}

  append(name: string, bytes: Uint8Array): void {
    if (this.error !== undefined) throw this.error;
    const file = this.touch(name);
    let at = 0;
    while (at < bytes.length) {
      file.block ??= this.pool.pop() ?? Buffer.allocUnsafe(BLOCK_BYTES);
      const n = Math.min(bytes.length - at, BLOCK_BYTES - file.used);
      file.block.set(bytes.subarray(at, at + n), file.used);
      file.used += n;
      at += n;
      if (file.used === BLOCK_BYTES) this.enqueue(file);
    }
  }

  /** The stream ended: write what is left and release the descriptor. */
  close(name: string): void {
    const file = this.files.get(name);
    if (file === undefined) return;
    this.enqueue(file);
    file.closing = true;
    this.pump(file);
  }

  /** A promise while more than HIGH_WATER bytes wait for the disk (see ReadOptions.backpressure). */
  backpressure(): Promise<void> | undefined {
    if (this.queued < HIGH_WATER) return undefined;
    if (this.waiting === undefined) {
      let resolve = (): void => undefined;
      const promise = new Promise<void>((r) => (resolve = r));
      this.waiting = { promise, resolve };
    }
    return this.waiting.promise;
  }

  /** Writes everything, closes every file, and reports the first write error. */
  async closeAll(): Promise<void> {
    for (const name of [...this.files.keys()]) this.close(name);
    if (this.files.size > 0 || this.closes > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
    if (this.error !== undefined) throw this.error;
  }

  /** The file `name`, marked most recently written (a counter, not a reordering of the map: this runs per record). */
  private touch(name: string): OutputFile {
    let file = this.files.get(name);
    if (file !== undefined) {
      file.closing = false;
    } else {
      if (this.files.size >= MAX_OPEN) this.evictOldest();
      file = { name, fd: undefined, block: undefined, used: 0, queue: [], writing: false, closing: false, lastUse: 0 };
      this.files.set(name, file);
    }
    file.lastUse = ++this.clock;
    return file;
  }

  /** Closes the least recently written file; only when MAX_OPEN are open, so the scan is rare. */
  private evictOldest(): void {
    let oldest: OutputFile | undefined;
    for (const file of this.files.values()) {
      if (!file.closing && (oldest === undefined || file.lastUse < oldest.lastUse)) oldest = file;
    }
    if (oldest !== undefined) this.close(oldest.name);
  }

  private enqueue(file: OutputFile): void {
    if (file.block === undefined || file.used === 0) return;
    file.queue.push({ block: file.block, length: file.used });
    this.queued += file.used;
    file.block = undefined;
    file.used = 0;
    this.pump(file);
  }

  private pump(file: OutputFile): void {
    if (file.writing) return;
    const next = file.queue[0];
    if (next === undefined) {
      if (file.closing) this.release(file);
      return;
    }
    if (file.fd === undefined) {
      this.openThenPump(file);
      return;
    }
    file.writing = true;
    const fd = file.fd;
    const written = (offset: number) => (error: Error | null, n: number): void => {
      if (error !== null) {
        this.error ??= new OutputError(`cannot write ${path.join(this.dir, file.name)}: ${error.message}`);
        n = next.length - offset;
      }
      if (offset + n < next.length) {
        write(fd, next.block, offset + n, next.length - offset - n, null, written(offset + n));
        return;
      }
      file.queue.shift();
      file.writing = false;
      this.done(next);
      this.pump(file);
    };
    write(fd, next.block, 0, next.length, null, written(0));
  }

  /** Opening (creating) a file costs the file system a while too: it is done on the thread pool as well. */
  private openThenPump(file: OutputFile): void {
    const name = path.join(this.dir, file.name);
    file.writing = true;
    open(name, this.created.has(file.name) ? 'a' : 'w', (error, fd) => {
      file.writing = false;
      this.created.add(file.name);
      if (error === null) {
        file.fd = fd;
      } else {
        this.error ??= new OutputError(`cannot write ${name}: ${error.message}`);
        this.drop(file);
      }
      this.pump(file);
    });
  }

  /** After a failed open nothing more is written to the file; its queued blocks go back to the pool. */
  private drop(file: OutputFile): void {
    for (const queued of file.queue.splice(0)) this.done(queued);
    file.closing = true;
  }

  /** A block left the queue: back to the pool, and the reader goes on once the queue is low. */
  private done(queued: { block: Buffer; length: number }): void {
    this.queued -= queued.length;
    this.pool.push(queued.block);
    if (this.waiting !== undefined && this.queued <= LOW_WATER) {
      this.waiting.resolve();
      this.waiting = undefined;
    }
  }

  private release(file: OutputFile): void {
    if (this.files.get(file.name) === file) this.files.delete(file.name);
    if (file.fd !== undefined) {
      this.closes++;
      close(file.fd, (error) => {
        if (error !== null) this.error ??= new OutputError(`cannot write ${path.join(this.dir, file.name)}: ${error.message}`);
        this.closes--;
        this.settle();
      });
    }
    file.fd = undefined;
    this.settle();
  }

  private settle(): void {
    if (this.files.size === 0 && this.closes === 0) for (const resolve of this.idle.splice(0)) resolve();
  }
}
