/**
 * Anomalies are data (like Wireshark's expert info, Zeek's "weirds"): every decoder attaches a
 * Diagnostic to the item it concerns and keeps going. All codes live in this one table so the
 * CLI, the JSON output and the decryption verdict speak the same vocabulary.
 */

export type Severity = 'error' | 'warning' | 'note' | 'chat';

export interface DiagnosticKind {
  readonly severity: Severity;
  readonly summary: string;
}

import { TLS_DIAGNOSTICS } from './tls/diagnostic-codes.js';
import { X509_DIAGNOSTICS } from './tls/x509/diagnostic-codes.js';
import { SECRET_DIAGNOSTICS } from './secrets/diagnostic-codes.js';
import { DECRYPT_DIAGNOSTICS } from './crypto/diagnostic-codes.js';
import { HTTP_DIAGNOSTICS } from './http/diagnostic-codes.js';

/** Codes of the capture, link, network and transport layers. */
const PACKET_DIAGNOSTICS = {
  // capture file
  'capture.truncated': { severity: 'warning', summary: 'the capture file ends in the middle of a record' },
  'capture.bad-record': { severity: 'error', summary: 'a capture record has an impossible length; reading stopped there' },
  'capture.unknown-block': { severity: 'note', summary: 'a pcapng block of unknown type was skipped' },
  'capture.bad-block': { severity: 'warning', summary: 'a pcapng block is malformed and was skipped' },
  'capture.unknown-interface': { severity: 'warning', summary: 'a packet names an interface that was not described' },
  'capture.snaplen-exceeded': { severity: 'note', summary: 'a packet is longer than the interface snap length' },
  'capture.packet-cut': { severity: 'note', summary: 'the packet was cut short by the snap length' },
  // link layer
  'link.unknown-type': { severity: 'warning', summary: 'the link type is not one keyhole decodes' },
  'link.truncated': { severity: 'warning', summary: 'the link-layer header is cut short' },
  'link.unknown-ethertype': { severity: 'chat', summary: 'the frame carries a protocol other than IP' },
  // network layer
  'ip.truncated': { severity: 'warning', summary: 'the IP header or payload is cut short' },
  'ip.bad-header': { severity: 'warning', summary: 'the IP header is malformed' },
  'ip.bad-checksum': { severity: 'note', summary: 'the IPv4 header checksum is wrong (often checksum offload)' },
  'ip.fragment': { severity: 'chat', summary: 'an IP fragment, held for reassembly' },
  'ip.fragment-overlap': { severity: 'warning', summary: 'IP fragments overlap' },
  'ip.fragment-limit': { severity: 'warning', summary: 'too many IP fragments are pending; the oldest were dropped' },
  'ip.fragment-incomplete': { severity: 'note', summary: 'an IP datagram was never completely reassembled' },
  'ip.unknown-protocol': { severity: 'chat', summary: 'the IP payload is not TCP' },
  // transport layer
  'tcp.truncated': { severity: 'warning', summary: 'the TCP header is cut short' },
  'tcp.bad-header': { severity: 'warning', summary: 'the TCP header is malformed' },
  'tcp.bad-checksum': { severity: 'note', summary: 'the TCP checksum is wrong (often checksum offload)' },
  'tcp.midstream': { severity: 'note', summary: 'the capture starts in the middle of this connection; roles were guessed' },
  'tcp.retransmission': { severity: 'note', summary: 'a segment repeats bytes already seen' },
  'tcp.out-of-order': { severity: 'note', summary: 'a segment arrived before the bytes that precede it' },
  'tcp.overlap-conflict': { severity: 'warning', summary: 'a retransmitted segment carries different bytes than the first copy' },
  'tcp.gap': { severity: 'warning', summary: 'bytes of the stream were never captured; delivery continues after the hole' },
  'tcp.buffer-limit': { severity: 'warning', summary: 'out-of-order data exceeded the per-connection bound; a hole was given up early' },
  'tcp.port-reuse': { severity: 'chat', summary: 'a new connection reuses the addresses and ports of an earlier one' },
  'tcp.data-after-close': { severity: 'note', summary: 'data arrived after the direction was closed by FIN or RST' },
  'tcp.connection-limit': { severity: 'warning', summary: 'too many connections are open at once; the oldest idle one was closed' },
  'udp.truncated': { severity: 'warning', summary: 'the UDP header or datagram is cut short' },
  'udp.bad-length': { severity: 'warning', summary: 'the UDP length field disagrees with the IP payload' },
  'udp.conversation-limit': { severity: 'warning', summary: 'too many UDP conversations are open at once; the idlest one was closed' },
} as const satisfies Record<string, DiagnosticKind>;

/**
 * Every diagnostic code keyhole can emit, with its default severity and a one-line meaning.
 * Each layer keeps its codes in its own table (one file per layer, so layers can grow apart).
 */
export const DIAGNOSTIC_CODES = {
  ...PACKET_DIAGNOSTICS,
  ...TLS_DIAGNOSTICS,
  ...X509_DIAGNOSTICS,
  ...SECRET_DIAGNOSTICS,
  ...DECRYPT_DIAGNOSTICS,
  ...HTTP_DIAGNOSTICS,
} as const satisfies Record<string, DiagnosticKind>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  /** 1-based frame number the anomaly was seen in, when it belongs to one. */
  readonly frame?: number;
}

export function diagnostic(code: DiagnosticCode, message: string, frame?: number): Diagnostic {
  const severity = DIAGNOSTIC_CODES[code].severity;
  return frame === undefined ? { code, severity, message } : { code, severity, message, frame };
}

/** Somewhere diagnostics can be attached; every stateful owner (packet, connection, session) is one. */
export interface DiagnosticSink {
  report(d: Diagnostic): void;
}
