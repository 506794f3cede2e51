/**
 * Capture writing: frame builders (Ethernet II/802.1Q/QinQ, Linux SLL2, IPv4, IPv6, TCP) and
 * streaming pcap / pcapng / gzip writers. The product uses them to export decrypted captures;
 * the fixture generator uses them to write real TLS sessions.
 */
export { addToChecksum, finishChecksum, internetChecksum } from './checksum.js';
export { ETHER_TYPES, ethernetHeader } from './ethernet.js';
export type { EthernetHeaderFields, VlanTag } from './ethernet.js';
export { ARPHRD_ETHER, SLL2_HEADER_LENGTH, SLL2_PACKET_TYPES, sll2Header } from './sll2.js';
export type { Sll2HeaderFields, Sll2PacketType } from './sll2.js';
export { IPV4_HEADER_LENGTH, ipv4Header } from './ipv4.js';
export type { Ipv4HeaderFields } from './ipv4.js';
export { IPV6_HEADER_LENGTH, ipv6Header } from './ipv6.js';
export type { Ipv6HeaderFields } from './ipv6.js';
export {
  MAX_TCP_OPTIONS_LENGTH,
  TCP_OPTION_KINDS,
  maximumSegmentSize,
  nop,
  sackBlocks,
  sackPermitted,
  tcpOptions,
  timestamps,
  windowScale,
} from './tcp-options.js';
export { IP_PROTOCOL_TCP, TCP_FIXED_HEADER_LENGTH, TCP_FLAGS, pseudoHeaderSum, tcpHeader } from './tcp.js';
export type { IpEndpoints, TcpHeaderFields } from './tcp.js';
export { linkTypeOf, tcpFrame } from './tcp-frame.js';
export type { IpHeaderSpec, LinkHeaderSpec } from './tcp-frame.js';
export { LINK_TYPES } from './link-types.js';
export type { LinkTypeName } from './link-types.js';
export { NANOSECONDS_PER_UNIT, TSRESOL_DIGITS, subsecondUnits, unitsSinceEpoch } from './timestamp.js';
export type { Timestamp, TimestampResolution } from './timestamp.js';
export { chunkedSink, fdSink, fileSink, gzipSink, writableSink } from './byte-sink.js';
export type { ByteSink, FileSinkOptions, Pending } from './byte-sink.js';
export type { ByteOrder, CapturedPacket, CaptureWriter } from './capture-writer.js';
export { DEFAULT_SNAP_LENGTH, PCAP_MAGIC, pcapFileHeader, pcapRecordHeader, pcapWriter } from './pcap-writer.js';
export type { PcapWriterOptions } from './pcap-writer.js';
export {
  BLOCK_TYPES,
  SECRETS_TYPES,
  decryptionSecretsBlock,
  enhancedPacketBlockPieces,
  interfaceDescriptionBlock,
  paddedLength,
  sectionHeaderBlock,
} from './pcapng-blocks.js';
export type { SecretsType } from './pcapng-blocks.js';
export { pcapngWriter } from './pcapng-writer.js';
export type { PcapngWriter, PcapngWriterOptions } from './pcapng-writer.js';
