/**
 * HTTP/1.x message heads (RFC 9112 2-5): start line and field lines up to the empty line. Bare LF
 * line ends are read as CRLF and obsolete line folding is unfolded (RFC 9112 2.2, 5.2), as
 * tolerant recipients do; a bad field line is reported and skipped, a bad start line is invalid.
 */
import { invalid, needMore, ok, type DecodeResult } from '../decode-result.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { latin1, type HttpHeader } from './headers.js';

export interface RequestHead {
  readonly method: string;
  readonly target: string;
  readonly version: string;
  readonly headers: HttpHeader[];
  readonly diagnostics: Diagnostic[];
}

export interface ResponseHead {
  readonly version: string;
  readonly status: number;
  readonly reason: string;
  readonly headers: HttpHeader[];
  readonly diagnostics: Diagnostic[];
}

const LF = 0x0a;
const CR = 0x0d;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const REQUEST_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+) (\S+) (HTTP\/\d\.\d)$/;
const STATUS_LINE = /^(HTTP\/\d\.\d) (\d{3})(?: (.*))?$/;

/** Bytes of CR and LF before a start line, which RFC 9112 2.2 says to ignore. */
export function leadingLineEnds(bytes: Uint8Array): number {
  let at = 0;
  while (at < bytes.length && (bytes[at] === CR || bytes[at] === LF)) at++;
  return at;
}

/**
 * Offset just past the empty line that ends a head, or -1. `from` lets a caller that keeps
 * appending resume the search instead of rescanning.
 */
export function headEnd(bytes: Uint8Array, from = 0): number {
  for (let at = bytes.indexOf(LF, from); at >= 0; at = bytes.indexOf(LF, at + 1)) {
    if (bytes[at + 1] === LF) return at + 2;
    if (bytes[at + 1] === CR && bytes[at + 2] === LF) return at + 3;
  }
  return -1;
}

/** Splits a head into lines without their line ends. */
function lines(text: string): string[] {
  return text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

/** Field lines (RFC 9110 5.1, RFC 9112 5): "name: value", trimmed; folded lines join the previous one. */
export function parseFieldLines(fieldLines: readonly string[], frame?: number): { headers: HttpHeader[]; diagnostics: Diagnostic[] } {
  const headers: HttpHeader[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const line of fieldLines) {
    if (line === '') continue;
    const previous = headers[headers.length - 1];
    if ((line.startsWith(' ') || line.startsWith('\t')) && previous !== undefined) {
      headers[headers.length - 1] = { name: previous.name, value: `${previous.value} ${line.trim()}` };
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : '';
    if (!TOKEN.test(name)) {
      diagnostics.push(diagnostic('http.bad-header', `not a field line: ${JSON.stringify(line.slice(0, 80))}`, frame));
      continue;
    }
    headers.push({ name, value: line.slice(colon + 1).trim() });
  }
  return { headers, diagnostics };
}

function decodeHead<T>(bytes: Uint8Array, frame: number | undefined, startLine: (line: string) => ((fields: ReturnType<typeof parseFieldLines>) => T) | undefined): DecodeResult<T> {
  const skip = leadingLineEnds(bytes);
  const end = headEnd(bytes, skip);
  if (end < 0) return needMore();
  const [first = '', ...rest] = lines(latin1(bytes.subarray(skip, end)));
  const build = startLine(first);
  if (build === undefined) return invalid(diagnostic('http.bad-start-line', `not an HTTP start line: ${JSON.stringify(first.slice(0, 80))}`, frame));
  return ok(build(parseFieldLines(rest, frame)), end);
}

export function decodeRequestHead(bytes: Uint8Array, frame?: number): DecodeResult<RequestHead> {
  return decodeHead(bytes, frame, (line) => {
    const m = REQUEST_LINE.exec(line);
    if (m === null) return undefined;
    const [, method = '', target = '', version = ''] = m;
    return (fields) => ({ method, target, version, ...fields });
  });
}

export function decodeResponseHead(bytes: Uint8Array, frame?: number): DecodeResult<ResponseHead> {
  return decodeHead(bytes, frame, (line) => {
    const m = STATUS_LINE.exec(line);
    if (m === null) return undefined;
    const [, version = '', status = '', reason = ''] = m;
    return (fields) => ({ version, status: Number(status), reason, ...fields });
  });
}

/** Whether the first line of `bytes` is an HTTP/1.x request line (so the connection speaks HTTP). */
export function looksLikeRequest(bytes: Uint8Array): boolean | undefined {
  const skip = leadingLineEnds(bytes);
  const end = bytes.indexOf(LF, skip);
  if (end < 0) {
    // A method is a short token followed by a space: anything else is not HTTP, however long we wait.
    const head = latin1(bytes.subarray(skip, skip + 32));
    const space = head.indexOf(' ');
    const method = space < 0 ? head : head.slice(0, space);
    return method.length > 0 && !TOKEN.test(method) ? false : bytes.length - skip > 8192 ? false : undefined;
  }
  const line = latin1(bytes.subarray(skip, end));
  return REQUEST_LINE.test(line.endsWith('\r') ? line.slice(0, -1) : line);
}

/** A start line right after a line end (the caller supplies a virtual one at the resume point). */
const START_AFTER_LINE_END = {
  request: /\n[!#$%&'*+\-.^_`|~0-9A-Za-z]+ \S+ HTTP\/\d\.\d\r?\n/,
  response: /\nHTTP\/\d\.\d \d{3}[ \r\n]/,
} as const;

/**
 * Where the next request or status line starts after lost bytes, or -1: the place to resume
 * reading, the way Wireshark's HTTP dissector picks up again at a line that starts a message.
 */
export function findStartLine(bytes: Uint8Array, kind: keyof typeof START_AFTER_LINE_END): number {
  const match = START_AFTER_LINE_END[kind].exec(latin1(bytes));
  return match === null ? -1 : match.index + 1;
}
