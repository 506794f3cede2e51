/**
 * pcapng (draft-ietf-opsawg-pcapng): Section Header Blocks (either byte order, several per file),
 * Interface Description Blocks (link type, snap length, if_tsresol, if_tsoffset), packets from
 * Enhanced, Simple and the obsolete Packet Block, Name Resolution and Interface Statistics blocks
 * skipped, Decryption Secrets Blocks handed to the sink, unknown blocks skipped with a note.
 */
import { diagnostic } from '../diagnostics.js';
import type { CaptureSink, InterfaceInfo } from './types.js';
import { MAX_RECORD_BYTES, type RecordParser } from './record-parser.js';
import { unitsPerSecondFromResolution, unitsToTimestamp, type Timestamp } from './timestamp.js';

const SECTION_HEADER = 0x0a0d0d0a;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

const BLOCK = {
  interfaceDescription: 0x00000001,
  packet: 0x00000002,
  simplePacket: 0x00000003,
  nameResolution: 0x00000004,
  interfaceStatistics: 0x00000005,
  enhancedPacket: 0x00000006,
  decryptionSecrets: 0x0000000a,
  customCopyable: 0x00000bad,
  customNotCopyable: 0x40000bad,
} as const;

/** Blocks that carry nothing keyhole uses; skipped silently. */
const QUIETLY_SKIPPED: ReadonlySet<number> = new Set([
  BLOCK.nameResolution,
  BLOCK.interfaceStatistics,
  BLOCK.customCopyable,
  BLOCK.customNotCopyable,
  0x00000007, // IRIG timestamp (obsolete)
  0x00000008, // ARINC 429 (obsolete)
  0x00000009, // systemd journal export
]);

const OPTION = { endOfOptions: 0, name: 2, tsresol: 9, tsoffset: 14 } as const;

interface SectionInterface {
  readonly info: InterfaceInfo;
  readonly offsetSeconds: number;
}

export function isPcapng(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x0a && head[1] === 0x0d && head[2] === 0x0d && head[3] === 0x0a;
}

export class PcapngParser implements RecordParser {
  readonly format = 'pcapng' as const;
  needed = 12;
  framesRead = 0;
  private little = true;
  private sectionInterfaces: SectionInterface[] = [];
  private readonly time: Timestamp = { sec: 0, nsec: 0 };

  constructor(
    private readonly sink: CaptureSink,
    private readonly interfaces: InterfaceInfo[],
  ) {}

  parse(buf: Buffer, start: number, end: number, fileOffset: number): number {
    let at = start;
    for (;;) {
      if (end - at < 12) {
        this.needed = 12;
        return at;
      }
      const rawType = buf.readUInt32LE(at);
      if (rawType === SECTION_HEADER) {
        const magic = buf.readUInt32LE(at + 8);
        if (magic === BYTE_ORDER_MAGIC) this.little = true;
        else if (magic === 0x4d3c2b1a) this.little = false;
        else {
          this.giveUp(`section header at file offset ${fileOffset + at - start} has an unknown byte-order magic`);
          return at;
        }
      }
      const type = this.little ? rawType : buf.readUInt32BE(at);
      const length = this.read32(buf, at + 4);
      if (length < 12 || length % 4 !== 0 || length > MAX_RECORD_BYTES) {
        this.giveUp(`block at file offset ${fileOffset + at - start} has an impossible length ${length}`);
        return at;
      }
      if (end - at < length) {
        this.needed = length;
        return at;
      }
      const trailer = this.read32(buf, at + length - 4);
      if (trailer !== length) {
        this.report('capture.bad-block', `block at file offset ${fileOffset + at - start} has mismatched lengths (${length} and ${trailer})`);
      }
      this.block(type, buf, at, length, fileOffset + (at - start));
      at += length;
    }
  }

  private block(type: number, buf: Buffer, at: number, length: number, blockFileOffset: number): void {
    const body = at + 8;
    const bodyEnd = at + length - 4;
    switch (type) {
      case SECTION_HEADER:
        this.sectionInterfaces = [];
        return;
      case BLOCK.interfaceDescription:
        this.interfaceDescription(buf, body, bodyEnd);
        return;
      case BLOCK.enhancedPacket:
        this.enhancedPacket(buf, body, bodyEnd, blockFileOffset - at);
        return;
      case BLOCK.simplePacket:
        this.simplePacket(buf, body, bodyEnd, blockFileOffset - at);
        return;
      case BLOCK.packet:
        this.obsoletePacket(buf, body, bodyEnd, blockFileOffset - at);
        return;
      case BLOCK.decryptionSecrets:
        this.decryptionSecrets(buf, body, bodyEnd);
        return;
      default:
        if (!QUIETLY_SKIPPED.has(type)) {
          this.report('capture.unknown-block', `skipped a pcapng block of type 0x${type.toString(16).padStart(8, '0')} (${length} bytes)`);
        }
    }
  }

  private interfaceDescription(buf: Buffer, body: number, bodyEnd: number): void {
    if (bodyEnd - body < 8) {
      this.report('capture.bad-block', 'interface description block is too short');
      return;
    }
    const linkType = this.read16(buf, body);
    const snapLength = this.read32(buf, body + 4);
    let unitsPerSecond = 1e6;
    let offsetSeconds = 0;
    let name: string | undefined;
    for (const option of this.options(buf, body + 8, bodyEnd)) {
      if (option.code === OPTION.tsresol && option.length >= 1) {
        unitsPerSecond = unitsPerSecondFromResolution(buf[option.at] ?? 6);
      } else if (option.code === OPTION.tsoffset && option.length >= 8) {
        offsetSeconds = this.read32(buf, option.at + (this.little ? 0 : 4));
      } else if (option.code === OPTION.name) {
        name = buf.toString('utf8', option.at, option.at + option.length);
      }
    }
    const id = this.interfaces.length;
    const info: InterfaceInfo = name === undefined ? { id, linkType, snapLength, unitsPerSecond } : { id, linkType, snapLength, unitsPerSecond, name };
    this.interfaces.push(info);
    this.sectionInterfaces.push({ info, offsetSeconds });
    this.sink.onInterface?.(info);
  }

