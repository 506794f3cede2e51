import type { DiagnosticKind } from '../diagnostics.js';

/** HTTP/1.x message framing (RFC 9112), HTTP/2 framing (RFC 9113), HPACK (RFC 7541) and content codings (RFC 9110 8.4). */
export const HTTP_DIAGNOSTICS = {
  'http.bad-start-line': { severity: 'warning', summary: 'an HTTP request or status line does not parse; the rest of that direction is not read as HTTP' },
  'http.bad-header': { severity: 'warning', summary: 'an HTTP header line does not parse and was skipped' },
  'http.head-too-large': { severity: 'warning', summary: 'an HTTP message head is longer than keyhole will buffer' },
  'http.bad-content-length': { severity: 'warning', summary: 'Content-Length is not a number, or several disagree' },
  'http.bad-chunk': { severity: 'warning', summary: 'chunked transfer coding is malformed' },
  'http.head-truncated': { severity: 'note', summary: 'the connection ended inside a message head; what arrived was read' },
  'http.body-truncated': { severity: 'note', summary: 'the connection ended before the message body was complete' },
  'http.body-too-large': { severity: 'note', summary: 'a body is larger than keyhole keeps; it was counted but not decoded' },
  'http.decoded-too-large': { severity: 'warning', summary: 'a body decompresses to more than the output bound; decoding stopped there' },
  'http.bad-encoding': { severity: 'warning', summary: 'a body does not decompress with its Content-Encoding' },
  'http.unknown-encoding': { severity: 'note', summary: 'a body uses a content coding keyhole does not decode' },
  'http.unanswered': { severity: 'note', summary: 'a request got no response before the connection ended' },
  'http.unrequested': { severity: 'note', summary: 'a response arrived with no request to pair it with (the request was not captured or not decrypted)' },
  'http.tunnel': { severity: 'chat', summary: 'the connection switched to another protocol (Upgrade or CONNECT); its bytes are opaque' },
  'http.gap': { severity: 'warning', summary: 'bytes of the stream are missing; HTTP parsing of that direction stopped' },
  'http2.bad-preface': { severity: 'warning', summary: 'the client did not start with the HTTP/2 connection preface' },
  'http2.bad-frame': { severity: 'warning', summary: 'an HTTP/2 frame is malformed (length, padding or stream id)' },
  'http2.frame-too-large': { severity: 'warning', summary: 'an HTTP/2 frame is longer than keyhole will buffer' },
  'http2.hpack': { severity: 'warning', summary: 'an HPACK header block does not decode; later header blocks of that direction may be wrong' },
  'http2.continuation': { severity: 'warning', summary: 'a header block was interrupted or its CONTINUATION frames are missing' },
  'http2.unknown-frame': { severity: 'chat', summary: 'an HTTP/2 frame of unknown type; its bytes are kept' },
  'http2.rst-stream': { severity: 'note', summary: 'a stream was reset' },
  'http2.goaway': { severity: 'note', summary: 'an endpoint sent GOAWAY with an error code' },
  'http2.stream-limit': { severity: 'warning', summary: 'too many HTTP/2 streams are open at once; the oldest was given up' },
} as const satisfies Record<string, DiagnosticKind>;
