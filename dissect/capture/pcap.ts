/**
 * Classic libpcap files (https://www.tcpdump.org/manpages/pcap-savefile.5.html,
 * draft-ietf-opsawg-pcap): 24-byte file header, then 16-byte record headers. Magic 0xa1b2c3d4 is
 * microsecond, 0xa1b23c4d nanosecond, 0xa1b2cd34 Kuznetzov's "modified" format (24-byte records);
 * each in either byte order.
 */
import { diagnostic } from '../diagnostics.js';
import type { CaptureFormat, CaptureSink, InterfaceInfo } from './types.js';
import { MAX_RECORD_BYTES, type RecordParser } from './record-parser.js';

const FILE_HEADER = 24;

interface PcapMagic {
  readonly format: CaptureFormat;
  readonly littleEndian: boolean;
  readonly unitsPerSecond: number;
  readonly recordHeader: number;
}

const MAGICS: ReadonlyMap<number, Omit<PcapMagic, 'littleEndian'>> = new Map([
  [0xa1b2c3d4, { format: 'pcap', unitsPerSecond: 1e6, recordHeader: 16 }],
  [0xa1b23c4d, { format: 'pcap-ns', unitsPerSecond: 1e9, recordHeader: 16 }],
  [0xa1b2cd34, { format: 'pcap-modified', unitsPerSecond: 1e6, recordHeader: 24 }],
]);

/** Reads the magic at the start of a file; undefined when it is not classic pcap. */
export function sniffPcap(head: Uint8Array): PcapMagic | undefined {
  if (head.length < 4) return undefined;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const asLittle = MAGICS.get(view.getUint32(0, true));
  if (asLittle) return { ...asLittle, littleEndian: true };
  const asBig = MAGICS.get(view.getUint32(0, false));
  if (asBig) return { ...asBig, littleEndian: false };
  return undefined;
}

export class PcapParser implements RecordParser {
  readonly format: CaptureFormat;
  needed = FILE_HEADER;
  framesRead = 0;
  private readonly little: boolean;
  private readonly unitsPerSecond: number;
  private readonly recordHeader: number;
  private linkType = -1;
  private snapLength = 0;
  private headerDone = false;

  constructor(
    magic: PcapMagic,
    private readonly sink: CaptureSink,
    private readonly interfaces: InterfaceInfo[],
  ) {
    this.format = magic.format;
    this.little = magic.littleEndian;
    this.unitsPerSecond = magic.unitsPerSecond;
    this.recordHeader = magic.recordHeader;
  }

  parse(buf: Buffer, start: number, end: number, fileOffset: number): number {
    let at = start;
    if (!this.headerDone) {
      if (end - at < FILE_HEADER) {
        this.needed = FILE_HEADER;
        return at;
      }
      this.snapLength = this.read32(buf, at + 16);
      // The upper 16 bits of the link-type field carry FCS information (pcap-savefile(5)).
      this.linkType = this.read32(buf, at + 20) & 0xffff;
      const info: InterfaceInfo = { id: 0, linkType: this.linkType, snapLength: this.snapLength, unitsPerSecond: this.unitsPerSecond };
      this.interfaces.push(info);
      this.sink.onInterface?.(info);
      this.headerDone = true;
      at += FILE_HEADER;
    }
    const headerSize = this.recordHeader;
    const nsecPerUnit = 1e9 / this.unitsPerSecond;
    const little = this.little;
    for (;;) {
      if (end - at < headerSize) {
        this.needed = headerSize;
        return at;
      }
      const capturedLength = word(buf, at + 8, little);
      if (capturedLength > MAX_RECORD_BYTES) {
        this.sink.onDiagnostic?.(
          diagnostic('capture.bad-record', `record after frame ${this.framesRead} claims ${capturedLength} bytes; the rest of the file cannot be framed`, this.framesRead + 1),
        );
        this.needed = -1;
        return at;
      }
      if (end - at < headerSize + capturedLength) {
        this.needed = headerSize + capturedLength;
        return at;
      }
      const tsSec = word(buf, at, little);
      const tsFraction = word(buf, at + 4, little);
      const originalLength = word(buf, at + 12, little);
      const dataStart = at + headerSize;
      this.framesRead++;
      this.sink.onFrame({
        number: this.framesRead,
        tsSec,
        tsNsec: tsFraction * nsecPerUnit,
        linkType: this.linkType,
        interfaceId: 0,
        originalLength,
        data: new Uint8Array(buf.buffer, buf.byteOffset + dataStart, capturedLength),
        fileOffset: fileOffset + (dataStart - start),
      });
      at = dataStart + capturedLength;
    }
  }

  private read32(buf: Buffer, at: number): number {
    return this.little ? buf.readUInt32LE(at) : buf.readUInt32BE(at);
  }
}

/** A 32-bit field in either byte order; plain byte arithmetic, cheaper per packet than Buffer's checked readers. */
function word(b: Uint8Array, at: number, little: boolean): number {
  const b0 = b[at] ?? 0;
  const b1 = b[at + 1] ?? 0;
  const b2 = b[at + 2] ?? 0;
  const b3 = b[at + 3] ?? 0;
  return (little ? (b3 << 24) | (b2 << 16) | (b1 << 8) | b0 : (b0 << 24) | (b1 << 16) | (b2 << 8) | b3) >>> 0;
}
