/**
 * Appending to many output files at once without running out of descriptors: at most MAX_OPEN
 * stay open; the least recently written is closed and reopened for appending when needed.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';

const MAX_OPEN = 256;

export class FileCache {
  private readonly open = new Map<string, number>();
  private readonly created = new Set<string>();

  constructor(private readonly dir: string) {}

  append(name: string, bytes: Uint8Array): void {
    let fd = this.open.get(name);
    if (fd === undefined) {
      if (this.open.size >= MAX_OPEN) this.closeOldest();
      fd = openSync(path.join(this.dir, name), this.created.has(name) ? 'a' : 'w');
      this.created.add(name);
    } else {
      this.open.delete(name);
    }
    this.open.set(name, fd);
    let at = 0;
    while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
  }

  close(name: string): void {
    const fd = this.open.get(name);
    if (fd === undefined) return;
    closeSync(fd);
    this.open.delete(name);
  }

  closeAll(): void {
    for (const fd of this.open.values()) closeSync(fd);
    this.open.clear();
  }

  private closeOldest(): void {
    const oldest = this.open.keys().next();
    if (oldest.done !== true) this.close(oldest.value);
  }
}
