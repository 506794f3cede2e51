/**
 * The file a decrypted capture goes to: pcapng (draft-ietf-opsawg-pcapng) when the name ends in
 * .pcapng, classic pcap (draft-ietf-opsawg-pcap) otherwise, Ethernet link type, microsecond
 * timestamps. Written synchronously in large chunks, so memory stays flat and the analyze()
 * listener that feeds it never waits.
 */
import { closeSync, openSync } from 'node:fs';
import {
  chunkedSink,
  fdSink,
  linkTypeOf,
  pcapWriter,
  pcapngWriter,
  type CapturedPacket,
  type CaptureWriter,
} from '../capture/write/index.js';
import { REWRITE_LINK } from './segment-framer.js';

export interface CaptureFile extends CaptureWriter {
  readonly path: string;
  close(): undefined;
}

/** Creates (or truncates) `path`; throws the file system's error when it cannot be written. */
export function createCaptureFile(path: string): CaptureFile {
  const fd = openSync(path, 'w');
  const sink = chunkedSink(fdSink(fd));
  const options = { linkType: linkTypeOf(REWRITE_LINK), resolution: 'us' } as const;
  const writer = path.toLowerCase().endsWith('.pcapng') ? pcapngWriter(sink, { ...options, userApplication: 'keyhole' }) : pcapWriter(sink, options);
  return {
    path,
    writePacket: (packet: CapturedPacket) => writer.writePacket(packet),
    close() {
      writer.close();
      closeSync(fd);
      return undefined;
    },
  };
}
