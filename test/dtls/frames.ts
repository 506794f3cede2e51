/**
 * Real datagrams out of the shared DTLS captures, and small pcap files built from datagrams
 * (Ethernet II, IPv4, UDP without checksum), for tests that re-cut a real session.
 */
import { concatBytes } from '../../dissect/bytes.js';
import { ETHER_TYPES, ethernetHeader, ipv4Header } from '../../dissect/capture/write/index.js';
import { runPipeline } from '../../dissect/pipeline.js';
import { pcapHeader, pcapRecord, tempFile } from '../helpers/capture-files.js';

export interface CapturedDatagram {
  readonly frame: number;
  readonly sourcePort: number;
  readonly destinationPort: number;
  readonly source: Uint8Array;
  readonly destination: Uint8Array;
  readonly payload: Uint8Array;
}

/** Every UDP datagram of a capture, in frame order, payloads copied. */
export async function readDatagrams(file: string): Promise<CapturedDatagram[]> {
  const out: CapturedDatagram[] = [];
  await runPipeline(file, {
    udpPacket(packet) {
      const { ip, udp } = packet;
      if (ip === undefined || udp === undefined) return;
      out.push({
        frame: packet.frame.number,
        sourcePort: udp.sourcePort,
        destinationPort: udp.destinationPort,
        source: ip.data.slice(ip.sourceAt, ip.sourceAt + ip.addressLength),
        destination: ip.data.slice(ip.destinationAt, ip.destinationAt + ip.addressLength),
        payload: ip.data.slice(udp.payloadStart, udp.payloadEnd),
      });
    },
  });
  return out;
}

const IP_PROTOCOL_UDP = 17;
const MAC_A = Uint8Array.of(2, 0, 0, 0, 0, 1);
const MAC_B = Uint8Array.of(2, 0, 0, 0, 0, 2);

/** One Ethernet frame carrying a UDP datagram (checksum 0: none, RFC 768). */
export function udpFrame(source: Uint8Array, destination: Uint8Array, sourcePort: number, destinationPort: number, payload: Uint8Array): Uint8Array {
  const udp = new Uint8Array(8);
  const view = new DataView(udp.buffer);
  view.setUint16(0, sourcePort);
  view.setUint16(2, destinationPort);
  view.setUint16(4, 8 + payload.length);
  return concatBytes([
    ethernetHeader({ destination: MAC_B, source: MAC_A, etherType: ETHER_TYPES.ipv4 }),
    ipv4Header({ source, destination, protocol: IP_PROTOCOL_UDP, payloadLength: 8 + payload.length, identification: 0 }),
    udp,
    payload,
  ]);
}

/** A little-endian microsecond pcap of Ethernet frames, one second apart. */
export function pcapOf(frames: readonly Uint8Array[]): string {
  const file = pcapHeader(true, 0xa1b2c3d4, 1);
  frames.forEach((frame, i) => pcapRecord(file, 1_500_000_000 + i, 0, frame));
  return tempFile(file.bytes(), '.pcap');
}
