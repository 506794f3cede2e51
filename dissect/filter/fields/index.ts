/**
 * The field registry: every field name keyhole's filters know, with its type and the kind of
 * event its values come from. Each event kind has its own table (one file each); this joins them.
 */
import type { FieldType } from '../values.js';
import { CONNECTION_FIELDS } from './connection.js';
import { FRAME_FIELDS } from './frame.js';
import { HTTP_FIELDS } from './http.js';
import { MESSAGE_FIELDS, RECORD_FIELDS } from './tls.js';
import { CERTIFICATE_FIELDS } from './x509.js';
import type { FieldTable } from './spec.js';

export type FieldSource = 'frame' | 'connection' | 'record' | 'message' | 'certificate' | 'http';

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
  ...entries('certificate', CERTIFICATE_FIELDS),
  ...entries('http', HTTP_FIELDS),
]);

export type { ConnectionContext } from './connection.js';
export type { FrameContext } from './frame.js';
export type { HttpMessageFacts } from './http.js';
export type { MessageContext } from './tls.js';
