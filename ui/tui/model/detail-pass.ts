/**
 * The detail pass: a second analyze() over the capture that keeps only one flow (a tcp.stream, or
 * a udp.stream carrying DTLS), gathering
 * what connection-detail.ts describes (RFC 8446 5.1 records and their messages, RFC 9110 3.9
 * exchanges, the explain story). Kept bytes are bounded. Runs on a worker (index-worker.ts).
 */
import { analyze, type AnalyzeListener } from '../../../dissect/analyze.js';
import type { DecryptionContext } from '../../../dissect/decrypt/context.js';
import { HttpAnalyzer } from '../../../dissect/http/analyzer.js';
import type { HttpExchange } from '../../../dissect/http/exchange.js';
import { dtlsRecordTree } from '../../../dissect/dtls/display.js';
import { DTLS_RECORD_HEADER, isDtlsRecord } from '../../../dissect/dtls/record.js';
import { RECORD_HEADER as TLS_RECORD_HEADER } from '../../../dissect/tls/detect.js';
import { recordTree, messageTree } from '../../../dissect/tls/display.js';
import { DTLS_HANDSHAKE_HEADER_LENGTH } from '../../../dissect/tls/messages/dtls-header.js';
import type { TlsSession } from '../../../dissect/tls/session.js';
import { loadX509 } from '../../../dissect/tls/x509/lazy.js';
import { connectionReport, conversationReport, type SessionReport } from '../../../dissect/report.js';
import { explainStory, PLAIN_STYLE } from '../../cli/explain-story.js';
import type { ConnectionDetail, FollowChunk, RecordDetail } from './connection-detail.js';
import { flowOfKey } from './flow-key.js';

/** Record contents kept for the plaintext hex view, per connection. */
const MAX_CONTENT_BYTES = 16 * 1024 * 1024;
/** Records whose trees are kept, per connection. */
const MAX_RECORDS = 50_000;
/** Decrypted application data kept for the follow view. */
const MAX_FOLLOW_BYTES = 8 * 1024 * 1024;
/** Where a handshake message's body starts after its header: RFC 8446 4, and RFC 6347 4.2.2 for DTLS. */
const MESSAGE_HEADER = { tcp: 4, udp: DTLS_HANDSHAKE_HEADER_LENGTH } as const;

/** Runs the targeted pass for one flow (its key, flow-key.ts). */
export async function loadConnectionDetail(path: string, key: number, decryption: DecryptionContext): Promise<ConnectionDetail> {
  const flow = flowOfKey(key);
  if (flow.transport === 'tcp') decryption.explainStream = flow.index;
  else decryption.explainConversation = flow.index;
  const x509 = await loadX509();
  const records: RecordDetail[] = [];
  const last: [RecordDetail | undefined, RecordDetail | undefined] = [undefined, undefined];
  const follow: FollowChunk[] = [];
  const exchanges: HttpExchange[] = [];
  let contentBytes = 0;
  let followBytes = 0;
  let followCut = false;
  const mine = (s: TlsSession): boolean => s.transport === flow.transport && s.connection.index === flow.index;
  const http = new HttpAnalyzer((exchange) => {
    if (flow.transport === 'tcp' && exchange.stream === flow.index) exchanges.push(exchange);
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
      const [tree] = isDtlsRecord(r) ? dtlsRecordTree(event, r) : recordTree(event);
      if (tree === undefined) return;
      const detail: RecordDetail = { frame: r.frame, direction: r.direction, tree, messages: [], spans: r.spans, headerLength: isDtlsRecord(r) ? DTLS_RECORD_HEADER : TLS_RECORD_HEADER, protected: event.protected, content: keep ? content.slice() : undefined };
      records.push(detail);
      last[r.direction] = detail;
    },
    message(s, message, decoded) {
      if (!mine(s)) return;
      const record = last[message.direction];
      if (record === undefined) return;
      const first = message.pieces[0];
      const final = message.pieces.at(-1);
      const whole = first !== undefined && final !== undefined && message.pieces.every((p) => p.recordIndex === first.recordIndex);
      const place = whole ? { start: first.offset, body: first.offset + MESSAGE_HEADER[s.transport], end: final.offset + final.length } : undefined;
      record.messages.push({ nodes: messageTree(message, decoded, x509), place });
    },
    // A DTLS message sent again whole shows under the record that carries it, as in Wireshark.
    retransmittedMessage(s, message, decoded) {
      listener.message?.(s, message, decoded);
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
      if (!mine(session)) return;
      http.finished(connection);
      tellStory = story(session, connectionReport(connection, session));
    },
    finishedUdp(conversation, session) {
      if (mine(session)) tellStory = story(session, conversationReport(conversation, session));
    },
  };
  const story = async (session: TlsSession, report: Promise<SessionReport>): Promise<string[]> => {
    const r = await report;
    return r.tls === null ? [] : explainStory(session, r, decryption.trace, PLAIN_STYLE);
  };
  let tellStory: Promise<string[]> = Promise.resolve([]);
  await analyze(path, listener, { decryption });
  return { key, records, follow, followCut, exchanges, story: await tellStory };
}