  private *options(buf: Buffer, from: number, to: number): Generator<{ code: number; length: number; at: number }> {
    let at = from;
    while (to - at >= 4) {
      const code = this.read16(buf, at);
      const length = this.read16(buf, at + 2);
      if (code === OPTION.endOfOptions) return;
      if (at + 4 + length > to) {
        this.report('capture.bad-block', `an option (code ${code}) runs past the end of its block`);
        return;
      }
      yield { code, length, at: at + 4 };
      at += 4 + ((length + 3) & ~3);
    }
  }

  private enhancedPacket(buf: Buffer, body: number, bodyEnd: number, fileBase: number): void {
    if (bodyEnd - body < 20) {
      this.report('capture.bad-block', 'enhanced packet block is too short');
      return;
    }
    const interfaceId = this.read32(buf, body);
    const capturedLength = this.read32(buf, body + 12);
    const originalLength = this.read32(buf, body + 16);
    this.emit(buf, interfaceId, this.read32(buf, body + 4), this.read32(buf, body + 8), body + 20, capturedLength, bodyEnd, originalLength, fileBase);
  }

  private obsoletePacket(buf: Buffer, body: number, bodyEnd: number, fileBase: number): void {
    if (bodyEnd - body < 20) {
      this.report('capture.bad-block', 'packet block is too short');
      return;
    }
    const interfaceId = this.read16(buf, body);
    const capturedLength = this.read32(buf, body + 12);
    const originalLength = this.read32(buf, body + 16);
    this.emit(buf, interfaceId, this.read32(buf, body + 4), this.read32(buf, body + 8), body + 20, capturedLength, bodyEnd, originalLength, fileBase);
  }

  /** SPB: no timestamp and no captured length; the data is the rest of the block up to the snap length. */
  private simplePacket(buf: Buffer, body: number, bodyEnd: number, fileBase: number): void {
    if (bodyEnd - body < 4) {
      this.report('capture.bad-block', 'simple packet block is too short');
      return;
    }
    const originalLength = this.read32(buf, body);
    const snap = this.sectionInterfaces[0]?.info.snapLength ?? 0;
    let capturedLength = Math.min(originalLength, bodyEnd - body - 4);
    if (snap > 0) capturedLength = Math.min(capturedLength, snap);
    this.emit(buf, 0, -1, 0, body + 4, capturedLength, bodyEnd, originalLength, fileBase);
  }

  private emit(
    buf: Buffer,
    interfaceId: number,
    tsHigh: number,
    tsLow: number,
    dataStart: number,
    capturedLength: number,
    bodyEnd: number,
    originalLength: number,
    fileBase: number,
  ): void {
    const frameNumber = this.framesRead + 1;
    const iface = this.sectionInterfaces[interfaceId];
    if (iface === undefined) {
      this.report('capture.unknown-interface', `frame ${frameNumber} names interface ${interfaceId}, which no interface block described`, frameNumber);
      return;
    }
    if (dataStart + capturedLength > bodyEnd) {
      this.report('capture.bad-block', `frame ${frameNumber} claims ${capturedLength} captured bytes but its block holds ${bodyEnd - dataStart}`, frameNumber);
      capturedLength = Math.max(0, bodyEnd - dataStart);
    }
    if (tsHigh < 0) {
      this.time.sec = 0;
      this.time.nsec = 0;
    } else {
      unitsToTimestamp(tsHigh, tsLow, iface.info.unitsPerSecond, this.time);
    }
    this.framesRead = frameNumber;
    this.sink.onFrame({
      number: frameNumber,
      tsSec: this.time.sec + iface.offsetSeconds,
      tsNsec: this.time.nsec,
      linkType: iface.info.linkType,
      interfaceId: iface.info.id,
      originalLength,
      data: new Uint8Array(buf.buffer, buf.byteOffset + dataStart, capturedLength),
      fileOffset: fileBase + dataStart,
    });
  }

  private decryptionSecrets(buf: Buffer, body: number, bodyEnd: number): void {
    if (bodyEnd - body < 8) {
      this.report('capture.bad-block', 'decryption secrets block is too short');
      return;
    }
    const type = this.read32(buf, body);
    const length = this.read32(buf, body + 4);
    if (body + 8 + length > bodyEnd) {
      this.report('capture.bad-block', `decryption secrets block claims ${length} bytes of secrets but holds ${bodyEnd - body - 8}`);
      return;
    }
    // Copied: the sink keeps secrets beyond this read buffer's life.
    const data = Uint8Array.prototype.slice.call(buf, body + 8, body + 8 + length);
    this.sink.onSecrets?.({ type, data, afterFrame: this.framesRead });
  }

  private giveUp(message: string): void {
    this.report('capture.bad-record', `${message}; reading stopped after frame ${this.framesRead}`);
    this.needed = -1;
  }

  private report(code: 'capture.bad-block' | 'capture.bad-record' | 'capture.unknown-block' | 'capture.unknown-interface', message: string, frame?: number): void {
    this.sink.onDiagnostic?.(diagnostic(code, message, frame));
  }

  private read16(buf: Buffer, at: number): number {
    return this.little ? buf.readUInt16LE(at) : buf.readUInt16BE(at);
  }

  private read32(buf: Buffer, at: number): number {
    return this.little ? buf.readUInt32LE(at) : buf.readUInt32BE(at);
  }
}
