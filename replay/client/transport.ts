/**
 * The connection a replay talks over: TLS (RFC 8446 / RFC 5246 via node:tls) with the captured
 * server name (RFC 6066 3) and ALPN list (RFC 7301) unless overridden, certificate checks on
 * unless `insecure`, or plain TCP. Failures become one line that says what to do.
 */
import { isIP, connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type TLSSocket } from 'node:tls';
import type { Target } from './target.js';

export interface TransportOptions {
  readonly plain: boolean;
  /** SNI to send; none is sent for an IP address (RFC 6066 3 forbids literal addresses). */
  readonly servername: string | undefined;
  readonly alpn: readonly string[];
  readonly insecure: boolean;
  /** Extra trusted CA certificates (PEM). */
  readonly ca: string | undefined;
  readonly timeoutMs: number;
}

export interface OpenTransport {
  readonly socket: Socket | TLSSocket;
  /** What the server chose by ALPN; undefined on plain TCP or when nothing was negotiated. */
  readonly alpn: string | undefined;
}

/** A replay that could not go on: one line, which the caller prefixes with the target. */
export class ReplayError extends Error {
  override readonly name = 'ReplayError';
}

const ERRNO_HINTS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused (nothing listening there?)',
  ECONNRESET: 'the server reset the connection',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name did not resolve',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'timed out',
  EPIPE: 'the server closed the connection',
};

/** TLS failures (OpenSSL's reason codes as node names them) with what to do about them. */
const TLS_HINTS: Readonly<Record<string, string>> = {
  ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL: 'the server accepts none of the offered ALPN protocols (RFC 7301 alert 120); --alpn offers others',
  ERR_SSL_TLSV1_UNRECOGNIZED_NAME: 'the server does not know the server name sent (alert 112); --servername sends another',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server did not answer in TLS (a plaintext server? --plain replays without TLS)',
};

const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function codeOf(error: Error): string | undefined {
  return 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** One line for a socket or TLS error, with the remedy where there is one. */
function describeSocketError(error: Error): string {
  const code = codeOf(error);
  if (code !== undefined && CERTIFICATE_CODES.has(code)) return `certificate not trusted (${error.message}); pass --ca FILE or --insecure`;
  const hint = code === undefined ? undefined : (ERRNO_HINTS[code] ?? TLS_HINTS[code]);
  // OpenSSL's own message is a colon-separated trace ending in a line break; its reason is the readable part.
  const reason = 'reason' in error && typeof error.reason === 'string' ? `TLS: ${error.reason}` : undefined;
  return hint ?? reason ?? error.message.split('\n')[0] ?? error.message;
}

export function openTransport(target: Target, options: TransportOptions): Promise<OpenTransport> {
  return new Promise((resolve, reject) => {
    const ready = options.plain ? 'connect' : 'secureConnect';
    const socket = options.plain
      ? connectTcp({ host: target.host, port: target.port })
      : connectTls({
          host: target.host,
          port: target.port,
          ...(options.servername === undefined || isIP(options.servername) !== 0 ? {} : { servername: options.servername }),
          ...(options.alpn.length === 0 ? {} : { ALPNProtocols: [...options.alpn] }),
          rejectUnauthorized: !options.insecure,
          ...(options.ca === undefined ? {} : { ca: options.ca }),
        });
    const timer = setTimeout(() => fail(new ReplayError(`no connection after ${options.timeoutMs} ms`)), options.timeoutMs);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(error instanceof ReplayError ? error : new ReplayError(describeSocketError(error)));
    };
    socket.once('error', fail);
    socket.once(ready, () => {
      clearTimeout(timer);
      socket.off('error', fail);
      const alpn = 'alpnProtocol' in socket && typeof socket.alpnProtocol === 'string' ? socket.alpnProtocol : undefined;
      resolve({ socket, alpn });
    });
  });
}
