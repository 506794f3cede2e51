/**
 * The field registry: every field name keyhole's filters know, with its type and the kind of
 * event its values come from. Each event kind has its own table (one file each); this joins them.
 */
import type { FieldType } from '../values.js';
import { CONNECTION_FIELDS } from './connection.js';
import { CONVERSATION_FIELDS } from './conversation.js';
import { DTLS_MESSAGE_FIELDS, DTLS_RECORD_FIELDS } from './dtls.js';
import { FRAME_FIELDS } from './frame.js';
import { HTTP_FIELDS } from './http.js';
import { MESSAGE_FIELDS, RECORD_FIELDS } from './tls.js';
import { CERTIFICATE_FIELDS } from './x509.js';
import type { FieldTable } from './spec.js';

export type FieldSource = 'frame' | 'connection' | 'conversation' | 'record' | 'message' | 'dtls-record' | 'dtls-message' | 'certificate' | 'http';

export interface FieldInfo {
  readonly name: string;
  readonly type: FieldType;
  readonly source: FieldSource;
}

function entries<Context>(source: FieldSource, table: FieldTable<Context>): Array<[string, FieldInfo]> {
  return Object.entries(table).map(([name, spec]) => [name, { name, type: spec.type, source }]);
}

export const FIELDS: ReadonlyMap<string, FieldInfo> = new Map([
  ...entries('frame', FRAME_FIELDS),
  ...entries('connection', CONNECTION_FIELDS),
  ...entries('record', RECORD_FIELDS),
  ...entries('message', MESSAGE_FIELDS),
  ...entries('conversation', CONVERSATION_FIELDS),
  // keyhole.decrypted is in both record tables; TLS's row, of the same type, is kept.
  ...entries('dtls-record', DTLS_RECORD_FIELDS).filter(([name]) => !(name in RECORD_FIELDS)),
  ...entries('dtls-message', DTLS_MESSAGE_FIELDS),
  ...entries('certificate', CERTIFICATE_FIELDS),
  ...entries('http', HTTP_FIELDS),
]);

export type { ConnectionContext } from './connection.js';
export type { ConversationContext } from './conversation.js';
export type { FrameContext } from './frame.js';
export type { HttpMessageFacts } from './http.js';
export type { MessageContext } from './tls.js';
