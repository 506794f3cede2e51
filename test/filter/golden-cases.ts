/**
 * Captures and display filters checked against tshark 4.0 (golden.json, written by
 * update-golden.ts). Every expression runs on every capture, so each one is tried on frames that
 * have its fields and on frames that do not. Only fields tshark 4.0 also has appear here
 * (keyhole.*, tls.handshake.ja4 and HTTP are tested elsewhere); tcp.seq_raw stands for keyhole's
 * absolute tcp.seq, and sets use commas because tshark 4.0 rejects white space between members.
 */
import { repoPath, sharedPath } from '../helpers/shared.js';

export interface GoldenCapture {
  /** "shared:" (../shared/captures) or "repo:" (this repository) and a relative path. */
  readonly file: string;
  readonly keylog?: string;
  readonly key?: string;
  /** Ports tshark must be told are TLS (keyhole finds TLS by its bytes). */
  readonly tlsPorts?: readonly number[];
}

export const GOLDEN_CAPTURES: Readonly<Record<string, GoldenCapture>> = {
  'tls12-dsb': { file: 'shared:tls12-dsb.pcapng' },
  'tls12-chacha20poly1305': { file: 'shared:tls12-chacha20poly1305.pcap', keylog: 'shared:tls12-chacha20poly1305.keys' },
  'tls13-rfc8446': { file: 'shared:tls13-rfc8446.pcap', keylog: 'shared:tls13-rfc8446.keys' },
  'illustrated-tls12': { file: 'shared:extra/illustrated-tls12.pcap', keylog: 'shared:extra/illustrated-tls12.keys', tlsPorts: [8443] },
  'rsa-p-lt-q': { file: 'shared:rsa-p-lt-q.pcap', key: 'shared:rsa-p-lt-q.key' },
  'snakeoil-dtls': { file: 'shared:snakeoil-dtls.pcap', key: 'shared:snakeoil-rsa.key' },
  'udt-dtls': { file: 'shared:udt-dtls.pcapng.gz', key: 'shared:udt-dtls.key' },
  'tls12-73-ciphers': { file: 'shared:extra/tls12-73-ciphers.pcapng', keylog: 'shared:extra/tls12-73-ciphers.keys', tlsPorts: [4430, 4431, 4432, 4433] },
  impaired: { file: 'repo:fixtures/captures/impaired.pcapng', keylog: 'repo:fixtures/captures/impaired.keys' },
  vlan: { file: 'repo:fixtures/captures/vlan.pcapng', keylog: 'repo:fixtures/captures/vlan.keys' },
  'alpn-h2': { file: 'repo:fixtures/captures/alpn-h2.pcapng', keylog: 'repo:fixtures/captures/alpn-h2.keys' },
};

