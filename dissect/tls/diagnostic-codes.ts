import type { DiagnosticKind } from '../diagnostics.js';

/** TLS record and handshake layer (RFC 8446 5, RFC 5246 6.2). */
export const TLS_DIAGNOSTICS = {
  'tls.record.oversize': { severity: 'warning', summary: 'a TLS record is longer than 2^14 + 2048 bytes' },
  'tls.record.bad-header': { severity: 'warning', summary: 'bytes where a TLS record header should be are not one' },
  'tls.record.truncated': { severity: 'note', summary: 'the stream ended inside a TLS record' },
  'tls.record.unknown-type': { severity: 'warning', summary: 'a TLS record has an unknown content type' },
  'tls.record.after-gap': { severity: 'warning', summary: 'record framing was lost at a gap in the stream and resynchronised' },
  'tls.handshake.malformed': { severity: 'warning', summary: 'a handshake message does not parse' },
  'tls.handshake.oversize': { severity: 'warning', summary: 'a handshake message claims more bytes than keyhole will buffer' },
  'tls.handshake.unknown-type': { severity: 'note', summary: 'a handshake message of unknown type; its bytes are kept' },
  'tls.handshake.unexpected': { severity: 'note', summary: 'a handshake message arrived out of the usual order' },
  'tls.handshake.needs-context': { severity: 'note', summary: 'the message layout depends on a negotiated parameter keyhole does not know; its bytes are kept' },
  'tls.handshake.decompression-failed': { severity: 'warning', summary: 'a compressed certificate did not decompress to its announced length' },
  'tls.extension.malformed': { severity: 'warning', summary: 'an extension body does not parse' },
  'tls.extension.duplicate': { severity: 'warning', summary: 'the same extension appears twice in one message' },
  'tls.alert': { severity: 'note', summary: 'an alert was sent' },
  'tls.alert.fatal': { severity: 'warning', summary: 'a fatal alert ended the session' },
  'tls.heartbeat': { severity: 'note', summary: 'a heartbeat message (check for Heartbleed-style length mismatch)' },
  'tls.heartbeat.overread': { severity: 'error', summary: 'a heartbeat claims more payload than it carries (Heartbleed)' },
  'tls.sslv2': { severity: 'chat', summary: 'an SSLv2-format record' },
  'tls.starttls': { severity: 'chat', summary: 'the stream switched to TLS after a plaintext upgrade' },
  'tls.not-tls': { severity: 'chat', summary: 'the stream does not carry TLS' },
} as const satisfies Record<string, DiagnosticKind>;
