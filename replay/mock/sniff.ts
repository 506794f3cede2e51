/**
 * What a client speaks, from its first bytes, when ALPN did not say: the HTTP/2 connection
 * preface (RFC 9113 3.4), an HTTP/1.x request line (RFC 9112 3), or something else. The bytes
 * read to decide are given back in front of the stream, on a Duplex of its own: node's HTTP/2
 * server reads a net.Socket's handle directly and would not see bytes pushed back with unshift().
 */
import { Duplex } from 'node:stream';
import { looksLikeRequest } from '../../dissect/http/http1-head.js';
import { CLIENT_PREFACE } from '../../dissect/http/http2-frames.js';
import { concatBytes } from '../../dissect/bytes.js';

export type ClientProtocol = 'h2' | 'http1' | 'other';

/** Bytes read before giving up on a request line: a long request target fits. */
const MAX_SNIFF_BYTES = 16 * 1024;

/** The protocol, or undefined while more bytes could still decide. */
export function classify(first: Uint8Array): ClientProtocol | undefined {
  const preface = first.subarray(0, CLIENT_PREFACE.length);
  if (preface.length > 0 && preface.every((b, i) => b === CLIENT_PREFACE[i])) return preface.length === CLIENT_PREFACE.length ? 'h2' : undefined;
  const request = looksLikeRequest(first);
  if (request === undefined) return first.length >= MAX_SNIFF_BYTES ? 'other' : undefined;
  return request ? 'http1' : 'other';
}

export interface Sniffed {
  /** undefined when the client said nothing in time (or closed first). */
  readonly protocol: ClientProtocol | undefined;
  readonly stream: Duplex;
}

/**
 * Reads until the client's protocol is known, or `waitMs` of silence from the start (undefined:
 * no limit), or the client's end. A client that went away yields a destroyed stream.
 */
export function sniff(socket: Duplex, waitMs: number | undefined): Promise<Sniffed> {
  return new Promise((resolve) => {
    let read: Uint8Array = new Uint8Array(0);
    const done = (protocol: ClientProtocol | undefined): void => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('end', undecided);
      socket.off('close', undecided);
      socket.pause();
      resolve({ protocol, stream: withPrefix(socket, read) });
    };
    const onData = (chunk: Buffer): void => {
      read = concatBytes([read, chunk]);
      const protocol = classify(read);
      if (protocol !== undefined) done(protocol);
    };
    const undecided = (): void => done(read.length === 0 ? undefined : 'other');
    const timer = waitMs === undefined ? undefined : setTimeout(undecided, waitMs);
    socket.on('data', onData);
    socket.on('end', undecided);
    socket.on('close', undecided);
  });
}

/** `socket` as a Duplex that first yields `prefix`. */
function withPrefix(socket: Duplex, prefix: Uint8Array): Duplex {
  const wrapped = new Duplex({
    read() {
      socket.resume();
    },
    write(chunk: Buffer, _encoding, callback) {
      socket.write(chunk, callback);
    },
    final(callback) {
      socket.end(callback);
    },
    destroy(error, callback) {
      socket.destroy(error ?? undefined);
      callback(error);
    },
  });
  if (prefix.length > 0) wrapped.push(Buffer.from(prefix));
  // The client may have closed its side, or gone, while we were still deciding.
  if (socket.destroyed) wrapped.destroy();
  else if (socket.readableEnded) wrapped.push(null);
  socket.on('data', (chunk: Buffer) => {
    if (!wrapped.push(chunk)) socket.pause();
  });
  socket.on('end', () => wrapped.push(null));
  socket.on('error', (error) => wrapped.destroy(error));
  socket.on('close', () => wrapped.destroy());
  return wrapped;
}
