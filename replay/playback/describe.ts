/**
 * One event as a short phrase ("ClientHello  SNI example.com", "96 B  GET / HTTP/1.1..",
 * "closed by FIN"), for the playback lines of the CLI and the TUI. Who sent it and when are
 * shown by the caller.
 */
import type { DecryptionStatus } from '../../dissect/decrypt/verdict.js';
import type { AlertEvent, CloseEvent, DataEvent, HandshakeEvent, OpenEvent, PlaybackEvent, PlaybackEventKind, VerdictEvent } from './events.js';

const CLOSES: Readonly<Record<CloseEvent['reason'], string>> = {
  fin: 'closed by FIN',
  rst: 'reset (RST)',
  'end-of-capture': 'still open at the end of the capture',
  evicted: 'dropped from the flow table (idle)',
  'port-reuse': 'ended by a new connection on the same ports',
};

const VERDICTS: Readonly<Record<DecryptionStatus, string>> = {
  decrypted: 'decrypted',
  partial: 'partly decrypted',
  'not-decrypted': 'not decrypted',
};

function handshake(e: HandshakeEvent): string {
  const settled = [e.sni === undefined ? undefined : `SNI ${e.sni}`, e.version, e.cipherSuite, e.alpn === undefined ? undefined : `ALPN ${e.alpn}`].filter((f) => f !== undefined);
  const name = e.encrypted ? `${e.message} (encrypted)` : e.message;
  return settled.length === 0 ? name : `${name}  ${settled.join(', ')}`;
}

function verdict(e: VerdictEvent): string {
  const d = e.decryption;
  const how = d.source === null ? '' : ` with ${d.source}`;
  const records = `${d.records.decrypted} of ${d.records.protected} protected records`;
  return `${VERDICTS[d.status]}${how}: ${records}${d.reason === null ? '' : `; ${d.reason}`}`;
}

type EventOf = { readonly [E in PlaybackEvent as E['event']]: E };

/** Keyed by event kind, each describer typed for its own kind (a correlated record, TS 4.6). */
const DESCRIBERS: { readonly [K in PlaybackEventKind]: (e: EventOf[K]) => string } = {
  open: (e: OpenEvent) => `${e.client} → ${e.server} opened`,
  handshake,
  data: (e: DataEvent) => `${e.length} B  ${e.preview}`,
  alert: (e: AlertEvent) => (e.level === null ? 'alert (encrypted)' : `alert ${e.level} ${e.description ?? ''}${e.encrypted ? ' (encrypted)' : ''}`),
  close: (e: CloseEvent) => CLOSES[e.reason],
  verdict,
};

export function describeEvent<K extends PlaybackEventKind>(event: EventOf[K] & { readonly event: K }): string {
  const describer: (e: EventOf[K]) => string = DESCRIBERS[event.event];
  return describer(event);
}
