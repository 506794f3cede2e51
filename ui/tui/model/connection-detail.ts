/**
 * Everything the detail panes show of one connection, from a second analyze() pass that keeps
 * only that tcp.stream: each record's detail tree (dissect/tls/display.ts, as `dissect -V`) with
 * its handshake messages and where its bytes were captured, the record contents for the
 * plaintext hex view, the decrypted conversation (follow), its HTTP exchanges (RFC 9110 3.9)
 * and the explain trace of its key schedule. Kept bytes are bounded; the last few connections
 * are cached.
 */
import { analyze, type AnalyzeListener } from '../../../dissect/analyze.js';
import type { DecryptionContext } from '../../../dissect/decrypt/context.js';
import type { ExplainTrace } from '../../../dissect/decrypt/explain-trace.js';
import { HttpAnalyzer } from '../../../dissect/http/analyzer.js';
import type { HttpExchange } from '../../../dissect/http/exchange.js';
import { recordTree, messageTree } from '../../../dissect/tls/display.js';
import type { RecordSpan } from '../../../dissect/tls/record.js';
import type { TlsSession } from '../../../dissect/tls/session.js';
import { loadX509 } from '../../../dissect/tls/x509/lazy.js';
import type { TreeNode } from '../../../dissect/tree.js';

/** Record contents kept for the plaintext hex view, per connection. */
const MAX_CONTENT_BYTES = 16 * 1024 * 1024;
/** Records whose trees are kept, per connection. */
const MAX_RECORDS = 50_000;
/** Decrypted application data kept for the follow view. */
const MAX_FOLLOW_BYTES = 8 * 1024 * 1024;
const CACHED_CONNECTIONS = 4;
export const RECORD_HEADER = 5;
const MESSAGE_HEADER = 4;

export interface MessageDetail {
  readonly nodes: readonly TreeNode[];
  /** Where the message body starts in the record's content, when it lies whole in that record. */
  readonly base: number | undefined;
}

export interface RecordDetail {
  readonly frame: number;
  readonly direction: 0 | 1;
  readonly tree: TreeNode;
  readonly messages: MessageDetail[];
  /** Where the record's header and fragment bytes were captured, in order. */
  readonly spans: readonly RecordSpan[];
  readonly protected: boolean;
  /** The decrypted content (or the clear fragment), when kept. */
  readonly content: Uint8Array | undefined;
}

export interface FollowChunk {
  readonly direction: 0 | 1;
  readonly frame: number;
  readonly bytes: Uint8Array;
}

export interface ConnectionDetail {
  readonly stream: number;
  readonly records: readonly RecordDetail[];
  readonly follow: readonly FollowChunk[];
  /** Application data was left out past MAX_FOLLOW_BYTES. */
  readonly followCut: boolean;
  readonly exchanges: readonly HttpExchange[];
  readonly trace: ExplainTrace;
}

/** A record's top node: its record layer, then the messages it completed. */
export function recordNode(record: RecordDetail): TreeNode {
  return { ...record.tree, children: [...(record.tree.children ?? []), ...record.messages.flatMap((m) => m.nodes)] };
}

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
    finished(connection) {
      if (connection.index === stream) http.finished(connection);
    },
  };
  await analyze(path, listener, { decryption });
  return { stream, records, follow, followCut, exchanges, trace: decryption.trace };
}

/** The byte ranges, within frame `frame`, of bytes `start`..`end` of a record (0 is the header's first byte). */
export function frameRanges(spans: readonly RecordSpan[], frame: number, start: number, end: number): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let at = 0;
  for (const span of spans) {
    const from = Math.max(start, at);
    const to = Math.min(end, at + span.length);
    if (span.frame === frame && span.frameOffset >= 0 && from < to) out.push({ start: span.frameOffset + from - at, end: span.frameOffset + to - at });
    at += span.length;
  }
  return out;
}

/** The last few connections' details, each loaded once by `load` (a pass on a worker thread, in the app). */
export class DetailCache {
  private readonly entries = new Map<number, Promise<ConnectionDetail>>();

  constructor(private readonly load: (stream: number) => Promise<ConnectionDetail>) {}

  get(stream: number): Promise<ConnectionDetail> {
    const cached = this.entries.get(stream);
    if (cached !== undefined) {
      this.entries.delete(stream);
      this.entries.set(stream, cached);
      return cached;
    }
    const loading = this.load(stream);
    this.entries.set(stream, loading);
    loading.catch(() => this.entries.delete(stream));
    while (this.entries.size > CACHED_CONNECTIONS) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
    return loading;
  }
}