export const GOLDEN_EXPRESSIONS: readonly string[] = [
  // frame and link
  'frame.number <= 10',
  'frame.number in {1..5, 9}',
  'frame.len > 200 && frame.len lt 600',
  'frame.time_relative >= 0.05',
  'eth.addr == 00:00:00:00:00:00',
  'eth.src != eth.dst',
  'vlan.id == 100 || vlan',
  // network
  'ip.addr == 127.0.0.1',
  'ip.addr == 10.0.0.0/8',
  'ip.src == 192.168.0.0/16 or ip.dst == 93.184.216.0/24',
  'ip.dst != 127.0.0.1',
  'ip.addr !== 127.0.0.1',
  'ipv6.addr == ::1',
  'ipv6 && !ip',
  // transport
  'tcp.flags.syn == 1',
  'tcp.flags.syn == 1 && tcp.flags.ack == 0',
  'tcp.flags.fin == 1 or tcp.flags.reset == 1',
  'tcp.len > 0 and not tcp.flags.push == 1',
  'tcp.port == 443',
  'tcp.dstport >= 4430 and tcp.dstport <= 4431',
  'tcp.port in {443, 4433, 8443}',
  'tcp.srcport > tcp.dstport',
  'tcp.stream == 1',
  'tcp.stream in {0, 2..3}',
  'tcp.seq_raw > 2147483648',
  'tcp.window_size_value < 1000',
  'tcp.analysis.retransmission',
  'udp',
  'udp.port == 4433',
  'udp.srcport > udp.dstport && udp.length > 100',
  'udp || tcp.flags.syn == 1',
  'udp.stream == 0',
  // TLS records and alerts
  'tls',
  'tls.record.content_type == 22',
  'tls.record.content_type eq 23 && tcp.srcport == 443',
  'tls.record.version == 0x0301',
  'tls.record.version < 0x0303',
  'tls.record.length >= 1000',
  'not tls and tcp.len > 0',
  '!(tls.record.content_type == 23) && tls',
  'tls.alert_message',
  'tls.alert_message.desc == 0',
  'tls.alert_message.level == 1 && tls.alert_message.desc == 0',
  // handshake
  'tls.handshake',
  'tls.handshake.type == 1',
  'tls.handshake.type == 2 || tls.handshake.type == 11',
  'tls.handshake.type != 1',
  'tls.handshake.type === 20',
  'tls.handshake.type !== 20',
  'tls.handshake.type in {11..16}',
  'tls.handshake.version == 0x0303',
  'tls.handshake.session_id',
  'tls.handshake.session_id_length == 32 && tls.handshake.type == 2',
  'tls.handshake.random contains 00:01:02:03',
  'tls.handshake.random >= 80:00',
  'tls.handshake.ciphersuite == 0xc02f',
  'tls.handshake.ciphersuite in {0x1301, 0x1302, 0x1303}',
  'tls.handshake.type == 2 and tls.handshake.ciphersuite >= 0xc000',
  'tls.handshake.extension.type == 16',
  'tls.handshake.extensions_server_name',
  'tls.handshake.extensions_server_name == "example.com"',
  'tls.handshake.extensions_server_name contains "example"',
  'tls.handshake.extensions_server_name matches "^EXAMPLE\\\\.(com|net)$"',
  'tls.handshake.extensions_alpn_str == "h2"',
  'tls.handshake.extensions_alpn_str contains "http"',
  'tls.handshake.ja3',
  'tls.handshake.ja3 == "00bcd759cb8ad485fdbf1e7a0c5b94b4"',
  'tls.handshake.ja3_full contains ",29-23-"',
  'tls.handshake.ja3s_full matches "^771,49199,"',
  // DTLS
  'dtls',
  'dtls.record.content_type == 22',
  'dtls.record.content_type == 23 && dtls.record.length > 60',
  'dtls.record.version == 0xfeff || dtls.record.version == 0x0100',
  'dtls.record.epoch == 1',
  'dtls.record.sequence_number >= 2 && dtls.record.epoch == 0',
  'dtls.handshake',
  'dtls.handshake.type == 3',
  'dtls.handshake.type in {1, 2}',
  'dtls.handshake.type == 20',
  'dtls.handshake.version == 0xfeff',
  'dtls.handshake.ciphersuite == 0x0035',
  'dtls.handshake.session_id_length == 32',
  'dtls.handshake.extension.type == 35',
  'dtls.handshake.ja3',
  'dtls.alert_message',
  '!dtls && udp',
  // certificates
  'x509sat.uTF8String == "localhost"',
  'x509sat.printableString contains "DigiCert"',
  'x509ce.dNSName == "example.net"',
  'x509sat.CountryName == "US" and tls.handshake.type == 11',
  'x509sat.printableString contains "Snake" and dtls.handshake.type == 11',
];

/** Absolute path of a "shared:" or "repo:" file; undefined when the shared folder is absent. */
export function goldenPath(file: string): string | undefined {
  const [where, relative = ''] = file.split(/:(.*)/s);
  return where === 'repo' ? repoPath(relative) : sharedPath(relative);
}
