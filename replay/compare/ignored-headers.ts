/**
 * Response header fields a replay comparison leaves out by default, each with why: they change on
 * every response (RFC 9110 6.6.1 Date, RFC 9111 5.1 Age and 5.3 Expires, W3C Server-Timing,
 * request and trace ids), belong to the connection rather than the resource (RFC 9110 7.6.1
 * hop-by-hop fields, which HTTP/2 forbids, RFC 9113 8.2.2), or are validators a redeploy changes
 * without changing the content (RFC 9110 8.8). `--ignore-header NAME` adds to the list.
 * Set-Cookie is compared by cookie name only: its values are session secrets, new each time.
 */

export const DEFAULT_IGNORED_HEADERS = {
  date: 'the time of the response',
  age: 'seconds the response sat in a cache',
  expires: 'usually computed from the current time',
  'last-modified': 'a validator that changes on redeploys',
  etag: 'a validator that changes on redeploys',
  'server-timing': 'durations measured per response',
  'x-request-id': 'an id per request',
  'x-correlation-id': 'an id per request',
  'x-amzn-trace-id': 'an id per request',
  'x-amz-cf-id': 'an id per request',
  'cf-ray': 'an id per request',
  traceparent: 'an id per request (W3C Trace Context)',
  tracestate: 'per-request trace state (W3C Trace Context)',
  connection: 'hop-by-hop: how this connection is managed',
  'keep-alive': 'hop-by-hop: how this connection is managed',
  'proxy-connection': 'hop-by-hop: how this connection is managed',
  'transfer-encoding': 'hop-by-hop: how this connection framed the body (the body is compared decoded)',
} as const satisfies Readonly<Record<string, string>>;

/** Header fields whose values are compared by a part of them only. */
export const VALUE_KEYS: Readonly<Record<string, (value: string) => string>> = {
  // Cookie name=value; attributes: the name says which cookie, the value is a new secret each time.
  'set-cookie': (value) => value.split('=')[0]?.trim() ?? '',
};

export function ignoredHeaders(extra: readonly string[]): ReadonlySet<string> {
  return new Set([...Object.keys(DEFAULT_IGNORED_HEADERS), ...extra.map((name) => name.trim().toLowerCase())]);
}
