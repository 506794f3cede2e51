/**
 * The detail pass: a second analyze() over the capture that keeps only one tcp.stream, gathering
 * what connection-detail.ts describes (RFC 8446 5.1 records and their messages, RFC 9110 3.9
 * exchanges, the explain story). Kept bytes are bounded. Runs on a worker (index-worker.ts).
 */
import { analyze, type AnalyzeListener } from '../../../dissect/analyze.js';
import type { DecryptionContext } from '../../../dissect/decrypt/context.js';
import { HttpAnalyzer } from '../../../dissect/http/analyzer.js';
import type { HttpExchange } from '../../../dissect/http/exchange.js';
import { recordTree, messageTree } from '../../../dissect/tls/display.js';
import type { TlsSession } from '../../../dissect/tls/session.js';
import { loadX509 } from '../../../dissect/tls/x509/lazy.js';
import { connectionReport } from '../../../dissect/report.js';
import { explainStory, PLAIN_STYLE } from '../../cli/explain-story.js';
import type { ConnectionDetail, FollowChunk, RecordDetail } from './connection-detail.js';

/** Record contents kept for the plaintext hex view, per connection. */
const MAX_CONTENT_BYTES = 16 * 1024 * 1024;
/** Records whose trees are kept, per connection. */
const MAX_RECORDS = 50_000;
/** Decrypted application data kept for the follow view. */
const MAX_FOLLOW_BYTES = 8 * 1024 * 1024;
/** Where a handshake message's body starts after its header (RFC 8446 4). */
const MESSAGE_HEADER = 4;

/** Runs the targeted pass for one stream. */
export async function loadConnectionDetail(path: string, stream: number, decryption: DecryptionContext): Promise<ConnectionDetail> {
  decryption.explainStream = stream;
  const x509 = await loadX509();
  const records: RecordDetail[] = [];
  const last: [RecordDetail | undefined, RecordDetail | undefined] = [undefined, undefined];
  const follow: FollowChunk[] = [];
  const exchanges: HttpExchange[] = [];
  let contentBytes = 0;
  let followBytes = 0;
  let followCut = false;
  const mine = (s: TlsSession): boolean => s.transport === 'tcp' && s.connection.index === stream;
  const http = new HttpAnalyzer((exchange) => {
    if (exchange.stream === stream) exchanges.push(exchange);
  });
  const listener: AnalyzeListener = {
    record(event) {
      if (!mine(event.session)) return;
      http.record(event);
      if (records.length >= MAX_RECORDS) return;
      const r = event.record;
      const content = event.opened?.plaintext ?? (event.protected ? undefined : r.fragment);
      const keep = content !== undefined && contentBytes + content.length <= MAX_CONTENT_BYTES;
      if (keep) contentBytes += content.length;
      const [tree] = recordTree(event);
      if (tree === undefined) return;
      const detail: RecordDetail = { frame: r.frame, direction: r.direction, tree, messages: [], spans: r.spans, protected: event.protected, content: keep ? content.slice() : undefined };
      records.push(detail);
      last[r.direction] = detail;
    },
    message(s, message, decoded) {
      if (!mine(s)) return;
      const record = last[message.direction];
      if (record === undefined) return;
      const first = message.pieces[0];
      const whole = first !== undefined && message.pieces.every((p) => p.recordIndex === first.recordIndex);
      record.messages.push({ nodes: messageTree(message, decoded, x509), base: whole ? first.offset + MESSAGE_HEADER : undefined });
    },
    applicationData(s, direction, plaintext, record) {
      if (!mine(s)) return;
      http.applicationData(s, direction, plaintext, record);
      if (followBytes + plaintext.length > MAX_FOLLOW_BYTES) {
        followCut = true;
        return;
      }
      followBytes += plaintext.length;
      follow.push({ direction, frame: record.frame, bytes: plaintext.slice() });
    },
    plaintext(s, chunk) {
      if (mine(s)) http.plaintext(s, chunk);
    },
    finished(connection, session) {
      if (connection.index !== stream) return;
      http.finished(connection);
      tellStory = connectionReport(connection, session).then((report) => (report.tls === null ? [] : explainStory(session, report, decryption.trace, PLAIN_STYLE)));
    },
  };
  let tellStory: Promise<string[]> = Promise.resolve([]);
  await analyze(path, listener, { decryption });
  return { stream, records, follow, followCut, exchanges, story: await tellStory };
}

