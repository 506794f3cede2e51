/**
 * Who is the server when the capture missed the SYN. keyhole's documented heuristic, in order:
 * 1. a port in the well-known services table below is the server;
 * 2. otherwise a port below 1024 facing one at or above 1024 is the server;
 * 3. otherwise the lower port is the server (ephemeral ports are high);
 * 4. equal ports: the sender of the first packet seen is the client.
 */

/** Ports where TLS (or a protocol that upgrades to it) is served; checked before the 1024 rule. */
const SERVER_PORTS: ReadonlySet<number> = new Set([
  21, 22, 25, 80, 110, 143, 389, 443, 465, 587, 636, 853, 989, 990, 992, 993, 994, 995, 1433, 1521, 2376, 2484, 3128, 3306, 3389,
  4433, 4443, 5061, 5222, 5223, 5269, 5432, 5671, 5986, 6379, 6443, 6514, 6697, 8000, 8080, 8443, 8883, 9093, 9443, 27017,
]);

/** True when the sender of this first packet (source port `from`, destination `to`) is the client. */
export function senderIsClient(from: number, to: number): boolean {
  const fromKnown = SERVER_PORTS.has(from);
  const toKnown = SERVER_PORTS.has(to);
  if (fromKnown !== toKnown) return toKnown;
  if ((from < 1024) !== (to < 1024)) return to < 1024;
  if (from !== to) return to < from;
  return true;
}
