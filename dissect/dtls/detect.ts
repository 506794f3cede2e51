/**
 * Who opened a UDP conversation, as far as its first datagram's DTLS says (the `clientHint` of
 * udp/conversation-table.ts): a ClientHello comes from the client; a message only servers send
 * (HelloVerifyRequest, ServerHello, ...) goes to it; any other DTLS record (the middle of a
 * session) shows DTLS without showing who started it.
 */
import { MESSAGE_SPECS } from '../tls/messages/registry.js';
import { ContentType } from '../tls/tables/index.js';
import type { ClientHint } from '../udp/conversation-table.js';
import { decodeDtlsFragment } from './fragment.js';
import { decodeDtlsRecord, isDtlsDatagram } from './record.js';

export function dtlsClientHint(payload: Uint8Array): ClientHint | undefined {
  if (!isDtlsDatagram(payload)) return undefined;
  const record = decodeDtlsRecord(payload);
  if (record.kind !== 'ok' || record.value.epoch !== 0 || record.value.contentType !== ContentType.handshake) return 'unknown';
  const fragment = decodeDtlsFragment(record.value.fragment);
  const sender = fragment.kind === 'ok' ? MESSAGE_SPECS[fragment.value.type]?.sender : undefined;
  if (sender === 'client') return 'sender-is-client';
  if (sender === 'server') return 'receiver-is-client';
  return 'unknown';
}
