/**
 * What opening one protected record means for a session's verdict, the same over TCP and UDP: a
 * failure is counted with its reason; a success is counted with its application bytes, and the
 * first application record is kept for `keyhole explain`.
 */
import type { DecryptedRecord } from '../crypto/record-decryptor.js';
import type { OpenedRecord } from '../tls/session.js';
import type { TlsRecord } from '../tls/record.js';
import { ContentType } from '../tls/tables/index.js';
import type { ExplainTrace } from './explain-trace.js';
import type { DecryptionTracker } from './verdict.js';

const SIDE = ['client', 'server'] as const;

/** The opened content, or undefined with the failure counted. */
export function openedOrFailed(tracker: DecryptionTracker, record: TlsRecord, result: DecryptedRecord): OpenedRecord | undefined {
  if (result.verdict !== 'ok') {
    tracker.recordFailed(`${SIDE[record.direction]} record at frame ${record.frame}: ${result.diagnostic?.message ?? result.verdict}`);
    return undefined;
  }
  return { contentType: result.contentType, plaintext: result.plaintext };
}

export function countOpened(tracker: DecryptionTracker, trace: ExplainTrace | undefined, record: TlsRecord, opened: OpenedRecord): OpenedRecord {
  tracker.decryptedRecords++;
  if (opened.contentType === ContentType.application_data) {
    tracker.applicationBytes[record.direction] += opened.plaintext.length;
    if (trace !== undefined && trace.firstApplicationRecord === undefined) {
      trace.firstApplicationRecord = { frame: record.frame, direction: record.direction, ciphertextLength: record.length, plaintext: opened.plaintext.slice(0, 256) };
    }
  }
  return opened;
}
