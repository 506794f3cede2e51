/**
 * `--serve [HOST:]PORT`: a port alone listens on 127.0.0.1; a host may be a name, an IPv4 address
 * or a bracketed IPv6 address (RFC 3986 3.2.2). Port 0 asks the system for a free port.
 */

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

const DEFAULT_HOST = '127.0.0.1';

const FORMS = [/^(\d{1,5})$/, /^\[([0-9A-Fa-f:.]+)\]:(\d{1,5})$/, /^([A-Za-z0-9._-]+):(\d{1,5})$/] as const;

/** The address, or undefined when the text is not [HOST:]PORT with a port from 0 to 65535. */
export function parseListenAddress(text: string): ListenAddress | undefined {
  for (const form of FORMS) {
    const match = form.exec(text.trim());
    if (match === null) continue;
    const [host, port] = match.length === 2 ? [DEFAULT_HOST, match[1]] : [match[1], match[2]];
    const number = Number(port);
    return host !== undefined && number <= 65535 ? { host, port: number } : undefined;
  }
  return undefined;
}
