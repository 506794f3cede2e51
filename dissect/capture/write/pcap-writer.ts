/**
 * Classic libpcap files (draft-ietf-opsawg-pcap 4 and 5): a 24-byte file header whose magic
 * number tells readers both the byte order and whether record timestamps count micro- or
 * nanoseconds, then a 16-byte record header before each packet.
 */
import type { ByteSink } from './byte-sink.js';
import type { ByteOrder, CapturedPacket, CaptureWriter } from './capture-writer.js';
import { subsecondUnits } from './timestamp.js';
import type { TimestampResolution } from './timestamp.js';

export const PCAP_MAGIC = {
  us: 0xa1b2c3d4,
  ns: 0xa1b23c4d,
} as const satisfies Record<TimestampResolution, number>;

const FILE_HEADER_LENGTH = 24;
const RECORD_HEADER_LENGTH = 16;
const VERSION_MAJOR = 2;
const VERSION_MINOR = 4;
export const DEFAULT_SNAP_LENGTH = 262144;

export interface PcapWriterOptions {
  readonly linkType: number;
  readonly resolution?: TimestampResolution;
  readonly byteOrder?: ByteOrder;
  readonly snapLength?: number;
}

export function pcapFileHeader(options: PcapWriterOptions): Uint8Array {
  const out = new Uint8Array(FILE_HEADER_LENGTH);
  const view = new DataView(out.buffer);
  const little = (options.byteOrder ?? 'little') === 'little';
  view.setUint32(0, PCAP_MAGIC[options.resolution ?? 'us'], little);
  view.setUint16(4, VERSION_MAJOR, little);
  view.setUint16(6, VERSION_MINOR, little);
  // thiszone and sigfigs (8..15) stay 0, as the format asks.
  view.setUint32(16, options.snapLength ?? DEFAULT_SNAP_LENGTH, little);
  view.setUint32(20, options.linkType, little);
  return out;
}

export function pcapRecordHeader(packet: CapturedPacket, resolution: TimestampResolution, byteOrder: ByteOrder): Uint8Array {
  const out = new Uint8Array(RECORD_HEADER_LENGTH);
  const view = new DataView(out.buffer);
  const little = byteOrder === 'little';
  view.setUint32(0, packet.timestamp.sec, little);
  view.setUint32(4, subsecondUnits(packet.timestamp, resolution), little);
  view.setUint32(8, packet.data.length, little);
  view.setUint32(12, packet.originalLength ?? packet.data.length, little);
  return out;
}

/** Writes the file header at once, then one record per packet. */
export function pcapWriter(sink: ByteSink, options: PcapWriterOptions): CaptureWriter {
  const resolution = options.resolution ?? 'us';
  const byteOrder = options.byteOrder ?? 'little';
  sink.write(pcapFileHeader(options));
  return {
    writePacket(packet) {
      sink.write(pcapRecordHeader(packet, resolution, byteOrder));
      // The later write's back-pressure answer covers the earlier one (see ByteSink).
      return sink.write(packet.data);
    },
    close: () => sink.close(),
  };
}
