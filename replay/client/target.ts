/** `--to HOST:PORT`: a host name, an IPv4 address or a bracketed IPv6 address (RFC 3986 3.2.2), and a port. */

export interface Target {
  readonly host: string;
  readonly port: number;
}

const FORMS = [/^\[([0-9A-Fa-f:.]+(?:%[\w.-]+)?)\]:(\d{1,5})$/, /^([A-Za-z0-9._-]+):(\d{1,5})$/] as const;

/** The target, or undefined when the text is not HOST:PORT with a port from 1 to 65535. */
export function parseTarget(text: string): Target | undefined {
  for (const form of FORMS) {
    const match = form.exec(text.trim());
    if (match === null) continue;
    const [, host = '', port = ''] = match;
    const number = Number(port);
    return number >= 1 && number <= 65535 ? { host, port: number } : undefined;
  }
  return undefined;
}

export function formatTarget(target: Target): string {
  return target.host.includes(':') ? `[${target.host}]:${target.port}` : `${target.host}:${target.port}`;
}
