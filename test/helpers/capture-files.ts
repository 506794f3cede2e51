/**
 * Hand-built capture files in every byte order and block type, for reader tests that need shapes
 * the fixture writer does not make (big-endian pcapng, SPB, the obsolete Packet Block, unknown
 * blocks, several sections).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export class Bytes {
  private readonly parts: number[] = [];
  constructor(private readonly little: boolean) {}
  u8(v: number): this {
    this.parts.push(v & 0xff);
    return this;
  }
  u16(v: number): this {
    return this.little ? this.u8(v).u8(v >> 8) : this.u8(v >> 8).u8(v);
  }
  u32(v: number): this {
    return this.little ? this.u16(v & 0xffff).u16(v >>> 16) : this.u16(v >>> 16).u16(v & 0xffff);
  }
  raw(bytes: Uint8Array | readonly number[]): this {
    for (const b of bytes) this.parts.push(b);
    return this;
  }
  pad4(): this {
    while (this.parts.length % 4 !== 0) this.parts.push(0);
    return this;
  }
  get length(): number {
    return this.parts.length;
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export function pcapHeader(little: boolean, magic: number, linkType: number, snapLength = 65535): Bytes {
  return new Bytes(little).u32(magic).u16(2).u16(4).u32(0).u32(0).u32(snapLength).u32(linkType);
}

export function pcapRecord(b: Bytes, sec: number, fraction: number, data: Uint8Array, originalLength = data.length): Bytes {
  return b.u32(sec).u32(fraction).u32(data.length).u32(originalLength).raw(data);
}

/** A pcapng block: type, total length, body (padded), total length. */
export function block(little: boolean, type: number, body: Uint8Array): Uint8Array {
  const padded = (body.length + 3) & ~3;
  const b = new Bytes(little).u32(type).u32(padded + 12).raw(body);
  while (b.length < padded + 8) b.u8(0);
  return b.u32(padded + 12).bytes();
}

export function sectionHeader(little: boolean): Uint8Array {
  return block(little, 0x0a0d0d0a, new Bytes(little).u32(0x1a2b3c4d).u16(1).u16(0).u32(0xffffffff).u32(0xffffffff).bytes());
}

export function interfaceBlock(little: boolean, linkType: number, tsresol?: number, snapLength = 0): Uint8Array {
  const body = new Bytes(little).u16(linkType).u16(0).u32(snapLength);
  if (tsresol !== undefined) body.u16(9).u16(1).u8(tsresol).pad4().u16(0).u16(0);
  return block(little, 1, body.bytes());
}

export function enhancedPacket(little: boolean, interfaceId: number, high: number, low: number, data: Uint8Array): Uint8Array {
  return block(little, 6, new Bytes(little).u32(interfaceId).u32(high).u32(low).u32(data.length).u32(data.length).raw(data).pad4().bytes());
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const dir = mkdtempSync(path.join(tmpdir(), 'keyhole-capture-'));
let counter = 0;

export function tempFile(bytes: Uint8Array, suffix = '.bin'): string {
  const file = path.join(dir, `capture-${counter++}${suffix}`);
  writeFileSync(file, bytes);
  return file;
}
