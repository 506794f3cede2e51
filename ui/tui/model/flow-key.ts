/**
 * The UI's one number for a flow, so a TCP connection and a UDP conversation (a DTLS session)
 * can share the lists, caches and state that are keyed by a number: tcp.stream N is 2N and
 * udp.stream N is 2N + 1. Wireshark numbers the two apart, so each keeps its own index.
 */
import type { Transport } from '../../../dissect/transport.js';

export interface Flow {
  readonly transport: Transport;
  /** tcp.stream or udp.stream. */
  readonly index: number;
}

export function flowKey(flow: Flow): number {
  return flow.index * 2 + (flow.transport === 'udp' ? 1 : 0);
}

export function flowOfKey(key: number): Flow {
  return { transport: key % 2 === 1 ? 'udp' : 'tcp', index: Math.floor(key / 2) };
}

/** "tcp.stream 3" or "udp.stream 0", as Wireshark's fields name them. */
export function flowLabel(flow: Flow): string {
  return `${flow.transport}.stream ${flow.index}`;
}

/** The stream column: the bare number for TCP (the usual case), "udp N" for a conversation, as `dissect` prints it. */
export function flowColumn(flow: Flow): string {
  return flow.transport === 'tcp' ? String(flow.index) : `udp ${flow.index}`;
}
