/**
 * pcapng files (draft-ietf-opsawg-pcapng) with one section and one interface: SHB and IDB at
 * once, then Enhanced Packet Blocks, and Decryption Secrets Blocks wherever the caller places
 * them (before the first packet, or mid-file just before the packets they unlock, as 4.7 allows).
 */
import type { ByteSink, Pending } from './byte-sink.js';
import type { ByteOrder, CaptureWriter } from './capture-writer.js';
import {
  decryptionSecretsBlock,
  enhancedPacketBlockPieces,
  interfaceDescriptionBlock,
  sectionHeaderBlock,
} from './pcapng-blocks.js';
import type { SecretsType } from './pcapng-blocks.js';
import { DEFAULT_SNAP_LENGTH } from './pcap-writer.js';
import type { TimestampResolution } from './timestamp.js';

export interface PcapngWriterOptions {
  readonly linkType: number;
  readonly resolution?: TimestampResolution;
  readonly byteOrder?: ByteOrder;
  readonly snapLength?: number;
  /** Recorded as shb_userappl. */
  readonly userApplication?: string;
}

export interface PcapngWriter extends CaptureWriter {
  writeDecryptionSecrets(type: SecretsType, secrets: Uint8Array): Pending;
}

const INTERFACE_ID = 0;

export function pcapngWriter(sink: ByteSink, options: PcapngWriterOptions): PcapngWriter {
  const resolution = options.resolution ?? 'us';
  const byteOrder = options.byteOrder ?? 'little';
  sink.write(sectionHeaderBlock(byteOrder, options.userApplication));
  sink.write(interfaceDescriptionBlock(byteOrder, options.linkType, options.snapLength ?? DEFAULT_SNAP_LENGTH, resolution));
  return {
    writePacket(packet) {
      const [head, data, tail] = enhancedPacketBlockPieces(
        byteOrder,
        INTERFACE_ID,
        packet.timestamp,
        resolution,
        packet.data,
        packet.originalLength ?? packet.data.length,
      );
      sink.write(head);
      sink.write(data);
      return sink.write(tail);
    },
    writeDecryptionSecrets: (type, secrets) => sink.write(decryptionSecretsBlock(byteOrder, type, secrets)),
    close: () => sink.close(),
  };
}
