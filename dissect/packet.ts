/**
 * One captured frame decoded through link, IP and TCP or UDP. Decoding never throws: whatever
 * layer could not be decoded is absent and a diagnostic says why.
 */
import { diagnostic, type Diagnostic } from './diagnostics.js';
import type { Frame } from './capture/types.js';
import { LINK_TYPES } from './link/registry.js';
import type { LinkLayer } from './link/types.js';
import { FragmentTable } from './ip/fragments.js';
import { decodeIpv4 } from './ip/ipv4.js';
import { decodeIpv6 } from './ip/ipv6.js';
import type { IpLayer } from './ip/types.js';
import { decodeTcpHeader, tcpChecksumIsValid, type TcpHeader } from './tcp/header.js';
import { decodeUdpHeader, type UdpHeader } from './udp/header.js';

export const IP_PROTOCOL_TCP = 6;
export const IP_PROTOCOL_UDP = 17;

export interface Packet {
  readonly frame: Frame;
  readonly link: LinkLayer | undefined;
  readonly ip: IpLayer | undefined;
  readonly tcp: TcpHeader | undefined;
  readonly udp: UdpHeader | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

export interface PacketDecoderOptions {
  /** Verify TCP checksums (off by default, like Wireshark: offloading NICs make them wrong). */
  readonly checkTcpChecksums?: boolean;
}

const NONE: readonly Diagnostic[] = [];

export class PacketDecoder {
  private readonly fragments = new FragmentTable();
  private readonly unknownLinkTypes = new Set<number>();
  /** Diagnostics of the frame being decoded; a fresh array only when a frame has any. */
  private found: Diagnostic[] | undefined;
  private readonly report = (d: Diagnostic): void => {
    (this.found ??= []).push(d);
  };

  constructor(private readonly options: PacketDecoderOptions = {}) {}

  decode(frame: Frame): Packet {
    this.found = undefined;
    const entry = LINK_TYPES.get(frame.linkType);
    if (entry === undefined) {
      // Said once per link type, not once per frame.
      if (!this.unknownLinkTypes.has(frame.linkType)) {
        this.unknownLinkTypes.add(frame.linkType);
        this.report(diagnostic('link.unknown-type', `link type ${frame.linkType} is not decoded; its frames are skipped`, frame.number));
      }
      return this.packet(frame, undefined, undefined);
    }
    const link = entry.decode(frame.data, frame.linkType);
    if (link === undefined) {
      this.report(diagnostic('link.truncated', `${entry.name} header is cut short`, frame.number));
      return this.packet(frame, undefined, undefined);
    }
    if (link.network === 'other') return this.packet(frame, link, undefined);
    const decodeIp = link.network === 'ipv4' ? decodeIpv4 : decodeIpv6;
    const ip = decodeIp(frame.data, link.headerLength, frame.number, this.fragments, this.report);
    if (ip?.protocol === IP_PROTOCOL_UDP) {
      const cut = frame.originalLength > frame.data.length;
      return this.packet(frame, link, ip, undefined, decodeUdpHeader(ip.data, ip.payloadStart, ip.payloadEnd, frame.number, this.report, cut));
    }
    if (ip === undefined || ip.protocol !== IP_PROTOCOL_TCP) return this.packet(frame, link, ip);
    const tcp = decodeTcpHeader(ip.data, ip.payloadStart, ip.payloadEnd, frame.number, this.report);
    if (tcp && this.options.checkTcpChecksums === true && frame.originalLength === frame.data.length) {
      if (!tcpChecksumIsValid(ip.data, ip.sourceAt, ip.destinationAt, ip.addressLength, ip.payloadStart, ip.payloadEnd)) {
        this.report(diagnostic('tcp.bad-checksum', `TCP checksum 0x${tcp.checksum.toString(16).padStart(4, '0')} is wrong`, frame.number));
      }
    }
    return this.packet(frame, link, ip, tcp);
  }

  /** Reports IP datagrams whose fragments never all arrived. */
  finish(report: (d: Diagnostic) => void): void {
    this.fragments.flush(report);
  }

  private packet(frame: Frame, link: LinkLayer | undefined, ip: IpLayer | undefined, tcp?: TcpHeader, udp?: UdpHeader): Packet {
    return { frame, link, ip, tcp, udp, diagnostics: this.found ?? NONE };
  }
}
