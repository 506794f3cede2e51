/**
 * A mock server from captured conversations: one listener (TLS, or plain TCP) that answers HTTP/1.1
 * and HTTP/2 clients from the captured exchanges and plays other protocols back flight by flight.
 * A connection's protocol comes from ALPN when TLS negotiated one, otherwise from the client's
 * first bytes (sniff.ts); the HTTP servers of node:http and node:http2 never listen themselves,
 * they are handed the connections this listener accepts.
 */
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { CapturedConversation } from '../conversation.js';
import type { ServerIdentity } from './certificate.js';
import type { MissPolicy, MockEvent } from './events.js';
import { serveFlights } from './flights.js';
import { http1Handler, http2Handler, type HttpAnswering } from './http-handler.js';
import { ExchangeBook } from './request-match.js';
import { CapturedOrder } from './rotation.js';
import { sniff, type ClientProtocol } from './sniff.js';

export interface MockServerOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Serve over TLS with this certificate; plain TCP when absent. */
  readonly identity?: ServerIdentity;
  /** What a request no captured exchange answers gets; default 404. */
  readonly miss?: MissPolicy;
  readonly onEvent?: (event: MockEvent) => void;
}

export interface MockServer {
  readonly host: string;
  readonly port: number;
  /** "https://127.0.0.1:43211" (http:// when plain). */
  readonly url: string;
  /** ALPN protocols offered, in order of preference (empty when plain or none apply). */
  readonly alpn: readonly string[];
  /** Stops listening and drops every open connection. */
  close(): Promise<void>;
}

/** What the selected conversations let a mock serve. */
export interface Servable {
  /** Conversations with HTTP exchanges. */
  readonly http: readonly CapturedConversation[];
  readonly http2: boolean;
  /** Conversations with application bytes but no HTTP, played back flight by flight. */
  readonly other: readonly CapturedConversation[];
}

export function servableOf(conversations: readonly CapturedConversation[]): Servable {
  const http = conversations.filter((c) => c.exchanges.length > 0);
  return {
    http,
    http2: http.some((c) => c.exchanges.some((e) => e.version === 'HTTP/2')),
    other: conversations.filter((c) => c.exchanges.length === 0 && c.messages.length > 0),
  };
}

/** How long a client may stay silent before a conversation where the server spoke first is played. */
const SERVER_FIRST_WAIT_MS = 500;

const ALPN_HTTP: Readonly<Record<string, ClientProtocol>> = { h2: 'h2', 'http/1.1': 'http1' };

function alpnOffer(servable: Servable): string[] {
  const offer = [...(servable.http2 ? ['h2'] : []), ...(servable.http.length > 0 ? ['http/1.1'] : []), ...servable.other.flatMap((c) => (c.alpn === undefined ? [] : [c.alpn]))];
  return [...new Set(offer)];
}

function urlOf(secure: boolean, host: string, port: number): string {
  return `${secure ? 'https' : 'http'}://${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
}

export async function startMockServer(conversations: readonly CapturedConversation[], options: MockServerOptions): Promise<MockServer> {
  const servable = servableOf(conversations);
  if (servable.http.length === 0 && servable.other.length === 0) throw new Error('none of the conversations carries application data to serve');
  const onEvent = options.onEvent ?? (() => undefined);
  const answering: HttpAnswering = { book: new ExchangeBook(servable.http), miss: options.miss ?? '404', onEvent };
  const http1Server = http.createServer(http1Handler(answering));
  const http2Server = http2.createServer({}, http2Handler(answering));
  const others = new CapturedOrder(servable.other);
  const serverSpeaksFirst = servable.other.some((c) => c.messages[0]?.side === 'server');
  const sockets = new Set<net.Socket>();
  const report = (error: Error): void => onEvent({ kind: 'error', time: new Date(), message: error.message });
  http2Server.on('sessionError', report);

  const playOther = (stream: Duplex): void => {
    const conversation = others.next();
    if (conversation === undefined) {
      stream.destroy();
      return;
    }
    stream.on('error', () => undefined);
    serveFlights(stream, conversation, onEvent).catch(report);
  };
  const hand = (protocol: ClientProtocol | undefined, stream: Duplex): void => {
    if (stream.destroyed) return;
    if (protocol === 'h2' && servable.http2) http2Server.emit('connection', stream);
    else if ((protocol === 'http1' || protocol === 'h2') && servable.http.length > 0) http1Server.emit('connection', stream);
    else if (protocol === undefined && !serverSpeaksFirst) stream.destroy();
    else playOther(stream);
  };
  const dispatch = (socket: Duplex, alpn: string | false | null | undefined): void => {
    // A TLS socket's own errors (a client that resets) would otherwise end the process.
    socket.on('error', () => undefined);
    const chosen = typeof alpn === 'string' ? ALPN_HTTP[alpn] : undefined;
    if (chosen !== undefined) hand(chosen, socket);
    else if (servable.other.length === 0 && !servable.http2) hand('http1', socket);
    else if (servable.http.length === 0 && serverSpeaksFirst) playOther(socket);
    else sniff(socket, serverSpeaksFirst ? SERVER_FIRST_WAIT_MS : undefined).then(({ protocol, stream }) => hand(protocol, stream), report);
  };

  const alpn = options.identity === undefined ? [] : alpnOffer(servable);
  const listener = options.identity === undefined
    ? net.createServer((socket) => dispatch(socket, undefined))
    : tls.createServer({ cert: options.identity.certificatePem, key: options.identity.privateKeyPem, ...(alpn.length > 0 ? { ALPNProtocols: alpn } : {}) }, (socket) => dispatch(socket, socket.alpnProtocol));
  listener.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    // A client that resets is its own business; without a listener the error would end the process.
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  listener.on('tlsClientError', (error: Error) => report(error));

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen({ host, port: options.port }, () => {
      listener.off('error', reject);
      resolve();
    });
  });
  const bound = listener.address();
  const port = bound !== null && typeof bound === 'object' ? bound.port : options.port;
  return {
    host,
    port,
    url: urlOf(options.identity !== undefined, host, port),
    alpn,
    close: () =>
      new Promise<void>((resolve) => {
        listener.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
