/**
 * DTLS fields, as Wireshark 4.0's DTLS dissector names them: the record and handshake fields it
 * shares with TLS under dtls.* (same meaning, read by the TLS tables' own specs), the record
 * epoch and sequence number (RFC 6347 4.1), and the dtls protocol itself. keyhole.decrypted
 * marks DTLS records keyhole decrypted as it does TLS ones.
 */
import { isDtlsRecord } from '../../dtls/record.js';
import type { TlsRecordEvent } from '../../tls/session.js';
import { presence, type FieldSpec, type FieldTable } from './spec.js';
import { MESSAGE_FIELDS, RECORD_FIELDS, type MessageContext } from './tls.js';

/** The TLS fields Wireshark's DTLS dissector also has, by their TLS names. */
const SHARED_RECORD_FIELDS = [
  'tls.record', 'tls.record.content_type', 'tls.record.version', 'tls.record.length', 'tls.handshake',
  'tls.alert_message', 'tls.alert_message.level', 'tls.alert_message.desc',
] as const;
const SHARED_MESSAGE_FIELDS = [
  'tls.handshake.type', 'tls.handshake.version', 'tls.handshake.random', 'tls.handshake.session_id_length', 'tls.handshake.session_id',
  'tls.handshake.ciphersuite', 'tls.handshake.extension.type', 'tls.handshake.extensions_server_name', 'tls.handshake.extensions_alpn_str',
  'tls.handshake.ja3', 'tls.handshake.ja3_full', 'tls.handshake.ja3s', 'tls.handshake.ja3s_full',
] as const;

/** The rows of `table` named in `names`, each under its dtls.* name. */
function asDtls<Context, Name extends string>(table: Readonly<Record<Name, FieldSpec<Context>>>, names: readonly Name[]): FieldTable<Context> {
  return Object.fromEntries(names.map((name) => [name.replace(/^tls\./, 'dtls.'), table[name]]));
}

function dtlsNumber(read: (record: { readonly epoch: number; readonly sequence: number }) => number): FieldSpec<TlsRecordEvent> {
  return { type: 'uint', values: ({ record }) => (isDtlsRecord(record) ? [read(record)] : []) };
}

export const DTLS_RECORD_FIELDS: FieldTable<TlsRecordEvent> = {
  dtls: presence(() => true),
  ...asDtls(RECORD_FIELDS, SHARED_RECORD_FIELDS),
  'dtls.record.epoch': dtlsNumber((r) => r.epoch),
  'dtls.record.sequence_number': dtlsNumber((r) => r.sequence),
  'keyhole.decrypted': RECORD_FIELDS['keyhole.decrypted'],
};

export const DTLS_MESSAGE_FIELDS: FieldTable<MessageContext> = asDtls(MESSAGE_FIELDS, SHARED_MESSAGE_FIELDS);
