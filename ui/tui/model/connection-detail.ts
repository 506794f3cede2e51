/**
 * Everything the detail panes show of one connection (detail-pass.ts gathers it on a worker):
 * each record's detail tree (dissect/tls/display.ts, as `dissect -V`) with its handshake messages
 * and where its bytes were captured (RFC 5246 6.2: a 5-byte header, then the fragment), the
 * record contents for the plaintext hex view, the decrypted conversation (follow), its HTTP
 * exchanges and the explain trace of its key schedule. The last few connections are cached.
 */
import type { HttpExchange } from '../../../dissect/http/exchange.js';
import type { RecordSpan } from '../../../dissect/tls/record.js';
import type { TreeNode } from '../../../dissect/tree.js';

const CACHED_CONNECTIONS = 4;

export interface MessageDetail {
  readonly nodes: readonly TreeNode[];
  /** Where the message (header, body, end) lies in the record's content, when it lies whole in that record. */
  readonly place: { readonly start: number; readonly body: number; readonly end: number } | undefined;
}

export interface RecordDetail {
  readonly frame: number;
  readonly direction: 0 | 1;
  readonly tree: TreeNode;
  readonly messages: MessageDetail[];
  /** Where the record's header and fragment bytes were captured, in order. */
  readonly spans: readonly RecordSpan[];
  /** Bytes of record header before the fragment: 5 for TLS, 13 for DTLS (RFC 6347 4.1). */
  readonly headerLength: number;
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
  /** The flow's key (flow-key.ts). */
  readonly key: number;
  readonly records: readonly RecordDetail[];
  readonly follow: readonly FollowChunk[];
  /** Application data was left out past MAX_FOLLOW_BYTES. */
  readonly followCut: boolean;
  readonly exchanges: readonly HttpExchange[];
  /** The `keyhole explain` story of the session (empty when the flow is not TLS or DTLS). */
  readonly story: readonly string[];
}

/** A record's top node: its record layer, then the messages it completed. */
export function recordNode(record: RecordDetail): TreeNode {
  return { ...record.tree, children: [...(record.tree.children ?? []), ...record.messages.flatMap((m) => m.nodes)] };
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

/** The last few connections' details by flow key, each loaded once by `load` (a pass on a worker thread, in the app). */
export class DetailCache {
  private readonly entries = new Map<number, Promise<ConnectionDetail>>();

  constructor(private readonly load: (key: number) => Promise<ConnectionDetail>) {}

  get(key: number): Promise<ConnectionDetail> {
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const loading = this.load(key);
    this.entries.set(key, loading);
    loading.catch(() => this.entries.delete(key));
    while (this.entries.size > CACHED_CONNECTIONS) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
    return loading;
  }
}
