/**
 * Whole conversations used by several HTTP tests: an HTTP/1.1 keep-alive connection with every
 * framing rule, and an HTTP/2 connection built from the header blocks of RFC 7541 Appendix C.
 */
import { concatBytes, fromHex } from '../../dissect/bytes.js';
import { CLIENT_PREFACE } from '../../dissect/http/http2-frames.js';
import { text } from './feed.js';

export const PIPELINED_CLIENT = text(
  'GET /a HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\nAccept: text/html\r\n\r\n' +
    'HEAD /b HTTP/1.1\r\nHost: example.com\r\n\r\n' +
    'POST /c?x=1 HTTP/1.1\r\nHost: example.com\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nwiki\r\n5\r\npedia\r\n0\r\nChecksum: abc\r\n\r\n' +
    '\r\nGET /d HTTP/1.1\r\nHost: example.com\r\n\r\n' +
    'DELETE /e HTTP/1.1\r\nHost: example.com\r\nContent-Length: 3\r\n\r\nxyz',
);
export const PIPELINED_SERVER = text(
  'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nhello' +
    'HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n' +
    'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\nTrailer: X-T\r\n\r\n3\r\nwor\r\n2\r\nld\r\n0\r\nX-T: done\r\n\r\n' +
    'HTTP/1.1 304 Not Modified\r\nContent-Encoding: gzip\r\n\r\n' +
    'HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<p>until the connection closes</p>',
);

export function frame(type: number, flags: number, stream: number, payload: Uint8Array | readonly number[]): Uint8Array {
  const body = Uint8Array.from(payload);
  const n = body.length;
  return concatBytes([Uint8Array.of(n >> 16, (n >> 8) & 0xff, n & 0xff, type, flags, (stream >>> 24) & 0x7f, (stream >> 16) & 0xff, (stream >> 8) & 0xff, stream & 0xff), body]);
}

function hex(s: string): Uint8Array {
  return fromHex(s) ?? new Uint8Array(0);
}

// Header blocks from RFC 7541 Appendix C: requests C.4.1-3 (Huffman), responses C.6.1-2 (Huffman, 256-octet table).
export const C41 = hex('828684418cf1e3c2e5f23a6ba0ab90f4ff');
const C42 = hex('828684be5886a8eb10649cbf');
const C43 = hex('828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf');
const C61 = hex('488264025885aec3771a4b6196d07abe941054d444a8200595040b8166e082a62d1bff6e919d29ad171863c78f0b97c8e9ae82ae43d3');
const C62 = hex('4883640effc1c0bf');

export const END_STREAM = 0x1;
export const END_HEADERS = 0x4;
export const PADDED = 0x8;

export const CLIENT = concatBytes([
  CLIENT_PREFACE,
  // SETTINGS_HEADER_TABLE_SIZE = 256: the server's encoder must fit the table of Appendix C.6.
  frame(0x4, 0, 0, [0, 1, 0, 0, 1, 0]),
  frame(0x1, END_STREAM, 1, C41.subarray(0, 5)),
  frame(0x9, END_HEADERS, 1, C41.subarray(5)),
  frame(0x1, END_HEADERS, 3, C42),
  frame(0x0, END_STREAM | PADDED, 3, [4, ...text('abc'), 0, 0, 0, 0]),
  frame(0x2, 0, 3, [0, 0, 0, 1, 15]),
  frame(0x6, 0, 0, [1, 2, 3, 4, 5, 6, 7, 8]),
  frame(0x8, 0, 0, [0, 0, 0x10, 0]),
  frame(0xfa, 0, 0, text('kept')),
  frame(0x1, END_HEADERS | END_STREAM, 5, C43),
]);

export const SERVER = concatBytes([
  frame(0x4, 0, 0, []),
  frame(0x4, 0x1, 0, []),
  // RFC 7541 4.2: after the client's setting the encoder announces the smaller table (update to 256).
  frame(0x1, END_HEADERS, 1, [0x3f, 0xe1, 0x01, ...C61]),
  frame(0x0, 0, 1, text('hel')),
  frame(0x0, END_STREAM, 1, text('lo')),
  frame(0x1, END_HEADERS | END_STREAM, 3, C62),
  frame(0x3, 0, 5, [0, 0, 0, 8]),
  frame(0x7, 0, 0, [0, 0, 0, 5, 0, 0, 0, 1, ...text('bye')]),
]);

