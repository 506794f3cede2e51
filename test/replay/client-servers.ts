/**
 * Live servers for the replay tests, on loopback and ephemeral ports: HTTPS and HTTP/2 servers
 * that answer with a capture's own exchanges (its certificate, its key, its statuses, headers and
 * bodies), and plain TCP servers driven by a script. Each returns its port and a close function.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createHttpServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { X509Certificate } from 'node:crypto';
import { analyze } from '../../dissect/analyze.js';
import { DecryptionContext } from '../../dissect/decrypt/context.js';
import type { HttpExchange } from '../../dissect/http/exchange.js';
import { loadConversations, type CapturedConversation } from '../../replay/conversation.js';

export interface LiveServer {
  readonly port: number;
  readonly target: string;
  /** Requests (or connections, for TCP servers) the server has seen. */
  readonly seen: string[];
  /** Each HTTP request's header fields, in the order they came. */
  readonly headers: IncomingHttpHeaders[];
  /** Each HTTP request's body, as UTF-8. */
  readonly bodies: string[];
  close(): Promise<void>;
}

/** The server certificate a capture carries, as PEM. */
export async function capturedCertificate(capture: string, stream: number): Promise<string> {
  let der: Uint8Array | undefined;
  await analyze(capture, {
    finished(connection, session) {
      if (connection.index === stream) der = session.negotiation.serverCertificates[0];
    },
  });
  if (der === undefined) throw new Error(`no server certificate on stream ${stream} of ${capture}`);
  return new X509Certificate(der).toString();
}

export async function capturedConversation(capture: string, key: string, stream: number): Promise<CapturedConversation> {
  const decryption = await DecryptionContext.create({ keys: [key], keylogs: [], psks: [] });
  const { conversations } = await loadConversations(capture, { decryption, select: (s) => s === stream });
  const found = conversations[0];
  if (found === undefined) throw new Error(`no stream ${stream} in ${capture}`);
  return found;
}

/** A change to the answer for one path: the captured answer goes through it first; 'close' drops the connection instead. */
export type Tamper = (path: string, answer: Answer) => Answer | 'close';

export interface Answer {
  readonly status: number;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: Uint8Array;
}

const untouched: Tamper = (_, answer) => answer;

/** The captured answer to a request, by method and path, without pseudo-headers. */
function answerFor(exchanges: readonly HttpExchange[], method: string | undefined, path: string | undefined): Answer | undefined {
  const exchange = exchanges.find((e) => e.method === method && e.path === path);
  if (exchange?.response === null || exchange?.response === undefined || exchange.status === null) return undefined;
  const headers = exchange.response.headers.filter((h) => !h.name.startsWith(':')).map((h) => [h.name, h.value] as const);
  return { status: exchange.status, headers, body: exchange.response.body ?? new Uint8Array(0) };
}

function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the server is not listening on TCP');
  return address.port;
}

type Seen = Pick<LiveServer, 'seen' | 'headers' | 'bodies'>;

const nothingSeen = (): Seen => ({ seen: [], headers: [], bodies: [] });

/** Listens on a loopback port; close() drops the open connections, then stops the server. */
async function onLoopback(server: Server, seen: Seen, dropConnections: () => void): Promise<LiveServer> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = portOf(server);
  const close = async (): Promise<void> => {
    dropConnections();
    server.close();
    await once(server, 'close');
  };
  return { port, target: `127.0.0.1:${port}`, ...seen, close };
}

function respond(exchanges: readonly HttpExchange[], tamper: Tamper, { seen, headers, bodies }: Seen) {
  return (request: IncomingMessage | Http2ServerRequest, response: ServerResponse | Http2ServerResponse): void => {
    seen.push(`${request.method} ${request.url}`);
    headers.push(request.headers);
    const body: Buffer[] = [];
    request.on('data', (chunk: Buffer) => body.push(chunk));
    request.on('end', () => {
      bodies.push(Buffer.concat(body).toString('utf8'));
      const captured = answerFor(exchanges, request.method, request.url);
      if (captured === undefined) {
        response.writeHead(404);
        response.end();
        return;
      }
      const answer = tamper(request.url ?? '', captured);
      if (answer === 'close') {
        request.socket.destroy();
        return;
      }
      // The captured Date stays out (the default ignore list covers it); node adds its own.
      for (const [name, value] of answer.headers) if (name.toLowerCase() !== 'date') response.setHeader(name, value);
      response.writeHead(answer.status);
      response.end(Buffer.from(answer.body));
    });
  };
}

export interface TlsIdentity {
  /** Path of the PEM private key. */
  readonly key: string;
  /** The certificate, PEM. */
  readonly cert: string;
}

/** An HTTP/1.1 server, HTTPS with `tls` or plain without, answering with the capture's exchanges. */
export async function http1LikeCapture(conversation: CapturedConversation, tls: TlsIdentity | undefined, tamper: Tamper = untouched): Promise<LiveServer> {
  const seen = nothingSeen();
  const handler = respond(conversation.exchanges, tamper, seen);
  const server = tls === undefined ? createHttpServer(handler) : createHttpsServer({ key: readFileSync(tls.key), cert: tls.cert }, handler);
  return onLoopback(server, seen, () => server.closeAllConnections());
}

/** The same over HTTP/2 (ALPN h2 only). */
export async function http2LikeCapture(conversation: CapturedConversation, tls: TlsIdentity, tamper: Tamper = untouched): Promise<LiveServer> {
  const seen = nothingSeen();
  const server = createSecureServer({ key: readFileSync(tls.key), cert: tls.cert, allowHTTP1: false }, respond(conversation.exchanges, tamper, seen));
  const sessions = new Set<{ destroy(): void }>();
  server.on('session', (session) => sessions.add(session));
  return onLoopback(server, seen, () => {
    for (const session of sessions) session.destroy();
  });
}

/** A plain TCP server that runs `script` on each connection. */
export async function tcpServer(script: (socket: Socket) => void): Promise<LiveServer> {
  const seen = nothingSeen();
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    seen.seen.push(`${socket.remoteAddress}:${socket.remotePort}`);
    socket.on('error', () => undefined);
    script(socket);
  });
  return onLoopback(server, seen, () => {
    for (const socket of sockets) socket.destroy();
  });
}

/** Runs `run` with the server, closing it whatever happens. */
export async function withServer<T>(server: LiveServer, run: (server: LiveServer) => Promise<T>): Promise<T> {
  try {
    return await run(server);
  } finally {
    await server.close();
  }
}

/** A port nobody listens on: one that was just listened on and closed. */
/**
 * A loopback port that refuses connections. Ports below the ephemeral range (32768 on Linux) are
 * never handed out by listen(0), so a test running beside this one cannot start listening there
 * between this check and the connection that expects to be refused (a port just closed could be).
 */
const NEVER_EPHEMERAL = [1, 7, 9, 13, 19, 37];

export async function closedPort(): Promise<number> {
  for (const port of NEVER_EPHEMERAL) if (await refuses(port)) return port;
  throw new Error(`every one of ports ${NEVER_EPHEMERAL.join(', ')} on 127.0.0.1 accepts connections`);
}

function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}
